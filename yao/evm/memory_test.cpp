// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// MLOAD, MSTORE, MSTORE8, MSIZE, KECCAK256 and the memory expansion fee
// C_mem(w) = 3w + floor(w^2 / 512) (Yellow Paper, appendix H), charged as C_mem(new) - C_mem(old).

#include <yao/evm/test_util/evm_fixture.hpp>

namespace yao::evm::test {
namespace {

class MemoryTest : public EvmTest {};

TEST_F(MemoryTest, MstoreThenMloadRoundTripsAWord) {
    const Uint256 v = u256("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
    run(Bytecode{}.mstore(0, v).push(0).op(OP_MLOAD).ret_top());
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(output_word(), v);
    // PUSH32 v (3) + PUSH1 0 (3) + MSTORE (3) + 1 word (3) + PUSH1 0 (3) + MLOAD (3), then
    // ret_top with the word already paid for: 15 - 3.
    EXPECT_EQ(gas_used(), 3 + 3 + 3 + 3 + 3 + 3 + kRetTopGas - 3);
}

TEST_F(MemoryTest, MemoryIsBigEndianAndZeroInitialised) {
    run(Bytecode{}.push(0xab).push(31).op(OP_MSTORE8).push(0).op(OP_MLOAD).ret_top());
    EXPECT_EQ(output_word(), 0xab);
    run(Bytecode{}.push(0xab).push(0).op(OP_MSTORE8).push(0).op(OP_MLOAD).ret_top());
    EXPECT_EQ(output_word(), Uint256{0xab} << 248);
    run(Bytecode{}.push(0x1234).push(0).op(OP_MSTORE8).push(0).op(OP_MLOAD).ret_top());
    EXPECT_EQ(output_word(), Uint256{0x34} << 248);  // MSTORE8 keeps the low byte
    run(Bytecode{}.push(64).op(OP_MLOAD).ret_top());
    EXPECT_EQ(output_word(), 0);
}

TEST_F(MemoryTest, MsizeCountsWholeWordsTouched) {
    run(Bytecode{}.op(OP_MSIZE).ret_top());
    EXPECT_EQ(output_word(), 0);
    run(Bytecode{}.push(1).push(100).op(OP_MSTORE8).op(OP_MSIZE).ret_top());
    EXPECT_EQ(output_word(), 128);  // byte 100 lies in word 3 -> 4 words
    // PUSH1 (3) + PUSH1 (3) + MSTORE8 (3) + C_mem(4) = 12 + 16/512 = 12, MSIZE (2), ret_top
    // within memory (15 - 3).
    EXPECT_EQ(gas_used(), 3 + 3 + 3 + 12 + 2 + kRetTopGas - 3);
}

TEST_F(MemoryTest, ExpansionIsQuadratic) {
    // Byte 1048575 needs 32768 words: 3 * 32768 + 32768^2 / 512 = 98304 + 2097152.
    msg.gas = 10'000'000;
    run(Bytecode{}.push(1).push(1048575).op(OP_MSTORE8));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(gas_used(), 3 + 3 + 3 + 98304 + 2097152);
}

TEST_F(MemoryTest, SecondExpansionPaysOnlyTheDifference) {
    // 1 word (3), then 64 words: C_mem(64) = 192 + 4096 / 512 = 200, so 197 more.
    run(Bytecode{}.mstore(0, 1).mstore(2016, 1));
    EXPECT_EQ(gas_used(), (3 + 3 + 3 + 3) + (3 + 3 + 3 + 197));
    // Touching memory already paid for costs nothing extra.
    run(Bytecode{}.mstore(2016, 1).mstore(0, 1));
    EXPECT_EQ(gas_used(), (3 + 3 + 3 + 200) + (3 + 3 + 3));
}

TEST_F(MemoryTest, ExpansionBeyondTheGasIsOutOfGas) {
    msg.gas = 3 + 3 + 3 + 98304 + 2097152 - 1;
    run(Bytecode{}.push(1).push(1048575).op(OP_MSTORE8));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    EXPECT_EQ(result.gas_left, 0);
}

TEST_F(MemoryTest, OffsetsTooLargeToPayForAreOutOfGas) {
    msg.gas = 1'000'000'000'000'000;
    run(Bytecode{}.push(1).push(Uint256{1} << 32).op(OP_MSTORE));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    run(Bytecode{}.push(Uint256{1} << 64).op(OP_MLOAD));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    run(Bytecode{}.push(Uint256::max()).op(OP_MLOAD));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    run(Bytecode{}.push(Uint256::max()).push(0).op(OP_KECCAK256));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    EXPECT_EQ(result.gas_left, 0);
}

TEST_F(MemoryTest, ZeroSizeAccessIgnoresTheOffset) {
    // KECCAK256(offset = 2^255, size = 0) hashes nothing and expands nothing.
    run(Bytecode{}.push(0).push(Uint256{1} << 255).op(OP_KECCAK256).ret_top());
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(output_word(),
              u256("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
    EXPECT_EQ(gas_used(), 3 + 3 + 30 + kRetTopGas);
    run(Bytecode{}.push(0).push(Uint256::max()).op(OP_RETURN));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_TRUE(result.output.empty());
}

TEST_F(MemoryTest, Keccak256Charges6PerWord) {
    // keccak256 of 32 zero bytes.
    run(Bytecode{}.push(32).push(0).op(OP_KECCAK256).ret_top());
    EXPECT_EQ(output_word(),
              u256("0x290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563"));
    EXPECT_EQ(gas_used(), 3 + 3 + 30 + 6 * 1 + 3 + kRetTopGas - 3);
    // 33 bytes: 2 words hashed, 2 words of memory (C_mem(2) = 6).
    run(Bytecode{}.push(33).push(0).op(OP_KECCAK256));
    EXPECT_EQ(gas_used(), 3 + 3 + 30 + 6 * 2 + 6);
}

TEST_F(MemoryTest, Keccak256HashesMemoryContents) {
    // keccak256("abc") = 4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45.
    run(Bytecode{}.mstore(0, Uint256{0x616263} << 232).push(3).push(0).op(OP_KECCAK256).ret_top());
    EXPECT_EQ(output_word(),
              u256("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"));
}

TEST_F(MemoryTest, MemoryIsFreshInEveryFrame) {
    run(Bytecode{}.mstore(0, 42));
    run(Bytecode{}.push(0).op(OP_MLOAD).ret_top());
    EXPECT_EQ(output_word(), 0);
    run(Bytecode{}.op(OP_MSIZE).ret_top());
    EXPECT_EQ(output_word(), 0);
}

}  // namespace
}  // namespace yao::evm::test
