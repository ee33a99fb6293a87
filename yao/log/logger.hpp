// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// yaolog: the unified structured logger of every YaoVerse service (seed: "统一日志系统
// (YaoLogger)").
//
// The seed's Go API, and its C++ spelling here:
//
//   yaolog.NewLogger(&yaolog.Config{...})   Logger logger{Config{.service = ..., .level = ...}}
//                                           (or make_logger(config) -> Result<Logger>)
//   logger.Info(msg) / Debug / Warn / ...   logger.info(msg) / debug / warn / error / fatal
//   .WithField(k, v)                        .with_field(k, v)
//   .WithError(err)                         .with_error(err)   Error, string_view or std::exception
//   .WithDuration(startTime)                .with_duration(start)   steady_clock::time_point, or
//                                           .with_duration(45ms)    any std::chrono::duration
//   .Log()                                  .log()
//   timer := logger.Timer("op")             auto timer = logger.timer("op");
//   timer.Record(msg)                       timer.record(msg)   INFO, field "operation" = "op",
//                                                               duration since the timer started
//   (trace, component, method keys)         .with_trace(trace_id, span_id), .with_component(c),
//                                           .with_method(m): on a Record for one record, on a
//                                           Logger for a child logger that stamps every record
//   Output: yaolog.STDOUT                   Output::standard_output(), standard_error(),
//                                           file(path), callback(fn)
//
// The line formats (key order, null handling, escaping) are specified in record_format.hpp.
//
// Cost model. A disabled level costs one relaxed atomic load and a compare: the Record it returns
// holds a null pointer and every with_* is an inline early return, so arguments are not
// formatted and nothing is allocated. An enabled record borrows reusable buffers from a small
// per-thread pool, renders fields as they are added, formats the line on the calling thread and
// hands it to the logger's AsyncWriter (a memcpy under a mutex, no I/O). After warm-up that path
// allocates nothing either, except with_error(const Error&), which builds Error::message().
//
// FATAL. logger.fatal(msg)...log() writes the record, bypassing the buffer bound, and returns only
// once it and every earlier record have reached the sink. It does not abort or exit: the caller
// decides (typically `std::exit(1)` after the log call, or returning an error from main).
//
// Overflow. When records arrive faster than the sink takes them, the default policy drops new
// records and counts them; the writer then logs one WARN record of its own, component "yaolog",
// message "log records dropped", field "dropped": <count>. OverflowPolicy::kBlock makes callers
// wait instead (see config.hpp).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/log/async_writer.hpp>
#include <yao/log/config.hpp>
#include <yao/log/record_format.hpp>

namespace yao::log {

class Logger;
class Timer;

namespace detail {

class Core;
struct RecordState;

/// The text slots of a record that a with_* call can set.
enum class Slot : uint8_t { kComponent, kMethod, kTraceId, kSpanId, kError };

// Out-of-line halves of Record; called only with a non-null state.
void add_field(RecordState* state, std::string_view key, const FieldValue& value);
void set_slot(RecordState* state, Slot slot, std::string_view text);
void set_duration(RecordState* state, std::chrono::nanoseconds duration);
void emit(RecordState* state);
void discard(RecordState* state) noexcept;

template <typename T>
inline constexpr bool kIsOptional = false;
template <typename T>
inline constexpr bool kIsOptional<std::optional<T>> = true;
template <typename T>
inline constexpr bool kAlwaysFalse = false;

}  // namespace detail

/// One log record under construction, made by Logger::info() and friends and written by log().
/// A Record whose level is disabled is empty: every call on it returns at once.
/// Move-only; it must be used on one thread at a time. A Record dropped without log() writes
/// nothing. It keeps the logger's sink alive, so it may outlive the Logger that made it.
class [[nodiscard]] Record {
public:
    /// An empty (disabled) record.
    Record() noexcept = default;
    Record(Record&& other) noexcept : state_{std::exchange(other.state_, nullptr)} {}
    Record& operator=(Record&& other) noexcept {
        if (this != &other) {
            reset();
            state_ = std::exchange(other.state_, nullptr);
        }
        return *this;
    }
    Record(const Record&) = delete;
    Record& operator=(const Record&) = delete;
    ~Record() { reset(); }

