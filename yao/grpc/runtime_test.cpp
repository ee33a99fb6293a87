// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "test_util/echo_service.hpp"

#include <yao/grpc/client.hpp>
#include <yao/grpc/health.hpp>
#include <yao/grpc/server.hpp>

#include <grpc/health/v1/health.grpc.pb.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <yao/log/logger.hpp>

#include <chrono>
#include <future>
#include <thread>

namespace yao::grpc {
namespace {

using namespace std::chrono_literals;
using test::call_echo;
using test::EchoPair;
using test::EchoService;
using test::make_client;
using test::quick_options;
using test::start_echo;
using test::text;
using yao_grpc_test::Echo;
using yao_grpc_test::EchoRequest;
using Clock = std::chrono::steady_clock;

TEST(GrpcRuntime, UnaryRoundTrip) {
    EchoService service{"one"};
    auto server = start_echo(service);
    ASSERT_TRUE(server);
    EXPECT_NE(server->port(), 0);
    EXPECT_EQ(server->address(), "127.0.0.1:" + std::to_string(server->port()));

    auto client = make_client(quick_options({server->address()}));
    auto reply = call_echo(client, &Echo::Stub::Say, text("hello"));
    ASSERT_TRUE(reply) << reply.error().message();
    EXPECT_EQ(reply->text(), "hello");
    EXPECT_EQ(reply->server(), "one");
    EXPECT_EQ(service.calls(), 1);
}

TEST(GrpcRuntime, ErrorCodeAndMessageReachTheClient) {
    EchoPair echo;
    ASSERT_TRUE(echo.server);
    auto& [service, server, client] = echo;

    EchoRequest request;
    request.set_fail_code(static_cast<int>(Errc::kFailedPrecondition));
    request.set_fail_message("nonce too low: next nonce 7, tx nonce 5");
    auto reply = call_echo(client, &Echo::Stub::Fail, request);
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error(), Errc::kFailedPrecondition);
    EXPECT_EQ(reply.error().context(), "nonce too low: next nonce 7, tx nonce 5");

    request.set_fail_code(static_cast<int>(Errc::kNotFound));
    request.set_fail_message("block 99 not found");
    reply =
        call_echo(client, &Echo::Stub::Fail, request, {.idempotency = Idempotency::kIdempotent});
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error(), Errc::kNotFound);
    EXPECT_EQ(reply.error().context(), "block 99 not found");
    EXPECT_EQ(service.calls(), 2);  // NOT_FOUND is not retried, even for an idempotent call
}

TEST(GrpcRuntime, UnimplementedMethodIsReported) {
    // A service that implements only Say: the generated base answers UNIMPLEMENTED for the rest.
    class SayOnly final : public Echo::Service {
        ::grpc::Status Say(::grpc::ServerContext*, const EchoRequest* request,
                           yao_grpc_test::EchoReply* reply) override {
            reply->set_text(request->text());
            return ::grpc::Status::OK;
        }
    } service;
    auto server = Server::start({}, {{Echo::service_full_name(), &service}});
    ASSERT_TRUE(server) << server.error().message();
    auto client = make_client(quick_options({(*server)->address()}));
    EXPECT_EQ(call_echo(client, &Echo::Stub::Say, text("x")).value().text(), "x");
    auto reply =
        call_echo(client, &Echo::Stub::Flaky, text("x"), {.idempotency = Idempotency::kIdempotent});
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error(), Errc::kUnimplemented);
}

TEST(GrpcRuntime, PlannedServicesSayWhatIsMissing) {
    ServerOptions options;
    options.planned = {{"yao_grpc_test.Planned", "the test plans it"}};
    class SayOnly final : public Echo::Service {} service;
    auto server = Server::start(options, {{Echo::service_full_name(), &service}});
    ASSERT_TRUE(server) << server.error().message();
    auto client = make_client(quick_options({(*server)->address()}));
    const auto call = [&](auto make_stub, auto method) {
        auto stub = make_stub(client.channel());
        ::grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + 5s);
        yao_grpc_test::EchoReply reply;
        return ((*stub).*method)(&ctx, text("x"), &reply);
    };
    const ::grpc::Status planned =
        call([](auto ch) { return yao_grpc_test::Planned::NewStub(ch); },
             &yao_grpc_test::Planned::Stub::Do);
    EXPECT_EQ(planned.error_code(), ::grpc::StatusCode::UNIMPLEMENTED);
    EXPECT_EQ(planned.error_message(),
              "yao_grpc_test.Planned/Do is not built yet: the test plans it");
    const ::grpc::Status unknown =
        call([](auto ch) { return yao_grpc_test::Unknown::NewStub(ch); },
             &yao_grpc_test::Unknown::Stub::Here);
    EXPECT_EQ(unknown.error_code(), ::grpc::StatusCode::UNIMPLEMENTED);
    EXPECT_EQ(unknown.error_message(), "unknown method /yao_grpc_test.Unknown/Here");
    // The registered service answers as before (its unimplemented methods the generated way).
    auto reply = call_echo(client, &Echo::Stub::Say, text("x"));
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error(), Errc::kUnimplemented);
}

