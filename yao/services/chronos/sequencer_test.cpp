// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "sequencer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <yao/common/keccak.hpp>
#include <yao/mq/inproc_bus.hpp>
#include <yao/proto/codec.hpp>

#include "test_util/txs.hpp"

namespace yao::chronos {
namespace {

using namespace std::chrono_literals;
using test::dynamic_tx;
using test::kGwei;
using test::signer;

Uint256 gwei(uint64_t n) { return Uint256{n} * Uint256{kGwei}; }

/// Generous bound for things that must happen (never a timing assertion).
constexpr auto kPatience = 10s;

uint64_t wall_seconds() {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count());
}

template <typename Pred>
bool eventually(Pred pred) {
    const auto end = std::chrono::steady_clock::now() + kPatience;
    while (std::chrono::steady_clock::now() < end) {
        if (pred()) return true;
        std::this_thread::sleep_for(2ms);
    }
    return pred();
}

/// Committed nonces as the store would return them, counting reads.
class FakeNonces {
public:
    void set(const Address& a, uint64_t n) {
        std::scoped_lock lock{mu_};
        nonces_[a] = n;
    }
    int reads() const {
        std::scoped_lock lock{mu_};
        return reads_;
    }
    NonceReader reader() {
        return [this](const Address& a) -> Result<uint64_t> {
            std::scoped_lock lock{mu_};
            ++reads_;
            auto it = nonces_.find(a);
            return it == nonces_.end() ? 0 : it->second;
        };
    }

private:
    mutable std::mutex mu_;
    std::map<Address, uint64_t> nonces_;
    int reads_ = 0;
};

/// keccak256(previous || number as 8 big-endian bytes), spelled out independently.
Hash256 expected_randao(const Hash256& previous, uint8_t number) {
    Bytes input{previous.view()};
    input += Bytes{0, 0, 0, 0, 0, 0, 0, number};
    return keccak256(input);
}

Hash256 hash_of(uint8_t b) {
    Hash256 h;
    h.bytes.fill(b);
    return h;
}

class SequencerTest : public ::testing::Test {
protected:
    SequencerTest() {
        options_.chain_id = test::kChainId;
        options_.gas_limit = 30'000'000;
        options_.base_fee = gwei(1);
        options_.coinbase[0] = 0xc0;
        options_.coinbase[19] = 0x1b;
        options_.block_interval = 1h;  // tests pick their trigger
        options_.epoch = 3;
        start_.number = 10;
        start_.hash = hash_of(0x10);
        start_.timestamp = 1'700'000'000;
        start_.prev_randao = hash_of(0x5a);
        // Subscribed before the sequencer starts: sees every proposal.
        mq::ConsumerOptions executor_options;
        executor_options.group = "vulcan";
        executor_ = bus_.subscribe(proto::kBlockExecuteTopic, executor_options).value();
    }
    ~SequencerTest() override {
        if (sequencer_) sequencer_->stop();
    }

    Sequencer& start() {
        sequencer_ = std::make_unique<Sequencer>(options_, bus_, start_, nonces_.reader(), logger_);
        EXPECT_TRUE(sequencer_->start());
        return *sequencer_;
    }

    /// The next proposal on block-execute, checking the envelope.
    std::optional<proto::Proposal> next_proposal(std::chrono::milliseconds wait = kPatience) {
        auto polled = executor_->poll(wait);
        if (!polled || !*polled) return std::nullopt;
        const mq::Delivery delivery = **polled;
        EXPECT_TRUE(executor_->ack(delivery));
        EXPECT_EQ(delivery.envelope.type, proto::kProposalType);
        auto proposal = proto::decode_proposal(delivery.envelope.payload);
        EXPECT_TRUE(proposal);
        if (!proposal) return std::nullopt;
        EXPECT_EQ(delivery.envelope.key, std::to_string(proposal->number));
        return *proposal;
    }

    void publish_txs(std::vector<proto::SignedTx> txs) {
        proto::TxBatch batch;
        batch.txs = std::move(txs);
        ASSERT_TRUE(bus_.publish(proto::kTxIngressTopic,
                                 mq::make_envelope(proto::kTxBatchType, proto::encode(batch))));
    }

    void publish_head(const proto::HeadUpdate& update) {
        ASSERT_TRUE(bus_.publish(proto::kCacheInvalidationTopic,
                                 mq::make_envelope(proto::kHeadUpdateType, proto::encode(update))));
    }

