// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "bytes.hpp"
#include "error.hpp"

namespace yao {

namespace detail {

__extension__ using UInt128 = unsigned __int128;

/// a + b + carry; `carry` becomes the carry out. On x86-64 this is one ADC in a chain.
constexpr uint64_t addc(uint64_t a, uint64_t b, bool& carry) noexcept {
#if defined(__x86_64__)
    if
        !consteval {
            unsigned long long out;
            carry = __builtin_ia32_addcarryx_u64(carry, a, b, &out) != 0;
            return out;
        }
#endif
    uint64_t s;
    const bool c1 = __builtin_add_overflow(a, b, &s);
    const bool c2 = __builtin_add_overflow(s, uint64_t{carry}, &s);
    carry = c1 | c2;
    return s;
}

/// a - b - borrow; `borrow` becomes the borrow out. On x86-64 this is one SBB in a chain.
constexpr uint64_t subb(uint64_t a, uint64_t b, bool& borrow) noexcept {
#if defined(__x86_64__)
    if
        !consteval {
            unsigned long long out;
#if defined(__clang__)
            borrow = __builtin_ia32_subborrow_u64(borrow, a, b, &out) != 0;
#else
            borrow = __builtin_ia32_sbb_u64(borrow, a, b, &out) != 0;
#endif
            return out;
        }
#endif
    uint64_t d;
    const bool b1 = __builtin_sub_overflow(a, b, &d);
    const bool b2 = __builtin_sub_overflow(d, uint64_t{borrow}, &d);
    borrow = b1 | b2;
    return d;
}

}  // namespace detail

/// The EVM word: an unsigned 256-bit integer with arithmetic modulo 2^256.
///
/// Four 64-bit limbs, little-endian (limbs[0] is the least significant), no heap. Signed EVM
/// operations (sdiv, smod, slt, sar, signextend) read the same bits as two's complement.
/// The small operations are inline here because they sit on the interpreter's hot path;
/// division, string conversion and the rest live in uint256.cpp.
struct Uint256 {
    std::array<uint64_t, 4> limbs{};

    constexpr Uint256() noexcept = default;
    /// Widens a 64-bit value. Implicit on purpose: `x + 1`, `x == 0`, `Uint256 g = 21000`.
    constexpr Uint256(uint64_t v) noexcept : limbs{v, 0, 0, 0} {}

    /// Builds a value from limbs, least significant first.
    static constexpr Uint256 from_limbs(uint64_t l0, uint64_t l1, uint64_t l2,
                                        uint64_t l3) noexcept {
        Uint256 r;
        r.limbs = {l0, l1, l2, l3};
        return r;
    }
    /// 2^256 - 1 (all bits set; -1 in two's complement).
    static constexpr Uint256 max() noexcept { return from_limbs(~0ULL, ~0ULL, ~0ULL, ~0ULL); }

    /// Reads a big-endian number right-aligned into 32 bytes. Precondition: b.size() <= 32.
    static Uint256 from_be_bytes(BytesView b) noexcept;
    /// Reads a 32-byte big-endian word (a storage key or value, a hash as a number).
    static Uint256 from_hash(const Hash256& h) noexcept;
    /// Writes exactly 32 big-endian bytes to `out32`.
    void to_be_bytes(uint8_t* out32) const noexcept;
    /// The 32-byte big-endian form.
    Hash256 to_hash() const noexcept;

    /// Number of significant bytes: 0 for zero, 32 when the top byte is non-zero.
    unsigned byte_length() const noexcept;
    /// Number of significant bits: 0 for zero, 256 when the top bit is set.
    unsigned bit_length() const noexcept;

    /// True when the value is < 2^64.
    constexpr bool fits_u64() const noexcept { return (limbs[1] | limbs[2] | limbs[3]) == 0; }
    /// The low 64 bits (the value itself when fits_u64()).
    constexpr uint64_t low64() const noexcept { return limbs[0]; }
    constexpr bool is_zero() const noexcept {
        return (limbs[0] | limbs[1] | limbs[2] | limbs[3]) == 0;
    }
    constexpr explicit operator bool() const noexcept { return !is_zero(); }

    /// Ethereum JSON-RPC quantity: "0x" + minimal lower-case hex digits, "0x0" for zero.
    std::string to_hex() const;
    /// Decimal digits without leading zeros, "0" for zero.
    std::string to_dec() const;

