// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// YaoChronos, the sequencer service (DESIGN.md section 2): consumes tx-ingress, keeps the
// mempool, and publishes block proposals to block-execute every block interval, or as soon as
// the selectable transactions fill a block. Committed heads arrive on cache-invalidation and keep
// the mempool and the sender nonces exact.
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include <yao/chain/fork.hpp>
#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/common/uint256.hpp>
#include <yao/infra/metrics.hpp>
#include <yao/log/logger.hpp>
#include <yao/mq/bus.hpp>
#include <yao/mq/consumer_loop.hpp>
#include <yao/proto/messages.hpp>

#include "api/errc.hpp"
#include "api/sequencer_service.hpp"
#include "mempool.hpp"

namespace yao::chronos {

/// The largest block timestamp: every integer column of the chain store is a signed 64-bit
/// BIGINT, so a later block could never be committed. Requests past it are refused at the door.
inline constexpr uint64_t kMaxTimestamp = 9'223'372'036'854'775'807ULL;  // 2^63 - 1


/// Reads an account's nonce in the committed state (the composition root wires it to the store).
/// Called from the ingress thread and from submit(); must be thread-safe.
using NonceReader = std::function<Result<uint64_t>(const Address&)>;

/// A block the sequencer builds on.
struct Head {
    uint64_t number = 0;
    Hash256 hash;
    uint64_t timestamp = 0;  ///< seconds since the Unix epoch
    Hash256 prev_randao;
    friend bool operator==(const Head&, const Head&) = default;
};

/// The sequencer's configuration.
struct SequencerOptions {
    uint64_t chain_id = 0;  ///< for logs only
    uint64_t gas_limit = 30'000'000;  ///< of every proposed block
    Uint256 base_fee;                 ///< wei per gas; constant (overrides mempool.base_fee)
    Address coinbase;
    std::chrono::milliseconds block_interval{1000};
    /// Propose on every interval even without transactions.
    bool empty_blocks = false;
    /// Most transactions in one proposal; 0 = limited by gas only.
    size_t max_block_txs = 0;
    /// The chain's forks: from Osaka on, a block's encoding stays under EIP-7934's 8 MiB.
    chain::ForkSchedule forks;
    /// Do not propose while last proposed - committed head >= this (back-pressure).
    uint64_t max_inflight_blocks = 4;
    /// The leadership term stamped on proposals (fencing); 1 in dev.
    uint64_t epoch = 1;
    /// Most senders whose committed nonce is cached; above it, senders without transactions in
    /// the pool are forgotten (and read again when they come back).
    size_t nonce_cache_limit = 100'000;
    /// max_tx_gas and base_fee are set from gas_limit and base_fee above.
    MempoolOptions mempool;
    /// Durable admission (docs/cluster.md): submit_transaction(s) append the transaction to
    /// tx-ingress-topic before answering, and the ingress consumer keeps an entry
    /// unacknowledged until its transactions have left the pool (committed, dropped, replaced,
    /// evicted), so a Chronos that dies loses nothing it answered with a hash: its entries are
    /// delivered again to the Chronos that comes next, which rebuilds its pool from them. For a
    /// durable bus (Redis Streams); pointless over the in-process one.
    bool journal = false;
    /// Journal mode: an ingress entry held longer than this is delivered again (to a live
    /// Chronos; it is still held).
    std::chrono::milliseconds ingress_redelivery{30'000};
    /// A new leader's sequencer: claims at once every ingress entry its predecessor held
    /// (mq::ConsumerOptions::take_over), rebuilding the pool without waiting for redelivery.
    bool take_over_ingress = false;
};

/// Counters (metrics and tests).
struct SequencerStats {
    uint64_t proposals = 0;       ///< published
    uint64_t txs_proposed = 0;
    uint64_t txs_accepted = 0;    ///< added to the pool (replacements included)
    uint64_t decode_errors = 0;   ///< ingress or head messages that did not decode
    uint64_t publish_errors = 0;  ///< proposals the bus refused (their txs went back)
    /// Rejected transactions by reason, indexed by the Errc value.
    std::array<uint64_t, 16> rejected{};
    uint64_t rejected_for(Errc e) const noexcept { return rejected[static_cast<size_t>(e)]; }
};

/// The sequencer. Thread-safe: every public member may be called from any thread; one mutex
/// guards the mempool and the chain position, a second one serialises proposals so that they are
/// published in number order.
class Sequencer final : public SequencerService {
public:
    using Options = SequencerOptions;

