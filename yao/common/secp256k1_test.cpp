// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#include <yao/common/errc.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/secp256k1.hpp>

namespace yao {
namespace {

// The secp256k1 group order n (SEC 2 v2, section 2.4.1).
const Hash256 kOrder =
    hash_from_hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141").value();

Hash256 h(std::string_view hex) { return hash_from_hex(hex).value(); }

Hash256 from_u64(uint64_t v) {
    Hash256 out;
    for (size_t i = 0; i < 8; ++i) out[31 - i] = static_cast<uint8_t>(v >> (8 * i));
    return out;
}

// a - b for 256-bit big-endian numbers with a >= b.
Hash256 sub(const Hash256& a, const Hash256& b) {
    Hash256 out;
    int borrow = 0;
    for (size_t i = 32; i-- > 0;) {
        int d = a[i] - b[i] - borrow;
        borrow = d < 0 ? 1 : 0;
        out[i] = static_cast<uint8_t>(d + 256 * borrow);
    }
    return out;
}

// Decimal text to a 256-bit big-endian number (value * 10 + digit, byte by byte).
Hash256 from_decimal(std::string_view digits) {
    Hash256 out;
    for (char c : digits) {
        unsigned carry = static_cast<unsigned>(c - '0');
        for (size_t i = 32; i-- > 0;) {
            const unsigned v = out[i] * 10u + carry;
            out[i] = static_cast<uint8_t>(v);
            carry = v >> 8;
        }
    }
    return out;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

Hash256 random_hash(std::mt19937_64& rng) {
    Hash256 out;
    for (auto& b : out.bytes) b = static_cast<uint8_t>(rng());
    return out;
}

// An independent derivation of the address: OpenSSL's own secp256k1 arithmetic computes
// k * G, and the address is the tail of keccak256(X || Y).
Address openssl_address(const Hash256& private_key) {
    EC_GROUP* group = EC_GROUP_new_by_curve_name(NID_secp256k1);
    BIGNUM* k = BN_bin2bn(private_key.data(), 32, nullptr);
    EC_POINT* point = EC_POINT_new(group);
    uint8_t encoded[65]{};
    const bool ok = group != nullptr && k != nullptr && point != nullptr &&
                    EC_POINT_mul(group, point, k, nullptr, nullptr, nullptr) == 1 &&
                    EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, encoded,
                                       sizeof(encoded), nullptr) == 65;
    EC_POINT_free(point);
    BN_free(k);
    EC_GROUP_free(group);
    EXPECT_TRUE(ok);
    const Hash256 digest = keccak256(BytesView{encoded + 1, 64});
    Address out;
    std::copy(digest.bytes.begin() + 12, digest.bytes.end(), out.bytes.begin());
    return out;
}

TEST(Secp256k1, PrivateKeyOneGivesKnownAddress) {
    EXPECT_EQ(to_hex(address_from_private_key(from_u64(1)).value()),
              "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
}

TEST(Secp256k1, HardhatDevKeyGivesKnownAddress) {
    const auto key = h("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    EXPECT_EQ(to_hex(address_from_private_key(key).value()),
              lower("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
}

TEST(Secp256k1, AddressOfRandomKeysMatchesOpenSsl) {
    std::mt19937_64 rng{1};
    for (int i = 0; i < 50; ++i) {
        const Hash256 key = random_hash(rng);
        auto address = address_from_private_key(key);
        ASSERT_TRUE(address) << to_hex(key);
        EXPECT_EQ(*address, openssl_address(key)) << to_hex(key);
    }
}

TEST(Secp256k1, InvalidPrivateKeysAreRejected) {
    const Hash256 msg = keccak256(as_bytes("message"));
    for (const Hash256& key : {Hash256{}, kOrder, h(std::string(64, 'f'))}) {
        auto address = address_from_private_key(key);
        ASSERT_FALSE(address);
        EXPECT_EQ(address.error(), Errc::kInvalidPrivateKey);
        auto sig = sign(msg, key);
        ASSERT_FALSE(sig);
        EXPECT_EQ(sig.error(), Errc::kInvalidPrivateKey);
    }
    // n - 1 is the largest valid key.
    EXPECT_TRUE(sign(msg, sub(kOrder, from_u64(1))));
}

TEST(Secp256k1, Eip155ExampleSignatureIsReproducedExactly) {
    // EIP-155 "Example": nonce 9, gas price 20 gwei, gas 21000, to 0x3535...35, 1 ether, chain 1.
    const auto key = h("0x4646464646464646464646464646464646464646464646464646464646464646");
    const auto signing_hash =
        h("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
    const Hash256 r =
        from_decimal("18515461264373351373200002665853028612451056578545711640558177340181847433846");
    const Hash256 s =
        from_decimal("46948507304638947509940763649030358759909902576025900602547168820602576006531");
    ASSERT_EQ(to_hex(r), "0x28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276");

    auto sig = sign(signing_hash, key);
    ASSERT_TRUE(sig);
    EXPECT_EQ(sig->r, r);
    EXPECT_EQ(sig->s, s);
    EXPECT_EQ(sig->y_parity, 0);  // v = 37 = 35 + 2 * 1 + 0

    auto sender = recover_address(signing_hash, r, s, 0);
    ASSERT_TRUE(sender);
    EXPECT_EQ(to_hex(*sender), "0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f");
    EXPECT_EQ(*sender, address_from_private_key(key).value());
}

TEST(Secp256k1, GethEcrecoverPrecompileVector) {
    // go-ethereum core/vm/contracts_test.go "ValidKey": v = 28, so y_parity 1.
    const auto hash = h("0x456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3");
    const auto r = h("0x9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608");
    const auto s = h("0x4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada");
    auto address = recover_address(hash, r, s, 1, /*require_low_s=*/false);
    ASSERT_TRUE(address);
    EXPECT_EQ(to_hex(*address), "0x7156526fbd7a3c72969b54f64e42c10fbb768c8a");
}

TEST(Secp256k1, SignThenRecoverRoundTripsOnRandomKeysAndMessages) {
    std::mt19937_64 rng{2026};
    const Hash256 half_order = h("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");
    for (int i = 0; i < 100; ++i) {
        const Hash256 key = random_hash(rng);
        const Hash256 msg = random_hash(rng);
        auto sig = sign(msg, key);
        ASSERT_TRUE(sig);
        EXPECT_LE(sig->s, half_order);  // low-s by construction
        EXPECT_LE(sig->y_parity, 1);

        auto public_key = recover_public_key(msg, sig->r, sig->s, sig->y_parity);
        ASSERT_TRUE(public_key);
        EXPECT_EQ(address_from_public_key(*public_key), openssl_address(key));
        auto address = recover_address(msg, sig->r, sig->s, sig->y_parity);
        ASSERT_TRUE(address);
        EXPECT_EQ(*address, address_from_private_key(key).value());

        // The wrong parity recovers some other key, never the signer.
        auto other = recover_address(msg, sig->r, sig->s, sig->y_parity ^ 1);
        if (other) {
            EXPECT_NE(*other, *address);
        }
    }
}

TEST(Secp256k1, SigningIsDeterministic) {
    const Hash256 key = keccak256(as_bytes("key"));
    const Hash256 msg = keccak256(as_bytes("msg"));
    auto a = sign(msg, key).value();
    auto b = sign(msg, key).value();
    EXPECT_EQ(a.r, b.r);
    EXPECT_EQ(a.s, b.s);
    EXPECT_EQ(a.y_parity, b.y_parity);
}

TEST(Secp256k1, HighSIsRejectedOnlyWhenLowSRequired) {
    const Hash256 key = keccak256(as_bytes("high-s key"));
    const Hash256 msg = keccak256(as_bytes("high-s message"));
    const Signature sig = sign(msg, key).value();
    const Address signer = address_from_private_key(key).value();

    // (r, n - s) with the other parity is the same signature's high-s twin.
    const Hash256 high_s = sub(kOrder, sig.s);
    const uint8_t flipped = sig.y_parity ^ 1;

    auto strict = recover_address(msg, sig.r, high_s, flipped);
    ASSERT_FALSE(strict);
    EXPECT_EQ(strict.error(), Errc::kInvalidSignature);
    EXPECT_NE(strict.error().context().find("s > n/2"), std::string::npos);

    auto lenient = recover_address(msg, sig.r, high_s, flipped, /*require_low_s=*/false);
    ASSERT_TRUE(lenient);
    EXPECT_EQ(*lenient, signer);
}

TEST(Secp256k1, OutOfRangeSignatureValuesAreRejected) {
    const Hash256 key = keccak256(as_bytes("range key"));
    const Hash256 msg = keccak256(as_bytes("range message"));
    const Signature sig = sign(msg, key).value();

    struct Case {
        const char* name;
        Hash256 r;
        Hash256 s;
        uint8_t y_parity;
        const char* context;
    };
    const Case cases[] = {
        {"r = 0", Hash256{}, sig.s, sig.y_parity, "r is zero"},
        {"s = 0", sig.r, Hash256{}, sig.y_parity, "s is zero"},
        {"r = n", kOrder, sig.s, sig.y_parity, "r >= curve order"},
        {"r = 2^256 - 1", h(std::string(64, 'f')), sig.s, sig.y_parity, "r >= curve order"},
        {"s = n", sig.r, kOrder, sig.y_parity, "s >= curve order"},
        {"y_parity = 2", sig.r, sig.s, 2, "y_parity must be 0 or 1"},
        {"y_parity = 27", sig.r, sig.s, 27, "y_parity must be 0 or 1"},
    };
    for (const Case& c : cases) {
        for (bool require_low_s : {true, false}) {
            auto address = recover_address(msg, c.r, c.s, c.y_parity, require_low_s);
            ASSERT_FALSE(address) << c.name;
            EXPECT_EQ(address.error(), Errc::kInvalidSignature) << c.name;
            EXPECT_EQ(address.error().context(), c.context) << c.name;
        }
    }
}

TEST(Secp256k1, RWithNoCurvePointFailsRecovery) {
    // 5^3 + 7 = 132 is not a square modulo p, so no point has x = 5.
    auto address = recover_address(keccak256(as_bytes("m")), from_u64(5), from_u64(1), 0);
    ASSERT_FALSE(address);
    EXPECT_EQ(address.error(), Errc::kInvalidSignature);
}

TEST(Secp256k1, ConcurrentRecoveryGivesCorrectAddresses) {
    const Hash256 key = keccak256(as_bytes("thread key"));
    const Hash256 msg = keccak256(as_bytes("thread message"));
    const Signature sig = sign(msg, key).value();
    const Address signer = address_from_private_key(key).value();

    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                auto a = recover_address(msg, sig.r, sig.s, sig.y_parity);
                if (!a || *a != signer) failures.fetch_add(1, std::memory_order_relaxed);
                auto again = sign(msg, key);
                if (!again || again->s != sig.s) failures.fetch_add(1, std::memory_order_relaxed);
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace yao
