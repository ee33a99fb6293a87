// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The read side of SqlChainStore, part 1: blocks, transactions, receipts and logs.
#include <algorithm>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>

#include "row_codec.hpp"
#include "sql_chain_store.hpp"
#include "store_queries.hpp"

namespace yao::storage {
namespace {

using sql::Connection;
using sql::Statement;

constexpr size_t kMaxFilterValues = 4096;  ///< addresses plus topics in one log filter

Result<chain::TxType> read_type(const Statement& st, size_t col, std::string_view column) {
    const int64_t t = st.get_int(col);
    if (st.is_null(col) || t < 0 || t > static_cast<int64_t>(chain::TxType::kSetCode))
        return corrupt(fmt::format("{} holds {}", column, t));
    return static_cast<chain::TxType>(t);
}

Result<Bloom> read_bloom(const Statement& st, size_t col, std::string_view column) {
    const BytesView b = st.get_blob(col);
    if (b.size() != Bloom::size())
        return corrupt(fmt::format("{} has {} bytes, not 256", column, b.size()));
    Bloom bloom;
    std::copy(b.begin(), b.end(), bloom.bytes.begin());
    return bloom;
}

/// Columns: hash, header_rlp. The header must hash to the stored hash.
Result<StoredBlock> read_block_row(const Statement& st) {
    StoredBlock block;
    YAO_TRY(block.hash, row::get_hash(st, 0, "blocks.hash"));
    const BytesView rlp = st.get_blob(1);
    auto header = chain::decode_header(rlp);
    if (!header) return corrupt("blocks.header_rlp: " + header.error().message());
    if (keccak256(rlp) != block.hash)
        return corrupt(fmt::format("blocks.header_rlp does not hash to {}", to_hex(block.hash)));
    block.header = std::move(*header);
    return block;
}

constexpr std::string_view kTxnColumns =
    "hash, raw, from_address, block_hash, block_number, transaction_index";

/// Columns: kTxnColumns. The raw bytes must hash to the stored hash.
Result<StoredTransaction> read_txn_row(const Statement& st) {
    StoredTransaction t;
    YAO_TRY(t.hash, row::get_hash(st, 0, "transactions.hash"));
    const BytesView raw = st.get_blob(1);
    if (keccak256(raw) != t.hash)
        return corrupt(fmt::format("transactions.raw does not hash to {}", to_hex(t.hash)));
    auto txn = chain::decode_transaction(raw);
    if (!txn) return corrupt("transactions.raw: " + txn.error().message());
    t.txn = std::move(*txn);
    YAO_TRY(t.sender, row::get_address(st, 2, "transactions.from_address"));
    YAO_TRY(t.block_hash, row::get_hash(st, 3, "transactions.block_hash"));
    YAO_TRY(t.block_num, row::get_u64(st, 4, "transactions.block_number"));
    YAO_TRY(const uint64_t index, row::get_u64(st, 5, "transactions.transaction_index"));
    t.index = static_cast<uint32_t>(index);
    return t;
}

Result<std::vector<Hash256>> read_txn_hashes(Connection& c, int64_t number) {
    std::vector<Hash256> out;
    YAO_TRY(auto* st, c.prepare("SELECT hash FROM transactions WHERE block_number = ? "
                                "ORDER BY transaction_index"));
    st->bind_int(0, number);
    YAO_TRY_VOID(for_each_row(*st, [&](const Statement& s) -> Result<void> {
        YAO_TRY(auto h, row::get_hash(s, 0, "transactions.hash"));
        out.push_back(h);
        return {};
    }));
    return out;
}

Result<std::vector<StoredTransaction>> read_txns(Connection& c, int64_t number) {
    std::vector<StoredTransaction> out;
    YAO_TRY(auto* st, c.prepare(fmt::format("SELECT {} FROM transactions WHERE block_number = ? "
                                            "ORDER BY transaction_index",
                                            kTxnColumns)));
    st->bind_int(0, number);
    YAO_TRY_VOID(for_each_row(*st, [&](const Statement& s) -> Result<void> {
        YAO_TRY(auto t, read_txn_row(s));
        out.push_back(std::move(t));
        return {};
    }));
    return out;
}

/// Fills the block's transactions (hashes, and the full transactions when asked).
Result<void> fill_block(Connection& c, StoredBlock& block, bool full) {
    const auto number = static_cast<int64_t>(block.header.number);
    if (full) {
        YAO_TRY(block.transactions, read_txns(c, number));
        for (const auto& t : block.transactions) block.transaction_hashes.push_back(t.hash);
    } else {
        YAO_TRY(block.transaction_hashes, read_txn_hashes(c, number));
    }
    return {};
}

constexpr std::string_view kReceiptColumns =
    "transaction_hash, transaction_index, block_hash, block_number, from_address, to_address, "
    "gas_used, cumulative_gas_used, contract_address, status, effective_gas_price, logs_bloom, "
    "type, first_log_index";

Result<StoredReceipt> read_receipt_row(const Statement& st) {
    StoredReceipt r;
    YAO_TRY(r.transaction_hash, row::get_hash(st, 0, "receipts.transaction_hash"));
    YAO_TRY(const uint64_t index, row::get_u64(st, 1, "receipts.transaction_index"));
    r.transaction_index = static_cast<uint32_t>(index);
    YAO_TRY(r.block_hash, row::get_hash(st, 2, "receipts.block_hash"));
    YAO_TRY(r.block_num, row::get_u64(st, 3, "receipts.block_number"));
    YAO_TRY(r.from, row::get_address(st, 4, "receipts.from_address"));
    YAO_TRY(r.to, row::get_optional_address(st, 5, "receipts.to_address"));
    YAO_TRY(r.gas_used, row::get_u64(st, 6, "receipts.gas_used"));
    YAO_TRY(r.receipt.cumulative_gas_used, row::get_u64(st, 7, "receipts.cumulative_gas_used"));
    YAO_TRY(r.contract_address, row::get_optional_address(st, 8, "receipts.contract_address"));
    const int64_t status = st.get_int(9);
    if (status != 0 && status != 1) return corrupt(fmt::format("receipts.status holds {}", status));
    r.receipt.success = status == 1;
    YAO_TRY(r.effective_gas_price, row::get_amount(st, 10, "receipts.effective_gas_price"));
    YAO_TRY(r.receipt.logs_bloom, read_bloom(st, 11, "receipts.logs_bloom"));
    YAO_TRY(r.receipt.type, read_type(st, 12, "receipts.type"));
    YAO_TRY(const uint64_t first_log, row::get_u64(st, 13, "receipts.first_log_index"));
    r.first_log_index = static_cast<uint32_t>(first_log);
    return r;
}

constexpr std::string_view kLogColumns =
    "address, topic0, topic1, topic2, topic3, data, block_number, block_hash, "
    "transaction_hash, transaction_index, log_index, removed";

Result<StoredLog> read_log_row(const Statement& st) {
    StoredLog l;
    YAO_TRY(l.log.address, row::get_address(st, 0, "logs.address"));
    for (size_t k = 0; k < 4; ++k) {
        if (st.is_null(1 + k)) {
            for (size_t j = k + 1; j < 4; ++j)
                if (!st.is_null(1 + j)) return corrupt("logs: a topic after a missing one");
            break;
        }
        YAO_TRY(auto topic, row::parse_hash(st.get_text(1 + k), "logs.topic"));
        l.log.topics.push_back(topic);
    }
    const BytesView data = st.get_blob(5);
    l.log.data.assign(data.begin(), data.end());
    YAO_TRY(l.block_num, row::get_u64(st, 6, "logs.block_number"));
    YAO_TRY(l.block_hash, row::get_hash(st, 7, "logs.block_hash"));
    YAO_TRY(l.transaction_hash, row::get_hash(st, 8, "logs.transaction_hash"));
    YAO_TRY(const uint64_t txn_index, row::get_u64(st, 9, "logs.transaction_index"));
    l.transaction_index = static_cast<uint32_t>(txn_index);
    YAO_TRY(const uint64_t log_index, row::get_u64(st, 10, "logs.log_index"));
    l.log_index = static_cast<uint32_t>(log_index);
    l.removed = st.get_int(11) != 0;
    return l;
}

/// Receipts (without logs) from a prepared receipts query, then their logs from `logs_sql`
/// (bound with `bind`), attached by transaction index.
template <typename Bind>
Result<std::vector<StoredReceipt>> read_receipts(Connection& c, std::string_view receipts_sql,
                                                 std::string_view logs_sql, Bind&& bind) {
    std::vector<StoredReceipt> receipts;
    YAO_TRY(auto* st, c.prepare(receipts_sql));
    bind(*st);
    YAO_TRY_VOID(for_each_row(*st, [&](const Statement& s) -> Result<void> {
        YAO_TRY(auto r, read_receipt_row(s));
        receipts.push_back(std::move(r));
        return {};
    }));
    if (receipts.empty()) return receipts;
    YAO_TRY(auto* logs, c.prepare(logs_sql));
    bind(*logs);
    YAO_TRY_VOID(for_each_row(*logs, [&](const Statement& s) -> Result<void> {
        YAO_TRY(auto l, read_log_row(s));
        auto it = std::find_if(receipts.begin(), receipts.end(), [&](const StoredReceipt& r) {
            return r.transaction_index == l.transaction_index;
        });
        if (it == receipts.end()) return corrupt("logs: a log without its receipt");
        it->receipt.logs.push_back(std::move(l.log));
        return {};
    }));
    return receipts;
}

/// Binds `values` into `shape` slots from `first` (the last value repeated in the extra slots).
template <typename T>
size_t bind_padded(Statement& st, size_t first, const std::vector<T>& values, size_t shape) {
    for (size_t i = 0; i < shape; ++i)
        st.bind_text(first + i, row::hex(values[std::min(i, values.size() - 1)]));
    return first + shape;
}

}  // namespace

Result<std::optional<uint64_t>> SqlChainStore::head_number() {
    return run([](Connection& c) -> Result<std::optional<uint64_t>> {
        YAO_TRY(const Head head, read_head(c, false));
        return head.number;
    });
}

Result<std::optional<StoredBlock>> SqlChainStore::header_by_number(uint64_t number) {
    return run([&](Connection& c) -> Result<std::optional<StoredBlock>> {
        YAO_TRY(auto* st, c.prepare("SELECT hash, header_rlp FROM blocks WHERE number = ?"));
        st->bind_int(0, static_cast<int64_t>(number));
        YAO_TRY_VOID(st->execute());
        YAO_TRY(bool found, st->next());
        if (!found) return std::optional<StoredBlock>{};
        YAO_TRY(auto block, read_block_row(*st));
        if (block.header.number != number) return corrupt("blocks.number differs from header");
        return std::optional{std::move(block)};
    });
}

Result<std::optional<StoredBlock>> SqlChainStore::header_by_hash(const Hash256& hash) {
    return run([&](Connection& c) -> Result<std::optional<StoredBlock>> {
        YAO_TRY(auto* st, c.prepare("SELECT hash, header_rlp FROM blocks WHERE hash = ?"));
        st->bind_text(0, row::hex(hash));
        YAO_TRY_VOID(st->execute());
        YAO_TRY(bool found, st->next());
        if (!found) return std::optional<StoredBlock>{};
        YAO_TRY(auto block, read_block_row(*st));
        return std::optional{std::move(block)};
    });
}

Result<std::optional<StoredBlock>> SqlChainStore::block_by_number(uint64_t number, bool full) {
    return run([&](Connection& c) -> Result<std::optional<StoredBlock>> {
        YAO_TRY(auto* st, c.prepare("SELECT hash, header_rlp FROM blocks WHERE number = ?"));
        st->bind_int(0, static_cast<int64_t>(number));
        YAO_TRY_VOID(st->execute());
        YAO_TRY(bool found, st->next());
        if (!found) return std::optional<StoredBlock>{};
        YAO_TRY(auto block, read_block_row(*st));
        if (block.header.number != number) return corrupt("blocks.number differs from header");
        YAO_TRY_VOID(fill_block(c, block, full));
        return std::optional{std::move(block)};
    });
}

Result<std::optional<StoredBlock>> SqlChainStore::block_by_hash(const Hash256& hash, bool full) {
    return run([&](Connection& c) -> Result<std::optional<StoredBlock>> {
        YAO_TRY(auto* st, c.prepare("SELECT hash, header_rlp FROM blocks WHERE hash = ?"));
        st->bind_text(0, row::hex(hash));
        YAO_TRY_VOID(st->execute());
        YAO_TRY(bool found, st->next());
        if (!found) return std::optional<StoredBlock>{};
        YAO_TRY(auto block, read_block_row(*st));
        YAO_TRY_VOID(fill_block(c, block, full));
        return std::optional{std::move(block)};
    });
}

Result<std::optional<StoredTransaction>> SqlChainStore::transaction(const Hash256& hash) {
    return run([&](Connection& c) -> Result<std::optional<StoredTransaction>> {
        YAO_TRY(auto* st,
                c.prepare(fmt::format("SELECT {} FROM transactions WHERE hash = ?", kTxnColumns)));
        st->bind_text(0, row::hex(hash));
        YAO_TRY_VOID(st->execute());
        YAO_TRY(bool found, st->next());
        if (!found) return std::optional<StoredTransaction>{};
        YAO_TRY(auto t, read_txn_row(*st));
        return std::optional{std::move(t)};
    });
}

Result<std::optional<StoredReceipt>> SqlChainStore::receipt(const Hash256& txn_hash) {
    return run([&](Connection& c) -> Result<std::optional<StoredReceipt>> {
        const std::string key = row::hex(txn_hash);
        YAO_TRY(auto receipts,
                read_receipts(c,
                              fmt::format("SELECT {} FROM receipts WHERE transaction_hash = ?",
                                          kReceiptColumns),
                              fmt::format("SELECT {} FROM logs WHERE transaction_hash = ? "
                                          "ORDER BY log_index",
                                          kLogColumns),
                              [&](Statement& st) { st.bind_text(0, key); }));
        if (receipts.empty()) return std::optional<StoredReceipt>{};
        return std::optional{std::move(receipts.front())};
    });
}

Result<std::optional<std::vector<StoredReceipt>>> SqlChainStore::block_receipts(uint64_t number) {
    return run([&](Connection& c) -> Result<std::optional<std::vector<StoredReceipt>>> {
        YAO_TRY(auto* st, c.prepare("SELECT number FROM blocks WHERE number = ?"));
        st->bind_int(0, static_cast<int64_t>(number));
        YAO_TRY_VOID(st->execute());
        YAO_TRY(bool found, st->next());
        if (!found) return std::optional<std::vector<StoredReceipt>>{};
        YAO_TRY(auto receipts,
                read_receipts(c,
                              fmt::format("SELECT {} FROM receipts WHERE block_number = ? "
                                          "ORDER BY transaction_index",
                                          kReceiptColumns),
                              fmt::format("SELECT {} FROM logs WHERE block_number = ? "
                                          "ORDER BY log_index",
                                          kLogColumns),
                              [&](Statement& s) { s.bind_int(0, static_cast<int64_t>(number)); }));
        return std::optional{std::move(receipts)};
    });
}

Result<std::vector<StoredLog>> SqlChainStore::logs(const LogFilter& filter) {
    if (filter.from_block > filter.to_block)
        return fail(Errc::kInvalidArgument, fmt::format("log filter range {}..{} is reversed",
                                                        filter.from_block, filter.to_block));
    constexpr auto kMaxBlock = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    const auto addresses = unique_sorted(filter.addresses);
    std::array<std::vector<Hash256>, 4> topics;
    size_t values = addresses.size();
    for (size_t k = 0; k < 4; ++k) {
        topics[k] = unique_sorted(filter.topics[k]);
        values += topics[k].size();
    }
    if (values > kMaxFilterValues)
        return fail(Errc::kInvalidArgument,
                    fmt::format("log filter has {} addresses and topics; at most {}", values,
                                kMaxFilterValues));
    // The SQL text depends only on the filter's shape (IN-list sizes rounded up to powers of
    // two); every value is a bound parameter.
    std::string sql = fmt::format(
        "SELECT {} FROM logs WHERE block_number >= ? AND "
        "block_number <= ?",
        kLogColumns);
    if (!addresses.empty())
        sql += " AND address IN " + sql::in_list(std::bit_ceil(addresses.size()));
    for (size_t k = 0; k < 4; ++k)
        if (!topics[k].empty())
            sql +=
                fmt::format(" AND topic{} IN {}", k, sql::in_list(std::bit_ceil(topics[k].size())));
    sql += " ORDER BY block_number, log_index";
    if (filter.limit != 0) sql += " LIMIT ?";
    return run([&](Connection& c) -> Result<std::vector<StoredLog>> {
        YAO_TRY(auto* st, c.prepare(sql));
        st->bind_int(0, static_cast<int64_t>(std::min(filter.from_block, kMaxBlock)));
        st->bind_int(1, static_cast<int64_t>(std::min(filter.to_block, kMaxBlock)));
        size_t p = 2;
        if (!addresses.empty()) p = bind_padded(*st, p, addresses, std::bit_ceil(addresses.size()));
        for (size_t k = 0; k < 4; ++k)
            if (!topics[k].empty())
                p = bind_padded(*st, p, topics[k], std::bit_ceil(topics[k].size()));
        if (filter.limit != 0) st->bind_int(p, static_cast<int64_t>(filter.limit) + 1);
        std::vector<StoredLog> out;
        YAO_TRY_VOID(for_each_row(*st, [&](const Statement& s) -> Result<void> {
            YAO_TRY(auto l, read_log_row(s));
            out.push_back(std::move(l));
            return {};
        }));
        if (filter.limit != 0 && out.size() > filter.limit)
            return fail(Errc::kTooManyResults,
                        fmt::format("query returned more than {} results", filter.limit));
        return out;
    });
}

}  // namespace yao::storage
