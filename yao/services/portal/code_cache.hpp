// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// A StateService that keeps the code it reads: code is content addressed (the same bytes under a
// hash at every block), so a Portal of a cluster can keep it without any invalidation, and an
// eth_call or eth_estimateGas then costs one gRPC round trip to YaoVulcan fewer per contract it
// runs. Accounts and storage change with every block and pass through unchanged.
#include <cstddef>
#include <memory>

#include <yao/services/vulcan/api/state_service.hpp>
#include <yao/state/oracle.hpp>

namespace yao::portal {

class CodeCachingStateService final : public vulcan::StateService {
public:
    /// Reads through `inner`, keeping up to `capacity_bytes` of code (state::L1Cache's policy).
    CodeCachingStateService(std::unique_ptr<vulcan::StateService> inner, size_t capacity_bytes);

    Result<std::optional<state::Account>> account(const Address& addr,
                                                  vulcan::AtBlock at) override {
        return inner_->account(addr, at);
    }
    Result<Hash256> storage(const Address& addr, const Hash256& slot,
                            vulcan::AtBlock at) override {
        return inner_->storage(addr, slot, at);
    }
    /// Kept when known; an unknown hash (nullopt) and an error are not.
    Result<std::optional<Bytes>> code(const Hash256& code_hash) override;

private:
    std::unique_ptr<vulcan::StateService> inner_;
    state::L1Cache cache_;
};

}  // namespace yao::portal
