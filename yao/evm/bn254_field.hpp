// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Internal to the bn254 precompiles (and their tests): the field tower of alt_bn128.
//   Fp   = integers mod p, Montgomery form, 4 x 64-bit limbs
//   Fp2  = Fp[i] / (i^2 + 1)
//   Fp6  = Fp2[v] / (v^3 - xi), xi = 9 + i
//   Fp12 = Fp6[w] / (w^2 - v)
// Nothing here is constant-time: every input of the precompiles is public.

#include <cstdint>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace yao::evm::bn254::detail {

__extension__ using U128 = unsigned __int128;

/// The base field modulus p, little-endian limbs.
inline constexpr uint64_t kP[4] = {0x3c208c16d87cfd47, 0x97816a916871ca8d, 0xb85045b68181585d,
                                   0x30644e72e131a029};
/// -p^-1 mod 2^64, the Montgomery reduction factor.
inline constexpr uint64_t kPInv = 0x87d20782e4866389;
/// R^2 mod p with R = 2^256, to enter the Montgomery form.
inline constexpr uint64_t kR2[4] = {0xf32cfc5b538afa89, 0xb5e71911d44501fb, 0x47ab1eff0a417ff6,
                                    0x06d89f71cab8351f};
/// R mod p: the Montgomery form of 1.
inline constexpr uint64_t kR1[4] = {0xd35d438dc58f0d9d, 0x0a78eb28f5c70b3d, 0x666ea36f7879462c,
                                    0x0e0a77c19a07df2f};

/// An element of Fp in Montgomery form (value * 2^256 mod p), always fully reduced (< p).
struct Fp {
    uint64_t limbs[4];
    friend constexpr bool operator==(const Fp&, const Fp&) = default;
};

inline constexpr Fp kFpZero{{0, 0, 0, 0}};
inline constexpr Fp kFpOne{{kR1[0], kR1[1], kR1[2], kR1[3]}};

constexpr bool is_zero(const Fp& a) noexcept {
    return (a.limbs[0] | a.limbs[1] | a.limbs[2] | a.limbs[3]) == 0;
}

#define YAO_BN254_INLINE [[gnu::always_inline]] inline

/// a + b + carry, carry out in `carry` (one ADC on x86-64).
YAO_BN254_INLINE constexpr uint64_t addc(uint64_t a, uint64_t b, uint64_t& carry) noexcept {
#if defined(__x86_64__)
    if
        !consteval {
            unsigned long long out;
            carry = _addcarry_u64(static_cast<unsigned char>(carry), a, b, &out);
            return out;
        }
#endif
    const U128 t = U128{a} + b + carry;
    carry = static_cast<uint64_t>(t >> 64);
    return static_cast<uint64_t>(t);
}

/// a - b - borrow, borrow out in `borrow` (one SBB on x86-64).
YAO_BN254_INLINE constexpr uint64_t subb(uint64_t a, uint64_t b, uint64_t& borrow) noexcept {
#if defined(__x86_64__)
    if
        !consteval {
            unsigned long long out;
            borrow = _subborrow_u64(static_cast<unsigned char>(borrow), a, b, &out);
            return out;
        }
#endif
    const U128 t = U128{a} - b - borrow;
    borrow = static_cast<uint64_t>(t >> 64) & 1;
    return static_cast<uint64_t>(t);
}

/// r = r - p if r >= p (r < 2p), branch-free.
YAO_BN254_INLINE constexpr void reduce_once(uint64_t r[4]) noexcept {
    uint64_t borrow = 0;
    const uint64_t d0 = subb(r[0], kP[0], borrow);
    const uint64_t d1 = subb(r[1], kP[1], borrow);
    const uint64_t d2 = subb(r[2], kP[2], borrow);
    const uint64_t d3 = subb(r[3], kP[3], borrow);
    const uint64_t keep = 0 - borrow;  // all ones: r < p
    r[0] = (r[0] & keep) | (d0 & ~keep);
    r[1] = (r[1] & keep) | (d1 & ~keep);
    r[2] = (r[2] & keep) | (d2 & ~keep);
    r[3] = (r[3] & keep) | (d3 & ~keep);
}

