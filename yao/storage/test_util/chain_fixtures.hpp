// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Deterministic blocks for the store's tests, crash test and benchmarks. Every value is a
// function of the block number and position, so a test can say exactly what a block must hold.
// Signatures are fixed numbers, not real signatures: the store does not verify them (senders
// arrive recovered).

#include <cstddef>
#include <cstdint>

#include <yao/common/bytes.hpp>
#include <yao/storage/chain_store.hpp>

namespace yao::storage::test_util {

/// A distinct address for every `i` (the 8 bytes of i, big-endian, after the prefix 0xa0).
Address test_address(uint64_t i);
/// A distinct 32-byte value for every `i` (big-endian i after the prefix 0xb0).
Hash256 test_hash(uint64_t i);

/// keccak256("Transfer(address,address,uint256)"): topic 0 of ERC-20 transfers.
Hash256 transfer_topic();

/// The ERC-20-like contract whose events the fixture blocks log, and its code.
Address token_address();
Bytes token_code();

/// The account whose nonce and balance equal the number of the last block that wrote it (the
/// fixture writes it in every block), and the storage slot of it holding the same number.
Address counter_address();
Hash256 counter_slot();

/// The shape of a fixture block.
struct BlockSpec {
    uint64_t number = 0;
    Hash256 parent_hash{};
    size_t transfers = 1;       ///< simple value transfers (21,000 gas each)
    size_t logs_per_txn = 0;    ///< ERC-20 Transfer logs per transaction
    size_t account_pool = 0;    ///< 0: every transfer touches fresh accounts; else reuse a pool
    bool counter = true;        ///< write counter_address / counter_slot = number
    bool deploy_token = false;  ///< include token_code() in the block's code
};

/// A complete, valid BlockCommit for `spec`: header hash, transaction hashes, cumulative gas,
/// blooms, account changes for every sender and recipient.
BlockCommit make_block(const BlockSpec& spec);

/// Recomputes what a hand-edited block must agree with: each transaction's hash, cumulative gas
/// and bloom, the header's gas used, bloom and transactions root, and the block hash.
void seal_block(BlockCommit& commit);

/// The sender and recipient of transfer `i` in block `number` (as make_block picks them).
Address transfer_sender(const BlockSpec& spec, size_t i);
Address transfer_recipient(const BlockSpec& spec, size_t i);

}  // namespace yao::storage::test_util