    /// True when the record's level is enabled (log() will write it).
    bool enabled() const noexcept { return state_ != nullptr; }

    /// Adds a field to "fields". Accepted values: bool; integers (JSON numbers); char (a
    /// one-character string); floating point (NaN and infinities become null in JSON); anything
    /// convertible to std::string_view (strings); anything convertible to yao::BytesView (Bytes,
    /// Hash256, Address: "0x" + lower-case hex); std::nullptr_t and empty std::optional (null);
    /// std::optional<T> of an accepted T; anything else with a to_string(value) found by
    /// argument-dependent lookup (e.g. 256-bit integers; a string in JSON). Keys are kept in the
    /// order added; a repeated key is written twice.
    template <typename T>
    Record& with_field(std::string_view key, const T& value) & {
        if (state_ != nullptr) add_field_value(key, value);
        return *this;
    }
    template <typename T>
    Record&& with_field(std::string_view key, const T& value) && {
        return std::move(with_field(key, value));
    }

    /// Sets "error" to `error.message()` ("category.code_name: context").
    Record& with_error(const Error& error) & {
        if (state_ != nullptr) detail::set_slot(state_, detail::Slot::kError, error.message());
        return *this;
    }
    /// Sets "error" to `message`.
    Record& with_error(std::string_view message) & {
        if (state_ != nullptr) detail::set_slot(state_, detail::Slot::kError, message);
        return *this;
    }
    /// Sets "error" to `e.what()`.
    Record& with_error(const std::exception& e) & {
        if (state_ != nullptr) detail::set_slot(state_, detail::Slot::kError, e.what());
        return *this;
    }
    Record&& with_error(const Error& error) && { return std::move(with_error(error)); }
    Record&& with_error(std::string_view message) && { return std::move(with_error(message)); }
    Record&& with_error(const std::exception& e) && { return std::move(with_error(e)); }

    /// Sets "duration_ms" to the time elapsed since `start` (std::chrono::steady_clock).
    Record& with_duration(std::chrono::steady_clock::time_point start) & {
        if (state_ != nullptr)
            detail::set_duration(state_, std::chrono::steady_clock::now() - start);
        return *this;
    }
    /// Sets "duration_ms" to `duration`.
    template <typename Rep, typename Period>
    Record& with_duration(std::chrono::duration<Rep, Period> duration) & {
        if (state_ != nullptr) {
            detail::set_duration(state_,
                                 std::chrono::duration_cast<std::chrono::nanoseconds>(duration));
        }
        return *this;
    }
    Record&& with_duration(std::chrono::steady_clock::time_point start) && {
        return std::move(with_duration(start));
    }
    template <typename Rep, typename Period>
    Record&& with_duration(std::chrono::duration<Rep, Period> duration) && {
        return std::move(with_duration(duration));
    }

    /// Sets "trace_id" and "span_id" for this record (an empty string means null).
    Record& with_trace(std::string_view trace_id, std::string_view span_id) & {
        if (state_ != nullptr) {
            detail::set_slot(state_, detail::Slot::kTraceId, trace_id);
            detail::set_slot(state_, detail::Slot::kSpanId, span_id);
        }
        return *this;
    }
    /// Sets "component" for this record, overriding the logger's.
    Record& with_component(std::string_view component) & {
        if (state_ != nullptr) detail::set_slot(state_, detail::Slot::kComponent, component);
        return *this;
    }
    /// Sets "method" for this record, overriding the logger's.
    Record& with_method(std::string_view method) & {
        if (state_ != nullptr) detail::set_slot(state_, detail::Slot::kMethod, method);
        return *this;
    }
    Record&& with_trace(std::string_view trace_id, std::string_view span_id) && {
        return std::move(with_trace(trace_id, span_id));
    }
    Record&& with_component(std::string_view component) && {
        return std::move(with_component(component));
    }
    Record&& with_method(std::string_view method) && { return std::move(with_method(method)); }

