// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "metrics.hpp"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace yao::infra::metrics {
namespace {

constexpr std::array<uint64_t, kLatencyBounds.size()> bounds_ns() {
    std::array<uint64_t, kLatencyBounds.size()> out{};
    for (size_t i = 0; i < kLatencyBounds.size(); ++i)
        out[i] = static_cast<uint64_t>(kLatencyBounds[i] * 1e9 + 0.5);
    return out;
}
constexpr auto kBoundsNs = bounds_ns();

bool valid_name(std::string_view n) {
    if (n.empty()) return false;
    for (size_t i = 0; i < n.size(); ++i) {
        const char c = n[i];
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
        if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
    }
    return true;
}

std::string escape_help(std::string_view v) {
    std::string out;
    for (const char c : v) {
        if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

const char* type_name(Type t) {
    switch (t) {
        case Type::kCounter: return "counter";
        case Type::kGauge: return "gauge";
        case Type::kHistogram: return "histogram";
    }
    return "untyped";
}

std::string read_small_file(const char* path) {
    std::string out;
    if (std::FILE* f = std::fopen(path, "r")) {
        char buf[4096];
        size_t n = 0;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
        std::fclose(f);
    }
    return out;
}

/// Fields of /proc/self/stat after the command name (which may hold spaces and parentheses).
std::vector<std::string> proc_stat_fields() {
    std::string s = read_small_file("/proc/self/stat");
    const auto close = s.rfind(')');
    std::vector<std::string> out;
    if (close == std::string::npos) return out;
    std::istringstream rest(s.substr(close + 2));
    for (std::string field; rest >> field;) out.push_back(field);
    return out;  // out[0] is field 3 (state)
}

double stat_field(const std::vector<std::string>& f, size_t field_number) {
    const size_t i = field_number - 3;
    return i < f.size() ? std::strtod(f[i].c_str(), nullptr) : 0;
}

double open_fds() {
    DIR* d = ::opendir("/proc/self/fd");
    if (d == nullptr) return 0;
    double n = 0;
    while (const dirent* e = ::readdir(d)) {
        if (e->d_name[0] != '.') ++n;
    }
    ::closedir(d);
    return n - 1;  // the directory stream's own descriptor
}

double boot_time_seconds() {
    const std::string s = read_small_file("/proc/stat");
    const auto at = s.find("\nbtime ");
    return at == std::string::npos ? 0 : std::strtod(s.c_str() + at + 7, nullptr);
}

}  // namespace

void Histogram::observe_ns(uint64_t ns) noexcept {
    const auto it = std::lower_bound(kBoundsNs.begin(), kBoundsNs.end(), ns);
    buckets_[static_cast<size_t>(it - kBoundsNs.begin())].fetch_add(1, std::memory_order_relaxed);
    sum_ns_.fetch_add(ns, std::memory_order_relaxed);
    count_.fetch_add(1, std::memory_order_relaxed);
}

HistogramSnapshot Histogram::snapshot() const noexcept {
    HistogramSnapshot s;
    uint64_t running = 0;
    for (size_t i = 0; i < buckets_.size(); ++i) {
        running += buckets_[i].load(std::memory_order_relaxed);
        s.cumulative[i] = running;
    }
    // The +Inf bucket and _count must agree (Prometheus checks histograms that way).
    s.count = running;
    s.sum_seconds = static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9;
    return s;
}

std::string format_value(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    if (v == std::floor(v) && std::fabs(v) < 9.007199254740992e15) {
        return std::to_string(static_cast<int64_t>(v));
    }
    char buf[400];
    const double a = std::fabs(v);
    const auto r = a >= 1e-6 && a < 1e15 ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                                         : std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string escape_label(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (const char c : v) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

void Emitter::line(std::string_view suffix, const Labels& labels,
                   const std::pair<std::string_view, std::string>* extra, double value) {
    out_.append(name_).append(suffix);
    if (!labels.empty() || extra != nullptr) {
        out_ += '{';
        bool first = true;
        for (const auto& [k, v] : labels) {
            if (!first) out_ += ',';
            first = false;
            out_.append(k).append("=\"").append(escape_label(v)).append("\"");
        }
        if (extra != nullptr) {
            if (!first) out_ += ',';
            out_.append(extra->first).append("=\"").append(extra->second).append("\"");
        }
        out_ += '}';
    }
    out_.append(" ").append(format_value(value)).append("\n");
}

void Emitter::sample(const Labels& labels, double value) { line("", labels, nullptr, value); }

void Emitter::histogram(const Labels& labels, const HistogramSnapshot& h) {
    for (size_t i = 0; i < h.cumulative.size(); ++i) {
        const std::pair<std::string_view, std::string> le{
            "le", i < kLatencyBounds.size() ? format_value(kLatencyBounds[i]) : "+Inf"};
        line("_bucket", labels, &le, static_cast<double>(h.cumulative[i]));
    }
    line("_sum", labels, nullptr, h.sum_seconds);
    line("_count", labels, nullptr, static_cast<double>(h.count));
}

void Registry::add(std::string name, std::string help, Type type, Collect collect) {
    std::lock_guard lock(mutex_);
    const bool taken = std::ranges::any_of(families_, [&](const Family& f) { return f.name == name; });
    if (!valid_name(name) || taken) {
        std::fprintf(stderr, "metrics: invalid or duplicate family name '%s'\n", name.c_str());
        std::abort();
    }
    families_.push_back(Family{std::move(name), std::move(help), type, std::move(collect)});
}

std::string Registry::render() const {
    std::lock_guard lock(mutex_);
    std::string out;
    out.reserve(families_.size() * 256);
    for (const Family& f : families_) {
        out.append("# HELP ").append(f.name).append(" ").append(escape_help(f.help)).append("\n");
        out.append("# TYPE ").append(f.name).append(" ").append(type_name(f.type)).append("\n");
        Emitter e{out, f.name};
        f.collect(e);
    }
    return out;
}

std::vector<std::string> Registry::names() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const Family& f : families_) out.push_back(f.name);
    return out;
}

void Registry::add_process_metrics() {
    static const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
    static const double page = static_cast<double>(::sysconf(_SC_PAGESIZE));
    add("process_cpu_seconds_total", "User and system CPU time of the process, in seconds.",
        Type::kCounter, [](Emitter& e) {
            const auto f = proc_stat_fields();
            e.sample((stat_field(f, 14) + stat_field(f, 15)) / ticks);
        });
    add("process_resident_memory_bytes", "Resident memory of the process, in bytes.", Type::kGauge,
        [](Emitter& e) { e.sample(stat_field(proc_stat_fields(), 24) * page); });
    add("process_virtual_memory_bytes", "Virtual memory of the process, in bytes.", Type::kGauge,
        [](Emitter& e) { e.sample(stat_field(proc_stat_fields(), 23)); });
    add("process_open_fds", "Open file descriptors of the process.", Type::kGauge,
        [](Emitter& e) { e.sample(open_fds()); });
    add("process_max_fds", "The process's limit of open file descriptors.", Type::kGauge,
        [](Emitter& e) {
            rlimit r{};
            ::getrlimit(RLIMIT_NOFILE, &r);
            e.sample(r.rlim_cur == RLIM_INFINITY ? std::numeric_limits<double>::infinity() : static_cast<double>(r.rlim_cur));
        });
    add("process_start_time_seconds", "Start time of the process since the Unix epoch, in seconds.",
        Type::kGauge, [](Emitter& e) {
            static const double start =
                boot_time_seconds() + stat_field(proc_stat_fields(), 22) / ticks;
            e.sample(start);
        });
}

uint64_t now_ns() noexcept {
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::steady_clock::now().time_since_epoch())
                                     .count());
}

uint64_t unix_now_ns() noexcept {
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
}

}  // namespace yao::infra::metrics
