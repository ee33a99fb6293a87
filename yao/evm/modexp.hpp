// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>

#include <yao/common/bytes.hpp>

namespace yao::evm {

/// Gas of a MODEXP (0x05) call under EIP-2565 (Berlin and later):
/// max(200, floor(ceil(max(Blen, Mlen) / 8)^2 * iteration_count / 3)), where the iteration count
/// comes from Elen and the first 32 bytes of the exponent. The three length words of the EIP-198
/// header may claim up to 2^256 - 1 bytes; the cost saturates at UINT64_MAX. Reads only the header
/// and the exponent head (input past its end reads as zero) and never allocates.
uint64_t modexp_gas(BytesView input) noexcept;

/// Output of MODEXP (EIP-198): base^exponent mod modulus as exactly Mlen big-endian bytes
/// (all zero when the modulus is 0; empty when Mlen is 0). Input past its end reads as zero.
/// Precondition: modexp_gas(input) <= INT64_MAX, i.e. the caller could charge it; that bounds
/// every length the computation allocates for. Runs GMP; thread-safe.
Bytes modexp_run(BytesView input) noexcept;

}  // namespace yao::evm
