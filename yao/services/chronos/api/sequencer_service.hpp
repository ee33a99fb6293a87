// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// SequencerService (seed: YaoChronos; DESIGN.md sections 2 and 7): what the Portal asks of the
// sequencer. Admission is synchronous so that clients get geth's pool errors ("already known",
// "replacement transaction underpriced", "nonce too low", "txpool is full", ...) as answers to
// eth_sendRawTransaction; docs/cluster.md ("One entrance") describes the path. Implemented in
// process by chronos::Sequencer and by a gRPC client (grpc/) that reaches the leader.
#include <cstdint>
#include <optional>
#include <system_error>
#include <vector>

#include <yao/chain/state_patch.hpp>
#include <yao/common/address.hpp>
#include <yao/common/error.hpp>
#include <yao/common/hash.hpp>
#include <yao/proto/messages.hpp>

#include "../mempool.hpp"

namespace yao::chronos {

class SequencerService {
public:
    virtual ~SequencerService() = default;

    /// Admits one transaction whose sender was recovered at the entrance; its hash once the
    /// pool holds it. Errors: the pool's (chronos::Errc, chain::Errc::kNonceTooLow), a halted
    /// chain, and transport errors of a remote sequencer.
    virtual Result<Hash256> submit_transaction(proto::SignedTx tx) = 0;
    /// The same for many at once; one result per transaction, in order.
    virtual std::vector<Result<Hash256>> submit_transactions(std::vector<proto::SignedTx> txs) = 0;
    /// The nonce a new transaction of `sender` should use (eth_getTransactionCount "pending").
    virtual Result<uint64_t> pending_nonce(const Address& sender) = 0;
    /// A transaction the pool holds (pending, queued or proposed and not yet committed).
    virtual Result<std::optional<proto::SignedTx>> pool_transaction(const Hash256& hash) = 0;
    /// txpool_content.
    virtual Result<MempoolContent> pool_content() = 0;
    /// txpool_status.
    virtual Result<MempoolStatus> pool_status() = 0;

    // ---- block production control (the development helpers evm_mine & co.) --------------
    /// Proposes a block now, even an empty one; the number proposed.
    virtual Result<uint64_t> mine_now() = 0;
    /// The next proposal gets exactly this timestamp (evm_setNextBlockTimestamp).
    virtual Result<void> set_next_timestamp(uint64_t timestamp) = 0;
    /// Moves the proposal clock forward (evm_increaseTime).
    virtual Result<void> increase_time(uint64_t seconds) = 0;

    // ---- state-writing development helpers (anvil_setBalance & co.) -----------------------
    // Served by a development node's in-process sequencer only: a cluster's (the gRPC client,
    // the leader gates) keeps the defaults, which refuse.
    /// Proposes a block now that carries `patch` (chain/state_patch.hpp) and no transaction;
    /// the number proposed.
    virtual Result<uint64_t> mine_patch(chain::StatePatch /*patch*/) { return dev_only(); }
    /// The coinbase of the blocks proposed from now on (anvil_setCoinbase).
    virtual Result<void> set_coinbase(const Address& /*coinbase*/) { return dev_only(); }

protected:
    static std::unexpected<Error> dev_only() {
        return std::unexpected(Error{std::make_error_code(std::errc::operation_not_supported),
                                     "served by a development node only"});
    }
};

}  // namespace yao::chronos