TEST(GrpcRuntime, DeadlineExceededIsBounded) {
    EchoPair echo;
    ASSERT_TRUE(echo.server);
    auto& [service, server, client] = echo;
    ASSERT_TRUE(call_echo(client, &Echo::Stub::Say, text("warm up")));

    EchoRequest request;
    request.set_sleep_ms(5000);
    auto start = Clock::now();
    auto reply = call_echo(client, &Echo::Stub::Sleep, request, {.deadline = 150ms});
    auto elapsed = Clock::now() - start;
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error(), Errc::kDeadlineExceeded);
    EXPECT_GE(elapsed, 140ms);
    EXPECT_LT(elapsed, 1000ms);
    EXPECT_EQ(service.calls(), 2);  // warm up + one attempt: not idempotent, so not retried
}

TEST(GrpcRuntime, IdempotentCallsAreRetriedOthersAreNot) {
    EchoPair echo;
    ASSERT_TRUE(echo.server);
    auto& [service, server, client] = echo;

    EchoRequest request = text("eventually");
    request.set_fail_first(2);
    auto reply =
        call_echo(client, &Echo::Stub::Flaky, request, {.idempotency = Idempotency::kIdempotent});
    ASSERT_TRUE(reply) << reply.error().message();
    EXPECT_EQ(reply->text(), "eventually");
    EXPECT_EQ(service.calls(), 3);

    service.reset();
    reply = call_echo(client, &Echo::Stub::Flaky, request);  // not idempotent
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error(), Errc::kUnavailable);
    EXPECT_EQ(reply.error().context(), "flaky");
    EXPECT_EQ(service.calls(), 1);

    service.reset();
    request.set_fail_first(100);  // more failures than attempts: gives up after max_attempts
    reply =
        call_echo(client, &Echo::Stub::Flaky, request, {.idempotency = Idempotency::kIdempotent});
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error(), Errc::kUnavailable);
    EXPECT_EQ(service.calls(), client.options().retry.max_attempts);
}

TEST(GrpcRuntime, RetriesReachAServerThatStartsLate) {
    // Find a free port, then leave it closed until 300 ms into the call.
    EchoService service{"late"};
    std::string address;
    {
        auto probe = start_echo(service);
        ASSERT_TRUE(probe);
        address = probe->address();
    }
    auto options = quick_options({address});
    options.retry.max_attempts = 10;
    options.retry.initial_backoff = 50ms;
    options.retry.max_backoff = 300ms;
    options.reconnect_backoff_initial = 50ms;
    options.reconnect_backoff_max = 200ms;
    auto client = make_client(options);

    // Without retries the call fails at once: nothing listens.
    auto start = Clock::now();
    auto refused = call_echo(client, &Echo::Stub::Say, text("now"));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(), Errc::kUnavailable);
    EXPECT_LT(Clock::now() - start, 1000ms);

    ServerOptions server_options;
    server_options.listen_address = address;
    auto late = std::async(std::launch::async, [&] {
        std::this_thread::sleep_for(300ms);
        return start_echo(service, server_options);
    });
    start = Clock::now();
    auto reply = call_echo(client, &Echo::Stub::Say, text("later"),
                           {.idempotency = Idempotency::kIdempotent, .deadline = 500ms});
    auto elapsed = Clock::now() - start;
    auto server = late.get();
    ASSERT_TRUE(server);
    ASSERT_TRUE(reply) << reply.error().message();
    EXPECT_EQ(reply->server(), "late");
    EXPECT_GE(elapsed, 250ms);  // it did wait for the server
    EXPECT_LT(elapsed, 4000ms);
}

TEST(GrpcRuntime, RoundRobinSpreadsCallsOverServers) {
    EchoService a{"a"};
    EchoService b{"b"};
    auto server_a = start_echo(a);
    auto server_b = start_echo(b);
    ASSERT_TRUE(server_a && server_b);
    auto client = make_client(quick_options({server_a->address(), server_b->address()}));

    // Until both subchannels are connected, round_robin only picks the ready one.
    auto until = Clock::now() + 3s;
    while ((a.calls() == 0 || b.calls() == 0) && Clock::now() < until) {
        ASSERT_TRUE(call_echo(client, &Echo::Stub::Say, text("warm up")));
        std::this_thread::sleep_for(5ms);
    }
    ASSERT_GT(a.calls(), 0);
    ASSERT_GT(b.calls(), 0);
    a.reset();
    b.reset();
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(call_echo(client, &Echo::Stub::Say, text("x")));
    EXPECT_EQ(a.calls(), 10);
    EXPECT_EQ(b.calls(), 10);

    // One server gone: the calls go to the other.
    server_a->shutdown(100ms);
    b.reset();
    int ok = 0;
    for (int i = 0; i < 10; ++i)
        ok += call_echo(client, &Echo::Stub::Say, text("y"),
                        {.idempotency = Idempotency::kIdempotent})
                  .has_value();
    EXPECT_EQ(ok, 10);
    EXPECT_EQ(b.calls(), 10);
}

