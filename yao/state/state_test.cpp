// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "state.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>

namespace yao::state {
namespace {

Address addr(uint8_t last) {
    Address a;
    a[19] = last;
    a[0] = 0xaa;
    return a;
}

Hash256 word(uint64_t v) {
    return Uint256{v}.to_hash();
}

/// A view that counts every read it answers (what a read-set recorder would see).
class CountingView final : public StateView {
public:
    explicit CountingView(MemoryStateView& inner) : inner_{inner} {}
    std::optional<Account> account(const Address& a) override {
        ++account_reads;
        return inner_.account(a);
    }
    Hash256 storage(const Address& a, const Hash256& k) override {
        ++storage_reads;
        return inner_.storage(a, k);
    }
    Bytes code(const Hash256& h) override {
        ++code_reads;
        return inner_.code(h);
    }
    bool has_storage(const Address& a) override { return inner_.has_storage(a); }

    int account_reads = 0;
    int storage_reads = 0;
    int code_reads = 0;

private:
    MemoryStateView& inner_;
};

class StateTest : public ::testing::Test {
protected:
    void SetUp() override {
        view.set_account(alice, Account{5, 1000, kEmptyCodeHash});
        view.set_account_with_code(contract, 1, 0, Bytes{0x60, 0x00, 0x00});
        view.set_storage(contract, word(1), word(11));
        view.set_account(empty, Account{});
    }

