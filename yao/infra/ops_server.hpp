// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The ops listener of every process (config `ops.listen`): plain HTTP/1.1 for probes and
// Prometheus, apart from the JSON-RPC port so that neither can starve the other.
//   GET /healthz  200 "ok": the process runs and its listener answers (liveness)
//   GET /readyz   200 with one "[+]name ok" line per check, or 503 with "[-]name failed: why"
//                 for those failing (readiness). Checks run on their own thread every
//                 check_period and /readyz answers their last results, so a hanging check (a
//                 database that does not answer) can never hang a probe: results older than
//                 stale_after count as failed ("checks stalled").
//   GET /metrics  the registry in the Prometheus text format 0.0.4
//   other paths 404, other methods 405. HEAD is answered like GET without a body.
// Hostile clients: headers over 8 KiB or any body -> 400/413 and closed; a connection idle or
// slow for `timeout` is closed; over max_connections open, new ones are closed at once.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <yao/common/error.hpp>

#include "metrics.hpp"

namespace yao::infra {

/// One readiness condition: nullopt when it holds, else why not.
struct ReadinessCheck {
    std::string name;
    std::function<std::optional<std::string>()> check;
};

struct OpsOptions {
    std::string listen = "127.0.0.1:9300";  ///< host:port; port 0: any free port
    size_t max_connections = 64;
    std::chrono::milliseconds timeout{10'000};
    std::chrono::milliseconds check_period{1'000};
    std::chrono::milliseconds stale_after{5'000};
    /// Called from the checks' thread after the first round and whenever readiness changes
    /// (the gRPC health status follows it).
    std::function<void(bool ready)> on_readiness{};
};

class OpsServer {
public:
    /// Binds and starts the listener and the readiness thread. `registry` must outlive the
    /// server (stop it before the objects its collectors and checks read are destroyed).
    static Result<std::unique_ptr<OpsServer>> start(OpsOptions options,
                                                    const metrics::Registry& registry,
                                                    std::vector<ReadinessCheck> checks);
    ~OpsServer();
    OpsServer(const OpsServer&) = delete;
    OpsServer& operator=(const OpsServer&) = delete;

    uint16_t port() const noexcept;
    /// host:port as bound.
    std::string address() const;
    /// Stops the listener and the checks; idempotent.
    void stop();

    struct Impl;

private:
    explicit OpsServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// Splits "host:port" ("[::1]:9300" for IPv6). Errors name the input.
Result<std::pair<std::string, uint16_t>> split_host_port(const std::string& listen);

}  // namespace yao::infra
