// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// YaoVulcan (DESIGN.md section 2): workers take proposals from block-execute-topic (clustering:
// several workers, and several nodes, execute different blocks at the same time), prefetch the
// keys they can predict through YaoOracle, execute, and publish the result with its read set to
// state-commit-topic. A broadcast consumer of cache-invalidation-topic evicts L1 entries and
// learns committed block hashes.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <yao/infra/metrics.hpp>
#include <yao/infra/thread.hpp>
#include <yao/log/logger.hpp>
#include <yao/mq/bus.hpp>
#include <yao/mq/consumer_loop.hpp>
#include <yao/state/oracle.hpp>

#include <yao/execution/block_executor.hpp>
#include "speculation.hpp"

namespace yao::vulcan {

struct ExecutorOptions {
    uint64_t chain_id = 1;
    unsigned workers = 2;
    std::string name = "vulcan";
    std::chrono::milliseconds ack_timeout{60'000};  ///< redelivery of a proposal if we die
    /// The committed head when the service starts (later ones come from head updates).
    uint64_t start_head = 0;
    /// Execute on top of this node's own results that are not committed yet
    /// (speculation.hpp) instead of on the committed state alone.
    bool speculate = true;
    /// How long a block waits for the results of the uncommitted blocks before it when none of
    /// them is being executed here (while one is, it waits for it).
    std::chrono::milliseconds speculation_wait{100};
    chain::ForkSchedule forks{};  ///< the chain's forks (last: options are built positionally)
};

/// Counters (monotonic), for metrics and the benchmark's stage split.
struct ExecutorStats {
    uint64_t blocks = 0;
    uint64_t transactions = 0;
    uint64_t dropped = 0;
    uint64_t decode_ns = 0;    ///< proposal decoding
    uint64_t prefetch_ns = 0;  ///< batched Oracle prefetch
    uint64_t execute_ns = 0;   ///< EVM and roots
    uint64_t publish_ns = 0;   ///< result encoding and publishing
    uint64_t speculative = 0;  ///< blocks executed on top of uncommitted results
    uint64_t fenced = 0;       ///< proposals of a deposed sequencer (dropped unexecuted)
};

class ExecutionService {
public:
    /// `committed_hashes` answers BLOCKHASH for blocks older than those announced on the
    /// invalidation topic since start (the store).
    ExecutionService(ExecutorOptions options, mq::Bus& bus, std::shared_ptr<state::L1Cache> l1,
                     std::vector<std::shared_ptr<state::VersionedSource>> sources,
                     execution::BlockHashReader committed_hashes, log::Logger logger);
    ExecutionService(const ExecutionService&) = delete;
    ExecutionService& operator=(const ExecutionService&) = delete;
    ~ExecutionService();

    /// Subscribes and starts the workers.
    Result<void> start();
    /// Stops the workers after the block each is executing (unacknowledged proposals are
    /// redelivered to others). Idempotent.
    void stop();

    ExecutorStats stats() const;
    /// Executing one block (EVM and roots), per block.
    const infra::metrics::Histogram& execute_latency() const noexcept { return execute_latency_; }
    /// Hits and misses of the state reads of every block executed here: L1 (index 0), then
    /// each source in the order given (the L2 cache if any, then the store).
    std::vector<state::LevelCounters> cache_counters() const;
    /// The newest committed block this node has heard of (readiness: caught up).
    uint64_t committed_head() const;

private:
    /// Executes one proposal and publishes its result; an error leaves it unacknowledged.
    Result<void> on_proposal(const std::string& executor, const mq::Delivery& delivery);
    /// Evicts L1, moves the committed head, prunes (or drops) the speculation overlay.
    void on_head_update(const mq::Delivery& delivery);
    /// The hash of block `number`: announced (recent) or read through committed_hashes_.
    Result<std::optional<Hash256>> block_hash(uint64_t number);
    void prefetch(state::Oracle& oracle, const proto::Proposal& proposal);
    /// Fencing (docs/cluster.md, "Failover"): false for a proposal of a sequencer epoch below
    /// the highest seen; a higher one becomes the highest and drops the speculation overlay.
    bool admit_epoch(uint64_t number, uint64_t epoch);

    ExecutorOptions options_;
    mq::Bus& bus_;
    std::shared_ptr<state::L1Cache> l1_;
    std::vector<std::shared_ptr<state::VersionedSource>> sources_;
    execution::BlockHashReader committed_hashes_;
    log::Logger log_;

    std::vector<std::unique_ptr<mq::Consumer>> consumers_;
    std::unique_ptr<mq::Consumer> invalidations_;
    std::vector<std::unique_ptr<mq::ConsumerLoop>> loops_;
    std::atomic<bool> stopping_{false};

    mutable std::mutex hashes_mutex_;
    std::map<uint64_t, Hash256> recent_hashes_;  ///< from head updates, the newest 512

    /// The uncommitted results this node produced, by block number.
    std::vector<std::shared_ptr<const SpeculativeBlock>> overlay_for(uint64_t number,
                                                                     uint64_t& generation);
    void keep_result(uint64_t number, std::shared_ptr<const SpeculativeBlock> block,
                     uint64_t generation);
    mutable std::mutex spec_mutex_;
    std::condition_variable spec_cv_;
    std::map<uint64_t, std::shared_ptr<const SpeculativeBlock>> overlay_;
    std::map<uint64_t, unsigned> in_progress_;  ///< proposals being executed here, by number
    uint64_t committed_head_ = 0;
    uint64_t overlay_generation_ = 0;
    uint64_t max_epoch_ = 0;  ///< the highest sequencer epoch seen (under spec_mutex_)

    std::atomic<uint64_t> blocks_{0}, transactions_{0}, dropped_{0}, speculative_{0}, fenced_{0};
    std::atomic<uint64_t> decode_ns_{0}, prefetch_ns_{0}, execute_ns_{0}, publish_ns_{0};
    infra::metrics::Histogram execute_latency_;
    mutable std::mutex cache_mutex_;
    std::vector<state::LevelCounters> cache_totals_;
};

}  // namespace yao::vulcan
