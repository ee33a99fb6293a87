// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// One suite over every Bus backend (the in-process bus and Redis Streams on a real redis-server
// started here), then Redis-only cases: a server crash and restart, two Bus objects (two
// processes) in one group, a missing group, WAIT.
//
// Where the backends may differ (both allowed by bus.hpp), the test asserts what both do:
//  - a destroyed consumer's unacknowledged message comes back at once on both, but only "within
//    ack_timeout" is asserted (a crashed process' consumer has no destructor);
//  - "stored" is the in-process bus' queued depth and the Redis stream's length: both must be
//    bounded once everything is acknowledged.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <yao/infra/test_util/redis_server.hpp>
#include <yao/mq/errc.hpp>
#include <yao/mq/inproc_bus.hpp>
#include <yao/mq/redis_bus.hpp>
#include <yao/mq/test_util/bus_helpers.hpp>

namespace yao::mq {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using test_util::RedisServer;

Envelope message(int n, std::string key = {}) {
    auto e = make_envelope("test.Msg", Bytes{0x00, static_cast<uint8_t>(n & 0xff), 0xff, 0x00},
                           "trace-" + std::to_string(n), std::move(key));
    e.message_id = "m" + std::to_string(n);
    e.version = 3;
    return e;
}

using namespace bus_test;

/// How long a poll that must get a message may wait.
constexpr auto kWait = 2s;

struct Limits {
    size_t max_backlog = 100'000;
};

/// One redis-server for the whole suite; each test gets its own key prefix on it.
RedisServer* shared_server() {
    static std::unique_ptr<RedisServer> server = [] {
        auto s = RedisServer::start();
        EXPECT_TRUE(s) << s.error().message();
        return s ? std::move(*s) : nullptr;
    }();
    return server.get();
}

RedisBus::Options redis_options(uint16_t port, std::string prefix, Limits limits = {}) {
    RedisBus::Options o;
    o.port = port;
    o.key_prefix = std::move(prefix);
    o.max_backlog = limits.max_backlog;
    o.broadcast_retention = 10s;
    o.poll_slice = 50ms;
    o.io_timeout = 1s;
    return o;
}

std::string fresh_prefix() {
    static std::atomic<int> n{0};
    return "t" + std::to_string(n++) + ":";
}

class BusConformance : public ::testing::TestWithParam<std::string> {
protected:
    bool redis() const { return GetParam() == "redis"; }

    std::unique_ptr<Bus> make(Limits limits = {}) {
        if (!redis()) return std::make_unique<InProcBus>(InProcBus::Options{limits.max_backlog});
        RedisServer* server = shared_server();
        if (!server) return nullptr;
        return std::make_unique<RedisBus>(redis_options(server->port(), prefix_, limits));
    }

    /// What the backend holds for `topic` now: the stream's length, or the queued depth.
    uint64_t stored(Bus& bus, std::string_view topic) {
        if (!redis()) return bus.stats(topic).depth;
        auto n = static_cast<RedisBus&>(bus).stream_length(topic);
        EXPECT_TRUE(n) << n.error().message();
        return n ? *n : 0;
    }

