// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "thread.hpp"

#include <pthread.h>

#include <memory>
#include <system_error>
#include <utility>

namespace yao::infra {
namespace {

struct StartArgs {
    std::string name;
    std::function<void()> body;
};

void* run(void* p) {
    std::unique_ptr<StartArgs> args{static_cast<StartArgs*>(p)};
    pthread_setname_np(pthread_self(), args->name.substr(0, 15).c_str());
    args->body();
    return nullptr;
}

}  // namespace

Thread::Thread(Thread&& other) noexcept
    : handle_{std::exchange(other.handle_, 0)}, started_{std::exchange(other.started_, false)} {}

Thread& Thread::operator=(Thread&& other) noexcept {
    if (this != &other) {
        join();
        handle_ = std::exchange(other.handle_, 0);
        started_ = std::exchange(other.started_, false);
    }
    return *this;
}

Thread::~Thread() { join(); }

void Thread::join() {
    if (!started_) return;
    pthread_join(static_cast<pthread_t>(handle_), nullptr);
    started_ = false;
}

Result<Thread> Thread::start(std::string name, std::function<void()> body, size_t stack_bytes) {
    pthread_attr_t attr;
    if (int rc = pthread_attr_init(&attr); rc != 0)
        return std::unexpected(Error{std::error_code{rc, std::generic_category()}, "thread attr"});
    pthread_attr_setstacksize(&attr, stack_bytes);
    auto args = std::make_unique<StartArgs>(StartArgs{std::move(name), std::move(body)});
    pthread_t tid{};
    const int rc = pthread_create(&tid, &attr, &run, args.get());
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        return std::unexpected(
            Error{std::error_code{rc, std::generic_category()}, "cannot start thread " + args->name});
    }
    args.release();
    Thread t;
    t.handle_ = static_cast<unsigned long>(tid);
    t.started_ = true;
    return t;
}

}  // namespace yao::infra
