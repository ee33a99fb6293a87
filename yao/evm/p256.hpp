// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <yao/common/bytes.hpp>

namespace yao::evm {

/// The check of the P256VERIFY precompile (0x100, EIP-7951): `input` is h || r || s || qx || qy,
/// five 32-byte big-endian words. True iff the input is exactly 160 bytes, 0 < r < n, 0 < s < n,
/// qx < p, qy < p, (qx, qy) is a point of secp256r1 (P-256) other than (0, 0), and with
/// u1 = h * s^-1 mod n and u2 = r * s^-1 mod n the point R' = u1 * G + u2 * Q is not the point at
/// infinity and R'.x mod n == r. h is any 256-bit value (reduced mod n by the product; no
/// truncation). Thread-safe; the group arithmetic is OpenSSL's.
bool p256_verify(BytesView input) noexcept;

}  // namespace yao::evm