YAO_BN254_INLINE constexpr Fp add(const Fp& a, const Fp& b) noexcept {
    // a, b < p < 2^254: the sum never carries out of 256 bits.
    uint64_t carry = 0;
    Fp r{{addc(a.limbs[0], b.limbs[0], carry), addc(a.limbs[1], b.limbs[1], carry),
          addc(a.limbs[2], b.limbs[2], carry), addc(a.limbs[3], b.limbs[3], carry)}};
    reduce_once(r.limbs);
    return r;
}

YAO_BN254_INLINE constexpr Fp sub(const Fp& a, const Fp& b) noexcept {
    uint64_t borrow = 0;
    const uint64_t d0 = subb(a.limbs[0], b.limbs[0], borrow);
    const uint64_t d1 = subb(a.limbs[1], b.limbs[1], borrow);
    const uint64_t d2 = subb(a.limbs[2], b.limbs[2], borrow);
    const uint64_t d3 = subb(a.limbs[3], b.limbs[3], borrow);
    const uint64_t mask = 0 - borrow;  // add p back on borrow
    uint64_t carry = 0;
    return Fp{{addc(d0, kP[0] & mask, carry), addc(d1, kP[1] & mask, carry),
               addc(d2, kP[2] & mask, carry), addc(d3, kP[3] & mask, carry)}};
}

YAO_BN254_INLINE constexpr Fp dbl(const Fp& a) noexcept {
    return add(a, a);
}

/// a + b without the reduction, for a, b < p: the sum is below 2p and may only feed mul, whose
/// result stays exact for factors below 2p (their product is below p * 2^256 since 4p < 2^256).
YAO_BN254_INLINE constexpr Fp add_unreduced(const Fp& a, const Fp& b) noexcept {
    uint64_t carry = 0;
    return Fp{{addc(a.limbs[0], b.limbs[0], carry), addc(a.limbs[1], b.limbs[1], carry),
               addc(a.limbs[2], b.limbs[2], carry), addc(a.limbs[3], b.limbs[3], carry)}};
}

/// a - b without the reduction, for a >= b.
YAO_BN254_INLINE constexpr Fp sub_unreduced(const Fp& a, const Fp& b) noexcept {
    uint64_t borrow = 0;
    return Fp{{subb(a.limbs[0], b.limbs[0], borrow), subb(a.limbs[1], b.limbs[1], borrow),
               subb(a.limbs[2], b.limbs[2], borrow), subb(a.limbs[3], b.limbs[3], borrow)}};
}

constexpr Fp neg(const Fp& a) noexcept {
    return is_zero(a) ? a : sub(kFpZero, a);
}

/// Montgomery product a * b / 2^256 mod p, portable CIOS (coarsely integrated operand scanning).
/// p's top limb is below 2^62, so the running sum never needs a fifth carry word (the
/// "no-carry" variant). The result is exact (and below p) for factors below 2p, since then
/// a b < p 2^256.
constexpr Fp mul_portable(const Fp& a, const Fp& b) noexcept {
    uint64_t t[4] = {0, 0, 0, 0};
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) {
        U128 acc = U128{a.limbs[0]} * b.limbs[i] + t[0];
        t[0] = static_cast<uint64_t>(acc);
        uint64_t hi = static_cast<uint64_t>(acc >> 64);
#pragma GCC unroll 3
        for (int j = 1; j < 4; ++j) {
            acc = U128{a.limbs[j]} * b.limbs[i] + t[j] + hi;
            t[j] = static_cast<uint64_t>(acc);
            hi = static_cast<uint64_t>(acc >> 64);
        }
        const uint64_t m = t[0] * kPInv;
        acc = U128{m} * kP[0] + t[0];
        uint64_t c = static_cast<uint64_t>(acc >> 64);
#pragma GCC unroll 3
        for (int j = 1; j < 4; ++j) {
            acc = U128{m} * kP[j] + t[j] + c;
            t[j - 1] = static_cast<uint64_t>(acc);
            c = static_cast<uint64_t>(acc >> 64);
        }
        t[3] = hi + c;
    }
    reduce_once(t);
    return Fp{{t[0], t[1], t[2], t[3]}};
}

#if defined(__x86_64__)
// clang-format off

