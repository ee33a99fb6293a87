// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <benchmark/benchmark.h>

#include <vector>

#include <yao/chain/block.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/chain/trie.hpp>
#include <yao/common/hex.hpp>

namespace yao::chain {
namespace {

Transaction signed_transfer(uint64_t nonce) {
    Transaction t;
    t.type = TxType::kDynamicFee;
    t.chain_id = 31337;
    t.nonce = nonce;
    t.max_priority_fee_per_gas = 1'000'000'000;
    t.max_fee_per_gas = 30'000'000'000;
    t.gas_limit = 21'000;
    t.to = address_from_hex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8").value();
    t.value = 1'000'000'000'000'000'000ull;
    const Hash256 key =
        hash_from_hex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80").value();
    (void)sign_transaction(t, key);
    return t;
}

void decode_transfer(benchmark::State& state) {
    const Bytes raw = encode_transaction(signed_transfer(1));
    for (auto _ : state) benchmark::DoNotOptimize(decode_transaction(raw));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(decode_transfer)->Name("chain/decode_eip1559_transfer");

void hash_transfer(benchmark::State& state) {
    const Transaction t = signed_transfer(1);
    for (auto _ : state) benchmark::DoNotOptimize(transaction_hash(t));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(hash_transfer)->Name("chain/hash_eip1559_transfer");

void recover_transfer_sender(benchmark::State& state) {
    const Transaction t = signed_transfer(1);
    for (auto _ : state) benchmark::DoNotOptimize(recover_sender(t));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(recover_transfer_sender)->Name("chain/recover_sender");

void transactions_root_1000(benchmark::State& state) {
    std::vector<Transaction> txs;
    for (uint64_t i = 0; i < 1000; ++i) txs.push_back(signed_transfer(i));
    for (auto _ : state) benchmark::DoNotOptimize(transactions_root(txs));
    state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(transactions_root_1000)->Name("chain/transactions_root_1000_transfers");

void header_hash_cancun(benchmark::State& state) {
    BlockHeader h;
    h.number = 12345;
    h.gas_limit = 30'000'000;
    h.base_fee_per_gas = Uint256{7};
    h.withdrawals_root = kEmptyTrieRoot;
    h.blob_gas_used = 0;
    h.excess_blob_gas = 0;
    h.parent_beacon_block_root = Hash256{};
    for (auto _ : state) benchmark::DoNotOptimize(header_hash(h));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(header_hash_cancun)->Name("chain/header_hash_cancun");

}  // namespace
}  // namespace yao::chain
