// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "redis_cache.hpp"

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <algorithm>
#include <random>
#include <thread>

#include <yao/storage/test_util/redis_server.hpp>
#include <yao/storage/test_util/store_fixture.hpp>

namespace yao::storage {
namespace {

using state::AccountValue;
using state::CacheFill;
using state::SlotKey;
using state::VersionedValue;
using test_util::RedisServer;
using test_util::test_address;
using test_util::test_hash;

state::Account acct(uint64_t nonce, uint64_t balance) {
    return state::Account{nonce, Uint256{balance}, state::kEmptyCodeHash};
}

/// A raw hiredis command on its own connection: an independent view of the server.
std::string raw_info_field(uint16_t port, const std::string& field) {
    redisContext* c = redisConnect("127.0.0.1", port);
    auto* r = static_cast<redisReply*>(redisCommand(c, "INFO stats"));
    std::string info{r->str, r->len};
    freeReplyObject(r);
    redisFree(c);
    auto pos = info.find(field + ":");
    return info.substr(pos + field.size() + 1, info.find('\r', pos) - pos - field.size() - 1);
}

class RedisCacheTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto s = RedisServer::start();
        ASSERT_TRUE(s) << s.error().message();
        server_ = std::move(*s).release();
    }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
    }
    void SetUp() override {
        ASSERT_NE(server_, nullptr);
        YAO_ASSERT_OK_AND_ASSIGN(cache_, connect());
    }
    Result<std::unique_ptr<RedisCache>> connect() const {
        RedisCache::Options o;
        o.port = server_->port();
        o.key_prefix = std::string{"t:"} +
                       ::testing::UnitTest::GetInstance()->current_test_info()->name() + ":";
        return RedisCache::connect(o);
    }

    static inline RedisServer* server_ = nullptr;
    std::unique_ptr<RedisCache> cache_;
};

TEST_F(RedisCacheTest, StoresValuesWithTheirVersionsAndMissesTheRest) {
    const Hash256 code_hash = test_hash(0xc0de);
    CacheFill fill;
    fill.accounts.push_back({test_address(1), {AccountValue{acct(3, 1'000'000)}, 7}});
    fill.accounts.push_back({test_address(2), {AccountValue{}, 4}});  // known not to exist
    fill.storage.push_back({SlotKey{test_address(1), test_hash(1)}, {test_hash(99), 6}});
    fill.code.push_back({code_hash, Bytes{0x60, 0x01, 0x00}});
    YAO_ASSERT_OK_AND_ASSIGN(auto written, cache_->write_if_newer(fill));
    EXPECT_EQ(written, 4u);

    const Address addrs[] = {test_address(1), test_address(2), test_address(3)};
    YAO_ASSERT_OK_AND_ASSIGN(auto accounts, cache_->accounts(addrs));
    ASSERT_EQ(accounts.values.size(), 3u);
    EXPECT_EQ(accounts.values[0], (VersionedValue<AccountValue>{acct(3, 1'000'000), 7}));
    EXPECT_EQ(accounts.values[1], (VersionedValue<AccountValue>{std::nullopt, 4}));
    EXPECT_EQ(accounts.values[2], std::nullopt);  // a miss, not "does not exist"
    EXPECT_EQ(accounts.head, std::nullopt);

    const SlotKey slots[] = {{test_address(1), test_hash(1)}, {test_address(1), test_hash(2)}};
    YAO_ASSERT_OK_AND_ASSIGN(auto storage, cache_->storage(slots));
    EXPECT_EQ(storage.values[0], (VersionedValue<Hash256>{test_hash(99), 6}));
    EXPECT_EQ(storage.values[1], std::nullopt);

    const Hash256 hashes[] = {code_hash, test_hash(0xbad)};
    YAO_ASSERT_OK_AND_ASSIGN(auto code, cache_->code(hashes));
    EXPECT_EQ(code.values[0], (VersionedValue<Bytes>{Bytes{0x60, 0x01, 0x00}, 0}));
    EXPECT_EQ(code.values[1], std::nullopt);
}

TEST_F(RedisCacheTest, AnOlderOrEqualVersionNeverOverwrites) {
    const Address a = test_address(1);
    auto put = [&](uint64_t nonce, uint64_t version) {
        CacheFill f;
        f.accounts.push_back({a, {AccountValue{acct(nonce, nonce)}, version}});
        return cache_->write_if_newer(f);
    };
    auto read = [&] {
        const Address one[] = {a};
        return cache_->accounts(one)->values[0];
    };
    EXPECT_EQ(put(5, 5).value(), 1u);
    EXPECT_EQ(put(3, 3).value(), 0u);  // a slow reader with an old value
    EXPECT_EQ(read(), (VersionedValue<AccountValue>{acct(5, 5), 5}));
    EXPECT_EQ(put(99, 5).value(), 0u);  // same version: the stored value stays
    EXPECT_EQ(read(), (VersionedValue<AccountValue>{acct(5, 5), 5}));
    EXPECT_EQ(put(10, 10).value(), 1u);
    EXPECT_EQ(read(), (VersionedValue<AccountValue>{acct(10, 10), 10}));
    // Versions compare as numbers, not as text ("9" < "10").
    EXPECT_EQ(put(9, 9).value(), 0u);
    // Versions beyond 2^53 (where Lua numbers lose precision) still compare exactly.
    const uint64_t big = (uint64_t{1} << 60) + 1;
    EXPECT_EQ(put(1, big).value(), 1u);
    EXPECT_EQ(put(2, big - 1).value(), 0u);
    EXPECT_EQ(read()->version, big);
}

