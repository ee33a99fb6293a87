// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Threads with an explicit stack size and name. Threads that execute blocks need large stacks:
// 1024 nested EVM frames use about 1.2 MiB, sanitizers several times more, and the default
// stack is whatever `ulimit -s` says.
#include <cstddef>
#include <functional>
#include <string>

#include <yao/common/error.hpp>

namespace yao::infra {

inline constexpr size_t kExecutionStackBytes = 64u << 20;

/// A joinable thread; joins on destruction (like std::jthread, without the stop token).
class Thread {
public:
    Thread() = default;
    Thread(Thread&& other) noexcept;
    Thread& operator=(Thread&& other) noexcept;
    Thread(const Thread&) = delete;
    Thread& operator=(const Thread&) = delete;
    ~Thread();

    /// Starts `body` on a new thread with `stack_bytes` of stack, named `name` (first 15
    /// characters, visible in top and gdb).
    static Result<Thread> start(std::string name, std::function<void()> body,
                                size_t stack_bytes = kExecutionStackBytes);

    bool joinable() const noexcept { return started_; }
    void join();

private:
    unsigned long handle_ = 0;  // pthread_t
    bool started_ = false;
};

}  // namespace yao::infra
