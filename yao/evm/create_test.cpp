// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// CREATE and CREATE2: 32000 + memory + EIP-3860 init code (2 per word, at most 49152 bytes)
// + CREATE2 hashing (6 per word); EIP-150 all but 1/64 to the init code; static mode; the
// balance and depth checks; the pushed address and return data.

#include <yao/evm/test_util/evm_fixture.hpp>

namespace yao::evm::test {
namespace {

const Address kCreated = addr(0xcc);

class CreateTest : public EvmTest {
protected:
    CreateTest() {
        host.call_result = ExecResult{Status::kSuccess, 0, 0, {}, kCreated};
        host.account(kContract).balance = 1000;
    }

    const Message& sent() {
        EXPECT_EQ(host.calls.size(), 1u);
        return host.calls.back().msg;
    }

    /// MSTORE of 4 init code bytes 0x11223344 at 0 (12 gas with its memory word).
    static Bytecode store_init_code() { return Bytecode{}.mstore(0, Uint256{0x11223344} << 224); }
};

TEST_F(CreateTest, CreateSendsInitCodeAndPushesTheNewAddress) {
    run(store_init_code().push(4).push(0).push(7).op(OP_CREATE).ret_top());
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(output_word(), 0xcc);
    const Message& m = sent();
    EXPECT_EQ(m.kind, CallKind::kCreate);
    EXPECT_EQ(m.depth, 1);
    EXPECT_EQ(m.sender, kContract);
    EXPECT_EQ(m.value, 7);
    EXPECT_EQ(host.calls.back().input, (Bytes{0x11, 0x22, 0x33, 0x44}));
    // Left before the creation: 1,000,000 - 12 - 9 - 32000 - 2 (1 init code word) = 967,977;
    // the init code gets 967,977 - floor(967,977 / 64) = 952,853.
    EXPECT_EQ(m.gas, 952853);
    EXPECT_EQ(gas_used(), 12 + 9 + 32000 + 2 + 952853 + kRetTopGas - 3);
}

TEST_F(CreateTest, Create2AlsoPaysForHashingAndPassesTheSalt) {
    run(store_init_code().push(0x5a17).push(4).push(0).push(0).op(OP_CREATE2).ret_top());
    EXPECT_EQ(output_word(), 0xcc);
    const Message& m = sent();
    EXPECT_EQ(m.kind, CallKind::kCreate2);
    EXPECT_EQ(m.create2_salt, word(0x5a17));
    EXPECT_EQ(m.value, 0);
    // 1,000,000 - 12 - 12 - 32000 - 2 - 6 = 967,968; minus floor(/64) = 15,124 -> 952,844.
    EXPECT_EQ(m.gas, 952844);
    EXPECT_EQ(gas_used(), 12 + 12 + 32000 + 2 + 6 + 952844 + kRetTopGas - 3);
}

TEST_F(CreateTest, UnusedInitCodeGasComesBack) {
    host.call_result.gas_left = 900000;
    run(store_init_code().push(4).push(0).push(0).op(OP_CREATE));
    EXPECT_EQ(gas_used(), 12 + 9 + 32000 + 2 + 952853 - 900000);
}

TEST_F(CreateTest, InitCodeAboveTheLimitIsAnExceptionalHalt) {
    msg.gas = 30'000'000;
    // 49152 bytes is fine: 1536 words -> 3072 init code gas, C_mem(1536) = 4608 + 4608.
    run(Bytecode{}.push(49152).push(0).push(0).op(OP_CREATE));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(host.calls.size(), 1u);
    host.calls.clear();
    run(Bytecode{}.push(49153).push(0).push(0).op(OP_CREATE));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    EXPECT_EQ(result.gas_left, 0);
    EXPECT_TRUE(host.calls.empty());
    run(Bytecode{}.push(0).push(49153).push(0).push(0).op(OP_CREATE2));
    EXPECT_EQ(result.status, Status::kOutOfGas);
}

TEST_F(CreateTest, CreateInStaticModeIsAViolation) {
    msg.is_static = true;
    run(Bytecode{}.push(0).push(0).push(0).op(OP_CREATE));
    EXPECT_EQ(result.status, Status::kStaticModeViolation);
    EXPECT_EQ(result.gas_left, 0);
    run(Bytecode{}.push(0).push(0).push(0).push(0).op(OP_CREATE2));
    EXPECT_EQ(result.status, Status::kStaticModeViolation);
}

TEST_F(CreateTest, InsufficientBalancePushesZeroAndReturnsTheGas) {
    run(Bytecode{}.push(0).push(0).push(1001).op(OP_CREATE).ret_top());
    EXPECT_EQ(output_word(), 0);
    EXPECT_TRUE(host.calls.empty());
    EXPECT_EQ(gas_used(), 9 + 32000 + kRetTopGas);
}

TEST_F(CreateTest, DepthLimitPushesZeroAndReturnsTheGas) {
    msg.depth = 1024;
    run(Bytecode{}.push(0).push(0).push(0).push(0).op(OP_CREATE2).ret_top());
    EXPECT_EQ(output_word(), 0);
    EXPECT_TRUE(host.calls.empty());
    EXPECT_EQ(gas_used(), 12 + 32000 + kRetTopGas);
}

TEST_F(CreateTest, RevertedInitCodeLeavesItsOutputAsReturnData) {
    host.call_result = ExecResult{Status::kRevert, 500, 0, Bytes{0xab, 0xcd}, {}};
    run(Bytecode{}
            .push(0)
            .push(0)
            .push(0)
            .op(OP_CREATE)
            .op(OP_RETURNDATASIZE)
            .op(OP_ADD)
            .ret_top());
    EXPECT_EQ(output_word(), 2);  // address 0 + 2 bytes of return data
}

TEST_F(CreateTest, SuccessAndExceptionalFailureLeaveNoReturnData) {
    host.call_result = ExecResult{Status::kSuccess, 0, 0, Bytes{0x01}, kCreated};
    run(Bytecode{}
            .push(0)
            .push(0)
            .push(0)
            .op(OP_CREATE)
            .op(OP_POP)
            .op(OP_RETURNDATASIZE)
            .ret_top());
    EXPECT_EQ(output_word(), 0);
    host.call_result = ExecResult{Status::kOutOfGas, 0, 0, Bytes{0x01}, {}};
    run(Bytecode{}
            .push(0)
            .push(0)
            .push(0)
            .op(OP_CREATE)
            .op(OP_RETURNDATASIZE)
            .op(OP_ADD)
            .ret_top());
    EXPECT_EQ(output_word(), 0);
}

TEST_F(CreateTest, CreateClearsThePreviousReturnData) {
    host.call_result = ExecResult{Status::kSuccess, 0, 0, Bytes{1, 2, 3}, kCreated};
    host.warm_accounts.insert(kOther);
    Bytecode b;
    b.call(OP_STATICCALL, 0, kOther, 0, 0, 0, 0, 0).op(OP_POP);
    b.push(0).push(0).push(0).op(OP_CREATE).op(OP_POP);
    b.op(OP_RETURNDATASIZE).ret_top();
    run(b);
    EXPECT_EQ(output_word(), 0);
}

TEST_F(CreateTest, DeploysAndRunsTheNewContract) {
    host.execute_calls = true;
    // Runtime: return 0x42. Init code: copy it out and return it.
    const Bytecode runtime = Bytecode{}.push(0x42).ret_top();
    const Bytecode init = deploy(runtime);
    Bytecode b;
    for (size_t i = 0; i < init.size(); ++i) b.push(init.bytes()[i]).push(i).op(OP_MSTORE8);
    b.push(init.size()).push(0).push(0).op(OP_CREATE);
    b.push(32).push(0).push(0).push(0).op(OP_DUP5).push(0xffff).op(OP_STATICCALL).op(OP_POP);
    b.ret(0, 32);
    run(b);
    ASSERT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(output_word(), 0x42);
    const Address created = FakeHost::create_address(kContract, 0);
    EXPECT_EQ(host.accounts[created].code, runtime.bytes());
    EXPECT_EQ(host.accounts[kContract].nonce, 1u);
}

TEST_F(CreateTest, FakeHostDerivesAddressesLikeTheSpecs) {
    // Yellow Paper section 7 / EIP-1014 example 0.
    EXPECT_EQ(
        FakeHost::create_address(*address_from_hex("6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0"), 0),
        *address_from_hex("cd234a471b72ba2f1ccf0a70fcaba648a5eecd8d"));
    EXPECT_EQ(FakeHost::create2_address(Address{}, Hash256{}, Bytes{0x00}),
              *address_from_hex("4d1a2e2bb4f88f0250f26ffff098b0b30b26bf38"));
}

}  // namespace
}  // namespace yao::evm::test