TEST_F(RedisCacheTest, ConcurrentWritersLeaveTheHighestVersionOfEveryKey) {
    constexpr int kThreads = 4;
    constexpr uint64_t kKeys = 40;
    constexpr uint64_t kVersions = 60;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        auto c = connect();
        ASSERT_TRUE(c) << c.error().message();
        threads.emplace_back([cache = std::shared_ptr<RedisCache>(std::move(*c)), t] {
            // Each writer sends every (key, version) pair in its own random order, a few keys
            // per call, value = version so a mismatch would show.
            std::vector<std::pair<uint64_t, uint64_t>> work;
            for (uint64_t k = 0; k < kKeys; ++k) {
                for (uint64_t v = 1; v <= kVersions; ++v) work.emplace_back(k, v);
            }
            std::mt19937_64 rng{static_cast<uint64_t>(t) + 1};
            std::shuffle(work.begin(), work.end(), rng);
            for (size_t i = 0; i < work.size(); i += 8) {
                CacheFill f;
                for (size_t j = i; j < std::min(work.size(), i + 8); ++j) {
                    auto [k, v] = work[j];
                    f.storage.push_back(
                        {SlotKey{test_address(k), test_hash(0)}, {Uint256{v}.to_hash(), v}});
                }
                ASSERT_TRUE(cache->put_if_newer(f));
            }
        });
    }
    for (auto& th : threads) th.join();
    std::vector<SlotKey> keys;
    for (uint64_t k = 0; k < kKeys; ++k) keys.push_back({test_address(k), test_hash(0)});
    YAO_ASSERT_OK_AND_ASSIGN(auto read, cache_->storage(keys));
    for (const auto& v : read.values) {
        EXPECT_EQ(v, (VersionedValue<Hash256>{Uint256{kVersions}.to_hash(), kVersions}));
    }
}

TEST_F(RedisCacheTest, ABatchReadIsOneRoundTripWithOneCommandPerKey) {
    CacheFill fill;
    std::vector<Address> addrs;
    for (uint64_t i = 0; i < 500; ++i) {
        addrs.push_back(test_address(i));
        if (i % 2 == 0) fill.accounts.push_back({test_address(i), {acct(i, i), i}});
    }
    YAO_ASSERT_OK(cache_->put_if_newer(fill));
    const uint64_t trips = cache_->round_trips();
    const uint64_t commands =
        std::stoull(raw_info_field(server_->port(), "total_commands_processed"));
    YAO_ASSERT_OK_AND_ASSIGN(auto read, cache_->accounts(addrs));
    EXPECT_EQ(cache_->round_trips(), trips + 1);
    // 500 HMGETs, plus the INFO of this check's own connection.
    EXPECT_EQ(std::stoull(raw_info_field(server_->port(), "total_commands_processed")),
              commands + 500 + 1);
    for (uint64_t i = 0; i < 500; ++i) {
        if (i % 2 == 0) {
            EXPECT_EQ(read.values[i], (VersionedValue<AccountValue>{acct(i, i), i}));
        } else {
            EXPECT_EQ(read.values[i], std::nullopt);
        }
    }
}

TEST_F(RedisCacheTest, AValueThatDoesNotDecodeIsAnError) {
    redisContext* c = redisConnect("127.0.0.1", server_->port());
    const std::string key = cache_->account_key(test_address(1));
    auto* r = static_cast<redisReply*>(
        redisCommand(c, "HSET %b v 00000000000000000001 d garbage", key.data(), key.size()));
    freeReplyObject(r);
    redisFree(c);
    const Address one[] = {test_address(1)};
    YAO_ASSERT_ERROR(cache_->accounts(one), Errc::kCorruptRow);
}

TEST(RedisCache, ConnectingToNothingIsAConnectionError) {
    YAO_ASSERT_OK_AND_ASSIGN(const uint16_t port, test_util::free_loopback_port());
    RedisCache::Options o;
    o.port = port;
    YAO_ASSERT_ERROR(RedisCache::connect(o), Errc::kConnectionLost);
}

TEST(RedisCache, ReconnectsAndReloadsTheScriptAfterTheServerRestarts) {
    YAO_ASSERT_OK_AND_ASSIGN(auto server, RedisServer::start());
    RedisCache::Options o;
    o.port = server->port();
    YAO_ASSERT_OK_AND_ASSIGN(auto cache, RedisCache::connect(o));
    CacheFill f;
    f.storage.push_back({SlotKey{test_address(1), test_hash(1)}, {test_hash(2), 2}});
    YAO_ASSERT_OK(cache->put_if_newer(f));

    server->kill();
    const SlotKey key[] = {{test_address(1), test_hash(1)}};
    YAO_ASSERT_ERROR(cache->storage(key), Errc::kConnectionLost);  // down: a value, no crash
    YAO_ASSERT_OK(server->restart());
    // The restarted server is empty and has no script: the write reconnects and reloads it.
    YAO_ASSERT_OK_AND_ASSIGN(auto written, cache->write_if_newer(f));
    EXPECT_EQ(written, 1u);
    YAO_ASSERT_OK_AND_ASSIGN(auto read, cache->storage(key));
    EXPECT_EQ(read.values[0], (VersionedValue<Hash256>{test_hash(2), 2}));
    EXPECT_GE(cache->reconnects(), 1u);
}

}  // namespace
}  // namespace yao::storage
