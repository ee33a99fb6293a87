// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The in-process bus of `yaoverse dev` and of tests (DESIGN.md sections 1 and 6).
//
// Topics are created on first use. Clustering: each group has its own FIFO queue; a published
// message goes to every group of the topic (one copy per group) and, within a group, to exactly one
// consumer. A delivery not acknowledged within the ack timeout of the consumer that took it goes
// back to the front of its group's queue (same message id, attempt + 1), and so do the un-acked
// deliveries of a consumer that is destroyed. Messages published before the topic has any group
// are kept (up to the backlog limit) for the first group, unless the topic has broadcast
// consumers: a topic that has had a broadcast consumer keeps nothing for absent readers.
// Broadcast: each consumer has its own queue and gets every message published after it
// subscribed; ack is a no-op.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <thread>

#include <yao/mq/bus.hpp>

namespace yao::mq {

class InProcBus final : public Bus {
public:
    struct Options {
        /// Most messages waiting in one queue (a group's, a broadcast consumer's, or the topic's
        /// retention queue before its first group); publish fails with kBusFull beyond it.
        size_t max_backlog = 100'000;
        /// How often expired clustering deliveries are looked for (redelivery latency).
        std::chrono::milliseconds redelivery_scan_period{10};
    };

    InProcBus();
    explicit InProcBus(Options options);
    /// Closes the bus. Consumers may outlive it (their polls return nullopt).
    ~InProcBus() override;

    InProcBus(const InProcBus&) = delete;
    InProcBus& operator=(const InProcBus&) = delete;

    Result<void> publish(std::string_view topic, Envelope envelope) override;
    Result<std::unique_ptr<Consumer>> subscribe(std::string_view topic,
                                                const ConsumerOptions& options) override;
    TopicStats stats(std::string_view topic) const override;
    void close() override;

    struct Topic;  ///< internal (inproc_bus.cpp)

private:
    std::shared_ptr<Topic> topic(std::string_view name);
    void scan_loop();

    Options options_;
    mutable std::shared_mutex topics_mutex_;  ///< guards topics_
    std::map<std::string, std::shared_ptr<Topic>, std::less<>> topics_;
    std::atomic<bool> closed_{false};
    std::mutex scan_mutex_;  ///< the scanner's sleep
    std::condition_variable scan_cv_;
    std::thread scanner_;
};

}  // namespace yao::mq
