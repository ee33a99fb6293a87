// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The leader election on the real leases table (SQLite in memory). Faults are injected by a
// wrapper around that store: a candidate whose every lease call fails (its database is gone or
// it crashed) and one whose calls hang (a process paused with SIGSTOP).
#include "leader.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include <yao/storage/sqlite_store.hpp>

namespace yao::chronos {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

/// The real lease store with a switch: healthy, failing, or paused (calls wait until resumed).
class FaultyLeases final : public storage::LeaseStore {
public:
    explicit FaultyLeases(storage::LeaseStore& real) : real_{real} {}
    Result<std::optional<storage::LeaseRecord>> get(std::string_view name) override {
        YAO_TRY_VOID(gate());
        return real_.get(name);
    }
    Result<storage::LeaseRecord> update(std::string_view name,
                                        const storage::LeaseRecord& next) override {
        YAO_TRY_VOID(gate());
        return real_.update(name, next);
    }
    void set_failing(bool f) { failing_ = f; }
    void pause() {
        std::scoped_lock lock{mu_};
        paused_ = true;
    }
    void resume() {
        {
            std::scoped_lock lock{mu_};
            paused_ = false;
        }
        cv_.notify_all();
    }

private:
    Result<void> gate() {
        std::unique_lock lock{mu_};
        cv_.wait(lock, [&] { return !paused_; });
        if (failing_)
            return std::unexpected(Error{storage::Errc::kConnectionLost, "injected"});
        return {};
    }
    storage::LeaseStore& real_;
    std::atomic<bool> failing_{false};
    std::mutex mu_;
    std::condition_variable cv_;
    bool paused_ = false;
};

/// What one candidate's callbacks saw, with times.
struct Events {
    std::mutex mu;
    std::vector<uint64_t> elected;
    std::vector<uint64_t> deposed;
    Clock::time_point elected_at{}, deposed_at{};
    bool wait_elected(std::chrono::milliseconds timeout) {
        const auto end = Clock::now() + timeout;
        while (Clock::now() < end) {
            {
                std::scoped_lock lock{mu};
                if (!elected.empty()) return true;
            }
            std::this_thread::sleep_for(5ms);
        }
        return false;
    }
};

ElectionOptions fast(std::string identity) {
    ElectionOptions o;
    o.identity = std::move(identity);
    o.lease_name = "test-lease";
    o.lease_duration = 400ms;
    o.renew_deadline = 300ms;
    o.retry_period = 40ms;
    return o;
}

class LeaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto store = storage::make_sqlite_store({});
        ASSERT_TRUE(store) << store.error().message();
        store_ = std::shared_ptr<storage::ChainStore>{std::move(*store)};
        leases_ = storage::make_store_leases(store_);
    }

    std::unique_ptr<LeaderElector> candidate(storage::LeaseStore& leases, ElectionOptions o,
                                             Events& events) {
        return std::make_unique<LeaderElector>(
            std::move(o), leases, log::Logger{},
            [&events](uint64_t epoch) -> Result<void> {
                std::scoped_lock lock{events.mu};
                events.elected.push_back(epoch);
                events.elected_at = Clock::now();
                return {};
            },
            [&events](uint64_t epoch) {
                std::scoped_lock lock{events.mu};
                events.deposed.push_back(epoch);
                events.deposed_at = Clock::now();
            });
    }

    std::shared_ptr<storage::ChainStore> store_;
    std::unique_ptr<storage::LeaseStore> leases_;
};

TEST(ElectionOptionsTest, DurationsMustNest) {
    EXPECT_TRUE(validate(fast("a")));
    auto o = fast("a");
    o.renew_deadline = o.lease_duration;
    EXPECT_FALSE(validate(o));
    o = fast("");
    EXPECT_FALSE(validate(o));
    o = fast("a");
    o.retry_period = 0ms;
    EXPECT_FALSE(validate(o));
}

TEST_F(LeaderTest, ALoneCandidateLeadsAndReleasesTheLeaseWhenStopped) {
    Events ev;
    auto a = candidate(*leases_, fast("a"), ev);
    a->start();
    ASSERT_TRUE(ev.wait_elected(2s));
    EXPECT_EQ(a->epoch(), std::optional<uint64_t>{1});
    // It keeps renewing: the version moves, the term does not.
    auto first = leases_->get("test-lease");
    ASSERT_TRUE(first && *first);
    std::this_thread::sleep_for(200ms);
    auto later = leases_->get("test-lease");
    ASSERT_TRUE(later && *later);
    EXPECT_NE((*later)->version, (*first)->version);
    EXPECT_EQ((*later)->transitions, 1u);
    EXPECT_EQ((*later)->holder, "a");
    EXPECT_EQ((*later)->duration_ms, 400u);

    a->stop();
    EXPECT_EQ(ev.deposed, std::vector<uint64_t>{1});
    auto released = leases_->get("test-lease");
    ASSERT_TRUE(released && *released);
    EXPECT_EQ((*released)->holder, "");
    EXPECT_EQ(a->epoch(), std::nullopt);
}