    mq::InProcBus bus_;
    log::Logger logger_;  // silent
    FakeNonces nonces_;
    SequencerOptions options_;
    Head start_;
    std::unique_ptr<mq::Consumer> executor_;
    std::unique_ptr<Sequencer> sequencer_;
};

std::vector<Hash256> hashes(const std::vector<proto::SignedTx>& txs) {
    std::vector<Hash256> out;
    for (const auto& tx : txs) out.push_back(tx.hash);
    return out;
}

TEST_F(SequencerTest, IngressTransactionsComeOutInAProposalWithEveryHeaderField) {
    options_.block_interval = 20ms;
    Sequencer& seq = start();
    const auto a = signer(1);
    const auto b = signer(2);
    nonces_.set(a.address, 4);
    const auto a4 = dynamic_tx(a, 4, gwei(100), gwei(2));
    const auto a5 = dynamic_tx(a, 5, gwei(100), gwei(2));
    const auto b0 = dynamic_tx(b, 0, gwei(100), gwei(3));
    const uint64_t before = wall_seconds();
    publish_txs({a4, a5, b0});

    const auto p = next_proposal();
    ASSERT_TRUE(p);
    EXPECT_EQ(p->number, 11u);
    EXPECT_EQ(p->epoch, 3u);
    EXPECT_EQ(p->coinbase, options_.coinbase);
    EXPECT_EQ(p->gas_limit, 30'000'000u);
    EXPECT_EQ(p->base_fee, gwei(1));
    EXPECT_GE(p->timestamp, before);
    EXPECT_LE(p->timestamp, wall_seconds());
    EXPECT_EQ(p->prev_randao, expected_randao(start_.prev_randao, 11));
    // B0 tips more than A4; A's transactions stay in nonce order.
    EXPECT_EQ(hashes(p->txs), (std::vector<Hash256>{b0.hash, a4.hash, a5.hash}));
    EXPECT_EQ(p->txs[1].sender, a.address);

    EXPECT_TRUE(eventually([&] { return seq.stats().proposals == 1; }));
    const SequencerStats stats = seq.stats();
    EXPECT_EQ(stats.txs_proposed, 3u);
    EXPECT_EQ(stats.txs_accepted, 3u);
    EXPECT_EQ(seq.last_proposed(), 11u);
    EXPECT_EQ(seq.status(), (MempoolStatus{.pending = 3, .queued = 0, .in_flight = 3}));
}

TEST_F(SequencerTest, FullBlockIsProposedWithoutWaitingForTheInterval) {
    options_.gas_limit = 63'000;  // three transfers
    start();
    const auto a = signer(1);
    std::vector<proto::SignedTx> txs;
    for (uint64_t n = 0; n < 4; ++n) txs.push_back(dynamic_tx(a, n, gwei(100), gwei(2)));
    publish_txs(txs);

    const auto p = next_proposal();  // the interval is an hour away
    ASSERT_TRUE(p);
    EXPECT_EQ(p->number, 11u);
    EXPECT_EQ(hashes(p->txs), (std::vector<Hash256>{txs[0].hash, txs[1].hash, txs[2].hash}));
}

TEST_F(SequencerTest, EmptyBlocksAreProposedOnEveryIntervalWhenEnabled) {
    options_.block_interval = 10ms;
    options_.empty_blocks = true;
    start();
    for (uint64_t n = 11; n <= 13; ++n) {
        const auto p = next_proposal();
        ASSERT_TRUE(p);
        EXPECT_EQ(p->number, n);
        EXPECT_TRUE(p->txs.empty());
    }
}

TEST_F(SequencerTest, NothingIsProposedWithoutTransactionsUnlessMinedByHand) {
    options_.block_interval = 10ms;
    Sequencer& seq = start();
    EXPECT_FALSE(next_proposal(200ms));
    EXPECT_EQ(seq.mine_now().value(), 11u);
    const auto p = next_proposal();
    ASSERT_TRUE(p);
    EXPECT_EQ(p->number, 11u);
    EXPECT_TRUE(p->txs.empty());
}

TEST_F(SequencerTest, InflightLimitHoldsProposalsUntilAHeadUpdateCommits) {
    options_.block_interval = 5ms;
    options_.empty_blocks = true;
    options_.max_inflight_blocks = 2;
    Sequencer& seq = start();
    ASSERT_EQ(next_proposal()->number, 11u);
    ASSERT_EQ(next_proposal()->number, 12u);
    EXPECT_FALSE(next_proposal(200ms));
    EXPECT_EQ(seq.last_proposed(), 12u);

    proto::HeadUpdate update;
    update.number = 11;
    update.hash = hash_of(0x11);
    update.timestamp = start_.timestamp;
    publish_head(update);
    const auto p = next_proposal();
    ASSERT_TRUE(p);
    EXPECT_EQ(p->number, 13u);
    EXPECT_EQ(seq.head().number, 11u);
    EXPECT_EQ(seq.head().hash, hash_of(0x11));
}

TEST_F(SequencerTest, TimestampsNeverGoBackAndFollowSetNextTimestamp) {
    start_.timestamp = wall_seconds() + 100;  // parent from the future: proposals keep it
    Sequencer& seq = start();
    uint64_t previous = start_.timestamp;
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(seq.mine_now());
        const auto p = next_proposal();
        ASSERT_TRUE(p);
        EXPECT_GE(p->timestamp, previous);
        previous = p->timestamp;
    }
    EXPECT_EQ(previous, start_.timestamp);

