// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "wiring.hpp"

#include <charconv>

#include <yao/mq/inproc_bus.hpp>
#include <yao/mq/redis_bus.hpp>
#include <yao/services/archive/commit_service.hpp>
#include <yao/services/chronos/sequencer.hpp>
#include <yao/services/vulcan/executor_service.hpp>
#include <yao/state/oracle.hpp>
#include <yao/storage/chain_store_source.hpp>
#include <yao/storage/mysql_store.hpp>
#include <yao/storage/redis_cache.hpp>

namespace yao::node {
namespace {

std::unexpected<Error> io_error(const std::error_code& ec, std::string what) {
    return std::unexpected(Error{ec, std::move(what)});
}

/// "redis://host[:port]" as host and port (validated by the configuration already).
Result<std::pair<std::string, uint16_t>> redis_address(const std::string& url, std::string_view key) {
    std::pair<std::string, uint16_t> out{"127.0.0.1", 6379};
    std::string_view rest = std::string_view{url}.substr(std::string_view{"redis://"}.size());
    if (const size_t colon = rest.rfind(':'); colon != std::string_view::npos) {
        const std::string_view port = rest.substr(colon + 1);
        unsigned value = 0;
        auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535)
            return io_error(std::make_error_code(std::errc::invalid_argument),
                            std::string{key} + ": bad port in " + url);
        out.second = static_cast<uint16_t>(value);
        rest = rest.substr(0, colon);
    }
    if (!rest.empty()) out.first = std::string{rest};
    return out;
}

}  // namespace

storage::MysqlOptions mysql_store_options(const config::NodeConfig& cfg) {
    storage::MysqlOptions o;
    o.host = cfg.store.mysql.host;
    o.port = cfg.store.mysql.port;
    o.user = cfg.store.mysql.user;
    o.password = cfg.store.mysql.password;
    o.database = cfg.store.mysql.database;
    return o;
}

Result<std::unique_ptr<mq::Bus>> make_bus(const config::BusConfig& c) {
    if (c.kind != "redis") return std::unique_ptr<mq::Bus>{std::make_unique<mq::InProcBus>()};
    mq::RedisBus::Options o;
    YAO_TRY(auto address, redis_address(c.url, "bus.url"));
    o.host = std::move(address.first);
    o.port = address.second;
    o.key_prefix = c.key_prefix;
    o.max_backlog = c.max_backlog;
    return std::unique_ptr<mq::Bus>{std::make_unique<mq::RedisBus>(std::move(o))};
}


Result<std::shared_ptr<state::VersionedSource>> make_l2(const config::RedisConfig& redis) {
    if (redis.url.empty()) return std::shared_ptr<state::VersionedSource>{};
    storage::RedisCache::Options o;
    YAO_TRY(auto address, redis_address(redis.url, "redis.url"));
    o.host = std::move(address.first);
    o.port = address.second;
    YAO_TRY(auto cache, storage::RedisCache::connect(o));
    return std::shared_ptr<state::VersionedSource>{std::move(cache)};
}

std::vector<std::shared_ptr<state::VersionedSource>> state_sources(
    std::shared_ptr<state::VersionedSource> l2, std::shared_ptr<storage::ChainStore> store) {
    std::vector<std::shared_ptr<state::VersionedSource>> sources;
    if (l2) sources.push_back(std::move(l2));
    sources.push_back(std::make_shared<storage::ChainStoreSource>(std::move(store)));
    return sources;
}

std::shared_ptr<state::L1Cache> make_l1(size_t bytes) {
    return std::make_shared<state::L1Cache>(state::L1Cache::Options{bytes, 16});
}

std::unique_ptr<archive::CommitService> make_commit_service(
    const config::NodeConfig& cfg, mq::Bus& bus, std::shared_ptr<storage::ChainStore> store,
    std::shared_ptr<state::L1Cache> l1, std::shared_ptr<state::VersionedSource> l2,
    std::string name, std::function<void(const Error&)> on_halt, log::Logger logger) {
    archive::CommitOptions o;
    o.chain_id = cfg.chain.chain_id;
    o.forks = cfg.genesis.forks;
    o.name = std::move(name);
    o.on_halt = std::move(on_halt);
    o.ack_timeout = std::chrono::milliseconds{cfg.bus.redelivery_ms};
    auto sources = state_sources(l2, store);
    return std::make_unique<archive::CommitService>(std::move(o), bus, std::move(store),
                                                    std::move(l1), std::move(sources),
                                                    std::move(l2), std::move(logger));
}

