// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "auth.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

#include <yao/common/hash.hpp>

#include "types.hpp"

namespace yao::rpc {
namespace {

std::unexpected<Error> denied(std::string why) {
    return std::unexpected(Error{std::make_error_code(std::errc::permission_denied), std::move(why)});
}

/// Constant-time comparison: how long it takes does not tell how much of a key was right.
bool same(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < a.size(); ++i)
        diff = static_cast<unsigned char>(diff | (static_cast<unsigned char>(a[i]) ^
                                                  static_cast<unsigned char>(b[i])));
    return diff == 0;
}

std::optional<std::string> base64url_decode(std::string_view in) {
    std::string out;
    out.reserve(in.size() * 3 / 4);
    uint32_t acc = 0;
    int bits = 0;
    for (char c : in) {
        int v;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        else if (c >= '0' && c <= '9') v = c - '0' + 52;
        else if (c == '-') v = 62;
        else if (c == '_') v = 63;
        else return std::nullopt;
        acc = (acc << 6) | static_cast<uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xff));
        }
    }
    return out;
}

Result<Principal> verify_jwt(std::string_view token, BytesView secret, uint64_t now_s) {
    const size_t dot1 = token.find('.');
    const size_t dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos) return denied("invalid credentials");
    const auto header = base64url_decode(token.substr(0, dot1));
    const auto payload = base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
    const auto signature = base64url_decode(token.substr(dot2 + 1));
    if (!header || !payload || !signature) return denied("invalid credentials");
    const Json h = Json::parse(*header, nullptr, false);
    if (!h.is_object() || h.value("alg", std::string{}) != "HS256")
        return denied("invalid token: only HS256 is accepted");
    const Hash256 mac = hmac_sha256(secret, as_bytes(token.substr(0, dot2)));
    if (!same(std::string_view{reinterpret_cast<const char*>(mac.bytes.data()), mac.bytes.size()},
              *signature)) {
        return denied("invalid token signature");
    }
    const Json claims = Json::parse(*payload, nullptr, false);
    if (!claims.is_object()) return denied("invalid token claims");
    const auto number = [&](const char* key) -> std::optional<uint64_t> {
        auto it = claims.find(key);
        if (it == claims.end() || !it->is_number_unsigned()) return std::nullopt;
        return it->get<uint64_t>();
    };
    if (auto exp = number("exp"); exp && now_s >= *exp) return denied("token expired");
    if (auto nbf = number("nbf"); nbf && now_s < *nbf) return denied("token not yet valid");
    if (auto iat = number("iat"); iat && *iat > now_s + 60) return denied("token issued in the future");
    Principal p;
    p.name = "jwt:" + claims.value("sub", std::string{"anonymous"});
    p.roles = 0;
    if (auto it = claims.find("roles"); it != claims.end() && it->is_array()) {
        for (const auto& r : *it) {
            if (r.is_string()) p.roles |= parse_role(r.get_ref<const std::string&>());
        }
    } else if (auto one = claims.find("role"); one != claims.end() && one->is_string()) {
        p.roles = parse_role(one->get_ref<const std::string&>());
    } else {
        p.roles = kRoleRead;
    }
    if (p.roles == 0) return denied("token grants no known role");
    return p;
}

}  // namespace

Hash256 hmac_sha256(BytesView key, BytesView message) {
    std::array<uint8_t, 64> block{};
    if (key.size() > block.size()) {
        const Hash256 k = sha256(key);
        std::copy(k.bytes.begin(), k.bytes.end(), block.begin());
    } else {
        std::copy(key.begin(), key.end(), block.begin());
    }
    Bytes inner;
    inner.reserve(64 + message.size());
    for (uint8_t b : block) inner.push_back(static_cast<uint8_t>(b ^ 0x36));
    inner.append(message);
    const Hash256 inner_hash = sha256(inner);
    Bytes outer;
    outer.reserve(96);
    for (uint8_t b : block) outer.push_back(static_cast<uint8_t>(b ^ 0x5c));
    outer.append(inner_hash.view());
    return sha256(outer);
}

