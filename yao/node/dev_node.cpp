// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "dev_node.hpp"

#include <charconv>
#include <filesystem>
#include <system_error>

#include <yao/chain/errc.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/infra/file_lock.hpp>
#include <yao/infra/worker_pool.hpp>
#include <yao/mq/inproc_bus.hpp>
#include <yao/proto/codec.hpp>
#include <yao/services/archive/block_reader.hpp>
#include <yao/services/archive/commit_service.hpp>
#include <yao/services/chronos/sequencer.hpp>
#include <yao/services/portal/admission.hpp>
#include <yao/services/vulcan/executor_service.hpp>
#include <yao/services/vulcan/state_reader.hpp>
#include <yao/state/oracle.hpp>
#include <yao/storage/chain_store_source.hpp>
#include <yao/storage/mysql_store.hpp>
#include <yao/storage/redis_cache.hpp>
#include <yao/storage/sqlite_store.hpp>

namespace yao::node {
namespace {

constexpr size_t kIngressBatch = 1024;

std::unexpected<Error> io_error(const std::error_code& ec, std::string what) {
    return std::unexpected(Error{ec, std::move(what)});
}

uint64_t unix_seconds() {
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
}

/// "redis://host[:port]" (validated by the configuration already).
Result<std::shared_ptr<state::VersionedSource>> connect_redis(const std::string& url) {
    storage::RedisCache::Options o;
    std::string_view rest = std::string_view{url}.substr(std::string_view{"redis://"}.size());
    if (const size_t colon = rest.rfind(':'); colon != std::string_view::npos) {
        const std::string_view port = rest.substr(colon + 1);
        unsigned value = 0;
        auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535)
            return io_error(std::make_error_code(std::errc::invalid_argument),
                            "redis.url: bad port in " + url);
        o.port = static_cast<uint16_t>(value);
        rest = rest.substr(0, colon);
    }
    if (!rest.empty()) o.host = std::string{rest};
    YAO_TRY(auto cache, storage::RedisCache::connect(o));
    return std::shared_ptr<state::VersionedSource>{std::move(cache)};
}

}  // namespace

Result<OpenedStore> open_store(const config::NodeConfig& cfg) {
    OpenedStore out;
    if (cfg.store.kind == config::StoreKind::kMysql) {
        storage::MysqlOptions o;
        o.host = cfg.store.mysql.host;
        o.port = cfg.store.mysql.port;
        o.user = cfg.store.mysql.user;
        o.password = cfg.store.mysql.password;
        o.database = cfg.store.mysql.database;
        o.create_database = true;
        YAO_TRY(auto s, storage::make_mysql_store(o));
        out.store = std::move(s);
    } else {
        storage::SqliteOptions o;
        o.busy_timeout = std::chrono::milliseconds{cfg.store.busy_timeout_ms};
        if (cfg.store.in_memory) {
            o.path = ":memory:";
        } else {
            const std::filesystem::path path = config::sqlite_path(cfg);
            std::error_code ec;
            if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
            if (ec) return io_error(ec, "cannot create " + path.parent_path().string());
            YAO_TRY(auto lock, infra::FileLock::acquire(path.string() + ".lock"));
            out.lock = std::make_shared<infra::FileLock>(std::move(lock));
            o.path = path.string();
        }
        YAO_TRY(auto s, storage::make_sqlite_store(o));
        out.store = std::move(s);
    }
    // A genesis whose timestamp is "the time of init" is rebuilt with the stored timestamp.
    uint64_t timestamp = unix_seconds();
    YAO_TRY(auto head, out.store->head_number());
    if (head) {
        YAO_TRY(auto block0, out.store->header_by_number(0));
        if (block0) timestamp = block0->header.timestamp;
    }
    YAO_TRY(auto genesis, config::build_genesis(cfg, timestamp));
    YAO_TRY(out.outcome, config::init_chain(*out.store, genesis));
    out.genesis_hash = genesis.hash;
    return out;
}

