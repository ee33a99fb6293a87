// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/common/uint256.hpp>
#include <yao/evm/host.hpp>
#include <yao/evm/tracer.hpp>
#include <yao/state/execution_host.hpp>
#include <yao/state/state.hpp>

#include "receipt.hpp"
#include "transaction.hpp"

namespace yao::chain {

/// EIP-4844 constants (Cancun).
inline constexpr uint64_t kGasPerBlob = 1 << 17;
inline constexpr uint64_t kMaxBlobsPerBlock = 6;
inline constexpr uint64_t kMinBlobBaseFee = 1;  ///< wei
inline constexpr uint64_t kBlobBaseFeeUpdateFraction = 3338477;
inline constexpr uint8_t kBlobHashVersionKzg = 0x01;
/// EIP-3860: the largest init code a transaction or CREATE may carry (2 * EIP-170's limit).
inline constexpr size_t kMaxInitCodeSize = 2 * 0x6000;

/// Where a block executor may divert the coinbase's priority fees (DESIGN.md section 2: fee
/// credits are a commutative delta applied at commit, so that blocks do not all conflict on the
/// coinbase). `defer` returns true when it took the amount; false means "credit it to the state
/// now" (the block has observed the coinbase account, so the fees must be in it).
class FeeSink {
public:
    virtual ~FeeSink() = default;
    virtual bool defer(const Uint256& amount) = 0;
};

/// EIP-4844 blob parameters of a fork (EIP-7691 raised them in Prague), in blobs per block.
struct BlobSchedule {
    uint64_t target = 0;
    uint64_t max = 0;
    uint64_t update_fraction = 0;
};
BlobSchedule blob_schedule(evm::Revision rev) noexcept;

/// The block a transaction executes in.
struct BlockEnv {
    uint64_t number = 0;
    uint64_t timestamp = 0;  ///< seconds since the Unix epoch
    Address coinbase;
    uint64_t gas_limit = 0;
    Hash256 prev_randao;
    Uint256 base_fee;  ///< wei per gas
    uint64_t excess_blob_gas = 0;
    uint64_t chain_id = 1;
    state::BlockHashLookup block_hash;  ///< BLOCKHASH; null answers zero
    FeeSink* fee_sink = nullptr;        ///< null: priority fees are credited to the coinbase

    /// EIP-4844 blob base fee from excess_blob_gas under the fork's update fraction, wei per
    /// blob gas.
    Uint256 blob_base_fee(evm::Revision rev) const noexcept;
};

/// EIP-4844 fake_exponential: factor * e^(numerator / denominator), in integers.
/// Saturates at 2^256 - 1. Precondition: denominator > 0.
Uint256 fake_exponential(uint64_t factor, uint64_t numerator, uint64_t denominator) noexcept;

/// Gas charged before execution: 21000 (53000 for a creation), 4 per zero and 16 per non-zero
/// data byte, 2400 per access-list address and 1900 per key (EIP-2930), 2 per init code word
/// (EIP-3860, Shanghai on), 25000 per authorization (EIP-7702).
uint64_t intrinsic_gas(const Transaction& txn, evm::Revision rev) noexcept;

/// EIP-7702: applies `authorizations` in order, skipping each one that fails a check (chain id,
/// nonce, signature, an authority with code other than a delegation), and returns the refund
/// for authorities that already existed (12500 each). Called after the sender's nonce is
/// raised, so a sender authorizing itself signs its nonce + 1.
uint64_t apply_authorizations(state::State& state, uint64_t chain_id,
                              std::span<const Authorization> authorizations);

/// EIP-7623 (Prague on): the least gas a transaction pays, 21000 + 10 per calldata token (a zero
/// byte is one token, any other byte four); 0 before Prague.
uint64_t floor_data_gas(const Transaction& txn, evm::Revision rev) noexcept;

/// The price per gas the sender pays: gas_price, or for EIP-1559 transactions
/// base_fee + min(max_priority_fee, max_fee - base_fee). Precondition: the fee caps were validated.
Uint256 effective_gas_price(const Transaction& txn, const Uint256& base_fee) noexcept;

/// The checks that need no state: type and revision, chain id, gas limit against the block,
/// fee caps against the base fee, blob rules, intrinsic gas, init code size, nonce maximum.
/// The most the sender may have to pay: gas_limit * max price + value (+ blob gas * max blob
/// fee); nullopt when that does not fit 256 bits (no balance can pay it).
std::optional<Uint256> max_cost(const Transaction& txn) noexcept;

Result<void> check_transaction(const BlockEnv& env, const Transaction& txn, evm::Revision rev);

/// check_transaction plus the checks against the sender's account, read through `state`:
/// nonce, EIP-3607 (no code), and a balance covering gas_limit * max price + value + blob gas.
/// Changes nothing. The block executor separately checks gas_limit against the gas the block
/// has left.
Result<void> validate_transaction(state::State& state, const BlockEnv& env, const Transaction& txn,
                                  const Address& sender, evm::Revision rev);

/// What a transaction asks of the state once its sender is known (geth's core.Message): what
/// both a block's transactions (apply_transaction, through to_message) and the JSON-RPC's
/// calls (eth_call, eth_estimateGas, debug tracing: no signature, the fields the call gives)
/// execute. The views belong to the caller and must outlive apply_message.
struct Message {
    Address from;
    std::optional<Address> to;  ///< nullopt: a contract creation
    uint64_t nonce = 0;         ///< checked against the sender's when MessageChecks::nonce
    uint64_t gas_limit = 0;
    Uint256 gas_price;    ///< wei per gas paid and seen by GASPRICE (a transaction's effective)
    Uint256 gas_fee_cap;  ///< max fee per gas: checked against the base fee, covered by the balance
    Uint256 gas_tip_cap;  ///< max priority fee per gas
    Uint256 value;        ///< wei
    BytesView data;       ///< call data, or init code for a creation
    std::span<const AccessListEntry> access_list;   ///< EIP-2930
    std::span<const Authorization> authorizations;  ///< EIP-7702, applied before the call
    std::span<const Hash256> blob_hashes;           ///< EIP-4844
    Uint256 blob_fee_cap;                           ///< max fee per blob gas, wei
};

/// The message of `txn` from `sender` (already recovered) in a block whose base fee is
/// `base_fee`: its gas price is effective_gas_price(txn, base_fee). Precondition: the fee caps
/// were validated (check_transaction). The message views `txn`.
Message to_message(const Transaction& txn, const Address& sender, const Uint256& base_fee) noexcept;

/// Which of geth's pre-execution checks apply_message makes. A block's transaction takes them
/// all (the defaults); a JSON-RPC call takes geth's call semantics (`call()`): no nonce and no
/// sender-code check, and a message with zero fee cap and tip (a call without a price) skips
/// the fee checks and pays nothing, geth's NoBaseFee (the balance then covers the value alone).
/// What the JSON-RPC does besides (its gas cap, the missing signature, a zero base fee for a
/// call without a price) is in how it builds the message and the block (rpc/execution.cpp).
struct MessageChecks {
    bool nonce = true;            ///< the nonce is the sender's, and not 2^64 - 1 (EIP-2681)
    bool sender_code = true;      ///< EIP-3607: the sender has no code but a delegation (EIP-7702)
    bool zero_fees_free = false;  ///< zero fee cap and tip skip the fee checks (NoBaseFee)

