// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "mempool.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <yao/common/hex.hpp>

#include "test_util/txs.hpp"

namespace yao::chronos {
namespace {

using test::dynamic_tx;
using test::kGwei;
using test::legacy_tx;
using test::signer;

Uint256 gwei(uint64_t n) { return Uint256{n} * Uint256{kGwei}; }

/// The geth text a failed add() carries.
std::string error_text(const Result<AddOutcome>& r) {
    return r ? std::string{"accepted"} : r.error().code().message();
}

std::vector<Hash256> hashes(const std::vector<proto::SignedTx>& txs) {
    std::vector<Hash256> out;
    for (const auto& tx : txs) out.push_back(tx.hash);
    return out;
}

MempoolOptions options_with_base_fee(uint64_t base_fee_gwei) {
    MempoolOptions o;
    o.base_fee = gwei(base_fee_gwei);
    return o;
}

TEST(MempoolTestUtil, SignerOneIsTheWellKnownAddressOfPrivateKeyOne) {
    EXPECT_EQ(to_hex(signer(0).address.view()), "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
}

TEST(Mempool, ContiguousNoncesArePendingAndAGapIsQueuedUntilFilled) {
    Mempool pool{options_with_base_fee(1)};
    const auto a = signer(1);
    EXPECT_EQ(pool.add(legacy_tx(a, 0, gwei(2)), 0).value(), AddOutcome::kPending);
    EXPECT_EQ(pool.add(legacy_tx(a, 2, gwei(2)), 0).value(), AddOutcome::kQueued);
    EXPECT_EQ(pool.add(legacy_tx(a, 3, gwei(2)), 0).value(), AddOutcome::kQueued);
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 1, .queued = 2, .in_flight = 0}));
    EXPECT_EQ(pool.pending_nonce(a.address), 1u);
    EXPECT_EQ(pool.selectable_gas(), 21'000u);

    EXPECT_EQ(pool.add(legacy_tx(a, 1, gwei(2)), 0).value(), AddOutcome::kPending);
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 4, .queued = 0, .in_flight = 0}));
    EXPECT_EQ(pool.pending_nonce(a.address), 4u);
    EXPECT_EQ(pool.selectable_gas(), 84'000u);
    EXPECT_EQ(pool.size(), 4u);
}

TEST(Mempool, RunStartsAtTheCommittedNonce) {
    Mempool pool{options_with_base_fee(1)};
    const auto a = signer(1);
    EXPECT_EQ(pool.add(legacy_tx(a, 5, gwei(2)), 5).value(), AddOutcome::kPending);
    EXPECT_EQ(pool.add(legacy_tx(a, 7, gwei(2)), 5).value(), AddOutcome::kQueued);
    EXPECT_EQ(pool.pending_nonce(a.address), 6u);
    EXPECT_EQ(pool.committed_nonce(a.address), 5u);
    EXPECT_EQ(pool.pending_nonce(signer(2).address), std::nullopt);
}

TEST(Mempool, NonceBelowTheCommittedNonceIsTooLow) {
    Mempool pool{options_with_base_fee(1)};
    const auto a = signer(1);
    const auto r = pool.add(legacy_tx(a, 4, gwei(2)), 5);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kNonceTooLow);
    EXPECT_EQ(error_text(r), "nonce too low");
    EXPECT_EQ(pool.size(), 0u);
}

TEST(Mempool, SameHashTwiceIsAlreadyKnown) {
    Mempool pool{options_with_base_fee(1)};
    const auto tx = legacy_tx(signer(1), 0, gwei(2));
    ASSERT_TRUE(pool.add(tx, 0));
    EXPECT_EQ(error_text(pool.add(tx, 0)), "already known");
    EXPECT_EQ(pool.size(), 1u);
}

