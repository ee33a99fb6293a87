// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "execution_host.hpp"

#include <gtest/gtest.h>

#include <limits>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>

namespace yao::state {
namespace {

using evm::CallKind;
using evm::Status;

Address address(std::string_view hex) {
    return *address_from_hex(hex);
}
Bytes bytes(std::string_view hex) {
    return *from_hex(hex);
}
Hash256 word(uint64_t v) {
    return Uint256{v}.to_hash();
}

// Known CREATE addresses of sender 0x6ac7...dbf0 (the widely published example of
// keccak256(rlp([sender, nonce]))[12:]).
TEST(CreateAddress, MatchesPublishedVectors) {
    const Address sender = address("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0");
    EXPECT_EQ(create_address(sender, 0), address("0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d"));
    EXPECT_EQ(create_address(sender, 1), address("0x343c43a37d37dff08ae8c4a11544c718abb4fcf8"));
    EXPECT_EQ(create_address(sender, 2), address("0xf778b86fa74e846c4f0a1fbd1335fe81c00a0c91"));
    EXPECT_EQ(create_address(sender, 3), address("0xfffd933a0bc612844eaf0c6fe3e5b8e9b6c1d19c"));
}

// The examples of EIP-1014.
TEST(Create2Address, MatchesEip1014Examples) {
    const Address zero;
    EXPECT_EQ(create2_address(zero, Hash256{}, bytes("00")),
              address("0x4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38"));
    EXPECT_EQ(create2_address(address("0xdeadbeef00000000000000000000000000000000"), Hash256{},
                              bytes("00")),
              address("0xB928f69Bb1D91Cd65274e3c79d8986362984fDA3"));
    EXPECT_EQ(
        create2_address(
            address("0xdeadbeef00000000000000000000000000000000"),
            *hash_from_hex("0x000000000000000000000000feed000000000000000000000000000000000000"),
            bytes("00")),
        address("0xD04116cDd17beBE565EB2422F2497E06cC1C9833"));
    EXPECT_EQ(create2_address(zero, Hash256{}, bytes("deadbeef")),
              address("0x70f2b2914A2a4b783FaEFb75f459A580616Fcb5e"));
    EXPECT_EQ(create2_address(address("0x00000000000000000000000000000000deadbeef"),
                              word(0xcafebabe), bytes("deadbeef")),
              address("0x60f3f640a8508fC6a86d45DF051962668E1e8AC7"));
    EXPECT_EQ(create2_address(zero, Hash256{}, Bytes{}),
              address("0xE33C0C7F7df4809055C3ebA6c09CFe4BaF1BD9e0"));
}

class HostTest : public ::testing::Test {
protected:
    void SetUp() override {
        view.set_account(origin, Account{1, 1'000'000, kEmptyCodeHash});
        view.set_account_with_code(creator, 1, 1000, bytes("00"));
    }

    ExecutionHost make_host(evm::Revision rev = evm::Revision::kCancun) {
        return ExecutionHost{st, rev, ctx, nullptr};
    }

    evm::Message call_msg(const Address& to, int64_t gas = 1'000'000, uint64_t value = 0) {
        evm::Message m;
        m.kind = CallKind::kCall;
        m.depth = 1;
        m.gas = gas;
        m.sender = creator;
        m.recipient = to;
        m.code_address = to;
        m.value = value;
        return m;
    }

    evm::Message create_msg(BytesView init_code, int64_t gas = 1'000'000, uint64_t value = 0) {
        evm::Message m;
        m.kind = CallKind::kCreate;
        m.depth = 1;
        m.gas = gas;
        m.sender = creator;
        m.input = init_code;
        m.value = value;
        return m;
    }

