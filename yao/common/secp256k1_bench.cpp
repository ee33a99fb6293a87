// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <benchmark/benchmark.h>

#include <yao/common/hex.hpp>
#include <yao/common/secp256k1.hpp>

namespace yao {
namespace {

// go-ethereum's ecrecover precompile vector (core/vm/contracts_test.go, "ValidKey"), v = 28.
void bm_ecrecover(benchmark::State& state) {
    const Hash256 hash =
        hash_from_hex("456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3").value();
    const Hash256 r =
        hash_from_hex("9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608").value();
    const Hash256 s =
        hash_from_hex("4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada").value();
    for (auto _ : state) {
        auto address = recover_address(hash, r, s, 1, /*require_low_s=*/false);
        benchmark::DoNotOptimize(address);
    }
    state.SetItemsProcessed(state.iterations());
}

void bm_sign(benchmark::State& state) {
    const Hash256 key =
        hash_from_hex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80").value();
    Hash256 msg =
        hash_from_hex("daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53").value();
    for (auto _ : state) {
        auto sig = sign(msg, key);
        benchmark::DoNotOptimize(sig);
        ++msg[0];  // a fresh message each time, as in real use
    }
    state.SetItemsProcessed(state.iterations());
}

BENCHMARK(bm_ecrecover)->Name("secp256k1/ecrecover");
BENCHMARK(bm_sign)->Name("secp256k1/sign");

}  // namespace
}  // namespace yao
