// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// YaoVulcan's execution service (DESIGN.md section 2) on the in-process bus, with an L1 over an
// in-memory SQLite store: the test plays the sequencer (proposals on block-execute-topic) and
// Archive (results read from state-commit-topic, blocks committed to the store by hand, head
// updates on cache-invalidation-topic). Results are compared with the sequential chain
// (archive/test_util/reference_chain.hpp).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <yao/log/logger.hpp>
#include <yao/mq/inproc_bus.hpp>
#include <yao/mq/test_util/bus_helpers.hpp>
#include <yao/proto/codec.hpp>
#include <yao/services/archive/test_util/reference_chain.hpp>
#include <yao/services/vulcan/executor_service.hpp>

namespace yao::vulcan {
namespace {

using namespace std::chrono_literals;
using execution::result_digest;
using test::kChainId;

const Uint256 kGwei{1'000'000'000};

class ExecutionServiceTest : public ::testing::Test {
protected:
    ExecutionServiceTest()
        : w_{test::make_world(6)},
          store_{test::genesis_store(w_)},
          reference_{test::genesis_store(w_)} {}

    void TearDown() override {
        if (vulcan_) vulcan_->stop();
    }

    /// `hashes`: the committed hashes (the store's when null); `ack_timeout`: how soon an
    /// unacknowledged proposal comes back.
    void start(bool speculate, unsigned workers = 1,
               std::chrono::milliseconds speculation_wait = 100ms,
               execution::BlockHashReader hashes = nullptr,
               std::chrono::milliseconds ack_timeout = 60s) {
        results_ =
            mq::bus_test::sub(bus_, proto::kStateCommitTopic, mq::bus_test::clustering("archive"));
        ExecutorOptions o;
        o.chain_id = kChainId;
        o.workers = workers;
        o.speculate = speculate;
        o.speculation_wait = speculation_wait;
        o.ack_timeout = ack_timeout;
        if (!hashes) hashes = test::store_hashes(store_);
        vulcan_ = std::make_unique<ExecutionService>(
            o, bus_, l1_,
            std::vector<std::shared_ptr<state::VersionedSource>>{
                std::make_shared<storage::ChainStoreSource>(store_)},
            std::move(hashes), log::Logger{});
        ASSERT_TRUE(vulcan_->start().has_value());
    }

    proto::SignedTx transfer(size_t from, uint64_t nonce, const Address& to, uint64_t value) const {
        return test::signed_tx(w_, from, nonce, to, Uint256{value}, {}, 21'000, kGwei);
    }
    proto::Proposal proposal(uint64_t number, std::vector<proto::SignedTx> txs) const {
        return test::make_proposal(w_, number, std::move(txs));
    }
    Address account(size_t i) const { return w_.accounts[i]; }

    void propose(const proto::Proposal& p) {
        ASSERT_TRUE(bus_.publish(proto::kBlockExecuteTopic,
                                 mq::make_envelope(proto::kProposalType, proto::encode(p), {},
                                                   std::to_string(p.number)))
                        .has_value());
    }
    /// The next result on state-commit-topic (bounded wait).
    proto::ExecutionResult next_result() {
        auto d = mq::bus_test::poll(*results_, 10s);
        EXPECT_TRUE(d.has_value()) << "no execution result";
        if (!d) return {};
        EXPECT_TRUE(results_->ack(*d).has_value());
        return proto::decode_execution_result(d->envelope.payload).value();
    }
    /// Proposes `p` and waits for its result.
    proto::ExecutionResult execute(const proto::Proposal& p) {
        propose(p);
        proto::ExecutionResult r = next_result();
        EXPECT_EQ(r.proposal.number, p.number);
        return r;
    }

    /// The counters once `blocks` blocks are counted (bounded wait): a block is counted after
    /// its result is published.
    ExecutorStats stats_after(uint64_t blocks) {
        EXPECT_TRUE(mq::bus_test::wait_until([&] { return vulcan_->stats().blocks >= blocks; }));
        return vulcan_->stats();
    }

    /// The head update Archive publishes after committing `r` as block `r.proposal.number` of
    /// the test's store.
    proto::HeadUpdate head_update(const proto::ExecutionResult& r, bool reexecuted) const {
        proto::HeadUpdate u;
        u.number = r.proposal.number;
        u.hash = test::store_hash(*store_, u.number).value();
        u.state_root = store_->header_by_number(u.number).value()->header.state_root;
        for (const auto& e : r.diff.accounts) u.accounts.push_back(e.address);
        if (!r.coinbase_fee.is_zero()) u.accounts.push_back(r.proposal.coinbase);
        for (const auto& e : r.diff.storage) u.storage.push_back({e.address, e.slot});
        u.reexecuted = reexecuted;
        return u;
    }
    /// Publishes `u` on cache-invalidation-topic and waits (bounded) until the service has
    /// handled it: it handles updates in order, and a second one evicts a marker L1 entry.
    void publish_head(const proto::HeadUpdate& u) {
        Address marker;
        marker[0] = 0xee;
        const auto key = state::CacheKey::account(marker);
        l1_->put(key, {state::AccountValue{}, 0});
        ASSERT_TRUE(l1_->get(key).has_value());
        proto::HeadUpdate m;
        m.number = u.number;
        m.hash = u.hash;
        m.accounts = {marker};
        for (const proto::HeadUpdate* x : {&u, static_cast<const proto::HeadUpdate*>(&m)}) {
            ASSERT_TRUE(bus_.publish(proto::kCacheInvalidationTopic,
                                     mq::make_envelope(proto::kHeadUpdateType, proto::encode(*x),
                                                       {}, std::to_string(x->number)))
                            .has_value());
        }
        ASSERT_TRUE(mq::bus_test::wait_until([&] { return !l1_->get(key).has_value(); }))
            << "the head update was not handled";
    }

    /// `r` is exactly what sequential execution gave (`ref`): the same writes, fee, drops and
    /// read versions, so the committer will take it as it is.
    static void expect_same(const proto::ExecutionResult& r, const proto::ExecutionResult& ref) {
        EXPECT_EQ(r.diff, ref.diff) << "block " << r.proposal.number;
        EXPECT_EQ(r.coinbase_fee, ref.coinbase_fee) << "block " << r.proposal.number;
        EXPECT_EQ(r.dropped, ref.dropped) << "block " << r.proposal.number;
        EXPECT_EQ(r.reads, ref.reads) << "block " << r.proposal.number;
        EXPECT_EQ(result_digest(r), result_digest(ref)) << "block " << r.proposal.number;
    }
    /// The balance `r` wrote for `a` (nullopt when `r` did not write it).
    static std::optional<Uint256> written_balance(const proto::ExecutionResult& r,
                                                  const Address& a) {
        for (const auto& e : r.diff.accounts)
            if (e.address == a && e.account) return e.account->balance;
        return std::nullopt;
    }

    const test::World w_;
    std::shared_ptr<storage::ChainStore> store_;      ///< the committed state the service reads
    std::shared_ptr<storage::ChainStore> reference_;  ///< the sequential chain
    std::shared_ptr<state::L1Cache> l1_ =
        std::make_shared<state::L1Cache>(state::L1Cache::Options{16u << 20, 1});
    mq::InProcBus bus_;
    std::unique_ptr<mq::Consumer> results_;
    std::unique_ptr<ExecutionService> vulcan_;
};

TEST_F(ExecutionServiceTest, WithoutSpeculationABlockReadsOnlyTheCommittedState) {
    // Block 1 pays account 1 and uses account 0's nonce 0; block 2, executed while block 1 is
    // not committed, spends from account 1 and sends account 0's nonce 1.
    const auto p1 = proposal(1, {transfer(0, 0, account(1), 1'000)});
    const auto p2 = proposal(2, {transfer(1, 0, account(2), 5), transfer(0, 1, account(3), 7)});
    const proto::ExecutionResult on_genesis = test::execute_on(store_, p2);
    start(false);
    const proto::ExecutionResult r1 = execute(p1);
    const proto::ExecutionResult r2 = execute(p2);

    expect_same(r1, test::execute_on(store_, p1));
    // Block 2 saw the genesis state: account 1 at version 0 without block 1's payment, and
    // account 0's nonce 1 too high.
    expect_same(r2, on_genesis);
    EXPECT_TRUE(r2.speculated_on.empty());
    EXPECT_EQ(r2.reads.accounts.at(account(1)), 0u);
    EXPECT_EQ(r2.reads.accounts.at(account(0)), 0u);
    ASSERT_EQ(r2.dropped.size(), 1u);
    EXPECT_NE(r2.dropped[0].reason.find("nonce too high"), std::string::npos)
        << r2.dropped[0].reason;
    const ExecutorStats s = stats_after(2);
    EXPECT_EQ(s.blocks, 2u);
    EXPECT_EQ(s.speculative, 0u);
    EXPECT_EQ(s.dropped, 1u);
}

TEST_F(ExecutionServiceTest, AFailedBlockHashReadLeavesTheProposalForLaterNotAZeroHash) {
    // Block 1 calls the probe, which stores BLOCKHASH(0): read through the committed hashes,
    // which fail twice. No result may be published with a zero hash; the proposal comes back
    // (not acknowledged) and the third attempt gives the sequential chain's result.
    auto failures = std::make_shared<std::atomic<int>>(2);
    auto store = store_;
    auto flaky = [store, failures](uint64_t n) -> Result<std::optional<Hash256>> {
        if (failures->fetch_sub(1) > 0)
            return std::unexpected(Error{std::make_error_code(std::errc::io_error), "store"});
        return test::store_hashes(store)(n);
    };
    const auto p1 = proposal(1, {test::signed_tx(w_, 0, 0, w_.probe, {}, {}, 100'000, kGwei)});
    start(false, 1, 100ms, flaky, 200ms);
    const proto::ExecutionResult r1 = execute(p1);
    EXPECT_LE(failures->load(), 0);
    expect_same(r1, test::execute_on(store_, p1));
    ASSERT_EQ(r1.block_hash_reads.size(), 1u);
    EXPECT_EQ(r1.block_hash_reads[0].hash, test::store_hash(*store_, 0).value());
    EXPECT_NE(r1.block_hash_reads[0].hash, Hash256{});
    EXPECT_EQ(stats_after(1).blocks, 1u);
}

TEST_F(ExecutionServiceTest, WithSpeculationUncommittedBlocksBuildOnEachOther) {
    // Three blocks on the same accounts, all proposed at once to two workers, none committed:
    // each must build on the results before it, exactly as the sequential chain does.
    const std::vector<proto::Proposal> ps = {
        proposal(1, {transfer(0, 0, account(1), 100)}),
        proposal(2, {transfer(0, 1, account(1), 200), transfer(1, 0, account(2), 50)}),
        proposal(3, {transfer(0, 2, account(1), 300), transfer(1, 1, account(2), 60)})};
    std::vector<proto::ExecutionResult> refs;
    for (const auto& p : ps) refs.push_back(test::execute_and_commit(reference_, p));
    start(true, 2, 5s);
    for (const auto& p : ps) propose(p);
    std::map<uint64_t, proto::ExecutionResult> rs;
    for (size_t i = 0; i < ps.size(); ++i) {
        proto::ExecutionResult r = next_result();
        rs[r.proposal.number] = std::move(r);
    }
    ASSERT_EQ(rs.size(), 3u);
    for (uint64_t n = 1; n <= 3; ++n) {
        expect_same(rs[n], refs[n - 1]);
        EXPECT_TRUE(rs[n].dropped.empty()) << "block " << n;
    }
    const Hash256 d1 = result_digest(refs[0]);
    const Hash256 d2 = result_digest(refs[1]);
    EXPECT_TRUE(rs[1].speculated_on.empty());
    EXPECT_EQ(rs[2].speculated_on, (std::vector<proto::BlockHashRead>{{1, d1}}));
    EXPECT_EQ(rs[3].speculated_on, (std::vector<proto::BlockHashRead>{{1, d1}, {2, d2}}));
    EXPECT_EQ(rs[3].reads.accounts.at(account(0)), 2u);
    EXPECT_EQ(rs[3].reads.accounts.at(account(1)), 2u);
    EXPECT_EQ(rs[2].reads.accounts.at(account(1)), 1u);
    EXPECT_EQ(stats_after(3).blocks, 3u);
    EXPECT_EQ(vulcan_->stats().speculative, 2u);
}

/// Blocks 1 and 2 executed speculatively (2 on 1); then block 1 is committed with another
/// result than this node's and the head says so (`reexecuted`) or not; block 3 spends from the
/// account blocks 1 and 2 paid.
class OverlayTest : public ExecutionServiceTest {
protected:
    struct Run {
        proto::ExecutionResult r1, r2, r3;
    };
    Run run(bool reexecuted) {
        Run out;
        start(true, 1, 50ms);
        out.r1 = execute(proposal(1, {transfer(0, 0, account(1), 1'000)}));
        out.r2 = execute(proposal(2, {transfer(0, 1, account(1), 2'000)}));
        EXPECT_EQ(out.r2.speculated_on,
                  (std::vector<proto::BlockHashRead>{{1, result_digest(out.r1)}}));
        // What Archive committed as block 1: another result (account 0 paid account 3).
        const proto::ExecutionResult committed =
            test::execute_and_commit(store_, proposal(1, {transfer(0, 0, account(3), 7)}));
        EXPECT_NE(result_digest(committed), result_digest(out.r1));
        publish_head(head_update(committed, reexecuted));
        out.r3 = execute(proposal(3, {transfer(1, 0, account(2), 1)}));
        return out;
    }
};

TEST_F(OverlayTest, AReexecutedHeadDropsTheUncommittedResults) {
    const Run r = run(true);
    // Block 3 no longer builds on blocks 1 and 2 of this node: account 1 as committed.
    EXPECT_TRUE(r.r3.speculated_on.empty());
    EXPECT_EQ(r.r3.reads.accounts.at(account(1)), 0u);
    expect_same(r.r3, test::execute_on(store_, r.r3.proposal));
    const proto::ExecutionResult on_genesis = test::execute_on(reference_, r.r3.proposal);
    EXPECT_EQ(written_balance(r.r3, account(1)), written_balance(on_genesis, account(1)));
    EXPECT_EQ(vulcan_->stats().speculative, 1u);
}

TEST_F(OverlayTest, AHeadThatWasNotReexecutedKeepsTheLaterResults) {
    // The control: the same commit announced as not re-executed leaves block 2's result in the
    // overlay (Archive then re-executes block 3 because block 2 speculated on block 1's digest).
    const Run r = run(false);
    EXPECT_EQ(r.r3.speculated_on, (std::vector<proto::BlockHashRead>{{2, result_digest(r.r2)}}));
    EXPECT_EQ(r.r3.reads.accounts.at(account(1)), 2u);
    EXPECT_EQ(vulcan_->stats().speculative, 2u);
    // Account 1 as block 2 left it: 1,000 + 2,000 wei more than genesis, less block 3's cost.
    const proto::ExecutionResult on_genesis = test::execute_on(reference_, r.r3.proposal);
    ASSERT_TRUE(written_balance(r.r3, account(1)).has_value());
    EXPECT_EQ(*written_balance(r.r3, account(1)),
              *written_balance(on_genesis, account(1)) + Uint256{3'000});
}

TEST_F(ExecutionServiceTest, CacheInvalidationEvictsL1AndOnlyItDoes) {
    // Speculation off, one worker. Block 1 is executed (its accounts are now in L1), then
    // committed to the store behind the service's back.
    const auto p1 = proposal(1, {transfer(0, 0, account(1), 1'000)});
    const auto p2 = proposal(2, {transfer(1, 0, account(2), 5)});
    const proto::ExecutionResult p2_on_genesis = test::execute_on(store_, p2);
    start(false);
    const proto::ExecutionResult r1 = execute(p1);
    ASSERT_TRUE(l1_->get(state::CacheKey::account(account(1))).has_value());
    test::commit_on(*store_, r1);

    // Without an invalidation, block 2 reads account 1 from L1: the old value, version 0.
    const proto::ExecutionResult stale = execute(p2);
    EXPECT_EQ(stale.reads.accounts.at(account(1)), 0u);
    expect_same(stale, p2_on_genesis);

    // The head update of block 1 evicts account 1: block 2 now reads block 1's value.
    publish_head(head_update(r1, false));
    EXPECT_FALSE(l1_->get(state::CacheKey::account(account(1))).has_value());
    EXPECT_FALSE(l1_->get(state::CacheKey::account(account(0))).has_value());
    const proto::ExecutionResult fresh = execute(p2);
    EXPECT_EQ(fresh.reads.accounts.at(account(1)), 1u);
    expect_same(fresh, test::execute_on(store_, p2));
    EXPECT_EQ(*written_balance(fresh, account(1)),
              *written_balance(stale, account(1)) + Uint256{1'000});
}

}  // namespace
}  // namespace yao::vulcan
