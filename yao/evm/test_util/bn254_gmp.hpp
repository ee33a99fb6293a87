// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Test helpers for the bn254 tests: GMP as the independent reference for Fp, and deterministic
// random inputs.

#include <gmp.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <random>

#include <yao/evm/bn254_field.hpp>

namespace yao::evm::bn254::test {

using namespace detail;

inline constexpr const char* kPDec =
    "21888242871839275222246405745257275088696311157297823662689037894645226208583";
inline constexpr const char* kRDec =
    "21888242871839275222246405745257275088548364400416034343698204186575808495617";
inline constexpr uint64_t kU = 4965661367192848881;

/// An owned mpz_t.
struct Mpz {
    mpz_t v;
    Mpz() { mpz_init(v); }
    explicit Mpz(const char* dec) { mpz_init_set_str(v, dec, 10); }
    ~Mpz() { mpz_clear(v); }
    Mpz(const Mpz&) = delete;
    Mpz& operator=(const Mpz&) = delete;
};

/// The little-endian limbs of 0 <= x < 2^256.
inline void to_limbs(const mpz_t x, uint64_t out[4]) {
    for (int i = 0; i < 4; ++i) out[i] = 0;
    size_t count = 0;
    mpz_export(out, &count, -1, sizeof(uint64_t), 0, 0, x);
    ASSERT_LE(count, 4u);
}

/// x = the little-endian limbs.
inline void from_limbs(const uint64_t in[4], mpz_t out) {
    mpz_import(out, 4, -1, sizeof(uint64_t), 0, 0, in);
}

/// The Fp element of the plain integer x (0 <= x < p).
inline Fp fp_of(const mpz_t x) {
    uint64_t l[4];
    to_limbs(x, l);
    return to_mont(l);
}

/// The plain integer of a.
inline void mpz_of(const Fp& a, mpz_t out) {
    uint64_t l[4];
    from_mont(a, l);
    from_limbs(l, out);
}

/// The Fp element of a hexadecimal integer below p.
inline Fp fp_hex(const char* hex) {
    Mpz x;
    mpz_set_str(x.v, hex, 16);
    return fp_of(x.v);
}

/// Deterministic random field elements and scalars.
class Rng {
public:
    explicit Rng(uint64_t seed) : gen_(seed) {}
    uint64_t next() { return gen_(); }
    Fp fp() {
        // Uniform enough for tests: 4 random limbs with the top one below p's.
        uint64_t l[4] = {next(), next(), next(), next() % kP[3]};
        return to_mont(l);
    }
    Fp2 fp2() { return {fp(), fp()}; }
    Fp6 fp6() { return {fp2(), fp2(), fp2()}; }
    Fp12 fp12() { return {fp6(), fp6()}; }
    /// A random scalar below 2^250.
    void scalar(uint64_t k[4]) {
        for (int i = 0; i < 4; ++i) k[i] = next();
        k[3] >>= 6;
    }

private:
    std::mt19937_64 gen_;
};

}  // namespace yao::evm::bn254::test