    MemoryStateView view;
    State st{view};
    evm::TxContext ctx;
    const Address origin = address("0x1000000000000000000000000000000000000001");
    const Address creator = address("0x2000000000000000000000000000000000000002");
    const Address target = address("0x3000000000000000000000000000000000000003");
    const Address other = address("0x4000000000000000000000000000000000000004");
};

TEST_F(HostTest, CallTransfersValueAndRunsCode) {
    // SSTORE(0, 1); STOP
    view.set_account_with_code(target, 1, 0, bytes("600160005500"));
    auto host = make_host();
    const auto r = host.call(call_msg(target, 100'000, 10));
    EXPECT_EQ(r.status, Status::kSuccess);
    EXPECT_GT(r.gas_left, 0);
    EXPECT_LT(r.gas_left, 100'000);
    EXPECT_EQ(st.balance(target), Uint256{10});
    EXPECT_EQ(st.balance(creator), Uint256{990});
    EXPECT_EQ(st.storage(target, word(0)), word(1));
}

TEST_F(HostTest, FailedCallRevertsStateAndConsumesAllGas) {
    // SSTORE(0, 1); INVALID
    view.set_account_with_code(target, 1, 0, bytes("6001600055fe"));
    auto host = make_host();
    const auto r = host.call(call_msg(target, 100'000, 10));
    EXPECT_EQ(r.status, Status::kInvalidInstruction);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_EQ(r.gas_refund, 0);
    EXPECT_EQ(st.balance(target), Uint256{0});
    EXPECT_EQ(st.balance(creator), Uint256{1000});
    EXPECT_EQ(st.storage(target, word(0)), Hash256{});
}

TEST_F(HostTest, RevertKeepsGasAndOutputButNotState) {
    // SSTORE(0, 1); MSTORE8(0, 0x2a); REVERT(0, 1)
    view.set_account_with_code(target, 1, 0, bytes("6001600055602a60005360016000fd"));
    auto host = make_host();
    const auto r = host.call(call_msg(target, 100'000));
    EXPECT_EQ(r.status, Status::kRevert);
    EXPECT_GT(r.gas_left, 0);
    EXPECT_EQ(r.output, Bytes{0x2a});
    EXPECT_EQ(st.storage(target, word(0)), Hash256{});
}

TEST_F(HostTest, CallToPrecompileRunsIt) {
    Address identity;
    identity[19] = 4;
    auto host = make_host();
    evm::Message m = call_msg(identity, 1000);
    const Bytes input = bytes("01020304");
    m.input = input;
    const auto r = host.call(m);
    EXPECT_EQ(r.status, Status::kSuccess);
    EXPECT_EQ(r.output, input);
    EXPECT_EQ(r.gas_left, 1000 - 18);  // identity: 15 + 3 per word
    EXPECT_EQ(host.precompiles_called(), 1u << 3);
}

TEST_F(HostTest, CallToAccountWithoutCodeSucceedsWithAllGas) {
    auto host = make_host();
    const auto r = host.call(call_msg(other, 5000, 1));
    EXPECT_EQ(r.status, Status::kSuccess);
    EXPECT_EQ(r.gas_left, 5000);
    EXPECT_EQ(st.balance(other), Uint256{1});
}

TEST_F(HostTest, CreateDeploysCodeAtTheDerivedAddress) {
    // MSTORE8(0, 0x5b); RETURN(0, 1): deploys the one-byte code 0x5b.
    const Bytes init = bytes("605b60005360016000f3");
    auto host = make_host();
    const auto r = host.call(create_msg(init, 100'000, 5));
    ASSERT_EQ(r.status, Status::kSuccess);
    const Address expected = create_address(creator, 1);
    EXPECT_EQ(r.create_address, expected);
    // The deployed code is the result's output (eth_call answers it); the CREATE opcode itself
    // leaves no return data (evm/calls.cpp, covered by the create tests there).
    EXPECT_EQ(r.output, Bytes{0x5b});
    EXPECT_EQ(st.code(expected), Bytes{0x5b});
    EXPECT_EQ(st.nonce(expected), 1u);  // EIP-161
    EXPECT_EQ(st.nonce(creator), 2u);
    EXPECT_EQ(st.balance(expected), Uint256{5});
    EXPECT_TRUE(st.is_created(expected));
    EXPECT_TRUE(st.is_warm(expected));
}

TEST_F(HostTest, Create2UsesTheSaltAddress) {
    const Bytes init = bytes("605b60005360016000f3");
    auto host = make_host();
    evm::Message m = create_msg(init);
    m.kind = CallKind::kCreate2;
    m.create2_salt = word(7);
    const auto r = host.call(m);
    ASSERT_EQ(r.status, Status::kSuccess);
    EXPECT_EQ(r.create_address, create2_address(creator, word(7), init));
}

TEST_F(HostTest, CollisionUsesTheNonceAndAllGas) {
    const Address taken = create_address(creator, 1);
    view.set_account(taken, Account{1, 0, kEmptyCodeHash});
    auto host = make_host();
    const auto r = host.call(create_msg(bytes("00")));
    EXPECT_EQ(r.status, Status::kCreateCollision);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_EQ(st.nonce(creator), 2u);
}

TEST_F(HostTest, CollisionWithStorageOnlyEip7610) {
    const Address taken = create_address(creator, 1);
    view.set_account(taken, Account{0, 0, kEmptyCodeHash});
    view.set_storage(taken, word(1), word(1));
    auto host = make_host();
    EXPECT_EQ(host.call(create_msg(bytes("00"))).status, Status::kCreateCollision);
}

TEST_F(HostTest, CreateOverABalanceOnlyAccountSucceeds) {
    const Address funded = create_address(creator, 1);
    view.set_account(funded, Account{0, 77, kEmptyCodeHash});
    auto host = make_host();
    const auto r = host.call(create_msg(bytes("00"), 100'000, 3));
    ASSERT_EQ(r.status, Status::kSuccess);
    EXPECT_EQ(st.balance(funded), Uint256{80});
}

TEST_F(HostTest, CodeStartingWithEfIsRejected) {
    // MSTORE8(0, 0xef); RETURN(0, 1)
    auto host = make_host();
    const auto r = host.call(create_msg(bytes("60ef60005360016000f3"), 100'000, 5));
    EXPECT_EQ(r.status, Status::kContractValidationFailure);
    EXPECT_EQ(r.gas_left, 0);
    const Address a = create_address(creator, 1);
    EXPECT_FALSE(st.exists(a));
    EXPECT_EQ(st.balance(creator), Uint256{1000});
    EXPECT_EQ(st.nonce(creator), 2u);  // the nonce bump is outside the reverted frame
}

TEST_F(HostTest, CodeAboveEip170LimitIsRejected) {
    auto host = make_host();
    // RETURN(0, 0x6001): 24577 zero bytes.
    EXPECT_EQ(host.call(create_msg(bytes("6160016000f3"), 10'000'000)).status,
              Status::kContractValidationFailure);
    // RETURN(0, 0x6000): exactly the limit.
    EXPECT_EQ(host.call(create_msg(bytes("6160006000f3"), 10'000'000)).status, Status::kSuccess);
}

TEST_F(HostTest, CodeDepositNeedsTwoHundredGasPerByte) {
    auto host = make_host();
    // RETURN(0, 100): 100 bytes cost 20000 gas to deposit; execution costs 3+3+3(memory)*4.
    const auto r = host.call(create_msg(bytes("60646000f3"), 20'000));
    EXPECT_EQ(r.status, Status::kOutOfGas);
    EXPECT_EQ(r.gas_left, 0);
    const auto ok = host.call(create_msg(bytes("60646000f3"), 40'000));
    ASSERT_EQ(ok.status, Status::kSuccess);
    EXPECT_EQ(ok.gas_left, 40'000 - 3 - 3 - 12 - 20'000);
}

TEST_F(HostTest, CreatorAtMaxNonceFailsAndKeepsGas) {
    view.set_account_with_code(creator, std::numeric_limits<uint64_t>::max(), 1000, bytes("00"));
    auto host = make_host();
    const auto r = host.call(create_msg(bytes("00"), 5000));
    EXPECT_NE(r.status, Status::kSuccess);
    EXPECT_EQ(r.gas_left, 5000);
    EXPECT_TRUE(r.output.empty());
    EXPECT_EQ(st.nonce(creator), std::numeric_limits<uint64_t>::max());
}

TEST_F(HostTest, RevertedInitCodeReturnsItsData) {
    // MSTORE8(0, 0x2a); REVERT(0, 1)
    auto host = make_host();
    const auto r = host.call(create_msg(bytes("602a60005360016000fd"), 100'000, 5));
    EXPECT_EQ(r.status, Status::kRevert);
    EXPECT_EQ(r.output, Bytes{0x2a});
    EXPECT_GT(r.gas_left, 0);
    EXPECT_FALSE(st.exists(create_address(creator, 1)));
}

TEST_F(HostTest, SelfdestructOfAnOldContractOnlyMovesTheBalance) {
    auto host = make_host();
    host.selfdestruct(creator, other);
    st.finalize_transaction();
    EXPECT_TRUE(st.exists(creator));
    EXPECT_EQ(st.code(creator), bytes("00"));
    EXPECT_EQ(st.balance(creator), Uint256{0});
    EXPECT_EQ(st.balance(other), Uint256{1000});
}

TEST_F(HostTest, SelfdestructToItselfOfAnOldContractChangesNothing) {
    auto host = make_host();
    host.selfdestruct(creator, creator);
    st.finalize_transaction();
    EXPECT_TRUE(st.exists(creator));
    EXPECT_EQ(st.balance(creator), Uint256{1000});
}

TEST_F(HostTest, SelfdestructInTheCreatingTransactionDeletes) {
    auto host = make_host();
    const auto r = host.call(create_msg(bytes("605b60005360016000f3"), 100'000, 5));
    ASSERT_EQ(r.status, Status::kSuccess);
    host.selfdestruct(r.create_address, other);
    EXPECT_EQ(st.balance(other), Uint256{5});
    st.finalize_transaction();
    EXPECT_FALSE(st.exists(r.create_address));
    EXPECT_EQ(st.balance(other), Uint256{5});
}

TEST_F(HostTest, SelfdestructToItselfInTheCreatingTransactionBurns) {
    auto host = make_host();
    const auto r = host.call(create_msg(bytes("605b60005360016000f3"), 100'000, 5));
    ASSERT_EQ(r.status, Status::kSuccess);
    host.selfdestruct(r.create_address, r.create_address);
    EXPECT_EQ(st.balance(r.create_address), Uint256{0});
    st.finalize_transaction();
    EXPECT_FALSE(st.exists(r.create_address));
    EXPECT_EQ(st.balance(creator), Uint256{995});
}

TEST_F(HostTest, SelfdestructBeforeCancunAlwaysDeletes) {
    auto host = make_host(evm::Revision::kShanghai);
    host.selfdestruct(creator, other);
    st.finalize_transaction();
    EXPECT_FALSE(st.exists(creator));
    EXPECT_EQ(st.balance(other), Uint256{1000});
}

TEST_F(HostTest, CodeHashOfEmptyAccountsIsZero) {
    view.set_account(other, Account{});
    auto host = make_host();
    EXPECT_EQ(host.get_code_hash(other), Hash256{});
    EXPECT_EQ(host.get_code_hash(target), Hash256{});
    EXPECT_EQ(host.get_code_hash(origin), kEmptyCodeHash);
    EXPECT_EQ(host.get_code_hash(creator), keccak256(bytes("00")));
    EXPECT_FALSE(host.account_exists(other));
    EXPECT_TRUE(host.account_exists(origin));
}

TEST_F(HostTest, LogsAndBlockHashes) {
    ExecutionHost host{st, evm::Revision::kCancun, ctx, [](uint64_t n) { return word(n + 1); }};
    EXPECT_EQ(host.get_block_hash(41), word(42));
    const Hash256 topics[] = {word(1), word(2)};
    host.emit_log(target, topics, bytes("abcd"));
    ASSERT_EQ(st.logs().size(), 1u);
    EXPECT_EQ(st.logs()[0], (Log{target, {word(1), word(2)}, bytes("abcd")}));
    ExecutionHost no_hashes = make_host();
    EXPECT_EQ(no_hashes.get_block_hash(1), Hash256{});
}

}  // namespace
}  // namespace yao::state
