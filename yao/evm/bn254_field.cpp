// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "bn254_field.hpp"

namespace yao::evm::bn254::detail {
namespace {

// ---------------------------------------------------------------------------------------------
// Frobenius constants, derived from p at compile time.
//
// An Fp12 element is sum_j g_j w^j (j = 0..5, g_j in Fp2) with c0 = (g0, g2, g4) and
// c1 = (g1, g3, g5). Since w^6 = xi, (g w^j)^(p^k) = g^(p^k) * xi^(j (p^k - 1) / 6) * w^j.

/// floor(a / d) for a little-endian 4-limb a.
constexpr void div_small(const uint64_t a[4], uint64_t d, uint64_t q[4]) {
    U128 rem = 0;
    for (int i = 3; i >= 0; --i) {
        const U128 cur = (rem << 64) | a[i];
        q[i] = static_cast<uint64_t>(cur / d);
        rem = cur % d;
    }
}

struct FrobeniusConstants {
    Fp2 gamma1[6];  // xi^(j (p - 1) / 6)
    Fp2 gamma2[6];  // xi^(j (p^2 - 1) / 6), in Fp
    Fp2 gamma3[6];  // xi^(j (p^3 - 1) / 6)
};

constexpr FrobeniusConstants make_frobenius_constants() {
    const uint64_t p_minus_1[4] = {kP[0] - 1, kP[1], kP[2], kP[3]};
    uint64_t e[4];
    div_small(p_minus_1, 6, e);  // p = 1 mod 6
    const Fp2 xi{fp_from_u64(9), kFpOne};
    const Fp2 g = pow(xi, e);
    FrobeniusConstants c{};
    Fp2 gj = kFp2One;
    for (int j = 0; j < 6; ++j) {
        c.gamma1[j] = gj;
        // With x = gj = xi^(j (p - 1) / 6) in Fp2, x^p = conj(x) and x^(p^2) = x, so
        // (p^2 - 1) = (p - 1)(p + 1) gives x * conj(x) and (p^3 - 1) = (p - 1)(p^2 + p + 1)
        // gives x * conj(x) * x.
        c.gamma2[j] = mul(gj, conj(gj));
        c.gamma3[j] = mul(c.gamma2[j], gj);
        gj = mul(gj, g);
    }
    return c;
}

constexpr FrobeniusConstants kFrob = make_frobenius_constants();

// Fp6 * (b0 + b1 v): 5 Fp2 products.
Fp6 mul_by_01(const Fp6& a, const Fp2& b0, const Fp2& b1) noexcept {
    const Fp2 t0 = mul(a.c0, b0);
    const Fp2 t1 = mul(a.c1, b1);
    return {add(mul_by_xi(sub(mul(add(a.c1, a.c2), b1), t1)), t0),
            sub(sub(mul(add(a.c0, a.c1), add(b0, b1)), t0), t1),
            add(sub(mul(add(a.c0, a.c2), b0), t0), t1)};
}

Fp6 mul_by_fp2(const Fp6& a, const Fp2& b) noexcept {
    return {mul(a.c0, b), mul(a.c1, b), mul(a.c2, b)};
}

// Squaring in Fp4 = Fp2[s] / (s^2 - xi): (a + b s)^2 = (a^2 + xi b^2) + 2ab s.
void fp4_sqr(const Fp2& a, const Fp2& b, Fp2& r0, Fp2& r1) noexcept {
    const Fp2 t0 = sqr(a);
    const Fp2 t1 = sqr(b);
    r0 = add(t0, mul_by_xi(t1));
    r1 = sub(sub(sqr(add(a, b)), t0), t1);
}

}  // namespace

#if defined(__x86_64__)
const bool kHasMulx = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("adx");
}();
#endif

