// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// YaoArchive (DESIGN.md section 2, "Why parallel block execution stays correct"): takes
// execution results from state-commit-topic, puts them back in block order, checks every read
// of each result against the block that last wrote the key, re-executes a stale block on the
// committed state, fills parentHash, stateRoot and the hash, commits each block in one ACID
// transaction, then updates L2, evicts L1 and broadcasts the head with the written keys on
// cache-invalidation-topic. Idempotent on redelivery: results for committed blocks are
// acknowledged and ignored.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <yao/infra/metrics.hpp>
#include <yao/infra/thread.hpp>
#include <yao/chain/fork.hpp>
#include <yao/log/logger.hpp>
#include <yao/mq/bus.hpp>
#include <yao/mq/consumer_loop.hpp>
#include <yao/proto/messages.hpp>
#include <yao/state/oracle.hpp>
#include <yao/storage/chain_store.hpp>

namespace yao::archive {

struct CommitOptions {
    uint64_t chain_id = 1;
    std::string name = "archive";
    /// Keys whose last writer is kept in memory; past this the map is cleared and older keys
    /// are checked against the database (in one batched read per block).
    size_t max_tracked_keys = 4'000'000;
    std::chrono::milliseconds ack_timeout{60'000};
    /// Called once, on the committer's thread, when a block cannot be committed for good (the
    /// error is not transient, or it stayed after every retry): the chain halts. The owner
    /// should stop taking transactions and stop the process loudly.
    std::function<void(const Error&)> on_halt;
    /// The consumer group of state-commit-topic. Several Archives share it: each result goes
    /// to one of them, and each learns the blocks the others commit from
    /// cache-invalidation-topic (docs/cluster.md).
    std::string group = "archive";
    /// How long results may wait for a missing block before the database's head is read.
    std::chrono::milliseconds stall_check{1'000};
    chain::ForkSchedule forks{};  ///< the chain's forks (last: options are built positionally)
};

struct CommitStats {
    uint64_t blocks = 0;
    uint64_t transactions = 0;
    uint64_t dropped = 0;
    uint64_t reexecuted = 0;        ///< blocks whose read set was stale
    uint64_t duplicates = 0;        ///< results for blocks already committed (ignored)
    uint64_t fenced = 0;            ///< results of a deposed sequencer's proposals (dropped)
    uint64_t decode_ns = 0;
    uint64_t validate_ns = 0;
    uint64_t reexecute_ns = 0;
    uint64_t commit_ns = 0;         ///< building the commit and the database transaction
    uint64_t publish_ns = 0;        ///< L2, L1 and the head broadcast
};

/// Latency histograms and row counters, read by the process's metrics (yao/node/metrics).
struct CommitMetrics {
    infra::metrics::Histogram validate;    ///< the read-set check of one result
    infra::metrics::Histogram reexecute;   ///< re-executing a stale result
    infra::metrics::Histogram commit;      ///< building the commit and the database transaction
    infra::metrics::Histogram end_to_end;  ///< per transaction: entrance to committed
    /// Rows written by committed blocks: blocks, transactions (receipts ride with them), logs,
    /// accounts, storage, code.
    infra::metrics::Counter rows_blocks, rows_transactions, rows_logs, rows_accounts, rows_storage,
        rows_code;
};

/// The committed head.
struct Head {
    uint64_t number = 0;
    Hash256 hash;
    Hash256 state_root;
    uint64_t timestamp = 0;
    Hash256 prev_randao;
};

/// The block commit for `result` on top of `parent` (the committed head): header fields the
/// execution cannot know (parentHash, stateRoot, hash), the coinbase fee delta applied to
/// `coinbase_before` (the coinbase's committed account), transactions and state changes.
/// `forks` decides the header's fork fields (the requests hash from Prague on).
/// Exposed for the determinism test's reference chain. Fails when the diff is malformed.
Result<storage::BlockCommit> build_commit(const proto::ExecutionResult& result, const Head& parent,
                                          const std::optional<state::Account>& coinbase_before,
                                          const chain::ForkSchedule& forks,
                                          proto::StateDiff* final_diff = nullptr);

class CommitService {
public:
    /// `reexec_sources` are the levels below L1 used to re-execute a stale block (the last one
    /// must be the store itself); `l2`, if set, gets the written values after each commit.
    CommitService(CommitOptions options, mq::Bus& bus, std::shared_ptr<storage::ChainStore> store,
                  std::shared_ptr<state::L1Cache> l1,
                  std::vector<std::shared_ptr<state::VersionedSource>> reexec_sources,
                  std::shared_ptr<state::VersionedSource> l2, log::Logger logger);
    CommitService(const CommitService&) = delete;
    CommitService& operator=(const CommitService&) = delete;
    ~CommitService();

    /// Reads the head from the store (which must hold at least the genesis) and starts.
    Result<void> start();
    void stop();

    Head head() const;
    /// Waits until block `number` is committed; false on timeout or failure.
    bool wait_for(uint64_t number, std::chrono::milliseconds timeout) const;
    /// Set when a commit failed for good (the service stopped committing: the chain halted).
    /// Transient store errors (storage::is_retryable) never set it: they are retried, with a
    /// growing pause, until they pass or the service is stopped.
    std::optional<Error> failure() const;
    CommitStats stats() const;
    const CommitMetrics& metrics() const noexcept { return metrics_; }

private:
    struct Pending {
        proto::ExecutionResult result;
        std::vector<mq::Delivery> deliveries;
    };

    /// One delivery of state-commit-topic: commits every block that is now in turn.
    void on_result(const mq::Delivery& delivery);
    /// One delivery of cache-invalidation-topic: a block another Archive committed moves the
    /// head, the tracked writers and L1 as if committed here, then what is in turn commits.
    void on_peer_head(const mq::Delivery& delivery);
    /// Acknowledges waiting results at or below the head; commits those now in turn.
    void commit_waiting();
    /// Acknowledges a result of a sequencer epoch below max_epoch_ without committing it.
    void drop_fenced(const mq::Delivery& d, uint64_t number, uint64_t epoch);
    /// A newer sequencer term: drops the waiting results of older ones.
    void raise_epoch(uint64_t epoch);
    /// When results wait for a block that never came (another Archive committed it and died
    /// before announcing it) for longer than stall_check, follows the database's head.
    void check_stall();
    /// Moves the head to `block`, committed elsewhere, forgetting the tracked writers (the
    /// database knows every version) and L1.
    void adopt_head(const storage::StoredBlock& block);
    /// Sleeps for `duration` or until stop().
    void pause(std::chrono::milliseconds duration);
    Result<void> process(Pending& pending);
    /// Why `r` read state that is not the committed parent's (which check failed first, with
    /// the key and the versions); empty when every read is current.
    Result<std::string> stale_read(const proto::ExecutionResult& r);
    Result<std::optional<Hash256>> committed_hash(uint64_t number);
    Result<std::optional<state::Account>> coinbase_account(const Address& coinbase);
    Result<proto::ExecutionResult> reexecute(const proto::ExecutionResult& stale, bool store_only);
    void remember_writes(const proto::StateDiff& diff, uint64_t number);
    void count_rows(const storage::BlockCommit& commit, const proto::ExecutionResult& result);

    CommitOptions options_;
    mq::Bus& bus_;
    std::shared_ptr<storage::ChainStore> store_;
    std::shared_ptr<state::L1Cache> l1_;
    std::vector<std::shared_ptr<state::VersionedSource>> reexec_sources_;
    std::shared_ptr<state::VersionedSource> l2_;
    log::Logger log_;

    std::unique_ptr<mq::Consumer> consumer_;
    std::unique_ptr<mq::ConsumerLoop> loop_;
    std::unique_ptr<mq::Consumer> heads_consumer_;
    std::unique_ptr<mq::ConsumerLoop> heads_loop_;
    /// Serialises the two handlers: everything "owned by the loop" below is guarded by it.
    std::mutex loop_mutex_;
    std::optional<std::chrono::steady_clock::time_point> stalled_since_;  // under loop_mutex_
    std::atomic<bool> stopping_{false};

    // Owned by the handlers (under loop_mutex_).
    std::map<uint64_t, Pending> waiting_;  ///< results that arrived ahead of their turn
    std::unordered_map<Address, uint64_t> account_writers_;
    std::map<state::SlotKey, uint64_t> slot_writers_;
    std::map<uint64_t, Hash256> recent_hashes_;
    std::map<uint64_t, Hash256> recent_digests_;  ///< result_digest of each committed result
    std::optional<std::pair<Address, std::optional<state::Account>>> coinbase_;
    /// The highest sequencer epoch seen (in a result or at the fence): results of lower epochs
    /// are dropped (docs/cluster.md, "Failover").
    uint64_t max_epoch_ = 0;

    mutable std::mutex head_mutex_;
    mutable std::condition_variable head_cv_;
    Head head_;
    std::optional<Error> failure_;
    CommitMetrics metrics_;

    std::atomic<uint64_t> blocks_{0}, transactions_{0}, dropped_{0}, reexecuted_{0},
        duplicates_{0}, fenced_{0}, decode_ns_{0}, validate_ns_{0}, reexecute_ns_{0}, commit_ns_{0},
        publish_ns_{0};
};

}  // namespace yao::archive
