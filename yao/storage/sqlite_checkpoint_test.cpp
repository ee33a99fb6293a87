// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// An SQLite file store copies its write-ahead log back into the database file on a thread of
// its own (sqlite_store.cpp, WalCheckpointer), not inside the commits: the database file grows
// while the store is open and no commit has checkpointed, and every block reads back. The library
// keeps no memory statistics.
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <yao/storage/test_util/store_fixture.hpp>

namespace yao::storage::test_util {
namespace {

using namespace std::chrono_literals;

uintmax_t size_of(const std::filesystem::path& p) {
    std::error_code ec;
    const auto n = std::filesystem::file_size(p, ec);
    return ec ? 0 : n;
}

/// Threads of this process named `name` (/proc/self/task/*/comm).
int threads_named(std::string_view name) {
    int n = 0;
    for (const auto& task : std::filesystem::directory_iterator{"/proc/self/task"}) {
        std::ifstream comm{task.path() / "comm"};
        std::string line;
        if (std::getline(comm, line) && line == name) ++n;
    }
    return n;
}

class SqliteCheckpointTest : public StoreTest {};

TEST_P(SqliteCheckpointTest, TheLogIsCopiedBackWhileTheStoreIsOpen) {
    EXPECT_EQ(threads_named("sqlite-ckpt"), 1);
    const std::filesystem::path file{db_->location()};
    const std::filesystem::path wal{db_->location() + "-wal"};
    commit(next_block({.transfers = 1, .deploy_token = true}));
    const uintmax_t db_before = size_of(file);

    // About 20 MiB of calldata in 8 blocks: well past 1,000 pages of 16 KiB in the log.
    std::vector<BlockCommit> blocks;
    for (int b = 0; b < 8; ++b) {
        auto block = next_block({.transfers = 20});
        for (auto& t : block.transactions) t.txn.data.assign(128 * 1024, static_cast<uint8_t>(b));
        seal_block(block);
        commit(block);
        blocks.push_back(block);
    }

    // Without the checkpointer (and with SQLite's automatic checkpoint off) the file would stay
    // at its size until the store closes.
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (size_of(file) < db_before + 16 * 1024 * 1024 &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    EXPECT_GE(size_of(file), db_before + 16 * 1024 * 1024) << "log " << size_of(wal) << " bytes";

    // A commit after a complete checkpoint starts the log over instead of appending to it.
    const uintmax_t wal_before = size_of(wal);
    auto small = next_block({.transfers = 1});
    commit(small);
    EXPECT_EQ(size_of(wal), wal_before);

    for (const auto& block : blocks) {
        YAO_ASSERT_OK_AND_ASSIGN(auto read, store_->block_by_number(block.header.number, false));
        ASSERT_TRUE(read);
        EXPECT_EQ(read->hash, block.hash);
        YAO_ASSERT_OK_AND_ASSIGN(auto tx, store_->transaction(block.transactions[3].hash));
        ASSERT_TRUE(tx);
        EXPECT_EQ(tx->txn.data, block.transactions[3].txn.data);
    }
    store_.reset();
    EXPECT_EQ(threads_named("sqlite-ckpt"), 0);
}

// The library runs without memory statistics (configure_sqlite): SQLite would otherwise take
// one process-wide mutex on every allocation of every connection. The statistic stays 0 while
// the store commits and reads.
TEST_P(SqliteCheckpointTest, TheLibraryKeepsNoMemoryStatistics) {
    commit(next_block({.transfers = 5, .deploy_token = true}));
    YAO_ASSERT_OK_AND_ASSIGN(auto head, store_->head_number());
    EXPECT_TRUE(head.has_value());
    EXPECT_EQ(sqlite3_memory_used(), 0);
    EXPECT_EQ(sqlite3_memory_highwater(0), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, SqliteCheckpointTest,
                         ::testing::Values(BackendKind::kSqliteFile), backend_param_name);

}  // namespace
}  // namespace yao::storage::test_util
