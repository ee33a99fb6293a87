// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <benchmark/benchmark.h>

#include <string>

#include <yao/common/hex.hpp>
#include <yao/evm/bn254.hpp>
#include <yao/evm/bn254_curve.hpp>

namespace yao::evm::bn254 {
namespace {

// Inputs from go-ethereum's precompile vectors (bn256Add "chfast1", bn256ScalarMul "cdetrio11"
// whose scalar 2^256 - 1 is a full-size 254-bit value mod r, bn256Pairing "one_point" and
// "two_point_match_2").
constexpr const char* kAddInput =
    "18b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9"
    "063c909c4720840cb5134cb9f59fa749755796819658d32efc0d288198f37266"
    "07c2b7f58a84bd6145f00c9c2bc0bb1a187f20ff2c92963a88019e7c6a014eed"
    "06614e20c147e940f2d70da3f74c9a17df361706a4485c742bd6788478fa17d7";
constexpr const char* kMulInput =
    "039730ea8dff1254c0fee9c0ea777d29a9c710b7e616683f194f18c43b43b869"
    "073a5ffcc6fc7a28c30723d6e58ce577356982d65b833a5a5c15bf9024b43d98"
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
constexpr const char* kG1 =
    "0000000000000000000000000000000000000000000000000000000000000001"
    "0000000000000000000000000000000000000000000000000000000000000002";
constexpr const char* kG2 =
    "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
    "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
    "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
    "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";
constexpr const char* kG2Neg =
    "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
    "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
    "275dc4a288d1afb3cbb1ac09187524c7db36395df7be3b99e673b13a075a65ec"
    "1d9befcd05a5323e6da4d435f3b617cdb3af83285c2df711ef39c01571827f9d";

void bm_add(benchmark::State& state) {
    const Bytes input = from_hex(kAddInput).value();
    uint8_t out[64];
    for (auto _ : state) {
        benchmark::DoNotOptimize(add(input, out));
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations());
}

void bm_mul(benchmark::State& state) {
    const Bytes input = from_hex(kMulInput).value();
    uint8_t out[64];
    for (auto _ : state) {
        benchmark::DoNotOptimize(mul(input, out));
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations());
}

void bm_pairing(benchmark::State& state, const std::string& hex) {
    const Bytes input = from_hex(hex).value();
    for (auto _ : state) {
        auto r = pairing_check(input);
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations());
}

void bm_pairing_1(benchmark::State& state) {
    bm_pairing(state, std::string(kG1) + kG2);
}

void bm_pairing_2(benchmark::State& state) {
    bm_pairing(state, std::string(kG1) + kG2 + kG1 + kG2Neg);
}

// The pieces, to see where the time goes.
using namespace detail;

void bm_fp_mul(benchmark::State& state) {
    Fp a = fp_from_u64(12345), b = fp_from_u64(67890);
    for (auto _ : state) {
        a = mul(a, b);
        benchmark::DoNotOptimize(a);
    }
    state.SetItemsProcessed(state.iterations());
}

void bm_fp_inv(benchmark::State& state) {
    Fp a = fp_from_u64(12345);
    for (auto _ : state) {
        a = add(inv(a), kFpOne);
        benchmark::DoNotOptimize(a);
    }
    state.SetItemsProcessed(state.iterations());
}

void bm_fp12_mul(benchmark::State& state) {
    Fp12 a = kFp12One;
    a.c1.c2.c0 = fp_from_u64(7);
    const Fp12 b = {{{fp_from_u64(3), fp_from_u64(5)}, kFp2One, kFp2One}, kFp6One};
    for (auto _ : state) {
        a = mul(a, b);
        benchmark::DoNotOptimize(a);
    }
    state.SetItemsProcessed(state.iterations());
}

G2Affine g2_generator() {
    const Bytes h = from_hex(kG2).value();
    const auto word = [&](int i) {
        uint64_t l[4];
        for (int j = 0; j < 4; ++j) {
            uint64_t v = 0;
            for (int k = 0; k < 8; ++k) v = (v << 8) | h[32 * i + 8 * j + k];
            l[3 - j] = v;
        }
        return to_mont(l);
    };
    return {{word(1), word(0)}, {word(3), word(2)}};
}

void bm_g2_subgroup(benchmark::State& state) {
    const G2Affine q = g2_generator();
    for (auto _ : state) benchmark::DoNotOptimize(g2_in_subgroup(q));
    state.SetItemsProcessed(state.iterations());
}

void bm_miller_loop(benchmark::State& state) {
    const PairingTerm t{{fp_from_u64(1), fp_from_u64(2)}, g2_generator()};
    for (auto _ : state) {
        Fp12 f = miller_loop(&t, 1);
        benchmark::DoNotOptimize(f);
    }
    state.SetItemsProcessed(state.iterations());
}

void bm_final_exponentiation(benchmark::State& state) {
    const PairingTerm t{{fp_from_u64(1), fp_from_u64(2)}, g2_generator()};
    const Fp12 f = miller_loop(&t, 1);
    for (auto _ : state) {
        Fp12 r = final_exponentiation(f);
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations());
}

BENCHMARK(bm_add)->Name("bn254/add");
BENCHMARK(bm_mul)->Name("bn254/mul");
BENCHMARK(bm_pairing_1)->Name("bn254/pairing_1");
BENCHMARK(bm_pairing_2)->Name("bn254/pairing_2");
BENCHMARK(bm_fp_mul)->Name("bn254/fp_mul");
BENCHMARK(bm_fp_inv)->Name("bn254/fp_inv");
BENCHMARK(bm_fp12_mul)->Name("bn254/fp12_mul");
BENCHMARK(bm_g2_subgroup)->Name("bn254/g2_subgroup_check");
BENCHMARK(bm_miller_loop)->Name("bn254/miller_loop_1");
BENCHMARK(bm_final_exponentiation)->Name("bn254/final_exponentiation");

}  // namespace
}  // namespace yao::evm::bn254
