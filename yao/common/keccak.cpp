// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "keccak.hpp"

#include <bit>
#include <cstring>

#include "assert.hpp"

namespace yao {
namespace {

constexpr size_t kRate = 136;  // 1088-bit rate of Keccak-256 (capacity 512)

// Round constants of iota for the 24 rounds (Keccak reference, section 1.2; FIPS 202 3.2.5).
constexpr uint64_t kRoundConstants[24] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
    0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
    0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
};

inline uint64_t rotl(uint64_t x, int n) noexcept { return std::rotl(x, n); }

// Keccak's lanes are little-endian; memcpy compiles to a single (unaligned) load.
inline uint64_t load_le(const uint8_t* p) noexcept {
    uint64_t v;
    std::memcpy(&v, p, 8);
    if constexpr (std::endian::native == std::endian::big) v = std::byteswap(v);
    return v;
}

inline void store_le(uint8_t* p, uint64_t v) noexcept {
    if constexpr (std::endian::native == std::endian::big) v = std::byteswap(v);
    std::memcpy(p, &v, 8);
}

// Absorbs `blocks` whole 136-byte blocks read straight from `p` (no copy into a buffer), each
// followed by Keccak-f[1600]. The 25 lanes live in local variables for the whole call so the
// compiler keeps them in registers (or at worst fixed stack slots) instead of indexing an array.
// Each round is written out straight-line: theta (column parities c, their mix d), rho and pi
// (b: lane (x, y) rotated into position (y, 2x + 3y)), chi along each row, iota on lane (0, 0).
// Two rounds per iteration ping-pong between the a* and e* lanes so no copies are needed.
//
// Lane complementing (the Keccak team's "Keccak implementation overview"): lanes 1, 2, 8, 12,
// 17 and 20 are held inverted while inside this function. Complements pass through theta, rho
// and pi as known flips, and chi's `b0 ^ (~b1 & b2)` can then be rewritten per lane with De
// Morgan into `&` or `|` of the stored values, so each row needs one NOT (`nb`) instead of five.
// Without BMI's ANDN (baseline x86-64) that saves about 20 instructions per round. The pattern
// of `&`, `|` and `nb` below is what keeps the inverted set the same after every round; the
// conversion happens only where the state is loaded and stored. Absorbing input needs no
// special care: (~a) ^ m == ~(a ^ m).
void absorb(uint64_t* st, const uint8_t* p, size_t blocks) noexcept {
    if (blocks == 0) return;  // small updates often have no whole block
    uint64_t a00 = st[0], a01 = ~st[1], a02 = ~st[2], a03 = st[3], a04 = st[4], a05 = st[5],
        a06 = st[6], a07 = st[7], a08 = ~st[8], a09 = st[9], a10 = st[10], a11 = st[11],
        a12 = ~st[12], a13 = st[13], a14 = st[14], a15 = st[15], a16 = st[16], a17 = ~st[17],
        a18 = st[18], a19 = st[19], a20 = ~st[20], a21 = st[21], a22 = st[22], a23 = st[23],
        a24 = st[24];
    uint64_t e00, e01, e02, e03, e04, e05, e06, e07, e08, e09, e10, e11, e12, e13, e14, e15,
        e16, e17, e18, e19, e20, e21, e22, e23, e24;
    uint64_t b0, b1, b2, b3, b4, nb, c0, c1, c2, c3, c4, d0, d1, d2, d3, d4;

    for (; blocks > 0; --blocks, p += kRate) {
        a00 ^= load_le(p + 0); a01 ^= load_le(p + 8); a02 ^= load_le(p + 16);
        a03 ^= load_le(p + 24); a04 ^= load_le(p + 32); a05 ^= load_le(p + 40);
        a06 ^= load_le(p + 48); a07 ^= load_le(p + 56); a08 ^= load_le(p + 64);
        a09 ^= load_le(p + 72); a10 ^= load_le(p + 80); a11 ^= load_le(p + 88);
        a12 ^= load_le(p + 96); a13 ^= load_le(p + 104); a14 ^= load_le(p + 112);
        a15 ^= load_le(p + 120); a16 ^= load_le(p + 128);

        for (size_t i = 0; i < 24; i += 2) {
            c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
            c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
            c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
            c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
            c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
            d0 = c4 ^ rotl(c1, 1); d1 = c0 ^ rotl(c2, 1); d2 = c1 ^ rotl(c3, 1);
            d3 = c2 ^ rotl(c4, 1); d4 = c3 ^ rotl(c0, 1);
            b0 = a00 ^ d0; b1 = rotl(a06 ^ d1, 44); b2 = rotl(a12 ^ d2, 43);
            b3 = rotl(a18 ^ d3, 21); b4 = rotl(a24 ^ d4, 14);
            nb = ~b2;
            e00 = b0 ^ (b1 | b2) ^ kRoundConstants[i];
            e01 = b1 ^ (nb | b3);
            e02 = b2 ^ (b3 & b4);
            e03 = b3 ^ (b4 | b0);
            e04 = b4 ^ (b0 & b1);
            b0 = rotl(a03 ^ d3, 28); b1 = rotl(a09 ^ d4, 20); b2 = rotl(a10 ^ d0, 3);
            b3 = rotl(a16 ^ d1, 45); b4 = rotl(a22 ^ d2, 61);
            nb = ~b4;
            e05 = b0 ^ (b1 | b2);
            e06 = b1 ^ (b2 & b3);
            e07 = b2 ^ (b3 | nb);
            e08 = b3 ^ (b4 | b0);
            e09 = b4 ^ (b0 & b1);
            b0 = rotl(a01 ^ d1, 1); b1 = rotl(a07 ^ d2, 6); b2 = rotl(a13 ^ d3, 25);
            b3 = rotl(a19 ^ d4, 8); b4 = rotl(a20 ^ d0, 18);
            nb = ~b3;
            e10 = b0 ^ (b1 | b2);
            e11 = b1 ^ (b2 & b3);
            e12 = b2 ^ (nb & b4);
            e13 = nb ^ (b4 | b0);
            e14 = b4 ^ (b0 & b1);
            b0 = rotl(a04 ^ d4, 27); b1 = rotl(a05 ^ d0, 36); b2 = rotl(a11 ^ d1, 10);
            b3 = rotl(a17 ^ d2, 15); b4 = rotl(a23 ^ d3, 56);
            nb = ~b3;
            e15 = b0 ^ (b1 & b2);
            e16 = b1 ^ (b2 | b3);
            e17 = b2 ^ (nb | b4);
            e18 = nb ^ (b4 & b0);
            e19 = b4 ^ (b0 | b1);
            b0 = rotl(a02 ^ d2, 62); b1 = rotl(a08 ^ d3, 55); b2 = rotl(a14 ^ d4, 39);
            b3 = rotl(a15 ^ d0, 41); b4 = rotl(a21 ^ d1, 2);
            nb = ~b1;
            e20 = b0 ^ (nb & b2);
            e21 = nb ^ (b2 | b3);
            e22 = b2 ^ (b3 & b4);
            e23 = b3 ^ (b4 | b0);
            e24 = b4 ^ (b0 & b1);

            c0 = e00 ^ e05 ^ e10 ^ e15 ^ e20;
            c1 = e01 ^ e06 ^ e11 ^ e16 ^ e21;
            c2 = e02 ^ e07 ^ e12 ^ e17 ^ e22;
            c3 = e03 ^ e08 ^ e13 ^ e18 ^ e23;
            c4 = e04 ^ e09 ^ e14 ^ e19 ^ e24;
            d0 = c4 ^ rotl(c1, 1); d1 = c0 ^ rotl(c2, 1); d2 = c1 ^ rotl(c3, 1);
            d3 = c2 ^ rotl(c4, 1); d4 = c3 ^ rotl(c0, 1);
            b0 = e00 ^ d0; b1 = rotl(e06 ^ d1, 44); b2 = rotl(e12 ^ d2, 43);
            b3 = rotl(e18 ^ d3, 21); b4 = rotl(e24 ^ d4, 14);
            nb = ~b2;
            a00 = b0 ^ (b1 | b2) ^ kRoundConstants[i + 1];
            a01 = b1 ^ (nb | b3);
            a02 = b2 ^ (b3 & b4);
            a03 = b3 ^ (b4 | b0);
            a04 = b4 ^ (b0 & b1);
            b0 = rotl(e03 ^ d3, 28); b1 = rotl(e09 ^ d4, 20); b2 = rotl(e10 ^ d0, 3);
            b3 = rotl(e16 ^ d1, 45); b4 = rotl(e22 ^ d2, 61);
            nb = ~b4;
            a05 = b0 ^ (b1 | b2);
            a06 = b1 ^ (b2 & b3);
            a07 = b2 ^ (b3 | nb);
            a08 = b3 ^ (b4 | b0);
            a09 = b4 ^ (b0 & b1);
            b0 = rotl(e01 ^ d1, 1); b1 = rotl(e07 ^ d2, 6); b2 = rotl(e13 ^ d3, 25);
            b3 = rotl(e19 ^ d4, 8); b4 = rotl(e20 ^ d0, 18);
            nb = ~b3;
            a10 = b0 ^ (b1 | b2);
            a11 = b1 ^ (b2 & b3);
            a12 = b2 ^ (nb & b4);
            a13 = nb ^ (b4 | b0);
            a14 = b4 ^ (b0 & b1);
            b0 = rotl(e04 ^ d4, 27); b1 = rotl(e05 ^ d0, 36); b2 = rotl(e11 ^ d1, 10);
            b3 = rotl(e17 ^ d2, 15); b4 = rotl(e23 ^ d3, 56);
            nb = ~b3;
            a15 = b0 ^ (b1 & b2);
            a16 = b1 ^ (b2 | b3);
            a17 = b2 ^ (nb | b4);
            a18 = nb ^ (b4 & b0);
            a19 = b4 ^ (b0 | b1);
            b0 = rotl(e02 ^ d2, 62); b1 = rotl(e08 ^ d3, 55); b2 = rotl(e14 ^ d4, 39);
            b3 = rotl(e15 ^ d0, 41); b4 = rotl(e21 ^ d1, 2);
            nb = ~b1;
            a20 = b0 ^ (nb & b2);
            a21 = nb ^ (b2 | b3);
            a22 = b2 ^ (b3 & b4);
            a23 = b3 ^ (b4 | b0);
            a24 = b4 ^ (b0 & b1);
        }
    }

    st[0] = a00; st[1] = ~a01; st[2] = ~a02; st[3] = a03; st[4] = a04;
    st[5] = a05; st[6] = a06; st[7] = a07; st[8] = ~a08; st[9] = a09;
    st[10] = a10; st[11] = a11; st[12] = ~a12; st[13] = a13; st[14] = a14;
    st[15] = a15; st[16] = a16; st[17] = ~a17; st[18] = a18; st[19] = a19;
    st[20] = ~a20; st[21] = a21; st[22] = a22; st[23] = a23; st[24] = a24;
}

// Pads the final partial block with Keccak's pad10*1 using the original 0x01 domain byte (not
// SHA-3's 0x06), absorbs it, and squeezes the first 256 bits.
Hash256 absorb_last(uint64_t* st, const uint8_t* tail, size_t len) noexcept {
    uint8_t block[kRate]{};
    if (len > 0) std::memcpy(block, tail, len);
    block[len] ^= 0x01;
    block[kRate - 1] ^= 0x80;  // xor: both pad bits share a byte when len == kRate - 1
    absorb(st, block, 1);

    Hash256 out;
    for (size_t i = 0; i < 4; ++i) store_le(out.data() + 8 * i, st[i]);
    return out;
}

}  // namespace

