// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// YaoOracle over its real levels: L1 in process, L2 a real redis-server started by the test, L3
// an SQLite ChainStore holding committed blocks.
#include <gtest/gtest.h>

#include <yao/state/oracle.hpp>
#include <yao/storage/chain_store_source.hpp>
#include <yao/storage/redis_cache.hpp>
#include <yao/storage/sqlite_store.hpp>
#include <yao/storage/test_util/redis_server.hpp>
#include <yao/storage/test_util/store_fixture.hpp>

namespace yao::storage {
namespace {

using state::AccountValue;
using state::CacheKey;
using state::LevelCounters;
using state::SlotKey;
using state::VersionedValue;
using test_util::counter_address;
using test_util::counter_slot;
using test_util::test_address;
using test_util::test_hash;

/// Counts the batched calls that reach the level it wraps.
class CountingSource : public state::VersionedSource {
public:
    explicit CountingSource(std::shared_ptr<state::VersionedSource> inner)
        : inner_{std::move(inner)} {}
    Result<state::VersionedBatch<AccountValue>> accounts(std::span<const Address> a) override {
        ++calls;
        return inner_->accounts(a);
    }
    Result<state::VersionedBatch<Hash256>> storage(std::span<const SlotKey> k) override {
        ++calls;
        return inner_->storage(k);
    }
    Result<state::VersionedBatch<Bytes>> code(std::span<const Hash256> h) override {
        ++calls;
        return inner_->code(h);
    }
    Result<void> put_if_newer(const state::CacheFill& f) override {
        ++fills;
        return inner_->put_if_newer(f);
    }
    int calls = 0;
    int fills = 0;

private:
    std::shared_ptr<state::VersionedSource> inner_;
};

class OracleLevelsTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto s = test_util::RedisServer::start();
        ASSERT_TRUE(s) << s.error().message();
        server_ = std::move(*s).release();
    }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
    }

    void SetUp() override {
        ASSERT_NE(server_, nullptr);
        YAO_ASSERT_OK_AND_ASSIGN(auto store, make_sqlite_store({}));
        store_ = std::move(store);
        RedisCache::Options o;
        o.port = server_->port();
        o.key_prefix = std::string{"o:"} +
                       ::testing::UnitTest::GetInstance()->current_test_info()->name() + ":";
        YAO_ASSERT_OK_AND_ASSIGN(auto redis, RedisCache::connect(o));
        redis_ = std::move(redis);
        l2_ = std::make_shared<CountingSource>(redis_);
        l3_ = std::make_shared<CountingSource>(std::make_shared<ChainStoreSource>(store_));
        // Blocks 0..3; block 1 creates kAlice and the token slot, block 3 changes them.
        commit(next_block({.deploy_token = true}));
        auto b1 = next_block({.transfers = 20});
        b1.accounts.push_back({kAlice, state::Account{1, Uint256{100}, state::kEmptyCodeHash}});
        b1.storage.push_back({test_util::token_address(), kSlot, test_hash(0x1111)});
        commit(b1);
        commit(next_block());
        auto b3 = next_block();
        b3.accounts.push_back({kAlice, state::Account{2, Uint256{50}, state::kEmptyCodeHash}});
        b3.storage.push_back({test_util::token_address(), kSlot, test_hash(0x2222)});
        commit(b3);
        block1_ = b1;
    }

    std::unique_ptr<state::Oracle> make_oracle(size_t l1_bytes = 1 << 20) {
        l1_ = std::make_shared<state::L1Cache>(state::L1Cache::Options{l1_bytes, 4});
        return std::make_unique<state::Oracle>(
            l1_, std::vector<std::shared_ptr<state::VersionedSource>>{l2_, l3_});
    }

    BlockCommit next_block(test_util::BlockSpec spec = {}) const {
        spec.number = next_number_;
        spec.parent_hash = parent_hash_;
        return test_util::make_block(spec);
    }
    void commit(const BlockCommit& c) {
        auto r = store_->commit_block(c);
        ASSERT_TRUE(r) << r.error().message();
        next_number_ = c.header.number + 1;
        parent_hash_ = c.hash;
    }

    const Address kAlice = test_address(0xa11ce);
    const Hash256 kSlot = test_hash(5);
    static inline test_util::RedisServer* server_ = nullptr;
    std::shared_ptr<ChainStore> store_;
    std::shared_ptr<RedisCache> redis_;
    std::shared_ptr<CountingSource> l2_, l3_;
    std::shared_ptr<state::L1Cache> l1_;
    BlockCommit block1_;
    uint64_t next_number_ = 0;
    Hash256 parent_hash_;
};

