// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Executing one proposal: the function every path shares (Vulcan's workers, Archive's
// re-execution, the determinism test's reference), so that the same proposal on the same state
// gives the same block byte for byte. A library of its own so that Archive does not link the
// Vulcan service to re-execute a stale block.
#include <cstdint>
#include <functional>
#include <optional>

#include <yao/chain/fork.hpp>
#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/proto/messages.hpp>
#include <yao/state/state_view.hpp>

namespace yao::execution {

/// The hash of a committed block: nullopt when the block is not committed (yet), an Error when
/// it could not be read (a database or service failure), which fails the execution.
using BlockHashReader = std::function<Result<std::optional<Hash256>>(uint64_t number)>;

/// Executes `proposal` on the pre-state `view`, as block `proposal.number` of the chain `rules`
/// describe, under the fork its timestamp falls in. Transactions that are invalid on that state
/// (geth's checks: nonce, balance, fee caps, intrinsic gas, the block's gas left; blob transactions
/// are not admitted) are left out and listed in `dropped` with geth's error text; the others run in
/// order.
///
/// Priority fees are deferred (ExecutionResult::coinbase_fee) as long as the block does not read
/// the coinbase account; from its first read on, they are credited in the state as usual, the
/// read reports the fees deferred so far, and `diff` carries the coinbase.
///
/// BLOCKHASH answers come from `block_hashes` (zero for unknown blocks) and are listed in
/// `block_hash_reads`. A hash that cannot be read is no "unknown block": the EVM cannot stop on
/// it, so the block runs on, but the execution fails with the first such error (the caller
/// tries again later), never a block computed with a zero hash for a block that exists. From Prague
/// on, the EIP-2935 history write is left to the committer and the history contract's ring slots
/// are read as history.hpp says (`history_reads`). `reads` is left empty: the caller takes the read
/// set from its view. Deterministic: the result depends only on the proposal, `rules` and the
/// values the view and `block_hashes` return.
Result<proto::ExecutionResult> execute_block(const proto::Proposal& proposal,
                                             state::StateView& view,
                                             const BlockHashReader& block_hashes,
                                             const chain::ChainRules& rules);

/// What a result changes, as one hash: keccak256(encode_state_diff(diff) || coinbase_fee as 32
/// bytes). A block that executed on top of an uncommitted result names it by this digest
/// (ExecutionResult::speculated_on), and the committer compares it with what it committed.
Hash256 result_digest(const proto::ExecutionResult& result);

}  // namespace yao::execution
