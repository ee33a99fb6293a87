// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "bls12_381_precompiles.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <yao/common/hex.hpp>

#include "bls12_381.hpp"
#include "precompiles.hpp"

// Outputs are the EIP-2537 test vectors (ethereum/EIPs assets/eip-2537/*.json, the same inputs
// as the execution-spec-tests); gas is the final Prague pricing.

namespace yao::evm {
namespace {

namespace bls = bls12_381;

constexpr uint8_t kG1Add = 0x0b;
constexpr uint8_t kG1Msm = 0x0c;
constexpr uint8_t kG2Add = 0x0d;
constexpr uint8_t kG2Msm = 0x0e;
constexpr uint8_t kPairing = 0x0f;
constexpr uint8_t kMapG1 = 0x10;
constexpr uint8_t kMapG2 = 0x11;

constexpr int64_t kGas = 10'000'000;

// A 48-byte (96 hex digit) field value as the 64-byte precompile encoding.
std::string fp(std::string_view hex48) {
    return "00000000000000000000000000000000" + std::string(hex48);
}

const std::string kZeroFp = fp(std::string(96, '0'));
const std::string kG1Inf = kZeroFp + kZeroFp;
const std::string kG2Inf = kG1Inf + kG1Inf;

// G1 generator, -G1, P1 (a second point), G1 + P1, 2 G1.
const std::string kG1X =
    fp("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb2"
       "2c6bb");
const std::string kG1 = kG1X + fp("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3ed"
                                  "d03cc744a2888ae40caa232946c5e7e1");
const std::string kG1Neg = kG1X + fp("114d1d6855d545a8aa7d76c8cf2e21f267816aef1db507c96655b9d5caac4"
                                     "2364e6f38ba0ecb751bad54dcd6b939c2ca");
const std::string kP1 = fp("112b98340eee2777cc3c14163dea3ec97977ac3dc5c70da32e6e87578f44912e902ccef"
                           "9efe28d4a78b8999dfbca9426") +
                        fp("186b28d92356c4dfec4b5201ad099dbdede3781f8998ddf929b4cd7756192185ca7b8f4"
                           "ef7088f813270ac3d48868a21");
const std::string kG1PlusP1 = fp("0a40300ce2dec9888b60690e9a41d3004fda4886854573974fab73b046d3147ba"
                                 "5b7a5bde85279ffede1b45b3918d82d") +
                              fp("06d3d887e9f53b9ec4eb6cedf5607226754b07c01ace7834f57f3e7315faefb73"
                                 "9e59018e22c492006190fba4a870025");
const std::string kG1Double = fp("0572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae"
                                 "28f75bb8f1c7c42c39a8c5529bf0f4e") +
                              fp("166a9d8cabc673a322fda673779d8e3822ba3ecb8670e461f73bb9021d5fd76a4"
                                 "c56d9d4cd16bd1bba86881979749d28");

// G2 generator, -G2, P2, G2 + P2, 2 G2, 2 G2 + 2 P2.
const std::string kG2X = fp("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac03"
                            "26a805bbefd48056c8c121bdb8") +
                         fp("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf1"
                            "1213945d57e5ac7d055d042b7e");
const std::string kG2 = kG2X +
                        fp("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9c"
                           "c3baca289e193548608b82801") +
                        fp("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d2"
                           "75cec1da1aaa9075ff05f79be");
const std::string kG2Neg = kG2X +
                           fp("0d1b3cc2c7027888be51d9ef691d77bcb679afda66c73f17f9ee3837a55024f78c71"
                              "363275a75d75d86bab79f74782aa") +
                           fp("13fa4d4a0ad8b1ce186ed5061789213d993923066dddaf1040bc3ff59f825c78df74"
                              "f2d75467e25e0f55f8a00fa030ed");
const std::string kP2 = fp("103121a2ceaae586d240843a398967325f8eb5a93e8fea99b62b9f88d8556c80dd726a4"
                           "b30e84a36eeabaf3592937f27") +
                        fp("086b990f3da2aeac0a36143b7d7c824428215140db1bb859338764cb58458f081d92664"
                           "f9053b50b3fbd2e4723121b68") +
                        fp("0f9e7ba9a86a8f7624aa2b42dcc8772e1af4ae115685e60abc2c9b90242167acef3d0be"
                           "4050bf935eed7c3b6fc7ba77e") +
                        fp("0d22c3652d0dc6f0fc9316e14268477c2049ef772e852108d269d9c38dba1d4802e8dae"
                           "479818184c08f9a569d878451");
const std::string kG2PlusP2 = fp("0b54a8a7b08bd6827ed9a797de216b8c9057b3a9ca93e2f88e7f04f19accc42da"
                                 "90d883632b9ca4dc38d013f71ede4db") +
                              fp("077eba4eecf0bd764dce8ed5f45040dd8f3b3427cb35230509482c14651713282"
                                 "946306247866dfe39a8e33016fcbe52") +
                              fp("14e60a76a29ef85cbd69f251b9f29147b67cfe3ed2823d3f9776b3a0efd273194"
                                 "1d47436dc6d2b58d9e65f8438bad073") +
                              fp("1586c3c910d95754fef7a732df78e279c3d37431c6a2b77e67a00c7c130a8fcd4"
                                 "d19f159cbeb997a178108fffffcbd20");
const std::string kG2Double = fp("1638533957d540a9d2370f17cc7ed5863bc0b995b8825e0ee1ea1e1e4d00dbae8"
                                 "1f14b0bf3611b78c952aacab827a053") +
                              fp("0a4edef9c1ed7f729f520e47730a124fd70662a904ba1074728114d1031e1572c"
                                 "6c886f6b57ec72a6178288c47c33577") +
                              fp("0468fb440d82b0630aeb8dca2b5256789a66da69bf91009cbfe6bd221e47aa8ae"
                                 "88dece9764bf3bd999d95d71e4c9899") +
                              fp("0f6d4552fa65dd2638b361543f887136a43253d9c66c411697003f7a13c308f54"
                                 "22e1aa0a59c8967acdefd8b6e36ccf3");
const std::string kTwoG2PlusTwoP2 = fp("009cc9ed6635623ba19b340cbc1b0eb05c3a58770623986bb7e04164517"
                                       "5b0a38d663d929afb9a949f7524656043bccc") +
                                    fp("0c0fb19d3f083fd5641d22a861a11979da258003f888c59c33005cb4a2d"
                                       "f4df9e5a2868832063ac289dfa3e997f21f8a") +
                                    fp("168bf7d87cef37cf1707849e0a6708cb856846f5392d205ae7418dd94d9"
                                       "4ef6c8aa5b424af2e99d957567654b9dae1d9") +
                                    fp("17e0fa3c3b2665d52c26c7d4cea9f35443f4f9007840384163d3aa3c7d4"
                                       "d18b21b65ff4380cf3f3b48e94b5eecb221dd");

// p, big-endian, as a 64-byte field element (invalid: not below p).
const std::string kP =
    fp("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9fefffffff"
       "faaab");

std::string word(uint64_t v) {
    std::string s(64, '0');
    for (int i = 63; v != 0; --i, v >>= 4) s[i] = "0123456789abcdef"[v & 0xf];
    return s;
}

// (0, 2) lies on E1 and has order 3: on the curve, outside G1.
const std::string kG1Order3 = kZeroFp + fp(std::string(95, '0') + "2");

Bytes unhex(std::string_view text) {
    auto r = from_hex(text);
    EXPECT_TRUE(r.has_value()) << text;
    return r ? *r : Bytes{};
}

ExecResult call(uint8_t id, std::string_view input_hex, int64_t gas = kGas) {
    Address addr;
    addr[19] = id;
    return run_precompile(addr, unhex(input_hex), gas, Revision::kPrague);
}

void expect_output(uint8_t id, std::string_view input_hex, int64_t cost, std::string_view want) {
    const ExecResult r = call(id, input_hex);
    ASSERT_EQ(r.status, Status::kSuccess);
    EXPECT_EQ(kGas - r.gas_left, cost);
    EXPECT_EQ(to_hex(r.output, false), want);
}

void expect_failure(uint8_t id, std::string_view input_hex,
                    Status status = Status::kPrecompileFailure, int64_t gas = kGas) {
    const ExecResult r = call(id, input_hex, gas);
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_TRUE(r.output.empty());
}

// A point of E2 with x = (n, 1) for the smallest n >= start: on the curve, almost surely not in
// G2 (the cofactor is ~2^380).
bls::G2Affine g2_curve_point(uint64_t start) {
    const uint64_t one[6] = {1, 0, 0, 0, 0, 0};
    const uint64_t four[6] = {4, 0, 0, 0, 0, 0};
    const bls::Fp2 b{bls::fp_from_limbs(four), bls::fp_from_limbs(four)};
    for (uint64_t n = start;; ++n) {
        const uint64_t nl[6] = {n, 0, 0, 0, 0, 0};
        const bls::Fp2 x{bls::fp_from_limbs(nl), bls::fp_from_limbs(one)};
        if (auto y = bls::sqrt(bls::add(bls::mul(bls::sqr(x), x), b))) return {x, *y, false};
    }
}

std::string encode_fp(const bls::Fp& a) {
    uint8_t b[48];
    bls::fp_to_bytes(a, b);
    return fp(to_hex(BytesView(b, 48), false));
}

std::string encode_g1(const bls::G1Affine& p) {
    return p.infinity ? kG1Inf : encode_fp(p.x) + encode_fp(p.y);
}

std::string encode_g2(const bls::G2Affine& p) {
    return p.infinity
               ? kG2Inf
               : encode_fp(p.x.c0) + encode_fp(p.x.c1) + encode_fp(p.y.c0) + encode_fp(p.y.c1);
}

// --- Addresses and pricing -----------------------------------------------------------------------

TEST(Bls12381Precompiles, ExistFromPragueOn) {
    Address addr;
    addr[19] = kG1Add;
    EXPECT_EQ(run_precompile(addr, unhex(kG1 + kP1), kGas, Revision::kPrague).status,
              Status::kSuccess);
    EXPECT_EQ(run_precompile(addr, unhex(kG1 + kP1), kGas, Revision::kOsaka).status,
              Status::kSuccess);
    EXPECT_FALSE(is_precompile(addr, Revision::kCancun));
}

TEST(Bls12381Precompiles, EmptyInputFailsForEveryOperation) {
    for (uint8_t id = kG1Add; id <= kMapG2; ++id) expect_failure(id, "");
}

TEST(Bls12381Precompiles, OneGasShortIsOutOfGas) {
    expect_failure(kG1Add, kG1 + kP1, Status::kOutOfGas, 374);
    expect_failure(kG2Add, kG2 + kP2, Status::kOutOfGas, 599);
    expect_failure(kG1Msm, kG1 + word(2), Status::kOutOfGas, 11'999);
    expect_failure(kG2Msm, kG2 + word(2), Status::kOutOfGas, 22'499);
    expect_failure(kPairing, kG1 + kG2, Status::kOutOfGas, 70'299);
    expect_failure(kMapG1, kZeroFp, Status::kOutOfGas, 5'499);
    expect_failure(kMapG2, kZeroFp + kZeroFp, Status::kOutOfGas, 23'799);
    // The length check comes before the price.
    expect_failure(kG1Add, kG1, Status::kPrecompileFailure, 0);
}

TEST(Bls12381Precompiles, MsmPriceFollowsTheDiscountTables) {
    auto repeat = [](const std::string& pair, size_t k) {
        std::string s;
        for (size_t i = 0; i < k; ++i) s += pair;
        return s;
    };
    const std::string g1_pair = kG1Inf + word(1);
    const std::string g2_pair = kG2Inf + word(1);
    // k * cost * discount(k) / 1000.
    expect_output(kG1Msm, repeat(g1_pair, 2), 22'776, kG1Inf);              // 949
    expect_output(kG1Msm, repeat(g1_pair, 3), 30'528, kG1Inf);              // 848
    expect_output(kG1Msm, repeat(g1_pair, 128), 797'184, kG1Inf);           // 519
    expect_output(kG1Msm, repeat(g1_pair, 200), 1'245'600, kG1Inf);         // max discount 519
    expect_output(kG2Msm, repeat(g2_pair, 2), 45'000, kG2Inf);              // 1000
    expect_output(kG2Msm, repeat(g2_pair, 3), 62'302, kG2Inf);              // 923
    expect_output(kG2Msm, repeat(g2_pair, 128), 1'509'120, kG2Inf);         // 524
    expect_output(kG2Msm, repeat(g2_pair, 129), 1'520'910, kG2Inf);         // max discount 524
    expect_output(kPairing, repeat(kG1Inf + kG2Inf, 3), 135'500, word(1));  // 32600 k + 37700
}

// --- G1ADD ---------------------------------------------------------------------------------------

TEST(Bls12381G1Add, Vectors) {
    expect_output(kG1Add, kG1 + kP1, 375, kG1PlusP1);
    expect_output(kG1Add, kP1 + kG1, 375, kG1PlusP1);
    expect_output(kG1Add, kG1 + kG1Inf, 375, kG1);
    expect_output(kG1Add, kG1Inf + kG1Inf, 375, kG1Inf);
    expect_output(kG1Add, kG1 + kG1Neg, 375, kG1Inf);
    expect_output(kG1Add, kG1 + kG1, 375, kG1Double);
}

TEST(Bls12381G1Add, AcceptsPointsOutsideTheSubgroup) {
    // (0, 2) + (0, 2) = (0, -2): ADD checks the curve equation only.
    const std::string minus_two =
        fp("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9fefff"
           "fffffaaa9");
    expect_output(kG1Add, kG1Order3 + kG1Order3, 375, kZeroFp + minus_two);
}

TEST(Bls12381G1Add, RejectsMalformedInput) {
    expect_failure(kG1Add, kG1 + kP1 + "00");
    expect_failure(kG1Add, (kG1 + kP1).substr(2));
    expect_failure(kG1Add, kG1 + kP + kG1.substr(128));  // x = p
    std::string padded = kG1 + kP1;
    padded[0] = '1';  // a non-zero byte in the 16 leading zero bytes
    expect_failure(kG1Add, padded);
    std::string off_curve = kG1 + kP1;
    off_curve.back() = off_curve.back() == '0' ? '1' : '0';
    expect_failure(kG1Add, off_curve);
    expect_failure(kG1Add, kG1Inf.substr(0, 128) + fp(std::string(95, '0') + "1") + kG1);  // (0, 1)
}

// --- G1MSM ---------------------------------------------------------------------------------------

TEST(Bls12381G1Msm, Vectors) {
    expect_output(kG1Msm, kG1 + word(2), 12'000, kG1Double);
    expect_output(kG1Msm, kG1 + word(1), 12'000, kG1);
    expect_output(kG1Msm, kG1 + word(0), 12'000, kG1Inf);
    expect_output(kG1Msm, kG1Inf + word(17), 12'000, kG1Inf);
    expect_output(kG1Msm, kG1 + word(2) + kG1 + word(0), 22'776, kG1Double);
    expect_output(kG1Msm, kG1 + "9a2b64cc58f8992cb21237914262ca9ada6cb13dc7b7d3f11c278fe0462040e4",
                  12'000,
                  fp("0491d1b0ecd9bb917989f0e74f0dea0422eac4a873e5e2644f368dffb9a6e20fd6e10c1b77654"
                     "d067c0618f6e5a7f79a") +
                      fp("17cd7061575d3e8034fcea62adaa1a3bc38dca4b50e4c5c01d04dd78037c9cee914e17944"
                         "ea99e7ad84278e5d49f36c4"));
    // bls_g1msm_multiple: seven pairs (discount 738).
    const std::string input =
        kG1 + "263dbd792f5b1be47ed85f8938c0f29586af0d3ac7b977f21c278fe1462040e3" + kP1 +
        "47b8192d77bf871b62e87859d653922725724a5c031afeabc60bcef5ff665138" +
        fp("184bb665c37ff561a89ec2122dd343f20e0f4cbcaec84e3c3052ea81d1834e192c426074b02ed3dca4e7676"
           "ce4ce48ba") +
        fp("04407b8d35af4dacc809927071fc0405218f1401a6d15af775810e4e460064bcc9468beeba82fdc751be704"
           "76c888bf3") +
        "328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d216" +
        fp("009769f3ab59bfd551d53a5f846b9984c59b97d6842b20a2c565baa167945e3d026a3755b6345df8ec7e6ac"
           "b6868ae6d") +
        fp("1532c00cf61aa3d0ce3e5aa20c3b531a2abd2c770a790a2613818303c6b830ffc0ecf6c357af3317b9575c5"
           "67f11cd2c") +
        "263dbd792f5b1be47ed85f8938c0f29586af0d3ac7b977f21c278fe1462040e2" +
        fp("1974dbb8e6b5d20b84df7e625e2fbfecb2cdb5f77d5eae5fb2955e5ce7313cae8364bc2fff520a6c2561973"
           "9c6bdcb6a") +
        fp("15f9897e11c6441eaa676de141c8d83c37aab8667173cbe1dfd6de74d11861b961dccebcd9d289ac633455d"
           "fcc7013a3") +
        "47b8192d77bf871b62e87859d653922725724a5c031afeabc60bcef5ff665131" +
        fp("0a7a047c4a8397b3446450642c2ac64d7239b61872c9ae7a59707a8f4f950f101e766afe58223b3bff3a19a"
           "7f754027c") +
        fp("1383aebba1e4327ccff7cf9912bda0dbc77de048b71ef8c8a81111d71dc33c5e3aa6edee9cf6f5fe525d50c"
           "c50b77cc9") +
        "328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d211" +
        fp("0e7a16a975904f131682edbb03d9560d3e48214c9986bd50417a77108d13dc957500edf96462a3d01e62dc6"
           "cd468ef11") +
        fp("0ae89e677711d05c30a48d6d75e76ca9fb70fe06c6dd6ff988683d89ccde29ac7d46c53bb97a59b1901abf1"
           "db66052db") +
        "55b53c4669f19f0fc7431929bc0363d7d8fb432435fcde2635fdba334424e9f5";
    expect_output(kG1Msm, input, 61'992,
                  fp("053fbdb09b6b5faa08bfe7b7069454247ad4d8bd57e90e2d2ebaa04003dcf110aa83072c07f48"
                     "0ab2107cca2ccff6091") +
                      fp("1654537b7c96fe64d13906066679c3d45808cb666452b55d1b909c230cc4b423c3f932c58"
                         "754b9b762dc49fcc825522c"));
}

TEST(Bls12381G1Msm, MatchesSeparateMultiplicationsForManySizes) {
    // Up to 70 pairs: every window width the bucket method picks for these sizes.
    std::string input;
    bls::G1Affine want{bls::fp_zero(), bls::fp_zero(), true};
    uint64_t seed = 0x9e3779b97f4a7c15;
    for (uint64_t k = 1; k <= 70; ++k) {
        const bls::G1Affine p = bls::mul(bls::g1_generator(), bls::Scalar{{k * 7919 + 3, 0, 0, 0}});
        bls::Scalar s{};
        std::string scalar_hex;
        for (int i = 3; i >= 0; --i) {
            seed = seed * 6364136223846793005 + 1442695040888963407;
            s.limbs[i] = k % 9 == 0 ? 0 : seed;
            scalar_hex += word(s.limbs[i]).substr(48);
        }
        input += encode_g1(p) + scalar_hex;
        want = bls::add(want, bls::mul(p, s));
        if (k <= 8 || k % 9 == 0 || k == 70) {
            const ExecResult r = call(kG1Msm, input);
            ASSERT_EQ(r.status, Status::kSuccess) << k;
            EXPECT_EQ(to_hex(r.output, false), encode_g1(want)) << k;
        }
    }
}

TEST(Bls12381G1Msm, RejectsMalformedInputAndPointsOutsideTheSubgroup) {
    expect_failure(kG1Msm, kG1 + word(1) + "00");
    expect_failure(kG1Msm, kG1 + word(1).substr(2));
    expect_failure(kG1Msm, kG1Order3 + word(1));
    expect_failure(kG1Msm, kG1 + word(1) + kG1Order3 + word(0));  // even with a zero scalar
    expect_failure(kG1Msm, kP + kG1.substr(128) + word(1));
    std::string off_curve = kG1 + word(1);
    off_curve[255] = off_curve[255] == '0' ? '1' : '0';
    expect_failure(kG1Msm, off_curve);
}

// --- G2ADD ---------------------------------------------------------------------------------------

TEST(Bls12381G2Add, Vectors) {
    expect_output(kG2Add, kG2 + kP2, 600, kG2PlusP2);
    expect_output(kG2Add, kP2 + kG2, 600, kG2PlusP2);
    expect_output(kG2Add, kP2 + kG2Inf, 600, kP2);
    expect_output(kG2Add, kG2 + kG2Neg, 600, kG2Inf);
    expect_output(kG2Add, kG2 + kG2, 600, kG2Double);
}

TEST(Bls12381G2Add, AcceptsPointsOutsideTheSubgroup) {
    const bls::G2Affine q = g2_curve_point(1);
    ASSERT_FALSE(bls::is_in_subgroup(q));
    expect_output(kG2Add, encode_g2(q) + encode_g2(q), 600, encode_g2(bls::add(q, q)));
}

TEST(Bls12381G2Add, RejectsMalformedInput) {
    expect_failure(kG2Add, kG2 + kP2 + "00");
    expect_failure(kG2Add, kG2 + kP2.substr(2));
    expect_failure(kG2Add, kG2.substr(0, 128) + kP + kG2.substr(256) + kP2);  // x.c1 = p
    std::string padded = kG2 + kP2;
    padded[3 * 128] = '1';  // y.c1 padding
    expect_failure(kG2Add, padded);
    std::string off_curve = kG2 + kP2;
    off_curve.back() = off_curve.back() == '0' ? '1' : '0';
    expect_failure(kG2Add, off_curve);
}

// --- G2MSM ---------------------------------------------------------------------------------------

TEST(Bls12381G2Msm, Vectors) {
    expect_output(kG2Msm, kG2 + word(2), 22'500, kG2Double);
    expect_output(kG2Msm, kP2 + word(1), 22'500, kP2);
    expect_output(kG2Msm, kG2 + word(0), 22'500, kG2Inf);
    expect_output(kG2Msm, kG2Inf + word(17), 22'500, kG2Inf);
    expect_output(kG2Msm, kG2 + word(2) + kG2Inf + word(2), 45'000, kG2Double);
    expect_output(kG2Msm, kG2 + word(2) + kP2 + word(2), 45'000, kTwoG2PlusTwoP2);
}

TEST(Bls12381G2Msm, MatchesSeparateMultiplications) {
    std::string input;
    bls::G2Affine want{{bls::fp_zero(), bls::fp_zero()}, {bls::fp_zero(), bls::fp_zero()}, true};
    for (uint64_t k = 1; k <= 20; ++k) {
        const bls::G2Affine p =
            bls::mul(bls::g2_generator(), bls::Scalar{{k * 104729 + 1, 0, 0, 0}});
        const bls::Scalar s{{k * 0x0123456789abcdef, ~k, k << 40, 0xfedcba9876543210 - k}};
        input += encode_g2(p) + word(s.limbs[3]).substr(48) + word(s.limbs[2]).substr(48) +
                 word(s.limbs[1]).substr(48) + word(s.limbs[0]).substr(48);
        want = bls::add(want, bls::mul(p, s));
    }
    const ExecResult r = call(kG2Msm, input);
    ASSERT_EQ(r.status, Status::kSuccess);
    EXPECT_EQ(to_hex(r.output, false), encode_g2(want));
}

TEST(Bls12381G2Msm, RejectsMalformedInputAndPointsOutsideTheSubgroup) {
    expect_failure(kG2Msm, kG2 + word(1) + "00");
    expect_failure(kG2Msm, kG2 + word(1).substr(2));
    expect_failure(kG2Msm, encode_g2(g2_curve_point(1)) + word(1));
    expect_failure(kG2Msm, kG2 + word(1) + encode_g2(g2_curve_point(7)) + word(0));
    std::string off_curve = kG2 + word(1);
    off_curve[511] = off_curve[511] == '0' ? '1' : '0';
    expect_failure(kG2Msm, off_curve);
}

// --- PAIRING_CHECK -------------------------------------------------------------------------------

TEST(Bls12381Pairing, Vectors) {
    expect_output(kPairing, kG1Inf + kG2Inf, 70'300, word(1));
    expect_output(kPairing, kG1 + kG2Inf, 70'300, word(1));
    expect_output(kPairing, kG1 + kG2, 70'300, word(0));  // non-degeneracy
    expect_output(kPairing, kG1 + kG2 + kG1 + kG2Neg, 102'900, word(1));
    expect_output(kPairing, kG1 + kG2Neg + kG1Neg + kG2Neg, 102'900, word(1));
    expect_output(kPairing, kG1 + kG2Neg + kG1Neg + kG2, 102'900, word(0));  // e(G1, G2)^-2
    expect_output(kPairing, kG1Inf + kG2Neg + kG1Neg + kG2, 102'900, word(0));
    // Bilinearity: e(G1, G2) e(P1, G2) e(G1 + P1, -G2) = 1.
    expect_output(kPairing, kG1 + kG2 + kP1 + kG2 + kG1PlusP1 + kG2Neg, 135'500, word(1));
    expect_output(kPairing, kG1 + kG2 + kP1 + kG2 + kG1PlusP1 + kG2, 135'500, word(0));
}

TEST(Bls12381Pairing, RejectsMalformedInputAndPointsOutsideTheSubgroup) {
    expect_failure(kPairing, kG1 + kG2 + "00");
    expect_failure(kPairing, (kG1 + kG2).substr(2));
    expect_failure(kPairing, kG1Order3 + kG2);
    expect_failure(kPairing, kG1 + encode_g2(g2_curve_point(1)));
    expect_failure(kPairing, kG1 + kG2 + kG1Order3 + kG2Inf);
    expect_failure(kPairing, kP + kG1.substr(128) + kG2);
    std::string off_curve = kG1 + kG2;
    off_curve.back() = off_curve.back() == '0' ? '1' : '0';
    expect_failure(kPairing, off_curve);
}

// --- MAP_FP_TO_G1 / MAP_FP2_TO_G2 ----------------------------------------------------------------

struct MapVector {
    const char* input;
    const char* output;
};

// bls_g1map_ (u of the RFC 9380 suite BLS12381G1_XMD:SHA-256_SSWU_RO_ for msg "", "abc",
// "abcdef0123456789", "q128_qqq...", "a512_aaa...").
const MapVector kMapG1Vectors[] = {
    {"156c8a6a2c184569d69a76be144b5cdc5141d2d2ca4fe341f011e25e3969c55ad9e9b9ce2eb833c81a908e5fa4ac5"
     "f03",
     "184bb665c37ff561a89ec2122dd343f20e0f4cbcaec84e3c3052ea81d1834e192c426074b02ed3dca4e7676ce4ce4"
     "8ba"
     "04407b8d35af4dacc809927071fc0405218f1401a6d15af775810e4e460064bcc9468beeba82fdc751be70476c888"
     "bf3"},
    {"147e1ed29f06e4c5079b9d14fc89d2820d32419b990c1c7bb7dbea2a36a045124b31ffbde7c99329c05c559af1c6c"
     "c82",
     "009769f3ab59bfd551d53a5f846b9984c59b97d6842b20a2c565baa167945e3d026a3755b6345df8ec7e6acb6868a"
     "e6d"
     "1532c00cf61aa3d0ce3e5aa20c3b531a2abd2c770a790a2613818303c6b830ffc0ecf6c357af3317b9575c567f11c"
     "d2c"},
    {"04090815ad598a06897dd89bcda860f25837d54e897298ce31e6947378134d3761dc59a572154963e8c954919ecfa"
     "82d",
     "1974dbb8e6b5d20b84df7e625e2fbfecb2cdb5f77d5eae5fb2955e5ce7313cae8364bc2fff520a6c25619739c6bdc"
     "b6a"
     "15f9897e11c6441eaa676de141c8d83c37aab8667173cbe1dfd6de74d11861b961dccebcd9d289ac633455dfcc701"
     "3a3"},
    {"08dccd088ca55b8bfbc96fb50bb25c592faa867a8bb78d4e94a8cc2c92306190244532e91feba2b7fed977e3c3bb5"
     "a1f",
     "0a7a047c4a8397b3446450642c2ac64d7239b61872c9ae7a59707a8f4f950f101e766afe58223b3bff3a19a7f7540"
     "27c"
     "1383aebba1e4327ccff7cf9912bda0dbc77de048b71ef8c8a81111d71dc33c5e3aa6edee9cf6f5fe525d50cc50b77"
     "cc9"},
    {"0dd824886d2123a96447f6c56e3a3fa992fbfefdba17b6673f9f630ff19e4d326529db37e1c1be43f905bf9202e02"
     "78d",
     "0e7a16a975904f131682edbb03d9560d3e48214c9986bd50417a77108d13dc957500edf96462a3d01e62dc6cd468e"
     "f11"
     "0ae89e677711d05c30a48d6d75e76ca9fb70fe06c6dd6ff988683d89ccde29ac7d46c53bb97a59b1901abf1db6605"
     "2db"},
};

// bls_g2map_ (u = u.c0 || u.c1; output x.c0 x.c1 y.c0 y.c1), the same five messages.
const MapVector kMapG2Vectors[] = {
    {"07355d25caf6e7f2f0cb2812ca0e513bd026ed09dda65b177500fa31714e09ea0ded3a078b526bed3307f804d4b93"
     "b04"
     "02829ce3c021339ccb5caf3e187f6370e1e2a311dec9b75363117063ab2015603ff52c3d3b98f19c2f65575e99e8b"
     "78c",
     "00e7f4568a82b4b7dc1f14c6aaa055edf51502319c723c4dc2688c7fe5944c213f510328082396515734b6612c4e7"
     "bb7"
     "126b855e9e69b1f691f816e48ac6977664d24d99f8724868a184186469ddfd4617367e94527d4b74fc86413483afb"
     "35b"
     "0caead0fd7b6176c01436833c79d305c78be307da5f6af6c133c47311def6ff1e0babf57a0fb5539fce7ee12407b0"
     "a42"
     "1498aadcf7ae2b345243e281ae076df6de84455d766ab6fcdaad71fab60abb2e8b980a440043cd305db09d283c895"
     "e3d"},
    {"138879a9559e24cecee8697b8b4ad32cced053138ab913b99872772dc753a2967ed50aabc907937aefb2439ba06cc"
     "50c"
     "0a1ae7999ea9bab1dcc9ef8887a6cb6e8f1e22566015428d220b7eec90ffa70ad1f624018a9ad11e78d588bd3617f"
     "9f2",
     "108ed59fd9fae381abfd1d6bce2fd2fa220990f0f837fa30e0f27914ed6e1454db0d1ee957b219f61da6ff8be0d64"
     "41f"
     "0296238ea82c6d4adb3c838ee3cb2346049c90b96d602d7bb1b469b905c9228be25c627bffee872def773d5b2a2eb"
     "57d"
     "033f90f6057aadacae7963b0a0b379dd46750c1c94a6357c99b65f63b79e321ff50fe3053330911c56b6ceea08fee"
     "656"
     "153606c417e59fb331b7ae6bce4fbf7c5190c33ce9402b5ebe2b70e44fca614f3f1382a3625ed5493843d0b0a652f"
     "c3f"},
    {"18c16fe362b7dbdfa102e42bdfd3e2f4e6191d479437a59db4eb716986bf08ee1f42634db66bde97d6c16bbfd342b"
     "3b8"
     "0e37812ce1b146d998d5f92bdd5ada2a31bfd63dfe18311aa91637b5f279dd045763166aa1615e46a50d8d8f475f1"
     "84e",
     "038af300ef34c7759a6caaa4e69363cafeed218a1f207e93b2c70d91a1263d375d6730bd6b6509dcac3ba5b567e85"
     "bf3"
     "0da75be60fb6aa0e9e3143e40c42796edf15685cafe0279afd2a67c3dff1c82341f17effd402e4f1af240ea90f4b6"
     "59b"
     "19b148cbdf163cf0894f29660d2e7bfb2b68e37d54cc83fd4e6e62c020eaa48709302ef8e746736c0e19342cc1ce3"
     "df4"
     "0492f4fed741b073e5a82580f7c663f9b79e036b70ab3e51162359cec4e77c78086fe879b65ca7a47d34374c8315a"
     "c5e"},
    {"08d4a0997b9d52fecf99427abb721f0fa779479963315fe21c6445250de7183e3f63bfdf86570da8929489e421d4e"
     "e95"
     "16cb4ccad91ec95aab070f22043916cd6a59c4ca94097f7f510043d48515526dc8eaaea27e586f09151ae613688d5"
     "a89",
     "0c5ae723be00e6c3f0efe184fdc0702b64588fe77dda152ab13099a3bacd3876767fa7bbad6d6fd90b3642e902b20"
     "8f9"
     "12c8c05c1d5fc7bfa847f4d7d81e294e66b9a78bc9953990c358945e1f042eedafce608b67fdd3ab0cb2e6e263b9b"
     "1ad"
     "04e77ddb3ede41b5ec4396b7421dd916efc68a358a0d7425bddd253547f2fb4830522358491827265dfc5bcc1928a"
     "569"
     "11c624c56dbe154d759d021eec60fab3d8b852395a89de497e48504366feedd4662d023af447d66926a28076813dd"
     "646"},
    {"03f80ce4ff0ca2f576d797a3660e3f65b274285c054feccc3215c879e2c0589d376e83ede13f93c32f05da0f68fd6"
     "a10"
     "006488a837c5413746d868d1efb7232724da10eca410b07d8b505b9363bdccf0a1fc0029bad07d65b15ccfe6dd25e"
     "20d",
     "0ea4e7c33d43e17cc516a72f76437c4bf81d8f4eac69ac355d3bf9b71b8138d55dc10fd458be115afa798b55dac34"
     "be1"
     "1565c2f625032d232f13121d3cfb476f45275c303a037faa255f9da62000c2c864ea881e2bcddd111edc4a3c0da3e"
     "88d"
     "043b6f5fe4e52c839148dc66f2b3751e69a0f6ebb3d056d6465d50d4108543ecd956e10fa1640dfd9bc0030cc2558"
     "d28"
     "0f8991d2a1ad662e7b6f58ab787947f1fa607fce12dde171bc17903b012091b657e15333e11701edcf5b63ba2a561"
     "247"},
};

// Each 96-digit field value of `hex` in the 64-byte encoding.
std::string fps(std::string_view hex) {
    std::string out;
    for (size_t i = 0; i < hex.size(); i += 96) out += fp(hex.substr(i, 96));
    return out;
}

TEST(Bls12381MapFpToG1, Vectors) {
    for (const MapVector& v : kMapG1Vectors) {
        SCOPED_TRACE(v.input);
        expect_output(kMapG1, fps(v.input), 5'500, fps(v.output));
    }
}

TEST(Bls12381MapFpToG1, OutputIsInTheSubgroup) {
    for (uint64_t u = 0; u < 8; ++u) {
        const ExecResult r = call(kMapG1, kZeroFp.substr(0, 128 - 16) + word(u).substr(48));
        ASSERT_EQ(r.status, Status::kSuccess);
        const ExecResult check = call(kG1Msm, to_hex(r.output, false) + word(1));
        EXPECT_EQ(check.status, Status::kSuccess) << u;  // MSM rejects points outside G1
    }
}

TEST(Bls12381MapFpToG1, RejectsMalformedInput) {
    expect_failure(kMapG1, kZeroFp + "00");
    expect_failure(kMapG1, kZeroFp.substr(2));
    expect_failure(kMapG1, kP);
    expect_failure(kMapG1, "01" + kZeroFp.substr(2));
}

TEST(Bls12381MapFp2ToG2, Vectors) {
    for (const MapVector& v : kMapG2Vectors) {
        SCOPED_TRACE(v.input);
        expect_output(kMapG2, fps(v.input), 23'800, fps(v.output));
    }
}

TEST(Bls12381MapFp2ToG2, OutputIsInTheSubgroup) {
    for (uint64_t u = 0; u < 4; ++u) {
        const ExecResult r =
            call(kMapG2, kZeroFp + kZeroFp.substr(0, 128 - 16) + word(u).substr(48));
        ASSERT_EQ(r.status, Status::kSuccess);
        const ExecResult check = call(kG2Msm, to_hex(r.output, false) + word(1));
        EXPECT_EQ(check.status, Status::kSuccess) << u;
    }
}

TEST(Bls12381MapFp2ToG2, RejectsMalformedInput) {
    expect_failure(kMapG2, kZeroFp + kZeroFp + "00");
    expect_failure(kMapG2, kZeroFp);
    expect_failure(kMapG2, kZeroFp + kP);
    expect_failure(kMapG2, kP + kZeroFp);
    expect_failure(kMapG2, kZeroFp + "01" + kZeroFp.substr(2));
}

}  // namespace
}  // namespace yao::evm