Role required_role(std::string_view m) noexcept {
    if (m.starts_with("debug_")) return kRoleTrace;
    if (m == "eth_sendRawTransaction") return kRoleSubmit;
    if (m.starts_with("evm_") || m.starts_with("txpool_") || m.starts_with("admin_") ||
        m == "eth_sendTransaction" || m == "eth_sign" || m == "eth_signTransaction" ||
        m == "eth_signTypedData_v4") {
        return kRoleAdmin;
    }
    return kRoleRead;
}

std::string_view role_name(Role role) noexcept {
    switch (role) {
        case kRoleRead: return "read";
        case kRoleSubmit: return "submit";
        case kRoleTrace: return "trace";
        case kRoleAdmin: return "admin";
    }
    return "unknown";
}

uint32_t parse_role(std::string_view name) noexcept {
    if (name == "read") return kRoleRead;
    if (name == "submit") return kRoleSubmit;
    if (name == "trace") return kRoleTrace;
    if (name == "admin") return kAllRoles;  // admin may do everything
    return 0;
}

Result<Authenticator> Authenticator::make(AuthOptions options) {
    Authenticator a;
    for (const std::string& block : options.ip_allowlist) {
        const size_t slash = block.find('/');
        const std::string addr = block.substr(0, slash);
        Cidr c;
        std::array<unsigned char, 16> buf{};
        if (inet_pton(AF_INET, addr.c_str(), buf.data()) == 1) {
            c.prefix.assign(reinterpret_cast<const char*>(buf.data()), 4);
        } else if (inet_pton(AF_INET6, addr.c_str(), buf.data()) == 1) {
            c.prefix.assign(reinterpret_cast<const char*>(buf.data()), 16);
        } else {
            return std::unexpected(Error{std::make_error_code(std::errc::invalid_argument),
                                         "ip_allowlist: not an address: " + block});
        }
        c.bits = static_cast<unsigned>(c.prefix.size() * 8);
        if (slash != std::string::npos) {
            const std::string_view digits = std::string_view{block}.substr(slash + 1);
            unsigned bits = 0;
            const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
            if (r.ec != std::errc{} || r.ptr != digits.data() + digits.size() || bits > c.bits) {
                return std::unexpected(Error{std::make_error_code(std::errc::invalid_argument),
                                             "ip_allowlist: bad prefix length: " + block});
            }
            c.bits = bits;
        }
        a.allow_.push_back(std::move(c));
    }
    for (const ApiKey& k : options.api_keys) {
        if (k.key.size() < 16) {
            return std::unexpected(Error{std::make_error_code(std::errc::invalid_argument),
                                         "api key \"" + k.name + "\" is shorter than 16 characters"});
        }
    }
    a.options_ = std::move(options);
    return a;
}

bool Authenticator::address_allowed(std::string_view address) const noexcept {
    if (allow_.empty()) return true;
    for (const Cidr& c : allow_) {
        if (c.prefix.size() != address.size()) continue;
        const unsigned full = c.bits / 8;
        if (std::memcmp(c.prefix.data(), address.data(), full) != 0) continue;
        const unsigned rest = c.bits % 8;
        if (rest == 0) return true;
        const auto mask = static_cast<unsigned char>(0xff << (8 - rest));
        if ((static_cast<unsigned char>(c.prefix[full]) & mask) ==
            (static_cast<unsigned char>(address[full]) & mask)) {
            return true;
        }
    }
    return false;
}

Result<Principal> Authenticator::authenticate(std::string_view authorization,
                                              uint64_t now_s) const {
    if (!required()) return Principal{"anonymous", kAllRoles};
    std::string_view credential = authorization;
    if (credential.size() > 7 && (credential.substr(0, 7) == "Bearer " ||
                                  credential.substr(0, 7) == "bearer ")) {
        credential.remove_prefix(7);
    }
    while (!credential.empty() && credential.front() == ' ') credential.remove_prefix(1);
    if (credential.empty()) return denied("missing credentials");
    for (const ApiKey& k : options_.api_keys) {
        if (same(k.key, credential)) return Principal{"key:" + k.name, k.roles};
    }
    if (!options_.jwt_secret.empty() && std::count(credential.begin(), credential.end(), '.') == 2)
        return verify_jwt(credential, options_.jwt_secret, now_s);
    return denied("invalid credentials");
}

}  // namespace yao::rpc
