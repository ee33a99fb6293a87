// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// TLS on the JSON-RPC port (HTTPS and wss) and mutual TLS, with certificates from
// scripts/make_test_ca.sh and Boost.Beast clients over OpenSSL.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#pragma GCC diagnostic pop

#include "server.hpp"
#include "test_util/clients.hpp"

namespace yao::rpc {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

/// A directory with the test CA's files, made once for the whole binary.
const std::string& certs() {
    static const std::string dir = [] {
        std::string d = (std::filesystem::temp_directory_path() /
                         ("yao-tls-" + std::to_string(::getpid())))
                            .string();
        const std::string cmd = std::string{YAO_SOURCE_DIR} + "/scripts/make_test_ca.sh " + d;
        EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
        return d;
    }();
    return dir;
}

struct CertCleanup : ::testing::Environment {
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove_all(certs(), ec);
    }
};
const auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new CertCleanup);

class TlsServerTest : public ::testing::Test {
protected:
    TlsServerTest() {
        table_.add("echo", [](const Json& params, Session&) -> MethodResult { return params; });
    }
    ~TlsServerTest() override {
        if (server_) server_->stop();
    }
    void start(bool mutual) {
        ServerOptions o;
        o.host = "127.0.0.1";
        o.port = 0;
        o.io_threads = 2;
        o.tls_cert_file = certs() + "/server.pem";
        o.tls_key_file = certs() + "/server.key";
        if (mutual) o.tls_client_ca_file = certs() + "/ca.pem";
        auto s = Server::start(std::move(o), rpc_, log::Logger{});
        ASSERT_TRUE(s.has_value()) << s.error().message();
        server_ = std::move(*s);
    }

    /// A client context trusting the test CA, presenting `cert` (a name in certs()) if given.
    ssl::context client_context(const std::string& cert = {}) {
        ssl::context ctx{ssl::context::tls_client};
        ctx.load_verify_file(certs() + "/ca.pem");
        ctx.set_verify_mode(ssl::verify_peer);
        if (!cert.empty()) {
            ctx.use_certificate_file(certs() + "/" + cert + ".pem", ssl::context::pem);
            ctx.use_private_key_file(certs() + "/" + cert + ".key", ssl::context::pem);
        }
        return ctx;
    }

    /// POSTs an echo over HTTPS; the body, or the error that stopped it.
    std::string https_echo(ssl::context& ctx) {
        beast::ssl_stream<tcp::socket> stream{ioc_, ctx};
        stream.next_layer().connect(tcp::endpoint{net::ip::make_address("127.0.0.1"), server_->port()});
        SSL_set_tlsext_host_name(stream.native_handle(), "localhost");
        beast::error_code ec;
        stream.handshake(ssl::stream_base::client, ec);
        if (ec) return "handshake: " + ec.message();
        http::request<http::string_body> req{http::verb::post, "/", 11};
        req.set(http::field::host, "localhost");
        req.set(http::field::content_type, "application/json");
        req.body() = R"({"jsonrpc":"2.0","id":1,"method":"echo","params":["tls"]})";
        req.prepare_payload();
        http::write(stream, req, ec);
        if (ec) return "write: " + ec.message();
        beast::flat_buffer buffer;
        http::response<http::string_body> res;
        http::read(stream, buffer, res, ec);
        if (ec) return "read: " + ec.message();
        return res.body();
    }

    MethodTable table_;
    JsonRpc rpc_{table_};
    std::unique_ptr<Server> server_;
    net::io_context ioc_;
};

constexpr const char* kEchoed = R"({"jsonrpc":"2.0","id":1,"result":["tls"]})";

TEST_F(TlsServerTest, ServesHttpsAndWssAndRefusesPlainHttp) {
    start(false);
    auto ctx = client_context();
    EXPECT_EQ(https_echo(ctx), kEchoed);

    // wss:// on the same port.
    websocket::stream<beast::ssl_stream<tcp::socket>> ws{ioc_, ctx};
    beast::get_lowest_layer(ws).connect(tcp::endpoint{net::ip::make_address("127.0.0.1"), server_->port()});
    SSL_set_tlsext_host_name(ws.next_layer().native_handle(), "localhost");
    ws.next_layer().handshake(ssl::stream_base::client);
    ws.handshake("localhost", "/");
    ws.write(net::buffer(std::string{R"({"jsonrpc":"2.0","id":1,"method":"echo","params":["tls"]})"}));
    beast::flat_buffer buffer;
    ws.read(buffer);
    EXPECT_EQ(beast::buffers_to_string(buffer.data()), kEchoed);

    // Plain HTTP to the TLS port gets no JSON-RPC answer.
    test::HttpClient plain{server_->port()};
    bool answered = false;
    try {
        answered = plain.post(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").result() == http::status::ok;
    } catch (const boost::system::system_error&) {
    }
    EXPECT_FALSE(answered);
}

TEST_F(TlsServerTest, MutualTlsRefusesClientsWithoutACertificateFromTheCa) {
    start(true);
    auto anonymous = client_context();
    EXPECT_NE(https_echo(anonymous), kEchoed);
    auto stranger = client_context("stranger");
    EXPECT_NE(https_echo(stranger), kEchoed);
    auto client = client_context("client");
    EXPECT_EQ(https_echo(client), kEchoed);
}

TEST(TlsServer, AMissingCertificateFileFailsTheStart) {
    MethodTable table;
    JsonRpc rpc{table};
    ServerOptions o;
    o.port = 0;
    o.tls_cert_file = "/nonexistent/server.pem";
    o.tls_key_file = "/nonexistent/server.key";
    auto s = Server::start(std::move(o), rpc, log::Logger{});
    ASSERT_FALSE(s.has_value());
    EXPECT_NE(s.error().message().find("TLS certificate or key"), std::string::npos);
}

}  // namespace
}  // namespace yao::rpc