// One CIOS round of mul_x86: t += a * b[i], then t = (t + m p) / 2^64 with m = -t0 / p mod 2^64.
// The five running words rotate through the register operands T0..T4 from round to round, so
// the division by 2^64 costs no moves: T0 is zero afterwards and becomes the next round's T4.
#define YAO_BN254_MAC(A, B, T)                                                                     \
    "movq " A ", %%rax\n\t"                                                                        \
    "mulq " B "\n\t"                                                                               \
    "addq %%rax, %[" T "]\n\t"                                                                     \
    "adcq $0, %%rdx\n\t"                                                                           \
    "addq %[c], %[" T "]\n\t"                                                                      \
    "adcq $0, %%rdx\n\t"                                                                           \
    "movq %%rdx, %[c]\n\t"
#define YAO_BN254_ROUND(OFF, T0, T1, T2, T3, T4)                                                   \
    "movq (%[a]), %%rax\n\t"                                                                       \
    "mulq " OFF "(%[b])\n\t"                                                                       \
    "addq %%rax, %[" T0 "]\n\t"                                                                    \
    "adcq $0, %%rdx\n\t"                                                                           \
    "movq %%rdx, %[c]\n\t"                                                                         \
    YAO_BN254_MAC("8(%[a])", OFF "(%[b])", T1)                                                     \
    YAO_BN254_MAC("16(%[a])", OFF "(%[b])", T2)                                                    \
    YAO_BN254_MAC("24(%[a])", OFF "(%[b])", T3)                                                    \
    "movq %[c], %[" T4 "]\n\t"                                                                     \
    "movq %[inv], %[m]\n\t"                                                                        \
    "imulq %[" T0 "], %[m]\n\t"                                                                    \
    "movq %[m], %%rax\n\t"                                                                         \
    "mulq %[p0]\n\t"                                                                               \
    "addq %%rax, %[" T0 "]\n\t"                                                                    \
    "adcq $0, %%rdx\n\t"                                                                           \
    "movq %%rdx, %[c]\n\t"                                                                         \
    YAO_BN254_MAC("%[m]", "%[p1]", T1)                                                             \
    YAO_BN254_MAC("%[m]", "%[p2]", T2)                                                             \
    YAO_BN254_MAC("%[m]", "%[p3]", T3)                                                             \
    "addq %[c], %[" T4 "]\n\t"

/// mul for x86-64: the CIOS rounds and the final subtraction in plain mul/adc assembly (no
/// BMI2/ADX needed). GCC's code for the unsigned __int128 version spills and runs ~3x slower.
YAO_BN254_INLINE Fp mul_x86(const Fp& a, const Fp& b) noexcept {
    uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, c, m, rax, rdx;
    __asm__(YAO_BN254_ROUND("0", "t0", "t1", "t2", "t3", "t4")
            YAO_BN254_ROUND("8", "t1", "t2", "t3", "t4", "t0")
            YAO_BN254_ROUND("16", "t2", "t3", "t4", "t0", "t1")
            YAO_BN254_ROUND("24", "t3", "t4", "t0", "t1", "t2")
            // The result (t4, t0, t1, t2) < 2p: subtract p unless that borrows.
            "movq %[t4], %%rax\n\t"
            "subq %[p0], %%rax\n\t"
            "movq %[t0], %%rdx\n\t"
            "sbbq %[p1], %%rdx\n\t"
            "movq %[t1], %[c]\n\t"
            "sbbq %[p2], %[c]\n\t"
            "movq %[t2], %[m]\n\t"
            "sbbq %[p3], %[m]\n\t"
            "cmovncq %%rax, %[t4]\n\t"
            "cmovncq %%rdx, %[t0]\n\t"
            "cmovncq %[c], %[t1]\n\t"
            "cmovncq %[m], %[t2]\n\t"
            : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "+&r"(t4),
              [c] "=&r"(c), [m] "=&r"(m), "=&a"(rax), "=&d"(rdx)
            : [a] "r"(a.limbs), [b] "r"(b.limbs), "m"(a.limbs), "m"(b.limbs), [p0] "m"(kP[0]),
              [p1] "m"(kP[1]), [p2] "m"(kP[2]), [p3] "m"(kP[3]), [inv] "m"(kPInv)
            : "cc");
    return Fp{{t4, t0, t1, t2}};
}
#undef YAO_BN254_ROUND
#undef YAO_BN254_MAC