    MemoryStateView view;
    const Address alice = addr(1);
    const Address contract = addr(2);
    const Address empty = addr(3);
    const Address nobody = addr(4);
};

TEST_F(StateTest, ReadsComeFromTheViewOnceAndAreCached) {
    CountingView counting{view};
    State st{counting};
    EXPECT_EQ(st.balance(alice), Uint256{1000});
    EXPECT_EQ(st.nonce(alice), 5u);
    EXPECT_EQ(counting.account_reads, 1);
    EXPECT_EQ(st.storage(contract, word(1)), word(11));
    EXPECT_EQ(st.storage(contract, word(1)), word(11));
    EXPECT_EQ(counting.storage_reads, 1);
    EXPECT_EQ(st.code(contract), (Bytes{0x60, 0x00, 0x00}));
    EXPECT_EQ(st.code(contract).size(), 3u);
    EXPECT_EQ(counting.code_reads, 1);
    // An account absent from the view has no storage there: no storage read is needed.
    EXPECT_EQ(st.storage(nobody, word(1)), Hash256{});
    EXPECT_EQ(counting.storage_reads, 1);
}

TEST_F(StateTest, ExistenceAndDeadness) {
    State st{view};
    EXPECT_TRUE(st.exists(alice));
    EXPECT_FALSE(st.is_dead(alice));
    EXPECT_TRUE(st.exists(empty));
    EXPECT_TRUE(st.is_dead(empty));
    EXPECT_FALSE(st.exists(nobody));
    EXPECT_TRUE(st.is_dead(nobody));
    EXPECT_EQ(st.account(nobody), std::nullopt);
    // Adding zero to an absent account creates nothing.
    st.add_balance(nobody, 0);
    EXPECT_FALSE(st.exists(nobody));
    st.add_balance(nobody, 7);
    EXPECT_TRUE(st.exists(nobody));
    EXPECT_EQ(st.balance(nobody), Uint256{7});
}

TEST_F(StateTest, RevertRestoresBalancesNoncesCodeAndStorage) {
    State st{view};
    const auto cp = st.checkpoint();
    st.sub_balance(alice, 400);
    st.add_balance(nobody, 400);
    st.set_nonce(alice, 6);
    st.set_code(nobody, Bytes{0x00});
    st.set_storage(contract, word(1), word(12));
    st.set_storage(contract, word(2), word(22));
    EXPECT_EQ(st.balance(alice), Uint256{600});
    EXPECT_EQ(st.code(nobody), Bytes{0x00});
    st.revert(cp);
    EXPECT_EQ(st.balance(alice), Uint256{1000});
    EXPECT_EQ(st.nonce(alice), 5u);
    EXPECT_FALSE(st.exists(nobody));
    EXPECT_TRUE(st.code(nobody).empty());
    EXPECT_EQ(st.code_hash(nobody), kEmptyCodeHash);
    EXPECT_EQ(st.storage(contract, word(1)), word(11));
    EXPECT_EQ(st.storage(contract, word(2)), Hash256{});
}

TEST_F(StateTest, NestedCheckpointsRevertOnlyTheirOwnChanges) {
    State st{view};
    st.set_storage(contract, word(1), word(100));
    const auto outer = st.checkpoint();
    st.set_storage(contract, word(1), word(200));
    const auto inner = st.checkpoint();
    st.set_storage(contract, word(1), word(300));
    st.add_log(Log{contract, {word(9)}, Bytes{1, 2}});
    st.revert(inner);
    EXPECT_EQ(st.storage(contract, word(1)), word(200));
    EXPECT_TRUE(st.logs().empty());
    st.add_log(Log{contract, {}, {}});
    st.revert(outer);
    EXPECT_EQ(st.storage(contract, word(1)), word(100));
    EXPECT_TRUE(st.logs().empty());
}

TEST_F(StateTest, SetStorageReportsOriginalAndCurrentValues) {
    State st{view};
    auto w = st.set_storage(contract, word(1), word(12));
    EXPECT_EQ(w.original, word(11));
    EXPECT_EQ(w.current, word(11));
    w = st.set_storage(contract, word(1), word(13));
    EXPECT_EQ(w.original, word(11));
    EXPECT_EQ(w.current, word(12));
    EXPECT_EQ(st.original_storage(contract, word(1)), word(11));
    // The next transaction sees the committed value as its original.
    st.finalize_transaction();
    w = st.set_storage(contract, word(1), word(14));
    EXPECT_EQ(w.original, word(13));
    EXPECT_EQ(w.current, word(13));
}

TEST_F(StateTest, OriginalValueSurvivesARevertedWrite) {
    State st{view};
    const auto cp = st.checkpoint();
    st.set_storage(contract, word(1), word(50));
    st.revert(cp);
    st.finalize_transaction();
    EXPECT_EQ(st.original_storage(contract, word(1)), word(11));
}

TEST_F(StateTest, WarmSetsAreJournaledAndClearedPerTransaction) {
    State st{view};
    EXPECT_EQ(st.access_account(alice), evm::AccessStatus::kCold);
    EXPECT_EQ(st.access_account(alice), evm::AccessStatus::kWarm);
    const auto cp = st.checkpoint();
    EXPECT_EQ(st.access_account(contract), evm::AccessStatus::kCold);
    EXPECT_EQ(st.access_storage(contract, word(1)), evm::AccessStatus::kCold);
    EXPECT_EQ(st.access_storage(contract, word(1)), evm::AccessStatus::kWarm);
    EXPECT_EQ(st.access_storage(alice, word(1)), evm::AccessStatus::kCold);
    st.revert(cp);
    EXPECT_TRUE(st.is_warm(alice));
    EXPECT_FALSE(st.is_warm(contract));
    EXPECT_FALSE(st.is_warm(contract, word(1)));
    st.finalize_transaction();
    EXPECT_FALSE(st.is_warm(alice));
    EXPECT_EQ(st.access_account(alice), evm::AccessStatus::kCold);
}

TEST_F(StateTest, TransientStorageIsJournaledAndResetPerTransaction) {
    State st{view};
    st.set_transient_storage(contract, word(1), word(5));
    const auto cp = st.checkpoint();
    st.set_transient_storage(contract, word(1), word(6));
    EXPECT_EQ(st.transient_storage(contract, word(1)), word(6));
    st.revert(cp);
    EXPECT_EQ(st.transient_storage(contract, word(1)), word(5));
    EXPECT_EQ(st.transient_storage(alice, word(1)), Hash256{});
    st.finalize_transaction();
    EXPECT_EQ(st.transient_storage(contract, word(1)), Hash256{});
}

TEST_F(StateTest, TouchedEmptyAccountsAreDeletedAtTransactionEnd) {
    State st{view};
    const Address untouched_empty = addr(5);
    view.set_account(untouched_empty, Account{});
    st.touch(empty);
    st.touch(nobody);  // absent: stays absent
    st.touch(alice);   // not empty: stays
    st.finalize_transaction();
    EXPECT_FALSE(st.exists(empty));
    EXPECT_FALSE(st.exists(nobody));
    EXPECT_TRUE(st.exists(alice));
    EXPECT_TRUE(st.exists(untouched_empty));
    const WriteSet ws = st.write_set();
    ASSERT_EQ(ws.accounts.size(), 1u);
    EXPECT_EQ(ws.accounts[0].address, empty);
    EXPECT_EQ(ws.accounts[0].account, std::nullopt);
}

TEST_F(StateTest, ARevertedTouchDoesNotDelete) {
    State st{view};
    const auto cp = st.checkpoint();
    st.touch(empty);
    st.revert(cp);
    st.finalize_transaction();
    EXPECT_TRUE(st.exists(empty));
}

TEST_F(StateTest, RipemdTouchSurvivesRevert) {
    Address ripemd;
    ripemd[19] = 3;
    view.set_account(ripemd, Account{});
    State st{view};
    const auto cp = st.checkpoint();
    st.touch(ripemd);
    st.revert(cp);
    st.finalize_transaction();
    EXPECT_FALSE(st.exists(ripemd));
}

TEST_F(StateTest, AnAccountThatGainsBalanceAfterATouchIsKept) {
    State st{view};
    st.touch(empty);
    st.add_balance(empty, 1);
    st.finalize_transaction();
    EXPECT_TRUE(st.exists(empty));
    EXPECT_EQ(st.balance(empty), Uint256{1});
}

TEST_F(StateTest, DestructedAccountLosesStorageAndCode) {
    State st{view};
    st.mark_destructed(contract);
    EXPECT_TRUE(st.is_destructed(contract));
    st.finalize_transaction();
    EXPECT_FALSE(st.exists(contract));
    EXPECT_EQ(st.storage(contract, word(1)), Hash256{});
    EXPECT_FALSE(st.has_storage(contract));
    // Recreated in a later transaction, it starts with empty storage.
    st.set_nonce(contract, 1);
    st.set_storage(contract, word(7), word(70));
    const WriteSet ws = st.write_set();
    ASSERT_EQ(ws.accounts.size(), 1u);
    EXPECT_TRUE(ws.accounts[0].storage_cleared);
    ASSERT_EQ(ws.accounts[0].storage.size(), 1u);
    EXPECT_EQ(ws.accounts[0].storage[0].key, word(7));
    MemoryStateView post = view;
    apply_write_set(post, ws);
    EXPECT_EQ(post.storage(contract, word(1)), Hash256{});
    EXPECT_EQ(post.storage(contract, word(7)), word(70));
    EXPECT_EQ(post.account(contract)->code_hash, kEmptyCodeHash);
}

TEST_F(StateTest, RevertUndoesCreatedAndDestructedMarks) {
    State st{view};
    const auto cp = st.checkpoint();
    st.mark_created(nobody);
    st.mark_destructed(contract);
    st.revert(cp);
    EXPECT_FALSE(st.is_created(nobody));
    EXPECT_FALSE(st.is_destructed(contract));
    st.finalize_transaction();
    EXPECT_TRUE(st.exists(contract));
}

TEST_F(StateTest, WriteSetListsOnlyChanges) {
    State st{view};
    (void)st.balance(alice);                      // a read is not a change
    st.set_storage(contract, word(1), word(11));  // same value: not a change
    st.set_storage(contract, word(2), word(22));
    st.set_storage(contract, word(1), word(0));
    st.set_code(nobody, Bytes{0x60, 0x01});
    st.finalize_transaction();
    const WriteSet ws = st.write_set();
    ASSERT_EQ(ws.accounts.size(), 2u);
    EXPECT_EQ(ws.accounts[0].address, contract);  // sorted: ...02 before ...04
    EXPECT_EQ(ws.accounts[0].account, view.account(contract));
    ASSERT_EQ(ws.accounts[0].storage.size(), 2u);
    EXPECT_EQ(ws.accounts[0].storage[0].key, word(1));
    EXPECT_EQ(ws.accounts[0].storage[0].value, Hash256{});
    EXPECT_EQ(ws.accounts[0].storage[1].value, word(22));
    EXPECT_EQ(ws.accounts[1].address, nobody);
    ASSERT_EQ(ws.new_code.size(), 1u);
    EXPECT_EQ(ws.new_code[0].second, (Bytes{0x60, 0x01}));
    EXPECT_EQ(ws.new_code[0].first, keccak256(Bytes{0x60, 0x01}));
}

TEST_F(StateTest, HasStorageSeesViewAndWrites) {
    State st{view};
    EXPECT_TRUE(st.has_storage(contract));
    EXPECT_FALSE(st.has_storage(alice));
    st.set_storage(alice, word(1), word(1));
    EXPECT_TRUE(st.has_storage(alice));
}

TEST(MemoryStateView, StoresAccountsStorageAndCode) {
    MemoryStateView v;
    const Address a = addr(9);
    EXPECT_EQ(v.account(a), std::nullopt);
    v.set_account_with_code(a, 1, 2, Bytes{0xfe});
    EXPECT_EQ(v.account(a)->code_hash, keccak256(Bytes{0xfe}));
    EXPECT_EQ(v.code(keccak256(Bytes{0xfe})), Bytes{0xfe});
    EXPECT_TRUE(v.code(kEmptyCodeHash).empty());
    v.set_storage(a, word(1), word(2));
    EXPECT_TRUE(v.has_storage(a));
    v.set_storage(a, word(1), Hash256{});
    EXPECT_FALSE(v.has_storage(a));
    EXPECT_EQ(keccak256(Bytes{}), kEmptyCodeHash);
}

}  // namespace
}  // namespace yao::state
