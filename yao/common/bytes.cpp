// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "bytes.hpp"

#include <random>

namespace yao::detail {

const std::array<uint64_t, 4>& hash_keys() noexcept {
    static const std::array<uint64_t, 4> keys = [] {
        std::random_device rd;
        std::array<uint64_t, 4> k{};
        // Odd multipliers keep the final mix a bijection of h.
        for (uint64_t& x : k) x = ((static_cast<uint64_t>(rd()) << 32) | rd()) | 1;
        return k;
    }();
    return keys;
}

}  // namespace yao::detail
