// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// StateService (seed: YaoPortal's "QueryState" to YaoVulcan; DESIGN.md sections 2 and 7): the
// committed state — accounts, storage slots, code — after the head block or after a past block
// (the history tables). The Portal's eth_getBalance / getCode / getStorageAt /
// getTransactionCount, its admission checks and its eth_call / estimateGas / tracing all read
// state through it. Two implementations: in process (state_reader.hpp) and a gRPC client
// (grpc/). Failures are Errors, never "absent".
#include <cstdint>
#include <optional>

#include <yao/common/address.hpp>
#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/common/hash.hpp>
#include <yao/state/state_view.hpp>

namespace yao::vulcan {

/// Which state to read: after block `block_num`, or (nullopt) after the newest committed block.
using AtBlock = std::optional<uint64_t>;

class StateService {
public:
    virtual ~StateService() = default;

    /// The account at `addr`; nullopt when it does not exist. A block above the head is an
    /// error (storage::Errc::kUnknownBlock).
    virtual Result<std::optional<state::Account>> account(const Address& addr, AtBlock at) = 0;
    /// The storage value at (`addr`, `slot`); zero when unset.
    virtual Result<Hash256> storage(const Address& addr, const Hash256& slot, AtBlock at) = 0;
    /// The code with hash `code_hash` (content addressed: the same at every block); empty for
    /// the empty-code hash, nullopt when unknown.
    virtual Result<std::optional<Bytes>> code(const Hash256& code_hash) = 0;
};

}  // namespace yao::vulcan
