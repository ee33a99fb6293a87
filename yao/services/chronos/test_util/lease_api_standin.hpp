// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// An in-process stand-in for the Lease endpoints of the Kubernetes API server, for the tests of
// k8s_lease.cpp. It follows the documented API (coordination.k8s.io/v1, API conventions on
// concurrency control): it is not a real API server, and docs/leases.md lists what it models.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#pragma GCC diagnostic pop
#include <nlohmann/json.hpp>

namespace yao::chronos::test {

/// Serves GET, POST and PUT of coordination.k8s.io/v1 Leases on a loopback address (an ephemeral
/// port), over HTTP or, given a certificate, HTTPS. Modelled:
/// - `Authorization: Bearer <token>` must carry the current token (401 Unauthorized otherwise);
///   verbs made forbidden() answer 403 Forbidden, as RBAC would.
/// - POST and PUT need `Content-Type: application/json` (415 otherwise) and a Lease body whose
///   metadata.name and metadata.namespace agree with the URL (400 otherwise); a
///   leaseDurationSeconds <= 0 or a negative leaseTransitions is 422 Invalid.
/// - GET: 200 and the object, 404 NotFound Status when absent.
/// - POST: 201 and the stored object; 409 AlreadyExists when it exists.
/// - PUT: 404 NotFound when absent; 422 without metadata.resourceVersion (Leases do not allow
///   unconditional updates); 409 Conflict when it is not the current one; otherwise 200, with a
///   new resourceVersion unless the object did not change (a no-op update keeps it).
/// - resourceVersion is one counter over all objects, like etcd's revision.
/// - Errors are Status objects ({"kind":"Status","reason":...,"message":...,"code":...}); paths
///   outside the Lease API get the API server's plain-text "404 page not found".
/// Thread-safe; requests are served on one internal thread, joined by the destructor.
class LeaseApiStandIn {
public:
    using Json = nlohmann::json;

    /// Plain HTTP when `cert_file` is empty, else HTTPS with that certificate chain and key.
    explicit LeaseApiStandIn(std::string token, const std::string& cert_file = {},
                             const std::string& key_file = {},
                             const std::string& address = "127.0.0.1")
        : token_{std::move(token)} {
        namespace ssl = boost::asio::ssl;
        if (!cert_file.empty()) {
            tls_ = std::make_unique<ssl::context>(ssl::context::tls_server);
            tls_->use_certificate_chain_file(cert_file);
            tls_->use_private_key_file(key_file, ssl::context::pem);
        }
        const tcp::endpoint local{boost::asio::ip::make_address(address), 0};
        acceptor_.open(local.protocol());
        acceptor_.set_option(tcp::acceptor::reuse_address(true));
        acceptor_.bind(local);
        acceptor_.listen();
        accept();
        thread_ = std::thread{[this] { ioc_.run(); }};
    }
    ~LeaseApiStandIn() {
        ioc_.stop();
        thread_.join();
    }
    LeaseApiStandIn(const LeaseApiStandIn&) = delete;
    LeaseApiStandIn& operator=(const LeaseApiStandIn&) = delete;

    uint16_t port() const { return acceptor_.local_endpoint().port(); }
    std::string url() const {
        return std::string{tls_ ? "https" : "http"} + "://" +
               acceptor_.local_endpoint().address().to_string() + ":" + std::to_string(port());
    }

    /// The token requests must carry from now on.
    void set_token(std::string token) {
        std::scoped_lock lock{mu_};
        token_ = std::move(token);
    }
    /// Requests with this verb ("get", "create", "update") get 403 Forbidden from now on.
    void forbid(std::string verb) {
        std::scoped_lock lock{mu_};
        forbidden_.insert(std::move(verb));
    }
    /// Stores `object` as the lease ns/name as is (what another client or an old version of the
    /// API server may have written), with a fresh resourceVersion.
    void put_raw(const std::string& ns, const std::string& name, Json object) {
        std::scoped_lock lock{mu_};
        object["metadata"]["name"] = name;
        object["metadata"]["namespace"] = ns;
        object["metadata"]["resourceVersion"] = std::to_string(++revision_);
        leases_[{ns, name}] = std::move(object);
    }
    /// Deletes the lease ns/name (kubectl delete lease).
    void remove(const std::string& ns, const std::string& name) {
        std::scoped_lock lock{mu_};
        leases_.erase({ns, name});
    }
    /// The stored lease ns/name.
    std::optional<Json> object(const std::string& ns, const std::string& name) const {
        std::scoped_lock lock{mu_};
        const auto it = leases_.find({ns, name});
        if (it == leases_.end()) return std::nullopt;
        return it->second;
    }
    /// Requests received so far, and the Authorization header of the last one.
    uint64_t requests() const {
        std::scoped_lock lock{mu_};
        return requests_;
    }
    std::string last_authorization() const {
        std::scoped_lock lock{mu_};
        return last_authorization_;
    }

private:
    using tcp = boost::asio::ip::tcp;
    using Request = boost::beast::http::request<boost::beast::http::string_body>;
    using Response = boost::beast::http::response<boost::beast::http::string_body>;

