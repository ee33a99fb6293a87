// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include <yao/common/error.hpp>

namespace yao::log {

/// Severity of a record, in increasing order. `kOff` is only a threshold: nothing is logged.
enum class Level : uint8_t {
    kDebug,  ///< detailed debugging: call arguments, state changes
    kInfo,   ///< normal business flow: transactions, blocks, service start
    kWarn,   ///< unexpected but recoverable: cache miss storms, retries, odd config
    kError,  ///< needs attention: failed execution, lost database connection
    kFatal,  ///< the process cannot go on; logged and flushed synchronously (see Logger::fatal)
    kOff,    ///< threshold that disables every level
};

/// "DEBUG", "INFO", "WARN", "ERROR", "FATAL" (the seed's names), "OFF" for kOff.
std::string_view to_string(Level level) noexcept;

/// Parses a level name, case-insensitive ("info", "WARN", "warning", "off").
/// Fails with std::errc::invalid_argument for anything else.
Result<Level> parse_level(std::string_view name);

/// Line format of a logger.
enum class Format : uint8_t {
    kJson,  ///< one JSON object per line, the seed's key order (see record_format.hpp)
    kText,  ///< one human-readable line per record
};

/// What a writer does when its bounded buffer is full.
enum class OverflowPolicy : uint8_t {
    /// Drop the record and count it; the writer reports the count in a WARN line of its own
    /// ("log records dropped", field "dropped") once it has caught up. Callers never wait.
    kDrop,
    /// Wait until the writer has made room. Callers can stall behind a slow sink.
    kBlock,
};

/// Receives one formatted line (without its trailing '\n') on the writer thread.
using LineCallback = std::function<void(std::string_view line)>;

/// Where a logger's lines go.
struct Output {
    enum class Kind : uint8_t { kStdout, kStderr, kFile, kCallback };

    Kind kind = Kind::kStdout;
    std::string path{};            ///< kFile: the file, opened for appending, created if missing
    LineCallback line_callback{};  ///< kCallback: called on the writer thread, line by line

    /// Standard output (file descriptor 1, written with write(2), no stdio buffering).
    static Output standard_output() { return Output{}; }
    /// Standard error (file descriptor 2).
    static Output standard_error() { return Output{.kind = Kind::kStderr}; }
    /// Appends to the file at `path` (O_APPEND, so several processes may share it).
    static Output file(std::string path) {
        return Output{.kind = Kind::kFile, .path = std::move(path)};
    }
    /// Hands every line to `fn` (tests, in-process collection). `fn` runs on the writer thread:
    /// it should not block for long, and must not hold a copy of the Logger it serves (the
    /// writer would end up joining itself); logging from it to that logger is allowed but
    /// never waits (flush() returns at once, a full buffer drops).
    static Output callback(LineCallback fn) {
        return Output{.kind = Kind::kCallback, .line_callback = std::move(fn)};
    }
};

/// Wall clock used for the "timestamp" key; injectable so tests can assert whole lines.
using WallClock = std::function<std::chrono::system_clock::time_point()>;

/// Everything a Logger needs; designated-initializer friendly (declaration order matters).
struct Config {
    std::string service = "yaoverse";  ///< "service" key, e.g. "yao-portal"
    std::string instance{};            ///< "instance" key; empty means the host name
    Level level = Level::kInfo;        ///< records below this level are not even formatted
    Format format = Format::kJson;
    Output output = Output::standard_output();
    /// Empty means std::chrono::system_clock::now. Called from logging threads and from the
    /// writer thread (for its own records), so it must be thread-safe.
    WallClock clock{};
    /// Bound of the hand-off buffer between callers and the writer thread, in bytes.
    std::size_t buffer_bytes = std::size_t{4} << 20;
    OverflowPolicy overflow = OverflowPolicy::kDrop;
    /// Longest time a line waits in the buffer before the writer wakes up to write it
    /// (the writer also wakes once 512 KiB, or half the buffer, are pending, on flush() and on
    /// FATAL).
    std::chrono::milliseconds flush_interval{10};
};

}  // namespace yao::log
