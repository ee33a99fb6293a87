// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The read side of SqlChainStore, part 1: blocks, transactions, receipts and logs.
#include <algorithm>
#include <map>
#include <type_traits>
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

// ---- Address history ----------------------------------------------------------------------

/// A transaction found in an address's history: its place in the chain and its hash.
struct Position {
    uint64_t block = 0;
    uint32_t index = 0;
    Hash256 hash;
};

/// The search direction.
struct SearchOrder {
    bool descending = true;
    /// Position `a` comes before `b`.
    bool first(const Position& a, const Position& b) const {
        if (a.block != b.block) return descending ? a.block > b.block : a.block < b.block;
        return descending ? a.index > b.index : a.index < b.index;
    }
    /// Block `a` lies past block `b`.
    bool past(uint64_t a, uint64_t b) const { return descending ? a < b : a > b; }
};

/// Reads hash, block_number, transaction_index rows of `source`.
Result<void> read_positions(Statement& st, const HistorySource& source,
                            std::vector<Position>& out) {
    return for_each_row(st, [&](const Statement& s) -> Result<void> {
        Position p;
        auto hash = row::get_hash(s, 0, "hash");
        if (!hash) return corrupt(fmt::format("{}.{}", source.table, hash.error().context()));
        p.hash = *hash;
        YAO_TRY(p.block, row::get_u64(s, 1, "block_number"));
        YAO_TRY(const uint64_t index, row::get_u64(s, 2, "transaction_index"));
        p.index = static_cast<uint32_t>(index);
        out.push_back(p);
        return {};
    });
}

/// Runs `prefix (?, ?, ...) suffix` over `keys` in chunks (text keys bound as text, numbers as
/// integers) and calls `on_row` for every row.
template <typename Key, typename OnRow>
Result<void> for_each_keyed_row(Connection& c, std::string_view prefix, std::string_view suffix,
                                const std::vector<Key>& keys, OnRow&& on_row) {
    for (const auto& chunk : sql::key_chunks(keys.size(), 256)) {
        YAO_TRY(auto* st,
                c.prepare(fmt::format("{}{}{}", prefix, sql::in_list(chunk.shape), suffix)));
        for (size_t i = 0; i < chunk.shape; ++i) {
            if constexpr (std::is_same_v<Key, std::string>) {
                st->bind_text(i, keys[chunk.key(i)]);
            } else {
                st->bind_int(i, static_cast<int64_t>(keys[chunk.key(i)]));
            }
        }
        YAO_TRY_VOID(for_each_row(*st, on_row));
    }
    return {};
}