TEST(Mempool, ReplacementNeedsTenPercentMoreOnBothFeeCapAndTipCap) {
    Mempool pool{options_with_base_fee(1)};
    const auto a = signer(1);
    const auto original = dynamic_tx(a, 0, gwei(100), gwei(10));
    ASSERT_TRUE(pool.add(original, 0));

    // +9% on both caps.
    EXPECT_EQ(error_text(pool.add(dynamic_tx(a, 0, gwei(109), Uint256{10'900'000'000}), 0)),
              "replacement transaction underpriced");
    // +10% on the fee cap only, +9% on the tip.
    EXPECT_EQ(error_text(pool.add(dynamic_tx(a, 0, gwei(110), Uint256{10'900'000'000}), 0)),
              "replacement transaction underpriced");
    // +10% on the tip only, +9% on the fee cap.
    EXPECT_EQ(error_text(pool.add(dynamic_tx(a, 0, gwei(109), gwei(11)), 0)),
              "replacement transaction underpriced");
    // One wei short of +10% on the fee cap.
    EXPECT_EQ(error_text(pool.add(dynamic_tx(a, 0, gwei(110) - Uint256{1}, gwei(11)), 0)),
              "replacement transaction underpriced");
    EXPECT_TRUE(pool.contains(original.hash));

    const auto replacement = dynamic_tx(a, 0, gwei(110), gwei(11));
    EXPECT_EQ(pool.add(replacement, 0).value(), AddOutcome::kReplaced);
    EXPECT_FALSE(pool.contains(original.hash));
    EXPECT_EQ(pool.get(replacement.hash).value().txn.max_fee_per_gas, gwei(110));
    EXPECT_EQ(pool.size(), 1u);
    EXPECT_EQ(pool.status().pending, 1u);
}

TEST(Mempool, LegacyReplacementBumpsTheGasPrice) {
    Mempool pool{options_with_base_fee(1)};
    const auto a = signer(1);
    ASSERT_TRUE(pool.add(legacy_tx(a, 3, gwei(20)), 0));  // queued
    EXPECT_EQ(error_text(pool.add(legacy_tx(a, 3, Uint256{21'800'000'000}), 0)),
              "replacement transaction underpriced");
    EXPECT_EQ(pool.add(legacy_tx(a, 3, gwei(22)), 0).value(), AddOutcome::kReplaced);
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 0, .queued = 1, .in_flight = 0}));
}

TEST(Mempool, ReplacingAnInFlightTransactionIsNonceTooLow) {
    Mempool pool{options_with_base_fee(1)};
    const auto a = signer(1);
    ASSERT_TRUE(pool.add(legacy_tx(a, 0, gwei(2)), 0));
    ASSERT_EQ(pool.next_block(1, 30'000'000, 0).size(), 1u);
    EXPECT_EQ(error_text(pool.add(legacy_tx(a, 0, gwei(50)), 0)), "nonce too low");
    // The in-flight transaction still counts for the next nonce.
    EXPECT_EQ(pool.pending_nonce(a.address), 1u);
    EXPECT_EQ(pool.add(legacy_tx(a, 1, gwei(2)), 0).value(), AddOutcome::kPending);
}

TEST(Mempool, FeeCapBelowTheBaseFeeIsRefused) {
    Mempool pool{options_with_base_fee(10)};
    const auto a = signer(1);
    EXPECT_EQ(error_text(pool.add(legacy_tx(a, 0, gwei(9)), 0)),
              "max fee per gas less than block base fee");
    EXPECT_EQ(error_text(pool.add(dynamic_tx(a, 0, gwei(10) - Uint256{1}, Uint256{0}), 0)),
              "max fee per gas less than block base fee");
    EXPECT_EQ(pool.add(dynamic_tx(a, 0, gwei(10), Uint256{0}), 0).value(), AddOutcome::kPending);
}

TEST(Mempool, BlobTransactionsAreNotSupported) {
    Mempool pool{options_with_base_fee(1)};
    chain::Transaction txn;
    txn.type = chain::TxType::kBlob;
    txn.chain_id = test::kChainId;
    txn.max_fee_per_gas = gwei(10);
    txn.max_priority_fee_per_gas = gwei(1);
    txn.max_fee_per_blob_gas = gwei(1);
    txn.gas_limit = 21'000;
    txn.to = Address{};
    txn.blob_versioned_hashes.push_back(Hash256{});
    txn.blob_versioned_hashes[0][0] = 0x01;
    const auto r = pool.add(test::sign(std::move(txn), signer(1)), 0);
    EXPECT_EQ(error_text(r), "transaction type not supported");
}

TEST(Mempool, GasLimitAboveTheBlockGasLimitIsRefused) {
    MempoolOptions o = options_with_base_fee(1);
    o.max_tx_gas = 30'000'000;
    Mempool pool{o};
    EXPECT_EQ(error_text(pool.add(legacy_tx(signer(1), 0, gwei(2), 30'000'001), 0)),
              "exceeds block gas limit");
    EXPECT_TRUE(pool.add(legacy_tx(signer(1), 0, gwei(2), 30'000'000), 0));
}

TEST(Mempool, SenderAtItsLimitGetsAccountLimitExceededButMayStillReplace) {
    MempoolOptions o = options_with_base_fee(1);
    o.max_per_sender = 3;
    Mempool pool{o};
    const auto a = signer(1);
    for (uint64_t n = 0; n < 3; ++n) ASSERT_TRUE(pool.add(legacy_tx(a, n, gwei(2)), 0));
    EXPECT_EQ(error_text(pool.add(legacy_tx(a, 3, gwei(2)), 0)), "account limit exceeded");
    EXPECT_EQ(pool.add(legacy_tx(a, 2, gwei(3)), 0).value(), AddOutcome::kReplaced);
    // Other senders are not affected.
    EXPECT_TRUE(pool.add(legacy_tx(signer(2), 0, gwei(2)), 0));
}

TEST(Mempool, FullPoolEvictsTheCheapestSendersHighestNonce) {
    MempoolOptions o = options_with_base_fee(1);
    o.max_total = 3;
    Mempool pool{o};
    const auto a = signer(1);
    const auto b = signer(2);
    // Effective tips: A0 5 gwei, A1 2 gwei, B0 3 gwei (fee caps far above the base fee).
    const auto a0 = dynamic_tx(a, 0, gwei(100), gwei(5));
    const auto a1 = dynamic_tx(a, 1, gwei(100), gwei(2));
    const auto b0 = dynamic_tx(b, 0, gwei(100), gwei(3));
    ASSERT_TRUE(pool.add(a0, 0));
    ASSERT_TRUE(pool.add(a1, 0));
    ASSERT_TRUE(pool.add(b0, 0));

    // D pays 4 gwei: the cheapest evictable is A1 (A's highest nonce, 2 gwei).
    const auto d0 = dynamic_tx(signer(3), 0, gwei(100), gwei(4));
    EXPECT_EQ(pool.add(d0, 0).value(), AddOutcome::kPending);
    EXPECT_FALSE(pool.contains(a1.hash));
    EXPECT_TRUE(pool.contains(a0.hash));
    EXPECT_TRUE(pool.contains(b0.hash));
    EXPECT_EQ(pool.size(), 3u);
    EXPECT_EQ(pool.pending_nonce(a.address), 1u);

    // Now the cheapest evictable is B0 at 3 gwei: paying 3 gwei is not enough.
    const auto e = signer(4);
    EXPECT_EQ(error_text(pool.add(dynamic_tx(e, 0, gwei(100), gwei(3)), 0)), "txpool is full");
    EXPECT_EQ(error_text(pool.add(dynamic_tx(e, 0, gwei(100), gwei(1)), 0)), "txpool is full");
    const auto e0 = dynamic_tx(e, 0, gwei(100), Uint256{3 * kGwei + 1});
    EXPECT_EQ(pool.add(e0, 0).value(), AddOutcome::kPending);
    EXPECT_FALSE(pool.contains(b0.hash));
    EXPECT_FALSE(pool.has_sender(b.address));
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 3, .queued = 0, .in_flight = 0}));
}

TEST(Mempool, FullPoolEvictsQueuedBeforePending) {
    MempoolOptions o = options_with_base_fee(1);
    o.max_total = 3;
    Mempool pool{o};
    const auto a0 = dynamic_tx(signer(1), 0, gwei(100), gwei(2));  // pending, cheapest
    const auto b5 = dynamic_tx(signer(2), 5, gwei(100), gwei(6));  // queued (gap 0..4)
    const auto c0 = dynamic_tx(signer(3), 0, gwei(100), gwei(3));  // pending
    ASSERT_EQ(pool.add(a0, 0).value(), AddOutcome::kPending);
    ASSERT_EQ(pool.add(b5, 0).value(), AddOutcome::kQueued);
    ASSERT_EQ(pool.add(c0, 0).value(), AddOutcome::kPending);

    const auto d0 = dynamic_tx(signer(4), 0, gwei(100), gwei(7));
    EXPECT_EQ(pool.add(d0, 0).value(), AddOutcome::kPending);
    EXPECT_FALSE(pool.contains(b5.hash));
    EXPECT_TRUE(pool.contains(a0.hash));
    EXPECT_TRUE(pool.contains(c0.hash));
}

TEST(Mempool, GappedTransactionsAreCappedPerSenderAndTheNextNonceAlwaysGetsIn) {
    MempoolOptions o = options_with_base_fee(1);
    o.max_queued_per_sender = 64;
    Mempool pool{o};
    const auto a = signer(1);
    for (uint64_t n = 10; n < 74; ++n)
        ASSERT_EQ(pool.add(legacy_tx(a, n, gwei(2)), 0).value(), AddOutcome::kQueued) << n;
    EXPECT_EQ(error_text(pool.add(legacy_tx(a, 74, gwei(2)), 0)), "account limit exceeded");
    EXPECT_EQ(error_text(pool.add(legacy_tx(a, 5, gwei(2)), 0)), "account limit exceeded");
    // The sender's valid next nonce is never locked out by its own gapped transactions.
    EXPECT_EQ(pool.add(legacy_tx(a, 0, gwei(2)), 0).value(), AddOutcome::kPending);
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 1, .queued = 64, .in_flight = 0}));

    // At max_per_sender, the executable newcomer evicts the sender's highest queued one.
    MempoolOptions small = options_with_base_fee(1);
    small.max_per_sender = 5;
    Mempool tight{small};
    for (uint64_t n = 2; n < 7; ++n) ASSERT_TRUE(tight.add(legacy_tx(a, n, gwei(2)), 0));
    const auto a6 = legacy_tx(a, 6, gwei(2));
    ASSERT_TRUE(tight.contains(a6.hash));
    EXPECT_EQ(tight.add(legacy_tx(a, 0, gwei(2)), 0).value(), AddOutcome::kPending);
    EXPECT_FALSE(tight.contains(a6.hash));
    EXPECT_EQ(tight.size(), 5u);
    // A queued newcomer at the limit is still refused.
    EXPECT_EQ(error_text(tight.add(legacy_tx(a, 9, gwei(2)), 0)), "account limit exceeded");
}

TEST(Mempool, QueuedTransactionsNeverKeepExecutableOnesOut) {
    MempoolOptions o = options_with_base_fee(1);
    o.max_total = 10;
    o.max_queued_total = 100;
    Mempool pool{o};
    // Ten senders fill the pool with well-paid transactions that cannot execute.
    for (uint64_t s = 1; s <= 10; ++s)
        ASSERT_EQ(pool.add(dynamic_tx(signer(s), 3, gwei(100), gwei(50)), 0).value(),
                  AddOutcome::kQueued);
    // A cheap executable one gets in (evicting a queued one); a cheap queued one does not.
    EXPECT_EQ(pool.add(dynamic_tx(signer(20), 0, gwei(100), gwei(1)), 0).value(),
              AddOutcome::kPending);
    EXPECT_EQ(error_text(pool.add(dynamic_tx(signer(21), 1, gwei(100), gwei(1)), 0)),
              "txpool is full");
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 1, .queued = 9, .in_flight = 0}));

    // The queued total has its own bound.
    MempoolOptions q = options_with_base_fee(1);
    q.max_queued_total = 3;
    Mempool capped{q};
    for (uint64_t s = 1; s <= 3; ++s)
        ASSERT_TRUE(capped.add(dynamic_tx(signer(s), 2, gwei(100), gwei(2)), 0));
    EXPECT_EQ(error_text(capped.add(dynamic_tx(signer(4), 2, gwei(100), gwei(9)), 0)),
              "txpool is full");
    EXPECT_EQ(capped.add(dynamic_tx(signer(4), 0, gwei(100), gwei(2)), 0).value(),
              AddOutcome::kPending);
}