    /// One connection: an optional TLS handshake, then requests until the client closes.
    template <typename Stream>
    struct Session : std::enable_shared_from_this<Session<Stream>> {
        template <typename... Args>
        explicit Session(LeaseApiStandIn& server, Args&&... args)
            : api{server}, stream{std::forward<Args>(args)...} {}
        void start() {
            if constexpr (std::is_same_v<Stream, boost::beast::tcp_stream>) {
                read();
            } else {
                stream.async_handshake(boost::asio::ssl::stream_base::server,
                                       [self = this->shared_from_this()](auto ec) {
                                           if (!ec) self->read();
                                       });
            }
        }
        void read() {
            request = {};
            boost::beast::http::async_read(
                stream, buffer, request, [self = this->shared_from_this()](auto ec, size_t) {
                    if (ec) return;  // the client closed, or gave up
                    self->response = self->api.handle(self->request);
                    self->response.keep_alive(self->request.keep_alive());
                    self->response.prepare_payload();
                    boost::beast::http::async_write(
                        self->stream, self->response, [self](auto write_ec, size_t) {
                            if (!write_ec && self->response.keep_alive()) self->read();
                        });
                });
        }
        LeaseApiStandIn& api;
        Stream stream;
        boost::beast::flat_buffer buffer;
        Request request;
        Response response;
    };