/// The transactions, receipts (with logs) and block headers of `positions`, in their order.
Result<void> load_history(Connection& c, const std::vector<Position>& positions,
                          AddressHistoryPage& page) {
    std::vector<std::string> keys;
    keys.reserve(positions.size());
    for (const auto& p : positions) keys.push_back(row::hex(p.hash));
    std::unordered_map<Hash256, StoredTransaction> txns;
    YAO_TRY_VOID(for_each_keyed_row(
        c, fmt::format("SELECT {} FROM transactions WHERE hash IN ", kTxnColumns), "", keys,
        [&](const Statement& s) -> Result<void> {
            YAO_TRY(auto t, read_txn_row(s));
            txns.emplace(t.hash, std::move(t));
            return {};
        }));
    std::unordered_map<Hash256, StoredReceipt> receipts;
    YAO_TRY_VOID(for_each_keyed_row(
        c, fmt::format("SELECT {} FROM receipts WHERE transaction_hash IN ", kReceiptColumns), "",
        keys, [&](const Statement& s) -> Result<void> {
            YAO_TRY(auto r, read_receipt_row(s));
            receipts.emplace(r.transaction_hash, std::move(r));
            return {};
        }));
    // A transaction's logs are all in the chunk of its hash, in log order.
    YAO_TRY_VOID(for_each_keyed_row(
        c, fmt::format("SELECT {} FROM logs WHERE transaction_hash IN ", kLogColumns),
        " ORDER BY block_number, log_index", keys, [&](const Statement& s) -> Result<void> {
            YAO_TRY(auto l, read_log_row(s));
            auto it = receipts.find(l.transaction_hash);
            if (it == receipts.end()) return corrupt("logs: a log without its receipt");
            it->second.receipt.logs.push_back(std::move(l.log));
            return {};
        }));
    std::vector<uint64_t> numbers;
    for (const auto& p : positions)
        if (numbers.empty() || numbers.back() != p.block) numbers.push_back(p.block);
    std::unordered_map<uint64_t, StoredBlock> headers;
    YAO_TRY_VOID(for_each_keyed_row(c, "SELECT hash, header_rlp FROM blocks WHERE number IN ", "",
                                    numbers, [&](const Statement& s) -> Result<void> {
                                        YAO_TRY(auto b, read_block_row(s));
                                        headers.emplace(b.header.number, std::move(b));
                                        return {};
                                    }));
    for (const auto& p : positions) {
        auto t = txns.find(p.hash);
        auto r = receipts.find(p.hash);
        if (t == txns.end() || r == receipts.end())
            return corrupt(fmt::format("transaction {} of the address index has no {} row",
                                       to_hex(p.hash),
                                       t == txns.end() ? "transaction" : "receipt"));
        if (t->second.block_num != p.block || t->second.index != p.index)
            return corrupt(fmt::format("transaction {} is indexed at {}:{}, stored at {}:{}",
                                       to_hex(p.hash), p.block, p.index, t->second.block_num,
                                       t->second.index));
        page.transactions.push_back(std::move(t->second));
        page.receipts.push_back(std::move(r->second));
    }
    for (uint64_t n : numbers) {
        auto h = headers.find(n);
        if (h == headers.end())
            return corrupt(fmt::format("block {} of the address index is missing", n));
        page.headers.push_back(std::move(h->second));
    }
    return {};
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

namespace yao::storage {

Result<AddressHistoryPage> SqlChainStore::address_history(const AddressHistoryQuery& query) {
    if (query.page_size > kMaxAddressHistoryPage)
        return fail(Errc::kInvalidArgument,
                    fmt::format("address history page of {} transactions; at most {}",
                                query.page_size, kMaxAddressHistoryPage));
    constexpr auto kMaxBlock = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    const size_t page_size = std::max<size_t>(query.page_size, 1);
    const SearchOrder order{query.descending};
    if (!query.descending && query.from_block > kMaxBlock) {
        AddressHistoryPage none;
        none.exhausted = true;
        return none;
    }
    const int64_t from = static_cast<int64_t>(std::min(query.from_block, kMaxBlock));
    const std::string address = row::hex(query.address);
    return run([&](Connection& c) -> Result<AddressHistoryPage> {
        return in_read_tx(c, [&]() -> Result<AddressHistoryPage> {
            // The first page_size matches of each source: their merge holds the first page_size
            // matches of all (a match among those is among the first page_size of its source).
            std::array<std::vector<Position>, kHistorySources.size()> found;
            for (size_t i = 0; i < kHistorySources.size(); ++i) {
                const auto& source = kHistorySources[i];
                YAO_TRY(auto* st, c.prepare(history_page_sql(source, query.descending, dialect_)));
                st->bind_text(0, address);
                st->bind_int(1, from);
                st->bind_int(2, static_cast<int64_t>(page_size));
                YAO_TRY_VOID(read_positions(*st, source, found[i]));
            }
            const auto merge = [&] {
                std::vector<Position> all;
                for (const auto& f : found) all.insert(all.end(), f.begin(), f.end());
                std::sort(all.begin(), all.end(),
                          [&](const Position& a, const Position& b) { return order.first(a, b); });
                // A self-transfer is found as its sender and as its recipient: once.
                all.erase(std::unique(all.begin(), all.end(),
                                      [](const Position& a, const Position& b) {
                                          return a.block == b.block && a.index == b.index;
                                      }),
                          all.end());
                return all;
            };
            std::vector<Position> positions = merge();
            AddressHistoryPage page;
            if (positions.size() < page_size) {
                // Every source gave fewer rows than asked: all there is.
                page.exhausted = true;
            } else {
                // The page ends with the whole block of its page_size-th match.
                const uint64_t last = positions[page_size - 1].block;
                bool more = false;
                for (size_t i = 0; i < kHistorySources.size(); ++i) {
                    const auto& source = kHistorySources[i];
                    auto& f = found[i];
                    const bool cut = f.size() == page_size;  // it may have rows not read
                    const bool read_past = std::any_of(f.begin(), f.end(), [&](const Position& p) {
                        return order.past(p.block, last);
                    });
                    if (read_past) {
                        more = true;  // and every row of `last` was read
                        continue;
                    }
                    if (!cut) continue;  // all its rows were read
                    // Cut within block `last`: the rest of the block, and whether any lies past.
                    YAO_TRY(auto* block, c.prepare(history_block_sql(source, dialect_)));
                    block->bind_text(0, address);
                    block->bind_int(1, static_cast<int64_t>(last));
                    YAO_TRY_VOID(read_positions(*block, source, f));
                    if (!more) {
                        YAO_TRY(auto* past,
                                c.prepare(history_beyond_sql(source, query.descending, dialect_)));
                        past->bind_text(0, address);
                        past->bind_int(1, static_cast<int64_t>(last));
                        YAO_TRY_VOID(past->execute());
                        YAO_TRY(more, past->next());
                    }
                }
                positions = merge();
                std::erase_if(positions,
                              [&](const Position& p) { return order.past(p.block, last); });
                page.exhausted = !more;
            }
            YAO_TRY_VOID(load_history(c, positions, page));
            return page;
        });
    });
}

Result<std::optional<StoredTransaction>> SqlChainStore::transaction_by_sender_and_nonce(
    const Address& sender, uint64_t nonce) {
    // Nonces are stored as signed 64-bit numbers (validate_commit keeps them below 2^63).
    if (nonce > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return std::optional<StoredTransaction>{};
    return run([&](Connection& c) -> Result<std::optional<StoredTransaction>> {
        YAO_TRY(auto* st, c.prepare(sender_nonce_sql(kTxnColumns, dialect_)));
        st->bind_text(0, row::hex(sender));
        st->bind_int(1, static_cast<int64_t>(nonce));
        YAO_TRY_VOID(st->execute());
        YAO_TRY(bool found, st->next());
        if (!found) return std::optional<StoredTransaction>{};
        YAO_TRY(auto t, read_txn_row(*st));
        return std::optional{std::move(t)};
    });
}

Result<std::optional<StoredTransaction>> SqlChainStore::creation_transaction(
    const Address& contract) {
    return run([&](Connection& c) -> Result<std::optional<StoredTransaction>> {
        return in_read_tx(c, [&]() -> Result<std::optional<StoredTransaction>> {
            YAO_TRY(auto* st, c.prepare(creation_sql(dialect_)));
            st->bind_text(0, row::hex(contract));
            YAO_TRY_VOID(st->execute());
            YAO_TRY(bool found, st->next());
            if (!found) return std::optional<StoredTransaction>{};
            YAO_TRY(const Hash256 hash, row::get_hash(*st, 0, "receipts.transaction_hash"));
            YAO_TRY(auto* txn, c.prepare(fmt::format("SELECT {} FROM transactions WHERE hash = ?",
                                                     kTxnColumns)));
            txn->bind_text(0, row::hex(hash));
            YAO_TRY_VOID(txn->execute());
            YAO_TRY(bool stored, txn->next());
            if (!stored)
                return corrupt(fmt::format("receipt {} has no transaction row", to_hex(hash)));
            YAO_TRY(auto t, read_txn_row(*txn));
            return std::optional{std::move(t)};
        });
    });
}

}  // namespace yao::storage