// The same CIOS with BMI2/ADX: mulx leaves the flags alone, and adox/adcx run two independent
// carry chains (low and high product halves), so a round needs no carry shuffling.
#define YAO_BN254_MACX(A, T, TN)                                                                   \
    "mulxq " A ", %[lo], %[hi]\n\t"                                                                \
    "adoxq %[lo], %[" T "]\n\t"                                                                    \
    "adcxq %[hi], %[" TN "]\n\t"
#define YAO_BN254_ROUNDX(OFF, T0, T1, T2, T3, T4)                                                  \
    "movq " OFF "(%[b]), %%rdx\n\t"                                                                \
    "xorl %%eax, %%eax\n\t" /* rax = 0, CF = OF = 0 */                                             \
    "movq %%rax, %[" T4 "]\n\t"                                                                    \
    YAO_BN254_MACX("(%[a])", T0, T1)                                                               \
    YAO_BN254_MACX("8(%[a])", T1, T2)                                                              \
    YAO_BN254_MACX("16(%[a])", T2, T3)                                                             \
    YAO_BN254_MACX("24(%[a])", T3, T4)                                                             \
    "adoxq %%rax, %[" T4 "]\n\t"                                                                   \
    "movq %[" T0 "], %%rdx\n\t"                                                                    \
    "imulq %[inv], %%rdx\n\t"                                                                      \
    "xorl %%eax, %%eax\n\t"                                                                        \
    YAO_BN254_MACX("%[p0]", T0, T1)                                                                \
    YAO_BN254_MACX("%[p1]", T1, T2)                                                                \
    YAO_BN254_MACX("%[p2]", T2, T3)                                                                \
    YAO_BN254_MACX("%[p3]", T3, T4)                                                                \
    "adoxq %%rax, %[" T4 "]\n\t"

/// mul for x86-64 CPUs with BMI2 and ADX (see kHasMulx): about 25% faster than mul_x86.
YAO_BN254_INLINE Fp mul_mulx(const Fp& a, const Fp& b) noexcept {
    uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, lo, hi, rax, rdx;
    __asm__(YAO_BN254_ROUNDX("0", "t0", "t1", "t2", "t3", "t4")
            YAO_BN254_ROUNDX("8", "t1", "t2", "t3", "t4", "t0")
            YAO_BN254_ROUNDX("16", "t2", "t3", "t4", "t0", "t1")
            YAO_BN254_ROUNDX("24", "t3", "t4", "t0", "t1", "t2")
            "movq %[t4], %%rax\n\t"
            "subq %[p0], %%rax\n\t"
            "movq %[t0], %%rdx\n\t"
            "sbbq %[p1], %%rdx\n\t"
            "movq %[t1], %[lo]\n\t"
            "sbbq %[p2], %[lo]\n\t"
            "movq %[t2], %[hi]\n\t"
            "sbbq %[p3], %[hi]\n\t"
            "cmovncq %%rax, %[t4]\n\t"
            "cmovncq %%rdx, %[t0]\n\t"
            "cmovncq %[lo], %[t1]\n\t"
            "cmovncq %[hi], %[t2]\n\t"
            : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "+&r"(t4),
              [lo] "=&r"(lo), [hi] "=&r"(hi), "=&a"(rax), "=&d"(rdx)
            : [a] "r"(a.limbs), [b] "r"(b.limbs), "m"(a.limbs), "m"(b.limbs), [p0] "m"(kP[0]),
              [p1] "m"(kP[1]), [p2] "m"(kP[2]), [p3] "m"(kP[3]), [inv] "m"(kPInv)
            : "cc");
    return Fp{{t4, t0, t1, t2}};
}
#undef YAO_BN254_ROUNDX
#undef YAO_BN254_MACX

// clang-format on

/// Whether this CPU has BMI2 and ADX, set once during static initialisation (false before it,
/// which only selects the portable instructions).
extern const bool kHasMulx;
#endif