TEST(Mempool, QueuedTransactionsExpireAndPendingOnesStay) {
    Mempool pool{options_with_base_fee(1)};
    const auto a = signer(1);
    auto at = [](proto::SignedTx tx, uint64_t ns) {
        tx.received_unix_ns = ns;
        return tx;
    };
    ASSERT_TRUE(pool.add(at(legacy_tx(a, 0, gwei(2)), 100), 0));      // pending, old
    ASSERT_TRUE(pool.add(at(legacy_tx(a, 2, gwei(2)), 100), 0));      // queued, old
    ASSERT_TRUE(pool.add(at(legacy_tx(a, 3, gwei(2)), 100), 0));      // queued, old
    ASSERT_TRUE(pool.add(at(legacy_tx(signer(2), 5, gwei(2)), 900), 0));  // queued, new
    EXPECT_EQ(pool.expire_queued(500), 2u);
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 1, .queued = 1, .in_flight = 0}));
    EXPECT_TRUE(pool.contains(legacy_tx(a, 0, gwei(2)).hash));
    EXPECT_EQ(pool.expire_queued(1000), 1u);
    EXPECT_FALSE(pool.has_sender(signer(2).address));
}

TEST(Mempool, InFlightTransactionsAreNeverEvicted) {
    MempoolOptions o = options_with_base_fee(1);
    o.max_total = 1;
    Mempool pool{o};
    ASSERT_TRUE(pool.add(dynamic_tx(signer(1), 0, gwei(100), gwei(1)), 0));
    ASSERT_EQ(pool.next_block(1, 30'000'000, 0).size(), 1u);
    EXPECT_EQ(error_text(pool.add(dynamic_tx(signer(2), 0, gwei(100), gwei(50)), 0)),
              "txpool is full");
}

