// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The optimal ate pairing of alt_bn128 (Vercauteren, "Optimal pairings", 2010):
//   e(P, Q) = (f_{6u+2,Q}(P) * l_{[6u+2]Q, pi(Q)}(P) * l_{[6u+2]Q + pi(Q), -pi^2(Q)}(P))
//             ^((p^12 - 1) / r)
// with u = 4965661367192848881. Q stays on the twist in homogeneous projective coordinates;
// the line formulas are those of Costello-Lange-Naehrig and Aranha et al. (eprint 2010/354),
// derived for this D-type twist: a point (x, y) of the twist is (x w^2, y w^3) on the curve,
// so a line value is l0 + l1 w + l3 w^3 (mul_by_line). The lines are scaled by factors in Fp2
// (2YZ, lambda) to avoid inversions; such factors vanish in the final exponentiation, since
// x^(p^6 - 1) = 1 for x in Fp6.

#include <array>
#include <vector>

#include "bn254_curve.hpp"

namespace yao::evm::bn254::detail {
namespace {

constexpr uint64_t kU = 4965661367192848881;

/// The width-w NAF of k (odd digits below 2^(w-1) in magnitude), least significant first.
template <size_t N>
constexpr std::array<int8_t, N> wnaf(U128 k, int w) {
    std::array<int8_t, N> d{};
    size_t i = 0;
    while (k != 0) {
        int z = 0;
        if (k & 1) {
            z = static_cast<int>(k & ((U128{1} << w) - 1));
            if (z >= (1 << (w - 1))) z -= 1 << w;
            k = z > 0 ? k - static_cast<U128>(z) : k + static_cast<U128>(-z);
        }
        d[i++] = static_cast<int8_t>(z);
        k >>= 1;
    }
    return d;
}

constexpr size_t kLoopLen = 66;  // digits of 6u + 2 in NAF
constexpr auto kLoopNaf = wnaf<kLoopLen>(U128{6} * kU + 2, 2);
static_assert(kLoopNaf[kLoopLen - 1] == 1);

// u in width-4 NAF: 14 non-zero digits, against 24 in plain NAF.
constexpr size_t kUNafLen = 63;
constexpr auto kUNaf = wnaf<kUNafLen>(kU, 4);
static_assert(kUNaf[kUNafLen - 1] == 1);

Fp halve(const Fp& a) noexcept {
    uint64_t t[4] = {a.limbs[0], a.limbs[1], a.limbs[2], a.limbs[3]};
    uint64_t top = 0;
    if (t[0] & 1) {
        uint64_t carry = 0;
        for (int i = 0; i < 4; ++i) {
            const U128 s = U128{t[i]} + kP[i] + carry;
            t[i] = static_cast<uint64_t>(s);
            carry = static_cast<uint64_t>(s >> 64);
        }
        top = carry;
    }
    return Fp{{(t[0] >> 1) | (t[1] << 63), (t[1] >> 1) | (t[2] << 63), (t[2] >> 1) | (t[3] << 63),
               (t[3] >> 1) | (top << 63)}};
}

Fp2 halve(const Fp2& a) noexcept {
    return {halve(a.c0), halve(a.c1)};
}

/// A twist point in homogeneous projective coordinates (x = X / Z, y = Y / Z).
struct Projective {
    Fp2 x, y, z;
};

/// The per-pair state of the Miller loop.
struct Term {
    Fp2 qx, qy;    // Q
    Fp2 nqy;       // -Q's y
    Fp neg_px;     // -xP
    Fp py;         // yP
    Projective t;  // the running multiple of Q
};

constexpr Fp2 kThreeB = add(add(kG2B, kG2B), kG2B);

// T = 2T and the tangent line at T evaluated at P:
//   2YZ yP - 3X^2 xP w + (Y^2 - 3b' Z^2) w^3   (the affine line times 2YZ)
Fp12 double_step(Fp12 f, Term& s) noexcept {
    Projective& t = s.t;
    const Fp2 a = halve(mul(t.x, t.y));
    const Fp2 b = sqr(t.y);
    const Fp2 c = sqr(t.z);
    const Fp2 e = mul(c, kThreeB);
    const Fp2 f3 = add(add(e, e), e);
    const Fp2 g = halve(add(b, f3));
    const Fp2 h = sub(sqr(add(t.y, t.z)), add(b, c));
    const Fp2 xx = sqr(t.x);
    const Fp2 l0 = mul(h, s.py);
    const Fp2 l1 = mul(add(add(xx, xx), xx), s.neg_px);
    const Fp2 l3 = sub(b, e);
    const Fp2 e2 = sqr(e);
    t.x = mul(a, sub(b, f3));
    t.y = sub(sqr(g), add(add(e2, e2), e2));
    t.z = mul(b, h);
    return mul_by_line(f, l0, l1, l3);
}

// T = T + Q (Q affine) and the line through T and Q evaluated at P:
//   lambda yP - theta xP w + (theta xQ - lambda yQ) w^3
// with theta = Y - yQ Z, lambda = X - xQ Z (the affine line times lambda).
Fp12 add_step(Fp12 f, Projective& t, const Fp2& qx, const Fp2& qy, const Fp& neg_px,
              const Fp& py) noexcept {
    const Fp2 theta = sub(t.y, mul(qy, t.z));
    const Fp2 lambda = sub(t.x, mul(qx, t.z));
    const Fp2 c = sqr(theta);
    const Fp2 d = sqr(lambda);
    const Fp2 e = mul(lambda, d);
    const Fp2 ff = mul(t.z, c);
    const Fp2 g = mul(t.x, d);
    const Fp2 h = sub(add(e, ff), dbl(g));
    const Fp2 l0 = mul(lambda, py);
    const Fp2 l1 = mul(theta, neg_px);
    const Fp2 l3 = sub(mul(theta, qx), mul(lambda, qy));
    t.x = mul(lambda, h);
    t.y = sub(mul(theta, sub(g, h)), mul(t.y, e));
    t.z = mul(t.z, e);
    return mul_by_line(f, l0, l1, l3);
}

/// a^u for a in the cyclotomic subgroup, where the inverse is the conjugate and so negative
/// digits cost nothing extra.
Fp12 cyclotomic_pow_u(const Fp12& a) noexcept {
    Fp12 odd[4];  // a, a^3, a^5, a^7
    odd[0] = a;
    const Fp12 a2 = cyclotomic_sqr(a);
    for (int i = 1; i < 4; ++i) odd[i] = mul(odd[i - 1], a2);
    Fp12 r = a;  // the top digit is 1
    for (size_t i = kUNafLen - 1; i-- > 0;) {
        r = cyclotomic_sqr(r);
        const int d = kUNaf[i];
        if (d > 0)
            r = mul(r, odd[d / 2]);
        else if (d < 0)
            r = mul(r, conj(odd[-d / 2]));
    }
    return r;
}

}  // namespace

Fp12 miller_loop(const PairingTerm* terms, size_t n) noexcept {
    std::vector<Term> s(n);
    for (size_t i = 0; i < n; ++i) {
        const PairingTerm& in = terms[i];
        s[i] = {in.q.x, in.q.y, neg(in.q.y), neg(in.p.x), in.p.y, {in.q.x, in.q.y, kFp2One}};
    }
    Fp12 f = kFp12One;
    for (size_t bit = kLoopLen - 1; bit-- > 0;) {
        if (bit != kLoopLen - 2) f = sqr(f);
        for (Term& t : s) f = double_step(f, t);
        const int d = kLoopNaf[bit];
        if (d > 0) {
            for (Term& t : s) f = add_step(f, t.t, t.qx, t.qy, t.neg_px, t.py);
        } else if (d < 0) {
            for (Term& t : s) f = add_step(f, t.t, t.qx, t.nqy, t.neg_px, t.py);
        }
    }
    // The two extra lines: Q1 = pi(Q), Q2 = -pi^2(Q).
    for (Term& t : s) {
        const Fp2 q1x = mul(conj(t.qx), kTwistFrobX);
        const Fp2 q1y = mul(conj(t.qy), kTwistFrobY);
        const Fp2 q2x = mul(t.qx, kTwistFrob2X.c0);
        f = add_step(f, t.t, q1x, q1y, t.neg_px, t.py);
        f = add_step(f, t.t, q2x, t.qy, t.neg_px, t.py);
    }
    return f;
}

Fp12 final_exponentiation(const Fp12& f) noexcept {
    // Easy part: f^((p^6 - 1)(p^2 + 1)). The result lies in the cyclotomic subgroup.
    Fp12 m = mul(conj(f), inv(f));
    m = mul(frobenius(m, 2), m);

    // Hard part: (p^4 - p^2 + 1) / r = l0 + l1 p + l2 p^2 + p^3 with
    //   l2 = 6u^2 + 1, l1 = -36u^3 - 18u^2 - 12u + 1, l0 = -36u^3 - 30u^2 - 18u - 2,
    // evaluated with the vectorial addition chain of Scott et al. ("On the final
    // exponentiation for calculating pairings on ordinary elliptic curves", 2009):
    //   y0^1 y1^2 y2^6 y3^12 y4^18 y5^30 y6^36.
    const Fp12 fu = cyclotomic_pow_u(m);
    const Fp12 fu2 = cyclotomic_pow_u(fu);
    const Fp12 fu3 = cyclotomic_pow_u(fu2);
    const Fp12 y0 = mul(mul(frobenius(m, 1), frobenius(m, 2)), frobenius(m, 3));
    const Fp12 y1 = conj(m);
    const Fp12 y2 = frobenius(fu2, 2);
    const Fp12 y3 = conj(frobenius(fu, 1));
    const Fp12 y4 = conj(mul(fu, frobenius(fu2, 1)));
    const Fp12 y5 = conj(fu2);
    const Fp12 y6 = conj(mul(fu3, frobenius(fu3, 1)));
    Fp12 t0 = mul(mul(cyclotomic_sqr(y6), y4), y5);
    Fp12 t1 = mul(mul(y3, y5), t0);
    t0 = mul(t0, y2);
    t1 = cyclotomic_sqr(mul(cyclotomic_sqr(t1), t0));
    t0 = mul(t1, y1);
    t1 = mul(t1, y0);
    t0 = cyclotomic_sqr(t0);
    return mul(t0, t1);
}

bool pairing_product_is_one(const PairingTerm* terms, size_t n) noexcept {
    if (n == 0) return true;
    return final_exponentiation(miller_loop(terms, n)) == kFp12One;
}

}  // namespace yao::evm::bn254::detail