Hash256 keccak256(BytesView data) noexcept {
    uint64_t st[25]{};
    const size_t blocks = data.size() / kRate;
    absorb(st, data.data(), blocks);
    return absorb_last(st, data.data() + blocks * kRate, data.size() - blocks * kRate);
}

void Keccak256::update(BytesView data) noexcept {
    YAO_ASSERT(!finalized_);
    if (data.empty()) return;  // data() may be null; memcpy must not see it even for 0 bytes
    const uint8_t* p = data.data();
    size_t n = data.size();

    if (buffered_ > 0) {
        const size_t take = n < kRate - buffered_ ? n : kRate - buffered_;
        std::memcpy(buffer_ + buffered_, p, take);
        buffered_ += take;
        p += take;
        n -= take;
        if (buffered_ < kRate) return;
        absorb(state_, buffer_, 1);
        buffered_ = 0;
    }

    const size_t blocks = n / kRate;
    absorb(state_, p, blocks);
    p += blocks * kRate;
    n -= blocks * kRate;

    if (n > 0) {
        std::memcpy(buffer_, p, n);
        buffered_ = n;
    }
}

Hash256 Keccak256::finalize() noexcept {
    YAO_ASSERT(!finalized_);
    finalized_ = true;
    return absorb_last(state_, buffer_, buffered_);
}

}  // namespace yao
