// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The shared ChainStore suite, part 3: what a development node's helpers need from the store:
// state patches stored with their block (chain/state_patch.hpp) and state images (the state at
// an earlier block wherever it changed since, or the whole state). Runs on every backend.
#include <yao/chain/block.hpp>
#include <yao/chain/state_patch.hpp>
#include <yao/common/keccak.hpp>
#include <yao/storage/test_util/store_fixture.hpp>

namespace yao::storage::test_util {
namespace {

class ImageTest : public StoreTest {
protected:
    const Address kAlice = test_address(0xa11ce);
    const Address kBob = test_address(0xb0b);
    const Hash256 kSlot = test_hash(5);
    const Hash256 kX = test_hash(0x1111);
    const Hash256 kY = test_hash(0x2222);

    BlockCommit quiet_block() const { return next_block({.transfers = 0, .counter = false}); }

    // Block 1: Alice {0, 100}, token slot kSlot = X, the token deployed. Block 2: Alice {1, 50},
    // kSlot = Y, Bob {0, 7}. Block 3: Alice deleted, kSlot cleared. Block 4: nothing.
    void commit_history() {
        commit(next_block({.transfers = 0, .counter = false}));  // block 0
        auto b1 = next_block({.transfers = 0, .counter = false, .deploy_token = true});
        b1.accounts.push_back({kAlice, state::Account{0, Uint256{100}, state::kEmptyCodeHash}});
        b1.storage.push_back({token_address(), kSlot, kX});
        commit(b1);
        auto b2 = quiet_block();
        b2.accounts.push_back({kAlice, state::Account{1, Uint256{50}, state::kEmptyCodeHash}});
        b2.accounts.push_back({kBob, state::Account{0, Uint256{7}, state::kEmptyCodeHash}});
        b2.storage.push_back({token_address(), kSlot, kY});
        commit(b2);
        auto b3 = quiet_block();
        b3.accounts.push_back({kAlice, std::nullopt});
        b3.storage.push_back({token_address(), kSlot, Hash256{}});
        commit(b3);
        commit(quiet_block());
    }
};

TEST_P(ImageTest, APatchIsStoredWithItsBlockAndTheHeaderMustCommitToIt) {
    commit(quiet_block());
    chain::StatePatch patch;
    patch.accounts.push_back({kAlice, Uint256{5}, {}, {}, {}});
    auto b1 = quiet_block();
    b1.accounts.push_back({kAlice, state::Account{0, Uint256{5}, state::kEmptyCodeHash}});
    b1.patch = chain::encode_state_patch(patch);
    // extraData left empty: refused, nothing stored.
    b1.hash = chain::header_hash(b1.header);
    YAO_ASSERT_ERROR(store_->commit_block(b1), Errc::kInvalidCommit);
    YAO_ASSERT_OK_AND_ASSIGN(auto head, store_->head_number());
    EXPECT_EQ(head, 0u);

    b1.header.extra_data = chain::patch_extra_data(patch);
    b1.hash = chain::header_hash(b1.header);
    commit(b1);
    YAO_ASSERT_OK_AND_ASSIGN(auto stored, store_->state_patch(1));
    ASSERT_TRUE(stored);
    EXPECT_EQ(*stored, b1.patch);
    EXPECT_EQ(chain::decode_state_patch(*stored).value(), patch);
    YAO_ASSERT_OK_AND_ASSIGN(auto none, store_->state_patch(0));
    EXPECT_FALSE(none);
    YAO_ASSERT_OK_AND_ASSIGN(auto block, store_->header_by_number(1));
    ASSERT_TRUE(block);
    EXPECT_EQ(block->header.extra_data, Bytes{keccak256(b1.patch).view()});
}

TEST_P(ImageTest, StateSinceABlockIsItsValueThenOfEverythingChangedAfter) {
    commit_history();
    YAO_ASSERT_OK_AND_ASSIGN(auto at1, store_->state_image(1, 1000));
    EXPECT_EQ(at1.head, 4u);
    // Changed after block 1: Alice (then {0, 100}) and Bob (then absent); kSlot (then X).
    ASSERT_EQ(at1.accounts.size(), 2u);
    const auto& [first, second] = std::pair{at1.accounts[0], at1.accounts[1]};
    const AccountChange& alice = first.address == kAlice ? first : second;
    const AccountChange& bob = first.address == kAlice ? second : first;
    EXPECT_EQ(alice.address, kAlice);
    EXPECT_EQ(alice.account, (state::Account{0, Uint256{100}, state::kEmptyCodeHash}));
    EXPECT_EQ(bob.address, kBob);
    EXPECT_EQ(bob.account, std::nullopt);
    ASSERT_EQ(at1.storage.size(), 1u);
    EXPECT_EQ(at1.storage[0].address, token_address());
    EXPECT_EQ(at1.storage[0].slot, kSlot);
    EXPECT_EQ(at1.storage[0].value, kX);
    EXPECT_TRUE(at1.code.empty());

    // After block 0 none of Alice, Bob and the token existed yet, and the slot was unset.
    YAO_ASSERT_OK_AND_ASSIGN(auto at0, store_->state_image(0, 1000));
    EXPECT_EQ(at0.accounts.size(), 3u);
    for (const auto& a : at0.accounts) EXPECT_EQ(a.account, std::nullopt);
    ASSERT_EQ(at0.storage.size(), 1u);
    EXPECT_EQ(at0.storage[0].value, Hash256{});

    // Nothing changed after block 4, the head.
    YAO_ASSERT_OK_AND_ASSIGN(auto at4, store_->state_image(4, 1000));
    EXPECT_TRUE(at4.accounts.empty());
    EXPECT_TRUE(at4.storage.empty());
    YAO_ASSERT_ERROR(store_->state_image(5, 1000), Errc::kUnknownBlock);
}

TEST_P(ImageTest, TheWholeStateWithCodeAndARowLimit) {
    commit_history();
    YAO_ASSERT_OK_AND_ASSIGN(auto all, store_->state_image(std::nullopt, 1000));
    // Bob and the token remain (Alice was deleted); no slot is set any more.
    ASSERT_EQ(all.accounts.size(), 2u);
    bool saw_token = false;
    for (const auto& a : all.accounts) {
        ASSERT_TRUE(a.account);
        if (a.address == token_address()) {
            saw_token = true;
            EXPECT_EQ(a.account->code_hash, keccak256(token_code()));
        } else {
            EXPECT_EQ(a.address, kBob);
            EXPECT_EQ(a.account->balance, Uint256{7});
        }
    }
    EXPECT_TRUE(saw_token);
    EXPECT_TRUE(all.storage.empty());
    ASSERT_EQ(all.code.size(), 1u);
    EXPECT_EQ(all.code[0].code, token_code());
    YAO_ASSERT_ERROR(store_->state_image(std::nullopt, 1), Errc::kTooManyResults);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImageTest, all_backends(), backend_param_name);

}  // namespace
}  // namespace yao::storage::test_util
