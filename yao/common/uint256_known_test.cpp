// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Known-answer tests of Uint256: the EVM's edge rules, text formats and layout. The property
// tests against GMP are in uint256_test.cpp.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include <yao/common/errc.hpp>
#include <yao/common/uint256.hpp>

#include "test_util/uint256_print.hpp"

namespace yao {
namespace {

const Uint256 kMinSigned = Uint256{1} << 255;  // -2^255
const Uint256 kMinusOne = Uint256::max();

Uint256 neg(uint64_t v) {
    return -Uint256{v};
}

TEST(Uint256Evm, SdivOfMinSignedByMinusOneIsMinSigned) {
    EXPECT_EQ(sdiv(kMinSigned, kMinusOne), kMinSigned);
}

TEST(Uint256Evm, SdivTruncatesTowardZeroWithTheSignOfTheQuotient) {
    EXPECT_EQ(sdiv(neg(10), 3), neg(3));
    EXPECT_EQ(sdiv(10, neg(3)), neg(3));
    EXPECT_EQ(sdiv(neg(10), neg(3)), 3);
    EXPECT_EQ(sdiv(kMinusOne, 2), 0);  // -1 / 2 == 0, not -1
}

TEST(Uint256Evm, DivisionByZeroGivesZero) {
    EXPECT_EQ(Uint256::max() / 0, 0);
    EXPECT_EQ(Uint256::max() % 0, 0);
    EXPECT_EQ(Uint256{5} / 0, 0);
    EXPECT_EQ(sdiv(kMinSigned, 0), 0);
    EXPECT_EQ(smod(neg(7), 0), 0);
    EXPECT_EQ(addmod(1, 2, 0), 0);
    EXPECT_EQ(mulmod(3, 4, 0), 0);
    EXPECT_EQ(udivrem(9, 0), (std::pair<Uint256, Uint256>{0, 0}));
}

TEST(Uint256Evm, SmodTakesTheSignOfTheDividend) {
    EXPECT_EQ(smod(neg(8), neg(3)), neg(2));  // evm.codes SMOD example
    EXPECT_EQ(smod(neg(10), 3), neg(1));
    EXPECT_EQ(smod(10, neg(3)), 1);
    EXPECT_EQ(smod(kMinSigned, kMinusOne), 0);
}

TEST(Uint256Evm, AddmodAndMulmodKeepTheWideIntermediate) {
    EXPECT_EQ(addmod(10, 10, 8), 4);
    EXPECT_EQ(addmod(Uint256::max(), 2, 2), 1);               // 2^256 + 1 is odd
    EXPECT_EQ(addmod(Uint256::max(), Uint256::max(), 7), 2);  // 2^257 - 2 mod 7
    EXPECT_EQ(mulmod(10, 10, 8), 4);
    EXPECT_EQ(mulmod(Uint256::max(), Uint256::max(), 12), 9);  // evm.codes MULMOD example
}

TEST(Uint256Evm, SignextendFromEachByteWidth) {
    EXPECT_EQ(signextend(0, 0xff), Uint256::max());
    EXPECT_EQ(signextend(0, 0x7f), 0x7f);
    EXPECT_EQ(signextend(0, 0x1ff), Uint256::max());  // only byte 0 counts
    EXPECT_EQ(signextend(1, 0x8000), Uint256::max() << 15);
    EXPECT_EQ(signextend(1, 0xff7fff), 0x7fff);
    EXPECT_EQ(signextend(30, Uint256{1} << 247), Uint256::max() << 247);
    EXPECT_EQ(signextend(30, Uint256::max() >> 9), Uint256::max() >> 9);
}

TEST(Uint256Evm, SignextendFromByte31OrBeyondLeavesXUnchanged) {
    const Uint256 x = Uint256::from_limbs(0x12, 0x34, 0x56, 0x0080'0000'0000'0000ULL);
    EXPECT_EQ(signextend(31, x), x);
    EXPECT_EQ(signextend(32, x), x);
    EXPECT_EQ(signextend(kMinSigned, x), x);
    EXPECT_EQ(signextend(Uint256{1} << 64, 0xff), 0xff);  // huge index, not index 0
}

TEST(Uint256Evm, SarFillsWithTheSignBit) {
    EXPECT_EQ(sar(1, 2), 1);
    EXPECT_EQ(sar(4, neg(16)), kMinusOne);  // evm.codes SAR example
    EXPECT_EQ(sar(1, neg(3)), neg(2));      // floor(-3 / 2)
    EXPECT_EQ(sar(255, kMinSigned), kMinusOne);
    EXPECT_EQ(sar(254, kMinSigned), neg(2));
    EXPECT_EQ(sar(256, kMinusOne), kMinusOne);
    EXPECT_EQ(sar(256, kMinSigned - 1), 0);
    EXPECT_EQ(sar(kMinSigned, kMinSigned), kMinusOne);  // shift >= 256, negative
    EXPECT_EQ(sar(Uint256{1} << 64, 5), 0);             // not a shift by 0
}

TEST(Uint256Evm, ShiftsOf256OrMoreGiveZero) {
    EXPECT_EQ(Uint256{1} << 255, kMinSigned);
    EXPECT_EQ(Uint256{1} << 256, 0);
    EXPECT_EQ(Uint256::max() << 256, 0);
    EXPECT_EQ(Uint256::max() >> 256, 0);
    EXPECT_EQ(Uint256::max() >> 255, 1);
    EXPECT_EQ(Uint256::max() << (Uint256{1} << 64), 0);  // low limb 0, still huge
    EXPECT_EQ(Uint256::max() >> (Uint256{1} << 128), 0);
    EXPECT_EQ(Uint256{1} << ~uint64_t{0}, 0);
}

TEST(Uint256Evm, ByteIndexZeroIsTheMostSignificantByte) {
    EXPECT_EQ(byte(31, 0xff), 0xff);
    EXPECT_EQ(byte(30, 0xff00), 0xff);
    EXPECT_EQ(byte(0, kMinSigned), 0x80);
    EXPECT_EQ(byte(1, kMinSigned), 0);
    EXPECT_EQ(byte(32, Uint256::max()), 0);
    EXPECT_EQ(byte(Uint256{1} << 64, Uint256::max()), 0);
}

TEST(Uint256Evm, ExpKnownAnswers) {
    EXPECT_EQ(exp(0, 0), 1);
    EXPECT_EQ(exp(0, 5), 0);
    EXPECT_EQ(exp(3, 2), 9);
    EXPECT_EQ(exp(10, 18), 1'000'000'000'000'000'000ULL);
    EXPECT_EQ(exp(2, 255), kMinSigned);
    EXPECT_EQ(exp(2, 256), 0);
    EXPECT_EQ(exp(2, Uint256::max()), 0);
    EXPECT_EQ(exp(kMinusOne, 2), 1);
    EXPECT_EQ(exp(kMinusOne, Uint256::max()), kMinusOne);
    EXPECT_EQ(exp(3, 160),
              Uint256::from_dec(
                  "21847450052839212624230656502990235142567050104912751880812823948662932355201")
                  .value());
}

TEST(Uint256Evm, SignedComparisonsReadTwosComplement) {
    EXPECT_TRUE(slt(kMinusOne, 0));
    EXPECT_TRUE(slt(kMinSigned, kMinSigned - 1));  // -2^255 < 2^255 - 1
    EXPECT_FALSE(slt(0, kMinusOne));
    EXPECT_TRUE(sgt(1, kMinusOne));
    EXPECT_FALSE(sgt(kMinSigned, 0));
    EXPECT_FALSE(slt(neg(5), neg(5)));
}

// ---- Text known answers and parse errors --------------------------------------------------------

constexpr std::string_view kMaxDec =
    "115792089237316195423570985008687907853269984665640564039457584007913129639935";
constexpr std::string_view kTwo256Dec =
    "115792089237316195423570985008687907853269984665640564039457584007913129639936";

TEST(Uint256Text, HexIsAnEthereumQuantity) {
    EXPECT_EQ(Uint256{0}.to_hex(), "0x0");
    EXPECT_EQ(Uint256{255}.to_hex(), "0xff");
    EXPECT_EQ(Uint256{0x1000}.to_hex(), "0x1000");
    EXPECT_EQ(Uint256::max().to_hex(), "0x" + std::string(64, 'f'));
    EXPECT_EQ(kMinSigned.to_hex(), "0x8" + std::string(63, '0'));
}

TEST(Uint256Text, DecimalKnownAnswers) {
    EXPECT_EQ(Uint256{0}.to_dec(), "0");
    EXPECT_EQ(Uint256{1'000'000'007}.to_dec(), "1000000007");
    EXPECT_EQ(Uint256{10'000'000'000'000'000'000ULL}.to_dec(), "10000000000000000000");
    EXPECT_EQ((Uint256{1} << 64).to_dec(), "18446744073709551616");
    EXPECT_EQ(Uint256::max().to_dec(), kMaxDec);
    EXPECT_EQ(Uint256::from_dec(kMaxDec).value(), Uint256::max());
}

TEST(Uint256Text, HexParsingAcceptsPrefixCaseAndLeadingZeros) {
    EXPECT_EQ(Uint256::from_hex("0x0").value(), 0);
    EXPECT_EQ(Uint256::from_hex("0").value(), 0);
    EXPECT_EQ(Uint256::from_hex("0x00ff").value(), 255);
    EXPECT_EQ(Uint256::from_hex("FF").value(), 255);
    EXPECT_EQ(Uint256::from_hex("0XaBc").value(), 0xabc);
    EXPECT_EQ(Uint256::from_hex("0x" + std::string(64, 'f')).value(), Uint256::max());
}

void expect_error(const Result<Uint256>& r, Errc e) {
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error(), e) << r.error().message();
}

TEST(Uint256Text, HexParseErrors) {
    expect_error(Uint256::from_hex(""), Errc::kEmptyNumber);
    expect_error(Uint256::from_hex("0x"), Errc::kEmptyNumber);
    expect_error(Uint256::from_hex("0X"), Errc::kEmptyNumber);
    expect_error(Uint256::from_hex("0xg1"), Errc::kInvalidHexDigit);
    expect_error(Uint256::from_hex("0x1 "), Errc::kInvalidHexDigit);
    expect_error(Uint256::from_hex("-1"), Errc::kInvalidHexDigit);
    expect_error(Uint256::from_hex("0x0x1"), Errc::kInvalidHexDigit);
    // 65 digits: one past 2^256 - 1, and also when the extra digit is a leading zero.
    expect_error(Uint256::from_hex("0x1" + std::string(64, '0')), Errc::kNumberTooLarge);
    expect_error(Uint256::from_hex("0x0" + std::string(64, 'f')), Errc::kNumberTooLarge);
    EXPECT_EQ(Uint256::from_hex("0xg1").error().message(), "common.invalid_hex_digit: at offset 2");
}

TEST(Uint256Text, DecimalParseErrors) {
    expect_error(Uint256::from_dec(""), Errc::kEmptyNumber);
    expect_error(Uint256::from_dec("12a"), Errc::kInvalidDecimalDigit);
    expect_error(Uint256::from_dec("-1"), Errc::kInvalidDecimalDigit);
    expect_error(Uint256::from_dec("+1"), Errc::kInvalidDecimalDigit);
    expect_error(Uint256::from_dec(" 1"), Errc::kInvalidDecimalDigit);
    expect_error(Uint256::from_dec("1.0"), Errc::kInvalidDecimalDigit);
    expect_error(Uint256::from_dec(kTwo256Dec), Errc::kNumberTooLarge);  // max + 1
    expect_error(Uint256::from_dec(std::string(kMaxDec) + "0"), Errc::kNumberTooLarge);
    expect_error(Uint256::from_dec(std::string(100, '9')), Errc::kNumberTooLarge);
    EXPECT_EQ(Uint256::from_dec(std::string(100, '0') + "1").value(), 1);
    EXPECT_EQ(Uint256::from_dec("12a").error().message(),
              "common.invalid_decimal_digit: at offset 2");
}

TEST(Uint256Text, FromStringPicksTheBaseByPrefix) {
    EXPECT_EQ(Uint256::from_string("0x10").value(), 16);
    EXPECT_EQ(Uint256::from_string("0X10").value(), 16);
    EXPECT_EQ(Uint256::from_string("10").value(), 10);
    EXPECT_EQ(Uint256::from_string("010").value(), 10);
    expect_error(Uint256::from_string(""), Errc::kEmptyNumber);
    expect_error(Uint256::from_string("0x"), Errc::kEmptyNumber);
    expect_error(Uint256::from_string("ff"), Errc::kInvalidDecimalDigit);
}

// ---- Layout and operator surface ----------------------------------------------------------------

TEST(Uint256Layout, LimbsAreLittleEndianAndBytesBigEndian) {
    const uint8_t be[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09};
    const Uint256 x = Uint256::from_be_bytes(BytesView{be, sizeof(be)});
    EXPECT_EQ(x.limbs[0], 0x0203040506070809ULL);
    EXPECT_EQ(x.limbs[1], 0x01ULL);
    EXPECT_EQ(x.limbs[2], 0ULL);
    uint8_t out[32];
    Uint256{0x0102}.to_be_bytes(out);
    EXPECT_EQ(out[30], 0x01);
    EXPECT_EQ(out[31], 0x02);
    EXPECT_EQ(out[0], 0x00);
    EXPECT_EQ(Uint256::from_be_bytes(BytesView{}), 0);
    EXPECT_EQ(kMinSigned.to_hash()[0], 0x80);
}

TEST(Uint256Layout, ByteAndBitLengths) {
    EXPECT_EQ(Uint256{0}.byte_length(), 0u);
    EXPECT_EQ(Uint256{0}.bit_length(), 0u);
    EXPECT_EQ(clz(Uint256{0}), 256u);
    EXPECT_EQ(Uint256{0x100}.byte_length(), 2u);
    EXPECT_EQ(Uint256{0x100}.bit_length(), 9u);
    EXPECT_EQ(Uint256::max().byte_length(), 32u);
    EXPECT_EQ(clz(kMinSigned), 0u);
}

// Compile-time checks: the hot operations are constexpr.
static_assert(Uint256{2} * Uint256{3} == 6);
static_assert(Uint256::max() + 1 == 0);
static_assert(Uint256{0} - 1 == Uint256::max());
static_assert((Uint256{1} << 255) >> 255 == 1);
static_assert(signextend(0, 0x80) == Uint256::max() - 0x7f);
static_assert(byte(31, 0xab) == 0xab);
static_assert(sar(300, Uint256{1} << 255) == Uint256::max());
static_assert(slt(Uint256::max(), 0) && !slt(0, Uint256::max()));
static_assert(Uint256{5} < Uint256{1} << 64 && (Uint256{1} << 64) > 5);
static_assert(clz(Uint256{1}) == 255);
static_assert(mul_full(Uint256::max(), Uint256::max())[7] == ~0ULL);

TEST(Uint256Operators, CompoundAssignmentIncrementAndImplicitWidening) {
    Uint256 x = 21000;  // implicit from uint64_t
    x += 1;
    EXPECT_EQ(x, 21001);
    x -= 2;
    EXPECT_EQ(x, 20999);
    x *= 2;
    EXPECT_EQ(x, 41998);
    x /= 7;
    EXPECT_EQ(x, 5999);
    x %= 1000;
    EXPECT_EQ(x, 999);
    x &= 0xf0;
    EXPECT_EQ(x, 0xe0);
    x |= 0x0f;
    EXPECT_EQ(x, 0xef);
    x ^= 0xff;
    EXPECT_EQ(x, 0x10);
    x <<= 4;
    EXPECT_EQ(x, 0x100);
    x >>= Uint256{8};
    EXPECT_EQ(x, 1);
    x <<= Uint256{300};
    EXPECT_EQ(x, 0);
    EXPECT_EQ(x--, 0);
    EXPECT_EQ(x, Uint256::max());
    EXPECT_EQ(++x, 0);
    EXPECT_EQ(x++, 0);
    EXPECT_EQ(--x, 0);
    EXPECT_TRUE(1 + x == 1);  // the uint64_t side widens too
    EXPECT_FALSE(static_cast<bool>(x));
    EXPECT_TRUE(static_cast<bool>(x + 1));
}

}  // namespace
}  // namespace yao
