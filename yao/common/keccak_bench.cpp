// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <benchmark/benchmark.h>

#include <cstdint>

#include <yao/common/hash.hpp>
#include <yao/common/keccak.hpp>

namespace yao {
namespace {

Bytes make_input(size_t n) {
    Bytes input(n, 0);
    for (size_t i = 0; i < n; ++i) input[i] = static_cast<uint8_t>(i * 131 + 7);
    return input;
}

template <size_t N>
void bm_keccak256(benchmark::State& state) {
    const Bytes input = make_input(N);
    for (auto _ : state) {
        Hash256 out = keccak256(input);
        benchmark::DoNotOptimize(out);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * N));
}

// sha256 lives in hash.cpp; it is measured here, beside keccak256, for comparison.
template <size_t N>
void bm_sha256(benchmark::State& state) {
    const Bytes input = make_input(N);
    for (auto _ : state) {
        Hash256 out = sha256(input);
        benchmark::DoNotOptimize(out);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * N));
}

BENCHMARK(bm_keccak256<32>)->Name("keccak256/32");
BENCHMARK(bm_keccak256<136>)->Name("keccak256/136");
BENCHMARK(bm_keccak256<1024>)->Name("keccak256/1024");
BENCHMARK(bm_keccak256<65536>)->Name("keccak256/65536");
BENCHMARK(bm_sha256<1024>)->Name("sha256/1024");

}  // namespace
}  // namespace yao
