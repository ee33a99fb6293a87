// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "kzg.hpp"

#include <optional>

#include "bls12_381.hpp"

namespace yao::evm {
namespace {

namespace bls = bls12_381;

// [tau]G2, the second G2 monomial point of the Ethereum KZG ceremony setup (the
// KZG_SETUP_G2_MONOMIAL_1 of the execution specs), compressed.
constexpr uint8_t kTauG2[96] = {
    0xb5, 0xbf, 0xd7, 0xdd, 0x8c, 0xde, 0xb1, 0x28, 0x84, 0x3b, 0xc2, 0x87, 0x23, 0x0a, 0xf3, 0x89,
    0x26, 0x18, 0x70, 0x75, 0xcb, 0xfb, 0xef, 0xa8, 0x10, 0x09, 0xa2, 0xce, 0x61, 0x5a, 0xc5, 0x3d,
    0x29, 0x14, 0xe5, 0x87, 0x0c, 0xb4, 0x52, 0xd2, 0xaf, 0xaa, 0xab, 0x24, 0xf3, 0x49, 0x9f, 0x72,
    0x18, 0x5c, 0xbf, 0xee, 0x53, 0x49, 0x27, 0x14, 0x73, 0x44, 0x29, 0xb7, 0xb3, 0x86, 0x08, 0xe2,
    0x39, 0x26, 0xc9, 0x11, 0xcc, 0xec, 0xea, 0xc9, 0xa3, 0x68, 0x51, 0x47, 0x7b, 0xa4, 0xc6, 0x0b,
    0x08, 0x70, 0x41, 0xde, 0x62, 0x10, 0x00, 0xed, 0xc9, 0x8e, 0xda, 0xda, 0x20, 0xc1, 0xde, 0xf2,
};

// The scalar field modulus r, little-endian limbs.
constexpr uint64_t kR[4] = {0xffffffff00000001, 0x53bda402fffe5bfe, 0x3339d80809a1d805,
                            0x73eda753299d7d48};

// Parses a 32-byte big-endian scalar; nullopt when it is >= r.
std::optional<bls::Scalar> read_scalar(const uint8_t in[32]) noexcept {
    bls::Scalar s;
    for (int i = 0; i < 4; ++i) {
        uint64_t w = 0;
        for (int j = 0; j < 8; ++j) w = (w << 8) | in[(3 - i) * 8 + j];
        s.limbs[i] = w;
    }
    for (int i = 3; i >= 0; --i) {
        if (s.limbs[i] < kR[i]) return s;
        if (s.limbs[i] > kR[i]) return std::nullopt;
    }
    return std::nullopt;  // equal to r
}

// The two constant G2 points of the check, with their Miller loop lines precomputed.
struct PreparedSetup {
    bls::G2Prepared neg_g2;
    bls::G2Prepared tau_g2;
};

const PreparedSetup& setup() noexcept {
    static const PreparedSetup s{bls::prepare_g2(bls::neg(bls::g2_generator())),
                                 bls::prepare_g2(*bls::decode_g2(kTauG2))};
    return s;
}

}  // namespace

bool verify_kzg_proof(const uint8_t commitment[48], const uint8_t z[32], const uint8_t y[32],
                      const uint8_t proof[48]) noexcept {
    const auto zs = read_scalar(z);
    const auto ys = read_scalar(y);
    if (!zs || !ys) return false;
    const auto c = bls::decode_g1(commitment);
    const auto pi = bls::decode_g1(proof);
    if (!c || !pi) return false;
    // e(C - [y]G1, -G2) * e(proof, [tau]G2 - [z]G2)
    //   = e(C - [y]G1 + [z]proof, -G2) * e(proof, [tau]G2)   (bilinearity),
    // which needs no G2 arithmetic: both G2 points are constants.
    const bls::G1Affine points[3] = {*c, *pi, bls::neg(bls::g1_generator())};
    const bls::Scalar scalars[3] = {{{1, 0, 0, 0}}, *zs, *ys};
    const bls::G1Affine lhs = bls::linear_combination(points, scalars);
    const bls::PreparedPairingInput pairs[2] = {{lhs, &setup().neg_g2}, {*pi, &setup().tau_g2}};
    return bls::pairing_check(pairs);
}

}  // namespace yao::evm
