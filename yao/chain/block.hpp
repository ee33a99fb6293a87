// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/common/uint256.hpp>

#include "transaction.hpp"

namespace yao::chain {

/// keccak256(rlp([])): the ommers hash of every post-Merge block.
inline constexpr Hash256 kEmptyOmmersHash{{0x1d, 0xcc, 0x4d, 0xe8, 0xde, 0xc7, 0x5d, 0x7a,
                                           0xab, 0x85, 0xb5, 0x67, 0xb6, 0xcc, 0xd4, 0x1a,
                                           0xd3, 0x12, 0x45, 0x1b, 0x94, 0x8a, 0x74, 0x13,
                                           0xf0, 0xa1, 0x42, 0xfd, 0x40, 0xd4, 0x93, 0x47}};

/// sha256 of nothing: the EIP-7685 requests hash of a block without requests (every YaoVerse
/// block: there is no beacon chain, so no deposits, withdrawals or consolidations).
inline constexpr Hash256 kEmptyRequestsHash{{0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14,
                                             0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
                                             0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c,
                                             0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55}};

/// An Ethereum block header. The optional fields arrived with later forks and are encoded only
/// when present, in order: base fee (London), withdrawals root (Shanghai), blob gas used, excess
/// blob gas and parent beacon block root (Cancun), requests hash (Prague). A field may be present
/// only if every earlier optional field is.
struct BlockHeader {
    Hash256 parent_hash;
    Hash256 ommers_hash = kEmptyOmmersHash;
    Address coinbase;                ///< "miner" in JSON-RPC
    Hash256 state_root;
    Hash256 transactions_root;
    Hash256 receipts_root;
    Bloom logs_bloom;
    Uint256 difficulty;
    uint64_t number = 0;
    uint64_t gas_limit = 0;
    uint64_t gas_used = 0;
    uint64_t timestamp = 0;          ///< seconds since the Unix epoch
    Bytes extra_data;
    Hash256 prev_randao;             ///< "mixHash" before the Merge
    FixedBytes<8> nonce;
    std::optional<Uint256> base_fee_per_gas;
    std::optional<Hash256> withdrawals_root;
    std::optional<uint64_t> blob_gas_used;
    std::optional<uint64_t> excess_blob_gas;
    std::optional<Hash256> parent_beacon_block_root;
    std::optional<Hash256> requests_hash;  ///< EIP-7685 (Prague)

    friend bool operator==(const BlockHeader&, const BlockHeader&) = default;
};

/// An EIP-4895 withdrawal (always empty on YaoVerse, but part of Shanghai+ block bodies).
struct Withdrawal {
    uint64_t index = 0;
    uint64_t validator_index = 0;
    Address address;
    uint64_t amount_gwei = 0;
    friend bool operator==(const Withdrawal&, const Withdrawal&) = default;
};

/// A whole block: header and body (transactions, ommers, and withdrawals from Shanghai on).
struct Block {
    BlockHeader header;
    std::vector<Transaction> transactions;
    std::vector<BlockHeader> ommers;
    std::optional<std::vector<Withdrawal>> withdrawals;
    friend bool operator==(const Block&, const Block&) = default;
};

/// RLP of the header. YAO_ASSERTs that optional fields are contiguous.
Bytes encode_header(const BlockHeader& header);

/// Strict decoding of a header of 15 to 20 fields.
Result<BlockHeader> decode_header(BytesView encoded);

/// Block hash: keccak256 of the header's RLP.
Hash256 header_hash(const BlockHeader& header);

/// RLP of a whole block: [header, transactions, ommers(, withdrawals)].
Bytes encode_block(const Block& block);

/// Strict decoding of a whole block.
Result<Block> decode_block(BytesView encoded);

/// transactionsRoot of a list of transactions (ordered trie of their canonical encodings).
Hash256 transactions_root(std::span<const Transaction> transactions);

/// withdrawalsRoot of a list of withdrawals.
Hash256 withdrawals_root(std::span<const Withdrawal> withdrawals);

}  // namespace yao::chain
