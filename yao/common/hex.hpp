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

/// Parses hex text of exactly `size` bytes into `out` (Errc::kWrongLength otherwise).
Result<void> from_hex_exact(std::string_view text, uint8_t* out, size_t size);

/// Parses exactly N bytes of hex (Errc::kWrongLength otherwise).
template <size_t N>
Result<FixedBytes<N>> fixed_from_hex(std::string_view text) {
    FixedBytes<N> out;
    if (auto r = from_hex_exact(text, out.data(), N); !r) return std::unexpected(r.error());
    return out;
}

/// Parses a 32-byte hash from hex.
inline Result<Hash256> hash_from_hex(std::string_view text) { return fixed_from_hex<32>(text); }
/// Parses a 20-byte address from hex.
inline Result<Address> address_from_hex(std::string_view text) { return fixed_from_hex<20>(text); }

}  // namespace yao
