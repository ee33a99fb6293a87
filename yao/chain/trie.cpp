// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "trie.hpp"

#include <algorithm>

#include <yao/common/keccak.hpp>
#include <yao/common/rlp.hpp>

namespace yao::chain {
namespace {

// A key as nibbles (4-bit values), the trie's path alphabet.
using Nibbles = std::basic_string<uint8_t>;

struct PathEntry {
    Nibbles path;
    BytesView value;
};

Nibbles to_nibbles(BytesView key) {
    Nibbles n(key.size() * 2, 0);
    for (size_t i = 0; i < key.size(); ++i) {
        n[2 * i] = key[i] >> 4;
        n[2 * i + 1] = key[i] & 0x0f;
    }
    return n;
}

// Hex-prefix encoding of a partial path (Yellow Paper appendix C): a flag nibble carries
// "leaf" (2) and "odd length" (1); an even path gets a zero pad nibble.
Bytes hex_prefix(BytesView nibbles, bool leaf) {
    const bool odd = nibbles.size() % 2 == 1;
    Bytes out;
    out.reserve(nibbles.size() / 2 + 1);
    const uint8_t flag = static_cast<uint8_t>((leaf ? 2 : 0) + (odd ? 1 : 0));
    size_t i = 0;
    if (odd) {
        out.push_back(static_cast<uint8_t>((flag << 4) | nibbles[0]));
        i = 1;
    } else {
        out.push_back(static_cast<uint8_t>(flag << 4));
    }
    for (; i < nibbles.size(); i += 2)
        out.push_back(static_cast<uint8_t>((nibbles[i] << 4) | nibbles[i + 1]));
    return out;
}

// A child reference: nodes shorter than 32 bytes are embedded, longer ones are hashed.
void append_reference(Bytes& out, const Bytes& node) {
    if (node.size() < 32)
        out += node;
    else
        rlp::encode_string(out, keccak256(node).view());
}

// Encodes the node for entries[begin, end), all of which share path[0, depth).
Bytes build_node(std::span<const PathEntry> entries, size_t depth) {
    Bytes payload;
    Bytes node;
    if (entries.size() == 1) {
        const PathEntry& e = entries[0];
        rlp::encode_string(payload, hex_prefix(BytesView{e.path}.substr(depth), true));
        rlp::encode_string(payload, e.value);
        rlp::encode_list(node, payload);
        return node;
    }

    // Longest common prefix beyond `depth`: sorted input means first and last bound it.
    const Nibbles& first = entries.front().path;
    const Nibbles& last = entries.back().path;
    size_t common = depth;
    while (common < first.size() && common < last.size() && first[common] == last[common])
        ++common;
    if (common > depth) {
        rlp::encode_string(payload, hex_prefix(BytesView{first}.substr(depth, common - depth), false));
        append_reference(payload, build_node(entries, common));
        rlp::encode_list(node, payload);
        return node;
    }

    // Branch: an entry whose path ends here is the branch value; the rest split by next nibble.
    size_t i = 0;
    BytesView branch_value;
    if (entries[0].path.size() == depth) {
        branch_value = entries[0].value;
        i = 1;
    }
    for (uint8_t nibble = 0; nibble < 16; ++nibble) {
        const size_t start = i;
        while (i < entries.size() && entries[i].path[depth] == nibble) ++i;
        if (i == start)
            rlp::encode_string(payload, {});
        else
            append_reference(payload, build_node(entries.subspan(start, i - start), depth + 1));
    }
    rlp::encode_string(payload, branch_value);
    rlp::encode_list(node, payload);
    return node;
}

}  // namespace

Hash256 trie_root(std::vector<TrieEntry> entries) {
    std::erase_if(entries, [](const TrieEntry& e) { return e.value.empty(); });
    if (entries.empty()) return kEmptyTrieRoot;
    std::vector<PathEntry> paths;
    paths.reserve(entries.size());
    for (const TrieEntry& e : entries) paths.push_back({to_nibbles(e.key), e.value});
    std::sort(paths.begin(), paths.end(),
              [](const PathEntry& a, const PathEntry& b) { return a.path < b.path; });
    return keccak256(build_node(paths, 0));
}

Hash256 ordered_trie_root(std::span<const Bytes> values) {
    std::vector<TrieEntry> entries;
    entries.reserve(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
        Bytes key;
        rlp::encode_uint(key, uint64_t{i});
        entries.push_back({std::move(key), values[i]});
    }
    return trie_root(std::move(entries));
}

}  // namespace yao::chain