    const std::string prefix_ = fresh_prefix();
};

TEST_P(BusConformance, EnvelopeRoundTripsAndOrderPerKeyIsKept) {
    auto bus = make();
    ASSERT_TRUE(bus);
    auto group = sub(*bus, "t", clustering("g"));
    auto all = sub(*bus, "t", broadcast());
    std::vector<Envelope> sent;
    for (int i = 0; i < 30; ++i) {
        sent.push_back(message(i, "k" + std::to_string(i % 3)));
        ASSERT_TRUE(bus->publish("t", sent.back()));
    }
    for (Consumer* c : {group.get(), all.get()}) {
        std::map<std::string, std::vector<int>> per_key;
        for (int i = 0; i < 30; ++i) {
            auto d = poll(*c, kWait);
            ASSERT_TRUE(d) << i;
            const int n = std::stoi(d->envelope.message_id.substr(1));
            EXPECT_EQ(d->envelope, sent[static_cast<size_t>(n)]);  // every field, binary payload
            EXPECT_EQ(d->attempt, 1u);
            per_key[d->envelope.key].push_back(n);
            EXPECT_TRUE(c->ack(*d));
        }
        ASSERT_EQ(per_key.size(), 3u);
        for (const auto& [key, ns] : per_key) {
            ASSERT_EQ(ns.size(), 10u) << key;
            for (size_t j = 1; j < ns.size(); ++j) EXPECT_LT(ns[j - 1], ns[j]) << key;
        }
        EXPECT_FALSE(poll(*c, 0ms));
    }
    const auto s = bus->stats("t");
    EXPECT_EQ(s.published, 30u);
    EXPECT_EQ(s.delivered, 60u);
    EXPECT_EQ(s.acked, 30u);  // broadcast acks are no-ops
    EXPECT_EQ(s.redelivered, 0u);
    EXPECT_EQ(s.depth, 0u);
}

TEST_P(BusConformance, GroupSplitsMessagesAcrossConsumersAndThreadsExactlyOnce) {
    auto bus = make();
    ASSERT_TRUE(bus);
    auto a = sub(*bus, "t", clustering("g"));
    auto b = sub(*bus, "t", clustering("g"));
    constexpr int kMessages = 200;
    for (int i = 0; i < kMessages; ++i) ASSERT_TRUE(bus->publish("t", message(i)));
    std::mutex mutex;
    std::multiset<std::string> got;
    std::vector<std::thread> threads;
    for (Consumer* c : {a.get(), b.get(), a.get(), b.get()}) {  // two threads per consumer
        threads.emplace_back([&, c] {
            while (true) {
                auto d = c->poll(200ms);
                ASSERT_TRUE(d) << d.error().message();
                if (!*d) return;
                ASSERT_TRUE(c->ack(**d));
                std::lock_guard lock{mutex};
                got.insert((*d)->envelope.message_id);
            }
        });
    }
    for (auto& t : threads) t.join();
    ASSERT_EQ(got.size(), static_cast<size_t>(kMessages));
    for (int i = 0; i < kMessages; ++i) EXPECT_EQ(got.count("m" + std::to_string(i)), 1u) << i;
    const auto s = bus->stats("t");
    EXPECT_EQ(s.delivered, static_cast<uint64_t>(kMessages));
    EXPECT_EQ(s.acked, static_cast<uint64_t>(kMessages));
    EXPECT_EQ(s.depth, 0u);
}

TEST_P(BusConformance, UnacknowledgedMessagesAreDeliveredAgainAtLeastOnce) {
    auto bus = make();
    ASSERT_TRUE(bus);
    auto c = sub(*bus, "t", clustering("g", 200ms));
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(bus->publish("t", message(i)));
    for (int i = 0; i < 20; ++i) {
        auto d = poll(*c, kWait);
        ASSERT_TRUE(d);
        EXPECT_EQ(d->envelope.message_id, "m" + std::to_string(i));
        if (i % 2 == 0) {
            EXPECT_TRUE(c->ack(*d));
        }
    }
    std::set<std::string> again;
    for (int i = 0; i < 10; ++i) {
        auto d = poll(*c, 3s);
        ASSERT_TRUE(d) << i;
        EXPECT_EQ(d->attempt, 2u);
        again.insert(d->envelope.message_id);
        EXPECT_TRUE(c->ack(*d));
        EXPECT_TRUE(c->ack(*d));  // twice: harmless
    }
    std::set<std::string> odd;
    for (int i = 1; i < 20; i += 2) odd.insert("m" + std::to_string(i));
    EXPECT_EQ(again, odd);
    EXPECT_FALSE(poll(*c, 400ms));  // past the ack timeout: nothing left
    const auto s = bus->stats("t");
    EXPECT_EQ(s.delivered, 30u);
    EXPECT_EQ(s.redelivered, 10u);
    EXPECT_EQ(s.acked, 20u);
}

TEST_P(BusConformance, MessageOfAConsumerThatDiesMidMessageGoesToAnotherWithAttemptTwo) {
    auto bus = make();
    ASSERT_TRUE(bus);
    constexpr auto kAckTimeout = 300ms;
    auto a = sub(*bus, "t", clustering("g", kAckTimeout));
    auto b = sub(*bus, "t", clustering("g", kAckTimeout));
    ASSERT_TRUE(bus->publish("t", message(7)));
    auto d = poll(*a, kWait);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->attempt, 1u);
    const auto died = Clock::now();
    a.reset();  // dies without ack
    auto again = poll(*b, 5s);
    ASSERT_TRUE(again);
    EXPECT_LE(Clock::now() - died, kAckTimeout + 1s);
    EXPECT_EQ(again->envelope, d->envelope);
    EXPECT_EQ(again->attempt, 2u);
    EXPECT_TRUE(b->ack(*again));
    EXPECT_FALSE(poll(*b, 500ms));
}

