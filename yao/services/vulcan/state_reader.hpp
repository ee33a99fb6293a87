// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The in-process StateService: the committed state from the chain store — the current tables
// for the head, the history tables for a past block. What `yaoverse dev` hands the Portal, and
// what Vulcan's gRPC StateService serves in a cluster.
#include <memory>

#include <yao/storage/chain_store.hpp>

#include "api/state_service.hpp"

namespace yao::vulcan {

class StateReader final : public StateService {
public:
    explicit StateReader(std::shared_ptr<storage::ChainStore> store) : store_{std::move(store)} {}

    Result<std::optional<state::Account>> account(const Address& addr, AtBlock at) override;
    Result<Hash256> storage(const Address& addr, const Hash256& slot, AtBlock at) override;
    Result<std::optional<Bytes>> code(const Hash256& code_hash) override;

private:
    std::shared_ptr<storage::ChainStore> store_;
};

}  // namespace yao::vulcan
