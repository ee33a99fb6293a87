// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <functional>
#include <thread>
#include <vector>

#include <yao/mq/errc.hpp>
#include <yao/mq/inproc_bus.hpp>
#include <yao/mq/test_util/bus_helpers.hpp>

namespace yao::mq {
namespace {

using namespace std::chrono_literals;

Envelope envelope_with_id(std::string id, std::string payload = "p") {
    Envelope e;
    e.type = "test.Msg";
    e.message_id = std::move(id);
    e.payload = Bytes{as_bytes(payload)};
    return e;
}

using namespace bus_test;

TEST(Bus, NewIdIs32LowercaseHexAndUnique) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto id = new_id();
        ASSERT_EQ(id.size(), 32u);
        for (char c : id) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << id;
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 1000u);
}

TEST(Bus, MakeEnvelopeFillsIdTimeAndVersion) {
    const auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    const auto e = make_envelope("yao.v1.Proposal", Bytes{1, 2, 3}, "trace", "42");
    const auto after = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    EXPECT_EQ(e.type, "yao.v1.Proposal");
    EXPECT_EQ(e.message_id.size(), 32u);
    EXPECT_GE(e.timestamp_ms, static_cast<uint64_t>(before));
    EXPECT_LE(e.timestamp_ms, static_cast<uint64_t>(after));
    EXPECT_EQ(e.version, 1u);
    EXPECT_EQ(e.trace_id, "trace");
    EXPECT_EQ(e.key, "42");
    EXPECT_EQ(e.payload, (Bytes{1, 2, 3}));
}

TEST(InProcBus, ErrorCategoryNamesCodes) {
    const Error e{Errc::kBusFull, "t"};
    EXPECT_EQ(e.message(), "mq.bus_full: t");
    EXPECT_EQ(std::error_code{Errc::kBusClosed}.message(), "bus_closed");
}

TEST(InProcBus, ClusteringSplitsMessagesBetweenConsumersWithoutLossOrDuplicates) {
    InProcBus bus;
    auto a = sub(bus, "t", clustering("g"));
    auto b = sub(bus, "t", clustering("g"));
    for (int i = 0; i < 100; ++i)
        ASSERT_TRUE(bus.publish("t", envelope_with_id(std::to_string(i))));
    std::multiset<std::string> got;
    size_t from_a = 0;
    size_t from_b = 0;
    for (int i = 0; i < 50; ++i) {
        auto da = poll(*a);
        auto db = poll(*b);
        ASSERT_TRUE(da && db);
        got.insert(da->envelope.message_id);
        got.insert(db->envelope.message_id);
        ++from_a;
        ++from_b;
        EXPECT_TRUE(a->ack(*da));
        EXPECT_TRUE(b->ack(*db));
    }
    EXPECT_FALSE(poll(*a));
    EXPECT_FALSE(poll(*b));
    EXPECT_EQ(from_a, 50u);
    EXPECT_EQ(from_b, 50u);
    ASSERT_EQ(got.size(), 100u);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(got.count(std::to_string(i)), 1u) << i;
    const auto s = bus.stats("t");
    EXPECT_EQ(s.published, 100u);
    EXPECT_EQ(s.delivered, 100u);
    EXPECT_EQ(s.acked, 100u);
    EXPECT_EQ(s.redelivered, 0u);
    EXPECT_EQ(s.depth, 0u);
}

TEST(InProcBus, EachGroupGetsItsOwnCopyInFifoOrder) {
    InProcBus bus;
    auto g1 = sub(bus, "t", clustering("g1"));
    auto g2 = sub(bus, "t", clustering("g2"));
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(bus.publish("t", envelope_with_id(std::to_string(i))));
    for (auto* c : {g1.get(), g2.get()}) {
        for (int i = 0; i < 3; ++i) {
            auto d = poll(*c);
            ASSERT_TRUE(d);
            EXPECT_EQ(d->envelope.message_id, std::to_string(i));
            EXPECT_EQ(d->envelope.payload, Bytes{as_bytes("p")});
            EXPECT_EQ(d->attempt, 1u);
        }
        EXPECT_FALSE(poll(*c));
    }
    EXPECT_EQ(bus.stats("t").delivered, 6u);
}

