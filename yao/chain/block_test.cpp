// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <yao/chain/block.hpp>
#include <yao/chain/errc.hpp>
#include <yao/chain/trie.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/rlp.hpp>

#include "test_util/vectors.hpp"

namespace yao::chain {
namespace {

using nlohmann::json;
using test::hex;
using test::u256;

template <size_t N>
FixedBytes<N> fixed(const json& j) {
    return fixed_from_hex<N>(j.get<std::string>()).value();
}

// Builds a header from the vector's named fields, independently of our decoder.
BlockHeader header_from_fields(const json& f, int field_count) {
    BlockHeader h;
    h.parent_hash = fixed<32>(f.at("parent_hash"));
    h.ommers_hash = fixed<32>(f.at("ommers_hash"));
    h.coinbase = fixed<20>(f.at("beneficiary"));
    h.state_root = fixed<32>(f.at("state_root"));
    h.transactions_root = fixed<32>(f.at("transactions_root"));
    h.receipts_root = fixed<32>(f.at("receipts_root"));
    h.logs_bloom = fixed<256>(f.at("logs_bloom"));
    h.difficulty = u256(f.at("difficulty"));
    h.number = u256(f.at("number")).low64();
    h.gas_limit = u256(f.at("gas_limit")).low64();
    h.gas_used = u256(f.at("gas_used")).low64();
    h.timestamp = u256(f.at("timestamp")).low64();
    h.extra_data = hex(f.at("extra_data"));
    h.prev_randao = fixed<32>(f.at("mix_hash"));
    h.nonce = fixed<8>(f.at("nonce"));
    if (field_count >= 16) h.base_fee_per_gas = u256(f.at("base_fee_per_gas"));
    if (field_count >= 17) h.withdrawals_root = fixed<32>(f.at("withdrawals_root"));
    if (field_count >= 18) h.blob_gas_used = u256(f.at("blob_gas_used")).low64();
    if (field_count >= 19) h.excess_blob_gas = u256(f.at("excess_blob_gas")).low64();
    if (field_count >= 20) h.parent_beacon_block_root = fixed<32>(f.at("parent_beacon_block_root"));
    return h;
}

// Published blocks (ethereum/tests BlockchainTests, Berlin to Cancun) plus two synthetic ones:
// header RLP and hash byte for byte, whole-block decoding, transaction root and senders.
TEST(BlockVectors, HeadersEncodeAndHashLikeMainnetClients) {
    const auto doc = test::load_vectors("blocks.json");
    size_t checked = 0;
    for (const auto& b : doc.at("blocks")) {
        SCOPED_TRACE(b.at("id").get<std::string>());
        const BlockHeader h = header_from_fields(b.at("header"), b.at("header_field_count"));
        EXPECT_EQ(to_hex(encode_header(h)), b.at("header_rlp").get<std::string>());
        EXPECT_EQ(to_hex(header_hash(h).view()), b.at("hash").get<std::string>());

        auto decoded = decode_header(hex(b.at("header_rlp")));
        ASSERT_TRUE(decoded) << decoded.error().message();
        EXPECT_EQ(*decoded, h);
        ++checked;
    }
    EXPECT_GE(checked, 15u);
}

TEST(BlockVectors, BlocksDecodeAndTransactionRootsMatch) {
    const auto doc = test::load_vectors("blocks.json");
    for (const auto& b : doc.at("blocks")) {
        SCOPED_TRACE(b.at("id").get<std::string>());
        const Bytes rlp = hex(b.at("block_rlp"));
        auto block = decode_block(rlp);
        ASSERT_TRUE(block) << block.error().message();
        EXPECT_EQ(to_hex(encode_block(*block)), to_hex(rlp));
        EXPECT_EQ(to_hex(header_hash(block->header).view()), b.at("hash").get<std::string>());

        const auto& txs = b.at("transactions");
        ASSERT_EQ(block->transactions.size(), txs.size());
        for (size_t i = 0; i < txs.size(); ++i) {
            const Transaction& t = block->transactions[i];
            EXPECT_EQ(to_hex(encode_transaction(t)), txs[i].at("raw").get<std::string>());
            EXPECT_EQ(static_cast<int>(t.type), txs[i].at("type").get<int>());
            EXPECT_EQ(to_hex(transaction_hash(t).view()), txs[i].at("hash").get<std::string>());
            EXPECT_EQ(recover_sender(t).value(), fixed<20>(txs[i].at("sender")));
        }
        EXPECT_EQ(to_hex(transactions_root(block->transactions).view()),
                  b.at("transactions_root").get<std::string>());
        EXPECT_EQ(block->header.transactions_root,
                  fixed<32>(b.at("transactions_root")));

        const auto& ws = b.at("withdrawals");
        if (ws.is_null()) {
            EXPECT_FALSE(block->withdrawals);
        } else {
            ASSERT_TRUE(block->withdrawals);
            ASSERT_EQ(block->withdrawals->size(), ws.size());
            for (size_t i = 0; i < ws.size(); ++i) {
                const Withdrawal& w = (*block->withdrawals)[i];
                EXPECT_EQ(w.index, u256(ws[i].at("index")).low64());
                EXPECT_EQ(w.amount_gwei, u256(ws[i].at("amount_gwei")).low64());
                EXPECT_EQ(w.address, fixed<20>(ws[i].at("address")));
            }
            EXPECT_EQ(withdrawals_root(*block->withdrawals), *block->header.withdrawals_root);
        }
    }
}

TEST(Block, MalformedHeadersAreRejected) {
    BlockHeader h;
    h.number = 1;
    const Bytes good = encode_header(h);
    EXPECT_TRUE(decode_header(good));

    EXPECT_EQ(decode_header(Bytes{}).error(), Errc::kEmptyInput);
    Bytes trailing = good;
    trailing.push_back(0x80);
    EXPECT_FALSE(decode_header(trailing));
    EXPECT_FALSE(decode_header(good.substr(0, good.size() - 1)));

    // 21 fields (Prague's requests hash) decode; a 22nd is refused with a named error.
    h.base_fee_per_gas = Uint256{1};
    h.withdrawals_root = kEmptyTrieRoot;
    h.blob_gas_used = 0;
    h.excess_blob_gas = 0;
    h.parent_beacon_block_root = Hash256{};
    h.requests_hash = kEmptyRequestsHash;
    const Bytes prague = encode_header(h);
    auto decoded = decode_header(prague);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->requests_hash, kEmptyRequestsHash);
    EXPECT_EQ(*decoded, h);
    rlp::Reader outer{prague};
    auto item = outer.read_item().value();
    Bytes payload{item.payload};
    rlp::encode_string(payload, Hash256{}.view());
    Bytes future;
    rlp::encode_list(future, payload);
    auto r = decode_header(future);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kUnsupportedHeaderFields);
}

}  // namespace
}  // namespace yao::chain