/// Montgomery product a * b / 2^256 mod p (factors below 2p, result below p): assembly at run
/// time on x86-64, mul_portable in constant evaluation and elsewhere.
YAO_BN254_INLINE constexpr Fp mul(const Fp& a, const Fp& b) noexcept {
#if defined(__x86_64__)
    if
        !consteval {
            return kHasMulx ? mul_mulx(a, b) : mul_x86(a, b);
        }
#endif
    return mul_portable(a, b);
}

YAO_BN254_INLINE constexpr Fp sqr(const Fp& a) noexcept {
    return mul(a, a);
}

/// The Montgomery form of the plain integer `v` (< p, little-endian limbs).
constexpr Fp to_mont(const uint64_t v[4]) noexcept {
    return mul(Fp{{v[0], v[1], v[2], v[3]}}, Fp{{kR2[0], kR2[1], kR2[2], kR2[3]}});
}

/// The Montgomery form of a small integer.
constexpr Fp fp_from_u64(uint64_t v) noexcept {
    const uint64_t limbs[4] = {v, 0, 0, 0};
    return to_mont(limbs);
}

/// The plain integer value of `a` (little-endian limbs).
constexpr void from_mont(const Fp& a, uint64_t out[4]) noexcept {
    const Fp r = mul(a, Fp{{1, 0, 0, 0}});
    for (int i = 0; i < 4; ++i) out[i] = r.limbs[i];
}

/// a^e for a little-endian 4-limb exponent (square and multiply; for constants and tests).
constexpr Fp pow(const Fp& a, const uint64_t e[4]) noexcept {
    Fp r = kFpOne;
    for (int i = 255; i >= 0; --i) {
        r = sqr(r);
        if ((e[i / 64] >> (i % 64)) & 1) r = mul(r, a);
    }
    return r;
}

/// a^-1 by Fermat (a^(p-2)); constexpr, for constants. inv(0) = 0.
constexpr Fp inv_fermat(const Fp& a) noexcept {
    const uint64_t e[4] = {kP[0] - 2, kP[1], kP[2], kP[3]};
    return pow(a, e);
}

/// a^-1 (0 for a = 0): a variable-time binary extended GCD, several times faster than Fermat.
Fp inv(const Fp& a) noexcept;

// ---------------------------------------------------------------------------------------------
// Fp2 = Fp[i] / (i^2 + 1)

struct Fp2 {
    Fp c0, c1;  // c0 + c1 * i
    friend constexpr bool operator==(const Fp2&, const Fp2&) = default;
};

inline constexpr Fp2 kFp2Zero{kFpZero, kFpZero};
inline constexpr Fp2 kFp2One{kFpOne, kFpZero};

constexpr bool is_zero(const Fp2& a) noexcept {
    return is_zero(a.c0) && is_zero(a.c1);
}
constexpr Fp2 add(const Fp2& a, const Fp2& b) noexcept {
    return {add(a.c0, b.c0), add(a.c1, b.c1)};
}
constexpr Fp2 sub(const Fp2& a, const Fp2& b) noexcept {
    return {sub(a.c0, b.c0), sub(a.c1, b.c1)};
}
constexpr Fp2 dbl(const Fp2& a) noexcept {
    return {dbl(a.c0), dbl(a.c1)};
}
constexpr Fp2 neg(const Fp2& a) noexcept {
    return {neg(a.c0), neg(a.c1)};
}
constexpr Fp2 conj(const Fp2& a) noexcept {
    return {a.c0, neg(a.c1)};
}

/// Karatsuba: 3 Fp products. The sums feed mul unreduced (below 2p, see add_unreduced).
constexpr Fp2 mul(const Fp2& a, const Fp2& b) noexcept {
    const Fp t0 = mul(a.c0, b.c0);
    const Fp t1 = mul(a.c1, b.c1);
    const Fp t2 = mul(add_unreduced(a.c0, a.c1), add_unreduced(b.c0, b.c1));
    return {sub(t0, t1), sub(sub(t2, t0), t1)};
}

/// (a0 + a1 i)^2 = (a0 + a1)(a0 - a1) + 2 a0 a1 i: 2 Fp products.
constexpr Fp2 sqr(const Fp2& a) noexcept {
    const Fp t = mul(a.c0, a.c1);
    // a0 - a1 + p, in [1, 2p): a valid unreduced factor.
    const Fp d = add_unreduced(a.c0, sub_unreduced(Fp{{kP[0], kP[1], kP[2], kP[3]}}, a.c1));
    return {mul(add_unreduced(a.c0, a.c1), d), dbl(t)};
}

