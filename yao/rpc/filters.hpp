// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Polled filters (eth_newFilter, eth_newBlockFilter, eth_newPendingTransactionFilter) and
// WebSocket subscriptions (eth_subscribe: newHeads, logs, newPendingTransactions), both fed by
// the Backend's head and pending-transaction listeners.
#include <chrono>
#include <deque>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "backend.hpp"
#include "eth_methods.hpp"
#include "method_util.hpp"
#include "types.hpp"

namespace yao::rpc {

/// What a filter or subscription delivers.
enum class FeedKind : uint8_t { kLogs, kBlocks, kPendingTransactions };

/// The filters and subscriptions of one method table. Thread-safe: methods run on the server's
/// threads, the listeners on the backend's. Filters not polled for EthOptions::filter_timeout
/// are removed (checked on every call and every new block). Subscriptions end with their
/// session. Create with make_shared (sessions hold weak references).
/// Bounds: max_filters filters of max_filter_changes changes each (a log's JSON is shared by
/// every filter that holds it); max_subscriptions_per_connection per WebSocket. Notifications
/// are built and pushed without holding the lock the methods take: a block with many logs for
/// many subscriptions delays only the notifications, and a session whose queue is full (see
/// Server's WebSocket limits) is closed by the transport.
class Filters : public std::enable_shared_from_this<Filters> {
public:
    /// Starts listening to `backend`, which must outlive this object.
    Filters(Backend& backend, const EthOptions& options);
    ~Filters();
    Filters(const Filters&) = delete;
    Filters& operator=(const Filters&) = delete;

    /// A new polled filter; its id ("0x" + 32 hex digits); nullopt when max_filters are alive.
    std::optional<std::string> install(FeedKind kind, LogCriteria criteria = {});
    /// What happened since the last poll: logs, block hashes or transaction hashes; nullopt
    /// when there is no such filter. A log filter that missed a block's logs (their read
    /// failed) answers -32603 with the cause once; the changes it holds come with the next poll.
    RpcResult<std::optional<Json>> changes(const std::string& id);
    /// The criteria of a log filter; nullopt for unknown ids and other kinds.
    std::optional<LogCriteria> criteria(const std::string& id);
    bool uninstall(const std::string& id);

    /// A subscription pushing eth_subscription notifications to `session` (a WebSocket).
    /// `full_transactions`: newPendingTransactions sends transaction objects, not hashes.
    /// nullopt when the session has max_subscriptions_per_connection already.
    std::optional<std::string> subscribe(Session& session, FeedKind kind, LogCriteria criteria,
                                         bool full_transactions);
    /// Ends a subscription of `session`; false when it has no such subscription.
    bool unsubscribe(const Session& session, const std::string& id);

    size_t filter_count();
    size_t subscription_count();

private:
    /// One change of a polled filter: a hash (blocks, pending transactions) or a log.
    struct Change {
        Hash256 hash;
        std::shared_ptr<const Json> log;
    };
    struct Filter {
        FeedKind kind;
        LogCriteria criteria;
        std::chrono::steady_clock::time_point last_poll;
        std::deque<Change> pending;  ///< changes since the last poll
        std::optional<Error> failed;  ///< a block's logs not read since the last poll
    };
    /// Where a session's notifications go. Pushes take `mu`; the session's on_close callback
    /// sets `alive` false under it, so no push reaches a session after it closed.
    struct Sink {
        std::mutex mu;
        Session* session = nullptr;  // guarded by mu
        bool alive = true;           // guarded by mu
        bool push(std::string text);
    };
    struct Subscription {
        FeedKind kind;
        std::shared_ptr<const LogCriteria> criteria;
        bool full_transactions = false;
        std::shared_ptr<Sink> sink;
        uint64_t session_id = 0;
    };

    void on_head(const proto::HeadUpdate& update);
    void on_pending(const Hash256& hash);
    void expire_locked(std::chrono::steady_clock::time_point now);
    void remove_session(uint64_t session_id);
    static std::string notification(const std::string& id, std::string_view result_json);
    void push_bounded(Filter& f, Change change) const;

    Backend& backend_;
    EthOptions options_;
    std::mutex mu_;
    std::map<std::string, Filter> filters_;              // guarded by mu_
    std::map<std::string, Subscription> subscriptions_;  // guarded by mu_
    std::map<uint64_t, std::shared_ptr<Sink>> sinks_;   // by session id; guarded by mu_
    std::unique_ptr<Listener> head_listener_;
    std::unique_ptr<Listener> pending_listener_;
};

}  // namespace yao::rpc
