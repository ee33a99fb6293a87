// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// The ChainStore written once over the driver layer (sql.hpp); the SQLite and MySQL backends
// differ only in their Connection and in the few dialect-specific statements. Internal to
// yao/storage: other modules get a ChainStore from make_sqlite_store / make_mysql_store.

#include <memory>
#include <optional>
#include <vector>

#include "chain_store.hpp"
#include "sql.hpp"

namespace yao::storage {

/// validate_commit, also returning each transaction's canonical encoding (the `raw` column).
Result<std::vector<Bytes>> encode_validated(const BlockCommit& commit);

/// Inside a commit's transaction: fails with kFenced when block `number` of sequencer `epoch` is
/// below the fence, raises the fence when `epoch` is above it (sql_chain_store_leases.cpp).
Result<void> check_fence(sql::Connection& c, uint64_t number, uint64_t epoch);

/// The ChainStore over a pool of SQL connections. Thread-safe: each call takes a connection.
class SqlChainStore final : public ChainStore {
public:
    /// Migrates the schema on a pooled connection and returns the store.
    /// `read_only`: no migration; the schema must be this build's (kSchemaVersion): an older
    /// one is kDatabase, a newer one kSchemaTooNew.
    /// `commit_pool`: connections of commit_block alone (else `pool`'s). SQLite gives it one
    /// connection of its own: a connection drops its whole page cache when another one wrote
    /// since its last transaction, so a commit on a connection the readers used last starts by
    /// reading the trees it writes again.
    static Result<std::unique_ptr<ChainStore>> open(
        std::unique_ptr<sql::ConnectionPool> pool, sql::Dialect dialect, sql::RetryPolicy retry,
        bool read_only = false, std::unique_ptr<sql::ConnectionPool> commit_pool = nullptr);

    Result<CommitOutcome> commit_block(const BlockCommit& commit) override;
    Result<std::optional<uint64_t>> head_number() override;
    Result<std::optional<StoredBlock>> header_by_number(uint64_t number) override;
    Result<std::optional<StoredBlock>> header_by_hash(const Hash256& hash) override;
    Result<std::optional<StoredBlock>> block_by_number(uint64_t number,
                                                       bool full_transactions) override;
    Result<std::optional<StoredBlock>> block_by_hash(const Hash256& hash,
                                                     bool full_transactions) override;
    Result<std::optional<StoredTransaction>> transaction(const Hash256& hash) override;
    Result<std::optional<StoredReceipt>> receipt(const Hash256& txn_hash) override;
    Result<std::optional<std::vector<StoredReceipt>>> block_receipts(uint64_t number) override;
    Result<std::vector<StoredLog>> logs(const LogFilter& filter) override;
    Result<AddressHistoryPage> address_history(const AddressHistoryQuery& query) override;
    Result<std::optional<StoredTransaction>> transaction_by_sender_and_nonce(
        const Address& sender, uint64_t nonce) override;
    Result<std::optional<StoredTransaction>> creation_transaction(const Address& contract) override;
    Result<std::optional<state::Account>> account(const Address& addr) override;
    Result<std::optional<state::Account>> account_at(const Address& addr,
                                                     uint64_t block_num) override;
    Result<Hash256> storage(const Address& addr, const Hash256& slot) override;
    Result<Hash256> storage_at(const Address& addr, const Hash256& slot,
                               uint64_t block_num) override;
    Result<std::optional<Bytes>> code(const Hash256& code_hash) override;
    Result<Versioned<std::optional<state::Account>>> account_versioned(
        const Address& addr) override;
    Result<Versioned<Hash256>> storage_versioned(const Address& addr, const Hash256& slot) override;
    Result<BatchRead<std::optional<state::Account>>> accounts_batch(
        std::span<const Address> addrs) override;
    Result<BatchRead<Hash256>> storage_batch(std::span<const StorageKey> keys) override;
    Result<std::vector<std::optional<Bytes>>> code_batch(
        std::span<const Hash256> code_hashes) override;
    Result<uint64_t> raise_fence(uint64_t epoch) override;
    Result<std::optional<LeaseRecord>> read_lease(std::string_view name) override;
    Result<LeaseRecord> write_lease(std::string_view name, const LeaseRecord& next) override;
    Result<std::string> pin_setting(std::string_view key, std::string_view value) override;
    Result<std::optional<std::string>> setting(std::string_view key) override;
    Result<std::optional<Bytes>> state_patch(uint64_t number) override;
    Result<StateImage> state_image(std::optional<uint64_t> since, size_t max_rows) override;
    Result<BlockRows> block_rows(uint64_t number) override;
    Result<StateRows> state_rows() override;

private:
    SqlChainStore(std::unique_ptr<sql::ConnectionPool> pool, sql::Dialect dialect,
                  sql::RetryPolicy retry, std::unique_ptr<sql::ConnectionPool> commit_pool)
        : pool_{std::move(pool)},
          commit_pool_{std::move(commit_pool)},
          dialect_{dialect},
          retry_{retry} {}

    template <typename Fn>
    auto run(Fn&& fn) {
        return sql::with_connection(*pool_, retry_, std::forward<Fn>(fn));
    }

    std::unique_ptr<sql::ConnectionPool> pool_;
    std::unique_ptr<sql::ConnectionPool> commit_pool_;  ///< nullptr: commits use pool_
    sql::Dialect dialect_;
    sql::RetryPolicy retry_;
};

}  // namespace yao::storage