    /// Formats the record and queues it for writing; the record is empty afterwards. The
    /// timestamp is taken here. FATAL records are written and flushed before this returns.
    void log() {
        if (state_ != nullptr) detail::emit(std::exchange(state_, nullptr));
    }

private:
    friend class Logger;
    explicit Record(detail::RecordState* state) noexcept : state_{state} {}

    void reset() noexcept {
        if (state_ != nullptr) detail::discard(std::exchange(state_, nullptr));
    }

    template <typename T>
    void add_field_value(std::string_view key, const T& value);

    detail::RecordState* state_ = nullptr;  // null when disabled; owned (returned to a pool)
};

/// A structured logger: a shared core (service, instance, format, clock, level and the
/// asynchronous writer) plus default component, method and trace ids for its records.
///
/// Copies and child loggers (with_component, with_method, with_trace) share the core, so they
/// share the sink, the level and the buffer; the core lives until the last Logger, Record or
/// Timer that uses it is gone, and its destruction drains every queued record to the sink.
///
/// Thread-safety: every const member may be called from any number of threads at once; whole
/// lines are written, never interleaved. set_level may race with logging (it is atomic).
class Logger {
public:
    /// A logger that writes nothing: every level is disabled. No thread, no allocation.
    Logger() noexcept;

    /// Starts a logger and its writer thread. If the output cannot be opened (a file), the
    /// logger writes to standard error instead and says so in a WARN record; use make_logger to
    /// get the failure as a value instead.
    explicit Logger(Config config);

    Logger(const Logger&) = default;
    Logger& operator=(const Logger&) = default;
    /// A moved-from logger is silent (as if default-constructed).
    Logger(Logger&& other) noexcept;
    Logger& operator=(Logger&& other) noexcept;
    ~Logger() = default;

    /// A record at `level` (empty, i.e. free, when the level is disabled).
    Record record(Level level, std::string_view message) const {
        if (!enabled(level)) return Record{};
        return start_record(level, message);
    }
    Record debug(std::string_view message) const { return record(Level::kDebug, message); }
    Record info(std::string_view message) const { return record(Level::kInfo, message); }
    Record warn(std::string_view message) const { return record(Level::kWarn, message); }
    Record error(std::string_view message) const { return record(Level::kError, message); }
    /// A FATAL record: log() writes and flushes it synchronously; it does not abort.
    Record fatal(std::string_view message) const { return record(Level::kFatal, message); }

    /// True when records at `level` are written. One relaxed atomic load.
    bool enabled(Level level) const noexcept {
        return level < Level::kOff && level >= level_->load(std::memory_order_relaxed);
    }

    /// The current threshold.
    Level level() const noexcept { return level_->load(std::memory_order_relaxed); }
    /// Changes the threshold of this logger and of every logger sharing its core. No effect on
    /// a default-constructed logger.
    void set_level(Level level) noexcept;

    /// A child logger whose records carry `component` (the seed's "component" key).
    Logger with_component(std::string_view component) const;
    /// A child logger whose records carry `method` (e.g. the JSON-RPC method).
    Logger with_method(std::string_view method) const;
    /// A child logger whose records carry these trace and span ids.
    Logger with_trace(std::string_view trace_id, std::string_view span_id) const;

    /// Starts a Timer for `operation` now.
    Timer timer(std::string_view operation) const;

    /// Returns once every record logged before the call has reached the sink.
    void flush() const;

    /// Counters of the shared writer (zeros for a default-constructed logger).
    WriterStats stats() const;

private:
    friend Result<Logger> make_logger(Config config);
    explicit Logger(std::shared_ptr<detail::Core> core);
    Record start_record(Level level, std::string_view message) const;

