// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Uint256 against GMP on the same random inputs. Each pair "uint256/<op>" / "gmp/<op>" runs one
// operation per benchmark iteration over a ring of kInputs pre-generated operands, so the
// reported time per iteration is ns/op and items_per_second counts operations.
//
// GMP side: mpz_t values are converted and allocated (mpz_init2) before the timed loop, so only
// the arithmetic is measured. Where the low-level layer is GMP's natural fast path for fixed
// 4-limb operands the mpn_ function is used instead:
//   add       mpn_add_n on 4 limbs (carry dropped: exactly mod 2^256)
//   mul       mpz_mul + mpz_fdiv_r_2exp(256) (the EVM MUL semantics)
//   mul_full  mpn_mul_n on 4 limbs (the full 512-bit product, vs mul_full)
//   div, mod  mpz_tdiv_q / mpz_tdiv_r
//   addmod, mulmod  mpz_add / mpz_mul then mpz_mod
//   exp       mpz_powm with modulus 2^256
//   to_dec    mpz_get_str into a preallocated buffer
#include <benchmark/benchmark.h>
#include <gmp.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <yao/common/uint256.hpp>

namespace yao {
namespace {

constexpr size_t kInputs = 1024;  // a power of two: the ring index is masked
constexpr size_t kMask = kInputs - 1;

enum class Shape {
    kFull,       // 256 significant bits (top bit set), the rest uniform
    kBits128,    // exactly 128 significant bits
    kBits64,     // exactly 64 significant bits
    kRandomLen,  // uniform bit length 1..256
};

Uint256 draw(std::mt19937_64& rng, Shape shape) {
    Uint256 u;
    for (auto& l : u.limbs) l = rng();
    switch (shape) {
        case Shape::kFull:
            return u | (Uint256{1} << 255);
        case Shape::kBits128:
            return (u >> 128) | (Uint256{1} << 127);
        case Shape::kBits64:
            return (u >> 192) | (Uint256{1} << 63);
        case Shape::kRandomLen: {
            const uint64_t bits = rng() % 256 + 1;
            return (u >> (256 - bits)) | (Uint256{1} << (bits - 1));
        }
    }
    return u;
}

// Three operand columns with the given shapes, the same for both implementations.
struct Inputs {
    std::vector<Uint256> a, b, c;
};

Inputs make_inputs(Shape sa, Shape sb, Shape sc = Shape::kFull) {
    std::mt19937_64 rng{0x0b0e'2560'0000'0001ULL};
    Inputs in;
    for (size_t i = 0; i < kInputs; ++i) {
        in.a.push_back(draw(rng, sa));
        in.b.push_back(draw(rng, sb));
        in.c.push_back(draw(rng, sc));
    }
    return in;
}

// The same inputs as mpz values, allocated once.
class MpzColumn {
public:
    explicit MpzColumn(const std::vector<Uint256>& v) : values_(v.size()) {
        for (size_t i = 0; i < v.size(); ++i) {
            mpz_init2(&values_[i], 512);
            mpz_import(&values_[i], 4, -1, sizeof(uint64_t), 0, 0, v[i].limbs.data());
        }
    }
    ~MpzColumn() {
        for (auto& x : values_) mpz_clear(&x);
    }
    MpzColumn(const MpzColumn&) = delete;
    MpzColumn& operator=(const MpzColumn&) = delete;
    mpz_srcptr operator[](size_t i) const { return &values_[i]; }

private:
    std::vector<__mpz_struct> values_;
};

// A preallocated mpz result.
struct MpzResult {
    mpz_t z;
    MpzResult() { mpz_init2(z, 1024); }
    ~MpzResult() { mpz_clear(z); }
    MpzResult(const MpzResult&) = delete;
    MpzResult& operator=(const MpzResult&) = delete;
};

template <typename Op>
void run_uint256(benchmark::State& state, const Inputs& in, Op op) {
    size_t i = 0;
    for (auto _ : state) {
        const size_t k = i++ & kMask;
        auto r = op(in.a[k], in.b[k], in.c[k]);
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

template <typename Op>
void run_gmp(benchmark::State& state, const Inputs& in, Op op) {
    const MpzColumn a{in.a}, b{in.b}, c{in.c};
    MpzResult r;
    size_t i = 0;
    for (auto _ : state) {
        const size_t k = i++ & kMask;
        op(r.z, a[k], b[k], c[k]);
        benchmark::DoNotOptimize(r.z->_mp_d);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// 2^256 as an mpz, for the modulus of gmp/exp.
mpz_srcptr two256() {
    static const struct Two256 {
        mpz_t z;
        Two256() {
            mpz_init(z);
            mpz_ui_pow_ui(z, 2, 256);
        }
    } value;
    return value.z;
}

// ---- add ----

void uint256_add(benchmark::State& s) {
    run_uint256(s, make_inputs(Shape::kFull, Shape::kFull),
                [](auto& a, auto& b, auto&) { return a + b; });
}
void gmp_add(benchmark::State& s) {
    const Inputs in = make_inputs(Shape::kFull, Shape::kFull);
    size_t i = 0;
    for (auto _ : s) {
        const size_t k = i++ & kMask;
        mp_limb_t r[4];
        const mp_limb_t carry =
            mpn_add_n(r, reinterpret_cast<const mp_limb_t*>(in.a[k].limbs.data()),
                      reinterpret_cast<const mp_limb_t*>(in.b[k].limbs.data()), 4);
        benchmark::DoNotOptimize(r);
        benchmark::DoNotOptimize(carry);
    }
    s.SetItemsProcessed(static_cast<int64_t>(s.iterations()));
}

// ---- mul ----

void uint256_mul(benchmark::State& s) {
    run_uint256(s, make_inputs(Shape::kFull, Shape::kFull),
                [](auto& a, auto& b, auto&) { return a * b; });
}
void gmp_mul(benchmark::State& s) {
    run_gmp(s, make_inputs(Shape::kFull, Shape::kFull), [](mpz_ptr r, auto a, auto b, auto) {
        mpz_mul(r, a, b);
        mpz_fdiv_r_2exp(r, r, 256);
    });
}
void uint256_mul_full(benchmark::State& s) {
    run_uint256(s, make_inputs(Shape::kFull, Shape::kFull),
                [](auto& a, auto& b, auto&) { return mul_full(a, b); });
}
void gmp_mul_full(benchmark::State& s) {
    const Inputs in = make_inputs(Shape::kFull, Shape::kFull);
    size_t i = 0;
    for (auto _ : s) {
        const size_t k = i++ & kMask;
        mp_limb_t r[8];
        mpn_mul_n(r, reinterpret_cast<const mp_limb_t*>(in.a[k].limbs.data()),
                  reinterpret_cast<const mp_limb_t*>(in.b[k].limbs.data()), 4);
        benchmark::DoNotOptimize(r);
    }
    s.SetItemsProcessed(static_cast<int64_t>(s.iterations()));
}

// ---- div and mod ----

void uint256_div_256by128(benchmark::State& s) {
    run_uint256(s, make_inputs(Shape::kFull, Shape::kBits128),
                [](auto& a, auto& b, auto&) { return a / b; });
}
void gmp_div_256by128(benchmark::State& s) {
    run_gmp(s, make_inputs(Shape::kFull, Shape::kBits128),
            [](mpz_ptr r, auto a, auto b, auto) { mpz_tdiv_q(r, a, b); });
}
void uint256_div_256by64(benchmark::State& s) {
    run_uint256(s, make_inputs(Shape::kFull, Shape::kBits64),
                [](auto& a, auto& b, auto&) { return a / b; });
}
void gmp_div_256by64(benchmark::State& s) {
    run_gmp(s, make_inputs(Shape::kFull, Shape::kBits64),
            [](mpz_ptr r, auto a, auto b, auto) { mpz_tdiv_q(r, a, b); });
}
// Divisors of every length, 1 to 256 bits.
void uint256_mod(benchmark::State& s) {
    run_uint256(s, make_inputs(Shape::kFull, Shape::kRandomLen),
                [](auto& a, auto& b, auto&) { return a % b; });
}
void gmp_mod(benchmark::State& s) {
    run_gmp(s, make_inputs(Shape::kFull, Shape::kRandomLen),
            [](mpz_ptr r, auto a, auto b, auto) { mpz_tdiv_r(r, a, b); });
}

// ---- addmod and mulmod (operands and modulus all 256-bit) ----

void uint256_addmod(benchmark::State& s) {
    run_uint256(s, make_inputs(Shape::kFull, Shape::kFull, Shape::kFull),
                [](auto& a, auto& b, auto& m) { return addmod(a, b, m); });
}
void gmp_addmod(benchmark::State& s) {
    run_gmp(s, make_inputs(Shape::kFull, Shape::kFull, Shape::kFull),
            [](mpz_ptr r, auto a, auto b, auto m) {
                mpz_add(r, a, b);
                mpz_mod(r, r, m);
            });
}
void uint256_mulmod(benchmark::State& s) {
    run_uint256(s, make_inputs(Shape::kFull, Shape::kFull, Shape::kFull),
                [](auto& a, auto& b, auto& m) { return mulmod(a, b, m); });
}
void gmp_mulmod(benchmark::State& s) {
    run_gmp(s, make_inputs(Shape::kFull, Shape::kFull, Shape::kFull),
            [](mpz_ptr r, auto a, auto b, auto m) {
                mpz_mul(r, a, b);
                mpz_mod(r, r, m);
            });
}

// ---- exp (256-bit base and exponent: 256 squarings) ----

void uint256_exp(benchmark::State& s) {
    run_uint256(s, make_inputs(Shape::kFull, Shape::kFull),
                [](auto& a, auto& b, auto&) { return exp(a, b); });
}
void gmp_exp(benchmark::State& s) {
    mpz_srcptr mod = two256();
    run_gmp(s, make_inputs(Shape::kFull, Shape::kFull),
            [mod](mpz_ptr r, auto a, auto b, auto) { mpz_powm(r, a, b, mod); });
}

// ---- to_dec (uniform 256-bit: 77-78 digits) ----

void uint256_to_dec(benchmark::State& s) {
    run_uint256(s, make_inputs(Shape::kFull, Shape::kFull),
                [](auto& a, auto&, auto&) { return a.to_dec(); });
}
void gmp_to_dec(benchmark::State& s) {
    const Inputs in = make_inputs(Shape::kFull, Shape::kFull);
    const MpzColumn a{in.a};
    char buf[100];
    size_t i = 0;
    for (auto _ : s) {
        mpz_get_str(buf, 10, a[i++ & kMask]);
        benchmark::DoNotOptimize(buf);
        benchmark::ClobberMemory();
    }
    s.SetItemsProcessed(static_cast<int64_t>(s.iterations()));
}

BENCHMARK(uint256_add)->Name("uint256/add");
BENCHMARK(gmp_add)->Name("gmp/add");
BENCHMARK(uint256_mul)->Name("uint256/mul");
BENCHMARK(gmp_mul)->Name("gmp/mul");
BENCHMARK(uint256_mul_full)->Name("uint256/mul_full");
BENCHMARK(gmp_mul_full)->Name("gmp/mul_full");
BENCHMARK(uint256_div_256by128)->Name("uint256/div_256by128");
BENCHMARK(gmp_div_256by128)->Name("gmp/div_256by128");
BENCHMARK(uint256_div_256by64)->Name("uint256/div_256by64");
BENCHMARK(gmp_div_256by64)->Name("gmp/div_256by64");
BENCHMARK(uint256_mod)->Name("uint256/mod");
BENCHMARK(gmp_mod)->Name("gmp/mod");
BENCHMARK(uint256_addmod)->Name("uint256/addmod");
BENCHMARK(gmp_addmod)->Name("gmp/addmod");
BENCHMARK(uint256_mulmod)->Name("uint256/mulmod");
BENCHMARK(gmp_mulmod)->Name("gmp/mulmod");
BENCHMARK(uint256_exp)->Name("uint256/exp");
BENCHMARK(gmp_exp)->Name("gmp/exp");
BENCHMARK(uint256_to_dec)->Name("uint256/to_dec");
BENCHMARK(gmp_to_dec)->Name("gmp/to_dec");

}  // namespace
}  // namespace yao
