// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "k8s_lease.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#pragma GCC diagnostic pop
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <nlohmann/json.hpp>

#include <yao/storage/errc.hpp>

namespace yao::chronos {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Json = nlohmann::json;
using storage::Errc;
using storage::LeaseRecord;
using Clock = std::chrono::steady_clock;

/// A Lease is a few hundred bytes; anything much larger is not one.
constexpr uint64_t kMaxResponseBytes = 1 << 20;
/// leaseDurationSeconds and leaseTransitions are int32 in the API (k8s.io/api/coordination/v1).
constexpr uint64_t kMaxInt32 = std::numeric_limits<int32_t>::max();

// ---- configuration ------------------------------------------------------------------------

struct Endpoint {
    bool tls = true;
    std::string host;  ///< without brackets for IPv6
    uint16_t port = 0;
    std::string prefix;  ///< a path prefix without the trailing '/', usually empty
};

bool is_ip_literal(const std::string& host) {
    boost::system::error_code ec;
    net::ip::make_address(host, ec);
    return !ec;
}

std::string host_port(const Endpoint& e) {
    const bool v6 = e.host.find(':') != std::string::npos;
    return (v6 ? "[" + e.host + "]" : e.host) + ":" + std::to_string(e.port);
}

Result<Endpoint> parse_api_server(std::string_view url) {
    Endpoint e;
    std::string_view rest;
    if (url.starts_with("https://")) {
        rest = url.substr(8);
    } else if (url.starts_with("http://")) {
        e.tls = false;
        rest = url.substr(7);
    } else {
        return fail(Errc::kInvalidArgument,
                    "api_server must start with https:// or http://: " + std::string{url});
    }
    const size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    if (slash != std::string_view::npos) {
        std::string_view prefix = rest.substr(slash);
        while (prefix.ends_with('/')) prefix.remove_suffix(1);
        e.prefix = std::string{prefix};
    }
    std::string_view port;
    if (authority.starts_with('[')) {
        const size_t close = authority.find(']');
        if (close == std::string_view::npos) {
            return fail(Errc::kInvalidArgument, "unbalanced '[' in api_server " + std::string{url});
        }
        e.host = std::string{authority.substr(1, close - 1)};
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty() && !after.starts_with(':')) {
            return fail(Errc::kInvalidArgument, "malformed api_server " + std::string{url});
        }
        if (!after.empty()) port = after.substr(1);
    } else if (const size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
        e.host = std::string{authority.substr(0, colon)};
        port = authority.substr(colon + 1);
    } else {
        e.host = std::string{authority};
    }
    if (e.host.empty()) {
        return fail(Errc::kInvalidArgument, "no host in api_server " + std::string{url});
    }
    if (port.empty()) {
        e.port = e.tls ? 443 : 80;
    } else {
        const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), e.port);
        if (ec != std::errc{} || end != port.data() + port.size() || e.port == 0) {
            return fail(Errc::kInvalidArgument, "bad port in api_server " + std::string{url});
        }
    }
    return e;
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
    std::ifstream in{path, std::ios::binary};
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return std::move(s).str();
}

std::string trim(std::string s) {
    const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
    while (!s.empty() && space(s.back())) s.pop_back();
    const auto first = std::find_if_not(s.begin(), s.end(), space);
    s.erase(s.begin(), first);
    return s;
}

bool lower_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/// RFC 1123 label: what a namespace name must be.
bool is_dns_label(std::string_view s) {
    return !s.empty() && s.size() <= 63 && lower_alnum(s.front()) && lower_alnum(s.back()) &&
           std::all_of(s.begin(), s.end(), [](char c) { return lower_alnum(c) || c == '-'; });
}

/// RFC 1123 subdomain: what a Lease name must be. It also keeps the name safe in a URL path.
bool is_dns_subdomain(std::string_view s) {
    if (s.empty() || s.size() > 253) return false;
    size_t start = 0;
    while (true) {
        const size_t dot = s.find('.', start);
        if (!is_dns_label(s.substr(start, dot - start))) return false;
        if (dot == std::string_view::npos) return true;
        start = dot + 1;
    }
}

