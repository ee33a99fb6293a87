// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// A throwaway redis-server for tests and benchmarks: a free loopback port, a temporary
// directory, no persistence unless asked for; stopped (and the directory removed) on destruction.

#include <cstdint>
#include <memory>

#include <yao/common/error.hpp>

#include "server_process.hpp"

namespace yao::test_util {

class RedisServer {
public:
    struct Options {
        /// appendonly yes + appendfsync always: every write acknowledged to a client is in the
        /// append-only file (in the server's temporary directory) and survives kill() + restart().
        bool append_only = false;
    };

    /// Starts redis-server (retrying with a new port when one was taken meanwhile).
    static Result<std::unique_ptr<RedisServer>> start() { return start(Options{}); }
    static Result<std::unique_ptr<RedisServer>> start(Options options);
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;
    ~RedisServer() { process_.stop(); }

    uint16_t port() const noexcept { return port_; }
    /// SIGKILL (the server's crash): clients see a lost connection.
    void kill() noexcept { process_.kill(); }
    bool running() const noexcept { return process_.running(); }
    /// Starts again on the same port and directory: empty, or with the append-only file's
    /// contents when started with `append_only`.
    Result<void> restart() { return process_.restart(); }

private:
    RedisServer(TempDir dir, uint16_t port) : dir_{std::move(dir)}, port_{port} {}
    TempDir dir_;
    uint16_t port_;
    ServerProcess process_;
};

}  // namespace yao::test_util
