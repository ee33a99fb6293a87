// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Test helpers: an in-memory line collector and a fixed clock.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <yao/log/config.hpp>

namespace yao::log::test {

/// Collects the lines of a callback output. Shared (shared_ptr) between the test and the
/// logger's writer thread, so the lines outlive the logger.
class Collector {
public:
    void add(std::string_view line) {
        std::scoped_lock lock{mu_};
        lines_.emplace_back(line);
    }
    std::vector<std::string> lines() const {
        std::scoped_lock lock{mu_};
        return lines_;
    }
    size_t size() const {
        std::scoped_lock lock{mu_};
        return lines_.size();
    }

private:
    mutable std::mutex mu_;
    std::vector<std::string> lines_;
};

/// An Output that appends to `collector`.
inline Output collect_into(const std::shared_ptr<Collector>& collector) {
    return Output::callback([collector](std::string_view line) { collector->add(line); });
}

/// 2024-01-15T10:30:45.123Z, the seed's example timestamp.
inline constexpr std::chrono::milliseconds kSeedTime{1705314645123};

/// A clock that always reads kSeedTime.
inline WallClock fixed_clock() {
    return [] { return std::chrono::system_clock::time_point{kSeedTime}; };
}

}  // namespace yao::log::test
