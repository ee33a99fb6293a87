// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// Every limit of the node configuration has the same default as the component it configures:
// a `rpc` section left out gives exactly the transport's, framing's and methods' own defaults.
#include <gtest/gtest.h>

#include <yao/config/config.hpp>
#include <yao/node/portal_config.hpp>
#include <yao/services/chronos/mempool.hpp>

namespace yao::test {
namespace {

TEST(ConfigDefaults, TheRpcSectionsDefaultsAreThoseOfThePortal) {
    const portal::PortalOptions mapped = node::to_portal_options(config::RpcConfig{});
    const portal::PortalOptions own;
    const rpc::ServerOptions& a = mapped.server;
    const rpc::ServerOptions& b = own.server;
    EXPECT_EQ(a.host, b.host);
    EXPECT_EQ(a.port, b.port);
    EXPECT_EQ(a.max_body_bytes, b.max_body_bytes);
    EXPECT_EQ(a.max_header_bytes, b.max_header_bytes);
    EXPECT_EQ(a.max_connections, b.max_connections);
    EXPECT_EQ(a.max_connections_per_ip, b.max_connections_per_ip);
    EXPECT_EQ(a.max_websockets, b.max_websockets);
    EXPECT_EQ(a.max_connections_per_key, b.max_connections_per_key);
    EXPECT_EQ(a.rate_limit_per_client, b.rate_limit_per_client);
    EXPECT_EQ(a.rate_limit_burst, b.rate_limit_burst);
    EXPECT_EQ(a.cors_origins, b.cors_origins);
    EXPECT_EQ(a.vhosts, b.vhosts);
    EXPECT_EQ(a.idle_timeout, b.idle_timeout);
    EXPECT_EQ(a.first_request_timeout, b.first_request_timeout);
    EXPECT_EQ(a.header_timeout, b.header_timeout);
    EXPECT_EQ(a.shutdown_timeout, b.shutdown_timeout);
    EXPECT_EQ(a.ws_max_message, b.ws_max_message);
    EXPECT_EQ(a.ws_max_queue, b.ws_max_queue);
    EXPECT_EQ(a.ws_max_queue_bytes, b.ws_max_queue_bytes);
    EXPECT_EQ(a.max_queued_bytes, b.max_queued_bytes);
    EXPECT_EQ(a.heavy_threads, b.heavy_threads);
    EXPECT_EQ(a.heavy_queue, b.heavy_queue);
    EXPECT_EQ(mapped.limits.max_batch, own.limits.max_batch);
    EXPECT_EQ(mapped.limits.max_response_bytes, own.limits.max_response_bytes);
    EXPECT_EQ(mapped.limits.max_batch_time, own.limits.max_batch_time);
    const rpc::EthOptions& e = mapped.eth;
    const rpc::EthOptions& f = own.eth;
    EXPECT_EQ(e.max_filters, f.max_filters);
    EXPECT_EQ(e.max_filter_changes, f.max_filter_changes);
    EXPECT_EQ(e.max_subscriptions_per_connection, f.max_subscriptions_per_connection);
    EXPECT_EQ(e.filter_timeout, f.filter_timeout);
    EXPECT_EQ(e.max_log_block_range, f.max_log_block_range);
    EXPECT_EQ(e.max_log_results, f.max_log_results);
    EXPECT_EQ(e.max_fee_history, f.max_fee_history);
    EXPECT_EQ(e.max_fee_history_percentiles, f.max_fee_history_percentiles);
    EXPECT_EQ(mapped.execution.gas_cap, own.execution.gas_cap);
    EXPECT_EQ(mapped.execution.max_trace_bytes, own.execution.max_trace_bytes);
    EXPECT_EQ(mapped.ots.max_page_size, own.ots.max_page_size);
}

TEST(ConfigDefaults, TheMempoolSectionsDefaultsAreThoseOfThePool) {
    const config::MempoolConfig c;
    const chronos::MempoolOptions o;
    EXPECT_EQ(c.max_per_sender, o.max_per_sender);
    EXPECT_EQ(c.max_total, o.max_total);
    EXPECT_EQ(c.max_queued_per_sender, o.max_queued_per_sender);
    EXPECT_EQ(c.max_queued_total, o.max_queued_total);
    EXPECT_EQ(std::chrono::seconds{c.queued_lifetime_s}, o.queued_lifetime);
}

TEST(ConfigDefaults, TheDocumentedDefaultsHaveTheseValues) {
    // docs/rpc.md lists them; a change here must change the table there.
    const config::RpcConfig r;
    EXPECT_EQ(r.max_body_bytes, 5u << 20);
    EXPECT_EQ(r.max_header_bytes, 64u << 10);
    EXPECT_EQ(r.idle_timeout_s, 60u);
    EXPECT_EQ(r.header_timeout_s, 10u);
    EXPECT_EQ(r.first_request_timeout_s, 10u);
    EXPECT_EQ(r.shutdown_timeout_s, 5u);
    EXPECT_EQ(r.max_connections, 1024u);
    EXPECT_EQ(r.max_connections_per_ip, 256u);
    EXPECT_EQ(r.max_websockets, 512u);
    EXPECT_EQ(r.ws_max_queue_bytes, 32u << 20);
    EXPECT_EQ(r.max_queued_bytes, 256u << 20);
    EXPECT_EQ(r.max_subscriptions_per_connection, 128u);
    EXPECT_EQ(r.max_filters, 256u);
    EXPECT_EQ(r.vhosts, "localhost");
    EXPECT_FALSE(r.allow_unprotected_txs);
}

}  // namespace
}  // namespace yao::test