    /// Parses hex with an optional "0x"/"0X" prefix: 1 to 64 digits of either case, leading
    /// zeros allowed. Errors: Errc::kEmptyNumber, kInvalidHexDigit, kNumberTooLarge (> 64 digits).
    static Result<Uint256> from_hex(std::string_view text);
    /// Parses decimal digits (leading zeros allowed, no sign, no spaces). Errors:
    /// Errc::kEmptyNumber, kInvalidDecimalDigit, kNumberTooLarge (value > 2^256 - 1).
    static Result<Uint256> from_dec(std::string_view text);
    /// "0x..." / "0X..." parses as hex, anything else as decimal.
    static Result<Uint256> from_string(std::string_view text);
};

// ---- Carry chains and comparisons --------------------------------------------------------------

/// a + b modulo 2^256, and whether the true sum was >= 2^256.
constexpr std::pair<Uint256, bool> add_overflow(const Uint256& a, const Uint256& b) noexcept {
    Uint256 r;
    bool carry = false;
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) r.limbs[i] = detail::addc(a.limbs[i], b.limbs[i], carry);
    return {r, carry};
}

/// a - b modulo 2^256, and whether a < b (a borrow out of the top limb).
constexpr std::pair<Uint256, bool> sub_overflow(const Uint256& a, const Uint256& b) noexcept {
    Uint256 r;
    bool borrow = false;
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) r.limbs[i] = detail::subb(a.limbs[i], b.limbs[i], borrow);
    return {r, borrow};
}

constexpr bool operator==(const Uint256& a, const Uint256& b) noexcept {
    return ((a.limbs[0] ^ b.limbs[0]) | (a.limbs[1] ^ b.limbs[1]) | (a.limbs[2] ^ b.limbs[2]) |
            (a.limbs[3] ^ b.limbs[3])) == 0;
}

/// Unsigned comparison: the borrow of a - b.
constexpr bool operator<(const Uint256& a, const Uint256& b) noexcept {
    bool borrow = false;
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) detail::subb(a.limbs[i], b.limbs[i], borrow);
    return borrow;
}
constexpr bool operator>(const Uint256& a, const Uint256& b) noexcept {
    return b < a;
}
constexpr bool operator<=(const Uint256& a, const Uint256& b) noexcept {
    return !(b < a);
}
constexpr bool operator>=(const Uint256& a, const Uint256& b) noexcept {
    return !(a < b);
}

/// Unsigned three-way comparison.
constexpr std::strong_ordering operator<=>(const Uint256& a, const Uint256& b) noexcept {
    for (int i = 3; i >= 0; --i)
        if (a.limbs[i] != b.limbs[i]) return a.limbs[i] <=> b.limbs[i];
    return std::strong_ordering::equal;
}

/// Signed (two's complement) a < b: the EVM SLT.
constexpr bool slt(const Uint256& a, const Uint256& b) noexcept {
    const bool a_neg = (a.limbs[3] >> 63) != 0;
    const bool b_neg = (b.limbs[3] >> 63) != 0;
    return a_neg != b_neg ? a_neg : a < b;
}
/// Signed (two's complement) a > b: the EVM SGT.
constexpr bool sgt(const Uint256& a, const Uint256& b) noexcept {
    return slt(b, a);
}

// ---- Arithmetic --------------------------------------------------------------------------------

constexpr Uint256 operator+(const Uint256& a, const Uint256& b) noexcept {
    return add_overflow(a, b).first;
}
constexpr Uint256 operator-(const Uint256& a, const Uint256& b) noexcept {
    return sub_overflow(a, b).first;
}
constexpr Uint256 operator-(const Uint256& a) noexcept {
    return Uint256{} - a;
}

/// a * b modulo 2^256: the 10 partial products that reach the low 256 bits.
constexpr Uint256 operator*(const Uint256& a, const Uint256& b) noexcept {
    using detail::UInt128;
    Uint256 r;
#pragma GCC unroll 4
    for (int j = 0; j < 4; ++j) {
        uint64_t carry = 0;
#pragma GCC unroll 4
        for (int i = 0; i + j < 3; ++i) {
            const UInt128 t = UInt128{a.limbs[i]} * b.limbs[j] + r.limbs[i + j] + carry;
            r.limbs[i + j] = static_cast<uint64_t>(t);
            carry = static_cast<uint64_t>(t >> 64);
        }
        r.limbs[3] += a.limbs[3 - j] * b.limbs[j] + carry;
    }
    return r;
}

/// The full 512-bit product, little-endian limbs.
constexpr std::array<uint64_t, 8> mul_full(const Uint256& a, const Uint256& b) noexcept {
    using detail::UInt128;
    std::array<uint64_t, 8> r{};
#pragma GCC unroll 4
    for (int j = 0; j < 4; ++j) {
        uint64_t carry = 0;
#pragma GCC unroll 4
        for (int i = 0; i < 4; ++i) {
            const UInt128 t = UInt128{a.limbs[i]} * b.limbs[j] + r[i + j] + carry;
            r[i + j] = static_cast<uint64_t>(t);
            carry = static_cast<uint64_t>(t >> 64);
        }
        r[j + 4] = carry;
    }
    return r;
}

