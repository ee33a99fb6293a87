// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include <yao/common/hash.hpp>
#include <yao/common/hex.hpp>

namespace yao {
namespace {

// FIPS 180-4 examples and the RIPEMD-160 authors' test set (Dobbertin, Bosselaers, Preneel).
constexpr const char* kTwoBlockMessage = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

std::string sha256_hex(std::string_view s) { return to_hex(sha256(as_bytes(s)), false); }
std::string ripemd160_hex(std::string_view s) { return to_hex(ripemd160(as_bytes(s)), false); }

TEST(Sha256, MatchesFipsVectors) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex("message digest"),
              "f7846f55cf23e14eebeab5b4e1550cad5b509e3348fbc4efa3a1413d393cb650");
    EXPECT_EQ(sha256_hex(kTwoBlockMessage),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, MillionAs) {
    EXPECT_EQ(to_hex(sha256(Bytes(1'000'000, 'a')), false),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Ripemd160, MatchesPublishedVectors) {
    EXPECT_EQ(ripemd160_hex(""), "9c1185a5c5e9fc54612808977ee8f548b2258d31");
    EXPECT_EQ(ripemd160_hex("a"), "0bdc9d2d256b3ee9daae347be6f4dc835a467ffe");
    EXPECT_EQ(ripemd160_hex("abc"), "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
    EXPECT_EQ(ripemd160_hex("message digest"), "5d0689ef49d2fae572b881b123a85ffa21595f36");
    EXPECT_EQ(ripemd160_hex("abcdefghijklmnopqrstuvwxyz"),
              "f71c27109c692c1b56bbdceb5b9d2865b3708dbc");
    EXPECT_EQ(ripemd160_hex(kTwoBlockMessage), "12a053384a9c0c88e405a06c27dcf49ada62eb2b");
}

TEST(Ripemd160, MillionAs) {
    EXPECT_EQ(to_hex(ripemd160(Bytes(1'000'000, 'a')), false),
              "52783243c1697bdbe16d37f97f68f08325dc1528");
}

TEST(Hash, InterleavedAlgorithmsOnOneThreadDoNotInterfere) {
    // Both share the thread's reusable digest context.
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(sha256_hex("abc"),
                  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        EXPECT_EQ(ripemd160_hex("abc"), "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
    }
}

TEST(Hash, ConcurrentCallersGetCorrectResults) {
    std::vector<std::thread> threads;
    std::vector<int> failures(4, 0);
    for (size_t t = 0; t < failures.size(); ++t) {
        threads.emplace_back([&failures, t] {
            for (int i = 0; i < 2000; ++i) {
                if (sha256_hex("message digest") !=
                    "f7846f55cf23e14eebeab5b4e1550cad5b509e3348fbc4efa3a1413d393cb650")
                    ++failures[t];
                if (ripemd160_hex("message digest") != "5d0689ef49d2fae572b881b123a85ffa21595f36")
                    ++failures[t];
            }
        });
    }
    for (auto& th : threads) th.join();
    for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace yao
