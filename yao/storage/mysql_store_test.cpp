// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Failures only a server can have: the database going away in the middle of a commit, a lock
// held by someone else (lock wait timeout, retried), a server that cannot be reached. These run
// on a private mariadbd that the tests kill and restart.
#include <mysql.h>

#include <chrono>
#include <thread>

#include <yao/storage/mysql_store.hpp>
#include <yao/storage/test_util/store_fixture.hpp>

namespace yao::storage::test_util {
namespace {

class MariadbFailureTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto started = MariadbServer::start();
        ASSERT_TRUE(started) << started.error().message();
        server_ = std::move(*started);
    }
    static void TearDownTestSuite() { server_.reset(); }

    void SetUp() override {
        ASSERT_TRUE(server_) << "mariadbd did not start";
        if (!server_->running()) YAO_ASSERT_OK(server_->restart());
    }

    static inline std::unique_ptr<MariadbServer> server_;
};

TEST_F(MariadbFailureTest, AServerKilledMidCommitLeavesThePreviousHead) {
    YAO_ASSERT_OK_AND_ASSIGN(auto db, TestDatabase::make(BackendKind::kMariadb, server_.get()));
    YAO_ASSERT_OK_AND_ASSIGN(auto store, db->open());
    const auto b0 = make_block({.number = 0, .transfers = 10});
    const auto b1 = make_block({.number = 1, .parent_hash = b0.hash, .transfers = 10});
    ASSERT_TRUE(store->commit_block(b0));
    ASSERT_TRUE(store->commit_block(b1));
    const auto b2 =
        make_block({.number = 2, .parent_hash = b1.hash, .transfers = 10'000, .logs_per_txn = 1});

    Result<CommitOutcome> result = CommitOutcome::kCommitted;
    std::thread committer{[&] { result = store->commit_block(b2); }};
    // Kill the server while the commit's transaction is writing rows: when it inserts logs, the
    // block, its transactions and receipts are written but not committed.
    bool writing = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{30};
    while (!writing && std::chrono::steady_clock::now() < deadline) {
        auto rows = server_->query_value(
            "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'INSERT INTO "
            "logs%'");
        if (!rows) ADD_FAILURE() << rows.error().message();
        writing = rows && *rows && **rows != "0";
        if (!writing) std::this_thread::sleep_for(std::chrono::milliseconds{2});
    }
    server_->kill();
    committer.join();
    ASSERT_TRUE(writing) << "the commit never got to writing rows";
    ASSERT_FALSE(result) << "the commit finished before the kill";
    EXPECT_EQ(result.error().code(), Error{Errc::kConnectionLost}.code())
        << result.error().message();

    // After a restart the same store reconnects and holds block 1 as its head, nothing of 2.
    YAO_ASSERT_OK(server_->restart());
    YAO_ASSERT_OK_AND_ASSIGN(auto head, store->head_number());
    EXPECT_EQ(head, 1u);
    YAO_ASSERT_OK_AND_ASSIGN(auto block, store->block_by_number(2, false));
    EXPECT_EQ(block, std::nullopt);
    YAO_ASSERT_OK_AND_ASSIGN(auto txn, store->transaction(b2.transactions[0].hash));
    EXPECT_EQ(txn, std::nullopt);
    YAO_ASSERT_OK_AND_ASSIGN(auto logs, store->logs({.from_block = 2, .to_block = 2}));
    EXPECT_TRUE(logs.empty());
    YAO_ASSERT_OK_AND_ASSIGN(auto counter, store->account(counter_address()));
    ASSERT_TRUE(counter);
    EXPECT_EQ(counter->balance, Uint256{1});
    YAO_ASSERT_OK_AND_ASSIGN(
        auto rows, server_->query_value("SELECT COUNT(*) FROM transactions", db->location()));
    EXPECT_EQ(rows, "20");

    YAO_ASSERT_OK_AND_ASSIGN(auto outcome, store->commit_block(b2));
    EXPECT_EQ(outcome, CommitOutcome::kCommitted);
}

TEST_F(MariadbFailureTest, ALockWaitTimeoutIsRetriedUntilTheLockIsFree) {
    YAO_ASSERT_OK(server_->execute("SET GLOBAL innodb_lock_wait_timeout = 1"));
    YAO_ASSERT_OK_AND_ASSIGN(auto db, TestDatabase::make(BackendKind::kMariadb, server_.get()));
    YAO_ASSERT_OK_AND_ASSIGN(auto store, db->open());
    const auto b0 = make_block({.number = 0});
    ASSERT_TRUE(store->commit_block(b0));

    // Another client holds the head row for 1.5 s: the first attempt times out (1205) after
    // 1 s, a later one gets the lock.
    MYSQL* other = mysql_init(nullptr);
    ASSERT_NE(mysql_real_connect(other, "127.0.0.1", "root", "", db->location().c_str(),
                                 server_->port(), nullptr, 0),
              nullptr);
    const std::string lock =
        "SELECT meta_value FROM chain_meta WHERE meta_key = 'head_number' FOR UPDATE";
    ASSERT_EQ(mysql_query(other, "START TRANSACTION"), 0);
    ASSERT_EQ(mysql_query(other, lock.c_str()), 0);
    mysql_free_result(mysql_store_result(other));
    std::thread holder{[other] {
        std::this_thread::sleep_for(std::chrono::milliseconds{1500});
        mysql_query(other, "COMMIT");
    }};
    const auto start = std::chrono::steady_clock::now();
    auto outcome = store->commit_block(make_block({.number = 1, .parent_hash = b0.hash}));
    const auto waited = std::chrono::steady_clock::now() - start;
    holder.join();
    mysql_close(other);
    YAO_ASSERT_OK(server_->execute("SET GLOBAL innodb_lock_wait_timeout = 50"));
    ASSERT_TRUE(outcome) << outcome.error().message();
    EXPECT_EQ(*outcome, CommitOutcome::kCommitted);
    EXPECT_GE(waited, std::chrono::milliseconds{1000});  // it did wait for the other client
}

TEST(MysqlStoreTest, AnUnreachableServerIsAConnectionLostError) {
    YAO_ASSERT_OK_AND_ASSIGN(const uint16_t port, free_loopback_port());
    MysqlOptions o;
    o.port = port;  // nothing listens there
    o.max_attempts = 2;
    o.initial_backoff = std::chrono::milliseconds{1};
    YAO_ASSERT_ERROR(make_mysql_store(o), Errc::kConnectionLost);
}

TEST(MysqlStoreTest, ADatabaseNameThatIsNotAnIdentifierIsRefused) {
    MysqlOptions o;
    o.database = "chain`; DROP DATABASE x; --";
    YAO_ASSERT_ERROR(make_mysql_store(o), Errc::kInvalidArgument);
}

}  // namespace
}  // namespace yao::storage::test_util
