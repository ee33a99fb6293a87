// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Field elements to points of G1 and G2 as EIP-2537 maps them (its MAP_FP_TO_G1 and
// MAP_FP2_TO_G2): RFC 9380 map_to_curve, the simplified SWU map onto a curve isogenous to E1
// (11-isogeny, Z = 11) or E2 (3-isogeny, Z = -(2 + u)) followed by the isogeny, then
// clear_cofactor (multiplication by h_eff). The kernel points of an isogeny map to the identity.

#include "bls12_381.hpp"

namespace yao::evm::bls12_381 {

/// clear_cofactor(map_to_curve(u)) on G1: h_eff = 1 - x = 0xd201000000010001.
G1Affine map_to_g1(const Fp& u) noexcept;
/// clear_cofactor(map_to_curve(u)) on G2, with RFC 9380's h_eff computed from psi (appendix G.3).
G2Affine map_to_g2(const Fp2& u) noexcept;

}  // namespace yao::evm::bls12_381
