// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <yao/chain/errc.hpp>
#include <yao/chain/receipt.hpp>
#include <yao/chain/trie.hpp>

#include "test_util/vectors.hpp"

namespace yao::chain {
namespace {

using nlohmann::json;
using test::hex;
using test::u256;

Receipt receipt_from(const json& j) {
    Receipt r;
    r.type = static_cast<TxType>(j.at("tx_type").get<int>());
    r.success = j.at("status").get<int>() == 1;
    r.cumulative_gas_used = u256(j.at("cumulative_gas_used")).low64();
    for (const auto& l : j.at("logs")) {
        Log log;
        log.address = address_from_hex(l.at("address").get<std::string>()).value();
        for (const auto& t : l.at("topics"))
            log.topics.push_back(hash_from_hex(t.get<std::string>()).value());
        log.data = hex(l.at("data"));
        r.logs.push_back(std::move(log));
    }
    r.logs_bloom = logs_bloom(r.logs);
    return r;
}

void check_receipt(const json& j, const Receipt& r) {
    EXPECT_EQ(to_hex(r.logs_bloom.view()), j.at("bloom").get<std::string>());
    const Bytes encoded = encode_receipt(r);
    EXPECT_EQ(to_hex(encoded), j.at("encoded").get<std::string>());
    auto back = decode_receipt(encoded);
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_EQ(*back, r);
}

// Receipts of published blocks: their trie root must equal the header's receiptsRoot.
TEST(ReceiptVectors, PublishedBlocksReceiptRootsMatch) {
    const auto doc = test::load_vectors("receipts.json");
    size_t blocks = 0;
    for (const auto& b : doc.at("from_blocks")) {
        SCOPED_TRACE(b.at("block_id").get<std::string>());
        std::vector<Bytes> encoded;
        Bloom block_bloom;
        for (const auto& j : b.at("receipts")) {
            const Receipt r = receipt_from(j);
            check_receipt(j, r);
            bloom_merge(block_bloom, r.logs_bloom);
            encoded.push_back(encode_receipt(r));
        }
        EXPECT_EQ(to_hex(ordered_trie_root(encoded).view()), b.at("receipts_root").get<std::string>());
        EXPECT_EQ(to_hex(block_bloom.view()), b.at("block_logs_bloom").get<std::string>());
        ++blocks;
    }
    EXPECT_GE(blocks, 10u);
}

TEST(ReceiptVectors, SyntheticReceiptsEncodeLikeEthers) {
    const auto doc = test::load_vectors("receipts.json");
    std::vector<Bytes> encoded;
    for (const auto& j : doc.at("synthetic")) {
        SCOPED_TRACE(j.at("description").get<std::string>());
        const Receipt r = receipt_from(j);
        check_receipt(j, r);
        encoded.push_back(encode_receipt(r));
    }
    EXPECT_EQ(to_hex(ordered_trie_root(encoded).view()),
              doc.at("synthetic_list_root").get<std::string>());
}

TEST(Receipt, BadEncodingsAreRejected) {
    Receipt r;
    r.type = TxType::kDynamicFee;
    r.success = true;
    r.cumulative_gas_used = 21000;
    const Bytes good = encode_receipt(r);
    EXPECT_TRUE(decode_receipt(good));
    EXPECT_EQ(decode_receipt(Bytes{}).error(), Errc::kEmptyInput);
    Bytes unknown_type = good;
    unknown_type[0] = 0x05;
    EXPECT_EQ(decode_receipt(unknown_type).error(), Errc::kUnsupportedTxType);
    Bytes trailing = good;
    trailing.push_back(0);
    EXPECT_FALSE(decode_receipt(trailing));
}

TEST(Bloom, TransferEventSetsExactlyTheExpectedBits) {
    // Each added item sets at most 3 bits; one address + 3 topics set at most 12.
    Log log;
    log.address = address_from_hex("0x095e7baea6a6c7c4c2dfeb977efac326af552d87").value();
    log.topics.push_back(
        hash_from_hex("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef").value());
    const std::vector<Log> logs{log};
    const Bloom b = logs_bloom(logs);
    int bits = 0;
    for (size_t i = 0; i < Bloom::size(); ++i) bits += __builtin_popcount(b[i]);
    EXPECT_GT(bits, 0);
    EXPECT_LE(bits, 6);
}

}  // namespace
}  // namespace yao::chain
