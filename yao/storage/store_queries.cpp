// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "store_queries.hpp"

#include <charconv>

#include <fmt/format.h>

#include "errc.hpp"
#include "row_codec.hpp"

namespace yao::storage {

Result<Head> read_head(sql::Connection& conn, bool for_update) {
    const bool lock = for_update && conn.dialect() == sql::Dialect::kMysql;
    YAO_TRY(auto* st, conn.prepare(lock ? "SELECT meta_key, meta_value FROM chain_meta WHERE "
                                          "meta_key IN ('head_number', 'head_hash') FOR UPDATE"
                                        : "SELECT meta_key, meta_value FROM chain_meta WHERE "
                                          "meta_key IN ('head_number', 'head_hash')"));
    YAO_TRY_VOID(st->execute());
    Head head;
    std::string number_text;
    std::string hash_text;
    for (;;) {
        YAO_TRY(bool more, st->next());
        if (!more) break;
        (st->get_text(0) == "head_number" ? number_text : hash_text) = st->get_text(1);
    }
    if (number_text.empty()) return head;
    uint64_t number = 0;
    const auto [end, ec] =
        std::from_chars(number_text.data(), number_text.data() + number_text.size(), number);
    if (ec != std::errc{} || end != number_text.data() + number_text.size())
        return fail(Errc::kCorruptRow, fmt::format("chain_meta.head_number '{}'", number_text));
    YAO_TRY(head.hash, row::parse_hash(hash_text, "chain_meta.head_hash"));
    head.number = number;
    return head;
}

Result<state::Account> read_account(const sql::Statement& st, size_t first,
                                    std::string_view table) {
    // The column names are only formatted for an error: this runs once per row of big reads.
    const auto named = [&](Error e) {
        return fail(e.code(), fmt::format("{}.{}", table, e.context()));
    };
    auto nonce = row::get_u64(st, first, "nonce");
    if (!nonce) return named(std::move(nonce).error());
    auto balance = row::get_amount(st, first + 1, "balance");
    if (!balance) return named(std::move(balance).error());
    auto code_hash = row::get_hash(st, first + 2, "code_hash");
    if (!code_hash) return named(std::move(code_hash).error());
    return state::Account{*nonce, *balance, *code_hash};
}

std::string indexed_table(std::string_view table, std::string_view index, sql::Dialect dialect) {
    if (dialect == sql::Dialect::kMysql) return fmt::format("{} FORCE INDEX ({})", table, index);
    return fmt::format("{} INDEXED BY {}_{}", table, table, index);
}

std::string history_page_sql(const HistorySource& source, bool descending, sql::Dialect dialect) {
    const std::string_view order = descending ? "DESC" : "ASC";
    return fmt::format(
        "SELECT {}, block_number, transaction_index FROM {} WHERE {} = ? AND block_number {} ? "
        "ORDER BY block_number {}, transaction_index {} LIMIT ?",
        source.hash_column, indexed_table(source.table, source.index, dialect), source.column,
        descending ? "<=" : ">=", order, order);
}

std::string history_block_sql(const HistorySource& source, sql::Dialect dialect) {
    return fmt::format(
        "SELECT {}, block_number, transaction_index FROM {} WHERE {} = ? AND block_number = ?",
        source.hash_column, indexed_table(source.table, source.index, dialect), source.column);
}

std::string history_beyond_sql(const HistorySource& source, bool descending, sql::Dialect dialect) {
    return fmt::format(
        "SELECT block_number FROM {} WHERE {} = ? AND block_number {} ? ORDER BY block_number {} "
        "LIMIT 1",
        indexed_table(source.table, source.index, dialect), source.column, descending ? "<" : ">",
        descending ? "DESC" : "ASC");
}

std::string sender_nonce_sql(std::string_view columns, sql::Dialect dialect) {
    return fmt::format("SELECT {} FROM {} WHERE from_address = ? AND nonce = ? LIMIT 1", columns,
                       indexed_table("transactions", "idx_from_nonce", dialect));
}

std::string creation_sql(sql::Dialect dialect) {
    return fmt::format(
        "SELECT transaction_hash FROM {} WHERE contract_address = ? ORDER BY block_number, "
        "transaction_index LIMIT 1",
        indexed_table("receipts", "idx_contract_address", dialect));
}

std::string storage_key_condition(size_t n) {
    std::string out;
    out.reserve(n * 42);
    for (size_t i = 0; i < n; ++i) {
        if (i != 0) out += " OR ";
        out += "(address = ? AND storage_key = ?)";
    }
    return out;
}

}  // namespace yao::storage
