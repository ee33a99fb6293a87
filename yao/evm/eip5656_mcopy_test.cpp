// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// EIP-5656 MCOPY(dst, src, size): 3 gas + 3 per word + memory expansion over both ranges;
// overlapping ranges copy as if through a temporary buffer. Cases from the EIP's test table.

#include <yao/evm/test_util/evm_fixture.hpp>

namespace yao::evm::test {
namespace {

class McopyTest : public EvmTest {
protected:
    /// Memory 0..63 = 0x00 0x01 ... 0x3f (paid: 2 words), then MCOPY(dst, src, size), then
    /// RETURN(0, 64).
    void run_mcopy(const Uint256& dst, const Uint256& src, const Uint256& size) {
        Bytecode b;
        b.mstore(0, u256("0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
        b.mstore(32, u256("0x202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"));
        prologue_gas_ = (3 + 3 + 3 + 3) + (3 + 3 + 3 + 3);  // two MSTOREs, 2 words of memory
        b.push(size).push(src).push(dst).op(OP_MCOPY);
        b.ret(0, 64);
        run(b);
    }
    Bytes memory_after(std::initializer_list<std::pair<size_t, size_t>> moves) {
        Bytes m(64, 0);
        for (size_t i = 0; i < 64; ++i) m[i] = static_cast<uint8_t>(i);
        for (const auto& [dst, src] : moves) m[dst] = static_cast<uint8_t>(src);
        return m;
    }
    int64_t prologue_gas_ = 0;
};

TEST_F(McopyTest, CopiesAWholeWord) {
    run_mcopy(0, 32, 32);
    Bytes expected(64, 0);
    for (size_t i = 0; i < 32; ++i) expected[i] = expected[i + 32] = static_cast<uint8_t>(32 + i);
    EXPECT_EQ(result.output, expected);
    // 3 pushes + MCOPY 3 + 1 word copied 3, no expansion; RETURN(0, 64) 6.
    EXPECT_EQ(gas_used(), prologue_gas_ + 9 + 3 + 3 + 6);
}

TEST_F(McopyTest, CopyOntoItselfChangesNothing) {
    run_mcopy(0, 0, 32);
    EXPECT_EQ(result.output, memory_after({}));
    EXPECT_EQ(gas_used(), prologue_gas_ + 9 + 6 + 6);
}

TEST_F(McopyTest, OverlappingForwardAndBackward) {
    run_mcopy(0, 1, 8);  // bytes 1..8 move down one
    EXPECT_EQ(result.output,
              memory_after({{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {6, 7}, {7, 8}}));
    run_mcopy(1, 0, 8);  // bytes 0..7 move up one
    EXPECT_EQ(result.output,
              memory_after({{1, 0}, {2, 1}, {3, 2}, {4, 3}, {5, 4}, {6, 5}, {7, 6}, {8, 7}}));
}

TEST_F(McopyTest, ZeroSizeIgnoresHugeOffsets) {
    run(Bytecode{}
            .push(0)
            .push(Uint256::max())
            .push(Uint256::max())
            .op(OP_MCOPY)
            .op(OP_MSIZE)
            .ret_top());
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(output_word(), 0);
    EXPECT_EQ(gas_used(), 9 + 3 + 2 + kRetTopGas);
}

TEST_F(McopyTest, ExpandsMemoryForTheDestination) {
    run(Bytecode{}.push(32).push(0).push(64).op(OP_MCOPY).op(OP_MSIZE).ret_top());
    EXPECT_EQ(output_word(), 96);
    // 9 + 3 + 3 (1 word) + C_mem(3) = 9, MSIZE 2, ret_top inside memory (15 - 3).
    EXPECT_EQ(gas_used(), 9 + 3 + 3 + 9 + 2 + kRetTopGas - 3);
}

TEST_F(McopyTest, ExpandsMemoryForTheSourceToo) {
    run(Bytecode{}.push(32).push(64).push(0).op(OP_MCOPY).op(OP_MSIZE).ret_top());
    EXPECT_EQ(output_word(), 96);
    EXPECT_EQ(gas_used(), 9 + 3 + 3 + 9 + 2 + kRetTopGas - 3);
}

TEST_F(McopyTest, HugeRangeIsOutOfGas) {
    run(Bytecode{}.push(Uint256{1} << 40).push(0).push(0).op(OP_MCOPY));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    run(Bytecode{}.push(1).push(Uint256::max()).push(0).op(OP_MCOPY));
    EXPECT_EQ(result.status, Status::kOutOfGas);
}

}  // namespace
}  // namespace yao::evm::test
