// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "consumer_loop.hpp"

#include <algorithm>
#include <utility>

#include <yao/common/assert.hpp>

namespace yao::mq {

ConsumerLoop::ConsumerLoop(Consumer& consumer, Handler handler, Options options)
    : consumer_{consumer},
      handler_{std::move(handler)},
      options_{std::move(options)},
      backoff_{options_.min_backoff} {
    YAO_ASSERT(handler_);
    YAO_ASSERT(options_.min_backoff.count() > 0 && options_.max_backoff >= options_.min_backoff);
    auto thread = infra::Thread::start(options_.name, [this] { run(); }, options_.stack_bytes);
    YAO_ASSERT(thread.has_value());
    thread_ = std::move(*thread);
}

void ConsumerLoop::stop() {
    {
        std::lock_guard lock{mutex_};
        stopping_.store(true);
        wake_.notify_all();
    }
    if (std::this_thread::get_id() == loop_id_.load()) return;  // from the handler
    std::lock_guard lock{join_mutex_};
    thread_.join();
}

ConsumerLoop::Stats ConsumerLoop::stats() const {
    return Stats{.polls = polls_.load(),
                 .handled = handled_.load(),
                 .handler_errors = handler_errors_.load(),
                 .poll_errors = poll_errors_.load(),
                 .ack_errors = ack_errors_.load(),
                 .dropped = dropped_.load()};
}

void ConsumerLoop::report(std::string_view what, const Error& error, const Delivery* delivery) {
    if (options_.on_error) options_.on_error(what, error);
    auto record = options_.logger.warn(what == "dropped"
                                           ? std::string{"consumer loop: dropped after max_attempts"}
                                           : "consumer loop: " + std::string{what} + " failed");
    if (!record.enabled()) return;
    record.with_field("consumer", options_.name).with_error(error);
    if (delivery) {
        record.with_field("type", delivery->envelope.type)
            .with_field("message_id", delivery->envelope.message_id)
            .with_field("attempt", delivery->attempt)
            .with_trace(delivery->envelope.trace_id, "");
    }
    std::move(record).log();
}

void ConsumerLoop::back_off() {
    std::unique_lock lock{mutex_};
    wake_.wait_for(lock, backoff_, [this] { return stopping_.load(); });
    backoff_ = std::min(backoff_ * 2, options_.max_backoff);
}

void ConsumerLoop::run() {
    loop_id_.store(std::this_thread::get_id());
    while (!stopping_.load()) {
        const auto started = std::chrono::steady_clock::now();
        ++polls_;
        auto polled = consumer_.poll(options_.poll_wait);
        if (!polled) {
            ++poll_errors_;
            report("poll", polled.error(), nullptr);
            back_off();
            continue;
        }
        if (!*polled) {
            const auto waited = std::chrono::steady_clock::now() - started;
            if (waited * 2 < options_.poll_wait) {
                back_off();  // returned early: the bus is closed
            } else {
                backoff_ = options_.min_backoff;
                if (options_.on_idle) options_.on_idle();
            }
            continue;
        }
        const Delivery& delivery = **polled;
        auto handled = handler_(delivery);
        if (!handled) {
            ++handler_errors_;
            report("handler", handled.error(), &delivery);
            const bool give_up = options_.max_attempts > 0 &&
                                 delivery.attempt >= options_.max_attempts;
            if (!give_up) {
                back_off();
                continue;
            }
            ++dropped_;
            report("dropped", handled.error(), &delivery);
        }
        if (options_.manual_ack) {
            if (handled) {
                ++handled_;
                backoff_ = options_.min_backoff;
            }
            continue;
        }
        if (auto acked = consumer_.ack(delivery); !acked) {
            ++ack_errors_;
            report("ack", acked.error(), &delivery);
            back_off();
            continue;
        }
        if (handled) {
            ++handled_;
            backoff_ = options_.min_backoff;
        }
    }
}

}  // namespace yao::mq