namespace {

// ---------------------------------------------------------------------------------------------
// Inversion: Bernstein-Yang "safegcd" divsteps (eprint 2019/266), variable time.
//
// The divstep on (delta, f odd, g):
//   delta > 0 and g odd: (delta, f, g) <- (1 - delta, g, (g - f) / 2)
//   g odd:               (delta, f, g) <- (1 + delta, f, (g + f) / 2)
//   otherwise:           (delta, f, g) <- (1 + delta, f, g / 2)
// reaches g = 0, f = +-gcd, from (1, p, x) within 736 steps for 254-bit inputs (theorem 11.2).
// Steps are batched 62 at a time on the low 64 bits only, giving a matrix
// [u v; q r] with 2^62 (f', g') = (u f + v g, q f + r g), then applied to the full values and to
// the coefficients d, e with f = d x, g = e x (mod p). Numbers are held in five signed 62-bit
// limbs so that the division by 2^62 is a one-limb shift.

__extension__ using I128 = __int128;

constexpr uint64_t kM62 = (uint64_t{1} << 62) - 1;

struct S62 {
    int64_t v[5];  // value = sum v[i] 2^(62 i); v[0..3] in [0, 2^62), v[4] signed
};

constexpr S62 to_s62(const uint64_t a[4]) noexcept {
    return {{static_cast<int64_t>(a[0] & kM62),
             static_cast<int64_t>(((a[0] >> 62) | (a[1] << 2)) & kM62),
             static_cast<int64_t>(((a[1] >> 60) | (a[2] << 4)) & kM62),
             static_cast<int64_t>(((a[2] >> 58) | (a[3] << 6)) & kM62),
             static_cast<int64_t>(a[3] >> 56)}};
}

/// The little-endian 4-limb form of x, 0 <= x < 2^256.
void from_s62(const S62& x, uint64_t out[4]) noexcept {
    const auto l = [&](int i) { return static_cast<uint64_t>(x.v[i]); };
    out[0] = l(0) | (l(1) << 62);
    out[1] = (l(1) >> 2) | (l(2) << 60);
    out[2] = (l(2) >> 4) | (l(3) << 58);
    out[3] = (l(3) >> 6) | (l(4) << 56);
}

constexpr S62 kP62 = to_s62(kP);

/// p^-1 mod 2^62.
constexpr uint64_t kPInv62 = (0 - kPInv) & kM62;
static_assert(((kP[0] * kPInv62) & kM62) == 1);

/// x += sign * p (sign = +-1) with carries normalised.
void add_p(S62& x, int64_t sign) noexcept {
    I128 c = 0;
    for (int i = 0; i < 4; ++i) {
        c += static_cast<I128>(x.v[i]) + sign * kP62.v[i];
        x.v[i] = static_cast<int64_t>(static_cast<uint64_t>(c) & kM62);
        c >>= 62;
    }
    x.v[4] = static_cast<int64_t>(c + x.v[4] + sign * kP62.v[4]);
}

/// Brings x from (-p, 2p) into [0, p).
void normalize(S62& x) noexcept {
    if (x.v[4] < 0) {
        add_p(x, 1);
        return;
    }
    S62 t = x;
    add_p(t, -1);
    if (t.v[4] >= 0) x = t;
}

struct Matrix {
    int64_t u, v, q, r;
};

/// 62 divsteps on the low words of f and g; returns the new delta.
int64_t divsteps_62(int64_t delta, uint64_t f, uint64_t g, Matrix& t) noexcept {
    int64_t u = 1, v = 0, q = 0, r = 1;
    int i = 62;
    for (;;) {
        // Runs of even g are halvings: shift them out at once.
        const int z = __builtin_ctzll(g | (uint64_t{1} << i));
        g >>= z;
        u *= int64_t{1} << z;
        v *= int64_t{1} << z;
        delta += z;
        i -= z;
        if (i == 0) break;
        // g is odd: swap (f, g) <- (g, -f) when delta > 0, then g += f (even; halved above).
        if (delta > 0) {
            delta = -delta;
            const uint64_t tf = f;
            f = g;
            g = 0 - tf;
            const int64_t tu = u, tv = v;
            u = q;
            v = r;
            q = -tu;
            r = -tv;
        }
        g += f;
        q += u;
        r += v;
    }
    t = {u, v, q, r};
    return delta;
}

/// (f, g) <- (u f + v g, q f + r g) / 2^62 (exact).
void update_fg(S62& f, S62& g, const Matrix& t) noexcept {
    I128 cf = static_cast<I128>(t.u) * f.v[0] + static_cast<I128>(t.v) * g.v[0];
    I128 cg = static_cast<I128>(t.q) * f.v[0] + static_cast<I128>(t.r) * g.v[0];
    cf >>= 62;
    cg >>= 62;
    for (int i = 1; i < 5; ++i) {
        cf += static_cast<I128>(t.u) * f.v[i] + static_cast<I128>(t.v) * g.v[i];
        cg += static_cast<I128>(t.q) * f.v[i] + static_cast<I128>(t.r) * g.v[i];
        f.v[i - 1] = static_cast<int64_t>(static_cast<uint64_t>(cf) & kM62);
        g.v[i - 1] = static_cast<int64_t>(static_cast<uint64_t>(cg) & kM62);
        cf >>= 62;
        cg >>= 62;
    }
    f.v[4] = static_cast<int64_t>(cf);
    g.v[4] = static_cast<int64_t>(cg);
}

/// (d, e) <- (u d + v e, q d + r e) / 2^62 mod p, from [0, p) into [0, p).
void update_de(S62& d, S62& e, const Matrix& t) noexcept {
    // Add md p and me p to make the low 62 bits vanish (Montgomery-style exact division).
    const auto w = [](int64_t x) { return static_cast<uint64_t>(x); };  // wrapping products
    const uint64_t lo_d = w(t.u) * w(d.v[0]) + w(t.v) * w(e.v[0]);
    const uint64_t lo_e = w(t.q) * w(d.v[0]) + w(t.r) * w(e.v[0]);
    const int64_t md = static_cast<int64_t>((0 - lo_d * kPInv62) & kM62);
    const int64_t me = static_cast<int64_t>((0 - lo_e * kPInv62) & kM62);
    I128 cd = static_cast<I128>(t.u) * d.v[0] + static_cast<I128>(t.v) * e.v[0] +
              static_cast<I128>(md) * kP62.v[0];
    I128 ce = static_cast<I128>(t.q) * d.v[0] + static_cast<I128>(t.r) * e.v[0] +
              static_cast<I128>(me) * kP62.v[0];
    cd >>= 62;
    ce >>= 62;
    for (int i = 1; i < 5; ++i) {
        cd += static_cast<I128>(t.u) * d.v[i] + static_cast<I128>(t.v) * e.v[i] +
              static_cast<I128>(md) * kP62.v[i];
        ce += static_cast<I128>(t.q) * d.v[i] + static_cast<I128>(t.r) * e.v[i] +
              static_cast<I128>(me) * kP62.v[i];
        d.v[i - 1] = static_cast<int64_t>(static_cast<uint64_t>(cd) & kM62);
        e.v[i - 1] = static_cast<int64_t>(static_cast<uint64_t>(ce) & kM62);
        cd >>= 62;
        ce >>= 62;
    }
    d.v[4] = static_cast<int64_t>(cd);
    e.v[4] = static_cast<int64_t>(ce);
    normalize(d);
    normalize(e);
}

bool is_zero(const S62& x) noexcept {
    return (x.v[0] | x.v[1] | x.v[2] | x.v[3] | x.v[4]) == 0;
}

}  // namespace

