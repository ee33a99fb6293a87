// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "trace_id.hpp"

#include <algorithm>
#include <cstdint>
#include <random>

namespace yao::infra {

std::string random_hex_id(std::size_t digits) {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(digits, '0');
    do {
        for (std::size_t i = 0; i < digits; i += 16) {
            std::uint64_t word = rng();
            for (std::size_t j = i; j < std::min(digits, i + 16); ++j) {
                out[j] = kHex[word & 0xf];
                word >>= 4;
            }
        }
    } while (out.find_first_not_of('0') == std::string::npos);
    return out;
}

}  // namespace yao::infra
