// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include "bytes.hpp"

namespace yao {

/// SHA-256 (FIPS 180-4) of `data`, computed by OpenSSL. Used by the 0x02 precompile.
/// Thread-safe.
Hash256 sha256(BytesView data) noexcept;

/// RIPEMD-160 of `data`, computed by OpenSSL. Used by the 0x03 precompile (which left-pads the
/// 20 bytes to a 32-byte word). Thread-safe.
FixedBytes<20> ripemd160(BytesView data) noexcept;

}  // namespace yao
