// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <string>
#include <string_view>

#include "bytes.hpp"
#include "error.hpp"

namespace yao {

/// Lower-case hex of `data`, with a "0x" prefix when `prefix` is true.
std::string to_hex(BytesView data, bool prefix = true);

/// Parses hex text, with or without "0x"/"0X". Odd lengths and non-hex characters are errors
/// (Errc::kOddHexLength, Errc::kInvalidHexDigit).
Result<Bytes> from_hex(std::string_view text);

/// Parses exactly N bytes of hex (Errc::kWrongLength otherwise).
template <size_t N>
Result<FixedBytes<N>> fixed_from_hex(std::string_view text);

/// Parses a 32-byte hash from hex.
inline Result<Hash256> hash_from_hex(std::string_view text) { return fixed_from_hex<32>(text); }
/// Parses a 20-byte address from hex.
inline Result<Address> address_from_hex(std::string_view text) { return fixed_from_hex<20>(text); }

extern template Result<FixedBytes<20>> fixed_from_hex<20>(std::string_view);
extern template Result<FixedBytes<32>> fixed_from_hex<32>(std::string_view);
extern template Result<FixedBytes<256>> fixed_from_hex<256>(std::string_view);

}  // namespace yao
