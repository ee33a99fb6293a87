// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The pieces under the store: statement shapes, the connection pool, the retry loop, the schema
// as each dialect sees it, the error category, and commit validation.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include <yao/storage/errc.hpp>
#include <yao/storage/schema.hpp>
#include <yao/storage/sql.hpp>
#include <yao/storage/test_util/chain_fixtures.hpp>

namespace yao::storage {
namespace {

TEST(SqlShapes, PlaceholdersAndInLists) {
    EXPECT_EQ(sql::placeholders(2, 3), "(?,?,?),(?,?,?)");
    EXPECT_EQ(sql::placeholders(1, 1), "(?)");
    EXPECT_EQ(sql::in_list(3), "(?,?,?)");
}

TEST(SqlShapes, KeyChunksPadTheLastChunkWithItsLastKey) {
    const auto chunks = sql::key_chunks(300, 256);
    ASSERT_EQ(chunks.size(), 2u);
    EXPECT_EQ(chunks[0].first, 0u);
    EXPECT_EQ(chunks[0].count, 256u);
    EXPECT_EQ(chunks[0].shape, 256u);
    EXPECT_EQ(chunks[1].first, 256u);
    EXPECT_EQ(chunks[1].count, 44u);
    EXPECT_EQ(chunks[1].shape, 64u);
    EXPECT_EQ(chunks[1].key(0), 256u);
    EXPECT_EQ(chunks[1].key(43), 299u);
    EXPECT_EQ(chunks[1].key(63), 299u);
    EXPECT_TRUE(sql::key_chunks(0, 256).empty());
}

/// A connection that does nothing; `broken` is set by the test.
class FakeConnection final : public sql::Connection {
public:
    explicit FakeConnection(std::atomic<int>* closed) : closed_{closed} {}
    ~FakeConnection() override { ++*closed_; }
    sql::Dialect dialect() const noexcept override { return sql::Dialect::kSqlite; }
    Result<void> execute(std::string_view) override { return {}; }
    Result<sql::Statement*> prepare(std::string_view) override {
        return fail(Errc::kDatabase, "fake");
    }
    Result<void> begin(bool) override { return {}; }
    Result<void> commit() override { return {}; }
    void rollback() noexcept override {}
    bool broken() const noexcept override { return broken_; }
    void trim_cache() noexcept override {}
    bool broken_ = false;

private:
    std::atomic<int>* closed_;
};

TEST(ConnectionPool, OpensLazilyReusesAndDropsBrokenConnections) {
    std::atomic<int> opened{0};
    std::atomic<int> closed{0};
    sql::ConnectionPool pool{[&]() -> Result<std::unique_ptr<sql::Connection>> {
                                 ++opened;
                                 return std::make_unique<FakeConnection>(&closed);
                             },
                             2};
    EXPECT_EQ(opened, 0);
    sql::Connection* first = nullptr;
    {
        auto lease = pool.acquire();
        ASSERT_TRUE(lease);
        first = &**lease;
    }
    {
        auto lease = pool.acquire();
        ASSERT_TRUE(lease);
        EXPECT_EQ(&**lease, first);  // reused
        static_cast<FakeConnection&>(**lease).broken_ = true;
    }
    EXPECT_EQ(closed, 1);  // the broken one was closed, not returned
    auto lease = pool.acquire();
    ASSERT_TRUE(lease);
    EXPECT_EQ(opened, 2);
}

TEST(ConnectionPool, WaitsWhenEveryConnectionIsLent) {
    std::atomic<int> closed{0};
    sql::ConnectionPool pool{[&]() -> Result<std::unique_ptr<sql::Connection>> {
                                 return std::make_unique<FakeConnection>(&closed);
                             },
                             1};
    auto held = pool.acquire();
    ASSERT_TRUE(held);
    std::atomic<bool> got{false};
    std::thread waiter{[&] {
        auto lease = pool.acquire();
        got = lease.has_value();
    }};
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
    EXPECT_FALSE(got);
    { auto release = std::move(*held); }
    waiter.join();
    EXPECT_TRUE(got);
}

TEST(WithConnection, RetriesRetryableErrorsOnly) {
    std::atomic<int> closed{0};
    sql::ConnectionPool pool{[&]() -> Result<std::unique_ptr<sql::Connection>> {
                                 return std::make_unique<FakeConnection>(&closed);
                             },
                             1};
    const sql::RetryPolicy policy{4, std::chrono::milliseconds{1}};
    int calls = 0;
    auto r = sql::with_connection(pool, policy, [&](sql::Connection&) -> Result<int> {
        if (++calls < 3) return fail(Errc::kTransient, "deadlock");
        return 7;
    });
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, 7);
    EXPECT_EQ(calls, 3);