    // Shared with copies, children and in-flight Records: they all write through one writer,
    // and whichever is destroyed last drains and stops it.
    std::shared_ptr<detail::Core> core_;
    const std::atomic<Level>* level_;  // into *core_, or a static kOff for the null logger
    std::string component_;
    std::string method_;
    std::string trace_id_;
    std::string span_id_;
};

/// Like `Logger{config}`, but fails (errno of open(2)) instead of falling back to standard
/// error when the output cannot be opened.
Result<Logger> make_logger(Config config);

/// Measures one operation; record() logs with the elapsed time (the seed's logger.Timer).
/// Copyable; holds a copy of its Logger. Not synchronised: one thread at a time.
class Timer {
public:
    /// Starts measuring now.
    Timer(Logger logger, std::string_view operation)
        : logger_{std::move(logger)},
          operation_{operation},
          start_{std::chrono::steady_clock::now()} {}

    /// An INFO record with field "operation" and "duration_ms" = time since the start.
    Record record(std::string_view message) const { return record(Level::kInfo, message); }
    /// The same at another level.
    Record record(Level level, std::string_view message) const {
        Record r = logger_.record(level, message);
        if (r.enabled()) r.with_field("operation", operation_).with_duration(start_);
        return r;
    }

    /// Time since the start.
    std::chrono::nanoseconds elapsed() const noexcept {
        return std::chrono::steady_clock::now() - start_;
    }
    /// Starts measuring again from now.
    void restart() noexcept { start_ = std::chrono::steady_clock::now(); }

private:
    Logger logger_;
    std::string operation_;
    std::chrono::steady_clock::time_point start_;
};

/// The process-wide logger (a copy sharing its core; cheap). Until set_default_logger is
/// called it is a text logger at INFO on standard error with service "yaoverse", created on
/// first use. Thread-safe.
Logger default_logger();

/// Replaces the process-wide logger (composition roots call this once at startup). Records
/// already made by the previous one still reach its sink. Thread-safe.
void set_default_logger(Logger logger);

// ----------------------------------------------------------------------------------------------

template <typename T>
void Record::add_field_value(std::string_view key, const T& value) {
    using U = std::remove_cvref_t<T>;
    FieldValue v;
    if constexpr (std::is_same_v<U, bool>) {
        v.kind = FieldValue::Kind::kBool;
        v.b = value;
    } else if constexpr (std::is_same_v<U, char>) {
        v.kind = FieldValue::Kind::kString;
        v.s = std::string_view{&value, 1};
    } else if constexpr (std::is_integral_v<U> && std::is_signed_v<U>) {
        v.kind = FieldValue::Kind::kInt;
        v.i = static_cast<int64_t>(value);
    } else if constexpr (std::is_integral_v<U>) {
        v.kind = FieldValue::Kind::kUint;
        v.u = static_cast<uint64_t>(value);
    } else if constexpr (std::is_floating_point_v<U>) {
        v.kind = FieldValue::Kind::kDouble;
        v.d = static_cast<double>(value);
    } else if constexpr (std::is_same_v<U, std::nullptr_t>) {
        v.kind = FieldValue::Kind::kNull;
    } else if constexpr (std::is_convertible_v<const U&, std::string_view>) {
        v.kind = FieldValue::Kind::kString;
        v.s = std::string_view{value};
    } else if constexpr (std::is_convertible_v<const U&, BytesView>) {
        const BytesView bytes = value;
        v.kind = FieldValue::Kind::kHex;
        v.s = std::string_view{reinterpret_cast<const char*>(bytes.data()), bytes.size()};
    } else if constexpr (detail::kIsOptional<U>) {
        if (value.has_value()) {
            add_field_value(key, *value);
            return;
        }
        v.kind = FieldValue::Kind::kNull;
    } else if constexpr (requires { to_string(value); }) {
        const auto text = to_string(value);
        v.kind = FieldValue::Kind::kString;
        v.s = std::string_view{text};
        detail::add_field(state_, key, v);
        return;
    } else {
        static_assert(detail::kAlwaysFalse<U>, "with_field: unsupported value type");
    }
    detail::add_field(state_, key, v);
}

}  // namespace yao::log