TEST_P(BusConformance, BroadcastGivesEverySubscriberEveryLaterMessage) {
    auto bus = make();
    ASSERT_TRUE(bus);
    auto first = sub(*bus, "t", broadcast());
    ASSERT_TRUE(bus->publish("t", message(0)));
    auto second = sub(*bus, "t", broadcast());
    for (int i = 1; i <= 5; ++i) ASSERT_TRUE(bus->publish("t", message(i)));
    auto late = sub(*bus, "t", broadcast());
    for (auto [c, from] : {std::pair{first.get(), 0}, std::pair{second.get(), 1}}) {
        for (int i = from; i <= 5; ++i) {
            auto d = poll(*c, kWait);
            ASSERT_TRUE(d);
            EXPECT_EQ(d->envelope.message_id, "m" + std::to_string(i));
            EXPECT_TRUE(c->ack(*d));  // a no-op
        }
        EXPECT_FALSE(poll(*c, 0ms));
    }
    EXPECT_FALSE(poll(*late, 100ms));
    ASSERT_TRUE(bus->publish("t", message(6)));
    for (Consumer* c : {first.get(), second.get(), late.get()}) {
        auto d = poll(*c, kWait);
        ASSERT_TRUE(d);
        EXPECT_EQ(d->envelope.message_id, "m6");
    }
}

TEST_P(BusConformance, StorageStaysBoundedAndNothingUnacknowledgedIsDropped) {
    auto bus = make();
    ASSERT_TRUE(bus);
    // Long enough not to expire on a loaded machine: `slow2` gets m0 because `slow` is destroyed
    // (both backends hand a destroyed consumer's deliveries back at once).
    constexpr auto kAckTimeout = 20s;
    auto fast = sub(*bus, "t", clustering("fast", kAckTimeout));
    auto slow = sub(*bus, "t", clustering("slow", kAckTimeout));
    ASSERT_TRUE(bus->publish("t", message(0)));
    auto held = poll(*slow, kWait);  // delivered, never acknowledged by `slow`
    ASSERT_TRUE(held);
    for (int i = 0; i <= 200; ++i) {
        if (i > 0) {
            ASSERT_TRUE(bus->publish("t", message(i)));
        }
        auto d = poll(*fast, kWait);
        ASSERT_TRUE(d);
        EXPECT_EQ(d->envelope.message_id, "m" + std::to_string(i));
        ASSERT_TRUE(fast->ack(*d));
    }
    EXPECT_GE(stored(*bus, "t"), 200u);  // `slow` has acknowledged nothing
    for (int i = 1; i <= 200; ++i) {
        auto d = poll(*slow, kWait);
        ASSERT_TRUE(d);
        EXPECT_EQ(d->envelope.message_id, "m" + std::to_string(i));
        ASSERT_TRUE(slow->ack(*d));
    }
    slow.reset();  // dies holding m0
    auto slow2 = sub(*bus, "t", clustering("slow", kAckTimeout));
    auto again = poll(*slow2, 5s);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->envelope.message_id, "m0");  // survived 200 trims
    EXPECT_EQ(again->attempt, 2u);
    ASSERT_TRUE(slow2->ack(*again));
    for (int i = 201; i <= 202; ++i) {
        ASSERT_TRUE(bus->publish("t", message(i)));
        for (Consumer* c : {fast.get(), slow2.get()}) {
            auto d = poll(*c, kWait);
            ASSERT_TRUE(d);
            EXPECT_EQ(d->envelope.message_id, "m" + std::to_string(i));
            ASSERT_TRUE(c->ack(*d));
        }
    }
    EXPECT_LE(stored(*bus, "t"), 2u);  // everything acknowledged: trimmed
    EXPECT_EQ(bus->stats("t").depth, 0u);
}

