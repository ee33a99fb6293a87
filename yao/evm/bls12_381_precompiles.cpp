// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "bls12_381_precompiles.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "bls12_381.hpp"
#include "bls12_381_map.hpp"

namespace yao::evm {
namespace {

using namespace bls12_381;

// Gas (EIP-2537).
constexpr uint64_t kG1AddGas = 375;
constexpr uint64_t kG2AddGas = 600;
constexpr uint64_t kG1MulGas = 12000;
constexpr uint64_t kG2MulGas = 22500;
constexpr uint64_t kPairingBaseGas = 37700;
constexpr uint64_t kPairingPairGas = 32600;
constexpr uint64_t kMapFpToG1Gas = 5500;
constexpr uint64_t kMapFp2ToG2Gas = 23800;
constexpr uint64_t kDiscountMultiplier = 1000;

// MSM discounts for k = 1..128 pairs; larger k use the last entry (the maximum discount).
constexpr uint16_t kG1Discount[] = {
    1000, 949, 848, 797, 764, 750, 738, 728, 719, 712, 705, 698, 692, 687, 682, 677, 673, 669, 665,
    661,  658, 654, 651, 648, 645, 642, 640, 637, 635, 632, 630, 627, 625, 623, 621, 619, 617, 615,
    613,  611, 609, 608, 606, 604, 603, 601, 599, 598, 596, 595, 593, 592, 591, 589, 588, 586, 585,
    584,  582, 581, 580, 579, 577, 576, 575, 574, 573, 572, 570, 569, 568, 567, 566, 565, 564, 563,
    562,  561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 551, 550, 549, 548, 547, 547, 546, 545,
    544,  543, 542, 541, 540, 540, 539, 538, 537, 536, 536, 535, 534, 533, 532, 532, 531, 530, 529,
    528,  528, 527, 526, 525, 525, 524, 523, 522, 522, 521, 520, 520, 519};
constexpr uint16_t kG2Discount[] = {
    1000, 1000, 923, 884, 855, 832, 812, 796, 782, 770, 759, 749, 740, 732, 724, 717, 711, 704, 699,
    693,  688,  683, 679, 674, 670, 666, 663, 659, 655, 652, 649, 646, 643, 640, 637, 634, 632, 629,
    627,  624,  622, 620, 618, 615, 613, 611, 609, 607, 606, 604, 602, 600, 598, 597, 595, 593, 592,
    590,  589,  587, 586, 584, 583, 582, 580, 579, 578, 576, 575, 574, 573, 571, 570, 569, 568, 567,
    566,  565,  563, 562, 561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 552, 551, 550, 549, 548,
    547,  546,  545, 545, 544, 543, 542, 541, 541, 540, 539, 538, 537, 537, 536, 535, 535, 534, 533,
    532,  532,  531, 530, 530, 529, 528, 528, 527, 526, 526, 525, 524, 524};
static_assert(std::size(kG1Discount) == 128 && std::size(kG2Discount) == 128);

constexpr size_t kFpSize = 64;  // 16 zero bytes, then the 48-byte value
constexpr size_t kFpPadding = 16;
constexpr size_t kScalarSize = 32;

// --- Encoding ------------------------------------------------------------------------------------

template <class F>
constexpr size_t kFieldSize = 0;
template <>
constexpr size_t kFieldSize<Fp> = kFpSize;
template <>
constexpr size_t kFieldSize<Fp2> = 2 * kFpSize;

bool read_field(const uint8_t* in, Fp& out) noexcept {
    for (size_t i = 0; i < kFpPadding; ++i)
        if (in[i] != 0) return false;
    const auto v = fp_from_bytes(in + kFpPadding);
    if (!v) return false;
    out = *v;
    return true;
}

bool read_field(const uint8_t* in, Fp2& out) noexcept {
    return read_field(in, out.c0) && read_field(in + kFpSize, out.c1);
}

void write_field(const Fp& a, uint8_t* out) noexcept {
    std::memset(out, 0, kFpPadding);
    fp_to_bytes(a, out + kFpPadding);
}

void write_field(const Fp2& a, uint8_t* out) noexcept {
    write_field(a.c0, out);
    write_field(a.c1, out + kFpSize);
}

// x || y, all zeros for the point at infinity. Checks the field elements and the curve
// equation, not the subgroup.
template <class Affine>
std::optional<Affine> read_point(const uint8_t* in) noexcept {
    using F = decltype(Affine{}.x);
    Affine p{};
    if (!read_field(in, p.x) || !read_field(in + kFieldSize<F>, p.y)) return std::nullopt;
    p.infinity = is_zero(p.x) && is_zero(p.y);
    if (!is_on_curve(p)) return std::nullopt;
    return p;
}

template <class Affine>
void write_point(const Affine& p, uint8_t* out) noexcept {
    using F = decltype(Affine{}.x);
    if (p.infinity) {
        std::memset(out, 0, 2 * kFieldSize<F>);
        return;
    }
    write_field(p.x, out);
    write_field(p.y, out + kFieldSize<F>);
}

template <class Affine>
Bytes encode(const Affine& p) {
    Bytes out(2 * kFieldSize<decltype(Affine{}.x)>, 0);
    write_point(p, out.data());
    return out;
}

Scalar read_scalar(const uint8_t* in) noexcept {
    Scalar k{};
    for (size_t i = 0; i < kScalarSize; ++i)
        k.limbs[(kScalarSize - 1 - i) / 8] |= uint64_t{in[i]} << (8 * ((kScalarSize - 1 - i) % 8));
    return k;
}

// --- The two groups ------------------------------------------------------------------------------

struct G1 {
    using Affine = G1Affine;
    using Point = G1Jacobian;
    static constexpr size_t kPointSize = 2 * kFpSize;
    static constexpr uint64_t kAddGas = kG1AddGas;
    static constexpr uint64_t kMulGas = kG1MulGas;
    static constexpr const uint16_t* kDiscount = kG1Discount;
};

struct G2 {
    using Affine = G2Affine;
    using Point = G2Jacobian;
    static constexpr size_t kPointSize = 4 * kFpSize;
    static constexpr uint64_t kAddGas = kG2AddGas;
    static constexpr uint64_t kMulGas = kG2MulGas;
    static constexpr const uint16_t* kDiscount = kG2Discount;
};

template <class G>
typename G::Point identity() noexcept {
    return to_jacobian(typename G::Affine{{}, {}, true});
}

// --- Multi-scalar multiplication (Pippenger) -----------------------------------------------------

// The c-bit digit of k starting at bit `offset`.
uint64_t digit(const Scalar& k, unsigned offset, unsigned c) noexcept {
    const unsigned limb = offset / 64;
    const unsigned shift = offset % 64;
    uint64_t v = k.limbs[limb] >> shift;
    if (shift + c > 64 && limb + 1 < 4) v |= k.limbs[limb + 1] << (64 - shift);
    return v & ((uint64_t{1} << c) - 1);
}

// The window width with the fewest additions: (256 / c) windows, each adding n points into
// 2^c - 1 buckets and summing the buckets with 2 (2^c - 1) additions.
unsigned window_bits(size_t n) noexcept {
    unsigned best = 1;
    uint64_t best_cost = UINT64_MAX;
    for (unsigned c = 1; c <= 16; ++c) {
        const uint64_t cost = (256 + c - 1) / c * (n + (uint64_t{2} << c));
        if (cost < best_cost) {
            best_cost = cost;
            best = c;
        }
    }
    return best;
}

// sum of [scalars[i]] points[i].
template <class G>
typename G::Point msm(std::span<const typename G::Point> points, std::span<const Scalar> scalars) {
    using Point = typename G::Point;
    if (points.empty()) return identity<G>();
    if (points.size() == 1) return mul(points[0], scalars[0]);
    const unsigned c = window_bits(points.size());
    const unsigned windows = (256 + c - 1) / c;
    std::vector<Point> buckets((size_t{1} << c) - 1);
    Point acc = identity<G>();
    for (unsigned w = windows; w-- > 0;) {
        for (unsigned i = 0; i < c; ++i) acc = dbl(acc);
        std::fill(buckets.begin(), buckets.end(), identity<G>());
        for (size_t i = 0; i < points.size(); ++i) {
            const uint64_t d = digit(scalars[i], w * c, c);
            if (d != 0) buckets[d - 1] = add(buckets[d - 1], points[i]);
        }
        // sum of j * bucket[j]: running sums from the top bucket down.
        Point running = identity<G>();
        Point window = identity<G>();
        for (size_t j = buckets.size(); j-- > 0;) {
            running = add(running, buckets[j]);
            window = add(window, running);
        }
        acc = add(acc, window);
    }
    return acc;
}

// --- The precompiles -----------------------------------------------------------------------------

ExecResult failed(Status status) noexcept {
    ExecResult r;
    r.status = status;
    r.gas_left = 0;
    return r;
}

// The frame the seven operations share, in the execution-specs' order: the length check, the
// price, then the operation (nullopt when it rejects the input).
template <class Op>
ExecResult run(BytesView input, int64_t gas, bool valid_length, uint64_t cost, Op op) noexcept {
    if (!valid_length) return failed(Status::kPrecompileFailure);
    if (gas < 0 || cost > static_cast<uint64_t>(gas)) return failed(Status::kOutOfGas);
    std::optional<Bytes> out = op(input.data());
    if (!out) return failed(Status::kPrecompileFailure);
    ExecResult r;
    r.status = Status::kSuccess;
    r.gas_left = gas - static_cast<int64_t>(cost);
    r.output = std::move(*out);
    return r;
}

template <class G>
ExecResult add_points(BytesView input, int64_t gas) noexcept {
    return run(input, gas, input.size() == 2 * G::kPointSize, G::kAddGas,
               [](const uint8_t* in) -> std::optional<Bytes> {
                   const auto a = read_point<typename G::Affine>(in);
                   const auto b = read_point<typename G::Affine>(in + G::kPointSize);
                   if (!a || !b) return std::nullopt;
                   return encode(add(*a, *b));
               });
}

template <class G>
ExecResult multi_scalar_mul(BytesView input, int64_t gas) noexcept {
    constexpr size_t kPairSize = G::kPointSize + kScalarSize;
    const size_t k = input.size() / kPairSize;
    const bool valid_length = k != 0 && input.size() % kPairSize == 0;
    const uint64_t discount = valid_length ? G::kDiscount[std::min<size_t>(k, 128) - 1] : 0;
    const uint64_t cost = k * G::kMulGas * discount / kDiscountMultiplier;
    return run(input, gas, valid_length, cost, [k](const uint8_t* in) -> std::optional<Bytes> {
        std::vector<typename G::Point> points;
        std::vector<Scalar> scalars;
        points.reserve(k);
        scalars.reserve(k);
        for (size_t i = 0; i < k; ++i, in += kPairSize) {
            const auto p = read_point<typename G::Affine>(in);
            if (!p || !is_in_subgroup(*p)) return std::nullopt;
            const Scalar s = read_scalar(in + G::kPointSize);
            if (p->infinity || (s.limbs[0] | s.limbs[1] | s.limbs[2] | s.limbs[3]) == 0) continue;
            points.push_back(to_jacobian(*p));
            scalars.push_back(s);
        }
        return encode(to_affine(msm<G>(points, scalars)));
    });
}

}  // namespace

ExecResult bls12_g1add(BytesView input, int64_t gas) noexcept {
    return add_points<G1>(input, gas);
}

ExecResult bls12_g2add(BytesView input, int64_t gas) noexcept {
    return add_points<G2>(input, gas);
}

ExecResult bls12_g1msm(BytesView input, int64_t gas) noexcept {
    return multi_scalar_mul<G1>(input, gas);
}

ExecResult bls12_g2msm(BytesView input, int64_t gas) noexcept {
    return multi_scalar_mul<G2>(input, gas);
}

ExecResult bls12_pairing_check(BytesView input, int64_t gas) noexcept {
    constexpr size_t kPairSize = G1::kPointSize + G2::kPointSize;
    const size_t k = input.size() / kPairSize;
    const uint64_t cost = kPairingPairGas * k + kPairingBaseGas;
    const bool valid_length = k != 0 && input.size() % kPairSize == 0;
    return run(input, gas, valid_length, cost, [k](const uint8_t* in) -> std::optional<Bytes> {
        std::vector<PairingInput> pairs;
        pairs.reserve(k);
        for (size_t i = 0; i < k; ++i, in += kPairSize) {
            const auto p = read_point<G1Affine>(in);
            if (!p || !is_in_subgroup(*p)) return std::nullopt;
            const auto q = read_point<G2Affine>(in + G1::kPointSize);
            if (!q || !is_in_subgroup(*q)) return std::nullopt;
            pairs.push_back({*p, *q});
        }
        Bytes out(32, 0);
        out[31] = pairing_check(pairs) ? 1 : 0;
        return out;
    });
}

ExecResult bls12_map_fp_to_g1(BytesView input, int64_t gas) noexcept {
    return run(input, gas, input.size() == kFpSize, kMapFpToG1Gas,
               [](const uint8_t* in) -> std::optional<Bytes> {
                   Fp u;
                   if (!read_field(in, u)) return std::nullopt;
                   return encode(map_to_g1(u));
               });
}

ExecResult bls12_map_fp2_to_g2(BytesView input, int64_t gas) noexcept {
    return run(input, gas, input.size() == 2 * kFpSize, kMapFp2ToG2Gas,
               [](const uint8_t* in) -> std::optional<Bytes> {
                   Fp2 u;
                   if (!read_field(in, u)) return std::nullopt;
                   return encode(map_to_g2(u));
               });
}

}  // namespace yao::evm
