// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gmp.h>
#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <yao/common/hex.hpp>
#include <yao/evm/bls12_381.hpp>

namespace yao::evm::bls12_381 {
namespace {

constexpr const char* kPHex =
    "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab";
constexpr const char* kRHex = "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";

// RAII mpz_t.
struct Mpz {
    mpz_t v;
    Mpz() { mpz_init(v); }
    explicit Mpz(const char* hex) { mpz_init_set_str(v, hex, 16); }
    ~Mpz() { mpz_clear(v); }
    Mpz(const Mpz&) = delete;
    Mpz& operator=(const Mpz&) = delete;
};

void to_mpz(const Fp& a, Mpz& out) {
    uint64_t l[6];
    fp_to_limbs(a, l);
    mpz_import(out.v, 6, -1, sizeof(uint64_t), 0, 0, l);
}

Fp from_mpz(const Mpz& a) {
    uint64_t l[6] = {0, 0, 0, 0, 0, 0};
    mpz_export(l, nullptr, -1, sizeof(uint64_t), 0, 0, a.v);
    return fp_from_limbs(l);
}

class Rng {
public:
    Rng() { gmp_randinit_mt(state_); gmp_randseed_ui(state_, 4844); }
    ~Rng() { gmp_randclear(state_); }
    Rng(const Rng&) = delete;
    Rng& operator=(const Rng&) = delete;
    void below(Mpz& out, const Mpz& bound) { mpz_urandomm(out.v, state_, bound.v); }

private:
    gmp_randstate_t state_;
};

void expect_eq(const Fp& got, const Mpz& want) {
    Mpz g;
    to_mpz(got, g);
    EXPECT_EQ(mpz_cmp(g.v, want.v), 0);
}

Scalar scalar_from_mpz(const Mpz& a) {
    Scalar s{{0, 0, 0, 0}};
    mpz_export(s.limbs, nullptr, -1, sizeof(uint64_t), 0, 0, a.v);
    return s;
}

Fp12 random_fp12(Rng& rng, const Mpz& p) {
    Fp12 r;
    Fp* coeffs[12] = {&r.c0.c0.c0, &r.c0.c0.c1, &r.c0.c1.c0, &r.c0.c1.c1, &r.c0.c2.c0,
                      &r.c0.c2.c1, &r.c1.c0.c0, &r.c1.c0.c1, &r.c1.c1.c0, &r.c1.c1.c1,
                      &r.c1.c2.c0, &r.c1.c2.c1};
    Mpz v;
    for (Fp* c : coeffs) {
        rng.below(v, p);
        *c = from_mpz(v);
    }
    return r;
}

TEST(Bls12381Field, FpArithmeticMatchesGmpOnRandomInputs) {
    const Mpz p(kPHex);
    Rng rng;
    Mpz a, b, want;
    for (int i = 0; i < 2000; ++i) {
        rng.below(a, p);
        rng.below(b, p);
        if (i == 0) mpz_sub_ui(a.v, p.v, 1);  // edge: p - 1
        if (i == 1) mpz_set_ui(b.v, 0);
        const Fp fa = from_mpz(a);
        const Fp fb = from_mpz(b);
        expect_eq(fa, a);  // Montgomery round trip
        mpz_add(want.v, a.v, b.v);
        mpz_mod(want.v, want.v, p.v);
        expect_eq(add(fa, fb), want);
        mpz_sub(want.v, a.v, b.v);
        mpz_mod(want.v, want.v, p.v);
        expect_eq(sub(fa, fb), want);
        mpz_mul(want.v, a.v, b.v);
        mpz_mod(want.v, want.v, p.v);
        expect_eq(mul(fa, fb), want);
        mpz_mul(want.v, a.v, a.v);
        mpz_mod(want.v, want.v, p.v);
        expect_eq(sqr(fa), want);
        mpz_neg(want.v, a.v);
        mpz_mod(want.v, want.v, p.v);
        expect_eq(neg(fa), want);
        if (i < 200 && mpz_sgn(a.v) != 0) {
            ASSERT_NE(mpz_invert(want.v, a.v, p.v), 0);
            expect_eq(inv(fa), want);
            const bool is_square = mpz_legendre(a.v, p.v) == 1;
            const auto s = sqrt(fa);
            ASSERT_EQ(s.has_value(), is_square);
            if (s) {
                EXPECT_EQ(sqr(*s), fa);
            }
        }
    }
}

TEST(Bls12381Field, FpBytesRejectValuesAtOrAboveTheModulus) {
    std::array<uint8_t, 48> buf{};
    ASSERT_TRUE(from_hex_exact(kPHex, buf.data(), 48).has_value());
    EXPECT_FALSE(fp_from_bytes(buf.data()).has_value());
    buf[47] -= 1;  // p - 1
    const auto v = fp_from_bytes(buf.data());
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(*v, neg(fp_one()));
    std::array<uint8_t, 48> out{};
    fp_to_bytes(*v, out.data());
    EXPECT_EQ(out, buf);
}

TEST(Bls12381Field, Fp2MulMatchesSchoolbookOverGmp) {
    const Mpz p(kPHex);
    Rng rng;
    Mpz a0, a1, b0, b1, t, want0, want1;
    for (int i = 0; i < 300; ++i) {
        rng.below(a0, p);
        rng.below(a1, p);
        rng.below(b0, p);
        rng.below(b1, p);
        // (a0 + a1 u)(b0 + b1 u) = (a0 b0 - a1 b1) + (a0 b1 + a1 b0) u, u^2 = -1.
        mpz_mul(want0.v, a0.v, b0.v);
        mpz_submul(want0.v, a1.v, b1.v);
        mpz_mod(want0.v, want0.v, p.v);
        mpz_mul(want1.v, a0.v, b1.v);
        mpz_addmul(want1.v, a1.v, b0.v);
        mpz_mod(want1.v, want1.v, p.v);
        const Fp2 a{from_mpz(a0), from_mpz(a1)};
        const Fp2 b{from_mpz(b0), from_mpz(b1)};
        const Fp2 c = mul(a, b);
        expect_eq(c.c0, want0);
        expect_eq(c.c1, want1);
        EXPECT_EQ(sqr(a), mul(a, a));
        EXPECT_EQ(mul(a, inv(a)), (Fp2{fp_one(), fp_zero()}));
        const Fp2 sq = sqr(a);
        const auto s = sqrt(sq);
        ASSERT_TRUE(s.has_value());
        EXPECT_EQ(sqr(*s), sq);
    }
}

TEST(Bls12381Field, Fp12InverseAndFrobeniusAgreeWithGenericPower) {
    const Mpz p(kPHex);
    Rng rng;
    uint64_t pl[6] = {0, 0, 0, 0, 0, 0};
    mpz_export(pl, nullptr, -1, sizeof(uint64_t), 0, 0, p.v);
    for (int i = 0; i < 3; ++i) {
        const Fp12 a = random_fp12(rng, p);
        const Fp12 b = random_fp12(rng, p);
        EXPECT_EQ(mul(a, inv(a)), fp12_one());
        EXPECT_EQ(sqr(a), mul(a, a));
        EXPECT_EQ(mul(a, b), mul(b, a));
        // a^p computed by square-and-multiply, independent of the Frobenius constants.
        EXPECT_EQ(frobenius(a), pow(a, pl));
    }
}

TEST(Bls12381Curve, GeneratorsAreOnTheCurveAndInTheSubgroup) {
    EXPECT_TRUE(is_on_curve(g1_generator()));
    EXPECT_TRUE(is_on_curve(g2_generator()));
    EXPECT_TRUE(is_in_subgroup(g1_generator()));
    EXPECT_TRUE(is_in_subgroup(g2_generator()));
    const Mpz r(kRHex);
    Mpz rm1;
    mpz_sub_ui(rm1.v, r.v, 1);
    EXPECT_EQ(mul(g1_generator(), scalar_from_mpz(rm1)), neg(g1_generator()));
    EXPECT_EQ(mul(g2_generator(), scalar_from_mpz(rm1)), neg(g2_generator()));
    EXPECT_TRUE(mul(g1_generator(), scalar_from_mpz(r)).infinity);
}

// A point of E(Fp) (not necessarily in G1) with the smallest x >= start.
G1Affine curve_point_from(uint64_t start) {
    for (uint64_t x = start;; ++x) {
        const Fp fx = fp_from_limbs(std::array<uint64_t, 6>{x, 0, 0, 0, 0, 0}.data());
        const Fp rhs = add(mul(sqr(fx), fx), fp_from_limbs(std::array<uint64_t, 6>{4, 0, 0, 0, 0, 0}.data()));
        if (auto y = sqrt(rhs)) return G1Affine{fx, *y, false};
    }
}

TEST(Bls12381Curve, EndomorphismSubgroupTestAgreesWithMultiplicationByR) {
    const Mpz r(kRHex);
    const Scalar rs = scalar_from_mpz(r);
    // Cofactor h1 = (x - 1)^2 / 3 = 3 * 11^2 * 10177^2 * 859267^2 * 52437899^2.
    const Mpz h1("396c8c005555e1568c00aaab0000aaab");
    const unsigned long primes[] = {3, 11, 10177, 859267, 52437899};
    size_t in = 0, out = 0;
    for (uint64_t start = 1; start < 400; start += 40) {
        const G1Affine q = curve_point_from(start);
        ASSERT_TRUE(is_on_curve(q));
        const G1Affine torsion = mul(q, rs);  // the cofactor-torsion part of q
        std::vector<G1Affine> points = {q, torsion, add(torsion, g1_generator()),
                                        mul(q, scalar_from_mpz(h1))};
        for (unsigned long l : primes) {
            Mpz k;
            mpz_divexact_ui(k.v, h1.v, l);
            const G1Affine t = mul(torsion, scalar_from_mpz(k));
            points.push_back(t);
            points.push_back(add(t, g1_generator()));
        }
        for (const G1Affine& p : points) {
            const bool slow = is_in_subgroup_slow(p);
            EXPECT_EQ(is_in_subgroup(p), slow);
            (slow ? in : out) += 1;
        }
    }
    EXPECT_GT(in, 10u);  // [h1]q, and torsion parts that vanished
    EXPECT_GT(out, 35u);  // q, its torsion part (+ G), and non-trivial l-torsion points
}

// A point of E'(Fp2) (not necessarily in G2) with x = (n, 1) for the smallest n >= start.
G2Affine g2_curve_point_from(uint64_t start) {
    const Fp one = fp_one();
    const Fp four = fp_from_limbs(std::array<uint64_t, 6>{4, 0, 0, 0, 0, 0}.data());
    for (uint64_t n = start;; ++n) {
        const Fp2 x{fp_from_limbs(std::array<uint64_t, 6>{n, 0, 0, 0, 0, 0}.data()), one};
        if (auto y = sqrt(add(mul(sqr(x), x), Fp2{four, four}))) return G2Affine{x, *y, false};
    }
}

// [k]P for a k of any size: 64 bits at a time, [2^64] acc + [limb] P.
G2Affine mul_big(const G2Affine& p, const Mpz& k) {
    std::vector<uint64_t> limbs(mpz_sizeinbase(k.v, 2) / 64 + 1, 0);
    mpz_export(limbs.data(), nullptr, -1, sizeof(uint64_t), 0, 0, k.v);
    G2Affine acc{{fp_zero(), fp_zero()}, {fp_zero(), fp_zero()}, true};
    for (size_t i = limbs.size(); i-- > 0;)
        acc = add(mul(acc, Scalar{{0, 1, 0, 0}}), mul(p, Scalar{{limbs[i], 0, 0, 0}}));
    return acc;
}

TEST(Bls12381Curve, G2EndomorphismSubgroupTestAgreesWithMultiplicationByR) {
    const Mpz r(kRHex);
    const Scalar rs = scalar_from_mpz(r);
    // The G2 cofactor h2 = 13^2 * 23^2 * 2713 * 11953 * 262069 * (a 119-digit prime).
    const Mpz h2(
        "5d543a95414e7f1091d50792876a202cd91de4547085abaa68a205b2e5a7ddfa628f1cb4d9e82ef21537e293a66"
        "91ae1616ec6e786f0c70cf1c38e31c7238e5");
    const unsigned long primes[] = {13, 23, 2713, 11953, 262069};
    size_t in = 0, out = 0;
    for (uint64_t start = 1; start < 60; start += 20) {
        const G2Affine q = g2_curve_point_from(start);
        ASSERT_TRUE(is_on_curve(q));
        const G2Affine torsion = mul(q, rs);
        ASSERT_TRUE(mul_big(torsion, h2).infinity);  // h2 is the cofactor
        std::vector<G2Affine> points = {q, torsion, add(torsion, g2_generator()), mul_big(q, h2),
                                        g2_generator(), neg(g2_generator())};
        for (unsigned long l : primes) {
            Mpz k;
            mpz_divexact_ui(k.v, h2.v, l);
            const G2Affine t = mul_big(torsion, k);
            points.push_back(t);
            points.push_back(add(t, g2_generator()));
        }
        for (const G2Affine& p : points) {
            const bool slow = is_in_subgroup_slow(p);
            EXPECT_EQ(is_in_subgroup(p), slow);
            (slow ? in : out) += 1;
        }
    }
    EXPECT_GE(in, 9u);    // [h2]q and the generators
    EXPECT_GT(out, 25u);  // q, its torsion part (+ G), and non-trivial l-torsion points
}

TEST(Bls12381Curve, PsiActsOnG2AsMultiplicationByX) {
    // psi(Q) = [p]Q = [x]Q on G2 (p = x mod r), and psi is additive.
    const G2Affine g = g2_generator();
    const G2Jacobian gj = to_jacobian(g);
    const G2Affine x_g = neg(mul(g, Scalar{{0xd201000000010000, 0, 0, 0}}));
    EXPECT_EQ(to_affine(psi(gj)), x_g);
    const G2Affine q = g2_curve_point_from(5);
    const G2Jacobian qj = to_jacobian(q);
    EXPECT_EQ(to_affine(psi(add(qj, gj))), to_affine(add(psi(qj), psi(gj))));
    EXPECT_TRUE(is_on_curve(to_affine(psi(qj))));
}

TEST(Bls12381Curve, JacobianOperationsMatchAffine) {
    const G1Affine g = g1_generator();
    const G1Jacobian gj = to_jacobian(g);
    const Scalar five{{5, 0, 0, 0}};
    EXPECT_EQ(to_affine(dbl(gj)), add(g, g));
    EXPECT_EQ(to_affine(add(dbl(gj), gj)), mul(g, Scalar{{3, 0, 0, 0}}));
    EXPECT_EQ(to_affine(mul(gj, five)), mul(g, five));
    EXPECT_TRUE(to_affine(add(gj, neg(gj))).infinity);
    EXPECT_EQ(to_affine(add(to_jacobian(G1Affine{fp_zero(), fp_zero(), true}), gj)), g);
    const G2Affine h = g2_generator();
    const G2Jacobian hj = to_jacobian(h);
    EXPECT_EQ(to_affine(add(dbl(hj), hj)), mul(h, Scalar{{3, 0, 0, 0}}));
    EXPECT_EQ(to_affine(mul(hj, five)), mul(h, five));
    EXPECT_TRUE(to_affine(add(hj, neg(hj))).infinity);
}

TEST(Bls12381Curve, GroupLawIsConsistentWithScalarMultiplication) {
    const G1Affine g = g1_generator();
    const G2Affine h = g2_generator();
    const Scalar five{{5, 0, 0, 0}};
    const Scalar two{{2, 0, 0, 0}};
    const Scalar three{{3, 0, 0, 0}};
    EXPECT_EQ(add(mul(g, two), mul(g, three)), mul(g, five));
    EXPECT_EQ(add(mul(h, two), mul(h, three)), mul(h, five));
    EXPECT_EQ(add(g, g), mul(g, two));
    EXPECT_TRUE(add(g, neg(g)).infinity);
    EXPECT_TRUE(is_on_curve(mul(h, five)));
}

TEST(Bls12381Curve, LinearCombinationMatchesSeparateMultiplications) {
    const Mpz r(kRHex);
    Rng rng;
    Mpz k;
    std::vector<G1Affine> points;
    std::vector<Scalar> scalars;
    G1Affine want{fp_zero(), fp_zero(), true};
    for (int i = 0; i < 6; ++i) {  // more than one batch of four
        rng.below(k, r);
        const Scalar s = scalar_from_mpz(k);
        const G1Affine p = mul(g1_generator(), Scalar{{static_cast<uint64_t>(i) + 2, 0, 0, 0}});
        points.push_back(p);
        scalars.push_back(s);
        want = add(want, mul(p, s));
    }
    points.push_back(G1Affine{fp_zero(), fp_zero(), true});
    scalars.push_back(Scalar{{7, 0, 0, 0}});
    EXPECT_EQ(linear_combination(points, scalars), want);
    const G1Affine g = g1_generator();
    const G1Affine two[2] = {g, neg(g)};
    const Scalar same[2] = {{{5, 0, 0, 0}}, {{5, 0, 0, 0}}};
    EXPECT_TRUE(linear_combination(two, same).infinity);
}

TEST(Bls12381Encoding, GeneratorsCompressToThePublishedBytes) {
    std::array<uint8_t, 48> g1{};
    encode_g1(g1_generator(), g1.data());
    EXPECT_EQ(to_hex(BytesView(g1.data(), g1.size()), false),
              "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb");
    std::array<uint8_t, 96> g2{};
    encode_g2(g2_generator(), g2.data());
    EXPECT_EQ(to_hex(BytesView(g2.data(), g2.size()), false),
              "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"
              "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8");
    const auto d1 = decode_g1(g1.data());
    ASSERT_TRUE(d1.has_value());
    EXPECT_EQ(*d1, g1_generator());
    const auto d2 = decode_g2(g2.data());
    ASSERT_TRUE(d2.has_value());
    EXPECT_EQ(*d2, g2_generator());
    // The sign bit selects the other root: the negated generator.
    g1[0] ^= 0x20;
    g2[0] ^= 0x20;
    EXPECT_EQ(*decode_g1(g1.data()), neg(g1_generator()));
    EXPECT_EQ(*decode_g2(g2.data()), neg(g2_generator()));
}

TEST(Bls12381Encoding, DecodeRejectsMalformedAndOutOfSubgroupPoints) {
    std::array<uint8_t, 48> buf{};
    buf[0] = 0xc0;
    const auto inf = decode_g1(buf.data());
    ASSERT_TRUE(inf.has_value());
    EXPECT_TRUE(inf->infinity);
    buf[47] = 1;  // infinity with a non-zero x
    EXPECT_FALSE(decode_g1(buf.data()).has_value());
    buf[47] = 0;
    buf[0] = 0xe0;  // infinity with the sign bit
    EXPECT_FALSE(decode_g1(buf.data()).has_value());
    buf[0] = 0x40;  // infinity without the compression bit
    EXPECT_FALSE(decode_g1(buf.data()).has_value());
    // x = 0: (0, 2) is on the curve but has order 3, outside the r-order subgroup.
    buf[0] = 0x80;
    EXPECT_FALSE(decode_g1(buf.data()).has_value());
    // x = p (flags set): not canonical.
    ASSERT_TRUE(from_hex_exact(kPHex, buf.data(), 48).has_value());
    buf[0] |= 0x80;
    EXPECT_FALSE(decode_g1(buf.data()).has_value());
    // The G1 generator without the compression bit.
    std::array<uint8_t, 48> g{};
    encode_g1(g1_generator(), g.data());
    g[0] &= 0x7f;
    EXPECT_FALSE(decode_g1(g.data()).has_value());
    std::array<uint8_t, 96> g2{};
    g2[0] = 0xc0;
    EXPECT_TRUE(decode_g2(g2.data())->infinity);
    g2[95] = 1;
    EXPECT_FALSE(decode_g2(g2.data()).has_value());
}

TEST(Bls12381Pairing, IsBilinearAndNonDegenerate) {
    const Mpz r(kRHex);
    Rng rng;
    Mpz a, b, ab, neg_ab;
    rng.below(a, r);
    rng.below(b, r);
    mpz_mul(ab.v, a.v, b.v);
    mpz_mod(ab.v, ab.v, r.v);
    mpz_sub(neg_ab.v, r.v, ab.v);
    const G1Affine p = g1_generator();
    const G2Affine q = g2_generator();
    const Fp12 e = pairing(p, q);
    EXPECT_NE(e, fp12_one());
    const Scalar abs = scalar_from_mpz(ab);
    EXPECT_EQ(pairing(mul(p, scalar_from_mpz(a)), mul(q, scalar_from_mpz(b))), pow(e, abs.limbs));
    EXPECT_EQ(pow(e, scalar_from_mpz(r).limbs), fp12_one());
    // e(aP, bQ) * e(-abP, Q) == 1, and not with ab + 1.
    const PairingInput good[2] = {{mul(p, scalar_from_mpz(a)), mul(q, scalar_from_mpz(b))},
                                  {mul(p, scalar_from_mpz(neg_ab)), q}};
    EXPECT_TRUE(pairing_check(good));
    const PairingInput bad[2] = {good[0], {add(good[1].p, p), q}};
    EXPECT_FALSE(pairing_check(bad));
    // The same checks with prepared G2 points.
    const G2Prepared qb = prepare_g2(good[0].q);
    const G2Prepared q1 = prepare_g2(q);
    const PreparedPairingInput good_prepared[2] = {{good[0].p, &qb}, {good[1].p, &q1}};
    EXPECT_TRUE(pairing_check(good_prepared));
    const PreparedPairingInput bad_prepared[2] = {{good[0].p, &qb}, {bad[1].p, &q1}};
    EXPECT_FALSE(pairing_check(bad_prepared));
    EXPECT_EQ(miller_loop(good_prepared), miller_loop(good));
    // Identity pairs contribute 1.
    const PairingInput with_identity[3] = {good[0], {G1Affine{fp_zero(), fp_zero(), true}, q},
                                           good[1]};
    EXPECT_TRUE(pairing_check(with_identity));
}

}  // namespace
}  // namespace yao::evm::bls12_381
