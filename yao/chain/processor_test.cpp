// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "processor.hpp"

#include <gtest/gtest.h>

#include <limits>

#include <yao/common/address.hpp>
#include <yao/common/hex.hpp>
#include <yao/state/state_view.hpp>

#include "errc.hpp"

namespace yao::chain {
namespace {

using evm::Revision;
using state::Account;
using state::kEmptyCodeHash;

Address address(std::string_view hex) {
    return *address_from_hex(hex);
}
Bytes bytes(std::string_view hex) {
    return *from_hex(hex);
}
Hash256 word(uint64_t v) {
    return Uint256{v}.to_hash();
}

Hash256 blob_hash(uint8_t version) {
    Hash256 h;
    h[0] = version;
    h[31] = 0x42;
    return h;
}

// ---- intrinsic gas, prices, blob fee --------------------------------------------------------

TEST(IntrinsicGas, PlainTransferCosts21000) {
    Transaction t;
    t.to = Address{};
    EXPECT_EQ(intrinsic_gas(t, Revision::kCancun), 21000u);
}

TEST(IntrinsicGas, DataCostsFourPerZeroAndSixteenPerNonZeroByte) {
    Transaction t;
    t.to = Address{};
    t.data = bytes("000100ff");
    EXPECT_EQ(intrinsic_gas(t, Revision::kCancun), 21000u + 2 * 4 + 2 * 16);
}

TEST(IntrinsicGas, CreationAddsCreateCostAndInitCodeWords) {
    Transaction t;
    t.data = Bytes(33, 0x01);
    // 53000 + 33 non-zero bytes + EIP-3860: 2 per 32-byte word (2 words).
    EXPECT_EQ(intrinsic_gas(t, Revision::kCancun), 53000u + 33 * 16 + 2 * 2);
}

TEST(IntrinsicGas, AccessListCosts2400PerAddressAnd1900PerKey) {
    Transaction t;
    t.type = TxType::kAccessList;
    t.to = Address{};
    t.access_list = {{Address{}, {word(1), word(2)}},
                     {address("0x0000000000000000000000000000000000000001"), {word(3)}}};
    EXPECT_EQ(intrinsic_gas(t, Revision::kCancun), 21000u + 2 * 2400 + 3 * 1900);
}

TEST(EffectiveGasPrice, FollowsEip1559) {
    Transaction legacy;
    legacy.gas_price = 30;
    EXPECT_EQ(effective_gas_price(legacy, 7), Uint256{30});
    Transaction t;
    t.type = TxType::kDynamicFee;
    t.max_fee_per_gas = 100;
    t.max_priority_fee_per_gas = 10;
    EXPECT_EQ(effective_gas_price(t, 50), Uint256{60});   // base + full tip
    EXPECT_EQ(effective_gas_price(t, 95), Uint256{100});  // capped by the max fee
}

// Vectors computed with the EIP-4844 reference fake_exponential.
TEST(FakeExponential, MatchesTheEipFormula) {
    EXPECT_EQ(fake_exponential(1, 0, 1), Uint256{1});
    EXPECT_EQ(fake_exponential(38493, 0, 1000), Uint256{38493});
    EXPECT_EQ(fake_exponential(0, 1234, 2345), Uint256{0});
    EXPECT_EQ(fake_exponential(1, 2, 1), Uint256{6});
    EXPECT_EQ(fake_exponential(1, 3, 1), Uint256{16});
    EXPECT_EQ(fake_exponential(10, 8, 2), Uint256{542});
    EXPECT_EQ(fake_exponential(11, 8, 2), Uint256{596});
    EXPECT_EQ(fake_exponential(2, 5, 2), Uint256{23});
    EXPECT_EQ(fake_exponential(1, 50000000, 2225652), Uint256{5709098764});
    EXPECT_EQ(fake_exponential(1, 400000000, 3338477),
              *Uint256::from_dec("10840331274704280429132033759016842817414750029778539"));
}

TEST(BlobBaseFee, IsOneWithoutExcessAndGrowsWithIt) {
    BlockEnv env;
    EXPECT_EQ(env.blob_base_fee(evm::Revision::kCancun), Uint256{1});
    env.excess_blob_gas = 393216 * 10;
    EXPECT_EQ(env.blob_base_fee(evm::Revision::kCancun), Uint256{3});
}

// ---- validation -----------------------------------------------------------------------------

class ProcessorTest : public ::testing::Test {
protected:
    void SetUp() override {
        env.number = 10;
        env.timestamp = 1000;
        env.coinbase = coinbase;
        env.gas_limit = 30'000'000;
        env.base_fee = 7;
        view.set_account(sender, Account{3, 10'000'000, kEmptyCodeHash});
    }

