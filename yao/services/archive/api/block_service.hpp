// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// BlockService (seed: YaoPortal's "QueryBlock" to YaoArchive; DESIGN.md sections 2 and 7): the
// committed chain as readers see it — blocks, transactions, receipts and logs. The Portal reads
// through it and nothing else; it cannot commit. Two implementations: in process over the chain
// store (block_reader.hpp, used by `yaoverse dev` and by the Archive's gRPC server) and a gRPC
// client (grpc/). Every call may fail (a database error, an unreachable Archive, a deadline):
// failures are Errors, never "absent".
#include <cstdint>
#include <optional>
#include <vector>

#include <yao/common/error.hpp>
#include <yao/storage/chain_store.hpp>

namespace yao::archive {

class BlockService {
public:
    virtual ~BlockService() = default;

    /// The number of the newest committed block (0: only the genesis block).
    virtual Result<uint64_t> head_number() = 0;
    /// The block at `number`, with full transactions when `full_transactions`.
    virtual Result<std::optional<storage::StoredBlock>> block_by_number(
        uint64_t number, bool full_transactions) = 0;
    /// The block with hash `hash`, with full transactions when `full_transactions`.
    virtual Result<std::optional<storage::StoredBlock>> block_by_hash(
        const Hash256& hash, bool full_transactions) = 0;
    /// Header and hash only (`transaction_hashes` empty): one row whatever the block's size.
    virtual Result<std::optional<storage::StoredBlock>> header_by_number(uint64_t number) = 0;
    virtual Result<std::optional<storage::StoredBlock>> header_by_hash(const Hash256& hash) = 0;
    virtual Result<std::optional<storage::StoredTransaction>> transaction(
        const Hash256& hash) = 0;
    virtual Result<std::optional<storage::StoredReceipt>> receipt(const Hash256& txn_hash) = 0;
    /// All receipts of block `number` in order; nullopt when there is no such block.
    virtual Result<std::optional<std::vector<storage::StoredReceipt>>> block_receipts(
        uint64_t number) = 0;
    /// The logs matching `filter` (storage::LogFilter: range, addresses, topics, result limit).
    virtual Result<std::vector<storage::StoredLog>> logs(const storage::LogFilter& filter) = 0;

    // ---- Address history (Otterscan's ots_ methods; indexed reads bounded by the page) -----
    /// One page of the transactions an address appears in as sender, recipient or created
    /// contract (storage::AddressHistoryQuery); internal calls are not indexed.
    virtual Result<storage::AddressHistoryPage> address_history(
        const storage::AddressHistoryQuery& query) = 0;
    /// The committed transaction of `sender` with nonce `nonce`; nullopt when there is none.
    virtual Result<std::optional<storage::StoredTransaction>> transaction_by_sender_and_nonce(
        const Address& sender, uint64_t nonce) = 0;
    /// The transaction that deployed `contract` as a contract creation (its receipt's contract
    /// address); nullopt when no transaction did itself (a factory's contract, an account).
    virtual Result<std::optional<storage::StoredTransaction>> creation_transaction(
        const Address& contract) = 0;
};

}  // namespace yao::archive