    const uint64_t pinned = start_.timestamp + 1000;
    ASSERT_TRUE(seq.set_next_timestamp(pinned));
    ASSERT_TRUE(seq.mine_now());
    EXPECT_EQ(next_proposal()->timestamp, pinned);
    ASSERT_TRUE(seq.mine_now());
    EXPECT_GE(next_proposal()->timestamp, pinned);  // the clock continues from there

    const auto refused = seq.set_next_timestamp(pinned - 1);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(), Errc::kTimestampTooLow);

    ASSERT_TRUE(seq.increase_time(3600));
    ASSERT_TRUE(seq.mine_now());
    EXPECT_GE(next_proposal()->timestamp, pinned + 3600);
}

TEST_F(SequencerTest, SubmitReturnsGethErrorsAndReadsEachSenderOnce) {
    Sequencer& seq = start();
    const auto a = signer(1);
    nonces_.set(a.address, 5);
    EXPECT_EQ(seq.pending_nonce(a.address).value(), 5u);
    EXPECT_EQ(nonces_.reads(), 1);

    const auto low = seq.submit(dynamic_tx(a, 4, gwei(100), gwei(2)));
    ASSERT_FALSE(low);
    EXPECT_EQ(low.error().code().message(), "nonce too low");
    const auto a5 = dynamic_tx(a, 5, gwei(100), gwei(2));
    EXPECT_EQ(seq.submit(a5).value(), AddOutcome::kPending);
    EXPECT_EQ(seq.submit(a5).error().code().message(), "already known");
    EXPECT_EQ(seq.submit(dynamic_tx(a, 7, gwei(100), gwei(2))).value(), AddOutcome::kQueued);
    EXPECT_EQ(seq.submit(dynamic_tx(a, 6, gwei(100), gwei(2))).value(), AddOutcome::kPending);
    EXPECT_EQ(seq.pending_nonce(a.address).value(), 8u);
    EXPECT_EQ(nonces_.reads(), 1);
    EXPECT_EQ(seq.get(a5.hash).value().hash, a5.hash);
    EXPECT_EQ(seq.content().pending.at(a.address).size(), 3u);

    const SequencerStats stats = seq.stats();
    EXPECT_EQ(stats.rejected_for(Errc::kNonceTooLow), 1u);
    EXPECT_EQ(stats.rejected_for(Errc::kAlreadyKnown), 1u);
    EXPECT_EQ(stats.txs_accepted, 3u);
}

TEST_F(SequencerTest, HeadUpdateCommitsTransactionsAndAdvancesTheNonce) {
    Sequencer& seq = start();
    const auto a = signer(1);
    const auto a0 = dynamic_tx(a, 0, gwei(100), gwei(2));
    const auto a1 = dynamic_tx(a, 1, gwei(100), gwei(2));
    ASSERT_TRUE(seq.submit(a0));
    ASSERT_TRUE(seq.submit(a1));
    ASSERT_EQ(seq.mine_now().value(), 11u);
    ASSERT_EQ(next_proposal()->txs.size(), 2u);

    // A0 went in; A1 was dropped as "nonce too high" (say A0 had not executed yet).
    proto::HeadUpdate update;
    update.number = 11;
    update.hash = hash_of(0x11);
    update.included = {a0.hash};
    update.dropped = {proto::DroppedTx{a1.hash, a.address, 1, "nonce too high"}};
    update.sender_nonces = {{a.address, 1}};
    publish_head(update);
    ASSERT_TRUE(eventually([&] { return seq.head().number == 11; }));

    EXPECT_EQ(seq.status(), (MempoolStatus{.pending = 1, .queued = 0, .in_flight = 0}));
    EXPECT_EQ(seq.pending_nonce(a.address).value(), 2u);
    EXPECT_EQ(seq.submit(dynamic_tx(a, 0, gwei(200), gwei(20))).error().code().message(),
              "nonce too low");
    EXPECT_EQ(nonces_.reads(), 1);
    EXPECT_EQ(seq.head().prev_randao, expected_randao(start_.prev_randao, 11));

    ASSERT_EQ(seq.mine_now().value(), 12u);
    EXPECT_EQ(hashes(next_proposal()->txs), (std::vector<Hash256>{a1.hash}));
}