    Transaction legacy_transfer() const {
        Transaction t;
        t.nonce = 3;
        t.gas_price = 10;
        t.gas_limit = 21000;
        t.to = recipient;
        t.value = 1000;
        return t;
    }

    Transaction dynamic_fee_transfer() const {
        Transaction t = legacy_transfer();
        t.type = TxType::kDynamicFee;
        t.chain_id = 1;
        t.gas_price = 0;
        t.max_fee_per_gas = 20;
        t.max_priority_fee_per_gas = 2;
        return t;
    }

    Transaction blob_tx() const {
        Transaction t = dynamic_fee_transfer();
        t.type = TxType::kBlob;
        t.max_fee_per_blob_gas = 1;
        t.blob_versioned_hashes = {blob_hash(1)};
        return t;
    }

    Errc validation_error(const Transaction& t, Revision rev = Revision::kCancun) {
        state::State st{view};
        const auto r = validate_transaction(st, env, t, sender, rev);
        EXPECT_FALSE(r.has_value());
        if (r) return Errc{};
        EXPECT_EQ(r.error().code().category(), chain_category());
        return static_cast<Errc>(r.error().code().value());
    }

    state::MemoryStateView view;
    BlockEnv env;
    const Address sender = address("0x1000000000000000000000000000000000000001");
    const Address recipient = address("0x2000000000000000000000000000000000000002");
    const Address coinbase = address("0x3000000000000000000000000000000000000003");
    const Address contract = address("0x4000000000000000000000000000000000000004");
};

TEST_F(ProcessorTest, ValidTransactionsPass) {
    state::State st{view};
    EXPECT_TRUE(validate_transaction(st, env, legacy_transfer(), sender, Revision::kCancun));
    EXPECT_TRUE(validate_transaction(st, env, dynamic_fee_transfer(), sender, Revision::kCancun));
    EXPECT_TRUE(validate_transaction(st, env, blob_tx(), sender, Revision::kCancun));
}

TEST_F(ProcessorTest, RejectsWrongNonces) {
    Transaction t = legacy_transfer();
    t.nonce = 2;
    EXPECT_EQ(validation_error(t), Errc::kNonceTooLow);
    t.nonce = 4;
    EXPECT_EQ(validation_error(t), Errc::kNonceTooHigh);
    view.set_account(sender,
                     Account{std::numeric_limits<uint64_t>::max(), 10'000'000, kEmptyCodeHash});
    t.nonce = std::numeric_limits<uint64_t>::max();
    EXPECT_EQ(validation_error(t), Errc::kNonceMax);
}

TEST_F(ProcessorTest, RejectsSenderWithCode) {
    view.set_account_with_code(sender, 3, 10'000'000, bytes("00"));
    EXPECT_EQ(validation_error(legacy_transfer()), Errc::kSenderNotEoa);
}

TEST_F(ProcessorTest, RejectsWhenBalanceDoesNotCoverGasTimesMaxPricePlusValue) {
    Transaction t = legacy_transfer();
    // 21000 * 10 + value must fit 10'000'000.
    t.value = 10'000'000 - 210'000 + 1;
    EXPECT_EQ(validation_error(t), Errc::kInsufficientFunds);
    t.value = 10'000'000 - 210'000;
    state::State st{view};
    EXPECT_TRUE(validate_transaction(st, env, t, sender, Revision::kCancun));
    // The check uses the max fee, not the effective price.
    Transaction d = dynamic_fee_transfer();
    d.value = 10'000'000 - 21000 * 20 + 1;
    EXPECT_EQ(validation_error(d), Errc::kInsufficientFunds);
    // gas * price above 2^256.
    t.value = 0;
    t.gas_price = Uint256::max();
    EXPECT_EQ(validation_error(t), Errc::kInsufficientFunds);
}

TEST_F(ProcessorTest, RejectsGasBelowIntrinsic) {
    Transaction t = legacy_transfer();
    t.gas_limit = 20999;
    EXPECT_EQ(validation_error(t), Errc::kIntrinsicGasTooLow);
}

TEST_F(ProcessorTest, RejectsFeeCapsBelowBaseFee) {
    Transaction t = legacy_transfer();
    t.gas_price = 6;
    EXPECT_EQ(validation_error(t), Errc::kFeeCapTooLow);
    Transaction d = dynamic_fee_transfer();
    d.max_fee_per_gas = 6;
    d.max_priority_fee_per_gas = 1;
    EXPECT_EQ(validation_error(d), Errc::kFeeCapTooLow);
}

TEST_F(ProcessorTest, RejectsTipAboveFeeCap) {
    Transaction d = dynamic_fee_transfer();
    d.max_priority_fee_per_gas = 21;
    EXPECT_EQ(validation_error(d), Errc::kTipAboveFeeCap);
}

TEST_F(ProcessorTest, RejectsGasAboveTheBlockLimit) {
    Transaction t = legacy_transfer();
    t.gas_limit = env.gas_limit + 1;
    EXPECT_EQ(validation_error(t), Errc::kGasLimitReached);
}

TEST_F(ProcessorTest, RejectsGasThatDoesNotFitInt64EvenUnderAHugeBlockLimit) {
    env.gas_limit = std::numeric_limits<uint64_t>::max();
    Transaction t = legacy_transfer();
    t.gas_limit = uint64_t{1} << 63;
    EXPECT_EQ(validation_error(t), Errc::kGasLimitReached);
}

TEST_F(ProcessorTest, RejectsInitCodeAboveEip3860Limit) {
    Transaction t = legacy_transfer();
    t.to.reset();
    t.value = 0;
    t.gas_limit = 10'000'000;
    t.gas_price = 7;
    view.set_account(sender, Account{3, 100'000'000, kEmptyCodeHash});
    t.data = Bytes(49153, 0);
    EXPECT_EQ(validation_error(t), Errc::kMaxInitCodeSizeExceeded);
    t.data = Bytes(49152, 0);
    state::State st{view};
    EXPECT_TRUE(validate_transaction(st, env, t, sender, Revision::kCancun));
}

TEST_F(ProcessorTest, RejectsBlobRuleViolations) {
    Transaction t = blob_tx();
    t.blob_versioned_hashes.clear();
    EXPECT_EQ(validation_error(t), Errc::kBlobTxMissingHashes);
    t.blob_versioned_hashes = {blob_hash(1), blob_hash(0)};
    EXPECT_EQ(validation_error(t), Errc::kBlobHashVersionInvalid);
    t.blob_versioned_hashes.assign(7, blob_hash(1));
    EXPECT_EQ(validation_error(t), Errc::kTooManyBlobs);
    t.blob_versioned_hashes.assign(6, blob_hash(1));
    env.excess_blob_gas = 393216 * 10;  // blob base fee 3
    t.max_fee_per_blob_gas = 2;
    EXPECT_EQ(validation_error(t), Errc::kBlobFeeCapTooLow);
    EXPECT_EQ(validation_error(blob_tx(), Revision::kShanghai), Errc::kTxTypeNotSupported);
    Transaction create = blob_tx();
    create.to.reset();
    EXPECT_EQ(validation_error(create), Errc::kBlobTxWithoutTo);
}

TEST_F(ProcessorTest, RejectsAnotherChainId) {
    Transaction d = dynamic_fee_transfer();
    d.chain_id = 5;
    EXPECT_EQ(validation_error(d), Errc::kWrongChainId);
}

TEST_F(ProcessorTest, RejectedTransactionLeavesTheStateUnchanged) {
    state::State st{view};
    Transaction t = legacy_transfer();
    t.nonce = 9;
    const auto r = apply_transaction(st, env, t, sender, Revision::kCancun);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kNonceTooHigh);
    EXPECT_TRUE(st.write_set().accounts.empty());
}

// ---- execution and fees ---------------------------------------------------------------------

TEST_F(ProcessorTest, LegacyTransferPaysPriorityFeeAndBurnsBaseFee) {
    state::State st{view};
    const auto r = apply_transaction(st, env, legacy_transfer(), sender, Revision::kCancun);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_TRUE(r->receipt.success);
    EXPECT_EQ(r->gas_used, 21000u);
    EXPECT_EQ(r->receipt.cumulative_gas_used, 21000u);
    EXPECT_EQ(st.balance(sender), Uint256{10'000'000 - 21000 * 10 - 1000});
    EXPECT_EQ(st.nonce(sender), 4u);
    EXPECT_EQ(st.balance(recipient), Uint256{1000});
    EXPECT_EQ(st.balance(coinbase), Uint256{21000 * (10 - 7)});  // 21000 * 7 burned
}

TEST_F(ProcessorTest, DynamicFeeTransferPaysTheEffectivePrice) {
    state::State st{view};
    const auto r = apply_transaction(st, env, dynamic_fee_transfer(), sender, Revision::kCancun);
    ASSERT_TRUE(r) << r.error().message();
    // Effective price min(2, 20 - 7) + 7 = 9.
    EXPECT_EQ(st.balance(sender), Uint256{10'000'000 - 21000 * 9 - 1000});
    EXPECT_EQ(st.balance(coinbase), Uint256{21000 * 2});
}

TEST_F(ProcessorTest, BlobFeeIsChargedAndBurned) {
    env.excess_blob_gas = 393216 * 10;  // blob base fee 3
    Transaction t = blob_tx();
    t.max_fee_per_blob_gas = 5;
    t.blob_versioned_hashes = {blob_hash(1), blob_hash(1)};
    state::State st{view};
    const auto r = apply_transaction(st, env, t, sender, Revision::kCancun);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(st.balance(sender), Uint256{10'000'000 - 21000 * 9 - 1000 - 2 * 131072 * 3});
    EXPECT_EQ(st.balance(coinbase), Uint256{21000 * 2});
}

TEST_F(ProcessorTest, ZeroPriorityFeeStillDeletesAnEmptyCoinbase) {
    view.set_account(coinbase, Account{});
    Transaction t = legacy_transfer();
    t.gas_price = 7;  // all of it is base fee
    state::State st{view};
    ASSERT_TRUE(apply_transaction(st, env, t, sender, Revision::kCancun));
    EXPECT_FALSE(st.exists(coinbase));
}

// A call to the test contract 0x4000...04 with 100000 gas at price 10.
Transaction call_contract() {
    Transaction t;
    t.nonce = 3;
    t.gas_price = 10;
    t.gas_limit = 100'000;
    t.to = address("0x4000000000000000000000000000000000000004");
    return t;
}

TEST_F(ProcessorTest, RefundBelowTheCapIsPaidInFull) {
    // SSTORE(0, 0) on a slot holding 1: 3 + 3 + 2100 (cold) + 2900, refund 4800 (EIP-3529).
    view.set_account_with_code(contract, 1, 0, bytes("600060005500"));
    view.set_storage(contract, word(0), word(1));
    state::State st{view};
    const auto r = apply_transaction(st, env, call_contract(), sender, Revision::kCancun);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->gas_used, 21000u + 5006 - 4800);
    EXPECT_EQ(st.balance(sender), Uint256{10'000'000 - (21000 + 5006 - 4800) * 10});
    EXPECT_EQ(st.storage(contract, word(0)), Hash256{});
}

