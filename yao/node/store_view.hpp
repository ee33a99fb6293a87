// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The state after a committed block, read straight from the store: the current tables for the
// head, the history tables for a past block (eth_call at a block, tracing).
#include <optional>

#include <yao/common/error.hpp>
#include <yao/state/state_view.hpp>
#include <yao/storage/chain_store.hpp>

namespace yao::node {

/// Not thread-safe (one execution). StateView reads cannot fail, so a failing store read
/// answers "absent" and is remembered: check `error()` after executing.
class StoreStateView final : public state::StateView {
public:
    /// `at`: the block whose post-state to read; nullopt: the current head tables.
    StoreStateView(storage::ChainStore& store, std::optional<uint64_t> at)
        : store_{store}, at_{at} {}

    std::optional<state::Account> account(const Address& addr) override;
    Hash256 storage(const Address& addr, const Hash256& key) override;
    Bytes code(const Hash256& code_hash) override;
    bool has_storage(const Address& addr) override;

    /// The first store error met, if any (the execution's result is then meaningless).
    const std::optional<Error>& error() const noexcept { return error_; }

private:
    storage::ChainStore& store_;
    std::optional<uint64_t> at_;
    std::optional<Error> error_;
};

}  // namespace yao::node