TEST(InProcBus, AckStopsRedelivery) {
    InProcBus bus{{.max_backlog = 100, .redelivery_scan_period = 5ms}};
    auto c = sub(bus, "t", clustering("g", 50ms));
    ASSERT_TRUE(bus.publish("t", envelope_with_id("m1")));
    auto d = poll(*c);
    ASSERT_TRUE(d);
    ASSERT_TRUE(c->ack(*d));
    EXPECT_FALSE(poll(*c, 200ms));
    EXPECT_EQ(bus.stats("t").redelivered, 0u);
    // A second ack of the same delivery is harmless.
    EXPECT_TRUE(c->ack(*d));
    EXPECT_EQ(bus.stats("t").acked, 1u);
}

TEST(InProcBus, MissingAckRedeliversWithAttemptTwoAndSameIdAfterTimeout) {
    InProcBus bus{{.max_backlog = 100, .redelivery_scan_period = 5ms}};
    auto c = sub(bus, "t", clustering("g", 50ms));
    ASSERT_TRUE(bus.publish("t", envelope_with_id("m1")));
    ASSERT_TRUE(bus.publish("t", envelope_with_id("m2")));
    const auto start = std::chrono::steady_clock::now();
    auto first = poll(*c);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->envelope.message_id, "m1");
    EXPECT_EQ(first->attempt, 1u);
    // m2 is taken and acked; m1 is left un-acked.
    auto second = poll(*c);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->envelope.message_id, "m2");
    ASSERT_TRUE(c->ack(*second));

    auto again = poll(*c, 2s);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(again);
    EXPECT_EQ(again->envelope.message_id, "m1");
    EXPECT_EQ(again->attempt, 2u);
    EXPECT_GE(elapsed, 50ms);
    EXPECT_NE(again->delivery_tag, first->delivery_tag);
    // The stale delivery's ack does not ack the redelivery.
    EXPECT_TRUE(c->ack(*first));
    EXPECT_EQ(bus.stats("t").acked, 1u);
    ASSERT_TRUE(c->ack(*again));
    EXPECT_EQ(bus.stats("t").acked, 2u);
    EXPECT_EQ(bus.stats("t").redelivered, 1u);
    EXPECT_EQ(bus.stats("t").delivered, 3u);
}

TEST(InProcBus, RedeliveredMessagesGoToTheFrontOfTheQueue) {
    InProcBus bus{{.max_backlog = 100, .redelivery_scan_period = 5ms}};
    auto c = sub(bus, "t", clustering("g", 50ms));
    ASSERT_TRUE(bus.publish("t", envelope_with_id("m1")));
    auto d = poll(*c);
    ASSERT_TRUE(d);
    ASSERT_TRUE(bus.publish("t", envelope_with_id("m2")));
    // m1's ack timeout passes and the scanner puts it back: two messages wait.
    ASSERT_TRUE(wait_until([&] { return bus.stats("t").depth == 2; }));
    auto next = poll(*c);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->envelope.message_id, "m1");
    EXPECT_EQ(next->attempt, 2u);
}

TEST(InProcBus, UnknownDeliveryTagIsRejected) {
    InProcBus bus;
    auto c = sub(bus, "t", clustering("g"));
    Delivery bogus;
    bogus.delivery_tag = 12345;
    auto r = c->ack(bogus);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kUnknownDelivery);
}

TEST(InProcBus, AckOfAnotherConsumersDeliveryIsRejected) {
    InProcBus bus;
    auto a = sub(bus, "t", clustering("g"));
    auto b = sub(bus, "t", clustering("g"));
    ASSERT_TRUE(bus.publish("t", envelope_with_id("m1")));
    auto d = poll(*a);
    ASSERT_TRUE(d);
    auto r = b->ack(*d);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kUnknownDelivery);
    EXPECT_TRUE(a->ack(*d));
    EXPECT_EQ(bus.stats("t").acked, 1u);
}

TEST(InProcBus, BroadcastGivesEverySubscriberEveryMessage) {
    InProcBus bus;
    auto early = sub(bus, "b", broadcast());
    ASSERT_TRUE(bus.publish("b", envelope_with_id("m0")));
    auto b1 = sub(bus, "b", broadcast());
    auto b2 = sub(bus, "b", broadcast());
    for (int i = 1; i <= 5; ++i)
        ASSERT_TRUE(bus.publish("b", envelope_with_id("m" + std::to_string(i))));
    for (int i = 0; i <= 5; ++i) {
        auto d = poll(*early);
        ASSERT_TRUE(d);
        EXPECT_EQ(d->envelope.message_id, "m" + std::to_string(i));
        EXPECT_TRUE(early->ack(*d));
    }
    EXPECT_FALSE(poll(*early));
    for (auto* c : {b1.get(), b2.get()}) {
        for (int i = 1; i <= 5; ++i) {
            auto d = poll(*c);
            ASSERT_TRUE(d);
            EXPECT_EQ(d->envelope.message_id, "m" + std::to_string(i));
        }
        EXPECT_FALSE(poll(*c));
    }
    EXPECT_EQ(bus.stats("b").published, 6u);
    EXPECT_EQ(bus.stats("b").delivered, 16u);
}

