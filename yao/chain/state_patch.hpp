// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// A state patch: what a development node's helpers (anvil_setBalance, hardhat_setCode,
// evm_revert, anvil_loadState, impersonated senders, ...) put into a block besides its
// transactions. Writing state outside a transaction is still a block here: the patch travels in
// the proposal, is applied before the block's first transaction by every execution of the block
// (Vulcan, Archive's re-execution, `yaoverse verify`), is stored with the block, and the block's
// header commits to it (extraData = keccak256 of its encoding), so that the chain stays
// re-executable and its hash says that it was patched. docs/rpc.md "Development helpers".
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include <yao/common/address.hpp>
#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/common/hash.hpp>
#include <yao/common/uint256.hpp>

namespace yao::chain {

/// What a patch sets on one account; unset fields keep their value. A patched account that did
/// not exist is created (empty) first, so that storage can be set on it.
struct AccountPatch {
    Address address;
    std::optional<Uint256> balance;
    std::optional<uint64_t> nonce;
    std::optional<Bytes> code;                       ///< empty: the code is removed
    std::vector<std::pair<Hash256, Hash256>> storage;  ///< (slot, value), sorted by slot, unique
    friend bool operator==(const AccountPatch&, const AccountPatch&) = default;
};

struct StatePatch {
    std::vector<AccountPatch> accounts;  ///< sorted by address, unique
    /// Transactions of the block whose sender is the one recorded with them rather than the one
    /// their signature recovers (impersonated accounts); sorted, unique.
    std::vector<Hash256> unsigned_txs;

    bool empty() const noexcept { return accounts.empty() && unsigned_txs.empty(); }
    friend bool operator==(const StatePatch&, const StatePatch&) = default;
};

/// Sorts accounts and slots and merges duplicates (a later entry's set fields win), so that the
/// patch is canonical, and drops slots of the EIP-2935 history contract: its ring holds this
/// chain's own block hashes (execute_block ignores such slots in any patch).
void normalize(StatePatch& patch);

/// Canonical RLP: [[address, [balance]?, [nonce]?, [code]?, [[slot, value], ...]], ...],
/// [hash, ...]]; an unset field is an empty list. Precondition: normalized.
Bytes encode_state_patch(const StatePatch& patch);
/// The inverse; refuses anything encode_state_patch would not produce (chain::Errc or rlp::Errc).
Result<StatePatch> decode_state_patch(BytesView encoded);

/// The header's extraData for a block carrying `patch`: keccak256 of its encoding (32 bytes, the
/// most extraData may hold); empty for an empty patch.
Bytes patch_extra_data(const StatePatch& patch);

}  // namespace yao::chain
