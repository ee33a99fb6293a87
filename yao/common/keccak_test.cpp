// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>

namespace yao {
namespace {

// A deliberately simple second Keccak-256, written from the textbook description (Keccak
// reference 3.0, section 1.2) and sharing nothing with keccak.cpp: the state is 200 bytes, the
// message is padded up front, lanes are assembled from bytes with shifts, and the rotation
// offsets and round constants are derived at run time (the t-walk over (x, y) and the LFSR rc)
// instead of being copied from a table.
class ReferenceKeccak {
public:
    ReferenceKeccak() {
        // rho offsets: start at (1, 0), step (x, y) -> (y, 2x + 3y), offset (t+1)(t+2)/2.
        int x = 1;
        int y = 0;
        for (int t = 0; t < 24; ++t) {
            rho_[x][y] = ((t + 1) * (t + 2) / 2) % 64;
            const int next_y = (2 * x + 3 * y) % 5;
            x = y;
            y = next_y;
        }
        // iota constants: bit 2^j - 1 of RC[i] is rc(j + 7i).
        for (int i = 0; i < 24; ++i) {
            for (int j = 0; j <= 6; ++j) {
                if (rc_bit(j + 7 * i)) round_constants_[i] |= uint64_t{1} << ((1 << j) - 1);
            }
        }
    }

    Hash256 hash(BytesView message) const {
        constexpr size_t kRate = 136;
        Bytes padded;
        for (uint8_t b : message) padded.push_back(b);
        padded.push_back(0x01);  // Keccak's original padding (SHA-3 would use 0x06)
        while (padded.size() % kRate != 0) padded.push_back(0x00);
        padded.back() |= 0x80;

        uint8_t state[200]{};
        for (size_t block = 0; block < padded.size(); block += kRate) {
            for (size_t i = 0; i < kRate; ++i) state[i] ^= padded[block + i];
            permute(state);
        }
        Hash256 out;
        for (size_t i = 0; i < 32; ++i) out[i] = state[i];
        return out;
    }

private:
    // The LFSR x^8 + x^6 + x^5 + x^4 + 1 from the reference, one bit per step.
    static bool rc_bit(int t) {
        unsigned r = 0x01;
        for (int i = 0; i < t % 255; ++i) {
            r <<= 1;
            if (r & 0x100) r ^= 0x171;
        }
        return (r & 1) != 0;
    }

    static uint64_t rot(uint64_t v, int n) {
        return n == 0 ? v : (v << n) | (v >> (64 - n));
    }

    void permute(uint8_t* state) const {
        uint64_t a[5][5]{};
        for (int x = 0; x < 5; ++x) {
            for (int y = 0; y < 5; ++y) {
                for (int k = 0; k < 8; ++k) {
                    a[x][y] |= uint64_t{state[8 * (x + 5 * y) + k]} << (8 * k);
                }
            }
        }
        for (int round = 0; round < 24; ++round) {
            uint64_t c[5];
            uint64_t d[5];
            for (int x = 0; x < 5; ++x) c[x] = a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4];
            for (int x = 0; x < 5; ++x) d[x] = c[(x + 4) % 5] ^ rot(c[(x + 1) % 5], 1);
            for (int x = 0; x < 5; ++x)
                for (int y = 0; y < 5; ++y) a[x][y] ^= d[x];

            uint64_t b[5][5];
            for (int x = 0; x < 5; ++x)
                for (int y = 0; y < 5; ++y) b[y][(2 * x + 3 * y) % 5] = rot(a[x][y], rho_[x][y]);

            for (int x = 0; x < 5; ++x)
                for (int y = 0; y < 5; ++y)
                    a[x][y] = b[x][y] ^ (~b[(x + 1) % 5][y] & b[(x + 2) % 5][y]);

            a[0][0] ^= round_constants_[round];
        }
        for (int x = 0; x < 5; ++x) {
            for (int y = 0; y < 5; ++y) {
                for (int k = 0; k < 8; ++k) {
                    state[8 * (x + 5 * y) + k] = static_cast<uint8_t>(a[x][y] >> (8 * k));
                }
            }
        }
    }

