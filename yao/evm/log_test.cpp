// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// LOG0..LOG4: 375 + 375 per topic + 8 per data byte + memory; refused in static mode.

#include <yao/evm/test_util/evm_fixture.hpp>

namespace yao::evm::test {
namespace {

class LogTest : public EvmTest {};

TEST_F(LogTest, Log0RecordsDataWithoutTopics) {
    run(Bytecode{}.mstore(0, 0xaabbcc).push(3).push(29).op(OP_LOG0));
    EXPECT_EQ(result.status, Status::kSuccess);
    ASSERT_EQ(host.logs.size(), 1u);
    EXPECT_EQ(host.logs[0], (FakeLog{kContract, {}, Bytes{0xaa, 0xbb, 0xcc}}));
    // MSTORE part 12, 2 pushes 6, LOG0 375 + 8 * 3.
    EXPECT_EQ(gas_used(), 12 + 6 + 375 + 24);
}

TEST_F(LogTest, TopicsComeFromTheStackInOrder) {
    for (int n = 0; n <= 4; ++n) {
        host.logs.clear();
        Bytecode b;
        for (int t = n; t >= 1; --t) b.push(0x100 + t);  // topic 1 ends up first
        b.push(0).push(0).op(static_cast<Opcode>(OP_LOG0 + n));
        run(b);
        ASSERT_EQ(result.status, Status::kSuccess);
        ASSERT_EQ(host.logs.size(), 1u);
        std::vector<Hash256> topics;
        for (int t = 1; t <= n; ++t) topics.push_back(word(0x100 + t));
        EXPECT_EQ(host.logs[0].topics, topics) << "LOG" << n;
        EXPECT_TRUE(host.logs[0].data.empty());
        EXPECT_EQ(gas_used(), 3 * (n + 2) + 375 + 375 * n) << "LOG" << n;
    }
}

TEST_F(LogTest, DataChargesMemoryAndBytes) {
    run(Bytecode{}.push(0x1).push(64).push(0).op(OP_LOG1));
    ASSERT_EQ(host.logs.size(), 1u);
    EXPECT_EQ(host.logs[0].data, Bytes(64, 0));
    EXPECT_EQ(gas_used(), 9 + 750 + 8 * 64 + 6);
}

TEST_F(LogTest, StaticModeForbidsLogs) {
    msg.is_static = true;
    run(Bytecode{}.push(0).push(0).op(OP_LOG0));
    EXPECT_EQ(result.status, Status::kStaticModeViolation);
    EXPECT_EQ(result.gas_left, 0);
    EXPECT_TRUE(host.logs.empty());
}

TEST_F(LogTest, UnpayableDataIsOutOfGas) {
    run(Bytecode{}.push(Uint256{1} << 32).push(0).op(OP_LOG0));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    EXPECT_TRUE(host.logs.empty());
    msg.gas = 6 + 375 + 8 * 32 + 3 - 1;
    run(Bytecode{}.push(32).push(0).op(OP_LOG0));
    EXPECT_EQ(result.status, Status::kOutOfGas);
}

TEST_F(LogTest, LogWithTooFewTopicsUnderflows) {
    run(Bytecode{}.push(0).push(0).push(0).op(OP_LOG2));
    EXPECT_EQ(result.status, Status::kStackUnderflow);
}

}  // namespace
}  // namespace yao::evm::test
