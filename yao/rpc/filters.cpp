// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "filters.hpp"

#include <algorithm>
#include <utility>

#include <yao/log/logger.hpp>

#include "encode.hpp"
#include "json_codec.hpp"

namespace yao::rpc {
namespace {

using Params = const Json&;

}  // namespace

bool Filters::Sink::push(std::string text) {
    std::scoped_lock lock{mu};
    return alive && session->push(std::move(text));
}

void Filters::push_bounded(Filter& f, Change change) const {
    // A client that never polls keeps only the newest changes, until the filter times out.
    if (f.pending.size() >= options_.max_filter_changes) f.pending.pop_front();
    f.pending.push_back(std::move(change));
}

Filters::Filters(Backend& backend, const EthOptions& options)
    : backend_{backend}, options_{options} {
    // The listeners are registered once, here, and never while mu_ is held: the backend calls
    // them under its own lock, so taking the two locks in both orders could deadlock.
    head_listener_ = backend_.on_head([this](const proto::HeadUpdate& u) { on_head(u); });
    pending_listener_ = backend_.on_pending([this](const Hash256& h) { on_pending(h); });
}

Filters::~Filters() {
    head_listener_.reset();
    pending_listener_.reset();
}

std::optional<std::string> Filters::install(FeedKind kind, LogCriteria criteria) {
    std::string id = random_id();
    const auto now = std::chrono::steady_clock::now();
    std::scoped_lock lock{mu_};
    expire_locked(now);
    if (filters_.size() >= options_.max_filters) return std::nullopt;
    filters_.emplace(id, Filter{kind, std::move(criteria), now, {}, std::nullopt});
    return id;
}

RpcResult<std::optional<Json>> Filters::changes(const std::string& id) {
    const auto now = std::chrono::steady_clock::now();
    std::deque<Change> pending;
    std::optional<Error> failed;
    {
        std::scoped_lock lock{mu_};
        expire_locked(now);
        auto it = filters_.find(id);
        if (it == filters_.end()) return std::optional<Json>{};
        it->second.last_poll = now;
        failed = std::exchange(it->second.failed, std::nullopt);
        // After a missed block the changes still held are not the whole story: they stay for
        // the next poll, which follows this error.
        if (!failed) pending.swap(it->second.pending);
    }
    if (failed) return std::unexpected(internal_error(*failed, "the filter missed logs"));
    // The answer is built outside the lock (it may hold thousands of logs).
    Json out = Json::array();
    for (auto& c : pending) out.push_back(c.log ? *c.log : Json(hash_hex(c.hash)));
    return std::optional<Json>{std::move(out)};
}

std::optional<LogCriteria> Filters::criteria(const std::string& id) {
    const auto now = std::chrono::steady_clock::now();
    std::scoped_lock lock{mu_};
    expire_locked(now);
    auto it = filters_.find(id);
    if (it == filters_.end() || it->second.kind != FeedKind::kLogs) return std::nullopt;
    it->second.last_poll = now;
    return it->second.criteria;
}

bool Filters::uninstall(const std::string& id) {
    std::scoped_lock lock{mu_};
    expire_locked(std::chrono::steady_clock::now());
    return filters_.erase(id) > 0;
}

std::optional<std::string> Filters::subscribe(Session& session, FeedKind kind,
                                              LogCriteria criteria, bool full_transactions) {
    std::string id = random_id();
    bool first = false;
    {
        std::scoped_lock lock{mu_};
        const size_t mine = static_cast<size_t>(
            std::count_if(subscriptions_.begin(), subscriptions_.end(),
                          [&](const auto& e) { return e.second.session_id == session.id(); }));
        if (mine >= options_.max_subscriptions_per_connection) return std::nullopt;
        auto& sink = sinks_[session.id()];
        first = sink == nullptr;
        if (first) {
            sink = std::make_shared<Sink>();
            sink->session = &session;
        }
        subscriptions_.emplace(id, Subscription{kind,
                                                std::make_shared<const LogCriteria>(
                                                    std::move(criteria)),
                                                full_transactions, sink, session.id()});
    }
    if (!first) return id;
    // Outside mu_: a closed session runs the callback at once.
    std::weak_ptr<Filters> self = weak_from_this();
    const uint64_t session_id = session.id();
    session.on_close([self, session_id] {
        if (auto filters = self.lock()) filters->remove_session(session_id);
    });
    return id;
}

bool Filters::unsubscribe(const Session& session, const std::string& id) {
    std::scoped_lock lock{mu_};
    auto it = subscriptions_.find(id);
    if (it == subscriptions_.end() || it->second.session_id != session.id()) return false;
    subscriptions_.erase(it);
    return true;
}

size_t Filters::filter_count() {
    std::scoped_lock lock{mu_};
    expire_locked(std::chrono::steady_clock::now());
    return filters_.size();
}

size_t Filters::subscription_count() {
    std::scoped_lock lock{mu_};
    return subscriptions_.size();
}

void Filters::remove_session(uint64_t session_id) {
    std::shared_ptr<Sink> sink;
    {
        std::scoped_lock lock{mu_};
        std::erase_if(subscriptions_,
                      [&](const auto& e) { return e.second.session_id == session_id; });
        if (auto it = sinks_.find(session_id); it != sinks_.end()) {
            sink = std::move(it->second);
            sinks_.erase(it);
        }
    }
    // Waits for a push in progress; none reaches the session afterwards.
    if (sink) {
        std::scoped_lock lock{sink->mu};
        sink->alive = false;
    }
}

void Filters::expire_locked(std::chrono::steady_clock::time_point now) {
    std::erase_if(filters_, [&](const auto& e) {
        return now - e.second.last_poll > options_.filter_timeout;
    });
}

std::string Filters::notification(const std::string& id, std::string_view result_json) {
    std::string out;
    out.reserve(result_json.size() + id.size() + 80);
    out += R"({"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":")";
    out += id;  // "0x" + hex digits: nothing to escape
    out += R"(","result":)";
    out += result_json;
    out += "}}";
    return out;
}