/// Quotient and remainder of the unsigned division a / b; {0, 0} when b == 0 (EVM rule).
std::pair<Uint256, Uint256> udivrem(const Uint256& a, const Uint256& b) noexcept;

/// Unsigned a / b; 0 when b == 0 (EVM DIV).
inline Uint256 operator/(const Uint256& a, const Uint256& b) noexcept {
    if (a.fits_u64() && b.fits_u64()) return b.limbs[0] != 0 ? a.limbs[0] / b.limbs[0] : 0;
    return udivrem(a, b).first;
}
/// Unsigned a % b; 0 when b == 0 (EVM MOD).
inline Uint256 operator%(const Uint256& a, const Uint256& b) noexcept {
    if (a.fits_u64() && b.fits_u64()) return b.limbs[0] != 0 ? a.limbs[0] % b.limbs[0] : 0;
    return udivrem(a, b).second;
}

// ---- Bitwise -----------------------------------------------------------------------------------

constexpr Uint256 operator&(const Uint256& a, const Uint256& b) noexcept {
    return Uint256::from_limbs(a.limbs[0] & b.limbs[0], a.limbs[1] & b.limbs[1],
                               a.limbs[2] & b.limbs[2], a.limbs[3] & b.limbs[3]);
}
constexpr Uint256 operator|(const Uint256& a, const Uint256& b) noexcept {
    return Uint256::from_limbs(a.limbs[0] | b.limbs[0], a.limbs[1] | b.limbs[1],
                               a.limbs[2] | b.limbs[2], a.limbs[3] | b.limbs[3]);
}
constexpr Uint256 operator^(const Uint256& a, const Uint256& b) noexcept {
    return Uint256::from_limbs(a.limbs[0] ^ b.limbs[0], a.limbs[1] ^ b.limbs[1],
                               a.limbs[2] ^ b.limbs[2], a.limbs[3] ^ b.limbs[3]);
}
constexpr Uint256 operator~(const Uint256& a) noexcept {
    return Uint256::from_limbs(~a.limbs[0], ~a.limbs[1], ~a.limbs[2], ~a.limbs[3]);
}

/// x << n; 0 when n >= 256.
constexpr Uint256 operator<<(const Uint256& x, uint64_t n) noexcept {
    if (n >= 256) return {};
    // x sits above four zero limbs; result limb i takes its bits from source limbs i - k and
    // i - k - 1. `(y >> 1) >> (63 - s)` is y >> (64 - s) without the undefined shift by 64.
    const uint64_t w[8] = {0, 0, 0, 0, x.limbs[0], x.limbs[1], x.limbs[2], x.limbs[3]};
    const auto k = static_cast<unsigned>(n / 64);
    const auto s = static_cast<unsigned>(n % 64);
    Uint256 r;
#pragma GCC unroll 4
    for (unsigned i = 0; i < 4; ++i)
        r.limbs[i] = (w[4 + i - k] << s) | ((w[3 + i - k] >> 1) >> (63 - s));
    return r;
}

/// x >> n (logical); 0 when n >= 256.
constexpr Uint256 operator>>(const Uint256& x, uint64_t n) noexcept {
    if (n >= 256) return {};
    const uint64_t w[8] = {x.limbs[0], x.limbs[1], x.limbs[2], x.limbs[3], 0, 0, 0, 0};
    const auto k = static_cast<unsigned>(n / 64);
    const auto s = static_cast<unsigned>(n % 64);
    Uint256 r;
#pragma GCC unroll 4
    for (unsigned i = 0; i < 4; ++i)
        r.limbs[i] = (w[i + k] >> s) | ((w[i + k + 1] << 1) << (63 - s));
    return r;
}

/// x << n with a 256-bit shift amount (EVM SHL operand order aside); 0 when n >= 256.
constexpr Uint256 operator<<(const Uint256& x, const Uint256& n) noexcept {
    return n.fits_u64() ? x << n.limbs[0] : Uint256{};
}
/// x >> n with a 256-bit shift amount; 0 when n >= 256.
constexpr Uint256 operator>>(const Uint256& x, const Uint256& n) noexcept {
    return n.fits_u64() ? x >> n.limbs[0] : Uint256{};
}

/// Leading zero bits: 256 for zero.
constexpr unsigned clz(const Uint256& x) noexcept {
    for (int i = 3; i >= 0; --i)
        if (x.limbs[i] != 0)
            return static_cast<unsigned>((3 - i) * 64 + __builtin_clzll(x.limbs[i]));
    return 256;
}

// ---- Compound assignment, increment, decrement -------------------------------------------------

