// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The vocabulary shared by the JSON-RPC transport and the methods: JSON values, errors as
// Ethereum clients expect them, the session a request arrives on, and the method table.
#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include <yao/common/error.hpp>
#include <yao/infra/metrics.hpp>

namespace yao::rpc {

using Json = nlohmann::json;

/// JSON-RPC error codes (JSON-RPC 2.0 and the ones geth uses).
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kServerError = -32000;       ///< geth's generic code: nonce too low, ...
inline constexpr int kResourceNotFound = -32001;
inline constexpr int kLimitExceeded = -32005;     ///< rate limits, too many results
inline constexpr int kExecutionReverted = 3;      ///< eth_call / estimateGas revert, data = output
inline constexpr int kUnauthorized = -32001;      ///< missing or invalid credentials (HTTP 401)
inline constexpr int kPermissionDenied = -32010;  ///< the caller's roles do not cover the method

/// A JSON-RPC error object.
struct RpcError {
    int code = kInternalError;
    std::string message;
    Json data;  ///< null when absent; revert data as a "0x..." string for code 3
};

/// What a method, or a step of one, gives: a value or the error to answer with. The one result
/// type of the JSON-RPC layer; failures of the layers below arrive as yao::Result and become an
/// RpcError through to_rpc_error (or a method's own wording) at the method.
template <class T>
using RpcResult = std::expected<T, RpcError>;

using MethodResult = RpcResult<Json>;

inline std::unexpected<RpcError> rpc_error(int code, std::string message, Json data = nullptr) {
    return std::unexpected(RpcError{code, std::move(message), std::move(data)});
}

/// The error a client expects for a failure of the chain: chain::Errc and chronos::Errc give
/// -32000 with geth's text ("nonce too low", "insufficient funds for gas * price + value",
/// "replacement transaction underpriced", "already known", ...); malformed transactions give
/// -32000 with a description; storage's unknown block -32000 "header not found" and too many
/// results -32005. Categories are recognised by identity (their one object), not by name.
/// Anything else (a database, a remote service) is -32603 with the error's text, and logged.
RpcError to_rpc_error(const Error& e);

/// -32603 for a failure of the node rather than of the request (a read of the store or of a
/// service that failed): the message is "`what`: cause" (the cause alone when `what` is empty),
/// and the cause is logged. A read that fails is never answered as "absent".
RpcError internal_error(const Error& cause, std::string_view what = {});

/// The connection a request arrived on. Notifications (eth_subscribe) can only be pushed to
/// WebSocket sessions. Thread-safe.
class Session {
public:
    virtual ~Session() = default;
    virtual uint64_t id() const = 0;
    virtual bool is_websocket() const = 0;
    /// Sends a complete JSON text (a subscription notification) to the client, in order;
    /// false when the session is closed or cannot take more (slow client).
    virtual bool push(std::string text) = 0;
    /// Runs `fn` when the session closes (subscriptions and filters of the session end).
    virtual void on_close(std::function<void()> fn) = 0;
    /// The roles (rpc::Role bits) of the authenticated caller; every role when the server
    /// requires no authentication.
    virtual uint32_t roles() const { return ~uint32_t{0}; }
    /// Records an admin call in the audit log (who, from where, which method).
    virtual void audit(std::string_view /*method*/) {}
};

/// One method: params is the request's "params" (an array, object or null).
using Method = std::function<MethodResult(const Json& params, Session& session)>;

/// How long a method may run: kHeavy methods (the EVM: eth_call, estimateGas, traces) are run
/// by the transport on a bounded pool of their own, so that they never hold up light requests.
enum class Weight : uint8_t { kLight, kHeavy };

/// Runs every call of a method in one JSON-RPC batch together, before the batch's other calls
/// (JSON-RPC 2.0 lets a server run the calls of a batch in any order): given the params of each
/// such call the caller may make, returns each one's answer, in the same order.
/// eth_sendRawTransaction submits a batch's transactions at once: the senders recovered in
/// parallel on every core, one call to the sequencer (in a cluster one gRPC round trip and one
/// journal write instead of one per transaction).
using BatchMethod = std::function<std::vector<MethodResult>(std::span<const Json* const> params)>;

/// The methods a server answers, by name. Filled once at start, then read concurrently.
/// Calls of one method since start (the metrics of the JSON-RPC port).
struct MethodMetrics {
    infra::metrics::Counter requests;  ///< calls and notifications run or refused
    infra::metrics::Counter errors;    ///< answered with an error object
    infra::metrics::Histogram latency;
};

class MethodTable {
public:
    void add(std::string name, Method method, Weight weight = Weight::kLight) {
        methods_[std::move(name)] =
            Entry{std::move(method), weight, {}, std::make_shared<MethodMetrics>()};
    }
    /// The metrics of `name`; for a method the table does not have, those of "other" (so a
    /// client cannot grow the label set by inventing method names).
    MethodMetrics& metrics(std::string_view name) const {
        auto it = methods_.find(name);
        return it == methods_.end() ? *other_ : *it->second.metrics;
    }
    /// Calls `fn(name, metrics)` for every method, then for "other".
    template <typename Fn>
    void for_each_metrics(Fn&& fn) const {
        for (const auto& [n, e] : methods_) fn(std::string_view{n}, *e.metrics);
        fn(std::string_view{"other"}, *other_);
    }
    /// Adds the batch form of a method already added.
    void add_batch(std::string_view name, BatchMethod batch) {
        if (auto it = methods_.find(name); it != methods_.end()) it->second.batch = std::move(batch);
    }
    /// The batch form of `name`; null when it has none.
    const BatchMethod* batch(std::string_view name) const {
        auto it = methods_.find(name);
        return it == methods_.end() || !it->second.batch ? nullptr : &it->second.batch;
    }
    const Method* find(std::string_view name) const {
        auto it = methods_.find(name);  // heterogeneous: no string built per request
        return it == methods_.end() ? nullptr : &it->second.method;
    }
    bool heavy(std::string_view name) const {
        auto it = methods_.find(name);
        return it != methods_.end() && it->second.weight == Weight::kHeavy;
    }
    std::vector<std::string> names() const {
        std::vector<std::string> out;
        for (const auto& [n, m] : methods_) out.push_back(n);
        return out;
    }

private:
    struct NameHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    struct Entry {
        Method method;
        Weight weight = Weight::kLight;
        BatchMethod batch;
        std::shared_ptr<MethodMetrics> metrics;
    };
    std::unordered_map<std::string, Entry, NameHash, std::equal_to<>> methods_;
    std::shared_ptr<MethodMetrics> other_ = std::make_shared<MethodMetrics>();
};

}  // namespace yao::rpc
