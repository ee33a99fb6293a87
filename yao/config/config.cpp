// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "config.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <span>
#include <sstream>

#include <nlohmann/json.hpp>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>

namespace yao::config {
namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

constexpr uint64_t kMaxSigned = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
constexpr size_t kMaxCodeSize = 24'576;  // EIP-170
constexpr uint32_t kMaxDevAccounts = 10'000;
constexpr uint32_t kMaxWorkers = 64;
constexpr uint64_t kMaxInflightBlocks = 1024;
constexpr uint64_t kMaxL1CacheMb = 1 << 20;
constexpr std::array<std::string_view, 7> kLogLevels{"debug", "info",  "warn", "warning",
                                                     "error", "fatal", "off"};

std::string join(std::string_view path, std::string_view key) {
    std::string out{path};
    if (!out.empty()) out += '.';
    out += key;
    return out;
}

std::unexpected<Error> invalid(std::string_view path, std::string_view rule) {
    return fail(Errc::kInvalidValue, std::string{path} + ": " + std::string{rule});
}

std::unexpected<Error> wrong_type(std::string_view path, std::string_view expected) {
    return fail(Errc::kWrongType, (path.empty() ? std::string{"(root)"} : std::string{path}) +
                                      ": expected " + std::string{expected});
}

/// Fails with kUnknownKey for the first key of `obj` that is not in `allowed`.
Result<void> check_keys(const Json& obj, std::string_view path,
                        std::span<const std::string_view> allowed) {
    if (!obj.is_object()) return wrong_type(path, "an object");
    for (const auto& [key, value] : obj.items()) {
        if (std::ranges::find(allowed, std::string_view{key}) == allowed.end()) {
            return fail(Errc::kUnknownKey, join(path, key));
        }
    }
    return {};
}

Result<void> check_keys(const Json& obj, std::string_view path,
                        std::initializer_list<std::string_view> allowed) {
    return check_keys(obj, path, std::span<const std::string_view>{allowed.begin(), allowed.size()});
}

// ---- Value parsers: each takes the JSON value and its key path --------------------------------

Result<Uint256> parse_u256(const Json& v, const std::string& path) {
    if (v.is_number_unsigned()) return Uint256{v.get<uint64_t>()};
    if (v.is_number_integer()) return invalid(path, "must not be negative");
    if (v.is_number_float()) {
        return invalid(path, "must be an integer (write values above 2^64-1 as strings)");
    }
    if (!v.is_string()) return wrong_type(path, "a number or a decimal or \"0x\" string");
    const auto& text = v.get_ref<const std::string&>();
    auto parsed = Uint256::from_string(text);
    if (!parsed) {
        return invalid(
            path, "\"" + text + "\" is not a 256-bit number (" + parsed.error().message() + ")");
    }
    return *parsed;
}

Result<uint64_t> parse_uint(const Json& v, const std::string& path, uint64_t max) {
    YAO_TRY(const Uint256 value, parse_u256(v, path));
    if (!value.fits_u64() || value.low64() > max) {
        return invalid(path, "must be <= " + std::to_string(max));
    }
    return value.low64();
}

Result<bool> parse_bool(const Json& v, const std::string& path) {
    if (!v.is_boolean()) return wrong_type(path, "true or false");
    return v.get<bool>();
}

Result<std::string> parse_string(const Json& v, const std::string& path) {
    if (!v.is_string()) return wrong_type(path, "a string");
    return v.get<std::string>();
}

/// The EIP-55 mixed-case form of an address.
std::string checksummed(const Address& address) {
    std::string hex = to_hex(address.view(), false);
    const Hash256 hash = keccak256(as_bytes(hex));
    for (size_t i = 0; i < hex.size(); ++i) {
        const uint8_t nibble = (i % 2 == 0) ? (hash[i / 2] >> 4) : (hash[i / 2] & 0x0f);
        if (hex[i] >= 'a' && hex[i] <= 'f' && nibble >= 8) {
            hex[i] = static_cast<char>(hex[i] - 'a' + 'A');
        }
    }
    return "0x" + hex;
}

Result<Address> parse_address_text(std::string_view text, const std::string& path) {
    if (text.size() != 42 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) {
        return invalid(path, "\"" + std::string{text} + "\" is not \"0x\" + 40 hex digits");
    }
    auto address = address_from_hex(text);
    if (!address) {
        return invalid(path, "\"" + std::string{text} + "\" is not \"0x\" + 40 hex digits");
    }
    const std::string_view digits = text.substr(2);
    const bool has_upper = std::ranges::any_of(digits, [](char c) { return c >= 'A' && c <= 'F'; });
    const bool has_lower = std::ranges::any_of(digits, [](char c) { return c >= 'a' && c <= 'f'; });
    if (has_upper && has_lower && checksummed(*address).substr(2) != digits) {
        return invalid(path, "\"" + std::string{text} + "\" fails the EIP-55 checksum");
    }
    return *address;
}

Result<Address> parse_address(const Json& v, const std::string& path) {
    if (!v.is_string()) return wrong_type(path, "an address string");
    return parse_address_text(v.get_ref<const std::string&>(), path);
}

Result<Bytes> parse_code(const Json& v, const std::string& path) {
    if (!v.is_string()) return wrong_type(path, "a \"0x\" hex string");
    const auto& text = v.get_ref<const std::string&>();
    if (text.size() < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) {
        return invalid(path, "must start with \"0x\"");
    }
    auto bytes = from_hex(text);
    if (!bytes) return invalid(path, "bad hex (" + bytes.error().message() + ")");
    return std::move(*bytes);
}

template <typename T, typename Parse>
Result<void> read(const Json& obj, const std::string& path, std::string_view key, T& out,
                  Parse parse) {
    const auto it = obj.find(std::string{key});
    if (it == obj.end()) return {};
    YAO_TRY(out, parse(*it, join(path, key)));
    return {};
}

auto uint_parser(uint64_t max) {
    return [max](const Json& v, const std::string& path) { return parse_uint(v, path, max); };
}

Result<evm::Revision> parse_fork_name(const Json& v, const std::string& path) {
    if (!v.is_string()) return wrong_type(path, "a fork name");
    const auto rev = chain::parse_fork(v.get_ref<const std::string&>());
    if (!rev || *rev < evm::Revision::kCancun)
        return invalid(path, "\"" + v.get<std::string>() + "\" is not Cancun, Prague or Osaka");
    return *rev;
}

// ---- Sections ---------------------------------------------------------------------------------

Result<void> read_chain(const Json& j, ChainConfig& c) {
    const std::string p = "chain";
    YAO_TRY_VOID(check_keys(j, p,
                            {"chain_id", "gas_limit", "base_fee", "coinbase", "block_interval_ms",
                             "empty_blocks", "max_block_txs", "max_inflight_blocks"}));
    const auto u64 = uint_parser(std::numeric_limits<uint64_t>::max());
    YAO_TRY_VOID(read(j, p, "chain_id", c.chain_id, u64));
    YAO_TRY_VOID(read(j, p, "gas_limit", c.gas_limit, u64));
    YAO_TRY_VOID(read(j, p, "base_fee", c.base_fee, parse_u256));
    YAO_TRY_VOID(read(j, p, "coinbase", c.coinbase, parse_address));
    YAO_TRY_VOID(read(j, p, "block_interval_ms", c.block_interval_ms, u64));
    YAO_TRY_VOID(read(j, p, "empty_blocks", c.empty_blocks, parse_bool));
    YAO_TRY_VOID(read(j, p, "max_block_txs", c.max_block_txs, u64));
    YAO_TRY_VOID(read(j, p, "max_inflight_blocks", c.max_inflight_blocks, u64));
    return {};
}

Result<GenesisAccount> read_account(const Json& j, const std::string& p) {
    GenesisAccount a;
    YAO_TRY_VOID(check_keys(j, p, {"balance", "nonce", "code", "storage"}));
    YAO_TRY_VOID(read(j, p, "balance", a.balance, parse_u256));
    YAO_TRY_VOID(read(j, p, "nonce", a.nonce, uint_parser(std::numeric_limits<uint64_t>::max())));
    YAO_TRY_VOID(read(j, p, "code", a.code, parse_code));
    if (const auto it = j.find("storage"); it != j.end()) {
        const std::string sp = join(p, "storage");
        if (!it->is_object()) return wrong_type(sp, "an object of slot: value");
        for (const auto& [slot_text, value] : it->items()) {
            const std::string vp = join(sp, slot_text);
            auto slot = Uint256::from_string(slot_text);
            if (!slot) return invalid(vp, "the slot is not a 256-bit number");
            YAO_TRY(const Uint256 v, parse_u256(value, vp));
            if (!a.storage.emplace(slot->to_hash(), v.to_hash()).second) {
                return invalid(vp, "the slot appears twice");
            }
        }
    }
    return a;
}

Result<void> read_genesis(const Json& j, GenesisConfig& g) {
    const std::string p = "genesis";
    YAO_TRY_VOID(check_keys(j, p,
                            {"timestamp", "alloc", "dev_accounts", "fork", "prague_time",
                             "osaka_time"}));
    const auto u64 = uint_parser(std::numeric_limits<uint64_t>::max());
    YAO_TRY_VOID(read(j, p, "timestamp", g.timestamp, u64));
    YAO_TRY_VOID(read(j, p, "fork", g.forks.genesis, parse_fork_name));
    YAO_TRY_VOID(read(j, p, "prague_time", g.forks.prague_time, u64));
    YAO_TRY_VOID(read(j, p, "osaka_time", g.forks.osaka_time, u64));
    if (const auto it = j.find("dev_accounts"); it != j.end()) {
        const std::string dp = "genesis.dev_accounts";
        YAO_TRY_VOID(check_keys(*it, dp, {"mnemonic", "count", "balance"}));
        auto& d = g.dev_accounts;
        YAO_TRY_VOID(read(*it, dp, "mnemonic", d.mnemonic, parse_string));
        uint64_t count = d.count;
        YAO_TRY_VOID(read(*it, dp, "count", count, uint_parser(kMaxDevAccounts)));
        d.count = static_cast<uint32_t>(count);
        YAO_TRY_VOID(read(*it, dp, "balance", d.balance, parse_u256));
    }
    if (const auto it = j.find("alloc"); it != j.end()) {
        const std::string ap = "genesis.alloc";
        if (!it->is_object()) return wrong_type(ap, "an object of address: account");
        for (const auto& [address_text, account] : it->items()) {
            const std::string ep = join(ap, address_text);
            YAO_TRY(const Address address, parse_address_text(address_text, ep));
            YAO_TRY(GenesisAccount a, read_account(account, ep));
            if (!g.alloc.emplace(address, std::move(a)).second) {
                return invalid(ep, "the address appears twice");
            }
        }
    }
    return {};
}

Result<void> read_store(const Json& j, StoreConfig& s) {
    const std::string p = "store";
    YAO_TRY_VOID(check_keys(j, p, {"kind", "path", "mysql", "in_memory", "busy_timeout_ms"}));
    YAO_TRY_VOID(read(j, p, "busy_timeout_ms", s.busy_timeout_ms, uint_parser(600'000)));
    if (s.busy_timeout_ms < 1) return invalid("store.busy_timeout_ms", "must be 1 to 600000");
    if (const auto it = j.find("kind"); it != j.end()) {
        YAO_TRY(const std::string kind, parse_string(*it, "store.kind"));
        if (kind == "sqlite") {
            s.kind = StoreKind::kSqlite;
        } else if (kind == "mysql") {
            s.kind = StoreKind::kMysql;
        } else {
            return invalid("store.kind", "must be \"sqlite\" or \"mysql\", got \"" + kind + "\"");
        }
    }
    YAO_TRY_VOID(read(j, p, "path", s.path, parse_string));
    YAO_TRY_VOID(read(j, p, "in_memory", s.in_memory, parse_bool));
    if (const auto it = j.find("mysql"); it != j.end()) {
        const std::string mp = "store.mysql";
        YAO_TRY_VOID(check_keys(*it, mp, {"host", "port", "user", "password", "database"}));
        auto& m = s.mysql;
        YAO_TRY_VOID(read(*it, mp, "host", m.host, parse_string));
        uint64_t port = m.port;
        YAO_TRY_VOID(read(*it, mp, "port", port, uint_parser(65535)));
        m.port = static_cast<uint16_t>(port);
        YAO_TRY_VOID(read(*it, mp, "user", m.user, parse_string));
        YAO_TRY_VOID(read(*it, mp, "password", m.password, parse_string));
        YAO_TRY_VOID(read(*it, mp, "database", m.database, parse_string));
    }
    return {};
}

/// The numeric limits of the rpc section: key, field, smallest and largest value.
struct RpcLimit {
    const char* key;
    uint64_t RpcConfig::*field;
    uint64_t min;
    uint64_t max;
};
constexpr uint64_t kDay = 86'400;
constexpr RpcLimit kRpcLimits[] = {
    {"max_body_bytes", &RpcConfig::max_body_bytes, 1024, 1ULL << 30},
    {"max_header_bytes", &RpcConfig::max_header_bytes, 1024, 1ULL << 24},
    {"max_batch", &RpcConfig::max_batch, 0, 1'000'000},
    {"max_response_bytes", &RpcConfig::max_response_bytes, 0, 1ULL << 32},
    {"max_batch_time_ms", &RpcConfig::max_batch_time_ms, 1, kDay * 1000},
    {"max_connections", &RpcConfig::max_connections, 1, 1'000'000},
    {"max_connections_per_ip", &RpcConfig::max_connections_per_ip, 1, 1'000'000},
    {"max_websockets", &RpcConfig::max_websockets, 0, 1'000'000},
    {"max_connections_per_key", &RpcConfig::max_connections_per_key, 1, 1'000'000},
    {"idle_timeout_s", &RpcConfig::idle_timeout_s, 1, kDay},
    {"first_request_timeout_s", &RpcConfig::first_request_timeout_s, 1, kDay},
    {"header_timeout_s", &RpcConfig::header_timeout_s, 1, kDay},
    {"shutdown_timeout_s", &RpcConfig::shutdown_timeout_s, 0, 3600},
    {"ws_max_message_bytes", &RpcConfig::ws_max_message_bytes, 1024, 1ULL << 30},
    {"ws_max_queue", &RpcConfig::ws_max_queue, 1, 10'000'000},
    {"ws_max_queue_bytes", &RpcConfig::ws_max_queue_bytes, 1024, 1ULL << 34},
    {"max_queued_bytes", &RpcConfig::max_queued_bytes, 1024, 1ULL << 36},
    {"heavy_threads", &RpcConfig::heavy_threads, 0, 256},
    {"heavy_queue", &RpcConfig::heavy_queue, 0, 1'000'000},
    {"gas_cap", &RpcConfig::gas_cap, 0, 1ULL << 62},
    {"max_trace_bytes", &RpcConfig::max_trace_bytes, 1024, 1ULL << 36},
    {"max_filters", &RpcConfig::max_filters, 0, 1'000'000},
    {"max_filter_changes", &RpcConfig::max_filter_changes, 1, 10'000'000},
    {"max_subscriptions_per_connection", &RpcConfig::max_subscriptions_per_connection, 0,
     1'000'000},
    {"filter_timeout_s", &RpcConfig::filter_timeout_s, 1, kDay},
    {"max_log_block_range", &RpcConfig::max_log_block_range, 1, 1ULL << 40},
    {"max_log_results", &RpcConfig::max_log_results, 1, 100'000'000},
    {"max_fee_history", &RpcConfig::max_fee_history, 1, 1'000'000},
    {"max_fee_history_percentiles", &RpcConfig::max_fee_history_percentiles, 0, 10'000},
    // At most storage::kMaxAddressHistoryPage.
    {"ots_max_page_size", &RpcConfig::ots_max_page_size, 1, 1000},
    {"state_cache_mb", &RpcConfig::state_cache_mb, 1, 1ULL << 20},
    {"header_cache", &RpcConfig::header_cache, 1, 1'000'000},
};

Result<std::vector<std::string>> parse_strings(const Json& v, const std::string& path) {
    if (!v.is_array()) return invalid(path, "must be an array of strings");
    std::vector<std::string> out;
    for (const auto& e : v) {
        if (!e.is_string()) return invalid(path, "must be an array of strings");
        out.push_back(e.get<std::string>());
    }
    return out;
}

Result<void> read_cluster(const Json& j, ClusterConfig& c) {
    const std::string p = "cluster";
    YAO_TRY_VOID(check_keys(j, p, {"name", "grpc_listen", "archive", "vulcan", "chronos",
                                   "deadline_ms", "tls", "election"}));
    YAO_TRY_VOID(read(j, p, "name", c.name, parse_string));
    YAO_TRY_VOID(read(j, p, "grpc_listen", c.grpc_listen, parse_string));
    YAO_TRY_VOID(read(j, p, "archive", c.archive, parse_strings));
    YAO_TRY_VOID(read(j, p, "vulcan", c.vulcan, parse_strings));
    YAO_TRY_VOID(read(j, p, "chronos", c.chronos, parse_strings));
    YAO_TRY_VOID(read(j, p, "deadline_ms", c.deadline_ms, uint_parser(600'000)));
    if (const auto it = j.find("tls"); it != j.end()) {
        YAO_TRY_VOID(check_keys(*it, "cluster.tls", {"cert_file", "key_file", "ca_file"}));
        YAO_TRY_VOID(read(*it, "cluster.tls", "cert_file", c.tls.cert_file, parse_string));
        YAO_TRY_VOID(read(*it, "cluster.tls", "key_file", c.tls.key_file, parse_string));
        YAO_TRY_VOID(read(*it, "cluster.tls", "ca_file", c.tls.ca_file, parse_string));
    }
    if (const auto it = j.find("election"); it != j.end()) {
        const std::string e = "cluster.election";
        auto& el = c.election;
        YAO_TRY_VOID(check_keys(*it, e, {"backend", "lease_name", "lease_duration_ms",
                                         "renew_deadline_ms", "retry_period_ms", "k8s_api_server",
                                         "k8s_namespace", "k8s_sa_dir"}));
        YAO_TRY_VOID(read(*it, e, "backend", el.backend, parse_string));
        YAO_TRY_VOID(read(*it, e, "lease_name", el.lease_name, parse_string));
        YAO_TRY_VOID(read(*it, e, "lease_duration_ms", el.lease_duration_ms, uint_parser(600'000)));
        YAO_TRY_VOID(read(*it, e, "renew_deadline_ms", el.renew_deadline_ms, uint_parser(600'000)));
        YAO_TRY_VOID(read(*it, e, "retry_period_ms", el.retry_period_ms, uint_parser(600'000)));
        YAO_TRY_VOID(read(*it, e, "k8s_api_server", el.k8s_api_server, parse_string));
        YAO_TRY_VOID(read(*it, e, "k8s_namespace", el.k8s_namespace, parse_string));
        YAO_TRY_VOID(read(*it, e, "k8s_sa_dir", el.k8s_sa_dir, parse_string));
    }
    return {};
}

/// "host:port" with a port of 1 to 65535 (0 too when `allow_zero`).
bool is_endpoint(std::string_view e, bool allow_zero) {
    const size_t colon = e.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    unsigned port = 0;
    const std::string_view digits = e.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc{} || end != digits.data() + digits.size() || port > 65535) return false;
    return allow_zero || port != 0;
}

Result<void> read_rpc_auth(const Json& j, RpcAuthConfig& a) {
    const std::string p = "rpc.auth";
    YAO_TRY_VOID(check_keys(j, p, {"api_keys", "jwt_secret", "ip_allowlist"}));
    const auto strings = parse_strings;
    YAO_TRY_VOID(read(j, p, "ip_allowlist", a.ip_allowlist, strings));
    YAO_TRY_VOID(read(j, p, "jwt_secret", a.jwt_secret, parse_string));
    if (!a.jwt_secret.empty()) {
        auto bytes = from_hex(a.jwt_secret);
        if (!bytes || bytes->size() < 32)
            return invalid(p + ".jwt_secret", "must be hex of at least 32 bytes");
    }
    if (const auto it = j.find("api_keys"); it != j.end()) {
        if (!it->is_array()) return invalid(p + ".api_keys", "must be an array");
        for (size_t i = 0; i < it->size(); ++i) {
            const std::string kp = p + ".api_keys[" + std::to_string(i) + "]";
            const Json& e = (*it)[i];
            YAO_TRY_VOID(check_keys(e, kp, {"name", "key", "roles"}));
            ApiKeyConfig k;
            YAO_TRY_VOID(read(e, kp, "name", k.name, parse_string));
            YAO_TRY_VOID(read(e, kp, "key", k.key, parse_string));
            YAO_TRY_VOID(read(e, kp, "roles", k.roles, strings));
            if (k.name.empty()) return invalid(kp + ".name", "must not be empty");
            if (k.key.size() < 16) return invalid(kp + ".key", "must be at least 16 characters");
            if (k.roles.empty()) return invalid(kp + ".roles", "must name at least one role");
            for (const auto& role : k.roles) {
                if (role != "read" && role != "submit" && role != "trace" && role != "admin")
                    return invalid(kp + ".roles", "unknown role \"" + role + "\"");
            }
            a.api_keys.push_back(std::move(k));
        }
    }
    return {};
}

Result<void> read_rpc(const Json& j, RpcConfig& r) {
    const std::string p = "rpc";
    std::vector<std::string> keys = {"host",          "port",   "rate_limit_per_client",
                                     "rate_limit_burst", "cors_origins", "vhosts",
                                     "allow_unprotected_txs", "dev_methods", "auth", "tls"};
    for (const RpcLimit& l : kRpcLimits) keys.emplace_back(l.key);
    std::vector<std::string_view> views(keys.begin(), keys.end());
    YAO_TRY_VOID(check_keys(j, p, views));
    YAO_TRY_VOID(read(j, p, "host", r.host, parse_string));
    uint64_t port = r.port;
    YAO_TRY_VOID(read(j, p, "port", port, uint_parser(65535)));
    r.port = static_cast<uint16_t>(port);
    for (const RpcLimit& l : kRpcLimits) {
        YAO_TRY_VOID(read(j, p, l.key, r.*l.field, uint_parser(l.max)));
        if (r.*l.field < l.min) {
            return invalid(join(p, l.key), "must be " + std::to_string(l.min) + " to " +
                                               std::to_string(l.max));
        }
    }
    const auto rate = [](const Json& v, const std::string& path) -> Result<double> {
        if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1e9)
            return invalid(path, "must be a number from 0 to 1e9");
        return v.get<double>();
    };
    YAO_TRY_VOID(read(j, p, "rate_limit_per_client", r.rate_limit_per_client, rate));
    YAO_TRY_VOID(read(j, p, "rate_limit_burst", r.rate_limit_burst, rate));
    YAO_TRY_VOID(read(j, p, "cors_origins", r.cors_origins, parse_string));
    YAO_TRY_VOID(read(j, p, "vhosts", r.vhosts, parse_string));
    YAO_TRY_VOID(read(j, p, "allow_unprotected_txs", r.allow_unprotected_txs, parse_bool));
    YAO_TRY_VOID(read(j, p, "dev_methods", r.dev_methods, parse_bool));
    if (const auto it = j.find("auth"); it != j.end()) YAO_TRY_VOID(read_rpc_auth(*it, r.auth));
    if (const auto it = j.find("tls"); it != j.end()) {
        YAO_TRY_VOID(check_keys(*it, "rpc.tls", {"cert_file", "key_file", "client_ca_file"}));
        YAO_TRY_VOID(read(*it, "rpc.tls", "cert_file", r.tls.cert_file, parse_string));
        YAO_TRY_VOID(read(*it, "rpc.tls", "key_file", r.tls.key_file, parse_string));
        YAO_TRY_VOID(read(*it, "rpc.tls", "client_ca_file", r.tls.client_ca_file, parse_string));
    }
    return {};
}

Result<void> read_root(const Json& j, NodeConfig& c) {
    YAO_TRY_VOID(check_keys(
        j, "",
        {"chain", "genesis", "mempool", "execution", "store", "redis", "bus", "cluster", "rpc",
         "log", "ops", "data_dir", "profile"}));
    const auto u64 = uint_parser(std::numeric_limits<uint64_t>::max());
    if (const auto it = j.find("chain"); it != j.end()) YAO_TRY_VOID(read_chain(*it, c.chain));
    if (const auto it = j.find("genesis"); it != j.end()) {
        YAO_TRY_VOID(read_genesis(*it, c.genesis));
    }
    if (const auto it = j.find("mempool"); it != j.end()) {
        YAO_TRY_VOID(check_keys(*it, "mempool",
                                {"max_per_sender", "max_total", "max_queued_per_sender",
                                 "max_queued_total", "queued_lifetime_s"}));
        YAO_TRY_VOID(read(*it, "mempool", "max_per_sender", c.mempool.max_per_sender, u64));
        YAO_TRY_VOID(read(*it, "mempool", "max_total", c.mempool.max_total, u64));
        YAO_TRY_VOID(read(*it, "mempool", "max_queued_per_sender",
                          c.mempool.max_queued_per_sender, u64));
        YAO_TRY_VOID(
            read(*it, "mempool", "max_queued_total", c.mempool.max_queued_total, u64));
        YAO_TRY_VOID(
            read(*it, "mempool", "queued_lifetime_s", c.mempool.queued_lifetime_s, u64));
    }
    if (const auto it = j.find("execution"); it != j.end()) {
        YAO_TRY_VOID(check_keys(*it, "execution", {"workers", "l1_cache_mb"}));
        uint64_t workers = c.execution.workers;
        YAO_TRY_VOID(read(*it, "execution", "workers", workers, uint_parser(kMaxWorkers)));
        c.execution.workers = static_cast<uint32_t>(workers);
        YAO_TRY_VOID(read(*it, "execution", "l1_cache_mb", c.execution.l1_cache_mb, u64));
    }
    if (const auto it = j.find("store"); it != j.end()) YAO_TRY_VOID(read_store(*it, c.store));
    if (const auto it = j.find("redis"); it != j.end()) {
        YAO_TRY_VOID(check_keys(*it, "redis", {"url"}));
        YAO_TRY_VOID(read(*it, "redis", "url", c.redis.url, parse_string));
    }
    if (const auto it = j.find("bus"); it != j.end()) {
        YAO_TRY_VOID(check_keys(*it, "bus",
                                {"kind", "url", "key_prefix", "max_backlog", "redelivery_ms"}));
        YAO_TRY_VOID(read(*it, "bus", "kind", c.bus.kind, parse_string));
        YAO_TRY_VOID(read(*it, "bus", "url", c.bus.url, parse_string));
        YAO_TRY_VOID(read(*it, "bus", "key_prefix", c.bus.key_prefix, parse_string));
        YAO_TRY_VOID(read(*it, "bus", "max_backlog", c.bus.max_backlog, u64));
        YAO_TRY_VOID(read(*it, "bus", "redelivery_ms", c.bus.redelivery_ms, u64));
    }
    if (const auto it = j.find("cluster"); it != j.end()) {
        YAO_TRY_VOID(read_cluster(*it, c.cluster));
    }
    if (const auto it = j.find("rpc"); it != j.end()) YAO_TRY_VOID(read_rpc(*it, c.rpc));
    if (const auto it = j.find("log"); it != j.end()) {
        YAO_TRY_VOID(check_keys(*it, "log", {"level", "format"}));
        YAO_TRY_VOID(read(*it, "log", "level", c.log.level, parse_string));
        if (const auto f = it->find("format"); f != it->end()) {
            YAO_TRY(const std::string format, parse_string(*f, "log.format"));
            if (format == "text") {
                c.log.format = LogFormat::kText;
            } else if (format == "json") {
                c.log.format = LogFormat::kJson;
            } else {
                return invalid("log.format",
                               "must be \"text\" or \"json\", got \"" + format + "\"");
            }
        }
    }
    if (const auto it = j.find("ops"); it != j.end()) {
        YAO_TRY_VOID(check_keys(*it, "ops", {"listen"}));
        YAO_TRY_VOID(read(*it, "ops", "listen", c.ops.listen, parse_string));
    }
    YAO_TRY_VOID(read(j, "", "data_dir", c.data_dir, parse_string));
    YAO_TRY_VOID(read(j, "", "profile", c.profile, parse_string));
    return {};
}

bool is_identifier(std::string_view s) {
    return !s.empty() && std::ranges::all_of(s, [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
               ch == '_' || ch == '$';
    });
}

std::string u256_text(const Uint256& v) {
    return v.to_dec();
}

}  // namespace

NodeConfig default_config() {
    return NodeConfig{};
}

Result<void> validate_config(const NodeConfig& c) {
    if (c.chain.chain_id == 0 || c.chain.chain_id > kMaxSigned) {
        return invalid("chain.chain_id", "must be > 0 and <= 2^63-1");
    }
    if (c.chain.gas_limit == 0 || c.chain.gas_limit > kMaxSigned) {
        return invalid("chain.gas_limit", "must be > 0 and <= 2^63-1");
    }
    if (c.chain.block_interval_ms < 1) return invalid("chain.block_interval_ms", "must be >= 1");
    if (!c.ops.listen.empty()) {
        const auto colon = c.ops.listen.rfind(':');
        const std::string port = colon == std::string::npos ? "" : c.ops.listen.substr(colon + 1);
        const bool digits = !port.empty() && port.size() <= 5 &&
                            std::ranges::all_of(port, [](char ch) { return ch >= '0' && ch <= '9'; });
        if (colon == 0 || !digits || std::stoul(port) > 65535)
            return invalid("ops.listen", "must be \"ip:port\" (port 0 to 65535), got \"" +
                                             c.ops.listen + "\"");
    }
    if (c.chain.max_inflight_blocks < 1 || c.chain.max_inflight_blocks > kMaxInflightBlocks) {
        return invalid("chain.max_inflight_blocks", "must be 1 to 1024");
    }
    if (auto forks = chain::validate(c.genesis.forks); !forks)
        return invalid("genesis.fork", forks.error().context());
    if (c.genesis.timestamp > kMaxSigned) {
        return invalid("genesis.timestamp", "must be <= 2^63-1");
    }
    const auto& dev = c.genesis.dev_accounts;
    if (dev.count > kMaxDevAccounts) {
        return invalid("genesis.dev_accounts.count", "must be <= 10000");
    }
    if (auto r = validate_mnemonic(dev.mnemonic); !r) {
        return fail(Errc::kInvalidMnemonic,
                    "genesis.dev_accounts.mnemonic: " + r.error().context());
    }
    for (const auto& [address, account] : c.genesis.alloc) {
        const std::string p = "genesis.alloc." + checksummed(address);
        if (account.code.size() > kMaxCodeSize) {
            return invalid(p + ".code", "must be at most 24576 bytes (EIP-170), got " +
                                            std::to_string(account.code.size()));
        }
        if (account.nonce == std::numeric_limits<uint64_t>::max()) {
            return invalid(p + ".nonce", "must be < 2^64-1 (EIP-2681)");
        }
    }
    if (c.mempool.max_per_sender < 1) return invalid("mempool.max_per_sender", "must be >= 1");
    if (c.mempool.max_total < c.mempool.max_per_sender) {
        return invalid("mempool.max_total", "must be >= mempool.max_per_sender");
    }
    if (c.mempool.queued_lifetime_s < 1 || c.mempool.queued_lifetime_s > 365ULL * 86400) {
        return invalid("mempool.queued_lifetime_s", "must be 1 to 31536000 (a year)");
    }
    if (c.execution.workers < 1 || c.execution.workers > kMaxWorkers) {
        return invalid("execution.workers", "must be 1 to 64");
    }
    if (c.execution.l1_cache_mb < 1 || c.execution.l1_cache_mb > kMaxL1CacheMb) {
        return invalid("execution.l1_cache_mb", "must be 1 to 1048576");
    }
    if (c.store.kind == StoreKind::kMysql) {
        if (c.store.in_memory) return invalid("store.in_memory", "only for kind \"sqlite\"");
        if (c.store.mysql.host.empty()) return invalid("store.mysql.host", "must not be empty");
        if (c.store.mysql.port == 0) return invalid("store.mysql.port", "must be 1 to 65535");
        if (c.store.mysql.user.empty()) return invalid("store.mysql.user", "must not be empty");
        if (!is_identifier(c.store.mysql.database)) {
            return invalid("store.mysql.database", "must be letters, digits, '_' or '$'");
        }
    }
    if (!c.redis.url.empty() && (!c.redis.url.starts_with("redis://") || c.redis.url.size() == 8)) {
        return invalid("redis.url", "must be empty or \"redis://host[:port]\"");
    }
    if (c.bus.kind != "inproc" && c.bus.kind != "redis")
        return invalid("bus.kind", "must be \"inproc\" or \"redis\", got \"" + c.bus.kind + "\"");
    if (c.bus.kind == "redis" && (!c.bus.url.starts_with("redis://") || c.bus.url.size() == 8))
        return invalid("bus.url", "must be \"redis://host[:port]\" for kind \"redis\"");
    if (c.bus.kind == "inproc" && !c.bus.url.empty())
        return invalid("bus.url", "only for kind \"redis\"");
    if (c.bus.max_backlog == 0) return invalid("bus.max_backlog", "must be at least 1");
    if (c.bus.redelivery_ms < 100 || c.bus.redelivery_ms > 3'600'000)
        return invalid("bus.redelivery_ms", "must be 100 to 3600000");
    if (!is_endpoint(c.cluster.grpc_listen, true))
        return invalid("cluster.grpc_listen", "must be \"host:port\"");
    for (const auto* list : {&c.cluster.archive, &c.cluster.vulcan, &c.cluster.chronos}) {
        for (const std::string& e : *list) {
            if (!is_endpoint(e, false)) {
                const char* which = list == &c.cluster.archive  ? "archive"
                                    : list == &c.cluster.vulcan ? "vulcan"
                                                                : "chronos";
                return invalid(std::string{"cluster."} + which,
                               "\"" + e + "\" is not \"host:port\"");
            }
        }
    }
    if (c.cluster.deadline_ms == 0) return invalid("cluster.deadline_ms", "must be at least 1");
    const auto& el = c.cluster.election;
    if (el.backend != "database" && el.backend != "kubernetes")
        return invalid("cluster.election.backend", "must be \"database\" or \"kubernetes\"");
    if (el.lease_name.empty() || el.lease_name.size() > 63)
        return invalid("cluster.election.lease_name", "must have 1 to 63 characters");
    if (!(0 < el.retry_period_ms && el.retry_period_ms < el.renew_deadline_ms &&
          el.renew_deadline_ms < el.lease_duration_ms))
        return invalid("cluster.election",
                       "0 < retry_period_ms < renew_deadline_ms < lease_duration_ms must hold");
    const auto& tls = c.cluster.tls;
    const int tls_set = !tls.cert_file.empty() + !tls.key_file.empty() + !tls.ca_file.empty();
    if (tls_set != 0 && tls_set != 3)
        return invalid("cluster.tls", "needs cert_file, key_file and ca_file together");
    if (c.rpc.host.empty()) return invalid("rpc.host", "must not be empty");
    if (std::ranges::find(kLogLevels, std::string_view{c.log.level}) == kLogLevels.end()) {
        return invalid("log.level", "must be debug, info, warn, error, fatal or off, got \"" +
                                        c.log.level + "\"");
    }
    if (c.data_dir.empty()) return invalid("data_dir", "must not be empty");
    if (c.profile != "dev" && c.profile != "production")
        return invalid("profile", "must be \"dev\" or \"production\"");
    if (c.rpc.tls.cert_file.empty() != c.rpc.tls.key_file.empty())
        return invalid("rpc.tls", "cert_file and key_file go together");
    if (!c.rpc.tls.client_ca_file.empty() && c.rpc.tls.cert_file.empty())
        return invalid("rpc.tls.client_ca_file", "needs cert_file and key_file");
    if (c.profile == "production") {
        if (c.rpc.auth.api_keys.empty() && c.rpc.auth.jwt_secret.empty())
            return invalid("rpc.auth", "the production profile needs api_keys or a jwt_secret");
        if (c.rpc.tls.cert_file.empty())
            return invalid("rpc.tls", "the production profile needs TLS (cert_file, key_file)");
    }
    return {};
}

Result<NodeConfig> parse_config(std::string_view json_text) {
    Json j;
    try {
        j = Json::parse(json_text, nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
    } catch (const Json::exception& e) {
        return fail(Errc::kInvalidJson, e.what());
    }
    NodeConfig config;
    YAO_TRY_VOID(read_root(j, config));
    YAO_TRY_VOID(validate_config(config));
    return config;
}

Result<NodeConfig> load_config(const std::filesystem::path& path) {
    std::ifstream in{path, std::ios::binary};
    if (!in) {
        return fail(Errc::kIo, "cannot open " + path.string() + ": " + std::strerror(errno));
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return fail(Errc::kIo, "cannot read " + path.string());
    auto config = parse_config(text.str());
    if (!config) {
        return fail(config.error().code(), path.string() + ": " + config.error().context());
    }
    return config;
}

static Json rpc_json(const RpcConfig& r) {
    Json j = {{"host", r.host},
              {"port", r.port},
              {"rate_limit_per_client", r.rate_limit_per_client},
              {"rate_limit_burst", r.rate_limit_burst},
              {"cors_origins", r.cors_origins},
              {"vhosts", r.vhosts},
              {"allow_unprotected_txs", r.allow_unprotected_txs},
              {"dev_methods", r.dev_methods}};
    for (const RpcLimit& l : kRpcLimits) j[l.key] = r.*l.field;
    Json keys = Json::array();
    for (const auto& k : r.auth.api_keys)
        keys.push_back({{"name", k.name}, {"key", k.key}, {"roles", k.roles}});
    j["auth"] = {{"api_keys", keys},
                 {"jwt_secret", r.auth.jwt_secret},
                 {"ip_allowlist", r.auth.ip_allowlist}};
    j["tls"] = {{"cert_file", r.tls.cert_file},
                {"key_file", r.tls.key_file},
                {"client_ca_file", r.tls.client_ca_file}};
    return j;
}

std::string to_json(const NodeConfig& c) {
    OrderedJson alloc = OrderedJson::object();
    for (const auto& [address, account] : c.genesis.alloc) {
        OrderedJson storage = OrderedJson::object();
        for (const auto& [slot, value] : account.storage) {
            storage[to_hex(slot.view())] = to_hex(value.view());
        }
        alloc[checksummed(address)] = {
            {"balance", u256_text(account.balance)},
            {"nonce", account.nonce},
            {"code", to_hex(account.code)},
            {"storage", std::move(storage)},
        };
    }
    OrderedJson j = {
        {"chain",
         {
             {"chain_id", c.chain.chain_id},
             {"gas_limit", c.chain.gas_limit},
             {"base_fee", u256_text(c.chain.base_fee)},
             {"coinbase", checksummed(c.chain.coinbase)},
             {"block_interval_ms", c.chain.block_interval_ms},
             {"empty_blocks", c.chain.empty_blocks},
             {"max_block_txs", c.chain.max_block_txs},
             {"max_inflight_blocks", c.chain.max_inflight_blocks},
         }},
        {"genesis",
         {
             {"timestamp", c.genesis.timestamp},
             {"alloc", std::move(alloc)},
             {"dev_accounts",
              {
                  {"mnemonic", c.genesis.dev_accounts.mnemonic},
                  {"count", c.genesis.dev_accounts.count},
                  {"balance", u256_text(c.genesis.dev_accounts.balance)},
              }},
         }},
        {"mempool",
         {
             {"max_per_sender", c.mempool.max_per_sender},
             {"max_total", c.mempool.max_total},
             {"max_queued_per_sender", c.mempool.max_queued_per_sender},
             {"max_queued_total", c.mempool.max_queued_total},
             {"queued_lifetime_s", c.mempool.queued_lifetime_s},
         }},
        {"execution",
         {
             {"workers", c.execution.workers},
             {"l1_cache_mb", c.execution.l1_cache_mb},
         }},
        {"store",
         {
             {"kind", c.store.kind == StoreKind::kMysql ? "mysql" : "sqlite"},
             {"path", c.store.path},
             {"mysql",
              {
                  {"host", c.store.mysql.host},
                  {"port", c.store.mysql.port},
                  {"user", c.store.mysql.user},
                  {"password", c.store.mysql.password},
                  {"database", c.store.mysql.database},
              }},
             {"in_memory", c.store.in_memory},
             {"busy_timeout_ms", c.store.busy_timeout_ms},
         }},
        {"redis", {{"url", c.redis.url}}},
        {"bus",
         {
             {"kind", c.bus.kind},
             {"url", c.bus.url},
             {"key_prefix", c.bus.key_prefix},
             {"max_backlog", c.bus.max_backlog},
             {"redelivery_ms", c.bus.redelivery_ms},
         }},
        {"cluster",
         {
             {"name", c.cluster.name},
             {"grpc_listen", c.cluster.grpc_listen},
             {"archive", c.cluster.archive},
             {"vulcan", c.cluster.vulcan},
             {"chronos", c.cluster.chronos},
             {"deadline_ms", c.cluster.deadline_ms},
             {"tls",
              {
                  {"cert_file", c.cluster.tls.cert_file},
                  {"key_file", c.cluster.tls.key_file},
                  {"ca_file", c.cluster.tls.ca_file},
              }},
             {"election",
              {
                  {"backend", c.cluster.election.backend},
                  {"lease_name", c.cluster.election.lease_name},
                  {"lease_duration_ms", c.cluster.election.lease_duration_ms},
                  {"renew_deadline_ms", c.cluster.election.renew_deadline_ms},
                  {"retry_period_ms", c.cluster.election.retry_period_ms},
                  {"k8s_api_server", c.cluster.election.k8s_api_server},
                  {"k8s_namespace", c.cluster.election.k8s_namespace},
                  {"k8s_sa_dir", c.cluster.election.k8s_sa_dir},
              }},
         }},
        {"rpc", rpc_json(c.rpc)},
        {"log",
         {
             {"level", c.log.level},
             {"format", c.log.format == LogFormat::kJson ? "json" : "text"},
         }},
        {"ops", {{"listen", c.ops.listen}}},
        {"data_dir", c.data_dir},
        {"profile", c.profile},
    };
    OrderedJson& genesis = j["genesis"];
    genesis["fork"] = std::string{chain::fork_name(c.genesis.forks.genesis)};
    if (c.genesis.forks.prague_time) genesis["prague_time"] = *c.genesis.forks.prague_time;
    if (c.genesis.forks.osaka_time) genesis["osaka_time"] = *c.genesis.forks.osaka_time;
    return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::filesystem::path sqlite_path(const NodeConfig& config) {
    if (!config.store.path.empty()) return config.store.path;
    return std::filesystem::path{config.data_dir} / "chain.sqlite";
}

}  // namespace yao::config
