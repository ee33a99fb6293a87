// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// JSON-RPC 2.0 framing: one request text in, one response text out. Transport-free (the HTTP and
// WebSocket server calls it on its io threads), so it can be tested and benchmarked alone.
//
// Behaviour follows geth (rpc/handler.go, rpc/json.go, rpc/errors.go) where the spec leaves room:
//   invalid JSON                     -32700 "parse error", id null
//   not an object, no/invalid        -32600 "invalid request"; the id is echoed when it is a
//   "jsonrpc":"2.0" or "method"      valid id (number, string, null), null otherwise
//   params not array/object/null     -32602 "non-array args"
//   unknown method                   -32601 "the method X does not exist/is not available"
//   []                               one error object (not an array) -32600 "empty batch"
//   batch longer than max_batch      a one-element array [-32600 "batch too large"] carrying the
//                                    id of the batch's first call (geth's respondWithBatchTooLarge)
//   method throws (a bug: methods    nlohmann::json::exception -> -32602 with its what();
//   answer through MethodResult)     anything else -> -32603 "internal error"; both logged, never
//                                    escape
//   response over max_response_bytes -32003 "response too large" (geth's code) for the entry that
//                                    would cross the limit and every later entry of the batch;
//                                    those later calls are not executed. A single (non-batch)
//                                    request whose response is too large gets the same error.
//   a NUL byte anywhere             -32700 "parse error" (JSON has none outside escapes)
//   batch running past max_batch_time  -32002 "request timed out" for every later call of the
//                                    batch (not executed); the call running is not interrupted
// Requests without "id" are notifications: they run, but produce no response entry; a batch of
// only notifications (or a single notification) gives an empty response text.
// Ids are echoed as parsed: strings, null and integers within 64 bits exactly; fractional numbers
// and integers beyond 64 bits as nlohmann prints a double.
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "types.hpp"

namespace yao::rpc {

/// geth's code for a batch response over the size limit.
inline constexpr int kResponseTooLarge = -32003;
/// geth's code for a request that ran out of time.
inline constexpr int kRequestTimeout = -32002;

/// Limits of one request text.
struct JsonRpcLimits {
    size_t max_batch = 1000;                ///< items in a batch; 0 = unlimited (geth's default)
    size_t max_response_bytes = 25u << 20;  ///< response text; 0 = unlimited (geth: 25 MB)
    /// Calls of a batch that would start after this long are answered "request timed out".
    std::chrono::milliseconds max_batch_time{10'000};
};

/// A request text, parsed: what the transport needs to decide where to run it.
struct ParsedRequest {
    Json doc;            ///< discarded when the text was not JSON
    bool heavy = false;  ///< some call is a Weight::kHeavy method
};

/// Parses requests, dispatches them to a MethodTable and serializes the responses.
/// Thread-safe: handle() may be called from any number of threads at once (the table is only
/// read). The table must outlive the JsonRpc and must not change while requests are handled.
class JsonRpc {
public:
    explicit JsonRpc(const MethodTable& table, JsonRpcLimits limits = {});

    /// The response text for `body` (a single request or a batch); empty when nothing is to be
    /// sent back (notifications only). Never throws except std::bad_alloc.
    std::string handle(std::string_view body, Session& session) const {
        return handle(parse(body), session);
    }
    /// The two halves of handle(): parsing (cheap), then running the calls.
    ParsedRequest parse(std::string_view body) const;
    std::string handle(ParsedRequest request, Session& session) const;

    /// A complete error response with id null, e.g. for a request refused by the transport
    /// (rate limited) before it was parsed.
    static std::string error_response(int code, std::string_view message);

    const JsonRpcLimits& limits() const noexcept { return limits_; }

private:
    const MethodTable& table_;
    JsonRpcLimits limits_;
};

}  // namespace yao::rpc