constexpr Uint256& operator+=(Uint256& a, const Uint256& b) noexcept {
    return a = a + b;
}
constexpr Uint256& operator-=(Uint256& a, const Uint256& b) noexcept {
    return a = a - b;
}
constexpr Uint256& operator*=(Uint256& a, const Uint256& b) noexcept {
    return a = a * b;
}
inline Uint256& operator/=(Uint256& a, const Uint256& b) noexcept {
    return a = a / b;
}
inline Uint256& operator%=(Uint256& a, const Uint256& b) noexcept {
    return a = a % b;
}
constexpr Uint256& operator&=(Uint256& a, const Uint256& b) noexcept {
    return a = a & b;
}
constexpr Uint256& operator|=(Uint256& a, const Uint256& b) noexcept {
    return a = a | b;
}
constexpr Uint256& operator^=(Uint256& a, const Uint256& b) noexcept {
    return a = a ^ b;
}
constexpr Uint256& operator<<=(Uint256& a, uint64_t n) noexcept {
    return a = a << n;
}
constexpr Uint256& operator>>=(Uint256& a, uint64_t n) noexcept {
    return a = a >> n;
}
constexpr Uint256& operator<<=(Uint256& a, const Uint256& n) noexcept {
    return a = a << n;
}
constexpr Uint256& operator>>=(Uint256& a, const Uint256& n) noexcept {
    return a = a >> n;
}
constexpr Uint256& operator++(Uint256& a) noexcept {
    return a += 1;
}
constexpr Uint256& operator--(Uint256& a) noexcept {
    return a -= 1;
}
constexpr Uint256 operator++(Uint256& a, int) noexcept {
    const Uint256 old = a;
    ++a;
    return old;
}
constexpr Uint256 operator--(Uint256& a, int) noexcept {
    const Uint256 old = a;
    --a;
    return old;
}

// ---- EVM operations (Yellow Paper appendix H, execution-specs vm/instructions) ------------------

/// SDIV: signed a / b truncated toward zero; 0 when b == 0; -2^255 / -1 == -2^255.
Uint256 sdiv(const Uint256& a, const Uint256& b) noexcept;
/// SMOD: signed remainder with the sign of the dividend a; 0 when b == 0.
Uint256 smod(const Uint256& a, const Uint256& b) noexcept;
/// ADDMOD: (a + b) mod m on the 257-bit sum; 0 when m == 0.
Uint256 addmod(const Uint256& a, const Uint256& b, const Uint256& m) noexcept;
/// MULMOD: (a * b) mod m on the 512-bit product; 0 when m == 0.
Uint256 mulmod(const Uint256& a, const Uint256& b, const Uint256& m) noexcept;
/// EXP: base^exponent modulo 2^256 (0^0 == 1).
Uint256 exp(const Uint256& base, const Uint256& exponent) noexcept;

/// SIGNEXTEND: extends the sign bit of byte `byte_index` (0 = least significant byte) of x
/// over the higher bytes; x unchanged when byte_index >= 31.
constexpr Uint256 signextend(const Uint256& byte_index, const Uint256& x) noexcept {
    if (!byte_index.fits_u64() || byte_index.limbs[0] >= 31) return x;
    const unsigned sign_bit = static_cast<unsigned>(byte_index.limbs[0]) * 8 + 7;
    const unsigned limb = sign_bit / 64;
    const unsigned bit = sign_bit % 64;
    const bool negative = ((x.limbs[limb] >> bit) & 1) != 0;
    const uint64_t fill = negative ? ~0ULL : 0;
    // Keep bits 0..bit of the sign limb, fill the rest of it and every limb above.
    const uint64_t keep = bit == 63 ? ~0ULL : (uint64_t{1} << (bit + 1)) - 1;
    Uint256 r = x;
    r.limbs[limb] = (x.limbs[limb] & keep) | (fill & ~keep);
    for (unsigned i = limb + 1; i < 4; ++i) r.limbs[i] = fill;
    return r;
}

/// SAR: arithmetic right shift of x by `shift`; for shift >= 256 the result is 0 or -1
/// by the sign of x.
constexpr Uint256 sar(const Uint256& shift, const Uint256& x) noexcept {
    const bool negative = (x.limbs[3] >> 63) != 0;
    // For negative x, ~x is non-negative and ~(~x >> n) shifts ones in from the top.
    return negative ? ~(~x >> shift) : x >> shift;
}

/// BYTE: byte `index` of x counting from the most significant (index 0); 0 when index >= 32.
constexpr Uint256 byte(const Uint256& index, const Uint256& x) noexcept {
    if (!index.fits_u64() || index.limbs[0] >= 32) return {};
    const unsigned from_low = 31 - static_cast<unsigned>(index.limbs[0]);
    return (x.limbs[from_low / 8] >> (from_low % 8 * 8)) & 0xff;
}

}  // namespace yao
