// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The execution methods of JSON-RPC, as geth answers them: eth_call, eth_estimateGas,
// eth_createAccessList (this file) and debug_traceTransaction / debug_traceCall (trace.hpp).
// Calls run on the state after the requested block with that block's header as the block
// context, geth's call semantics (no nonce or EOA check; a zero gas price pays no fee and sees a
// zero BASEFEE), optional state and block overrides.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <yao/chain/processor.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/common/bytes.hpp>
#include <yao/common/uint256.hpp>
#include <yao/evm/host.hpp>
#include <yao/evm/tracer.hpp>
#include <yao/state/state.hpp>
#include <yao/state/state_view.hpp>

#include "backend.hpp"
#include "json_codec.hpp"
#include "types.hpp"

namespace yao::rpc {

/// Limits of the execution methods.
struct ExecutionOptions {
    /// geth's --rpc.gascap: the gas of a call without "gas", and the most any call may use.
    /// 0: no cap.
    uint64_t gas_cap = 50'000'000;
    /// eth_estimateGas stops its binary search when (hi - lo) / hi falls below this. 0 finds the
    /// smallest gas limit that succeeds; geth's RPC uses 0.015.
    double estimate_error_ratio = 0.0;
    /// The most memory one struct-logger trace may take (estimated); past it the trace fails
    /// with "trace exceeds N MiB".
    size_t max_trace_bytes = 256u << 20;
};

/// A call as eth_call, eth_estimateGas, eth_createAccessList and debug_traceCall take it
/// (geth's TransactionArgs).
struct CallArgs {
    std::optional<Address> from;
    std::optional<Address> to;
    std::optional<uint64_t> gas;
    std::optional<Uint256> gas_price;
    std::optional<Uint256> max_fee_per_gas;
    std::optional<Uint256> max_priority_fee_per_gas;
    std::optional<Uint256> value;
    std::optional<uint64_t> nonce;
    std::optional<Bytes> data;  ///< "input", or "data" when equal or alone
    std::optional<chain::AccessList> access_list;
    std::optional<uint64_t> chain_id;
    std::optional<chain::AuthorizationList> authorization_list;  ///< EIP-7702 (Prague on)
};

/// Parses geth's SetCodeAuthorization objects (chainId, address, nonce, yParity or v, r, s).
RpcResult<chain::AuthorizationList> parse_authorization_list(const Json& j);

/// Parses a call object. Errors are -32602, except geth's -32000 for "data" and "input"
/// differing.
RpcResult<CallArgs> parse_call_args(const Json& j);

/// One account's override: a field present replaces the account's; `state` replaces the whole
/// storage, `state_diff` single slots.
struct AccountOverride {
    std::optional<Uint256> balance;
    std::optional<uint64_t> nonce;
    std::optional<Bytes> code;
    std::optional<std::map<Hash256, Hash256>> state;
    std::optional<std::map<Hash256, Hash256>> state_diff;
};
using StateOverrides = std::map<Address, AccountOverride>;

/// Parses the state override object {address: {balance, nonce, code, state, stateDiff}}.
/// Giving both state and stateDiff is geth's -32000 error; movePrecompileToAddress is refused
/// (-32602: precompiles cannot be moved here). `what` names the argument in error messages.
RpcResult<StateOverrides> parse_state_overrides(const Json& j, std::string_view what = "2");

/// Block context overrides (geth's BlockOverrides).
struct BlockOverrides {
    std::optional<uint64_t> number;
    std::optional<uint64_t> time;
    std::optional<uint64_t> gas_limit;
    std::optional<Address> coinbase;  ///< "feeRecipient" (or "coinbase")
    std::optional<Hash256> prev_randao;
    std::optional<Uint256> base_fee;
};
RpcResult<BlockOverrides> parse_block_overrides(const Json& j, std::string_view what = "3");

/// A StateView with overrides on top of another view. Not thread-safe.
class OverrideStateView final : public state::StateView {
public:
    /// `base` and `overrides` must outlive the view.
    OverrideStateView(state::StateView& base, const StateOverrides& overrides);

