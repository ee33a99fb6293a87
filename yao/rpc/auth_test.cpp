// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "auth.hpp"

#include <gtest/gtest.h>

#include <yao/common/hex.hpp>

namespace yao::rpc {
namespace {

std::string b64url(std::string_view in) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    uint32_t acc = 0;
    int bits = 0;
    for (unsigned char c : in) {
        acc = (acc << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(kAlphabet[(acc >> bits) & 63]);
        }
    }
    if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 63]);
    return out;
}

std::string jwt(const std::string& claims, BytesView secret, const std::string& alg = "HS256") {
    const std::string signing = b64url(R"({"alg":")" + alg + R"(","typ":"JWT"})") + "." + b64url(claims);
    const Hash256 mac = hmac_sha256(secret, as_bytes(signing));
    return signing + "." +
           b64url({reinterpret_cast<const char*>(mac.bytes.data()), mac.bytes.size()});
}

TEST(Auth, HmacSha256MatchesRfc4231) {
    // RFC 4231 test cases 1 and 2.
    const Bytes key1(20, 0x0b);
    EXPECT_EQ(to_hex(hmac_sha256(key1, as_bytes("Hi There")).view()),
              "0xb0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    EXPECT_EQ(to_hex(hmac_sha256(as_bytes("Jefe"), as_bytes("what do ya want for nothing?")).view()),
              "0x5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Auth, MethodsNeedTheirRoles) {
    EXPECT_EQ(required_role("eth_blockNumber"), kRoleRead);
    EXPECT_EQ(required_role("eth_call"), kRoleRead);
    EXPECT_EQ(required_role("eth_sendRawTransaction"), kRoleSubmit);
    EXPECT_EQ(required_role("debug_traceCall"), kRoleTrace);
    EXPECT_EQ(required_role("evm_mine"), kRoleAdmin);
    EXPECT_EQ(required_role("txpool_content"), kRoleAdmin);
    EXPECT_EQ(required_role("eth_sendTransaction"), kRoleAdmin);
    EXPECT_EQ(required_role("eth_signTypedData_v4"), kRoleAdmin);
    EXPECT_EQ(parse_role("admin"), kAllRoles);
    EXPECT_EQ(parse_role("root"), 0u);
}

TEST(Auth, KeysAndJwtsAreCheckedAndNothingIsRequiredWithoutThem) {
    auto open = Authenticator::make({}).value();
    EXPECT_FALSE(open.required());
    EXPECT_EQ(open.authenticate("", 0).value().roles, kAllRoles);

    AuthOptions o;
    o.api_keys.push_back({"ops", "0123456789abcdef-ops", kRoleRead | kRoleSubmit});
    o.jwt_secret = Bytes(32, 0x42);
    auto a = Authenticator::make(o).value();
    EXPECT_EQ(a.authenticate("Bearer 0123456789abcdef-ops", 0).value().name, "key:ops");
    EXPECT_EQ(a.authenticate("0123456789abcdef-ops", 0).value().roles, kRoleRead | kRoleSubmit);
    EXPECT_FALSE(a.authenticate("", 0).has_value());
    EXPECT_FALSE(a.authenticate("Bearer 0123456789abcdef-opz", 0).has_value());

    const uint64_t now = 1'800'000'000;
    const auto token = jwt(R"({"sub":"ci","roles":["read","trace"],"exp":1800000100})", o.jwt_secret);
    auto p = a.authenticate("Bearer " + token, now).value();
    EXPECT_EQ(p.name, "jwt:ci");
    EXPECT_EQ(p.roles, kRoleRead | kRoleTrace);
    EXPECT_EQ(a.authenticate("Bearer " + token, 1'800'000'100).error().context(), "token expired");
    EXPECT_EQ(a.authenticate("Bearer " + jwt(R"({"sub":"x"})", Bytes(32, 0x41)), now).error().context(),
              "invalid token signature");
    EXPECT_FALSE(a.authenticate("Bearer " + jwt(R"({"sub":"x"})", o.jwt_secret, "none"), now));
    EXPECT_EQ(a.authenticate("Bearer " + jwt(R"({"sub":"x"})", o.jwt_secret), now).value().roles,
              kRoleRead);
    EXPECT_FALSE(Authenticator::make({{{"short", "tooshort", kRoleRead}}, {}, {}}).has_value());
}

TEST(Auth, AddressAllowlistTakesCidrBlocks) {
    AuthOptions o;
    o.ip_allowlist = {"127.0.0.2/32", "10.1.0.0/16", "::1/128"};
    auto a = Authenticator::make(o).value();
    const auto v4 = [](uint8_t a0, uint8_t a1, uint8_t a2, uint8_t a3) {
        return std::string{static_cast<char>(a0), static_cast<char>(a1), static_cast<char>(a2),
                           static_cast<char>(a3)};
    };
    EXPECT_TRUE(a.address_allowed(v4(127, 0, 0, 2)));
    EXPECT_FALSE(a.address_allowed(v4(127, 0, 0, 1)));
    EXPECT_TRUE(a.address_allowed(v4(10, 1, 200, 7)));
    EXPECT_FALSE(a.address_allowed(v4(10, 2, 0, 1)));
    std::string v6(16, '\0');
    v6[15] = 1;
    EXPECT_TRUE(a.address_allowed(v6));
    EXPECT_FALSE(Authenticator::make({{}, {}, {"10.0.0.0/33"}}).has_value());
    EXPECT_FALSE(Authenticator::make({{}, {}, {"not-an-address"}}).has_value());
}

}  // namespace
}  // namespace yao::rpc
