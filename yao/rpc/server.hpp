// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// YaoPortal's JSON-RPC transport: HTTP/1.1 (keep-alive) and WebSocket on one port, over
// Boost.Beast. Requests are handled by a JsonRpc on the io thread that read them (no thread hop
// per request); io threads have kExecutionStackBytes of stack because eth_call runs the EVM.
//
// HTTP (geth's rules, rpc/http.go):
//   POST, any path, Content-Type application/json (also application/json-rpc,
//     application/jsonrequest; parameters such as charset allowed) -> 200 with the JSON-RPC
//     response (an empty body when the request held only notifications)
//   other or missing Content-Type -> 415; PUT/DELETE/PATCH -> 405
//   body over max_body_bytes -> 413 and the connection is closed (also when announced by
//     Content-Length, before the body is read)
//   GET / or /healthz without Upgrade -> 200 {"status":"ok"}; other GET paths -> 404
//   GET with Upgrade: websocket -> the WebSocket session (any path)
//   OPTIONS -> 204 CORS preflight; Access-Control-Allow-Origin on every response whose Origin is
//     allowed by cors_origins (comma-separated list, "*" = any, empty = no CORS headers)
//   rate limited -> 429 with Retry-After: 1 and the body of a JSON-RPC error -32005
//     "request rate limited" (id null)
// WebSocket: each text message is a request or batch; responses and Session::push texts are
// written in order from one queue per session: pushes keep their order, and texts pushed while a
// message is being handled (the first notifications of a subscription it creates) are sent after
// that message's response. A rate-limited message gets the -32005 error object (id null).
// Session lifetime: a Session may be kept past the method call (subscriptions push to it from
// other threads) until its on_close callbacks have returned; it must not be used afterwards.
// on_close callbacks run on an io thread when the connection ends (HTTP connections too). Over
// ws_max_queue pending texts or ws_max_queue_bytes pending bytes (or when all sessions together hold
// max_queued_bytes) the session is closed (a slow reader cannot eat memory). Pings every
// idle_timeout/2; no traffic for idle_timeout closes the session.
//
// Browsers (geth's rules): a request whose Host is a name outside `vhosts` gets 403 (DNS
// rebinding); a WebSocket upgrade whose Origin is not allowed by cors_origins gets 403.
// Heavy methods (Weight::kHeavy: the EVM) run on their own bounded pool, never on the io
// threads, so that cheap requests keep being answered while they run.
// Rate limiting is a token bucket per remote IP address: one token per HTTP request or WebSocket
// message (a batch counts once), refilled at rate_limit_per_client per second, burst
// rate_limit_burst (0: max(1, rate)).
// Connections: at most max_connections_per_ip from one address and max_websockets WebSockets.
// Slow clients: a new connection gets first_request_timeout to start its first request, a
// kept-alive one idle_timeout to start the next, then header_timeout to finish
// sending its header and idle_timeout for the body; past that it is closed.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <yao/common/error.hpp>
#include <yao/log/logger.hpp>

#include "auth.hpp"
#include "jsonrpc.hpp"

