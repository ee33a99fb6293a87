// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// YaoOracle point reads through each level: L1 (in-process), L2 (a real redis-server on loopback)
// and L3 (a SQLite file ChainStore), and a batched prefetch of 100 accounts from L2 and from L3.
#include <benchmark/benchmark.h>

#include <memory>

#include <yao/state/oracle.hpp>
#include <yao/storage/chain_store_source.hpp>
#include <yao/storage/redis_cache.hpp>
#include <yao/storage/test_util/chain_fixtures.hpp>
#include <yao/storage/test_util/redis_server.hpp>
#include <yao/storage/test_util/test_backends.hpp>

namespace yao::storage::test_util {
namespace {

constexpr size_t kAccounts = 10'000;

// One store, one Redis, filled once for all benchmarks of this binary.
struct Levels {
    std::unique_ptr<TestDatabase> db;
    std::shared_ptr<ChainStore> store;
    std::unique_ptr<RedisServer> redis_server;
    std::shared_ptr<RedisCache> redis;
    std::shared_ptr<ChainStoreSource> l3;
    std::string error;
};

Levels failed(std::string error) {
    Levels l;
    l.error = std::move(error);
    return l;
}

Levels& levels() {
    static Levels lv = [] {
        Levels l;
        auto db = TestDatabase::make(BackendKind::kSqliteFile);
        if (!db) return failed(db.error().message());
        l.db = std::move(*db);
        auto store = l.db->open(/*durable=*/true);
        if (!store) return failed(store.error().message());
        l.store = std::move(*store);
        auto genesis = make_block({.number = 0, .transfers = 0});
        for (size_t i = 0; i < kAccounts; ++i)
            genesis.accounts.push_back(
                {test_address(i), state::Account{i, Uint256{1'000'000 + i}, state::kEmptyCodeHash}});
        if (auto r = l.store->commit_block(genesis); !r) return failed(r.error().message());
        auto server = RedisServer::start();
        if (!server) return failed(server.error().message());
        l.redis_server = std::move(*server);
        auto redis = RedisCache::connect({.port = l.redis_server->port()});
        if (!redis) return failed(redis.error().message());
        l.redis = std::move(*redis);
        l.l3 = std::make_shared<ChainStoreSource>(l.store);
        // Fill Redis with every account through the Oracle once.
        state::Oracle filler{std::make_shared<state::L1Cache>(state::L1Cache::Options{}),
                             {l.redis, l.l3}};
        for (size_t i = 0; i < kAccounts; ++i) (void)filler.account(test_address(i));
        return l;
    }();
    return lv;
}

// Reads through an Oracle whose upper levels are `sources`; a fresh, tiny L1 per iteration batch
// when `cold_l1` so that every read misses it.
void read_through(benchmark::State& state, bool use_redis, bool use_store, bool cold_l1) {
    Levels& l = levels();
    if (!l.error.empty()) {
        state.SkipWithError(l.error.c_str());
        return;
    }
    std::vector<std::shared_ptr<state::VersionedSource>> sources;
    if (use_redis) sources.push_back(l.redis);
    if (use_store) sources.push_back(l.l3);
    auto l1 = std::make_shared<state::L1Cache>(state::L1Cache::Options{});
    auto oracle = std::make_unique<state::Oracle>(l1, sources);
    size_t i = 0;
    for (auto _ : state) {
        if (cold_l1) {
            state.PauseTiming();
            l1->clear();
            oracle->take_read_set();
            state.ResumeTiming();
        }
        benchmark::DoNotOptimize(oracle->account(test_address(i)));
        i = (i + 7919) % kAccounts;
        if (!cold_l1 && i % 1024 == 0) oracle->take_read_set();
    }
    state.SetItemsProcessed(state.iterations());
}

void prefetch_100(benchmark::State& state, bool use_redis) {
    Levels& l = levels();
    if (!l.error.empty()) {
        state.SkipWithError(l.error.c_str());
        return;
    }
    std::vector<std::shared_ptr<state::VersionedSource>> sources;
    if (use_redis) sources.push_back(l.redis);
    sources.push_back(l.l3);
    std::vector<Address> keys;
    size_t next = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto oracle = std::make_unique<state::Oracle>(
            std::make_shared<state::L1Cache>(state::L1Cache::Options{}), sources);
        keys.clear();
        for (size_t k = 0; k < 100; ++k) keys.push_back(test_address((next + k * 97) % kAccounts));
        next = (next + 1) % kAccounts;
        state.ResumeTiming();
        benchmark::DoNotOptimize(oracle->prefetch(keys, {}, {}));
    }
    state.SetItemsProcessed(state.iterations() * 100);
}

BENCHMARK_CAPTURE(read_through, l1_hit, false, true, false)->Name("oracle/account_l1_hit");
BENCHMARK_CAPTURE(read_through, l2_redis, true, false, true)->Name("oracle/account_l2_redis");
BENCHMARK_CAPTURE(read_through, l3_sqlite, false, true, true)->Name("oracle/account_l3_sqlite");
BENCHMARK_CAPTURE(prefetch_100, redis, true)->Name("oracle/prefetch_100_accounts_l2_redis");
BENCHMARK_CAPTURE(prefetch_100, sqlite, false)->Name("oracle/prefetch_100_accounts_l3_sqlite");

}  // namespace
}  // namespace yao::storage::test_util
