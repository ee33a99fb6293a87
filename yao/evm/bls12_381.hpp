// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// BLS12-381 arithmetic for the EIP-4844 point evaluation precompile, the EIP-2537 precompiles
// and their tests.
//   Fp   = integers mod p (381 bits), Montgomery form, 6 x 64-bit limbs
//   Fp2  = Fp[u] / (u^2 + 1)
//   Fp6  = Fp2[v] / (v^3 - xi), xi = u + 1
//   Fp12 = Fp6[w] / (w^2 - v)
//   G1: y^2 = x^3 + 4 over Fp;  G2: y^2 = x^3 + 4 xi over Fp2 (M-type sextic twist)
// Pairing: optimal ate, loop parameter x = -0xd201000000010000. The final exponentiation
// computes f^(3 (p^12 - 1) / r), a fixed power of the reduced Tate pairing (still bilinear and
// non-degenerate, and equal to 1 exactly when the reduced pairing is).
// Nothing here is constant-time: every input of the precompile is public.

#include <cstdint>
#include <optional>
#include <span>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace yao::evm::bls12_381 {

/// An element of Fp in Montgomery form (value * 2^384 mod p), always fully reduced (< p).
struct Fp {
    uint64_t limbs[6];
    friend constexpr bool operator==(const Fp&, const Fp&) = default;
};

/// c0 + c1 u.
struct Fp2 {
    Fp c0, c1;
    friend constexpr bool operator==(const Fp2&, const Fp2&) = default;
};

/// c0 + c1 v + c2 v^2.
struct Fp6 {
    Fp2 c0, c1, c2;
    friend constexpr bool operator==(const Fp6&, const Fp6&) = default;
};

/// c0 + c1 w.
struct Fp12 {
    Fp6 c0, c1;
    friend constexpr bool operator==(const Fp12&, const Fp12&) = default;
};

/// A 256-bit scalar, little-endian 64-bit limbs (not reduced).
struct Scalar {
    uint64_t limbs[4];
};