constinit const Fp2 kTwistFrobX = kFrob.gamma1[2];
constinit const Fp2 kTwistFrobY = kFrob.gamma1[3];
constinit const Fp2 kTwistFrob2X = kFrob.gamma2[2];

// safegcd on the Montgomery representation aR gives (aR)^-1; a Montgomery product with R^3
// lands on a^-1 R.
Fp inv(const Fp& a) noexcept {
    if (is_zero(a)) return a;
    S62 f = kP62;
    S62 g = to_s62(a.limbs);
    S62 d{{0, 0, 0, 0, 0}};
    S62 e{{1, 0, 0, 0, 0}};
    int64_t delta = 1;
    // 12 batches of 62 cover the 736-step bound; the loop usually ends after 7 or 8.
    for (int batch = 0; batch < 12 && !is_zero(g); ++batch) {
        Matrix t;
        delta = divsteps_62(
            delta, static_cast<uint64_t>(f.v[0]) | (static_cast<uint64_t>(f.v[1]) << 62),
            static_cast<uint64_t>(g.v[0]) | (static_cast<uint64_t>(g.v[1]) << 62), t);
        update_fg(f, g, t);
        update_de(d, e, t);
    }
    // Now f = +-1 and f = d x: x^-1 = +-d.
    if (f.v[4] < 0) {
        for (int64_t& limb : d.v) limb = -limb;
        add_p(d, 1);  // p - d, in (0, p) since d != 0
    }
    uint64_t x[4];
    from_s62(d, x);
    constexpr Fp kR3 =
        mul(Fp{{kR2[0], kR2[1], kR2[2], kR2[3]}}, Fp{{kR2[0], kR2[1], kR2[2], kR2[3]}});
    return mul(Fp{{x[0], x[1], x[2], x[3]}}, kR3);
}

