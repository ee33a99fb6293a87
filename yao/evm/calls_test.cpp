// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// CALL, CALLCODE, DELEGATECALL, STATICCALL: the messages they send, EIP-2929 access cost, value
// transfer (9000) and new account (25000) costs, the 2300 stipend, EIP-150 63/64, static mode,
// the depth limit and insufficient balance, output and return data, nested refunds.
// Order of charges per execution-specs cancun/vm/instructions/system.py: memory, access,
// transfer, new account first; then the callee gets min(requested, all but 1/64 of the rest).

#include <pthread.h>

#include <functional>

#include <yao/evm/test_util/evm_fixture.hpp>

namespace yao::evm::test {
namespace {

const Address kDelegate = addr(0xde);

class CallsTest : public EvmTest {
protected:
    CallsTest() { host.call_result = ExecResult{Status::kSuccess, 0, 0, {}, {}}; }

    /// The single recorded call.
    const Message& sent() {
        EXPECT_EQ(host.calls.size(), 1u);
        return host.calls.back().msg;
    }

    static constexpr int64_t kPushes7 = 7 * 3;  // the CALL/CALLCODE argument pushes
    static constexpr int64_t kPushes6 = 6 * 3;  // DELEGATECALL/STATICCALL
};

TEST_F(CallsTest, CallSendsTheMessageAndPushesOne) {
    const Bytes input = {1, 2, 3, 4};
    run(Bytecode{}
            .mstore(0, Uint256{0x01020304} << 224)
            .call(OP_CALL, 50000, kOther, 0, 0, 4, 0, 0)
            .ret_top());
    EXPECT_EQ(output_word(), 1);
    const Message& m = sent();
    EXPECT_EQ(m.kind, CallKind::kCall);
    EXPECT_FALSE(m.is_static);
    EXPECT_EQ(m.depth, 1);
    EXPECT_EQ(m.gas, 50000);
    EXPECT_EQ(m.recipient, kOther);
    EXPECT_EQ(m.code_address, kOther);
    EXPECT_EQ(m.sender, kContract);
    EXPECT_EQ(m.value, 0);
    EXPECT_EQ(host.calls.back().input, input);
    // MSTORE part 12 + 7 pushes + cold 2600 + the callee's 50000 (it returned none), ret_top
    // with memory already there (15 - 3).
    EXPECT_EQ(gas_used(), 12 + kPushes7 + 2600 + 50000 + kRetTopGas - 3);
}

TEST_F(CallsTest, UnusedCalleeGasComesBack) {
    host.call_result.gas_left = 30000;
    host.warm_accounts.insert(kOther);
    run(Bytecode{}.call(OP_CALL, 50000, kOther, 0, 0, 0, 0, 0));
    EXPECT_EQ(gas_used(), kPushes7 + 100 + 20000);
}

TEST_F(CallsTest, RequestedGasIsCappedAtAllButOne64th) {
    run(Bytecode{}.call(OP_CALL, Uint256::max(), kOther, 0, 0, 0, 0, 0));
    // 1,000,000 - 21 - 2600 = 997,379 left; 997,379 - floor(997,379 / 64) = 981,795.
    EXPECT_EQ(sent().gas, 981795);
}

TEST_F(CallsTest, ValueCostsTransferAndStipend) {
    host.account(kContract).balance = 10;
    host.account(kOther).balance = 1;  // exists
    run(Bytecode{}.call(OP_CALL, 50000, kOther, 3, 0, 0, 0, 0));
    EXPECT_EQ(sent().value, 3);
    EXPECT_EQ(sent().gas, 50000 + 2300);
    // The stipend is given, not charged: the callee returned no gas.
    EXPECT_EQ(gas_used(), kPushes7 + 2600 + 9000 + 50000);
}

TEST_F(CallsTest, ValueToADeadAccountCostsNewAccount) {
    host.account(kContract).balance = 10;
    msg.gas = 100000;
    run(Bytecode{}.call(OP_CALL, Uint256::max(), kOther, 1, 0, 0, 0, 0));
    // 100,000 - 21 - (2600 + 9000 + 25000) = 63,379; cap 63,379 - 990 = 62,389; + stipend.
    EXPECT_EQ(sent().gas, 62389 + 2300);
    EXPECT_EQ(gas_used(), kPushes7 + 2600 + 9000 + 25000 + 62389);
}

TEST_F(CallsTest, ZeroValueToADeadAccountCostsNoNewAccount) {
    run(Bytecode{}.call(OP_CALL, 0, kOther, 0, 0, 0, 0, 0));
    EXPECT_EQ(gas_used(), kPushes7 + 2600);
    EXPECT_EQ(sent().gas, 0);
}

TEST_F(CallsTest, CallWithoutGasForTheSurchargesIsOutOfGas) {
    host.account(kContract).balance = 10;
    msg.gas = kPushes7 + 2600 + 9000 + 25000 - 1;
    run(Bytecode{}.call(OP_CALL, 0, kOther, 1, 0, 0, 0, 0));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    EXPECT_TRUE(host.calls.empty());
}

TEST_F(CallsTest, InsufficientBalanceReturnsZeroAndRefundsCalleeGasAndStipend) {
    host.account(kContract).balance = 2;
    host.account(kOther).balance = 1;
    run(Bytecode{}.call(OP_CALL, 50000, kOther, 3, 0, 0, 0, 0).ret_top());
    EXPECT_EQ(output_word(), 0);
    EXPECT_TRUE(host.calls.empty());
    // execution-specs: gas_left += message_call_gas.stipend (callee gas + 2300).
    EXPECT_EQ(gas_used(), kPushes7 + 2600 + 9000 - 2300 + kRetTopGas);
}

TEST_F(CallsTest, DepthLimitReturnsZeroWithoutRunningAFrame) {
    msg.depth = 1024;
    run(Bytecode{}.call(OP_CALL, 50000, kOther, 0, 0, 0, 0, 0).ret_top());
    EXPECT_EQ(output_word(), 0);
    EXPECT_TRUE(host.calls.empty());
    EXPECT_EQ(gas_used(), kPushes7 + 2600 + kRetTopGas);
    msg.depth = 1023;
    run(Bytecode{}.call(OP_CALL, 50000, kOther, 0, 0, 0, 0, 0).ret_top());
    EXPECT_EQ(output_word(), 1);
    EXPECT_EQ(sent().depth, 1024);
}

TEST_F(CallsTest, FailedCallPushesZeroAndKeepsItsReturnData) {
    host.call_result = ExecResult{Status::kRevert, 1000, 0, Bytes{0xee, 0xff}, {}};
    run(Bytecode{}
            .call(OP_CALL, 5000, kOther, 0, 0, 0, 0, 0)
            .op(OP_RETURNDATASIZE)
            .op(OP_ADD)  // 0 + 2
            .ret_top());
    EXPECT_EQ(output_word(), 2);
    EXPECT_EQ(gas_used(), kPushes7 + 2600 + 5000 - 1000 + 2 + 3 + kRetTopGas);
}

TEST_F(CallsTest, OutputIsCopiedUpToTheOutRange) {
    host.call_result.output = Bytes{1, 2, 3, 4, 5};
    run(Bytecode{}.call(OP_CALL, 0, kOther, 0, 0, 0, 0, 3).op(OP_POP).ret(0, 4));
    EXPECT_EQ(result.output, (Bytes{1, 2, 3, 0}));

    // A short output leaves the rest of the out range as it was.
    host.call_result.output = Bytes{9};
    run(Bytecode{}
            .mstore(0, Uint256::max())
            .call(OP_CALL, 0, kOther, 0, 0, 0, 0, 4)
            .op(OP_POP)
            .ret(0, 4));
    EXPECT_EQ(result.output, (Bytes{9, 0xff, 0xff, 0xff}));
}

TEST_F(CallsTest, InAndOutRangesExpandMemory) {
    run(Bytecode{}.call(OP_CALL, 0, kOther, 0, 0, 64, 64, 32).op(OP_MSIZE).ret_top());
    EXPECT_EQ(output_word(), 96);
    // 21 + C_mem(3) = 9 + 2600, MSIZE 2, ret_top within memory.
    EXPECT_EQ(gas_used(), kPushes7 + 9 + 2600 + 2 + kRetTopGas - 3);
    run(Bytecode{}.call(OP_CALL, 0, kOther, 0, Uint256{1} << 64, 1, 0, 0));
    EXPECT_EQ(result.status, Status::kOutOfGas);
    // Zero-size ranges ignore their offsets.
    run(Bytecode{}.call(OP_CALL, 0, kOther, 0, Uint256::max(), 0, Uint256::max(), 0));
    EXPECT_EQ(result.status, Status::kSuccess);
}

TEST_F(CallsTest, CallWithValueInStaticModeIsAViolation) {
    msg.is_static = true;
    host.account(kContract).balance = 10;
    run(Bytecode{}.call(OP_CALL, 0, kOther, 1, 0, 0, 0, 0));
    EXPECT_EQ(result.status, Status::kStaticModeViolation);
    EXPECT_EQ(result.gas_left, 0);
    run(Bytecode{}.call(OP_CALL, 0, kOther, 0, 0, 0, 0, 0));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_TRUE(sent().is_static);  // static mode is inherited
}

TEST_F(CallsTest, CallcodeRunsTheTargetsCodeOnOurAccount) {
    host.account(kContract).balance = 10;
    run(Bytecode{}.call(OP_CALLCODE, 1000, kOther, 4, 0, 0, 0, 0));
    const Message& m = sent();
    EXPECT_EQ(m.kind, CallKind::kCallCode);
    EXPECT_EQ(m.recipient, kContract);
    EXPECT_EQ(m.sender, kContract);
    EXPECT_EQ(m.code_address, kOther);
    EXPECT_EQ(m.value, 4);
    EXPECT_EQ(m.gas, 1000 + 2300);
    // No new-account cost for CALLCODE, even though kOther does not exist.
    EXPECT_EQ(gas_used(), kPushes7 + 2600 + 9000 + 1000);
}

TEST_F(CallsTest, CallcodeWithValueIsAllowedInStaticMode) {
    msg.is_static = true;
    host.account(kContract).balance = 10;
    run(Bytecode{}.call(OP_CALLCODE, 1000, kOther, 4, 0, 0, 0, 0));
    EXPECT_EQ(result.status, Status::kSuccess);
}

TEST_F(CallsTest, DelegatecallKeepsSenderAndValue) {
    msg.value = 77;
    run(Bytecode{}.call(OP_DELEGATECALL, 1000, kOther, 0, 0, 0, 0, 0));
    const Message& m = sent();
    EXPECT_EQ(m.kind, CallKind::kDelegateCall);
    EXPECT_EQ(m.recipient, kContract);
    EXPECT_EQ(m.sender, kCaller);
    EXPECT_EQ(m.code_address, kOther);
    EXPECT_EQ(m.value, 77);
    EXPECT_EQ(m.gas, 1000);  // no stipend: nothing is transferred
    EXPECT_EQ(gas_used(), kPushes6 + 2600 + 1000);
}

TEST_F(CallsTest, StaticcallSetsTheStaticFlag) {
    run(Bytecode{}.call(OP_STATICCALL, 1000, kOther, 0, 0, 0, 0, 0));
    const Message& m = sent();
    EXPECT_EQ(m.kind, CallKind::kCall);
    EXPECT_TRUE(m.is_static);
    EXPECT_EQ(m.recipient, kOther);
    EXPECT_EQ(m.sender, kContract);
    EXPECT_EQ(m.value, 0);
    EXPECT_EQ(gas_used(), kPushes6 + 2600 + 1000);
}

TEST_F(CallsTest, CallTargetBecomesWarm) {
    run(Bytecode{}
            .call(OP_STATICCALL, 0, kOther, 0, 0, 0, 0, 0)
            .op(OP_POP)
            .push(kOther)
            .op(OP_BALANCE));
    EXPECT_EQ(gas_used(), kPushes6 + 2600 + 2 + 3 + 100);
}

TEST_F(CallsTest, NestedFrameRunsTheCalleeCode) {
    host.execute_calls = true;
    host.account(kOther).set_code(Bytecode{}.push(0x42).ret_top());  // 3 + 15 gas
    run(Bytecode{}.call(OP_CALL, 0xffff, kOther, 0, 0, 0, 0, 32).op(OP_POP).ret(0, 32));
    EXPECT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(output_word(), 0x42);
    // 7 pushes + 1 memory word for the out range + cold 2600 + callee 18 + POP + ret 6.
    EXPECT_EQ(gas_used(), kPushes7 + 3 + 2600 + 18 + 2 + 6);
}

TEST_F(CallsTest, RefundOfASuccessfulCalleeIsKeptAndOfAFailedOneDropped) {
    host.execute_calls = true;
    host.account(kOther).set_slot(word(0), word(1));
    host.account(kOther).set_code(Bytecode{}.sstore(0, 0));  // clears: refund 4800
    run(Bytecode{}.call(OP_CALL, 100000, kOther, 0, 0, 0, 0, 0));
    EXPECT_EQ(result.gas_refund, 4800);

    host.account(kOther).set_slot(word(0), word(1));
    host.account(kOther).set_code(Bytecode{}.sstore(0, 0).revert(0, 0));
    run(Bytecode{}.call(OP_CALL, 100000, kOther, 0, 0, 0, 0, 0));
    EXPECT_EQ(result.gas_refund, 0);
    EXPECT_EQ(Uint256::from_hash(host.get_storage(kOther, word(0))), 1);  // reverted
}

/// Runs `fn` on a thread with a 256 MiB stack: 1024 nested frames recurse through
/// Host::call -> execute, about 1.6 KiB of C stack per level here, many times that under ASan.
void run_on_big_stack(const std::function<void()>& fn) {
    pthread_attr_t attr;
    ASSERT_EQ(pthread_attr_init(&attr), 0);
    ASSERT_EQ(pthread_attr_setstacksize(&attr, size_t{256} << 20), 0);
    pthread_t thread;
    auto trampoline = [](void* arg) -> void* {
        (*static_cast<const std::function<void()>*>(arg))();
        return nullptr;
    };
    ASSERT_EQ(pthread_create(&thread, &attr, trampoline, const_cast<std::function<void()>*>(&fn)),
              0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
}

TEST_F(CallsTest, SelfRecursionStopsAtTheDepthLimit) {
    // CALL(GAS, ADDRESS, 0, 0, 0, 0, 0) until the depth check fails at depth 1024.
    host.execute_calls = true;
    const Bytecode self =
        Bytecode{}.push0().push0().push0().push0().push0().op(OP_ADDRESS).op(OP_GAS).op(OP_CALL);
    host.account(kContract).set_code(self);
    msg.gas = 1'000'000'000'000'000;
    run_on_big_stack([&] { run(self); });
    EXPECT_EQ(result.status, Status::kSuccess);
    ASSERT_EQ(host.calls.size(), 1024u);
    EXPECT_EQ(host.calls.back().msg.depth, 1024);
}

TEST_F(CallsTest, PragueChargesTheDelegationTargetsAccess) {
    rev = Revision::kPrague;
    Bytes designator = {0xef, 0x01, 0x00};
    designator += kDelegate.view();
    host.account(kOther).set_code(designator);
    run(Bytecode{}.call(OP_CALL, 0, kOther, 0, 0, 0, 0, 0));
    EXPECT_EQ(gas_used(), kPushes7 + 2600 + 2600);
    run(Bytecode{}.call(OP_CALL, 0, kOther, 0, 0, 0, 0, 0));
    EXPECT_EQ(gas_used(), kPushes7 + 100 + 100);
    // Cancun does not look at delegations.
    rev = Revision::kCancun;
    host.warm_accounts.erase(kOther);
    host.warm_accounts.erase(kDelegate);
    run(Bytecode{}.call(OP_CALL, 0, kOther, 0, 0, 0, 0, 0));
    EXPECT_EQ(gas_used(), kPushes7 + 2600);
}

}  // namespace
}  // namespace yao::evm::test