void Filters::on_head(const proto::HeadUpdate& update) {
    struct Target {
        std::string id;
        FeedKind kind;
        std::shared_ptr<const LogCriteria> criteria;
        std::shared_ptr<Sink> sink;
    };
    std::vector<Target> targets;
    bool want_header = false;
    bool want_logs = false;
    {
        std::scoped_lock lock{mu_};
        expire_locked(std::chrono::steady_clock::now());
        for (const auto& [id, f] : filters_) want_logs = want_logs || f.kind == FeedKind::kLogs;
        for (const auto& [id, s] : subscriptions_) {
            if (s.kind == FeedKind::kPendingTransactions) continue;
            want_logs = want_logs || s.kind == FeedKind::kLogs;
            want_header = want_header || s.kind == FeedKind::kBlocks;
            targets.push_back({id, s.kind, s.criteria, s.sink});
        }
    }
    // Read the block and build the texts outside the lock; the store is thread-safe.
    // A read that fails is logged: a subscription cannot be told (geth has no error
    // notification), a polled log filter answers its next poll with the error.
    const auto read_failed = [&](std::string_view what, const Error& e) {
        log::default_logger()
            .error("notification data not read")
            .with_component("rpc")
            .with_field("what", what)
            .with_field("block", update.number)
            .with_error(e)
            .log();
    };
    std::string header;
    if (want_header) {
        auto block = backend_.blocks().header_by_number(update.number);
        if (!block) read_failed("header", block.error());
        if (block && *block) header = header_json((*block)->header, (*block)->hash).dump();
    }
    std::vector<storage::StoredLog> logs;
    std::optional<Error> logs_failed;
    if (want_logs) {
        storage::LogFilter all;
        all.from_block = all.to_block = update.number;
        all.limit = 0;
        auto found = backend_.blocks().logs(all);
        if (found) {
            logs = std::move(*found);
        } else {
            read_failed("logs", found.error());
            std::string context = "block " + std::to_string(update.number);
            if (!found.error().context().empty()) context += ": " + found.error().context();
            logs_failed = Error{found.error().code(), std::move(context)};
        }
    }
    // Each log's JSON is made once, when a filter or subscription first wants it.
    std::vector<std::shared_ptr<const Json>> log_values(logs.size());
    std::vector<std::string> log_texts(logs.size());
    const auto value_of = [&](size_t i) -> const std::shared_ptr<const Json>& {
        if (!log_values[i]) log_values[i] = std::make_shared<const Json>(log_json(logs[i]));
        return log_values[i];
    };
    const auto text_of = [&](size_t i) -> const std::string& {
        if (log_texts[i].empty()) log_texts[i] = value_of(i)->dump();
        return log_texts[i];
    };

    for (const Target& t : targets) {
        if (t.kind == FeedKind::kBlocks) {
            if (!header.empty()) t.sink->push(notification(t.id, header));
            continue;
        }
        // geth sends one notification per log. A session that refuses one (closed, or its
        // queue is full and the transport closes it) gets no more of this block.
        for (size_t i = 0; i < logs.size(); ++i) {
            if (!log_matches(*t.criteria, logs[i].log)) continue;
            if (!t.sink->push(notification(t.id, text_of(i)))) break;
        }
    }

    std::scoped_lock lock{mu_};
    for (auto& [id, f] : filters_) {
        if (f.kind == FeedKind::kBlocks) {
            push_bounded(f, Change{update.hash, nullptr});
        } else if (f.kind == FeedKind::kLogs) {
            if (logs_failed && !f.failed) f.failed = logs_failed;
            for (size_t i = 0; i < logs.size(); ++i) {
                if (log_matches(f.criteria, logs[i].log)) push_bounded(f, Change{{}, value_of(i)});
            }
        }
    }
}