TEST(GrpcRuntime, StandardHealthServiceReportsServingStatus) {
    EchoService echo;
    // Registered as still warming up: NOT_SERVING until set_serving().
    auto started = Server::start({}, {{Echo::service_full_name(), &echo, false}});
    ASSERT_TRUE(started) << started.error().message();
    auto& server = *started;
    auto client = make_client(quick_options({server->address()}));

    // The generated grpc.health.v1 client, as any external probe would use it.
    auto stub = ::grpc::health::v1::Health::NewStub(client.channel());
    auto check = [&](const std::string& service) -> Result<int> {
        ::grpc::health::v1::HealthCheckRequest request;
        request.set_service(service);
        ::grpc::health::v1::HealthCheckResponse response;
        ::grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + 2s);
        YAO_TRY_VOID(to_result(stub->Check(&context, request, &response)));
        return static_cast<int>(response.status());
    };
    using Response = ::grpc::health::v1::HealthCheckResponse;
    const std::string name = Echo::service_full_name();
    EXPECT_EQ(check("").value(), Response::SERVING);
    EXPECT_EQ(check(name).value(), Response::NOT_SERVING);  // started as not serving
    server->set_serving(name, true);
    EXPECT_EQ(check(name).value(), Response::SERVING);
    EXPECT_EQ(check("no.such.Service").error(), Errc::kNotFound);

    server->set_all_serving(false);
    EXPECT_EQ(check("").value(), Response::NOT_SERVING);
    EXPECT_EQ(check(name).value(), Response::NOT_SERVING);
    server->set_serving("", true);
    EXPECT_EQ(check("").value(), Response::SERVING);

    // The same through check_health().
    EXPECT_EQ(check_health(client).value(), ServingStatus::kServing);
    EXPECT_EQ(check_health(client, name).value(), ServingStatus::kNotServing);
    EXPECT_EQ(check_health(client, "no.such.Service").error(), Errc::kNotFound);
    EXPECT_EQ(echo.calls(), 0);

    // Shutdown turns everything NOT_SERVING first; afterwards the port is closed.
    server->shutdown(100ms);
    EXPECT_EQ(check_health(client, {}, {}).error(), Errc::kUnavailable);
}

TEST(GrpcRuntime, TraceIdReachesTheHandler) {
    EchoPair echo;
    ASSERT_TRUE(echo.server);
    auto& [service, server, client] = echo;

    const std::string trace_id = new_trace_id();
    auto reply = call_echo(client, &Echo::Stub::Say, text("t"), {.trace_id = trace_id});
    ASSERT_TRUE(reply) << reply.error().message();
    EXPECT_EQ(reply->trace_id(), trace_id);
    EXPECT_EQ(reply->span_id().size(), 16U);
    EXPECT_TRUE(format_traceparent({reply->trace_id(), reply->span_id()}));

    // Each call is a new span of the same trace.
    auto again = call_echo(client, &Echo::Stub::Say, text("t"), {.trace_id = trace_id});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->trace_id(), trace_id);
    EXPECT_NE(again->span_id(), reply->span_id());

    // A trace id in another shape (e.g. a queue envelope's) travels as x-yao-trace-id.
    reply = call_echo(client, &Echo::Stub::Say, text("t"), {.trace_id = "mq-42"});
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->trace_id(), "mq-42");
    EXPECT_EQ(reply->span_id().size(), 16U);

    // No trace given: the call starts one.
    reply = call_echo(client, &Echo::Stub::Say, text("t"));
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->trace_id().size(), 32U);
    EXPECT_NE(reply->trace_id(), trace_id);

    // Extra metadata passes too (and a raw context without trace gives empty ids).
    auto stub = Echo::NewStub(client.channel());
    ::grpc::ClientContext bare;
    yao_grpc_test::EchoReply raw;
    ASSERT_TRUE(stub->Say(&bare, text("raw"), &raw).ok());
    EXPECT_EQ(raw.trace_id(), "");
    EXPECT_EQ(raw.span_id(), "");
}

