// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Options of the gRPC runtime: plain structs a service's configuration fills in. No gRPC header
// here, so configuration code can hold them without pulling in grpcpp.

#include <yao/grpc/errc.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace yao::grpc {

/// TLS of a server: PEM files. With `ca_file` set, client certificates are verified against it.
struct ServerTls {
    std::string cert_file{};           ///< the server's certificate chain
    std::string key_file{};            ///< its private key
    std::string ca_file{};             ///< CA that signs client certificates (empty: none asked)
    bool require_client_cert = false;  ///< mutual TLS: refuse clients without a valid certificate
};

/// How a Server listens.
struct ServerOptions {
    /// "host:port"; loopback by default. Port 0 picks a free port (Server::port() reports it).
    std::string listen_address = "127.0.0.1:0";
    std::optional<ServerTls> tls{};  ///< nullopt: plaintext (tests, dev; never production)
    /// How long shutdown() lets calls in flight finish before cancelling them.
    std::chrono::milliseconds shutdown_grace{5000};
    int max_message_bytes = 64 << 20;  ///< largest request and reply (blocks can be big)
    /// Services of the architecture this process hosts but that do nothing yet: full service
    /// name ("yao.v1.ConsensusService") -> what is missing. Every method of theirs answers
    /// UNIMPLEMENTED "<service>/<method> is not built yet: <what is missing>", so that a caller
    /// learns why instead of meeting an unknown service.
    std::map<std::string, std::string> planned{};
};

/// TLS of a client: PEM files. `cert_file` + `key_file` present a client certificate (mTLS).
struct ClientTls {
    std::string ca_file{};    ///< CA that signs server certificates (empty: the system roots)
    std::string cert_file{};  ///< client certificate for mutual TLS (empty: none)
    std::string key_file{};   ///< its private key
    /// Name the server certificate must carry (SAN). Empty: the host of the first endpoint.
    std::string server_name{};
};

/// Whether a call may run twice. Only idempotent calls (reads, and writes keyed so that a repeat
/// changes nothing) are retried: a non-idempotent call that timed out may have happened.
enum class Idempotency : std::uint8_t { kNotIdempotent, kIdempotent };

/// Retries of idempotent calls: exponential backoff with jitter between attempts.
struct RetryPolicy {
    int max_attempts = 4;                           ///< including the first; 1 = no retry
    std::chrono::milliseconds initial_backoff{50};  ///< delay before the second attempt
    std::chrono::milliseconds max_backoff{2000};    ///< cap on any delay
    double multiplier = 2.0;                        ///< growth of the delay per attempt
    double jitter = 0.2;  ///< each delay is scaled by 1 ± jitter (uniform)
    /// Codes worth another attempt. DEADLINE_EXCEEDED is safe here because only idempotent
    /// calls are retried.
    std::vector<Errc> retryable = {Errc::kUnavailable, Errc::kDeadlineExceeded};
};

/// How a Client reaches its servers.
struct ClientOptions {
    /// "host:port" of every server. Several endpoints must be IP literals ("127.0.0.1:7001",
    /// "[::1]:7001"); one endpoint may be a DNS name, and every address it resolves to is used.
    /// Calls are spread over the endpoints with gRPC's round_robin policy.
    std::vector<std::string> endpoints{};
    std::optional<ClientTls> tls{};                    ///< nullopt: plaintext
    std::chrono::milliseconds default_deadline{5000};  ///< per attempt, unless a call sets its own
    RetryPolicy retry{};
    /// Reconnect backoff of the channel after a server went away; short so that a restarted
    /// service is found again within the retries of one call.
    std::chrono::milliseconds reconnect_backoff_initial{100};
    std::chrono::milliseconds reconnect_backoff_max{2000};
    int max_message_bytes = 64 << 20;
    /// A call made while no endpoint is reachable waits (up to its deadline) for one to come
    /// back instead of failing at once: for peers that restart (a Chronos, an Archive), so that
    /// their clients see a slower answer rather than an error. Off: UNAVAILABLE at once.
    bool wait_for_ready = false;
};

}  // namespace yao::grpc
