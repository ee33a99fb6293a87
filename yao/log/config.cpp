// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "config.hpp"

#include <array>
#include <system_error>

namespace yao::log {
namespace {

bool equals_ignore_case(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c != b[i]) return false;
    }
    return true;
}

}  // namespace

std::string_view to_string(Level level) noexcept {
    static constexpr std::array<std::string_view, 6> kNames = {"DEBUG", "INFO",  "WARN",
                                                               "ERROR", "FATAL", "OFF"};
    const auto i = static_cast<size_t>(level);
    return i < kNames.size() ? kNames[i] : std::string_view{"?"};
}

Result<Level> parse_level(std::string_view name) {
    struct Entry {
        std::string_view name;
        Level level;
    };
    static constexpr std::array<Entry, 7> kEntries = {{{"DEBUG", Level::kDebug},
                                                       {"INFO", Level::kInfo},
                                                       {"WARN", Level::kWarn},
                                                       {"WARNING", Level::kWarn},
                                                       {"ERROR", Level::kError},
                                                       {"FATAL", Level::kFatal},
                                                       {"OFF", Level::kOff}}};
    for (const Entry& e : kEntries) {
        if (equals_ignore_case(name, e.name)) return e.level;
    }
    return std::unexpected{Error{std::make_error_code(std::errc::invalid_argument),
                                 "unknown log level \"" + std::string{name} + "\""}};
}

}  // namespace yao::log