TEST_F(ProcessorTest, RefundIsCappedAtAFifthOfGasUsed) {
    // Two slots cleared: 4 pushes + 2 * 5000 = 10012 gas; refund 9600 > (21000 + 10012) / 5.
    view.set_account_with_code(contract, 1, 0,
                               bytes("600060005560006001"
                                     "5500"));
    view.set_storage(contract, word(0), word(1));
    view.set_storage(contract, word(1), word(1));
    state::State st{view};
    const auto r = apply_transaction(st, env, call_contract(), sender, Revision::kCancun);
    ASSERT_TRUE(r) << r.error().message();
    constexpr uint64_t kUsed = 21000 + 10012;
    EXPECT_EQ(r->gas_used, kUsed - kUsed / 5);
    EXPECT_EQ(st.balance(coinbase), Uint256{(kUsed - kUsed / 5) * 3});
}

TEST_F(ProcessorTest, FailedExecutionChargesAllGasAndRevertsTheCall) {
    // SSTORE(0, 1); LOG0(0, 0); INVALID
    view.set_account_with_code(contract, 1, 0,
                               bytes("6001600055"
                                     "60006000a0"
                                     "fe"));
    Transaction t = call_contract();
    t.value = 5;
    state::State st{view};
    const auto r = apply_transaction(st, env, t, sender, Revision::kCancun);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_FALSE(r->receipt.success);
    EXPECT_EQ(r->status, evm::Status::kInvalidInstruction);
    EXPECT_EQ(r->gas_used, 100'000u);
    EXPECT_TRUE(r->receipt.logs.empty());
    EXPECT_EQ(st.balance(sender), Uint256{10'000'000 - 100'000 * 10});
    EXPECT_EQ(st.nonce(sender), 4u);
    EXPECT_EQ(st.balance(contract), Uint256{0});
    EXPECT_EQ(st.storage(contract, word(0)), Hash256{});
}

TEST_F(ProcessorTest, ReceiptCarriesLogsAndBloom) {
    // MSTORE8(0, 0xab); LOG1(0, 1, topic 7); STOP
    view.set_account_with_code(contract, 1, 0,
                               bytes("60ab600053"
                                     "6007"
                                     "60016000a1"
                                     "00"));
    state::State st{view};
    const auto r = apply_transaction(st, env, call_contract(), sender, Revision::kCancun);
    ASSERT_TRUE(r) << r.error().message();
    ASSERT_EQ(r->receipt.logs.size(), 1u);
    EXPECT_EQ(r->receipt.logs[0], (Log{contract, {word(7)}, Bytes{0xab}}));
    EXPECT_EQ(r->receipt.logs_bloom, logs_bloom(r->receipt.logs));
    EXPECT_TRUE(st.logs().empty());  // the transaction has ended in the state
}

TEST_F(ProcessorTest, CreationTransactionDeploysAtTheSenderNonceAddress) {
    Transaction t = call_contract();
    t.to.reset();
    t.data = bytes("605b60005360016000f3");  // deploys 0x5b
    state::State st{view};
    const auto r = apply_transaction(st, env, t, sender, Revision::kCancun);
    ASSERT_TRUE(r) << r.error().message();
    ASSERT_TRUE(r->created_address);
    EXPECT_EQ(*r->created_address, state::create_address(sender, 3));
    EXPECT_EQ(st.code(*r->created_address), Bytes{0x5b});
    EXPECT_EQ(st.nonce(*r->created_address), 1u);
    EXPECT_EQ(st.nonce(sender), 4u);
}

TEST_F(ProcessorTest, TransientStorageDoesNotLeakIntoTheNextTransaction) {
    // TLOAD(0) -> SSTORE(0, it); TSTORE(0, 1); STOP
    view.set_account_with_code(contract, 1, 0,
                               bytes("60005c600055"
                                     "600160005d"
                                     "00"));
    state::State st{view};
    ASSERT_TRUE(apply_transaction(st, env, call_contract(), sender, Revision::kCancun));
    Transaction second = call_contract();
    second.nonce = 4;
    ASSERT_TRUE(apply_transaction(st, env, second, sender, Revision::kCancun));
    EXPECT_EQ(st.storage(contract, word(0)), Hash256{});
}

// ---- apply_message: one setup for transactions and JSON-RPC calls ---------------------------

TEST_F(ProcessorTest, ATransactionIsItsMessageWithEveryCheck) {
    state::State a{view};
    state::State b{view};
    const Transaction t = dynamic_fee_transfer();
    const auto by_txn = apply_transaction(a, env, t, sender, Revision::kCancun);
    const auto by_msg =
        apply_message(b, env, to_message(t, sender, env.base_fee), Revision::kCancun);
    ASSERT_TRUE(by_txn) << by_txn.error().message();
    ASSERT_TRUE(by_msg) << by_msg.error().message();
    EXPECT_EQ(by_txn->gas_used, by_msg->gas_used);
    EXPECT_EQ(a.write_set().accounts.size(), b.write_set().accounts.size());
    for (const Address& who : {sender, recipient, coinbase})
        EXPECT_EQ(a.balance(who), b.balance(who));
    EXPECT_EQ(by_txn->receipt.type, TxType::kDynamicFee);
}

TEST_F(ProcessorTest, MessageErrorsCarryGethsDetail) {
    state::State st{view};
    Message m = to_message(legacy_transfer(), sender, env.base_fee);
    m.nonce = 5;
    auto r = apply_message(st, env, m, Revision::kCancun);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kNonceTooHigh);
    EXPECT_EQ(r.error().context(), "address " + to_checksum_hex(sender) + ", tx: 5 state: 3");

    m.nonce = 3;
    m.value = Uint256{10'000'000};
    r = apply_message(st, env, m, Revision::kCancun);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kInsufficientFunds);
    EXPECT_EQ(r.error().context(),
              "address " + to_checksum_hex(sender) + " have 10000000 want 10210000");

    m.value = Uint256{};
    m.gas_fee_cap = m.gas_tip_cap = m.gas_price = Uint256{6};
    r = apply_message(st, env, m, Revision::kCancun);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kFeeCapTooLow);
    EXPECT_EQ(r.error().context(),
              "address " + to_checksum_hex(sender) + ", maxFeePerGas: 6, baseFee: 7");

    m.gas_fee_cap = m.gas_tip_cap = m.gas_price = Uint256{10};
    m.gas_limit = 20'999;
    r = apply_message(st, env, m, Revision::kCancun);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kIntrinsicGasTooLow);
    EXPECT_EQ(r.error().context(), "have 20999, want 21000");
    EXPECT_TRUE(st.write_set().accounts.empty());
}

