// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Access control at YaoPortal's front door (the seed's 安全考虑): who may call (API keys, or
// JWTs signed with HS256 as the engine API does), from where (an IP allowlist in CIDR form) and
// what (roles, each a set of methods). The transport authenticates each HTTP request and each
// WebSocket once at its upgrade; JsonRpc checks every call of a request against the caller's
// roles.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>

namespace yao::rpc {

/// Roles as bits. A method needs one role (required_role); a caller holds a set.
enum Role : uint32_t {
    kRoleRead = 1,     ///< every query: state, blocks, logs, filters, eth_call, subscriptions
    kRoleSubmit = 2,   ///< eth_sendRawTransaction
    kRoleTrace = 4,    ///< debug_*
    kRoleAdmin = 8,    ///< dev helpers (evm_*), txpool_*, admin_*, the unlocked dev accounts
};
inline constexpr uint32_t kAllRoles = kRoleRead | kRoleSubmit | kRoleTrace | kRoleAdmin;

/// The role `method` needs.
Role required_role(std::string_view method) noexcept;
/// "read", "submit", "trace", "admin".
std::string_view role_name(Role role) noexcept;
/// Parses a role name; 0 when unknown.
uint32_t parse_role(std::string_view name) noexcept;

/// One API key: `Authorization: Bearer <key>` (or `X-API-Key: <key>`).
struct ApiKey {
    std::string name;  ///< for logs and per-key limits; the key itself is never logged
    std::string key;
    uint32_t roles = kRoleRead;
};

struct AuthOptions {
    std::vector<ApiKey> api_keys;
    /// HS256 secret (raw bytes) for JWTs in `Authorization: Bearer <jwt>`. A JWT's roles come
    /// from its "roles" (array) or "role" (string) claim (default: read), its name from "sub";
    /// "exp" and "nbf" are honoured, "iat" may not be more than 60 s in the future.
    Bytes jwt_secret;
    /// CIDR blocks ("10.0.0.0/8", "127.0.0.1/32", "::1/128"); empty: any address.
    std::vector<std::string> ip_allowlist;

    /// True when callers must present credentials (some key or a JWT secret is configured).
    bool required() const noexcept { return !api_keys.empty() || !jwt_secret.empty(); }
};

/// Who a caller is once authenticated.
struct Principal {
    std::string name;  ///< "anonymous" when no authentication is required
    uint32_t roles = kAllRoles;
};

/// Checks credentials and addresses. Thread-safe (immutable after construction).
class Authenticator {
public:
    /// Fails for malformed CIDR blocks.
    static Result<Authenticator> make(AuthOptions options);

    /// True when `address` (4 or 16 bytes, network order) is in the allowlist.
    bool address_allowed(std::string_view address) const noexcept;
    /// The caller of a request with this Authorization (or X-API-Key) header value; an error
    /// (whose text is safe to log and to return) when credentials are required and absent,
    /// unknown, badly signed or expired. `now_s`: Unix seconds.
    Result<Principal> authenticate(std::string_view authorization, uint64_t now_s) const;

    bool required() const noexcept { return options_.required(); }

private:
    struct Cidr {
        std::string prefix;  ///< 4 or 16 bytes
        unsigned bits = 0;
    };
    AuthOptions options_;
    std::vector<Cidr> allow_;
};

/// HMAC-SHA256 (RFC 2104).
Hash256 hmac_sha256(BytesView key, BytesView message);

}  // namespace yao::rpc
