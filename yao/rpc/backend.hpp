// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// What the JSON-RPC methods need from the chain (DESIGN.md section 2: YaoPortal reads state
// from Vulcan and blocks from Archive, and submits to Chronos). In `yaoverse dev` one process
// implements it directly over the services (yao/node/dev_backend.hpp); the cluster will
// implement it over gRPC. Every method is thread-safe: the server calls them from many threads.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/common/uint256.hpp>
#include <yao/proto/messages.hpp>
#include <yao/state/state_view.hpp>
#include <yao/storage/chain_store.hpp>

namespace yao::rpc {

/// A development account the node can sign for (eth_accounts, eth_sendTransaction, eth_sign).
struct SigningAccount {
    Address address;
    Hash256 private_key;
};

/// The pool as txpool_content shows it.
struct PoolContent {
    std::map<Address, std::map<uint64_t, proto::SignedTx>> pending;
    std::map<Address, std::map<uint64_t, proto::SignedTx>> queued;
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

    // ---- committed chain -----------------------------------------------------------------
    /// The newest committed block.
    virtual uint64_t head_number() const = 0;
    /// Blocks, transactions, receipts, logs; state at the head and (history) at past blocks.
    virtual storage::ChainStore& store() = 0;
    /// The state after block `number` (<= head), for eth_call, eth_estimateGas and tracing.
    /// The view reads the store (history tables for past blocks); not thread-safe itself.
    virtual std::unique_ptr<state::StateView> state_at(uint64_t number) = 0;

    // ---- submission ----------------------------------------------------------------------
    /// eth_sendRawTransaction: decode, chain id, signature (the sender is recovered here, once),
    /// intrinsic gas, fee caps, blob transactions refused, then against the head state "nonce
    /// too low" and "insufficient funds for gas * price + value", then the sequencer's pool
    /// ("already known", "replacement transaction underpriced", "txpool is full", ...). Errors
    /// carry geth's message as Error::message()-visible context (rpc::Errc codes).
    virtual Result<Hash256> send_raw_transaction(BytesView raw) = 0;
    /// The same for many transactions at once; senders are recovered in parallel on every core.
    virtual std::vector<Result<Hash256>> send_raw_transactions(std::span<const Bytes> raw) = 0;
    /// Admits an already signed and recovered transaction (eth_sendTransaction for dev accounts).
    virtual Result<Hash256> send_transaction(proto::SignedTx tx) = 0;
    /// eth_getTransactionCount(addr, "pending").
    virtual uint64_t pending_nonce(const Address& addr) = 0;
    /// A transaction in the pool (not yet committed), for eth_getTransactionByHash.
    virtual std::optional<proto::SignedTx> pool_transaction(const Hash256& hash) = 0;
    virtual PoolContent pool_content() = 0;

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
};

}  // namespace yao::rpc
