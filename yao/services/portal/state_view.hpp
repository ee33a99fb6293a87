// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The state after a committed block as a StateView for the Portal's own executions (eth_call,
// eth_estimateGas, tracing), every read through the StateService (YaoVulcan): in process in
// `yaoverse dev`, over gRPC in a cluster.
#include <optional>

#include <yao/common/error.hpp>
#include <yao/state/state_view.hpp>
#include <yao/services/vulcan/api/state_service.hpp>

namespace yao::portal {

/// Not thread-safe (one execution). StateView reads cannot fail, so a failing read answers
/// "absent" and is remembered: check `error()` after executing.
class StateServiceView final : public state::StateView {
public:
    /// `at`: the block whose post-state to read; nullopt: the head's.
    StateServiceView(vulcan::StateService& service, vulcan::AtBlock at)
        : service_{service}, at_{at} {}

    std::optional<state::Account> account(const Address& addr) override;
    Hash256 storage(const Address& addr, const Hash256& key) override;
    Bytes code(const Hash256& code_hash) override;
    bool has_storage(const Address& addr) override;

    /// The first store error met, if any (the execution's result is then meaningless).
    const std::optional<Error>& error() const noexcept { return error_; }
    std::optional<Error> read_error() const override { return error_; }

private:
    vulcan::StateService& service_;
    vulcan::AtBlock at_;
    std::optional<Error> error_;
};

}  // namespace yao::portal
