// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The state of eth_simulateV1's blocks (simulate.cpp): the committed state of the base block
// with, for every simulated block, its state overrides and then the changes of its calls stacked
// on top, each block's State running over the stack below it. Nothing is copied: a layer answers
// what it changed and asks the one below for the rest.
#include <memory>
#include <unordered_map>
#include <vector>

#include <yao/state/state.hpp>
#include <yao/state/state_diff.hpp>
#include <yao/state/state_view.hpp>

#include "execution.hpp"

namespace yao::rpc {

/// `below` with a block's write set applied. Not thread-safe.
class WriteSetView final : public state::StateView {
public:
    /// `below` must outlive the view.
    WriteSetView(state::StateView& below, state::WriteSet changes);

    std::optional<state::Account> account(const Address& addr) override;
    Hash256 storage(const Address& addr, const Hash256& key) override;
    Bytes code(const Hash256& code_hash) override;
    /// Exact when the block wrote a non-zero slot or cleared the storage; otherwise the answer
    /// below (which may still count slots the block zeroed: used for EIP-7610 only).
    bool has_storage(const Address& addr) override;
    std::optional<Error> read_error() const override { return below_.read_error(); }

private:
    struct Changed {
        std::optional<state::Account> account;
        bool storage_cleared = false;
        std::unordered_map<Hash256, Hash256> slots;
    };
    state::StateView& below_;
    std::unordered_map<Address, Changed> accounts_;
    std::unordered_map<Hash256, Bytes> code_;
};

/// The stack of simulated blocks' states.
class SimulatedState {
public:
    /// `base` (the state after the base block) must outlive this.
    explicit SimulatedState(state::StateView& base) : top_{&base} {}

    /// Starts a block with `overrides` (may be empty) on top of what the blocks before left;
    /// returns the view the block's State runs over.
    state::StateView& begin_block(StateOverrides overrides);

    /// Ends the block begun last with the changes its State made (State::write_set). Returns the
    /// block's state diff for its state root: the values the overrides set (a "state" override
    /// lists the slots it gives) and then the changes.
    state::StateDiff end_block(state::WriteSet changes);

private:
    std::vector<std::unique_ptr<state::StateView>> layers_;
    std::vector<std::unique_ptr<StateOverrides>> overrides_;
    state::StateView* top_;
    state::StateView* block_view_ = nullptr;
};

}  // namespace yao::rpc