/// a * b for b in Fp.
constexpr Fp2 mul(const Fp2& a, const Fp& b) noexcept {
    return {mul(a.c0, b), mul(a.c1, b)};
}

/// a * xi with xi = 9 + i: (9 a0 - a1) + (a0 + 9 a1) i.
constexpr Fp2 mul_by_xi(const Fp2& a) noexcept {
    const Fp n0 = add(dbl(dbl(dbl(a.c0))), a.c0);
    const Fp n1 = add(dbl(dbl(dbl(a.c1))), a.c1);
    return {sub(n0, a.c1), add(n1, a.c0)};
}

/// a^e for a little-endian 4-limb exponent (constants and tests).
constexpr Fp2 pow(const Fp2& a, const uint64_t e[4]) noexcept {
    Fp2 r = kFp2One;
    for (int i = 255; i >= 0; --i) {
        r = sqr(r);
        if ((e[i / 64] >> (i % 64)) & 1) r = mul(r, a);
    }
    return r;
}

constexpr Fp2 inv_fermat(const Fp2& a) noexcept {
    const Fp t = inv_fermat(add(sqr(a.c0), sqr(a.c1)));
    return {mul(a.c0, t), neg(mul(a.c1, t))};
}

/// a^-1 (0 for a = 0).
Fp2 inv(const Fp2& a) noexcept;

// ---------------------------------------------------------------------------------------------
// Fp6 = Fp2[v] / (v^3 - xi), Fp12 = Fp6[w] / (w^2 - v)

struct Fp6 {
    Fp2 c0, c1, c2;  // c0 + c1 v + c2 v^2
    friend constexpr bool operator==(const Fp6&, const Fp6&) = default;
};

struct Fp12 {
    Fp6 c0, c1;  // c0 + c1 w
    friend constexpr bool operator==(const Fp12&, const Fp12&) = default;
};

inline constexpr Fp6 kFp6Zero{kFp2Zero, kFp2Zero, kFp2Zero};
inline constexpr Fp6 kFp6One{kFp2One, kFp2Zero, kFp2Zero};
inline constexpr Fp12 kFp12One{kFp6One, kFp6Zero};

Fp6 add(const Fp6& a, const Fp6& b) noexcept;
Fp6 sub(const Fp6& a, const Fp6& b) noexcept;
Fp6 neg(const Fp6& a) noexcept;
Fp6 mul(const Fp6& a, const Fp6& b) noexcept;
Fp6 sqr(const Fp6& a) noexcept;
/// a * v.
Fp6 mul_by_v(const Fp6& a) noexcept;
Fp6 inv(const Fp6& a) noexcept;

Fp12 mul(const Fp12& a, const Fp12& b) noexcept;
Fp12 sqr(const Fp12& a) noexcept;
Fp12 inv(const Fp12& a) noexcept;
/// a^(p^6): c0 - c1 w. The inverse for elements of the cyclotomic subgroup.
Fp12 conj(const Fp12& a) noexcept;
/// a * (l0 + l1 w + l3 w^3): a sparse line value of the Miller loop.
Fp12 mul_by_line(const Fp12& a, const Fp2& l0, const Fp2& l1, const Fp2& l3) noexcept;
/// a^(p^k) for k = 1, 2, 3.
Fp12 frobenius(const Fp12& a, int k) noexcept;
/// a^2 for a in the cyclotomic subgroup (after the easy part of the final exponentiation),
/// Granger-Scott: 9 Fp2 squarings instead of 12 Fp2 products.
Fp12 cyclotomic_sqr(const Fp12& a) noexcept;

/// xi^((p-1)/3) and xi^((p-1)/2): pi(x, y) = (conj(x) * kTwistFrobX, conj(y) * kTwistFrobY)
/// maps a twist point to the twist point of its p-power Frobenius.
extern const Fp2 kTwistFrobX;
extern const Fp2 kTwistFrobY;
/// xi^((p^2-1)/3), in Fp: pi^2(x, y) = (x * kTwistFrob2X, -y).
extern const Fp2 kTwistFrob2X;

}  // namespace yao::evm::bn254::detail
