// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Sequencer election and fencing in the chain database, on every backend: the leases table's
// compare-and-set and the fence every commit checks in its own transaction.
#include <atomic>
#include <thread>
#include <vector>

#include <yao/storage/test_util/store_fixture.hpp>

namespace yao::storage::test_util {
namespace {

using LeaseFenceTest = StoreTest;

LeaseRecord held_by(std::string holder, uint64_t transitions, std::string version) {
    LeaseRecord r;
    r.holder = std::move(holder);
    r.duration_ms = 2000;
    r.acquire_time_us = 1'700'000'000'000'000;
    r.renew_time_us = 1'700'000'000'500'000;
    r.transitions = transitions;
    r.version = std::move(version);
    return r;
}

TEST_P(LeaseFenceTest, LeaseIsCreatedOnceAndChangedOnlyFromTheVersionItHas) {
    auto leases = make_store_leases(std::shared_ptr<ChainStore>{std::move(store_)});
    YAO_ASSERT_OK_AND_ASSIGN(auto absent, leases->get("chronos"));
    EXPECT_FALSE(absent.has_value());

    YAO_ASSERT_OK_AND_ASSIGN(auto created, leases->update("chronos", held_by("a", 1, "")));
    EXPECT_EQ(created.holder, "a");
    EXPECT_EQ(created.version, "1");
    YAO_ASSERT_OK_AND_ASSIGN(auto read, leases->get("chronos"));
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(*read, created);

    // A second creation, and a write from a version that is gone, lose and change nothing.
    YAO_ASSERT_ERROR(leases->update("chronos", held_by("b", 2, "")), Errc::kLeaseConflict);
    auto renewed = created;
    renewed.renew_time_us += 500'000;
    YAO_ASSERT_OK_AND_ASSIGN(auto after_renew, leases->update("chronos", renewed));
    EXPECT_EQ(after_renew.version, "2");
    YAO_ASSERT_ERROR(leases->update("chronos", held_by("b", 2, "1")), Errc::kLeaseConflict);
    YAO_ASSERT_ERROR(leases->update("chronos", held_by("b", 2, "not-a-version")),
                     Errc::kLeaseConflict);
    YAO_ASSERT_OK_AND_ASSIGN(auto still, leases->get("chronos"));
    ASSERT_TRUE(still.has_value());
    EXPECT_EQ(still->holder, "a");
    EXPECT_EQ(still->renew_time_us, renewed.renew_time_us);
    EXPECT_EQ(still->transitions, 1u);
    EXPECT_EQ(still->version, "2");

    // Another lease name is another record.
    YAO_ASSERT_OK_AND_ASSIGN(auto other, leases->get("other"));
    EXPECT_FALSE(other.has_value());
    YAO_ASSERT_ERROR(leases->update("", held_by("a", 1, "")), Errc::kInvalidArgument);
}

TEST_P(LeaseFenceTest, OfWritersRacingFromOneVersionExactlyOneWins) {
    auto leases = make_store_leases(std::shared_ptr<ChainStore>{std::move(store_)});
    YAO_ASSERT_OK_AND_ASSIGN(auto base, leases->update("chronos", held_by("seed", 1, "")));
    constexpr int kWriters = 6;
    std::atomic<int> won{0}, lost{0}, other{0};
    std::vector<std::thread> writers;
    for (int i = 0; i < kWriters; ++i) {
        writers.emplace_back([&, i] {
            auto r = leases->update("chronos", held_by("w" + std::to_string(i), 2, base.version));
            if (r) {
                ++won;
            } else if (r.error().code() == Errc::kLeaseConflict) {
                ++lost;
            } else {
                ++other;
                ADD_FAILURE() << r.error().message();
            }
        });
    }
    for (auto& t : writers) t.join();
    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(lost.load(), kWriters - 1);
    EXPECT_EQ(other.load(), 0);
    YAO_ASSERT_OK_AND_ASSIGN(auto final_record, leases->get("chronos"));
    ASSERT_TRUE(final_record.has_value());
    EXPECT_EQ(final_record->version, "2");
    EXPECT_EQ(final_record->holder.substr(0, 1), "w");
}

TEST_P(LeaseFenceTest, ASettingIsPinnedOnceEvenByProcessesRacing) {
    std::shared_ptr<ChainStore> store{std::move(store_)};
    constexpr int kWriters = 6;
    std::vector<std::string> seen(kWriters);
    std::vector<std::thread> writers;
    for (int i = 0; i < kWriters; ++i) {
        writers.emplace_back([&, i] {
            auto r = store->pin_setting("fork_schedule", "value " + std::to_string(i));
            if (r)
                seen[i] = *r;
            else
                ADD_FAILURE() << r.error().message();
        });
    }
    for (auto& t : writers) t.join();
    // Every writer got the one value stored, and it is one of theirs.
    ASSERT_EQ(seen[0].substr(0, 6), "value ");
    for (const std::string& s : seen) EXPECT_EQ(s, seen[0]);
    YAO_ASSERT_OK_AND_ASSIGN(auto again, store->pin_setting("fork_schedule", "another"));
    EXPECT_EQ(again, seen[0]);
    EXPECT_FALSE(store->pin_setting(std::string(57, 'k'), "v"));
}

TEST_P(LeaseFenceTest, BlocksOfAnEpochBelowTheFenceAreRefusedInTheCommit) {
    ASSERT_NO_FATAL_FAILURE(commit(next_block()));  // genesis: epoch 0, unfenced
    YAO_ASSERT_OK_AND_ASSIGN(auto fence, store_->raise_fence(0));
    EXPECT_EQ(fence, 0u);

    // A commit of a higher epoch raises the fence with it.
    auto b1 = next_block();
    b1.epoch = 2;
    ASSERT_NO_FATAL_FAILURE(commit(b1));
    YAO_ASSERT_OK_AND_ASSIGN(fence, store_->raise_fence(0));
    EXPECT_EQ(fence, 2u);

    // An older term's block is refused and nothing of it is written.
    auto stale = next_block();
    stale.epoch = 1;
    YAO_ASSERT_ERROR(store_->commit_block(stale), Errc::kFenced);
    YAO_ASSERT_OK_AND_ASSIGN(auto head, store_->head_number());
    EXPECT_EQ(head, std::optional<uint64_t>{1});
    YAO_ASSERT_OK_AND_ASSIGN(auto tx, store_->transaction(stale.transactions.at(0).hash));
    EXPECT_FALSE(tx.has_value());

    // A new leader raises the fence before it proposes: the current term is fenced out too.
    YAO_ASSERT_OK_AND_ASSIGN(fence, store_->raise_fence(3));
    EXPECT_EQ(fence, 3u);
    stale.epoch = 2;
    YAO_ASSERT_ERROR(store_->commit_block(stale), Errc::kFenced);
    // The fence never goes down; a lower raise reports the fence that holds.
    YAO_ASSERT_OK_AND_ASSIGN(fence, store_->raise_fence(1));
    EXPECT_EQ(fence, 3u);
    stale.epoch = 3;
    ASSERT_NO_FATAL_FAILURE(commit(stale));
    // Another block at that number: from an older term it is fenced (it lost to the newer
    // term), from the same term it is a conflict (two proposals for one number).
    auto rival = make_block({.number = stale.header.number, .parent_hash = stale.header.parent_hash,
                             .transfers = 2});
    ASSERT_NE(rival.hash, stale.hash);
    rival.epoch = 2;
    YAO_ASSERT_ERROR(store_->commit_block(rival), Errc::kFenced);
    rival.epoch = 3;
    YAO_ASSERT_ERROR(store_->commit_block(rival), Errc::kBlockConflict);
    // Unfenced commits (epoch 0: tools, genesis) are not checked.
    auto tool = next_block();
    ASSERT_NO_FATAL_FAILURE(commit(tool));

    if (reopenable()) {
        reopen();
        YAO_ASSERT_OK_AND_ASSIGN(fence, store_->raise_fence(0));
        EXPECT_EQ(fence, 3u);
    }
}

TEST_P(LeaseFenceTest, ARecommitOfAStoredBlockIsAlreadyCommittedWhateverItsEpoch) {
    ASSERT_NO_FATAL_FAILURE(commit(next_block()));
    auto b1 = next_block();
    b1.epoch = 1;
    ASSERT_NO_FATAL_FAILURE(commit(b1));
    YAO_ASSERT_OK(store_->raise_fence(5));
    // The redelivered result of a block that did commit is acknowledged, not reported fenced.
    YAO_ASSERT_OK_AND_ASSIGN(auto again, store_->commit_block(b1));
    EXPECT_EQ(again, CommitOutcome::kAlreadyCommitted);
}

INSTANTIATE_TEST_SUITE_P(Backends, LeaseFenceTest,
                         ::testing::Values(BackendKind::kSqliteMemory, BackendKind::kSqliteFile,
                                           BackendKind::kMariadb),
                         backend_param_name);

}  // namespace
}  // namespace yao::storage::test_util