    /// geth's checks for eth_call, eth_estimateGas and debug_traceCall.
    static constexpr MessageChecks call() noexcept { return {false, false, true}; }
};

/// The result of one applied transaction.
struct TxResult {
    Receipt receipt;                         ///< cumulative_gas_used holds this transaction's gas;
                                             ///< the block executor makes it cumulative
    uint64_t gas_used = 0;                   ///< after the refund
    uint64_t refunded = 0;                   ///< the refund granted (EIP-3529, EIP-7702)
    /// The most gas the execution held before the refund, at least the EIP-7623 floor (geth's
    /// ExecutionResult.MaxUsedGas; eth_simulateV1's maxUsedGas).
    uint64_t max_used_gas = 0;
    std::optional<Address> created_address;  ///< a successful contract creation
    evm::Status status = evm::Status::kSuccess;  ///< the outcome of the top frame
    Bytes output;                                ///< return or revert data of the top frame
    uint32_t precompiles_called = 0;             ///< bit evm::precompile_bit(a): a ran
};

/// geth's state transition (core/state_transition.go), the one implementation of a transaction's
/// setup and settlement: checks `msg` against `state` in geth's order — the nonce and the
/// sender's code (as `checks` says), the fee caps against the base fee, a gas limit within
/// 2^63 - 1, a balance covering gas_limit * fee cap + value (+ blob gas * blob fee cap), the
/// intrinsic gas, the EIP-7623 floor, the init code size (EIP-3860) and the value after the
/// gas — each failure an Errc with geth's detail as context ("address 0x.., tx: 5 state: 3"),
/// the state unchanged. Then: buys gas_limit gas at gas_price (and the blob gas at the blob base
/// fee), raises the nonce, warms the sender, the target, the coinbase, the precompiles and the
/// access list (EIP-2929, EIP-2930, EIP-3651), applies the authorizations and warms a delegated
/// target's delegate (EIP-7702), runs the message with `tracer` (may be null) watching, gives
/// back the unused gas and the refund (capped at gas_used / 5, EIP-3529), charges at least the
/// floor, pays the coinbase the priority fee per gas used (or env.fee_sink takes it), burns the
/// base fee and the blob fee, and ends the transaction in `state`.
Result<TxResult> apply_message(state::State& state, const BlockEnv& env, const Message& msg,
                               evm::Revision rev, const MessageChecks& checks = {},
                               evm::Tracer* tracer = nullptr);

/// Validates and executes `txn` from `sender` (already recovered) on `state`: check_transaction,
/// then apply_message with every check. An invalid transaction returns its Errc and leaves the
/// state unchanged.
Result<TxResult> apply_transaction(state::State& state, const BlockEnv& env, const Transaction& txn,
                                   const Address& sender, evm::Revision rev);

}  // namespace yao::chain
