// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Blocking HTTP and WebSocket clients for tests of the JSON-RPC server (Boost.Beast client side),
// and raw-socket helpers for misbehaving clients. Errors throw boost::system::system_error
// (GoogleTest reports them as failures); calls do not time out: tests bound them otherwise.
#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

// Boost.Asio's inlined scheduler code trips -Wnull-dereference (a false positive in its headers).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#pragma GCC diagnostic pop

namespace yao::rpc::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

/// A keep-alive HTTP/1.1 connection to 127.0.0.1:port (optionally from another local address,
/// e.g. 127.0.0.2, to look like another client).
class HttpClient {
public:
    explicit HttpClient(uint16_t port, std::string_view from = "127.0.0.1") : socket_{ioc_} {
        socket_.open(tcp::v4());
        socket_.bind(tcp::endpoint{net::ip::make_address(from), 0});
        socket_.connect(tcp::endpoint{net::ip::make_address("127.0.0.1"), port});
    }

    using Request = http::request<http::string_body>;
    using Response = http::response<http::string_body>;

    /// A POST / with `content_type` (none when empty).
    static Request post_request(std::string body,
                                std::string_view content_type = "application/json") {
        Request req{http::verb::post, "/", 11};
        req.set(http::field::host, "127.0.0.1");
        if (!content_type.empty())
            req.set(http::field::content_type,
                    beast::string_view{content_type.data(), content_type.size()});
        req.body() = std::move(body);
        req.prepare_payload();
        return req;
    }

    Response send(Request req) {
        if (req.find(http::field::host) == req.end()) req.set(http::field::host, "127.0.0.1");
        req.prepare_payload();
        http::write(socket_, req);
        return read();
    }

    Response read() {
        http::response_parser<http::string_body> parser;
        parser.body_limit(1u << 30);
        http::read(socket_, buffer_, parser);
        return parser.release();
    }

    Response post(std::string body) { return send(post_request(std::move(body))); }

    tcp::socket& socket() { return socket_; }

private:
    net::io_context ioc_;
    tcp::socket socket_;
    beast::flat_buffer buffer_;
};

/// A WebSocket client connected to ws://127.0.0.1:port/.
class WsClient {
public:
    explicit WsClient(uint16_t port, std::string_view from = "127.0.0.1") : ws_{ioc_} {
        ws_.next_layer().open(tcp::v4());
        ws_.next_layer().bind(tcp::endpoint{net::ip::make_address(from), 0});
        ws_.next_layer().connect(tcp::endpoint{net::ip::make_address("127.0.0.1"), port});
        ws_.handshake("127.0.0.1", "/");
        ws_.text(true);
    }

    void send(std::string_view text) { ws_.write(net::buffer(text.data(), text.size())); }

    std::string read() {
        beast::flat_buffer buffer;
        ws_.read(buffer);
        return beast::buffers_to_string(buffer.data());
    }

    /// Reads until the connection ends; the error that ended it.
    beast::error_code read_until_closed() {
        for (;;) {
            beast::flat_buffer buffer;
            beast::error_code ec;
            ws_.read(buffer, ec);
            if (ec) return ec;
        }
    }

    websocket::stream<tcp::socket>& stream() { return ws_; }

private:
    net::io_context ioc_;
    websocket::stream<tcp::socket> ws_;
};

/// Waits up to `timeout` for `fd` to become readable and reads; returns the recv() result
/// (0 = closed by the peer, < 0 = error), or -2 when nothing happened within the timeout.
inline long recv_with_timeout(int fd, char* buf, size_t len, std::chrono::milliseconds timeout) {
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (r == 0) return -2;
    return ::recv(fd, buf, len, 0);
}

/// True when the peer closes `fd` within `timeout` (data before the close is discarded).
inline bool closed_within(int fd, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buf[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        const long n = recv_with_timeout(fd, buf, sizeof buf, left);
        if (n == -2) return false;
        if (n <= 0) return true;
    }
}

}  // namespace yao::rpc::test
