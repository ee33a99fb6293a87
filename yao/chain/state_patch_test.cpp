// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <yao/chain/errc.hpp>
#include <yao/chain/state_patch.hpp>
#include <yao/chain/system_contracts.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>

namespace yao::chain {
namespace {

Address addr(uint8_t b) {
    Address a;
    a.bytes.fill(b);
    return a;
}
Hash256 word(uint8_t b) {
    Hash256 h;
    h.bytes[31] = b;
    return h;
}

TEST(StatePatch, EncodesOneBalanceAsWorkedOutByHand) {
    StatePatch p;
    p.accounts.push_back({addr(0x11), Uint256{1}, {}, {}, {}});
    // [[[0x11 x 20, [1], [], [], []]], []]: entry payload 21 + 2 + 1 + 1 + 1 = 26 bytes.
    const std::string expected =
        "dddbda94" + std::string(40, '1') + "c101c0c0c0" + "c0";
    EXPECT_EQ(to_hex(encode_state_patch(p)), "0x" + expected);
    EXPECT_EQ(patch_extra_data(p), Bytes{keccak256(from_hex(expected).value()).view()});
    EXPECT_EQ(decode_state_patch(encode_state_patch(p)).value(), p);
}

TEST(StatePatch, RoundTripsEveryField) {
    StatePatch p;
    p.accounts.push_back({addr(1), Uint256::max(), 0, Bytes{}, {{word(1), word(9)}, {word(2), {}}}});
    p.accounts.push_back({addr(2), {}, ~uint64_t{0}, Bytes{0x60, 0x00}, {}});
    p.unsigned_txs = {word(3), word(4)};
    const StatePatch back = decode_state_patch(encode_state_patch(p)).value();
    EXPECT_EQ(back, p);
    EXPECT_EQ(back.accounts[0].code, Bytes{});  // "remove the code" is kept apart from "unset"
    EXPECT_FALSE(back.accounts[1].balance.has_value());
}

TEST(StatePatch, EmptyPatchHasNoExtraData) {
    EXPECT_TRUE(patch_extra_data(StatePatch{}).empty());
    EXPECT_EQ(to_hex(encode_state_patch(StatePatch{})), "0xc2c0c0");
}

TEST(StatePatch, NormalizeSortsAndMergesLaterFieldsOverEarlier) {
    StatePatch p;
    p.accounts.push_back({addr(9), Uint256{5}, 1, {}, {{word(7), word(1)}}});
    p.accounts.push_back({addr(3), {}, 2, {}, {}});
    p.accounts.push_back({addr(9), Uint256{6}, {}, Bytes{0xfe}, {{word(7), word(2)}, {word(1), word(3)}}});
    p.unsigned_txs = {word(8), word(2), word(8)};
    normalize(p);
    ASSERT_EQ(p.accounts.size(), 2u);
    EXPECT_EQ(p.accounts[0].address, addr(3));
    const AccountPatch& a = p.accounts[1];
    EXPECT_EQ(a.balance, Uint256{6});
    EXPECT_EQ(a.nonce, 1u);
    EXPECT_EQ(a.code, Bytes{0xfe});
    const std::vector<std::pair<Hash256, Hash256>> slots{{word(1), word(3)}, {word(7), word(2)}};
    EXPECT_EQ(a.storage, slots);
    EXPECT_EQ(p.unsigned_txs, (std::vector<Hash256>{word(2), word(8)}));
}

TEST(StatePatch, NormalizeDropsTheHistoryContractsSlotsButKeepsItsAccountFields) {
    StatePatch p;
    p.accounts.push_back({history_storage_address(), Uint256{1}, {}, {}, {{word(0), word(9)}}});
    normalize(p);
    ASSERT_EQ(p.accounts.size(), 1u);
    EXPECT_EQ(p.accounts[0].balance, Uint256{1});
    EXPECT_TRUE(p.accounts[0].storage.empty());
}

TEST(StatePatch, RefusesWhatEncodeWouldNotProduce) {
    const auto refused = [](const std::string& hex) {
        auto r = decode_state_patch(from_hex(hex).value());
        return !r.has_value();
    };
    // Accounts out of order: 0x02.. before 0x01...
    StatePatch p;
    p.accounts.push_back({addr(2), Uint256{1}, {}, {}, {}});
    p.accounts.push_back({addr(1), Uint256{1}, {}, {}, {}});
    auto r = decode_state_patch(encode_state_patch(p));
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), make_error_code(Errc::kInvalidStatePatch));
    // The same hash twice.
    StatePatch twice;
    twice.unsigned_txs = {word(1), word(1)};
    EXPECT_FALSE(decode_state_patch(encode_state_patch(twice)).has_value());
    EXPECT_TRUE(refused("0x"));              // nothing
    EXPECT_TRUE(refused("0xc1c0"));          // one list missing
    EXPECT_TRUE(refused("0xc3c0c0c0"));      // a third list
    EXPECT_TRUE(refused("0xc2c0c0" "00"));   // trailing byte
    // A balance list with two items.
    EXPECT_TRUE(refused("0xdfdddc94" + std::string(40, '1') + "c3010101c0c0c0" + "c0"));
}

}  // namespace
}  // namespace yao::chain
