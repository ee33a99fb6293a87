// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <yao/common/error.hpp>
#include <yao/grpc/options.hpp>
#include <yao/infra/metrics.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace grpc {
class Service;
}

namespace yao::grpc {

/// One gRPC service a Server hosts. `service` is a generated `X::Service` (or `X::CallbackService`)
/// implementation that must outlive the Server; `name` is its full proto name
/// (`X::service_full_name()`), under which the health service reports it.
struct ServiceEntry {
    std::string name{};
    ::grpc::Service* service = nullptr;
    bool serving = true;  ///< health status at start; false for a service that still warms up
};

/// A service implementation owned with its name: what a service adapter hands out, so that its
/// public header needs no grpcpp (the adapter's .cpp makes it from its generated `X::Service`
/// implementation; the shared_ptr's deleter is bound there). Copies share the implementation.
struct HostedService {
    std::string name{};
    std::shared_ptr<::grpc::Service> service{};

    /// The entry for Server::start; valid while this HostedService (or a copy) lives.
    ServiceEntry entry() const { return {name, service.get()}; }
};

/// The calls one method served since start: by final status code (indexed by the gRPC code
/// number, 0 OK to 16 UNAUTHENTICATED) and their latency.
struct MethodCalls {
    std::string method;  ///< "/package.Service/Method"; "other" past kMaxMethodSeries methods
    std::array<uint64_t, 17> by_code{};
    infra::metrics::HistogramSnapshot latency;
};
inline constexpr size_t kMaxMethodSeries = 256;
/// The name of gRPC status code `code` ("OK", "UNAVAILABLE", ...).
std::string_view status_code_name(size_t code) noexcept;

/// A running gRPC server: the given services plus the standard health service
/// (grpc.health.v1.Health, gRPC's built-in implementation), on one listening address, with TLS or
/// mutual TLS from ServerOptions. Destruction shuts it down gracefully.
class Server {
public:
    /// Builds and starts the server. Errors: kInvalidArgument (no or a null service, unreadable
    /// certificate files, mTLS without a CA), kUnavailable (the address cannot be bound).
    static Result<std::unique_ptr<Server>> start(const ServerOptions& options,
                                                 std::vector<ServiceEntry> services);

    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// The port bound (the chosen one when the options asked for port 0).
    std::uint16_t port() const noexcept;

    /// "host:port" clients can dial: the listen host with the bound port ("127.0.0.1:41234").
    const std::string& address() const noexcept;

    /// Every method called so far (an interceptor sees each call's final status), sorted.
    std::vector<MethodCalls> calls() const;

    /// Sets what the health service answers for `service` ("" = the server as a whole).
    /// Ignored after shutdown() began.
    void set_serving(std::string_view service, bool serving);

    /// Sets every registered service and the server as a whole.
    void set_all_serving(bool serving);

    /// Graceful shutdown: health turns NOT_SERVING, new calls are refused, calls in flight get
    /// ServerOptions::shutdown_grace to finish and are cancelled after it; returns when every
    /// handler has returned. Idempotent.
    void shutdown();

    /// The same with an explicit grace period.
    void shutdown(std::chrono::milliseconds grace);

private:
    struct Impl;
    explicit Server(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> impl_;
};

}  // namespace yao::grpc