TEST(InProcBus, MessagesBeforeAnyGroupAreRetainedForTheFirstGroup) {
    InProcBus bus;
    ASSERT_TRUE(bus.publish("t", envelope_with_id("early1")));
    ASSERT_TRUE(bus.publish("t", envelope_with_id("early2")));
    EXPECT_EQ(bus.stats("t").depth, 2u);
    auto first = sub(bus, "t", clustering("g1"));
    auto second = sub(bus, "t", clustering("g2"));
    ASSERT_TRUE(bus.publish("t", envelope_with_id("late")));
    std::vector<std::string> got;
    while (auto d = poll(*first)) got.push_back(d->envelope.message_id);
    EXPECT_EQ(got, (std::vector<std::string>{"early1", "early2", "late"}));
    got.clear();
    while (auto d = poll(*second)) got.push_back(d->envelope.message_id);
    EXPECT_EQ(got, (std::vector<std::string>{"late"}));
}

TEST(InProcBus, BacklogLimitGivesBusFullAndLeavesQueuesUnchanged) {
    InProcBus bus{{.max_backlog = 3, .redelivery_scan_period = 10ms}};
    auto fast = sub(bus, "t", clustering("fast"));
    auto slow = sub(bus, "t", clustering("slow"));
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(bus.publish("t", envelope_with_id(std::to_string(i))));
        // "fast" keeps up, "slow" does not.
        auto d = poll(*fast);
        ASSERT_TRUE(d);
        ASSERT_TRUE(fast->ack(*d));
    }
    auto r = bus.publish("t", envelope_with_id("x"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kBusFull);
    // Nothing was enqueued for either group.
    EXPECT_FALSE(poll(*fast));
    EXPECT_EQ(bus.stats("t").depth, 3u);
    EXPECT_EQ(bus.stats("t").published, 3u);
    std::vector<std::string> got;
    while (auto d = poll(*slow)) got.push_back(d->envelope.message_id);
    EXPECT_EQ(got, (std::vector<std::string>{"0", "1", "2"}));
    // Room again.
    EXPECT_TRUE(bus.publish("t", envelope_with_id("y")));
}

TEST(InProcBus, RetentionBeforeFirstGroupIsBoundedByTheBacklog) {
    InProcBus bus{{.max_backlog = 2, .redelivery_scan_period = 10ms}};
    ASSERT_TRUE(bus.publish("t", envelope_with_id("1")));
    ASSERT_TRUE(bus.publish("t", envelope_with_id("2")));
    auto r = bus.publish("t", envelope_with_id("3"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kBusFull);
}

TEST(InProcBus, CloseWakesABlockedPollAndRefusesPublish) {
    InProcBus bus;
    auto c = sub(bus, "t", clustering("g"));
    auto b = sub(bus, "t", broadcast());
    std::atomic<int> woke{0};
    const auto start = std::chrono::steady_clock::now();
    std::thread t1{[&] {
        auto d = c->poll(10s);
        EXPECT_TRUE(d && !*d);
        ++woke;
    }};
    std::thread t2{[&] {
        auto d = b->poll(10s);
        EXPECT_TRUE(d && !*d);
        ++woke;
    }};
    ASSERT_TRUE(wait_until([&] { return bus.stats("t").pollers == 2; }));  // both blocked
    bus.close();
    t1.join();
    t2.join();
    EXPECT_EQ(woke.load(), 2);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    auto r = bus.publish("t", envelope_with_id("late"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kBusClosed);
    auto r2 = bus.publish("new-topic", envelope_with_id("late"));
    ASSERT_FALSE(r2);
    EXPECT_EQ(r2.error(), Errc::kBusClosed);
    auto s = bus.subscribe("t", clustering("g"));
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error(), Errc::kBusClosed);
}

TEST(InProcBus, PollTimesOutWithNullopt) {
    InProcBus bus;
    auto c = sub(bus, "t", clustering("g"));
    const auto start = std::chrono::steady_clock::now();
    auto d = c->poll(30ms);
    ASSERT_TRUE(d);
    EXPECT_FALSE(*d);
    EXPECT_GE(std::chrono::steady_clock::now() - start, 30ms);
}

TEST(InProcBus, BlockedPollWakesOnPublish) {
    InProcBus bus;
    auto c = sub(bus, "t", clustering("g"));
    std::optional<Delivery> got;
    std::thread t{[&] { got = poll(*c, 10s); }};
    ASSERT_TRUE(wait_until([&] { return bus.stats("t").pollers == 1; }));  // blocked in poll
    ASSERT_TRUE(bus.publish("t", envelope_with_id("m")));
    t.join();
    ASSERT_TRUE(got);
    EXPECT_EQ(got->envelope.message_id, "m");
}

TEST(InProcBus, DestroyedConsumersUnackedMessageGoesToAnotherConsumer) {
    InProcBus bus;
    auto a = sub(bus, "t", clustering("g"));
    auto b = sub(bus, "t", clustering("g"));
    ASSERT_TRUE(bus.publish("t", envelope_with_id("m1")));
    auto d = poll(*a);
    ASSERT_TRUE(d);
    EXPECT_FALSE(poll(*b));
    a.reset();
    auto again = poll(*b);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->envelope.message_id, "m1");
    EXPECT_EQ(again->attempt, 2u);
}