Fp2 inv(const Fp2& a) noexcept {
    const Fp t = inv(add(sqr(a.c0), sqr(a.c1)));
    return {mul(a.c0, t), neg(mul(a.c1, t))};
}

// ---------------------------------------------------------------------------------------------
// Fp6

Fp6 add(const Fp6& a, const Fp6& b) noexcept {
    return {add(a.c0, b.c0), add(a.c1, b.c1), add(a.c2, b.c2)};
}

Fp6 sub(const Fp6& a, const Fp6& b) noexcept {
    return {sub(a.c0, b.c0), sub(a.c1, b.c1), sub(a.c2, b.c2)};
}

Fp6 neg(const Fp6& a) noexcept {
    return {neg(a.c0), neg(a.c1), neg(a.c2)};
}

// Karatsuba over the three coefficients: 6 Fp2 products.
Fp6 mul(const Fp6& a, const Fp6& b) noexcept {
    const Fp2 t0 = mul(a.c0, b.c0);
    const Fp2 t1 = mul(a.c1, b.c1);
    const Fp2 t2 = mul(a.c2, b.c2);
    const Fp2 c0 = add(mul_by_xi(sub(sub(mul(add(a.c1, a.c2), add(b.c1, b.c2)), t1), t2)), t0);
    const Fp2 c1 = add(sub(sub(mul(add(a.c0, a.c1), add(b.c0, b.c1)), t0), t1), mul_by_xi(t2));
    const Fp2 c2 = add(sub(sub(mul(add(a.c0, a.c2), add(b.c0, b.c2)), t0), t2), t1);
    return {c0, c1, c2};
}

// Chung-Hasan SQR2: 2 Fp2 products and 3 squarings.
Fp6 sqr(const Fp6& a) noexcept {
    const Fp2 s0 = sqr(a.c0);
    const Fp2 s1 = dbl(mul(a.c0, a.c1));
    const Fp2 s2 = sqr(add(sub(a.c0, a.c1), a.c2));
    const Fp2 s3 = dbl(mul(a.c1, a.c2));
    const Fp2 s4 = sqr(a.c2);
    return {add(s0, mul_by_xi(s3)), add(s1, mul_by_xi(s4)), sub(sub(add(add(s1, s2), s3), s0), s4)};
}

Fp6 mul_by_v(const Fp6& a) noexcept {
    return {mul_by_xi(a.c2), a.c0, a.c1};
}

Fp6 inv(const Fp6& a) noexcept {
    const Fp2 c0 = sub(sqr(a.c0), mul_by_xi(mul(a.c1, a.c2)));
    const Fp2 c1 = sub(mul_by_xi(sqr(a.c2)), mul(a.c0, a.c1));
    const Fp2 c2 = sub(sqr(a.c1), mul(a.c0, a.c2));
    const Fp2 t = add(mul(a.c0, c0), mul_by_xi(add(mul(a.c2, c1), mul(a.c1, c2))));
    return mul_by_fp2({c0, c1, c2}, inv(t));
}

// ---------------------------------------------------------------------------------------------
// Fp12

Fp12 mul(const Fp12& a, const Fp12& b) noexcept {
    const Fp6 t0 = mul(a.c0, b.c0);
    const Fp6 t1 = mul(a.c1, b.c1);
    const Fp6 c1 = sub(sub(mul(add(a.c0, a.c1), add(b.c0, b.c1)), t0), t1);
    return {add(t0, mul_by_v(t1)), c1};
}