Result<std::unique_ptr<DevNode>> DevNode::open(config::NodeConfig cfg, log::Logger logger) {
    YAO_TRY_VOID(config::validate_config(cfg));
    std::unique_ptr<DevNode> node{new DevNode()};
    node->cfg_ = std::move(cfg);
    node->log_ = std::move(logger);
    const config::NodeConfig& c = node->cfg_;
    YAO_TRY(node->dev_accounts_, config::derive_dev_accounts(c.genesis.dev_accounts.mnemonic,
                                                             c.genesis.dev_accounts.count));
    YAO_TRY(OpenedStore opened, open_store(c));
    node->store_lock_ = opened.lock;
    node->store_ = opened.store;
    node->init_outcome_ = opened.outcome;

    node->bus_ = std::make_unique<mq::InProcBus>();
    // Every service owns its L1, as each is its own process in a cluster (DESIGN.md section 1):
    // Vulcan's is evicted only by the keys on cache-invalidation-topic, so the pipeline meets
    // the same stale-cache window here as in a cluster. Archive's serves its re-executions (a
    // quarter of the size: they are rare) and is evicted by its own commits.
    const size_t l1_bytes = static_cast<size_t>(c.execution.l1_cache_mb) << 20;
    node->l1_ = std::make_shared<state::L1Cache>(state::L1Cache::Options{l1_bytes, 16});
    node->archive_l1_ = std::make_shared<state::L1Cache>(
        state::L1Cache::Options{std::max<size_t>(l1_bytes / 4, size_t{16} << 20), 16});
    auto l3 = std::make_shared<storage::ChainStoreSource>(node->store_);
    // The levels below L1: Redis (L2) when configured, then the store (L3).
    std::shared_ptr<state::VersionedSource> l2;
    if (!c.redis.url.empty()) {
        YAO_TRY(l2, connect_redis(c.redis.url));
    }
    std::vector<std::shared_ptr<state::VersionedSource>> sources;
    if (l2) sources.push_back(l2);
    sources.push_back(l3);
    auto store = node->store_;
    auto committed_hash = [store](uint64_t n) -> std::optional<Hash256> {
        auto b = store->header_by_number(n);
        return b && *b ? std::optional{(*b)->hash} : std::nullopt;
    };

    archive::CommitOptions ao;
    ao.chain_id = c.chain.chain_id;
    DevNode* self = node.get();
    ao.on_halt = [self](const Error& e) {
        // Admission refuses from now on: a hash would promise a block that never comes.
        if (self->sequencer_) self->sequencer_->halt(e);
        std::function<void(const Error&)> handler;
        {
            std::scoped_lock lock{self->halt_mu_};
            handler = self->halt_handler_;
        }
        if (handler) handler(e);
    };
    node->archive_ = std::make_unique<archive::CommitService>(
        ao, *node->bus_, node->store_, node->archive_l1_, sources, l2, node->log_);

    vulcan::ExecutorOptions vo;
    vo.chain_id = c.chain.chain_id;
    vo.workers = c.execution.workers;
    YAO_TRY(auto start_head, node->store_->head_number());
    vo.start_head = start_head.value_or(0);
    node->executor_ = std::make_unique<vulcan::ExecutionService>(
        vo, *node->bus_, node->l1_, sources, committed_hash, node->log_);

    YAO_TRY(auto head_num, node->store_->head_number());
    YAO_TRY(auto head_block, node->store_->header_by_number(head_num.value_or(0)));
    if (!head_block) return io_error(std::make_error_code(std::errc::io_error), "no head block");

    chronos::SequencerOptions so;
    so.chain_id = c.chain.chain_id;
    so.gas_limit = c.chain.gas_limit;
    so.base_fee = c.chain.base_fee;
    so.coinbase = c.chain.coinbase;
    so.block_interval = std::chrono::milliseconds{c.chain.block_interval_ms};
    so.empty_blocks = c.chain.empty_blocks;
    so.max_block_txs = static_cast<size_t>(c.chain.max_block_txs);
    so.max_inflight_blocks = c.chain.max_inflight_blocks;
    so.epoch = 1;
    so.mempool.max_per_sender = c.mempool.max_per_sender;
    so.mempool.max_total = c.mempool.max_total;
    so.mempool.max_queued_per_sender = c.mempool.max_queued_per_sender;
    so.mempool.max_queued_total = c.mempool.max_queued_total;
    so.mempool.queued_lifetime = std::chrono::seconds{c.mempool.queued_lifetime_s};
    chronos::Head start{head_block->header.number, head_block->hash,
                             head_block->header.timestamp, head_block->header.prev_randao};
    auto nonce_reader = [store](const Address& a) -> Result<uint64_t> {
        YAO_TRY(auto acc, store->account(a));
        return acc ? acc->nonce : 0;
    };
    node->sequencer_ =
        std::make_unique<chronos::Sequencer>(so, *node->bus_, start, nonce_reader, node->log_);
    node->blocks_ = std::make_unique<archive::BlockReader>(node->store_);
    node->state_ = std::make_unique<vulcan::StateReader>(node->store_);
    node->pool_ = std::make_unique<infra::WorkerPool>();
    node->admission_ = std::make_unique<portal::Admission>(
        node->admission_options(), *node->state_, *node->sequencer_, *node->pool_,
        [self] { return self->head_number(); });
    return node;
}

