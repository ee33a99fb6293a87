// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// SLOAD and SSTORE: EIP-2929 cold/warm slots (2100 / 100), EIP-2200 net metering with the 2300
// sentry, EIP-3529 refunds (clear refund 4800), static mode.

#include <yao/evm/test_util/evm_fixture.hpp>

namespace yao::evm::test {
namespace {

class StorageTest : public EvmTest {
protected:
    void warm_slot(const Uint256& key) { host.warm_slots.insert({kContract, word(key)}); }
};

TEST_F(StorageTest, SloadIsColdThenWarm) {
    host.account(kContract).set_slot(word(7), word(0x42));
    run(Bytecode{}.sload(7).ret_top());
    EXPECT_EQ(output_word(), 0x42);
    EXPECT_EQ(gas_used(), 3 + 2100 + kRetTopGas);
    run(Bytecode{}.sload(7).ret_top());
    EXPECT_EQ(gas_used(), 3 + 100 + kRetTopGas);
}

TEST_F(StorageTest, SloadOfAnUnsetSlotIsZero) {
    run(Bytecode{}.sload(Uint256::max()).ret_top());
    EXPECT_EQ(output_word(), 0);
}

TEST_F(StorageTest, SloadOutOfGasOnTheColdSurcharge) {
    msg.gas = 3 + 2099;
    run(Bytecode{}.sload(1));
    EXPECT_EQ(result.status, Status::kOutOfGas);
}

TEST_F(StorageTest, SstoreWritesTheCurrentValue) {
    run(Bytecode{}.sstore(1, 0xabc).sload(1).ret_top());
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(storage(1), 0xabc);
    EXPECT_EQ(output_word(), 0xabc);
    // 2 pushes + cold set (2100 + 20000) + PUSH1 + warm SLOAD (100).
    EXPECT_EQ(gas_used(), 6 + 22100 + 3 + 100 + kRetTopGas);
}

// One SSTORE on a warm slot for every (original, current, new) shape; gas and refund worked out
// from execution-specs cancun/vm/instructions/storage.py with GAS_STORAGE_SET 20000,
// GAS_STORAGE_UPDATE 5000, GAS_COLD_SLOAD 2100, GAS_WARM_ACCESS 100, clear refund 4800.
struct SstoreCase {
    uint64_t original, current, value;
    int64_t gas;  // SSTORE only
    int64_t refund;
};

class SstoreTableTest : public StorageTest, public ::testing::WithParamInterface<SstoreCase> {};

TEST_P(SstoreTableTest, GasAndRefundFollowNetMetering) {
    const SstoreCase& c = GetParam();
    host.account(kContract).storage[word(0)] = {word(c.original), word(c.current)};
    warm_slot(0);
    run(Bytecode{}.sstore(0, c.value));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(gas_used(), 6 + c.gas);
    EXPECT_EQ(result.gas_refund, c.refund);
    EXPECT_EQ(storage(0), c.value);

    // The same on a cold slot costs 2100 more and refunds the same.
    host.warm_slots.clear();
    host.account(kContract).storage[word(0)] = {word(c.original), word(c.current)};
    run(Bytecode{}.sstore(0, c.value));
    EXPECT_EQ(gas_used(), 6 + 2100 + c.gas);
    EXPECT_EQ(result.gas_refund, c.refund);
}

INSTANTIATE_TEST_SUITE_P(
    AllShapes, SstoreTableTest,
    ::testing::Values(SstoreCase{0, 0, 0, 100, 0},      // no-op
                      SstoreCase{0, 0, 1, 20000, 0},    // fresh slot set
                      SstoreCase{0, 1, 0, 100, 19900},  // dirty, back to original zero: 20000 - 100
                      SstoreCase{0, 1, 2, 100, 0},      // dirty
                      SstoreCase{0, 1, 1, 100, 0},      // dirty no-op
                      SstoreCase{1, 0, 0, 100, 0},      // dirty no-op
                      SstoreCase{1, 0, 1, 100,
                                 -4800 + 2800},  // un-clear, back to original: 5000 - 2100 - 100
                      SstoreCase{1, 0, 2, 100, -4800},  // un-clear
                      SstoreCase{1, 1, 0, 2900, 4800},  // clear: 5000 - 2100
                      SstoreCase{1, 1, 1, 100, 0},      // no-op
                      SstoreCase{1, 1, 2, 2900, 0},     // update
                      SstoreCase{1, 2, 0, 100, 4800},   // dirty clear
                      SstoreCase{1, 2, 1, 100, 2800},   // dirty, back to original
                      SstoreCase{1, 2, 2, 100, 0},      // dirty no-op
                      SstoreCase{1, 2, 3, 100, 0}));    // dirty update

// The published EIP-3529 table (two or three SSTOREs to slot 0, which is warm): used gas and
// refund for each code.
struct Eip3529Case {
    const char* code;
    int64_t used;
    int64_t refund;
    uint64_t original;
};

class Eip3529TableTest : public StorageTest, public ::testing::WithParamInterface<Eip3529Case> {};

TEST_P(Eip3529TableTest, MatchesTheEip) {
    const Eip3529Case& c = GetParam();
    host.account(kContract).set_slot(word(0), word(c.original));
    warm_slot(0);
    run(Bytecode{*from_hex(c.code)});
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(gas_used(), c.used) << c.code;
    EXPECT_EQ(result.gas_refund, c.refund) << c.code;
}

INSTANTIATE_TEST_SUITE_P(
    Eip3529, Eip3529TableTest,
    ::testing::Values(Eip3529Case{"60006000556000600055", 212, 0, 0},
                      Eip3529Case{"60006000556001600055", 20112, 0, 0},
                      Eip3529Case{"60016000556000600055", 20112, 19900, 0},
                      Eip3529Case{"60016000556002600055", 20112, 0, 0},
                      Eip3529Case{"60016000556001600055", 20112, 0, 0},
                      Eip3529Case{"60006000556000600055", 3012, 4800, 1},
                      Eip3529Case{"60006000556001600055", 3012, 2800, 1},
                      Eip3529Case{"60006000556002600055", 3012, 0, 1},
                      Eip3529Case{"60026000556000600055", 3012, 4800, 1},
                      Eip3529Case{"60026000556003600055", 3012, 0, 1},
                      Eip3529Case{"60026000556001600055", 3012, 2800, 1},
                      Eip3529Case{"60026000556002600055", 3012, 0, 1},
                      Eip3529Case{"60016000556000600055", 3012, 4800, 1},
                      Eip3529Case{"60016000556002600055", 3012, 0, 1},
                      Eip3529Case{"60016000556001600055", 212, 0, 1},
                      Eip3529Case{"600160005560006000556001600055", 40118, 19900, 0},
                      Eip3529Case{"600060005560016000556000600055", 5918, 7600, 1}));

TEST_F(StorageTest, SstoreFailsWhenGasLeftIsAtMostTheStipend) {
    // EIP-2200: after the two pushes exactly 2300 gas is left -> out of gas, even for a no-op.
    warm_slot(0);
    msg.gas = 6 + 2300;
    run(Bytecode{}.sstore(0, 0));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    EXPECT_EQ(result.gas_left, 0);
    msg.gas = 6 + 2301;
    run(Bytecode{}.sstore(0, 0));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(result.gas_left, 2301 - 100);
}

TEST_F(StorageTest, SstoreOutOfGasOnTheSetCost) {
    warm_slot(0);
    msg.gas = 6 + 19999;
    run(Bytecode{}.sstore(0, 1));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    EXPECT_EQ(result.gas_left, 0);
    EXPECT_EQ(result.gas_refund, 0);
}

TEST_F(StorageTest, SstoreInStaticModeIsAViolation) {
    msg.is_static = true;
    run(Bytecode{}.sstore(0, 1));
    EXPECT_EQ(result.status, Status::kStaticModeViolation);
    EXPECT_EQ(result.gas_left, 0);
    // SLOAD is fine.
    run(Bytecode{}.sload(0));
    EXPECT_EQ(result.status, Status::kSuccess);
}

TEST_F(StorageTest, RefundIsDroppedWhenTheFrameReverts) {
    host.account(kContract).set_slot(word(0), word(1));
    run(Bytecode{}.sstore(0, 0).revert(0, 0));
    EXPECT_EQ(result.status, Status::kRevert);
    EXPECT_EQ(result.gas_refund, 0);
}

}  // namespace
}  // namespace yao::evm::test