TEST(Mempool, SelectionTakesHighestTipThenEarliestArrivalKeepingNonceOrder) {
    // Base fee 7 wei so that the effective tip of a legacy tx is gas_price - 7.
    MempoolOptions o;
    o.base_fee = Uint256{7};
    Mempool pool{o};
    const auto a = signer(1);
    const auto b = signer(2);
    const auto c = signer(3);
    const auto d = signer(4);
    const auto e = signer(5);
    const auto a0 = dynamic_tx(a, 0, gwei(100), gwei(6));
    const auto a1 = dynamic_tx(a, 1, gwei(100), gwei(1));
    const auto a2 = dynamic_tx(a, 2, gwei(100), gwei(9));
    const auto b0 = dynamic_tx(b, 0, gwei(100), gwei(5));
    const auto c0 = dynamic_tx(c, 0, gwei(100), gwei(5));             // same tip, later than B0
    const auto d0 = legacy_tx(d, 0, gwei(4) + Uint256{7});             // tip exactly 4 gwei
    const auto e0 = dynamic_tx(e, 0, gwei(3) + Uint256{7}, gwei(50));  // capped at 3 gwei
    // Arrival order differs from both nonce and price order on purpose.
    ASSERT_EQ(pool.add(a2, 0).value(), AddOutcome::kQueued);
    ASSERT_TRUE(pool.add(b0, 0));
    ASSERT_TRUE(pool.add(a1, 0));
    ASSERT_TRUE(pool.add(c0, 0));
    ASSERT_TRUE(pool.add(e0, 0));
    ASSERT_TRUE(pool.add(d0, 0));
    ASSERT_EQ(pool.add(a0, 0).value(), AddOutcome::kPending);

    EXPECT_EQ(Mempool::effective_tip(e0.txn, o.base_fee), gwei(3));
    EXPECT_EQ(Mempool::effective_tip(d0.txn, o.base_fee), gwei(4));

    const auto block = pool.next_block(1, 30'000'000, 0);
    const std::vector<Hash256> expected{a0.hash, b0.hash, c0.hash, d0.hash,
                                        e0.hash, a1.hash, a2.hash};
    EXPECT_EQ(hashes(block), expected);
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 7, .queued = 0, .in_flight = 7}));
    EXPECT_EQ(pool.selectable_count(), 0u);
    EXPECT_TRUE(pool.next_block(2, 30'000'000, 0).empty());
}

