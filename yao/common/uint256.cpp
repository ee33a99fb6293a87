// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "uint256.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "assert.hpp"
#include "errc.hpp"

namespace yao {
namespace {

using detail::UInt128;

// ---- Division by invariant integers ------------------------------------------------------------
// Möller and Granlund, "Improved division by invariant integers", IEEE Trans. Computers 60(2),
// 2011: with a precomputed reciprocal of a normalized divisor (top bit set), dividing a two-word
// (or three-word) number by one (or two) words costs a few multiplications instead of a
// hardware divide. Knuth's algorithm D (TAOCP vol. 2, 4.3.1) then uses the three-by-two step to
// estimate each quotient limb, which is exact except for a rare add-back.

// Initial 11-bit approximations floor((2^19 - 3 * 2^8) / d9) for the top nine bits d9 of a
// normalized divisor, 256 <= d9 < 512 (Möller-Granlund algorithm 3, table of v0).
constexpr std::array<uint16_t, 256> kReciprocalTable = [] {
    std::array<uint16_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) t[i] = static_cast<uint16_t>(0x7fd00 / (i + 256));
    return t;
}();

// floor((2^128 - 1) / d) - 2^64 for a normalized d: Möller-Granlund algorithm 3, a table lookup
// and Newton steps instead of a 128-by-64 hardware division.
constexpr uint64_t reciprocal_2by1(uint64_t d) noexcept {
    const uint64_t d0 = d & 1;
    const uint64_t d9 = d >> 55;
    const uint64_t d40 = (d >> 24) + 1;
    const uint64_t d63 = (d >> 1) + d0;
    const uint64_t v0 = kReciprocalTable[d9 - 256];
    const uint64_t v1 = (v0 << 11) - ((v0 * v0 * d40) >> 40) - 1;
    const uint64_t v2 = (v1 << 13) + ((v1 * ((uint64_t{1} << 60) - v1 * d40)) >> 47);
    const uint64_t e = ((v2 >> 1) & (0 - d0)) - v2 * d63;
    const uint64_t v3 = (v2 << 31) + static_cast<uint64_t>((UInt128{v2} * e) >> 65);
    return v3 - static_cast<uint64_t>((UInt128{v3} * d + d) >> 64) - d;
}

// The definition, checked at the ends of the range.
static_assert(reciprocal_2by1(uint64_t{1} << 63) ==
              static_cast<uint64_t>(~UInt128{0} / (uint64_t{1} << 63)));
static_assert(reciprocal_2by1(~uint64_t{0}) == static_cast<uint64_t>(~UInt128{0} / ~uint64_t{0}));
static_assert(reciprocal_2by1(0x8000'0000'0000'0001ULL) ==
              static_cast<uint64_t>(~UInt128{0} / 0x8000'0000'0000'0001ULL));

// floor((2^192 - 1) / <d1, d0>) - 2^64 for a normalized d1 (Möller-Granlund algorithm 6).
constexpr uint64_t reciprocal_3by2(uint64_t d1, uint64_t d0) noexcept {
    uint64_t v = reciprocal_2by1(d1);
    uint64_t p = d1 * v;
    p += d0;
    if (p < d0) {
        --v;
        if (p >= d1) {
            --v;
            p -= d1;
        }
        p -= d1;
    }
    const UInt128 t = UInt128{v} * d0;
    const auto t1 = static_cast<uint64_t>(t >> 64);
    const auto t0 = static_cast<uint64_t>(t);
    p += t1;
    if (p < t1) {
        --v;
        if (p > d1 || (p == d1 && t0 >= d0)) --v;
    }
    return v;
}

struct QuotRem1 {
    uint64_t q;
    uint64_t r;
};

// <u1, u0> / d with u1 < d, d normalized, v = reciprocal_2by1(d) (Möller-Granlund algorithm 4).
inline QuotRem1 udivrem_2by1(uint64_t u1, uint64_t u0, uint64_t d, uint64_t v) noexcept {
    UInt128 q = UInt128{v} * u1;
    q += (UInt128{u1} << 64) | u0;
    auto q1 = static_cast<uint64_t>(q >> 64) + 1;
    const auto q0 = static_cast<uint64_t>(q);
    uint64_t r = u0 - q1 * d;
    // Taken about half the time at random: a mask instead of a branch that would mispredict.
    const uint64_t mask = uint64_t{0} - uint64_t{r > q0};
    q1 += mask;
    r += mask & d;
    if (r >= d) [[unlikely]] {
        ++q1;
        r -= d;
    }
    return {q1, r};
}

struct QuotRem2 {
    uint64_t q;
    UInt128 r;
};

// <u2, u1, u0> / d with <u2, u1> < d, d normalized, v = reciprocal_3by2(d)
// (Möller-Granlund algorithm 5).
inline QuotRem2 udivrem_3by2(uint64_t u2, uint64_t u1, uint64_t u0, UInt128 d,
                             uint64_t v) noexcept {
    const auto d1 = static_cast<uint64_t>(d >> 64);
    const auto d0 = static_cast<uint64_t>(d);
    UInt128 q = UInt128{v} * u2;
    q += (UInt128{u2} << 64) | u1;
    auto q1 = static_cast<uint64_t>(q >> 64);
    const auto q0 = static_cast<uint64_t>(q);
    const uint64_t r1 = u1 - q1 * d1;
    const UInt128 t = UInt128{d0} * q1;
    UInt128 r = ((UInt128{r1} << 64) | u0) - t - d;
    ++q1;
    // As in udivrem_2by1: unpredictable, so masked rather than branched.
    const uint64_t mask = uint64_t{0} - uint64_t{static_cast<uint64_t>(r >> 64) >= q0};
    q1 += mask;
    r += d & ((UInt128{mask} << 64) | mask);
    if (r >= d) [[unlikely]] {
        ++q1;
        r -= d;
    }
    return {q1, r};
}

// r[0..N) -= q * d[0..N); returns the limb that must still be subtracted above r[N-1].
template <int N>
inline uint64_t submul(uint64_t* r, const uint64_t* d, uint64_t q) noexcept {
    uint64_t borrow = 0;
#pragma GCC unroll 4
    for (int i = 0; i < N; ++i) {
        const UInt128 p = UInt128{d[i]} * q + borrow;
        const auto lo = static_cast<uint64_t>(p);
        const uint64_t x = r[i];
        r[i] = x - lo;
        borrow = static_cast<uint64_t>(p >> 64) + (x < lo);
    }
    return borrow;
}

// r[0..N) += d[0..N); the carry out is dropped (it cancels an earlier borrow).
template <int N>
inline void add_back(uint64_t* r, const uint64_t* d) noexcept {
    bool carry = false;
#pragma GCC unroll 4
    for (int i = 0; i < N; ++i) r[i] = detail::addc(r[i], d[i], carry);
}

// x >> (64 - s) for s in 0..63, and 0 for s == 0 (where the plain shift is undefined).
constexpr uint64_t spill(uint64_t x, unsigned s) noexcept {
    return (x >> 1) >> (63 - s);
}

// Knuth D on a normalized numerator u[0..ulen] (ulen + 1 limbs, its top DLen limbs below d)
// and a normalized divisor d[0..DLen), DLen >= 2. Leaves the normalized remainder in
// u[0..DLen) and writes ulen - DLen + 1 quotient limbs to q.
template <int DLen>
void udivrem_knuth(uint64_t* q, uint64_t* u, int ulen, const uint64_t* d) noexcept {
    const uint64_t d1 = d[DLen - 1];
    const uint64_t d0 = d[DLen - 2];
    const UInt128 d_top = (UInt128{d1} << 64) | d0;
    const uint64_t v = reciprocal_3by2(d1, d0);
    for (int j = ulen - DLen; j >= 0; --j) {
        const uint64_t u2 = u[j + DLen];
        const uint64_t u1 = u[j + DLen - 1];
        const uint64_t u0 = u[j + DLen - 2];
        uint64_t qhat;
        if (u2 == d1 && u1 == d0) [[unlikely]] {
            // The 3-by-2 step would overflow; the quotient limb is then exactly 2^64 - 1
            // (Knuth 4.3.1, step D3 with the top two limbs equal).
            qhat = ~uint64_t{0};
            u[j + DLen] = u2 - submul<DLen>(&u[j], d, qhat);
        } else {
            const QuotRem2 qr = udivrem_3by2(u2, u1, u0, d_top, v);
            qhat = qr.q;
            // The top three limbs are done; subtract qhat times the lower divisor limbs and
            // take the borrow out of the 2-limb partial remainder.
            const uint64_t borrow = submul<DLen - 2>(&u[j], d, qhat);
            bool b = false;
            u[j + DLen - 2] = detail::subb(static_cast<uint64_t>(qr.r), borrow, b);
            u[j + DLen - 1] = detail::subb(static_cast<uint64_t>(qr.r >> 64), 0, b);
            if (b) [[unlikely]] {
                // qhat was one too large (probability about 2^-64): add the divisor back.
                --qhat;
                add_back<DLen>(&u[j], d);
            }
        }
        q[j] = qhat;
    }
}

// u[0..ulen) / d[0..DLen) with ulen >= DLen, d[DLen-1] != 0, ulen <= 8. Writes
// ulen - DLen + 1 quotient limbs to q and DLen remainder limbs to r.
template <int DLen>
void udivrem_fixed(const uint64_t* u, int ulen, const uint64_t* d, uint64_t* q,
                   uint64_t* r) noexcept {
    // Normalize: shift both so that the divisor's top bit is set (Knuth step D1).
    const auto shift = static_cast<unsigned>(__builtin_clzll(d[DLen - 1]));
    uint64_t dn[DLen];
#pragma GCC unroll 4
    for (int i = DLen - 1; i > 0; --i) dn[i] = (d[i] << shift) | spill(d[i - 1], shift);
    dn[0] = d[0] << shift;

    uint64_t un[9];
    un[ulen] = spill(u[ulen - 1], shift);
    for (int i = ulen - 1; i > 0; --i) un[i] = (u[i] << shift) | spill(u[i - 1], shift);
    un[0] = u[0] << shift;

    if constexpr (DLen == 1) {
        const uint64_t v = reciprocal_2by1(dn[0]);
        uint64_t rem = un[ulen];
        for (int i = ulen - 1; i >= 0; --i) {
            const QuotRem1 qr = udivrem_2by1(rem, un[i], dn[0], v);
            q[i] = qr.q;
            rem = qr.r;
        }
        r[0] = rem >> shift;
    } else if constexpr (DLen == 2) {
        // Each 3-by-2 step is exact here, so the running remainder stays in registers.
        const UInt128 dd = (UInt128{dn[1]} << 64) | dn[0];
        const uint64_t v = reciprocal_3by2(dn[1], dn[0]);
        UInt128 rem = (UInt128{un[ulen]} << 64) | un[ulen - 1];
        for (int i = ulen - 2; i >= 0; --i) {
            const QuotRem2 qr = udivrem_3by2(static_cast<uint64_t>(rem >> 64),
                                             static_cast<uint64_t>(rem), un[i], dd, v);
            q[i] = qr.q;
            rem = qr.r;
        }
        r[0] = (static_cast<uint64_t>(rem) >> shift) |
               (static_cast<uint64_t>(rem >> 64) << (63 - shift) << 1);
        r[1] = static_cast<uint64_t>(rem >> 64) >> shift;
    } else {
        udivrem_knuth<DLen>(q, un, ulen, dn);
#pragma GCC unroll 4
        for (int i = 0; i < DLen - 1; ++i)
            r[i] = (un[i] >> shift) | (un[i + 1] << (63 - shift) << 1);
        r[DLen - 1] = un[DLen - 1] >> shift;
    }
}

int significant_limbs(const uint64_t* x, int n) noexcept {
    while (n > 0 && x[n - 1] == 0) --n;
    return n;
}

// Dispatches on the divisor length so that the inner loops have fixed bounds.
void udivrem_limbs(const uint64_t* u, int ulen, const uint64_t* d, int dlen, uint64_t* q,
                   uint64_t* r) noexcept {
    switch (dlen) {
        case 1:
            return udivrem_fixed<1>(u, ulen, d, q, r);
        case 2:
            return udivrem_fixed<2>(u, ulen, d, q, r);
        case 3:
            return udivrem_fixed<3>(u, ulen, d, q, r);
        default:
            return udivrem_fixed<4>(u, ulen, d, q, r);
    }
}

// u[0..ulen) mod m for m != 0, ulen <= 8.
Uint256 mod_limbs(const uint64_t* u, int ulen, const Uint256& m) noexcept {
    ulen = significant_limbs(u, ulen);
    const int dlen = significant_limbs(m.limbs.data(), 4);
    Uint256 r;
    if (ulen < dlen) {
        for (int i = 0; i < ulen; ++i) r.limbs[i] = u[i];
        return r;
    }
    uint64_t q[8];
    udivrem_limbs(u, ulen, m.limbs.data(), dlen, q, r.limbs.data());
    return r;
}

// x * x modulo 2^256 with 6 multiplications instead of 10: each cross product a_i * a_j
// (i < j) is computed once and doubled.
Uint256 square(const Uint256& x) noexcept {
    const auto& a = x.limbs;
    const UInt128 p01 = UInt128{a[0]} * a[1];
    const UInt128 p02 = UInt128{a[0]} * a[2];
    // Cross products at limb positions 1..3 (position 3 only needs its low half).
    const auto c1 = static_cast<uint64_t>(p01);
    const UInt128 t2 = (p01 >> 64) + static_cast<uint64_t>(p02);
    const auto c2 = static_cast<uint64_t>(t2);
    const uint64_t c3 = a[0] * a[3] + a[1] * a[2] + static_cast<uint64_t>(p02 >> 64) +
                        static_cast<uint64_t>(t2 >> 64);
    // Double them, then add the squares a0^2 and a1^2 on the diagonal.
    const uint64_t e1 = c1 << 1;
    const uint64_t e2 = (c2 << 1) | (c1 >> 63);
    const uint64_t e3 = (c3 << 1) | (c2 >> 63);
    const UInt128 d0 = UInt128{a[0]} * a[0];
    const UInt128 d1 = UInt128{a[1]} * a[1];
    Uint256 r;
    bool carry = false;
    r.limbs[0] = static_cast<uint64_t>(d0);
    r.limbs[1] = detail::addc(e1, static_cast<uint64_t>(d0 >> 64), carry);
    r.limbs[2] = detail::addc(e2, static_cast<uint64_t>(d1), carry);
    r.limbs[3] = detail::addc(e3, static_cast<uint64_t>(d1 >> 64), carry);
    return r;
}

bool is_negative(const Uint256& x) noexcept {
    return (x.limbs[3] >> 63) != 0;
}

Uint256 abs_value(const Uint256& x) noexcept {
    return is_negative(x) ? -x : x;
}

// ---- Text --------------------------------------------------------------------------------------

constexpr char kHexDigits[] = "0123456789abcdef";

// 10^19, the largest power of ten below 2^64. It is >= 2^63, so already normalized.
constexpr uint64_t kTen19 = 10'000'000'000'000'000'000ULL;
constexpr uint64_t kTen19Reciprocal = reciprocal_2by1(kTen19);
static_assert(kTen19 >> 63 == 1);

// 10^k for k = 0..19.
constexpr std::array<uint64_t, 20> kPow10 = [] {
    std::array<uint64_t, 20> p{};
    p[0] = 1;
    for (size_t k = 1; k < p.size(); ++k) p[k] = p[k - 1] * 10;
    return p;
}();
static_assert(kPow10[19] == kTen19);

// Two decimal digits per table lookup.
constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// Writes `v` backwards ending at `end`, exactly `width` digits (zero-padded) when width > 0,
// else minimal digits. Returns the new start.
char* write_u64_backwards(char* end, uint64_t v, int width) noexcept {
    char* p = end;
    while (v >= 100) {
        const auto pair = static_cast<unsigned>(v % 100) * 2;
        v /= 100;
        *--p = kDigitPairs[pair + 1];
        *--p = kDigitPairs[pair];
    }
    if (v >= 10) {
        const auto pair = static_cast<unsigned>(v) * 2;
        *--p = kDigitPairs[pair + 1];
        *--p = kDigitPairs[pair];
    } else {
        *--p = static_cast<char>('0' + v);
    }
    while (end - p < width) *--p = '0';
    return p;
}

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool has_hex_prefix(std::string_view text) noexcept {
    return text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
}

uint64_t load_be64(const uint8_t* p) noexcept {
    uint64_t v;
    std::memcpy(&v, p, 8);
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
    return v;
}

void store_be64(uint8_t* p, uint64_t v) noexcept {
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
    std::memcpy(p, &v, 8);
}

}  // namespace

// ---- Bytes -------------------------------------------------------------------------------------

Uint256 Uint256::from_be_bytes(BytesView b) noexcept {
    YAO_ASSERT(b.size() <= 32);
    uint8_t buf[32] = {};
    if (!b.empty()) std::memcpy(buf + (32 - b.size()), b.data(), b.size());
    return from_limbs(load_be64(buf + 24), load_be64(buf + 16), load_be64(buf + 8), load_be64(buf));
}

Uint256 Uint256::from_hash(const Hash256& h) noexcept {
    const uint8_t* p = h.data();
    return from_limbs(load_be64(p + 24), load_be64(p + 16), load_be64(p + 8), load_be64(p));
}

void Uint256::to_be_bytes(uint8_t* out32) const noexcept {
    for (int i = 0; i < 4; ++i) store_be64(out32 + 8 * i, limbs[3 - i]);
}

Hash256 Uint256::to_hash() const noexcept {
    Hash256 h;
    to_be_bytes(h.data());
    return h;
}

unsigned Uint256::bit_length() const noexcept {
    return 256 - clz(*this);
}

unsigned Uint256::byte_length() const noexcept {
    return (bit_length() + 7) / 8;
}

// ---- Text --------------------------------------------------------------------------------------

std::string Uint256::to_hex() const {
    const unsigned digits = is_zero() ? 1 : (bit_length() + 3) / 4;
    std::string out(digits + 2, '0');
    out[1] = 'x';
    for (unsigned i = 0; i < digits; ++i) {
        const unsigned nibble = static_cast<unsigned>(limbs[i / 16] >> (i % 16 * 4)) & 0xf;
        out[out.size() - 1 - i] = kHexDigits[nibble];
    }
    return out;
}

std::string Uint256::to_dec() const {
    char buf[80];  // 2^256 - 1 has 78 digits
    char* const end = buf + sizeof(buf);
    if (fits_u64()) {
        char* p = write_u64_backwards(end, limbs[0], 0);
        return std::string(p, end);
    }
    // Peel off 19 digits at a time: divide by 10^19 with its precomputed reciprocal.
    uint64_t x[4] = {limbs[0], limbs[1], limbs[2], limbs[3]};
    int n = significant_limbs(x, 4);
    char* p = end;
    while (n > 1) {
        uint64_t rem = 0;
        for (int i = n - 1; i >= 0; --i) {
            const QuotRem1 qr = udivrem_2by1(rem, x[i], kTen19, kTen19Reciprocal);
            x[i] = qr.q;
            rem = qr.r;
        }
        n = significant_limbs(x, n);
        p = write_u64_backwards(p, rem, 19);
    }
    // The rest fits one limb; it may still exceed 10^19 (or be 0 only if nothing is left
    // above, which cannot happen here since the value was >= 2^64).
    if (x[0] >= kTen19) {
        p = write_u64_backwards(p, x[0] % kTen19, 19);
        x[0] /= kTen19;
    }
    if (x[0] != 0) p = write_u64_backwards(p, x[0], 0);
    return std::string(p, end);
}

Result<Uint256> Uint256::from_hex(std::string_view text) {
    const std::string_view digits = has_hex_prefix(text) ? text.substr(2) : text;
    const size_t prefix = text.size() - digits.size();
    if (digits.empty()) return fail(Errc::kEmptyNumber, "no hex digits");
    for (size_t i = 0; i < digits.size(); ++i)
        if (hex_value(digits[i]) < 0)
            return fail(Errc::kInvalidHexDigit, "at offset " + std::to_string(prefix + i));
    if (digits.size() > 64)
        return fail(Errc::kNumberTooLarge, std::to_string(digits.size()) + " hex digits");
    Uint256 r;
    for (size_t i = 0; i < digits.size(); ++i) {
        const auto nibble = static_cast<uint64_t>(hex_value(digits[digits.size() - 1 - i]));
        r.limbs[i / 16] |= nibble << (i % 16 * 4);
    }
    return r;
}

Result<Uint256> Uint256::from_dec(std::string_view text) {
    if (text.empty()) return fail(Errc::kEmptyNumber, "no decimal digits");
    for (size_t i = 0; i < text.size(); ++i)
        if (text[i] < '0' || text[i] > '9')
            return fail(Errc::kInvalidDecimalDigit, "at offset " + std::to_string(i));
    // Horner's rule on chunks of up to 19 digits: r = r * 10^k + chunk, watching the carries.
    Uint256 r;
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t k = std::min<size_t>(19, text.size() - pos);
        uint64_t chunk = 0;
        for (size_t i = 0; i < k; ++i)
            chunk = chunk * 10 + static_cast<uint64_t>(text[pos + i] - '0');
        pos += k;
        uint64_t carry = chunk;
        for (int i = 0; i < 4; ++i) {
            const UInt128 t = UInt128{r.limbs[i]} * kPow10[k] + carry;
            r.limbs[i] = static_cast<uint64_t>(t);
            carry = static_cast<uint64_t>(t >> 64);
        }
        if (carry != 0) return fail(Errc::kNumberTooLarge, "above 2^256-1");
    }
    return r;
}

Result<Uint256> Uint256::from_string(std::string_view text) {
    return has_hex_prefix(text) ? from_hex(text) : from_dec(text);
}

// ---- Division and the EVM operations -----------------------------------------------------------

std::pair<Uint256, Uint256> udivrem(const Uint256& a, const Uint256& b) noexcept {
    std::pair<Uint256, Uint256> qr;  // one named result for every path: returned in place
    const int dlen = significant_limbs(b.limbs.data(), 4);
    if (dlen == 0) return qr;
    if (a < b) {
        qr.second = a;
        return qr;
    }
    if (a.fits_u64()) {
        qr.first.limbs[0] = a.limbs[0] / b.limbs[0];
        qr.second.limbs[0] = a.limbs[0] % b.limbs[0];
        return qr;
    }
    const int ulen = significant_limbs(a.limbs.data(), 4);
    udivrem_limbs(a.limbs.data(), ulen, b.limbs.data(), dlen, qr.first.limbs.data(),
                  qr.second.limbs.data());
    return qr;
}

Uint256 sdiv(const Uint256& a, const Uint256& b) noexcept {
    // |a| / |b| with the sign of a * b. |-2^255| wraps to 2^255, so -2^255 / -1 == -2^255.
    const Uint256 q = abs_value(a) / abs_value(b);
    return is_negative(a) != is_negative(b) ? -q : q;
}

Uint256 smod(const Uint256& a, const Uint256& b) noexcept {
    const Uint256 r = abs_value(a) % abs_value(b);
    return is_negative(a) ? -r : r;
}

Uint256 addmod(const Uint256& a, const Uint256& b, const Uint256& m) noexcept {
    if (m.is_zero()) return {};
    auto [sum, carry] = add_overflow(a, b);
    if (a < m && b < m) {
        // a + b < 2m: at most one subtraction (the common case: operands already reduced).
        if (carry || sum >= m) sum -= m;
        return sum;
    }
    const uint64_t u[5] = {sum.limbs[0], sum.limbs[1], sum.limbs[2], sum.limbs[3], carry};
    return mod_limbs(u, 5, m);
}

Uint256 mulmod(const Uint256& a, const Uint256& b, const Uint256& m) noexcept {
    if (m.is_zero()) return {};
    const std::array<uint64_t, 8> p = mul_full(a, b);
    return mod_limbs(p.data(), 8, m);
}

Uint256 exp(const Uint256& base, const Uint256& exponent) noexcept {
    if (base == 2) return exponent < 256 ? Uint256{1} << exponent.limbs[0] : Uint256{};
    // Right-to-left square-and-multiply over the exponent's significant bits.
    Uint256 result = 1;
    Uint256 power = base;
    const unsigned bits = exponent.bit_length();
    for (unsigned i = 0; i < bits; ++i) {
        if ((exponent.limbs[i / 64] >> (i % 64)) & 1) result *= power;
        if (i + 1 < bits) power = square(power);
    }
    return result;
}

}  // namespace yao
