// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The composition roots of the cluster shape: one per service process. Each builds the same
// service objects as `yaoverse dev` (yao/node/wiring.hpp), over Redis Streams and a
// MySQL-protocol store, serves its API over gRPC, and reaches the others through their gRPC
// clients.
#include "cluster_command.hpp"

#include <unistd.h>

#include <csignal>
#include <map>
#include <mutex>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <yao/app/process.hpp>
#include <yao/app/version.hpp>
#include <yao/config/config.hpp>
#include <yao/config/dev_accounts.hpp>
#include <yao/grpc/options.hpp>
#include <yao/grpc/server.hpp>
#include <yao/infra/worker_pool.hpp>
#include <yao/log/logger.hpp>
#include <yao/mq/bus.hpp>
#include <yao/node/dev_node.hpp>
#include <yao/node/observability.hpp>
#include <yao/node/portal_config.hpp>
#include <yao/node/wiring.hpp>
#include <yao/services/archive/block_reader.hpp>
#include <yao/services/archive/commit_service.hpp>
#include <yao/services/archive/grpc/block_service_client.hpp>
#include <yao/services/archive/grpc/block_service_server.hpp>
#include <yao/services/chronos/grpc/leader_gate.hpp>
#include <yao/services/chronos/grpc/sequencer_service_client.hpp>
#include <yao/services/chronos/grpc/sequencer_service_server.hpp>
#include <yao/services/chronos/k8s_lease.hpp>
#include <yao/services/chronos/leader.hpp>
#include <yao/services/chronos/sequencer.hpp>
#include <yao/services/portal/portal.hpp>
#include <yao/services/portal/service_backend.hpp>
#include <yao/services/vulcan/executor_service.hpp>
#include <yao/services/vulcan/grpc/state_service_client.hpp>
#include <yao/services/vulcan/grpc/state_service_server.hpp>
#include <yao/services/vulcan/state_reader.hpp>
#include <yao/state/oracle.hpp>
#include <yao/storage/chain_store.hpp>

namespace yao::app {
namespace {

struct Options {
    std::string config_path;
    std::string name;
    std::string grpc_listen;
    std::optional<uint16_t> rpc_port;
    std::string log_level;
    std::string log_format;
    std::string ops_listen;
};

/// What every service process holds while it runs; destroyed in reverse order.
struct Running {
    std::shared_ptr<storage::ChainStore> store;
    std::unique_ptr<mq::Bus> bus;
    std::unique_ptr<archive::CommitService> committer;
    std::unique_ptr<vulcan::ExecutionService> executor;
    std::unique_ptr<storage::LeaseStore> leases;
    std::shared_ptr<chronos::grpc::LeaderGate> gate;
    std::unique_ptr<chronos::LeaderElector> elector;
    std::unique_ptr<archive::BlockService> blocks;
    std::unique_ptr<vulcan::StateService> state;
    std::unique_ptr<chronos::SequencerService> sequencer_client;
    std::unique_ptr<infra::WorkerPool> workers;
    std::unique_ptr<rpc::Backend> backend;
    std::unique_ptr<portal::Portal> portal;
    std::vector<grpc::HostedService> hosted;
    std::unique_ptr<grpc::Server> server;
    /// The Chronos' sequencer while it leads (metrics read it).
    mutable std::mutex sequencer_mutex;
    std::shared_ptr<chronos::Sequencer> sequencer;
    node::Ops ops;

    std::shared_ptr<const chronos::Sequencer> current_sequencer() const {
        std::lock_guard lock{sequencer_mutex};
        return sequencer;
    }

