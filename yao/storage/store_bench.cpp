// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// ChainStore throughput on SQLite (a file in /tmp, WAL, synchronous=FULL) and MariaDB (a private
// mariadbd on loopback, innodb_flush_log_at_trx_commit=1, 256 MiB buffer pool):
//   storage/commit_<N>_transfers/<backend>  one block of N simple transfers between existing
//       accounts per iteration; items = transfers, counters rows/s (rows written) and blocks/s.
//   storage/commit_<N>_erc20_transfers/<backend>  the same with ERC-20 transfers: each also
//       logs a Transfer event and rewrites two existing token balance slots.
//   storage/read_*/<backend>               point and batched reads on a populated store.
//   storage/logs_*/<backend>               eth_getLogs-style queries over 100,000 logs.
// Iteration counts are fixed for the commits so that the run stays bounded.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>

#include <yao/common/keccak.hpp>
#include <yao/storage/test_util/chain_fixtures.hpp>
#include <yao/storage/test_util/test_backends.hpp>

namespace yao::storage::test_util {
namespace {

using benchmark::Counter;
using benchmark::State;

/// A block 0 that creates `count` accounts (test_address(0) ...): the accounts later blocks
/// transfer between.
BlockCommit pool_genesis(size_t count) {
    auto genesis = make_block({.number = 0, .transfers = 0});
    for (size_t i = 0; i < count; ++i)
        genesis.accounts.push_back(
            {test_address(i),
             state::Account{0, Uint256{1'000'000'000'000ULL}, state::kEmptyCodeHash}});
    return genesis;
}

/// Rows a commit writes: block, transactions, receipts, logs, accounts and storage with their
/// history rows, code, and the two head rows.
size_t rows_written(const BlockCommit& c) {
    size_t logs = 0;
    for (const auto& t : c.transactions) logs += t.receipt.logs.size();
    return 1 + 2 * c.transactions.size() + logs + 2 * c.accounts.size() + 2 * c.storage.size() +
           c.code.size() + 2;
}

Result<std::unique_ptr<ChainStore>> open_store(BackendKind kind,
                                               std::unique_ptr<TestDatabase>& db) {
    YAO_TRY(db, TestDatabase::make(kind));
    return db->open(/*durable=*/true);
}

/// The token's balance slot of `holder`: keccak256(holder ‖ 0), a Solidity mapping at slot 0.
Hash256 balance_slot(const Address& holder) {
    uint8_t key[64] = {};
    std::copy(holder.bytes.begin(), holder.bytes.end(), key + 12);
    return keccak256(BytesView{key, sizeof(key)});
}

/// Turns a block of simple transfers into ERC-20 transfers of the token: one Transfer log per
/// transaction (make_block's) and the new balances of the sender and the recipient.
void add_token_balances(BlockCommit& block) {
    for (size_t i = 0; i < block.transactions.size(); ++i) {
        const auto& t = block.transactions[i];
        const Uint256 amount{1'000 + i + block.header.number};
        block.storage.push_back(
            {token_address(), balance_slot(t.sender), (Uint256{1'000'000'000} - amount).to_hash()});
        block.storage.push_back({token_address(), balance_slot(*t.txn.to), amount.to_hash()});
    }
}

void bm_commit(State& state, BackendKind kind, size_t transfers, bool erc20) {
    std::unique_ptr<TestDatabase> db;
    auto store = open_store(kind, db);
    if (!store) {
        state.SkipWithError(store.error().message().c_str());
        return;
    }
    // Every transfer moves value between two accounts of a pool created by genesis, so the
    // commits update existing rows, as on a live chain.
    const size_t pool = 4 * transfers;
    auto genesis = pool_genesis(pool);
    if (erc20) {
        for (size_t i = 0; i < pool; ++i)
            genesis.storage.push_back(
                {token_address(), balance_slot(test_address(i)), Uint256{1'000'000'000}.to_hash()});
    }
    if (auto r = (*store)->commit_block(genesis); !r) {
        state.SkipWithError(r.error().message().c_str());
        return;
    }
    std::vector<BlockCommit> blocks;
    Hash256 parent = genesis.hash;
    for (int64_t i = 0; i < state.max_iterations; ++i) {
        blocks.push_back(make_block({.number = static_cast<uint64_t>(i) + 1,
                                     .parent_hash = parent,
                                     .transfers = transfers,
                                     .logs_per_txn = erc20 ? 1u : 0u,
                                     .account_pool = pool}));
        if (erc20) add_token_balances(blocks.back());
        parent = blocks.back().hash;
    }
    size_t next = 0;
    size_t rows = 0;
    for (auto _ : state) {
        const auto& b = blocks[next++];
        auto r = (*store)->commit_block(b);
        if (!r) {
            state.SkipWithError(r.error().message().c_str());
            return;
        }
        rows += rows_written(b);
    }
    state.SetItemsProcessed(static_cast<int64_t>(next * transfers));
    state.counters["rows/s"] = Counter(static_cast<double>(rows), Counter::kIsRate);
    state.counters["blocks/s"] = Counter(static_cast<double>(next), Counter::kIsRate);
}

// ---- A populated store for reads and log queries -----------------------------------------------

constexpr size_t kReadPool = 40'000;
constexpr uint64_t kReadBlocks = 100;
constexpr size_t kReadTransfers = 200;
constexpr size_t kLogsPerTxn = 5;  // 100 blocks x 200 transfers x 5 logs = 100,000 logs

struct Populated {
    std::unique_ptr<TestDatabase> db;
    std::unique_ptr<ChainStore> store;
    std::vector<Hash256> txn_hashes;
    std::string error;
};

/// One store per backend with 100 blocks, built on first use and kept for every read benchmark.
Populated& populated(BackendKind kind) {
    static std::map<BackendKind, Populated> stores;
    auto& p = stores[kind];
    if (p.store || !p.error.empty()) return p;
    auto store = open_store(kind, p.db);
    if (!store) {
        p.error = store.error().message();
        return p;
    }
    p.store = std::move(*store);
    auto genesis = pool_genesis(kReadPool);
    genesis.storage.push_back({token_address(), test_hash(1), test_hash(2)});
    Hash256 parent = genesis.hash;
    if (auto r = p.store->commit_block(genesis); !r) p.error = r.error().message();
    for (uint64_t n = 1; n <= kReadBlocks && p.error.empty(); ++n) {
        auto b = make_block({.number = n,
                             .parent_hash = parent,
                             .transfers = kReadTransfers,
                             .logs_per_txn = kLogsPerTxn,
                             .account_pool = kReadPool});
        for (const auto& t : b.transactions) p.txn_hashes.push_back(t.hash);
        if (auto r = p.store->commit_block(b); !r) p.error = r.error().message();
        parent = b.hash;
    }
    return p;
}

template <typename Fn>
void run_reads(State& state, BackendKind kind, Fn&& read_one) {
    auto& p = populated(kind);
    if (!p.error.empty()) {
        state.SkipWithError(p.error.c_str());
        return;
    }
    std::mt19937_64 rng{42};
    size_t items = 0;
    for (auto _ : state) {
        auto n = read_one(*p.store, p, rng);
        if (!n) {
            state.SkipWithError(n.error().message().c_str());
            return;
        }
        items += *n;
    }
    state.SetItemsProcessed(static_cast<int64_t>(items));
}

void bm_read_account(State& state, BackendKind kind) {
    run_reads(state, kind, [](ChainStore& s, Populated&, std::mt19937_64& rng) -> Result<size_t> {
        YAO_TRY(auto a, s.account_versioned(test_address(rng() % kReadPool)));
        benchmark::DoNotOptimize(a);
        return 1;
    });
}

void bm_read_storage(State& state, BackendKind kind) {
    run_reads(state, kind, [](ChainStore& s, Populated&, std::mt19937_64& rng) -> Result<size_t> {
        YAO_TRY(auto v, s.storage_versioned(token_address(), test_hash(1 + rng() % 2)));
        benchmark::DoNotOptimize(v);
        return 1;
    });
}

void bm_read_accounts_batch(State& state, BackendKind kind) {
    run_reads(state, kind, [](ChainStore& s, Populated&, std::mt19937_64& rng) -> Result<size_t> {
        std::vector<Address> keys;
        for (int i = 0; i < 100; ++i) keys.push_back(test_address(rng() % kReadPool));
        YAO_TRY(auto batch, s.accounts_batch(keys));
        benchmark::DoNotOptimize(batch);
        return keys.size();
    });
}

void bm_read_transaction(State& state, BackendKind kind) {
    run_reads(state, kind, [](ChainStore& s, Populated& p, std::mt19937_64& rng) -> Result<size_t> {
        YAO_TRY(auto t, s.transaction(p.txn_hashes[rng() % p.txn_hashes.size()]));
        benchmark::DoNotOptimize(t);
        return 1;
    });
}

void bm_read_receipt(State& state, BackendKind kind) {
    run_reads(state, kind, [](ChainStore& s, Populated& p, std::mt19937_64& rng) -> Result<size_t> {
        YAO_TRY(auto r, s.receipt(p.txn_hashes[rng() % p.txn_hashes.size()]));
        benchmark::DoNotOptimize(r);
        return 1;
    });
}

void bm_read_block_full(State& state, BackendKind kind) {
    run_reads(state, kind, [](ChainStore& s, Populated&, std::mt19937_64& rng) -> Result<size_t> {
        YAO_TRY(auto b, s.block_by_number(1 + rng() % kReadBlocks, true));
        benchmark::DoNotOptimize(b);
        return 1;
    });
}

/// eth_getLogs shapes; items = logs returned.
enum class LogQuery {
    kOneBlockAll,      ///< every log of one block (1,000 logs)
    kSenderFullRange,  ///< token + Transfer + topic1 = one sender, all 100 blocks (5 logs)
    kRecipientsOrSet,  ///< topic2 in a set of 3 recipients, all 100 blocks (15 logs)
    kUnknownAddress,   ///< an address with no logs, all 100 blocks (0 logs)
    kTenBlocksTopic0,  ///< Transfer topic over 10 blocks (10,000 logs)
};

void bm_logs(State& state, BackendKind kind, LogQuery query) {
    run_reads(state, kind,
              [query](ChainStore& s, Populated&, std::mt19937_64& rng) -> Result<size_t> {
                  const uint64_t block = 1 + rng() % kReadBlocks;
                  const BlockSpec spec{
                      .number = block, .transfers = kReadTransfers, .account_pool = kReadPool};
                  LogFilter f{.from_block = 1, .to_block = kReadBlocks, .limit = 0};
                  switch (query) {
                      case LogQuery::kOneBlockAll:
                          f.from_block = f.to_block = block;
                          break;
                      case LogQuery::kSenderFullRange:
                          f.addresses = {token_address()};
                          f.topics[0] = {transfer_topic()};
                          f.topics[1] = {Hash256::right_aligned(
                              transfer_sender(spec, rng() % kReadTransfers).view())};
                          break;
                      case LogQuery::kRecipientsOrSet:
                          for (int i = 0; i < 3; ++i)
                              f.topics[2].push_back(Hash256::right_aligned(
                                  transfer_recipient(spec, rng() % kReadTransfers).view()));
                          break;
                      case LogQuery::kUnknownAddress:
                          f.addresses = {test_address(0xdead0000 + rng() % 1000)};
                          break;
                      case LogQuery::kTenBlocksTopic0:
                          f.from_block = 1 + rng() % (kReadBlocks - 9);
                          f.to_block = f.from_block + 9;
                          f.topics[0] = {transfer_topic()};
                          break;
                  }
                  YAO_TRY(auto logs, s.logs(f));
                  return logs.size();
              });
}

const bool kRegistered = [] {
    for (auto kind : {BackendKind::kSqliteFile, BackendKind::kMariadb}) {
        const std::string b{backend_name(kind)};
        for (const bool erc20 : {false, true}) {
            const std::string kind_name = erc20 ? "erc20_transfers/" : "transfers/";
            benchmark::RegisterBenchmark("", bm_commit, kind, size_t{1'000}, erc20)
                ->Name("storage/commit_1000_" + kind_name + b)
                ->Iterations(kind == BackendKind::kMariadb ? 10 : 20)
                ->UseRealTime()
                ->Unit(benchmark::kMillisecond);
            benchmark::RegisterBenchmark("", bm_commit, kind, size_t{10'000}, erc20)
                ->Name("storage/commit_10000_" + kind_name + b)
                ->Iterations(kind == BackendKind::kMariadb ? 3 : 5)
                ->UseRealTime()
                ->Unit(benchmark::kMillisecond);
        }
        benchmark::RegisterBenchmark("", bm_read_account, kind)
            ->Name("storage/read_account_versioned/" + b)
            ->UseRealTime();
        benchmark::RegisterBenchmark("", bm_read_storage, kind)
            ->Name("storage/read_storage_versioned/" + b)
            ->UseRealTime();
        benchmark::RegisterBenchmark("", bm_read_accounts_batch, kind)
            ->Name("storage/read_accounts_batch_100/" + b)
            ->UseRealTime();
        benchmark::RegisterBenchmark("", bm_read_transaction, kind)
            ->Name("storage/read_transaction/" + b)
            ->UseRealTime();
        benchmark::RegisterBenchmark("", bm_read_receipt, kind)
            ->Name("storage/read_receipt/" + b)
            ->UseRealTime();
        benchmark::RegisterBenchmark("", bm_read_block_full, kind)
            ->Name("storage/read_block_200_txns/" + b)
            ->UseRealTime();
        const std::pair<LogQuery, const char*> queries[] = {
            {LogQuery::kOneBlockAll, "one_block_all_1000"},
            {LogQuery::kSenderFullRange, "sender_100_blocks_5"},
            {LogQuery::kRecipientsOrSet, "recipients_or3_100_blocks_15"},
            {LogQuery::kUnknownAddress, "unknown_address_100_blocks_0"},
            {LogQuery::kTenBlocksTopic0, "topic0_10_blocks_10000"},
        };
        for (const auto& [q, name] : queries)
            benchmark::RegisterBenchmark("", bm_logs, kind, q)
                ->Name("storage/logs_" + std::string{name} + "/" + b)
                ->UseRealTime();
    }
    return true;
}();

}  // namespace
}  // namespace yao::storage::test_util
