// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// YaoArchive's committer (DESIGN.md section 2) on the in-process bus and an in-memory SQLite
// store: the test plays Vulcan, publishing execution results to state-commit-topic (computed
// with execute_block on the committed state, or on a state that is stale on purpose), and reads
// the heads on cache-invalidation-topic. Every committed chain is compared with the sequential
// one (test_util/reference_chain.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <yao/common/hex.hpp>
#include <yao/evm/test_util/erc20.hpp>
#include <yao/log/logger.hpp>
#include <yao/mq/inproc_bus.hpp>
#include <yao/mq/test_util/bus_helpers.hpp>
#include <yao/proto/codec.hpp>
#include <yao/services/archive/commit_service.hpp>
#include <yao/services/archive/test_util/reference_chain.hpp>
#include <yao/state/execution_host.hpp>
#include <yao/storage/errc.hpp>

namespace yao::archive {
namespace {

using namespace std::chrono_literals;
using test::kChainId;

const Uint256 kGwei{1'000'000'000};

/// A ChainStore that forwards to a real one, except that its first `failures` commits fail
/// with `code`: before reaching the real store, or after it (`after_write`: the commit went
/// through but its acknowledgement was lost, as with a connection dropped at the wrong moment).
class FailingStore final : public storage::ChainStore {
public:
    FailingStore(std::shared_ptr<storage::ChainStore> inner, storage::Errc code, int failures,
                 bool after_write = false)
        : inner_{std::move(inner)}, code_{code}, failures_{failures}, after_write_{after_write} {}

    Result<storage::CommitOutcome> commit_block(const storage::BlockCommit& c) override {
        if (commit_calls_.fetch_add(1) < failures_) {
            if (after_write_) {
                EXPECT_TRUE(inner_->commit_block(c).has_value());
            }
            return std::unexpected(Error{code_, "injected by the test"});
        }
        return inner_->commit_block(c);
    }
    int commit_calls() const { return commit_calls_.load(); }

    Result<std::optional<uint64_t>> head_number() override { return inner_->head_number(); }
    Result<std::optional<storage::StoredBlock>> block_by_number(uint64_t n, bool full) override {
        return inner_->block_by_number(n, full);
    }
    Result<std::optional<storage::StoredBlock>> block_by_hash(const Hash256& h,
                                                              bool full) override {
        return inner_->block_by_hash(h, full);
    }
    Result<std::optional<storage::StoredBlock>> header_by_number(uint64_t n) override {
        if (n == failing_header_ && header_read_failures_.fetch_sub(1) > 0)
            return std::unexpected(Error{code_, "injected by the test (header)"});
        return inner_->header_by_number(n);
    }
    /// The next `n` header_by_number(number) calls fail with the store's code (BLOCKHASH).
    void fail_header_reads(uint64_t number, int n) {
        failing_header_ = number;
        header_read_failures_.store(n);
    }
    int header_read_failures_left() const { return std::max(0, header_read_failures_.load()); }
    Result<std::optional<storage::StoredTransaction>> transaction(const Hash256& h) override {
        return inner_->transaction(h);
    }
    Result<std::optional<storage::StoredReceipt>> receipt(const Hash256& h) override {
        return inner_->receipt(h);
    }
    Result<std::optional<std::vector<storage::StoredReceipt>>> block_receipts(uint64_t n) override {
        return inner_->block_receipts(n);
    }
    Result<std::vector<storage::StoredLog>> logs(const storage::LogFilter& f) override {
        return inner_->logs(f);
    }
    Result<std::optional<state::Account>> account(const Address& a) override {
        if (failing_account_ && *failing_account_ == a)
            return std::unexpected(Error{code_, "injected by the test (account)"});
        return inner_->account(a);
    }
    /// Every account(a) read fails with the store's code.
    void fail_account_reads_of(const Address& a) { failing_account_ = a; }
    Result<std::optional<state::Account>> account_at(const Address& a, uint64_t n) override {
        return inner_->account_at(a, n);
    }
    Result<Hash256> storage(const Address& a, const Hash256& s) override {
        return inner_->storage(a, s);
    }
    Result<Hash256> storage_at(const Address& a, const Hash256& s, uint64_t n) override {
        return inner_->storage_at(a, s, n);
    }
    Result<std::optional<Bytes>> code(const Hash256& h) override { return inner_->code(h); }
    Result<storage::Versioned<std::optional<state::Account>>> account_versioned(
        const Address& a) override {
        return inner_->account_versioned(a);
    }
    Result<storage::Versioned<Hash256>> storage_versioned(const Address& a,
                                                          const Hash256& s) override {
        return inner_->storage_versioned(a, s);
    }
    Result<storage::BatchRead<std::optional<state::Account>>> accounts_batch(
        std::span<const Address> a) override {
        if (account_read_failures_.fetch_sub(1) > 0)
            return std::unexpected(Error{code_, "injected by the test (read)"});
        return inner_->accounts_batch(a);
    }
    /// The next `n` accounts_batch calls fail with the store's code (the committer's database
    /// check of the keys it does not track).
    void fail_account_reads(int n) { account_read_failures_.store(n); }
    Result<storage::BatchRead<Hash256>> storage_batch(
        std::span<const storage::StorageKey> k) override {
        return inner_->storage_batch(k);
    }
    Result<std::vector<std::optional<Bytes>>> code_batch(std::span<const Hash256> h) override {
        return inner_->code_batch(h);
    }

private:
    std::shared_ptr<storage::ChainStore> inner_;
    storage::Errc code_;
    int failures_;
    bool after_write_;
    std::atomic<int> commit_calls_{0};
    std::atomic<int> account_read_failures_{0};
    std::atomic<uint64_t> failing_header_{0};
    std::atomic<int> header_read_failures_{0};
    std::optional<Address> failing_account_;  ///< set before the committer starts
};

class CommitServiceTest : public ::testing::Test {
protected:
    CommitServiceTest()
        : w_{test::make_world(8)},
          store_{test::genesis_store(w_)},
          reference_{test::genesis_store(w_)} {}

    void TearDown() override {
        if (archive_) archive_->stop();
    }

    /// Starts the committer on `store` (the test's SQLite store when null).
    void start(CommitOptions options = {}, std::shared_ptr<storage::ChainStore> store = nullptr) {
        if (!store) store = store_;
        options.chain_id = kChainId;
        heads_ = bus_.subscribe(proto::kCacheInvalidationTopic, {"", mq::Mode::kBroadcast, 1s, "t"})
                     .value();
        archive_ =
            std::make_unique<CommitService>(std::move(options), bus_, store, l1_,
                                            std::vector<std::shared_ptr<state::VersionedSource>>{
                                                std::make_shared<storage::ChainStoreSource>(store)},
                                            nullptr, log::Logger{});
        ASSERT_TRUE(archive_->start().has_value());
    }

    proto::SignedTx transfer(size_t from, uint64_t nonce, const Address& to, uint64_t value) const {
        return test::signed_tx(w_, from, nonce, to, Uint256{value}, {}, 21'000, kGwei);
    }
    proto::SignedTx token_transfer(size_t from, uint64_t nonce, const Address& to,
                                   uint64_t amount) const {
        return test::signed_tx(w_, from, nonce, w_.token, {},
                               evm::test::erc20_transfer_input(to, Uint256{amount}), 100'000,
                               kGwei);
    }
    /// A fresh address (no account yet).
    static Address fresh(uint8_t tag) {
        Address a;
        a[0] = 0xfe;
        a[19] = tag;
        return a;
    }
    proto::Proposal proposal(uint64_t number, std::vector<proto::SignedTx> txs) const {
        return test::make_proposal(w_, number, std::move(txs));
    }

    void publish(const proto::ExecutionResult& r) {
        ASSERT_TRUE(bus_.publish(proto::kStateCommitTopic,
                                 mq::make_envelope(proto::kExecutionResultType, proto::encode(r),
                                                   {}, std::to_string(r.proposal.number)))
                        .has_value());
    }
    /// The next head on cache-invalidation-topic (bounded wait); nullopt when none came.
    std::optional<proto::HeadUpdate> next_head(std::chrono::milliseconds wait = 10s) {
        auto d = heads_->poll(wait).value();
        if (!d) return std::nullopt;
        return proto::decode_head_update(d->envelope.payload).value();
    }
    /// The next `n` heads: their numbers, and the re-executed flags.
    std::vector<proto::HeadUpdate> heads(size_t n) {
        std::vector<proto::HeadUpdate> out;
        for (size_t i = 0; i < n; ++i) {
            auto h = next_head();
            if (!h) break;
            out.push_back(std::move(*h));
        }
        EXPECT_EQ(out.size(), n) << "heads missing on cache-invalidation-topic";
        return out;
    }
    /// Waits (bounded) until the committer counted `blocks` blocks and acknowledged `acked`
    /// results: the counters and acknowledgements follow the head update.
    void settle(uint64_t blocks, uint64_t acked) {
        EXPECT_TRUE(mq::bus_test::wait_until([&] {
            return archive_->stats().blocks == blocks &&
                   bus_.stats(proto::kStateCommitTopic).acked == acked;
        })) << "blocks "
            << archive_->stats().blocks << ", acked " << bus_.stats(proto::kStateCommitTopic).acked;
    }
    /// Blocks 1..n of the test's store have the reference chain's hashes, and the accounts of
    /// the world (the coinbase included) have the reference's values.
    void expect_reference_chain(uint64_t n) {
        EXPECT_EQ(store_->head_number().value(), std::optional<uint64_t>{n});
        for (uint64_t i = 0; i <= n; ++i) {
            EXPECT_EQ(to_hex(test::store_hash(*store_, i).value_or(Hash256{})),
                      to_hex(test::store_hash(*reference_, i).value_or(Hash256{1})))
                << "block " << i;
        }
        std::vector<Address> accounts = w_.accounts;
        accounts.push_back(w_.coinbase);
        for (uint8_t tag = 1; tag <= 8; ++tag) accounts.push_back(fresh(tag));
        for (const Address& a : accounts) {
            EXPECT_EQ(store_->account_versioned(a).value(),
                      reference_->account_versioned(a).value())
                << to_hex(a);
            const Hash256 slot = evm::test::erc20_balance_slot(a);
            EXPECT_EQ(store_->storage_versioned(w_.token, slot).value(),
                      reference_->storage_versioned(w_.token, slot).value())
                << "token balance of " << to_hex(a);
        }
    }

    /// Options whose on_halt counts the halts in halts_.
    CommitOptions counting_halts() {
        CommitOptions o;
        o.on_halt = [this](const Error&) { ++halts_; };
        return o;
    }
    /// Block 1 (account 0 pays a fresh address) executed on the genesis state; the reference
    /// chain commits it.
    proto::ExecutionResult block_one() {
        const auto p1 = proposal(1, {transfer(0, 0, fresh(1), 1)});
        test::execute_and_commit(reference_, p1);
        return test::execute_on(store_, p1);
    }

    const test::World w_;
    std::shared_ptr<storage::ChainStore> store_;      ///< the committer's
    std::shared_ptr<storage::ChainStore> reference_;  ///< the sequential chain
    std::shared_ptr<state::L1Cache> l1_ =
        std::make_shared<state::L1Cache>(state::L1Cache::Options{16u << 20, 2});
    mq::InProcBus bus_;
    std::unique_ptr<mq::Consumer> heads_;
    std::atomic<int> halts_{0};
    std::unique_ptr<CommitService> archive_;
};

TEST_F(CommitServiceTest, CommitsResultsThatArriveOutOfOrderStrictlyInOrder) {
    // Three blocks with disjoint senders and recipients: each executed on the genesis state is
    // valid, whatever the order the committer sees them in. Their fees go to the coinbase as
    // deferred deltas, so the coinbase balance depends on all three.
    const std::vector<proto::Proposal> ps = {proposal(1, {transfer(0, 0, fresh(1), 100)}),
                                             proposal(2, {transfer(1, 0, fresh(2), 200)}),
                                             proposal(3, {transfer(2, 0, fresh(3), 300)})};
    std::vector<proto::ExecutionResult> rs;
    for (const auto& p : ps) {
        rs.push_back(test::execute_on(store_, p));
        test::execute_and_commit(reference_, p);
    }
    // An L1 entry of a key block 1 writes: the commit must evict it.
    l1_->put(state::CacheKey::account(w_.accounts[0]),
             {state::AccountValue{state::Account{0, Uint256{1}, state::kEmptyCodeHash}}, 0});
    start();
    publish(rs[2]);
    publish(rs[1]);
    EXPECT_FALSE(archive_->wait_for(1, 200ms)) << "committed without block 1";
    EXPECT_EQ(store_->head_number().value(), std::optional<uint64_t>{0});
    publish(rs[0]);
    ASSERT_TRUE(archive_->wait_for(3, 10s));

    const auto hs = heads(3);
    for (size_t i = 0; i < hs.size(); ++i) {
        EXPECT_EQ(hs[i].number, i + 1);
        EXPECT_EQ(to_hex(hs[i].hash), to_hex(test::store_hash(*reference_, i + 1).value()));
        EXPECT_FALSE(hs[i].reexecuted);
        EXPECT_EQ(hs[i].included, std::vector<Hash256>{ps[i].txs[0].hash});
    }
    EXPECT_FALSE(l1_->get(state::CacheKey::account(w_.accounts[0])).has_value());
    expect_reference_chain(3);
    EXPECT_EQ(to_hex(archive_->head().hash), to_hex(test::store_hash(*reference_, 3).value()));
    settle(3, 3);
    const CommitStats s = archive_->stats();
    EXPECT_EQ(s.blocks, 3u);
    EXPECT_EQ(s.transactions, 3u);
    EXPECT_EQ(s.reexecuted, 0u);
    EXPECT_EQ(s.duplicates, 0u);
}

TEST_F(CommitServiceTest, ReexecutesAStaleResultAndCommitsTheSequentialChain) {
    // Block 1 pays account 1 and moves account 0's nonce; block 2 was executed before block 1
    // was committed, so it saw both accounts at version 0: account 1's old balance, and account
    // 0's old nonce (its second transaction was dropped as "nonce too high").
    const auto p1 = proposal(1, {transfer(0, 0, w_.accounts[1], 1'000)});
    const auto p2 = proposal(2, {transfer(1, 0, w_.accounts[2], 5), transfer(0, 1, fresh(4), 7)});
    const proto::ExecutionResult r1 = test::execute_on(store_, p1);
    const proto::ExecutionResult stale = test::execute_on(store_, p2);
    ASSERT_EQ(stale.dropped.size(), 1u);
    EXPECT_EQ(stale.reads.accounts.at(w_.accounts[0]), 0u);
    test::execute_and_commit(reference_, p1);
    const proto::ExecutionResult good = test::execute_and_commit(reference_, p2);
    ASSERT_TRUE(good.dropped.empty());

    start();
    publish(r1);
    publish(stale);
    ASSERT_TRUE(archive_->wait_for(2, 10s));
    const auto hs = heads(2);
    ASSERT_EQ(hs.size(), 2u);
    EXPECT_FALSE(hs[0].reexecuted);
    EXPECT_TRUE(hs[1].reexecuted);
    EXPECT_EQ(hs[1].included.size(), 2u);
    EXPECT_TRUE(hs[1].dropped.empty());
    settle(2, 2);
    EXPECT_EQ(archive_->stats().reexecuted, 1u);
    EXPECT_EQ(archive_->stats().dropped, 0u);
    expect_reference_chain(2);
    EXPECT_EQ(store_->account(w_.accounts[0]).value()->nonce, 2u);
}

TEST_F(CommitServiceTest, ReexecutesAResultSpeculatedOnADigestThatWasNotCommitted) {
    // Three blocks on the same sender, each result computed on the right state (the reference
    // chain's results: every read has the version the committer expects). Block 2 names block
    // 1's committed digest; block 3 names a digest for block 2 that is not the one committed,
    // and carries wrong writes that must not reach the chain.
    std::vector<proto::ExecutionResult> rs;
    for (uint64_t n = 1; n <= 3; ++n) {
        rs.push_back(test::execute_and_commit(
            reference_, proposal(n, {transfer(0, n - 1, w_.accounts[1], 10 * n)})));
    }
    rs[1].speculated_on = {{1, execution::result_digest(rs[0])}};
    Hash256 bogus = execution::result_digest(rs[1]);
    bogus[0] ^= 1;
    rs[2].speculated_on = {{1, execution::result_digest(rs[0])}, {2, bogus}};
    for (auto& e : rs[2].diff.accounts)
        if (e.account) e.account->balance += Uint256{1};

    start();
    for (const auto& r : rs) publish(r);
    ASSERT_TRUE(archive_->wait_for(3, 10s));
    const auto hs = heads(3);
    ASSERT_EQ(hs.size(), 3u);
    EXPECT_FALSE(hs[0].reexecuted);
    EXPECT_FALSE(hs[1].reexecuted) << "a speculation on the committed digest is valid";
    EXPECT_TRUE(hs[2].reexecuted);
    EXPECT_EQ(archive_->stats().reexecuted, 1u);
    expect_reference_chain(3);
}

// Two Archives share the results: a result executed on top of a block the other Archive committed
// is checked against the digest that Archive announced (HeadUpdate::result_digest). Without one
// (an Archive of an older version) the block is re-executed, as before.
TEST_F(CommitServiceTest, AResultOnABlockAnotherArchiveCommittedIsCheckedAgainstItsDigest) {
    std::vector<proto::ExecutionResult> rs;
    for (uint64_t n = 1; n <= 4; ++n) {
        rs.push_back(test::execute_and_commit(
            reference_, proposal(n, {transfer(0, n - 1, w_.accounts[1], 10 * n)})));
    }
    for (size_t i = 1; i < rs.size(); ++i)
        rs[i].speculated_on = {{i, execution::result_digest(rs[i - 1])}};
    start();
    for (const bool with_digest : {true, false}) {
        // The other Archive commits block 1 (then 3) into the shared database and announces it.
        const proto::ExecutionResult& theirs = rs[with_digest ? 0 : 2];
        const uint64_t n = theirs.proposal.number;
        test::execute_and_commit(store_, theirs.proposal);
        proto::HeadUpdate h;
        h.number = n;
        h.hash = test::store_hash(*store_, n).value();
        // As an Archive announces it: the result's writes and the coinbase's fee credit.
        for (const auto& e : theirs.diff.accounts) h.accounts.push_back(e.address);
        h.accounts.push_back(w_.coinbase);
        for (const auto& e : theirs.diff.storage) h.storage.push_back({e.address, e.slot});
        if (with_digest) h.result_digest = execution::result_digest(theirs);
        ASSERT_TRUE(bus_.publish(proto::kCacheInvalidationTopic,
                                 mq::make_envelope(proto::kHeadUpdateType, proto::encode(h))));
        ASSERT_TRUE(archive_->wait_for(n, 10s));
        // This Archive commits the next block, executed on top of the other's result.
        publish(rs[n]);
        ASSERT_TRUE(archive_->wait_for(n + 1, 10s));
    }
    std::vector<proto::HeadUpdate> hs;
    while (auto h = next_head(1s)) hs.push_back(*h);
    ASSERT_EQ(hs.size(), 4u);  // the announcements of the test, then this Archive's own
    // wait_for returns once a block is committed, which can be before its head update is out:
    // the test's next announcement may come first.
    std::sort(hs.begin(), hs.end(), [](const auto& a, const auto& b) { return a.number < b.number; });
    EXPECT_EQ(hs[1].number, 2u);
    EXPECT_FALSE(hs[1].reexecuted) << "checked against the announced digest";
    EXPECT_EQ(hs[1].result_digest, execution::result_digest(rs[1]));
    EXPECT_EQ(hs[3].number, 4u);
    EXPECT_TRUE(hs[3].reexecuted) << "no digest announced: nothing to check against";
    EXPECT_EQ(archive_->stats().reexecuted, 1u);
    expect_reference_chain(4);
}

TEST_F(CommitServiceTest, TracksFewerKeysThanWrittenAndChecksTheOthersInTheDatabase) {
    // max_tracked_keys = 4: block 2 writes 8 keys (2 senders, 2 recipients, the coinbase, the
    // token and 2 token balances), so the in-memory map is cleared after each block from block
    // 2 on and the keys written before are checked against the database. Blocks 1 to 3 are
    // right: block 3 reads account 0 at version 1 and account 4's token balance at version 2,
    // neither in memory any more, and fresh keys at version 0: no false re-execution. Block 4
    // was executed on the genesis state: account 1 at version 0 while block 2 wrote it. Block
    // 5 read account 4's token balance as block 2 left it (version 2) while block 3 wrote it
    // since, and every other key right: a storage conflict alone. Both are conflicts only the
    // database knows of by then.
    const std::vector<proto::Proposal> ps = {
        proposal(1, {transfer(0, 0, fresh(1), 1)}),
        proposal(2, {transfer(1, 0, fresh(2), 2), token_transfer(2, 0, w_.accounts[4], 20)}),
        proposal(3, {transfer(0, 1, fresh(4), 4), token_transfer(5, 0, w_.accounts[4], 30)}),
        proposal(4, {transfer(1, 1, fresh(5), 5), transfer(3, 0, fresh(6), 6)}),
        proposal(5, {token_transfer(4, 0, w_.accounts[6], 40)})};
    const proto::ExecutionResult stale4 = test::execute_on(store_, ps[3]);
    ASSERT_EQ(stale4.dropped.size(), 1u);
    std::vector<proto::ExecutionResult> rs;
    for (const auto& p : ps) rs.push_back(test::execute_and_commit(reference_, p));
    const state::SlotKey balance4{w_.token, evm::test::erc20_balance_slot(w_.accounts[4])};
    EXPECT_EQ(rs[2].reads.accounts.at(w_.accounts[0]), 1u);
    EXPECT_EQ(rs[2].reads.accounts.at(fresh(4)), 0u);
    EXPECT_EQ(rs[2].reads.storage.at(balance4), 2u);
    proto::ExecutionResult stale5 = rs[4];
    ASSERT_EQ(stale5.reads.storage.at(balance4), 3u);
    stale5.reads.storage[balance4] = 2;
    for (auto& e : stale5.diff.storage) e.value = Hash256{};  // what a stale read might write

    CommitOptions o;
    o.max_tracked_keys = 4;
    start(o);
    for (size_t i = 0; i < 3; ++i) publish(rs[i]);
    publish(stale4);
    publish(stale5);
    ASSERT_TRUE(archive_->wait_for(5, 10s));
    const auto hs = heads(5);
    ASSERT_EQ(hs.size(), 5u);
    for (size_t i = 0; i < 3; ++i) EXPECT_FALSE(hs[i].reexecuted) << "block " << i + 1;
    EXPECT_TRUE(hs[3].reexecuted);
    EXPECT_TRUE(hs[4].reexecuted);
    EXPECT_EQ(archive_->stats().reexecuted, 2u);
    expect_reference_chain(5);
}

TEST_F(CommitServiceTest, RetriesATransientCommitFailureWithoutHalting) {
    auto failing = std::make_shared<FailingStore>(store_, storage::Errc::kTransient, 3);
    ASSERT_TRUE(storage::is_retryable(storage::Errc::kTransient));
    start(counting_halts(), failing);
    publish(block_one());
    ASSERT_TRUE(archive_->wait_for(1, 10s));
    EXPECT_EQ(failing->commit_calls(), 4);
    EXPECT_FALSE(archive_->failure().has_value());
    EXPECT_EQ(halts_.load(), 0);
    const auto h = next_head();
    ASSERT_TRUE(h.has_value());
    EXPECT_EQ(h->number, 1u);
    expect_reference_chain(1);
}

// Several Archives share the results. One commits block 1 and dies before it announces it: the
// result of block 2, taken by this one, must not wait for ever.
TEST_F(CommitServiceTest, ABlockCommittedElsewhereAndNeverAnnouncedIsFollowedFromTheDatabase) {
    CommitOptions options;
    options.stall_check = 200ms;
    start(std::move(options));
    const auto p1 = proposal(1, {transfer(0, 0, fresh(1), 11)});
    const auto p2 = proposal(2, {transfer(1, 0, fresh(2), 22)});
    test::execute_and_commit(reference_, p1);
    test::execute_and_commit(reference_, p2);
    // "Another Archive": block 1 straight into the shared database, no head update.
    test::execute_and_commit(store_, p1);
    publish(test::execute_on(store_, p2));
    ASSERT_TRUE(archive_->wait_for(2, 10s)) << "block 2 waited for an announcement of block 1";
    const auto h = next_head();
    ASSERT_TRUE(h.has_value());
    EXPECT_EQ(h->number, 2u);  // block 1 was never announced; block 2 is, by this Archive
    expect_reference_chain(2);
}

// CommitService::failure() promises that transient store errors (storage::is_retryable) never
// halt the chain: not only commit_block's, but also those of the reads that validate a result
// (accounts_batch / storage_batch for the keys the committer does not track, header_by_number
// for BLOCKHASH reads, account for the coinbase). This test found them halting the chain.
TEST_F(CommitServiceTest, ATransientErrorOfTheValidationReadsIsRetriedNotAHalt) {
    auto failing = std::make_shared<FailingStore>(store_, storage::Errc::kTransient, 0);
    failing->fail_account_reads(1);
    start(counting_halts(), failing);
    publish(block_one());  // its reads are not tracked yet: checked with accounts_batch, which
                           // fails once
    EXPECT_TRUE(archive_->wait_for(1, 10s));
    EXPECT_FALSE(archive_->failure().has_value())
        << "halted on a transient error: " << archive_->failure()->message();
    EXPECT_EQ(halts_.load(), 0);
    expect_reference_chain(1);
}

// A re-execution reads BLOCKHASH through the store (blocks older than the committer's recent
// hashes). A read that fails must fail the block's processing (a transient error is retried),
// never run the block with a zero hash for a block that exists.
TEST_F(CommitServiceTest, AFailedBlockHashReadOfAReexecutionIsRetriedNotAZeroHash) {
    // Block 1 is committed before the committer starts: its recent hashes hold block 1 only.
    const auto p1 = proposal(1, {transfer(0, 0, fresh(1), 1)});
    test::execute_and_commit(store_, p1);
    test::execute_and_commit(reference_, p1);
    // Block 2 creates a contract whose init code stores BLOCKHASH(NUMBER - 2), the genesis
    // block's hash. Executed on the genesis state, its nonce 1 is "too high": dropped, with
    // no BLOCKHASH read, and stale (account 0 changed in block 1). The committer re-executes
    // it, and the re-execution reads block 0's hash from the store.
    const Bytes init{0x60, 0x02, 0x43, 0x03, 0x40, 0x60, 0x00, 0x55, 0x00};
    const auto p2 =
        proposal(2, {test::signed_tx(w_, 0, 1, std::nullopt, {}, init, 100'000, kGwei)});
    const proto::ExecutionResult stale = test::execute_on(test::genesis_store(w_), p2);
    ASSERT_EQ(stale.dropped.size(), 1u);
    ASSERT_TRUE(stale.block_hash_reads.empty());
    test::execute_and_commit(reference_, p2);

    auto failing = std::make_shared<FailingStore>(store_, storage::Errc::kTransient, 0);
    start(counting_halts(), failing);
    failing->fail_header_reads(0, 3);
    publish(stale);
    ASSERT_TRUE(archive_->wait_for(2, 10s));
    EXPECT_EQ(failing->header_read_failures_left(), 0);
    EXPECT_EQ(halts_.load(), 0);
    const Address created = state::create_address(w_.accounts[0], 1);
    const Hash256 genesis = test::store_hash(*store_, 0).value();
    EXPECT_EQ(to_hex(store_->storage(created, Hash256{}).value()), to_hex(genesis));
    expect_reference_chain(2);
}

TEST_F(CommitServiceTest, APermanentBlockHashReadFailureOfAReexecutionHaltsWithItsCause) {
    const auto p1 = proposal(1, {transfer(0, 0, fresh(1), 1)});
    test::execute_and_commit(store_, p1);
    const Bytes init{0x60, 0x02, 0x43, 0x03, 0x40, 0x60, 0x00, 0x55, 0x00};
    const auto p2 =
        proposal(2, {test::signed_tx(w_, 0, 1, std::nullopt, {}, init, 100'000, kGwei)});
    const proto::ExecutionResult stale = test::execute_on(test::genesis_store(w_), p2);
    auto failing = std::make_shared<FailingStore>(store_, storage::Errc::kDatabase, 0);
    start(counting_halts(), failing);
    failing->fail_header_reads(0, 1'000'000);
    publish(stale);
    EXPECT_FALSE(archive_->wait_for(2, 500ms)) << "committed a block on an unreadable hash";
    // The failure is recorded before the halt handler runs: wait for both.
    ASSERT_TRUE(mq::bus_test::wait_until(
        [&] { return archive_->failure().has_value() && halts_.load() == 1; }));
    EXPECT_EQ(archive_->failure()->code(), make_error_code(storage::Errc::kDatabase));
    EXPECT_EQ(halts_.load(), 1);
    EXPECT_EQ(store_->head_number().value(), std::optional<uint64_t>{1});
}

// The committed nonces a head update carries come from the diff, or from the store for senders
// the block did not change (a dropped transaction's). A store read that fails leaves the sender
// out: announcing 0 would make the pool take 0 for the account's committed nonce.
TEST_F(CommitServiceTest, ACommittedNonceThatCannotBeReadIsLeftOutOfTheHeadUpdateNotZero) {
    const auto p1 = proposal(1, {transfer(0, 0, fresh(1), 1)});
    const auto p2 = proposal(2, {transfer(1, 0, fresh(2), 1), transfer(0, 5, fresh(3), 1)});
    const proto::ExecutionResult r1 = test::execute_on(store_, p1);
    test::execute_and_commit(reference_, p1);
    const proto::ExecutionResult r2 = test::execute_and_commit(reference_, p2);
    ASSERT_EQ(r2.dropped.size(), 1u);  // account 0's nonce 5: too high

    auto failing = std::make_shared<FailingStore>(store_, storage::Errc::kTransient, 0);
    failing->fail_account_reads_of(w_.accounts[0]);
    start(counting_halts(), failing);
    publish(r1);
    publish(r2);
    ASSERT_TRUE(archive_->wait_for(2, 10s));
    const auto hs = heads(2);
    ASSERT_EQ(hs.size(), 2u);
    // Block 1: account 0 is in the diff (nonce 1), read from there.
    EXPECT_NE(std::find(hs[0].sender_nonces.begin(), hs[0].sender_nonces.end(),
                        std::pair{w_.accounts[0], uint64_t{1}}),
              hs[0].sender_nonces.end());
    // Block 2: account 1 from the diff; account 0 only in the store, which fails: left out.
    EXPECT_NE(std::find(hs[1].sender_nonces.begin(), hs[1].sender_nonces.end(),
                        std::pair{w_.accounts[1], uint64_t{1}}),
              hs[1].sender_nonces.end());
    for (const auto& [sender, nonce] : hs[1].sender_nonces)
        EXPECT_NE(sender, w_.accounts[0]) << "announced nonce " << nonce;
    EXPECT_EQ(halts_.load(), 0);
    expect_reference_chain(2);
}

// FALSE CONFLICT (reported, not fixed here): execute_block's diff lists an account whose
// storage alone changed with its account record unchanged (execution::to_diff pushes every
// AccountUpdate), so the committer and the store give the contract account a new version each
// block that writes any of its slots. Two blocks calling the same contract on disjoint slots,
// executed on the same committed state, then conflict on the contract's account (read at
// version 0, "written" by block 1): every block of a hot contract (a token, a DEX) that runs
// ahead of the commit before it is re-executed. Correct, but the hot spot DESIGN.md section 2
// says is avoided. Disabled: it fails today.
TEST_F(CommitServiceTest, DISABLED_BUG_BlocksCallingOneContractOnDisjointSlotsDoNotConflict) {
    const auto p1 = proposal(1, {token_transfer(0, 0, w_.accounts[1], 5)});
    const auto p2 = proposal(2, {token_transfer(2, 0, w_.accounts[3], 6)});
    const proto::ExecutionResult r1 = test::execute_on(store_, p1);
    const proto::ExecutionResult r2 = test::execute_on(store_, p2);
    test::execute_and_commit(reference_, p1);
    test::execute_and_commit(reference_, p2);
    for (const auto& e : r1.diff.accounts) {
        EXPECT_NE(e.address, w_.token) << "the token's account did not change";
    }
    start();
    publish(r1);
    publish(r2);
    ASSERT_TRUE(archive_->wait_for(2, 10s));
    EXPECT_EQ(archive_->stats().reexecuted, 0u);
    expect_reference_chain(2);
}

TEST_F(CommitServiceTest, StoppingDuringATransientFailureIsNotAHalt) {
    auto failing = std::make_shared<FailingStore>(store_, storage::Errc::kConnectionLost, 1'000);
    start(counting_halts(), failing);
    publish(block_one());
    ASSERT_TRUE(mq::bus_test::wait_until([&] { return failing->commit_calls() >= 3; }));
    const auto t0 = std::chrono::steady_clock::now();
    archive_->stop();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s) << "stop() waited for the back-off";
    EXPECT_EQ(halts_.load(), 0);
    EXPECT_FALSE(archive_->failure().has_value());
    EXPECT_EQ(store_->head_number().value(), std::optional<uint64_t>{0});
    EXPECT_EQ(archive_->head().number, 0u);
}

TEST_F(CommitServiceTest, ACommitWhoseAcknowledgementWasLostIsNotRepeated) {
    // The first commit reaches the database but reports a lost connection: the retry finds the
    // same block stored (kAlreadyCommitted) and the service goes on.
    auto failing = std::make_shared<FailingStore>(store_, storage::Errc::kConnectionLost, 1, true);
    const auto p1 = proposal(1, {transfer(0, 0, fresh(1), 1)});
    const auto p2 = proposal(2, {transfer(0, 1, fresh(2), 2)});
    const proto::ExecutionResult r1 = test::execute_on(store_, p1);
    test::execute_and_commit(reference_, p1);
    const proto::ExecutionResult r2 = test::execute_and_commit(reference_, p2);
    start({}, failing);
    publish(r1);
    publish(r2);
    ASSERT_TRUE(archive_->wait_for(2, 10s));
    EXPECT_EQ(failing->commit_calls(), 3);
    EXPECT_FALSE(archive_->failure().has_value());
    EXPECT_EQ(archive_->stats().reexecuted, 0u);
    const auto hs = heads(2);
    ASSERT_EQ(hs.size(), 2u);
    EXPECT_EQ(hs[0].number, 1u);
    EXPECT_EQ(hs[1].number, 2u);
    expect_reference_chain(2);
}

TEST_F(CommitServiceTest, HaltsOnAPermanentCommitFailureWithNothingWritten) {
    auto failing = std::make_shared<FailingStore>(store_, storage::Errc::kDatabase, 1'000);
    ASSERT_FALSE(storage::is_retryable(storage::Errc::kDatabase));
    std::atomic<int> halts{0};
    std::promise<Error> halted;
    CommitOptions o;
    o.on_halt = [&](const Error& e) {
        if (halts.fetch_add(1) == 0) halted.set_value(e);
    };
    const Hash256 genesis = test::store_hash(*store_, 0).value();
    const auto before = store_->account_versioned(w_.accounts[0]).value();
    start(o, failing);
    publish(test::execute_on(store_, proposal(1, {transfer(0, 0, fresh(1), 1)})));

    auto future = halted.get_future();
    ASSERT_EQ(future.wait_for(10s), std::future_status::ready) << "on_halt was not called";
    EXPECT_EQ(future.get(), storage::Errc::kDatabase);
    EXPECT_FALSE(archive_->wait_for(1, 0ms));
    ASSERT_TRUE(archive_->failure().has_value());
    EXPECT_EQ(*archive_->failure(), storage::Errc::kDatabase);
    EXPECT_EQ(failing->commit_calls(), 5);  // kCommitAttempts, then the halt
    // Nothing of block 1 anywhere: the store, the service's head, the head topic.
    EXPECT_EQ(store_->head_number().value(), std::optional<uint64_t>{0});
    EXPECT_EQ(store_->account_versioned(w_.accounts[0]).value(), before);
    EXPECT_EQ(archive_->head().number, 0u);
    EXPECT_EQ(to_hex(archive_->head().hash), to_hex(genesis));
    EXPECT_FALSE(next_head(0ms).has_value());
    archive_->stop();
    EXPECT_EQ(halts.load(), 1);
    EXPECT_EQ(failing->commit_calls(), 5);
}

TEST_F(CommitServiceTest, AcknowledgesAndIgnoresDuplicateResults) {
    const std::vector<proto::Proposal> ps = {proposal(1, {transfer(0, 0, fresh(1), 1)}),
                                             proposal(2, {transfer(1, 0, fresh(2), 2)}),
                                             proposal(3, {transfer(2, 0, fresh(3), 3)})};
    std::vector<proto::ExecutionResult> rs;
    for (const auto& p : ps) rs.push_back(test::execute_and_commit(reference_, p));
    start();
    publish(rs[0]);
    ASSERT_TRUE(archive_->wait_for(1, 10s));
    publish(rs[0]);  // a redelivery of a committed block
    publish(rs[2]);
    publish(rs[2]);  // twice while it waits for block 2
    publish(rs[1]);
    ASSERT_TRUE(archive_->wait_for(3, 10s));
    const auto hs = heads(3);
    ASSERT_EQ(hs.size(), 3u);
    for (size_t i = 0; i < 3; ++i) EXPECT_EQ(hs[i].number, i + 1);
    EXPECT_FALSE(next_head(0ms).has_value()) << "a duplicate published a head";
    settle(3, 5);
    const CommitStats s = archive_->stats();
    EXPECT_EQ(s.blocks, 3u);
    EXPECT_EQ(s.duplicates, 2u);
    EXPECT_EQ(s.reexecuted, 0u);
    const mq::TopicStats t = bus_.stats(proto::kStateCommitTopic);
    EXPECT_EQ(t.published, 5u);
    EXPECT_EQ(t.redelivered, 0u);
    EXPECT_EQ(t.depth, 0u);
    expect_reference_chain(3);
}

}  // namespace
}  // namespace yao::archive
