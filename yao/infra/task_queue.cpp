// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "task_queue.hpp"

#include <utility>

namespace yao::infra {

Result<std::unique_ptr<TaskQueue>> TaskQueue::start(std::string name, size_t threads,
                                                    size_t max_waiting, size_t stack_bytes) {
    std::unique_ptr<TaskQueue> q{new TaskQueue(max_waiting)};
    for (size_t i = 0; i < std::max<size_t>(threads, 1); ++i) {
        TaskQueue* self = q.get();
        YAO_TRY(Thread t,
                Thread::start(name + "-" + std::to_string(i), [self] { self->work(); }, stack_bytes));
        q->threads_.push_back(std::move(t));
    }
    return q;
}

TaskQueue::~TaskQueue() { stop(); }

void TaskQueue::stop() {
    std::deque<std::function<void()>> dropped;
    {
        std::scoped_lock lock{mu_};
        stop_ = true;
        dropped.swap(jobs_);
    }
    wake_.notify_all();
    for (Thread& t : threads_) t.join();
    dropped.clear();  // outside the lock: a job's captures may take locks when destroyed
}

bool TaskQueue::try_post(std::function<void()> job) {
    {
        std::scoped_lock lock{mu_};
        if (stop_ || jobs_.size() >= max_waiting_) return false;
        jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
    return true;
}

size_t TaskQueue::waiting() const {
    std::scoped_lock lock{mu_};
    return jobs_.size();
}

void TaskQueue::work() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock{mu_};
            wake_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
            if (jobs_.empty()) return;  // stopping and drained
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        job();
    }
}

}  // namespace yao::infra
