// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <yao/log/logger.hpp>
#include <yao/mq/consumer_loop.hpp>
#include <yao/mq/errc.hpp>
#include <yao/mq/inproc_bus.hpp>
#include <yao/mq/test_util/bus_helpers.hpp>

namespace yao::mq {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

Envelope message(int n) {
    auto e = make_envelope("test.Msg", Bytes{static_cast<uint8_t>(n)});
    e.message_id = "m" + std::to_string(n);
    return e;
}

ConsumerOptions group(std::chrono::milliseconds ack_timeout = 30s) {
    ConsumerOptions o;
    o.group = "g";
    o.ack_timeout = ack_timeout;
    return o;
}

using bus_test::wait_until;

/// A Consumer whose polls always fail (a bus whose server is down), counting the polls.
class FailingConsumer final : public Consumer {
public:
    Result<std::optional<Delivery>> poll(std::chrono::milliseconds) override {
        ++polls;
        return fail(Errc::kUnavailable, "down");
    }
    Result<void> ack(const Delivery&) override { return {}; }
    std::atomic<int> polls{0};
};

TEST(ConsumerLoop, HandlesAndAcknowledgesEveryMessage) {
    InProcBus bus;
    auto c = *bus.subscribe("t", group());
    std::mutex mutex;
    std::vector<std::string> seen;
    ConsumerLoop loop{*c,
                      [&](const Delivery& d) -> Result<void> {
                          std::lock_guard lock{mutex};
                          seen.push_back(d.envelope.message_id);
                          return {};
                      },
                      {}};
    for (int i = 0; i < 50; ++i) ASSERT_TRUE(bus.publish("t", message(i)));
    ASSERT_TRUE(wait_until([&] { return bus.stats("t").acked == 50; }));
    loop.stop();
    std::lock_guard lock{mutex};
    ASSERT_EQ(seen.size(), 50u);
    for (int i = 0; i < 50; ++i) EXPECT_EQ(seen[static_cast<size_t>(i)], "m" + std::to_string(i));
    EXPECT_EQ(loop.stats().handled, 50u);
    EXPECT_EQ(loop.stats().handler_errors, 0u);
}

TEST(ConsumerLoop, AHandlerErrorLeavesTheMessageUnacknowledgedUntilItSucceeds) {
    InProcBus bus;
    auto c = *bus.subscribe("t", group(50ms));
    std::mutex mutex;
    std::vector<uint32_t> attempts;
    std::vector<std::string> reported;
    ConsumerLoop::Options options;
    options.on_error = [&](std::string_view what, const Error& e) {
        std::lock_guard lock{mutex};
        reported.push_back(std::string{what} + ":" + e.message());
    };
    ConsumerLoop loop{*c,
                      [&](const Delivery& d) -> Result<void> {
                          std::lock_guard lock{mutex};
                          attempts.push_back(d.attempt);
                          if (d.attempt < 3) return fail(Errc::kBackendError, "not yet");
                          return {};
                      },
                      options};
    ASSERT_TRUE(bus.publish("t", message(1)));
    ASSERT_TRUE(wait_until([&] { return bus.stats("t").acked == 1; }));
    loop.stop();
    std::lock_guard lock{mutex};
    EXPECT_EQ(attempts, (std::vector<uint32_t>{1, 2, 3}));
    EXPECT_EQ(reported, (std::vector<std::string>{"handler:mq.backend_error: not yet",
                                                  "handler:mq.backend_error: not yet"}));
    const auto s = loop.stats();
    EXPECT_EQ(s.handled, 1u);
    EXPECT_EQ(s.handler_errors, 2u);
    EXPECT_EQ(s.dropped, 0u);
    EXPECT_EQ(bus.stats("t").redelivered, 2u);
}

TEST(ConsumerLoop, AMessageFailingMaxAttemptsTimesIsDroppedAndLogged) {
    InProcBus bus;
    auto c = *bus.subscribe("t", group(30ms));
    std::mutex mutex;
    std::vector<std::string> lines;
    log::Config config;
    config.output = log::Output::callback([&](std::string_view line) {
        std::lock_guard lock{mutex};
        lines.emplace_back(line);
    });
    ConsumerLoop::Options options;
    options.name = "dropper";
    options.max_attempts = 2;
    options.logger = log::Logger{config};
    std::atomic<int> calls{0};
    ConsumerLoop loop{*c,
                      [&](const Delivery&) -> Result<void> {
                          ++calls;
                          return fail(Errc::kBackendError, "poison");
                      },
                      options};
    ASSERT_TRUE(bus.publish("t", message(1)));
    ASSERT_TRUE(wait_until([&] { return bus.stats("t").acked == 1; }));
    loop.stop();
    EXPECT_EQ(calls.load(), 2);
    EXPECT_EQ(loop.stats().dropped, 1u);
    EXPECT_EQ(loop.stats().handled, 0u);
    options.logger.flush();
    std::lock_guard lock{mutex};
    ASSERT_EQ(lines.size(), 3u);  // two handler failures, one drop
    EXPECT_NE(lines[2].find("consumer loop: dropped after max_attempts"), std::string::npos) << lines[2];
    EXPECT_NE(lines[2].find("dropper"), std::string::npos) << lines[2];
    EXPECT_NE(lines[2].find("poison"), std::string::npos) << lines[2];
}

TEST(ConsumerLoop, PollErrorsBackOffExponentiallyInsteadOfSpinning) {
    FailingConsumer c;
    ConsumerLoop::Options options;
    options.min_backoff = 10ms;
    options.max_backoff = 80ms;
    ConsumerLoop loop{c, [](const Delivery&) -> Result<void> { return {}; }, options};
    // Sleeps 10, 20, 40, 80, 80, ... ms: after 150 ms (10+20+40+80) at least 4 polls were made.
    ASSERT_TRUE(wait_until([&] { return c.polls.load() >= 5; }));
    const auto since = Clock::now();
    const int before = c.polls.load();
    ASSERT_TRUE(wait_until([&] { return c.polls.load() >= before + 3; }));
    // Three more polls at the 80 ms cap take at least ~160 ms (the first may be partly done).
    EXPECT_GE(Clock::now() - since, 150ms);
    loop.stop();
    const int total = c.polls.load();
    EXPECT_LE(total, 20);  // a spinning loop would make millions
    EXPECT_EQ(loop.stats().poll_errors, static_cast<uint64_t>(total));
}

TEST(ConsumerLoop, StopDuringABlockedPollReturnsPromptlyAndIsIdempotent) {
    InProcBus bus;
    auto c = *bus.subscribe("t", group());
    ConsumerLoop::Options options;
    options.poll_wait = 300ms;
    ConsumerLoop loop{*c, [](const Delivery&) -> Result<void> { return {}; }, options};
    ASSERT_TRUE(wait_until([&] { return bus.stats("t").pollers == 1; }));
    const auto started = Clock::now();
    std::thread other{[&] { loop.stop(); }};
    loop.stop();
    other.join();
    EXPECT_LT(Clock::now() - started, 1s);
    loop.stop();
    EXPECT_EQ(bus.stats("t").pollers, 0u);
}

TEST(ConsumerLoop, AClosedBusDoesNotMakeItSpin) {
    InProcBus bus;
    auto c = *bus.subscribe("t", group());
    ConsumerLoop::Options options;
    options.min_backoff = 10ms;
    options.max_backoff = 50ms;
    ConsumerLoop loop{*c, [](const Delivery&) -> Result<void> { return {}; }, options};
    bus.close();  // every poll now returns nullopt at once
    ASSERT_TRUE(wait_until([&] { return loop.stats().polls >= 3; }));
    const auto polls = loop.stats().polls;
    std::this_thread::sleep_for(200ms);  // a measurement window, not a synchronisation
    EXPECT_LE(loop.stats().polls - polls, 8u);  // at most one per 50 ms, not thousands
    loop.stop();
}

TEST(ConsumerLoop, StopFromTheHandlerEndsTheLoop) {
    InProcBus bus;
    auto c = *bus.subscribe("t", group());
    std::atomic<int> calls{0};
    ConsumerLoop* self = nullptr;
    ConsumerLoop loop{*c,
                      [&](const Delivery&) -> Result<void> {
                          ++calls;
                          self->stop();
                          return {};
                      },
                      {}};
    self = &loop;
    ASSERT_TRUE(bus.publish("t", message(1)));
    ASSERT_TRUE(bus.publish("t", message(2)));
    ASSERT_TRUE(wait_until([&] { return bus.stats("t").acked == 1; }));
    loop.stop();
    EXPECT_EQ(calls.load(), 1);
    EXPECT_EQ(bus.stats("t").depth, 1u);
}

}  // namespace
}  // namespace yao::mq
