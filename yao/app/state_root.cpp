// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "state_root.hpp"

#include <vector>

#include <yao/chain/trie.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/rlp.hpp>
#include <yao/common/uint256.hpp>

namespace yao::app {
namespace {

void encode_uint256(Bytes& out, const Uint256& v) {
    uint8_t be[32];
    v.to_be_bytes(be);
    rlp::encode_uint_be(out, BytesView{be, 32});
}

}  // namespace

Hash256 storage_root(const std::map<Hash256, Hash256>& storage) {
    std::vector<chain::TrieEntry> entries;
    entries.reserve(storage.size());
    for (const auto& [key, value] : storage) {
        if (value.is_zero()) continue;
        Bytes encoded;
        rlp::encode_uint_be(encoded, value.view());
        entries.push_back({Bytes{keccak256(key.view()).view()}, std::move(encoded)});
    }
    return chain::trie_root(std::move(entries));
}

Hash256 mpt_state_root(const state::MemoryStateView& view) {
    std::vector<chain::TrieEntry> entries;
    entries.reserve(view.accounts().size());
    for (const auto& [addr, entry] : view.accounts()) {
        Bytes payload;
        rlp::encode_uint(payload, entry.account.nonce);
        encode_uint256(payload, entry.account.balance);
        rlp::encode_string(payload, storage_root(entry.storage).view());
        rlp::encode_string(payload, entry.account.code_hash.view());
        Bytes encoded;
        rlp::encode_list(encoded, payload);
        entries.push_back({Bytes{keccak256(addr.view()).view()}, std::move(encoded)});
    }
    return chain::trie_root(std::move(entries));
}

}  // namespace yao::app