    std::optional<state::Account> account(const Address& addr) override;
    Hash256 storage(const Address& addr, const Hash256& key) override;
    Bytes code(const Hash256& code_hash) override;
    bool has_storage(const Address& addr) override;
    std::optional<Error> read_error() const override { return base_.read_error(); }

private:
    state::StateView& base_;
    const StateOverrides& overrides_;
    std::unordered_map<Hash256, Bytes> codes_;
};

/// A message ready to execute: the owning form of chain::Message the execution methods build
/// from a call's arguments (prepare_call) or from a stored transaction (replays), with the
/// checks it takes. Executed by chain::apply_message, the processor's own transaction setup.
struct CallMessage {
    Address from;
    std::optional<Address> to;
    uint64_t gas_limit = 0;
    Uint256 gas_price;    ///< what GASPRICE shows and the sender pays per gas
    Uint256 gas_fee_cap;  ///< for the balance check
    Uint256 gas_tip_cap;
    Uint256 value;
    Bytes data;
    chain::AccessList access_list;
    chain::AuthorizationList authorizations;  ///< EIP-7702, applied before the call
    uint64_t nonce = 0;
    /// Calls: geth's call checks (no nonce, no sender-code check, zero fees skip the fee
    /// checks); replayed transactions: every check.
    chain::MessageChecks checks = chain::MessageChecks::call();