TEST_F(ProcessorTest, CallChecksSkipTheNonceAndTheSenderCodeAndWaiveZeroFees) {
    // A contract as the sender, a nonce that is not its own, no price on a block with a base
    // fee: what eth_call runs. Every check refuses it; the call checks run it and charge nothing.
    view.set_account_with_code(contract, 1, Uint256{5000}, bytes("00"));
    Message m;
    m.from = contract;
    m.to = recipient;
    m.nonce = 42;
    m.gas_limit = 50'000;
    m.value = Uint256{100};
    {
        state::State st{view};
        const auto r = apply_message(st, env, m, Revision::kCancun);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error(), Errc::kNonceTooHigh);
    }
    {
        MessageChecks checks = MessageChecks::call();
        checks.zero_fees_free = false;
        state::State st{view};
        const auto r = apply_message(st, env, m, Revision::kCancun, checks);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error(), Errc::kFeeCapTooLow);
    }
    state::State st{view};
    const auto r = apply_message(st, env, m, Revision::kCancun, MessageChecks::call());
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->gas_used, 21000u);
    EXPECT_EQ(st.balance(contract), Uint256{4900});  // the value, no gas
    EXPECT_EQ(st.balance(recipient), Uint256{100});
    EXPECT_EQ(st.balance(coinbase), Uint256{});
    EXPECT_EQ(st.nonce(contract), 2u);  // its own nonce, raised
}

}  // namespace
}  // namespace yao::chain