TEST_F(LeaderTest, AFollowerTakesOverARecordReleasedAtOnceWithTheNextEpoch) {
    Events ea, eb;
    auto a = candidate(*leases_, fast("a"), ea);
    a->start();
    ASSERT_TRUE(ea.wait_elected(2s));
    auto b = candidate(*leases_, fast("b"), eb);
    b->start();
    std::this_thread::sleep_for(300ms);
    EXPECT_TRUE(eb.elected.empty()) << "two leaders";
    EXPECT_EQ(b->observed_holder(), "a");
    const auto stopped = Clock::now();
    a->stop();
    ASSERT_TRUE(eb.wait_elected(2s));
    // Released: no need to wait for the lease to expire.
    EXPECT_LT(eb.elected_at - stopped, 300ms);
    EXPECT_EQ(eb.elected, std::vector<uint64_t>{2});
    b->stop();
}

TEST_F(LeaderTest, WhenTheLeaderDiesItStepsDownBeforeTheFollowerTakesOver) {
    FaultyLeases a_view{*leases_};
    Events ea, eb;
    auto a = candidate(a_view, fast("a"), ea);
    a->start();
    ASSERT_TRUE(ea.wait_elected(2s));
    auto b = candidate(*leases_, fast("b"), eb);
    b->start();
    std::this_thread::sleep_for(200ms);
    // The leader loses its database: it can no longer renew.
    const auto cut = Clock::now();
    a_view.set_failing(true);
    ASSERT_TRUE(eb.wait_elected(3s));
    EXPECT_EQ(eb.elected, std::vector<uint64_t>{2});
    {
        std::scoped_lock lock{ea.mu};
        ASSERT_EQ(ea.deposed, std::vector<uint64_t>{1});
        // Never two leaders: the old one ended its term before the new one began.
        EXPECT_LT(ea.deposed_at, eb.elected_at);
    }
    // Within a lease duration (plus a few looks) of the last renewal.
    EXPECT_LT(eb.elected_at - cut, 400ms + 4 * 40ms + 100ms);
    a_view.set_failing(false);
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(a->epoch(), std::nullopt) << "the old leader came back as a follower";
    EXPECT_EQ(b->epoch(), std::optional<uint64_t>{2});
    a->stop();
    b->stop();
}

TEST_F(LeaderTest, APausedLeaderStepsDownWhenItRunsAgain) {
    FaultyLeases a_view{*leases_};
    Events ea, eb;
    auto a = candidate(a_view, fast("a"), ea);
    a->start();
    ASSERT_TRUE(ea.wait_elected(2s));
    auto b = candidate(*leases_, fast("b"), eb);
    b->start();
    std::this_thread::sleep_for(100ms);
    a_view.pause();  // the leader's next lease call hangs, like a process under SIGSTOP
    ASSERT_TRUE(eb.wait_elected(3s));
    EXPECT_EQ(eb.elected, std::vector<uint64_t>{2});
    {
        std::scoped_lock lock{ea.mu};
        EXPECT_TRUE(ea.deposed.empty());  // paused: it has not noticed yet
    }
    a_view.resume();
    const auto resumed = Clock::now();
    for (int i = 0; i < 100 && a->epoch(); ++i) std::this_thread::sleep_for(5ms);
    EXPECT_EQ(a->epoch(), std::nullopt);
    {
        std::scoped_lock lock{ea.mu};
        EXPECT_EQ(ea.deposed, std::vector<uint64_t>{1});
        EXPECT_LT(ea.deposed_at - resumed, 200ms);
    }
    // The lease is still the new leader's: the zombie's renewal lost the compare-and-set.
    auto record = leases_->get("test-lease");
    ASSERT_TRUE(record && *record);
    EXPECT_EQ((*record)->holder, "b");
    EXPECT_EQ((*record)->transitions, 2u);
    a->stop();
    b->stop();
}

TEST_F(LeaderTest, ATermThatCannotStartIsGivenUpAndTakenByAnother) {
    Events ea, eb;
    std::atomic<int> refusals{0};
    auto a = std::make_unique<LeaderElector>(
        fast("a"), *leases_, log::Logger{},
        [&](uint64_t) -> Result<void> {
            ++refusals;
            return std::unexpected(Error{std::make_error_code(std::errc::io_error), "cannot"});
        },
        [](uint64_t) {});
    a->start();
    for (int i = 0; i < 200 && refusals.load() == 0; ++i) std::this_thread::sleep_for(5ms);
    ASSERT_GE(refusals.load(), 1);
    a->stop();
    auto b = candidate(*leases_, fast("b"), eb);
    b->start();
    ASSERT_TRUE(eb.wait_elected(2s));
    ASSERT_EQ(eb.elected.size(), 1u);
    EXPECT_GT(eb.elected.front(), 1u);
    b->stop();
}

}  // namespace
}  // namespace yao::chronos
