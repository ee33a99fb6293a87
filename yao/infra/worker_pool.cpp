// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "worker_pool.hpp"

#include <algorithm>
#include <thread>

namespace yao::infra {

WorkerPool::WorkerPool(size_t threads) {
    if (threads == 0) {
        const size_t cores = std::max(1u, std::thread::hardware_concurrency());
        threads = cores - 1;
    }
    for (size_t i = 0; i < threads; ++i) {
        auto t = Thread::start("pool-" + std::to_string(i), [this] { work(); }, 1u << 20);
        if (t) threads_.push_back(std::move(*t));
    }
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard lock{mutex_};
        stop_ = true;
    }
    wake_.notify_all();
    threads_.clear();  // joins
}

void WorkerPool::drain() {
    // Called with mutex_ held; takes chunks of iterations until none are left.
    while (fn_ != nullptr && next_ < n_) {
        const size_t chunk = std::max<size_t>(1, (n_ - next_) / (2 * size()));
        const size_t begin = next_;
        const size_t end = std::min(n_, begin + chunk);
        next_ = end;
        const auto* fn = fn_;
        mutex_.unlock();
        for (size_t i = begin; i < end; ++i) (*fn)(i);
        mutex_.lock();
        finished_ += end - begin;
        if (finished_ == n_) done_.notify_all();
    }
}

void WorkerPool::work() {
    std::unique_lock lock{mutex_};
    uint64_t seen = 0;
    while (true) {
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
        drain();
    }
}

void WorkerPool::run(size_t n, const std::function<void(size_t)>& fn) {
    if (n == 0) return;
    std::lock_guard run_lock{run_mutex_};
    std::unique_lock lock{mutex_};
    fn_ = &fn;
    n_ = n;
    next_ = 0;
    finished_ = 0;
    ++generation_;
    wake_.notify_all();
    drain();
    done_.wait(lock, [&] { return finished_ == n_; });
    fn_ = nullptr;
}

}  // namespace yao::infra
