// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "ops_server.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <mutex>
#include <system_error>

// Boost.Asio's inlined scheduler code trips -Wnull-dereference (a false positive; as in
// yao/rpc/server.cpp).
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "thread.hpp"

namespace yao::infra {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr size_t kMaxHeaderBytes = 8u << 10;

std::unexpected<Error> invalid(std::string what) {
    return std::unexpected(Error{std::make_error_code(std::errc::invalid_argument), std::move(what)});
}

/// The last results of the readiness checks, kept by the checker thread.
struct Readiness {
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    bool checked = false;
    std::chrono::steady_clock::time_point at{};
    std::vector<std::optional<std::string>> results;
};

}  // namespace

struct OpsServer::Impl {
    OpsOptions options;
    const metrics::Registry& registry;
    std::vector<ReadinessCheck> checks;
    std::atomic<size_t> connections{0};  // before io: its handlers' connections count down
    asio::io_context io{1};
    tcp::acceptor acceptor{io};
    Readiness readiness;
    Thread io_thread;
    Thread check_thread;
    std::atomic<bool> stopped{false};
    bool last_ready = false;  // the checks' thread's own

    Impl(OpsOptions o, const metrics::Registry& r, std::vector<ReadinessCheck> c)
        : options(std::move(o)), registry(r), checks(std::move(c)) {}

    /// 200 and the check lines, or 503 when any failed, none ran yet, or they are stale.
    std::pair<http::status, std::string> ready() {
        std::lock_guard lock(readiness.mutex);
        const auto now = std::chrono::steady_clock::now();
        if (!readiness.checked) return {http::status::service_unavailable, "[-]checks not run yet\n"};
        if (now - readiness.at > options.stale_after)
            return {http::status::service_unavailable, "[-]checks stalled\n"};
        std::string body;
        bool ok = true;
        for (size_t i = 0; i < checks.size(); ++i) {
            const auto& r = readiness.results[i];
            if (r) {
                ok = false;
                body += "[-]" + checks[i].name + " failed: " + *r + "\n";
            } else {
                body += "[+]" + checks[i].name + " ok\n";
            }
        }
        body += ok ? "ready\n" : "not ready\n";
        return {ok ? http::status::ok : http::status::service_unavailable, std::move(body)};
    }

    void run_checks() {
        std::unique_lock lock(readiness.mutex);
        while (!readiness.stopping) {
            lock.unlock();
            std::vector<std::optional<std::string>> results;
            for (const auto& c : checks) {
                try {
                    results.push_back(c.check());
                } catch (const std::exception& e) {
                    results.emplace_back(std::string{"threw: "} + e.what());
                }
            }
            const bool ok = std::ranges::none_of(results, [](const auto& r) { return r.has_value(); });
            if (options.on_readiness && (!readiness.checked || ok != last_ready)) options.on_readiness(ok);
            last_ready = ok;
            lock.lock();
            readiness.results = std::move(results);
            readiness.at = std::chrono::steady_clock::now();
            readiness.checked = true;
            readiness.wake.wait_for(lock, options.check_period, [&] { return readiness.stopping; });
        }
    }

    http::response<http::string_body> answer(const http::request<http::empty_body>& req) {
        http::response<http::string_body> res;
        res.version(req.version());
        res.keep_alive(req.keep_alive());
        res.set(http::field::content_type, "text/plain; charset=utf-8");
        res.set(http::field::cache_control, "no-store");
        const std::string_view target{req.target().data(), req.target().size()};
        const std::string_view path = target.substr(0, target.find('?'));
        if (req.method() != http::verb::get && req.method() != http::verb::head) {
            res.result(http::status::method_not_allowed);
            res.set(http::field::allow, "GET, HEAD");
            res.body() = "method not allowed\n";
        } else if (path == "/healthz") {
            res.result(http::status::ok);
            res.body() = "ok\n";
        } else if (path == "/readyz") {
            auto [status, body] = ready();
            res.result(status);
            res.body() = std::move(body);
        } else if (path == "/metrics") {
            res.result(http::status::ok);
            res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
            res.body() = registry.render();
        } else {
            res.result(http::status::not_found);
            res.body() = "not found: GET /healthz, /readyz or /metrics\n";
        }
        const size_t length = res.body().size();
        if (req.method() == http::verb::head) res.body().clear();
        res.prepare_payload();
        res.content_length(length);
        return res;
    }

