// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Crash safety (DESIGN.md section 9): a child process commits blocks in a loop and is killed
// with SIGKILL at random moments, many times. After every kill the store must reopen cleanly and
// hold a prefix of the chain that includes every block whose commit returned, in which every
// block is complete (its transactions, receipts and logs all there), and nothing of the next.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include <yao/storage/test_util/store_fixture.hpp>

namespace yao::storage::test_util {
namespace {

constexpr int kKills = 30;

BlockSpec spec_for(uint64_t n, const Hash256& parent) {
    // Sizes vary from 1 to 300 transfers, so kills land in small and large commits.
    return {.number = n,
            .parent_hash = parent,
            .transfers = 1 + static_cast<size_t>((n * 37) % 300),
            .logs_per_txn = 1};
}

/// The deterministic chain the child writes, extended on demand.
class ExpectedChain {
public:
    const BlockCommit& block(uint64_t n) {
        while (blocks_.size() <= n) {
            const Hash256 parent = blocks_.empty() ? Hash256{} : blocks_.back().hash;
            blocks_.push_back(make_block(spec_for(blocks_.size(), parent)));
        }
        return blocks_[n];
    }

private:
    std::vector<BlockCommit> blocks_;
};

/// The child: opens the store, writes one byte to `ack_fd` when it is open and one after each
/// commit that returned, and commits the chain's next blocks until it is killed.
[[noreturn]] void writer_main(TestDatabase& db, int ack_fd) {
    auto store = db.open();
    if (!store) _exit(2);
    auto head = (*store)->head_number();
    if (!head) _exit(3);
    uint64_t n = *head ? **head + 1 : 0;
    Hash256 parent;
    if (*head) {
        auto block = (*store)->block_by_number(**head, false);
        if (!block || !*block) _exit(4);
        parent = (*block)->hash;
    }
    const char ack = 'a';
    if (write(ack_fd, &ack, 1) != 1) _exit(6);
    for (;; ++n) {
        const auto b = make_block(spec_for(n, parent));
        if (!(*store)->commit_block(b)) _exit(5);
        if (write(ack_fd, &ack, 1) != 1) _exit(6);
        parent = b.hash;
    }
}

/// Reads one byte, waiting at most 30 s; false on timeout or end of file.
bool read_ack(int fd) {
    pollfd p{fd, POLLIN, 0};
    char c = 0;
    return poll(&p, 1, 30'000) == 1 && read(fd, &c, 1) == 1;
}

class CrashTest : public ::testing::TestWithParam<BackendKind> {};

TEST_P(CrashTest, KilledWritersLoseNoAcknowledgedBlockAndLeaveNoPartialOne) {
    YAO_ASSERT_OK_AND_ASSIGN(auto db, TestDatabase::make(GetParam()));
    {
        YAO_ASSERT_OK_AND_ASSIGN(auto store, db->open());  // schema first: children start fast
    }
    const unsigned seed = 20260101u + static_cast<unsigned>(GetParam());
    std::mt19937 rng{seed};
    ExpectedChain chain;
    uint64_t verified = 0;    // blocks [0, verified) were checked after an earlier kill
    double commit_ms = 20.0;  // running estimate of one commit's duration
    int unacknowledged = 0;   // kills after which the store held the in-flight block too

    for (int kill = 0; kill < kKills; ++kill) {
        int acks[2];
        ASSERT_EQ(pipe(acks), 0);
        const pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            close(acks[0]);
            writer_main(*db, acks[1]);
        }
        close(acks[1]);
        // Let the writer finish 0 to 2 commits, then kill it at a random point of the next
        // one (or between two): the pause is a random fraction of 1.5 commit durations, so
        // the kills land inside commits however fast the machine is.
        ASSERT_TRUE(read_ack(acks[0])) << "the writer did not open the store";
        const int wait_for = std::uniform_int_distribution<int>{0, 2}(rng);
        for (int i = 0; i < wait_for; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            ASSERT_TRUE(read_ack(acks[0])) << "the writer stopped committing";
            const std::chrono::duration<double, std::milli> took =
                std::chrono::steady_clock::now() - t0;
            commit_ms = 0.7 * commit_ms + 0.3 * took.count();
        }
        const double pause = std::uniform_real_distribution<double>{0, 1.5 * commit_ms}(rng);
        std::this_thread::sleep_for(std::chrono::duration<double, std::milli>{pause});
        ::kill(pid, SIGKILL);
        int status = 0;
        ASSERT_EQ(waitpid(pid, &status, 0), pid);
        ASSERT_TRUE(WIFSIGNALED(status))
            << "writer exited with " << WEXITSTATUS(status) << " (seed " << seed << ")";
        uint64_t acknowledged = static_cast<uint64_t>(wait_for);
        while (read_ack(acks[0])) ++acknowledged;  // commits acknowledged during the pause
        close(acks[0]);
        // The server may still be finishing the dead writer's last statement (its COMMIT
        // included): look once it is done, as a restarted writer would find the store.
        YAO_ASSERT_OK(db->wait_idle());

        YAO_ASSERT_OK_AND_ASSIGN(auto store, db->open());
        YAO_ASSERT_OK_AND_ASSIGN(auto head, store->head_number());
        const uint64_t next = head ? *head + 1 : 0;
        // Every commit that returned is there; at most one more (it reached the database but
        // the writer died before hearing so).
        ASSERT_GE(next, verified + acknowledged) << "an acknowledged block was lost";
        ASSERT_LE(next, verified + acknowledged + 1);
        unacknowledged += next == verified + acknowledged + 1;
        for (uint64_t n = verified; n < next; ++n) {
            const auto& want = chain.block(n);
            YAO_ASSERT_OK_AND_ASSIGN(auto got, store->block_by_number(n, true));
            ASSERT_TRUE(got) << "block " << n << " missing below head " << *head;
            ASSERT_EQ(got->hash, want.hash);
            ASSERT_EQ(got->transactions.size(), want.transactions.size()) << "block " << n;
            YAO_ASSERT_OK_AND_ASSIGN(auto receipts, store->block_receipts(n));
            ASSERT_TRUE(receipts);
            ASSERT_EQ(receipts->size(), want.transactions.size()) << "block " << n;
            YAO_ASSERT_OK_AND_ASSIGN(auto logs, store->logs({.from_block = n, .to_block = n}));
            ASSERT_EQ(logs.size(), want.transactions.size()) << "block " << n;
        }
        verified = next;

        // Nothing of the block after the head: no block row, transactions, receipts, logs,
        // accounts; the counter (rewritten by every block) says the head.
        const auto& after = chain.block(next);
        YAO_ASSERT_OK_AND_ASSIGN(auto none, store->block_by_number(next, false));
        EXPECT_EQ(none, std::nullopt);
        for (const auto& t : after.transactions) {
            YAO_ASSERT_OK_AND_ASSIGN(auto txn, store->transaction(t.hash));
            ASSERT_EQ(txn, std::nullopt) << "a transaction of block " << next << " survived";
        }
        YAO_ASSERT_OK_AND_ASSIGN(auto receipt, store->receipt(after.transactions.back().hash));
        EXPECT_EQ(receipt, std::nullopt);
        YAO_ASSERT_OK_AND_ASSIGN(auto orphan_logs,
                                 store->logs({.from_block = next, .to_block = next + 1000}));
        EXPECT_TRUE(orphan_logs.empty());
        YAO_ASSERT_OK_AND_ASSIGN(auto sender, store->account(after.transactions[0].sender));
        EXPECT_EQ(sender, std::nullopt);
        YAO_ASSERT_OK_AND_ASSIGN(auto counter, store->account_versioned(counter_address()));
        if (head) {
            ASSERT_TRUE(counter.value);
            EXPECT_EQ(counter.value->balance, Uint256{*head});
            EXPECT_EQ(counter.version, *head);
        } else {
            EXPECT_EQ(counter.value, std::nullopt);
        }
    }
    std::printf(
        "[ crash    ] %s: %d kills, %llu blocks verified, %d kills after the database "
        "committed but before the writer heard\n",
        std::string{backend_name(GetParam())}.c_str(), kKills,
        static_cast<unsigned long long>(verified), unacknowledged);
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashTest,
                         ::testing::Values(BackendKind::kSqliteFile, BackendKind::kMariadb),
                         backend_param_name);

}  // namespace
}  // namespace yao::storage::test_util