    /// `bus` and `logger` must outlive the Sequencer. Proposals start at `start.number + 1`.
    Sequencer(Options options, mq::Bus& bus, Head start, NonceReader nonce_reader,
              log::Logger& logger);
    /// Stops (see stop()).
    ~Sequencer() override;

    Sequencer(const Sequencer&) = delete;
    Sequencer& operator=(const Sequencer&) = delete;

    /// Subscribes to tx-ingress (group "chronos") and cache-invalidation (broadcast) and starts
    /// the consumer and proposer threads. Fails if a subscription fails or it already started.
    Result<void> start();
    /// Stops and joins the threads (within one poll wait, ~100 ms). Idempotent.
    void stop();

    /// Adds a transaction (the ingress path, for the JSON-RPC front): the outcome, or geth's
    /// error (Errc; `error.code().message()` is geth's text). Errors of the nonce reader pass
    /// through unchanged.
    Result<AddOutcome> submit(proto::SignedTx tx);
    /// The nonce a new transaction of `sender` should use (eth_getTransactionCount "pending").
    Result<uint64_t> pending_nonce(const Address& sender);
    /// txpool_content.
    MempoolContent content() const;
    /// txpool_status.
    MempoolStatus status() const;
    /// The transaction with this hash if the pool holds it (pending, queued or in flight).
    std::optional<proto::SignedTx> get(const Hash256& hash) const;

    /// Proposes a block now, even an empty one and regardless of max_inflight_blocks (evm_mine).
    /// Returns the number proposed; fails if the bus refuses the proposal.
    Result<uint64_t> mine_now() override;
    /// A block now with `patch` and no transaction (the pool waits for the next one).
    Result<uint64_t> mine_patch(chain::StatePatch patch) override;
    Result<void> set_coinbase(const Address& coinbase) override;
    /// The next proposal gets exactly this timestamp, and later ones continue from it (the
    /// offset to the clock is kept). Fails with kTimestampTooLow below the last proposal's and
    /// kTimestampTooHigh above kMaxTimestamp.
    Result<void> set_next_timestamp(uint64_t timestamp) override;
    /// Moves the proposal clock forward by `seconds` (evm_increaseTime). Fails with
    /// kTimestampTooHigh, changing nothing, when the clock would pass kMaxTimestamp.
    Result<void> increase_time(uint64_t seconds) override;

    // ---- SequencerService ------------------------------------------------------------------
    /// submit(), answering the hash; refused once the chain halted (see halt()).
    Result<Hash256> submit_transaction(proto::SignedTx tx) override;
    std::vector<Result<Hash256>> submit_transactions(std::vector<proto::SignedTx> txs) override;
    Result<std::optional<proto::SignedTx>> pool_transaction(const Hash256& hash) override;
    Result<MempoolContent> pool_content() override;
    Result<MempoolStatus> pool_status() override;

    /// The chain can no longer make progress (a block that cannot be committed): new
    /// transactions are refused with "the chain is halted: <cause>" instead of getting a hash
    /// that would never be mined. Thread-safe; the first cause is kept.
    void halt(const Error& cause);