    void accept() {
        acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket s) {
            if (ec == asio::error::operation_aborted || stopped) return;
            if (!ec) {
                if (connections.load() >= options.max_connections) {
                    beast::error_code ignored;
                    s.close(ignored);
                } else {
                    std::make_shared<Connection>(*this, std::move(s))->read();
                }
            }
            accept();
        });
    }

    struct Connection : std::enable_shared_from_this<Connection> {
        Impl& server;
        beast::tcp_stream stream;
        beast::flat_buffer buffer{kMaxHeaderBytes};
        std::optional<http::request_parser<http::empty_body>> parser;
        http::response<http::string_body> response;

        Connection(Impl& s, tcp::socket socket) : server(s), stream(std::move(socket)) {
            server.connections.fetch_add(1);
        }
        ~Connection() { server.connections.fetch_sub(1); }

        void read() {
            parser.emplace();
            parser->header_limit(kMaxHeaderBytes);
            parser->body_limit(0);
            stream.expires_after(server.options.timeout);
            http::async_read(stream, buffer, *parser,
                             [self = shared_from_this()](beast::error_code ec, size_t) {
                                 self->on_read(ec);
                             });
        }

        void on_read(beast::error_code ec) {
            if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
                ec == asio::error::operation_aborted) {
                return close();
            }
            if (ec) {
                // Malformed, oversized header, or a body: answer once and close.
                response = {};
                response.version(11);
                response.keep_alive(false);
                response.result(ec == http::error::body_limit ? http::status::payload_too_large
                                                              : http::status::bad_request);
                response.set(http::field::content_type, "text/plain; charset=utf-8");
                response.body() = std::string{"bad request: "} + ec.message() + "\n";
                response.prepare_payload();
                return write();
            }
            response = server.answer(parser->get());
            write();
        }

        void write() {
            stream.expires_after(server.options.timeout);
            http::async_write(stream, response,
                              [self = shared_from_this()](beast::error_code ec, size_t) {
                                  if (ec || !self->response.keep_alive() || self->server.stopped)
                                      return self->close();
                                  self->read();
                              });
        }

        void close() {
            beast::error_code ignored;
            stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
            stream.socket().close(ignored);
        }
    };
};

Result<std::pair<std::string, uint16_t>> split_host_port(const std::string& listen) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size())
        return invalid("\"" + listen + "\" is not host:port");
    std::string host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    unsigned port = 0;
    const char* b = listen.data() + colon + 1;
    const char* e = listen.data() + listen.size();
    const auto r = std::from_chars(b, e, port);
    if (r.ec != std::errc{} || r.ptr != e || port > 65535)
        return invalid("\"" + listen + "\": the port must be 0 to 65535");
    return std::pair{std::move(host), static_cast<uint16_t>(port)};
}

OpsServer::OpsServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

OpsServer::~OpsServer() { stop(); }

Result<std::unique_ptr<OpsServer>> OpsServer::start(OpsOptions options,
                                                    const metrics::Registry& registry,
                                                    std::vector<ReadinessCheck> checks) {
    YAO_TRY(auto hp, split_host_port(options.listen));
    auto impl = std::make_unique<Impl>(std::move(options), registry, std::move(checks));
    beast::error_code ec;
    const auto address = asio::ip::make_address(hp.first, ec);
    if (ec) return invalid("ops.listen: \"" + hp.first + "\" is not an IP address");
    const tcp::endpoint endpoint{address, hp.second};
    impl->acceptor.open(endpoint.protocol(), ec);
    if (!ec) impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) impl->acceptor.bind(endpoint, ec);
    if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        return std::unexpected(Error{std::error_code{ec.value(), std::system_category()},
                                     "ops.listen " + impl->options.listen + ": " + ec.message()});
    }
    impl->readiness.results.resize(impl->checks.size());
    Impl* raw = impl.get();
    raw->accept();
    constexpr size_t kStack = 1u << 20;
    YAO_TRY(raw->io_thread, Thread::start("ops-http", [raw] { raw->io.run(); }, kStack));
    auto checks_thread = Thread::start("ops-checks", [raw] { raw->run_checks(); }, kStack);
    if (!checks_thread) {
        raw->io.stop();
        raw->io_thread.join();
        return std::unexpected(checks_thread.error());
    }
    raw->check_thread = std::move(*checks_thread);
    return std::unique_ptr<OpsServer>(new OpsServer(std::move(impl)));
}

uint16_t OpsServer::port() const noexcept {
    beast::error_code ec;
    return impl_->acceptor.local_endpoint(ec).port();
}

std::string OpsServer::address() const {
    beast::error_code ec;
    const auto ep = impl_->acceptor.local_endpoint(ec);
    const auto host = ep.address().to_string();
    return (ep.address().is_v6() ? "[" + host + "]" : host) + ":" + std::to_string(ep.port());
}

void OpsServer::stop() {
    if (!impl_ || impl_->stopped.exchange(true)) return;
    {
        std::lock_guard lock(impl_->readiness.mutex);
        impl_->readiness.stopping = true;
    }
    impl_->readiness.wake.notify_all();
    impl_->io.stop();
    if (impl_->io_thread.joinable()) impl_->io_thread.join();
    beast::error_code ignored;
    impl_->acceptor.close(ignored);  // the io thread has ended: nothing else uses it
    if (impl_->check_thread.joinable()) impl_->check_thread.join();
}

}  // namespace yao::infra
