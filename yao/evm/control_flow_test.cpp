// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// JUMP, JUMPI, JUMPDEST, PC, GAS, STOP, RETURN, REVERT, INVALID, undefined opcodes, revision
// gating and the exceptional-halt rule (all gas consumed, no output).

#include <yao/evm/test_util/evm_fixture.hpp>

namespace yao::evm::test {
namespace {

class ControlFlowTest : public EvmTest {};

TEST_F(ControlFlowTest, EmptyCodeSucceedsWithoutSpendingGas) {
    run(Bytecode{});
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(result.gas_left, msg.gas);
    EXPECT_TRUE(result.output.empty());
}

TEST_F(ControlFlowTest, RunningOffTheEndIsAStop) {
    run(Bytecode{}.push(1).push(2));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(gas_used(), 6);
}

TEST_F(ControlFlowTest, StopHaltsWithNoOutput) {
    run(Bytecode{}.push(1).op(OP_STOP).op(OP_INVALID));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_TRUE(result.output.empty());
    EXPECT_EQ(gas_used(), 3);
}

TEST_F(ControlFlowTest, JumpToAJumpdest) {
    // 0: PUSH1 4, 2: JUMP, 3: INVALID, 4: JUMPDEST, 5: PUSH1 1, ret_top
    run(Bytecode{}.push(4).op(OP_JUMP).op(OP_INVALID).op(OP_JUMPDEST).push(1).ret_top());
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(output_word(), 1);
    EXPECT_EQ(gas_used(), 3 + 8 + 1 + 3 + kRetTopGas);
}

TEST_F(ControlFlowTest, JumpToANonJumpdestIsABadJumpDestination) {
    run(Bytecode{}.push(3).op(OP_JUMP).op(OP_INVALID).op(OP_JUMPDEST));
    EXPECT_EQ(result.status, Status::kBadJumpDestination);
    EXPECT_EQ(result.gas_left, 0);
}

TEST_F(ControlFlowTest, JumpIntoPushDataIsABadJumpDestination) {
    // 0: PUSH2 0x5b5b (bytes 1 and 2 are data that look like JUMPDEST), 3: PUSH1 1, 5: JUMP
    run(Bytecode{}.push_n(2, 0x5b5b).push(1).op(OP_JUMP));
    EXPECT_EQ(result.status, Status::kBadJumpDestination);
    run(Bytecode{}.push_n(2, 0x5b5b).push(2).op(OP_JUMP));
    EXPECT_EQ(result.status, Status::kBadJumpDestination);
}

TEST_F(ControlFlowTest, JumpBeyondTheCodeIsABadJumpDestination) {
    run(Bytecode{}.push(100).op(OP_JUMP));
    EXPECT_EQ(result.status, Status::kBadJumpDestination);
    run(Bytecode{}.push(Uint256{1} << 64).op(OP_JUMP));
    EXPECT_EQ(result.status, Status::kBadJumpDestination);
    run(Bytecode{}.push(Uint256::max()).op(OP_JUMP));
    EXPECT_EQ(result.status, Status::kBadJumpDestination);
}

TEST_F(ControlFlowTest, JumpiJumpsOnlyOnANonZeroCondition) {
    // 0: PUSH1 cond, 2: PUSH1 15, 4: JUMPI,
    // 5: PUSH1 0xaa, 7: PUSH1 0, 9: MSTORE, 10: PUSH1 32, 12: PUSH1 0, 14: RETURN,
    // 15: JUMPDEST, PUSH1 0xbb, ret_top
    const auto program = [](const Uint256& cond) {
        Bytecode b;
        b.push(cond).push(15).op(OP_JUMPI);
        b.push(0xaa).push(0).op(OP_MSTORE).push(32).push(0).op(OP_RETURN);
        EXPECT_EQ(b.size(), 15u);
        b.op(OP_JUMPDEST).push(0xbb).ret_top();
        return b;
    };
    run(program(1));
    EXPECT_EQ(output_word(), 0xbb);
    EXPECT_EQ(gas_used(), 3 + 3 + 10 + 1 + 3 + kRetTopGas);

    run(program(0));
    EXPECT_EQ(output_word(), 0xaa);
    EXPECT_EQ(gas_used(), 3 + 3 + 10 + 3 + kRetTopGas);
}

TEST_F(ControlFlowTest, JumpiNotTakenIgnoresABadDestination) {
    run(Bytecode{}.push(0).push(Uint256::max()).op(OP_JUMPI).push(7).ret_top());
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(output_word(), 7);
    run(Bytecode{}.push(Uint256{1} << 128).push(3).op(OP_JUMPI));  // high-limb condition
    EXPECT_EQ(result.status, Status::kBadJumpDestination);
}

TEST_F(ControlFlowTest, CountingLoopChargesEveryIteration) {
    // counter = 5; loop: JUMPDEST, counter -= 1, JUMPI(loop, counter); STOP
    Bytecode b;
    b.push(5);                           // 0: PUSH1 5
    b.op(OP_JUMPDEST);                   // 2
    b.push(1).op(OP_SWAP1).op(OP_SUB);   // 3: PUSH1 1, 5: SWAP1, 6: SUB
    b.op(OP_DUP1).push(2).op(OP_JUMPI);  // 7: DUP1, 8: PUSH1 2, 10: JUMPI
    run(b);
    EXPECT_EQ(result.status, Status::kSuccess);
    // PUSH1 (3) + 5 x (JUMPDEST 1 + PUSH1 3 + SWAP1 3 + SUB 3 + DUP1 3 + PUSH1 3 + JUMPI 10).
    EXPECT_EQ(gas_used(), 3 + 5 * (1 + 3 + 3 + 3 + 3 + 3 + 10));
}

TEST_F(ControlFlowTest, PcIsTheOffsetOfThePcInstruction) {
    run(Bytecode{}.push(0).op(OP_POP).op(OP_PC).ret_top());
    EXPECT_EQ(output_word(), 3);
    EXPECT_EQ(gas_used(), 3 + 2 + 2 + kRetTopGas);
}

TEST_F(ControlFlowTest, GasIsWhatRemainsAfterPayingForGas) {
    run(Bytecode{}.push(0).op(OP_POP).op(OP_GAS).ret_top());
    EXPECT_EQ(output_word(), static_cast<uint64_t>(msg.gas - 3 - 2 - 2));
}

TEST_F(ControlFlowTest, ReturnHandsBackTheMemoryRange) {
    run(Bytecode{}.mstore(0, 0x112233).ret(29, 3));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(result.output, (Bytes{0x11, 0x22, 0x33}));
    EXPECT_EQ(gas_used(), 3 + 3 + 3 + 3 + 3 + 3);
}

TEST_F(ControlFlowTest, ReturnExpandsMemoryForItsRange) {
    run(Bytecode{}.ret(0, 64));
    EXPECT_EQ(result.output, Bytes(64, 0));
    EXPECT_EQ(gas_used(), 3 + 3 + 6);  // C_mem(2) = 6
}

TEST_F(ControlFlowTest, RevertKeepsTheGasLeftAndTheOutput) {
    run(Bytecode{}.mstore(0, 0xdead).revert(30, 2));
    EXPECT_EQ(result.status, Status::kRevert);
    EXPECT_EQ(result.output, (Bytes{0xde, 0xad}));
    EXPECT_EQ(gas_used(), 3 + 3 + 3 + 3 + 3 + 3);
    EXPECT_EQ(result.gas_refund, 0);
}

TEST_F(ControlFlowTest, RevertWithUnpayableMemoryIsOutOfGas) {
    run(Bytecode{}.revert(0, Uint256{1} << 40));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    EXPECT_EQ(result.gas_left, 0);
    EXPECT_TRUE(result.output.empty());
}

TEST_F(ControlFlowTest, InvalidConsumesAllGas) {
    run(Bytecode{}.mstore(0, 1).op(OP_INVALID));
    EXPECT_EQ(result.status, Status::kInvalidInstruction);
    EXPECT_EQ(result.gas_left, 0);
    EXPECT_TRUE(result.output.empty());
}

TEST_F(ControlFlowTest, EveryUndefinedByteIsAnUndefinedInstruction) {
    int undefined = 0;
    for (int op = 0; op < 256; ++op) {
        if (is_defined(static_cast<uint8_t>(op), rev)) continue;
        ++undefined;
        run(Bytecode{}.push(1).raw(static_cast<uint8_t>(op)));
        EXPECT_EQ(result.status, Status::kUndefinedInstruction) << "opcode " << op;
        EXPECT_EQ(result.gas_left, 0);
    }
    // 256 bytes minus the 149 opcodes of Cancun (0xfe INVALID counts as defined); 0x1e (CLZ,
    // Osaka) among the undefined ones.
    EXPECT_EQ(undefined, 256 - 149);
}

TEST_F(ControlFlowTest, OsakaDefinesOneMoreOpcode) {
    int defined = 0;
    for (int op = 0; op < 256; ++op)
        defined += is_defined(static_cast<uint8_t>(op), Revision::kOsaka);
    EXPECT_EQ(defined, 149 + 1);  // CLZ (EIP-7939)
}

TEST_F(ControlFlowTest, CancunOpcodesAreUndefinedInShanghai) {
    rev = Revision::kShanghai;
    for (const Opcode op : {OP_TLOAD, OP_TSTORE, OP_MCOPY, OP_BLOBHASH, OP_BLOBBASEFEE}) {
        run(Bytecode{}.push(0).push(0).push(0).op(op));
        EXPECT_EQ(result.status, Status::kUndefinedInstruction) << kOpcodeTraits[op].name;
    }
    run(Bytecode{}.push0());  // PUSH0 is Shanghai (EIP-3855)
    EXPECT_EQ(result.status, Status::kSuccess);
    rev = Revision::kCancun;
    run(Bytecode{}.push(0).op(OP_TLOAD));
    EXPECT_EQ(result.status, Status::kSuccess);
}

TEST_F(ControlFlowTest, ExactlyEnoughGasSucceedsWithNothingLeft) {
    msg.gas = 3 + 3 + 3;
    run(Bytecode{}.push(1).push(2).op(OP_ADD));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(result.gas_left, 0);
    msg.gas = 3 + 3 + 2;
    run(Bytecode{}.push(1).push(2).op(OP_ADD));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    EXPECT_EQ(result.gas_left, 0);
}

}  // namespace
}  // namespace yao::evm::test
