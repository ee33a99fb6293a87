// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "bn254.hpp"

#include <gmp.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <yao/common/hex.hpp>
#include <yao/evm/bn254_curve.hpp>
#include <yao/evm/test_util/bn254_gmp.hpp>

namespace yao::evm::bn254::test {
namespace {

// ---------------------------------------------------------------------------------------------
// G1 through the precompile API

constexpr const char* kG1GenHex =
    "0000000000000000000000000000000000000000000000000000000000000001"
    "0000000000000000000000000000000000000000000000000000000000000002";
constexpr const char* kZero64 =
    "0000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000";
// r - 1, r, r + 1, 2^256 - 1 as 32-byte words.
constexpr const char* kRMinus1 = "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000000";
constexpr const char* kRWord = "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001";
constexpr const char* kRPlus1 = "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000002";
constexpr const char* kMaxWord = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
constexpr const char* kPWord = "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47";

std::string hex_word(uint64_t v) {
    char buf[65];
    std::snprintf(buf, sizeof buf, "%064llx", static_cast<unsigned long long>(v));
    return buf;
}

/// The 32-byte big-endian hex word of a.
std::string word_hex(const Fp& a) {
    Mpz x;
    mpz_of(a, x.v);
    char buf[80];
    gmp_snprintf(buf, sizeof buf, "%064Zx", x.v);
    return buf;
}

/// A little-endian 4-limb scalar as a 32-byte big-endian word.
std::string scalar_hex(const uint64_t k[4]) {
    char buf[65];
    std::snprintf(buf, sizeof buf, "%016llx%016llx%016llx%016llx",
                  static_cast<unsigned long long>(k[3]), static_cast<unsigned long long>(k[2]),
                  static_cast<unsigned long long>(k[1]), static_cast<unsigned long long>(k[0]));
    return buf;
}

std::string api_add(const std::string& a, const std::string& b) {
    uint8_t out[64];
    EXPECT_TRUE(add(from_hex(a + b).value(), out));
    return to_hex({out, 64}, false);
}

std::string api_mul(const std::string& point, const std::string& scalar) {
    uint8_t out[64];
    EXPECT_TRUE(mul(from_hex(point + scalar).value(), out));
    return to_hex({out, 64}, false);
}

/// -P for an encoded point (p - y).
std::string api_neg(const std::string& point) {
    Mpz p(kPDec), y;
    mpz_set_str(y.v, point.substr(64).c_str(), 16);
    if (mpz_sgn(y.v) != 0) mpz_sub(y.v, p.v, y.v);
    char buf[80];
    gmp_snprintf(buf, sizeof buf, "%064Zx", y.v);
    return point.substr(0, 64) + buf;
}

/// k * P by plain double-and-add over ECADD: a reference for the windowed multiplication.
std::string reference_mul(const std::string& point, const uint64_t k[4]) {
    std::string acc = kZero64;
    for (int i = 255; i >= 0; --i) {
        acc = api_add(acc, acc);
        if ((k[i / 64] >> (i % 64)) & 1) acc = api_add(acc, point);
    }
    return acc;
}

TEST(Bn254G1, MulByEdgeScalars) {
    const std::string g = kG1GenHex;
    const std::string g2 = api_add(g, g);
    EXPECT_EQ(api_mul(g, hex_word(0)), kZero64);
    EXPECT_EQ(api_mul(g, hex_word(1)), g);
    EXPECT_EQ(api_mul(g, hex_word(2)), g2);
    EXPECT_EQ(api_mul(g, hex_word(3)), api_add(g2, g));
    EXPECT_EQ(api_mul(g, kRMinus1), api_neg(g));
    EXPECT_EQ(api_mul(g, kRWord), kZero64);
    EXPECT_EQ(api_mul(g, kRPlus1), g);
    // 2^256 - 1 = 5r + c: the product equals c * G, c = 2^256 - 1 mod r (by GMP).
    Mpz r(kRDec), c;
    mpz_set_str(c.v, kMaxWord, 16);
    mpz_mod(c.v, c.v, r.v);
    char buf[80];
    gmp_snprintf(buf, sizeof buf, "%064Zx", c.v);
    EXPECT_EQ(api_mul(g, kMaxWord), api_mul(g, buf));
    EXPECT_EQ(api_mul(kZero64, kMaxWord), kZero64);
}

TEST(Bn254G1, OrderTimesAnyPointIsInfinity) {
    Rng rng(4);
    for (int i = 0; i < 5; ++i) {
        uint64_t k[4];
        rng.scalar(k);
        const std::string s = scalar_hex(k);
        const std::string point = api_mul(kG1GenHex, s);
        EXPECT_EQ(api_mul(point, kRWord), kZero64);
        EXPECT_EQ(api_mul(point, kRPlus1), point);
        EXPECT_EQ(api_add(point, api_neg(point)), kZero64);
    }
}

TEST(Bn254G1, MulMatchesDoubleAndAdd) {
    Rng rng(5);
    std::string point = api_mul(kG1GenHex, hex_word(0x1234567));
    for (int i = 0; i < 4; ++i) {
        uint64_t k[4];
        rng.scalar(k);
        if (i == 0) k[0] = k[1] = k[2] = k[3] = ~uint64_t{0};
        const std::string s = scalar_hex(k);
        EXPECT_EQ(api_mul(point, s), reference_mul(point, k));
        point = api_mul(point, s);
    }
}

TEST(Bn254G1, AdditionIsAssociativeAndCommutative) {
    const std::string p = api_mul(kG1GenHex, hex_word(12345));
    const std::string q = api_mul(kG1GenHex, hex_word(678910));
    const std::string r = api_mul(kG1GenHex, hex_word(1112131415));
    EXPECT_EQ(api_add(api_add(p, q), r), api_add(p, api_add(q, r)));
    EXPECT_EQ(api_add(p, q), api_add(q, p));
    EXPECT_EQ(api_add(api_add(p, q), r), api_mul(kG1GenHex, hex_word(12345 + 678910 + 1112131415)));
    EXPECT_EQ(api_add(p, p), api_mul(kG1GenHex, hex_word(2 * 12345)));
}

TEST(Bn254G1, GlvEndomorphismIsMultiplicationByLambda) {
    // beta^3 = 1 != beta, and (beta x, y) = lambda (x, y) with
    // lambda = -(6u^2 + 4u + 1) / (2u + 1) mod r computed by GMP.
    const Fp beta = to_mont(kGlvBeta);
    EXPECT_NE(beta, kFpOne);
    EXPECT_EQ(mul(sqr(beta), beta), kFpOne);
    Mpz r(kRDec), u, a, b, lambda;
    mpz_set_ui(u.v, kU);
    mpz_mul(a.v, u.v, u.v);
    mpz_mul_ui(a.v, a.v, 6);
    mpz_addmul_ui(a.v, u.v, 4);
    mpz_add_ui(a.v, a.v, 1);  // 6u^2 + 4u + 1
    mpz_mul_ui(b.v, u.v, 2);
    mpz_add_ui(b.v, b.v, 1);  // 2u + 1
    ASSERT_NE(mpz_invert(lambda.v, b.v, r.v), 0);
    mpz_mul(lambda.v, lambda.v, a.v);
    mpz_neg(lambda.v, lambda.v);
    mpz_mod(lambda.v, lambda.v, r.v);
    char buf[80];
    gmp_snprintf(buf, sizeof buf, "%064Zx", lambda.v);
    for (const uint64_t k : {1u, 7u, 123456789u}) {
        const std::string point = api_mul(kG1GenHex, hex_word(k));
        G1Affine pa{fp_hex(point.substr(0, 64).c_str()), fp_hex(point.substr(64).c_str())};
        EXPECT_EQ(api_mul(point, buf), word_hex(mul(pa.x, beta)) + word_hex(pa.y));
    }
}

TEST(Bn254G1, RejectsBadCoordinates) {
    uint8_t out[64];
    const std::string g = kG1GenHex;
    const std::string one = hex_word(1);
    // Coordinate >= p, in either position of either point.
    EXPECT_FALSE(add(from_hex(std::string(kPWord) + hex_word(2) + g).value(), out));
    EXPECT_FALSE(add(from_hex(g + one + kPWord).value(), out));
    EXPECT_FALSE(add(from_hex(std::string(kMaxWord) + hex_word(2)).value(), out));
    EXPECT_FALSE(mul(from_hex(std::string(kPWord) + hex_word(0) + one).value(), out));
    // (p, 0) would be (0, 0) reduced mod p: still rejected.
    EXPECT_FALSE(mul(from_hex(std::string(kPWord) + hex_word(0) + one).value(), out));
    // Not on the curve: (1, 3), (0, 1) — the latter is neither a point nor infinity.
    EXPECT_FALSE(add(from_hex(one + hex_word(3) + g).value(), out));
    EXPECT_FALSE(add(from_hex(g + hex_word(0) + one).value(), out));
    EXPECT_FALSE(mul(from_hex(one + hex_word(3) + hex_word(5)).value(), out));
    EXPECT_FALSE(mul(from_hex(one + hex_word(3) + hex_word(0)).value(), out));
}

// ---------------------------------------------------------------------------------------------
// G2 and the pairing

constexpr const char* kG2GenHex =
    "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
    "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
    "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
    "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";

// A point of the twist outside the order-r subgroup: x = 1, y = sqrt(1 + 3 / (9 + i)) (found
// and checked, r * Q != O, with an independent Python model).
constexpr const char* kTwistNotInSubgroup =
    "0000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000001"
    "0d1271953ed9ea0836846e70a1934187998c7f790cb4d7511b7f8da82de048a4"
    "2869111d5381f072f8e2728fdb825a51aadd70e52c9830e9ab4b871c0531f1bb";

G2 g2_generator() {
    const std::string h = kG2GenHex;
    const auto word = [&](int i) { return fp_hex(h.substr(64 * i, 64).c_str()); };
    return to_jacobian(G2Affine{{word(1), word(0)}, {word(3), word(2)}});
}

std::string encode_g2(const G2& q) {
    G2Affine a;
    if (!to_affine(q, a)) return std::string(256, '0');
    return word_hex(a.x.c1) + word_hex(a.x.c0) + word_hex(a.y.c1) + word_hex(a.y.c0);
}

std::optional<bool> check(const std::string& hex) {
    return pairing_check(from_hex(hex).value());
}

TEST(Bn254G2, SubgroupCheck) {
    const G2 g = g2_generator();
    G2Affine a;
    ASSERT_TRUE(to_affine(g, a));
    EXPECT_TRUE(is_on_curve(a));
    EXPECT_TRUE(g2_in_subgroup(a));
    EXPECT_TRUE(is_infinity(jac_scalar_mul(g, kR)));
    const uint64_t k[4] = {0x1234, 0x5678, 0x9abc, 0xdef};
    ASSERT_TRUE(to_affine(jac_scalar_mul(g, k), a));
    EXPECT_TRUE(is_on_curve(a));
    EXPECT_TRUE(g2_in_subgroup(a));
    // Scalar multiplication agrees with repeated addition: 5Q = 2(2Q) + Q.
    const uint64_t five[4] = {5, 0, 0, 0};
    EXPECT_EQ(encode_g2(jac_scalar_mul(g, five)), encode_g2(jac_add(jac_double(jac_double(g)), g)));
}

G2 twist_point_outside_g2() {
    const std::string h = kTwistNotInSubgroup;
    const auto word = [&](int i) { return fp_hex(h.substr(64 * i, 64).c_str()); };
    return to_jacobian(G2Affine{{word(1), word(0)}, {word(3), word(2)}});
}

TEST(Bn254G2, EndomorphismSubgroupTestAgreesWithOrderTest) {
    Rng rng(7);
    const G2 g = g2_generator();
    const G2 t = twist_point_outside_g2();
    const uint64_t r_minus_1[4] = {kR[0] - 1, kR[1], kR[2], kR[3]};
    std::vector<G2> points = {g, jac_scalar_mul(g, r_minus_1), t, jac_add(t, g),
                              jac_scalar_mul(t, kR)};  // r T: a pure cofactor-part point
    for (int i = 0; i < 6; ++i) {
        uint64_t k[4];
        rng.scalar(k);
        points.push_back(jac_scalar_mul(g, k));
        points.push_back(jac_scalar_mul(t, k));
        points.push_back(jac_add(jac_scalar_mul(jac_scalar_mul(t, kR), k), g));
    }
    int inside = 0;
    for (const G2& q : points) {
        G2Affine a;
        ASSERT_TRUE(to_affine(q, a));
        ASSERT_TRUE(is_on_curve(a));
        const bool by_order = is_infinity(jac_scalar_mul(q, kR));
        EXPECT_EQ(g2_in_subgroup(a), by_order);
        inside += by_order ? 1 : 0;
    }
    EXPECT_EQ(inside, 2 + 6);
}

TEST(Bn254G2, EndomorphismSubgroupTestIsExact) {
    // The argument in bn254_curve.cpp, checked with GMP: with t = 6u^2 + 1,
    // A = u + 1 - up + 2utp and B = u + ut - 2u(t^2 - p), A + B p = 0 mod r (the test vanishes
    // on G2) and gcd(A^2 + ABt + B^2 p, 2p - r) = 1 (nothing else of E'(Fp2) passes).
    Mpz p(kPDec), r(kRDec), u, t, a, b, x, n, h, g;
    mpz_set_ui(u.v, kU);
    mpz_mul(t.v, u.v, u.v);
    mpz_mul_ui(t.v, t.v, 6);
    mpz_add_ui(t.v, t.v, 1);
    // A = u + 1 - u p + 2 u t p
    mpz_mul(x.v, u.v, t.v);
    mpz_mul_ui(x.v, x.v, 2);
    mpz_sub(x.v, x.v, u.v);  // 2ut - u
    mpz_mul(a.v, x.v, p.v);
    mpz_add(a.v, a.v, u.v);
    mpz_add_ui(a.v, a.v, 1);
    // B = u + u t - 2u (t^2 - p)
    mpz_mul(x.v, t.v, t.v);
    mpz_sub(x.v, x.v, p.v);
    mpz_mul(x.v, x.v, u.v);
    mpz_mul_ui(x.v, x.v, 2);
    mpz_mul(b.v, u.v, t.v);
    mpz_add(b.v, b.v, u.v);
    mpz_sub(b.v, b.v, x.v);
    // A + B p mod r
    mpz_mul(x.v, b.v, p.v);
    mpz_add(x.v, x.v, a.v);
    EXPECT_TRUE(mpz_divisible_p(x.v, r.v));
    // N = A^2 + A B t + B^2 p
    mpz_mul(n.v, a.v, a.v);
    mpz_mul(x.v, a.v, b.v);
    mpz_addmul(n.v, x.v, t.v);
    mpz_mul(x.v, b.v, b.v);
    mpz_addmul(n.v, x.v, p.v);
    mpz_mul_ui(h.v, p.v, 2);
    mpz_sub(h.v, h.v, r.v);
    mpz_gcd(g.v, n.v, h.v);
    EXPECT_EQ(mpz_cmp_ui(g.v, 1), 0);
    // And E'(Fp2) has order r (2p - r): (2p - r) r T = O for the point outside G2.
    uint64_t hl[4];
    to_limbs(h.v, hl);
    EXPECT_TRUE(is_infinity(jac_scalar_mul(jac_scalar_mul(twist_point_outside_g2(), kR), hl)));
    EXPECT_FALSE(is_infinity(jac_scalar_mul(twist_point_outside_g2(), hl)));
}

TEST(Bn254Pairing, BilinearInBothArguments) {
    Rng rng(6);
    const G2 q = g2_generator();
    for (int i = 0; i < 3; ++i) {
        // a, b < 2^126, so ab fits in one 256-bit scalar.
        const uint64_t a[4] = {rng.next(), rng.next() >> 2, 0, 0};
        const uint64_t b[4] = {rng.next(), rng.next() >> 2, 0, 0};
        Mpz ma, mb, ab;
        from_limbs(a, ma.v);
        from_limbs(b, mb.v);
        mpz_mul(ab.v, ma.v, mb.v);
        uint64_t abk[4];
        to_limbs(ab.v, abk);
        const std::string ap = api_mul(kG1GenHex, scalar_hex(a));
        const std::string neg_abp = api_neg(api_mul(kG1GenHex, scalar_hex(abk)));
        const std::string bq = encode_g2(jac_scalar_mul(q, b));
        const std::string qh = encode_g2(q);
        // e(aP, bQ) e(-abP, Q) == 1
        EXPECT_EQ(check(ap + bq + neg_abp + qh), std::optional<bool>{true});
        // e(aP, bQ) e(-(ab + 1)P, Q) != 1
        const std::string neg_ab1p = api_neg(api_add(api_neg(neg_abp), kG1GenHex));
        EXPECT_EQ(check(ap + bq + neg_ab1p + qh), std::optional<bool>{false});
        // e(aP, Q)^b: e(aP, bQ) e(-bP, aQ) == 1 (swap the scalars across the arguments).
        const std::string bp = api_mul(kG1GenHex, scalar_hex(b));
        const std::string aq = encode_g2(jac_scalar_mul(q, a));
        EXPECT_EQ(check(ap + bq + api_neg(bp) + aq), std::optional<bool>{true});
    }
    // Linearity in each argument: e(P1 + P2, Q) = e(P1, Q) e(P2, Q), same for Q1 + Q2.
    const std::string p1 = api_mul(kG1GenHex, hex_word(777));
    const std::string p2 = api_mul(kG1GenHex, hex_word(999999));
    const std::string qh = encode_g2(q);
    EXPECT_EQ(check(api_add(p1, p2) + qh + api_neg(p1) + qh + api_neg(p2) + qh),
              std::optional<bool>{true});
    const uint64_t k1[4] = {31337, 0, 0, 0};
    const uint64_t k2[4] = {0xfeedface, 0xdeadbeef, 0, 0};
    const G2 q1 = jac_scalar_mul(q, k1);
    const G2 q2 = jac_scalar_mul(q, k2);
    EXPECT_EQ(check(p1 + encode_g2(jac_add(q1, q2)) + api_neg(p1) + encode_g2(q1) + api_neg(p1) +
                    encode_g2(q2)),
              std::optional<bool>{true});
    EXPECT_EQ(check(p1 + encode_g2(jac_add(q1, q2)) + api_neg(p1) + encode_g2(q1)),
              std::optional<bool>{false});
}

TEST(Bn254Pairing, InfinityPairsContributeOne) {
    const std::string g1 = kG1GenHex;
    const std::string g2 = kG2GenHex;
    const std::string inf2(256, '0');
    EXPECT_EQ(check(kZero64 + g2), std::optional<bool>{true});
    EXPECT_EQ(check(g1 + inf2), std::optional<bool>{true});
    EXPECT_EQ(check(std::string(kZero64) + inf2), std::optional<bool>{true});
    EXPECT_EQ(check(g1 + g2 + kZero64 + g2), std::optional<bool>{false});
    // Invalid points are rejected even when their partner is the point at infinity.
    EXPECT_EQ(check(hex_word(1) + hex_word(3) + inf2), std::nullopt);
    EXPECT_EQ(check(kZero64 + std::string(kTwistNotInSubgroup)), std::nullopt);
}

TEST(Bn254Pairing, RejectsInvalidInput) {
    const std::string g1 = kG1GenHex;
    const std::string g2 = kG2GenHex;
    // Length not a multiple of 192.
    EXPECT_EQ(pairing_check(Bytes(191, 0)), std::nullopt);
    EXPECT_EQ(pairing_check(Bytes(193, 0)), std::nullopt);
    EXPECT_EQ(pairing_check(Bytes(1, 0)), std::nullopt);
    EXPECT_EQ(check(g1 + g2 + "00"), std::nullopt);
    // Each of the six coordinates >= p.
    const std::string chunk = g1 + g2;
    for (int i = 0; i < 6; ++i) {
        std::string bad = chunk;
        bad.replace(64 * i, 64, kPWord);
        EXPECT_EQ(check(bad), std::nullopt) << i;
        bad.replace(64 * i, 64, kMaxWord);
        EXPECT_EQ(check(bad), std::nullopt) << i;
    }
    // G1 not on the curve.
    EXPECT_EQ(check(hex_word(1) + hex_word(3) + g2), std::nullopt);
    // G2 not on the twist: y_real + 1, and the Fp2 halves swapped (real part first).
    std::string off = g2;
    off.replace(192, 64, "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7dab");
    EXPECT_EQ(check(g1 + off), std::nullopt);
    const std::string swapped =
        g2.substr(64, 64) + g2.substr(0, 64) + g2.substr(192, 64) + g2.substr(128, 64);
    EXPECT_EQ(check(g1 + swapped), std::nullopt);
    // G2 on the twist but not in the order-r subgroup.
    EXPECT_EQ(check(g1 + kTwistNotInSubgroup), std::nullopt);
    // A valid first pair does not hide an invalid second one.
    EXPECT_EQ(check(g1 + g2 + g1 + kTwistNotInSubgroup), std::nullopt);
}

}  // namespace
}  // namespace yao::evm::bn254::test