    int rho_[5][5]{};
    uint64_t round_constants_[24]{};
};

const ReferenceKeccak& reference() {
    static const ReferenceKeccak ref;
    return ref;
}

Bytes random_bytes(std::mt19937_64& rng, size_t n) {
    Bytes out(n, 0);
    for (auto& b : out) b = static_cast<uint8_t>(rng());
    return out;
}

std::string hex_of(const Hash256& h) { return to_hex(h, false); }

TEST(Keccak256, EmptyInputIsEthereumEmptyHash) {
    EXPECT_EQ(hex_of(keccak256({})),
              "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
}

TEST(Keccak256, MatchesPublishedVectors) {
    EXPECT_EQ(hex_of(keccak256(as_bytes("abc"))),
              "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    EXPECT_EQ(hex_of(keccak256(as_bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
              "45d3b367a6904e6e8d502ee04999a7c27647f91fa845d456525fd352ae3d7371");
    EXPECT_EQ(hex_of(keccak256(as_bytes("The quick brown fox jumps over the lazy dog"))),
              "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
    EXPECT_EQ(hex_of(keccak256(Bytes(200, 0xa3))),
              "3a57666b048777f2c953dc4456f45a2588e1cb6f2da760122d530ac2ce607d4a");
}

TEST(Keccak256, MillionAsMatchesPublishedVector) {
    const Bytes input(1'000'000, 'a');
    EXPECT_EQ(hex_of(keccak256(input)),
              "fadae6b49f129bbb812be8407b7b2894f34aecf6dbd1f9b0f0c7e9853098fc96");
}

TEST(Keccak256, IsNotSha3) {
    // FIPS 202 SHA3-256("") = a7ffc6f8...; the 0x01 padding must give Ethereum's value instead.
    EXPECT_NE(hex_of(keccak256({})),
              "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
}

TEST(Keccak256, ErcTransferEventTopic) {
    EXPECT_EQ(hex_of(keccak256(as_bytes("Transfer(address,address,uint256)"))),
              "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
    // Function selector of transfer(address,uint256) is the first four bytes.
    EXPECT_EQ(hex_of(keccak256(as_bytes("transfer(address,uint256)"))).substr(0, 8), "a9059cbb");
}

TEST(Keccak256, ReferenceImplementationAgreesWithPublishedVectors) {
    // Guards the cross-check below: the reference must be right on its own.
    EXPECT_EQ(hex_of(reference().hash({})),
              "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    EXPECT_EQ(hex_of(reference().hash(Bytes(200, 0xa3))),
              "3a57666b048777f2c953dc4456f45a2588e1cb6f2da760122d530ac2ce607d4a");
}

TEST(Keccak256, RateBoundaryLengthsMatchReference) {
    // The padding byte shares the last block byte at 135, and needs a block of its own at 136.
    for (size_t len : {0, 1, 134, 135, 136, 137, 271, 272, 273, 300}) {
        const Bytes input(len, static_cast<uint8_t>(len));
        EXPECT_EQ(keccak256(input), reference().hash(input)) << "length " << len;
    }
    EXPECT_EQ(hex_of(keccak256(Bytes(136, 0x00))),
              "3a5912a7c5faa06ee4fe906253e339467a9ce87d533c65be3c15cb231cdb25f9");
    EXPECT_EQ(hex_of(keccak256(Bytes(137, 0x00))),
              "bee7fbb405cb0d91a8775e338c4a5e4b5d6b2d051f687fa942043cffdc73bd28");
}

TEST(Keccak256, RandomInputsOfEveryLengthMatchReference) {
    std::mt19937_64 rng{0x6b656363616b};
    for (size_t len = 0; len <= 600; ++len) {
        const Bytes input = random_bytes(rng, len);
        ASSERT_EQ(keccak256(input), reference().hash(input)) << "length " << len;
    }
}

TEST(Keccak256, IncrementalSplitAtEveryOffsetMatchesOneShot) {
    std::mt19937_64 rng{42};
    for (size_t len : {0, 1, 135, 136, 137, 300, 411}) {
        const Bytes input = random_bytes(rng, len);
        const Hash256 expected = reference().hash(input);
        const BytesView view{input};
        for (size_t split = 0; split <= len; ++split) {
            Keccak256 h;
            h.update(view.substr(0, split));
            h.update(view.substr(split));
            ASSERT_EQ(h.finalize(), expected) << "length " << len << " split " << split;
        }
    }
}

TEST(Keccak256, IncrementalManySmallPiecesMatchesOneShot) {
    std::mt19937_64 rng{7};
    const Bytes input = random_bytes(rng, 5000);
    const BytesView view{input};
    for (size_t piece : {1, 3, 17, 135, 136, 137, 1000}) {
        Keccak256 h;
        for (size_t off = 0; off < view.size(); off += piece) h.update(view.substr(off, piece));
        EXPECT_EQ(h.finalize(), reference().hash(input)) << "piece " << piece;
    }
}

TEST(Keccak256, IncrementalEmptyUpdatesChangeNothing) {
    Keccak256 h;
    h.update({});
    h.update(as_bytes("abc"));
    h.update({});
    EXPECT_EQ(hex_of(h.finalize()),
              "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
}

TEST(Keccak256DeathTest, UpdateAfterFinalizeAborts) {
    Keccak256 h;
    (void)h.finalize();
    EXPECT_DEATH(h.update(as_bytes("x")), "finalized_");
}

}  // namespace
}  // namespace yao
