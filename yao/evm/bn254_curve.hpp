// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Internal to the bn254 precompiles (and their tests): the groups of alt_bn128 and the pairing.
//   G1: y^2 = x^3 + 3 over Fp (prime order r, cofactor 1)
//   G2: the r-torsion of the sextic (D-type) twist y^2 = x^3 + 3 / xi over Fp2, xi = 9 + i

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "bn254_field.hpp"

namespace yao::evm::bn254::detail {

/// The group order r, little-endian limbs.
inline constexpr uint64_t kR[4] = {0x43e1f593f0000001, 0x2833e84879b97091, 0xb85045b68181585d,
                                   0x30644e72e131a029};

/// beta, a primitive cube root of unity in Fp (plain integer): (x, y) -> (beta x, y) is the
/// multiplication by lambda = -(6u^2 + 4u + 1) / (2u + 1) mod r on G1, used by g1_mul (GLV).
inline constexpr uint64_t kGlvBeta[4] = {0x5763473177fffffe, 0xd4f263f1acdb5c4f, 0x59e26bcea0d48bac,
                                         0};

/// The curve constant of G1: 3.
inline constexpr Fp kG1B = fp_from_u64(3);
/// The curve constant of the twist: 3 / (9 + i).
inline constexpr Fp2 kG2B =
    mul(Fp2{fp_from_u64(3), kFpZero}, inv_fermat(Fp2{fp_from_u64(9), kFpOne}));

/// A point in affine coordinates; the point at infinity is not representable.
template <class F>
struct Affine {
    F x, y;
};

/// A point in Jacobian coordinates (x = X / Z^2, y = Y / Z^3); Z = 0 is the point at infinity.
template <class F>
struct Jacobian {
    F x, y, z;
};

using G1Affine = Affine<Fp>;
using G2Affine = Affine<Fp2>;
using G1 = Jacobian<Fp>;
using G2 = Jacobian<Fp2>;

/// b of y^2 = x^3 + b: 3 for G1 (F = Fp), 3 / xi for the twist (F = Fp2).
template <class F>
constexpr F curve_b() noexcept {
    if constexpr (std::is_same_v<F, Fp>)
        return kG1B;
    else
        return kG2B;
}

template <class F>
constexpr F field_one() noexcept {
    if constexpr (std::is_same_v<F, Fp>)
        return kFpOne;
    else
        return kFp2One;
}

/// y^2 == x^3 + b.
template <class F>
bool is_on_curve(const Affine<F>& p) noexcept {
    return sqr(p.y) == add(mul(sqr(p.x), p.x), curve_b<F>());
}

template <class F>
constexpr Jacobian<F> to_jacobian(const Affine<F>& p) noexcept {
    return {p.x, p.y, field_one<F>()};
}

template <class F>
constexpr Jacobian<F> infinity() noexcept {
    return {field_one<F>(), field_one<F>(), F{}};
}

template <class F>
constexpr bool is_infinity(const Jacobian<F>& p) noexcept {
    return is_zero(p.z);
}

template <class F>
constexpr Jacobian<F> negate(const Jacobian<F>& p) noexcept {
    return {p.x, neg(p.y), p.z};
}

/// 2p (dbl-2009-l, a = 0: 2M + 5S).
template <class F>
Jacobian<F> jac_double(const Jacobian<F>& p) noexcept {
    const F a = sqr(p.x);
    const F b = sqr(p.y);
    const F c = sqr(b);
    const F d = dbl(sub(sub(sqr(add(p.x, b)), a), c));
    const F e = add(dbl(a), a);
    const F f = sqr(e);
    const F x3 = sub(f, dbl(d));
    const F c8 = dbl(dbl(dbl(c)));
    const F y3 = sub(mul(e, sub(d, x3)), c8);
    const F z3 = dbl(mul(p.y, p.z));
    return {x3, y3, z3};
}

/// p + q for any p and q (add-2007-bl, with the equal and opposite cases).
template <class F>
Jacobian<F> jac_add(const Jacobian<F>& p, const Jacobian<F>& q) noexcept {
    if (is_infinity(p)) return q;
    if (is_infinity(q)) return p;
    const F z1z1 = sqr(p.z);
    const F z2z2 = sqr(q.z);
    const F u1 = mul(p.x, z2z2);
    const F u2 = mul(q.x, z1z1);
    const F s1 = mul(mul(p.y, q.z), z2z2);
    const F s2 = mul(mul(q.y, p.z), z1z1);
    const F h = sub(u2, u1);
    const F rr = sub(s2, s1);
    if (is_zero(h)) return is_zero(rr) ? jac_double(p) : infinity<F>();
    const F i = sqr(dbl(h));
    const F j = mul(h, i);
    const F r = dbl(rr);
    const F v = mul(u1, i);
    const F x3 = sub(sub(sqr(r), j), dbl(v));
    const F y3 = sub(mul(r, sub(v, x3)), dbl(mul(s1, j)));
    const F z3 = mul(sub(sub(sqr(add(p.z, q.z)), z1z1), z2z2), h);
    return {x3, y3, z3};
}

/// The width-5 NAF of a little-endian k < 2^255, least significant digit first: odd digits in
/// [-15, 15] or 0. Returns the number of digits (at most 256); the last one is positive.
inline int wnaf5(const uint64_t k[4], int8_t digits[256]) noexcept {
    constexpr int kWindow = 5;
    int len = 0;
    uint64_t e[4] = {k[0], k[1], k[2], k[3]};
    while ((e[0] | e[1] | e[2] | e[3]) != 0) {
        int d = 0;
        if (e[0] & 1) {
            d = static_cast<int>(e[0] & ((1u << kWindow) - 1));
            if (d >= (1 << (kWindow - 1))) d -= 1 << kWindow;
            // e -= d, leaving the low kWindow bits zero.
            if (d > 0) {
                e[0] -= static_cast<uint64_t>(d);  // no borrow: the low bits were exactly d
            } else {
                uint64_t carry = 0;
                e[0] = addc(e[0], static_cast<uint64_t>(-d), carry);
                for (int i = 1; i < 4; ++i) e[i] = addc(e[i], 0, carry);
            }
        }
        digits[len++] = static_cast<int8_t>(d);
        e[0] = (e[0] >> 1) | (e[1] << 63);
        e[1] = (e[1] >> 1) | (e[2] << 63);
        e[2] = (e[2] >> 1) | (e[3] << 63);
        e[3] >>= 1;
    }
    return len;
}

/// The odd multiples p, 3p, ..., 15p (the wnaf5 table).
template <class F>
void odd_multiples(const Jacobian<F>& p, Jacobian<F> table[8]) noexcept {
    table[0] = p;
    const Jacobian<F> p2 = jac_double(p);
    for (int i = 1; i < 8; ++i) table[i] = jac_add(table[i - 1], p2);
}

/// acc + d * p for a wnaf5 digit d and the odd-multiple table of p.
template <class F>
Jacobian<F> add_digit(const Jacobian<F>& acc, int d, const Jacobian<F> table[8]) noexcept {
    if (d > 0) return jac_add(acc, table[d / 2]);
    if (d < 0) return jac_add(acc, negate(table[-d / 2]));
    return acc;
}

/// k * p for a little-endian 256-bit k < 2^255 (width-5 NAF).
template <class F>
Jacobian<F> jac_scalar_mul(const Jacobian<F>& p, const uint64_t k[4]) noexcept {
    int8_t digits[256];
    const int len = wnaf5(k, digits);
    if (len == 0 || is_infinity(p)) return infinity<F>();
    Jacobian<F> table[8];
    odd_multiples(p, table);
    Jacobian<F> acc = table[digits[len - 1] / 2];
    for (int i = len - 2; i >= 0; --i) acc = add_digit(jac_double(acc), digits[i], table);
    return acc;
}

/// The affine form of p; false for the point at infinity.
template <class F>
bool to_affine(const Jacobian<F>& p, Affine<F>& out) noexcept {
    if (is_infinity(p)) return false;
    const F zi = inv(p.z);
    const F zi2 = sqr(zi);
    out = {mul(p.x, zi2), mul(mul(p.y, zi2), zi)};
    return true;
}

/// k * p in G1 for any 256-bit k (reduced mod r first; every curve point has order r).
G1 g1_mul(const G1& p, const uint64_t k[4]) noexcept;

/// r * q == O: q lies in the order-r subgroup of the twist.
bool g2_in_subgroup(const G2Affine& q) noexcept;

/// One (P, Q) pair of the pairing; neither is the point at infinity.
struct PairingTerm {
    G1Affine p;
    G2Affine q;
};

/// The Miller loop of the optimal ate pairing, multiplied over all the pairs.
Fp12 miller_loop(const PairingTerm* terms, size_t n) noexcept;

/// f^((p^12 - 1) / r).
Fp12 final_exponentiation(const Fp12& f) noexcept;

/// prod e(P_i, Q_i) == 1 (empty: true).
bool pairing_product_is_one(const PairingTerm* terms, size_t n) noexcept;

}  // namespace yao::evm::bn254::detail