TEST_P(BusConformance, PublishFailsWithBusFullAtTheBacklogLimit) {
    auto bus = make(Limits{.max_backlog = 10});
    ASSERT_TRUE(bus);
    auto c = sub(*bus, "t", clustering("g"));
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(bus->publish("t", message(i))) << i;
    auto full = bus->publish("t", message(10));
    ASSERT_FALSE(full);
    EXPECT_EQ(full.error(), Errc::kBusFull);
    EXPECT_TRUE(is_transient(full.error().code()));
    auto d = poll(*c, kWait);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->envelope.message_id, "m0");
    ASSERT_TRUE(c->ack(*d));
    EXPECT_TRUE(bus->publish("t", message(11)));
    EXPECT_FALSE(bus->publish("t", message(12)));
    EXPECT_EQ(bus->stats("t").published, 11u);
}

TEST_P(BusConformance, CloseWakesEveryBlockedPollAndRefusesFurtherWork) {
    auto bus = make();
    ASSERT_TRUE(bus);
    auto group = sub(*bus, "t", clustering("g"));
    auto all = sub(*bus, "t", broadcast());
    std::atomic<int> returned_empty{0};
    std::vector<std::thread> threads;
    for (Consumer* c : {group.get(), group.get(), all.get()}) {
        threads.emplace_back([&, c] {
            auto d = c->poll(10s);
            if (d && !*d) ++returned_empty;
        });
    }
    ASSERT_TRUE(wait_until([&] { return bus->stats("t").pollers == 3; }));
    const auto closed = Clock::now();
    bus->close();
    for (auto& t : threads) t.join();
    EXPECT_LT(Clock::now() - closed, 1s);
    EXPECT_EQ(returned_empty.load(), 3);
    auto published = bus->publish("t", message(0));
    ASSERT_FALSE(published);
    EXPECT_EQ(published.error(), Errc::kBusClosed);
    auto subscribed = bus->subscribe("t", clustering("g"));
    ASSERT_FALSE(subscribed);
    EXPECT_EQ(subscribed.error(), Errc::kBusClosed);
    auto after = group->poll(1s);
    ASSERT_TRUE(after);
    EXPECT_FALSE(*after);
}

INSTANTIATE_TEST_SUITE_P(Backends, BusConformance, ::testing::Values("inproc", "redis"),
                         [](const auto& param_info) { return param_info.param; });

// ---- Redis only ------------------------------------------------------------------------------

/// Polls until a delivery arrives, tolerating the transient errors of a reconnect (bounded).
std::optional<Delivery> poll_through_reconnect(Consumer& c) {
    const auto deadline = Clock::now() + 5s;
    while (Clock::now() < deadline) {
        auto d = c.poll(500ms);
        if (d && *d) return std::move(*d);
        if (!d) {
            EXPECT_EQ(d.error(), Errc::kUnavailable) << d.error().message();
        }
    }
    return std::nullopt;
}

/// Calls `f` (returning a Result) until it succeeds or fails with anything but kUnavailable
/// (bounded: 5 s).
template <typename F>
auto retry_unavailable(F f) {
    const auto deadline = Clock::now() + 5s;
    auto r = f();
    while (!r && r.error() == Errc::kUnavailable && Clock::now() < deadline) {
        std::this_thread::sleep_for(10ms);  // a retry interval, not a synchronisation
        r = f();
    }
    return r;
}

