// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// storage::backup_sqlite copying one page per step while blocks are committed between the steps
// through the store's own connections: every commit goes through (the copy never blocks the
// writer), the copy never restarts, and it holds exactly the chain as of the moment it began.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <yao/storage/backup.hpp>
#include <yao/storage/sqlite_store.hpp>
#include <yao/storage/test_util/chain_fixtures.hpp>
#include <yao/storage/test_util/server_process.hpp>

namespace yao::backup_test {
namespace {

using storage::test_util::BlockSpec;
using storage::test_util::TempDir;

class Committer {
public:
    explicit Committer(storage::ChainStore& store) : store_{store} {}

    /// Commits the next fixture block (transfers with logs); false on failure.
    bool commit_next() {
        BlockSpec spec;
        spec.number = next_;
        spec.parent_hash = parent_;
        spec.transfers = next_ == 0 ? 0 : 4;
        spec.logs_per_txn = next_ == 0 ? 0 : 1;
        spec.deploy_token = next_ == 1;
        const auto block = storage::test_util::make_block(spec);
        auto r = store_.commit_block(block);
        if (!r) {
            ADD_FAILURE() << "commit of block " << next_ << ": " << r.error().message();
            return false;
        }
        hashes_.push_back(block.hash);
        parent_ = block.hash;
        ++next_;
        return true;
    }

    uint64_t next() const noexcept { return next_; }
    const Hash256& hash(uint64_t n) const { return hashes_.at(n); }

private:
    storage::ChainStore& store_;
    uint64_t next_ = 0;
    Hash256 parent_{};
    std::vector<Hash256> hashes_;
};

TEST(SqliteSnapshot, CommitsBetweenStepsNeitherWaitNorLeakIntoTheCopy) {
    auto dir = TempDir::make("yao-backup-snapshot-").value();
    storage::SqliteOptions so;
    so.path = dir.path() + "/chain.sqlite";
    so.busy_timeout = std::chrono::milliseconds{2'000};
    auto opened = storage::make_sqlite_store(so);
    ASSERT_TRUE(opened) << opened.error().message();
    Committer committer{**opened};
    for (int i = 0; i < 40; ++i) ASSERT_TRUE(committer.commit_next());
    const uint64_t head_at_start = committer.next() - 1;

    storage::SqliteBackupOptions bo;
    bo.pages_per_step = 1;
    int steps = 0;
    int first_total = -1;
    bool total_changed = false;
    bo.progress = [&](int remaining, int total) {
        ++steps;
        if (first_total < 0) first_total = total;
        total_changed = total_changed || total != first_total;
        // A block committed between every two steps of the copy, with its read transaction open.
        if (remaining > 0) (void)committer.commit_next();
    };
    const std::string copy = dir.path() + "/copy.sqlite";
    auto head = storage::backup_sqlite(so.path, copy, bo);
    ASSERT_TRUE(head) << head.error().message();

    // The copy took many steps and the chain grew by one block per step meanwhile.
    EXPECT_GT(steps, 50);
    EXPECT_EQ(committer.next(), head_at_start + static_cast<uint64_t>(steps));
    // A restart would have re-read the grown database: the page count stayed the snapshot's.
    EXPECT_FALSE(total_changed);
    EXPECT_EQ(head->number, head_at_start);
    EXPECT_EQ(head->hash, committer.hash(head_at_start));
    EXPECT_EQ(head->genesis_hash, committer.hash(0));
    EXPECT_EQ(head->txn_chain_id, std::optional<uint64_t>{7777});  // the fixture's

    auto read = storage::read_sqlite_head(copy);
    ASSERT_TRUE(read) << read.error().message();
    EXPECT_EQ(read->number, head_at_start);
    EXPECT_EQ(read->hash, committer.hash(head_at_start));

    // The copy is a whole store: it opens, holds every block up to the snapshot and no other.
    storage::SqliteOptions co;
    co.path = copy;
    auto copied = storage::make_sqlite_store(co);
    ASSERT_TRUE(copied) << copied.error().message();
    EXPECT_EQ((*copied)->head_number().value(), std::optional<uint64_t>{head_at_start});
    for (uint64_t n = 0; n <= head_at_start; ++n) {
        auto a = (*opened)->block_by_number(n, true);
        auto b = (*copied)->block_by_number(n, true);
        ASSERT_TRUE(a && *a && b && *b) << n;
        EXPECT_EQ(**a, **b) << "block " << n;
        auto ra = (*opened)->block_receipts(n);
        auto rb = (*copied)->block_receipts(n);
        ASSERT_TRUE(ra && *ra && rb && *rb) << n;
        EXPECT_EQ(**ra, **rb) << "receipts of block " << n;
    }
    EXPECT_FALSE((*copied)->block_by_number(head_at_start + 1, false).value().has_value());
    // The state is the snapshot's: the fixture's counter holds the number of the last block.
    auto counter = (*copied)->account(storage::test_util::counter_address());
    ASSERT_TRUE(counter && *counter);
    EXPECT_EQ((*counter)->nonce, head_at_start);
    auto live = (*opened)->account(storage::test_util::counter_address());
    ASSERT_TRUE(live && *live);
    EXPECT_EQ((*live)->nonce, committer.next() - 1);

    // The destination must be new.
    auto again = storage::backup_sqlite(so.path, copy, {});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error(), storage::BackupErrc::kTargetNotEmpty) << again.error().message();
    // A file that is no chain store has no head to back up.
    auto none = storage::backup_sqlite(dir.path() + "/missing.sqlite", dir.path() + "/x", {});
    ASSERT_FALSE(none);
}

}  // namespace
}  // namespace yao::backup_test
