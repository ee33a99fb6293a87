// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <yao/common/error.hpp>
#include <yao/grpc/options.hpp>

#include <grpcpp/channel.h>  // complete type, so X::NewStub(client.channel()) compiles

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace grpc {
class ClientContext;
class Status;
}  // namespace grpc

namespace yao::grpc {

/// Per-call settings.
struct CallOptions {
    Idempotency idempotency = Idempotency::kNotIdempotent;  ///< only idempotent calls are retried
    std::chrono::milliseconds deadline{0};  ///< per attempt; 0 = ClientOptions::default_deadline
    std::string trace_id{};                 ///< the caller's trace; empty = a new trace starts here
    std::vector<std::pair<std::string, std::string>>
        metadata{};  ///< extra headers (lowercase keys)
};

/// One attempt of a call: run the generated stub method with the given context, e.g.
/// `[&](::grpc::ClientContext& ctx) { return stub->GetBlock(&ctx, request, &reply); }`.
/// It may run several times (retries), each time with a fresh context.
using Attempt = std::function<::grpc::Status(::grpc::ClientContext&)>;

/// A channel to one logical service (one or more endpoints, round-robin) plus the call policy:
/// deadlines, retries of idempotent calls, trace metadata and status -> Error mapping. Cheap to
/// copy (the channel is shared); thread-safe. Adapters make their stubs from channel().
class Client {
public:
    /// Creates the channel (it connects lazily, on the first call). Errors: kInvalidArgument for
    /// no endpoints, several endpoints that are not IP literals of one family, or unreadable TLS
    /// files.
    static Result<Client> make(ClientOptions options);

    const std::shared_ptr<::grpc::Channel>& channel() const noexcept { return channel_; }
    const ClientOptions& options() const noexcept { return options_; }

    /// Runs `attempt` with a context carrying the deadline, the trace and the metadata, and maps
    /// the status to Error (the server's message kept as context; a domain error the server sent
    /// with its identity comes back as that same error, error_identity.hpp). Idempotent calls are
    /// retried per ClientOptions::retry on the retryable codes, with exponential backoff and
    /// jitter; the other calls run once.
    Result<void> call(const CallOptions& call, const Attempt& attempt) const;

    /// call() of one unary method of a generated stub, e.g.
    /// `client.unary(kRead, *stub, &X::Stub::GetBlock, request, reply)`; `reply` is cleared
    /// before each attempt.
    template <typename Stub, typename Request, typename Reply>
    Result<void> unary(const CallOptions& call, Stub& stub,
                       ::grpc::Status (Stub::*method)(::grpc::ClientContext*, const Request&,
                                                      Reply*),
                       const Request& request, Reply& reply) const {
        return this->call(call, [&](::grpc::ClientContext& context) {
            reply.Clear();
            return (stub.*method)(&context, request, &reply);
        });
    }

    /// A context for one attempt, when an adapter drives a call itself (streams): the deadline,
    /// trace metadata (a new span id) and the call's metadata.
    std::unique_ptr<::grpc::ClientContext> make_context(const CallOptions& call) const;

private:
    Client(ClientOptions options, std::shared_ptr<::grpc::Channel> channel);

    ClientOptions options_;
    std::shared_ptr<::grpc::Channel> channel_;
};

/// The channel alone: TLS credentials, round_robin over the endpoints, message size limits and a
/// short reconnect backoff from `options`.
Result<std::shared_ptr<::grpc::Channel>> make_channel(const ClientOptions& options);

/// The gRPC target for the endpoints: the endpoint itself when there is one, else
/// "ipv4:a:p,b:q" or "ipv6:[a]:p,[b]:q". kInvalidArgument for an empty list or mixed/non-IP hosts.
Result<std::string> make_target(const std::vector<std::string>& endpoints);

/// The delay before retry number `retry` (1 = before the second attempt):
/// min(max_backoff, initial_backoff * multiplier^(retry-1)) scaled by 1 + jitter * (2u - 1),
/// with `u` uniform in [0, 1).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, double u);

}  // namespace yao::grpc
