// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <yao/common/errc.hpp>
#include <yao/common/hex.hpp>

namespace yao {
namespace {

TEST(Hex, EncodesLowerCaseWithPrefix) {
    const Bytes b{0x00, 0x01, 0xab, 0xff};
    EXPECT_EQ(to_hex(b), "0x0001abff");
    EXPECT_EQ(to_hex(b, false), "0001abff");
    EXPECT_EQ(to_hex(BytesView{}), "0x");
}

TEST(Hex, DecodesEitherCaseWithOrWithoutPrefix) {
    EXPECT_EQ(from_hex("0xDEADbeef").value(), (Bytes{0xde, 0xad, 0xbe, 0xef}));
    EXPECT_EQ(from_hex("0Xff").value(), (Bytes{0xff}));
    EXPECT_EQ(from_hex("0102").value(), (Bytes{0x01, 0x02}));
    EXPECT_EQ(from_hex("0x").value(), Bytes{});
}

TEST(Hex, RejectsBadInputWithNamedError) {
    auto odd = from_hex("0xabc");
    ASSERT_FALSE(odd);
    EXPECT_EQ(odd.error(), Errc::kOddHexLength);
    auto bad = from_hex("0xzz");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error(), Errc::kInvalidHexDigit);
    EXPECT_EQ(bad.error().message(), "common.invalid_hex_digit: at offset 0");
}

TEST(Hex, FixedSizeChecksLength) {
    auto a = address_from_hex("0x00000000000000000000000000000000000000ff");
    ASSERT_TRUE(a);
    EXPECT_EQ((*a)[19], 0xff);
    auto short_addr = address_from_hex("0x00ff");
    ASSERT_FALSE(short_addr);
    EXPECT_EQ(short_addr.error(), Errc::kWrongLength);
}

}  // namespace
}  // namespace yao
