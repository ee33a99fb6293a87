// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The Ethereum JSON-RPC methods of YaoPortal over a Backend (DESIGN.md section 2), answering the
// way geth does: eth_* (chain, state, blocks, transactions, receipts, logs, fees, signing with
// the development accounts), filters and subscriptions, net_*, web3_*, txpool_*, and the
// development clock and mining methods evm_*. eth_call, eth_estimateGas, eth_createAccessList and
// debug_* are registered by register_execution_methods (execution.hpp).
//
// Choices where geth has no single answer for this chain:
// - "pending" is the latest block for blocks, balances, code and storage (the sequencer has not
//   proposed a pending block yet); eth_getTransactionCount(addr, "pending") counts the pool.
// - eth_mining is false (no proof of work; the sequencer proposes blocks), eth_hashrate "0x0".
// - eth_getProof is -32601 with a message saying why: there is no Merkle-Patricia state trie
//   (DESIGN.md section 3), so there are no proofs to give.
// - eth_feeHistory's baseFeePerBlobGas is "0x1" (excessBlobGas is always 0: the minimum blob
//   base fee) and blobGasUsedRatio is 0.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include <yao/common/uint256.hpp>

#include "backend.hpp"
#include "types.hpp"

namespace yao::rpc {

struct LogCriteria;

/// Settings of the Ethereum methods.
struct EthOptions {
    /// web3_clientVersion.
    std::string client_version = "YaoVerse/v0.1.0/linux-amd64";
    /// eth_getLogs: most blocks one query may span (-32005 "query exceeds max block range N").
    uint64_t max_log_block_range = 10'000;
    /// eth_getLogs: most logs one query may return (-32005 "query returned more than N results").
    size_t max_log_results = 10'000;
    /// Filters not polled for this long are removed (geth: 5 minutes).
    std::chrono::milliseconds filter_timeout = std::chrono::minutes{5};
    /// The priority fee suggested when recent blocks paid none (geth: the miner's gas price,
    /// 0.001 gwei). eth_maxPriorityFeePerGas otherwise is the 60th percentile of the lowest tips
    /// of the last 20 blocks, like geth's oracle.
    Uint256 default_priority_fee = Uint256{1'000'000};
    /// eth_feeHistory: most blocks per query (geth: 1024).
    uint64_t max_fee_history = 1024;
    /// eth_feeHistory: most reward percentiles per query (geth: 100).
    size_t max_fee_history_percentiles = 100;
    /// Polled filters alive at once (eth_newFilter & co.); past it: -32005.
    size_t max_filters = 256;
    /// Changes one polled filter keeps between polls; past it the oldest are dropped.
    size_t max_filter_changes = 10'000;
    /// eth_subscribe subscriptions of one WebSocket connection; past it: -32005.
    size_t max_subscriptions_per_connection = 128;
    /// The development helpers (evm_mine, evm_setNextBlockTimestamp, evm_increaseTime,
    /// anvil_mine, hardhat_mine): a dev node's clock and mining. Off: they are not registered
    /// (method not found), as in a cluster, where a client must not drive the sequencer.
    bool dev_methods = true;
};

/// Most blocks one anvil_mine / hardhat_mine call mines (each is a real, committed block).
inline constexpr uint64_t kMaxMineBlocks = 10'000;

/// Registers every method this file lists into `table`. `backend` and `table` must outlive the
/// registered methods (they keep references); the filter state lives as long as the methods.
void register_eth_methods(MethodTable& table, Backend& backend, const EthOptions& options);

/// The parts of register_eth_methods, for tests and for servers that want a subset.
/// Chain, state, blocks and headers, transactions, receipts, logs and fees.
void register_chain_methods(MethodTable& table, Backend& backend, const EthOptions& options);
/// net_*, web3_*, txpool_*, evm_*, the constant eth_* answers (syncing, mining, uncles),
/// eth_config, eth_capabilities, and the spec's methods this chain cannot serve (eth_getProof,
/// debug_executionWitness, debug_setHead, the proof-of-work methods: -32601 with the reason).
void register_node_methods(MethodTable& table, Backend& backend, const EthOptions& options);
/// The state-writing development helpers (dev_methods.cpp); only with options.dev_methods.
void register_dev_state_methods(MethodTable& table, Backend& backend, const EthOptions& options);
/// eth_accounts, eth_sign, eth_signTransaction, eth_sendTransaction, eth_signTypedData_v4.
/// eth_sendTransaction asks `table` for "eth_estimateGas" at call time when no gas is given.
void register_account_methods(MethodTable& table, Backend& backend, const EthOptions& options);
/// eth_newFilter, eth_newBlockFilter, eth_newPendingTransactionFilter, eth_getFilterChanges,
/// eth_getFilterLogs, eth_uninstallFilter, eth_subscribe, eth_unsubscribe.
void register_filter_methods(MethodTable& table, Backend& backend, const EthOptions& options);

/// debug_getRawHeader, debug_getRawBlock, debug_getRawReceipts, debug_getRawTransaction and
/// debug_getBadBlocks (raw_methods.cpp).
void register_raw_methods(MethodTable& table, Backend& backend);

/// eth_getLogs: the logs matching `criteria`, as a JSON array, with the block range and result
/// limits of `options`.
MethodResult query_logs(Backend& backend, const EthOptions& options, const LogCriteria& criteria);

/// The priority fee eth_maxPriorityFeePerGas suggests (see EthOptions::default_priority_fee).
Uint256 suggest_priority_fee(Backend& backend, const EthOptions& options);

}  // namespace yao::rpc
