// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "sql_chain_store.hpp"

#include <algorithm>
#include <bit>
#include <initializer_list>
#include <numeric>
#include <unordered_set>

#include <fmt/format.h>

#include <yao/common/hex.hpp>

#include "row_codec.hpp"
#include "schema.hpp"
#include "store_queries.hpp"

namespace yao::storage {
namespace {

using sql::Connection;
using sql::Statement;

/// Parameters per multi-row statement: far below SQLite's 32766 and MySQL's 65535.
constexpr size_t kMaxParams = 4096;
/// Variable-length payload per multi-row statement: well below MariaDB's default
/// max_allowed_packet (16 MiB), so large calldata or code splits into smaller statements.
constexpr size_t kMaxChunkBytes = size_t{4} << 20;

/// Inserts `count` rows with one multi-row statement per chunk:
/// `prefix` + "(?,..),(?,..)" + `suffix`. A chunk has a power-of-two number of rows, so a table
/// needs at most log2(kMaxParams) statement shapes in the connection's cache.
/// `bind_row(st, row, first_param)` binds one row; `row_bytes(row)` estimates its payload.
template <typename BindRow, typename RowBytes>
Result<void> insert_rows(Connection& c, std::string_view prefix, std::string_view suffix,
                         size_t columns, size_t count, BindRow&& bind_row, RowBytes&& row_bytes) {
    const size_t max_rows = std::bit_floor(std::max<size_t>(kMaxParams / columns, 1));
    size_t row = 0;
    while (row < count) {
        size_t n = std::min(max_rows, std::bit_floor(count - row));
        while (n > 1) {
            size_t bytes = 0;
            for (size_t i = row; i < row + n; ++i) bytes += row_bytes(i);
            if (bytes <= kMaxChunkBytes) break;
            n /= 2;
        }
        YAO_TRY(auto* st,
                c.prepare(fmt::format("{}{}{}", prefix, sql::placeholders(n, columns), suffix)));
        for (size_t i = 0; i < n; ++i) bind_row(*st, row + i, i * columns);
        YAO_TRY_VOID(st->execute());
        row += n;
    }
    return {};
}

/// insert_rows for rows without a variable-length payload.
template <typename BindRow>
Result<void> insert_rows(Connection& c, std::string_view prefix, std::string_view suffix,
                         size_t columns, size_t count, BindRow&& bind_row) {
    return insert_rows(c, prefix, suffix, columns, count, std::forward<BindRow>(bind_row),
                       [](size_t) { return size_t{0}; });
}

/// What turns a multi-row INSERT into an upsert that overwrites `columns` of the row with the
/// same primary key `key`: an update in place, where REPLACE deletes the row and inserts it
/// again (rewriting every index entry). SQLite: ON CONFLICT ... DO UPDATE, refreshing updated_at
/// (when the table has it) as REPLACE's column default did. MySQL family: ON DUPLICATE KEY
/// UPDATE with VALUES(), which TiDB, MySQL 8 and MariaDB all accept (MySQL 8's row alias is not
/// in the subset); the column's ON UPDATE CURRENT_TIMESTAMP refreshes updated_at there.
std::string upsert_suffix(const Connection& c, std::string_view key,
                          std::initializer_list<std::string_view> columns, bool updated_at) {
    const bool mysql = c.dialect() == sql::Dialect::kMysql;
    std::string out =
        mysql ? " ON DUPLICATE KEY UPDATE " : fmt::format(" ON CONFLICT ({}) DO UPDATE SET ", key);
    bool first = true;
    for (auto col : columns) {
        if (!first) out += ", ";
        first = false;
        out +=
            mysql ? fmt::format("{0} = VALUES({0})", col) : fmt::format("{0} = excluded.{0}", col);
    }
    if (updated_at && !mysql) out += ", updated_at = CURRENT_TIMESTAMP";
    return out;
}

/// Positions 0 .. count-1 sorted by `key(position)`.
template <typename Key>
std::vector<uint32_t> sorted_positions(size_t count, Key&& key) {
    std::vector<uint32_t> order(count);
    std::iota(order.begin(), order.end(), uint32_t{0});
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
    return order;
}

/// The position in `order` (sorted by `key`) whose key is `wanted`; nullopt when there is none.
template <typename Key, typename Value>
std::optional<uint32_t> find_sorted(std::span<const uint32_t> order, Key&& key,
                                    const Value& wanted) {
    auto it = std::lower_bound(order.begin(), order.end(), wanted,
                               [&](uint32_t pos, const Value& v) { return key(pos) < v; });
    if (it == order.end() || !(key(*it) == wanted)) return std::nullopt;
    return *it;
}

template <size_t N>
void bind_hex(Statement& st, size_t i, const FixedBytes<N>& v) {
    st.bind_text(i, row::HexText<N>{v}.view());
}

void bind_dec(Statement& st, size_t i, const Uint256& v) {
    st.bind_text(i, row::DecText{v}.view());
}

void bind_optional_address(Statement& st, size_t i, const std::optional<Address>& a) {
    if (a) {
        bind_hex(st, i, *a);
    } else {
        st.bind_null(i);
    }
}

int64_t i64(uint64_t v) {
    return static_cast<int64_t>(v);
}  // ranges checked by validation

/// Reads inside a commit are locking reads on MySQL-family servers. Besides locking the rows
/// about to be written, a locking read sees the latest committed data: in a TiDB pessimistic
/// transaction a plain SELECT reads the snapshot taken when the transaction began, which can
/// predate the commit of the block this one follows (the head lock was waited for after that).
/// SQLite has no FOR UPDATE and needs none: BEGIN IMMEDIATE already excludes other writers.
std::string_view locking(const Connection& c) {
    return c.dialect() == sql::Dialect::kMysql ? " FOR UPDATE" : "";
}

/// The context a commit writes with: the block and its derived strings, computed once.
struct CommitContext {
    const BlockCommit& commit;
    std::span<const Bytes> raws;
    int64_t number;
    std::string block_hash;
};

Result<void> insert_block(Connection& c, const CommitContext& ctx) {
    const auto& h = ctx.commit.header;
    YAO_TRY(auto* st, c.prepare("INSERT INTO blocks (number, hash, parent_hash, timestamp, "
                                "gas_limit, gas_used, state_root, receipt_hash, miner, "
                                "transactions_root, logs_bloom, base_fee_per_gas, "
                                "transaction_count, header_rlp) VALUES " +
                                sql::placeholders(1, 14)));
    st->bind_int(0, ctx.number);
    st->bind_text(1, ctx.block_hash);
    bind_hex(*st, 2, h.parent_hash);
    st->bind_int(3, i64(h.timestamp));
    st->bind_int(4, i64(h.gas_limit));
    st->bind_int(5, i64(h.gas_used));
    bind_hex(*st, 6, h.state_root);
    bind_hex(*st, 7, h.receipts_root);
    bind_hex(*st, 8, h.coinbase);
    bind_hex(*st, 9, h.transactions_root);
    st->bind_blob(10, h.logs_bloom.view());
    if (h.base_fee_per_gas) {
        bind_dec(*st, 11, *h.base_fee_per_gas);
    } else {
        st->bind_null(11);
    }
    st->bind_int(12, static_cast<int64_t>(ctx.commit.transactions.size()));
    st->bind_blob(13, chain::encode_header(h));
    return st->execute();
}

/// After a duplicate-key failure on `transactions`: names a hash that an earlier block holds.
Error duplicate_transaction_error(Connection& c, const CommitContext& ctx, const Error& cause) {
    const auto& txns = ctx.commit.transactions;
    for (const auto& chunk : sql::key_chunks(txns.size(), 256)) {
        auto st = c.prepare(
            "SELECT hash, block_number FROM transactions WHERE block_number < ? AND hash IN " +
            sql::in_list(chunk.shape));
        if (!st) break;
        (*st)->bind_int(0, ctx.number);
        for (size_t i = 0; i < chunk.shape; ++i) bind_hex(**st, i + 1, txns[chunk.key(i)].hash);
        if (!(*st)->execute()) break;
        auto found = (*st)->next();
        if (found && *found)
            return Error{Errc::kDuplicateTransaction,
                         fmt::format("transaction {} is already in block {}", (*st)->get_text(0),
                                     (*st)->get_int(1))};
    }
    return Error{Errc::kDuplicateTransaction, cause.context()};
}

Result<void> insert_transactions(Connection& c, const CommitContext& ctx) {
    const auto& txns = ctx.commit.transactions;
    auto inserted = insert_rows(
        c,
        "INSERT INTO transactions (hash, block_number, block_hash, transaction_index, "
        "from_address, to_address, value, gas_limit, gas_price, data, nonce, v, r, s, type, "
        "chain_id, max_fee_per_gas, max_priority_fee_per_gas, raw) VALUES ",
        "", 19, txns.size(),
        [&](Statement& st, size_t i, size_t p) {
            const auto& t = txns[i];
            const auto& txn = t.txn;
            const bool dynamic_fee = chain::is_dynamic_fee(txn);
            bind_hex(st, p + 0, t.hash);
            st.bind_int(p + 1, ctx.number);
            st.bind_text(p + 2, ctx.block_hash);
            st.bind_int(p + 3, static_cast<int64_t>(i));
            bind_hex(st, p + 4, t.sender);
            bind_optional_address(st, p + 5, txn.to);
            bind_dec(st, p + 6, txn.value);
            st.bind_int(p + 7, i64(txn.gas_limit));
            // gas_price: the price a legacy or access-list transaction names; for fee-market
            // transactions the fee cap, as geth's Transaction.GasPrice() reports it.
            bind_dec(st, p + 8, dynamic_fee ? txn.max_fee_per_gas : txn.gas_price);
            st.bind_blob(p + 9, txn.data);
            st.bind_int(p + 10, i64(txn.nonce));
            bind_dec(st, p + 11, txn.v());
            bind_hex(st, p + 12, txn.r.to_hash());
            bind_hex(st, p + 13, txn.s.to_hash());
            st.bind_int(p + 14, static_cast<int64_t>(txn.type));
            if (txn.chain_id) {
                st.bind_int(p + 15, i64(*txn.chain_id));
            } else {
                st.bind_null(p + 15);
            }
            if (dynamic_fee) {
                bind_dec(st, p + 16, txn.max_fee_per_gas);
                bind_dec(st, p + 17, txn.max_priority_fee_per_gas);
            } else {
                st.bind_null(p + 16);
                st.bind_null(p + 17);
            }
            st.bind_blob(p + 18, ctx.raws[i]);
        },
        [&](size_t i) { return txns[i].txn.data.size() + ctx.raws[i].size(); });
    if (!inserted && inserted.error() == Errc::kConstraint)
        return std::unexpected(duplicate_transaction_error(c, ctx, inserted.error()));
    return inserted;
}

Result<void> insert_receipts_and_logs(Connection& c, const CommitContext& ctx) {
    const auto& txns = ctx.commit.transactions;
    std::vector<uint32_t> first_log(txns.size());
    struct LogRef {
        uint32_t txn;
        const chain::Log* log;
    };
    std::vector<LogRef> logs;
    for (size_t i = 0; i < txns.size(); ++i) {
        first_log[i] = static_cast<uint32_t>(logs.size());
        for (const auto& log : txns[i].receipt.logs)
            logs.push_back({static_cast<uint32_t>(i), &log});
    }
    YAO_TRY_VOID(insert_rows(
        c,
        "INSERT INTO receipts (transaction_hash, transaction_index, block_hash, block_number, "
        "from_address, to_address, gas_used, cumulative_gas_used, contract_address, status, "
        "effective_gas_price, logs_bloom, type, first_log_index) VALUES ",
        "", 14, txns.size(), [&](Statement& st, size_t i, size_t p) {
            const auto& t = txns[i];
            bind_hex(st, p + 0, t.hash);
            st.bind_int(p + 1, static_cast<int64_t>(i));
            st.bind_text(p + 2, ctx.block_hash);
            st.bind_int(p + 3, ctx.number);
            bind_hex(st, p + 4, t.sender);
            bind_optional_address(st, p + 5, t.txn.to);
            st.bind_int(p + 6, i64(t.gas_used));
            st.bind_int(p + 7, i64(t.receipt.cumulative_gas_used));
            bind_optional_address(st, p + 8, t.contract_address);
            st.bind_int(p + 9, t.receipt.success ? 1 : 0);
            bind_dec(st, p + 10, t.effective_gas_price);
            st.bind_blob(p + 11, t.receipt.logs_bloom.view());
            st.bind_int(p + 12, static_cast<int64_t>(t.receipt.type));
            st.bind_int(p + 13, first_log[i]);
        }));
    return insert_rows(
        c,
        "INSERT INTO logs (address, topic0, topic1, topic2, topic3, data, block_number, "
        "block_hash, transaction_hash, transaction_index, log_index, removed) VALUES ",
        "", 12, logs.size(),
        [&](Statement& st, size_t i, size_t p) {
            const auto& [txn, log] = logs[i];
            bind_hex(st, p + 0, log->address);
            for (size_t k = 0; k < 4; ++k) {
                if (k < log->topics.size()) {
                    bind_hex(st, p + 1 + k, log->topics[k]);
                } else {
                    st.bind_null(p + 1 + k);
                }
            }
            st.bind_blob(p + 5, log->data);
            st.bind_int(p + 6, ctx.number);
            st.bind_text(p + 7, ctx.block_hash);
            bind_hex(st, p + 8, txns[txn].hash);
            st.bind_int(p + 9, txn);
            st.bind_int(p + 10, static_cast<int64_t>(i));
            st.bind_int(p + 11, 0);
        },
        [&](size_t i) { return logs[i].log->data.size(); });
}

void bind_account(Statement& st, size_t p, const std::optional<state::Account>& a) {
    if (a) {
        st.bind_int(p + 0, i64(a->nonce));
        bind_dec(st, p + 1, a->balance);
        bind_hex(st, p + 2, a->code_hash);
    } else {
        st.bind_null(p + 0);
        st.bind_null(p + 1);
        st.bind_null(p + 2);
    }
}

// Accounts and slots are written in key order: the reads of the previous values, the history
// rows and the upserts then walk the tables' primary-key b-trees (and the InnoDB clustered
// indexes) forwards, each page once, and a row read back finds its change by binary search.

Result<void> write_accounts(Connection& c, const CommitContext& ctx) {
    const auto& changes = ctx.commit.accounts;
    const auto address_of = [&](uint32_t pos) -> const Address& { return changes[pos].address; };
    const auto order = sorted_positions(changes.size(), address_of);
    // The previous values, read inside the commit's transaction (the writer holds the head lock,
    // so nothing else changes them before the commit ends); indexed by change position.
    std::vector<std::optional<state::Account>> previous(changes.size());
    for (const auto& chunk : sql::key_chunks(order.size(), 256)) {
        YAO_TRY(auto* st, c.prepare(fmt::format("SELECT address, nonce, balance, code_hash FROM "
                                                "accounts WHERE address IN {}{}",
                                                sql::in_list(chunk.shape), locking(c))));
        for (size_t i = 0; i < chunk.shape; ++i)
            bind_hex(*st, i, changes[order[chunk.key(i)]].address);
        const std::span<const uint32_t> keys{order.data() + chunk.first, chunk.count};
        YAO_TRY_VOID(for_each_row(*st, [&](const Statement& row) -> Result<void> {
            YAO_TRY(auto addr, row::get_address(row, 0, "accounts.address"));
            YAO_TRY(auto account, read_account(row, 1, "accounts"));
            if (auto pos = find_sorted(keys, address_of, addr)) previous[*pos] = account;
            return {};
        }));
    }
    YAO_TRY_VOID(insert_rows(
        c, "INSERT INTO account_history (address, block_number, nonce, balance, code_hash) VALUES ",
        "", 5, order.size(), [&](Statement& st, size_t i, size_t p) {
            bind_hex(st, p + 0, changes[order[i]].address);
            st.bind_int(p + 1, ctx.number);
            bind_account(st, p + 2, previous[order[i]]);
        }));
    std::vector<uint32_t> upserts;
    std::vector<uint32_t> deletes;
    for (uint32_t pos : order) {
        if (changes[pos].account) {
            upserts.push_back(pos);
        } else if (previous[pos]) {
            deletes.push_back(pos);
        }
    }
    YAO_TRY_VOID(insert_rows(
        c, "INSERT INTO accounts (address, nonce, balance, code_hash, block_number) VALUES ",
        upsert_suffix(c, "address", {"nonce", "balance", "code_hash", "block_number"}, true), 5,
        upserts.size(), [&](Statement& st, size_t i, size_t p) {
            bind_hex(st, p + 0, changes[upserts[i]].address);
            bind_account(st, p + 1, changes[upserts[i]].account);
            st.bind_int(p + 4, ctx.number);
        }));
    for (const auto& chunk : sql::key_chunks(deletes.size(), 256)) {
        YAO_TRY(auto* st,
                c.prepare("DELETE FROM accounts WHERE address IN " + sql::in_list(chunk.shape)));
        for (size_t i = 0; i < chunk.shape; ++i)
            bind_hex(*st, i, changes[deletes[chunk.key(i)]].address);
        YAO_TRY_VOID(st->execute());
    }
    return {};
}

Result<void> write_storage(Connection& c, const CommitContext& ctx) {
    const auto& changes = ctx.commit.storage;
    const auto key_of = [&](uint32_t pos) {
        return StorageKey{changes[pos].address, changes[pos].slot};
    };
    const auto order = sorted_positions(changes.size(), key_of);
    std::vector<std::optional<Hash256>> previous(changes.size());
    for (const auto& chunk : sql::key_chunks(order.size(), 128)) {
        YAO_TRY(auto* st, c.prepare(fmt::format("SELECT address, storage_key, storage_value FROM "
                                                "contract_storage WHERE {}{}",
                                                storage_key_condition(chunk.shape), locking(c))));
        for (size_t i = 0; i < chunk.shape; ++i) {
            const auto& ch = changes[order[chunk.key(i)]];
            bind_hex(*st, 2 * i, ch.address);
            bind_hex(*st, 2 * i + 1, ch.slot);
        }
        const std::span<const uint32_t> keys{order.data() + chunk.first, chunk.count};
        YAO_TRY_VOID(for_each_row(*st, [&](const Statement& row) -> Result<void> {
            YAO_TRY(auto addr, row::get_address(row, 0, "contract_storage.address"));
            YAO_TRY(auto slot, row::get_hash(row, 1, "contract_storage.storage_key"));
            YAO_TRY(auto value, row::get_hash(row, 2, "contract_storage.storage_value"));
            if (auto pos = find_sorted(keys, key_of, StorageKey{addr, slot}))
                previous[*pos] = value;
            return {};
        }));
    }
    YAO_TRY_VOID(insert_rows(
        c,
        "INSERT INTO storage_history (address, storage_key, block_number, storage_value) "
        "VALUES ",
        "", 4, order.size(), [&](Statement& st, size_t i, size_t p) {
            const auto& ch = changes[order[i]];
            bind_hex(st, p + 0, ch.address);
            bind_hex(st, p + 1, ch.slot);
            st.bind_int(p + 2, ctx.number);
            if (const auto& prev = previous[order[i]]) {
                bind_hex(st, p + 3, *prev);
            } else {
                st.bind_null(p + 3);
            }
        }));
    std::vector<uint32_t> upserts;
    std::vector<uint32_t> deletes;
    for (uint32_t pos : order) {
        if (!changes[pos].value.is_zero()) {
            upserts.push_back(pos);
        } else if (previous[pos]) {
            deletes.push_back(pos);
        }
    }
    YAO_TRY_VOID(insert_rows(
        c,
        "INSERT INTO contract_storage (address, storage_key, storage_value, block_number) "
        "VALUES ",
        upsert_suffix(c, "address, storage_key", {"storage_value", "block_number"}, false), 4,
        upserts.size(), [&](Statement& st, size_t i, size_t p) {
            const auto& ch = changes[upserts[i]];
            bind_hex(st, p + 0, ch.address);
            bind_hex(st, p + 1, ch.slot);
            bind_hex(st, p + 2, ch.value);
            st.bind_int(p + 3, ctx.number);
        }));
    for (const auto& chunk : sql::key_chunks(deletes.size(), 128)) {
        YAO_TRY(auto* st, c.prepare("DELETE FROM contract_storage WHERE " +
                                    storage_key_condition(chunk.shape)));
        for (size_t i = 0; i < chunk.shape; ++i) {
            const auto& ch = changes[deletes[chunk.key(i)]];
            bind_hex(*st, 2 * i, ch.address);
            bind_hex(*st, 2 * i + 1, ch.slot);
        }
        YAO_TRY_VOID(st->execute());
    }
    return {};
}

Result<void> write_code(Connection& c, const CommitContext& ctx) {
    std::vector<const CodeEntry*> entries;
    for (const auto& e : ctx.commit.code)
        if (e.code_hash != state::kEmptyCodeHash) entries.push_back(&e);
    std::unordered_set<Hash256> known;
    for (const auto& chunk : sql::key_chunks(entries.size(), 256)) {
        YAO_TRY(auto* st, c.prepare(fmt::format("SELECT code_hash FROM contract_code WHERE "
                                                "code_hash IN {}{}",
                                                sql::in_list(chunk.shape), locking(c))));
        for (size_t i = 0; i < chunk.shape; ++i) bind_hex(*st, i, entries[chunk.key(i)]->code_hash);
        YAO_TRY_VOID(st->execute());
        for (;;) {
            YAO_TRY(bool more, st->next());
            if (!more) break;
            YAO_TRY(auto h, row::get_hash(*st, 0, "contract_code.code_hash"));
            known.insert(h);
        }
    }
    std::erase_if(entries, [&](const CodeEntry* e) { return known.contains(e->code_hash); });
    return insert_rows(
        c, "INSERT INTO contract_code (code_hash, code, block_number) VALUES ", "", 3,
        entries.size(),
        [&](Statement& st, size_t i, size_t p) {
            bind_hex(st, p + 0, entries[i]->code_hash);
            st.bind_blob(p + 1, entries[i]->code);
            st.bind_int(p + 2, ctx.number);
        },
        [&](size_t i) { return entries[i]->code.size(); });
}

Result<void> write_patch(Connection& c, const CommitContext& ctx) {
    if (ctx.commit.patch.empty()) return {};
    YAO_TRY(auto* st, c.prepare("INSERT INTO state_patches (block_number, patch) VALUES (?, ?)"));
    st->bind_int(0, ctx.number);
    st->bind_blob(1, ctx.commit.patch);
    return st->execute();
}

Result<void> set_head(Connection& c, const CommitContext& ctx) {
    const bool genesis = ctx.number == 0;
    YAO_TRY(auto* st, c.prepare(genesis ? "REPLACE INTO chain_meta (meta_key, meta_value) VALUES "
                                          "('head_number', ?), ('head_hash', ?), "
                                          "('genesis_hash', ?)"
                                        : "REPLACE INTO chain_meta (meta_key, meta_value) VALUES "
                                          "('head_number', ?), ('head_hash', ?)"));
    st->bind_text(0, std::to_string(ctx.number));
    st->bind_text(1, ctx.block_hash);
    if (genesis) st->bind_text(2, ctx.block_hash);
    return st->execute();
}

/// Everything a commit writes, inside the caller's transaction. Returns kAlreadyCommitted
/// without writing when the block is stored already.
Result<CommitOutcome> write_block(Connection& c, const CommitContext& ctx) {
    const auto& commit = ctx.commit;
    YAO_TRY(const Head head, read_head(c, /*for_update=*/true));
    const uint64_t number = commit.header.number;
    if (head.number && number <= *head.number) {
        YAO_TRY(auto* st,
                c.prepare(fmt::format("SELECT hash FROM blocks WHERE number = ?{}", locking(c))));
        st->bind_int(0, ctx.number);
        YAO_TRY_VOID(st->execute());
        YAO_TRY(bool found, st->next());
        if (found && st->get_text(0) == ctx.block_hash) return CommitOutcome::kAlreadyCommitted;
        // A different block of an older sequencer term lost to the newer term's: fenced, not a
        // conflict (only a conflict within one term means two proposals for one number).
        if (commit.epoch != 0) YAO_TRY_VOID(check_fence(c, number, commit.epoch));
        return fail(Errc::kBlockConflict,
                    fmt::format("block {} is already committed with hash {}, not {}", number,
                                found ? st->get_text(0) : "(missing)", ctx.block_hash));
    }
    const uint64_t expected = head.number ? *head.number + 1 : 0;
    if (number != expected)
        return fail(Errc::kWrongBlockNumber,
                    head.number ? fmt::format("block {} cannot follow head {}: expected {}", number,
                                              *head.number, expected)
                                : fmt::format("block {} on an empty store: expected 0", number));
    if (number > 0 && commit.header.parent_hash != head.hash)
        return fail(
            Errc::kParentMismatch,
            fmt::format("block {} has parent {}, the head is {}", number,
                        to_hex(commit.header.parent_hash.view()), to_hex(head.hash.view())));
    if (commit.epoch != 0) YAO_TRY_VOID(check_fence(c, number, commit.epoch));
    YAO_TRY_VOID(insert_block(c, ctx));
    YAO_TRY_VOID(insert_transactions(c, ctx));
    YAO_TRY_VOID(insert_receipts_and_logs(c, ctx));
    YAO_TRY_VOID(write_accounts(c, ctx));
    YAO_TRY_VOID(write_storage(c, ctx));
    YAO_TRY_VOID(write_code(c, ctx));
    YAO_TRY_VOID(write_patch(c, ctx));
    YAO_TRY_VOID(set_head(c, ctx));
    return CommitOutcome::kCommitted;
}

}  // namespace

Result<std::unique_ptr<ChainStore>> SqlChainStore::open(
    std::unique_ptr<sql::ConnectionPool> pool, sql::Dialect dialect, sql::RetryPolicy retry,
    bool read_only, std::unique_ptr<sql::ConnectionPool> commit_pool) {
    auto migrated = sql::with_connection(*pool, retry, [read_only](Connection& c) -> Result<void> {
        if (!read_only) return migrate(c);
        auto version = schema_version(c);
        // A database without the chain's tables has no chain_meta to read the version from.
        if (!version)
            return fail(Errc::kDatabase, "no chain here (" + version.error().message() + ")");
        if (*version > kSchemaVersion)
            return fail(Errc::kSchemaTooNew,
                        fmt::format("database schema version {} is newer than this build's {}",
                                    *version, kSchemaVersion));
        if (*version < kSchemaVersion)
            return fail(Errc::kDatabase,
                        fmt::format("database schema version {} is older than this build's {}: "
                                    "open it once with `yaoverse dev` to migrate it",
                                    *version, kSchemaVersion));
        return {};
    });
    if (!migrated) return std::unexpected(std::move(migrated).error());
    return std::unique_ptr<ChainStore>{
        new SqlChainStore(std::move(pool), dialect, retry, std::move(commit_pool))};
}

Result<CommitOutcome> SqlChainStore::commit_block(const BlockCommit& commit) {
    YAO_TRY(const auto raws, encode_validated(commit));
    const CommitContext ctx{commit, raws, i64(commit.header.number), row::hex(commit.hash)};
    // A retry after a connection lost during COMMIT finds the block stored if that COMMIT went
    // through, and then reports kAlreadyCommitted: the outcome is the same block, stored once.
    sql::ConnectionPool& pool = commit_pool_ ? *commit_pool_ : *pool_;
    return sql::with_connection(pool, retry_, [&](Connection& c) -> Result<CommitOutcome> {
        YAO_TRY_VOID(c.begin(true));
        auto written = write_block(c, ctx);
        if (!written || *written != CommitOutcome::kCommitted) {
            c.rollback();
            return written;
        }
        YAO_TRY_VOID(c.commit());
        return CommitOutcome::kCommitted;
    });
}

}  // namespace yao::storage