    void stop() {
        ops.stop();  // first: its collectors and checks read everything below
        if (portal) portal->stop();
        portal.reset();
        backend.reset();
        if (server) server->shutdown();
        if (elector) elector->stop();  // ends the term: stops the sequencer, releases the lease
        if (executor) executor->stop();
        if (committer) committer->stop();
        if (bus) bus->close();
    }
};

std::unexpected<Error> fail(std::string what) {
    return std::unexpected(Error{std::make_error_code(std::errc::invalid_argument), std::move(what)});
}

Result<config::NodeConfig> load(std::string_view service, const Options& o) {
    if (o.config_path.empty()) return fail("--config FILE is required");
    YAO_TRY(config::NodeConfig cfg, config::load_config(o.config_path));
    if (!o.name.empty()) cfg.cluster.name = o.name;
    if (!o.grpc_listen.empty()) cfg.cluster.grpc_listen = o.grpc_listen;
    if (o.rpc_port) cfg.rpc.port = *o.rpc_port;
    if (!o.ops_listen.empty()) cfg.ops.listen = o.ops_listen;
    if (!o.log_level.empty()) cfg.log.level = o.log_level;
    if (o.log_format == "json") cfg.log.format = config::LogFormat::kJson;
    if (o.log_format == "text") cfg.log.format = config::LogFormat::kText;
    if (cfg.cluster.name.empty())
        cfg.cluster.name = std::string{service} + "-" + std::to_string(::getpid());
    YAO_TRY_VOID(config::validate_config(cfg));
    // The shape's own rules: the processes meet on Redis Streams and share a database.
    if (cfg.bus.kind != "redis") return fail("bus.kind must be \"redis\" in a cluster");
    if (service != "portal" && cfg.store.kind != config::StoreKind::kMysql)
        return fail("store.kind must be \"mysql\" in a cluster (processes share the database)");
    if (cfg.profile == "production" && cfg.cluster.tls.ca_file.empty())
        return fail("the production profile needs cluster.tls (mutual TLS between services)");
    if (service == "portal") {
        if (cfg.cluster.archive.empty()) return fail("cluster.archive: no BlockService endpoint");
        if (cfg.cluster.vulcan.empty()) return fail("cluster.vulcan: no StateService endpoint");
        if (cfg.cluster.chronos.empty())
            return fail("cluster.chronos: no SequencerService endpoint");
    }
    return cfg;
}

/// The seed's services a process hosts that do nothing yet, and what is missing (docs/cluster.md).
std::map<std::string, std::string> planned_services(std::string_view service) {
    if (service == "archive") {
        return {{"yao.v1.StorageService",
                 "blocks are stored from state-commit-topic; reads are BlockService (here) and "
                 "StateService (YaoVulcan)"},
                {"yao.v1.ValidationService",
                 "the chain audit runs as the command `yaoverse verify`, not over gRPC"},
                {"yao.v1.BackupService",
                 "backups are taken and restored with the commands `yaoverse backup` and "
                 "`yaoverse restore`, not over gRPC"}};
    }
    if (service == "vulcan") {
        return {{"yao.v1.ExecutionService",
                 "blocks are executed from block-execute-topic; calls and estimates run in the "
                 "Portal over StateService"},
                {"yao.v1.OracleService", "the state cache is read through StateService"}};
    }
    if (service == "chronos") {
        return {{"yao.v1.ConsensusService",
                 "the leader is elected through a lease (cluster.election); the term is not "
                 "served over gRPC"},
                {"yao.v1.ConfigService",
                 "configuration is read from the file at start; dynamic changes are not built"}};
    }
    return {};
}

grpc::ServerOptions server_options(std::string_view service, const config::ClusterConfig& c) {
    grpc::ServerOptions o;
    o.planned = planned_services(service);
    o.listen_address = c.grpc_listen;
    if (!c.tls.ca_file.empty())
        o.tls = grpc::ServerTls{c.tls.cert_file, c.tls.key_file, c.tls.ca_file, true};
    return o;
}

grpc::ClientOptions client_options(const config::ClusterConfig& c,
                                   const std::vector<std::string>& endpoints) {
    grpc::ClientOptions o;
    o.endpoints = endpoints;
    o.default_deadline = std::chrono::milliseconds{c.deadline_ms};
    o.wait_for_ready = true;  // a restarting peer makes calls slower, not failed
    if (!c.tls.ca_file.empty()) o.tls = grpc::ClientTls{c.tls.ca_file, c.tls.cert_file, c.tls.key_file, {}};
    return o;
}

log::Logger make_logger(std::string_view service, const config::NodeConfig& cfg) {
    log::Config lc;
    lc.service = "yao-" + std::string{service};
    lc.level = log::parse_level(cfg.log.level).value_or(log::Level::kInfo);
    lc.format = cfg.log.format == config::LogFormat::kJson ? log::Format::kJson : log::Format::kText;
    lc.output = log::Output::standard_error();
    log::Logger logger{lc};
    log::set_default_logger(logger);
    return logger;
}

/// The store (and the genesis in it: the first process to start writes it).
Result<std::shared_ptr<storage::ChainStore>> open_store(const config::NodeConfig& cfg) {
    YAO_TRY(node::OpenedStore opened, node::open_store(cfg));
    return opened.store;
}

Result<void> serve(Running& r, std::string_view service, const config::NodeConfig& cfg) {
    std::vector<grpc::ServiceEntry> entries;
    for (const auto& h : r.hosted) entries.push_back(h.entry());
    YAO_TRY(r.server, grpc::Server::start(server_options(service, cfg.cluster), std::move(entries)));
    std::printf("gRPC listening on %s\n", r.server->address().c_str());
    std::fflush(stdout);
    return {};
}

Result<void> start_archive(Running& r, const config::NodeConfig& cfg, log::Logger& log) {
    YAO_TRY(r.store, open_store(cfg));
    YAO_TRY(r.bus, node::make_bus(cfg.bus));
    YAO_TRY(auto l2, node::make_l2(cfg.redis));
    const size_t l1_bytes = static_cast<size_t>(cfg.execution.l1_cache_mb) << 20;
    r.committer = node::make_commit_service(
        cfg, *r.bus, r.store, node::make_l1(l1_bytes), l2, cfg.cluster.name,
        [log](const Error& e) {
            log.error("the chain halted: stopping").with_error(e).log();
            ::kill(::getpid(), SIGTERM);
        },
        log);
    r.blocks = std::make_unique<archive::BlockReader>(r.store);
    r.hosted.push_back(archive::grpc::make_block_service_server(*r.blocks));
    YAO_TRY_VOID(serve(r, "archive", cfg));
    return r.committer->start();
}

Result<void> start_vulcan(Running& r, const config::NodeConfig& cfg, log::Logger& log) {
    YAO_TRY(r.store, open_store(cfg));
    YAO_TRY(r.bus, node::make_bus(cfg.bus));
    YAO_TRY(auto l2, node::make_l2(cfg.redis));
    const size_t l1_bytes = static_cast<size_t>(cfg.execution.l1_cache_mb) << 20;
    YAO_TRY(r.executor, node::make_execution_service(cfg, *r.bus, r.store, node::make_l1(l1_bytes),
                                                     l2, cfg.cluster.name, log));
    r.state = std::make_unique<vulcan::StateReader>(r.store);
    r.hosted.push_back(vulcan::grpc::make_state_service_server(*r.state));
    YAO_TRY_VOID(serve(r, "vulcan", cfg));
    return r.executor->start();
}

Result<std::unique_ptr<storage::LeaseStore>> make_leases(const config::ElectionConfig& e,
                                                         std::shared_ptr<storage::ChainStore> store) {
    if (e.backend == "database") return storage::make_store_leases(std::move(store));
    chronos::K8sLeaseOptions k;
    k.api_server = e.k8s_api_server;
    k.lease_namespace = e.k8s_namespace;
    k.sa_dir = e.k8s_sa_dir;
    return chronos::make_k8s_lease_store(std::move(k));
}

/// A holder identity no other process has: the name, the pid and a random suffix (a restarted
/// process is a new candidate and waits for its predecessor's lease to expire).
std::string election_identity(const std::string& name) {
    return fmt::format("{}/{}/{}", name, ::getpid(), mq::new_id().substr(0, 8));
}

/// Every Chronos is a candidate; the one holding the lease runs the sequencer, under the
/// epoch of its term, behind the gate the gRPC server answers through (docs/cluster.md).
Result<void> start_chronos(Running& r, const config::NodeConfig& cfg, log::Logger& log) {
    YAO_TRY(r.store, open_store(cfg));
    YAO_TRY(r.bus, node::make_bus(cfg.bus));
    const auto& e = cfg.cluster.election;
    YAO_TRY(r.leases, make_leases(e, r.store));
    r.gate = std::make_shared<chronos::grpc::LeaderGate>(cfg.cluster.name);
    r.hosted.push_back(chronos::grpc::make_sequencer_service_server(*r.gate));
    YAO_TRY_VOID(serve(r, "chronos", cfg));

    chronos::ElectionOptions eo;
    eo.lease_name = e.lease_name;
    eo.identity = election_identity(cfg.cluster.name);
    eo.lease_duration = std::chrono::milliseconds{e.lease_duration_ms};
    eo.renew_deadline = std::chrono::milliseconds{e.renew_deadline_ms};
    eo.retry_period = std::chrono::milliseconds{e.retry_period_ms};
    YAO_TRY_VOID(chronos::validate(eo));
    auto elected = [&r, &cfg, log](uint64_t epoch) mutable -> Result<void> {
        // The fence first: from here on no block of an older term can commit, so the head read
        // next is final for them, and this term numbers its blocks after it.
        YAO_TRY(const uint64_t fence, r.store->raise_fence(epoch));
        if (fence > epoch)
            return fail(fmt::format("the fence is at epoch {}: a newer term than {} exists", fence,
                                    epoch));
        YAO_TRY(auto sequencer, node::make_sequencer(cfg, *r.bus, r.store, log, epoch));
        YAO_TRY_VOID(sequencer->start());
        log.info("sequencing")
            .with_field("epoch", epoch)
            .with_field("head", sequencer->head().number)
            .log();
        // Calls are answered once the predecessor's journal is in the pool (rebuilding()).
        std::shared_ptr<chronos::Sequencer> shared{std::move(sequencer)};
        r.gate->lead(shared, [s = shared.get()] { return !s->rebuilding(); });
        std::lock_guard lock{r.sequencer_mutex};
        r.sequencer = shared;
        return {};
    };
    auto deposed = [&r](uint64_t) {
        auto previous = std::dynamic_pointer_cast<chronos::Sequencer>(r.gate->follow());
        if (previous) previous->stop();
        std::lock_guard lock{r.sequencer_mutex};
        r.sequencer.reset();
    };
    r.elector = std::make_unique<chronos::LeaderElector>(eo, *r.leases, log, std::move(elected),
                                                         std::move(deposed));
    r.elector->start();
    return {};
}

Result<void> start_portal(Running& r, const config::NodeConfig& cfg, log::Logger& log) {
    YAO_TRY(r.bus, node::make_bus(cfg.bus));
    YAO_TRY(r.blocks, archive::grpc::make_block_service_client(
                          client_options(cfg.cluster, cfg.cluster.archive)));
    // The ServiceBackend keeps the head state and code it reads (portal/state_cache.hpp).
    YAO_TRY(r.state,
            vulcan::grpc::make_state_service_client(client_options(cfg.cluster, cfg.cluster.vulcan)));
    // Submissions ride out a leader change: a follower answers UNAVAILABLE at once, and the
    // retries (about 4 s in all) reach the new leader after its lease takeover.
    // A paused leader (SIGSTOP, a stall) accepts connections and answers nothing: each attempt
    // gives up after at most 2 s and the retry goes to the next endpoint.
    auto chronos_options = client_options(cfg.cluster, cfg.cluster.chronos);
    chronos_options.default_deadline =
        std::min(chronos_options.default_deadline, std::chrono::milliseconds{2000});
    chronos_options.retry.max_attempts = 12;
    chronos_options.retry.max_backoff = std::chrono::milliseconds{500};
    YAO_TRY(r.sequencer_client,
            chronos::grpc::make_sequencer_service_client(std::move(chronos_options)));
    r.workers = std::make_unique<infra::WorkerPool>();
    YAO_TRY(auto accounts, config::derive_dev_accounts(cfg.genesis.dev_accounts.mnemonic,
                                                       cfg.genesis.dev_accounts.count));
    portal::ServiceBackendOptions o;
    o.admission = node::admission_options(cfg);
    o.coinbase = cfg.chain.coinbase;
    o.accounts = node::signing_accounts(accounts);
    o.state_cache_bytes = static_cast<size_t>(cfg.rpc.state_cache_mb) << 20;
    o.header_cache_size = static_cast<size_t>(cfg.rpc.header_cache);
    YAO_TRY(auto backend, portal::ServiceBackend::start(std::move(o), *r.blocks, *r.state,
                                                        *r.sequencer_client, *r.bus, *r.workers,
                                                        log.with_component("portal")));
    r.backend = std::move(backend);
    portal::PortalOptions po = node::to_portal_options(cfg.rpc);
    po.eth.client_version = std::string{"YaoVerse/v"} + kVersion + "/linux-amd64";
    po.eth.dev_methods = false;  // a client must not drive a cluster's sequencer
    YAO_TRY(r.portal, portal::Portal::start(po, *r.backend, log));
    std::printf("Listening on %s:%u\n", cfg.rpc.host.c_str(), static_cast<unsigned>(r.portal->port()));
    std::fflush(stdout);
    return {};
}

/// What the ops listener of `service` shows (docs/operations.md "Metrics and health").
node::Observed observed(const Running& r, std::string_view service, const config::NodeConfig& cfg) {
    node::Observed o;
    o.service = std::string{service};
    o.version = kVersion;
    o.grpc = r.server.get();
    o.bus = r.bus.get();
    o.store = r.store.get();
    if (o.store) o.chain_head = node::store_head(o.store);
    if (service == "archive") {
        o.committer = r.committer.get();
        o.known_head = [c = r.committer.get()] { return c->head().number; };
        o.topics = {proto::kStateCommitTopic, proto::kCacheInvalidationTopic};
    } else if (service == "vulcan") {
        o.executor = r.executor.get();
        o.known_head = [x = r.executor.get()] { return x->committed_head(); };
        o.cache_levels = cfg.redis.url.empty() ? std::vector<std::string>{"L3"}
                                               : std::vector<std::string>{"L2", "L3"};
        o.topics = {proto::kBlockExecuteTopic, proto::kStateCommitTopic};
    } else if (service == "chronos") {
        o.sequencer = [&r] { return r.current_sequencer(); };
        o.leading = [gate = r.gate] { return gate->leading(); };
        // A follower has no head of its own to lag with: only the leader's sequencer is checked.
        o.known_head = [&r, store = r.store.get()]() -> uint64_t {
            if (auto s = r.current_sequencer()) return s->head().number;
            auto head = store->head_number();
            return head && *head ? **head : 0;
        };
        o.topics = {proto::kTxIngressTopic, proto::kBlockExecuteTopic};
    } else {
        if (auto* b = dynamic_cast<const portal::ServiceBackend*>(r.backend.get()))
            o.admission = &b->admission();
        o.portal = r.portal.get();
        o.topics = {proto::kTxIngressTopic, proto::kCacheInvalidationTopic};
        o.known_head = [b = r.backend.get()] { return b->head_number(); };
        o.chain_head = [blocks = r.blocks.get()] { return blocks->head_number(); };
    }
    return o;
}

/// Starts the ops listener when configured; gRPC health follows readiness.
Result<void> start_ops(Running& r, std::string_view service, const config::NodeConfig& cfg) {
    if (cfg.ops.listen.empty()) return {};
    grpc::Server* server = r.server.get();
    YAO_TRY(r.ops, node::start_ops(cfg.ops.listen, observed(r, service, cfg), [server](bool ready) {
                if (server) server->set_all_serving(ready);
            }));
    std::printf("Ops (healthz, readyz, metrics) on %s\n", r.ops.server->address().c_str());
    std::fflush(stdout);
    return {};
}

}  // namespace

int service_main(std::string_view service, const std::vector<std::string_view>& args) {
    const std::string title = "yaoverse " + std::string{service};
    CLI::App app{"Run YaoVerse's " + std::string{service} + " service of a cluster (docs/cluster.md)",
                 title};
    Options o;
    app.add_option("--config", o.config_path, "JSON configuration file (required)");
    app.add_option("--name", o.name, "this process's name (logs, consumers); default service-pid");
    app.add_option("--grpc-listen", o.grpc_listen, "host:port of this process's gRPC server");
    if (service == "portal")
        app.add_option("--rpc-port", o.rpc_port, "JSON-RPC port (0: any free port)");
    app.add_option("--log-level", o.log_level, "debug, info, warn, error or off");
    app.add_option("--log-format", o.log_format, "text or json");
    app.add_option("--ops-listen", o.ops_listen,
                   "ip:port of GET /healthz, /readyz and /metrics (config ops.listen; default off)");
    if (int rc = parse_command_line(app, args); rc >= 0) return rc;
    auto cfg = load(service, o);
    if (!cfg) {
        std::fprintf(stderr, "%s: %s\n", title.c_str(), cfg.error().message().c_str());
        return 2;
    }
    log::Logger logger = make_logger(service, *cfg);
    // Before any thread starts: they inherit the signal mask (sigwait below takes them).
    const sigset_t signals = prepare_process();

    Running running;
    Result<void> started = service == "archive"   ? start_archive(running, *cfg, logger)
                           : service == "vulcan"  ? start_vulcan(running, *cfg, logger)
                           : service == "chronos" ? start_chronos(running, *cfg, logger)
                                                  : start_portal(running, *cfg, logger);
    if (started) started = start_ops(running, service, *cfg);
    if (!started) {
        std::fprintf(stderr, "%s: %s\n", title.c_str(), started.error().message().c_str());
        running.stop();
        return 1;
    }
    logger.info("service running")
        .with_field("service", service)
        .with_field("name", cfg->cluster.name)
        .log();
    int sig = 0;
    sigwait(&signals, &sig);
    logger.info("shutting down").with_field("signal", sig).log();
    running.stop();
    // What the service did, for operators and the benchmark (re-executions, fenced work).
    if (running.committer) {
        const auto st = running.committer->stats();
        logger.info("commit stats")
            .with_field("blocks", st.blocks)
            .with_field("transactions", st.transactions)
            .with_field("reexecuted", st.reexecuted)
            .with_field("duplicates", st.duplicates)
            .with_field("fenced", st.fenced)
            .log();
    }
    if (running.executor) {
        const auto st = running.executor->stats();
        logger.info("execution stats")
            .with_field("blocks", st.blocks)
            .with_field("transactions", st.transactions)
            .with_field("speculative", st.speculative)
            .with_field("fenced", st.fenced)
            .log();
    }
    const bool failed = running.committer && running.committer->failure().has_value();
    return failed ? 1 : 0;
}

}  // namespace yao::app
