// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <array>
#include <cstdint>

namespace yao::evm {

/// The BLAKE2b compression function F (RFC 7693 section 3.2) with a caller-chosen number of
/// rounds, as exposed by the BLAKE2F precompile (EIP-152). `h` is the state (updated in place),
/// `m` the 128-byte message block as 16 little-endian words, `t` the 128-bit offset counter
/// (low word first), `last` the final-block flag. 12 rounds give standard BLAKE2b; any count
/// (including 0) is allowed and takes time linear in it.
void blake2b_compress(uint32_t rounds, std::array<uint64_t, 8>& h,
                      const std::array<uint64_t, 16>& m, const std::array<uint64_t, 2>& t,
                      bool last) noexcept;

}  // namespace yao::evm
