// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Queries and row readers shared by the commit and read paths of SqlChainStore. Internal.

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/state/state_view.hpp>

#include "errc.hpp"
#include "sql.hpp"

namespace yao::storage {

/// The head as chain_meta records it.
struct Head {
    std::optional<uint64_t> number;  ///< nullopt on an empty store
    Hash256 hash;                    ///< zero on an empty store
};

/// Reads the head. `for_update` locks the head rows until the transaction ends (MySQL family:
/// SELECT ... FOR UPDATE, which serialises committers; SQLite's BEGIN IMMEDIATE already has).
Result<Head> read_head(sql::Connection& conn, bool for_update);

/// Reads an account from columns nonce, balance, code_hash starting at `first`.
Result<state::Account> read_account(const sql::Statement& st, size_t first, std::string_view table);

/// Errc::kCorruptRow with `context`.
inline std::unexpected<Error> corrupt(std::string context) {
    return fail(Errc::kCorruptRow, std::move(context));
}

/// Runs `fn` inside a read transaction: all its statements see one snapshot.
template <typename Fn>
auto in_read_tx(sql::Connection& c, Fn&& fn) -> decltype(fn()) {
    YAO_TRY_VOID(c.begin(false));
    auto r = fn();
    if (!r) {
        c.rollback();
        return r;
    }
    YAO_TRY_VOID(c.commit());
    return r;
}

/// Runs a prepared query and calls `on_row(st)` (returning Result<void>) for each row.
template <typename OnRow>
Result<void> for_each_row(sql::Statement& st, OnRow&& on_row) {
    YAO_TRY_VOID(st.execute());
    for (;;) {
        YAO_TRY(bool more, st.next());
        if (!more) return {};
        YAO_TRY_VOID(on_row(st));
    }
}

/// Sorted, without duplicates.
template <typename T>
std::vector<T> unique_sorted(std::vector<T> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

/// One place an address appears in for ChainStore::address_history: a column of a table with
/// an index on (column, block_number, transaction_index) (schema version 3), and the column
/// holding the transaction hash.
struct HistorySource {
    std::string_view table;
    std::string_view column;
    std::string_view hash_column;
    std::string_view index;
};

/// The sender, the recipient, the created contract.
inline constexpr std::array<HistorySource, 3> kHistorySources{{
    {"transactions", "from_address", "hash", "idx_from_address"},
    {"transactions", "to_address", "hash", "idx_to_address"},
    {"receipts", "contract_address", "transaction_hash", "idx_contract_address"},
}};

/// `table` read through its index `index` only: "t FORCE INDEX (idx)" on the MySQL family,
/// "t INDEXED BY t_idx" on SQLite (whose index names carry their table's). The address-history
/// reads name their index: MariaDB 10.11 otherwise re-plans a prepared ORDER BY ... DESC LIMIT
/// statement, once another index of the same table has been read backwards in the session, as
/// a read of the whole range and a sort (every transaction of the address below the page, on
/// every page; address_history_test.cpp shows it).
std::string indexed_table(std::string_view table, std::string_view index, sql::Dialect dialect);

/// The statements of an address-history read from one source. Each reads one range of the
/// source's index, in the search order, never sorting. Columns: hash, block_number,
/// transaction_index.
/// - page: parameters address, first block, limit: the first `limit` matches from the block on.
/// - block: parameters address, block: every match in the block.
/// - beyond: parameters address, block: the first match past the block (only its number).
std::string history_page_sql(const HistorySource& source, bool descending, sql::Dialect dialect);
std::string history_block_sql(const HistorySource& source, sql::Dialect dialect);
std::string history_beyond_sql(const HistorySource& source, bool descending,
                               sql::Dialect dialect);

/// The transaction of a sender with a nonce (parameters: address, nonce), `columns` of it: one
/// lookup in transactions' (from_address, nonce) index.
std::string sender_nonce_sql(std::string_view columns, sql::Dialect dialect);
/// The hash of the transaction that created a contract (parameter: address), from receipts'
/// (contract_address, block_number, transaction_index) index.
std::string creation_sql(sql::Dialect dialect);

/// "(address = ? AND storage_key = ?) OR ...", `n` times: a keyed condition every optimizer in
/// the subset turns into primary-key lookups (row-value IN lists are not optimised everywhere).
std::string storage_key_condition(size_t n);

}  // namespace yao::storage