namespace yao::rpc {

/// The default browser origins: pages served from this machine (any port).
inline constexpr const char* kLocalOrigins =
    "http://localhost:*,http://127.0.0.1:*,http://[::1]:*,https://localhost:*,"
    "https://127.0.0.1:*,https://[::1]:*";

/// Options of the transport.
struct ServerOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 8545;                      ///< 0: any free port (see Server::port())
    size_t io_threads = 0;                     ///< 0: one per core
    size_t max_body_bytes = 5u << 20;          ///< HTTP request body (geth: 5 MiB)
    size_t max_header_bytes = 64u << 10;       ///< HTTP request line and headers
    size_t max_connections = 1024;             ///< HTTP and WebSocket together; over it: closed
    size_t max_connections_per_ip = 256;       ///< from one remote address; over it: closed
    size_t max_websockets = 512;               ///< WebSocket sessions; over it: 503 at upgrade
    size_t max_connections_per_key = 256;      ///< per authenticated key; over it: 429
    double rate_limit_per_client = 0;          ///< requests/s per remote IP; 0 = off
    double rate_limit_burst = 0;               ///< bucket size; 0: max(1, rate_limit_per_client)
    /// Origins allowed to call from a browser (CORS, and the Origin of a WebSocket upgrade):
    /// comma-separated; "*" any; "scheme://host:*" any port of that host; empty: none (no
    /// CORS headers, and WebSocket upgrades that carry an Origin are refused).
    std::string cors_origins = kLocalOrigins;
    /// Host names accepted in the Host header (geth's --http.vhosts): comma-separated, "*" any.
    /// IP addresses are always accepted (they cannot be DNS-rebound). Others get 403.
    std::string vhosts = "localhost";
    std::chrono::seconds idle_timeout{60};     ///< keep-alive wait, body read, WebSocket idle
    std::chrono::seconds first_request_timeout{10};  ///< a new connection's first byte
    std::chrono::seconds header_timeout{10};   ///< to send a whole header once started
    std::chrono::seconds shutdown_timeout{5};  ///< stop(): wait for in-flight requests
    size_t ws_max_message = 32u << 20;         ///< WebSocket message read limit (geth: 32 MiB)
    size_t ws_max_queue = 10'000;              ///< pending outgoing texts per WebSocket
    size_t ws_max_queue_bytes = 32u << 20;     ///< pending outgoing bytes per WebSocket
    size_t max_queued_bytes = 256u << 20;      ///< pending outgoing bytes of all WebSockets
    /// Threads for Weight::kHeavy methods (EVM execution; 0: one per core) and how many such
    /// requests may wait for one; past that they get -32005 "server busy".
    size_t heavy_threads = 0;
    size_t heavy_queue = 64;
    /// Credentials, roles and the address allowlist (none by default: open, for a dev node on
    /// loopback). With credentials configured, every HTTP request and every WebSocket upgrade
    /// must carry `Authorization: Bearer <api key or JWT>` (or `X-API-Key`): else 401 with a
    /// JSON-RPC error -32001; an address outside the allowlist gets 403. Each call is checked
    /// against the caller's roles (-32010), admin calls and refused authentications are
    /// written to the audit log (credentials never are). With credentials, the rate limit is
    /// per key rather than per address.
    AuthOptions auth{};
    /// TLS on the port (HTTPS and wss) when a certificate is set: PEM certificate chain and
    /// private key files; with a client CA file, clients must present a certificate it signed
    /// (mutual TLS). TLS 1.2 or later.
    std::string tls_cert_file{};
    std::string tls_key_file{};
    std::string tls_client_ca_file{};
};

/// Counters since start. Values are read independently (not one snapshot).
struct ServerStats {
    uint64_t connections_active = 0;   ///< open HTTP and WebSocket connections
    uint64_t connections_total = 0;    ///< accepted and served
    uint64_t connections_refused = 0;  ///< closed at once: over max_connections
    uint64_t websockets_active = 0;
    uint64_t requests = 0;      ///< HTTP POSTs and WebSocket messages handled
    uint64_t rate_limited = 0;  ///< requests refused by the rate limiter
    uint64_t timeouts = 0;      ///< connections cut for being slow or idle
    uint64_t ws_overflows = 0;  ///< WebSocket sessions closed for a full queue
    uint64_t forbidden = 0;     ///< refused for their Host or Origin header (403)
    uint64_t busy = 0;          ///< heavy requests refused: every heavy thread busy, queue full
};

/// A running server. Thread-safe: stop() and stats() may be called from any thread (not from
/// a request handler: stop() waits for handlers).
class Server {
public:
    /// Binds `options.host:options.port`, starts the io threads and accepts connections.
    /// `rpc` must outlive the Server. Fails when the address cannot be bound or threads cannot
    /// be started.
    static Result<std::unique_ptr<Server>> start(ServerOptions options, const JsonRpc& rpc,
                                                 log::Logger logger);

    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    /// Calls stop().
    ~Server();

    /// The bound port (the real one when options.port was 0).
    uint16_t port() const noexcept;

    /// Graceful shutdown: stops accepting, lets requests being handled finish and their
    /// responses be written (bounded by shutdown_timeout), closes idle HTTP connections, sends
    /// WebSockets a close frame (going away), runs every Session::on_close callback, then joins
    /// the io threads. Idempotent.
    void stop();

    ServerStats stats() const noexcept;

    class Impl;

private:
    explicit Server(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace yao::rpc
