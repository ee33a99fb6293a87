// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "filters.hpp"

#include <utility>

#include "encode.hpp"
#include "json_codec.hpp"

namespace yao::rpc {
namespace {

using Params = const Json&;

/// A filter's queue stops growing here: a client that never polls gets the newest changes only
/// until the filter times out.
constexpr size_t kMaxPendingChanges = 100'000;

void push_bounded(std::vector<Json>& queue, Json value) {
    if (queue.size() >= kMaxPendingChanges) queue.erase(queue.begin());
    queue.push_back(std::move(value));
}

}  // namespace

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

std::string Filters::install(FeedKind kind, LogCriteria criteria) {
    std::string id = random_id();
    const auto now = std::chrono::steady_clock::now();
    std::scoped_lock lock{mu_};
    expire_locked(now);
    filters_.emplace(id, Filter{kind, std::move(criteria), now, {}});
    return id;
}

std::optional<Json> Filters::changes(const std::string& id) {
    const auto now = std::chrono::steady_clock::now();
    std::scoped_lock lock{mu_};
    expire_locked(now);
    auto it = filters_.find(id);
    if (it == filters_.end()) return std::nullopt;
    it->second.last_poll = now;
    Json out = Json::array();
    for (auto& v : it->second.pending) out.push_back(std::move(v));
    it->second.pending.clear();
    return out;
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

std::string Filters::subscribe(Session& session, FeedKind kind, LogCriteria criteria,
                               bool full_transactions) {
    std::string id = random_id();
    {
        std::scoped_lock lock{mu_};
        subscriptions_.emplace(
            id, Subscription{kind, std::move(criteria), full_transactions, &session, session.id()});
    }
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
    std::scoped_lock lock{mu_};
    std::erase_if(subscriptions_, [&](const auto& e) { return e.second.session_id == session_id; });
}

void Filters::expire_locked(std::chrono::steady_clock::time_point now) {
    std::erase_if(filters_, [&](const auto& e) {
        return now - e.second.last_poll > options_.filter_timeout;
    });
}

std::string Filters::notification(const std::string& id, const Json& result) {
    return Json{{"jsonrpc", "2.0"},
                {"method", "eth_subscription"},
                {"params", {{"subscription", id}, {"result", result}}}}
        .dump();
}

void Filters::on_head(const proto::HeadUpdate& update) {
    bool want_header = false;
    bool want_logs = false;
    {
        std::scoped_lock lock{mu_};
        expire_locked(std::chrono::steady_clock::now());
        for (const auto& [id, f] : filters_) want_logs = want_logs || f.kind == FeedKind::kLogs;
        for (const auto& [id, s] : subscriptions_) {
            want_logs = want_logs || s.kind == FeedKind::kLogs;
            want_header = want_header || s.kind == FeedKind::kBlocks;
        }
    }
    // Read the block outside the lock; the store is thread-safe.
    Json header;
    if (want_header) {
        auto block = backend_.store().header_by_number(update.number);
        if (block && *block) header = header_json((*block)->header, (*block)->hash);
    }
    std::vector<storage::StoredLog> logs;
    if (want_logs) {
        storage::LogFilter all;
        all.from_block = all.to_block = update.number;
        all.limit = 0;
        if (auto found = backend_.store().logs(all)) logs = std::move(*found);
    }

    std::scoped_lock lock{mu_};
    for (auto& [id, f] : filters_) {
        if (f.kind == FeedKind::kBlocks) {
            push_bounded(f.pending, hash_hex(update.hash));
        } else if (f.kind == FeedKind::kLogs) {
            for (const auto& l : logs) {
                if (log_matches(f.criteria, l.log)) push_bounded(f.pending, log_json(l));
            }
        }
    }
    for (auto& [id, s] : subscriptions_) {
        if (s.kind == FeedKind::kBlocks && !header.is_null()) {
            s.session->push(notification(id, header));
        } else if (s.kind == FeedKind::kLogs) {
            // geth sends one notification per log.
            for (const auto& l : logs) {
                if (log_matches(s.criteria, l.log)) s.session->push(notification(id, log_json(l)));
            }
        }
    }
}

void Filters::on_pending(const Hash256& hash) {
    bool want_full = false;
    {
        std::scoped_lock lock{mu_};
        for (const auto& [id, s] : subscriptions_) {
            want_full = want_full || (s.kind == FeedKind::kPendingTransactions &&
                                      s.full_transactions);
        }
    }
    Json full;
    if (want_full) {
        if (auto tx = backend_.pool_transaction(hash)) {
            full = transaction_json(tx->txn, tx->hash, tx->sender, std::nullopt);
        }
    }
    const std::string hex = hash_hex(hash);
    std::scoped_lock lock{mu_};
    for (auto& [id, f] : filters_) {
        if (f.kind == FeedKind::kPendingTransactions) push_bounded(f.pending, hex);
    }
    for (auto& [id, s] : subscriptions_) {
        if (s.kind != FeedKind::kPendingTransactions) continue;
        s.session->push(notification(id, s.full_transactions && !full.is_null() ? full : Json(hex)));
    }
}

// ---- methods ---------------------------------------------------------------------------------

void register_filter_methods(MethodTable& t, Backend& b, const EthOptions& options) {
    const EthOptions o = options;
    auto filters = std::make_shared<Filters>(b, o);
    auto not_found = [] { return rpc_error(kServerError, "filter not found"); };
    auto id_param = [](Params p) -> std::expected<std::string, RpcError> {
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        if (!param(p, 0).is_string()) {
            return rpc_error(kInvalidParams, "invalid argument 0: expected a filter id string");
        }
        return param(p, 0).get<std::string>();
    };

    t.add("eth_newFilter", [filters](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 1, 1); !r) return std::unexpected(r.error());
        auto c = parse_log_criteria(param(p, 0), "0");
        if (!c) return std::unexpected(c.error());
        return filters->install(FeedKind::kLogs, std::move(*c));
    });
    t.add("eth_newBlockFilter", [filters](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 0); !r) return std::unexpected(r.error());
        return filters->install(FeedKind::kBlocks);
    });
    t.add("eth_newPendingTransactionFilter", [filters](Params p, Session&) -> MethodResult {
        if (auto r = check_arity(p, 0, 1); !r) return std::unexpected(r.error());
        return filters->install(FeedKind::kPendingTransactions);
    });
    t.add("eth_getFilterChanges", [filters, id_param, not_found](Params p, Session&) -> MethodResult {
        auto id = id_param(p);
        if (!id) return std::unexpected(id.error());
        auto changes = filters->changes(*id);
        if (!changes) return not_found();
        return std::move(*changes);
    });
    t.add("eth_getFilterLogs",
          [filters, id_param, not_found, &b, o](Params p, Session&) -> MethodResult {
              auto id = id_param(p);
              if (!id) return std::unexpected(id.error());
              auto c = filters->criteria(*id);
              if (!c) return not_found();
              return query_logs(b, o, *c);
          });
    t.add("eth_uninstallFilter", [filters, id_param](Params p, Session&) -> MethodResult {
        auto id = id_param(p);
        if (!id) return std::unexpected(id.error());
        return filters->uninstall(*id);
    });

    t.add("eth_subscribe", [filters](Params p, Session& s) -> MethodResult {
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
            return filters->subscribe(s, FeedKind::kBlocks, {}, false);
        }
        if (kind == "logs") {
            LogCriteria c;
            if (const Json& crit = param(p, 1); !crit.is_null()) {
                auto parsed = parse_log_criteria(crit, "1");
                if (!parsed) return std::unexpected(parsed.error());
                c = std::move(*parsed);
            }
            return filters->subscribe(s, FeedKind::kLogs, std::move(c), false);
        }
        if (kind == "newPendingTransactions") {
            const Json& full = param(p, 1);
            if (!full.is_null() && !full.is_boolean()) {
                return rpc_error(kInvalidParams, "invalid argument 1: expected a bool");
            }
            return filters->subscribe(s, FeedKind::kPendingTransactions, {},
                                      full.is_boolean() && full.get<bool>());
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