namespace detail {

__extension__ using U128 = unsigned __int128;

/// p, little-endian limbs.
inline constexpr uint64_t kP[6] = {0xb9feffffffffaaab, 0x1eabfffeb153ffff, 0x6730d2a0f6b0f624,
                                   0x64774b84f38512bf, 0x4b1ba7b6434bacd7, 0x1a0111ea397fe69a};
/// -p^-1 mod 2^64.
inline constexpr uint64_t kPInv = 0x89f3fffcfffcfffd;
/// R mod p and R^2 mod p, R = 2^384.
inline constexpr uint64_t kR1[6] = {0x760900000002fffd, 0xebf4000bc40c0002, 0x5f48985753c758ba,
                                    0x77ce585370525745, 0x5c071a97a256ec6d, 0x15f65ec3fa80e493};
inline constexpr uint64_t kR2[6] = {0xf4df1f341c341746, 0x0a76e6a609d104f1, 0x8de5476c4c95b6d5,
                                    0x67eb88a9939d83c0, 0x9a793e85b519952d, 0x11988fe592cae3aa};

#define YAO_BLS_INLINE [[gnu::always_inline]] inline

/// a + b + carry with the carry out in `carry`.
YAO_BLS_INLINE uint64_t addc(uint64_t a, uint64_t b, uint64_t& carry) noexcept {
#if defined(__x86_64__)
    unsigned long long out;
    carry = _addcarry_u64(static_cast<unsigned char>(carry), a, b, &out);
    return out;
#else
    const U128 t = U128{a} + b + carry;
    carry = static_cast<uint64_t>(t >> 64);
    return static_cast<uint64_t>(t);
#endif
}

/// a - b - borrow with the borrow out in `borrow`.
YAO_BLS_INLINE uint64_t subb(uint64_t a, uint64_t b, uint64_t& borrow) noexcept {
#if defined(__x86_64__)
    unsigned long long out;
    borrow = _subborrow_u64(static_cast<unsigned char>(borrow), a, b, &out);
    return out;
#else
    const U128 t = U128{a} - b - borrow;
    borrow = static_cast<uint64_t>(t >> 64) & 1;
    return static_cast<uint64_t>(t);
#endif
}

/// r = r - p when r >= p (r < 2p).
YAO_BLS_INLINE void reduce_once(uint64_t r[6]) noexcept {
    uint64_t t[6];
    uint64_t borrow = 0;
#pragma GCC unroll 6
    for (int i = 0; i < 6; ++i) t[i] = subb(r[i], kP[i], borrow);
    const uint64_t keep = 0 - borrow;  // all ones when r < p
#pragma GCC unroll 6
    for (int i = 0; i < 6; ++i) r[i] = (r[i] & keep) | (t[i] & ~keep);
}

/// (c2 c1 c0) += a * b.
YAO_BLS_INLINE void mac(uint64_t& c0, uint64_t& c1, uint64_t& c2, uint64_t a, uint64_t b) noexcept {
    const U128 t = U128{a} * b;
    uint64_t carry = 0;
    c0 = addc(c0, static_cast<uint64_t>(t), carry);
    c1 = addc(c1, static_cast<uint64_t>(t >> 64), carry);
    c2 += carry;
}

/// Montgomery product a b / R mod p, by product scanning with the reduction interleaved
/// column by column (FIPS): column k accumulates a_j b_(k-j) and m_j p_(k-j); for k < 6 the
/// factor m_k is chosen to clear the column, for k >= 6 the column is output word k - 6.
/// p < R / 4 keeps the result below 2p before the final subtraction.
YAO_BLS_INLINE Fp mont_mul(const uint64_t a[6], const uint64_t b[6]) noexcept {
    uint64_t m[6];
    Fp r;
    uint64_t c0 = 0, c1 = 0, c2 = 0;
#pragma GCC unroll 6
    for (int k = 0; k < 6; ++k) {
#pragma GCC unroll 6
        for (int j = 0; j < k; ++j) {
            mac(c0, c1, c2, a[j], b[k - j]);
            mac(c0, c1, c2, m[j], kP[k - j]);
        }
        mac(c0, c1, c2, a[k], b[0]);
        m[k] = c0 * kPInv;
        mac(c0, c1, c2, m[k], kP[0]);  // clears c0
        c0 = c1;
        c1 = c2;
        c2 = 0;
    }
#pragma GCC unroll 5
    for (int k = 6; k < 11; ++k) {
#pragma GCC unroll 6
        for (int j = k - 5; j < 6; ++j) {
            mac(c0, c1, c2, a[j], b[k - j]);
            mac(c0, c1, c2, m[j], kP[k - j]);
        }
        r.limbs[k - 6] = c0;
        c0 = c1;
        c1 = c2;
        c2 = 0;
    }
    r.limbs[5] = c0;
    reduce_once(r.limbs);
    return r;
}

}  // namespace detail

// --- Fp ---------------------------------------------------------------------------------------

/// Zero and one (Montgomery form).
inline Fp fp_zero() noexcept { return Fp{{0, 0, 0, 0, 0, 0}}; }
inline Fp fp_one() noexcept {
    using detail::kR1;
    return Fp{{kR1[0], kR1[1], kR1[2], kR1[3], kR1[4], kR1[5]}};
}

YAO_BLS_INLINE bool is_zero(const Fp& a) noexcept {
    return (a.limbs[0] | a.limbs[1] | a.limbs[2] | a.limbs[3] | a.limbs[4] | a.limbs[5]) == 0;
}

YAO_BLS_INLINE Fp add(const Fp& a, const Fp& b) noexcept {
    Fp r;
    uint64_t carry = 0;
#pragma GCC unroll 6
    for (int i = 0; i < 6; ++i) r.limbs[i] = detail::addc(a.limbs[i], b.limbs[i], carry);
    detail::reduce_once(r.limbs);  // 2p < 2^384: no carry out
    return r;
}

YAO_BLS_INLINE Fp sub(const Fp& a, const Fp& b) noexcept {
    Fp r;
    uint64_t borrow = 0;
#pragma GCC unroll 6
    for (int i = 0; i < 6; ++i) r.limbs[i] = detail::subb(a.limbs[i], b.limbs[i], borrow);
    const uint64_t mask = 0 - borrow;  // add p back on a borrow
    uint64_t carry = 0;
#pragma GCC unroll 6
    for (int i = 0; i < 6; ++i) r.limbs[i] = detail::addc(r.limbs[i], detail::kP[i] & mask, carry);
    return r;
}

