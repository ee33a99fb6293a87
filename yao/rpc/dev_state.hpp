// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The state images of the development helpers as patches and as Anvil's state JSON
// (anvil_dumpState / anvil_loadState, `yaoverse dev --state FILE`), and the node descriptions
// anvil_nodeInfo / hardhat_metadata answer.
#include <yao/chain/state_patch.hpp>
#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/storage/chain_store.hpp>

#include "backend.hpp"
#include "eth_methods.hpp"
#include "types.hpp"

namespace yao::rpc {

/// The patch that writes every account and slot of `image` (an absent account becomes empty,
/// which deletes it; a slot zero is cleared).
chain::StatePatch patch_from_image(const storage::StateImage& image);
/// The patch restoring the state after block `since` wherever it changed since (evm_revert;
/// since 0: anvil_reset / hardhat_reset).
RpcResult<chain::StatePatch> restore_patch(Backend& b, uint64_t since);

/// Anvil's state JSON for the whole state in `image`:
/// {"accounts": {address: {"nonce", "balance", "code", "storage": {slot: value}}}}.
Json state_json(const storage::StateImage& image);
/// The head state as state_json.
RpcResult<Json> dump_state(Backend& b);
/// A patch that sets every account of a state JSON (Anvil's dump or ours; gzip-compressed as
/// Anvil writes it, or plain): all four fields of each account. Errors name what is wrong.
Result<chain::StatePatch> state_patch_from_json(BytesView data);
/// state_patch_from_json with the error as invalid params.
RpcResult<chain::StatePatch> load_state_patch(BytesView data);

/// anvil_nodeInfo and hardhat_metadata.
Json node_info(Backend& b, const EthOptions& o);
Json node_metadata(Backend& b, const EthOptions& o);

}  // namespace yao::rpc
