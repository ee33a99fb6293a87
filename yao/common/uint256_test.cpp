// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gmp.h>
#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <yao/common/errc.hpp>
#include <yao/common/uint256.hpp>

#include "test_util/uint256_print.hpp"

namespace yao {

namespace {

// Random operand pairs per operation (every property test below draws this many).
constexpr int kIterations = 100'000;

// ---- GMP bridge ---------------------------------------------------------------------------------

// Owns an mpz_t.
class Mpz {
public:
    Mpz() { mpz_init(v_); }
    ~Mpz() { mpz_clear(v_); }
    Mpz(const Mpz&) = delete;
    Mpz& operator=(const Mpz&) = delete;
    mpz_ptr get() { return v_; }
    mpz_srcptr get() const { return v_; }

private:
    mpz_t v_;
};

void set_unsigned(mpz_ptr out, const Uint256& x) {
    mpz_import(out, 4, -1, sizeof(uint64_t), 0, 0, x.limbs.data());
}

// Two's complement reading: x - 2^256 when the top bit is set.
void set_signed(mpz_ptr out, const Uint256& x) {
    set_unsigned(out, x);
    if (x.limbs[3] >> 63) {
        Mpz two256;
        mpz_ui_pow_ui(two256.get(), 2, 256);
        mpz_sub(out, out, two256.get());
    }
}

// x mod 2^256 (floor, so negative values wrap to their two's complement).
Uint256 wrap(mpz_srcptr x) {
    Mpz t;
    mpz_fdiv_r_2exp(t.get(), x, 256);
    Uint256 r;
    size_t count = 0;
    mpz_export(r.limbs.data(), &count, -1, sizeof(uint64_t), 0, 0, t.get());
    return r;
}

std::string mpz_str(mpz_srcptr x, int base) {
    std::string s(mpz_sizeinbase(x, base) + 2, '\0');
    mpz_get_str(s.data(), base, x);
    s.resize(std::char_traits<char>::length(s.c_str()));
    return s;
}

// ---- Operand generation -------------------------------------------------------------------------

Uint256 pow2(unsigned n) {
    return Uint256{1} << n;
}

const std::vector<Uint256>& edge_values() {
    static const std::vector<Uint256> values = [] {
        const Uint256 two255 = pow2(255);
        return std::vector<Uint256>{
            0,
            1,
            2,
            3,
            7,
            8,
            31,
            32,
            255,
            256,
            two255,
            Uint256::max(),
            two255 - 1,
            two255 + 1,
            Uint256::max() - 1,
            pow2(63),
            pow2(64) - 1,
            pow2(64),
            pow2(64) + 1,
            pow2(127),
            pow2(128) - 1,
            pow2(128),
            pow2(128) + 1,
            pow2(192) - 1,
            pow2(192),
            pow2(200),
            10'000'000'000'000'000'000ULL,
            Uint256::from_limbs(0, ~0ULL, 0, ~0ULL),  // alternating limbs
            Uint256::from_limbs(~0ULL, 0, ~0ULL, 0),
            Uint256::from_limbs(~0ULL, ~0ULL, ~0ULL, 1ULL << 63),  // normalized, low ones
            Uint256::from_limbs(0, 0, 1ULL << 63, 1ULL << 63),
        };
    }();
    return values;
}

// Deterministic base seed; YAO_TEST_SEED=<n> overrides it to explore other inputs.
uint64_t base_seed() {
    static const uint64_t seed = [] {
        uint64_t s = 0x59a0'0256'1d2e'77c3ULL;
        if (const char* env = std::getenv("YAO_TEST_SEED")) s = std::strtoull(env, nullptr, 0);
        std::printf("uint256_test seed: 0x%016llx (set YAO_TEST_SEED to change)\n",
                    static_cast<unsigned long long>(s));
        return s;
    }();
    return seed;
}

// Draws operands from a mix that reaches carries, normalization shifts, the rare branches of
// Knuth division and the sign boundary, not only uniform 256-bit values.
class OperandSource {
public:
    explicit OperandSource(uint64_t salt) : rng_{base_seed() ^ (salt * 0x9e37'79b9'7f4a'7c15ULL)} {}

    uint64_t next64() { return rng_(); }

    Uint256 uniform() {
        Uint256 r;
        for (auto& l : r.limbs) l = rng_();  // sequenced: the same values on every compiler
        return r;
    }

    Uint256 operand() {
        switch (rng_() % 9) {
            case 0:
            case 1:
                return uniform();
            case 2:  // small
                return rng_() % 2 ? Uint256{rng_() % 1024} : Uint256{rng_()};
            case 3: {  // a random number of significant limbs
                const auto n = static_cast<int>(rng_() % 4) + 1;
                Uint256 r;
                for (int i = 0; i < n; ++i) r.limbs[i] = rng_();
                return r;
            }
            case 4:  // a random number of significant bits
                return uniform() >> (rng_() % 257);
            case 5: {  // an edge value
                const auto& e = edge_values();
                return e[rng_() % e.size()];
            }
            case 6: {  // limbs from a set of carry-prone patterns
                static constexpr uint64_t kPatterns[] = {0,         1,          ~0ULL,
                                                         ~0ULL - 1, 1ULL << 63, (1ULL << 63) - 1};
                Uint256 r;
                for (auto& l : r.limbs) l = rng_() % 7 == 6 ? rng_() : kPatterns[rng_() % 6];
                return r;
            }
            case 7: {  // a power of two, or its neighbours
                const Uint256 p = pow2(static_cast<unsigned>(rng_() % 256));
                return p + Uint256{rng_() % 3} - Uint256{1};
            }
            default:  // a small negative number in two's complement
                return -Uint256{rng_() % 2 ? rng_() % 1024 : rng_()};
        }
    }

    // A shift amount, byte index or similar: mostly in 0..300, sometimes anything.
    Uint256 index() { return rng_() % 4 == 0 ? operand() : Uint256{rng_() % 301}; }

private:
    std::mt19937_64 rng_;
};

// ---- Checkers -----------------------------------------------------------------------------------

enum class Sign { kUnsigned, kSigned };

using MpzBinary = std::function<void(mpz_ptr, mpz_srcptr, mpz_srcptr)>;
using MpzTernary = std::function<void(mpz_ptr, mpz_srcptr, mpz_srcptr, mpz_srcptr)>;

// Compares `op(a, b)` with the GMP reference (wrapped mod 2^256) on every pair of edge values
// and on kIterations pairs drawn from `draw_a` / `draw_b`.
template <typename Op, typename DrawA, typename DrawB>
void check_binary(uint64_t salt, Sign sign, Op op, const MpzBinary& ref, DrawA draw_a,
                  DrawB draw_b) {
    OperandSource src{salt};
    Mpz ma, mb, mr;
    auto check = [&](const Uint256& a, const Uint256& b) {
        if (sign == Sign::kSigned) {
            set_signed(ma.get(), a);
            set_signed(mb.get(), b);
        } else {
            set_unsigned(ma.get(), a);
            set_unsigned(mb.get(), b);
        }
        ref(mr.get(), ma.get(), mb.get());
        const Uint256 got = op(a, b);
        const Uint256 want = wrap(mr.get());
        if (got != want) {
            ADD_FAILURE() << "a=" << a.to_hex() << " b=" << b.to_hex() << " got=" << got.to_hex()
                          << " want=" << want.to_hex();
            return false;
        }
        return true;
    };
    for (const Uint256& a : edge_values())
        for (const Uint256& b : edge_values())
            if (!check(a, b)) return;
    for (int i = 0; i < kIterations; ++i) {
        const Uint256 a = draw_a(src);
        const Uint256 b = draw_b(src);
        if (!check(a, b)) return;
    }
}

template <typename Op>
void check_binary(uint64_t salt, Sign sign, Op op, const MpzBinary& ref) {
    auto draw = [](OperandSource& s) { return s.operand(); };
    check_binary(salt, sign, op, ref, draw, draw);
}

template <typename Op>
void check_unary(uint64_t salt, Sign sign, Op op,
                 const std::function<void(mpz_ptr, mpz_srcptr)>& ref) {
    check_binary(
        salt, sign, [&](const Uint256& a, const Uint256&) { return op(a); },
        [&](mpz_ptr r, mpz_srcptr a, mpz_srcptr) { ref(r, a); });
}

template <typename Op>
void check_ternary(uint64_t salt, Op op, const MpzTernary& ref) {
    OperandSource src{salt};
    Mpz ma, mb, mm, mr;
    auto check = [&](const Uint256& a, const Uint256& b, const Uint256& m) {
        set_unsigned(ma.get(), a);
        set_unsigned(mb.get(), b);
        set_unsigned(mm.get(), m);
        ref(mr.get(), ma.get(), mb.get(), mm.get());
        const Uint256 got = op(a, b, m);
        const Uint256 want = wrap(mr.get());
        if (got != want) {
            ADD_FAILURE() << "a=" << a.to_hex() << " b=" << b.to_hex() << " m=" << m.to_hex()
                          << " got=" << got.to_hex() << " want=" << want.to_hex();
            return false;
        }
        return true;
    };
    for (const Uint256& a : edge_values())
        for (const Uint256& b : edge_values())
            for (const Uint256& m : edge_values())
                if (!check(a, b, m)) return;
    for (int i = 0; i < kIterations; ++i) {
        const Uint256 a = src.operand();
        const Uint256 b = src.operand();
        const Uint256 m = src.operand();
        if (!check(a, b, m)) return;
    }
}

Uint256 from_bool(bool b) {
    return b ? 1 : 0;
}

void mpz_from_bool(mpz_ptr r, bool b) {
    mpz_set_ui(r, b ? 1 : 0);
}

// ---- Arithmetic against GMP ---------------------------------------------------------------------

TEST(Uint256VsGmp, AddWrapsModulo2Pow256) {
    check_binary(
        1, Sign::kUnsigned, [](auto& a, auto& b) { return a + b; }, mpz_add);
}

TEST(Uint256VsGmp, AddOverflowReportsCarryOutOfBit256) {
    check_binary(
        2, Sign::kUnsigned, [](auto& a, auto& b) { return from_bool(add_overflow(a, b).second); },
        [](mpz_ptr r, mpz_srcptr a, mpz_srcptr b) {
            mpz_add(r, a, b);
            mpz_from_bool(r, mpz_sizeinbase(r, 2) > 256);
        });
}

TEST(Uint256VsGmp, SubWrapsModulo2Pow256) {
    check_binary(
        3, Sign::kUnsigned, [](auto& a, auto& b) { return a - b; }, mpz_sub);
}

TEST(Uint256VsGmp, SubOverflowReportsBorrow) {
    check_binary(
        4, Sign::kUnsigned, [](auto& a, auto& b) { return from_bool(sub_overflow(a, b).second); },
        [](mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_from_bool(r, mpz_cmp(a, b) < 0); });
}

TEST(Uint256VsGmp, MulWrapsModulo2Pow256) {
    check_binary(
        5, Sign::kUnsigned, [](auto& a, auto& b) { return a * b; }, mpz_mul);
}

TEST(Uint256VsGmp, MulFullGivesBothHalvesOfThe512BitProduct) {
    Mpz p;
    auto ref_half = [&](int half) {
        return [&p, half](mpz_ptr r, mpz_srcptr a, mpz_srcptr b) {
            mpz_mul(p.get(), a, b);
            mpz_fdiv_q_2exp(r, p.get(), half == 0 ? 0 : 256);
        };
    };
    auto half_of = [](int half) {
        return [half](const Uint256& a, const Uint256& b) {
            const auto full = mul_full(a, b);
            const int o = half == 0 ? 0 : 4;
            return Uint256::from_limbs(full[o], full[o + 1], full[o + 2], full[o + 3]);
        };
    };
    check_binary(6, Sign::kUnsigned, half_of(0), ref_half(0));
    check_binary(7, Sign::kUnsigned, half_of(1), ref_half(1));
}

TEST(Uint256VsGmp, DivTruncatesAndDivisionByZeroIsZero) {
    auto ref = [](mpz_ptr r, mpz_srcptr a, mpz_srcptr b) {
        if (mpz_sgn(b) == 0) return mpz_set_ui(r, 0);
        mpz_tdiv_q(r, a, b);
    };
    check_binary(
        8, Sign::kUnsigned, [](auto& a, auto& b) { return a / b; }, ref);
    check_binary(
        9, Sign::kUnsigned, [](auto& a, auto& b) { return udivrem(a, b).first; }, ref);
}

TEST(Uint256VsGmp, ModAndModuloByZeroIsZero) {
    auto ref = [](mpz_ptr r, mpz_srcptr a, mpz_srcptr b) {
        if (mpz_sgn(b) == 0) return mpz_set_ui(r, 0);
        mpz_tdiv_r(r, a, b);
    };
    check_binary(
        10, Sign::kUnsigned, [](auto& a, auto& b) { return a % b; }, ref);
    check_binary(
        11, Sign::kUnsigned, [](auto& a, auto& b) { return udivrem(a, b).second; }, ref);
}

TEST(Uint256VsGmp, SdivTruncatesTowardZero) {
    check_binary(
        12, Sign::kSigned, [](auto& a, auto& b) { return sdiv(a, b); },
        [](mpz_ptr r, mpz_srcptr a, mpz_srcptr b) {
            if (mpz_sgn(b) == 0) return mpz_set_ui(r, 0);
            mpz_tdiv_q(r, a, b);
        });
}

TEST(Uint256VsGmp, SmodTakesTheSignOfTheDividend) {
    check_binary(
        13, Sign::kSigned, [](auto& a, auto& b) { return smod(a, b); },
        [](mpz_ptr r, mpz_srcptr a, mpz_srcptr b) {
            if (mpz_sgn(b) == 0) return mpz_set_ui(r, 0);
            mpz_tdiv_r(r, a, b);
        });
}

TEST(Uint256VsGmp, AddmodUsesThe257BitSum) {
    check_ternary(
        14, [](auto& a, auto& b, auto& m) { return addmod(a, b, m); },
        [](mpz_ptr r, mpz_srcptr a, mpz_srcptr b, mpz_srcptr m) {
            if (mpz_sgn(m) == 0) return mpz_set_ui(r, 0);
            mpz_add(r, a, b);
            mpz_mod(r, r, m);
        });
}

TEST(Uint256VsGmp, MulmodUsesThe512BitProduct) {
    check_ternary(
        15, [](auto& a, auto& b, auto& m) { return mulmod(a, b, m); },
        [](mpz_ptr r, mpz_srcptr a, mpz_srcptr b, mpz_srcptr m) {
            if (mpz_sgn(m) == 0) return mpz_set_ui(r, 0);
            mpz_mul(r, a, b);
            mpz_mod(r, r, m);
        });
}

TEST(Uint256VsGmp, ExpIsPowerModulo2Pow256) {
    Mpz two256;
    mpz_ui_pow_ui(two256.get(), 2, 256);
    check_binary(
        16, Sign::kUnsigned, [](auto& a, auto& b) { return exp(a, b); },
        [&](mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_powm(r, a, b, two256.get()); });
}

TEST(Uint256VsGmp, NegationIsTwosComplement) {
    check_unary(
        17, Sign::kUnsigned, [](auto& a) { return -a; }, mpz_neg);
}

// ---- Bitwise and shifts against GMP -------------------------------------------------------------

TEST(Uint256VsGmp, AndOrXorNot) {
    check_binary(
        20, Sign::kUnsigned, [](auto& a, auto& b) { return a & b; }, mpz_and);
    check_binary(
        21, Sign::kUnsigned, [](auto& a, auto& b) { return a | b; }, mpz_ior);
    check_binary(
        22, Sign::kUnsigned, [](auto& a, auto& b) { return a ^ b; }, mpz_xor);
    // NOT x == 2^256 - 1 - x.
    check_unary(
        23, Sign::kUnsigned, [](auto& a) { return ~a; },
        [](mpz_ptr r, mpz_srcptr a) {
            mpz_ui_pow_ui(r, 2, 256);
            mpz_sub_ui(r, r, 1);
            mpz_sub(r, r, a);
        });
}

// Shift amount `n` as mpz; anything >= 256 clamps to 256 (the result is then 0 or -1).
mp_bitcnt_t clamp_shift(mpz_srcptr n) {
    return mpz_cmp_ui(n, 256) >= 0 ? 256 : mpz_get_ui(n);
}

auto draw_index = [](OperandSource& s) { return s.index(); };
auto draw_operand = [](OperandSource& s) { return s.operand(); };

TEST(Uint256VsGmp, ShlByWordAndByU64) {
    auto ref = [](mpz_ptr r, mpz_srcptr n, mpz_srcptr x) {
        if (mpz_cmp_ui(n, 256) >= 0) return mpz_set_ui(r, 0);
        mpz_mul_2exp(r, x, mpz_get_ui(n));
    };
    check_binary(
        30, Sign::kUnsigned, [](auto& n, auto& x) { return x << n; }, ref, draw_index,
        draw_operand);
    check_binary(
        31, Sign::kUnsigned,
        [](auto& n, auto& x) { return n.fits_u64() ? x << n.low64() : Uint256{}; }, ref, draw_index,
        draw_operand);
}

TEST(Uint256VsGmp, ShrByWordAndByU64) {
    auto ref = [](mpz_ptr r, mpz_srcptr n, mpz_srcptr x) { mpz_fdiv_q_2exp(r, x, clamp_shift(n)); };
    check_binary(
        32, Sign::kUnsigned, [](auto& n, auto& x) { return x >> n; }, ref, draw_index,
        draw_operand);
    check_binary(
        33, Sign::kUnsigned,
        [](auto& n, auto& x) { return n.fits_u64() ? x >> n.low64() : Uint256{}; }, ref, draw_index,
        draw_operand);
}

TEST(Uint256VsGmp, SarIsFloorDivisionByPowerOfTwo) {
    // Signed reading for x only; the shift amount is unsigned.
    Mpz n_unsigned;
    check_binary(
        34, Sign::kSigned, [&](auto& n, auto& x) { return sar(n, x); },
        [&](mpz_ptr r, mpz_srcptr n, mpz_srcptr x) {
            if (mpz_sgn(n) < 0) return mpz_fdiv_q_2exp(r, x, 256);  // huge unsigned amount
            mpz_fdiv_q_2exp(r, x, clamp_shift(n));
        },
        draw_index, draw_operand);
}

TEST(Uint256VsGmp, ByteCountsFromTheMostSignificantByte) {
    check_binary(
        35, Sign::kUnsigned, [](auto& i, auto& x) { return byte(i, x); },
        [](mpz_ptr r, mpz_srcptr i, mpz_srcptr x) {
            if (mpz_cmp_ui(i, 32) >= 0) return mpz_set_ui(r, 0);
            mpz_fdiv_q_2exp(r, x, 8 * (31 - mpz_get_ui(i)));
            mpz_fdiv_r_2exp(r, r, 8);
        },
        draw_index, draw_operand);
}

TEST(Uint256VsGmp, SignextendExtendsBitEightBPlusSeven) {
    check_binary(
        36, Sign::kUnsigned, [](auto& b, auto& x) { return signextend(b, x); },
        [](mpz_ptr r, mpz_srcptr b, mpz_srcptr x) {
            if (mpz_cmp_ui(b, 31) >= 0) return mpz_set(r, x);
            const mp_bitcnt_t width = 8 * (mpz_get_ui(b) + 1);
            mpz_fdiv_r_2exp(r, x, width);  // the low b+1 bytes, as unsigned
            if (mpz_tstbit(r, width - 1)) {
                Mpz t;
                mpz_ui_pow_ui(t.get(), 2, width);
                mpz_sub(r, r, t.get());  // negative: wraps to the extended pattern
            }
        },
        draw_index, draw_operand);
}

// ---- Comparisons against GMP --------------------------------------------------------------------

TEST(Uint256VsGmp, UnsignedComparisons) {
    auto cmp_ref = [](auto pred) {
        return [pred](mpz_ptr r, mpz_srcptr a, mpz_srcptr b) {
            mpz_from_bool(r, pred(mpz_cmp(a, b)));
        };
    };
    check_binary(
        40, Sign::kUnsigned, [](auto& a, auto& b) { return from_bool(a < b); },
        cmp_ref([](int c) { return c < 0; }));
    check_binary(
        41, Sign::kUnsigned, [](auto& a, auto& b) { return from_bool(a > b); },
        cmp_ref([](int c) { return c > 0; }));
    check_binary(
        42, Sign::kUnsigned, [](auto& a, auto& b) { return from_bool(a == b); },
        cmp_ref([](int c) { return c == 0; }));
    check_binary(
        43, Sign::kUnsigned, [](auto& a, auto& b) { return from_bool(a <= b); },
        cmp_ref([](int c) { return c <= 0; }));
    check_binary(
        44, Sign::kUnsigned, [](auto& a, auto& b) { return from_bool(a >= b); },
        cmp_ref([](int c) { return c >= 0; }));
    check_binary(
        45, Sign::kUnsigned, [](auto& a, auto& b) { return from_bool(a != b); },
        cmp_ref([](int c) { return c != 0; }));
    check_binary(
        46, Sign::kUnsigned, [](auto& a, auto& b) { return from_bool((a <=> b) < 0); },
        cmp_ref([](int c) { return c < 0; }));
    check_binary(
        47, Sign::kUnsigned, [](auto& a, auto& b) { return from_bool((a <=> b) == 0); },
        cmp_ref([](int c) { return c == 0; }));
}

TEST(Uint256VsGmp, SignedComparisons) {
    check_binary(
        48, Sign::kSigned, [](auto& a, auto& b) { return from_bool(slt(a, b)); },
        [](mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_from_bool(r, mpz_cmp(a, b) < 0); });
    check_binary(
        49, Sign::kSigned, [](auto& a, auto& b) { return from_bool(sgt(a, b)); },
        [](mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_from_bool(r, mpz_cmp(a, b) > 0); });
}

TEST(Uint256VsGmp, IszeroAndBitCounts) {
    check_unary(
        50, Sign::kUnsigned, [](auto& a) { return from_bool(a.is_zero()); },
        [](mpz_ptr r, mpz_srcptr a) { mpz_from_bool(r, mpz_sgn(a) == 0); });
    check_unary(
        51, Sign::kUnsigned, [](auto& a) { return from_bool(!a); },
        [](mpz_ptr r, mpz_srcptr a) { mpz_from_bool(r, mpz_sgn(a) == 0); });
    auto bits = [](mpz_srcptr a) -> unsigned long {
        return mpz_sgn(a) == 0 ? 0 : mpz_sizeinbase(a, 2);
    };
    check_unary(
        52, Sign::kUnsigned, [](auto& a) { return Uint256{a.bit_length()}; },
        [&](mpz_ptr r, mpz_srcptr a) { mpz_set_ui(r, bits(a)); });
    check_unary(
        53, Sign::kUnsigned, [](auto& a) { return Uint256{clz(a)}; },
        [&](mpz_ptr r, mpz_srcptr a) { mpz_set_ui(r, 256 - bits(a)); });
    check_unary(
        54, Sign::kUnsigned, [](auto& a) { return Uint256{a.byte_length()}; },
        [&](mpz_ptr r, mpz_srcptr a) { mpz_set_ui(r, (bits(a) + 7) / 8); });
    check_unary(
        55, Sign::kUnsigned, [](auto& a) { return from_bool(a.fits_u64()); },
        [&](mpz_ptr r, mpz_srcptr a) { mpz_from_bool(r, bits(a) <= 64); });
}

// ---- Conversions against GMP --------------------------------------------------------------------

TEST(Uint256VsGmp, BigEndianBytesRoundTrip) {
    OperandSource src{60};
    Mpz m;
    for (int i = 0; i < kIterations; ++i) {
        const Uint256 x = src.operand();
        set_unsigned(m.get(), x);
        uint8_t want[32] = {};
        size_t count = 0;
        uint8_t packed[32];
        mpz_export(packed, &count, 1, 1, 0, 0, m.get());
        std::memcpy(want + (32 - count), packed, count);

        uint8_t got[32];
        x.to_be_bytes(got);
        ASSERT_EQ(std::memcmp(got, want, 32), 0) << x.to_hex();
        ASSERT_EQ(std::memcmp(x.to_hash().data(), want, 32), 0) << x.to_hex();
        ASSERT_EQ(Uint256::from_hash(x.to_hash()), x);
        ASSERT_EQ(Uint256::from_be_bytes(BytesView{want, 32}), x);
        // Any right-aligned suffix reads as the number those bytes spell.
        const size_t len = src.next64() % 33;
        mpz_import(m.get(), len, 1, 1, 0, 0, want + (32 - len));
        ASSERT_EQ(Uint256::from_be_bytes(BytesView{want + (32 - len), len}), wrap(m.get()));
        // The minimal encoding has byte_length() bytes.
        ASSERT_EQ(x.byte_length(), count) << x.to_hex();
    }
}

TEST(Uint256VsGmp, HexMatchesMpzGetStrAndRoundTrips) {
    OperandSource src{61};
    Mpz m;
    for (int i = 0; i < kIterations; ++i) {
        const Uint256 x = src.operand();
        set_unsigned(m.get(), x);
        const std::string digits = mpz_str(m.get(), 16);
        ASSERT_EQ(x.to_hex(), "0x" + digits);
        ASSERT_EQ(Uint256::from_hex(digits).value(), x) << digits;
        ASSERT_EQ(Uint256::from_string("0x" + digits).value(), x) << digits;
        // Upper case and zero-padding to the full 64 digits parse the same.
        std::string padded = std::string(64 - digits.size(), '0') + digits;
        for (char& c : padded)
            if (src.next64() % 2) c = static_cast<char>(std::toupper(c));
        ASSERT_EQ(Uint256::from_hex("0X" + padded).value(), x) << padded;
    }
}

TEST(Uint256VsGmp, DecimalMatchesMpzGetStrAndRoundTrips) {
    OperandSource src{62};
    Mpz m;
    for (int i = 0; i < kIterations; ++i) {
        const Uint256 x = src.operand();
        set_unsigned(m.get(), x);
        const std::string digits = mpz_str(m.get(), 10);
        ASSERT_EQ(x.to_dec(), digits);
        ASSERT_EQ(Uint256::from_dec(digits).value(), x) << digits;
        ASSERT_EQ(Uint256::from_string(digits).value(), x) << digits;
        ASSERT_EQ(Uint256::from_dec("000" + digits).value(), x) << digits;
    }
}

TEST(Uint256VsGmp, DecimalAboveMaxIsRejected) {
    OperandSource src{63};
    Mpz m;
    Mpz two256;
    mpz_ui_pow_ui(two256.get(), 2, 256);
    for (int i = 0; i < kIterations; ++i) {
        // 2^256 + x for an operand x: always one past the range.
        set_unsigned(m.get(), src.operand());
        mpz_add(m.get(), m.get(), two256.get());
        const auto r = Uint256::from_dec(mpz_str(m.get(), 10));
        ASSERT_FALSE(r);
        ASSERT_EQ(r.error(), Errc::kNumberTooLarge);
    }
}

// ---- Knuth division corner cases ----------------------------------------------------------------

// Quotients whose first 3-by-2 estimate is one too large (the add-back step) or whose top limbs
// equal the divisor's (the estimate would overflow), built from U = (2^64-1) * D - 1 and similar.
TEST(Uint256Division, AddBackAndOverflowEstimatesMatchGmp) {
    OperandSource src{70};
    Mpz mu, md, mq, mr, beta;
    mpz_ui_pow_ui(beta.get(), 2, 64);
    int checked = 0;
    for (int i = 0; i < 20'000; ++i) {
        // A divisor of 2..4 limbs whose lower limbs are mostly ones.
        const int dlen = 2 + static_cast<int>(src.next64() % 3);
        Uint256 d;
        for (int k = 0; k < dlen; ++k) d.limbs[k] = src.next64() % 2 ? ~0ULL : src.next64();
        if (src.next64() % 2) d.limbs[dlen - 1] |= 1ULL << 63;
        set_unsigned(md.get(), d);
        // u = q * d + r with q near 2^64 and r near d.
        mpz_sub_ui(mq.get(), beta.get(), 1 + src.next64() % 3);
        mpz_sub_ui(mr.get(), md.get(), 1 + src.next64() % 3);
        mpz_mul(mu.get(), mq.get(), md.get());
        mpz_add(mu.get(), mu.get(), mr.get());
        if (mpz_sizeinbase(mu.get(), 2) <= 256) {
            const Uint256 u = wrap(mu.get());
            const auto [q, r] = udivrem(u, d);
            ASSERT_EQ(q, wrap(mq.get())) << u.to_hex() << " / " << d.to_hex();
            ASSERT_EQ(r, wrap(mr.get())) << u.to_hex() << " / " << d.to_hex();
            ++checked;
        }
        // mulmod sees the same shapes with a 4-limb divisor and up to 8 numerator limbs.
        const Uint256 a = ~0ULL - src.next64() % 3;
        const Uint256 b = d - Uint256{src.next64() % 3};
        set_unsigned(mq.get(), a);
        set_unsigned(mr.get(), b);
        mpz_mul(mu.get(), mq.get(), mr.get());
        mpz_mod(mu.get(), mu.get(), md.get());
        ASSERT_EQ(mulmod(a, b, d), wrap(mu.get()));
    }
    EXPECT_GT(checked, 1000);
}

}  // namespace
}  // namespace yao
