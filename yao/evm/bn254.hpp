// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>
#include <optional>

#include <yao/common/bytes.hpp>

/// The alt_bn128 (BN254) precompiles: ECADD (0x06), ECMUL (0x07), ECPAIRING (0x08) of EIP-196
/// and EIP-197 (gas per EIP-1108 is charged by the caller). Inputs are big-endian 32-byte words;
/// (0, 0) encodes the point at infinity. Not constant-time: every input is public. Thread-safe
/// (no shared mutable state).
namespace yao::evm::bn254 {

/// ECADD (EIP-196): input right-padded with zeros to 128 bytes (x1, y1, x2, y2, big-endian 32
/// bytes each; longer input: the extra is ignored). Writes the sum (x, y) to out; (0, 0) is the
/// point at infinity. false if a coordinate >= p or a point is not on the curve.
bool add(BytesView input, uint8_t out[64]) noexcept;

/// ECMUL (EIP-196): input right-padded to 96 bytes (x, y, scalar). The scalar is any 256-bit
/// value. Writes scalar * (x, y) to out. false if a coordinate >= p or the point is not on the
/// curve.
bool mul(BytesView input, uint8_t out[64]) noexcept;

/// ECPAIRING (EIP-197): input length must be a multiple of 192 (else nullopt); each 192-byte
/// chunk is (G1 x, G1 y, G2 x_imag, x_real, y_imag, y_real) — the imaginary part of each Fp2
/// coordinate first. nullopt if any coordinate >= p, a G1 point is not on the curve, or a G2
/// point is not on the twist or not in the order-r subgroup; otherwise whether
/// prod e(P_i, Q_i) == 1. Empty input: true.
std::optional<bool> pairing_check(BytesView input) noexcept;

}  // namespace yao::evm::bn254