YAO_BLS_INLINE Fp neg(const Fp& a) noexcept { return sub(fp_zero(), a); }
YAO_BLS_INLINE Fp mul(const Fp& a, const Fp& b) noexcept {
    return detail::mont_mul(a.limbs, b.limbs);
}
YAO_BLS_INLINE Fp sqr(const Fp& a) noexcept { return detail::mont_mul(a.limbs, a.limbs); }

/// Converts a canonical value (little-endian limbs, must be < p) into Montgomery form.
Fp fp_from_limbs(const uint64_t v[6]) noexcept;
/// Converts out of Montgomery form into canonical little-endian limbs.
void fp_to_limbs(const Fp& a, uint64_t out[6]) noexcept;
/// Parses 48 big-endian bytes; nullopt when the value is >= p.
std::optional<Fp> fp_from_bytes(const uint8_t in[48]) noexcept;
/// Writes the canonical value as 48 big-endian bytes.
void fp_to_bytes(const Fp& a, uint8_t out[48]) noexcept;

/// a^-1; inv(0) = 0.
Fp inv(const Fp& a) noexcept;
/// A square root of a when one exists.
std::optional<Fp> sqrt(const Fp& a) noexcept;
/// True when the canonical value of a is > (p - 1) / 2 (the ZCash "larger" sign).
bool is_lexicographically_largest(const Fp& a) noexcept;

// --- Fp2 / Fp6 / Fp12 -------------------------------------------------------------------------

YAO_BLS_INLINE Fp2 add(const Fp2& a, const Fp2& b) noexcept {
    return {add(a.c0, b.c0), add(a.c1, b.c1)};
}
YAO_BLS_INLINE Fp2 sub(const Fp2& a, const Fp2& b) noexcept {
    return {sub(a.c0, b.c0), sub(a.c1, b.c1)};
}
YAO_BLS_INLINE Fp2 neg(const Fp2& a) noexcept { return {neg(a.c0), neg(a.c1)}; }
Fp2 mul(const Fp2& a, const Fp2& b) noexcept;
Fp2 sqr(const Fp2& a) noexcept;
Fp2 inv(const Fp2& a) noexcept;
std::optional<Fp2> sqrt(const Fp2& a) noexcept;
YAO_BLS_INLINE bool is_zero(const Fp2& a) noexcept { return is_zero(a.c0) && is_zero(a.c1); }

Fp6 mul(const Fp6& a, const Fp6& b) noexcept;
Fp6 inv(const Fp6& a) noexcept;

Fp12 fp12_one() noexcept;
Fp12 mul(const Fp12& a, const Fp12& b) noexcept;
Fp12 sqr(const Fp12& a) noexcept;
Fp12 inv(const Fp12& a) noexcept;
Fp12 conj(const Fp12& a) noexcept;
/// a^p.
Fp12 frobenius(const Fp12& a) noexcept;
/// a^e for a little-endian multi-limb exponent (square and multiply).
Fp12 pow(const Fp12& a, std::span<const uint64_t> e) noexcept;

// --- Groups -----------------------------------------------------------------------------------

/// An affine point of G1; `infinity` marks the identity (x, y then unused).
struct G1Affine {
    Fp x, y;
    bool infinity = false;
};

/// An affine point of G2.
struct G2Affine {
    Fp2 x, y;
    bool infinity = false;
};

G1Affine g1_generator() noexcept;
G2Affine g2_generator() noexcept;

bool is_on_curve(const G1Affine& p) noexcept;
bool is_on_curve(const G2Affine& p) noexcept;
/// P is in the r-order subgroup: the endomorphism test phi(P) == [-x^2]P for G1.
bool is_in_subgroup(const G1Affine& p) noexcept;
/// [r]P == O, the definition (slower; for cross-checks).
bool is_in_subgroup_slow(const G1Affine& p) noexcept;
/// Q is in the r-order subgroup: the endomorphism test psi(Q) == [x]Q.
bool is_in_subgroup(const G2Affine& p) noexcept;
/// [r]Q == O.
bool is_in_subgroup_slow(const G2Affine& p) noexcept;

