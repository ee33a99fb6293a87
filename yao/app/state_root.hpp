// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <map>

#include <yao/common/bytes.hpp>
#include <yao/state/state_view.hpp>

namespace yao::app {

/// Root of the secure storage trie: keys keccak256(slot), values rlp(value without leading
/// zeros). Zero values are absent.
Hash256 storage_root(const std::map<Hash256, Hash256>& storage);

/// Ethereum's Merkle-Patricia state root over every account of `view`: keys keccak256(address),
/// values rlp([nonce, balance, storage_root, code_hash]). YaoVerse does not keep this trie; the
/// state-test runner uses it as an oracle to compare with the fixtures' post-state hashes.
Hash256 mpt_state_root(const state::MemoryStateView& view);

}  // namespace yao::app
