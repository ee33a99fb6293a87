// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <unordered_set>

#include <yao/common/bytes.hpp>

namespace yao {
namespace {

// Keys that differ only in their first 24 bytes (k * 2^64) once all landed in one bucket.
TEST(FixedBytesHash, EveryByteInfluencesTheHash) {
    std::unordered_set<size_t> hashes;
    const std::hash<Hash256> h;
    for (uint64_t k = 1; k <= 10'000; ++k) {
        Hash256 key;
        for (int b = 0; b < 8; ++b) key[16 + b] = static_cast<uint8_t>(k >> (8 * b));
        hashes.insert(h(key));
    }
    EXPECT_EQ(hashes.size(), 10'000u);
}

TEST(FixedBytesHash, AddressesSpreadOverBuckets) {
    std::unordered_set<Address> set;
    for (uint32_t k = 0; k < 20'000; ++k) {
        Address a;
        a[0] = static_cast<uint8_t>(k);
        a[1] = static_cast<uint8_t>(k >> 8);
        set.insert(a);
    }
    size_t largest = 0;
    for (size_t b = 0; b < set.bucket_count(); ++b) largest = std::max(largest, set.bucket_size(b));
    EXPECT_LE(largest, 12u);
    EXPECT_EQ(std::hash<Address>{}(Address{}), std::hash<Address>{}(Address{}));
}

}  // namespace
}  // namespace yao
