// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// One consumer loop for every service (STYLE.md section 10): a thread that polls a Consumer and
// hands each delivery to a handler, instead of a hand-written loop per service.
//
//   - handler success: the delivery is acknowledged;
//   - handler error: not acknowledged (the bus delivers it again after the group's ack timeout,
//     attempt + 1), logged, and the loop backs off; with max_attempts, a delivery whose handler
//     fails on attempt >= max_attempts is acknowledged anyway (dropped) and logged as dropped;
//   - poll or ack error (e.g. kUnavailable while a Redis server restarts): logged, back off.
// Back-off is exponential (min_backoff, doubling, capped at max_backoff) and resets after a
// handled delivery or an empty poll that waited its full poll_wait. A poll that returns empty
// early (a closed bus returns at once) also backs off, so a closed bus does not make it spin.
//
// stop() returns once the thread has exited: within poll_wait (a blocked poll cannot be
// interrupted through the Consumer interface) plus the running handler's time; it is idempotent
// and the destructor calls it. The handler runs on the loop's thread, one delivery at a time; it
// decodes the payload itself.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include <yao/common/error.hpp>
#include <yao/infra/thread.hpp>
#include <yao/log/logger.hpp>
#include <yao/mq/bus.hpp>

namespace yao::mq {

class ConsumerLoop {
public:
    using Handler = std::function<Result<void>(const Delivery&)>;
    /// Called on the loop's thread for every failure: what failed ("poll", "handler", "ack",
    /// "dropped") and why.
    using ErrorCallback = std::function<void(std::string_view what, const Error& error)>;

    struct Options {
        std::string name = "consumer";  ///< in log records (field "consumer")
        std::chrono::milliseconds poll_wait{200};
        std::chrono::milliseconds min_backoff{10};
        std::chrono::milliseconds max_backoff{1'000};
        uint32_t max_attempts = 0;  ///< 0: retry for ever
        log::Logger logger{};       ///< the null logger writes nothing
        ErrorCallback on_error{};
        /// The handler acknowledges (or keeps, to acknowledge later) each delivery itself: the
        /// loop never acks. For consumers that hold deliveries until later work is durable
        /// (Archive keeps a result that arrived ahead of its turn until its block is committed).
        bool manual_ack = false;
        /// The loop thread's stack: handlers that execute blocks need infra::kExecutionStackBytes.
        size_t stack_bytes = size_t{8} << 20;
        /// Called on the loop's thread after a poll that waited its whole poll_wait for nothing
        /// (periodic checks of a quiet consumer).
        std::function<void()> on_idle{};
    };

    /// Counters (for metrics and tests).
    struct Stats {
        uint64_t polls = 0;
        uint64_t handled = 0;         ///< handler succeeded (and the ack was sent)
        uint64_t handler_errors = 0;
        uint64_t poll_errors = 0;
        uint64_t ack_errors = 0;
        uint64_t dropped = 0;         ///< acknowledged after max_attempts failures
    };

    /// Starts the thread (named after options.name; aborts if no thread can be created, as
    /// std::thread would throw). `consumer` must outlive the loop (or its stop()).
    ConsumerLoop(Consumer& consumer, Handler handler, Options options);
    ~ConsumerLoop() { stop(); }
    ConsumerLoop(const ConsumerLoop&) = delete;
    ConsumerLoop& operator=(const ConsumerLoop&) = delete;

    /// Stops the loop and joins its thread. Idempotent; may be called from any thread, including
    /// the handler (then it only asks the loop to stop after the handler returns).
    void stop();

    Stats stats() const;

private:
    void run();
    /// Sleeps the current back-off (woken by stop()) and doubles it.
    void back_off();
    void report(std::string_view what, const Error& error, const Delivery* delivery);

    Consumer& consumer_;
    const Handler handler_;
    const Options options_;

    std::atomic<bool> stopping_{false};
    std::chrono::milliseconds backoff_;  ///< loop thread only
    std::mutex mutex_;                   ///< the back-off sleep (stopping_ is set under it)
    std::condition_variable wake_;
    std::mutex join_mutex_;              ///< one joiner at a time
    std::atomic<std::thread::id> loop_id_{};  ///< set by the loop thread when it starts
    infra::Thread thread_;

    std::atomic<uint64_t> polls_{0};
    std::atomic<uint64_t> handled_{0};
    std::atomic<uint64_t> handler_errors_{0};
    std::atomic<uint64_t> poll_errors_{0};
    std::atomic<uint64_t> ack_errors_{0};
    std::atomic<uint64_t> dropped_{0};
};

}  // namespace yao::mq