    void accept() {
        acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
            if (ec) return;
            if (tls_) {
                using S = boost::beast::ssl_stream<boost::beast::tcp_stream>;
                std::make_shared<Session<S>>(*this, std::move(socket), *tls_)->start();
            } else {
                using S = boost::beast::tcp_stream;
                std::make_shared<Session<S>>(*this, std::move(socket))->start();
            }
            accept();
        });
    }

    static Response reply(unsigned status, const Json& body) {
        Response res{boost::beast::http::int_to_status(status), 11};
        res.set(boost::beast::http::field::content_type, "application/json");
        res.body() = body.dump();
        return res;
    }
    /// A metav1.Status failure, the body of every API error.
    static Response status(unsigned code, const std::string& reason, const std::string& message) {
        return reply(code, Json{{"kind", "Status"},
                                {"apiVersion", "v1"},
                                {"metadata", Json::object()},
                                {"status", "Failure"},
                                {"message", message},
                                {"reason", reason},
                                {"code", code}});
    }
    static std::string quoted(const std::string& name) {
        return "leases.coordination.k8s.io \"" + name + "\"";
    }

    Response handle(const Request& req) {
        namespace http = boost::beast::http;
        std::scoped_lock lock{mu_};
        ++requests_;
        last_authorization_ = std::string{req[http::field::authorization]};

        // /apis/coordination.k8s.io/v1/namespaces/{ns}/leases[/{name}]
        const std::string prefix = "/apis/coordination.k8s.io/v1/namespaces/";
        const std::string target{req.target()};
        const size_t leases = target.find("/leases", prefix.size());
        if (!target.starts_with(prefix) || leases == std::string::npos) {
            Response res{http::status::not_found, 11};
            res.set(http::field::content_type, "text/plain; charset=utf-8");
            res.body() = "404 page not found\n";
            return res;
        }
        const std::string ns = target.substr(prefix.size(), leases - prefix.size());
        const std::string rest = target.substr(leases + 7);
        if (!rest.empty() && (rest[0] != '/' || rest.size() == 1)) {
            return status(404, "NotFound", "the server could not find the requested resource");
        }
        const std::string name = rest.empty() ? "" : rest.substr(1);

        if (req[http::field::authorization] != "Bearer " + token_) {
            return status(401, "Unauthorized", "Unauthorized");
        }
        const std::string verb = req.method() == http::verb::get    ? "get"
                                 : req.method() == http::verb::post ? "create"
                                 : req.method() == http::verb::put  ? "update"
                                                                    : "";
        const bool collection = name.empty();
        if (verb.empty() || (verb == "create") != collection || (verb == "get" && collection)) {
            return status(405, "MethodNotAllowed", "the server does not allow this method");
        }
        if (forbidden_.contains(verb)) {
            return status(403, "Forbidden",
                          quoted(name) + " is forbidden: User \"system:serviceaccount:" + ns +
                              ":chronos\" cannot " + verb +
                              " resource \"leases\" in API group \"coordination.k8s.io\" in "
                              "the namespace \"" +
                              ns + "\"");
        }
        const auto it = leases_.find({ns, name});
        if (verb == "get") {
            if (it == leases_.end()) return status(404, "NotFound", quoted(name) + " not found");
            return reply(200, it->second);
        }

        const std::string media{req[http::field::content_type]};
        if (media.substr(0, media.find(';')) != "application/json") {
            return status(415, "UnsupportedMediaType",
                          "the body of the request was in an unknown format");
        }
        Json object = Json::parse(req.body(), nullptr, false);
        if (!object.is_object() || !object["metadata"].is_object() ||
            object.value("kind", Json{}) != "Lease" ||
            object.value("apiVersion", Json{}) != "coordination.k8s.io/v1") {
            return status(400, "BadRequest", "the object is not a coordination.k8s.io/v1 Lease");
        }
        Json& meta = object["metadata"];
        const std::string body_name =
            meta["name"].is_string() ? meta["name"].get<std::string>() : std::string{};
        if (body_name.empty()) {
            return status(422, "Invalid",
                          "Lease.coordination.k8s.io \"\" is invalid: "
                          "metadata.name: Required value: name is required");
        }
        if (meta.contains("namespace") && meta["namespace"] != ns) {
            return status(400, "BadRequest",
                          "the namespace of the provided object does not match the namespace "
                          "sent on the request");
        }
        if (!collection && body_name != name) {
            return status(400, "BadRequest",
                          "the name of the object (" + body_name +
                              ") does not match the name on the URL (" + name + ")");
        }
        const Json spec = object.value("spec", Json::object());
        if (!spec.is_object()) return status(400, "BadRequest", "spec is not an object");
        const Json duration = spec.value("leaseDurationSeconds", Json{});
        const Json transitions = spec.value("leaseTransitions", Json{});
        if ((!duration.is_null() && (!duration.is_number_integer() || duration <= 0)) ||
            (!transitions.is_null() && (!transitions.is_number_integer() || transitions < 0))) {
            return status(422, "Invalid",
                          "Lease.coordination.k8s.io " + quoted(body_name) +
                              " is invalid: spec: Invalid value");
        }

        if (verb == "create") {
            if (leases_.contains({ns, body_name})) {
                return status(409, "AlreadyExists", quoted(body_name) + " already exists");
            }
            meta["namespace"] = ns;
            meta["uid"] = "lease-uid-" + std::to_string(revision_);
            meta["resourceVersion"] = std::to_string(++revision_);
            leases_[{ns, body_name}] = object;
            return reply(201, object);
        }
        if (it == leases_.end()) return status(404, "NotFound", quoted(name) + " not found");
        const Json version = meta.value("resourceVersion", Json{});
        if (!version.is_string() || version.get<std::string>().empty()) {
            return status(422, "Invalid",
                          "Lease.coordination.k8s.io " + quoted(name) +
                              " is invalid: metadata.resourceVersion: Invalid value: 0x0: must "
                              "be specified for an update");
        }
        Json& stored = it->second;
        if (version != stored["metadata"]["resourceVersion"]) {
            return status(409, "Conflict",
                          "Operation cannot be fulfilled on " + quoted(name) +
                              ": the object has been modified; please apply your changes to "
                              "the latest version and try again");
        }
        if (stored.value("spec", Json::object()) != spec) {
            stored["spec"] = spec;
            stored["metadata"]["resourceVersion"] = std::to_string(++revision_);
        }
        return reply(200, stored);
    }

    boost::asio::io_context ioc_;
    tcp::acceptor acceptor_{ioc_};
    std::unique_ptr<boost::asio::ssl::context> tls_;
    std::thread thread_;

    mutable std::mutex mu_;
    std::string token_;                                           // guarded by mu_
    std::set<std::string> forbidden_;                             // guarded by mu_
    std::map<std::pair<std::string, std::string>, Json> leases_;  // guarded by mu_
    uint64_t revision_ = 1000;                                    // guarded by mu_
    uint64_t requests_ = 0;                                       // guarded by mu_
    std::string last_authorization_;                              // guarded by mu_
};

}  // namespace yao::chronos::test
