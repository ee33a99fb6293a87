// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <algorithm>

#include "bn254_curve.hpp"

namespace yao::evm::bn254::detail {

namespace {

// GLV (Gallant-Lambert-Vanstone): phi(x, y) = (beta x, y), beta^3 = 1 in Fp, is the
// multiplication by lambda = -(6u^2 + 4u + 1) / (2u + 1) mod r on G1 (lambda^2 + lambda + 1 = 0),
// so k P = k1 P + k2 phi(P) with k = k1 + k2 lambda mod r and |k1|, |k2| < 2^129: half the
// doublings. The lattice of (a, b) with a + b lambda = 0 mod r has the short basis
// v1 = (2u + 1, -(6u^2 + 2u)), v2 = (6u^2 + 4u + 1, 2u + 1) of determinant r. With
// c1 = floor(k g1 / 2^256), g1 = floor(2^256 (2u + 1) / r) and
// c2 = floor(k g2 / 2^256), g2 = floor(2^256 (6u^2 + 2u) / r), each c_i is at most 2 below the
// exact k b / r, so
//   k1 = k - c1 (2u + 1) - c2 (6u^2 + 4u + 1)  in [0, 2^129)
//   k2 = c1 (6u^2 + 2u) - c2 (2u + 1)           in (-2^129, 2^129).
constexpr U128 kUWide = 4965661367192848881;
constexpr U128 kA1 = 2 * kUWide + 1;                    // 2u + 1
constexpr U128 kB1 = 6 * kUWide * kUWide + 2 * kUWide;  // 6u^2 + 2u
constexpr U128 kA2 = kB1 + kA1;                         // 6u^2 + 4u + 1

struct Limbs {
    uint64_t v[4];
};

constexpr Limbs limbs_of(U128 x) {
    return {{static_cast<uint64_t>(x), static_cast<uint64_t>(x >> 64), 0, 0}};
}

/// floor(n 2^256 / r) by binary long division (compile time only).
constexpr Limbs div_by_r(U128 n) {
    Limbs q{{0, 0, 0, 0}};
    uint64_t rem[4] = {0, 0, 0, 0};
    for (int bit = 383; bit >= 0; --bit) {
        // rem = 2 rem + (bit of n 2^256); rem < r < 2^254 keeps this within 4 limbs.
        const uint64_t in = bit >= 256 ? static_cast<uint64_t>(n >> (bit - 256)) & 1 : 0;
        for (int i = 3; i > 0; --i) rem[i] = (rem[i] << 1) | (rem[i - 1] >> 63);
        rem[0] = (rem[0] << 1) | in;
        uint64_t d[4];
        uint64_t borrow = 0;
        for (int i = 0; i < 4; ++i) d[i] = subb(rem[i], kR[i], borrow);
        if (borrow == 0) {
            for (int i = 0; i < 4; ++i) rem[i] = d[i];
            q.v[bit / 64] |= uint64_t{1} << (bit % 64);
        }
    }
    return q;
}

constexpr Limbs kA1Limbs = limbs_of(kA1);
constexpr Limbs kB1Limbs = limbs_of(kB1);
constexpr Limbs kA2Limbs = limbs_of(kA2);
constexpr Limbs kGlvG1 = div_by_r(kA1);
constexpr Limbs kGlvG2 = div_by_r(kB1);

constexpr Fp kBetaMont = to_mont(kGlvBeta);

/// The low 256 bits of a * b.
void mul_lo(const uint64_t a[4], const uint64_t b[4], uint64_t out[4]) noexcept {
    uint64_t t[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4; ++i) {
        uint64_t hi = 0;
        for (int j = 0; i + j < 4; ++j) {
            const U128 acc = U128{a[j]} * b[i] + t[i + j] + hi;
            t[i + j] = static_cast<uint64_t>(acc);
            hi = static_cast<uint64_t>(acc >> 64);
        }
    }
    std::copy_n(t, 4, out);
}

/// floor(a * b / 2^256).
void mul_hi(const uint64_t a[4], const uint64_t b[4], uint64_t out[4]) noexcept {
    uint64_t t[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < 4; ++i) {
        uint64_t hi = 0;
        for (int j = 0; j < 4; ++j) {
            const U128 acc = U128{a[j]} * b[i] + t[i + j] + hi;
            t[i + j] = static_cast<uint64_t>(acc);
            hi = static_cast<uint64_t>(acc >> 64);
        }
        t[i + 4] = hi;
    }
    std::copy_n(t + 4, 4, out);
}

void sub256(uint64_t a[4], const uint64_t b[4]) noexcept {
    uint64_t borrow = 0;
    for (int i = 0; i < 4; ++i) a[i] = subb(a[i], b[i], borrow);
}

/// |a| of a two's complement 256-bit a, and whether it was negative.
bool abs256(uint64_t a[4]) noexcept {
    if ((a[3] >> 63) == 0) return false;
    uint64_t borrow = 0;
    const uint64_t zero[4] = {0, 0, 0, 0};
    uint64_t t[4];
    for (int i = 0; i < 4; ++i) t[i] = subb(zero[i], a[i], borrow);
    std::copy_n(t, 4, a);
    return true;
}

}  // namespace

G1 g1_mul(const G1& p, const uint64_t k[4]) noexcept {
    // Every point of y^2 = x^3 + 3 over Fp has order r (cofactor 1): reduce k mod r (k < 6r).
    uint64_t e[4] = {k[0], k[1], k[2], k[3]};
    for (;;) {
        uint64_t d[4];
        uint64_t borrow = 0;
        for (int i = 0; i < 4; ++i) d[i] = subb(e[i], kR[i], borrow);
        if (borrow != 0) break;
        std::copy_n(d, 4, e);
    }
    if (is_infinity(p) || (e[0] | e[1] | e[2] | e[3]) == 0) return infinity<Fp>();

    uint64_t c1[4], c2[4], t[4];
    mul_hi(e, kGlvG1.v, c1);
    mul_hi(e, kGlvG2.v, c2);
    uint64_t k1[4] = {e[0], e[1], e[2], e[3]};
    mul_lo(c1, kA1Limbs.v, t);
    sub256(k1, t);
    mul_lo(c2, kA2Limbs.v, t);
    sub256(k1, t);
    uint64_t k2[4];
    mul_lo(c1, kB1Limbs.v, k2);
    mul_lo(c2, kA1Limbs.v, t);
    sub256(k2, t);
    const bool neg1 = abs256(k1);
    const bool neg2 = abs256(k2);

    int8_t d1[256], d2[256];
    const int len1 = wnaf5(k1, d1);
    const int len2 = wnaf5(k2, d2);
    G1 t1[8], t2[8];  // odd multiples of +-P and of +-phi(P)
    odd_multiples(neg1 ? negate(p) : p, t1);
    for (int i = 0; i < 8; ++i)
        t2[i] = {mul(t1[i].x, kBetaMont), neg1 == neg2 ? t1[i].y : neg(t1[i].y), t1[i].z};
    G1 acc = infinity<Fp>();
    for (int i = std::max(len1, len2) - 1; i >= 0; --i) {
        acc = jac_double(acc);
        if (i < len1) acc = add_digit(acc, d1[i], t1);
        if (i < len2) acc = add_digit(acc, d2[i], t2);
    }
    return acc;
}

namespace {

/// psi = untwist o Frobenius o twist on Jacobian twist points: conjugation commutes with the
/// division by Z^2 and Z^3, so psi(X, Y, Z) = (conj(X) gx, conj(Y) gy, conj(Z)).
G2 psi(const G2& q) noexcept {
    return {mul(conj(q.x), kTwistFrobX), mul(conj(q.y), kTwistFrobY), conj(q.z)};
}

/// psi^2(X, Y, Z) = (X g2x, -Y, Z) (xi^((p^2 - 1) / 2) = -1).
G2 psi2(const G2& q) noexcept {
    return {mul(q.x, kTwistFrob2X.c0), neg(q.y), q.z};
}

bool jac_equal(const G2& a, const G2& b) noexcept {
    if (is_infinity(a) || is_infinity(b)) return is_infinity(a) && is_infinity(b);
    const Fp2 za2 = sqr(a.z);
    const Fp2 zb2 = sqr(b.z);
    return mul(a.x, zb2) == mul(b.x, za2) && mul(a.y, mul(zb2, b.z)) == mul(b.y, mul(za2, a.z));
}

}  // namespace

// Q in G2 <=> r Q = O, tested as [u + 1]Q + psi([u]Q) + psi^2([u]Q) == psi^3([2u]Q)
// (Dai, Lin, Zhao, Zhou, "Fast subgroup membership testings for G1, G2 and GT on pairing-friendly
// curves", eprint 2022/348; also gnark-crypto's bn254 check): one 63-bit multiplication instead
// of a 254-bit one. Why it is exact: psi satisfies psi^2 - t psi + p = 0 (t = 6u^2 + 1), so
// the test endomorphism is A + B psi with A = u + 1 - up + 2utp, B = u + ut - 2u(t^2 - p). It
// vanishes on G2, where psi acts as p mod r, and its degree A^2 + ABt + B^2 p is coprime to the
// twist cofactor 2p - r, so no other point of E'(Fp2) is in its kernel. The unit tests compare
// it with r Q == O on points inside and outside G2.
bool g2_in_subgroup(const G2Affine& q) noexcept {
    constexpr uint64_t kU[4] = {4965661367192848881, 0, 0, 0};
    const G2 qj = to_jacobian(q);
    const G2 uq = jac_scalar_mul(qj, kU);
    const G2 lhs = jac_add(jac_add(jac_add(uq, qj), psi(uq)), psi2(uq));
    const G2 rhs = psi(psi2(jac_double(uq)));
    return jac_equal(lhs, rhs);
}

}  // namespace yao::evm::bn254::detail
