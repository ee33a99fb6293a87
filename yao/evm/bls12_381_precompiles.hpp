// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// The EIP-2537 BLS12-381 precompiles (Prague, 0x0b..0x11). Encodings: an Fp element is 64 bytes
// big-endian, the top 16 bytes zero and the value below p; an Fp2 element c0 + c1 u is c0 || c1;
// a G1 point is x || y (128 bytes), a G2 point x || y (256 bytes); all zeros is the point at
// infinity. Every failure consumes all gas: kPrecompileFailure for input the operation rejects
// (wrong length, bad field element, point not on the curve or, for MSM and pairing, not in the
// r-order subgroup), kOutOfGas when the gas does not cover the price.

#include <cstdint>

#include "host.hpp"

namespace yao::evm {

/// 0x0b BLS12_G1ADD: two G1 points (256 bytes), 375 gas.
ExecResult bls12_g1add(BytesView input, int64_t gas) noexcept;
/// 0x0c BLS12_G1MSM: k (G1 point, 32-byte scalar) pairs of 160 bytes.
ExecResult bls12_g1msm(BytesView input, int64_t gas) noexcept;
/// 0x0d BLS12_G2ADD: two G2 points (512 bytes), 600 gas.
ExecResult bls12_g2add(BytesView input, int64_t gas) noexcept;
/// 0x0e BLS12_G2MSM: k (G2 point, 32-byte scalar) pairs of 288 bytes.
ExecResult bls12_g2msm(BytesView input, int64_t gas) noexcept;
/// 0x0f BLS12_PAIRING_CHECK: k (G1 point, G2 point) pairs of 384 bytes; returns a 32-byte word,
/// 1 when the product of the pairings is one, else 0. 32600 k + 37700 gas.
ExecResult bls12_pairing_check(BytesView input, int64_t gas) noexcept;
/// 0x10 BLS12_MAP_FP_TO_G1: one Fp element (64 bytes), 5500 gas.
ExecResult bls12_map_fp_to_g1(BytesView input, int64_t gas) noexcept;
/// 0x11 BLS12_MAP_FP2_TO_G2: one Fp2 element (128 bytes), 23800 gas.
ExecResult bls12_map_fp2_to_g2(BytesView input, int64_t gas) noexcept;

}  // namespace yao::evm
