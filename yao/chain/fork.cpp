// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "fork.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <utility>

#include "errc.hpp"

namespace yao::chain {
namespace {

constexpr std::array<std::pair<evm::Revision, std::string_view>, 4> kNames{{
    {evm::Revision::kShanghai, "Shanghai"},
    {evm::Revision::kCancun, "Cancun"},
    {evm::Revision::kPrague, "Prague"},
    {evm::Revision::kOsaka, "Osaka"},
}};

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

}  // namespace

evm::Revision ForkSchedule::at(uint64_t timestamp) const noexcept {
    if (osaka_time && timestamp >= *osaka_time) return evm::Revision::kOsaka;
    if (prague_time && timestamp >= *prague_time) return evm::Revision::kPrague;
    return genesis;
}

std::optional<uint64_t> ForkSchedule::activation(evm::Revision rev) const noexcept {
    if (rev <= genesis) return uint64_t{0};
    if (rev == evm::Revision::kPrague) return prague_time;
    if (rev == evm::Revision::kOsaka) return osaka_time;
    return std::nullopt;
}

bool ForkSchedule::includes(evm::Revision rev) const noexcept {
    return activation(rev).has_value();
}

std::string_view fork_name(evm::Revision rev) noexcept {
    for (const auto& [r, name] : kNames)
        if (r == rev) return name;
    return "unknown";
}

std::optional<evm::Revision> parse_fork(std::string_view name) noexcept {
    for (const auto& [r, n] : kNames)
        if (iequals(n, name)) return r;
    return std::nullopt;
}

Result<void> validate(const ForkSchedule& s) {
    const auto invalid = [](std::string what) {
        return fail(Errc::kInvalidForkSchedule, std::move(what));
    };
    if (s.genesis < evm::Revision::kCancun) return invalid("the genesis fork must be Cancun or later");
    if (s.prague_time && s.genesis >= evm::Revision::kPrague)
        return invalid("prague_time is for a chain that starts before Prague");
    if (s.osaka_time && s.genesis >= evm::Revision::kOsaka)
        return invalid("osaka_time is for a chain that starts before Osaka");
    if (s.osaka_time && s.genesis < evm::Revision::kPrague &&
        (!s.prague_time || *s.prague_time > *s.osaka_time))
        return invalid("osaka_time needs prague_time at or before it");
    return {};
}

std::string describe(const ForkSchedule& s) {
    std::string out{fork_name(s.genesis)};
    out += " at genesis";
    if (s.prague_time) out += ", Prague at " + std::to_string(*s.prague_time);
    if (s.osaka_time) out += ", Osaka at " + std::to_string(*s.osaka_time);
    return out;
}

Result<ForkSchedule> parse_schedule(std::string_view text) {
    const auto invalid = [&] {
        return fail(Errc::kInvalidForkSchedule,
                    "not a fork schedule: \"" + std::string{text} + "\"");
    };
    ForkSchedule s;
    bool first = true;
    while (!text.empty()) {
        const size_t comma = text.find(", ");
        const std::string_view part = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 2);
        const size_t at = part.find(" at ");
        if (at == std::string_view::npos) return invalid();
        const auto rev = parse_fork(part.substr(0, at));
        const std::string_view when = part.substr(at + 4);
        if (!rev) return invalid();
        if (first) {
            if (when != "genesis") return invalid();
            s.genesis = *rev;
            first = false;
            continue;
        }
        uint64_t time = 0;
        const auto [end, ec] = std::from_chars(when.data(), when.data() + when.size(), time);
        if (ec != std::errc{} || end != when.data() + when.size()) return invalid();
        if (*rev == evm::Revision::kPrague) {
            s.prague_time = time;
        } else if (*rev == evm::Revision::kOsaka) {
            s.osaka_time = time;
        } else {
            return invalid();
        }
    }
    if (first) return invalid();
    YAO_TRY_VOID(validate(s));
    return s;
}

}  // namespace yao::chain