    calls = 0;
    auto lost = sql::with_connection(pool, policy, [&](sql::Connection&) -> Result<int> {
        ++calls;
        return fail(Errc::kConnectionLost, "gone");
    });
    EXPECT_FALSE(lost);
    EXPECT_EQ(calls, 4);  // gave up after max_attempts

    calls = 0;
    auto bad = sql::with_connection(pool, policy, [&](sql::Connection&) -> Result<int> {
        ++calls;
        return fail(Errc::kDuplicateTransaction, "dup");
    });
    EXPECT_FALSE(bad);
    EXPECT_EQ(calls, 1);
}

TEST(Schema, MysqlDialectUsesTheSeedTypesInTheCommonSubset) {
    std::string all;
    for (int v = 1; v <= kSchemaVersion; ++v)
        for (const auto& s : migration_statements(v, sql::Dialect::kMysql)) all += s + ";\n";
    EXPECT_EQ(all.find('$'), std::string::npos);
    EXPECT_NE(all.find("hash CHAR(66) PRIMARY KEY"), std::string::npos);
    // Version 2 replaces version 1's unused leases table with the Kubernetes Lease fields.
    EXPECT_NE(all.find("DROP TABLE IF EXISTS leases"), std::string::npos);
    EXPECT_NE(all.find("transitions BIGINT NOT NULL"), std::string::npos);
    EXPECT_NE(all.find("('sequencer_epoch', '0')"), std::string::npos);
    EXPECT_NE(all.find("from_address CHAR(42) NOT NULL"), std::string::npos);
    EXPECT_NE(all.find("value VARCHAR(78) NOT NULL"), std::string::npos);
    EXPECT_NE(all.find("INDEX idx_topic0 (topic0, block_number)"), std::string::npos);
    EXPECT_NE(all.find("id BIGINT AUTO_INCREMENT PRIMARY KEY"), std::string::npos);
    // MySQL, MariaDB and TiDB all cap DECIMAL precision at 65 digits.
    EXPECT_EQ(all.find("DECIMAL"), std::string::npos);
    EXPECT_EQ(all.find("IF NOT EXISTS idx"), std::string::npos);  // not in MySQL 8
    for (const char* table :
         {"blocks", "transactions", "accounts", "contract_storage", "receipts", "logs",
          "contract_code", "account_history", "storage_history", "chain_meta", "leases"})
        EXPECT_NE(all.find(std::string{"CREATE TABLE IF NOT EXISTS "} + table + " ("),
                  std::string::npos)
            << table;
}

TEST(Schema, SqliteDialectMapsTypesAndNamesIndexesPerTable) {
    std::string all;
    for (const auto& s : migration_statements(1, sql::Dialect::kSqlite)) all += s + ";\n";
    EXPECT_EQ(all.find('$'), std::string::npos);
    EXPECT_NE(all.find("hash TEXT PRIMARY KEY"), std::string::npos);
    EXPECT_NE(all.find("balance TEXT NOT NULL DEFAULT '0'"), std::string::npos);
    EXPECT_NE(all.find("id INTEGER PRIMARY KEY"), std::string::npos);
    EXPECT_NE(all.find("CREATE INDEX IF NOT EXISTS logs_idx_address ON logs (address, "
                       "block_number)"),
              std::string::npos);
    EXPECT_EQ(all.find("ENGINE"), std::string::npos);
    EXPECT_TRUE(migration_statements(kSchemaVersion + 1, sql::Dialect::kSqlite).empty());
}

TEST(StorageErrc, CodesHaveStableNames) {
    EXPECT_EQ(Error(Errc::kDuplicateTransaction, "0xab").message(),
              "storage.duplicate_transaction: 0xab");
    EXPECT_EQ(Error(Errc::kConnectionLost).message(), "storage.connection_lost");
    EXPECT_TRUE(is_retryable(make_error_code(Errc::kTransient)));
    EXPECT_TRUE(is_retryable(make_error_code(Errc::kConnectionLost)));
    EXPECT_FALSE(is_retryable(make_error_code(Errc::kConstraint)));
}

TEST(ValidateCommit, AcceptsAWellFormedBlock) {
    const auto block = test_util::make_block({.number = 3, .transfers = 5, .logs_per_txn = 2});
    EXPECT_TRUE(validate_commit(block));
}

}  // namespace
}  // namespace yao::storage
