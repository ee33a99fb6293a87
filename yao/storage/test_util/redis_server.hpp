// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// A throwaway redis-server for tests and benchmarks: a free loopback port, a temporary
// directory, no persistence; stopped (and the directory removed) on destruction.

#include <cstdint>
#include <memory>

#include <yao/common/error.hpp>

#include "server_process.hpp"

namespace yao::storage::test_util {

class RedisServer {
public:
    /// Starts redis-server (retrying with a new port when one was taken meanwhile).
    static Result<std::unique_ptr<RedisServer>> start();
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;
    ~RedisServer() { process_.stop(); }

    uint16_t port() const noexcept { return port_; }
    /// SIGKILL (the server's crash): clients see a lost connection.
    void kill() noexcept { process_.kill(); }
    /// Starts again on the same port (empty: nothing is persisted).
    Result<void> restart() { return process_.restart(); }

private:
    RedisServer(TempDir dir, uint16_t port) : dir_{std::move(dir)}, port_{port} {}
    TempDir dir_;
    uint16_t port_;
    ServerProcess process_;
};

}  // namespace yao::storage::test_util
