// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// PUSH0..PUSH32, DUP1..DUP16, SWAP1..SWAP16, POP and the 1024-item stack limit.

#include <yao/evm/test_util/evm_fixture.hpp>

namespace yao::evm::test {
namespace {

class StackTest : public EvmTest {};

TEST_F(StackTest, Push0PushesZeroForTwoGas) {
    run(Bytecode{}.push0().ret_top());
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(output_word(), 0);
    EXPECT_EQ(gas_used(), 2 + kRetTopGas);  // EIP-3855
}

TEST_F(StackTest, EveryPushWidthReadsItsBigEndianImmediate) {
    for (unsigned n = 1; n <= 32; ++n) {
        // Immediate bytes 0x01, 0x02, ..., n.
        Bytes imm;
        Uint256 expected;
        for (unsigned i = 1; i <= n; ++i) {
            imm.push_back(static_cast<uint8_t>(i));
            expected = (expected << 8) | i;
        }
        run(Bytecode{}.raw(static_cast<uint8_t>(OP_PUSH1 + n - 1)).raw(imm).ret_top());
        EXPECT_EQ(result.status, Status::kSuccess) << "PUSH" << n;
        EXPECT_EQ(output_word(), expected) << "PUSH" << n;
        EXPECT_EQ(gas_used(), 3 + kRetTopGas);
    }
}

TEST_F(StackTest, TruncatedPushAtTheEndOfCodeRunsIntoAnImplicitStop) {
    // PUSH4 with two immediate bytes: the missing bytes read as zero and execution stops at the
    // end of the code (its value cannot be observed, nothing runs after it).
    run(Bytecode{}.raw(OP_PUSH4).raw(0xaa).raw(0xbb));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(gas_used(), 3);
    run(Bytecode{}.raw(OP_PUSH32));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(gas_used(), 3);
}

TEST_F(StackTest, DupNCopiesTheNthItem) {
    for (unsigned n = 1; n <= 16; ++n) {
        Bytecode code;
        for (unsigned i = 16; i >= 1; --i) code.push(i);  // item i is i-th from the top
        code.op(static_cast<Opcode>(OP_DUP1 + n - 1)).ret_top();
        run(code);
        EXPECT_EQ(result.status, Status::kSuccess);
        EXPECT_EQ(output_word(), n) << "DUP" << n;
        EXPECT_EQ(gas_used(), 16 * 3 + 3 + kRetTopGas);
    }
}

TEST_F(StackTest, SwapNExchangesTopWithTheItemBelowN) {
    for (unsigned n = 1; n <= 16; ++n) {
        Bytecode code;
        for (unsigned i = 17; i >= 1; --i) code.push(i);  // top is 1, then 2, ... 17
        code.op(static_cast<Opcode>(OP_SWAP1 + n - 1));
        code.ret_top();  // returns the new top: n + 1
        run(code);
        EXPECT_EQ(output_word(), n + 1) << "SWAP" << n;
        EXPECT_EQ(gas_used(), 17 * 3 + 3 + kRetTopGas);
    }
    // And the old top went down to depth n + 1.
    run(Bytecode{}.push(3).push(2).push(1).op(OP_SWAP2).op(OP_POP).op(OP_POP).ret_top());
    EXPECT_EQ(output_word(), 1);
}

TEST_F(StackTest, PopRemovesTheTop) {
    run(Bytecode{}.push(7).push(8).op(OP_POP).ret_top());
    EXPECT_EQ(output_word(), 7);
    EXPECT_EQ(gas_used(), 3 + 3 + 2 + kRetTopGas);
}

TEST_F(StackTest, DupWithTooFewItemsUnderflows) {
    run(Bytecode{}.push(1).push(1).op(OP_DUP3));
    EXPECT_EQ(result.status, Status::kStackUnderflow);
    EXPECT_EQ(result.gas_left, 0);
    run(Bytecode{}.push(1).op(OP_SWAP1));
    EXPECT_EQ(result.status, Status::kStackUnderflow);
    run(Bytecode{}.op(OP_POP));
    EXPECT_EQ(result.status, Status::kStackUnderflow);
}

TEST_F(StackTest, Holds1024ItemsAndOverflowsOnThe1025th) {
    Bytecode full;
    for (int i = 0; i < 1024; ++i) full.push0();
    run(full);
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(gas_used(), 1024 * 2);

    run(Bytecode{full}.push0());
    EXPECT_EQ(result.status, Status::kStackOverflow);
    EXPECT_EQ(result.gas_left, 0);

    run(Bytecode{full}.op(OP_DUP1));
    EXPECT_EQ(result.status, Status::kStackOverflow);

    // SWAP and arithmetic do not grow the stack: fine at 1024.
    run(Bytecode{full}.op(OP_SWAP16).op(OP_ADD));
    EXPECT_EQ(result.status, Status::kSuccess);
}

TEST_F(StackTest, StackOverflowIsCheckedBeforeGas) {
    // 1024 items, then a PUSH with no gas left for it: the overflow is reported.
    Bytecode full;
    for (int i = 0; i < 1024; ++i) full.push0();
    msg.gas = 1024 * 2;
    run(Bytecode{full}.push(1));
    EXPECT_EQ(result.status, Status::kStackOverflow);
}

}  // namespace
}  // namespace yao::evm::test