TEST_F(OracleLevelsTest, ReadsThroughL1ThenRedisThenTheStoreAndFillsOnTheWayUp) {
    auto oracle = make_oracle();
    // First read: L1 miss, Redis miss, the store answers; Redis is filled with the version.
    EXPECT_EQ(oracle->account(kAlice), (state::Account{2, Uint256{50}, state::kEmptyCodeHash}));
    EXPECT_EQ(oracle->counters()[0], (LevelCounters{0, 1, 0, 0}));
    EXPECT_EQ(oracle->counters()[1], (LevelCounters{0, 1, 0, 1}));
    EXPECT_EQ(oracle->counters()[2], (LevelCounters{1, 0, 0, 1}));
    const Address alice[] = {kAlice};
    YAO_ASSERT_OK_AND_ASSIGN(auto in_redis, redis_->accounts(alice));
    EXPECT_EQ(in_redis.values[0], (VersionedValue<AccountValue>{
                                      state::Account{2, Uint256{50}, state::kEmptyCodeHash}, 3}));

    // Again: L1.
    oracle->account(kAlice);
    EXPECT_EQ(oracle->counters()[0].hits, 1u);
    EXPECT_EQ(l2_->calls + l3_->calls, 2);

    // A second node (fresh L1) is served by Redis; the store is not asked.
    auto other = make_oracle();
    YAO_ASSERT_OK_AND_ASSIGN(auto v, other->account_versioned(kAlice));
    EXPECT_EQ(v.version, 3u);
    EXPECT_EQ(other->counters()[1], (LevelCounters{1, 0, 0, 1}));
    EXPECT_EQ(other->counters()[2], (LevelCounters{0, 0, 0, 0}));

    // Storage and code the same way.
    EXPECT_EQ(other->storage(test_util::token_address(), kSlot), test_hash(0x2222));
    EXPECT_EQ(other->storage(test_util::token_address(), test_hash(77)), Hash256{});
    YAO_ASSERT_OK_AND_ASSIGN(auto token, store_->account(test_util::token_address()));
    ASSERT_TRUE(token);
    EXPECT_EQ(other->code(token->code_hash), test_util::token_code());
    auto third = make_oracle();
    EXPECT_EQ(third->code(token->code_hash), test_util::token_code());
    EXPECT_EQ(third->counters()[1].hits, 1u);  // code came from Redis
}

TEST_F(OracleLevelsTest, TheReadSetHasTheVersionsTheStoreKnows) {
    auto oracle = make_oracle();
    const Address nobody = test_address(0xdead);
    oracle->account(kAlice);
    oracle->account(counter_address());
    oracle->account(nobody);
    oracle->storage(test_util::token_address(), kSlot);
    oracle->storage(counter_address(), counter_slot());
    state::ReadSet rs = oracle->take_read_set();
    for (const auto& [a, version] : rs.accounts) {
        YAO_ASSERT_OK_AND_ASSIGN(auto truth, store_->account_versioned(a));
        EXPECT_EQ(version, truth.version);
    }
    for (const auto& [k, version] : rs.storage) {
        YAO_ASSERT_OK_AND_ASSIGN(auto truth, store_->storage_versioned(k.address, k.slot));
        EXPECT_EQ(version, truth.version);
    }
    EXPECT_EQ(rs.accounts.at(kAlice), 3u);
    EXPECT_EQ(rs.accounts.at(counter_address()), 3u);
    EXPECT_EQ(rs.accounts.at(nobody), 0u);
    EXPECT_EQ(rs.storage.at(SlotKey{test_util::token_address(), kSlot}), 3u);
    EXPECT_EQ(rs.accounts.size(), 3u);
    EXPECT_EQ(rs.storage.size(), 2u);
}

TEST_F(OracleLevelsTest, PrefetchIsOneRedisRoundTripAndOneStoreCallPerKind) {
    auto oracle = make_oracle();
    std::vector<Address> addrs;
    for (size_t i = 0; i < 20; ++i) {
        addrs.push_back(test_util::transfer_sender({.number = 1, .transfers = 20}, i));
        addrs.push_back(test_util::transfer_recipient({.number = 1, .transfers = 20}, i));
    }
    addrs.push_back(kAlice);
    const SlotKey slots[] = {{test_util::token_address(), kSlot},
                             {counter_address(), counter_slot()}};
    const uint64_t trips = redis_->round_trips();
    YAO_ASSERT_OK(oracle->prefetch(addrs, slots));
    EXPECT_EQ(redis_->round_trips() - trips, 2u + 2u);  // reads of 2 kinds + their fills
    EXPECT_EQ(l2_->calls, 2);
    EXPECT_EQ(l3_->calls, 2);
    // Every account now comes from L1 with the store's value.
    for (const Address& a : addrs) {
        YAO_ASSERT_OK_AND_ASSIGN(auto truth, store_->account(a));
        EXPECT_EQ(oracle->account(a), truth);
    }
    EXPECT_EQ(l2_->calls + l3_->calls, 4);
    EXPECT_EQ(oracle->counters()[0].hits, addrs.size());
}

TEST_F(OracleLevelsTest, InvalidationAfterACommitServesTheNewVersion) {
    auto oracle = make_oracle();
    EXPECT_EQ(oracle->storage(counter_address(), counter_slot()), Uint256{3}.to_hash());
    // A slow reader about to fill Redis with what it read at block 3.
    state::CacheFill stale;
    stale.storage.push_back(
        {SlotKey{counter_address(), counter_slot()}, {Uint256{3}.to_hash(), 3}});

    // Block 4 is committed; the archive updates Redis and broadcasts the keys.
    commit(next_block());
    state::CacheFill fresh;
    YAO_ASSERT_OK_AND_ASSIGN(auto v4, store_->storage_versioned(counter_address(), counter_slot()));
    fresh.storage.push_back({SlotKey{counter_address(), counter_slot()}, {v4.value, v4.version}});
    YAO_ASSERT_OK(redis_->put_if_newer(fresh));
    YAO_ASSERT_OK_AND_ASSIGN(auto written, redis_->write_if_newer(stale));  // too late: ignored
    EXPECT_EQ(written, 0u);

    EXPECT_EQ(oracle->storage(counter_address(), counter_slot()), Uint256{3}.to_hash());  // L1
    const CacheKey keys[] = {CacheKey::storage(counter_address(), counter_slot())};
    oracle->invalidate(keys);
    YAO_ASSERT_OK_AND_ASSIGN(auto now,
                             oracle->storage_versioned(counter_address(), counter_slot()));
    EXPECT_EQ(now.value, Uint256{4}.to_hash());
    EXPECT_EQ(now.version, 4u);
    EXPECT_EQ(l3_->calls, 1);  // served by Redis after the invalidation
}

}  // namespace
}  // namespace yao::storage