TEST(Mempool, SenderWhoseNextTxDoesNotFitSitsOutWhileOthersFill) {
    Mempool pool{options_with_base_fee(1)};
    const auto a0 = dynamic_tx(signer(1), 0, gwei(100), gwei(9), 60'000);
    const auto b0 = dynamic_tx(signer(2), 0, gwei(100), gwei(8), 50'000);
    const auto b1 = dynamic_tx(signer(2), 1, gwei(100), gwei(20), 21'000);
    const auto c0 = dynamic_tx(signer(3), 0, gwei(100), gwei(7), 21'000);
    const auto c1 = dynamic_tx(signer(3), 1, gwei(100), gwei(7), 21'000);
    for (const auto& tx : {a0, b0, b1, c0, c1}) ASSERT_TRUE(pool.add(tx, 0));

    // 100,000 gas: A0 (60,000) leaves 40,000; B0 does not fit, so B1 may not go either;
    // C0 fits (19,000 left); C1 does not.
    EXPECT_EQ(hashes(pool.next_block(1, 100'000, 0)), (std::vector<Hash256>{a0.hash, c0.hash}));
    EXPECT_EQ(hashes(pool.next_block(2, 100'000, 0)),
              (std::vector<Hash256>{b0.hash, b1.hash, c1.hash}));
}

TEST(Mempool, SelectionStopsAtMaxTxs) {
    Mempool pool{options_with_base_fee(1)};
    const auto a0 = dynamic_tx(signer(1), 0, gwei(100), gwei(3));
    const auto b0 = dynamic_tx(signer(2), 0, gwei(100), gwei(2));
    const auto c0 = dynamic_tx(signer(3), 0, gwei(100), gwei(1));
    for (const auto& tx : {a0, b0, c0}) ASSERT_TRUE(pool.add(tx, 0));
    EXPECT_EQ(hashes(pool.next_block(1, 30'000'000, 2)), (std::vector<Hash256>{a0.hash, b0.hash}));
    EXPECT_EQ(pool.selectable_count(), 1u);
}

TEST(Mempool, SelectionStopsAtTheBlockSizeLimit) {
    // EIP-7934: the bytes a block body holds. A typed transaction is an RLP string of its
    // envelope in the body: 1 type byte and the payload list behind a 2-byte string prefix here.
    Mempool pool{options_with_base_fee(1)};
    const auto a0 = dynamic_tx(signer(1), 0, gwei(100), gwei(3));
    const auto b0 = dynamic_tx(signer(2), 0, gwei(100), gwei(2));
    for (const auto& tx : {a0, b0}) ASSERT_TRUE(pool.add(tx, 0));
    const uint64_t a_size = chain::encode_transaction(a0.txn).size() + 2;
    ASSERT_GT(a_size, 56u);  // a long string: prefix 0xb8 + one length byte
    ASSERT_LT(a_size, 258u);
    EXPECT_EQ(hashes(pool.next_block(1, 30'000'000, 0, a_size + 10)),
              (std::vector<Hash256>{a0.hash}));
    EXPECT_EQ(pool.selectable_count(), 1u);
    EXPECT_EQ(hashes(pool.next_block(2, 30'000'000, 0, 0)), (std::vector<Hash256>{b0.hash}));
}

TEST(Mempool, CommittedBlockRemovesIncludedAndFailedAndReturnsNonceTooHigh) {
    Mempool pool{options_with_base_fee(1)};
    const auto a = signer(1);
    const auto b = signer(2);
    const auto a0 = dynamic_tx(a, 0, gwei(100), gwei(9));
    const auto a1 = dynamic_tx(a, 1, gwei(100), gwei(9));
    const auto a2 = dynamic_tx(a, 2, gwei(100), gwei(9));
    const auto b0 = dynamic_tx(b, 0, gwei(100), gwei(5));
    for (const auto& tx : {a0, a1, a2, b0}) ASSERT_TRUE(pool.add(tx, 0));
    ASSERT_EQ(pool.next_block(1, 30'000'000, 0).size(), 4u);
    EXPECT_EQ(pool.status().in_flight, 4u);

    proto::HeadUpdate update;
    update.number = 1;
    update.included = {a0.hash, a1.hash};
    update.dropped = {
        proto::DroppedTx{a2.hash, a.address, 2, "nonce too high"},
        proto::DroppedTx{b0.hash, b.address, 0, "insufficient funds for gas * price + value"},
    };
    update.sender_nonces = {{a.address, 2}, {b.address, 0}};
    pool.on_committed(update);

    EXPECT_FALSE(pool.contains(a0.hash));
    EXPECT_FALSE(pool.contains(a1.hash));
    EXPECT_FALSE(pool.contains(b0.hash));
    EXPECT_FALSE(pool.has_sender(b.address));
    EXPECT_TRUE(pool.contains(a2.hash));
    EXPECT_EQ(pool.committed_nonce(a.address), 2u);
    EXPECT_EQ(pool.pending_nonce(a.address), 3u);
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 1, .queued = 0, .in_flight = 0}));
    EXPECT_EQ(hashes(pool.next_block(2, 30'000'000, 0)), (std::vector<Hash256>{a2.hash}));
}

TEST(Mempool, ReturnedTransactionBehindAGapIsQueued) {
    Mempool pool{options_with_base_fee(1)};
    const auto a = signer(1);
    const auto a0 = dynamic_tx(a, 0, gwei(100), gwei(9));
    const auto a1 = dynamic_tx(a, 1, gwei(100), gwei(9));
    ASSERT_TRUE(pool.add(a0, 0));
    ASSERT_TRUE(pool.add(a1, 0));
    ASSERT_EQ(pool.next_block(1, 30'000'000, 0).size(), 2u);

    // A0 failed for lack of funds (nonce stays 0), A1 was therefore too high.
    proto::HeadUpdate update;
    update.number = 1;
    update.dropped = {
        proto::DroppedTx{a0.hash, a.address, 0, "insufficient funds for gas * price + value"},
        proto::DroppedTx{a1.hash, a.address, 1, "nonce too high"},
    };
    update.sender_nonces = {{a.address, 0}};
    pool.on_committed(update);
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 0, .queued = 1, .in_flight = 0}));
    EXPECT_EQ(pool.pending_nonce(a.address), 0u);
    EXPECT_TRUE(pool.next_block(2, 30'000'000, 0).empty());

    // A new A0 fills the gap and promotes A1.
    EXPECT_EQ(pool.add(dynamic_tx(a, 0, gwei(100), gwei(10)), 0).value(), AddOutcome::kPending);
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 2, .queued = 0, .in_flight = 0}));
    EXPECT_EQ(pool.pending_nonce(a.address), 2u);
}

TEST(Mempool, TransactionNeitherIncludedNorDroppedComesBackAfterItsBlockCommits) {
    Mempool pool{options_with_base_fee(1)};
    const auto a0 = dynamic_tx(signer(1), 0, gwei(100), gwei(9));
    ASSERT_TRUE(pool.add(a0, 0));
    ASSERT_EQ(pool.next_block(5, 30'000'000, 0).size(), 1u);

    proto::HeadUpdate earlier;
    earlier.number = 4;
    pool.on_committed(earlier);
    EXPECT_EQ(pool.status().in_flight, 1u);

    proto::HeadUpdate update;
    update.number = 5;
    pool.on_committed(update);
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 1, .queued = 0, .in_flight = 0}));
    EXPECT_EQ(hashes(pool.next_block(6, 30'000'000, 0)), (std::vector<Hash256>{a0.hash}));
}

