// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "bn254.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "bn254_curve.hpp"

namespace yao::evm::bn254 {

namespace {

using detail::Fp;
using detail::Fp2;
using detail::G1Affine;
using detail::G2Affine;

constexpr size_t kWordSize = 32;
constexpr size_t kAddInputSize = 4 * kWordSize;
constexpr size_t kMulInputSize = 3 * kWordSize;
constexpr size_t kPairSize = 6 * kWordSize;  // EIP-197: G1 (2 words) + G2 (4 words)

/// A 32-byte big-endian word as little-endian limbs.
void load_word(const uint8_t* b, uint64_t out[4]) noexcept {
    for (int i = 0; i < 4; ++i) {
        uint64_t v = 0;
        for (int j = 0; j < 8; ++j) v = (v << 8) | b[8 * i + j];
        out[3 - i] = v;
    }
}

/// Reads a field element; false if the word is >= p.
bool read_fp(const uint8_t* b, Fp& out) noexcept {
    uint64_t v[4];
    load_word(b, v);
    for (int i = 3; i >= 0; --i) {
        if (v[i] != detail::kP[i]) {
            if (v[i] > detail::kP[i]) return false;
            break;
        }
        if (i == 0) return false;  // v == p
    }
    out = detail::to_mont(v);
    return true;
}

void write_fp(const Fp& a, uint8_t* out) noexcept {
    uint64_t v[4];
    detail::from_mont(a, v);
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 8; ++j) out[8 * i + j] = static_cast<uint8_t>(v[3 - i] >> (56 - 8 * j));
}

enum class Parsed { kInvalid, kInfinity, kPoint };

/// A G1 point: (0, 0) is the point at infinity; otherwise it must be on the curve.
Parsed read_g1(const uint8_t* b, G1Affine& out) noexcept {
    if (!read_fp(b, out.x) || !read_fp(b + kWordSize, out.y)) return Parsed::kInvalid;
    if (detail::is_zero(out.x) && detail::is_zero(out.y)) return Parsed::kInfinity;
    return detail::is_on_curve(out) ? Parsed::kPoint : Parsed::kInvalid;
}

/// A G2 point, (x_imag, x_real, y_imag, y_real): all zero is the point at infinity; otherwise
/// it must be on the twist and in the order-r subgroup (EIP-197).
Parsed read_g2(const uint8_t* b, G2Affine& out) noexcept {
    if (!read_fp(b, out.x.c1) || !read_fp(b + kWordSize, out.x.c0) ||
        !read_fp(b + 2 * kWordSize, out.y.c1) || !read_fp(b + 3 * kWordSize, out.y.c0))
        return Parsed::kInvalid;
    if (detail::is_zero(out.x) && detail::is_zero(out.y)) return Parsed::kInfinity;
    if (!detail::is_on_curve(out) || !detail::g2_in_subgroup(out)) return Parsed::kInvalid;
    return Parsed::kPoint;
}

void write_g1(const detail::G1& p, uint8_t out[64]) noexcept {
    G1Affine a;
    if (!detail::to_affine(p, a)) {
        std::memset(out, 0, 64);
        return;
    }
    write_fp(a.x, out);
    write_fp(a.y, out + kWordSize);
}

/// Copies `input` into a zero-padded buffer of N bytes (the precompiles' implicit padding).
template <size_t N>
void pad_input(BytesView input, uint8_t (&buf)[N]) noexcept {
    std::memset(buf, 0, N);
    if (!input.empty()) std::memcpy(buf, input.data(), std::min(input.size(), N));
}

}  // namespace

bool add(BytesView input, uint8_t out[64]) noexcept {
    using namespace detail;
    uint8_t buf[kAddInputSize];
    pad_input(input, buf);
    G1Affine p1, p2;
    const Parsed s1 = read_g1(buf, p1);
    const Parsed s2 = read_g1(buf + 2 * kWordSize, p2);
    if (s1 == Parsed::kInvalid || s2 == Parsed::kInvalid) return false;
    if (s1 == Parsed::kInfinity || s2 == Parsed::kInfinity) {
        if (s1 == Parsed::kInfinity && s2 == Parsed::kInfinity) {
            std::memset(out, 0, 64);
        } else {
            // Coordinates are canonical (< p): the point is its own output.
            std::memcpy(out, s1 == Parsed::kInfinity ? buf + 2 * kWordSize : buf, 64);
        }
        return true;
    }
    // Affine addition: one inversion, cheaper than a Jacobian sum and its conversion.
    Fp lambda;
    if (p1.x == p2.x) {
        if (p1.y != p2.y) {  // p2 = -p1 (no curve point has y = 0: r is odd)
            std::memset(out, 0, 64);
            return true;
        }
        const Fp xx = sqr(p1.x);
        lambda = mul(add(dbl(xx), xx), inv(dbl(p1.y)));
    } else {
        lambda = mul(sub(p2.y, p1.y), inv(sub(p2.x, p1.x)));
    }
    const Fp x3 = sub(sub(sqr(lambda), p1.x), p2.x);
    const Fp y3 = sub(mul(lambda, sub(p1.x, x3)), p1.y);
    write_fp(x3, out);
    write_fp(y3, out + kWordSize);
    return true;
}

bool mul(BytesView input, uint8_t out[64]) noexcept {
    uint8_t buf[kMulInputSize];
    pad_input(input, buf);
    G1Affine p;
    const Parsed s = read_g1(buf, p);
    if (s == Parsed::kInvalid) return false;
    if (s == Parsed::kInfinity) {
        std::memset(out, 0, 64);
        return true;
    }
    uint64_t k[4];
    load_word(buf + 2 * kWordSize, k);
    write_g1(detail::g1_mul(detail::to_jacobian(p), k), out);
    return true;
}

std::optional<bool> pairing_check(BytesView input) noexcept {
    if (input.size() % kPairSize != 0) return std::nullopt;
    const size_t n = input.size() / kPairSize;
    std::vector<detail::PairingTerm> terms;
    terms.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        const uint8_t* chunk = input.data() + i * kPairSize;
        detail::PairingTerm t;
        const Parsed s1 = read_g1(chunk, t.p);
        if (s1 == Parsed::kInvalid) return std::nullopt;
        const Parsed s2 = read_g2(chunk + 2 * kWordSize, t.q);
        if (s2 == Parsed::kInvalid) return std::nullopt;
        // e(O, Q) = e(P, O) = 1: the pair drops out of the product.
        if (s1 == Parsed::kPoint && s2 == Parsed::kPoint) terms.push_back(t);
    }
    return detail::pairing_product_is_one(terms.data(), terms.size());
}

}  // namespace yao::evm::bn254
