// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// EIP-7939 CLZ (0x1e, Osaka): the number of leading zero bits of the top word, 256 for zero;
// 5 gas; an undefined instruction before Osaka.

#include <yao/evm/test_util/evm_fixture.hpp>

namespace yao::evm::test {
namespace {

class ClzTest : public EvmTest {
protected:
    ClzTest() { rev = Revision::kOsaka; }

    /// CLZ of `x`, pushed as a full 32-byte word.
    Uint256 clz_of(const Uint256& x) {
        run(Bytecode{}.push_n(32, x).op(OP_CLZ).ret_top());
        EXPECT_EQ(result.status, Status::kSuccess);
        return output_word();
    }
};

TEST_F(ClzTest, ZeroHas256LeadingZeros) {
    EXPECT_EQ(clz_of(0), 256);
    EXPECT_EQ(gas_used(), 3 + 5 + kRetTopGas);
}

TEST_F(ClzTest, OneHas255) {
    EXPECT_EQ(clz_of(1), 255);
}

TEST_F(ClzTest, TopBitSetHasNone) {
    EXPECT_EQ(clz_of(Uint256{1} << 255), 0);
    EXPECT_EQ(clz_of(Uint256::max()), 0);
}

TEST_F(ClzTest, EveryPowerOfTwoAndItsPredecessorAcrossLimbs) {
    for (unsigned k = 0; k < 256; ++k) {
        EXPECT_EQ(clz_of(Uint256{1} << k), 255 - k) << "2^" << k;
        if (k > 0) {
            EXPECT_EQ(clz_of((Uint256{1} << k) - 1), 256 - k) << "2^" << k << " - 1";
        }
    }
}

TEST_F(ClzTest, LowerBitsDoNotMatter) {
    EXPECT_EQ(clz_of((Uint256{1} << 200) | 0xffff), 55);
    EXPECT_EQ(clz_of(Uint256::from_limbs(0, 0, 1, 0)), 127);
}

TEST_F(ClzTest, CostsFiveGas) {
    msg.gas = 3 + 5;
    run(Bytecode{}.push(7).op(OP_CLZ));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(result.gas_left, 0);
    msg.gas = 3 + 4;
    run(Bytecode{}.push(7).op(OP_CLZ));
    EXPECT_EQ(result.status, Status::kOutOfGas);
}

TEST_F(ClzTest, EmptyStackUnderflows) {
    run(Bytecode{}.op(OP_CLZ));
    EXPECT_EQ(result.status, Status::kStackUnderflow);
    EXPECT_EQ(result.gas_left, 0);
}

TEST_F(ClzTest, UndefinedBeforeOsaka) {
    for (const Revision r : {Revision::kShanghai, Revision::kCancun, Revision::kPrague}) {
        rev = r;
        run(Bytecode{}.push(1).op(OP_CLZ).ret_top());
        EXPECT_EQ(result.status, Status::kUndefinedInstruction) << static_cast<int>(r);
        EXPECT_EQ(result.gas_left, 0);
        EXPECT_FALSE(is_defined(OP_CLZ, r));
    }
    EXPECT_TRUE(is_defined(OP_CLZ, Revision::kOsaka));
    EXPECT_EQ(kOpcodeTraits[OP_CLZ].name, "CLZ");
}

}  // namespace
}  // namespace yao::evm::test
