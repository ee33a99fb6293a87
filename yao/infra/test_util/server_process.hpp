// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Real servers for integration tests: a child process started from a binary, probed until it
// answers, stopped (or killed, to test crashes) and restarted. Generic on purpose: mariadbd uses
// it here, redis-server can use it the same way (a probe that sends PING).

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yao/common/error.hpp>

namespace yao::test_util {

/// A fresh directory under /tmp (mkdtemp), removed with its contents on destruction.
class TempDir {
public:
    /// Creates /tmp/<prefix>XXXXXX.
    static Result<TempDir> make(std::string_view prefix);
    TempDir(TempDir&& other) noexcept : path_{std::move(other.path_)} { other.path_.clear(); }
    TempDir& operator=(TempDir&&) = delete;
    TempDir(const TempDir&) = delete;
    ~TempDir();
    const std::string& path() const noexcept { return path_; }

private:
    explicit TempDir(std::string path) : path_{std::move(path)} {}
    std::string path_;
};

/// A TCP port on 127.0.0.1 that was free when asked (bound to port 0 and read back). Another
/// process may take it before the server binds it; ServerProcess::start reports that as a
/// start failure, and callers retry with a new port.
Result<uint16_t> free_loopback_port();

/// The full path of an executable found in PATH or in /usr/sbin, /usr/local/sbin, /sbin
/// (where Debian puts daemons such as mariadbd).
std::optional<std::string> find_program(std::string_view name);

/// Runs a program to completion (stdout and stderr appended to `log_path`) and returns its exit
/// status (WEXITSTATUS; 128 + the signal when it was killed).
Result<int> run_program(const std::vector<std::string>& argv, const std::string& log_path);

/// One server process. Not thread-safe. The child gets SIGKILL if the thread that started it
/// dies (PR_SET_PDEATHSIG), so a crashed test leaves no server behind.
class ServerProcess {
public:
    struct Options {
        std::vector<std::string> argv;  ///< argv[0] is the program's path
        std::string log_path;           ///< stdout and stderr are appended here
        /// Returns true once the server accepts work; polled every 20 ms.
        std::function<bool()> ready;
        std::chrono::milliseconds ready_timeout{30'000};
    };

    ServerProcess() = default;
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;
    ~ServerProcess() { stop(); }

    /// Starts the process and waits until `ready` holds. Errors when the program cannot start,
    /// exits early (the log's tail is in the context) or is not ready in time.
    Result<void> start(Options options);
    /// Starts again with the last options (after stop() or kill()).
    Result<void> restart();
    /// SIGTERM, then SIGKILL after `grace`; reaps the child. No-op when not running.
    void stop(std::chrono::milliseconds grace = std::chrono::milliseconds{15'000}) noexcept;
    /// SIGKILL and reap: the crash of the server.
    void kill() noexcept;

    /// Waits up to `timeout` for the process to exit by itself and reaps it: its exit status
    /// (128 + the signal when killed), or nullopt when it is still running (or was not started).
    std::optional<int> wait_exit(std::chrono::milliseconds timeout) noexcept;

    bool running() const noexcept { return pid_ > 0; }
    pid_t pid() const noexcept { return pid_; }

private:
    Options options_;
    pid_t pid_ = -1;
};

/// The port after the last `marker` in a server's log (`yaoverse dev` prints "Listening on
/// 127.0.0.1:<port>"), or 0 when there is none yet.
uint16_t port_in_log(const std::string& log_path,
                     std::string_view marker = "Listening on 127.0.0.1:");

/// The last `max_bytes` of a text file (for error messages about a server that did not start).
std::string file_tail(const std::string& path, size_t max_bytes = 2000);

}  // namespace yao::test_util
