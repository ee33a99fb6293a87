// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The single-node shape of DESIGN.md section 1: YaoChronos, YaoVulcan and YaoArchive in one
// process over the in-process bus (or Redis Streams, config `bus`), an L1 cache, and an SQLite (or MySQL-protocol) store. The
// composition root of `yaoverse dev`, also used by the pipeline tests and benchmarks. The
// services only meet through the bus, exactly as they will in a cluster.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/config/config.hpp>
#include <yao/config/dev_accounts.hpp>
#include <yao/config/genesis.hpp>
#include <yao/log/logger.hpp>
#include <yao/proto/messages.hpp>

namespace yao::mq {
class Bus;
}
namespace yao::state {
class L1Cache;
}
namespace yao::storage {
class ChainStore;
}
namespace yao::chronos {
class Sequencer;
}
namespace yao::vulcan {
class ExecutionService;
class StateReader;
class StateService;
}
namespace yao::archive {
class BlockReader;
class BlockService;
class CommitService;
}
namespace yao::portal {
class Admission;
struct AdmissionOptions;
}
namespace yao::infra {
class FileLock;
class WorkerPool;
}

namespace yao::node {

/// Opens or creates the configured store and makes sure it holds this configuration's genesis
/// (a new store gets it; a store with another block 0 is refused). Shared by `yaoverse init`
/// and `yaoverse dev`. An SQLite file is locked first: a second process on the same file is
/// refused ("... is locked by process N").
struct OpenedStore {
    std::shared_ptr<storage::ChainStore> store;
    /// The lock on an SQLite file (`<file>.lock`): one process per store; held as long as this.
    std::shared_ptr<infra::FileLock> lock;
    config::InitOutcome outcome = config::InitOutcome::kCreated;
    Hash256 genesis_hash;
};
Result<OpenedStore> open_store(const config::NodeConfig& cfg);
/// Opens the configured store for reading only, beside any process writing it: no lock file,
/// no migration, no genesis written; SQLite read-only (a WAL reader), MySQL sessions READ ONLY.
/// A missing SQLite file is kInvalidArgument "no chain at <path>".
Result<std::shared_ptr<storage::ChainStore>> open_store_read_only(const config::NodeConfig& cfg);

class DevNode {
public:
    /// Opens the store (see open_store) and builds the services; nothing runs yet.
    static Result<std::unique_ptr<DevNode>> open(config::NodeConfig cfg, log::Logger logger);
    DevNode(const DevNode&) = delete;
    DevNode& operator=(const DevNode&) = delete;
    ~DevNode();

    /// Starts the committer, the executors and the sequencer (in that order).
    Result<void> start();
    /// Stops proposing, lets the blocks already proposed commit (up to `drain`), then stops
    /// everything. Idempotent.
    void stop(std::chrono::milliseconds drain = std::chrono::seconds{5});

    /// Publishes transactions whose senders were already recovered straight to tx-ingress-topic,
    /// in batches, past every check (benchmarks of the pipeline behind the entrance; the
    /// sequencer still applies its pool rules, silently).
    Result<void> submit(std::vector<proto::SignedTx> txs);
    /// The entrance YaoPortal uses (portal::Admission, the same rules as eth_sendRawTransaction):
    /// decoding and recovery in parallel on every core, the stateless and best-effort stateful
    /// checks, then the sequencer's pool. One result per input: the hash, or why it was refused.
    std::vector<Result<Hash256>> submit_raw(std::span<const Bytes> raw);


    /// Waits until block `number` is committed.
    bool wait_for_block(uint64_t number, std::chrono::milliseconds timeout) const;
    uint64_t head_number() const;

    const config::NodeConfig& config() const noexcept { return cfg_; }
    const std::vector<config::DevAccount>& dev_accounts() const noexcept { return dev_accounts_; }
    config::InitOutcome init_outcome() const noexcept { return init_outcome_; }
    storage::ChainStore& store() noexcept { return *store_; }
    const std::shared_ptr<storage::ChainStore>& shared_store() const noexcept { return store_; }
    /// The bus the services meet on: in-process, or Redis Streams (config `bus`).
    mq::Bus& bus() noexcept { return *bus_; }
    chronos::Sequencer& sequencer() noexcept { return *sequencer_; }
    /// The in-process services the Portal reads through (DESIGN.md section 1).
    archive::BlockService& blocks() noexcept;
    vulcan::StateService& state() noexcept;
    vulcan::ExecutionService& executor() noexcept { return *executor_; }
    archive::CommitService& archive() noexcept { return *archive_; }
    /// Threads for work spread over every core (signature recovery at the entrance).
    infra::WorkerPool& worker_pool() noexcept { return *pool_; }
    /// Set when the committer failed for good (the node can no longer make progress).
    std::optional<Error> failure() const;
    /// `fn` is called once, on the committer's thread, when the chain halts (a block that
    /// cannot be committed); `yaoverse dev` stops the process with an error. Thread-safe.
    void on_halt(std::function<void(const Error&)> fn);

private:
    DevNode() = default;

    config::NodeConfig cfg_;
    log::Logger log_;
    std::vector<config::DevAccount> dev_accounts_;
    config::InitOutcome init_outcome_ = config::InitOutcome::kCreated;
    std::shared_ptr<infra::FileLock> store_lock_;  // released after the store is closed
    std::shared_ptr<storage::ChainStore> store_;
    std::unique_ptr<mq::Bus> bus_;
    std::shared_ptr<state::L1Cache> l1_;          // Vulcan's
    std::shared_ptr<state::L1Cache> archive_l1_;  // Archive's
    std::unique_ptr<archive::CommitService> archive_;
    std::unique_ptr<vulcan::ExecutionService> executor_;
    std::unique_ptr<chronos::Sequencer> sequencer_;
    std::unique_ptr<archive::BlockReader> blocks_;
    std::unique_ptr<vulcan::StateReader> state_;
    std::unique_ptr<infra::WorkerPool> pool_;
    std::unique_ptr<portal::Admission> admission_;
    std::mutex halt_mu_;
    std::function<void(const Error&)> halt_handler_;  // guarded by halt_mu_
    bool started_ = false;
    bool stopped_ = false;
};

}  // namespace yao::node
