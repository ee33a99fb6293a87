// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include <yao/common/keccak.hpp>

#include "mempool.hpp"

namespace yao::chronos {
namespace {

constexpr uint64_t kGwei = 1'000'000'000;

/// `senders` x `per_sender` transactions with varied tips. The pool never checks signatures, so
/// the hashes and senders are synthetic (keccak of the index) to keep the setup cheap.
std::vector<proto::SignedTx> make_txs(uint64_t senders, uint64_t per_sender) {
    std::vector<proto::SignedTx> txs;
    txs.reserve(senders * per_sender);
    for (uint64_t n = 0; n < per_sender; ++n) {
        for (uint64_t s = 0; s < senders; ++s) {
            proto::SignedTx tx;
            tx.sender = Address::right_aligned(Uint256{s + 1}.to_hash().view().substr(12));
            tx.txn.type = chain::TxType::kDynamicFee;
            tx.txn.chain_id = 1337;
            tx.txn.nonce = n;
            tx.txn.gas_limit = 21'000;
            tx.txn.max_fee_per_gas = Uint256{100 * kGwei};
            tx.txn.max_priority_fee_per_gas = Uint256{(1 + (s * 7919 + n * 104729) % 50) * kGwei};
            tx.txn.to = Address{};
            tx.hash = keccak256(Uint256{s * per_sender + n}.to_hash().view());
            txs.push_back(std::move(tx));
        }
    }
    return txs;
}

MempoolOptions bench_options() {
    MempoolOptions o;
    o.base_fee = Uint256{kGwei};
    o.max_total = 200'000;
    return o;
}

void add_10k_senders(benchmark::State& state) {
    const auto txs = make_txs(10'000, 10);
    for (auto _ : state) {
        Mempool pool{bench_options()};
        for (const auto& tx : txs) benchmark::DoNotOptimize(pool.add(tx, 0));
        benchmark::DoNotOptimize(pool.size());
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * txs.size()));
}
BENCHMARK(add_10k_senders)->Name("chronos/add_10k_senders")->Unit(benchmark::kMillisecond);

void select_100k(benchmark::State& state) {
    const auto txs = make_txs(10'000, 10);
    for (auto _ : state) {
        state.PauseTiming();
        Mempool pool{bench_options()};
        for (const auto& tx : txs) (void)pool.add(tx, 0);
        state.ResumeTiming();
        auto block = pool.next_block(1, 100'000 * 21'000ULL, 0);
        benchmark::DoNotOptimize(block.data());
        state.PauseTiming();
        block = {};  // free outside the timed region
        state.ResumeTiming();
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * txs.size()));
}
BENCHMARK(select_100k)->Name("chronos/select_100k")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace yao::chronos
