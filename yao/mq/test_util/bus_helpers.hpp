// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Helpers shared by the bus tests (GoogleTest assertions inside): consumer options, subscribe and
// poll that report failures, a bounded wait for a condition the bus reports.

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include <yao/mq/bus.hpp>

namespace yao::mq::bus_test {

inline ConsumerOptions clustering(std::string group,
                                  std::chrono::milliseconds ack_timeout = std::chrono::seconds{30}) {
    ConsumerOptions o;
    o.group = std::move(group);
    o.mode = Mode::kClustering;
    o.ack_timeout = ack_timeout;
    o.name = "c";
    return o;
}

inline ConsumerOptions broadcast() {
    ConsumerOptions o;
    o.mode = Mode::kBroadcast;
    return o;
}

/// Subscribes; a failure fails the test and gives nullptr.
inline std::unique_ptr<Consumer> sub(Bus& bus, std::string_view topic, const ConsumerOptions& o) {
    auto c = bus.subscribe(topic, o);
    EXPECT_TRUE(c) << c.error().message();
    return c ? std::move(*c) : nullptr;
}

/// Polls; an error fails the test and gives nullopt.
inline std::optional<Delivery> poll(Consumer& c,
                                    std::chrono::milliseconds wait = std::chrono::milliseconds{0}) {
    auto d = c.poll(wait);
    EXPECT_TRUE(d) << d.error().message();
    return d ? std::move(*d) : std::nullopt;
}

/// Waits (bounded: 10 s) for a condition the bus reports; false if it never holds.
inline bool wait_until(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds{1});
    }
    return true;
}

}  // namespace yao::mq::bus_test
