// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <benchmark/benchmark.h>

#include <yao/chain/transaction.hpp>
#include <yao/common/hex.hpp>
#include <yao/proto/codec.hpp>

namespace yao::proto {
namespace {

/// An ExecutionResult of `n` signed native transfers (EIP-1559), each with a receipt, two written
/// accounts (sender and recipient) and two account reads.
ExecutionResult transfers_result(uint32_t n) {
    const Hash256 key =
        hash_from_hex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80").value();
    const Address sender = address_from_hex("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266").value();
    ExecutionResult r;
    r.proposal.number = 100;
    r.proposal.gas_limit = 30'000'000;
    r.proposal.base_fee = 875'000'000;
    for (uint32_t i = 0; i < n; ++i) {
        chain::Transaction t;
        t.type = chain::TxType::kDynamicFee;
        t.chain_id = 31337;
        t.nonce = i;
        t.max_priority_fee_per_gas = 1'000'000'000;
        t.max_fee_per_gas = 30'000'000'000ULL;
        t.gas_limit = 21'000;
        Address to;
        to[0] = 0x10;
        to[16] = static_cast<uint8_t>(i >> 24);
        to[17] = static_cast<uint8_t>(i >> 16);
        to[18] = static_cast<uint8_t>(i >> 8);
        to[19] = static_cast<uint8_t>(i);
        t.to = to;
        t.value = 1'000'000'000'000'000ULL;
        (void)chain::sign_transaction(t, key);
        SignedTx s;
        s.hash = chain::transaction_hash(t);
        s.sender = sender;
        s.txn = std::move(t);
        r.proposal.txs.push_back(std::move(s));

        ExecutedTx e;
        e.tx_index = i;
        e.receipt.type = chain::TxType::kDynamicFee;
        e.receipt.success = true;
        e.receipt.cumulative_gas_used = 21'000ULL * (i + 1);
        e.gas_used = 21'000;
        e.effective_gas_price = 1'875'000'000;
        r.txs.push_back(std::move(e));
        r.diff.accounts.push_back({to, state::Account{0, 1'000'000'000'000'000ULL}});
        r.reads.accounts.emplace(to, 99);
    }
    r.diff.accounts.push_back({sender, state::Account{n, Uint256::from_dec("1000000").value()}});
    r.reads.accounts.emplace(sender, 99);
    r.gas_used = 21'000ULL * n;
    r.executor = "bench";
    return r;
}

void encode_result(benchmark::State& state) {
    const ExecutionResult r = transfers_result(1000);
    size_t bytes = 0;
    for (auto _ : state) {
        const Bytes out = encode(r);
        bytes = out.size();
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations() * 1000);
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}
BENCHMARK(encode_result)->Name("proto/encode_result_1000tx")->Unit(benchmark::kMicrosecond);

void decode_result(benchmark::State& state) {
    const Bytes bytes = encode(transfers_result(1000));
    for (auto _ : state) {
        auto r = decode_execution_result(bytes);
        if (!r) state.SkipWithError("decode failed");
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations() * 1000);
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes.size()));
}
BENCHMARK(decode_result)->Name("proto/decode_result_1000tx")->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace yao::proto
