// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>

#include "transaction.hpp"

namespace yao::chain {

/// A log emitted by LOG0..LOG4.
struct Log {
    Address address;
    std::vector<Hash256> topics;  ///< at most 4
    Bytes data;
    friend bool operator==(const Log&, const Log&) = default;
};

/// A transaction receipt as consensus encodes it (post-Byzantium: a status, not a state root).
struct Receipt {
    TxType type = TxType::kLegacy;
    bool success = false;
    uint64_t cumulative_gas_used = 0;
    Bloom logs_bloom;
    std::vector<Log> logs;
    friend bool operator==(const Receipt&, const Receipt&) = default;
};

/// Sets the three bloom bits for `item` (Yellow Paper 4.3.1: bits from the first three pairs of
/// bytes of keccak256(item), each taken mod 2048).
void bloom_add(Bloom& bloom, BytesView item) noexcept;

/// The bloom of a set of logs: each log's address and every topic.
Bloom logs_bloom(std::span<const Log> logs) noexcept;

/// ORs `other` into `bloom` (a block's bloom is the OR of its receipts').
void bloom_merge(Bloom& bloom, const Bloom& other) noexcept;

/// Consensus encoding: rlp([status, cumulative_gas_used, bloom, logs]), prefixed by the type byte
/// for typed transactions (EIP-2718). This is the value stored in the receipts trie.
Bytes encode_receipt(const Receipt& receipt);

/// Strict inverse of `encode_receipt`.
Result<Receipt> decode_receipt(BytesView encoded);

/// Appends one log as rlp([address, [topics...], data]).
void encode_log(Bytes& out, const Log& log);

}  // namespace yao::chain
