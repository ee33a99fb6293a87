// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "client.hpp"

#include "credentials.hpp"

#include <yao/grpc/errc.hpp>
#include <yao/grpc/status.hpp>
#include <yao/grpc/trace.hpp>

#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/support/channel_arguments.h>

#include <arpa/inet.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

namespace yao::grpc {
namespace {

struct HostPort {
    std::string host;  // without brackets
    std::string port;
};

// "host:port" or "[v6]:port".
std::optional<HostPort> split_endpoint(const std::string& endpoint) {
    if (endpoint.starts_with('[')) {
        auto close = endpoint.find("]:");
        if (close == std::string::npos) return std::nullopt;
        return HostPort{endpoint.substr(1, close - 1), endpoint.substr(close + 2)};
    }
    auto colon = endpoint.rfind(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    return HostPort{endpoint.substr(0, colon), endpoint.substr(colon + 1)};
}

bool is_ipv4(const std::string& host) {
    in_addr addr{};
    return inet_pton(AF_INET, host.c_str(), &addr) == 1;
}

bool is_ipv6(const std::string& host) {
    in6_addr addr{};
    return inet_pton(AF_INET6, host.c_str(), &addr) == 1;
}

int to_ms(std::chrono::milliseconds d) {
    return static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(d.count(), 0, 1 << 30));
}

std::unique_ptr<::grpc::ClientContext> context_for(const ClientOptions& options,
                                                   const CallOptions& call,
                                                   const TraceContext& trace) {
    auto context = std::make_unique<::grpc::ClientContext>();
    auto deadline = call.deadline.count() > 0 ? call.deadline : options.default_deadline;
    context->set_deadline(std::chrono::system_clock::now() + deadline);
    context->set_wait_for_ready(options.wait_for_ready);
    inject_trace(*context, trace);
    for (const auto& [key, value] : call.metadata) context->AddMetadata(key, value);
    return context;
}

TraceContext trace_for(const CallOptions& call) {
    return {call.trace_id.empty() ? new_trace_id() : call.trace_id, new_span_id()};
}

double uniform() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::uniform_real_distribution<double>{0.0, 1.0}(rng);
}

}  // namespace

Result<std::string> make_target(const std::vector<std::string>& endpoints) {
    if (endpoints.empty()) return fail(Errc::kInvalidArgument, "no endpoints");
    if (endpoints.size() == 1) return endpoints.front();
    bool all_v4 = true;
    bool all_v6 = true;
    std::string list;
    for (const auto& endpoint : endpoints) {
        auto hp = split_endpoint(endpoint);
        if (!hp || hp->port.empty())
            return fail(Errc::kInvalidArgument, "endpoint '" + endpoint + "' is not host:port");
        all_v4 = all_v4 && is_ipv4(hp->host);
        all_v6 = all_v6 && is_ipv6(hp->host);
        if (!list.empty()) list += ',';
        list += endpoint;
    }
    if (all_v4) return "ipv4:" + list;
    if (all_v6) return "ipv6:" + list;
    return fail(Errc::kInvalidArgument,
                "several endpoints must be IP literals of one family (a DNS name that resolves to "
                "every server may be given alone): " +
                    list);
}

Result<std::shared_ptr<::grpc::Channel>> make_channel(const ClientOptions& options) {
    YAO_TRY(auto target, make_target(options.endpoints));
    YAO_TRY(auto credentials, detail::channel_credentials(options.tls));
    ::grpc::ChannelArguments args;
    // gRPC's own balancer: one subchannel per address, calls spread over the READY ones, broken
    // ones reconnected in the background.
    args.SetLoadBalancingPolicyName("round_robin");
    args.SetMaxReceiveMessageSize(options.max_message_bytes);
    args.SetMaxSendMessageSize(options.max_message_bytes);
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, to_ms(options.reconnect_backoff_initial));
    args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, to_ms(options.reconnect_backoff_initial));
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, to_ms(options.reconnect_backoff_max));
    if (options.tls) {
        // The name the server certificate must carry; for "ipv4:a,b" targets gRPC has no single
        // host to check, so it is always set explicitly.
        std::string name = options.tls->server_name;
        if (name.empty()) {
            auto hp = split_endpoint(options.endpoints.front());
            name = hp ? hp->host : options.endpoints.front();
        }
        args.SetSslTargetNameOverride(name);
    }
    auto channel = ::grpc::CreateCustomChannel(target, credentials, args);
    if (!channel) return fail(Errc::kInternal, "cannot create a channel to " + target);
    return channel;
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, double u) {
    double base = static_cast<double>(policy.initial_backoff.count()) *
                  std::pow(policy.multiplier, std::max(0, retry - 1));
    base = std::min(base, static_cast<double>(policy.max_backoff.count()));
    double scaled = base * (1.0 + policy.jitter * (2.0 * u - 1.0));
    return std::chrono::milliseconds{static_cast<std::int64_t>(std::max(0.0, std::round(scaled)))};
}

Result<Client> Client::make(ClientOptions options) {
    YAO_TRY(auto channel, make_channel(options));
    return Client{std::move(options), std::move(channel)};
}

Client::Client(ClientOptions options, std::shared_ptr<::grpc::Channel> channel)
    : options_{std::move(options)}, channel_{std::move(channel)} {}

std::unique_ptr<::grpc::ClientContext> Client::make_context(const CallOptions& call) const {
    return context_for(options_, call, trace_for(call));
}

Result<void> Client::call(const CallOptions& call, const Attempt& attempt) const {
    const auto& retry = options_.retry;
    const int attempts =
        call.idempotency == Idempotency::kIdempotent ? std::max(1, retry.max_attempts) : 1;
    const TraceContext trace = trace_for(call);  // one span for the call and its retries
    for (int n = 1;; ++n) {
        auto context = context_for(options_, call, trace);
        const ::grpc::Status status = attempt(*context);
        if (status.ok()) return {};
        // The server's domain error (error_identity.hpp) when it sent one; those are never
        // retried, as only `grpc` category codes are retryable.
        Result<void> result = std::unexpected(from_status(status, *context));
        const bool retryable =
            std::ranges::any_of(retry.retryable, [&](Errc e) { return result.error() == e; });
        if (!retryable || n >= attempts) return result;
        std::this_thread::sleep_for(backoff_delay(retry, n, uniform()));
    }
}

}  // namespace yao::grpc