void Filters::on_pending(const Hash256& hash) {
    struct Target {
        std::string id;
        bool full;
        std::shared_ptr<Sink> sink;
    };
    std::vector<Target> targets;
    bool want_full = false;
    {
        std::scoped_lock lock{mu_};
        for (auto& [id, f] : filters_) {
            if (f.kind == FeedKind::kPendingTransactions) push_bounded(f, Change{hash, nullptr});
        }
        for (const auto& [id, s] : subscriptions_) {
            if (s.kind != FeedKind::kPendingTransactions) continue;
            want_full = want_full || s.full_transactions;
            targets.push_back({id, s.full_transactions, s.sink});
        }
    }
    if (targets.empty()) return;
    std::string full;
    if (want_full) {
        auto tx = backend_.sequencer().pool_transaction(hash);
        if (!tx) {
            // The notification still goes out, with the hash alone.
            log::default_logger()
                .warn("pending transaction not read; notified by hash")
                .with_component("rpc")
                .with_field("hash", hash)
                .with_error(tx.error())
                .log();
        }
        if (tx && *tx) {
            full = transaction_json((*tx)->txn, (*tx)->hash, (*tx)->sender, std::nullopt).dump();
        }
    }
    const std::string hex = "\"" + hash_hex(hash) + "\"";
    for (const Target& t : targets) {
        t.sink->push(notification(t.id, t.full && !full.empty() ? full : hex));
    }
}

// ---- methods ---------------------------------------------------------------------------------

