// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Test helpers: the Echo service of testdata/yao_grpc_test/echo.proto, counting its calls, and
// small wrappers to start it and call it through the runtime.

#include <yao/grpc/client.hpp>
#include <yao/grpc/handler.hpp>
#include <yao/grpc/server.hpp>
#include <yao/grpc/status.hpp>
#include <yao/grpc/trace.hpp>

#include <gtest/gtest.h>
#include <yao_grpc_test/echo.grpc.pb.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

namespace yao::grpc::test {

/// Echo: Say echoes and reports the server's name and the trace it saw; Fail answers the requested
/// code and message; Sleep sleeps (stopping early when the call is cancelled); Flaky answers
/// UNAVAILABLE `fail_first` times, then OK.
class EchoService final : public yao_grpc_test::Echo::Service {
public:
    explicit EchoService(std::string name = "echo") : name_{std::move(name)} {}

    ::grpc::Status Say(::grpc::ServerContext* context, const yao_grpc_test::EchoRequest* request,
                       yao_grpc_test::EchoReply* reply) override {
        ++calls_;
        auto trace = trace_context(*context);
        reply->set_text(request->text());
        reply->set_server(name_);
        reply->set_trace_id(trace.trace_id);
        reply->set_span_id(trace.span_id);
        return ::grpc::Status::OK;
    }

    ::grpc::Status Fail(::grpc::ServerContext* context, const yao_grpc_test::EchoRequest* request,
                        yao_grpc_test::EchoReply*) override {
        ++calls_;
        return handle(*context, [&]() -> Result<void> {
            return std::unexpected(
                Error{errc_from_code(request->fail_code()), request->fail_message()});
        });
    }

    ::grpc::Status Sleep(::grpc::ServerContext* context, const yao_grpc_test::EchoRequest* request,
                         yao_grpc_test::EchoReply* reply) override {
        ++calls_;
        auto until =
            std::chrono::steady_clock::now() + std::chrono::milliseconds{request->sleep_ms()};
        while (std::chrono::steady_clock::now() < until) {
            if (context->IsCancelled()) return {::grpc::StatusCode::CANCELLED, "cancelled"};
            std::this_thread::sleep_for(std::chrono::milliseconds{5});
        }
        reply->set_text("slept");
        reply->set_server(name_);
        return ::grpc::Status::OK;
    }

    ::grpc::Status Flaky(::grpc::ServerContext*, const yao_grpc_test::EchoRequest* request,
                         yao_grpc_test::EchoReply* reply) override {
        if (calls_++ < static_cast<int>(request->fail_first()))
            return {::grpc::StatusCode::UNAVAILABLE, "flaky"};
        reply->set_text(request->text());
        return ::grpc::Status::OK;
    }

    /// Handler invocations since construction or the last reset().
    int calls() const { return calls_.load(); }
    void reset() { calls_ = 0; }

private:
    std::string name_;
    std::atomic<int> calls_{0};
};

/// A Server hosting `service` (fails the test and returns null when it cannot start).
inline std::unique_ptr<Server> start_echo(EchoService& service, const ServerOptions& options = {}) {
    auto server = Server::start(options, {{yao_grpc_test::Echo::service_full_name(), &service}});
    if (!server) {
        ADD_FAILURE() << "server did not start: " << server.error().message();
        return nullptr;
    }
    return std::move(*server);
}

/// Client options for `endpoints` with quick retries (tests must stay fast).
inline ClientOptions quick_options(std::vector<std::string> endpoints) {
    ClientOptions options;
    options.endpoints = std::move(endpoints);
    options.default_deadline = std::chrono::milliseconds{2000};
    options.retry.initial_backoff = std::chrono::milliseconds{20};
    options.retry.max_backoff = std::chrono::milliseconds{200};
    return options;
}

/// A Client for `options` (fails the test when it cannot be made).
inline Client make_client(ClientOptions options) {
    auto client = Client::make(std::move(options));
    EXPECT_TRUE(client) << client.error().message();
    return client ? std::move(*client) : Client::make(ClientOptions{{"127.0.0.1:1"}}).value();
}

/// An Echo server on a free loopback port and a plaintext client of it.
struct EchoPair {
    explicit EchoPair(std::string name = "echo")
        : service{std::move(name)},
          server{start_echo(service)},
          client{make_client(quick_options({server ? server->address() : "127.0.0.1:1"}))} {}

    EchoService service;
    std::unique_ptr<Server> server;
    Client client;
};

/// A request with `text`.
inline yao_grpc_test::EchoRequest text(std::string s) {
    yao_grpc_test::EchoRequest r;
    r.set_text(std::move(s));
    return r;
}

/// Echo method pointer, e.g. &yao_grpc_test::Echo::Stub::Say.
using EchoMethod = ::grpc::Status (yao_grpc_test::Echo::Stub::*)(::grpc::ClientContext*,
                                                                 const yao_grpc_test::EchoRequest&,
                                                                 yao_grpc_test::EchoReply*);

/// One call of `method` through Client::call (deadline, retries, trace, Error mapping).
inline Result<yao_grpc_test::EchoReply> call_echo(const Client& client, EchoMethod method,
                                                  const yao_grpc_test::EchoRequest& request,
                                                  const CallOptions& call = {}) {
    auto stub = yao_grpc_test::Echo::NewStub(client.channel());
    yao_grpc_test::EchoReply reply;
    YAO_TRY_VOID(client.call(call, [&](::grpc::ClientContext& context) {
        reply.Clear();
        return ((*stub).*method)(&context, request, &reply);
    }));
    return reply;
}

}  // namespace yao::grpc::test
