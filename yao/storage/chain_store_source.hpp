// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// L3 of YaoOracle: the ChainStore seen as a state::VersionedSource.

#include <memory>

#include <yao/state/oracle.hpp>

#include "chain_store.hpp"

namespace yao::storage {

/// Reads accounts, storage slots and code from a ChainStore, each batch with the store's batched
/// reads (one consistent snapshot, a few queries). The store is the source of truth: every
/// account and slot has an answer (absent accounts are nullopt values, unset slots zero), code
/// with an unknown hash has none, and fills are ignored. Thread-safe because ChainStore is.
class ChainStoreSource final : public state::VersionedSource {
public:
    explicit ChainStoreSource(std::shared_ptr<ChainStore> store) : store_{std::move(store)} {}

    Result<state::VersionedBatch<state::AccountValue>> accounts(
        std::span<const Address> addrs) override;
    Result<state::VersionedBatch<Hash256>> storage(std::span<const state::SlotKey> keys) override;
    /// Code is content addressed: version 0 for every known hash.
    Result<state::VersionedBatch<Bytes>> code(std::span<const Hash256> code_hashes) override;

private:
    std::shared_ptr<ChainStore> store_;
};

}  // namespace yao::storage