void register_filter_methods(MethodTable& t, Backend& b, const EthOptions& options) {
    const EthOptions o = options;
    auto filters = std::make_shared<Filters>(b, o);
    auto not_found = [] { return rpc_error(kServerError, "filter not found"); };
    const size_t max_filters = o.max_filters;
    const size_t max_subscriptions = o.max_subscriptions_per_connection;
    auto installed = [max_filters](std::optional<std::string> id) -> MethodResult {
        if (!id) {
            return rpc_error(kLimitExceeded,
                             "too many filters (" + std::to_string(max_filters) + " alive)");
        }
        return std::move(*id);
    };
    auto subscribed = [max_subscriptions](std::optional<std::string> id) -> MethodResult {
        if (!id) {
            return rpc_error(kLimitExceeded, "too many subscriptions on this connection (" +
                                                 std::to_string(max_subscriptions) + ")");
        }
        return std::move(*id);
    };
    auto id_param = [](Params p) -> RpcResult<std::string> {
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        if (!param(p, 0).is_string()) {
            return rpc_error(kInvalidParams, "invalid argument 0: expected a filter id string");
        }
        return param(p, 0).get<std::string>();
    };

    t.add("eth_newFilter", [filters, installed](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        auto c = parse_log_criteria(param(p, 0), "0");
        if (!c) return std::unexpected(c.error());
        return installed(filters->install(FeedKind::kLogs, std::move(*c)));
    });
    t.add("eth_newBlockFilter", [filters, installed](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 0); !r) return std::unexpected(r.error());
        return installed(filters->install(FeedKind::kBlocks));
    });
    t.add("eth_newPendingTransactionFilter", [filters, installed](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 1); !r) return std::unexpected(r.error());
        return installed(filters->install(FeedKind::kPendingTransactions));
    });
    t.add("eth_getFilterChanges", [filters, id_param, not_found](Params p, Session&) -> MethodResult {
        auto id = id_param(p);
        if (!id) return std::unexpected(id.error());
        auto changes = filters->changes(*id);
        if (!changes) return std::unexpected(changes.error());
        if (!*changes) return not_found();
        return std::move(**changes);
    }, Weight::kHeavy);
    t.add("eth_getFilterLogs",
          [filters, id_param, not_found, &b, o](Params p, Session&) -> MethodResult {
              auto id = id_param(p);
              if (!id) return std::unexpected(id.error());
              auto c = filters->criteria(*id);
              if (!c) return not_found();
              return query_logs(b, o, *c);
          }, Weight::kHeavy);
    t.add("eth_uninstallFilter", [filters, id_param](Params p, Session&) -> MethodResult {
        auto id = id_param(p);
        if (!id) return std::unexpected(id.error());
        return filters->uninstall(*id);
    });

    t.add("eth_subscribe", [filters, subscribed](Params p, Session& s) -> MethodResult {
        // geth's rpc.ErrNotificationsUnsupported (code -32601) outside WebSocket connections.
        if (!s.is_websocket()) return rpc_error(kMethodNotFound, "notifications not supported");
        if (auto r = check_arity(p, 1, 2); !r) return std::unexpected(r.error());
        const Json& name = param(p, 0);
        if (!name.is_string()) {
            return rpc_error(kInvalidParams, "invalid argument 0: expected a subscription name");
        }
        const std::string& kind = name.get_ref<const std::string&>();
        if (kind == "newHeads") {
            if (!param(p, 1).is_null()) return rpc_error(kInvalidParams, "too many arguments, want at most 1");
            return subscribed(filters->subscribe(s, FeedKind::kBlocks, {}, false));
        }
        if (kind == "logs") {
            LogCriteria c;
            if (const Json& crit = param(p, 1); !crit.is_null()) {
                auto parsed = parse_log_criteria(crit, "1");
                if (!parsed) return std::unexpected(parsed.error());
                c = std::move(*parsed);
            }
            return subscribed(filters->subscribe(s, FeedKind::kLogs, std::move(c), false));
        }
        if (kind == "newPendingTransactions") {
            const Json& full = param(p, 1);
            if (!full.is_null() && !full.is_boolean()) {
                return rpc_error(kInvalidParams, "invalid argument 1: expected a bool");
            }
            return subscribed(filters->subscribe(s, FeedKind::kPendingTransactions, {},
                                                 full.is_boolean() && full.get<bool>()));
        }
        return rpc_error(kMethodNotFound, "no \"" + kind + "\" subscription in eth namespace");
    });
    t.add("eth_unsubscribe", [filters](Params p, Session& s) -> MethodResult {
        if (!s.is_websocket()) return rpc_error(kMethodNotFound, "notifications not supported");
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        if (!param(p, 0).is_string()) {
            return rpc_error(kInvalidParams, "invalid argument 0: expected a subscription id");
        }
        if (!filters->unsubscribe(s, param(p, 0).get<std::string>())) {
            return rpc_error(kServerError, "subscription not found");
        }
        return true;
    });
}

}  // namespace yao::rpc
