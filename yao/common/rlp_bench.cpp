// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <benchmark/benchmark.h>

#include <cstdint>

#include <yao/common/rlp.hpp>

namespace yao::rlp {
namespace {

void encode_list_of_100_uints(benchmark::State& state) {
    // Values of every width from 1 to 8 bytes, like nonces, gas and balances.
    uint64_t values[100];
    uint64_t x = 0x9e3779b97f4a7c15;
    for (auto& v : values) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v = x >> (x % 64);
    }
    Bytes out;
    for (auto _ : state) {
        out.clear();
        size_t payload = 0;
        for (uint64_t v : values) payload += uint_encoded_length(v);
        encode_list_header(out, payload);
        for (uint64_t v : values) encode_uint(out, v);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 100);
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * out.size()));
}
BENCHMARK(encode_list_of_100_uints)->Name("rlp/encode_list_of_100_uints");

/// A legacy transaction's nine fields: nonce, gas price, gas limit, to, value, data, v, r, s.
Bytes transaction_like() {
    Bytes payload;
    encode_uint(payload, 42);
    encode_uint(payload, 20'000'000'000);
    encode_uint(payload, 21'000);
    encode_string(payload, Bytes(20, 0x35));
    encode_uint(payload, 1'000'000'000'000'000'000);
    Bytes data(100, 0);
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 7 + 1);
    encode_string(payload, data);
    encode_uint(payload, 37);
    encode_string(payload, Bytes(32, 0x28));
    encode_string(payload, Bytes(32, 0x67));
    Bytes out;
    encode_list(out, payload);
    return out;
}

void decode_transaction_like(benchmark::State& state) {
    const Bytes encoded = transaction_like();
    for (auto _ : state) {
        Reader top{encoded};
        auto fields = top.read_list();
        auto nonce = fields->read_u64();
        auto gas_price = fields->read_uint_be(32);
        auto gas = fields->read_u64();
        auto to = fields->read_fixed<20>();
        auto value = fields->read_uint_be(32);
        auto data = fields->read_string();
        auto v = fields->read_u64();
        auto r = fields->read_uint_be(32);
        auto s = fields->read_uint_be(32);
        const bool ok = nonce && gas_price && gas && to && value && data && v && r && s &&
                        fields->expect_end() && top.expect_end();
        if (!ok) state.SkipWithError("decoding failed");
        benchmark::DoNotOptimize(nonce);
        benchmark::DoNotOptimize(to);
        benchmark::DoNotOptimize(data);
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * encoded.size()));
}
BENCHMARK(decode_transaction_like)->Name("rlp/decode_transaction_like");

}  // namespace
}  // namespace yao::rlp