// ---- MicroTime: RFC 3339 with microseconds ------------------------------------------------

/// "2026-12-07T09:30:00.123456Z", the form the API server writes (metav1.MicroTime).
std::optional<std::string> format_micro_time(int64_t us) {
    using namespace std::chrono;
    const sys_time<microseconds> t{microseconds{us}};
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss<microseconds> hms{t - day};
    const int y = static_cast<int>(ymd.year());
    if (y < 0 || y > 9999) return std::nullopt;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%06dZ", y,
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()),
                  static_cast<int>(hms.subseconds().count()));
    return std::string{buf};
}

/// Any RFC 3339 date-time: fraction optional (digits past the sixth are truncated), "Z" or a
/// numeric offset.
std::optional<int64_t> parse_micro_time(std::string_view s) {
    const auto digits = [&](size_t pos, size_t len) -> std::optional<int> {
        if (pos + len > s.size()) return std::nullopt;
        int v = 0;
        for (size_t i = pos; i < pos + len; ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    const auto at = [&](size_t pos, std::string_view chars) {
        return pos < s.size() && chars.find(s[pos]) != std::string_view::npos;
    };
    const auto y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2);
    const auto h = digits(11, 2), mi = digits(14, 2), se = digits(17, 2);
    if (!y || !mo || !d || !h || !mi || !se || !at(4, "-") || !at(7, "-") || !at(10, "Tt") ||
        !at(13, ":") || !at(16, ":") || *h > 23 || *mi > 59 || *se > 59) {
        return std::nullopt;
    }
    using namespace std::chrono;
    const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)},
                             day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) return std::nullopt;
    size_t pos = 19;
    int64_t frac_us = 0;
    if (at(pos, ".")) {
        ++pos;
        int n = 0;
        for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++n) {
            if (n < 6) frac_us = frac_us * 10 + (s[pos] - '0');
        }
        if (n == 0) return std::nullopt;
        for (; n < 6; ++n) frac_us *= 10;
    }
    int64_t offset_s = 0;
    if (at(pos, "Zz")) {
        ++pos;
    } else if (at(pos, "+-")) {
        const auto oh = digits(pos + 1, 2), om = digits(pos + 4, 2);
        if (!oh || !om || !at(pos + 3, ":") || *oh > 23 || *om > 59) return std::nullopt;
        offset_s = (s[pos] == '-' ? -1 : 1) * (*oh * 3600 + *om * 60);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    const int64_t day_s = int64_t{sys_days{ymd}.time_since_epoch().count()} * 86400;
    return (day_s + *h * 3600 + *mi * 60 + *se - offset_s) * 1'000'000 + frac_us;
}

// ---- Lease objects ------------------------------------------------------------------------

