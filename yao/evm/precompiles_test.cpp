// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "precompiles.hpp"

#include <cstring>
#include <string>

#include <gtest/gtest.h>

#include <yao/common/hash.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/secp256k1.hpp>
#include "test_util/bn254_points.hpp"

namespace yao::evm {

namespace {

using test_util::kG1Gen;
using test_util::kG2Gen;
using test_util::kG2GenNeg;

Bytes hex(std::string_view text) {
    auto r = from_hex(text);
    EXPECT_TRUE(r.has_value()) << text;
    return r ? *r : Bytes{};
}

Address precompile(uint8_t id) {
    Address a;
    a[19] = id;
    return a;
}

ExecResult run(uint8_t id, BytesView input, int64_t gas, Revision rev = Revision::kCancun) {
    return run_precompile(precompile(id), input, gas, rev);
}

// Success, with exactly `cost` gas used out of 1,000,000.
void expect_success(const ExecResult& r, int64_t cost, std::string_view output_hex,
                    int64_t gas = 1'000'000) {
    EXPECT_EQ(r.status, Status::kSuccess);
    EXPECT_EQ(r.gas_left, gas - cost);
    EXPECT_EQ(to_hex(r.output, false), output_hex);
}

void expect_consumes_all(const ExecResult& r, Status status) {
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_TRUE(r.output.empty());
}

// ---- Addresses ----------------------------------------------------------------------------------

TEST(IsPrecompile, CancunHasOneToTen) {
    EXPECT_FALSE(is_precompile(precompile(0), Revision::kCancun));
    for (uint8_t id = 1; id <= 0x0a; ++id)
        EXPECT_TRUE(is_precompile(precompile(id), Revision::kCancun));
    EXPECT_FALSE(is_precompile(precompile(0x0b), Revision::kCancun));
    EXPECT_FALSE(is_precompile(precompile(0xff), Revision::kCancun));
}

TEST(IsPrecompile, ShanghaiHasOneToNine) {
    for (uint8_t id = 1; id <= 9; ++id)
        EXPECT_TRUE(is_precompile(precompile(id), Revision::kShanghai));
    EXPECT_FALSE(is_precompile(precompile(0x0a), Revision::kShanghai));
}

TEST(IsPrecompile, PragueAddsTheBls12381Range) {
    EXPECT_TRUE(is_precompile(precompile(0x11), Revision::kPrague));
    EXPECT_FALSE(is_precompile(precompile(0x12), Revision::kPrague));
}

TEST(IsPrecompile, AnyNonZeroHighByteIsNotAPrecompile) {
    for (size_t i = 0; i < 19; ++i) {
        Address a = precompile(1);
        a[i] = 1;
        EXPECT_FALSE(is_precompile(a, Revision::kCancun)) << i;
    }
}

TEST(RunPrecompile, NonPrecompileAddressIsAnInternalError) {
    EXPECT_EQ(run(0x0a, {}, 100'000, Revision::kShanghai).status, Status::kInternalError);
}

// ---- 0x02 SHA256, 0x03 RIPEMD160, 0x04 IDENTITY: gas at word boundaries -------------------------

TEST(Sha256Precompile, GasIsSixtyPlusTwelvePerWord) {
    for (const auto& [size, cost] : {std::pair{0, 60}, {1, 72}, {32, 72}, {33, 84}, {64, 84}}) {
        const ExecResult r = run(2, Bytes(size_t(size), 0), 1'000'000);
        EXPECT_EQ(r.status, Status::kSuccess);
        EXPECT_EQ(r.gas_left, 1'000'000 - cost) << size;
        EXPECT_EQ(r.output.size(), 32u);
    }
}

TEST(Sha256Precompile, DigestsMatchFips180Examples) {
    expect_success(run(2, {}, 1'000'000), 60,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect_success(run(2, as_bytes("abc"), 1'000'000), 72,
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Ripemd160Precompile, GasIsSixHundredPlus120PerWord) {
    for (const auto& [size, cost] : {std::pair{0, 600}, {1, 720}, {32, 720}, {33, 840}}) {
        const ExecResult r = run(3, Bytes(size_t(size), 0), 1'000'000);
        EXPECT_EQ(r.status, Status::kSuccess);
        EXPECT_EQ(r.gas_left, 1'000'000 - cost) << size;
    }
}

TEST(Ripemd160Precompile, DigestIsLeftPaddedTo32Bytes) {
    expect_success(run(3, {}, 1'000'000), 600,
                   "0000000000000000000000009c1185a5c5e9fc54612808977ee8f548b2258d31");
    expect_success(run(3, as_bytes("abc"), 1'000'000), 720,
                   "0000000000000000000000008eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
}

TEST(IdentityPrecompile, GasIsFifteenPlusThreePerWordAndOutputIsInput) {
    for (const auto& [size, cost] : {std::pair{0, 15}, {1, 18}, {32, 18}, {33, 21}}) {
        Bytes in(size_t(size), 0);
        for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<uint8_t>(i + 1);
        const ExecResult r = run(4, in, 1'000'000);
        EXPECT_EQ(r.status, Status::kSuccess);
        EXPECT_EQ(r.gas_left, 1'000'000 - cost) << size;
        EXPECT_EQ(r.output, in);
    }
}

TEST(LinearPrecompiles, ExactGasSucceedsWithNothingLeftAndOneLessIsOutOfGas) {
    const Bytes in(33, 0xab);
    for (const auto& [id, cost] : {std::pair<uint8_t, int64_t>{2, 84}, {3, 840}, {4, 21}}) {
        EXPECT_EQ(run(id, in, cost).status, Status::kSuccess) << int(id);
        EXPECT_EQ(run(id, in, cost).gas_left, 0) << int(id);
        expect_consumes_all(run(id, in, cost - 1), Status::kOutOfGas);
    }
}

TEST(LinearPrecompiles, NegativeGasIsOutOfGas) {
    expect_consumes_all(run(4, {}, -1), Status::kOutOfGas);
}

// ---- 0x01 ECRECOVER -----------------------------------------------------------------------------

// go-ethereum core/vm/testdata/precompiles/ecRecover.json
constexpr const char* kValidKeyInput =
    "18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c"
    "000000000000000000000000000000000000000000000000000000000000001c"
    "73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75f"
    "eeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549";

TEST(EcrecoverPrecompile, GoEthereumValidKeyVector) {
    expect_success(run(1, hex(kValidKeyInput), 1'000'000), 3000,
                   "000000000000000000000000a94f5374fce5edbc8e2a8697c15331677e6ebf0b");
}

TEST(EcrecoverPrecompile, GoEthereumInvalidVectorsSucceedWithEmptyOutput) {
    const char* inputs[] = {
        // CallEcrecoverUnrecoverableKey
        "a8b53bdf3306a35a7103ab5504a0c9b492295564b6202b1942a84ef300107281"
        "000000000000000000000000000000000000000000000000000000000000001b"
        "3078356531653033663533636531386237373263636230303933666637316633"
        "6635336635633735623734646362333161383561613862383839326234653862"
        "1122334455667788991011121314151617181920212223242526272829303132",
        // InvalidHighV-bits-1
        "18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c"
        "100000000000000000000000000000000000000000000000000000000000001c"
        "73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75f"
        "eeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549",
        // InvalidHighV-bits-2
        "18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c"
        "000000000000000000000000000000000000001000000000000000000000001c"
        "73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75f"
        "eeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549",
        // InvalidHighV-bits-3
        "18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c"
        "000000000000000000000000000000000000001000000000000000000000011c"
        "73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75f"
        "eeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549",
    };
    for (const char* in : inputs) expect_success(run(1, hex(in), 1'000'000), 3000, "");
}

constexpr const char* kCurveOrder =
    "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

// hash || v || r || s for a signature made here with yao::sign.
struct Signed {
    Hash256 hash;
    Signature sig;
    Address signer;

    Signed() {
        hash = keccak256(as_bytes("YaoVerse ecrecover precompile"));
        const Hash256 key = keccak256(as_bytes("precomp test key"));
        sig = *sign(hash, key);
        signer = *address_from_private_key(key);
    }

    Bytes input(const Uint256& v, const Hash256& r, const Hash256& s) const {
        Bytes out(hash.data(), 32);
        out.resize(64, 0);
        v.to_be_bytes(out.data() + 32);
        return out + Bytes{r.data(), 32} + Bytes{s.data(), 32};
    }
    Bytes input() const { return input(27 + sig.y_parity, sig.r, sig.s); }
    std::string padded_signer() const { return std::string(24, '0') + to_hex(signer, false); }
};

TEST(EcrecoverPrecompile, RecoversTheAddressOfASignatureMadeWithYaoSign) {
    const Signed s;
    expect_success(run(1, s.input(), 1'000'000), 3000, s.padded_signer());
}

TEST(EcrecoverPrecompile, AcceptsHighSUnlikeTransactions) {
    // (r, n - s) with the other parity is the same signature's mirror; EIP-2 applies only to
    // transactions.
    const Signed s;
    const Uint256 n = *Uint256::from_hex(kCurveOrder);
    const Hash256 high_s = (n - Uint256::from_hash(s.sig.s)).to_hash();
    expect_success(run(1, s.input(27 + (s.sig.y_parity ^ 1), s.sig.r, high_s), 1'000'000), 3000,
                   s.padded_signer());
}

TEST(EcrecoverPrecompile, InputLongerThan128BytesIgnoresTheRest) {
    const Signed s;
    expect_success(run(1, s.input() + Bytes(40, 0xee), 1'000'000), 3000, s.padded_signer());
}

TEST(EcrecoverPrecompile, EachInvalidFieldGivesEmptyOutputButSucceedsAndCosts3000) {
    const Signed s;
    const Uint256 v = 27 + s.sig.y_parity;
    const Hash256 n = *hash_from_hex(kCurveOrder);
    const Hash256 zero{};
    const Bytes cases[] = {
        s.input(29, s.sig.r, s.sig.s),                               // v = 29
        s.input(0, s.sig.r, s.sig.s),                                // v = 0
        s.input(s.sig.y_parity, s.sig.r, s.sig.s),                   // v = recovery id, not 27/28
        s.input(v + (Uint256{1} << 8), s.sig.r, s.sig.s),            // v's high bytes set
        s.input(v + (Uint256{1} << 255), s.sig.r, s.sig.s),          // v's top bit set
        s.input(v, zero, s.sig.s),                                   // r = 0
        s.input(v, s.sig.r, zero),                                   // s = 0
        s.input(v, n, s.sig.s),                                      // r = n
        s.input(v, s.sig.r, n),                                      // s = n
        s.input(v, s.sig.r, (Uint256::from_hash(n) + 1).to_hash()),  // s > n
        s.input(v, Uint256::max().to_hash(), s.sig.s),               // r = 2^256 - 1
    };
    for (const Bytes& in : cases) expect_success(run(1, in, 1'000'000), 3000, "");
}

TEST(EcrecoverPrecompile, ShortInputIsZeroPadded) {
    // All-zero padding gives v = 0: invalid, so empty output; the call still succeeds.
    expect_success(run(1, {}, 1'000'000), 3000, "");
    expect_success(run(1, hex("18c547e4f7b0f325"), 1'000'000), 3000, "");
    // A valid input without its trailing zero bytes (if s has any) recovers the same address.
    const Signed s;
    Bytes in = s.input();
    size_t cut = 0;
    while (cut < 31 && in[in.size() - 1 - cut] == 0) ++cut;
    in.resize(in.size() - cut);
    expect_success(run(1, in, 1'000'000), 3000, s.padded_signer());
}

TEST(EcrecoverPrecompile, OneGasShortIsOutOfGas) {
    const Signed s;
    expect_consumes_all(run(1, s.input(), 2999), Status::kOutOfGas);
    expect_success(run(1, s.input(), 3000), 3000, s.padded_signer(), 3000);
}

// ---- 0x09 BLAKE2F (EIP-152 test vectors) --------------------------------------------------------

// The EIP-152 vectors' state h (BLAKE2b-512 IV with the parameter block mixed in), message
// block m ("abc" and zeros) and offset counter t = 3, in the precompile's little-endian layout.
constexpr const char* kBlake2fState =
    "48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5"
    "d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b";

Bytes blake2f_input(std::string_view rounds_hex, std::string_view flag_hex) {
    Bytes message(128, 0);
    message[0] = 'a';
    message[1] = 'b';
    message[2] = 'c';
    Bytes counter(16, 0);
    counter[0] = 3;
    return hex(rounds_hex) + hex(kBlake2fState) + message + counter + hex(flag_hex);
}

TEST(Blake2fPrecompile, Eip152Vectors0To2WrongLengthsFail) {
    expect_consumes_all(run(9, {}, 1'000'000), Status::kPrecompileFailure);  // vector 0
    Bytes short_in = blake2f_input("0000000c", "01");
    short_in.erase(0, 1);  // vector 1: 212 bytes
    ASSERT_EQ(short_in.size(), 212u);
    expect_consumes_all(run(9, short_in, 1'000'000), Status::kPrecompileFailure);
    const Bytes long_in = hex("00") + blake2f_input("0000000c", "01");  // vector 2: 214 bytes
    expect_consumes_all(run(9, long_in, 1'000'000), Status::kPrecompileFailure);
}

TEST(Blake2fPrecompile, Eip152Vector3FinalFlagOtherThanZeroOrOneFails) {
    expect_consumes_all(run(9, blake2f_input("0000000c", "02"), 1'000'000),
                        Status::kPrecompileFailure);
    expect_consumes_all(run(9, blake2f_input("0000000c", "ff"), 1'000'000),
                        Status::kPrecompileFailure);
}

TEST(Blake2fPrecompile, GasIsChargedBeforeTheFlagIsChecked) {
    // execution-specs order: length, gas, flag.
    expect_consumes_all(run(9, blake2f_input("0000000c", "02"), 11), Status::kOutOfGas);
}

TEST(Blake2fPrecompile, Eip152Vectors4To7) {
    expect_success(run(9, blake2f_input("00000000", "01"), 1'000'000), 0,  // vector 4: 0 rounds
                   "08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5"
                   "d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b");
    expect_success(run(9, blake2f_input("0000000c", "01"), 1'000'000), 12,  // vector 5
                   "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                   "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
    expect_success(run(9, blake2f_input("0000000c", "00"), 1'000'000), 12,  // vector 6: f = 0
                   "75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d28752"
                   "98743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735");
    expect_success(run(9, blake2f_input("00000001", "01"), 1'000'000), 1,  // vector 7: 1 round
                   "b63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fb"
                   "a551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421");
}

TEST(Blake2fPrecompile, EightMillionRoundsGoEthereumVector) {
    // go-ethereum blake2F.json "vector 8": 0x007a1200 rounds.
    expect_success(run(9, blake2f_input("007a1200", "01"), 10'000'000), 8'000'000,
                   "6d2ce9e534d50e18ff866ae92d70cceba79bbcd14c63819fe48752c8aca87a4b"
                   "b7dcc230d22a4047f0486cfcfb50a17b24b2899eb8fca370f22240adb5170189",
                   10'000'000);
}

// EIP-152 test vector 8: 2^32 - 1 rounds, about a minute of compression; run it with
// --gtest_also_run_disabled_tests.
TEST(Blake2fPrecompile, DISABLED_Eip152Vector8MaxRounds) {
    expect_success(run(9, blake2f_input("ffffffff", "01"), 5'000'000'000), 4'294'967'295,
                   "fc59093aafa9ab43daae0e914c57635c5402d8e3d2130eb9b3cc181de7f0ecf9"
                   "b22bf99a7815ce16419e200e01846e6b5df8cc7703041bbceb571de6631d2615",
                   5'000'000'000);
}

TEST(Blake2fPrecompile, MaxRoundsWithoutEnoughGasIsOutOfGasImmediately) {
    expect_consumes_all(run(9, blake2f_input("ffffffff", "01"), 30'000'000), Status::kOutOfGas);
}

// ---- 0x06..0x08 alt_bn128 (EIP-196, EIP-197, priced by EIP-1108) ------------------------------

// 2 * G1 (go-ethereum bn256Add.json cdetrio11).
constexpr const char* kG1Double =
    "030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3"
    "15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4";
// (1, 3) is not on y^2 = x^3 + 3.
constexpr const char* kNotOnCurve =
    "0000000000000000000000000000000000000000000000000000000000000001"
    "0000000000000000000000000000000000000000000000000000000000000003";

TEST(EcAddPrecompile, DoublesTheGeneratorFor150Gas) {
    expect_success(run(6, hex(std::string(kG1Gen) + kG1Gen), 1'000'000), 150, kG1Double);
}

TEST(EcAddPrecompile, EmptyInputIsInfinityPlusInfinity) {
    expect_success(run(6, {}, 1'000'000), 150, std::string(128, '0'));
}

TEST(EcAddPrecompile, PointOffTheCurveFailsAndConsumesAllGas) {
    expect_consumes_all(run(6, hex(std::string(kNotOnCurve) + kG1Gen), 1'000'000),
                        Status::kPrecompileFailure);
}

TEST(EcMulPrecompile, TwoTimesTheGeneratorFor6000Gas) {
    const std::string two(63, '0');
    expect_success(run(7, hex(std::string(kG1Gen) + two + "2"), 1'000'000), 6000, kG1Double);
}

TEST(EcMulPrecompile, PointOffTheCurveFails) {
    expect_consumes_all(
        run(7, hex(std::string(kNotOnCurve) + std::string(63, '0') + "2"), 1'000'000),
        Status::kPrecompileFailure);
}

constexpr const char* kPairingTrue =
    "0000000000000000000000000000000000000000000000000000000000000001";
constexpr const char* kPairingFalse =
    "0000000000000000000000000000000000000000000000000000000000000000";

TEST(EcPairingPrecompile, EmptyInputIsTrueFor45000Gas) {
    expect_success(run(8, {}, 1'000'000), 45'000, kPairingTrue);
}

TEST(EcPairingPrecompile, GeneratorAgainstItsNegationIsTrueForTwoPairs) {
    const std::string g1 = kG1Gen;
    expect_success(run(8, hex(g1 + kG2Gen + g1 + kG2GenNeg), 1'000'000), 45'000 + 2 * 34'000,
                   kPairingTrue);
}

TEST(EcPairingPrecompile, SinglePairOfGeneratorsIsFalse) {
    expect_success(run(8, hex(std::string(kG1Gen) + kG2Gen), 1'000'000), 45'000 + 34'000,
                   kPairingFalse);
}

TEST(EcPairingPrecompile, LengthNotAMultipleOf192Fails) {
    Bytes in = hex(std::string(kG1Gen) + kG2Gen);
    in.pop_back();
    expect_consumes_all(run(8, in, 1'000'000), Status::kPrecompileFailure);
}

TEST(EcPairingPrecompile, InvalidG1PointFails) {
    expect_consumes_all(run(8, hex(std::string(kNotOnCurve) + kG2Gen), 1'000'000),
                        Status::kPrecompileFailure);
}

TEST(Bn254Precompiles, OneGasShortOfTheEip1108PriceIsOutOfGas) {
    expect_consumes_all(run(6, Bytes(128, 0), 149), Status::kOutOfGas);
    expect_consumes_all(run(7, Bytes(96, 0), 5999), Status::kOutOfGas);
    expect_consumes_all(run(8, {}, 44'999), Status::kOutOfGas);
    expect_consumes_all(run(8, Bytes(2 * 192, 0), 45'000 + 2 * 34'000 - 1), Status::kOutOfGas);
    // A size that is not a multiple of 192 is charged for the whole pairs first.
    expect_consumes_all(run(8, Bytes(200, 0), 45'000 + 34'000 - 1), Status::kOutOfGas);
}

// ---- 0x0a POINT_EVALUATION ----------------------------------------------------------------------

// versioned_hash || z || y || commitment || proof with a matching versioned hash.
Bytes point_evaluation_input(uint8_t z_top = 0, uint8_t y_top = 0) {
    Bytes commitment(48, 0);
    commitment[0] = 0xc0;  // the compressed point at infinity
    Hash256 versioned = sha256(commitment);
    versioned[0] = 0x01;
    Bytes z(32, 0), y(32, 0);
    z[0] = z_top;
    y[0] = y_top;
    Bytes proof(48, 0);
    proof[0] = 0xc0;
    return Bytes{versioned.data(), 32} + z + y + commitment + proof;
}

TEST(PointEvaluationPrecompile, WrongSizeFails) {
    expect_consumes_all(run(0x0a, {}, 100'000), Status::kPrecompileFailure);
    Bytes in = point_evaluation_input();
    in.push_back(0);
    expect_consumes_all(run(0x0a, in, 100'000), Status::kPrecompileFailure);
}

TEST(PointEvaluationPrecompile, BelowFiftyThousandGasIsOutOfGas) {
    expect_consumes_all(run(0x0a, point_evaluation_input(), 49'999), Status::kOutOfGas);
}

TEST(PointEvaluationPrecompile, VersionedHashMismatchFails) {
    Bytes in = point_evaluation_input();
    in[0] = 0x02;  // wrong version byte
    expect_consumes_all(run(0x0a, in, 100'000), Status::kPrecompileFailure);
}

TEST(PointEvaluationPrecompile, FieldElementsAtOrAboveTheModulusFail) {
    expect_consumes_all(run(0x0a, point_evaluation_input(0x74, 0), 100'000),
                        Status::kPrecompileFailure);
    expect_consumes_all(run(0x0a, point_evaluation_input(0, 0xff), 100'000),
                        Status::kPrecompileFailure);
}

TEST(PointEvaluationPrecompile, ValidProofReturnsBlobSizeAndModulus) {
    // C = O, proof = O, y = 0 opens the zero polynomial at every z: a valid proof.
    const ExecResult r = run(0x0a, point_evaluation_input(), 100'000);
    ASSERT_EQ(r.status, Status::kSuccess);
    EXPECT_EQ(r.gas_left, 50'000);
    EXPECT_EQ(to_hex(r.output, false),
              "0000000000000000000000000000000000000000000000000000000000001000"
              "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");
}

TEST(PointEvaluationPrecompile, ConsensusSpecProofVerifies) {
    // deneb verify_kzg_proof_case_correct_proof_26b753dec0560daa (consensus-spec-tests).
    const Bytes commitment = *from_hex(
        "93efc82d2017e9c57834a1246463e64774e56183bb247c8fc9dd98c56817e878d97b05f5c8d900acf1fbbbca6f146556");
    Hash256 versioned = sha256(commitment);
    versioned[0] = 0x01;
    const Bytes z = *from_hex("0000000000000000000000000000000000000000000000000000000000000000");
    const Bytes y = *from_hex("73e66878b46ae3705eb6a46a89213de7d3686828bfce5c19400fffff00100001");
    const Bytes proof = *from_hex(
        "b82ded761997f2c6f1bb3db1e1dada2ef06d936551667c82f659b75f99d2da2068b81340823ee4e829a93c9fbed7810d");
    Bytes in = Bytes{versioned.data(), 32} + z + y + commitment + proof;
    EXPECT_EQ(run(0x0a, in, 60'000).status, Status::kSuccess);
    in[95] ^= 1;  // a different y: the same proof no longer verifies
    expect_consumes_all(run(0x0a, in, 60'000), Status::kPrecompileFailure);
}

TEST(PointEvaluationPrecompile, WrongProofFails) {
    Bytes in = point_evaluation_input();
    in[95] = 1;  // y = 1 for the zero polynomial
    expect_consumes_all(run(0x0a, in, 100'000), Status::kPrecompileFailure);
}

TEST(PointEvaluationPrecompile, InvalidCommitmentEncodingFails) {
    Bytes in = point_evaluation_input();
    in[96] = 0x40;  // infinity without the compression flag
    Hash256 versioned = sha256(BytesView(in.data() + 96, 48));
    versioned[0] = 0x01;
    std::memcpy(in.data(), versioned.data(), 32);
    expect_consumes_all(run(0x0a, in, 100'000), Status::kPrecompileFailure);
}

}  // namespace
}  // namespace yao::evm
