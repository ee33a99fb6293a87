// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The shared ChainStore suite, part 2: state at the head and at past blocks, versions, batched
// reads, code, and eth_getLogs filters (checked against a plain reference filter). Runs on every
// backend.
#include <algorithm>

#include <yao/common/keccak.hpp>
#include <yao/storage/test_util/store_fixture.hpp>

namespace yao::storage::test_util {
namespace {

class StateTest : public StoreTest {
protected:
    // Account kAlice is created in block 1, changed in block 2 and deleted in block 3; slot
    // kSlot of the token goes X -> Y -> deleted in the same blocks.
    const Address kAlice = test_address(0xa11ce);
    const Address kNobody = test_address(0xdead);
    const Hash256 kSlot = test_hash(5);
    const Hash256 kX = test_hash(0x1111);
    const Hash256 kY = test_hash(0x2222);

    void commit_history() {
        commit(next_block({.deploy_token = true}));
        auto b1 = next_block();
        b1.accounts.push_back({kAlice, state::Account{0, Uint256{100}, state::kEmptyCodeHash}});
        b1.storage.push_back({token_address(), kSlot, kX});
        commit(b1);
        auto b2 = next_block();
        b2.accounts.push_back({kAlice, state::Account{1, Uint256{50}, state::kEmptyCodeHash}});
        b2.storage.push_back({token_address(), kSlot, kY});
        commit(b2);
        auto b3 = next_block();
        b3.accounts.push_back({kAlice, std::nullopt});
        b3.storage.push_back({token_address(), kSlot, Hash256{}});
        commit(b3);
        commit(next_block());  // block 4 touches neither
    }
};

TEST_P(StateTest, AccountAndStorageAtTheHead) {
    commit(next_block({.transfers = 2, .deploy_token = true}));
    const auto b1 = next_block({.transfers = 2});
    commit(b1);
    YAO_ASSERT_OK_AND_ASSIGN(auto sender, store_->account(b1.transactions[1].sender));
    ASSERT_TRUE(sender);
    EXPECT_EQ(sender->nonce, 2u);
    EXPECT_EQ(sender->balance, Uint256::from_dec("999999999999999999999").value());
    EXPECT_EQ(sender->code_hash, state::kEmptyCodeHash);
    YAO_ASSERT_OK_AND_ASSIGN(auto token, store_->account(token_address()));
    ASSERT_TRUE(token);
    EXPECT_EQ(token->code_hash, keccak256(token_code()));
    YAO_ASSERT_OK_AND_ASSIGN(auto slot, store_->storage(counter_address(), counter_slot()));
    EXPECT_EQ(slot, Uint256{1}.to_hash());
    YAO_ASSERT_OK_AND_ASSIGN(auto none, store_->account(kNobody));
    EXPECT_EQ(none, std::nullopt);
}

TEST_P(StateTest, AccountsAtPastBlocksComeFromTheHistory) {
    commit_history();
    const auto at = [&](uint64_t b) { return store_->account_at(kAlice, b); };
    YAO_ASSERT_OK_AND_ASSIGN(auto a0, at(0));
    EXPECT_EQ(a0, std::nullopt);
    YAO_ASSERT_OK_AND_ASSIGN(auto a1, at(1));
    EXPECT_EQ(a1, (state::Account{0, Uint256{100}, state::kEmptyCodeHash}));
    YAO_ASSERT_OK_AND_ASSIGN(auto a2, at(2));
    EXPECT_EQ(a2, (state::Account{1, Uint256{50}, state::kEmptyCodeHash}));
    YAO_ASSERT_OK_AND_ASSIGN(auto a3, at(3));
    EXPECT_EQ(a3, std::nullopt);
    YAO_ASSERT_OK_AND_ASSIGN(auto a4, at(4));
    EXPECT_EQ(a4, std::nullopt);
    YAO_ASSERT_ERROR(at(5), Errc::kUnknownBlock);
    // The counter is rewritten by every block: its value at block b is b.
    for (uint64_t b = 0; b <= 4; ++b) {
        YAO_ASSERT_OK_AND_ASSIGN(auto c, store_->account_at(counter_address(), b));
        ASSERT_TRUE(c);
        EXPECT_EQ(c->balance, Uint256{b});
    }
}

TEST_P(StateTest, StorageAtPastBlocksComesFromTheHistory) {
    commit_history();
    const Hash256 expected[] = {Hash256{}, kX, kY, Hash256{}, Hash256{}};
    for (uint64_t b = 0; b <= 4; ++b) {
        YAO_ASSERT_OK_AND_ASSIGN(auto v, store_->storage_at(token_address(), kSlot, b));
        EXPECT_EQ(v, expected[b]) << "block " << b;
        YAO_ASSERT_OK_AND_ASSIGN(auto c, store_->storage_at(counter_address(), counter_slot(), b));
        EXPECT_EQ(c, Uint256{b}.to_hash());
    }
    YAO_ASSERT_OK_AND_ASSIGN(auto head, store_->storage(token_address(), kSlot));
    EXPECT_EQ(head, Hash256{});
    YAO_ASSERT_ERROR(store_->storage_at(token_address(), kSlot, 9), Errc::kUnknownBlock);
}

TEST_P(StateTest, VersionsNameTheBlockThatLastWroteOrDeleted) {
    commit_history();
    YAO_ASSERT_OK_AND_ASSIGN(auto alice, store_->account_versioned(kAlice));
    EXPECT_EQ(alice.value, std::nullopt);
    EXPECT_EQ(alice.version, 3u);  // deleted by block 3
    YAO_ASSERT_OK_AND_ASSIGN(auto counter, store_->account_versioned(counter_address()));
    ASSERT_TRUE(counter.value);
    EXPECT_EQ(counter.version, 4u);
    YAO_ASSERT_OK_AND_ASSIGN(auto token, store_->account_versioned(token_address()));
    EXPECT_TRUE(token.value);
    EXPECT_EQ(token.version, 0u);  // written by genesis only
    YAO_ASSERT_OK_AND_ASSIGN(auto nobody, store_->account_versioned(kNobody));
    EXPECT_EQ(nobody.value, std::nullopt);
    EXPECT_EQ(nobody.version, 0u);

    YAO_ASSERT_OK_AND_ASSIGN(auto slot, store_->storage_versioned(token_address(), kSlot));
    EXPECT_EQ(slot, (Versioned<Hash256>{Hash256{}, 3}));
    YAO_ASSERT_OK_AND_ASSIGN(auto cslot,
                             store_->storage_versioned(counter_address(), counter_slot()));
    EXPECT_EQ(cslot, (Versioned<Hash256>{Uint256{4}.to_hash(), 4}));
    YAO_ASSERT_OK_AND_ASSIGN(auto unset, store_->storage_versioned(kNobody, kSlot));
    EXPECT_EQ(unset, (Versioned<Hash256>{Hash256{}, 0}));
}

TEST_P(StateTest, BatchedReadsEqualSingleReadsInTheOrderAsked) {
    commit_history();
    const std::vector<Address> addrs{counter_address(), kAlice, kNobody, token_address(),
                                     counter_address()};
    YAO_ASSERT_OK_AND_ASSIGN(auto batch, store_->accounts_batch(addrs));
    EXPECT_EQ(batch.head, 4u);
    ASSERT_EQ(batch.values.size(), addrs.size());
    for (size_t i = 0; i < addrs.size(); ++i) {
        YAO_ASSERT_OK_AND_ASSIGN(auto single, store_->account_versioned(addrs[i]));
        EXPECT_EQ(batch.values[i], single) << i;
    }
    EXPECT_EQ(batch.values[1].version, 3u);

    const std::vector<StorageKey> keys{
        {token_address(), kSlot}, {counter_address(), counter_slot()}, {kNobody, kSlot}};
    YAO_ASSERT_OK_AND_ASSIGN(auto slots, store_->storage_batch(keys));
    EXPECT_EQ(slots.head, 4u);
    ASSERT_EQ(slots.values.size(), 3u);
    EXPECT_EQ(slots.values[0], (Versioned<Hash256>{Hash256{}, 3}));
    EXPECT_EQ(slots.values[1], (Versioned<Hash256>{Uint256{4}.to_hash(), 4}));
    EXPECT_EQ(slots.values[2], (Versioned<Hash256>{Hash256{}, 0}));

    YAO_ASSERT_OK_AND_ASSIGN(auto empty, store_->accounts_batch({}));
    EXPECT_TRUE(empty.values.empty());
}

TEST_P(StateTest, LargeBatchesSpanSeveralQueries) {
    // 700 transfers touch 1400 accounts: more than five 256-key chunks.
    const auto b0 = next_block({.transfers = 700});
    auto with_slots = b0;
    for (size_t i = 0; i < 300; ++i)
        with_slots.storage.push_back({token_address(), test_hash(1000 + i), test_hash(i + 1)});
    commit(with_slots);
    std::vector<Address> addrs;
    for (size_t i = 0; i < 700; ++i) {
        addrs.push_back(transfer_recipient({.number = 0, .transfers = 700}, i));
        addrs.push_back(transfer_sender({.number = 0, .transfers = 700}, i));
    }
    addrs.push_back(kNobody);
    YAO_ASSERT_OK_AND_ASSIGN(auto batch, store_->accounts_batch(addrs));
    ASSERT_EQ(batch.values.size(), 1401u);
    for (size_t i = 0; i < 700; ++i) {
        ASSERT_TRUE(batch.values[2 * i].value) << i;
        EXPECT_EQ(batch.values[2 * i].value->balance, Uint256{1'000'000'000'000'000ULL + i});
        ASSERT_TRUE(batch.values[2 * i + 1].value);
        EXPECT_EQ(batch.values[2 * i + 1].value->nonce, 1u);
    }
    EXPECT_EQ(batch.values[1400].value, std::nullopt);

    std::vector<StorageKey> keys;
    for (size_t i = 0; i < 301; ++i) keys.push_back({token_address(), test_hash(1000 + i)});
    YAO_ASSERT_OK_AND_ASSIGN(auto slots, store_->storage_batch(keys));
    ASSERT_EQ(slots.values.size(), 301u);
    for (size_t i = 0; i < 300; ++i) EXPECT_EQ(slots.values[i].value, test_hash(i + 1)) << i;
    EXPECT_EQ(slots.values[300].value, Hash256{});
}

TEST_P(StateTest, CodeIsKeptByHash) {
    commit(next_block({.deploy_token = true}));
    const Hash256 token_hash = keccak256(token_code());
    YAO_ASSERT_OK_AND_ASSIGN(auto code, store_->code(token_hash));
    EXPECT_EQ(code, token_code());
    YAO_ASSERT_OK_AND_ASSIGN(auto empty, store_->code(state::kEmptyCodeHash));
    EXPECT_EQ(empty, Bytes{});
    YAO_ASSERT_OK_AND_ASSIGN(auto unknown, store_->code(test_hash(3)));
    EXPECT_EQ(unknown, std::nullopt);
    const Hash256 hashes[] = {test_hash(3), token_hash, state::kEmptyCodeHash, token_hash};
    YAO_ASSERT_OK_AND_ASSIGN(auto batch, store_->code_batch(hashes));
    ASSERT_EQ(batch.size(), 4u);
    EXPECT_EQ(batch[0], std::nullopt);
    EXPECT_EQ(batch[1], token_code());
    EXPECT_EQ(batch[2], Bytes{});
    EXPECT_EQ(batch[3], token_code());
    // Deploying the same code again in a later block is fine (content addressed).
    commit(next_block({.deploy_token = true}));
}

// ---- eth_getLogs ------------------------------------------------------------------------------

class LogFilterTest : public StoreTest {
protected:
    const Address kTokenB = test_address(0xb0b);

    /// Blocks 0..5; every transaction logs one token Transfer (3 topics) and, in odd
    /// transactions, one kTokenB event with one topic test_hash(100 + block % 3).
    void SetUp() override {
        StoreTest::SetUp();
        if (HasFatalFailure()) return;
        for (uint64_t n = 0; n < 6; ++n) {
            auto b = next_block({.transfers = 2 + n % 3, .logs_per_txn = 1});
            for (size_t i = 1; i < b.transactions.size(); i += 2) {
                chain::Log extra;
                extra.address = kTokenB;
                extra.topics = {test_hash(100 + n % 3)};
                extra.data = Bytes{static_cast<uint8_t>(n), static_cast<uint8_t>(i)};
                b.transactions[i].receipt.logs.push_back(extra);
            }
            seal_block(b);
            commit(b);
            for (size_t i = 0; i < b.transactions.size(); ++i) {
                for (const auto& log : b.transactions[i].receipt.logs) {
                    StoredLog s;
                    s.log = log;
                    s.block_hash = b.hash;
                    s.block_num = n;
                    s.transaction_hash = b.transactions[i].hash;
                    s.transaction_index = static_cast<uint32_t>(i);
                    s.log_index = static_cast<uint32_t>(
                        std::count_if(all_.begin(), all_.end(),
                                      [&](const StoredLog& l) { return l.block_num == n; }));
                    all_.push_back(s);
                }
            }
        }
    }

    /// The reference: Ethereum's matching rules applied to every log, one by one.
    std::vector<StoredLog> reference(const LogFilter& f) const {
        std::vector<StoredLog> out;
        for (const auto& l : all_) {
            if (l.block_num < f.from_block || l.block_num > f.to_block) continue;
            if (!f.addresses.empty() && std::find(f.addresses.begin(), f.addresses.end(),
                                                  l.log.address) == f.addresses.end())
                continue;
            bool match = true;
            for (size_t k = 0; k < 4 && match; ++k) {
                if (f.topics[k].empty()) continue;
                match = k < l.log.topics.size() && std::find(f.topics[k].begin(), f.topics[k].end(),
                                                             l.log.topics[k]) != f.topics[k].end();
            }
            if (match) out.push_back(l);
        }
        return out;
    }

    void expect_matches(const LogFilter& f, size_t expected_count) {
        YAO_ASSERT_OK_AND_ASSIGN(auto got, store_->logs(f));
        const auto want = reference(f);
        EXPECT_EQ(want.size(), expected_count);
        EXPECT_EQ(got, want);
    }

    std::vector<StoredLog> all_;
};

TEST_P(LogFilterTest, BlockRangesAlone) {
    // Transactions per block: 2, 3, 4, 2, 3, 4; kTokenB logs: 1, 1, 2, 1, 1, 2.
    expect_matches({.from_block = 0, .to_block = 5}, 18 + 8);
    expect_matches({.from_block = 2, .to_block = 3}, 6 + 3);
    expect_matches({.from_block = 5, .to_block = 5}, 6);
    expect_matches({.from_block = 10, .to_block = 20}, 0);
}

TEST_P(LogFilterTest, AddressSets) {
    expect_matches({.from_block = 0, .to_block = 5, .addresses = {kTokenB}}, 8);
    expect_matches({.from_block = 1, .to_block = 4, .addresses = {token_address(), kTokenB}},
                   12 + 5);
    expect_matches({.from_block = 0,
                    .to_block = 5,
                    .addresses = {kTokenB, kTokenB, kTokenB, test_address(77)}},
                   8);
    expect_matches({.from_block = 0, .to_block = 5, .addresses = {test_address(77)}}, 0);
}

TEST_P(LogFilterTest, TopicPositionsWithOrSetsAndWildcards) {
    LogFilter transfers{.from_block = 0, .to_block = 5};
    transfers.topics[0] = {transfer_topic()};
    expect_matches(transfers, 18);

    LogFilter b_events{.from_block = 0, .to_block = 5};
    b_events.topics[0] = {test_hash(100), test_hash(102)};  // blocks with n % 3 in {0, 2}
    expect_matches(b_events, 1 + 2 + 1 + 2);

    // Wildcard at position 0, an OR-set of two senders at position 1.
    const auto s1 = all_[3].log.topics[1];
    const auto s2 = all_[10].log.topics[1];
    LogFilter by_sender{.from_block = 0, .to_block = 5};
    by_sender.topics[1] = {s1, s2};
    expect_matches(by_sender, 2);

    // Address and position 1 and 2 together.
    LogFilter exact{.from_block = 0, .to_block = 5, .addresses = {token_address()}};
    exact.topics[1] = {s1};
    exact.topics[2] = {all_[3].log.topics[2]};
    expect_matches(exact, 1);

    // A position the logs do not have never matches.
    LogFilter fourth{.from_block = 0, .to_block = 5};
    fourth.topics[3] = {transfer_topic()};
    expect_matches(fourth, 0);
    LogFilter second_of_b{.from_block = 0, .to_block = 5, .addresses = {kTokenB}};
    second_of_b.topics[1] = {s1};
    expect_matches(second_of_b, 0);
}

TEST_P(LogFilterTest, ReversedRangeAndOverLimitAreErrors) {
    YAO_ASSERT_ERROR(store_->logs({.from_block = 3, .to_block = 2}), Errc::kInvalidArgument);
    YAO_ASSERT_ERROR(store_->logs({.from_block = 0, .to_block = 5, .limit = 25}),
                     Errc::kTooManyResults);
    YAO_ASSERT_OK_AND_ASSIGN(auto exact,
                             store_->logs({.from_block = 0, .to_block = 5, .limit = 26}));
    EXPECT_EQ(exact.size(), 26u);
    LogFilter huge{.from_block = 0, .to_block = 5};
    for (uint64_t i = 0; i < 5000; ++i) huge.addresses.push_back(test_address(i));
    YAO_ASSERT_ERROR(store_->logs(huge), Errc::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Backends, StateTest, all_backends(), backend_param_name);
INSTANTIATE_TEST_SUITE_P(Backends, LogFilterTest, all_backends(), backend_param_name);

}  // namespace
}  // namespace yao::storage::test_util
