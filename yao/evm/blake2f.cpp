// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "blake2f.hpp"

#include <bit>
#include <cstddef>

namespace yao::evm {
namespace {

// RFC 7693 section 2.6: the SHA-512 initialisation vector.
constexpr std::array<uint64_t, 8> kIv{
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
    0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
};

// RFC 7693 section 2.7: message word schedule; round i uses row i mod 10.
constexpr uint8_t kSigma[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
};

using Work = std::array<uint64_t, 16>;

// RFC 7693 section 3.1, the mixing function G with rotations R1..R4 = 32, 24, 16, 63.
[[gnu::always_inline]] inline void mix(Work& v, size_t a, size_t b, size_t c, size_t d, uint64_t x,
                                       uint64_t y) noexcept {
    v[a] = v[a] + v[b] + x;
    v[d] = std::rotr(v[d] ^ v[a], 32);
    v[c] = v[c] + v[d];
    v[b] = std::rotr(v[b] ^ v[c], 24);
    v[a] = v[a] + v[b] + y;
    v[d] = std::rotr(v[d] ^ v[a], 16);
    v[c] = v[c] + v[d];
    v[b] = std::rotr(v[b] ^ v[c], 63);
}

// One round with a compile-time schedule row, so the message words are picked without
// indirection and the whole round stays in registers.
template <size_t Row>
[[gnu::always_inline]] inline void round(Work& v, const std::array<uint64_t, 16>& m) noexcept {
    constexpr const uint8_t* s = kSigma[Row];
    mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
    mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
    mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
    mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
    mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
    mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
    mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
    mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
}

// The first `count` rounds of a ten-round cycle (count < 10), schedule rows 0..count-1.
void partial_cycle(Work& v, const std::array<uint64_t, 16>& m, uint32_t count) noexcept {
    if (count > 0) round<0>(v, m);
    if (count > 1) round<1>(v, m);
    if (count > 2) round<2>(v, m);
    if (count > 3) round<3>(v, m);
    if (count > 4) round<4>(v, m);
    if (count > 5) round<5>(v, m);
    if (count > 6) round<6>(v, m);
    if (count > 7) round<7>(v, m);
    if (count > 8) round<8>(v, m);
}

}  // namespace

void blake2b_compress(uint32_t rounds, std::array<uint64_t, 8>& h,
                      const std::array<uint64_t, 16>& m, const std::array<uint64_t, 2>& t,
                      bool last) noexcept {
    Work v;
    for (size_t i = 0; i < 8; ++i) {
        v[i] = h[i];
        v[i + 8] = kIv[i];
    }
    v[12] ^= t[0];
    v[13] ^= t[1];
    if (last) v[14] = ~v[14];

    // Round i uses schedule row i mod 10: run whole ten-round cycles, then the remainder.
    for (uint32_t cycles = rounds / 10; cycles > 0; --cycles) {
        round<0>(v, m);
        round<1>(v, m);
        round<2>(v, m);
        round<3>(v, m);
        round<4>(v, m);
        round<5>(v, m);
        round<6>(v, m);
        round<7>(v, m);
        round<8>(v, m);
        round<9>(v, m);
    }
    partial_cycle(v, m, rounds % 10);

    for (size_t i = 0; i < 8; ++i) h[i] ^= v[i] ^ v[i + 8];
}

}  // namespace yao::evm
