// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// What the JSON-RPC methods need from the chain (DESIGN.md section 2): YaoPortal reads state
// from Vulcan (vulcan::StateService) and blocks from Archive (archive::BlockService), and
// submits to Chronos (chronos::SequencerService) — the services' own API interfaces, which are
// in-process objects in `yaoverse dev` and gRPC clients in a cluster. portal::ServiceBackend
// implements this over those three in both shapes; there is no store handle here. Every method
// is thread-safe: the server calls them from many threads.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <system_error>
#include <vector>

#include <yao/chain/fork.hpp>
#include <yao/chain/state_patch.hpp>
#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/common/uint256.hpp>
#include <yao/proto/messages.hpp>
#include <yao/services/archive/api/block_service.hpp>
#include <yao/services/chronos/api/sequencer_service.hpp>
#include <yao/services/vulcan/api/state_service.hpp>
#include <yao/state/state_view.hpp>

namespace yao::rpc {

/// A development account the node can sign for (eth_accounts, eth_sendTransaction, eth_sign).
struct SigningAccount {
    Address address;
    Hash256 private_key;
};

/// Something that stops a listener when destroyed.
class Listener {
public:
    virtual ~Listener() = default;
};

class Backend {
public:
    virtual ~Backend() = default;

    // ---- chain parameters ----------------------------------------------------------------
    virtual uint64_t chain_id() const = 0;
    virtual uint64_t block_gas_limit() const = 0;
    virtual Uint256 base_fee() const = 0;  ///< constant (DESIGN.md section 3)
    virtual Address coinbase() const = 0;
    /// The fork schedule (a block's rules follow its timestamp).
    virtual const chain::ForkSchedule& forks() const = 0;

    // ---- the services --------------------------------------------------------------------
    /// The newest committed block this Portal has heard of (from the head updates of
    /// cache-invalidation-topic): a local value, never a remote call.
    virtual uint64_t head_number() const = 0;
    /// Waits (at most about 2 s) until head_number() is at least `number`, a block the store
    /// already holds: a receipt is answered only once "latest" includes its block, as geth
    /// guarantees (the head updates can arrive a moment after the commit is readable). A no-op
    /// where the head is read from the store itself.
    virtual void await_head(uint64_t /*number*/) {}
    /// Blocks, transactions, receipts, logs (YaoArchive).
    virtual archive::BlockService& blocks() = 0;
    /// Accounts, storage, code at the head and at past blocks (YaoVulcan).
    virtual vulcan::StateService& state() = 0;
    /// The pool and block production (YaoChronos).
    virtual chronos::SequencerService& sequencer() = 0;
    /// The state after block `number` (<= head) as a StateView over state(), for eth_call,
    /// eth_estimateGas and tracing; not thread-safe itself (one execution).
    virtual std::unique_ptr<state::StateView> state_at(uint64_t number) = 0;

    // ---- submission ----------------------------------------------------------------------
    /// eth_sendRawTransaction: decode, chain id, signature (the sender is recovered here, once),
    /// intrinsic gas, fee caps, blob transactions refused, then against the head state "nonce
    /// too low" and "insufficient funds for gas * price + value", then the sequencer's pool
    /// ("already known", "replacement transaction underpriced", "txpool is full", ...). Errors
    /// carry geth's message as Error::message()-visible context (rpc::Errc codes).
    virtual Result<Hash256> send_raw_transaction(BytesView raw) = 0;
    /// The same for many transactions at once (the calls of one JSON-RPC batch), one answer per
    /// transaction in order: senders recovered in parallel on every core, then one call to the
    /// sequencer, which takes them in order.
    virtual std::vector<Result<Hash256>> send_raw_transactions(std::span<const Bytes> raw) = 0;
    /// Admits an already signed and recovered transaction (eth_sendTransaction for dev accounts).
    virtual Result<Hash256> send_transaction(proto::SignedTx tx) = 0;

    // ---- notifications -------------------------------------------------------------------
    /// Calls `fn` for every committed block, in order, on a backend thread (filters, newHeads,
    /// logs subscriptions). The listener stops when the returned object is destroyed.
    virtual std::unique_ptr<Listener> on_head(std::function<void(const proto::HeadUpdate&)> fn) = 0;
    /// Calls `fn` with the hash of every transaction admitted to the pool.
    virtual std::unique_ptr<Listener> on_pending(std::function<void(const Hash256&)> fn) = 0;

    // ---- development helpers (yaoverse dev) -----------------------------------------------
    virtual std::span<const SigningAccount> accounts() const = 0;
    /// evm_mine: proposes a block now (even empty) and waits for its commit; its number.
    virtual Result<uint64_t> mine(std::optional<uint64_t> timestamp) = 0;
    /// evm_setNextBlockTimestamp.
    virtual Result<void> set_next_block_timestamp(uint64_t timestamp) = 0;
    /// evm_increaseTime: moves the clock of later blocks; the total offset in seconds.
    virtual Result<uint64_t> increase_time(uint64_t seconds) = 0;

    // ---- state-writing development helpers (docs/rpc.md "Development helpers") ------------
    // Served by a development node's backend; the defaults refuse (a cluster's Portal).
    /// A block now that carries `patch` (chain/state_patch.hpp) and no transaction, waited for
    /// until committed; its number.
    virtual Result<uint64_t> mine_patch(chain::StatePatch /*patch*/) { return dev_only(); }
    /// storage::ChainStore::state_image (evm_revert, anvil_reset, anvil_dumpState).
    virtual Result<storage::StateImage> state_image(std::optional<uint64_t> /*since*/) {
        return dev_only();
    }
    /// anvil_setCoinbase: the coinbase of later blocks (and of eth_coinbase).
    virtual Result<void> set_coinbase(const Address& /*coinbase*/) { return dev_only(); }
    /// anvil_impersonateAccount / stopImpersonatingAccount (`on`), autoImpersonateAccount
    /// (every address): eth_sendTransaction may send for an address without its key.
    virtual Result<void> impersonate(const Address& /*addr*/, bool /*on*/) { return dev_only(); }
    virtual Result<void> auto_impersonate(bool /*on*/) { return dev_only(); }
    virtual bool impersonating(const Address& /*addr*/) const { return false; }

protected:
    static std::unexpected<Error> dev_only() {
        return std::unexpected(Error{std::make_error_code(std::errc::operation_not_supported),
                                     "served by a development node only"});
    }
};

}  // namespace yao::rpc
