// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// EIP-1153 transient storage: TLOAD / TSTORE cost 100 gas, no refunds, no original-value rules,
// separate from persistent storage, refused in static mode.

#include <yao/evm/test_util/evm_fixture.hpp>

namespace yao::evm::test {
namespace {

class TransientStorageTest : public EvmTest {};

TEST_F(TransientStorageTest, TstoreThenTloadRoundTrips) {
    run(Bytecode{}.push(0x77).push(5).op(OP_TSTORE).push(5).op(OP_TLOAD).ret_top());
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(output_word(), 0x77);
    EXPECT_EQ(gas_used(), 3 + 3 + 100 + 3 + 100 + kRetTopGas);
    EXPECT_EQ(result.gas_refund, 0);
}

TEST_F(TransientStorageTest, TloadOfAnUnsetSlotIsZeroAndAlways100Gas) {
    run(Bytecode{}.push(Uint256::max()).op(OP_TLOAD).ret_top());
    EXPECT_EQ(output_word(), 0);
    EXPECT_EQ(gas_used(), 3 + 100 + kRetTopGas);
}

TEST_F(TransientStorageTest, IsSeparateFromPersistentStorage) {
    host.account(kContract).set_slot(word(1), word(0x99));
    run(Bytecode{}.push(1).op(OP_TLOAD).ret_top());
    EXPECT_EQ(output_word(), 0);
    run(Bytecode{}.push(0x55).push(1).op(OP_TSTORE).sload(1).ret_top());
    EXPECT_EQ(output_word(), 0x99);
    EXPECT_TRUE(host.warm_slots.contains({kContract, word(1)}));  // only SLOAD warmed it
}

TEST_F(TransientStorageTest, IsKeyedByTheExecutingAccount) {
    run(Bytecode{}.push(0x11).push(0).op(OP_TSTORE));
    msg.recipient = kOther;
    run(Bytecode{}.push(0).op(OP_TLOAD).ret_top());
    EXPECT_EQ(output_word(), 0);
    msg.recipient = kContract;
    run(Bytecode{}.push(0).op(OP_TLOAD).ret_top());
    EXPECT_EQ(output_word(), 0x11);  // persists across frames of the transaction
}

TEST_F(TransientStorageTest, TstoreInStaticModeIsAViolation) {
    msg.is_static = true;
    run(Bytecode{}.push(1).push(0).op(OP_TSTORE));
    EXPECT_EQ(result.status, Status::kStaticModeViolation);
    EXPECT_EQ(result.gas_left, 0);
    run(Bytecode{}.push(0).op(OP_TLOAD));
    EXPECT_EQ(result.status, Status::kSuccess);
}

TEST_F(TransientStorageTest, TstoreOutOfGas) {
    msg.gas = 3 + 3 + 99;
    run(Bytecode{}.push(1).push(0).op(OP_TSTORE));
    EXPECT_EQ(result.status, Status::kOutOfGas);
}

TEST_F(TransientStorageTest, WritesOfARevertedCalleeAreUndone) {
    // The callee (run by DELEGATECALL in our context) stores then reverts.
    host.execute_calls = true;
    host.account(kOther).set_code(Bytecode{}.push(0x42).push(3).op(OP_TSTORE).revert(0, 0));
    run(Bytecode{}
            .call(OP_DELEGATECALL, 100000, kOther, 0, 0, 0, 0, 0)
            .op(OP_POP)
            .push(3)
            .op(OP_TLOAD)
            .ret_top());
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(output_word(), 0);
}

}  // namespace
}  // namespace yao::evm::test