DevNode::~DevNode() { stop(std::chrono::milliseconds{0}); }

Result<void> DevNode::start() {
    YAO_TRY_VOID(archive_->start());
    YAO_TRY_VOID(executor_->start());
    YAO_TRY_VOID(sequencer_->start());
    started_ = true;
    return {};
}

void DevNode::stop(std::chrono::milliseconds drain) {
    if (stopped_ || !started_) return;
    stopped_ = true;
    sequencer_->stop();
    const uint64_t proposed = sequencer_->last_proposed();
    if (drain.count() > 0) archive_->wait_for(proposed, drain);
    executor_->stop();
    archive_->stop();
    bus_->close();
    log_.info("node stopped").with_field("head", archive_->head().number).log();
}

Result<void> DevNode::submit(std::vector<proto::SignedTx> txs) {
    for (size_t begin = 0; begin < txs.size(); begin += kIngressBatch) {
        proto::TxBatch batch;
        const size_t end = std::min(txs.size(), begin + kIngressBatch);
        batch.txs.assign(std::make_move_iterator(txs.begin() + static_cast<std::ptrdiff_t>(begin)),
                         std::make_move_iterator(txs.begin() + static_cast<std::ptrdiff_t>(end)));
        YAO_TRY_VOID(bus_->publish(proto::kTxIngressTopic,
                                   mq::make_envelope(proto::kTxBatchType, proto::encode(batch))));
    }
    return {};
}

std::vector<Result<Hash256>> DevNode::submit_raw(std::span<const Bytes> raw) {
    return admission_->submit_raw(raw);
}

portal::AdmissionOptions DevNode::admission_options() const {
    portal::AdmissionOptions o;
    o.chain_id = cfg_.chain.chain_id;
    o.block_gas_limit = cfg_.chain.gas_limit;
    o.base_fee = cfg_.chain.base_fee;
    o.allow_unprotected_txs = cfg_.rpc.allow_unprotected_txs;
    return o;
}

archive::BlockService& DevNode::blocks() noexcept { return *blocks_; }
vulcan::StateService& DevNode::state() noexcept { return *state_; }

bool DevNode::wait_for_block(uint64_t number, std::chrono::milliseconds timeout) const {
    return archive_->wait_for(number, timeout);
}

uint64_t DevNode::head_number() const { return archive_->head().number; }

std::optional<Error> DevNode::failure() const { return archive_->failure(); }

void DevNode::on_halt(std::function<void(const Error&)> fn) {
    std::scoped_lock lock{halt_mu_};
    halt_handler_ = std::move(fn);
}

}  // namespace yao::node