Result<std::unique_ptr<vulcan::ExecutionService>> make_execution_service(
    const config::NodeConfig& cfg, mq::Bus& bus, std::shared_ptr<storage::ChainStore> store,
    std::shared_ptr<state::L1Cache> l1, std::shared_ptr<state::VersionedSource> l2,
    std::string name, log::Logger logger) {
    vulcan::ExecutorOptions o;
    o.chain_id = cfg.chain.chain_id;
    o.forks = cfg.genesis.forks;
    o.workers = cfg.execution.workers;
    o.name = std::move(name);
    o.ack_timeout = std::chrono::milliseconds{cfg.bus.redelivery_ms};
    YAO_TRY(auto head, store->head_number());
    o.start_head = head.value_or(0);
    auto committed_hash = [store](uint64_t n) -> Result<std::optional<Hash256>> {
        YAO_TRY(auto b, store->header_by_number(n));
        return b ? std::optional{b->hash} : std::nullopt;
    };
    return std::make_unique<vulcan::ExecutionService>(std::move(o), bus, std::move(l1),
                                                      state_sources(std::move(l2), store),
                                                      std::move(committed_hash),
                                                      std::move(logger));
}

Result<std::unique_ptr<chronos::Sequencer>> make_sequencer(
    const config::NodeConfig& cfg, mq::Bus& bus, std::shared_ptr<storage::ChainStore> store,
    log::Logger& logger, std::optional<uint64_t> epoch) {
    const config::NodeConfig& c = cfg;
    if (!epoch) {
        YAO_TRY(const uint64_t fence, store->raise_fence(0));
        epoch = std::max<uint64_t>(1, fence);
    }
    YAO_TRY(auto head_num, store->head_number());
    YAO_TRY(auto head_block, store->header_by_number(head_num.value_or(0)));
    if (!head_block) return io_error(std::make_error_code(std::errc::io_error), "no head block");
    chronos::SequencerOptions so;
    so.chain_id = c.chain.chain_id;
    so.gas_limit = c.chain.gas_limit;
    so.base_fee = c.chain.base_fee;
    so.coinbase = c.chain.coinbase;
    so.block_interval = std::chrono::milliseconds{c.chain.block_interval_ms};
    so.empty_blocks = c.chain.empty_blocks;
    so.max_block_txs = static_cast<size_t>(c.chain.max_block_txs);
    so.forks = c.genesis.forks;
    so.max_inflight_blocks = c.chain.max_inflight_blocks;
    so.epoch = *epoch;
    so.take_over_ingress = epoch.has_value() && c.bus.kind == "redis";
    // Durable admission over a durable bus (docs/cluster.md "One entrance").
    so.journal = c.bus.kind == "redis";
    so.ingress_redelivery = std::chrono::milliseconds{c.bus.redelivery_ms};
    so.mempool.max_per_sender = c.mempool.max_per_sender;
    so.mempool.max_total = c.mempool.max_total;
    so.mempool.max_queued_per_sender = c.mempool.max_queued_per_sender;
    so.mempool.max_queued_total = c.mempool.max_queued_total;
    so.mempool.queued_lifetime = std::chrono::seconds{c.mempool.queued_lifetime_s};
    chronos::Head start{head_block->header.number, head_block->hash, head_block->header.timestamp,
                        head_block->header.prev_randao};
    auto nonce_reader = [store](const Address& a) -> Result<uint64_t> {
        YAO_TRY(auto acc, store->account(a));
        return acc ? acc->nonce : 0;
    };
    return std::make_unique<chronos::Sequencer>(so, bus, start, nonce_reader, logger);
}

portal::AdmissionOptions admission_options(const config::NodeConfig& cfg) {
    portal::AdmissionOptions o;
    o.chain_id = cfg.chain.chain_id;
    o.forks = cfg.genesis.forks;
    o.block_gas_limit = cfg.chain.gas_limit;
    o.base_fee = cfg.chain.base_fee;
    o.allow_unprotected_txs = cfg.rpc.allow_unprotected_txs;
    return o;
}

std::vector<rpc::SigningAccount> signing_accounts(const std::vector<config::DevAccount>& accounts) {
    std::vector<rpc::SigningAccount> out;
    out.reserve(accounts.size());
    for (const auto& a : accounts) {
        Hash256 key;
        std::copy(a.private_key.bytes.begin(), a.private_key.bytes.end(), key.bytes.begin());
        out.push_back({a.address, key});
    }
    return out;
}

}  // namespace yao::node
