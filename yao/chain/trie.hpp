// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <span>
#include <utility>
#include <vector>

#include <yao/common/bytes.hpp>

namespace yao::chain {

/// Root of the empty Merkle-Patricia trie: keccak256(rlp("")).
inline constexpr Hash256 kEmptyTrieRoot{{0x56, 0xe8, 0x1f, 0x17, 0x1b, 0xcc, 0x55, 0xa6,
                                         0xff, 0x83, 0x45, 0xe6, 0x92, 0xc0, 0xf8, 0x6e,
                                         0x5b, 0x48, 0xe0, 0x1b, 0x99, 0x6c, 0xad, 0xc0,
                                         0x01, 0x62, 0x2f, 0xb5, 0xe3, 0x63, 0xb4, 0x21}};

/// One key/value pair of a trie. Empty values are absent keys (Ethereum never stores them).
struct TrieEntry {
    Bytes key;
    Bytes value;
};

/// Root hash of the Merkle-Patricia trie (Yellow Paper appendix D) holding `entries`. Keys must be
/// distinct; order does not matter (the entries are sorted in place). Built in one pass over the
/// sorted keys, without storing nodes: this is a root calculator, not a database.
Hash256 trie_root(std::vector<TrieEntry> entries);

/// Root of an ordered list as Ethereum builds transactionsRoot and receiptsRoot: the key of item i
/// is rlp(i), the value the item's encoding.
Hash256 ordered_trie_root(std::span<const Bytes> values);

}  // namespace yao::chain
