// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "trace.hpp"

#include <yao/infra/trace_id.hpp>

#include <grpcpp/client_context.h>
#include <grpcpp/server_context.h>

#include <algorithm>
#include <cstdint>
#include <random>

#include <yao/grpc/handler.hpp>
#include <yao/log/logger.hpp>

namespace yao::grpc {
namespace {

// W3C: exactly `digits` lowercase hex digits, not all zero.
bool is_w3c_id(std::string_view id, std::size_t digits) {
    if (id.size() != digits) return false;
    bool nonzero = false;
    for (char c : id) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        nonzero |= c != '0';
    }
    return nonzero;
}

// Metadata values must be printable ASCII; an id that is not (or is absurdly long) is dropped
// rather than failing the call.
bool is_header_safe(std::string_view id) {
    return !id.empty() && id.size() <= 128 &&
           std::all_of(id.begin(), id.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

std::string_view metadata(const ::grpc::ServerContextBase& context, std::string_view key) {
    const auto& md = context.client_metadata();
    auto it = md.find(::grpc::string_ref{key.data(), key.size()});
    if (it == md.end()) return {};
    return {it->second.data(), it->second.size()};
}

}  // namespace

std::string new_trace_id() {
    return infra::random_hex_id(32);
}

std::string new_span_id() {
    return infra::random_hex_id(16);
}

std::optional<std::string> format_traceparent(const TraceContext& trace) {
    if (!is_w3c_id(trace.trace_id, 32) || !is_w3c_id(trace.span_id, 16)) return std::nullopt;
    return "00-" + trace.trace_id + "-" + trace.span_id + "-01";
}

std::optional<TraceContext> parse_traceparent(std::string_view value) {
    // version(2) '-' trace(32) '-' span(16) '-' flags(2)
    if (value.size() != 55 || value.substr(0, 3) != "00-" || value[35] != '-' || value[52] != '-')
        return std::nullopt;
    TraceContext trace{std::string{value.substr(3, 32)}, std::string{value.substr(36, 16)}};
    if (!is_w3c_id(trace.trace_id, 32) || !is_w3c_id(trace.span_id, 16)) return std::nullopt;
    return trace;
}

void inject_trace(::grpc::ClientContext& context, const TraceContext& trace) {
    if (auto header = format_traceparent(trace)) {
        context.AddMetadata(std::string{kTraceparentKey}, *header);
        return;
    }
    if (is_header_safe(trace.trace_id))
        context.AddMetadata(std::string{kTraceIdKey}, trace.trace_id);
    if (is_header_safe(trace.span_id)) context.AddMetadata(std::string{kSpanIdKey}, trace.span_id);
}

void log_failed_call(const ::grpc::ServerContextBase& context, const Error& error, bool bug) {
    const log::Logger logger = log::default_logger();
    const log::Level level = bug ? log::Level::kError : log::Level::kDebug;
    if (!logger.enabled(level)) return;
    const TraceContext trace = trace_context(context);
    (bug ? logger.error("gRPC handler threw") : logger.debug("gRPC call failed"))
        .with_component("grpc")
        .with_trace(trace.trace_id, trace.span_id)
        .with_field("peer", context.peer())
        .with_error(error)
        .log();
}

TraceContext trace_context(const ::grpc::ServerContextBase& context) {
    if (auto parsed = parse_traceparent(metadata(context, kTraceparentKey))) return *parsed;
    return {std::string{metadata(context, kTraceIdKey)},
            std::string{metadata(context, kSpanIdKey)}};
}

}  // namespace yao::grpc