// (a0 + a1 w)^2 = (a0^2 + v a1^2) + 2 a0 a1 w with a0^2 + v a1^2 = (a0 + a1)(a0 + v a1) - t - v t.
Fp12 sqr(const Fp12& a) noexcept {
    const Fp6 t = mul(a.c0, a.c1);
    const Fp6 c0 = sub(sub(mul(add(a.c0, a.c1), add(a.c0, mul_by_v(a.c1))), t), mul_by_v(t));
    return {c0, add(t, t)};
}

Fp12 inv(const Fp12& a) noexcept {
    const Fp6 t = inv(sub(sqr(a.c0), mul_by_v(sqr(a.c1))));
    return {mul(a.c0, t), neg(mul(a.c1, t))};
}

Fp12 conj(const Fp12& a) noexcept {
    return {a.c0, neg(a.c1)};
}

// l = L0 + L1 w with L0 = (l0, 0, 0), L1 = (l1, l3, 0); Karatsuba with sparse factors:
// 13 Fp2 products instead of 18.
Fp12 mul_by_line(const Fp12& a, const Fp2& l0, const Fp2& l1, const Fp2& l3) noexcept {
    const Fp6 t0 = mul_by_fp2(a.c0, l0);
    const Fp6 t1 = mul_by_01(a.c1, l1, l3);
    const Fp6 c1 = sub(sub(mul_by_01(add(a.c0, a.c1), add(l0, l1), l3), t0), t1);
    return {add(t0, mul_by_v(t1)), c1};
}

Fp12 frobenius(const Fp12& a, int k) noexcept {
    const Fp2* g = k == 1 ? kFrob.gamma1 : k == 2 ? kFrob.gamma2 : kFrob.gamma3;
    if (k == 2) {
        // gamma2 lies in Fp and p^2 fixes Fp2: one Fp product per coefficient limb.
        return {{a.c0.c0, mul(a.c0.c1, g[2].c0), mul(a.c0.c2, g[4].c0)},
                {mul(a.c1.c0, g[1].c0), mul(a.c1.c1, g[3].c0), mul(a.c1.c2, g[5].c0)}};
    }
    return {{conj(a.c0.c0), mul(conj(a.c0.c1), g[2]), mul(conj(a.c0.c2), g[4])},
            {mul(conj(a.c1.c0), g[1]), mul(conj(a.c1.c1), g[3]), mul(conj(a.c1.c2), g[5])}};
}

// Granger-Scott (eprint 2009/565): view Fp12 as Fp4[w] / (w^3 - s), Fp4 = Fp2[s] / (s^2 - xi),
// s = w^3, so a = A0 + A1 w + A2 w^2 with A0 = g0 + g3 s, A1 = g1 + g4 s, A2 = g2 + g5 s. For a
// in the cyclotomic subgroup:
//   a^2 = (3 A0^2 - 2 conj(A0)) + (3 s A2^2 + 2 conj(A1)) w + (3 A1^2 - 2 conj(A2)) w^2
// where conj(x + y s) = x - y s.
Fp12 cyclotomic_sqr(const Fp12& a) noexcept {
    Fp2 t0, t1, t2, t3, t4, t5;
    fp4_sqr(a.c0.c0, a.c1.c1, t0, t1);  // A0^2
    fp4_sqr(a.c1.c0, a.c0.c2, t2, t3);  // A1^2
    fp4_sqr(a.c0.c1, a.c1.c2, t4, t5);  // A2^2
    Fp12 r;
    // B0 = 3 A0^2 - 2 conj(A0)
    r.c0.c0 = add(dbl(sub(t0, a.c0.c0)), t0);
    r.c1.c1 = add(dbl(add(t1, a.c1.c1)), t1);
    // B1 = 3 s A2^2 + 2 conj(A1), s A2^2 = xi t5 + t4 s
    const Fp2 x = mul_by_xi(t5);
    r.c1.c0 = add(dbl(add(x, a.c1.c0)), x);
    r.c0.c2 = add(dbl(sub(t4, a.c0.c2)), t4);
    // B2 = 3 A1^2 - 2 conj(A2)
    r.c0.c1 = add(dbl(sub(t2, a.c0.c1)), t2);
    r.c1.c2 = add(dbl(add(t3, a.c1.c2)), t3);
    return r;
}

}  // namespace yao::evm::bn254::detail
