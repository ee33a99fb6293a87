// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Trace propagation over gRPC metadata. The client sends a W3C `traceparent` header
// ("00-<32 hex trace id>-<16 hex span id>-01"); a trace id in another shape travels as
// "x-yao-trace-id" / "x-yao-span-id" instead. A handler reads it back with trace_context(ctx)
// and logs with `logger.with_trace(t.trace_id, t.span_id)`.

#include <optional>
#include <string>
#include <string_view>

namespace grpc {
class ClientContext;
class ServerContextBase;
}  // namespace grpc

namespace yao::grpc {

inline constexpr std::string_view kTraceparentKey = "traceparent";
inline constexpr std::string_view kTraceIdKey = "x-yao-trace-id";
inline constexpr std::string_view kSpanIdKey = "x-yao-span-id";

/// The trace a call belongs to. The span is the call itself: the client makes a new span id per
/// logical call (shared by its retries) and the handler logs under the same span.
struct TraceContext {
    std::string trace_id;  ///< empty: no trace
    std::string span_id;   ///< empty: no span
};

/// A random W3C trace id: 32 lowercase hex digits, not all zero.
std::string new_trace_id();

/// A random W3C span id: 16 lowercase hex digits, not all zero.
std::string new_span_id();

/// "00-<trace>-<span>-01", or nullopt when either id is not in W3C form.
std::optional<std::string> format_traceparent(const TraceContext& trace);

/// The trace and span ids of a version-00 `traceparent` value; nullopt when malformed.
std::optional<TraceContext> parse_traceparent(std::string_view value);

/// Adds `trace` to the call's metadata: traceparent, or the x-yao-* pair for other id shapes
/// (ids that are not printable ASCII up to 128 characters are left out).
void inject_trace(::grpc::ClientContext& context, const TraceContext& trace);

/// The trace the client sent with this call (traceparent first, then x-yao-*); empty ids when it
/// sent none. Works for sync and callback handlers.
TraceContext trace_context(const ::grpc::ServerContextBase& context);

}  // namespace yao::grpc
