// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "observability.hpp"

#include <yao/grpc/server.hpp>
#include <yao/mq/bus.hpp>
#include <yao/proto/messages.hpp>
#include <yao/rpc/types.hpp>
#include <yao/services/archive/commit_service.hpp>
#include <yao/services/chronos/sequencer.hpp>
#include <yao/services/portal/admission.hpp>
#include <yao/services/portal/portal.hpp>
#include <yao/services/vulcan/executor_service.hpp>
#include <yao/storage/chain_store.hpp>

namespace yao::node {
namespace {

using infra::metrics::Emitter;
using infra::metrics::Labels;
using infra::metrics::Registry;
using infra::metrics::Type;

double d(uint64_t v) { return static_cast<double>(v); }

/// "/yao.v1.BlockService/GetBlock" -> {"yao.v1.BlockService", "GetBlock"}.
Labels grpc_labels(const std::string& path) {
    const size_t slash = path.find('/', 1);
    if (path.empty() || path[0] != '/' || slash == std::string::npos)
        return {{"grpc_service", path}, {"grpc_method", ""}};
    return {{"grpc_service", path.substr(1, slash - 1)}, {"grpc_method", path.substr(slash + 1)}};
}

void add_stage_family(Registry& r, const Observed& o) {
    r.add("yao_stage_duration_seconds",
          "Time spent in each pipeline stage: admission (one submit call), queueing (per "
          "transaction, entrance to proposal), execution (one block), validation (one result's "
          "read-set check), reexecution (one stale result), commit (one block: building it and "
          "the database transaction).",
          Type::kHistogram, [o](Emitter& e) {
              if (o.admission) e.histogram({{"stage", "admission"}}, o.admission->latency().snapshot());
              if (o.sequencer) {
                  if (auto s = o.sequencer()) e.histogram({{"stage", "queueing"}}, s->queue_latency().snapshot());
              }
              if (o.executor)
                  e.histogram({{"stage", "execution"}}, o.executor->execute_latency().snapshot());
              if (o.committer) {
                  const auto& m = o.committer->metrics();
                  e.histogram({{"stage", "validation"}}, m.validate.snapshot());
                  e.histogram({{"stage", "reexecution"}}, m.reexecute.snapshot());
                  e.histogram({{"stage", "commit"}}, m.commit.snapshot());
              }
          });
}

void add_admission(Registry& r, const portal::Admission* a) {
    r.add("yao_transactions_admitted_total",
          "Transactions the entrance accepted (answered with a hash).", Type::kCounter,
          [a](Emitter& e) { e.sample(d(a->counts().admitted)); });
    r.add("yao_transactions_refused_total",
          "Transactions the entrance refused, by reason (the error code's name, e.g. nonce_too_low).",
          Type::kCounter, [a](Emitter& e) {
              for (const auto& [reason, n] : a->counts().refused) e.sample({{"reason", reason}}, d(n));
          });
}

void add_sequencer(Registry& r, const Observed& o) {
    auto seq = o.sequencer;
    r.add("yao_pool_transactions", "Transactions in the sequencer's pool, by state.", Type::kGauge,
          [seq](Emitter& e) {
              auto s = seq();
              if (!s) return;
              const auto st = s->status();
              e.sample({{"state", "pending"}}, d(st.pending));
              e.sample({{"state", "queued"}}, d(st.queued));
          });
    r.add("yao_blocks_proposed_total", "Blocks this sequencer proposed.", Type::kCounter,
          [seq](Emitter& e) {
              if (auto s = seq()) e.sample(d(s->stats().proposals));
          });
    if (o.leading) {
        auto leading = o.leading;
        r.add("yao_sequencer_leader", "1 while this Chronos leads the sequencing, else 0.",
              Type::kGauge, [leading](Emitter& e) { e.sample(leading() ? 1 : 0); });
    }
}

void add_executor(Registry& r, const Observed& o) {
    const vulcan::ExecutionService* x = o.executor;
    r.add("yao_blocks_executed_total", "Blocks this Vulcan executed.", Type::kCounter,
          [x](Emitter& e) { e.sample(d(x->stats().blocks)); });
    r.add("yao_blocks_executed_speculatively_total",
          "Blocks executed on top of results not yet committed.", Type::kCounter,
          [x](Emitter& e) { e.sample(d(x->stats().speculative)); });
    std::vector<std::string> levels{"L1"};
    levels.insert(levels.end(), o.cache_levels.begin(), o.cache_levels.end());
    r.add("yao_cache_requests_total",
          "State reads of block execution by cache level and result (L1 in process, L2 Redis, "
          "L3 the database).",
          Type::kCounter, [x, levels](Emitter& e) {
              const auto c = x->cache_counters();
              for (size_t i = 0; i < c.size() && i < levels.size(); ++i) {
                  e.sample({{"level", levels[i]}, {"result", "hit"}}, d(c[i].hits));
                  e.sample({{"level", levels[i]}, {"result", "miss"}}, d(c[i].misses));
                  e.sample({{"level", levels[i]}, {"result", "error"}}, d(c[i].errors));
              }
          });
}

void add_committer(Registry& r, const archive::CommitService* c) {
    r.add("yao_blocks_committed_total", "Blocks this Archive committed.", Type::kCounter,
          [c](Emitter& e) { e.sample(d(c->stats().blocks)); });
    r.add("yao_transactions_committed_total", "Transactions in blocks this Archive committed.",
          Type::kCounter, [c](Emitter& e) { e.sample(d(c->stats().transactions)); });
    r.add("yao_reexecutions_total",
          "Blocks re-executed at commit because their execution read stale state.",
          Type::kCounter, [c](Emitter& e) { e.sample(d(c->stats().reexecuted)); });
    r.add("yao_chain_head_block", "The number of the last block committed or seen committed.",
          Type::kGauge, [c](Emitter& e) { e.sample(d(c->head().number)); });
    r.add("yao_submit_to_commit_seconds",
          "Per transaction: from the entrance accepting it to its block being committed.",
          Type::kHistogram, [c](Emitter& e) { e.histogram(c->metrics().end_to_end.snapshot()); });
    r.add("yao_db_rows_written_total", "Rows written by committed blocks, by table.",
          Type::kCounter, [c](Emitter& e) {
              const auto& m = c->metrics();
              e.sample({{"table", "blocks"}}, d(m.rows_blocks.value()));
              e.sample({{"table", "transactions"}}, d(m.rows_transactions.value()));
              e.sample({{"table", "logs"}}, d(m.rows_logs.value()));
              e.sample({{"table", "accounts"}}, d(m.rows_accounts.value()));
              e.sample({{"table", "storage"}}, d(m.rows_storage.value()));
              e.sample({{"table", "code"}}, d(m.rows_code.value()));
          });
}

void add_rpc(Registry& r, const portal::Portal* p) {
    const rpc::MethodTable* t = &p->methods();
    r.add("yao_rpc_requests_total", "JSON-RPC calls by method (methods called at least once).",
          Type::kCounter, [t](Emitter& e) {
              t->for_each_metrics([&](std::string_view m, const rpc::MethodMetrics& mm) {
                  if (mm.requests.value() > 0) e.sample({{"method", std::string{m}}}, d(mm.requests.value()));
              });
          });
    r.add("yao_rpc_errors_total", "JSON-RPC calls answered with an error object, by method.",
          Type::kCounter, [t](Emitter& e) {
              t->for_each_metrics([&](std::string_view m, const rpc::MethodMetrics& mm) {
                  if (mm.requests.value() > 0) e.sample({{"method", std::string{m}}}, d(mm.errors.value()));
              });
          });
    r.add("yao_rpc_request_duration_seconds", "JSON-RPC call latency by method.",
          Type::kHistogram, [t](Emitter& e) {
              t->for_each_metrics([&](std::string_view m, const rpc::MethodMetrics& mm) {
                  if (mm.requests.value() > 0) e.histogram({{"method", std::string{m}}}, mm.latency.snapshot());
              });
          });
    r.add("yao_rpc_connections", "Open JSON-RPC connections (HTTP and WebSocket).", Type::kGauge,
          [p](Emitter& e) { e.sample(d(p->stats().connections_active)); });
    r.add("yao_rpc_refused_total",
          "JSON-RPC requests or connections refused by the transport, by cause.", Type::kCounter,
          [p](Emitter& e) {
              const auto s = p->stats();
              e.sample({{"cause", "rate_limited"}}, d(s.rate_limited));
              e.sample({{"cause", "busy"}}, d(s.busy));
              e.sample({{"cause", "forbidden"}}, d(s.forbidden));
              e.sample({{"cause", "too_many_connections"}}, d(s.connections_refused));
              e.sample({{"cause", "timeout"}}, d(s.timeouts));
          });
}

void add_grpc(Registry& r, const grpc::Server* s) {
    r.add("yao_grpc_server_handled_total", "gRPC calls served, by service, method and status code.",
          Type::kCounter, [s](Emitter& e) {
              for (const auto& m : s->calls()) {
                  for (size_t code = 0; code < m.by_code.size(); ++code) {
                      if (m.by_code[code] == 0) continue;
                      Labels l = grpc_labels(m.method);
                      l.emplace_back("grpc_code", std::string{grpc::status_code_name(code)});
                      e.sample(l, d(m.by_code[code]));
                  }
              }
          });
    r.add("yao_grpc_server_handling_seconds", "gRPC call latency, by service and method.",
          Type::kHistogram, [s](Emitter& e) {
              for (const auto& m : s->calls()) e.histogram(grpc_labels(m.method), m.latency);
          });
}

void add_bus(Registry& r, const Observed& o) {
    const mq::Bus* bus = o.bus;
    const auto topics = o.topics;
    // One scrape reads each topic once for the three families.
    struct Snapshot {
        std::vector<std::pair<std::string, mq::TopicStats>> topics;
    };
    auto read = [bus, topics] {
        Snapshot s;
        for (const auto& t : topics) s.topics.emplace_back(t, bus->stats(t));
        return s;
    };
    r.add("yao_bus_published_total", "Messages published to each topic.", Type::kCounter,
          [read](Emitter& e) {
              for (const auto& [t, st] : read().topics) e.sample({{"topic", t}}, d(st.published));
          });
    r.add("yao_bus_depth", "Messages waiting in each topic (not yet delivered to some reader).",
          Type::kGauge, [read](Emitter& e) {
              for (const auto& [t, st] : read().topics) e.sample({{"topic", t}}, d(st.depth));
          });
    r.add("yao_bus_group_lag", "Messages of a topic not yet delivered to a consumer group.",
          Type::kGauge, [read](Emitter& e) {
              for (const auto& [t, st] : read().topics)
                  for (const auto& g : st.groups) e.sample({{"topic", t}, {"group", g.name}}, d(g.lag));
          });
    r.add("yao_bus_group_pending",
          "Messages delivered to a consumer group and not yet acknowledged.", Type::kGauge,
          [read](Emitter& e) {
              for (const auto& [t, st] : read().topics)
                  for (const auto& g : st.groups)
                      e.sample({{"topic", t}, {"group", g.name}}, d(g.pending));
          });
}

}  // namespace

void register_metrics(Registry& r, const Observed& o) {
    Labels info{{"version", o.version}, {"service", o.service}};
    r.add("yao_build_info", "The running yaoverse: 1, with its version and service as labels.",
          Type::kGauge, [info](Emitter& e) { e.sample(info, 1); });
    r.add_process_metrics();
    if (o.admission || o.sequencer || o.executor || o.committer) add_stage_family(r, o);
    if (o.admission) add_admission(r, o.admission);
    if (o.sequencer) add_sequencer(r, o);
    if (o.executor) add_executor(r, o);
    if (o.committer) add_committer(r, o.committer);
    if (o.portal) add_rpc(r, o.portal);
    if (o.grpc) add_grpc(r, o.grpc);
    if (o.bus && !o.topics.empty()) add_bus(r, o);
}

Result<Ops> start_ops(const std::string& listen, const Observed& o,
                      std::function<void(bool)> on_readiness) {
    Ops ops;
    ops.registry = std::make_unique<Registry>();
    register_metrics(*ops.registry, o);
    infra::OpsOptions options;
    options.listen = listen;
    options.on_readiness = std::move(on_readiness);
    YAO_TRY(ops.server, infra::OpsServer::start(options, *ops.registry, readiness_checks(o)));
    return ops;
}

std::function<Result<uint64_t>()> store_head(storage::ChainStore* store) {
    return [store]() -> Result<uint64_t> {
        YAO_TRY(auto head, store->head_number());
        return head.value_or(0);
    };
}

std::vector<std::string> pipeline_topics() {
    return {proto::kTxIngressTopic, proto::kBlockExecuteTopic, proto::kStateCommitTopic,
            proto::kCacheInvalidationTopic};
}

std::vector<infra::ReadinessCheck> readiness_checks(const Observed& o) {
    std::vector<infra::ReadinessCheck> checks;
    if (o.store) {
        storage::ChainStore* store = o.store;
        checks.push_back({"store", [store]() -> std::optional<std::string> {
                              auto head = store->head_number();
                              if (!head) return head.error().message();
                              if (!*head) return "the store holds no genesis block";
                              return std::nullopt;
                          }});
    }
    if (o.bus) {
        const mq::Bus* bus = o.bus;
        checks.push_back({"bus", [bus]() -> std::optional<std::string> {
                              auto r = bus->ping();
                              if (!r) return r.error().message();
                              return std::nullopt;
                          }});
    }
    if (o.known_head && o.chain_head) {
        checks.push_back({"caught_up", [known = o.known_head, chain = o.chain_head]()
                                           -> std::optional<std::string> {
                              auto head = chain();
                              if (!head) return "the chain's head: " + head.error().message();
                              const uint64_t seen = known();
                              if (*head > seen && *head - seen > kMaxHeadLag)
                                  return "at block " + std::to_string(seen) + ", the chain is at " +
                                         std::to_string(*head);
                              return std::nullopt;
                          }});
    }
    if (o.committer) {
        const archive::CommitService* c = o.committer;
        checks.push_back({"chain", [c]() -> std::optional<std::string> {
                              if (auto f = c->failure()) return "the chain halted: " + f->message();
                              return std::nullopt;
                          }});
    }
    return checks;
}

}  // namespace yao::node
