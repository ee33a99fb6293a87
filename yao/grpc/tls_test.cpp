// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "test_util/echo_service.hpp"

#include <yao/grpc/client.hpp>
#include <yao/grpc/server.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

#ifndef YAO_SOURCE_DIR
#define YAO_SOURCE_DIR "."
#endif

namespace yao::grpc {
namespace {

using namespace std::chrono_literals;
using test::call_echo;
using test::EchoService;
using test::quick_options;
using test::start_echo;
using yao_grpc_test::Echo;

// Certificates from scripts/make_test_ca.sh, made once for the suite in a temporary directory.
class GrpcTls : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto dir =
            std::filesystem::temp_directory_path() / ("yao_grpc_tls_" + std::to_string(::getpid()));
        std::string command = std::string{"bash "} + YAO_SOURCE_DIR + "/scripts/make_test_ca.sh " +
                              dir.string() + " >/dev/null 2>&1";
        ASSERT_EQ(std::system(command.c_str()), 0) << command;
        dir_ = new std::filesystem::path{dir};
    }
    static void TearDownTestSuite() {
        if (dir_ == nullptr) return;
        std::error_code ignored;
        std::filesystem::remove_all(*dir_, ignored);
        delete dir_;
        dir_ = nullptr;
    }
    void SetUp() override { ASSERT_NE(dir_, nullptr); }

    static std::string file(const char* name) { return (*dir_ / name).string(); }

    static ServerOptions server_options(bool require_client_cert) {
        ServerOptions options;
        options.tls = ServerTls{.cert_file = file("server.pem"),
                                .key_file = file("server.key"),
                                .ca_file = file("ca.pem"),
                                .require_client_cert = require_client_cert};
        return options;
    }

    // A TLS client trusting the test CA, presenting `cert` (none when empty).
    static Client client(const std::vector<std::string>& endpoints, const std::string& cert = {}) {
        auto options = quick_options(endpoints);
        options.tls = ClientTls{.ca_file = file("ca.pem")};
        if (!cert.empty()) {
            options.tls->cert_file = file((cert + ".pem").c_str());
            options.tls->key_file = file((cert + ".key").c_str());
        }
        auto made = Client::make(std::move(options));
        EXPECT_TRUE(made) << made.error().message();
        return std::move(*made);
    }

    static yao_grpc_test::EchoRequest hello() {
        yao_grpc_test::EchoRequest r;
        r.set_text("hello");
        return r;
    }

    static std::filesystem::path* dir_;
};

std::filesystem::path* GrpcTls::dir_ = nullptr;

TEST_F(GrpcTls, MutualTlsAcceptsTheClientCertificate) {
    EchoService service;
    auto server = start_echo(service, server_options(true));
    ASSERT_TRUE(server);
    auto reply = call_echo(client({server->address()}, "client"), &Echo::Stub::Say, hello());
    ASSERT_TRUE(reply) << reply.error().message();
    EXPECT_EQ(reply->text(), "hello");
    EXPECT_EQ(service.calls(), 1);
}

TEST_F(GrpcTls, MutualTlsRefusesClientsWithoutAValidCertificate) {
    EchoService service;
    auto server = start_echo(service, server_options(true));
    ASSERT_TRUE(server);

    auto no_cert = call_echo(client({server->address()}), &Echo::Stub::Say, hello());
    ASSERT_FALSE(no_cert);
    EXPECT_EQ(no_cert.error(), Errc::kUnavailable) << no_cert.error().message();

    auto stranger = call_echo(client({server->address()}, "stranger"), &Echo::Stub::Say, hello());
    ASSERT_FALSE(stranger);
    EXPECT_EQ(stranger.error(), Errc::kUnavailable) << stranger.error().message();

    // A plaintext client cannot talk to a TLS server either.
    auto plain = Client::make(quick_options({server->address()}));
    ASSERT_TRUE(plain);
    auto plaintext = call_echo(*plain, &Echo::Stub::Say, hello());
    ASSERT_FALSE(plaintext);
    EXPECT_EQ(plaintext.error(), Errc::kUnavailable) << plaintext.error().message();

    EXPECT_EQ(service.calls(), 0);  // no handler ran
}

TEST_F(GrpcTls, ServerOnlyTlsAndRoundRobinOverTlsEndpoints) {
    EchoService a{"a"};
    EchoService b{"b"};
    auto server_a = start_echo(a, server_options(false));
    auto server_b = start_echo(b, server_options(false));
    ASSERT_TRUE(server_a && server_b);

    // Without mTLS, a client with no certificate is fine.
    auto single = call_echo(client({server_a->address()}), &Echo::Stub::Say, hello());
    ASSERT_TRUE(single) << single.error().message();
    EXPECT_EQ(single->server(), "a");

    // "ipv4:a,b" target: the certificate is checked against the first endpoint's host.
    auto both = client({server_a->address(), server_b->address()});
    auto until = std::chrono::steady_clock::now() + 3s;
    while ((a.calls() < 2 || b.calls() == 0) && std::chrono::steady_clock::now() < until)
        ASSERT_TRUE(call_echo(both, &Echo::Stub::Say, hello()));
    EXPECT_GE(a.calls(), 2);
    EXPECT_GE(b.calls(), 1);

    // A server name the certificate does not carry is refused.
    auto options = quick_options({server_a->address()});
    options.tls = ClientTls{.ca_file = file("ca.pem"), .server_name = "other.example"};
    auto wrong_name = Client::make(options);
    ASSERT_TRUE(wrong_name);
    a.reset();
    EXPECT_EQ(call_echo(*wrong_name, &Echo::Stub::Say, hello()).error(), Errc::kUnavailable);
    EXPECT_EQ(a.calls(), 0);
}

TEST_F(GrpcTls, UnreadableClientFilesAreReported) {
    auto options = quick_options({"127.0.0.1:1"});
    options.tls = ClientTls{.ca_file = file("missing.pem")};
    auto made = Client::make(options);
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error(), Errc::kInvalidArgument);
    EXPECT_NE(made.error().context().find("missing.pem"), std::string::npos);

    options.tls = ClientTls{.ca_file = file("ca.pem"), .cert_file = file("client.pem")};
    EXPECT_EQ(Client::make(options).error(), Errc::kInvalidArgument);  // cert without key
}

}  // namespace
}  // namespace yao::grpc