    /// The last committed head (from the start head and HeadUpdates). prev_randao is zero for a
    /// committed block this sequencer did not propose (HeadUpdate does not carry it).
    Head head() const;
    /// The number of the last proposal published (the start head's number before any).
    uint64_t last_proposed() const;
    /// take_over_ingress: true while the predecessor's journal is still being taken over and
    /// added to the pool, false once every entry it held has been handled. A new leader answers
    /// only after that: before it, its pool would not know the transactions already answered
    /// with a hash, and a new one could take their nonces.
    bool rebuilding() const;
    SequencerStats stats() const;
    /// Per transaction: from the entrance to the proposal that carries it.
    const infra::metrics::Histogram& queue_latency() const noexcept { return queue_latency_; }

private:
    Result<std::optional<uint64_t>> propose(bool force,
                                            std::optional<chain::StatePatch> patch = std::nullopt);
    Result<uint64_t> committed_nonce(const Address& sender);
    void remember_nonce(const Address& sender, uint64_t nonce);
    void prune_nonce_cache();
    void apply_head_update(const proto::HeadUpdate& update);
    uint64_t now_seconds() const;
    bool can_propose_locked() const;
    /// One tx-ingress-topic delivery: its transactions into the pool (refusals are logged).
    /// Journal mode: the delivery is held while any of its transactions is in the pool.
    void on_ingress(const mq::Delivery& delivery);
    /// Journal mode: appends `txs` to tx-ingress-topic (one entry).
    Result<void> journal(const std::vector<proto::SignedTx>& txs);
    /// Journal mode: acknowledges the held ingress entries whose transactions all left the pool.
    void release_held();
    /// One cache-invalidation-topic delivery: the committed head moves.
    void on_head(const mq::Delivery& delivery);
    void proposer_loop();

    Options options_;
    mq::Bus& bus_;
    NonceReader nonce_reader_;
    log::Logger logger_;

    mutable std::mutex mu_;  // guards everything below except stop_ and the threads
    std::condition_variable proposer_cv_;
    Mempool mempool_;
    Head committed_;
    uint64_t last_proposed_ = 0;
    uint64_t last_timestamp_ = 0;
    Hash256 last_randao_;
    std::map<uint64_t, Hash256> proposed_randao_;  // of proposals not yet committed
    // Proposals not yet committed whose state patch sets nonces: their committed nonces replace
    // the cached ones even when lower (evm_revert moves nonces back).
    std::map<uint64_t, std::vector<Address>> patched_nonces_;
    /// True when a proposed, uncommitted patch of a block after `after` sets `sender`'s nonce.
    bool pinned_locked(const Address& sender, uint64_t after) const;
    int64_t time_offset_ = 0;               // seconds added to the wall clock
    /// Drops queued transactions older than the pool's queued_lifetime, at most once a minute.
    void expire_queued_locked();
    uint64_t last_expiry_ns_ = 0;  // guarded by mu_
    std::optional<uint64_t> next_timestamp_;  // set_next_timestamp, for the next proposal only
    bool wake_ = false;                     // the proposer should re-check now
    std::unordered_map<Address, uint64_t> nonces_;  // committed nonce cache
    size_t nonce_prune_at_ = 0;
    SequencerStats stats_;
    infra::metrics::Histogram queue_latency_;

    std::mutex propose_mu_;  // held across build + publish: proposals go out in number order
    std::atomic<bool> stop_{false};  // relaxed is enough: threads also wake on cv / poll timeout
    bool started_ = false;
    std::optional<Error> halted_;  // guarded by mu_
    /// Journal mode: ingress entries not yet acknowledged, by message id, with the hashes of
    /// their transactions still in the pool. Guarded by mu_.
    struct Held {
        mq::Delivery delivery;  // without its payload
        std::vector<Hash256> hashes;
    };
    std::map<std::string, Held> held_;
    std::unique_ptr<mq::Consumer> ingress_;
    std::unique_ptr<mq::Consumer> heads_;
    std::unique_ptr<mq::ConsumerLoop> ingress_loop_;
    std::unique_ptr<mq::ConsumerLoop> head_loop_;
    std::thread proposer_thread_;
};

}  // namespace yao::chronos
