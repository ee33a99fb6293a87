// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>

#include <yao/common/bytes.hpp>

#include "host.hpp"

namespace yao::evm {

/// Gas of a MODEXP (0x05) call under revision `rev`. The three length words of the EIP-198 header
/// may claim up to 2^256 - 1 bytes; the cost saturates at UINT64_MAX. Reads only the header and
/// the exponent head (input past its end reads as zero) and never allocates.
///   Berlin..Prague (EIP-2565): max(200, floor(ceil(max(Blen, Mlen) / 8)^2 * iterations / 3)),
///     with 8 iterations per exponent byte beyond the first 32.
///   Osaka (EIP-7883): max(500, complexity * iterations), where complexity is 16 for
///     max(Blen, Mlen) <= 32 and 2 * ceil(max(Blen, Mlen) / 8)^2 above, and 16 iterations per
///     exponent byte beyond the first 32. No division by 3.
uint64_t modexp_gas(BytesView input, Revision rev) noexcept;

/// EIP-7823 (Osaka): false when Blen, Elen or Mlen of the header exceeds 1024 bytes, which makes
/// the call fail whatever its gas. Always true before Osaka.
bool modexp_lengths_allowed(BytesView input, Revision rev) noexcept;

/// Output of MODEXP (EIP-198): base^exponent mod modulus as exactly Mlen big-endian bytes
/// (all zero when the modulus is 0; empty when Mlen is 0). Input past its end reads as zero.
/// Precondition: modexp_gas(input, rev) <= INT64_MAX for some revision, i.e. the caller could
/// charge it; that bounds every length the computation allocates for. Runs GMP; thread-safe.
Bytes modexp_run(BytesView input) noexcept;

}  // namespace yao::evm
