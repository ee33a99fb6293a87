// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Environment opcodes 0x30-0x3f: ADDRESS, BALANCE, ORIGIN, CALLER, CALLVALUE, CALLDATA*, CODE*,
// GASPRICE, EXTCODE*, RETURNDATA*, with EIP-2929 warm/cold account costs (100 / 2600).

#include <yao/evm/test_util/evm_fixture.hpp>

namespace yao::evm::test {
namespace {

class EnvironmentTest : public EvmTest {
protected:
    EnvironmentTest() {
        for (uint8_t i = 1; i <= 36; ++i) input_.push_back(i);  // 0x01, 0x02, ..., 0x24
        msg.input = input_;
    }
    Bytes input_;
};

TEST_F(EnvironmentTest, AddressCallerOriginCallvalueGasprice) {
    host.tx.origin = addr(0x07);
    host.tx.gas_price = 1'000'000'007;
    msg.value = 12345;
    run(Bytecode{}.op(OP_ADDRESS).ret_top());
    EXPECT_EQ(output_word(), 0xc0);
    EXPECT_EQ(gas_used(), 2 + kRetTopGas);
    run(Bytecode{}.op(OP_CALLER).ret_top());
    EXPECT_EQ(output_word(), 0xca);
    run(Bytecode{}.op(OP_ORIGIN).ret_top());
    EXPECT_EQ(output_word(), 0x07);
    run(Bytecode{}.op(OP_CALLVALUE).ret_top());
    EXPECT_EQ(output_word(), 12345);
    run(Bytecode{}.op(OP_GASPRICE).ret_top());
    EXPECT_EQ(output_word(), 1'000'000'007);
    EXPECT_EQ(gas_used(), 2 + kRetTopGas);
}

TEST_F(EnvironmentTest, AddressesUseAllTwentyBytes) {
    const Address a = *address_from_hex("0x8000000000000000000000000000000000000001");
    msg.sender = a;
    run(Bytecode{}.op(OP_CALLER).ret_top());
    EXPECT_EQ(output_word(), (Uint256{0x80} << 152) + 1);
}

TEST_F(EnvironmentTest, BalanceIsColdThenWarm) {
    host.account(kOther).balance = 1234;
    run(Bytecode{}.push(kOther).op(OP_BALANCE).ret_top());
    EXPECT_EQ(output_word(), 1234);
    EXPECT_EQ(gas_used(), 3 + 2600 + kRetTopGas);
    EXPECT_TRUE(host.warm_accounts.contains(kOther));
    run(Bytecode{}.push(kOther).op(OP_BALANCE).ret_top());
    EXPECT_EQ(gas_used(), 3 + 100 + kRetTopGas);
}

TEST_F(EnvironmentTest, BalanceIgnoresTheHigh12BytesOfTheWord) {
    host.account(kOther).balance = 99;
    run(Bytecode{}.push((Uint256::max() << 160) | 0xee).op(OP_BALANCE).ret_top());
    EXPECT_EQ(output_word(), 99);
}

TEST_F(EnvironmentTest, BalanceOutOfGasOnTheColdSurcharge) {
    msg.gas = 3 + 2599;
    run(Bytecode{}.push(kOther).op(OP_BALANCE));
    EXPECT_EQ(result.status, Status::kOutOfGas);
}

TEST_F(EnvironmentTest, CalldataloadPadsWithZeros) {
    run(Bytecode{}.push(0).op(OP_CALLDATALOAD).ret_top());
    EXPECT_EQ(output_word(),
              u256("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"));
    EXPECT_EQ(gas_used(), 3 + 3 + kRetTopGas);
    run(Bytecode{}.push(30).op(OP_CALLDATALOAD).ret_top());
    EXPECT_EQ(output_word(),
              u256("0x1f20212223240000000000000000000000000000000000000000000000000000"));
    run(Bytecode{}.push(36).op(OP_CALLDATALOAD).ret_top());
    EXPECT_EQ(output_word(), 0);
    run(Bytecode{}.push(Uint256{1} << 255).op(OP_CALLDATALOAD).ret_top());
    EXPECT_EQ(output_word(), 0);
}

TEST_F(EnvironmentTest, Calldatasize) {
    run(Bytecode{}.op(OP_CALLDATASIZE).ret_top());
    EXPECT_EQ(output_word(), 36);
    EXPECT_EQ(gas_used(), 2 + kRetTopGas);
}

TEST_F(EnvironmentTest, CalldatacopyCopiesAndZeroFills) {
    // CALLDATACOPY(mem 0, data 30, size 8): bytes 31..36 then two zeros.
    run(Bytecode{}.push(8).push(30).push(0).op(OP_CALLDATACOPY).ret(0, 8));
    EXPECT_EQ(result.output, (Bytes{31, 32, 33, 34, 35, 36, 0, 0}));
    // 3 pushes (9) + CALLDATACOPY (3) + 1 copied word (3) + 1 memory word (3) + ret (6).
    EXPECT_EQ(gas_used(), 9 + 3 + 3 + 3 + 6);
    run(Bytecode{}.push(4).push(Uint256::max()).push(0).op(OP_CALLDATACOPY).ret(0, 4));
    EXPECT_EQ(result.output, (Bytes{0, 0, 0, 0}));
    // Size zero: neither offset matters.
    run(Bytecode{}.push(0).push(Uint256::max()).push(Uint256::max()).op(OP_CALLDATACOPY));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(gas_used(), 9 + 3);
}

TEST_F(EnvironmentTest, CopyChargesThreePerWord) {
    // 65 bytes: 3 words copied, 3 words of memory (C_mem(3) = 9).
    run(Bytecode{}.push(65).push(0).push(0).op(OP_CALLDATACOPY));
    EXPECT_EQ(gas_used(), 9 + 3 + 3 * 3 + 9);
}

TEST_F(EnvironmentTest, CodesizeAndCodecopySeeTheRunningCode) {
    const Bytecode code = Bytecode{}.op(OP_CODESIZE).push(0).push(0).op(OP_CODECOPY).ret(0, 11);
    ASSERT_EQ(code.size(), 11u);
    run(code);
    EXPECT_EQ(result.output, code.bytes());
    // CODESIZE (2) + 2 pushes (6) + CODECOPY (3 + 3 copy + 3 memory) + ret (6).
    EXPECT_EQ(gas_used(), 2 + 6 + 9 + 6);
}

TEST_F(EnvironmentTest, ExtcodesizeExtcodehashExtcodecopy) {
    const Bytes other_code = {0x60, 0x01, 0x60, 0x02, 0x01};
    host.account(kOther).set_code(other_code);
    host.account(kOther).nonce = 1;
    run(Bytecode{}.push(kOther).op(OP_EXTCODESIZE).ret_top());
    EXPECT_EQ(output_word(), 5);
    EXPECT_EQ(gas_used(), 3 + 2600 + kRetTopGas);
    run(Bytecode{}.push(kOther).op(OP_EXTCODEHASH).ret_top());
    EXPECT_EQ(output_word(), Uint256::from_hash(keccak256(other_code)));
    EXPECT_EQ(gas_used(), 3 + 100 + kRetTopGas);  // now warm

    host.warm_accounts.erase(kOther);
    // EXTCODECOPY(addr, mem 0, code 1, size 6): 4 code bytes then 2 zeros.
    run(Bytecode{}.push(6).push(1).push(0).push(kOther).op(OP_EXTCODECOPY).ret(0, 6));
    EXPECT_EQ(result.output, (Bytes{0x01, 0x60, 0x02, 0x01, 0, 0}));
    // 4 pushes (12) + 2600 cold + 1 copied word (3) + 1 memory word (3) + ret (6).
    EXPECT_EQ(gas_used(), 12 + 2600 + 3 + 3 + 6);
}

TEST_F(EnvironmentTest, ExtcodehashOfMissingAndCodelessAccounts) {
    run(Bytecode{}.push(kOther).op(OP_EXTCODEHASH).ret_top());
    EXPECT_EQ(output_word(), 0);  // non-existent
    host.account(kOther).balance = 1;
    run(Bytecode{}.push(kOther).op(OP_EXTCODEHASH).ret_top());
    EXPECT_EQ(output_word(),  // keccak256 of empty code
              u256("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
}

TEST_F(EnvironmentTest, ReturndataIsEmptyBeforeAnyCall) {
    run(Bytecode{}.op(OP_RETURNDATASIZE).ret_top());
    EXPECT_EQ(output_word(), 0);
    EXPECT_EQ(gas_used(), 2 + kRetTopGas);
    run(Bytecode{}.push(0).push(0).push(0).op(OP_RETURNDATACOPY));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(gas_used(), 9 + 3);
}

TEST_F(EnvironmentTest, ReturndatacopyWithinAndBeyondTheReturnData) {
    host.call_result = ExecResult{Status::kSuccess, 0, 0, Bytes{1, 2, 3, 4, 5}, {}};
    const Bytecode call = Bytecode{}.call(OP_STATICCALL, 0, kOther, 0, 0, 0, 0, 0).op(OP_POP);
    run(Bytecode{call}.op(OP_RETURNDATASIZE).ret_top());
    EXPECT_EQ(output_word(), 5);

    run(Bytecode{call}.push(3).push(2).push(0).op(OP_RETURNDATACOPY).ret(0, 3));
    EXPECT_EQ(result.output, (Bytes{3, 4, 5}));

    run(Bytecode{call}.push(4).push(2).push(0).op(OP_RETURNDATACOPY));
    EXPECT_EQ(result.status, Status::kInvalidMemoryAccess);
    EXPECT_EQ(result.gas_left, 0);

    // A zero-size copy is still checked against the end (EIP-211).
    run(Bytecode{call}.push(0).push(6).push(0).op(OP_RETURNDATACOPY));
    EXPECT_EQ(result.status, Status::kInvalidMemoryAccess);
    run(Bytecode{call}.push(0).push(5).push(0).op(OP_RETURNDATACOPY));
    EXPECT_EQ(result.status, Status::kSuccess);
    run(Bytecode{call}.push(1).push(Uint256::max()).push(0).op(OP_RETURNDATACOPY));
    EXPECT_EQ(result.status, Status::kInvalidMemoryAccess);
}

}  // namespace
}  // namespace yao::evm::test
