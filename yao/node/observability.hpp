// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// What a process shows on its ops listener (docs/operations.md "Metrics and health"): the
// Prometheus families of the services it runs and its readiness checks. The composition roots
// (yao/app) fill an Observed with what they built and start an infra::OpsServer over it.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <yao/infra/metrics.hpp>
#include <yao/infra/ops_server.hpp>

namespace yao::mq {
class Bus;
}
namespace yao::storage {
class ChainStore;
}
namespace yao::rpc {
class MethodTable;
}
namespace yao::grpc {
class Server;
}
namespace yao::chronos {
class Sequencer;
}
namespace yao::vulcan {
class ExecutionService;
}
namespace yao::archive {
class CommitService;
}
namespace yao::portal {
class Admission;
class Portal;
}

namespace yao::node {

/// The parts of one process that have something to show. Null members are left out; every
/// pointer must stay valid until the OpsServer over them has stopped.
struct Observed {
    std::string service;  ///< "dev", "portal", "chronos", "vulcan" or "archive" (yao_build_info)
    std::string version;  ///< yaoverse's version (yao_build_info)
    const portal::Admission* admission = nullptr;
    const portal::Portal* portal = nullptr;
    /// The sequencer running now (the Chronos' changes with its leadership); null: none.
    std::function<std::shared_ptr<const chronos::Sequencer>()> sequencer;
    /// Whether this process leads the sequencing (Chronos); empty: not a candidate.
    std::function<bool()> leading;
    const vulcan::ExecutionService* executor = nullptr;
    /// Names of the executor's cache levels after L1, in its source order ("L2", "L3").
    std::vector<std::string> cache_levels;
    const archive::CommitService* committer = nullptr;
    const grpc::Server* grpc = nullptr;
    const mq::Bus* bus = nullptr;
    std::vector<std::string> topics;  ///< the bus topics this process uses
    storage::ChainStore* store = nullptr;
    /// Caught up: the head this process works from, and the chain's head (the store's, or the
    /// Archive's through BlockService for a Portal). Readiness fails while the first is more
    /// than kMaxHeadLag blocks behind the second. Either empty: no such check.
    std::function<uint64_t()> known_head;
    std::function<Result<uint64_t>()> chain_head;
};

/// How far behind the chain's head a process may be and still be ready.
inline constexpr uint64_t kMaxHeadLag = 64;

/// Adds the families of `o` (and the process_* ones) to `registry`.
void register_metrics(infra::metrics::Registry& registry, const Observed& o);

/// The ops listener of a process and the registry it renders.
struct Ops {
    std::unique_ptr<infra::metrics::Registry> registry;
    std::unique_ptr<infra::OpsServer> server;
    /// Stops the listener (before the observed objects go away). Idempotent.
    void stop() {
        if (server) server->stop();
    }
};

/// Registers `o`'s metrics and starts the listener on `listen` ("ip:port"); `on_readiness` as
/// in infra::OpsOptions.
Result<Ops> start_ops(const std::string& listen, const Observed& o,
                      std::function<void(bool)> on_readiness = {});

/// The head of `store` (0 before the genesis), for Observed::chain_head.
std::function<Result<uint64_t>()> store_head(storage::ChainStore* store);

/// The four pipeline topics (proto/messages.hpp), for Observed::topics.
std::vector<std::string> pipeline_topics();

/// The readiness checks of `o`: the store answers, the bus answers, the chain is not halted,
/// the process is caught up.
std::vector<infra::ReadinessCheck> readiness_checks(const Observed& o);

}  // namespace yao::node