G1Affine add(const G1Affine& a, const G1Affine& b) noexcept;
G2Affine add(const G2Affine& a, const G2Affine& b) noexcept;
G1Affine neg(const G1Affine& a) noexcept;
G2Affine neg(const G2Affine& a) noexcept;
/// [k]P.
G1Affine mul(const G1Affine& p, const Scalar& k) noexcept;
G2Affine mul(const G2Affine& p, const Scalar& k) noexcept;
/// sum of [scalars[i]] points[i] (over the shorter of the two spans).
G1Affine linear_combination(std::span<const G1Affine> points,
                            std::span<const Scalar> scalars) noexcept;
bool operator==(const G1Affine& a, const G1Affine& b) noexcept;
bool operator==(const G2Affine& a, const G2Affine& b) noexcept;

/// A point in Jacobian coordinates, affine (x / z^2, y / z^3); z == 0 is the identity. The
/// operations below handle the identity, doubling and opposite points.
template <class F>
struct Jacobian {
    F x, y, z;
};
using G1Jacobian = Jacobian<Fp>;
using G2Jacobian = Jacobian<Fp2>;

G1Jacobian to_jacobian(const G1Affine& p) noexcept;
G2Jacobian to_jacobian(const G2Affine& p) noexcept;
G1Affine to_affine(const G1Jacobian& p) noexcept;
G2Affine to_affine(const G2Jacobian& p) noexcept;
G1Jacobian add(const G1Jacobian& a, const G1Jacobian& b) noexcept;
G2Jacobian add(const G2Jacobian& a, const G2Jacobian& b) noexcept;
G1Jacobian dbl(const G1Jacobian& a) noexcept;
G2Jacobian dbl(const G2Jacobian& a) noexcept;
G1Jacobian neg(const G1Jacobian& a) noexcept;
G2Jacobian neg(const G2Jacobian& a) noexcept;
/// [k]P.
G1Jacobian mul(const G1Jacobian& p, const Scalar& k) noexcept;
G2Jacobian mul(const G2Jacobian& p, const Scalar& k) noexcept;
/// psi = untwist, Frobenius, twist: the endomorphism of the twist that acts as [p] (= [x]) on G2.
G2Jacobian psi(const G2Jacobian& p) noexcept;

/// Decodes a ZCash-format compressed G1 point (48 bytes) and checks that it lies on the curve
/// and in the r-order subgroup; nullopt otherwise.
std::optional<G1Affine> decode_g1(const uint8_t in[48]) noexcept;
/// Decodes a compressed G2 point (96 bytes: x.c1 || x.c0) with the same checks.
std::optional<G2Affine> decode_g2(const uint8_t in[96]) noexcept;
void encode_g1(const G1Affine& p, uint8_t out[48]) noexcept;
void encode_g2(const G2Affine& p, uint8_t out[96]) noexcept;

// --- Pairing ----------------------------------------------------------------------------------

/// One pair of a multi-pairing.
struct PairingInput {
    G1Affine p;
    G2Affine q;
};

/// A G2 point with its Miller loop lines precomputed, for G2 points used many times. Line k is
/// a + (b xP) v + (c yP) v w for the k-th step (63 doublings and 5 additions).
struct G2Prepared {
    struct Coeffs {
        Fp2 a, b, c;
    };
    Coeffs lines[68];
    bool infinity = false;
};

G2Prepared prepare_g2(const G2Affine& q) noexcept;

/// One pair of a multi-pairing with a prepared G2 point (not owned).
struct PreparedPairingInput {
    G1Affine p;
    const G2Prepared* q;
};

/// The Miller loop product of all pairs (identity pairs contribute 1).
Fp12 miller_loop(std::span<const PairingInput> pairs) noexcept;
Fp12 miller_loop(std::span<const PreparedPairingInput> pairs) noexcept;
/// f^(3 (p^12 - 1) / r).
Fp12 final_exponentiation(const Fp12& f) noexcept;
/// final_exponentiation(miller_loop({{p, q}})).
Fp12 pairing(const G1Affine& p, const G2Affine& q) noexcept;
/// True when the product of e(p_i, q_i) is 1.
bool pairing_check(std::span<const PairingInput> pairs) noexcept;
bool pairing_check(std::span<const PreparedPairingInput> pairs) noexcept;

}  // namespace yao::evm::bls12_381
