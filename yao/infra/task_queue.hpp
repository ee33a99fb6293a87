// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// A fixed set of threads taking jobs from one bounded queue: work that may take long (running
// the EVM for eth_call, a trace) leaves the threads that must stay responsive. A full queue
// refuses the job at once instead of growing.
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <yao/common/error.hpp>

#include "thread.hpp"

namespace yao::infra {

class TaskQueue {
public:
    /// `threads` threads named `name`-i with `stack_bytes` of stack; at most `max_waiting` jobs
    /// wait for a thread (jobs being run are not counted).
    static Result<std::unique_ptr<TaskQueue>> start(std::string name, size_t threads,
                                                    size_t max_waiting,
                                                    size_t stack_bytes = kExecutionStackBytes);
    TaskQueue(const TaskQueue&) = delete;
    TaskQueue& operator=(const TaskQueue&) = delete;
    /// Calls stop().
    ~TaskQueue();

    /// Drops the jobs still waiting (unrun), lets the running ones finish and joins the threads.
    /// Later try_post() calls fail. Idempotent; not from a job.
    void stop();

    /// Queues `job`; false (and `job` is dropped unrun) when max_waiting jobs already wait or
    /// the queue is stopping. Thread-safe.
    bool try_post(std::function<void()> job);

    size_t threads() const noexcept { return threads_.size(); }
    /// Jobs waiting now (not those being run).
    size_t waiting() const;

private:
    explicit TaskQueue(size_t max_waiting) : max_waiting_{max_waiting} {}
    void work();

    const size_t max_waiting_;
    mutable std::mutex mu_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;  // guarded by mu_
    bool stop_ = false;                       // guarded by mu_
    std::vector<Thread> threads_;
};

}  // namespace yao::infra
