// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "async_writer.hpp"

#include <pthread.h>

#include <algorithm>
#include <utility>

namespace yao::log {
namespace {

WriterOptions normalized(WriterOptions o) {
    o.capacity_bytes = std::max<std::size_t>(o.capacity_bytes, 1);
    o.wake_bytes =
        std::clamp<std::size_t>(o.wake_bytes, 1, std::max<std::size_t>(o.capacity_bytes / 2, 1));
    return o;
}

}  // namespace

AsyncWriter::AsyncWriter(std::unique_ptr<Sink> sink, WriterOptions options, DropReporter reporter)
    : sink_{std::move(sink)}, options_{normalized(options)}, reporter_{std::move(reporter)} {
    // Reserving the whole bound up front means callers never reallocate the buffer (the pages
    // are only touched, and become resident, as lines arrive).
    pending_.reserve(options_.capacity_bytes);
    thread_ = std::thread{[this] { run(); }};
}

AsyncWriter::~AsyncWriter() {
    {
        std::scoped_lock lock{mu_};
        stopping_ = true;
    }
    wake_cv_.notify_one();
    thread_.join();
}

bool AsyncWriter::submit(std::string_view lines, bool force) {
    std::unique_lock lock{mu_};
    if (!force && !fits(lines.size())) {
        if (options_.overflow == OverflowPolicy::kDrop || on_writer_thread()) {
            ++stats_.dropped;
            return false;
        }
        ++blocked_producers_;
        wake_cv_.notify_one();
        space_cv_.wait(lock, [&] { return fits(lines.size()); });
        --blocked_producers_;
    }
    const std::size_t before = pending_.size();
    pending_.append(lines);
    ++stats_.accepted;
    // Wake the writer only when it sleeps without a deadline (first line after a quiet spell) or
    // when this line crosses the early-wake mark; otherwise its timed wait picks the line up.
    // This keeps the futex wake-up off the common path.
    bool wake = before < options_.wake_bytes && pending_.size() >= options_.wake_bytes;
    if (idle_) {
        idle_ = false;
        wake = true;
    }
    lock.unlock();
    if (wake) wake_cv_.notify_one();
    return true;
}

void AsyncWriter::flush() {
    if (on_writer_thread()) return;
    std::unique_lock lock{mu_};
    const uint64_t generation = ++flush_requested_;
    wake_cv_.notify_one();
    done_cv_.wait(lock, [&] { return flushed_ >= generation; });
}

WriterStats AsyncWriter::stats() const {
    std::scoped_lock lock{mu_};
    return stats_;
}

void AsyncWriter::run() {
    pthread_setname_np(pthread_self(), "yaolog");
    std::string batch;
    batch.reserve(options_.capacity_bytes);
    std::unique_lock lock{mu_};
    for (;;) {
        idle_ = true;
        wake_cv_.wait(
            lock, [&] { return !pending_.empty() || stopping_ || flush_requested_ != flushed_; });
        idle_ = false;
        // Batching window: unless someone is waiting on us, let lines accumulate.
        wake_cv_.wait_for(lock, options_.flush_interval, [&] {
            return stopping_ || flush_requested_ != flushed_ || blocked_producers_ > 0 ||
                   pending_.size() >= options_.wake_bytes;
        });
        // Everything submitted before the flush() that bumped flush_requested_ is in pending_
        // now, because both happen under mu_: writing this batch completes that generation.
        batch.swap(pending_);
        const uint64_t generation = flush_requested_;
        const bool flush_wanted = generation != flushed_;
        const uint64_t drops = stats_.dropped - dropped_reported_;
        dropped_reported_ = stats_.dropped;
        lock.unlock();
        if (options_.overflow == OverflowPolicy::kBlock) space_cv_.notify_all();

        if (drops != 0 && reporter_) reporter_(batch, drops);
        const bool ok = batch.empty() || sink_->write(batch);
        if (flush_wanted) sink_->flush();
        batch.clear();

        lock.lock();
        if (!ok) ++stats_.write_errors;
        if (flush_wanted) {
            flushed_ = generation;
            done_cv_.notify_all();
        }
        if (stopping_ && pending_.empty() && stats_.dropped == dropped_reported_) break;
    }
    lock.unlock();
    sink_->flush();
}

}  // namespace yao::log
