// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <map>

#include <yao/chain/trie.hpp>
#include <yao/common/keccak.hpp>

#include "test_util/vectors.hpp"

namespace yao::chain {
namespace {

using test::hex;

// ethereum/tests TrieTests (any-order, ordered with updates and deletions, secure) and larger
// synthetic ordered tries. Updates and deletions are applied to a map first: a trie's root
// depends only on its final contents.
TEST(TrieVectors, RootsMatchPublishedValues) {
    const auto doc = test::load_vectors("trie.json");
    EXPECT_EQ(to_hex(kEmptyTrieRoot.view()), doc.at("empty_root").get<std::string>());
    EXPECT_EQ(kEmptyTrieRoot, keccak256(Bytes{0x80}));
    size_t checked = 0;
    for (const auto& t : doc.at("tests")) {
        SCOPED_TRACE(t.at("name").get<std::string>());
        const bool secure = t.at("secure").get<bool>();
        std::map<Bytes, Bytes> contents;
        for (const auto& op : t.at("in")) {
            Bytes key = hex(op.at(0));
            if (secure) key = Bytes{keccak256(key).view()};
            if (op.at(1).is_null())
                contents.erase(key);
            else
                contents[key] = hex(op.at(1));
        }
        std::vector<TrieEntry> entries;
        for (auto& [k, v] : contents) entries.push_back({k, v});
        EXPECT_EQ(to_hex(trie_root(std::move(entries)).view()), t.at("root").get<std::string>());
        ++checked;
    }
    EXPECT_GE(checked, 20u);
}

TEST(Trie, InsertionOrderDoesNotMatter) {
    std::vector<TrieEntry> a;
    for (uint8_t i = 0; i < 50; ++i) a.push_back({Bytes{i, static_cast<uint8_t>(i * 7)}, Bytes(40, i)});
    std::vector<TrieEntry> b(a.rbegin(), a.rend());
    EXPECT_EQ(trie_root(a), trie_root(b));
    EXPECT_NE(trie_root(a), kEmptyTrieRoot);
}

TEST(Trie, EmptyValuesAreAbsentKeys) {
    std::vector<TrieEntry> with_empty{{Bytes{1}, Bytes{2}}, {Bytes{3}, Bytes{}}};
    std::vector<TrieEntry> without{{Bytes{1}, Bytes{2}}};
    EXPECT_EQ(trie_root(with_empty), trie_root(without));
    EXPECT_EQ(ordered_trie_root({}), kEmptyTrieRoot);
}

}  // namespace
}  // namespace yao::chain