    /// The message as chain::apply_message takes it (a view of this one).
    chain::Message message() const;
};

/// What a message did.
struct CallOutcome {
    evm::Status status = evm::Status::kSuccess;
    uint64_t gas_used = 0;  ///< after the refund (a receipt's gas)
    uint64_t refunded = 0;  ///< the refund granted
    /// The most gas the execution held before the refund (at least the EIP-7623 floor): geth's
    /// ExecutionResult.MaxUsedGas, eth_simulateV1's "maxUsedGas".
    uint64_t max_used_gas = 0;
    Bytes output;
    std::optional<Address> created;
    std::vector<chain::Log> logs;  ///< the logs the message left (none when it failed)
};

/// Executes `msg` on `state` like geth's ApplyMessage (chain::apply_message), then ends the
/// transaction in `state`. A message that cannot run (funds, intrinsic gas, fee caps, nonce in
/// strict mode) is -32000 with geth's error text and changes nothing. `tracer` (may be null)
/// sees the execution.
RpcResult<CallOutcome> apply_message(state::State& state, const chain::BlockEnv& env,
                                     evm::Revision rev, const CallMessage& msg,
                                     evm::Tracer* tracer);

/// geth's text for a message that cannot run (chain::apply_message's errors):
/// "insufficient funds for gas * price + value: address 0x.. have 0 want 147000", ...
std::string message_error_text(const Error& e);

/// What geth's error messages say about a failed frame beyond its status, taken from the last
/// instruction its code ran.
struct FrameFault {
    int opcode = -1;      ///< the failing instruction; -1 when unknown
    int stack_size = -1;  ///< the stack height before it
    bool is_create = false;
    std::optional<evm::Status> halt;  ///< how the code stopped (before the code deposit rules)
    bool output_starts_ef = false;    ///< the code returned starts with 0xEF (EIP-3541)
};

/// geth's text for a failed frame: "out of gas", "execution reverted", "invalid opcode: INVALID",
/// "stack underflow (0 <=> 1)", "contract creation code storage out of gas", ...
std::string vm_error_text(evm::Status status, const FrameFault& fault = {});

/// geth's name of an opcode ("ADD", "DIFFICULTY" for 0x44, "opcode 0xef not defined").
std::string opcode_name(uint8_t opcode);

/// The reason in revert data: Error(string) gives the string, Panic(uint256) geth's text for
/// the code; nullopt for anything else (custom errors, empty data).
std::optional<std::string> unpack_revert_reason(BytesView output);

/// The JSON-RPC error for a reverted call: code 3, "execution reverted[: reason]", data the
/// output as hex.
RpcError revert_error(BytesView output);

/// geth's CallDefaults checks of a call's fields that need no block: not both gasPrice and
/// EIP-1559 fees, and the node's chain id (-32000 with geth's texts).
RpcResult<void> check_fee_fields(const CallArgs& args, uint64_t chain_id);

/// An authorization list only from Prague on (-32602) and never for a creation (-32000).
RpcResult<void> check_authorizations(const CallArgs& args, evm::Revision rev);

/// geth's ToMessage: the message of `args` with `gas_limit` gas, from (zero when absent), to,
/// value, data, access list, authorizations and nonce (0 when absent), and its prices: a
/// gasPrice is all three; otherwise the fee caps, with the price backfilled as base fee + tip,
/// at most the fee cap (zero when both caps are).
CallMessage call_message(const CallArgs& args, uint64_t gas_limit, const Uint256& base_fee);

/// Everything a call at a block needs: the state (with overrides), the block context and the
/// message built from the arguments with geth's call defaults.
struct PreparedCall {
    uint64_t block_number = 0;
    std::unique_ptr<state::StateView> base;
    std::unique_ptr<StateOverrides> overrides;  ///< on the heap: `view` refers to it
    std::unique_ptr<OverrideStateView> view;
    chain::BlockEnv env;
    evm::Revision rev = evm::Revision::kCancun;  ///< the fork at env.timestamp
    CallMessage msg;
};

/// A committed transaction about to be run again, as it ran: the state before it (its block's
/// earlier transactions replayed on the state before the block), its block context, fork and
/// message. What debug_traceTransaction and the ots_ methods run their tracers over.
struct TransactionReplay {
    std::unique_ptr<state::StateView> view;  ///< the state after block - 1
    std::unique_ptr<state::State> state;     ///< over `view`, the earlier transactions applied
    chain::BlockEnv env;
    evm::Revision rev = evm::Revision::kCancun;
    CallMessage msg;
    uint64_t block = 0;  ///< the transaction's block (not 0: genesis is not traceable)
};

/// The message of a stored transaction as its block ran it (strict nonce, EOA and fee checks).
CallMessage stored_message(const storage::StoredTransaction& stored, const chain::BlockEnv& env);

/// Prepares the replay of committed transaction `hash`. Errors: -32000 `not_found` for an
/// unknown hash, "genesis is not traceable", "block #N not found"; -32603 for a store error.
/// Check checked_reads(*replay.view, replay.env, replay.block - 1, ...) on what its execution
/// gives.
RpcResult<TransactionReplay> replay_transaction(Backend& backend, const Hash256& hash,
                                                const std::string& not_found);

/// `result`, unless a read failed during the execution: of `view` (the state after `block`), then
/// -32603 "state read failed: ...", or of a BLOCKHASH header through `env` (from block_env),
/// then -32603 "block hash read failed: ..."; logged, never an answer computed on missing data.
MethodResult checked_reads(const state::StateView& view, const chain::BlockEnv& env, uint64_t block,
                           MethodResult result);

/// Resolves the block, reads its header, applies the block overrides, builds the message with
/// geth's CallDefaults/ToMessage (the gas defaults to and is capped by `options.gas_cap`), and
/// lowers the base fee to zero for a zero gas price.
RpcResult<PreparedCall> prepare_call(Backend& backend, const ExecutionOptions& options,
                                     const CallArgs& args, const BlockRef& block,
                                     StateOverrides overrides,
                                     const BlockOverrides* block_overrides);

/// The block context of block `number` as its transactions saw it. Errors: -32000 "header not
/// found" when the block is not stored, -32603 when it cannot be read. BLOCKHASH reads the
/// headers through backend.blocks() (which must outlive the env); one that fails answers zero
/// and is kept for checked_reads (block_hash_error).
RpcResult<chain::BlockEnv> block_env(Backend& backend, uint64_t number);

/// The first BLOCKHASH header read that failed in the executions on `env` (an env from
/// block_env or a copy of one; nullopt for any other env).
std::optional<Error> block_hash_error(const chain::BlockEnv& env);

/// The block `ref` names, which must be stored: geth's -32000 "header not found".
RpcResult<uint64_t> resolve_block_number(Backend& backend, const BlockRef& ref);

/// Registers eth_simulateV1 (simulate.cpp).
void register_simulate_method(MethodTable& table, Backend& backend,
                              const ExecutionOptions& options);

/// Registers eth_call, eth_estimateGas, eth_createAccessList, eth_simulateV1 and the
/// debug_trace* methods (register_trace_methods, trace.hpp). `backend` must outlive the table.
void register_execution_methods(MethodTable& table, Backend& backend,
                                const ExecutionOptions& options);

}  // namespace yao::rpc
