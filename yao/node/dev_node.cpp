// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "dev_node.hpp"

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
#include <yao/storage/mysql_store.hpp>
#include <yao/storage/sqlite_store.hpp>

#include "wiring.hpp"

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

}  // namespace

Result<std::shared_ptr<storage::ChainStore>> open_store_read_only(const config::NodeConfig& cfg) {
    if (cfg.store.kind == config::StoreKind::kMysql) {
        storage::MysqlOptions o = mysql_store_options(cfg);
        o.read_only = true;
        YAO_TRY(auto s, storage::make_mysql_store(o));
        return std::shared_ptr<storage::ChainStore>{std::move(s)};
    }
    if (cfg.store.in_memory)
        return fail(storage::Errc::kInvalidArgument, "an in-memory chain cannot be opened");
    const std::filesystem::path path = config::sqlite_path(cfg);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return fail(storage::Errc::kInvalidArgument, "no chain at " + path.string());
    storage::SqliteOptions o;
    o.path = path.string();
    o.read_only = true;
    o.pool_size = 2;
    o.busy_timeout = std::chrono::milliseconds{cfg.store.busy_timeout_ms};
    YAO_TRY(auto s, storage::make_sqlite_store(o));
    return std::shared_ptr<storage::ChainStore>{std::move(s)};
}

Result<OpenedStore> open_store(const config::NodeConfig& cfg) {
    OpenedStore out;
    if (cfg.store.kind == config::StoreKind::kMysql) {
        storage::MysqlOptions o = mysql_store_options(cfg);
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
    YAO_TRY(out.outcome, config::init_chain(*out.store, genesis, cfg.genesis.forks));
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

    YAO_TRY(node->bus_, make_bus(c.bus));
    // Every service owns its L1, as each is its own process in a cluster (DESIGN.md section 1):
    // Vulcan's is evicted only by the keys on cache-invalidation-topic, so the pipeline meets
    // the same stale-cache window here as in a cluster. Archive's serves its re-executions (a
    // quarter of the size: they are rare) and is evicted by its own commits.
    const size_t l1_bytes = static_cast<size_t>(c.execution.l1_cache_mb) << 20;
    node->l1_ = make_l1(l1_bytes);
    node->archive_l1_ = make_l1(std::max<size_t>(l1_bytes / 4, size_t{16} << 20));
    YAO_TRY(auto l2, make_l2(c.redis));

    DevNode* self = node.get();
    auto on_halt = [self](const Error& e) {
        // Admission refuses from now on: a hash would promise a block that never comes.
        if (self->sequencer_) self->sequencer_->halt(e);
        std::function<void(const Error&)> handler;
        {
            std::scoped_lock lock{self->halt_mu_};
            handler = self->halt_handler_;
        }
        if (handler) handler(e);
    };
    node->archive_ = make_commit_service(c, *node->bus_, node->store_, node->archive_l1_, l2,
                                         "archive", on_halt, node->log_);
    YAO_TRY(node->executor_, make_execution_service(c, *node->bus_, node->store_, node->l1_, l2,
                                                    "vulcan", node->log_));
    YAO_TRY(node->sequencer_, make_sequencer(c, *node->bus_, node->store_, node->log_));
    node->blocks_ = std::make_unique<archive::BlockReader>(node->store_);
    node->state_ = std::make_unique<vulcan::StateReader>(node->store_);
    node->pool_ = std::make_unique<infra::WorkerPool>();
    node->admission_ = std::make_unique<portal::Admission>(
        admission_options(c), *node->state_, *node->sequencer_, *node->pool_,
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
