// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// SELFDESTRUCT (Cancun, EIP-6780 semantics live in the host): 5000 gas, + 2600 for a cold
// beneficiary (EIP-2929), + 25000 when a non-zero balance goes to a dead account (EIP-161);
// no refund (EIP-3529); refused in static mode; halts the frame successfully.

#include <yao/evm/test_util/evm_fixture.hpp>

namespace yao::evm::test {
namespace {

class SelfdestructTest : public EvmTest {};

TEST_F(SelfdestructTest, HaltsAndAsksTheHost) {
    host.account(kOther).balance = 1;  // alive
    run(Bytecode{}.push(kOther).op(OP_SELFDESTRUCT).push(1).push(0).op(OP_SSTORE));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_TRUE(result.output.empty());
    ASSERT_EQ(host.selfdestructs.size(), 1u);
    EXPECT_EQ(host.selfdestructs[0], std::make_pair(kContract, kOther));
    EXPECT_EQ(storage(0), 0);  // nothing after it ran
    EXPECT_EQ(gas_used(), 3 + 5000 + 2600);
    EXPECT_EQ(result.gas_refund, 0);
}

TEST_F(SelfdestructTest, WarmBeneficiaryCostsOnlyTheBase) {
    host.account(kOther).balance = 1;
    host.warm_accounts.insert(kOther);
    run(Bytecode{}.push(kOther).op(OP_SELFDESTRUCT));
    EXPECT_EQ(gas_used(), 3 + 5000);
}

TEST_F(SelfdestructTest, SendingABalanceToADeadAccountCostsNewAccount) {
    host.account(kContract).balance = 10;
    run(Bytecode{}.push(kOther).op(OP_SELFDESTRUCT));
    EXPECT_EQ(gas_used(), 3 + 5000 + 2600 + 25000);
    EXPECT_EQ(host.accounts[kOther].balance, 10);
}

TEST_F(SelfdestructTest, ZeroBalanceToADeadAccountCostsNoNewAccount) {
    run(Bytecode{}.push(kOther).op(OP_SELFDESTRUCT));
    EXPECT_EQ(gas_used(), 3 + 5000 + 2600);
}

TEST_F(SelfdestructTest, SelfAsBeneficiaryIsWarm) {
    host.account(kContract).balance = 10;
    run(Bytecode{}.op(OP_ADDRESS).op(OP_SELFDESTRUCT));
    EXPECT_EQ(gas_used(), 2 + 5000);  // the contract exists (it has a balance)
}

TEST_F(SelfdestructTest, OutOfGasOnTheSurcharges) {
    host.account(kContract).balance = 10;
    msg.gas = 3 + 5000 + 2600 + 25000 - 1;
    run(Bytecode{}.push(kOther).op(OP_SELFDESTRUCT));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    EXPECT_TRUE(host.selfdestructs.empty());
    msg.gas = 3 + 4999;
    run(Bytecode{}.push(kOther).op(OP_SELFDESTRUCT));
    EXPECT_EQ(result.status, Status::kOutOfGas);
}

TEST_F(SelfdestructTest, StaticModeForbidsIt) {
    msg.is_static = true;
    host.warm_accounts.insert(kOther);
    run(Bytecode{}.push(kOther).op(OP_SELFDESTRUCT));
    EXPECT_EQ(result.status, Status::kStaticModeViolation);
    EXPECT_EQ(result.gas_left, 0);
    EXPECT_TRUE(host.selfdestructs.empty());
}

TEST_F(SelfdestructTest, EmptyStackUnderflows) {
    run(Bytecode{}.op(OP_SELFDESTRUCT));
    EXPECT_EQ(result.status, Status::kStackUnderflow);
}

}  // namespace
}  // namespace yao::evm::test
