// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Well-known alt_bn128 points in the precompiles' input encoding (hex, 32-byte big-endian words),
// shared by the BN254 tests and benchmarks.
namespace yao::evm::test_util {

/// G1 generator (1, 2).
inline constexpr const char* kG1Gen =
    "0000000000000000000000000000000000000000000000000000000000000001"
    "0000000000000000000000000000000000000000000000000000000000000002";

/// The EIP-197 G2 generator (x_imag, x_real, y_imag, y_real).
inline constexpr const char* kG2Gen =
    "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
    "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
    "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
    "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";

/// The negation of kG2Gen (go-ethereum bn256Pairing.json two_point_match_2).
inline constexpr const char* kG2GenNeg =
    "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
    "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
    "275dc4a288d1afb3cbb1ac09187524c7db36395df7be3b99e673b13a075a65ec"
    "1d9befcd05a5323e6da4d435f3b617cdb3af83285c2df711ef39c01571827f9d";

}  // namespace yao::evm::test_util
