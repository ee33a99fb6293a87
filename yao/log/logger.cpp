// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "logger.hpp"

#include <unistd.h>

#include <climits>
#include <mutex>
#include <vector>

namespace yao::log {
namespace detail {

/// What every Logger sharing one sink has in common.
class Core {
public:
    Core(Config config, std::unique_ptr<Sink> sink)
        : level{config.level},
          service_{std::move(config.service)},
          instance_{config.instance.empty() ? host_name() : std::move(config.instance)},
          format_{config.format},
          clock_{std::move(config.clock)},
          writer_{std::move(sink),
                  WriterOptions{.capacity_bytes = config.buffer_bytes,
                                .overflow = config.overflow,
                                .flush_interval = config.flush_interval},
                  [this](std::string& out, uint64_t dropped) { report_drops(out, dropped); }} {}

    std::chrono::system_clock::time_point now() const {
        return clock_ ? clock_() : std::chrono::system_clock::now();
    }
    const std::string& service() const noexcept { return service_; }
    const std::string& instance() const noexcept { return instance_; }
    Format format() const noexcept { return format_; }
    AsyncWriter& writer() noexcept { return writer_; }

    std::atomic<Level> level;  // relaxed: a threshold, it orders nothing else

private:
    static std::string host_name() {
        char buf[HOST_NAME_MAX + 1] = {};
        if (::gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "unknown";
        return buf;
    }

    // Runs on the writer thread (see AsyncWriter::run).
    void report_drops(std::string& out, uint64_t dropped) const {
        std::string fields;
        append_field(fields, format_, "dropped",
                     FieldValue{.kind = FieldValue::Kind::kUint, .u = dropped});
        append_line(out, format_,
                    RecordView{.time = now(),
                               .level = Level::kWarn,
                               .service = service_,
                               .instance = instance_,
                               .component = "yaolog",
                               .message = "log records dropped",
                               .fields = fields});
    }

    const std::string service_;
    const std::string instance_;
    const Format format_;
    const WallClock clock_;
    AsyncWriter writer_;  // last: its thread calls report_drops, which reads the members above
};

/// The reusable buffers of one record in flight.
struct RecordState {
    std::shared_ptr<Core> core;
    Level level = Level::kInfo;
    bool has_error = false;
    bool has_duration = false;
    std::chrono::nanoseconds duration{0};
    std::string message;
    std::string component;
    std::string method;
    std::string trace_id;
    std::string span_id;
    std::string error;
    std::string fields;
    std::string line;
};

namespace {

// A handful of states per thread covers nesting (a with_field argument that itself logs);
// buffers that grew past kMaxRetained are given back so one huge record does not pin memory.
constexpr size_t kPoolSize = 8;
constexpr size_t kMaxRetained = 64 * 1024;

struct StatePool {
    std::vector<std::unique_ptr<RecordState>> free;
    StatePool() { free.reserve(kPoolSize); }
    ~StatePool() { alive = false; }
    static thread_local bool alive;  // false once this thread's pool is destroyed
};
thread_local bool StatePool::alive = true;
thread_local StatePool tl_pool;

RecordState* acquire_state() {
    StatePool& pool = tl_pool;
    if (!pool.free.empty()) {
        RecordState* s = pool.free.back().release();
        pool.free.pop_back();
        return s;
    }
    return new RecordState;
}

void trim(std::string& s) noexcept {
    s.clear();
    if (s.capacity() > kMaxRetained) s.shrink_to_fit();
}

void release_state(RecordState* s) noexcept {
    s->core.reset();
    // A Record destroyed during thread exit, after this thread's pool: just free it.
    if (!StatePool::alive || tl_pool.free.size() >= kPoolSize) {
        delete s;
        return;
    }
    for (std::string* str : {&s->message, &s->component, &s->method, &s->trace_id, &s->span_id,
                             &s->error, &s->fields, &s->line}) {
        trim(*str);
    }
    tl_pool.free.emplace_back(s);  // no allocation: reserved to kPoolSize
}

}  // namespace

void add_field(RecordState* state, std::string_view key, const FieldValue& value) {
    append_field(state->fields, state->core->format(), key, value);
}

void set_slot(RecordState* state, Slot slot, std::string_view text) {
    switch (slot) {
        case Slot::kComponent:
            state->component.assign(text);
            return;
        case Slot::kMethod:
            state->method.assign(text);
            return;
        case Slot::kTraceId:
            state->trace_id.assign(text);
            return;
        case Slot::kSpanId:
            state->span_id.assign(text);
            return;
        case Slot::kError:
            state->error.assign(text);
            state->has_error = true;
            return;
    }
}

void set_duration(RecordState* state, std::chrono::nanoseconds duration) {
    state->duration = duration;
    state->has_duration = true;
}

void emit(RecordState* state) {
    Core& core = *state->core;
    state->line.clear();
    RecordView view{.time = core.now(),
                    .level = state->level,
                    .service = core.service(),
                    .instance = core.instance(),
                    .trace_id = state->trace_id,
                    .span_id = state->span_id,
                    .component = state->component,
                    .method = state->method,
                    .message = state->message,
                    .fields = state->fields};
    if (state->has_duration) view.duration = state->duration;
    if (state->has_error) view.error = std::string_view{state->error};
    append_line(state->line, core.format(), view);
    const bool fatal = state->level == Level::kFatal;
    core.writer().submit(state->line, /*force=*/fatal);
    if (fatal) core.writer().flush();
    release_state(state);
}

void discard(RecordState* state) noexcept {
    release_state(state);
}

}  // namespace detail

namespace {

// The threshold of default-constructed loggers.
constinit const std::atomic<Level> kAllOff{Level::kOff};

}  // namespace

Logger::Logger() noexcept : level_{&kAllOff} {}

Logger::Logger(Logger&& other) noexcept
    : core_{std::move(other.core_)},
      level_{std::exchange(other.level_, &kAllOff)},
      component_{std::move(other.component_)},
      method_{std::move(other.method_)},
      trace_id_{std::move(other.trace_id_)},
      span_id_{std::move(other.span_id_)} {}

Logger& Logger::operator=(Logger&& other) noexcept {
    if (this != &other) {
        core_ = std::move(other.core_);
        level_ = std::exchange(other.level_, &kAllOff);
        component_ = std::move(other.component_);
        method_ = std::move(other.method_);
        trace_id_ = std::move(other.trace_id_);
        span_id_ = std::move(other.span_id_);
    }
    return *this;
}

Logger::Logger(std::shared_ptr<detail::Core> core)
    : core_{std::move(core)}, level_{&core_->level} {}

Logger::Logger(Config config) : level_{&kAllOff} {
    auto sink = make_sink(config.output);
    std::optional<Error> open_error;
    if (!sink) {
        open_error = std::move(sink.error());
        sink = make_sink(Output::standard_error());
    }
    core_ = std::make_shared<detail::Core>(std::move(config), std::move(*sink));
    level_ = &core_->level;
    if (open_error) {
        record(Level::kWarn, "log output unavailable, writing to standard error")
            .with_component("yaolog")
            .with_error(*open_error)
            .log();
    }
}

Result<Logger> make_logger(Config config) {
    auto sink = make_sink(config.output);
    if (!sink) return std::unexpected{std::move(sink.error())};
    return Logger{std::make_shared<detail::Core>(std::move(config), std::move(*sink))};
}

void Logger::set_level(Level level) noexcept {
    if (core_) core_->level.store(level, std::memory_order_relaxed);
}

Logger Logger::with_component(std::string_view component) const {
    Logger child{*this};
    child.component_.assign(component);
    return child;
}

Logger Logger::with_method(std::string_view method) const {
    Logger child{*this};
    child.method_.assign(method);
    return child;
}

Logger Logger::with_trace(std::string_view trace_id, std::string_view span_id) const {
    Logger child{*this};
    child.trace_id_.assign(trace_id);
    child.span_id_.assign(span_id);
    return child;
}

Timer Logger::timer(std::string_view operation) const {
    return Timer{*this, operation};
}

void Logger::flush() const {
    if (core_) core_->writer().flush();
}

WriterStats Logger::stats() const {
    return core_ ? core_->writer().stats() : WriterStats{};
}

Record Logger::start_record(Level level, std::string_view message) const {
    detail::RecordState* s = detail::acquire_state();
    s->core = core_;
    s->level = level;
    s->has_error = false;
    s->has_duration = false;
    s->message.assign(message);
    s->component.assign(component_);
    s->method.assign(method_);
    s->trace_id.assign(trace_id_);
    s->span_id.assign(span_id_);
    return Record{s};
}

namespace {

struct DefaultLogger {
    std::mutex mu;
    std::optional<Logger> logger;  // guarded by mu; made on first use unless set before
};

DefaultLogger& default_holder() {
    static DefaultLogger holder;
    return holder;
}

}  // namespace

Logger default_logger() {
    DefaultLogger& holder = default_holder();
    std::scoped_lock lock{holder.mu};
    if (!holder.logger) {
        holder.logger.emplace(Config{
            .service = "yaoverse", .format = Format::kText, .output = Output::standard_error()});
    }
    return *holder.logger;
}

void set_default_logger(Logger logger) {
    DefaultLogger& holder = default_holder();
    std::optional<Logger> previous{std::move(logger)};
    {
        std::scoped_lock lock{holder.mu};
        holder.logger.swap(previous);
    }
    // `previous` is destroyed here, outside the lock: if it was the last user of its core,
    // that drains its writer, which may take a while.
}

}  // namespace yao::log
