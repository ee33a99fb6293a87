// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Arithmetic, comparison and bitwise opcodes (0x01-0x1d). Expected values are worked out by hand
// from the Yellow Paper definitions; gas is PUSH32 (3) per operand + the opcode's fee + the
// ret_top() epilogue.

#include <yao/evm/test_util/evm_fixture.hpp>

namespace yao::evm::test {
namespace {

const Uint256 kMax = Uint256::max();
const Uint256 kMinSigned = Uint256{1} << 255;  // -2^255

class ArithmeticTest : public EvmTest {
protected:
    /// Runs `op` with `a` on top of `b` and returns the result word.
    Uint256 binary(Opcode op, const Uint256& a, const Uint256& b) {
        run(Bytecode{}.push_n(32, b).push_n(32, a).op(op).ret_top());
        EXPECT_EQ(result.status, Status::kSuccess);
        return output_word();
    }
    Uint256 unary(Opcode op, const Uint256& a) {
        run(Bytecode{}.push_n(32, a).op(op).ret_top());
        EXPECT_EQ(result.status, Status::kSuccess);
        return output_word();
    }
    Uint256 ternary(Opcode op, const Uint256& a, const Uint256& b, const Uint256& c) {
        run(Bytecode{}.push_n(32, c).push_n(32, b).push_n(32, a).op(op).ret_top());
        EXPECT_EQ(result.status, Status::kSuccess);
        return output_word();
    }
};

TEST_F(ArithmeticTest, AddWrapsModulo2Pow256) {
    EXPECT_EQ(binary(OP_ADD, 1, 2), 3);
    EXPECT_EQ(binary(OP_ADD, kMax, 1), 0);
    EXPECT_EQ(binary(OP_ADD, kMax, kMax), kMax - 1);
    EXPECT_EQ(gas_used(), 3 + 3 + 3 + kRetTopGas);
}

TEST_F(ArithmeticTest, MulKeepsTheLow256Bits) {
    EXPECT_EQ(binary(OP_MUL, 3, 5), 15);
    EXPECT_EQ(binary(OP_MUL, Uint256{1} << 128, Uint256{1} << 128), 0);
    EXPECT_EQ(binary(OP_MUL, kMax, kMax), 1);  // (-1) * (-1)
    EXPECT_EQ(gas_used(), 3 + 3 + 5 + kRetTopGas);
}

TEST_F(ArithmeticTest, SubtractsSecondFromTop) {
    EXPECT_EQ(binary(OP_SUB, 5, 3), 2);
    EXPECT_EQ(binary(OP_SUB, 3, 5), kMax - 1);  // -2
    EXPECT_EQ(gas_used(), 3 + 3 + 3 + kRetTopGas);
}

TEST_F(ArithmeticTest, DivByZeroIsZero) {
    EXPECT_EQ(binary(OP_DIV, 10, 3), 3);
    EXPECT_EQ(binary(OP_DIV, 10, 0), 0);
    EXPECT_EQ(binary(OP_DIV, kMax, 2), kMax >> 1);
    EXPECT_EQ(gas_used(), 3 + 3 + 5 + kRetTopGas);
}

TEST_F(ArithmeticTest, SdivTruncatesTowardZeroAndOverflowsAtMinOverMinusOne) {
    EXPECT_EQ(binary(OP_SDIV, kMax - 9, 3), kMax - 2);         // -10 / 3 = -3
    EXPECT_EQ(binary(OP_SDIV, kMinSigned, kMax), kMinSigned);  // -2^255 / -1
    EXPECT_EQ(binary(OP_SDIV, 10, 0), 0);
    EXPECT_EQ(gas_used(), 3 + 3 + 5 + kRetTopGas);
}

TEST_F(ArithmeticTest, ModAndSmod) {
    EXPECT_EQ(binary(OP_MOD, 10, 3), 1);
    EXPECT_EQ(binary(OP_MOD, 10, 0), 0);
    EXPECT_EQ(gas_used(), 3 + 3 + 5 + kRetTopGas);
    EXPECT_EQ(binary(OP_SMOD, kMax - 9, 3), kMax);  // -10 smod 3 = -1 (sign of dividend)
    EXPECT_EQ(binary(OP_SMOD, 10, kMax - 2), 1);    // 10 smod -3 = 1
    EXPECT_EQ(binary(OP_SMOD, 10, 0), 0);
    EXPECT_EQ(gas_used(), 3 + 3 + 5 + kRetTopGas);
}

TEST_F(ArithmeticTest, AddmodUsesThe257BitSum) {
    // 2^256 = 4^128 = 1 (mod 3), so (2^256 - 1) + 2 = 2^256 + 1 = 2 (mod 3).
    EXPECT_EQ(ternary(OP_ADDMOD, kMax, 2, 3), 2);
    EXPECT_EQ(ternary(OP_ADDMOD, 10, 10, 8), 4);
    EXPECT_EQ(ternary(OP_ADDMOD, 10, 10, 0), 0);
    EXPECT_EQ(gas_used(), 3 * 3 + 8 + kRetTopGas);
}

TEST_F(ArithmeticTest, MulmodUsesThe512BitProduct) {
    // 2^256 = 4 (mod 12), so 2^256 - 1 = 3 and its square = 9 (mod 12).
    EXPECT_EQ(ternary(OP_MULMOD, kMax, kMax, 12), 9);
    EXPECT_EQ(ternary(OP_MULMOD, 10, 10, 8), 4);
    EXPECT_EQ(ternary(OP_MULMOD, 10, 10, 0), 0);
    EXPECT_EQ(gas_used(), 3 * 3 + 8 + kRetTopGas);
}

TEST_F(ArithmeticTest, ExpCharges50PerExponentByte) {
    EXPECT_EQ(binary(OP_EXP, 3, 0), 1);
    EXPECT_EQ(gas_used(), 3 + 3 + 10 + kRetTopGas);  // zero exponent: no bytes
    EXPECT_EQ(binary(OP_EXP, 2, 255), kMinSigned);
    EXPECT_EQ(gas_used(), 3 + 3 + 10 + 50 * 1 + kRetTopGas);
    EXPECT_EQ(binary(OP_EXP, 2, 256), 0);
    EXPECT_EQ(gas_used(), 3 + 3 + 10 + 50 * 2 + kRetTopGas);
    EXPECT_EQ(binary(OP_EXP, 3, 5), 243);
    EXPECT_EQ(binary(OP_EXP, kMax, kMax), kMax);  // (-1)^odd
    EXPECT_EQ(gas_used(), 3 + 3 + 10 + 50 * 32 + kRetTopGas);
}

TEST_F(ArithmeticTest, ExpOutOfGasOnTheExponentBytes) {
    msg.gas = 3 + 3 + 10 + 50 * 32 - 1;
    run(Bytecode{}.push_n(32, kMax).push_n(32, 2).op(OP_EXP));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    EXPECT_EQ(result.gas_left, 0);
}

TEST_F(ArithmeticTest, SignextendFromByteIndex) {
    EXPECT_EQ(binary(OP_SIGNEXTEND, 0, 0xff), kMax);
    EXPECT_EQ(binary(OP_SIGNEXTEND, 0, 0x7f), 0x7f);
    EXPECT_EQ(binary(OP_SIGNEXTEND, 1, 0x8000),
              u256("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8000"));
    EXPECT_EQ(binary(OP_SIGNEXTEND, 0, 0x1280),
              u256("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80"));
    EXPECT_EQ(binary(OP_SIGNEXTEND, 31, kMinSigned + 5), kMinSigned + 5);
    EXPECT_EQ(binary(OP_SIGNEXTEND, kMax, 0xff), 0xff);
    EXPECT_EQ(gas_used(), 3 + 3 + 5 + kRetTopGas);
}

TEST_F(ArithmeticTest, UnsignedAndSignedComparisons) {
    EXPECT_EQ(binary(OP_LT, 1, 2), 1);
    EXPECT_EQ(binary(OP_LT, 2, 1), 0);
    EXPECT_EQ(binary(OP_LT, kMax, 0), 0);
    EXPECT_EQ(binary(OP_GT, kMax, 0), 1);
    EXPECT_EQ(binary(OP_GT, 1, 1), 0);
    EXPECT_EQ(binary(OP_SLT, kMax, 0), 1);  // -1 < 0
    EXPECT_EQ(binary(OP_SLT, 0, kMax), 0);
    EXPECT_EQ(binary(OP_SGT, kMax, 0), 0);
    EXPECT_EQ(binary(OP_SGT, 1, kMinSigned), 1);
    EXPECT_EQ(binary(OP_EQ, 7, 7), 1);
    EXPECT_EQ(binary(OP_EQ, 7, Uint256{7} << 192), 0);
    EXPECT_EQ(gas_used(), 3 + 3 + 3 + kRetTopGas);
    EXPECT_EQ(unary(OP_ISZERO, 0), 1);
    EXPECT_EQ(unary(OP_ISZERO, Uint256{1} << 200), 0);
    EXPECT_EQ(gas_used(), 3 + 3 + kRetTopGas);
}

TEST_F(ArithmeticTest, BitwiseOperations) {
    const Uint256 a = u256("0xf0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0");
    const Uint256 b = u256("0xff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00");
    EXPECT_EQ(binary(OP_AND, a, b),
              u256("0xf000f000f000f000f000f000f000f000f000f000f000f000f000f000f000f000"));
    EXPECT_EQ(binary(OP_OR, a, b),
              u256("0xfff0fff0fff0fff0fff0fff0fff0fff0fff0fff0fff0fff0fff0fff0fff0fff0"));
    EXPECT_EQ(binary(OP_XOR, a, b),
              u256("0x0ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff0"));
    EXPECT_EQ(gas_used(), 3 + 3 + 3 + kRetTopGas);
    EXPECT_EQ(unary(OP_NOT, a),
              u256("0x0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f"));
    EXPECT_EQ(gas_used(), 3 + 3 + kRetTopGas);
}

TEST_F(ArithmeticTest, ByteCountsFromTheMostSignificantByte) {
    const Uint256 x = u256("0xff000000000000000000000000000000000000000000000000000000000000ab");
    EXPECT_EQ(binary(OP_BYTE, 0, x), 0xff);
    EXPECT_EQ(binary(OP_BYTE, 1, x), 0);
    EXPECT_EQ(binary(OP_BYTE, 31, x), 0xab);
    EXPECT_EQ(binary(OP_BYTE, 32, x), 0);
    EXPECT_EQ(binary(OP_BYTE, kMax, x), 0);
    EXPECT_EQ(gas_used(), 3 + 3 + 3 + kRetTopGas);
}

TEST_F(ArithmeticTest, ShiftsTakeTheShiftOnTop) {
    EXPECT_EQ(binary(OP_SHL, 1, 1), 2);
    EXPECT_EQ(binary(OP_SHL, 255, 1), kMinSigned);
    EXPECT_EQ(binary(OP_SHL, 256, 1), 0);
    EXPECT_EQ(binary(OP_SHL, 4, kMax), kMax - 15);
    EXPECT_EQ(binary(OP_SHR, 1, 2), 1);
    EXPECT_EQ(binary(OP_SHR, 255, kMinSigned), 1);
    EXPECT_EQ(binary(OP_SHR, 256, kMax), 0);
    EXPECT_EQ(binary(OP_SHR, kMax, kMax), 0);
    EXPECT_EQ(binary(OP_SAR, 1, kMax - 1), kMax);  // -2 >> 1 = -1
    EXPECT_EQ(binary(OP_SAR, 4, kMinSigned),
              u256("0xf800000000000000000000000000000000000000000000000000000000000000"));
    EXPECT_EQ(binary(OP_SAR, 256, kMax), kMax);
    EXPECT_EQ(binary(OP_SAR, 256, 1), 0);
    EXPECT_EQ(binary(OP_SAR, 4, 0x100), 0x10);
    EXPECT_EQ(gas_used(), 3 + 3 + 3 + kRetTopGas);
}

TEST_F(ArithmeticTest, BinaryOperatorWithOneOperandUnderflows) {
    run(Bytecode{}.push(1).op(OP_ADD));
    EXPECT_EQ(result.status, Status::kStackUnderflow);
    EXPECT_EQ(result.gas_left, 0);
    run(Bytecode{}.push(1).push(1).op(OP_ADDMOD));
    EXPECT_EQ(result.status, Status::kStackUnderflow);
}

}  // namespace
}  // namespace yao::evm::test