std::string string_field(const Json& j, const char* key) {
    if (!j.is_object()) return {};
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

Result<Json> lease_json(std::string_view name, const std::string& ns, const LeaseRecord& r) {
    Json spec = Json::object();
    spec["holderIdentity"] = r.holder;
    if (r.duration_ms > 0) {
        const uint64_t seconds = (r.duration_ms + 999) / 1000;  // never shorter than asked
        if (seconds > kMaxInt32) return fail(Errc::kInvalidArgument, "lease duration too long");
        spec["leaseDurationSeconds"] = seconds;
    }
    for (const auto& [key, us] :
         {std::pair{"acquireTime", r.acquire_time_us}, std::pair{"renewTime", r.renew_time_us}}) {
        if (us == 0) continue;  // unset, like the API's nil *MicroTime
        auto text = format_micro_time(us);
        if (!text) return fail(Errc::kInvalidArgument, std::string{key} + " outside years 0-9999");
        spec[key] = std::move(*text);
    }
    if (r.transitions > kMaxInt32) return fail(Errc::kInvalidArgument, "too many transitions");
    spec["leaseTransitions"] = r.transitions;
    Json meta = {{"name", std::string{name}}, {"namespace", ns}};
    if (!r.version.empty()) meta["resourceVersion"] = r.version;
    return Json{{"apiVersion", "coordination.k8s.io/v1"},
                {"kind", "Lease"},
                {"metadata", std::move(meta)},
                {"spec", std::move(spec)}};
}

/// A non-negative integer field, 0 when absent or null.
std::optional<uint64_t> count_field(const Json& spec, const char* key) {
    const auto it = spec.find(key);
    if (it == spec.end() || it->is_null()) return uint64_t{0};
    if (it->is_number_unsigned()) return it->get<uint64_t>();
    if (it->is_number_integer() && it->get<int64_t>() >= 0) return it->get<uint64_t>();
    return std::nullopt;
}

/// A MicroTime field, 0 when absent or null.
std::optional<int64_t> time_field(const Json& spec, const char* key) {
    const auto it = spec.find(key);
    if (it == spec.end() || it->is_null()) return int64_t{0};
    if (!it->is_string()) return std::nullopt;
    return parse_micro_time(it->get_ref<const std::string&>());
}

Result<LeaseRecord> parse_lease(const std::string& body, std::string_view name) {
    const Json j = Json::parse(body, nullptr, /*allow_exceptions=*/false);
    const auto corrupt = [&](const std::string& what) {
        return fail(Errc::kCorruptRow, "lease " + std::string{name} + ": " + what);
    };
    if (!j.is_object() || !j.contains("metadata")) return corrupt("response is not a Lease");
    const Json& meta = j["metadata"];
    if (string_field(meta, "name") != name) return corrupt("response names another object");
    LeaseRecord r;
    r.version = string_field(meta, "resourceVersion");
    if (r.version.empty()) return corrupt("no metadata.resourceVersion");
    const auto spec_it = j.find("spec");
    if (spec_it == j.end() || spec_it->is_null()) return r;
    const Json& spec = *spec_it;
    if (!spec.is_object()) return corrupt("spec is not an object");
    r.holder = string_field(spec, "holderIdentity");
    const auto seconds = count_field(spec, "leaseDurationSeconds");
    const auto transitions = count_field(spec, "leaseTransitions");
    const auto acquire = time_field(spec, "acquireTime");
    const auto renew = time_field(spec, "renewTime");
    if (!seconds || *seconds > kMaxInt32) return corrupt("bad spec.leaseDurationSeconds");
    if (!transitions) return corrupt("bad spec.leaseTransitions");
    if (!acquire) return corrupt("bad spec.acquireTime");
    if (!renew) return corrupt("bad spec.renewTime");
    r.duration_ms = *seconds * 1000;
    r.transitions = *transitions;
    r.acquire_time_us = *acquire;
    r.renew_time_us = *renew;
    return r;
}

/// A Kubernetes Status object (the body of every API error) with this reason.
bool is_status(const std::string& body, std::string_view reason) {
    const Json j = Json::parse(body, nullptr, false);
    return string_field(j, "kind") == "Status" && string_field(j, "reason") == reason;
}

/// The Status message, or the start of a body that is not a Status.
std::string server_message(const std::string& body) {
    const Json j = Json::parse(body, nullptr, false);
    std::string message = string_field(j, "message");
    if (message.empty()) message = trim(body.substr(0, 200));
    return message;
}

// ---- HTTP ---------------------------------------------------------------------------------

struct Reply {
    unsigned status = 0;
    std::string body;
};

/// Runs one asynchronous operation to completion on `ioc`, on the calling thread. Each operation
/// is bounded by the deadline set on its beast::tcp_stream.
template <typename Start>
beast::error_code run_one(net::io_context& ioc, Start&& start) {
    beast::error_code result = net::error::operation_aborted;
    std::forward<Start>(start)([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
}

class K8sLeaseStore final : public storage::LeaseStore {
public:
    K8sLeaseStore(Endpoint endpoint, std::string ns, std::filesystem::path token_file,
                  std::unique_ptr<ssl::context> tls, std::chrono::milliseconds timeout)
        : endpoint_{std::move(endpoint)},
          namespace_{std::move(ns)},
          token_file_{std::move(token_file)},
          tls_{std::move(tls)},
          timeout_{timeout} {}

    Result<std::optional<LeaseRecord>> get(std::string_view name) override {
        YAO_TRY_VOID(check_name(name));
        YAO_TRY(auto reply, exchange(http::verb::get, lease_path(name), {}));
        // Only the API server's own NotFound means "no such lease": a 404 from a wrong path
        // prefix or a proxy is an error, not an absent lease.
        if (reply.status == 404 && is_status(reply.body, "NotFound")) {
            return std::optional<LeaseRecord>{};
        }
        if (reply.status != 200) return std::unexpected(http_error("GET", name, reply));
        YAO_TRY(auto record, parse_lease(reply.body, name));
        return std::optional<LeaseRecord>{std::move(record)};
    }

    Result<LeaseRecord> update(std::string_view name, const LeaseRecord& next) override {
        YAO_TRY_VOID(check_name(name));
        YAO_TRY(const auto object, lease_json(name, namespace_, next));
        const bool create = next.version.empty();
        const auto verb = create ? http::verb::post : http::verb::put;
        const std::string target = create ? collection_path() : lease_path(name);
        YAO_TRY(auto reply, exchange(verb, target, object.dump()));
        // 409: AlreadyExists on create, Conflict (stale resourceVersion) on replace. A 404 on
        // replace means the lease was deleted since `next.version` was read: it changed too.
        if (reply.status == 409 ||
            (!create && reply.status == 404 && is_status(reply.body, "NotFound"))) {
            return fail(Errc::kLeaseConflict,
                        "lease " + std::string{name} + ": " + server_message(reply.body));
        }
        if (reply.status != 200 && reply.status != 201) {
            return std::unexpected(http_error(create ? "POST" : "PUT", name, reply));
        }
        return parse_lease(reply.body, name);
    }

private:
    std::string collection_path() const {
        return endpoint_.prefix + "/apis/coordination.k8s.io/v1/namespaces/" + namespace_ +
               "/leases";
    }
    std::string lease_path(std::string_view name) const {
        return collection_path() + "/" + std::string{name};
    }

    static Result<void> check_name(std::string_view name) {
        if (is_dns_subdomain(name)) return {};
        return fail(Errc::kInvalidArgument,
                    "lease name is not a DNS subdomain name: \"" + std::string{name} + "\"");
    }

    /// The bearer token as it is on disk now; empty (no header) when there is no token file.
    Result<std::string> read_token() const {
        std::error_code ec;
        if (!std::filesystem::exists(token_file_, ec)) return std::string{};
        auto text = read_file(token_file_);
        if (!text) return fail(Errc::kInvalidArgument, "cannot read " + token_file_.string());
        std::string token = trim(std::move(*text));
        if (std::any_of(token.begin(), token.end(), [](char c) { return c < 0x21 || c > 0x7e; })) {
            return fail(Errc::kInvalidArgument, "malformed token in " + token_file_.string());
        }
        return token;
    }

    Error http_error(std::string_view method, std::string_view name, const Reply& reply) const {
        std::string context =
            std::string{method} + " lease " + namespace_ + "/" + std::string{name} + ": HTTP " +
            std::to_string(reply.status) + " " +
            std::string{http::obsolete_reason(http::int_to_status(reply.status))} + ": " +
            server_message(reply.body);
        if (reply.status == 403) {
            context +=
                " (the service account needs get, create and update on "
                "leases.coordination.k8s.io in namespace " +
                namespace_ + ")";
        }
        if (reply.status == 400 || reply.status == 422) {
            return Error{Errc::kInvalidArgument, std::move(context)};
        }
        if (reply.status == 429 || reply.status >= 500) {
            return Error{Errc::kTransient, std::move(context)};
        }
        return Error{Errc::kDatabase, std::move(context)};  // 401, 403 and anything unexpected
    }

    Error transport_error(std::string_view step, const beast::error_code& ec) const {
        std::string context = std::string{step} + " " + host_port(endpoint_) + ": ";
        if (ec == beast::error::timeout) {
            return Error{Errc::kConnectionLost,
                         context + "timed out after " + std::to_string(timeout_.count()) + " ms"};
        }
        if (ec.category() == make_error_code(http::error::bad_version).category()) {
            return Error{Errc::kDatabase, context + "malformed HTTP response: " + ec.message()};
        }
        return Error{Errc::kConnectionLost, context + ec.message()};
    }

    Result<Reply> exchange(http::verb verb, const std::string& target, std::string body) const {
        try {
            YAO_TRY(const auto token, read_token());
            http::request<http::string_body> req{verb, target, 11};
            req.set(http::field::host, host_port(endpoint_));
            req.set(http::field::user_agent, "yaoverse-chronos");
            req.set(http::field::accept, "application/json");
            if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
            if (verb != http::verb::get) {
                req.set(http::field::content_type, "application/json");
                req.body() = std::move(body);
            }
            req.keep_alive(false);
            req.prepare_payload();
            return send(req);
        } catch (const std::exception& e) {  // allocation failures, Asio's throwing paths
            return fail(Errc::kDatabase, std::string{"lease request failed: "} + e.what());
        }
    }

    Result<Reply> send(const http::request<http::string_body>& req) const {
        net::io_context ioc;
        const auto deadline = Clock::now() + timeout_;
        YAO_TRY(const auto endpoints, resolve(ioc));
        if (!tls_) {
            beast::tcp_stream stream{ioc};
            YAO_TRY_VOID(connect(ioc, stream, endpoints, deadline));
            return round_trip(ioc, stream, req, deadline);
        }
        beast::ssl_stream<beast::tcp_stream> stream{ioc, *tls_};
        YAO_TRY_VOID(connect(ioc, stream.next_layer(), endpoints, deadline));
        SSL* ssl = stream.native_handle();
        // Verify the certificate's name against the address we dialled: an IP SAN for an IP
        // (KUBERNETES_SERVICE_HOST is one), a DNS SAN otherwise. SNI is sent for names only
        // (RFC 6066 section 3 forbids literal addresses).
        X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
        if (is_ip_literal(endpoint_.host)) {
            X509_VERIFY_PARAM_set1_ip_asc(param, endpoint_.host.c_str());
        } else {
            X509_VERIFY_PARAM_set1_host(param, endpoint_.host.c_str(), 0);
            SSL_set_tlsext_host_name(ssl, endpoint_.host.c_str());
        }
        beast::get_lowest_layer(stream).expires_at(deadline);
        const auto ec = run_one(ioc, [&](auto handler) {
            stream.async_handshake(ssl::stream_base::client, std::move(handler));
        });
        if (ec) {
            const long verify = SSL_get_verify_result(ssl);
            if (verify != X509_V_OK) {
                return std::unexpected(
                    Error{Errc::kDatabase, "TLS handshake with " + host_port(endpoint_) +
                                               ": server certificate not trusted (" +
                                               X509_verify_cert_error_string(verify) + ")"});
            }
            return std::unexpected(transport_error("TLS handshake with", ec));
        }
        return round_trip(ioc, stream, req, deadline);
    }

    /// The addresses to try. Literal addresses (the in-cluster case) need no lookup; a host name
    /// is looked up by the system resolver, whose own timeout bounds it.
    Result<std::vector<tcp::endpoint>> resolve(net::io_context& ioc) const {
        boost::system::error_code ec;
        const auto address = net::ip::make_address(endpoint_.host, ec);
        if (!ec) return std::vector<tcp::endpoint>{{address, endpoint_.port}};
        tcp::resolver resolver{ioc};
        const auto results = resolver.resolve(endpoint_.host, std::to_string(endpoint_.port), ec);
        if (ec) return std::unexpected(transport_error("resolving", ec));
        return std::vector<tcp::endpoint>(results.begin(), results.end());
    }

    Result<void> connect(net::io_context& ioc, beast::tcp_stream& stream,
                         const std::vector<tcp::endpoint>& endpoints,
                         Clock::time_point deadline) const {
        stream.expires_at(deadline);
        const auto ec = run_one(
            ioc, [&](auto handler) { stream.async_connect(endpoints, std::move(handler)); });
        if (ec) return std::unexpected(transport_error("connecting to", ec));
        return {};
    }

    template <typename Stream>
    Result<Reply> round_trip(net::io_context& ioc, Stream& stream,
                             const http::request<http::string_body>& req,
                             Clock::time_point deadline) const {
        beast::get_lowest_layer(stream).expires_at(deadline);
        auto ec =
            run_one(ioc, [&](auto handler) { http::async_write(stream, req, std::move(handler)); });
        if (ec) return std::unexpected(transport_error("sending to", ec));
        beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(kMaxResponseBytes);
        beast::get_lowest_layer(stream).expires_at(deadline);
        ec = run_one(ioc, [&](auto handler) {
            http::async_read(stream, buffer, parser, std::move(handler));
        });
        if (ec) return std::unexpected(transport_error("reading from", ec));
        auto& res = parser.get();
        return Reply{res.result_int(), std::move(res.body())};
    }

    const Endpoint endpoint_;
    const std::string namespace_;
    const std::filesystem::path token_file_;
    /// Null for http://. Only read after construction; OpenSSL allows concurrent SSL objects on
    /// one SSL_CTX, which keeps the store thread-safe without a lock.
    const std::unique_ptr<ssl::context> tls_;
    const std::chrono::milliseconds timeout_;
};

Result<std::unique_ptr<ssl::context>> make_tls_context(const std::filesystem::path& ca_file) {
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    ctx->set_verify_mode(ssl::verify_peer);
    boost::system::error_code ec;
    ctx->load_verify_file(ca_file.string(), ec);
    if (ec) {
        return fail(Errc::kInvalidArgument, "cannot load the API server's CA from " +
                                                ca_file.string() + ": " + ec.message());
    }
    return ctx;
}

}  // namespace

Result<std::unique_ptr<storage::LeaseStore>> make_k8s_lease_store(K8sLeaseOptions options) {
    const std::filesystem::path sa_dir{options.sa_dir};
    std::string url = std::move(options.api_server);
    if (url.empty()) {
        // What client-go's rest.InClusterConfig reads.
        const char* host = std::getenv("KUBERNETES_SERVICE_HOST");
        const char* port = std::getenv("KUBERNETES_SERVICE_PORT");
        if (host == nullptr || port == nullptr || *host == '\0' || *port == '\0') {
            return fail(Errc::kInvalidArgument,
                        "no api_server given and KUBERNETES_SERVICE_HOST / "
                        "KUBERNETES_SERVICE_PORT are not set (not running in a pod?)");
        }
        const std::string h{host};
        url = "https://" + (h.find(':') != std::string::npos ? "[" + h + "]" : h) + ":" + port;
    }
    YAO_TRY(auto endpoint, parse_api_server(url));

    std::string ns = std::move(options.lease_namespace);
    if (ns.empty()) {
        auto text = read_file(sa_dir / "namespace");
        if (!text) {
            return fail(Errc::kInvalidArgument,
                        "no namespace given and cannot read " + (sa_dir / "namespace").string());
        }
        ns = trim(std::move(*text));
    }
    if (!is_dns_label(ns)) {
        return fail(Errc::kInvalidArgument, "not a namespace name: \"" + ns + "\"");
    }
    if (options.timeout.count() <= 0) {
        return fail(Errc::kInvalidArgument, "the lease request timeout must be positive");
    }

    std::unique_ptr<ssl::context> tls;
    if (endpoint.tls) {
        try {
            YAO_TRY(tls, make_tls_context(sa_dir / "ca.crt"));
        } catch (const std::exception& e) {
            return fail(Errc::kInvalidArgument, std::string{"TLS setup failed: "} + e.what());
        }
    }
    return std::make_unique<K8sLeaseStore>(std::move(endpoint), std::move(ns), sa_dir / "token",
                                           std::move(tls), options.timeout);
}

}  // namespace yao::chronos
