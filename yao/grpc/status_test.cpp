// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <yao/grpc/client.hpp>
#include <yao/grpc/status.hpp>
#include <yao/grpc/trace.hpp>

#include <grpcpp/support/status.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <system_error>

namespace yao::grpc {
namespace {

using namespace std::chrono_literals;

TEST(GrpcStatus, FailedStatusBecomesErrorWithServerMessage) {
    Error e = from_status({::grpc::StatusCode::FAILED_PRECONDITION, "nonce too low"});
    EXPECT_EQ(e, Errc::kFailedPrecondition);
    EXPECT_EQ(e.context(), "nonce too low");
    EXPECT_EQ(e.message(), "grpc.failed_precondition: nonce too low");
    EXPECT_TRUE(to_result(::grpc::Status::OK).has_value());
    EXPECT_EQ(to_result({::grpc::StatusCode::UNAVAILABLE, "down"}).error(), Errc::kUnavailable);
}

TEST(GrpcStatus, EveryCodeRoundTrips) {
    std::set<std::string> names;
    for (int code = 1; code <= 16; ++code) {
        auto errc = errc_from_code(code);
        EXPECT_EQ(static_cast<int>(errc), code);
        ::grpc::Status status = to_status(Error{errc, "why"});
        EXPECT_EQ(static_cast<int>(status.error_code()), code);
        EXPECT_EQ(status.error_message(), "why");
        EXPECT_EQ(from_status(status), errc);
        names.insert(grpc_category().message(code));
    }
    EXPECT_EQ(names.size(), 16U);  // a distinct name per code
    EXPECT_EQ(grpc_category().message(14), "unavailable");
    EXPECT_EQ(errc_from_code(0), Errc::kUnknown);
    EXPECT_EQ(errc_from_code(17), Errc::kUnknown);
    EXPECT_EQ(errc_from_code(-1), Errc::kUnknown);
}

TEST(GrpcStatus, ForeignErrorsKeepTheirNameInTheMessage) {
    Error io{std::make_error_code(std::errc::io_error), "disk"};
    ::grpc::Status unknown = to_status(io);
    EXPECT_EQ(unknown.error_code(), ::grpc::StatusCode::UNKNOWN);
    EXPECT_EQ(unknown.error_message(), io.message());
    ::grpc::Status mapped = to_status(io, Errc::kInternal);
    EXPECT_EQ(mapped.error_code(), ::grpc::StatusCode::INTERNAL);
    EXPECT_EQ(mapped.error_message(), "disk");
    EXPECT_EQ(to_status(Error{std::make_error_code(std::errc::io_error)}, Errc::kInternal)
                  .error_message(),
              Error{std::make_error_code(std::errc::io_error)}.message());
}

TEST(GrpcTrace, TraceparentFormatsAndParses) {
    TraceContext t{"4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"};
    EXPECT_EQ(format_traceparent(t), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    auto parsed = parse_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->trace_id, t.trace_id);
    EXPECT_EQ(parsed->span_id, t.span_id);
    // Not W3C: upper case, all-zero ids, wrong version or length.
    EXPECT_FALSE(format_traceparent({"4BF92F3577B34DA6A3CE929D0E0E4736", "00f067aa0ba902b7"}));
    EXPECT_FALSE(format_traceparent({std::string(32, '0'), "00f067aa0ba902b7"}));
    EXPECT_FALSE(format_traceparent({"mq-1234", "00f067aa0ba902b7"}));
    EXPECT_FALSE(parse_traceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    EXPECT_FALSE(parse_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"));
    EXPECT_FALSE(parse_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7"));
    EXPECT_FALSE(parse_traceparent(""));
}

TEST(GrpcTrace, NewIdsAreW3cAndDistinct) {
    auto a = new_trace_id();
    auto b = new_trace_id();
    EXPECT_EQ(a.size(), 32U);
    EXPECT_NE(a, b);
    auto s = new_span_id();
    EXPECT_EQ(s.size(), 16U);
    EXPECT_TRUE(format_traceparent({a, s}));
}

TEST(GrpcClient, TargetForEndpoints) {
    EXPECT_EQ(make_target({"localhost:7001"}).value(), "localhost:7001");
    EXPECT_EQ(make_target({"127.0.0.1:1", "127.0.0.2:2"}).value(), "ipv4:127.0.0.1:1,127.0.0.2:2");
    EXPECT_EQ(make_target({"[::1]:1", "[::1]:2"}).value(), "ipv6:[::1]:1,[::1]:2");
    EXPECT_EQ(make_target({}).error(), Errc::kInvalidArgument);
    EXPECT_EQ(make_target({"a.example:1", "b.example:2"}).error(), Errc::kInvalidArgument);
    EXPECT_EQ(make_target({"127.0.0.1:1", "[::1]:2"}).error(), Errc::kInvalidArgument);
    EXPECT_EQ(make_target({"127.0.0.1:1", "127.0.0.1"}).error(), Errc::kInvalidArgument);
    EXPECT_EQ(Client::make(ClientOptions{}).error(), Errc::kInvalidArgument);
}

TEST(GrpcClient, BackoffGrowsIsCappedAndJittered) {
    RetryPolicy p;
    p.initial_backoff = 100ms;
    p.max_backoff = 1000ms;
    p.multiplier = 2.0;
    p.jitter = 0.2;
    EXPECT_EQ(backoff_delay(p, 1, 0.5), 100ms);  // u = 0.5: no jitter
    EXPECT_EQ(backoff_delay(p, 2, 0.5), 200ms);
    EXPECT_EQ(backoff_delay(p, 3, 0.5), 400ms);
    EXPECT_EQ(backoff_delay(p, 5, 0.5), 1000ms);  // 1600 capped
    EXPECT_EQ(backoff_delay(p, 1, 0.0), 80ms);    // -20 %
    EXPECT_EQ(backoff_delay(p, 2, 1.0), 240ms);   // +20 % (u -> 1)
    EXPECT_EQ(backoff_delay(p, 30, 0.0), 800ms);
}

}  // namespace
}  // namespace yao::grpc