// evm_revert: a patch sets a sender's nonce back. A client that saw the patch block committed may
// send before the Sequencer hears of it, and the HeadUpdate of the block before the patch may
// arrive late: neither may hand out the old nonce (the transaction would be proposed and dropped
// as "nonce too high" forever).
TEST_F(SequencerTest, PatchedNonceHoldsFromItsProposalAgainstEarlierHeadUpdates) {
    Sequencer& seq = start();
    const auto a = signer(1);
    const auto a0 = dynamic_tx(a, 0, gwei(100), gwei(2));
    ASSERT_TRUE(seq.submit(a0));
    ASSERT_EQ(seq.mine_now().value(), 11u);
    ASSERT_EQ(next_proposal()->txs.size(), 1u);

    chain::StatePatch patch;
    chain::AccountPatch back;
    back.address = a.address;
    back.nonce = 0;
    patch.accounts.push_back(back);
    ASSERT_EQ(seq.mine_patch(patch).value(), 12u);
    const auto p12 = next_proposal();
    ASSERT_TRUE(p12);
    EXPECT_TRUE(p12->txs.empty());
    EXPECT_EQ(seq.pending_nonce(a.address).value(), 0u);  // before any HeadUpdate

    // Block 11 commits a0 (nonce 1 after it): the patch of block 12 still wins.
    proto::HeadUpdate update;
    update.number = 11;
    update.hash = hash_of(0x11);
    update.included = {a0.hash};
    update.sender_nonces = {{a.address, 1}};
    publish_head(update);
    ASSERT_TRUE(eventually([&] { return seq.head().number == 11; }));
    EXPECT_EQ(seq.pending_nonce(a.address).value(), 0u);
    const auto again = dynamic_tx(a, 0, gwei(100), gwei(3));
    EXPECT_EQ(seq.submit(again).value(), AddOutcome::kPending);

    update.number = 12;
    update.hash = hash_of(0x12);
    update.included.clear();
    update.sender_nonces = {{a.address, 0}};
    publish_head(update);
    ASSERT_TRUE(eventually([&] { return seq.head().number == 12; }));
    EXPECT_EQ(seq.pending_nonce(a.address).value(), 1u);
    ASSERT_EQ(seq.mine_now().value(), 13u);
    EXPECT_EQ(hashes(next_proposal()->txs), (std::vector<Hash256>{again.hash}));
    EXPECT_EQ(nonces_.reads(), 1);
}

TEST_F(SequencerTest, UndecodableIngressIsAcknowledgedAndCounted) {
    options_.block_interval = 10ms;
    Sequencer& seq = start();
    ASSERT_TRUE(bus_.publish(proto::kTxIngressTopic,
                             mq::make_envelope(proto::kTxBatchType, Bytes{0xff, 0xff, 0xff})));
    const auto a0 = dynamic_tx(signer(1), 0, gwei(100), gwei(2));
    publish_txs({a0});
    const auto p = next_proposal();
    ASSERT_TRUE(p);
    EXPECT_EQ(hashes(p->txs), (std::vector<Hash256>{a0.hash}));
    EXPECT_EQ(seq.stats().decode_errors, 1u);
    EXPECT_TRUE(eventually([&] { return bus_.stats(proto::kTxIngressTopic).acked == 2; }));
}

TEST_F(SequencerTest, StopReturnsPromptlyAndIsIdempotent) {
    Sequencer& seq = start();
    seq.stop();
    seq.stop();
    EXPECT_EQ(seq.mine_now().value(), 11u);  // the synchronous API still works
}

}  // namespace
}  // namespace yao::chronos
