// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// A fixed set of threads that run the iterations of a loop in parallel (signature recovery at
// the entrance is the main user: about 50 us a transaction, spread over every core).
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

#include "thread.hpp"

namespace yao::infra {

class WorkerPool {
public:
    /// `threads` helpers (0: one per core minus one); the caller of run() works too.
    explicit WorkerPool(size_t threads = 0);
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;
    ~WorkerPool();

    /// Calls fn(i) for every i in [0, n), spread over the pool and the calling thread, and
    /// returns when all are done. One run at a time (concurrent callers are serialised).
    void run(size_t n, const std::function<void(size_t)>& fn);

    size_t size() const noexcept { return threads_.size() + 1; }

private:
    void work();
    void drain();

    std::mutex run_mutex_;  // one run at a time
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable done_;
    const std::function<void(size_t)>* fn_ = nullptr;
    size_t n_ = 0;
    size_t next_ = 0;
    size_t finished_ = 0;
    uint64_t generation_ = 0;
    bool stop_ = false;
    std::vector<Thread> threads_;
};

}  // namespace yao::infra
