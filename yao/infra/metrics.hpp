// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Prometheus metrics: latency histograms the services keep, and a registry of collectors that
// the composition root (yao/app) fills and the ops listener renders in the Prometheus text
// exposition format 0.0.4 on GET /metrics.
//
// Libraries hold no registry: they keep counters in their stats structs and Histogram members,
// and the composition root registers collectors that read them at scrape time. So every series
// has one owner, two services in one process (tests) cannot collide, and nothing global exists.
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yao::infra::metrics {

/// Upper bounds (seconds) of the latency buckets: 100 us to 10 s, plus +Inf.
inline constexpr std::array<double, 16> kLatencyBounds = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
    0.05,   0.1,     0.25,   0.5,   1.0,    2.5,   5.0,   10.0};

/// What a histogram holds at one moment: cumulative counts per bound (the last is +Inf).
struct HistogramSnapshot {
    std::array<uint64_t, kLatencyBounds.size() + 1> cumulative{};
    uint64_t count = 0;
    double sum_seconds = 0;
};

/// A latency histogram over kLatencyBounds. observe() is lock-free (a few relaxed atomic adds);
/// a snapshot taken while others observe may be off by the observations in flight.
class Histogram {
public:
    void observe_ns(uint64_t ns) noexcept;
    void observe_seconds(double s) noexcept {
        observe_ns(s <= 0 ? 0 : static_cast<uint64_t>(s * 1e9));
    }
    HistogramSnapshot snapshot() const noexcept;
    uint64_t count() const noexcept { return count_.load(std::memory_order_relaxed); }

private:
    std::array<std::atomic<uint64_t>, kLatencyBounds.size() + 1> buckets_{};
    std::atomic<uint64_t> count_{0};
    std::atomic<uint64_t> sum_ns_{0};
};

/// A monotonic counter owned by a library object (relaxed atomic).
class Counter {
public:
    void add(uint64_t n = 1) noexcept { v_.fetch_add(n, std::memory_order_relaxed); }
    uint64_t value() const noexcept { return v_.load(std::memory_order_relaxed); }

private:
    std::atomic<uint64_t> v_{0};
};

using Labels = std::vector<std::pair<std::string, std::string>>;

enum class Type : uint8_t { kCounter, kGauge, kHistogram };

/// Receives the samples of one family during a scrape.
class Emitter {
public:
    /// A counter or gauge sample.
    void sample(const Labels& labels, double value);
    void sample(double value) { sample({}, value); }
    /// A histogram's _bucket, _sum and _count series.
    void histogram(const Labels& labels, const HistogramSnapshot& h);
    void histogram(const HistogramSnapshot& h) { histogram({}, h); }

private:
    friend class Registry;
    Emitter(std::string& out, std::string_view name) : out_(out), name_(name) {}
    void line(std::string_view suffix, const Labels& labels, const std::pair<std::string_view,
              std::string>* extra, double value);
    std::string& out_;
    std::string_view name_;
};

/// The families of one process. Thread-safe: add() and render() may run concurrently.
class Registry {
public:
    using Collect = std::function<void(Emitter&)>;

    /// Adds a family. `name` must match [a-zA-Z_:][a-zA-Z0-9_:]* and be new (else it aborts:
    /// a programming error); counters' names end in _total by convention. `collect` runs on
    /// every scrape (from the ops listener's thread) and must only read thread-safe state.
    void add(std::string name, std::string help, Type type, Collect collect);
    /// Adds the process_* families (CPU seconds, resident and virtual memory, open and maximum
    /// file descriptors, start time) read from /proc/self.
    void add_process_metrics();

    /// Every family in the text format 0.0.4.
    std::string render() const;
    /// The names of the families (tests, docs).
    std::vector<std::string> names() const;

private:
    struct Family {
        std::string name;
        std::string help;
        Type type;
        Collect collect;
    };
    mutable std::mutex mutex_;
    std::vector<Family> families_;
};

/// Formats a sample value as Prometheus reads it (integers exactly, NaN, +Inf, -Inf).
std::string format_value(double v);
/// A label value with \, " and newline escaped.
std::string escape_label(std::string_view v);

/// The monotonic clock in nanoseconds (for observe_ns of a duration).
uint64_t now_ns() noexcept;
/// The wall clock in nanoseconds since the Unix epoch.
uint64_t unix_now_ns() noexcept;

/// Observes the time from construction to destruction into a histogram.
class ScopedTimer {
public:
    explicit ScopedTimer(Histogram& h) noexcept : h_(h), start_(now_ns()) {}
    ~ScopedTimer() { h_.observe_ns(now_ns() - start_); }
    ScopedTimer(const ScopedTimer&) = delete;
    ScopedTimer& operator=(const ScopedTimer&) = delete;

private:
    Histogram& h_;
    uint64_t start_;
};

}  // namespace yao::infra::metrics
