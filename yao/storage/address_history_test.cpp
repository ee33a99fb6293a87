// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The address history (Otterscan's ots_search*, ots_getTransactionBySenderAndNonce,
// ots_getContractCreator through ChainStore): pages in both directions, whole blocks, the
// exhausted flag, self-transfers found once, creations, sender and nonce; schema version 4's
// migration of an older database; the plans of the queries (one index range, no sort) on SQLite
// and MariaDB, and the rows MariaDB reads when a page is read again. Runs on every backend.
#include <sqlite3.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <yao/common/hex.hpp>
#include <yao/storage/mysql_store.hpp>
#include <yao/storage/sqlite_store.hpp>
#include <yao/storage/test_util/store_fixture.hpp>

#include "store_queries.hpp"

namespace yao::storage::test_util {
namespace {

const Address kA = test_address(0xa000'0001);
const Address kB = test_address(0xa000'0002);
const Address kC = test_address(0xa000'0003);
const Address kD = test_address(0xa000'0004);
const Address kX = test_address(0xa000'00c0);  // the contract kA deploys
constexpr auto kMy = sql::Dialect::kMysql;
constexpr auto kLite = sql::Dialect::kSqlite;

/// One transaction of a hand-made block.
struct Tx {
    Address from;
    std::optional<Address> to;  ///< nullopt: a creation of `created`
    uint64_t nonce = 0;
    std::optional<Address> created = std::nullopt;
};

/// (block, index) of a transaction.
using Place = std::pair<uint64_t, uint32_t>;

class AddressHistoryTest : public StoreTest {
protected:
    /// Block 0: no transactions. A's matches, in chain order: (1,0) A->B, (2,0) B->A,
    /// (4,1) A->A, (4,2) A creates X, (4,3) D->A, (6,0) A->C. Unrelated: (1,1), (3,0), (4,0);
    /// (5,0) C->X calls the contract.
    void SetUp() override {
        StoreTest::SetUp();
        commit(next_block({.transfers = 0}));
        add({{kA, kB, 0}, {kC, kD, 0}});
        add({{kB, kA, 0}});
        add({{kC, kD, 1}});
        add({{kC, kD, 2}, {kA, kA, 1}, {kA, std::nullopt, 2, kX}, {kD, kA, 0}});
        add({{kC, kX, 3}});
        add({{kA, kC, 3}});
    }

    /// Commits the next block with `txs` (each with one log).
    void add(const std::vector<Tx>& txs) {
        BlockCommit c = next_block({.transfers = txs.size(), .logs_per_txn = 1, .counter = false});
        for (size_t i = 0; i < txs.size(); ++i) {
            auto& t = c.transactions[i];
            t.sender = txs[i].from;
            t.txn.to = txs[i].to;
            t.txn.nonce = txs[i].nonce;
            t.contract_address = txs[i].created;
        }
        seal_block(c);
        commit(c);
        blocks_.push_back(c);
    }

    const TransactionCommit& tx(Place p) const {
        return blocks_.at(p.first - 1).transactions.at(p.second);
    }

    AddressHistoryPage page(const Address& a, uint64_t from, bool descending, size_t size) {
        auto r = store_->address_history(
            {.address = a, .from_block = from, .descending = descending, .page_size = size});
        EXPECT_TRUE(r) << r.error().message();
        return r.value_or(AddressHistoryPage{});
    }

    static std::vector<Place> places(const AddressHistoryPage& p) {
        std::vector<Place> out;
        for (const auto& t : p.transactions) out.emplace_back(t.block_num, t.index);
        return out;
    }

    std::vector<BlockCommit> blocks_;  ///< blocks 1.. as committed
};

TEST_P(AddressHistoryTest, NewestFirstPagesEndWithWholeBlocks) {
    // Two asked for: (6,0), (4,3), then the rest of block 4.
    const auto first = page(kA, UINT64_MAX, true, 2);
    EXPECT_EQ(places(first), (std::vector<Place>{{6, 0}, {4, 3}, {4, 2}, {4, 1}}));
    EXPECT_FALSE(first.exhausted);
    // The next page starts below block 4.
    const auto second = page(kA, 3, true, 2);
    EXPECT_EQ(places(second), (std::vector<Place>{{2, 0}, {1, 0}}));
    EXPECT_TRUE(second.exhausted);
    // Exactly the last match: nothing past it.
    const auto one = page(kA, 1, true, 1);
    EXPECT_EQ(places(one), (std::vector<Place>{{1, 0}}));
    EXPECT_TRUE(one.exhausted);
    // One more than there are: all six, the self-transfer once.
    const auto all = page(kA, UINT64_MAX, true, 25);
    EXPECT_EQ(places(all), (std::vector<Place>{{6, 0}, {4, 3}, {4, 2}, {4, 1}, {2, 0}, {1, 0}}));
    EXPECT_TRUE(all.exhausted);
    // Exactly as many as there are: all, and nothing past them.
    EXPECT_EQ(places(page(kA, UINT64_MAX, true, 6)), places(all));
    EXPECT_TRUE(page(kA, UINT64_MAX, true, 6).exhausted);
    // One fewer: block 1 is left for the next page.
    const auto five = page(kA, UINT64_MAX, true, 5);
    EXPECT_EQ(places(five), (std::vector<Place>{{6, 0}, {4, 3}, {4, 2}, {4, 1}, {2, 0}}));
    EXPECT_FALSE(five.exhausted);
    // Three asked for end in block 4, which is taken whole.
    EXPECT_EQ(places(page(kA, UINT64_MAX, true, 3)), places(first));
    // Below the first match: empty.
    const auto none = page(kA, 0, true, 25);
    EXPECT_TRUE(none.transactions.empty());
    EXPECT_TRUE(none.exhausted);
}

TEST_P(AddressHistoryTest, OldestFirstPagesEndWithWholeBlocks) {
    const auto first = page(kA, 0, false, 2);
    EXPECT_EQ(places(first), (std::vector<Place>{{1, 0}, {2, 0}}));
    EXPECT_FALSE(first.exhausted);
    const auto block4 = page(kA, 3, false, 1);
    EXPECT_EQ(places(block4), (std::vector<Place>{{4, 1}, {4, 2}, {4, 3}}));
    EXPECT_FALSE(block4.exhausted);
    const auto last = page(kA, 5, false, 1);
    EXPECT_EQ(places(last), (std::vector<Place>{{6, 0}}));
    EXPECT_TRUE(last.exhausted);
    const auto past = page(kA, 7, false, 25);
    EXPECT_TRUE(past.transactions.empty());
    EXPECT_TRUE(past.exhausted);
    EXPECT_TRUE(page(kA, UINT64_MAX, false, 25).exhausted);
    // Page size 0 is 1.
    EXPECT_EQ(places(page(kA, 0, false, 0)), (std::vector<Place>{{1, 0}}));
}

TEST_P(AddressHistoryTest, PagesCarryTransactionsReceiptsLogsAndHeaders) {
    const auto p = page(kA, UINT64_MAX, true, 2);
    ASSERT_EQ(p.transactions.size(), 4u);
    ASSERT_EQ(p.receipts.size(), 4u);
    const std::vector<Place> want{{6, 0}, {4, 3}, {4, 2}, {4, 1}};
    for (size_t i = 0; i < want.size(); ++i) {
        const TransactionCommit& c = tx(want[i]);
        const StoredTransaction& t = p.transactions[i];
        EXPECT_EQ(t.hash, c.hash);
        EXPECT_EQ(t.txn, c.txn);
        EXPECT_EQ(t.sender, c.sender);
        EXPECT_EQ(t.block_hash, blocks_.at(want[i].first - 1).hash);
        const StoredReceipt& r = p.receipts[i];
        EXPECT_EQ(r.transaction_hash, c.hash);
        EXPECT_EQ(r.receipt, c.receipt);  // its log included
        ASSERT_EQ(r.receipt.logs.size(), 1u);
        EXPECT_EQ(r.contract_address, c.contract_address);
        EXPECT_EQ(r.block_num, want[i].first);
        EXPECT_EQ(r.transaction_index, want[i].second);
        // Block-level log positions: one log per transaction.
        EXPECT_EQ(r.first_log_index, want[i].second);
    }
    EXPECT_EQ(p.receipts[2].contract_address, kX);
    ASSERT_EQ(p.headers.size(), 2u);
    EXPECT_EQ(p.headers[0].hash, blocks_[5].hash);
    EXPECT_EQ(p.headers[0].header, blocks_[5].header);
    EXPECT_EQ(p.headers[1].hash, blocks_[3].hash);
    EXPECT_TRUE(p.headers[1].transaction_hashes.empty());
}

TEST_P(AddressHistoryTest, ACreatedContractAppearsThroughItsCreationAndCalls) {
    const auto x = page(kX, UINT64_MAX, true, 25);
    EXPECT_EQ(places(x), (std::vector<Place>{{5, 0}, {4, 2}}));
    EXPECT_TRUE(x.exhausted);
    const auto unknown = page(test_address(0xdead), UINT64_MAX, true, 25);
    EXPECT_TRUE(unknown.transactions.empty());
    EXPECT_TRUE(unknown.headers.empty());
    EXPECT_TRUE(unknown.exhausted);
    YAO_ASSERT_ERROR(store_->address_history({.address = kA, .page_size = 1001}),
                     Errc::kInvalidArgument);
}

TEST_P(AddressHistoryTest, TransactionBySenderAndNonce) {
    const std::vector<std::pair<uint64_t, Place>> sent{
        {0, {1, 0}}, {1, {4, 1}}, {2, {4, 2}}, {3, {6, 0}}};
    for (const auto& [nonce, place] : sent) {
        YAO_ASSERT_OK_AND_ASSIGN(auto t, store_->transaction_by_sender_and_nonce(kA, nonce));
        ASSERT_TRUE(t) << nonce;
        EXPECT_EQ(t->hash, tx(place).hash);
        EXPECT_EQ(t->block_num, place.first);
        EXPECT_EQ(t->index, place.second);
    }
    YAO_ASSERT_OK_AND_ASSIGN(auto beyond, store_->transaction_by_sender_and_nonce(kA, 4));
    EXPECT_EQ(beyond, std::nullopt);
    YAO_ASSERT_OK_AND_ASSIGN(auto huge, store_->transaction_by_sender_and_nonce(kA, UINT64_MAX));
    EXPECT_EQ(huge, std::nullopt);
    // kA received (2,0) with nonce 0 from kB: found as kB's only.
    YAO_ASSERT_OK_AND_ASSIGN(auto from_b, store_->transaction_by_sender_and_nonce(kB, 0));
    ASSERT_TRUE(from_b);
    EXPECT_EQ(from_b->hash, tx({2, 0}).hash);
    YAO_ASSERT_OK_AND_ASSIGN(auto none, store_->transaction_by_sender_and_nonce(kX, 0));
    EXPECT_EQ(none, std::nullopt);
}

TEST_P(AddressHistoryTest, CreationTransaction) {
    YAO_ASSERT_OK_AND_ASSIGN(auto created, store_->creation_transaction(kX));
    ASSERT_TRUE(created);
    EXPECT_EQ(created->hash, tx({4, 2}).hash);
    EXPECT_EQ(created->sender, kA);
    EXPECT_FALSE(created->txn.to.has_value());
    YAO_ASSERT_OK_AND_ASSIGN(auto account, store_->creation_transaction(kA));
    EXPECT_EQ(account, std::nullopt);
}

/// A read-only store on `db` (what `yaoverse verify` opens).
Result<std::unique_ptr<ChainStore>> open_read_only(TestDatabase& db) {
    if (db.kind() == BackendKind::kMariadb) {
        YAO_TRY(MariadbServer * server, shared_mariadb());
        MysqlOptions o = server->store_options(db.location());
        o.read_only = true;
        return make_mysql_store(o);
    }
    SqliteOptions o;
    o.path = db.location();
    o.read_only = true;
    return make_sqlite_store(o);
}

/// The columns of an index as the database describes it ("" when there is none).
std::string index_definition(TestDatabase& db, std::string_view table, std::string_view index) {
    if (db.kind() == BackendKind::kMariadb) {
        auto server = shared_mariadb();
        EXPECT_TRUE(server);
        if (!server) return "";
        auto v = (*server)->query_value(
            fmt::format("SELECT GROUP_CONCAT(column_name ORDER BY seq_in_index SEPARATOR ', ') "
                        "FROM information_schema.statistics WHERE table_schema = DATABASE() "
                        "AND table_name = '{}' AND index_name = '{}'",
                        table, index),
            db.location());
        EXPECT_TRUE(v) << v.error().message();
        return v && *v ? **v : "";
    }
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(db.location().c_str(), &raw), SQLITE_OK);
    std::string out;
    const std::string sql =
        fmt::format("SELECT name FROM pragma_index_info('{}_{}') ORDER BY seqno", table, index);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(raw, sql.c_str(), -1, &st, nullptr), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (!out.empty()) out += ", ";
        out += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    sqlite3_close(raw);
    return out;
}

TEST_P(AddressHistoryTest, AVersionTwoDatabaseIsMigratedToTheAddressIndexes) {
    if (!reopenable()) GTEST_SKIP() << "no raw access to an in-memory database";
    EXPECT_EQ(index_definition(*db_, "transactions", "idx_from_address"),
              "from_address, block_number, transaction_index");
    store_.reset();
    // Back to version 2, and a migration 3 interrupted half-way: idx_from_address has its old
    // columns, idx_to_address is gone, idx_from_nonce is already made.
    if (db_->kind() == BackendKind::kMariadb) {
        YAO_ASSERT_OK(db_->execute_raw("ALTER TABLE transactions DROP INDEX idx_from_address"));
        YAO_ASSERT_OK(
            db_->execute_raw("ALTER TABLE transactions ADD INDEX idx_from_address (from_address)"));
        YAO_ASSERT_OK(db_->execute_raw("ALTER TABLE transactions DROP INDEX idx_to_address"));
        YAO_ASSERT_OK(db_->execute_raw("ALTER TABLE receipts DROP INDEX idx_contract_address"));
    } else {
        YAO_ASSERT_OK(db_->execute_raw("DROP INDEX transactions_idx_from_address"));
        YAO_ASSERT_OK(db_->execute_raw(
            "CREATE INDEX transactions_idx_from_address ON transactions (from_address)"));
        YAO_ASSERT_OK(db_->execute_raw("DROP INDEX transactions_idx_to_address"));
        YAO_ASSERT_OK(db_->execute_raw("DROP INDEX receipts_idx_contract_address"));
    }
    YAO_ASSERT_OK(db_->execute_raw(
        "UPDATE chain_meta SET meta_value = '2' WHERE meta_key = 'schema_version'"));
    EXPECT_EQ(index_definition(*db_, "transactions", "idx_from_address"), "from_address");
    EXPECT_EQ(index_definition(*db_, "transactions", "idx_to_address"), "");
    // A read-only store refuses the older schema; a writer migrates it.
    YAO_ASSERT_ERROR(open_read_only(*db_), Errc::kDatabase);
    reopen();
    YAO_ASSERT_OK(open_read_only(*db_));
    EXPECT_EQ(index_definition(*db_, "transactions", "idx_from_address"),
              "from_address, block_number, transaction_index");
    EXPECT_EQ(index_definition(*db_, "transactions", "idx_to_address"),
              "to_address, block_number, transaction_index");
    EXPECT_EQ(index_definition(*db_, "transactions", "idx_from_nonce"), "from_address, nonce");
    EXPECT_EQ(index_definition(*db_, "receipts", "idx_contract_address"),
              "contract_address, block_number, transaction_index");
    EXPECT_EQ(places(page(kA, UINT64_MAX, true, 2)),
              (std::vector<Place>{{6, 0}, {4, 3}, {4, 2}, {4, 1}}));
}

/// `sql` with each `?` replaced by the next of `values` (literal SQL for EXPLAIN).
std::string bound(std::string sql, const std::vector<std::string>& values) {
    for (const auto& v : values) sql.replace(sql.find('?'), 1, v);
    return sql;
}

// MariaDB's optimizer, too, reads one index range per source, in index order (no filesort).
TEST_P(AddressHistoryTest, MariadbPlansUseTheAddressIndexes) {
    if (db_->kind() != BackendKind::kMariadb) GTEST_SKIP() << "MariaDB's EXPLAIN";
    YAO_ASSERT_OK(db_->execute_raw("ANALYZE TABLE transactions, receipts"));
    YAO_ASSERT_OK_AND_ASSIGN(MariadbServer * server, shared_mariadb());
    const std::string a = "'" + to_hex(kA.view()) + "'";
    for (const auto& source : kHistorySources) {
        const std::string index = fmt::format("\"key\": \"idx_{}\"", source.column);
        for (bool descending : {true, false}) {
            for (const std::string& sql :
                 {bound(history_page_sql(source, descending, kMy), {a, "3", "2"}),
                  bound(history_beyond_sql(source, descending, kMy), {a, "3"}),
                  bound(history_block_sql(source, kMy), {a, "4"})}) {
                YAO_ASSERT_OK_AND_ASSIGN(
                    auto plan, server->query_value("EXPLAIN FORMAT=JSON " + sql, db_->location()));
                ASSERT_TRUE(plan);
                EXPECT_NE(plan->find(index), std::string::npos) << sql << "\n" << *plan;
                EXPECT_EQ(plan->find("filesort"), std::string::npos) << sql << "\n" << *plan;
            }
        }
    }
    YAO_ASSERT_OK_AND_ASSIGN(
        auto by_nonce, server->query_value("EXPLAIN FORMAT=JSON " +
                                               bound(sender_nonce_sql("hash, raw", kMy), {a, "2"}),
                                           db_->location()));
    ASSERT_TRUE(by_nonce);
    EXPECT_NE(by_nonce->find("\"key\": \"idx_from_nonce\""), std::string::npos) << *by_nonce;
}

/// The rows MariaDB's handlers have read, all sessions together.
int64_t handler_reads(MariadbServer& server) {
    auto v = server.query_value(
        "SELECT SUM(variable_value) FROM information_schema.global_status WHERE variable_name "
        "LIKE 'HANDLER_READ%'");
    EXPECT_TRUE(v && *v);
    return v && *v ? std::stoll(**v) : 0;
}

// A page costs about its own rows however many transactions the address has below it, on
// every read, not only the first: MariaDB 10.11 re-plans a re-executed ORDER BY ... DESC LIMIT
// statement as a read of the whole range and a sort once another index of the table has been
// read backwards in the session (the recipients' range after the senders'); the statements name
// their index (indexed_table), which keeps the plan.
TEST_P(AddressHistoryTest, MariadbPagesStayBoundedWhenReadAgain) {
    if (db_->kind() != BackendKind::kMariadb) GTEST_SKIP() << "MariaDB's handler counters";
    const Address busy = test_address(0xb000'0001);
    uint64_t nonce = 0;
    for (int b = 0; b < 40; ++b) {
        BlockCommit c = next_block({.transfers = 100, .counter = false});
        for (size_t i = 0; i < c.transactions.size(); i += 2) {
            c.transactions[i].sender = busy;
            c.transactions[i].txn.nonce = nonce++;
        }
        seal_block(c);
        commit(c);
    }
    YAO_ASSERT_OK_AND_ASSIGN(MariadbServer * server, shared_mariadb());
    const uint64_t middle = next_number_ - 20;  // about 1,000 of busy's on either side
    for (bool descending : {true, false}) {
        for (int read = 0; read < 4; ++read) {
            const int64_t before = handler_reads(*server);
            const auto p = page(busy, middle, descending, 25);
            const int64_t rows = handler_reads(*server) - before;
            EXPECT_EQ(p.transactions.size(), 50u);  // the whole block of the 25th
            EXPECT_FALSE(p.exhausted);
            EXPECT_LT(rows, 600) << (descending ? "newest first" : "oldest first") << ", read "
                                 << read;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, AddressHistoryTest,
                         ::testing::Values(BackendKind::kSqliteMemory, BackendKind::kSqliteFile,
                                           BackendKind::kMariadb),
                         backend_param_name);

/// SQLite's plan of `sql`: the detail column of every row of EXPLAIN QUERY PLAN, joined.
std::string sqlite_plan(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    const std::string explain = "EXPLAIN QUERY PLAN " + sql;
    EXPECT_EQ(sqlite3_prepare_v2(db, explain.c_str(), -1, &st, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    std::string out;
    while (sqlite3_step(st) == SQLITE_ROW) {
        out += reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
        out += "; ";
    }
    sqlite3_finalize(st);
    return out;
}

// However many transactions an address has, a page reads one range of an index per source and
// sorts nothing: the plans say so (SQLite names the index it searches and any temporary sort).
TEST(AddressHistoryPlan, EveryQueryIsOneIndexRangeWithoutASort) {
    YAO_ASSERT_OK_AND_ASSIGN(auto db, TestDatabase::make(BackendKind::kSqliteFile));
    { YAO_ASSERT_OK_AND_ASSIGN(auto store, db->open()); }
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db->location().c_str(), &raw), SQLITE_OK);
    for (const auto& source : kHistorySources) {
        const std::string index = fmt::format("{}_idx_{}", source.table, source.column);
        for (bool descending : {true, false}) {
            for (const std::string& sql : {history_page_sql(source, descending, kLite),
                                           history_beyond_sql(source, descending, kLite),
                                           history_block_sql(source, kLite)}) {
                const std::string plan = sqlite_plan(raw, sql);
                EXPECT_NE(plan.find("INDEX " + index + " ("), std::string::npos) << sql << "\n"
                                                                                 << plan;
                EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << sql << "\n" << plan;
                EXPECT_EQ(plan.find("SCAN"), std::string::npos) << sql << "\n" << plan;
            }
        }
    }
    const std::string by_nonce = sqlite_plan(raw, sender_nonce_sql("hash, raw", kLite));
    EXPECT_EQ(by_nonce,
              "SEARCH transactions USING INDEX transactions_idx_from_nonce (from_address=? AND "
              "nonce=?); ");
    const std::string creation = sqlite_plan(raw, creation_sql(kLite));
    EXPECT_NE(creation.find("INDEX receipts_idx_contract_address (contract_address=?)"),
              std::string::npos)
        << creation;
    EXPECT_EQ(creation.find("TEMP B-TREE"), std::string::npos) << creation;
    sqlite3_close(raw);
}

}  // namespace
}  // namespace yao::storage::test_util
