// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The field tower of alt_bn128 against GMP and against its own definitions.

#include <gmp.h>
#include <gtest/gtest.h>

#include <vector>

#include <yao/evm/bn254_curve.hpp>
#include <yao/evm/bn254_field.hpp>
#include <yao/evm/test_util/bn254_gmp.hpp>

namespace yao::evm::bn254::test {
namespace {

TEST(Bn254Field, ConstantsMatchGmp) {
    Mpz p(kPDec), r(kRDec), t;
    uint64_t l[4];
    to_limbs(p.v, l);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(l[i], kP[i]);
    to_limbs(r.v, l);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(l[i], kR[i]);
    // p and r are the BN polynomials of u.
    Mpz u;
    mpz_set_ui(u.v, kU);
    Mpz poly;  // 36u^4 + 36u^3 + 24u^2 + 6u + 1
    mpz_set_ui(poly.v, 36);
    for (const unsigned c : {36u, 24u, 6u, 1u}) {
        mpz_mul(poly.v, poly.v, u.v);
        mpz_add_ui(poly.v, poly.v, c);
    }
    EXPECT_EQ(mpz_cmp(poly.v, p.v), 0);
    // R = 2^256 mod p and R^2 mod p.
    mpz_set_ui(t.v, 1);
    mpz_mul_2exp(t.v, t.v, 256);
    mpz_mod(t.v, t.v, p.v);
    to_limbs(t.v, l);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(l[i], kR1[i]);
    mpz_mul(t.v, t.v, t.v);
    mpz_mod(t.v, t.v, p.v);
    to_limbs(t.v, l);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(l[i], kR2[i]);
    EXPECT_EQ(kP[0] * kPInv, ~uint64_t{0});  // p * (-p^-1) = -1 mod 2^64
}

TEST(Bn254Field, FpArithmeticMatchesGmp) {
    Mpz p(kPDec), a, b, want, got;
    gmp_randstate_t state;
    gmp_randinit_mt(state);
    gmp_randseed_ui(state, 254);
    for (int i = 0; i < 2000; ++i) {
        if (i == 0) {
            mpz_set_ui(a.v, 0);
            mpz_sub_ui(b.v, p.v, 1);
        } else if (i == 1) {
            mpz_sub_ui(a.v, p.v, 1);
            mpz_sub_ui(b.v, p.v, 1);
        } else {
            mpz_urandomm(a.v, state, p.v);
            mpz_urandomm(b.v, state, p.v);
        }
        const Fp fa = fp_of(a.v);
        const Fp fb = fp_of(b.v);

        mpz_add(want.v, a.v, b.v);
        mpz_mod(want.v, want.v, p.v);
        mpz_of(add(fa, fb), got.v);
        ASSERT_EQ(mpz_cmp(want.v, got.v), 0) << "add " << i;

        mpz_sub(want.v, a.v, b.v);
        mpz_mod(want.v, want.v, p.v);
        mpz_of(sub(fa, fb), got.v);
        ASSERT_EQ(mpz_cmp(want.v, got.v), 0) << "sub " << i;

        mpz_mul(want.v, a.v, b.v);
        mpz_mod(want.v, want.v, p.v);
        mpz_of(mul(fa, fb), got.v);
        ASSERT_EQ(mpz_cmp(want.v, got.v), 0) << "mul " << i;

        mpz_mul(want.v, a.v, a.v);
        mpz_mod(want.v, want.v, p.v);
        mpz_of(sqr(fa), got.v);
        ASSERT_EQ(mpz_cmp(want.v, got.v), 0) << "sqr " << i;

        mpz_neg(want.v, b.v);
        mpz_mod(want.v, want.v, p.v);
        mpz_of(neg(fb), got.v);
        ASSERT_EQ(mpz_cmp(want.v, got.v), 0) << "neg " << i;

        if (mpz_sgn(b.v) != 0) {
            ASSERT_NE(mpz_invert(want.v, b.v, p.v), 0);
            mpz_of(inv(fb), got.v);
            ASSERT_EQ(mpz_cmp(want.v, got.v), 0) << "inv " << i;
            mpz_of(inv_fermat(fb), got.v);
            ASSERT_EQ(mpz_cmp(want.v, got.v), 0) << "inv_fermat " << i;
        }
    }
    gmp_randclear(state);
    EXPECT_EQ(inv(kFpZero), kFpZero);
    EXPECT_EQ(inv(kFpOne), kFpOne);
}

TEST(Bn254Field, EveryMultiplierMatchesGmp) {
    // The portable CIOS and both assembly versions (mulx only where the CPU has it), on
    // reduced factors and on the unreduced sums (< 2p) that Fp2 feeds them.
    Mpz p(kPDec), a, b, want, got;
    gmp_randstate_t state;
    gmp_randinit_mt(state);
    gmp_randseed_ui(state, 3);
    for (int i = 0; i < 2000; ++i) {
        mpz_urandomm(a.v, state, p.v);
        mpz_urandomm(b.v, state, p.v);
        if (i == 0) mpz_sub_ui(a.v, p.v, 1);
        if (i <= 1) mpz_sub_ui(b.v, p.v, 1);
        Fp fa = fp_of(a.v);
        Fp fb = fp_of(b.v);
        mpz_mul(want.v, a.v, b.v);
        if (i % 2 == 1) {
            // The Montgomery forms plus p: unreduced factors in [p, 2p) of the same residues.
            const Fp p_raw{{kP[0], kP[1], kP[2], kP[3]}};
            fa = add_unreduced(fa, p_raw);
            fb = add_unreduced(fb, p_raw);
        }
        mpz_mod(want.v, want.v, p.v);
        std::vector<Fp> results = {mul_portable(fa, fb)};
#if defined(__x86_64__)
        results.push_back(mul_x86(fa, fb));
        if (kHasMulx) results.push_back(mul_mulx(fa, fb));
#endif
        for (const Fp& r : results) {
            mpz_of(r, got.v);
            ASSERT_EQ(mpz_cmp(want.v, got.v), 0) << i;
        }
    }
    gmp_randclear(state);
}

TEST(Bn254Field, Fp2ArithmeticMatchesGmp) {
    // (a0 + a1 i)(b0 + b1 i) = (a0 b0 - a1 b1) + (a0 b1 + a1 b0) i, with the largest
    // coordinates first (the Karatsuba sums go unreduced into mul).
    Mpz p(kPDec), a0, a1, b0, b1, t, want0, want1, got;
    gmp_randstate_t state;
    gmp_randinit_mt(state);
    gmp_randseed_ui(state, 2);
    for (int i = 0; i < 500; ++i) {
        for (mpz_t* x : {&a0.v, &a1.v, &b0.v, &b1.v}) {
            if (i == 0)
                mpz_sub_ui(*x, p.v, 1);
            else
                mpz_urandomm(*x, state, p.v);
        }
        const Fp2 a{fp_of(a0.v), fp_of(a1.v)};
        const Fp2 b{fp_of(b0.v), fp_of(b1.v)};
        mpz_mul(want0.v, a0.v, b0.v);
        mpz_mul(t.v, a1.v, b1.v);
        mpz_sub(want0.v, want0.v, t.v);
        mpz_mod(want0.v, want0.v, p.v);
        mpz_mul(want1.v, a0.v, b1.v);
        mpz_mul(t.v, a1.v, b0.v);
        mpz_add(want1.v, want1.v, t.v);
        mpz_mod(want1.v, want1.v, p.v);
        const Fp2 prod = mul(a, b);
        mpz_of(prod.c0, got.v);
        ASSERT_EQ(mpz_cmp(want0.v, got.v), 0) << i;
        mpz_of(prod.c1, got.v);
        ASSERT_EQ(mpz_cmp(want1.v, got.v), 0) << i;
        // Square: (a0^2 - a1^2) + 2 a0 a1 i.
        mpz_mul(want0.v, a0.v, a0.v);
        mpz_mul(t.v, a1.v, a1.v);
        mpz_sub(want0.v, want0.v, t.v);
        mpz_mod(want0.v, want0.v, p.v);
        mpz_mul(want1.v, a0.v, a1.v);
        mpz_mul_ui(want1.v, want1.v, 2);
        mpz_mod(want1.v, want1.v, p.v);
        const Fp2 sq = sqr(a);
        mpz_of(sq.c0, got.v);
        ASSERT_EQ(mpz_cmp(want0.v, got.v), 0) << i;
        mpz_of(sq.c1, got.v);
        ASSERT_EQ(mpz_cmp(want1.v, got.v), 0) << i;
    }
    gmp_randclear(state);
}

TEST(Bn254Field, InverseOfStructuredValuesMatchesGmp) {
    // Small values, powers of two and their negatives: long runs of zero bits in the divsteps.
    Mpz p(kPDec), x, want, got;
    for (unsigned k = 1; k < 256; ++k) {
        for (int variant = 0; variant < 4; ++variant) {
            if (variant == 0) mpz_set_ui(x.v, k);
            if (variant == 1) mpz_sub_ui(x.v, p.v, k);
            if (variant == 2) mpz_ui_pow_ui(x.v, 2, k);
            if (variant == 3) {
                mpz_ui_pow_ui(x.v, 2, k);
                mpz_sub_ui(x.v, x.v, 1);
            }
            mpz_mod(x.v, x.v, p.v);
            if (mpz_sgn(x.v) == 0) continue;
            ASSERT_NE(mpz_invert(want.v, x.v, p.v), 0);
            mpz_of(inv(fp_of(x.v)), got.v);
            ASSERT_EQ(mpz_cmp(want.v, got.v), 0) << k << " " << variant;
        }
    }
}

TEST(Bn254Field, TowerProductsAgreeWithSquaresAndInverses) {
    Rng rng(1);
    for (int i = 0; i < 20; ++i) {
        const Fp2 a2 = rng.fp2();
        EXPECT_EQ(sqr(a2), mul(a2, a2));
        EXPECT_EQ(mul(a2, inv(a2)), kFp2One);
        EXPECT_EQ(mul_by_xi(a2), mul(a2, Fp2{fp_from_u64(9), kFpOne}));
        const Fp6 a6 = rng.fp6();
        EXPECT_EQ(sqr(a6), mul(a6, a6));
        EXPECT_EQ(mul(a6, inv(a6)), kFp6One);
        EXPECT_EQ(mul_by_v(a6), mul(a6, Fp6{kFp2Zero, kFp2One, kFp2Zero}));
        const Fp12 a12 = rng.fp12();
        EXPECT_EQ(sqr(a12), mul(a12, a12));
        EXPECT_EQ(mul(a12, inv(a12)), kFp12One);
        const Fp2 l0 = rng.fp2(), l1 = rng.fp2(), l3 = rng.fp2();
        EXPECT_EQ(mul_by_line(a12, l0, l1, l3),
                  mul(a12, Fp12{{l0, kFp2Zero, kFp2Zero}, {l1, l3, kFp2Zero}}));
    }
}

/// a^e by square and multiply (independent of the Frobenius tables and addition chains).
Fp12 pow12(const Fp12& a, const mpz_t e) {
    Fp12 r = kFp12One;
    for (size_t i = mpz_sizeinbase(e, 2); i-- > 0;) {
        r = mul(r, r);
        if (mpz_tstbit(e, i)) r = mul(r, a);
    }
    return r;
}

Fp12 pow12(const Fp12& a, const uint64_t e[4]) {
    Mpz x;
    from_limbs(e, x.v);
    return pow12(a, x.v);
}

TEST(Bn254Field, FrobeniusIsThePowerP) {
    Rng rng(2);
    const Fp12 a = rng.fp12();
    const Fp12 ap = pow12(a, kP);
    const Fp12 ap2 = pow12(ap, kP);
    const Fp12 ap3 = pow12(ap2, kP);
    EXPECT_EQ(frobenius(a, 1), ap);
    EXPECT_EQ(frobenius(a, 2), ap2);
    EXPECT_EQ(frobenius(a, 3), ap3);
}

TEST(Bn254Field, TwistFrobeniusConstantsArePowersOfXi) {
    Mpz p(kPDec), e;
    const Fp2 xi{fp_from_u64(9), kFpOne};
    uint64_t l[4];
    mpz_sub_ui(e.v, p.v, 1);
    mpz_divexact_ui(e.v, e.v, 3);
    to_limbs(e.v, l);
    const Fp2 x1 = pow(xi, l);
    EXPECT_EQ(kTwistFrobX, x1);
    mpz_sub_ui(e.v, p.v, 1);
    mpz_divexact_ui(e.v, e.v, 2);
    to_limbs(e.v, l);
    EXPECT_EQ(kTwistFrobY, pow(xi, l));
    // xi^((p^2 - 1) / 3) = (xi^((p - 1) / 3))^(p + 1), and it lies in Fp.
    mpz_add_ui(e.v, p.v, 1);
    to_limbs(e.v, l);
    EXPECT_EQ(kTwistFrob2X, pow(x1, l));
    EXPECT_TRUE(is_zero(kTwistFrob2X.c1));
    // The twist constant: b' * xi = 3.
    EXPECT_EQ(mul(kG2B, xi), (Fp2{fp_from_u64(3), kFpZero}));
}

TEST(Bn254Field, CyclotomicSquareMatchesSquare) {
    Rng rng(3);
    for (int i = 0; i < 5; ++i) {
        const Fp12 f = rng.fp12();
        Fp12 m = mul(conj(f), inv(f));  // f^(p^6 - 1)
        m = mul(frobenius(m, 2), m);    // ^(p^2 + 1)
        EXPECT_EQ(cyclotomic_sqr(m), sqr(m));
    }
}

TEST(Bn254Field, FinalExponentiationIsThePowerOfTheGroupIndex) {
    // final_exponentiation (easy part, Scott et al.'s chain for the hard part) against plain
    // square and multiply with (p^12 - 1) / r.
    Mpz p(kPDec), r(kRDec), e;
    mpz_pow_ui(e.v, p.v, 12);
    mpz_sub_ui(e.v, e.v, 1);
    ASSERT_TRUE(mpz_divisible_p(e.v, r.v));
    mpz_divexact(e.v, e.v, r.v);
    Rng rng(4);
    const Fp12 f = rng.fp12();
    const Fp12 g = final_exponentiation(f);
    EXPECT_EQ(g, pow12(f, e.v));
    EXPECT_NE(g, kFp12One);
    // The result lies in the order-r subgroup.
    EXPECT_EQ(pow12(g, r.v), kFp12One);
}

}  // namespace
}  // namespace yao::evm::bn254::test