TEST(RedisBus, PublishAndPollFailTransientlyWhileTheServerIsDownAndWorkAgainAfterRestart) {
    auto server = RedisServer::start({.append_only = true});
    ASSERT_TRUE(server) << server.error().message();
    RedisBus bus{redis_options((*server)->port(), "r:")};
    auto group = sub(bus, "t", clustering("g", 300ms));
    auto all = sub(bus, "t", broadcast());
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(bus.publish("t", message(i)));
    auto d0 = poll(*group, kWait);
    ASSERT_TRUE(d0);
    ASSERT_TRUE(group->ack(*d0));
    auto d1 = poll(*group, kWait);  // pending across the crash
    ASSERT_TRUE(d1);
    EXPECT_EQ(d1->envelope.message_id, "m1");
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(poll(*all, kWait));

    (*server)->kill();
    const auto down = Clock::now();
    auto published = bus.publish("t", message(99));
    ASSERT_FALSE(published);
    EXPECT_EQ(published.error(), Errc::kUnavailable);
    EXPECT_TRUE(is_transient(published.error().code()));
    for (Consumer* c : {group.get(), all.get()}) {
        auto polled = c->poll(200ms);
        ASSERT_FALSE(polled);
        EXPECT_EQ(polled.error(), Errc::kUnavailable) << polled.error().message();
    }
    auto acked = group->ack(*d1);
    ASSERT_FALSE(acked);
    EXPECT_EQ(acked.error(), Errc::kUnavailable);
    (void)bus.stats("t");  // does not hang
    EXPECT_LT(Clock::now() - down, 3s);

    ASSERT_TRUE((*server)->restart());
    ASSERT_TRUE(retry_unavailable([&] { return group->ack(*d1); }));  // kept for the retry
    ASSERT_TRUE(retry_unavailable([&] { return bus.publish("t", message(3)); }));
    std::map<std::string, uint32_t> attempts;
    while (attempts.size() < 2) {  // m2 (never delivered before the crash) and m3
        auto d = poll_through_reconnect(*group);
        ASSERT_TRUE(d);
        attempts[d->envelope.message_id] = d->attempt;
        ASSERT_TRUE(group->ack(*d));
    }
    EXPECT_EQ(attempts, (std::map<std::string, uint32_t>{{"m2", 1}, {"m3", 1}}));
    auto b = poll_through_reconnect(*all);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->envelope.message_id, "m3");
    EXPECT_FALSE(poll(*group, 500ms));  // m1's ack went through: no redelivery
}

TEST(RedisBus, AnUnacknowledgedMessageSurvivesACrashAndIsRedelivered) {
    auto server = RedisServer::start({.append_only = true});
    ASSERT_TRUE(server) << server.error().message();
    RedisBus bus{redis_options((*server)->port(), "r:")};
    auto group = sub(bus, "t", clustering("g", 300ms));
    ASSERT_TRUE(bus.publish("t", message(1)));
    auto d = poll(*group, kWait);
    ASSERT_TRUE(d);
    (*server)->kill();
    ASSERT_TRUE((*server)->restart());
    auto again = poll_through_reconnect(*group);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->envelope, d->envelope);
    EXPECT_EQ(again->attempt, 2u);
    ASSERT_TRUE(group->ack(*again));
    EXPECT_EQ(bus.stats("t").redelivered, 1u);
}

