// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "portal_config.hpp"

#include <yao/common/hex.hpp>

namespace yao::node {

portal::PortalOptions to_portal_options(const config::RpcConfig& r) {
    using std::chrono::milliseconds;
    using std::chrono::seconds;
    portal::PortalOptions o;
    rpc::ServerOptions& s = o.server;
    s.host = r.host;
    s.port = r.port;
    s.max_body_bytes = r.max_body_bytes;
    s.max_header_bytes = r.max_header_bytes;
    s.max_connections = r.max_connections;
    s.max_connections_per_ip = r.max_connections_per_ip;
    s.max_websockets = r.max_websockets;
    s.max_connections_per_key = r.max_connections_per_key;
    s.rate_limit_per_client = r.rate_limit_per_client;
    s.rate_limit_burst = r.rate_limit_burst;
    s.cors_origins = r.cors_origins;
    s.vhosts = r.vhosts;
    s.idle_timeout = seconds{r.idle_timeout_s};
    s.first_request_timeout = seconds{r.first_request_timeout_s};
    s.header_timeout = seconds{r.header_timeout_s};
    s.shutdown_timeout = seconds{r.shutdown_timeout_s};
    s.ws_max_message = r.ws_max_message_bytes;
    s.ws_max_queue = r.ws_max_queue;
    s.ws_max_queue_bytes = r.ws_max_queue_bytes;
    s.max_queued_bytes = r.max_queued_bytes;
    s.heavy_threads = r.heavy_threads;
    s.heavy_queue = r.heavy_queue;
    o.limits.max_batch = r.max_batch;
    o.limits.max_response_bytes = r.max_response_bytes;
    o.limits.max_batch_time = milliseconds{r.max_batch_time_ms};
    rpc::EthOptions& e = o.eth;
    e.max_filters = r.max_filters;
    e.max_filter_changes = r.max_filter_changes;
    e.max_subscriptions_per_connection = r.max_subscriptions_per_connection;
    e.filter_timeout = seconds{r.filter_timeout_s};
    e.max_log_block_range = r.max_log_block_range;
    e.max_log_results = r.max_log_results;
    e.max_fee_history = r.max_fee_history;
    e.max_fee_history_percentiles = r.max_fee_history_percentiles;
    for (const auto& k : r.auth.api_keys) {
        rpc::ApiKey key{k.name, k.key, 0};
        for (const auto& role : k.roles) key.roles |= rpc::parse_role(role);
        s.auth.api_keys.push_back(std::move(key));
    }
    if (!r.auth.jwt_secret.empty()) s.auth.jwt_secret = from_hex(r.auth.jwt_secret).value_or(Bytes{});
    s.auth.ip_allowlist = r.auth.ip_allowlist;
    s.tls_cert_file = r.tls.cert_file;
    s.tls_key_file = r.tls.key_file;
    s.tls_client_ca_file = r.tls.client_ca_file;
    o.execution.gas_cap = r.gas_cap;
    o.execution.max_trace_bytes = r.max_trace_bytes;
    o.ots.max_page_size = r.ots_max_page_size;
    return o;
}

}  // namespace yao::node
