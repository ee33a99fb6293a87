// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>

namespace yao::evm::gas {

// Gas constants of the dynamic parts of instruction costs (Cancun). The constant base cost of
// each opcode is in opcodes.hpp. Names follow the execution-specs (src/ethereum/cancun/vm/gas.py).

/// Memory expansion: 3 gas per word plus words^2 / 512 (Yellow Paper, C_mem).
inline constexpr int64_t kMemoryWord = 3;
inline constexpr int64_t kMemoryQuadDivisor = 512;
/// CALLDATACOPY, CODECOPY, EXTCODECOPY, RETURNDATACOPY, MCOPY: per copied word.
inline constexpr int64_t kCopyWord = 3;
/// KECCAK256 per hashed word; also CREATE2 per init code word (address derivation).
inline constexpr int64_t kKeccak256Word = 6;
/// EXP per significant byte of the exponent (EIP-160).
inline constexpr int64_t kExpByte = 50;
/// LOG per byte of data and per topic (the base 375 is in the opcode table).
inline constexpr int64_t kLogData = 8;
inline constexpr int64_t kLogTopic = 375;

/// EIP-2929 access costs.
inline constexpr int64_t kWarmAccess = 100;
inline constexpr int64_t kColdAccountAccess = 2600;
inline constexpr int64_t kColdSload = 2100;
/// Added to the warm base when an account is cold (the base of BALANCE, CALL, ... is warm).
inline constexpr int64_t kColdAccountSurcharge = kColdAccountAccess - kWarmAccess;
/// Added to SLOAD's warm base when the slot is cold.
inline constexpr int64_t kColdSloadSurcharge = kColdSload - kWarmAccess;

/// EIP-2200 / EIP-2929 / EIP-3529 SSTORE.
inline constexpr int64_t kStorageSet = 20000;
inline constexpr int64_t kStorageUpdate = 5000;
inline constexpr int64_t kStorageClearRefund = 4800;  ///< EIP-3529
/// EIP-2200: SSTORE fails when gas left is at most the call stipend.
inline constexpr int64_t kSstoreSentry = 2300;

/// Message calls (EIP-150, EIP-2929).
inline constexpr int64_t kCallValue = 9000;
inline constexpr int64_t kCallStipend = 2300;
inline constexpr int64_t kNewAccount = 25000;

/// CREATE / CREATE2.
inline constexpr int64_t kInitCodeWord = 2;                     ///< EIP-3860
inline constexpr uint64_t kMaxCodeSize = 24576;                 ///< EIP-170
inline constexpr uint64_t kMaxInitCodeSize = 2 * kMaxCodeSize;  ///< EIP-3860

/// SELFDESTRUCT to a dead account while sending a non-zero balance (EIP-161).
inline constexpr int64_t kSelfdestructNewAccount = 25000;

/// Call depth limit.
inline constexpr int32_t kMaxCallDepth = 1024;
/// Stack height limit.
inline constexpr int kMaxStackHeight = 1024;
/// BLOCKHASH serves the 256 most recent blocks.
inline constexpr uint64_t kBlockHashWindow = 256;

/// Number of 32-byte words covering `size` bytes.
constexpr uint64_t num_words(uint64_t size) noexcept {
    return (size + 31) / 32;
}

/// Total cost of a memory of `words` words (not the cost of an expansion).
constexpr int64_t memory_cost(uint64_t words) noexcept {
    const auto w = static_cast<int64_t>(words);
    return kMemoryWord * w + w * w / kMemoryQuadDivisor;
}

/// EIP-150: all but one 64th of `gas`.
constexpr int64_t all_but_one_64th(int64_t gas) noexcept {
    return gas - gas / 64;
}

}  // namespace yao::evm::gas
