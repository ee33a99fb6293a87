// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "modexp.hpp"

#include <random>
#include <string>

#include <gmp.h>
#include <gtest/gtest.h>

#include <yao/common/hex.hpp>
#include <yao/common/uint256.hpp>

#include "precompiles.hpp"

namespace yao::evm {
namespace {

Bytes hex(std::string_view text) {
    auto r = from_hex(text);
    EXPECT_TRUE(r.has_value()) << text;
    return r ? *r : Bytes{};
}

Bytes word(const Uint256& v) {
    Bytes out(32, 0);
    v.to_be_bytes(out.data());
    return out;
}

// EIP-198 input: three 32-byte lengths, then base, exponent and modulus.
Bytes modexp_input(const Uint256& base_len, const Uint256& exp_len, const Uint256& mod_len,
                   BytesView tail = {}) {
    Bytes out = word(base_len) + word(exp_len) + word(mod_len);
    out.append(tail.data(), tail.size());  // tail may be an empty view with a null pointer
    return out;
}

Bytes modexp_input(BytesView base, BytesView exp, BytesView mod) {
    Bytes body;
    body.append(base.data(), base.size());
    body.append(exp.data(), exp.size());
    body.append(mod.data(), mod.size());
    return modexp_input(base.size(), exp.size(), mod.size(), body);
}

// ---- Gas: EIP-2565 formula evaluated by hand ---------------------------------------------------

TEST(ModexpGas, EmptyInputCostsTheMinimum) {
    EXPECT_EQ(modexp_gas({}, Revision::kCancun), 200u);
}

TEST(ModexpGas, Eip2565Example1) {
    // Blen 1, Elen 32, Mlen 32: ceil(32/8)^2 = 16; the exponent head has 256 bits -> 255
    // iterations; 16 * 255 / 3 = 1360.
    const Bytes in = modexp_input(
        hex("03"), hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e"),
        hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"));
    EXPECT_EQ(modexp_gas(in, Revision::kCancun), 1360u);
}

TEST(ModexpGas, ZeroExponentCountsOneIteration) {
    // Mlen 256 -> 32 words -> 1024; exponent 0 -> max(0, 1) = 1; 1024 / 3 = 341.
    EXPECT_EQ(modexp_gas(modexp_input(0, 1, 256), Revision::kCancun), 341u);
}

TEST(ModexpGas, ZeroBaseAndModulusLengthsCostTheMinimumWhateverTheExponentLength) {
    EXPECT_EQ(modexp_gas(modexp_input(0, Uint256::max(), 0), Revision::kCancun), 200u);
}

TEST(ModexpGas, HugeBaseLengthSaturates) {
    EXPECT_EQ(modexp_gas(modexp_input(Uint256::max(), 0, 1), Revision::kCancun), UINT64_MAX);
    EXPECT_EQ(modexp_gas(modexp_input(Uint256{1} << 64, 0, 1), Revision::kCancun), UINT64_MAX);
}

TEST(ModexpGas, HugeModulusLengthSaturates) {
    EXPECT_EQ(modexp_gas(modexp_input(1, 1, Uint256{1} << 200), Revision::kCancun), UINT64_MAX);
}

TEST(ModexpGas, HugeExponentLengthWithNonEmptyModulusSaturates) {
    EXPECT_EQ(modexp_gas(modexp_input(0, Uint256{1} << 255, 1), Revision::kCancun), UINT64_MAX);
    // 2^64 - 1 bytes: 8 * (2^64 - 33) iterations * 1 / 3 > 2^64.
    EXPECT_EQ(modexp_gas(modexp_input(0, Uint256{UINT64_MAX}, 1), Revision::kCancun), UINT64_MAX);
}

TEST(ModexpGas, LongExponentUsesEightIterationsPerByteBeyond32) {
    // Elen 64, head (first 32 bytes) = 1 -> 8 * 32 + 0 = 256; Mlen 32 -> 16; 16 * 256 / 3 = 1365.
    Bytes exp(64, 0);
    exp[31] = 1;
    exp[63] = 0xff;  // bytes past the head do not matter
    EXPECT_EQ(modexp_gas(modexp_input(Bytes{}, exp, Bytes(32, 7)), Revision::kCancun), 1365u);
    // Head zero: 8 * 32 + 0 = 256 as well.
    exp[31] = 0;
    EXPECT_EQ(modexp_gas(modexp_input(Bytes{}, exp, Bytes(32, 7)), Revision::kCancun), 1365u);
    // Head with its top bit set: 8 * 32 + 255 = 511; 16 * 511 / 3 = 2725.
    exp[0] = 0x80;
    EXPECT_EQ(modexp_gas(modexp_input(Bytes{}, exp, Bytes(32, 7)), Revision::kCancun), 2725u);
}

TEST(ModexpGas, ShortExponentHeadIsItsWholeValue) {
    // Elen 16, exponent 2^120 -> 120 iterations; Blen 64 -> 64 words^2 = 64; 64 * 120 / 3 = 2560.
    Bytes exp(16, 0);
    exp[0] = 0x01;
    EXPECT_EQ(modexp_gas(modexp_input(Bytes(64, 1), exp, Bytes{}), Revision::kCancun), 2560u);
}

TEST(ModexpGas, ExponentHeadPastTheInputEndReadsZeros) {
    // Elen 32 but only the first exponent byte (0x80) present: head = 2^255 -> 255 iterations;
    // Mlen 32 (absent) -> 16; 16 * 255 / 3 = 1360.
    EXPECT_EQ(modexp_gas(modexp_input(0, 32, 32, hex("80")), Revision::kCancun), 1360u);
    // Nothing present: head 0 -> 1 iteration -> 16 / 3 = 5 -> 200.
    EXPECT_EQ(modexp_gas(modexp_input(0, 32, 32), Revision::kCancun), 200u);
}

TEST(ModexpGas, MultiplicationComplexityRoundsLengthsUpToWords) {
    // max(Blen, Mlen) = 9 bytes -> 2 words -> 4; exponent 2^40 (Elen 6) -> 40; 4 * 40 / 3 = 53
    // -> 200 minimum. Make it larger: Mlen 65 -> 9 words -> 81; 81 * 40 / 3 = 1080.
    EXPECT_EQ(
        modexp_gas(modexp_input(9, 6, 1, hex("000000000000000000010000000000")), Revision::kCancun),
        200u);
    EXPECT_EQ(modexp_gas(modexp_input(1, 6, 65, hex("00010000000000")), Revision::kCancun), 1080u);
}

// ---- Gas: EIP-7883 (Osaka) evaluated by hand ---------------------------------------------------

uint64_t osaka_gas(BytesView input) {
    return modexp_gas(input, Revision::kOsaka);
}

TEST(ModexpGasOsaka, EmptyInputCostsTheNewMinimum) {
    // Complexity 16 (max(Blen, Mlen) <= 32), 1 iteration: 16 -> 500.
    EXPECT_EQ(osaka_gas({}), 500u);
    EXPECT_EQ(modexp_gas({}, Revision::kPrague), 200u);
}

TEST(ModexpGasOsaka, Eip2565Example1HasNoDivisionByThree) {
    // Blen 1, Elen 32 (head of 256 bits -> 255 iterations), Mlen 32: 16 * 255 = 4080 (Prague:
    // 1360 = 16 * 255 / 3).
    const Bytes in = modexp_input(
        hex("03"), hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e"),
        hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"));
    EXPECT_EQ(osaka_gas(in), 4080u);
}

TEST(ModexpGasOsaka, ComplexityIsSixteenUpTo32BytesThenTwiceTheSquaredWords) {
    Bytes exp(32, 0);
    exp[0] = 0x80;  // 255 iterations
    // max(Blen, Mlen) 1..32 -> 16: 16 * 255 = 4080, whatever the length in that range.
    EXPECT_EQ(osaka_gas(modexp_input(Bytes(1, 1), exp, Bytes{})), 4080u);
    EXPECT_EQ(osaka_gas(modexp_input(Bytes(32, 1), exp, Bytes{})), 4080u);
    EXPECT_EQ(osaka_gas(modexp_input(Bytes{}, exp, Bytes(32, 1))), 4080u);
    // 33 bytes -> 5 words -> 2 * 25 = 50: 50 * 255 = 12750.
    EXPECT_EQ(osaka_gas(modexp_input(Bytes(33, 1), exp, Bytes{})), 12750u);
    // 64 bytes -> 8 words -> 2 * 64 = 128: 128 * 255 = 32640 (Prague: 64 * 255 / 3 = 5440).
    EXPECT_EQ(osaka_gas(modexp_input(Bytes{}, exp, Bytes(64, 1))), 32640u);
    EXPECT_EQ(modexp_gas(modexp_input(Bytes{}, exp, Bytes(64, 1)), Revision::kPrague), 5440u);
}

TEST(ModexpGasOsaka, LongExponentUsesSixteenIterationsPerByteBeyond32) {
    // Elen 64, head = 1 -> 16 * 32 + 0 = 512; Mlen 32 -> 16; 16 * 512 = 8192.
    Bytes exp(64, 0);
    exp[31] = 1;
    EXPECT_EQ(osaka_gas(modexp_input(Bytes{}, exp, Bytes(32, 7))), 8192u);
    // Head with its top bit set: 16 * 32 + 255 = 767 -> 12272.
    exp[0] = 0x80;
    EXPECT_EQ(osaka_gas(modexp_input(Bytes{}, exp, Bytes(32, 7))), 12272u);
}

TEST(ModexpGasOsaka, ZeroBaseAndModulusLengthsStillPayForTheExponent) {
    // Complexity is 16 even for max(Blen, Mlen) = 0 (Prague: 0, the minimum 200).
    // Elen 1024, head 0: 16 * 992 = 15872 iterations -> 16 * 15872 = 253952.
    EXPECT_EQ(osaka_gas(modexp_input(0, 1024, 0)), 253952u);
    EXPECT_EQ(modexp_gas(modexp_input(0, 1024, 0), Revision::kPrague), 200u);
}

TEST(ModexpGasOsaka, LargestInputWithinTheBound) {
    // Blen = Elen = Mlen = 1024, exponent head all ones: 128 words -> 2 * 16384 = 32768;
    // 16 * 992 + 255 = 16127 iterations; 32768 * 16127 = 528449536.
    const Bytes in = modexp_input(Bytes(1024, 0xff), Bytes(1024, 0xff), Bytes(1024, 0xff));
    EXPECT_EQ(osaka_gas(in), 528'449'536u);
}

TEST(ModexpGasOsaka, HugeLengthsSaturate) {
    EXPECT_EQ(osaka_gas(modexp_input(Uint256::max(), 0, 1)), UINT64_MAX);
    EXPECT_EQ(osaka_gas(modexp_input(1, 1, Uint256{1} << 200)), UINT64_MAX);
    EXPECT_EQ(osaka_gas(modexp_input(0, Uint256{1} << 255, 0)), UINT64_MAX);
}

// ---- EIP-7823 (Osaka): at most 1024 bytes each -----------------------------------------------

TEST(ModexpLengths, UpTo1024BytesEachAreAllowed) {
    EXPECT_TRUE(modexp_lengths_allowed({}, Revision::kOsaka));
    EXPECT_TRUE(modexp_lengths_allowed(modexp_input(1024, 1024, 1024), Revision::kOsaka));
}

TEST(ModexpLengths, AnyLengthAbove1024FailsInOsakaOnly) {
    for (const Bytes& in :
         {modexp_input(1025, 0, 0), modexp_input(0, 1025, 0), modexp_input(0, 0, 1025),
          modexp_input(Uint256{1} << 64, 0, 0), modexp_input(0, Uint256::max(), 0)}) {
        EXPECT_FALSE(modexp_lengths_allowed(in, Revision::kOsaka));
        EXPECT_TRUE(modexp_lengths_allowed(in, Revision::kPrague));
        EXPECT_TRUE(modexp_lengths_allowed(in, Revision::kCancun));
    }
}

TEST(ModexpLengths, HeaderPastTheInputEndReadsZeros) {
    // Only the first byte of Elen present: 0x04 followed by zeros is 2^250, far above the bound.
    Bytes in = Bytes(32, 0);
    in.push_back(0x04);
    EXPECT_FALSE(modexp_lengths_allowed(in, Revision::kOsaka));
    // A header cut inside Blen's word: the missing low bytes are zeros.
    Bytes blen_1024 = word(1024);
    EXPECT_TRUE(modexp_lengths_allowed(blen_1024, Revision::kOsaka));
    blen_1024.pop_back();  // ... 04 | 00 cut: reads ... 04 00 = 1024 again
    EXPECT_TRUE(modexp_lengths_allowed(blen_1024, Revision::kOsaka));
    Bytes blen_1025 = word(1025);
    blen_1025.pop_back();  // ... 04 | 01 cut: reads ... 04 00 = 1024
    EXPECT_TRUE(modexp_lengths_allowed(blen_1025, Revision::kOsaka));
}

// ---- Published vectors (go-ethereum core/vm/testdata/precompiles/modexp_eip2565.json) -----------

struct Vector {
    const char* name;
    const char* base;
    const char* exp;
    const char* mod;
    const char* expected;
    uint64_t gas;
};

// clang-format off
constexpr const char* kN1Base =
    "e09ad9675465c53a109fac66a445c91b292d2bb2c5268addb30cd82f80fcb0033ff97c80a5fc6f39193ae969c6ed"
    "e6710a6b7ac27078a06d90ef1c72e5c85fb5";
constexpr const char* kN1Mod =
    "fc9e1f6beb81516545975218075ec2af118cd8798df6e08a147c60fd6095ac2bb02c2908cf4dd7c81f11c289e4bc"
    "e98f3553768f392a80ce22bf5c4f4a248c6b";
constexpr const char* kN2Base =
    "cad7d991a00047dd54d3399b6b0b937c718abddef7917c75b6681f40cc15e2be0003657d8d4c34167b2f0bbbca0c"
    "caa407c2a6a07d50f1517a8f22979ce12a81dcaf707cc0cebfc0ce2ee84ee7f77c38b9281b9822a8d3de62784c08"
    "9c9b18dcb9a2a5eecbede90ea788a862a9ddd9d609c2c52972d63e289e28f6a590ffbf51";
constexpr const char* kN2Mod =
    "e6d893b80aeed5e6e9ce9afa8a5d5675c93a32ac05554cb20e9951b2c140e3ef4e433068cf0fb73bc9f33af1853f"
    "64aa27a0028cbf570d7ac9048eae5dc7b28c87c31e5810f1e7fa2cda6adf9f1076dbc1ec1238560071e7efc4e956"
    "5c49be9e7656951985860a558a754594115830bcdb421f741408346dd5997bb01c287087";
constexpr const char* kN3Base =
    "c9130579f243e12451760976261416413742bd7c91d39ae087f46794062b8c239f2a74abf3918605a0e046a7890e"
    "049475ba7fbb78f5de6490bd22a710cc04d30088179a919d86c2da62cf37f59d8f258d2310d94c24891be2d7eeaf"
    "aa32a8cb4b0cfe5f475ed778f45907dc8916a73f03635f233f7a77a00a3ec9ca6761a5bbd558a2318ecd0caa1c50"
    "16691523e7e1fa267dd35e70c66e84380bdcf7c0582f540174e572c41f81e93da0b757dff0b0fe23eb03aa19af0b"
    "dec3afb474216febaacb8d0381e631802683182b0fe72c28392539850650b70509f54980241dc175191a35d96728"
    "8b532a7a8223ce2440d010615f70df269501944d4ec16fe4a3cb";
constexpr const char* kN3Mod =
    "d7a85909174757835187cb52e71934e6c07ef43b4c46fc30bbcd0bc72913068267c54a4aabebb493922492820bab"
    "deb7dc9b1558fcf7bd82c37c82d3147e455b623ab0efa752fe0b3a67ca6e4d126639e645a0bf417568adbb2a6a4e"
    "ef62fa1fa29b2a5a43bebea1f82193a7dd98eb483d09bb595af1fa9c97c7f41f5649d976aee3e5e59e2329b43b13"
    "bea228d4a93f16ba139ccb511de521ffe747aa2eca664f7c9e33da59075cc335afcd2bf3ae09765f01ab5a7c3e39"
    "38ec168b74724b5074247d200d9970382f683d6059b94dbc336603d1dfee714e4b447ac2fa1d99ecb4961da2854e"
    "03795ed758220312d101e1e3d87d5313a6d052aebde75110363d";

const Vector kVectors[] = {
    {"eip_example1", "03", "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e",
     "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f",
     "0000000000000000000000000000000000000000000000000000000000000001", 1360},
    {"eip_example2", "", "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e",
     "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f",
     "0000000000000000000000000000000000000000000000000000000000000000", 1360},
    {"nagydani-1-square", kN1Base, "02", kN1Mod,
     "60008f1614cc01dcfb6bfb09c625cf90b47d4468db81b5f8b7a39d42f332eab9b2da8f2d95311648a8f243f4bb"
     "13cfb3d8f7f2a3c014122ebb3ed41b02783adc", 200},
    {"nagydani-1-qube", kN1Base, "03", kN1Mod,
     "4834a46ba565db27903b1c720c9d593e84e4cbd6ad2e64b31885d944f68cd801f92225a8961c952ddf2797fa47"
     "01b330c85c4b363798100b921a1a22a46a7fec", 200},
    {"nagydani-1-pow0x10001", kN1Base, "010001", kN1Mod,
     "c36d804180c35d4426b57b50c5bfcca5c01856d104564cd513b461d3c8b8409128a5573e416d0ebe38f5f73676"
     "6d9dc27143e4da981dfa4d67f7dc474cbee6d2", 341},
    {"nagydani-2-square", kN2Base, "02", kN2Mod,
     "981dd99c3b113fae3e3eaa9435c0dc96779a23c12a53d1084b4f67b0b053a27560f627b873e3f16ad78f28c94f"
     "14b6392def26e4d8896c5e3c984e50fa0b3aa44f1da78b913187c6128baa9340b1e9c9a0fd02cb78885e72576d"
     "a4a8f7e5a113e173a7a2889fde9d407bd9f06eb05bc8fc7b4229377a32941a02bf4edcc06d70", 200},
    {"nagydani-2-qube", kN2Base, "03", kN2Mod,
     "d89ceb68c32da4f6364978d62aaa40d7b09b59ec61eb3c0159c87ec3a91037f7dc6967594e530a69d049b64adf"
     "a39c8fa208ea970cfe4b7bcd359d345744405afe1cbf761647e32b3184c7fbe87cee8c6c7ff3b378faba6c68b8"
     "3b6889cb40f1603ee68c56b4c03d48c595c826c041112dc941878f8c5be828154afd4a16311f", 200},
    {"nagydani-2-pow0x10001", kN2Base, "010001", kN2Mod,
     "ad85e8ef13fd1dd46eae44af8b91ad1ccae5b7a1c92944f92a19f21b0b658139e0cabe9c1f679507c2de354bf2"
     "c91ebd965d1e633978a830d517d2f6f8dd5fd58065d58559de7e2334a878f8ec6992d9b9e77430d4764e863d77"
     "c0f87beede8f2f7f2ab2e7222f85cc9d98b8467f4bb72e87ef2882423ebdb6daf02dddac6db2", 1365},
    {"nagydani-3-square", kN3Base, "02", kN3Mod,
     "affc7507ea6d84751ec6b3f0d7b99dbcc263f33330e450d1b3ff0bc3d0874320bf4edd57debd58730698815795"
     "8cb3cfd369cc0c9c198706f635c9e0f15d047df5cb44d03e2727f26b083c4ad8485080e1293f171c1ed52aef59"
     "93a5815c35108e848c951cf1e334490b4a539a139e57b68f44fee583306f5b85ffa57206b3ee5660458858534e"
     "5386b9584af3c7f67806e84c189d695e5eb96e1272d06ec2df5dc5fabc6e94b793718c60c36be0a4d031fc84cd"
     "658aa72294b2e16fc240aef70cb9e591248e38bd49c5a554d1afa01f38dab72733092f7555334bbef6c8c43011"
     "9840492380aa95fa025dcf699f0a39669d812b0c6946b6091e6e235337b6f8", 341},
    {"nagydani-3-qube", kN3Base, "03", kN3Mod,
     "1b280ecd6a6bf906b806d527c2a831e23b238f89da48449003a88ac3ac7150d6a5e9e6b3be4054c7da11dd1e47"
     "0ec29a606f5115801b5bf53bc1900271d7c3ff3cd5ed790d1c219a9800437a689f2388ba1a11d68f6a8e5b74e9"
     "a3b1fac6ee85fc6afbac599f93c391f5dc82a759e3c6c0ab45ce3f5d25d9b0c1bf94cf701ea6466fc9a478dacc"
     "5754e593172b5111eeba88557048bceae401337cd4c1182ad9f700852bc8c99933a193f0b94cf1aedbefc48be3"
     "bc93ef5cb276d7c2d5462ac8bb0c8fe8923a1db2afe1c6b90d59c534994a6a633f0ead1d638fdc293486bb634f"
     "f2c8ec9e7297c04241a61c37e3ae95b11d53343d4ba2b4cc33d2cfa7eb705e", 341},
    {"nagydani-3-pow0x10001", kN3Base, "010001", kN3Mod,
     "37843d7c67920b5f177372fa56e2a09117df585f81df8b300fba245b1175f488c99476019857198ed459ed8d97"
     "99c377330e49f4180c4bf8e8f66240c64f65ede93d601f957b95b83efdee1e1bfde74169ff77002eaf078c7181"
     "5a9220c80b2e3b3ff22c2f358111d816ebf83c2999026b6de50bfc711ff68705d2f40b753424aefc9f70f08d90"
     "8b5a20276ad613b4ab4309a3ea72f0c17ea9df6b3367d44fb3acab11c333909e02e81ea2ed404a712d3ea96bba"
     "87461720e2d98723e7acd0520ac1a5212dbedcd8dc0c1abf61d4719e319ff4758a774790b8d463cdfe131d1b2d"
     "cfee52d002694e98e720cb6ae7ccea353bc503269ba35f0f63bf8d7b672a76", 5461},
};

// clang-format on

TEST(Modexp, PublishedEip2565VectorsGiveExpectedOutputAndGas) {
    for (const Vector& v : kVectors) {
        const Bytes in = modexp_input(hex(v.base), hex(v.exp), hex(v.mod));
        EXPECT_EQ(modexp_gas(in, Revision::kCancun), v.gas) << v.name;
        EXPECT_EQ(to_hex(modexp_run(in), false), v.expected) << v.name;
    }
}

// ---- Edge cases ---------------------------------------------------------------------------------

TEST(Modexp, ZeroModulusLengthGivesEmptyOutput) {
    EXPECT_TRUE(modexp_run(modexp_input(hex("05"), hex("03"), Bytes{})).empty());
    EXPECT_TRUE(modexp_run({}).empty());
    // Blen = Mlen = 0 with an absurd Elen: nothing is read or allocated.
    EXPECT_TRUE(modexp_run(modexp_input(0, Uint256::max(), 0)).empty());
}

TEST(Modexp, ZeroModulusGivesZerosOfModulusLength) {
    EXPECT_EQ(modexp_run(modexp_input(hex("05"), hex("03"), Bytes(5, 0))), Bytes(5, 0));
    // Modulus entirely past the input end reads as zero.
    EXPECT_EQ(modexp_run(modexp_input(1, 1, 3, hex("0503"))), Bytes(3, 0));
}

TEST(Modexp, EmptyBaseIsZero) {
    // 0^3 mod 7 = 0; 0^0 mod 7 = 1 (Python pow semantics, as in the execution-specs).
    EXPECT_EQ(modexp_run(modexp_input(Bytes{}, hex("03"), hex("07"))), hex("00"));
    EXPECT_EQ(modexp_run(modexp_input(Bytes{}, Bytes{}, hex("07"))), hex("01"));
    EXPECT_EQ(modexp_run(modexp_input(Bytes{}, hex("00"), hex("0007"))), hex("0001"));
}

TEST(Modexp, ModulusOneGivesZero) {
    EXPECT_EQ(modexp_run(modexp_input(hex("05"), Bytes{}, hex("0001"))), hex("0000"));
    EXPECT_EQ(modexp_run(modexp_input(hex("05"), hex("03"), hex("01"))), hex("00"));
}

TEST(Modexp, OutputIsLeftPaddedToModulusLength) {
    // 2^3 mod 0x0000000b = 8.
    EXPECT_EQ(modexp_run(modexp_input(hex("02"), hex("03"), hex("0000000b"))), hex("00000008"));
}

TEST(Modexp, TruncatedInputIsZeroPaddedOnTheRight) {
    // Blen 1, Elen 1, Mlen 2; input ends after the exponent byte and one modulus byte 0x01:
    // modulus = 0x0100 = 256; 3^2 mod 256 = 9.
    EXPECT_EQ(modexp_run(modexp_input(1, 1, 2, hex("030201"))), hex("0009"));
    // Base 0x03 then zeros: Blen 2 but one byte present -> base 0x0300 = 768; exponent and
    // modulus absent -> modulus 0 -> zeros.
    EXPECT_EQ(modexp_run(modexp_input(2, 1, 1, hex("03"))), hex("00"));
}

TEST(Modexp, ExponentLongerThan32BytesWithZeroTailMeansRepeatedSquaring) {
    // Exponent 0x02 followed by 40 zero bytes (Elen 41) = 2^321; base 3, modulus 1000003;
    // expected value from GMP with the exponent built bit by bit.
    Bytes exp(41, 0);
    exp[0] = 0x02;
    const Bytes mod = hex("0f4243");
    mpz_t r, b, e, m;
    mpz_inits(r, b, e, m, nullptr);
    mpz_set_ui(b, 3);
    mpz_set_ui(m, 1000003);
    mpz_set_ui(e, 0);
    mpz_setbit(e, 321);
    mpz_powm(r, b, e, m);
    const unsigned long expected = mpz_get_ui(r);
    mpz_clears(r, b, e, m, nullptr);
    Bytes want(3, 0);
    want[0] = static_cast<uint8_t>(expected >> 16);
    want[1] = static_cast<uint8_t>(expected >> 8);
    want[2] = static_cast<uint8_t>(expected);
    EXPECT_EQ(modexp_run(modexp_input(hex("03"), exp, mod)), want);
}

// ---- Cross-checks -------------------------------------------------------------------------------

// base^exp mod m by square-and-multiply on Uint256 (an implementation independent of GMP), for
// operands of at most 32 bytes.
Uint256 powmod_u256(const Uint256& base, const Uint256& exp, const Uint256& m) {
    if (m.is_zero()) return 0;
    Uint256 result = Uint256{1} % m;
    Uint256 b = base % m;
    for (unsigned i = exp.bit_length(); i-- > 0;) {
        result = mulmod(result, result, m);
        if (((exp >> i) & 1) == 1) result = mulmod(result, b, m);
    }
    return result;
}

TEST(Modexp, AgreesWithUint256SquareAndMultiplyForWordSizedOperands) {
    std::mt19937_64 rng(2565);
    for (int iter = 0; iter < 300; ++iter) {
        auto rand_bytes = [&](size_t n) {
            Bytes b(n, 0);
            for (auto& x : b) x = static_cast<uint8_t>(rng());
            if (n != 0 && rng() % 4 == 0) b[0] = 0;  // leading zeros
            return b;
        };
        const Bytes base = rand_bytes(rng() % 33);
        const Bytes exp = rand_bytes(rng() % 33);
        Bytes mod = rand_bytes(rng() % 33);
        if (rng() % 10 == 0) std::fill(mod.begin(), mod.end(), 0);
        const Uint256 want = powmod_u256(Uint256::from_be_bytes(base), Uint256::from_be_bytes(exp),
                                         Uint256::from_be_bytes(mod));
        Bytes want_bytes(32, 0);
        want.to_be_bytes(want_bytes.data());
        want_bytes = want_bytes.substr(32 - mod.size());
        EXPECT_EQ(to_hex(modexp_run(modexp_input(base, exp, mod))), to_hex(want_bytes))
            << "base " << to_hex(base) << " exp " << to_hex(exp) << " mod " << to_hex(mod);
    }
}

// Expected output computed from the fully zero-padded input with GMP directly.
Bytes reference_modexp(BytesView input, size_t base_len, size_t exp_len, size_t mod_len) {
    Bytes full{input};
    full.resize(96 + base_len + exp_len + mod_len, 0);
    mpz_t b, e, m, r;
    mpz_inits(b, e, m, r, nullptr);
    mpz_import(b, base_len, 1, 1, 1, 0, full.data() + 96);
    mpz_import(e, exp_len, 1, 1, 1, 0, full.data() + 96 + base_len);
    mpz_import(m, mod_len, 1, 1, 1, 0, full.data() + 96 + base_len + exp_len);
    Bytes out(mod_len, 0);
    if (mpz_sgn(m) != 0) {
        mpz_powm(r, b, e, m);
        size_t count = 0;
        Bytes tmp(mod_len + 1, 0);
        mpz_export(tmp.data(), &count, 1, 1, 1, 0, r);
        std::copy(tmp.begin(), tmp.begin() + static_cast<ptrdiff_t>(count),
                  out.end() - static_cast<ptrdiff_t>(count));
    }
    mpz_clears(b, e, m, r, nullptr);
    return out;
}

TEST(Modexp, AgreesWithGmpOnRandomAndTruncatedInputs) {
    std::mt19937_64 rng(198);
    for (int iter = 0; iter < 400; ++iter) {
        const size_t base_len = rng() % 300;
        const size_t exp_len = rng() % 80;
        const size_t mod_len = 1 + rng() % 300;
        Bytes body(base_len + exp_len + mod_len, 0);
        for (auto& x : body) x = static_cast<uint8_t>(rng());
        Bytes in = modexp_input(base_len, exp_len, mod_len, body);
        // A third of the inputs stop early, anywhere in the base, exponent or modulus.
        if (rng() % 3 == 0) in.resize(96 + rng() % (body.size() + 1));
        ASSERT_LE(modexp_gas(in, Revision::kCancun), uint64_t{INT64_MAX});
        EXPECT_EQ(to_hex(modexp_run(in)), to_hex(reference_modexp(in, base_len, exp_len, mod_len)))
            << "lengths " << base_len << "/" << exp_len << "/" << mod_len << " input size "
            << in.size();
    }
}

TEST(Modexp, InputEndingBeforeTheModulusGivesZerosWhateverTheClaimedLengths) {
    // An input that stops inside the base or the exponent leaves the modulus all zero.
    Bytes body(41, 0x5a);  // the base and at most one exponent byte
    for (const size_t exp_len : {1, 33, 2000, 1'000'000}) {
        EXPECT_EQ(modexp_run(modexp_input(40, exp_len, 16, body)), Bytes(16, 0)) << exp_len;
    }
    EXPECT_EQ(modexp_run(modexp_input(100, 1, 16, body)), Bytes(16, 0));
}

TEST(Modexp, AgreesWithGmpForLongExponentsWithZeroTails) {
    std::mt19937_64 rng(7);
    for (const size_t exp_len : {33, 64, 100, 2000}) {
        Bytes base(40, 0), exp(exp_len, 0), mod(48, 0);
        for (auto& x : base) x = static_cast<uint8_t>(rng());
        for (size_t i = 0; i < 3; ++i) exp[i] = static_cast<uint8_t>(rng());
        for (auto& x : mod) x = static_cast<uint8_t>(rng());
        mod[0] |= 0x80;
        const Bytes in = modexp_input(base, exp, mod);
        EXPECT_EQ(to_hex(modexp_run(in)), to_hex(reference_modexp(in, 40, exp_len, 48)))
            << "Elen " << exp_len;
    }
}

// ---- Through the dispatcher ---------------------------------------------------------------------

const Address kModexpAddress = Address::right_aligned(hex("05"));

// The first published vector (EIP-2565 example 1) through the dispatcher: with `cost` gas it
// succeeds with nothing left, with one gas less it runs out of gas.
void expect_vector0_costs(Revision rev, int64_t cost) {
    const Vector& v = kVectors[0];
    const Bytes in = modexp_input(hex(v.base), hex(v.exp), hex(v.mod));
    const ExecResult r = run_precompile(kModexpAddress, in, cost + 10, rev);
    EXPECT_EQ(r.status, Status::kSuccess);
    EXPECT_EQ(r.gas_left, 10);
    EXPECT_EQ(to_hex(r.output, false), v.expected);
    const ExecResult short_by_one = run_precompile(kModexpAddress, in, cost - 1, rev);
    EXPECT_EQ(short_by_one.status, Status::kOutOfGas);
    EXPECT_EQ(short_by_one.gas_left, 0);
    EXPECT_TRUE(short_by_one.output.empty());
}

TEST(ModexpPrecompile, ChargesTheFormulaAndReturnsTheRest) {
    expect_vector0_costs(Revision::kCancun, 1360);
    expect_vector0_costs(Revision::kPrague, 1360);
}

TEST(ModexpPrecompile, AbsurdClaimedLengthsAreOutOfGasWithoutAllocating) {
    for (const Bytes& in : {modexp_input(Uint256::max(), 1, 1), modexp_input(1, 1, Uint256::max()),
                            modexp_input(1, Uint256::max(), 1),
                            modexp_input(Uint256{1} << 40, Uint256{1} << 40, Uint256{1} << 40)}) {
        const ExecResult r = run_precompile(kModexpAddress, in, INT64_MAX, Revision::kCancun);
        EXPECT_EQ(r.status, Status::kOutOfGas);
        EXPECT_EQ(r.gas_left, 0);
    }
}

TEST(ModexpPrecompile, EmptyLengthsWithHugeExponentLengthCostTheMinimum) {
    const ExecResult r =
        run_precompile(kModexpAddress, modexp_input(0, Uint256::max(), 0), 200, Revision::kCancun);
    EXPECT_EQ(r.status, Status::kSuccess);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_TRUE(r.output.empty());
}

TEST(ModexpPrecompileOsaka, ChargesTheEip7883Price) {
    expect_vector0_costs(Revision::kOsaka, 4080);
}

TEST(ModexpPrecompileOsaka, EmptyInputCostsExactly500) {
    const ExecResult r = run_precompile(kModexpAddress, {}, 500, Revision::kOsaka);
    EXPECT_EQ(r.status, Status::kSuccess);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_TRUE(r.output.empty());
    EXPECT_EQ(run_precompile(kModexpAddress, {}, 499, Revision::kOsaka).status, Status::kOutOfGas);
}

TEST(ModexpPrecompileOsaka, LengthsAboveTheBoundFailAndConsumeAllGas) {
    // Under Prague (0, 1025, 0) costs the 200 minimum and succeeds with empty output.
    const Bytes cheap_before = modexp_input(0, 1025, 0);
    EXPECT_EQ(run_precompile(kModexpAddress, cheap_before, 1000, Revision::kPrague).status,
              Status::kSuccess);
    for (const Bytes& in : {cheap_before, modexp_input(1025, 1, 1), modexp_input(1, 1, 1025),
                            modexp_input(Uint256::max(), 1, 1)}) {
        const ExecResult r = run_precompile(kModexpAddress, in, INT64_MAX, Revision::kOsaka);
        EXPECT_EQ(r.status, Status::kPrecompileFailure);
        EXPECT_EQ(r.gas_left, 0);
        EXPECT_TRUE(r.output.empty());
    }
}

TEST(ModexpPrecompileOsaka, ExactlyAtTheBoundComputesTheSameResultAsBefore) {
    std::mt19937_64 rng(7823);
    Bytes base(1024, 0);
    Bytes mod(1024, 0);
    for (auto& x : base) x = static_cast<uint8_t>(rng());
    for (auto& x : mod) x = static_cast<uint8_t>(rng());
    const Bytes exp = hex("010001");
    mod[0] |= 0x80;
    const Bytes in = modexp_input(base, exp, mod);
    // 128 words -> 32768; exponent 65537 -> 16 iterations: 524288.
    const ExecResult osaka = run_precompile(kModexpAddress, in, 524'288, Revision::kOsaka);
    EXPECT_EQ(osaka.status, Status::kSuccess);
    EXPECT_EQ(osaka.gas_left, 0);
    const ExecResult prague = run_precompile(kModexpAddress, in, 1'000'000, Revision::kPrague);
    EXPECT_EQ(prague.status, Status::kSuccess);
    EXPECT_EQ(prague.gas_left, 1'000'000 - 16384 * 16 / 3);
    EXPECT_EQ(osaka.output, prague.output);
    EXPECT_EQ(osaka.output.size(), 1024u);
}

}  // namespace
}  // namespace yao::evm
