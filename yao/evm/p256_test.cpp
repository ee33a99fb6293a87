// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// EIP-7951 P256VERIFY (0x0100, Osaka): the signature check and the precompile around it.
#include "p256.hpp"

#include <string>

#include <gtest/gtest.h>

#include <yao/common/hash.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/uint256.hpp>

#include "precompiles.hpp"

namespace yao::evm {
namespace {

// secp256r1 constants (SEC 2 v2, section 2.4.2).
const Uint256 kN =
    *Uint256::from_hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
const Uint256 kP =
    *Uint256::from_hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
const Uint256 kGx =
    *Uint256::from_hex("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
const Uint256 kGy =
    *Uint256::from_hex("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");

// RFC 6979 appendix A.2.5: the P-256 key and its deterministic SHA-256 signatures.
const Uint256 kUx =
    *Uint256::from_hex("60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6");
const Uint256 kUy =
    *Uint256::from_hex("7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299");

struct Input {
    Uint256 h, r, s, qx, qy;

    Bytes bytes() const {
        Bytes out(160, 0);
        for (size_t i = 0; const Uint256* w : {&h, &r, &s, &qx, &qy})
            w->to_be_bytes(&out[32 * i++]);
        return out;
    }
};

Uint256 digest(std::string_view message) {
    return Uint256::from_be_bytes(sha256(as_bytes(message)).view());
}

// RFC 6979 A.2.5, message "sample".
Input sample() {
    return {digest("sample"),
            *Uint256::from_hex("efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"),
            *Uint256::from_hex("f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8"),
            kUx, kUy};
}

// RFC 6979 A.2.5, message "test".
Input test_message() {
    return {digest("test"),
            *Uint256::from_hex("f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367"),
            *Uint256::from_hex("019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083"),
            kUx, kUy};
}

// A signature by the key d = 1 (Q = G) with the nonce k = 1: r = Gx mod n = Gx and
// s = h + r mod n. Verification gives u1 * G + u2 * G with u1 + u2 = 1, i.e. R' = G.
Input key_one_nonce_one(const Uint256& h) {
    return {h, kGx, addmod(h, kGx, kN), kGx, kGy};
}

bool verify(const Input& in) {
    return p256_verify(in.bytes());
}

// ---- The check ---------------------------------------------------------------------------------

TEST(P256Verify, Rfc6979VectorsVerify) {
    EXPECT_TRUE(verify(sample()));
    EXPECT_TRUE(verify(test_message()));
}

TEST(P256Verify, HighSIsAccepted) {
    // (r, n - s) verifies as well as (r, s): EIP-7951 has no low-s rule.
    Input in = sample();
    in.s = kN - in.s;
    EXPECT_TRUE(verify(in));
}

TEST(P256Verify, AnyChangeOfHashSignatureOrKeyFails) {
    Input in = sample();
    in.h = in.h ^ Uint256 { 1 };
    EXPECT_FALSE(verify(in));
    in = sample();
    in.r = in.r - 1;
    EXPECT_FALSE(verify(in));
    in = sample();
    in.s = in.s - 1;
    EXPECT_FALSE(verify(in));
    // The "test" signature under the "sample" hash.
    in = test_message();
    in.h = sample().h;
    EXPECT_FALSE(verify(in));
    // A valid signature of another key: G instead of U.
    in = sample();
    in.qx = kGx;
    in.qy = kGy;
    EXPECT_FALSE(verify(in));
}

TEST(P256Verify, HashIsReducedModuloTheOrderNotRejected) {
    EXPECT_TRUE(verify(key_one_nonce_one(0)));
    EXPECT_TRUE(verify(key_one_nonce_one(12345)));
    // h = n and h = 2^256 - 1 are >= n: only h mod n enters u1.
    Input in = key_one_nonce_one(0);
    in.h = kN;
    EXPECT_TRUE(verify(in));
    EXPECT_TRUE(verify(key_one_nonce_one(Uint256::max())));
    in = key_one_nonce_one(Uint256::max());
    in.h = Uint256::max() - kN;  // the same residue
    EXPECT_TRUE(verify(in));
}

TEST(P256Verify, InputMustBeExactly160Bytes) {
    const Bytes good = sample().bytes();
    EXPECT_TRUE(p256_verify(good));
    EXPECT_FALSE(p256_verify({}));
    EXPECT_FALSE(p256_verify(BytesView{good}.substr(0, 159)));
    Bytes longer = good;
    longer.push_back(0);
    EXPECT_FALSE(p256_verify(longer));
}

TEST(P256Verify, RAndSMustLieInOneToNMinusOne) {
    for (const Uint256& bad : {Uint256{0}, kN, kN + 1, Uint256::max()}) {
        Input in = sample();
        in.r = bad;
        EXPECT_FALSE(verify(in)) << "r = " << bad.to_hex();
        in = sample();
        in.s = bad;
        EXPECT_FALSE(verify(in)) << "s = " << bad.to_hex();
    }
}

TEST(P256Verify, CoordinatesMustBeBelowP) {
    for (const Uint256& bad : {kP, kP + 1, Uint256::max()}) {
        Input in = sample();
        in.qx = bad;
        EXPECT_FALSE(verify(in)) << "qx = " << bad.to_hex();
        in = sample();
        in.qy = bad;
        EXPECT_FALSE(verify(in)) << "qy = " << bad.to_hex();
    }
}

TEST(P256Verify, KeyMustBeOnTheCurve) {
    Input in = sample();
    in.qy = in.qy + 1;
    EXPECT_FALSE(verify(in));
    in = sample();
    in.qx = in.qx ^ Uint256 { 1 };
    EXPECT_FALSE(verify(in));
    // (x, p - y) is on the curve too: a valid key, though not the signer's.
    in = sample();
    in.qy = kP - in.qy;
    EXPECT_FALSE(verify(in));
}

TEST(P256Verify, PointAtInfinityEncodingIsRejected) {
    Input in = sample();
    in.qx = 0;
    in.qy = 0;
    EXPECT_FALSE(verify(in));
}

TEST(P256Verify, InfiniteRPrimeFails) {
    // Q = G, r = 1, s = 1, h = n - 1: u1 = n - 1, u2 = 1, R' = (n - 1) G + G = infinity.
    EXPECT_FALSE(verify({kN - 1, 1, 1, kGx, kGy}));
    // The same with h = 2^256 - 1 reduced: h mod n = 2^256 - 1 - n; pick r = n - (h mod n).
    const Uint256 h_mod = Uint256::max() - kN;
    EXPECT_FALSE(verify({Uint256::max(), kN - h_mod, 1, kGx, kGy}));
}

// ---- The precompile ----------------------------------------------------------------------------

Address p256_address() {
    Address a;
    a[18] = 0x01;
    return a;
}

constexpr int64_t kGas = 6900;

TEST(P256VerifyPrecompile, ExistsFromOsakaOnly) {
    EXPECT_TRUE(is_precompile(p256_address(), Revision::kOsaka));
    for (const Revision r : {Revision::kShanghai, Revision::kCancun, Revision::kPrague})
        EXPECT_FALSE(is_precompile(p256_address(), r)) << static_cast<int>(r);
    Address other = p256_address();
    other[19] = 0x01;  // 0x0101
    EXPECT_FALSE(is_precompile(other, Revision::kOsaka));
}

TEST(P256VerifyPrecompile, ValidSignatureReturnsOneAndCosts6900) {
    const ExecResult r = run_precompile(p256_address(), sample().bytes(), 10'000, Revision::kOsaka);
    EXPECT_EQ(r.status, Status::kSuccess);
    EXPECT_EQ(r.gas_left, 10'000 - kGas);
    EXPECT_EQ(to_hex(r.output, false),
              "0000000000000000000000000000000000000000000000000000000000000001");
}

TEST(P256VerifyPrecompile, InvalidInputSucceedsWithEmptyOutputAndIsCharged) {
    Input bad_sig = sample();
    bad_sig.s = bad_sig.s - 1;
    Input bad_key = sample();
    bad_key.qx = kP;
    const Bytes too_short = Bytes(159, 0);
    for (const Bytes& in : {bad_sig.bytes(), bad_key.bytes(), too_short, Bytes{}}) {
        const ExecResult r = run_precompile(p256_address(), in, 10'000, Revision::kOsaka);
        EXPECT_EQ(r.status, Status::kSuccess);
        EXPECT_EQ(r.gas_left, 10'000 - kGas);
        EXPECT_TRUE(r.output.empty());
    }
}

TEST(P256VerifyPrecompile, OneGasShortIsOutOfGas) {
    const ExecResult r =
        run_precompile(p256_address(), sample().bytes(), kGas - 1, Revision::kOsaka);
    EXPECT_EQ(r.status, Status::kOutOfGas);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_TRUE(r.output.empty());
    const ExecResult exact =
        run_precompile(p256_address(), sample().bytes(), kGas, Revision::kOsaka);
    EXPECT_EQ(exact.status, Status::kSuccess);
    EXPECT_EQ(exact.gas_left, 0);
}

TEST(P256VerifyPrecompile, IsWarmAddressListedOnlyInOsaka) {
    const auto osaka = precompile_addresses(Revision::kOsaka);
    ASSERT_EQ(osaka.size(), 0x11u + 1);
    EXPECT_EQ(osaka.back(), p256_address());
    EXPECT_EQ(precompile_bit(p256_address()), 17u);
    const auto prague = precompile_addresses(Revision::kPrague);
    ASSERT_EQ(prague.size(), 0x11u);
    for (size_t i = 0; i < prague.size(); ++i) {
        EXPECT_EQ(prague[i], osaka[i]);
        EXPECT_EQ(prague[i][19], i + 1);
        EXPECT_EQ(precompile_bit(prague[i]), i);
        EXPECT_TRUE(is_precompile(prague[i], Revision::kPrague));
    }
    EXPECT_EQ(precompile_addresses(Revision::kCancun).size(), 0x0au);
    EXPECT_EQ(precompile_addresses(Revision::kShanghai).size(), 0x09u);
}

}  // namespace
}  // namespace yao::evm
