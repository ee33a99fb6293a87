// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>

namespace yao::evm {

/// EIP-4844 / Deneb verify_kzg_proof: true when `proof` opens `commitment` (both compressed G1
/// points, 48 bytes) to the value `y` at the point `z` (both 32-byte big-endian scalars < the
/// BLS modulus r), i.e. e(C - [y]G1, -G2) * e(proof, [tau]G2 - [z]G2) == 1 with [tau]G2 from the
/// Ethereum KZG ceremony. False for a wrong proof and for any malformed input (an encoding that
/// is not a canonical point of the r-order subgroup, z or y >= r).
bool verify_kzg_proof(const uint8_t commitment[48], const uint8_t z[32], const uint8_t y[32],
                      const uint8_t proof[48]) noexcept;

}  // namespace yao::evm
