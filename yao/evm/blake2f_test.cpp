// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "blake2f.hpp"

#include <cstring>
#include <random>

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <yao/common/bytes.hpp>
#include <yao/common/hex.hpp>

namespace yao::evm {
namespace {

constexpr std::array<uint64_t, 8> kIv{
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
    0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
};

uint64_t load_le(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

Bytes state_bytes(const std::array<uint64_t, 8>& h) {
    Bytes out(64, 0);
    for (size_t i = 0; i < 8; ++i)
        for (size_t j = 0; j < 8; ++j) out[8 * i + j] = static_cast<uint8_t>(h[i] >> (8 * j));
    return out;
}

// Unkeyed BLAKE2b-512 (RFC 7693 section 3.3) driven by the compression function under test.
Bytes blake2b_512(BytesView msg) {
    std::array<uint64_t, 8> h = kIv;
    h[0] ^= 0x01010000 ^ 64;  // parameter block: fanout 1, depth 1, no key, 64-byte digest
    std::array<uint64_t, 2> t{0, 0};
    size_t pos = 0;
    do {
        const size_t take = std::min<size_t>(128, msg.size() - pos);
        const bool last = pos + take == msg.size();
        uint8_t block[128] = {};
        if (take != 0) std::memcpy(block, msg.data() + pos, take);
        std::array<uint64_t, 16> m;
        for (size_t i = 0; i < 16; ++i) m[i] = load_le(block + 8 * i);
        t[0] += take;
        blake2b_compress(12, h, m, t, last);
        pos += take;
        if (last) break;
    } while (true);
    return state_bytes(h);
}

Bytes openssl_blake2b_512(BytesView msg) {
    Bytes out(64, 0);
    unsigned len = 0;
    EXPECT_EQ(EVP_Digest(msg.data(), msg.size(), out.data(), &len, EVP_blake2b512(), nullptr), 1);
    EXPECT_EQ(len, 64u);
    return out;
}

// The EIP-152 test vectors' common state, message ("abc") and counter.
struct AbcBlock {
    std::array<uint64_t, 8> h{};
    std::array<uint64_t, 16> m{};
    std::array<uint64_t, 2> t{3, 0};
    AbcBlock() {
        h = kIv;
        h[0] ^= 0x01010000 ^ 64;
        m[0] = 0x636261;  // "abc" little-endian
    }
};

TEST(Blake2bCompress, TwelveRoundsOfAbcIsRfc7693AppendixA) {
    AbcBlock b;
    blake2b_compress(12, b.h, b.m, b.t, true);
    EXPECT_EQ(to_hex(state_bytes(b.h), false),
              "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
              "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
}

TEST(Blake2bCompress, ZeroRoundsMatchesEip152Vector4) {
    AbcBlock b;
    blake2b_compress(0, b.h, b.m, b.t, true);
    EXPECT_EQ(to_hex(state_bytes(b.h), false),
              "08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5"
              "d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b");
}

TEST(Blake2bCompress, OneRoundMatchesEip152Vector7) {
    AbcBlock b;
    blake2b_compress(1, b.h, b.m, b.t, true);
    EXPECT_EQ(to_hex(state_bytes(b.h), false),
              "b63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fb"
              "a551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421");
}

TEST(Blake2bCompress, NotFinalBlockMatchesEip152Vector6) {
    AbcBlock b;
    blake2b_compress(12, b.h, b.m, b.t, false);
    EXPECT_EQ(to_hex(state_bytes(b.h), false),
              "75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d28752"
              "98743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735");
}

TEST(Blake2bCompress, FullHashAgreesWithOpenSslAcrossBlockBoundaries) {
    std::mt19937_64 rng(152);
    for (size_t len : {0, 1, 3, 63, 127, 128, 129, 255, 256, 257, 1000, 4096}) {
        Bytes msg(len, 0);
        for (auto& b : msg) b = static_cast<uint8_t>(rng());
        EXPECT_EQ(to_hex(blake2b_512(msg)), to_hex(openssl_blake2b_512(msg))) << "length " << len;
    }
}

// A counter above 2^64 (t[1] != 0) feeds v[13]; OpenSSL cannot reach it, so check that it
// changes the output and that t[0] and t[1] are not interchangeable.
TEST(Blake2bCompress, HighCounterWordIsMixedIn) {
    AbcBlock a;
    AbcBlock b;
    b.t = {3, 1};
    AbcBlock c;
    c.t = {1, 3};
    blake2b_compress(12, a.h, a.m, a.t, true);
    blake2b_compress(12, b.h, b.m, b.t, true);
    blake2b_compress(12, c.h, c.m, c.t, true);
    EXPECT_NE(a.h, b.h);
    EXPECT_NE(b.h, c.h);
}

}  // namespace
}  // namespace yao::evm