TEST(RedisBus, ATakingOverConsumerClaimsWhatAnotherHoldsAtOnceThenReadsNewEntries) {
    RedisServer* server = shared_server();
    ASSERT_NE(server, nullptr);
    RedisBus bus{redis_options(server->port(), "takeover:")};
    // The old owner (a paused or dead sequencer leader) holds two entries; the ack timeout is
    // long, so without taking over they would come back only after a minute.
    auto old_owner = sub(bus, "t", clustering("g", 60s));
    ASSERT_TRUE(bus.publish("t", message(1)));
    ASSERT_TRUE(bus.publish("t", message(2)));
    auto a = poll(*old_owner, kWait);
    auto b = poll(*old_owner, kWait);
    ASSERT_TRUE(a && b);
    ASSERT_TRUE(bus.publish("t", message(3)));  // not delivered to anyone yet

    auto options = clustering("g", 60s);
    options.take_over = true;
    auto heir = sub(bus, "t", options);
    EXPECT_TRUE(heir->taking_over());
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<Envelope> got;
    for (int i = 0; i < 3; ++i) {
        auto d = poll(*heir, kWait);
        ASSERT_TRUE(d) << i;
        got.push_back(d->envelope);
        if (i < 2) {
            EXPECT_TRUE(heir->taking_over()) << "the pass ends in the next poll";
        }
        ASSERT_TRUE(heir->ack(*d));
    }
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);
    EXPECT_FALSE(heir->taking_over());
    // The held ones first (claimed, attempt 2), then the new one.
    EXPECT_EQ(got[0], a->envelope);
    EXPECT_EQ(got[1], b->envelope);
    EXPECT_EQ(got[2].message_id, "m3");
    EXPECT_FALSE(poll(*old_owner, 100ms)) << "nothing left for the old owner";
}

TEST(RedisBus, ATakeOverPassEndsEvenWhenTheHeirKeepsWhatItClaimedPending) {
    // A new sequencer leader holds the journal entries of transactions still in its pool: the
    // pass must end after one round over them, not claim them again from the start.
    RedisServer* server = shared_server();
    ASSERT_NE(server, nullptr);
    RedisBus bus{redis_options(server->port(), "takeover-held:")};
    auto old_owner = sub(bus, "t", clustering("g", 60s));
    for (int i = 1; i <= 3; ++i) ASSERT_TRUE(bus.publish("t", message(i)));
    for (int i = 1; i <= 3; ++i) ASSERT_TRUE(poll(*old_owner, kWait));

    auto options = clustering("g", 60s);
    options.take_over = true;
    auto heir = sub(bus, "t", options);
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) {
        auto d = poll(*heir, kWait);
        ASSERT_TRUE(d) << i;
        ids.push_back(d->envelope.message_id);  // held: not acknowledged
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"m1", "m2", "m3"}));
    EXPECT_FALSE(poll(*heir, 200ms)) << "the held entries came round again";
    EXPECT_FALSE(heir->taking_over());
}

TEST(RedisBus, AGroupLostWithTheServersDataIsCreatedAgain) {
    auto server = RedisServer::start();  // no persistence: a restart loses stream and group
    ASSERT_TRUE(server) << server.error().message();
    RedisBus bus{redis_options((*server)->port(), "r:")};
    auto group = sub(bus, "t", clustering("g"));
    ASSERT_TRUE(bus.publish("t", message(1)));
    ASSERT_TRUE(poll(*group, kWait));
    (*server)->kill();
    ASSERT_TRUE((*server)->restart());
    // The first poll after the restart may find the pooled connection dead (kUnavailable); the
    // following ones recreate the group (NOGROUP) and wait on it.
    const auto deadline = Clock::now() + 5s;
    bool polled_ok = false;
    while (!polled_ok && Clock::now() < deadline) {
        auto r = group->poll(50ms);
        polled_ok = r && !*r;
    }
    ASSERT_TRUE(polled_ok);
    ASSERT_TRUE(bus.publish("t", message(2)));
    auto d = poll(*group, kWait);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->envelope.message_id, "m2");
}

