// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include <yao/log/config.hpp>
#include <yao/log/sink.hpp>

namespace yao::log {

/// Tuning of an AsyncWriter.
struct WriterOptions {
    /// Bound of the pending buffer in bytes. One line larger than this is still accepted when
    /// the buffer is empty, so no record is too big to ever be written.
    std::size_t capacity_bytes = std::size_t{4} << 20;
    OverflowPolicy overflow = OverflowPolicy::kDrop;
    /// Longest time the writer lets lines wait before writing them.
    std::chrono::milliseconds flush_interval{10};
    /// Pending bytes that wake the writer early (capped at half of capacity_bytes).
    std::size_t wake_bytes = std::size_t{512} << 10;
};

/// Counters of an AsyncWriter since it started.
struct WriterStats {
    uint64_t accepted = 0;      ///< submit() calls whose lines went into the buffer
    uint64_t dropped = 0;       ///< submit() calls refused because the buffer was full (kDrop)
    uint64_t write_errors = 0;  ///< Sink::write failures (their lines are lost)
};

/// Appends the writer's own report line for `dropped` refused submissions to `out`.
using DropReporter = std::function<void(std::string& out, uint64_t dropped)>;

/// Moves formatted lines from any number of threads to one Sink on a background thread.
///
/// Callers copy their line into a bounded in-memory buffer under a mutex (a memcpy; no I/O and
/// no allocation once the buffer has its capacity). The writer thread swaps that buffer for an
/// empty one and writes the whole batch with one Sink::write, so lines from different threads
/// never interleave and the sink sees few, large writes. The writer sleeps while there is
/// nothing to do; the first line after a quiet spell wakes it, after which it batches for up to
/// `flush_interval` or until `wake_bytes` are pending, whichever comes first.
///
/// Thread-safety: submit(), flush() and stats() may be called from any thread concurrently.
/// The Sink is only ever called from the writer thread. Destruction drains every accepted line,
/// flushes the sink and joins the thread; no other call may run concurrently with it.
class AsyncWriter {
public:
    /// Starts the writer thread. `reporter` formats the line that reports dropped records; when
    /// empty, drops are only counted.
    AsyncWriter(std::unique_ptr<Sink> sink, WriterOptions options, DropReporter reporter = {});
    AsyncWriter(const AsyncWriter&) = delete;
    AsyncWriter& operator=(const AsyncWriter&) = delete;
    ~AsyncWriter();

    /// Queues `lines` (whole lines, each ending in '\n'). When the buffer is full, kDrop counts
    /// and refuses (returns false), kBlock waits for room. `force` accepts regardless of the
    /// bound (FATAL records). Called on the writer thread itself (from a sink callback) it never
    /// waits. Never performs I/O.
    bool submit(std::string_view lines, bool force = false);

    /// Returns once every line submitted before the call has been written and the sink
    /// flushed. A no-op on the writer thread itself (it cannot wait for itself).
    void flush();

    /// A consistent snapshot of the counters.
    WriterStats stats() const;

private:
    void run();
    bool fits(std::size_t size) const noexcept {
        return pending_.empty() || pending_.size() + size <= options_.capacity_bytes;
    }
    bool on_writer_thread() const noexcept {
        return std::this_thread::get_id() == thread_.get_id();
    }

    std::unique_ptr<Sink> sink_;  // used by the writer thread only
    const WriterOptions options_;
    const DropReporter reporter_;

    mutable std::mutex mu_;
    std::condition_variable wake_cv_;   // the writer waits here for lines, flush or stop
    std::condition_variable space_cv_;  // kBlock producers wait here for room
    std::condition_variable done_cv_;   // flush() waits here for the writer's pass to finish
    std::string pending_;               // guarded by mu_
    bool idle_ = false;                 // guarded by mu_: the writer sleeps without a deadline
    bool stopping_ = false;             // guarded by mu_
    int blocked_producers_ = 0;         // guarded by mu_: kBlock callers waiting for room
    uint64_t flush_requested_ = 0;      // guarded by mu_: generation asked for by flush()
    uint64_t flushed_ = 0;              // guarded by mu_: generation completed by the writer
    uint64_t dropped_reported_ = 0;     // guarded by mu_
    WriterStats stats_;                 // guarded by mu_

    std::thread thread_;  // last: started once everything above is initialised
};

}  // namespace yao::log
