// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The hand-assembled ERC-20 of test_util/erc20.hpp (also the benchmark workload): balances,
// the Transfer event, the failure paths, and the exact gas of a transfer counted by hand.

#include <yao/evm/test_util/erc20.hpp>
#include <yao/evm/test_util/evm_fixture.hpp>

namespace yao::evm::test {
namespace {

class Erc20Test : public EvmTest {
protected:
    Erc20Test() : code_(erc20_runtime()) {
        host.account(kContract).set_slot(erc20_balance_slot(kCaller), word(1000));
    }
    void call_with(const Bytes& input) {
        input_ = input;
        msg.input = input_;
        run(code_);
    }
    Uint256 balance_of(const Address& owner) {
        return Uint256::from_hash(host.get_storage(kContract, erc20_balance_slot(owner)));
    }

    Bytecode code_;
    Bytes input_;
};

TEST_F(Erc20Test, TransferMovesTheAmountAndEmitsTransfer) {
    call_with(erc20_transfer_input(kOther, 300));
    ASSERT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(output_word(), 1);
    EXPECT_EQ(balance_of(kCaller), 700);
    EXPECT_EQ(balance_of(kOther), 300);
    ASSERT_EQ(host.logs.size(), 1u);
    EXPECT_EQ(host.logs[0].address, kContract);
    EXPECT_EQ(
        host.logs[0].topics,
        (std::vector<Hash256>{
            *hash_from_hex("ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"),
            word(0xca), word(0xee)}));
    EXPECT_EQ(host.logs[0].data, word(300).view());
    // Counted instruction by instruction: dispatcher 33; transfer body 29100, of which the two
    // cold SLOADs are 2100 each, the update of the sender's slot 2900, the fresh set of the
    // recipient's slot 20000 and LOG3 375 * 4 + 8 * 32.
    EXPECT_EQ(gas_used(), 33 + 29100);
}

TEST_F(Erc20Test, BalanceOfReadsTheMapping) {
    call_with(erc20_balance_of_input(kCaller));
    EXPECT_EQ(output_word(), 1000);
    call_with(erc20_balance_of_input(kOther));
    EXPECT_EQ(output_word(), 0);
}

TEST_F(Erc20Test, TransferAboveTheBalanceReverts) {
    call_with(erc20_transfer_input(kOther, 1001));
    EXPECT_EQ(result.status, Status::kRevert);
    EXPECT_TRUE(host.logs.empty());
}

TEST_F(Erc20Test, TransferToSelfKeepsTheBalance) {
    call_with(erc20_transfer_input(kCaller, 400));
    ASSERT_EQ(result.status, Status::kSuccess);
    EXPECT_EQ(balance_of(kCaller), 1000);
}

TEST_F(Erc20Test, UnknownSelectorReverts) {
    call_with(Bytes{0x12, 0x34, 0x56, 0x78});
    EXPECT_EQ(result.status, Status::kRevert);
}

}  // namespace
}  // namespace yao::evm::test
