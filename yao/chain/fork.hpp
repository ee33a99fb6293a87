// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <yao/common/error.hpp>
#include <yao/evm/host.hpp>

namespace yao::chain {

/// A chain's fork schedule, as geth's chain config holds it: the fork in force at genesis and
/// the timestamps at which later forks activate (a block runs under the latest fork whose time
/// is at or before its timestamp). YaoVerse chains start at Cancun or later.
struct ForkSchedule {
    evm::Revision genesis = evm::Revision::kOsaka;
    std::optional<uint64_t> prague_time{};  ///< only when genesis is before Prague
    std::optional<uint64_t> osaka_time{};   ///< only when genesis is before Osaka

    /// The fork of a block with this timestamp.
    evm::Revision at(uint64_t timestamp) const noexcept;
    /// Whether the fork ever activates on this chain (at genesis or later).
    bool includes(evm::Revision rev) const noexcept;
    /// The activation time of `rev`: 0 for genesis forks, nullopt when it never activates.
    std::optional<uint64_t> activation(evm::Revision rev) const noexcept;

    friend bool operator==(const ForkSchedule&, const ForkSchedule&) = default;
};

/// What every block of a chain is executed under: its chain id and fork schedule.
struct ChainRules {
    ChainRules(uint64_t id = 1, ForkSchedule schedule = {}) : chain_id{id}, forks{schedule} {}
    uint64_t chain_id;
    ForkSchedule forks;
    friend bool operator==(const ChainRules&, const ChainRules&) = default;
};

/// "Cancun", "Prague", "Osaka" (and "Shanghai").
std::string_view fork_name(evm::Revision rev) noexcept;

/// The revision named (case-insensitive), nullopt for an unknown name.
std::optional<evm::Revision> parse_fork(std::string_view name) noexcept;

/// Rules: genesis fork Cancun or later; a later fork's time only for a fork after genesis;
/// Osaka after Cancun needs Prague scheduled at or before it. An error names the rule.
Result<void> validate(const ForkSchedule& schedule);

/// One line for banners and logs: "Osaka at genesis", "Cancun at genesis, Prague at
/// 1750000000, Osaka at 1760000000".
std::string describe(const ForkSchedule& schedule);

/// The schedule `describe` wrote (what a store pins under "fork_schedule"); kInvalidForkSchedule
/// when the text is not one, or the schedule breaks a rule of `validate`.
Result<ForkSchedule> parse_schedule(std::string_view text);

}  // namespace yao::chain
