// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Helpers shared by the Ethereum method files: argument checks worded like geth's, block
// references resolved against the chain, and log filter criteria.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include <yao/chain/receipt.hpp>
#include <yao/common/bytes.hpp>

#include "backend.hpp"
#include "json_codec.hpp"
#include "types.hpp"

namespace yao::rpc {

/// Checks the positional params like geth: null or an array; at least `required` and at most
/// `max` elements. Trailing nulls count as absent. Errors (-32602): "non-array args", "missing
/// value for required argument N", "too many arguments, want at most N".
RpcResult<void> check_arity(const Json& params, size_t required, size_t max);

/// The number of the block `ref` names: tags and numbers up to the head, hashes of stored
/// blocks. nullopt when there is no such block (a number above the head, an unknown hash).
/// "pending", "safe" and "finalized" are the head: blocks are final when committed and there is
/// no pending block (the sequencer has not proposed it yet).
RpcResult<std::optional<uint64_t>> resolve_block(Backend& backend, const BlockRef& ref);

/// The block `ref` names with its full transactions; nullopt when there is none.
RpcResult<std::optional<storage::StoredBlock>> find_block(Backend& backend, const BlockRef& ref);

/// Like resolve_block, but an unknown block is geth's -32000 "header not found" (by number) or
/// "header for hash not found" (by hash), as the state methods answer.
RpcResult<uint64_t> resolve_state_block(Backend& backend, const BlockRef& ref);
/// The StateService's name for the state after block `number`: the head's own tables (nullopt)
/// from the head on, the history tables before it.
vulcan::AtBlock state_block(Backend& backend, uint64_t number);

/// A log filter as eth_getLogs / eth_newFilter / eth_subscribe("logs") take it.
struct LogCriteria {
    std::optional<BlockRef> from_block;  ///< absent: latest
    std::optional<BlockRef> to_block;    ///< absent: latest
    std::optional<Hash256> block_hash;   ///< exclusive with from/to
    std::vector<Address> addresses;      ///< empty: any
    std::array<std::vector<Hash256>, 4> topics{};  ///< per position; empty: wildcard
    size_t topic_positions = 0;          ///< positions given (a log needs at least as many topics)
};

/// Parses a filter object. Errors (-32602 / -32000 like geth): not an object, bad addresses or
/// topics, more than 4 topic positions ("exceed max topics"), blockHash together with
/// fromBlock/toBlock.
RpcResult<LogCriteria> parse_log_criteria(const Json& j, std::string_view what);

/// True when `log` passes the address and topic parts of `c` (the block range is not checked).
bool log_matches(const LogCriteria& c, const chain::Log& log);

/// The store's filter for the blocks [from, to] with the address and topic parts of `c`.
storage::LogFilter to_store_filter(const LogCriteria& c, uint64_t from, uint64_t to,
                                   size_t limit);

/// A random 128-bit identifier as "0x" + 32 hex digits (filter and subscription ids).
std::string random_id();

}  // namespace yao::rpc
