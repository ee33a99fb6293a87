// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// YaoChronos leader election (docs/cluster.md, "Failover"): every Chronos of a cluster runs a
// LeaderElector on one lease record (storage::LeaseStore: a row of the chain database or a
// Kubernetes Lease). The holder renews the lease every retry period; the others watch it and
// take it over when it has not changed for a whole lease duration, measured on their own
// monotonic clock from the moment they saw it change (clocks of different machines are never
// compared). Every acquisition starts a new term: leaseTransitions + 1, the sequencer's epoch.
// A holder that could not renew within renew_deadline (< lease_duration) steps down by itself
// before anyone else may take over; a holder that was paused past that (SIGSTOP, a long GC-like
// stall) steps down as soon as it runs again, and whatever it published meanwhile carries an
// epoch below the fence (ChainStore::raise_fence) and is refused downstream.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <yao/common/error.hpp>
#include <yao/log/logger.hpp>
#include <yao/storage/errc.hpp>
#include <yao/storage/lease_store.hpp>

namespace yao::chronos {

struct ElectionOptions {
    std::string lease_name = "yao-chronos";
    /// This candidate's identity (holderIdentity): unique per process.
    std::string identity;
    /// A lease not renewed for this long may be taken over. Takeover after the leader's death
    /// takes at most lease_duration + retry_period (+ the new leader's start).
    std::chrono::milliseconds lease_duration{2000};
    /// The leader steps down when it could not renew for this long; must be below
    /// lease_duration (the margin covers the renewal's own latency).
    std::chrono::milliseconds renew_deadline{1500};
    /// How often the leader renews and the candidates look.
    std::chrono::milliseconds retry_period{250};
};

/// Checks the options: durations positive, retry_period < renew_deadline < lease_duration,
/// a non-empty identity and lease name.
Result<void> validate(const ElectionOptions& options);

/// Runs the election on its own thread. The callbacks run on that thread, one at a time, in
/// order: on_elected(epoch) when this candidate starts a term (it returns an error to give the
/// term up at once, e.g. when the fence shows a newer term), on_deposed(epoch) when the term
/// ends (lost renewal, deadline passed, stop()). No other term of this elector starts before
/// on_deposed returned.
class LeaderElector {
public:
    using OnElected = std::function<Result<void>(uint64_t epoch)>;
    using OnDeposed = std::function<void(uint64_t epoch)>;

    LeaderElector(ElectionOptions options, storage::LeaseStore& leases, log::Logger logger,
                  OnElected on_elected, OnDeposed on_deposed);
    ~LeaderElector();
    LeaderElector(const LeaderElector&) = delete;
    LeaderElector& operator=(const LeaderElector&) = delete;

    void start();
    /// Ends the term (on_deposed) and, when leading, releases the lease (empty holder) so that
    /// a follower takes over at once instead of after lease_duration. Idempotent.
    void stop();

    /// The epoch of the term this elector holds now.
    std::optional<uint64_t> epoch() const;
    /// The holder the lease named when last read (empty: none or unknown).
    std::string observed_holder() const;

private:
    using Clock = std::chrono::steady_clock;
    void run();
    /// One round: read the lease, renew it, or take it over when it expired.
    void round();
    /// Writes `next` as the start of a new term; on success calls on_elected.
    void acquire(storage::LeaseRecord next);
    void depose(const char* why);
    static int64_t now_us();

    const ElectionOptions options_;
    storage::LeaseStore& leases_;
    log::Logger log_;
    OnElected on_elected_;
    OnDeposed on_deposed_;

    mutable std::mutex mu_;  // guards the members below (the thread's state is read by epoch())
    std::condition_variable cv_;
    bool stopping_ = false;
    std::optional<uint64_t> epoch_;
    storage::LeaseRecord held_;             // the record as we last wrote it (while leading)
    Clock::time_point last_renewed_{};      // when the last write of ours succeeded
    std::string observed_version_;          // the version last seen
    std::string observed_holder_;
    Clock::time_point observed_at_{};       // when observed_version_ was first seen
    std::thread thread_;
};

}  // namespace yao::chronos