TEST(Mempool, AdvancingCommittedNonceRemovesLowerTransactions) {
    Mempool pool{options_with_base_fee(1)};
    const auto a = signer(1);
    std::vector<proto::SignedTx> txs;
    for (uint64_t n = 0; n < 4; ++n) txs.push_back(dynamic_tx(a, n, gwei(100), gwei(2)));
    for (const auto& tx : txs) ASSERT_TRUE(pool.add(tx, 0));

    proto::HeadUpdate update;
    update.number = 1;
    update.sender_nonces = {{a.address, 2}};
    pool.on_committed(update);
    EXPECT_FALSE(pool.contains(txs[0].hash));
    EXPECT_FALSE(pool.contains(txs[1].hash));
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 2, .queued = 0, .in_flight = 0}));
    EXPECT_EQ(pool.pending_nonce(a.address), 4u);
    EXPECT_EQ(error_text(pool.add(dynamic_tx(a, 1, gwei(100), gwei(3)), 0)), "nonce too low");
}

TEST(Mempool, HigherCommittedNonceFromTheCallerPrunesToo) {
    Mempool pool{options_with_base_fee(1)};
    const auto a = signer(1);
    ASSERT_TRUE(pool.add(dynamic_tx(a, 0, gwei(100), gwei(2)), 0));
    EXPECT_EQ(pool.add(dynamic_tx(a, 1, gwei(100), gwei(2)), 1).value(), AddOutcome::kPending);
    EXPECT_EQ(pool.size(), 1u);
    EXPECT_EQ(pool.pending_nonce(a.address), 2u);
}

