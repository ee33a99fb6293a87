// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "bus.hpp"

#include <array>
#include <chrono>
#include <random>
#include <utility>

namespace yao::mq {
namespace {

/// A per-thread generator seeded from the operating system's CSPRNG (std::random_device reads
/// getrandom / /dev/urandom on Linux). Ids must be unique, not secret: a 64-bit Mersenne twister
/// seeded with 256 fresh bits per thread keeps collisions out of reach.
std::mt19937_64& id_generator() {
    thread_local std::mt19937_64 gen = [] {
        std::random_device rd;
        std::array<std::random_device::result_type, 8> seed{};
        for (auto& s : seed) s = rd();
        std::seed_seq seq(seed.begin(), seed.end());
        return std::mt19937_64{seq};
    }();
    return gen;
}

}  // namespace

std::string new_id() {
    static constexpr char kDigits[] = "0123456789abcdef";
    auto& gen = id_generator();
    const uint64_t words[2] = {gen(), gen()};
    std::string id(32, '0');
    for (size_t w = 0; w < 2; ++w)
        for (size_t i = 0; i < 16; ++i) id[w * 16 + i] = kDigits[(words[w] >> (60 - 4 * i)) & 0xf];
    return id;
}

Envelope make_envelope(std::string type, Bytes payload, std::string trace_id, std::string key) {
    Envelope e;
    e.type = std::move(type);
    e.message_id = new_id();
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    e.timestamp_ms =
        static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
    e.version = 1;
    e.trace_id = std::move(trace_id);
    e.key = std::move(key);
    e.payload = std::move(payload);
    return e;
}

}  // namespace yao::mq
