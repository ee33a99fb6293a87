// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <random>
#include <string>

#include <benchmark/benchmark.h>

#include <yao/common/hash.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/secp256k1.hpp>
#include <yao/common/uint256.hpp>

#include "precompiles.hpp"
#include "test_util/bn254_points.hpp"

namespace yao::evm {
namespace {

using test_util::kG1Gen;
using test_util::kG2Gen;
using test_util::kG2GenNeg;

constexpr int64_t kGas = 100'000'000;

// Runs one precompile call per iteration; reports calls/s as items and gas/s as "gas_rate".
void run_precompile_bench(benchmark::State& state, const Address& addr, const Bytes& input,
                          Revision rev) {
    int64_t gas_used = 0;
    for (auto _ : state) {
        ExecResult r = run_precompile(addr, input, kGas, rev);
        if (r.status != Status::kSuccess) {
            state.SkipWithError("precompile did not succeed");
            return;
        }
        gas_used = kGas - r.gas_left;
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["gas_rate"] =
        benchmark::Counter(static_cast<double>(gas_used) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
}

void run_precompile_bench(benchmark::State& state, uint8_t id, const Bytes& input,
                          Revision rev = Revision::kCancun) {
    Address addr;
    addr[19] = id;
    run_precompile_bench(state, addr, input, rev);
}

Bytes random_bytes(size_t n, uint64_t seed) {
    std::mt19937_64 rng(seed);
    Bytes out(n, 0);
    for (auto& b : out) b = static_cast<uint8_t>(rng());
    return out;
}

Bytes word(uint64_t v) {
    Bytes out(32, 0);
    Uint256{v}.to_be_bytes(out.data());
    return out;
}

Bytes ecrecover_input() {
    const Hash256 hash = keccak256(as_bytes("bench message"));
    const Hash256 key = keccak256(as_bytes("bench key"));
    const Signature sig = *sign(hash, key);
    return Bytes{hash.data(), 32} + word(27 + sig.y_parity) + Bytes{sig.r.data(), 32} +
           Bytes{sig.s.data(), 32};
}

// Base, exponent and modulus of `bits` bits each (full-size exponent: the worst case per length).
Bytes modexp_input(size_t bits, uint64_t seed) {
    const size_t n = bits / 8;
    Bytes base = random_bytes(n, seed);
    Bytes exp = random_bytes(n, seed + 1);
    Bytes mod = random_bytes(n, seed + 2);
    exp[0] |= 0x80;
    mod[0] |= 0x80;
    mod[n - 1] |= 1;  // odd, as in RSA
    return word(n) + word(n) + word(n) + base + exp + mod;
}

// 2048-bit RSA signature check: exponent 65537.
Bytes modexp_rsa_verify_input() {
    Bytes base = random_bytes(256, 11);
    Bytes mod = random_bytes(256, 12);
    mod[0] |= 0x80;
    mod[255] |= 1;
    return word(256) + word(3) + word(256) + base + Bytes{0x01, 0x00, 0x01} + mod;
}

Bytes blake2f_input() {
    Bytes in = random_bytes(213, 152);
    in[0] = 0;
    in[1] = 0;
    in[2] = 0;
    in[3] = 12;
    in[212] = 1;
    return in;
}

// bn254 inputs: go-ethereum bn256Add.json chfast1, bn256ScalarMul.json cdetrio1 (a full 256-bit
// scalar), and the generator paired with itself and with its negation (two_point_match_2).
constexpr const char* kEcAddInput =
    "18b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9063c909c4720840cb5134cb9f59fa7"
    "49755796819658d32efc0d288198f3726607c2b7f58a84bd6145f00c9c2bc0bb1a187f20ff2c92963a88019e7c6a01"
    "4eed06614e20c147e940f2d70da3f74c9a17df361706a4485c742bd6788478fa17d7";
constexpr const char* kEcMulInput =
    "1a87b0584ce92f4593d161480614f2989035225609f08058ccfa3d0f940febe31a2f3c951f6dadcc7ee9007dff8150"
    "4b0fcd6d7cf59996efdc33d92bf7f9f8f6ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
    "ffff";

Bytes unhex(std::string_view text) {
    return from_hex(text).value();
}

void bm_ecrecover(benchmark::State& state) {
    run_precompile_bench(state, 0x01, ecrecover_input());
}
void bm_sha256_1k(benchmark::State& state) {
    run_precompile_bench(state, 0x02, random_bytes(1024, 2));
}
void bm_modexp_256(benchmark::State& state) {
    run_precompile_bench(state, 0x05, modexp_input(256, 5));
}
void bm_modexp_2048(benchmark::State& state) {
    run_precompile_bench(state, 0x05, modexp_input(2048, 6));
}
void bm_modexp_2048_e65537(benchmark::State& state) {
    run_precompile_bench(state, 0x05, modexp_rsa_verify_input());
}
// The same inputs under Osaka's EIP-7883 prices: the gas rate the repricing buys.
void bm_modexp_2048_osaka(benchmark::State& state) {
    run_precompile_bench(state, 0x05, modexp_input(2048, 6), Revision::kOsaka);
}
void bm_modexp_2048_e65537_osaka(benchmark::State& state) {
    run_precompile_bench(state, 0x05, modexp_rsa_verify_input(), Revision::kOsaka);
}
// The largest base and modulus EIP-7823 allows (1024 bytes) with a full 32-byte exponent (a
// 1024-byte exponent would cost 528M gas, more than the benchmark's gas).
void bm_modexp_8192_e256_osaka(benchmark::State& state) {
    Bytes base = random_bytes(1024, 9);
    Bytes exp = random_bytes(32, 10);
    Bytes mod = random_bytes(1024, 11);
    exp[0] |= 0x80;
    mod[0] |= 0x80;
    mod[1023] |= 1;
    run_precompile_bench(state, 0x05, word(1024) + word(32) + word(1024) + base + exp + mod,
                         Revision::kOsaka);
}

void bm_blake2f_12rounds(benchmark::State& state) {
    run_precompile_bench(state, 0x09, blake2f_input());
}

void bm_ecadd(benchmark::State& state) {
    run_precompile_bench(state, 0x06, unhex(kEcAddInput));
}
void bm_ecmul(benchmark::State& state) {
    run_precompile_bench(state, 0x07, unhex(kEcMulInput));
}
void bm_ecpairing_2pairs(benchmark::State& state) {
    const std::string g1 = kG1Gen;
    run_precompile_bench(state, 0x08, unhex(g1 + kG2Gen + g1 + kG2GenNeg));
}

// deneb verify_kzg_proof_case_correct_proof_26b753dec0560daa: a valid proof, so the call runs
// the full check (two point decodings with subgroup checks, two scalar multiplications, a
// two-pair pairing check).
void bm_point_evaluation(benchmark::State& state) {
    const Bytes commitment = unhex(
        "93efc82d2017e9c57834a1246463e64774e56183bb247c8fc9dd98c56817e878d97b05f5c8d900acf1fbbbca6f"
        "146556");
    Hash256 versioned = sha256(commitment);
    versioned[0] = 0x01;
    const Bytes input = Bytes{versioned.data(), 32} + Bytes(32, 0) +
                        unhex("73e66878b46ae3705eb6a46a89213de7d3686828bfce5c19400fffff00100001") +
                        commitment +
                        unhex(
                            "b82ded761997f2c6f1bb3db1e1dada2ef06d936551667c82f659b75f99d2da20"
                            "68b81340823ee4e829a93c9fbed7810d");
    run_precompile_bench(state, 0x0a, input);
}

// RFC 6979 appendix A.2.5: the P-256 signature of SHA-256("sample"), a valid input, so the call
// runs the full check (curve membership, one double-scalar multiplication).
void bm_p256verify(benchmark::State& state) {
    const Hash256 h = sha256(as_bytes("sample"));
    const Bytes input = Bytes{h.data(), 32} +
                        unhex(
                            "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
                            "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8"
                            "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
                            "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299");
    Address addr;
    addr[18] = 0x01;  // 0x0100
    run_precompile_bench(state, addr, input, Revision::kOsaka);
}

// EIP-2537 (Prague). Points: the generators and, for the MSMs, outputs of the map precompiles
// (distinct points of the subgroups); scalars: full 256-bit random words.
constexpr const char* kBlsG1 =
    "0000000000000000000000000000000017f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac"
    "586c55e83ff97a1aeffb3af00adb22c6bb0000000000000000000000000000000008b3f481e3aaa0f1a09e30ed741d"
    "8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1";
constexpr const char* kBlsG2 =
    "00000000000000000000000000000000024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1"
    "770bac0326a805bbefd48056c8c121bdb80000000000000000000000000000000013e02b6052719f607dacd3a08827"
    "4f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e00000000000000000000000000"
    "0000000ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e1935486"
    "08b82801000000000000000000000000000000000606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492"
    "ab572e99ab3f370d275cec1da1aaa9075ff05f79be";
constexpr const char* kBlsG2NegY =
    "000000000000000000000000000000000d1b3cc2c7027888be51d9ef691d77bcb679afda66c73f17f9ee3837a55024"
    "f78c71363275a75d75d86bab79f74782aa0000000000000000000000000000000013fa4d4a0ad8b1ce186ed5061789"
    "213d993923066dddaf1040bc3ff59f825c78df74f2d75467e25e0f55f8a00fa030ed";

constexpr uint8_t kBlsG1Add = 0x0b;
constexpr uint8_t kBlsG1Msm = 0x0c;
constexpr uint8_t kBlsG2Add = 0x0d;
constexpr uint8_t kBlsG2Msm = 0x0e;
constexpr uint8_t kBlsPairing = 0x0f;
constexpr uint8_t kBlsMapG1 = 0x10;
constexpr uint8_t kBlsMapG2 = 0x11;

// A field element of the map precompiles' encoding: 16 zero bytes, then 48 random bytes below p.
Bytes bls_field_element(uint64_t seed) {
    Bytes out = Bytes(16, 0) + random_bytes(48, seed);
    out[16] &= 0x0f;
    return out;
}

// `count` (point, scalar) pairs, the points mapped from random field elements.
Bytes bls_msm_input(uint8_t map_id, size_t field_elements, size_t count) {
    Address map;
    map[19] = map_id;
    Bytes in;
    for (size_t i = 0; i < count; ++i) {
        Bytes u;
        for (size_t j = 0; j < field_elements; ++j) u += bls_field_element(1000 * i + j);
        in += run_precompile(map, u, kGas, Revision::kPrague).output + random_bytes(32, 7 * i + 1);
    }
    return in;
}

void run_bls_bench(benchmark::State& state, uint8_t id, const Bytes& input) {
    run_precompile_bench(state, id, input, Revision::kPrague);
}

void bm_bls_g1add(benchmark::State& state) {
    const Bytes g = unhex(kBlsG1);
    run_bls_bench(state, kBlsG1Add, g + bls_msm_input(kBlsMapG1, 1, 1).substr(0, 128));
}
void bm_bls_g1msm(benchmark::State& state) {
    const auto pairs = static_cast<size_t>(state.range(0));
    run_bls_bench(state, kBlsG1Msm, bls_msm_input(kBlsMapG1, 1, pairs));
}
void bm_bls_g2add(benchmark::State& state) {
    const Bytes g = unhex(kBlsG2);
    run_bls_bench(state, kBlsG2Add, g + bls_msm_input(kBlsMapG2, 2, 1).substr(0, 256));
}
void bm_bls_g2msm(benchmark::State& state) {
    const auto pairs = static_cast<size_t>(state.range(0));
    run_bls_bench(state, kBlsG2Msm, bls_msm_input(kBlsMapG2, 2, pairs));
}
// e(G1, G2) e(G1, -G2) ... : k pairs (k even), a product of one, the full check.
void bm_bls_pairing(benchmark::State& state) {
    const Bytes g1 = unhex(kBlsG1);
    const Bytes g2 = unhex(kBlsG2);
    const Bytes g2_neg = g2.substr(0, 128) + unhex(kBlsG2NegY);
    Bytes in;
    for (int64_t i = 0; i < state.range(0); ++i) in += g1 + (i % 2 == 0 ? g2 : g2_neg);
    run_bls_bench(state, kBlsPairing, in);
}
void bm_bls_map_fp_to_g1(benchmark::State& state) {
    run_bls_bench(state, kBlsMapG1, bls_field_element(10));
}
void bm_bls_map_fp2_to_g2(benchmark::State& state) {
    run_bls_bench(state, kBlsMapG2, bls_field_element(11) + bls_field_element(12));
}

BENCHMARK(bm_ecrecover)->Name("precompile/ecrecover");
BENCHMARK(bm_sha256_1k)->Name("precompile/sha256_1k");
BENCHMARK(bm_modexp_256)->Name("precompile/modexp_256");
BENCHMARK(bm_modexp_2048)->Name("precompile/modexp_2048");
BENCHMARK(bm_modexp_2048_e65537)->Name("precompile/modexp_2048_e65537");
BENCHMARK(bm_modexp_2048_osaka)->Name("precompile/modexp_2048_osaka");
BENCHMARK(bm_modexp_2048_e65537_osaka)->Name("precompile/modexp_2048_e65537_osaka");
BENCHMARK(bm_modexp_8192_e256_osaka)->Name("precompile/modexp_8192_e256_osaka");
BENCHMARK(bm_blake2f_12rounds)->Name("precompile/blake2f_12rounds");
BENCHMARK(bm_ecadd)->Name("precompile/ecadd");
BENCHMARK(bm_ecmul)->Name("precompile/ecmul");
BENCHMARK(bm_ecpairing_2pairs)->Name("precompile/ecpairing_2pairs");
BENCHMARK(bm_point_evaluation)->Name("precompile/point_evaluation");
BENCHMARK(bm_p256verify)->Name("precompile/p256verify");
BENCHMARK(bm_bls_g1add)->Name("precompile/bls12_g1add");
BENCHMARK(bm_bls_g1msm)->Name("precompile/bls12_g1msm")->Arg(1)->Arg(8)->Arg(128);
BENCHMARK(bm_bls_g2add)->Name("precompile/bls12_g2add");
BENCHMARK(bm_bls_g2msm)->Name("precompile/bls12_g2msm")->Arg(1)->Arg(8)->Arg(128);
BENCHMARK(bm_bls_pairing)->Name("precompile/bls12_pairing")->Arg(2)->Arg(8);
BENCHMARK(bm_bls_map_fp_to_g1)->Name("precompile/bls12_map_fp_to_g1");
BENCHMARK(bm_bls_map_fp2_to_g2)->Name("precompile/bls12_map_fp2_to_g2");

}  // namespace
}  // namespace yao::evm