TEST(GrpcRuntime, TraceIdContinuesIntoTheServersLogLines) {
    std::mutex mu;
    std::vector<std::string> lines;
    log::Config config;
    config.level = log::Level::kDebug;
    config.format = log::Format::kJson;
    config.output = log::Output::callback([&](std::string_view line) {
        std::scoped_lock lock{mu};
        lines.emplace_back(line);
    });
    const log::Logger previous = log::default_logger();
    log::set_default_logger(log::Logger{config});

    EchoPair echo;
    ASSERT_TRUE(echo.server);
    EchoRequest request;
    request.set_fail_code(static_cast<int>(Errc::kFailedPrecondition));
    request.set_fail_message("refused on purpose");
    const std::string trace_id = new_trace_id();
    auto reply = call_echo(echo.client, &Echo::Stub::Fail, request, {.trace_id = trace_id});
    ASSERT_FALSE(reply);
    log::default_logger().flush();
    log::set_default_logger(previous);

    std::scoped_lock lock{mu};
    const auto line = std::ranges::find_if(lines, [&](const std::string& l) {
        return l.find("gRPC call failed") != std::string::npos;
    });
    ASSERT_NE(line, lines.end()) << lines.size() << " lines";
    EXPECT_NE(line->find("\"trace_id\":\"" + trace_id + "\""), std::string::npos) << *line;
    EXPECT_NE(line->find("\"span_id\":\""), std::string::npos) << *line;
    EXPECT_NE(line->find("refused on purpose"), std::string::npos) << *line;
}

TEST(GrpcRuntime, GracefulShutdownLetsCallsFinishThenCancels) {
    EchoPair echo;
    ASSERT_TRUE(echo.server);
    auto& [service, server, client] = echo;
    ASSERT_TRUE(call_echo(client, &Echo::Stub::Say, text("warm up")));

    // A 200 ms call in flight finishes within a 2 s grace period.
    EchoRequest short_sleep;
    short_sleep.set_sleep_ms(200);
    auto in_flight = std::async(std::launch::async,
                                [&] { return call_echo(client, &Echo::Stub::Sleep, short_sleep); });
    std::this_thread::sleep_for(50ms);
    auto start = Clock::now();
    server->shutdown(2s);
    EXPECT_LT(Clock::now() - start, 1500ms);
    auto finished = in_flight.get();
    ASSERT_TRUE(finished) << finished.error().message();
    EXPECT_EQ(finished->text(), "slept");

    // After shutdown nothing answers.
    auto refused = call_echo(client, &Echo::Stub::Say, text("late"));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(), Errc::kUnavailable);

    // A call longer than the grace period is cancelled at its end.
    auto second = start_echo(service);
    ASSERT_TRUE(second);
    auto client2 = make_client(quick_options({second->address()}));
    ASSERT_TRUE(call_echo(client2, &Echo::Stub::Say, text("warm up")));
    EchoRequest long_sleep;
    long_sleep.set_sleep_ms(10000);
    auto cancelled = std::async(std::launch::async, [&] {
        return call_echo(client2, &Echo::Stub::Sleep, long_sleep, {.deadline = 8s});
    });
    std::this_thread::sleep_for(50ms);
    start = Clock::now();
    second->shutdown(100ms);
    EXPECT_LT(Clock::now() - start, 2s);
    auto result = cancelled.get();
    EXPECT_FALSE(result);
}

TEST(GrpcRuntime, StartErrors) {
    EchoService service;
    auto first = start_echo(service);
    ASSERT_TRUE(first);
    ServerOptions same_port;
    same_port.listen_address = first->address();
    auto second = Server::start(same_port, {{Echo::service_full_name(), &service}});
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error(), Errc::kUnavailable);

    ServerOptions bad_tls;
    bad_tls.tls = ServerTls{.cert_file = "/nonexistent/server.pem", .key_file = "/nonexistent/k"};
    auto third = Server::start(bad_tls, {{Echo::service_full_name(), &service}});
    ASSERT_FALSE(third);
    EXPECT_EQ(third.error(), Errc::kInvalidArgument);
    EXPECT_NE(third.error().context().find("/nonexistent/server.pem"), std::string::npos);

    ServerOptions mtls_without_ca;
    mtls_without_ca.tls = ServerTls{.cert_file = "x", .key_file = "y", .require_client_cert = true};
    EXPECT_EQ(Server::start(mtls_without_ca, {}).error(), Errc::kInvalidArgument);

    EXPECT_EQ(Server::start({}, {}).error(), Errc::kInvalidArgument);
    auto null_service = Server::start({}, {{"yao.test.Null", nullptr}});
    ASSERT_FALSE(null_service);
    EXPECT_EQ(null_service.error(), Errc::kInvalidArgument);
}

}  // namespace
}  // namespace yao::grpc
