// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The state a block changed, and the chained state commitment of DESIGN.md section 3:
//   stateRoot(N) = keccak256(stateRoot(N-1) || keccak256(encode(diff(N))))
// with stateRoot(-1) = 32 zero bytes, so genesis is keccak256(0^32 || keccak256(encode(alloc))).
#include <optional>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>

#include "state_view.hpp"

namespace yao::state {

/// The state a block changed, sorted: accounts by address, storage by (address, slot), code by
/// hash; each key at most once.
struct StateDiff {
    struct AccountEntry {
        Address address;
        std::optional<Account> account;  ///< nullopt: deleted
        friend bool operator==(const AccountEntry&, const AccountEntry&) = default;
    };
    struct StorageEntry {
        Address address;
        Hash256 slot;
        Hash256 value;  ///< zero: deleted
        friend bool operator==(const StorageEntry&, const StorageEntry&) = default;
    };
    struct CodeEntry {
        Hash256 code_hash;
        Bytes code;
        friend bool operator==(const CodeEntry&, const CodeEntry&) = default;
    };
    std::vector<AccountEntry> accounts;
    std::vector<StorageEntry> storage;
    std::vector<CodeEntry> code;
    friend bool operator==(const StateDiff&, const StateDiff&) = default;
};

/// The canonical encoding the commitment hashes:
///   rlp([ [[address, nonce, balance, code_hash] | [address] (deleted), ...],
///         [[address, slot, value], ...],
///         [code_hash, ...] ])
/// Fails (kInvalidArgument) when the entries are not sorted or a key repeats.
Result<Bytes> encode_state_diff(const StateDiff& diff);

/// keccak256(parent_root || keccak256(encode_state_diff(diff))).
Result<Hash256> chained_state_root(const Hash256& parent_root, const StateDiff& diff);

/// Sorts the entries into the canonical order (stable for equal keys is not needed: keys must
/// be unique).
void sort_state_diff(StateDiff& diff);

}  // namespace yao::state
