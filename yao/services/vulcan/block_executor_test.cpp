// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <yao/chain/transaction.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/secp256k1.hpp>
#include <yao/execution/block_executor.hpp>
#include <yao/services/vulcan/speculation.hpp>
#include <yao/state/state_view.hpp>

namespace yao::vulcan {
namespace {

using execution::result_digest;

/// execute_block where no block hash read can fail (none, or a reader that does not fail).
proto::ExecutionResult execute_block(const proto::Proposal& p, state::StateView& view,
                                     const execution::BlockHashReader& hashes,
                                     const chain::ChainRules& rules) {
    auto r = execution::execute_block(p, view, hashes, rules);
    EXPECT_TRUE(r.has_value()) << r.error().message();
    return r.value_or(proto::ExecutionResult{});
}

const Uint256 kGwei{1'000'000'000};
const Uint256 kEther = Uint256{1'000'000'000} * Uint256{1'000'000'000};

Hash256 key(uint8_t i) {
    Hash256 k;
    k[31] = i;
    k[0] = 0x11;
    return k;
}

Address addr(uint8_t tag) {
    Address a;
    a[0] = 0xaa;
    a[19] = tag;
    return a;
}

proto::SignedTx transfer(uint8_t from, uint64_t nonce, const Address& to, const Uint256& value,
                         Bytes data = {}, uint64_t gas = 21'000) {
    chain::Transaction t;
    t.type = chain::TxType::kDynamicFee;
    t.chain_id = 1;
    t.nonce = nonce;
    t.max_priority_fee_per_gas = kGwei * Uint256{2};
    t.max_fee_per_gas = kGwei * Uint256{10};
    t.gas_limit = gas;
    t.to = to;
    t.value = value;
    t.data = std::move(data);
    EXPECT_TRUE(chain::sign_transaction(t, key(from)).has_value());
    return {t, chain::transaction_hash(t), address_from_private_key(key(from)).value(), 0};
}

class BlockExecutorTest : public ::testing::Test {
protected:
    void SetUp() override {
        for (uint8_t i = 1; i <= 3; ++i)
            view_.set_account(address_from_private_key(key(i)).value(), {0, kEther, state::kEmptyCodeHash});
        coinbase_ = addr(0xcb);
        view_.set_account(coinbase_, {0, Uint256{7}, state::kEmptyCodeHash});
        // BALANCE(COINBASE) stored at slot 0.
        const Bytes probe{0x41, 0x31, 0x60, 0x00, 0x55, 0x00};
        view_.set_account_with_code(addr(0x0b), 1, {}, probe);
    }
    proto::Proposal proposal(std::vector<proto::SignedTx> txs) const {
        proto::Proposal p;
        p.number = 5;
        p.timestamp = 1000;
        p.coinbase = coinbase_;
        p.gas_limit = 1'000'000;
        p.base_fee = kGwei;
        p.txs = std::move(txs);
        return p;
    }
    state::MemoryStateView view_;
    Address coinbase_;
};

TEST_F(BlockExecutorTest, DefersPriorityFeesWhenNothingReadsTheCoinbase) {
    const Address to = addr(0x77);
    auto r = execute_block(proposal({transfer(1, 0, to, Uint256{5}), transfer(2, 0, to, Uint256{6})}),
                           view_, nullptr, 1);
    ASSERT_EQ(r.txs.size(), 2u);
    // 2 x 21000 gas at a priority fee of 2 gwei (base fee 1 gwei is burned).
    EXPECT_EQ(r.coinbase_fee, Uint256{2 * 21'000} * kGwei * Uint256{2});
    for (const auto& e : r.diff.accounts) EXPECT_NE(e.address, coinbase_);
    EXPECT_EQ(r.gas_used, 42'000u);
    EXPECT_EQ(r.txs[1].receipt.cumulative_gas_used, 42'000u);
    EXPECT_EQ(r.txs[0].effective_gas_price, kGwei * Uint256{3});
}

TEST_F(BlockExecutorTest, ABlockThatReadsTheCoinbaseSeesTheFeesPaidBeforeInIt) {
    auto r = execute_block(proposal({transfer(1, 0, addr(0x77), Uint256{5}),
                                     transfer(2, 0, addr(0x0b), {}, {}, 100'000)}),
                           view_, nullptr, 1);
    ASSERT_EQ(r.txs.size(), 2u);
    const Uint256 first_fee = Uint256{21'000} * kGwei * Uint256{2};
    const Uint256 second_fee = Uint256{r.txs[1].gas_used} * kGwei * Uint256{2};
    // The probe stored the coinbase balance it saw: genesis 7 wei plus the first fee.
    bool stored = false;
    for (const auto& e : r.diff.storage) {
        if (e.address == addr(0x0b)) {  // the probe's slot
            EXPECT_EQ(Uint256::from_hash(e.value), Uint256{7} + first_fee);
            stored = true;
        }
    }
    EXPECT_TRUE(stored);
    // From that read on, fees are in the state: nothing is deferred and the diff has the
    // coinbase with both fees.
    EXPECT_TRUE(r.coinbase_fee.is_zero());
    bool listed = false;
    for (const auto& e : r.diff.accounts) {
        if (e.address != coinbase_) continue;
        listed = true;
        EXPECT_EQ(e.account->balance, Uint256{7} + first_fee + second_fee);
    }
    EXPECT_TRUE(listed);
}

TEST_F(BlockExecutorTest, DropsInvalidTransactionsWithGethsReasons) {
    const Address to = addr(0x77);
    auto r = execute_block(proposal({transfer(1, 1, to, Uint256{1}),                 // gap
                                     transfer(2, 0, to, kEther),                     // too much
                                     transfer(3, 0, to, Uint256{1}, {}, 20'000),     // gas
                                     transfer(3, 0, to, Uint256{1})}),
                           view_, nullptr, 1);
    ASSERT_EQ(r.dropped.size(), 3u);
    EXPECT_EQ(r.dropped[0].reason, "nonce too high");
    EXPECT_EQ(r.dropped[1].reason, "insufficient funds for gas * price + value");
    EXPECT_EQ(r.dropped[2].reason, "intrinsic gas too low");
    ASSERT_EQ(r.txs.size(), 1u);
    EXPECT_EQ(r.txs[0].tx_index, 3u);
}

TEST_F(BlockExecutorTest, TheSameProposalOnTheSameStateGivesTheSameDigest) {
    auto p = proposal({transfer(1, 0, addr(0x77), Uint256{5})});
    auto a = execute_block(p, view_, nullptr, 1);
    auto b = execute_block(p, view_, nullptr, 1);
    EXPECT_EQ(result_digest(a), result_digest(b));
    auto c = execute_block(proposal({transfer(1, 0, addr(0x77), Uint256{6})}), view_, nullptr, 1);
    EXPECT_NE(result_digest(a), result_digest(c));
}

TEST_F(BlockExecutorTest, SpeculationReadsTheNewestUncommittedWriteWithItsBlockAsVersion) {
    const Address sender = address_from_private_key(key(1)).value();
    const Address to = addr(0x77);
    // Block 5 executed but not committed; block 6 builds on it.
    auto r5 = execute_block(proposal({transfer(1, 0, to, Uint256{5})}), view_, nullptr, 1);
    auto b5 = SpeculativeBlock::from(r5, result_digest(r5));
    SpeculativeView view{view_, {b5}, coinbase_};
    auto p6 = proposal({transfer(1, 1, to, Uint256{6})});
    p6.number = 6;
    auto r6 = execute_block(p6, view, nullptr, 1);
    ASSERT_EQ(r6.txs.size(), 1u) << (r6.dropped.empty() ? "" : r6.dropped[0].reason);
    state::ReadSet reads;
    view.add_reads(reads);
    EXPECT_EQ(reads.accounts.at(sender), 5u);
    EXPECT_EQ(reads.accounts.at(to), 5u);
    ASSERT_EQ(view.bases().size(), 1u);
    EXPECT_EQ(view.bases()[0].number, 5u);
    EXPECT_EQ(view.bases()[0].hash, result_digest(r5));
    for (const auto& e : r6.diff.accounts) {
        if (e.address == to) {
            EXPECT_EQ(e.account->balance, Uint256{11});
        }
    }
    // The coinbase is never served from the overlay.
    EXPECT_FALSE(reads.accounts.contains(coinbase_));
}

TEST_F(BlockExecutorTest, AFailedBlockHashReadFailsTheExecutionNotAZeroHash) {
    // BLOCKHASH(NUMBER - 1) stored at slot 0.
    const Address reader = addr(0x0c);
    view_.set_account_with_code(reader, 1, {},
                                Bytes{0x60, 0x01, 0x43, 0x03, 0x40, 0x60, 0x00, 0x55, 0x00});
    const auto p = proposal({transfer(1, 0, reader, {}, {}, 100'000)});
    Hash256 parent;
    parent[0] = 0x44;
    auto known = execution::execute_block(
        p, view_,
        [&](uint64_t n) -> Result<std::optional<Hash256>> {
            EXPECT_EQ(n, 4u);
            return std::optional{parent};
        },
        1);
    ASSERT_TRUE(known.has_value());
    ASSERT_EQ(known->block_hash_reads.size(), 1u);
    EXPECT_EQ(known->block_hash_reads[0].hash, parent);

    // Unknown (not committed): zero, as BLOCKHASH answers. Unreadable: the execution fails.
    auto unknown = execution::execute_block(
        p, view_, [](uint64_t) -> Result<std::optional<Hash256>> { return std::nullopt; }, 1);
    ASSERT_TRUE(unknown.has_value());
    EXPECT_EQ(unknown->block_hash_reads[0].hash, Hash256{});
    const Error down{std::make_error_code(std::errc::io_error), "store"};
    auto failed = execution::execute_block(
        p, view_, [&](uint64_t) -> Result<std::optional<Hash256>> { return std::unexpected(down); },
        1);
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error().code(), down.code());
    EXPECT_EQ(failed.error().context(), "store");
}

}  // namespace
}  // namespace yao::vulcan
