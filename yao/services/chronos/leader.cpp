// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "leader.hpp"

#include <pthread.h>

#include <utility>

namespace yao::chronos {

Result<void> validate(const ElectionOptions& o) {
    auto bad = [](std::string what) {
        return std::unexpected(Error{std::make_error_code(std::errc::invalid_argument),
                                     "election: " + std::move(what)});
    };
    if (o.identity.empty()) return bad("the identity is empty");
    if (o.lease_name.empty()) return bad("the lease name is empty");
    if (o.retry_period.count() <= 0) return bad("retry_period must be positive");
    if (!(o.retry_period < o.renew_deadline && o.renew_deadline < o.lease_duration))
        return bad("retry_period < renew_deadline < lease_duration must hold");
    return {};
}

LeaderElector::LeaderElector(ElectionOptions options, storage::LeaseStore& leases,
                             log::Logger logger, OnElected on_elected, OnDeposed on_deposed)
    : options_{std::move(options)},
      leases_{leases},
      log_{logger.with_component("election")},
      on_elected_{std::move(on_elected)},
      on_deposed_{std::move(on_deposed)} {}

LeaderElector::~LeaderElector() { stop(); }

void LeaderElector::start() {
    std::scoped_lock lock{mu_};
    if (thread_.joinable() || stopping_) return;
    thread_ = std::thread{[this] {
        pthread_setname_np(pthread_self(), "chronos-elect");
        run();
    }};
}

void LeaderElector::stop() {
    {
        std::scoped_lock lock{mu_};
        if (stopping_) return;
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    // The thread is gone: its state is ours now.
    if (!epoch_) return;
    const uint64_t epoch = *epoch_;
    depose("stopping");
    // Release: an empty holder lets a follower take over at its next look.
    storage::LeaseRecord released = held_;
    released.holder.clear();
    released.renew_time_us = now_us();
    if (auto r = leases_.update(options_.lease_name, released); !r) {
        log_.warn("lease not released; a follower takes over when it expires")
            .with_field("epoch", epoch)
            .with_error(r.error())
            .log();
    } else {
        log_.info("lease released").with_field("epoch", epoch).log();
    }
}

std::optional<uint64_t> LeaderElector::epoch() const {
    std::scoped_lock lock{mu_};
    return epoch_;
}

std::string LeaderElector::observed_holder() const {
    std::scoped_lock lock{mu_};
    return observed_holder_;
}

int64_t LeaderElector::now_us() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void LeaderElector::run() {
    std::unique_lock lock{mu_};
    while (!stopping_) {
        lock.unlock();
        round();
        lock.lock();
        cv_.wait_for(lock, options_.retry_period, [&] { return stopping_; });
    }
}

void LeaderElector::depose(const char* why) {
    std::optional<uint64_t> ended;
    {
        std::scoped_lock lock{mu_};
        ended = std::exchange(epoch_, std::nullopt);
    }
    if (!ended) return;
    log_.warn("leadership ended").with_field("epoch", *ended).with_field("reason", why).log();
    on_deposed_(*ended);
}

void LeaderElector::round() {
    const auto now = Clock::now();
    {
        // First of all: a leader that could not renew in time (it failed, or this process was
        // paused) is no longer the leader, whatever the lease says.
        std::unique_lock lock{mu_};
        if (epoch_ && now - last_renewed_ > options_.renew_deadline) {
            lock.unlock();
            depose("the lease was not renewed within renew_deadline");
        }
    }
    auto read = leases_.get(options_.lease_name);
    if (!read) {
        log_.warn("lease not readable").with_error(read.error()).log();
        return;
    }
    const std::optional<storage::LeaseRecord>& current = *read;
    if (!current) {
        storage::LeaseRecord first;
        first.transitions = 0;
        acquire(std::move(first));
        return;
    }
    bool leading = false;
    Clock::time_point observed_at;
    {
        std::scoped_lock lock{mu_};
        if (current->version != observed_version_) {
            observed_version_ = current->version;
            observed_at_ = now;
        }
        observed_holder_ = current->holder;
        observed_at = observed_at_;
        leading = epoch_.has_value();
    }
    if (leading) {
        std::unique_lock lock{mu_};
        if (current->holder != options_.identity || current->transitions != *epoch_) {
            lock.unlock();
            depose("another candidate holds the lease");
            return;
        }
        storage::LeaseRecord renewed = *current;
        renewed.renew_time_us = now_us();
        renewed.duration_ms = static_cast<uint64_t>(options_.lease_duration.count());
        lock.unlock();
        auto written = leases_.update(options_.lease_name, renewed);
        if (!written) {
            log_.warn("lease renewal failed").with_error(written.error()).log();
            return;  // the deadline check above ends the term if this goes on
        }
        std::scoped_lock again{mu_};
        held_ = *written;
        last_renewed_ = now;
        observed_version_ = written->version;
        observed_at_ = now;
        return;
    }
    // A candidate: the lease is free when released, held by this identity (a restart of this
    // process, or a write of ours whose answer was lost), or not renewed for a whole duration.
    const auto duration = current->duration_ms != 0
                              ? std::chrono::milliseconds{current->duration_ms}
                              : options_.lease_duration;
    const bool free = current->holder.empty() || current->holder == options_.identity ||
                      now - observed_at >= duration;
    if (free) acquire(*current);
}

void LeaderElector::acquire(storage::LeaseRecord next) {
    const auto now = Clock::now();
    const int64_t wall = now_us();
    next.holder = options_.identity;
    next.duration_ms = static_cast<uint64_t>(options_.lease_duration.count());
    next.acquire_time_us = wall;
    next.renew_time_us = wall;
    next.transitions += 1;
    auto written = leases_.update(options_.lease_name, next);
    if (!written) {
        if (written.error().code() != storage::Errc::kLeaseConflict) {
            log_.warn("lease acquisition failed").with_error(written.error()).log();
        }
        return;  // someone else was faster; look again next round
    }
    {
        std::scoped_lock lock{mu_};
        held_ = *written;
        last_renewed_ = now;
        observed_version_ = written->version;
        observed_holder_ = written->holder;
        observed_at_ = now;
        epoch_ = written->transitions;
    }
    log_.info("leadership acquired")
        .with_field("epoch", written->transitions)
        .with_field("identity", options_.identity)
        .log();
    if (auto started = on_elected_(written->transitions); !started) {
        log_.error("leadership given up: the term could not start")
            .with_field("epoch", written->transitions)
            .with_error(started.error())
            .log();
        depose("the term could not start");
        storage::LeaseRecord released = *written;
        released.holder.clear();
        (void)leases_.update(options_.lease_name, released);
    }
}

}  // namespace yao::chronos