TEST(Mempool, RebaseMovesTheCommittedNonceEitherWay) {
    Mempool pool{options_with_base_fee(1)};
    const auto a = signer(1);
    std::vector<proto::SignedTx> txs;
    for (uint64_t n = 5; n < 8; ++n) txs.push_back(dynamic_tx(a, n, gwei(100), gwei(2)));
    for (const auto& tx : txs) ASSERT_TRUE(pool.add(tx, 5));
    ASSERT_EQ(pool.pending_nonce(a.address), 8u);

    // Lower (evm_revert to nonce 3): 5..7 stay but wait behind the gap at 3 and 4.
    pool.rebase(a.address, 3);
    EXPECT_EQ(pool.committed_nonce(a.address), 3u);
    EXPECT_EQ(pool.pending_nonce(a.address), 3u);
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 0, .queued = 3, .in_flight = 0}));
    EXPECT_EQ(pool.add(dynamic_tx(a, 3, gwei(100), gwei(2)), 0).value(), AddOutcome::kPending);
    EXPECT_EQ(pool.add(dynamic_tx(a, 4, gwei(100), gwei(2)), 0).value(), AddOutcome::kPending);
    EXPECT_EQ(pool.pending_nonce(a.address), 8u);

    // Higher (anvil_setNonce 7): 3..6 leave, 7 is next.
    pool.rebase(a.address, 7);
    EXPECT_EQ(pool.size(), 1u);
    EXPECT_TRUE(pool.contains(txs[2].hash));
    EXPECT_EQ(pool.pending_nonce(a.address), 8u);

    pool.rebase(a.address, 9);  // past everything: the sender leaves the pool
    EXPECT_EQ(pool.size(), 0u);
    EXPECT_FALSE(pool.has_sender(a.address));
    pool.rebase(signer(2).address, 1);  // a sender the pool does not hold: nothing to do
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 0, .queued = 0, .in_flight = 0}));
}

TEST(Mempool, AbandonedBlockReturnsItsTransactions) {
    Mempool pool{options_with_base_fee(1)};
    const auto a0 = dynamic_tx(signer(1), 0, gwei(100), gwei(9));
    ASSERT_TRUE(pool.add(a0, 0));
    ASSERT_EQ(pool.next_block(1, 30'000'000, 0).size(), 1u);
    pool.abandon(1);
    EXPECT_EQ(pool.status(), (MempoolStatus{.pending = 1, .queued = 0, .in_flight = 0}));
    EXPECT_EQ(hashes(pool.next_block(1, 30'000'000, 0)), (std::vector<Hash256>{a0.hash}));
}