TEST(RedisBus, TwoBusesShareOneGroupAndTakeOverADeadProcessesMessage) {
    RedisServer* server = shared_server();
    ASSERT_TRUE(server);
    const std::string prefix = fresh_prefix();
    auto bus1 = std::make_unique<RedisBus>(redis_options(server->port(), prefix));
    RedisBus bus2{redis_options(server->port(), prefix)};
    auto c1 = sub(*bus1, "t", clustering("g", 300ms));
    auto c2 = sub(bus2, "t", clustering("g", 300ms));
    constexpr int kMessages = 100;
    std::mutex mutex;
    std::map<std::string, int> by;  // message -> which bus got it
    std::atomic<int> received{0};
    std::vector<std::thread> threads;
    int index = 0;
    for (Consumer* c : {c1.get(), c2.get()}) {
        threads.emplace_back([&, c, who = ++index] {
            while (received.load() < kMessages) {
                auto d = c->poll(100ms);
                ASSERT_TRUE(d) << d.error().message();
                if (!*d) continue;
                ASSERT_TRUE(c->ack(**d));
                std::lock_guard lock{mutex};
                EXPECT_TRUE(by.emplace((*d)->envelope.message_id, who).second);
                ++received;
            }
        });
    }
    ASSERT_TRUE(wait_until(
        [&] { return bus1->stats("t").pollers == 1 && bus2.stats("t").pollers == 1; }));
    for (int i = 0; i < kMessages; ++i) ASSERT_TRUE(bus1->publish("t", message(i)));
    for (auto& t : threads) t.join();
    ASSERT_EQ(by.size(), static_cast<size_t>(kMessages));
    int from1 = 0;
    for (const auto& [id, who] : by) from1 += who == 1 ? 1 : 0;
    EXPECT_GT(from1, 0);
    EXPECT_LT(from1, kMessages);
    EXPECT_EQ(bus2.stats("t").published, static_cast<uint64_t>(kMessages));  // from the stream

    // Process 1 takes a message and dies: closed, its consumer cannot hand the message back.
    ASSERT_TRUE(bus2.publish("t", message(kMessages)));
    auto taken = poll(*c1, kWait);
    ASSERT_TRUE(taken);
    bus1->close();
    c1.reset();
    bus1.reset();
    auto again = poll(*c2, 5s);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->envelope.message_id, taken->envelope.message_id);
    EXPECT_EQ(again->attempt, 2u);
}

TEST(RedisBus, ABroadcastTopicKeepsTheRetentionWindowOnly) {
    RedisServer* server = shared_server();
    ASSERT_TRUE(server);
    auto options = redis_options(server->port(), fresh_prefix());
    options.broadcast_retention = 100ms;
    RedisBus bus{options};
    auto all = sub(bus, "t", broadcast());
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(bus.publish("t", message(i)));
    ASSERT_EQ(bus.stream_length("t").value_or(0), 5u);  // within the window: kept
    const auto published = Clock::now();
    while (Clock::now() - published < 150ms) std::this_thread::sleep_for(10ms);  // let them age
    ASSERT_TRUE(bus.publish("t", message(5)));
    EXPECT_EQ(bus.stream_length("t").value_or(0), 1u);
    auto d = poll(*all, kWait);  // the subscriber fell behind the window: it continues with m5
    ASSERT_TRUE(d);
    EXPECT_EQ(d->envelope.message_id, "m5");
}

TEST(RedisBus, WaitForReplicasFailsTransientlyWhenThereAreNone) {
    RedisServer* server = shared_server();
    ASSERT_TRUE(server);
    auto options = redis_options(server->port(), fresh_prefix());
    options.wait_replicas = 1;
    options.wait_timeout = 50ms;
    RedisBus bus{options};
    auto published = bus.publish("t", message(1));
    ASSERT_FALSE(published);
    EXPECT_EQ(published.error(), Errc::kUnavailable);
    auto n = bus.stream_length("t");
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 1u);  // stored on the primary all the same
}

TEST(RedisBus, AnUnreachableServerIsUnavailableNotAHang) {
    auto port = test_util::free_loopback_port();
    ASSERT_TRUE(port);
    RedisBus bus{redis_options(*port, "r:")};
    const auto started = Clock::now();
    auto published = bus.publish("t", message(1));
    ASSERT_FALSE(published);
    EXPECT_EQ(published.error(), Errc::kUnavailable);
    auto subscribed = bus.subscribe("t", clustering("g"));
    ASSERT_FALSE(subscribed);
    EXPECT_EQ(subscribed.error(), Errc::kUnavailable);
    EXPECT_EQ(bus.stats("t").published, 0u);
    EXPECT_LT(Clock::now() - started, 2s);
}

}  // namespace
}  // namespace yao::mq