TEST(InProcBus, ConsumerMayOutliveTheBus) {
    std::unique_ptr<Consumer> c;
    {
        InProcBus bus;
        c = sub(bus, "t", clustering("g"));
        ASSERT_TRUE(bus.publish("t", envelope_with_id("m1")));
    }
    auto d = c->poll(0ms);
    ASSERT_TRUE(d);
    EXPECT_FALSE(*d);
}

TEST(InProcBus, InvalidArgumentsAreRejected) {
    InProcBus bus;
    auto r = bus.publish("", envelope_with_id("m"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kInvalidArgument);
    auto s = bus.subscribe("t", clustering("g", 0ms));
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error(), Errc::kInvalidArgument);
    EXPECT_EQ(bus.stats("never-used").published, 0u);
}

// 4 producers x 10,000 messages, 3 consumer threads polling clustering consumers of one group
// (two threads share one consumer): every message id is received exactly once.
TEST(InProcBus, ConcurrentProducersAndConsumersReceiveEveryMessageExactlyOnce) {
    constexpr int kProducers = 4;
    constexpr int kPerProducer = 10'000;
    constexpr int kTotal = kProducers * kPerProducer;
    InProcBus bus;
    auto c1 = sub(bus, "t", clustering("g"));
    auto c2 = sub(bus, "t", clustering("g"));
    std::vector<std::atomic<uint8_t>> seen(kTotal);
    std::atomic<int> received{0};
    std::atomic<int> duplicates{0};
    std::atomic<int> bad_ack{0};

    auto consume = [&](Consumer& c) {
        while (received.load() < kTotal) {
            auto d = c.poll(20ms);
            if (!d || !*d) continue;
            const int id = std::stoi((*d)->envelope.message_id);
            if (seen[id].fetch_add(1) != 0) ++duplicates;
            if (!c.ack(**d)) ++bad_ack;
            ++received;
        }
    };
    std::vector<std::thread> threads;
    threads.emplace_back([&] { consume(*c1); });
    threads.emplace_back([&] { consume(*c1); });
    threads.emplace_back([&] { consume(*c2); });
    for (int p = 0; p < kProducers; ++p) {
        threads.emplace_back([&, p] {
            for (int i = 0; i < kPerProducer; ++i) {
                const int id = p * kPerProducer + i;
                while (true) {
                    auto r = bus.publish("t", envelope_with_id(std::to_string(id)));
                    if (r) break;
                    ASSERT_EQ(r.error(), Errc::kBusFull);
                    std::this_thread::yield();
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(received.load(), kTotal);
    EXPECT_EQ(duplicates.load(), 0);
    EXPECT_EQ(bad_ack.load(), 0);
    for (int i = 0; i < kTotal; ++i) ASSERT_EQ(seen[i].load(), 1) << i;
    const auto s = bus.stats("t");
    EXPECT_EQ(s.published, static_cast<uint64_t>(kTotal));
    EXPECT_EQ(s.acked, static_cast<uint64_t>(kTotal));
    EXPECT_EQ(s.depth, 0u);
}

}  // namespace
}  // namespace yao::mq