TEST(Mempool, ContentListsPendingInFlightAndQueuedBySenderAndNonce) {
    Mempool pool{options_with_base_fee(1)};
    const auto a = signer(1);
    const auto a0 = dynamic_tx(a, 0, gwei(100), gwei(2));
    const auto a1 = dynamic_tx(a, 1, gwei(100), gwei(2));
    const auto a3 = dynamic_tx(a, 3, gwei(100), gwei(2));
    for (const auto& tx : {a0, a1, a3}) ASSERT_TRUE(pool.add(tx, 0));
    ASSERT_EQ(pool.next_block(1, 21'000, 0).size(), 1u);  // a0 in flight

    const MempoolContent content = pool.content();
    ASSERT_EQ(content.pending.size(), 1u);
    const auto& pending = content.pending.at(a.address);
    ASSERT_EQ(pending.size(), 2u);
    EXPECT_EQ(pending.at(0).hash, a0.hash);
    EXPECT_EQ(pending.at(1).hash, a1.hash);
    ASSERT_EQ(content.queued.at(a.address).size(), 1u);
    EXPECT_EQ(content.queued.at(a.address).at(3).hash, a3.hash);
    EXPECT_EQ(pool.get(a3.hash).value().hash, a3.hash);
    EXPECT_EQ(pool.get(Hash256{}), std::nullopt);
}

/// The counts kept incrementally agree with a direct classification of content(), and every
/// sender's pending transactions form the run from its committed nonce.
void expect_consistent(const Mempool& pool) {
    const MempoolContent content = pool.content();
    size_t pending = 0;
    size_t queued = 0;
    for (const auto& [sender, txs] : content.pending) {
        const uint64_t committed = pool.committed_nonce(sender).value();
        uint64_t expected = committed;
        for (const auto& [nonce, tx] : txs) {
            EXPECT_EQ(nonce, expected) << "pending run has a hole";
            EXPECT_EQ(tx.txn.nonce, nonce);
            ++expected;
        }
        EXPECT_EQ(pool.pending_nonce(sender), expected);
        pending += txs.size();
    }
    for (const auto& [sender, txs] : content.queued) {
        const uint64_t run_end = pool.pending_nonce(sender).value();
        for (const auto& [nonce, tx] : txs) EXPECT_GT(nonce, run_end);
        queued += txs.size();
    }
    EXPECT_EQ(pool.status().pending, pending);
    EXPECT_EQ(pool.status().queued, queued);
    EXPECT_EQ(pool.size(), pending + queued);
    EXPECT_LE(pool.status().in_flight, pending);
    EXPECT_LE(pool.size(), pool.options().max_total);
}

TEST(Mempool, RandomOperationsKeepTheBookkeepingConsistent) {
    MempoolOptions o = options_with_base_fee(1);
    o.max_total = 20;
    o.max_per_sender = 6;
    Mempool pool{o};
    constexpr uint64_t kSenders = 5;
    constexpr uint64_t kNonces = 9;
    constexpr uint64_t kTips = 3;
    std::vector<test::Signer> signers;
    for (uint64_t s = 0; s < kSenders; ++s) signers.push_back(signer(s + 1));
    std::vector<proto::SignedTx> txs;  // [sender][nonce][tip]
    for (uint64_t s = 0; s < kSenders; ++s)
        for (uint64_t n = 0; n < kNonces; ++n)
            for (uint64_t t = 0; t < kTips; ++t)
                txs.push_back(dynamic_tx(signers[s], n, gwei(100), gwei(1 + t * 2 + s % 2)));

    std::mt19937_64 rng{20260101};
    std::vector<uint64_t> committed(kSenders, 0);
    std::deque<std::pair<uint64_t, std::vector<proto::SignedTx>>> in_flight;
    uint64_t next_block = 1;
    std::map<std::string, int> outcomes;
    for (int step = 0; step < 3000; ++step) {
        const uint64_t op = rng() % 100;
        if (op < 65) {
            const auto& tx = txs[rng() % txs.size()];
            const uint64_t s = (&tx - txs.data()) / (kNonces * kTips);
            const auto r = pool.add(tx, committed[s]);
            ++outcomes[r ? std::string{"ok"} : r.error().code().message()];
        } else if (op < 82) {
            auto block = pool.next_block(next_block, 21'000 * (1 + rng() % 6), rng() % 4);
            in_flight.emplace_back(next_block++, std::move(block));
        } else if (!in_flight.empty()) {
            auto [number, block] = std::move(in_flight.front());
            in_flight.pop_front();
            proto::HeadUpdate update;
            update.number = number;
            for (const auto& tx : block) {
                const auto s = static_cast<uint64_t>(
                    std::ranges::find(signers, tx.sender, &test::Signer::address) -
                    signers.begin());
                const uint64_t fate = rng() % 4;
                if (fate == 0 && tx.txn.nonce == committed[s]) {
                    update.included.push_back(tx.hash);
                    ++committed[s];
                } else if (fate == 1) {
                    update.dropped.push_back({tx.hash, tx.sender, tx.txn.nonce, "nonce too high"});
                } else if (fate == 2) {
                    update.dropped.push_back(
                        {tx.hash, tx.sender, tx.txn.nonce, "intrinsic gas too low"});
                }  // else: neither (comes back as if too high)
                update.sender_nonces.emplace_back(tx.sender, committed[s]);
            }
            pool.on_committed(update);
            for (const auto& tx : update.included) EXPECT_FALSE(pool.contains(tx));
        }
        expect_consistent(pool);
        if (::testing::Test::HasFailure()) {
            ADD_FAILURE() << "at step " << step;
            return;
        }
    }
    // The walk went through the interesting paths.
    for (const char* path : {"ok", "txpool is full", "account limit exceeded", "nonce too low",
                             "already known", "replacement transaction underpriced"})
        EXPECT_GT(outcomes[path], 0) << path;
}

}  // namespace
}  // namespace yao::chronos
