// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "sequencer.hpp"

#include <pthread.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include <yao/common/keccak.hpp>
#include <yao/proto/codec.hpp>

namespace yao::chronos {
namespace {

/// How long a consumer thread waits for a message before re-checking the stop flag: bounds how
/// long stop() takes.
constexpr std::chrono::milliseconds kPollWait{100};

/// The ingress consumer group: the sequencers of a cluster share the ingress stream.
constexpr const char* kIngressGroup = "chronos";

MempoolOptions mempool_options(const SequencerOptions& options) {
    MempoolOptions m = options.mempool;
    // One source of truth: the block's base fee and gas limit are the sequencer's.
    m.base_fee = options.base_fee;
    m.max_tx_gas = options.gas_limit;
    return m;
}

/// prev_randao of block `number`: keccak256(previous prev_randao || number as 8 big-endian
/// bytes). Deterministic (a replaying sequencer proposes the same value) and not predictable
/// without the chain's history, which is all a private chain needs.
Hash256 next_randao(const Hash256& previous, uint64_t number) {
    Bytes input{previous.view()};
    for (int shift = 56; shift >= 0; shift -= 8)
        input.push_back(static_cast<uint8_t>(number >> shift));
    return keccak256(input);
}

uint64_t wall_seconds() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

uint64_t unix_ns() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count());
}

constexpr uint64_t kExpiryPeriodNs = 60'000'000'000ULL;  // queued expiry runs once a minute

// EIP-7934 (Osaka): a block's RLP is at most 10 MiB less a 2 MiB margin. The header, the list
// prefixes and the empty ommers and withdrawals take under 1 KiB; the rest is for transactions.
uint64_t max_body_bytes(const chain::ForkSchedule& forks, uint64_t timestamp) {
    constexpr uint64_t kMaxRlpBlockSize = (10u << 20) - (2u << 20);
    constexpr uint64_t kHeaderAllowance = 1024;
    return forks.at(timestamp) >= evm::Revision::kOsaka ? kMaxRlpBlockSize - kHeaderAllowance : 0;
}

}  // namespace

Sequencer::Sequencer(Options options, mq::Bus& bus, Head start, NonceReader nonce_reader,
                     log::Logger& logger)
    : options_{std::move(options)},
      bus_{bus},
      nonce_reader_{std::move(nonce_reader)},
      logger_{logger.with_component("chronos")},
      mempool_{mempool_options(options_)},
      committed_{start},
      last_proposed_{start.number},
      last_timestamp_{start.timestamp},
      last_randao_{start.prev_randao},
      nonce_prune_at_{options_.nonce_cache_limit} {}

Sequencer::~Sequencer() { stop(); }

Result<void> Sequencer::start() {
    if (started_) return {};
    mq::ConsumerOptions ingress_options;
    ingress_options.group = kIngressGroup;
    ingress_options.mode = mq::Mode::kClustering;
    ingress_options.name = "chronos-ingress";
    ingress_options.ack_timeout = options_.ingress_redelivery;
    ingress_options.take_over = options_.take_over_ingress;
    YAO_TRY(ingress_, bus_.subscribe(proto::kTxIngressTopic, ingress_options));
    mq::ConsumerOptions head_options;
    head_options.mode = mq::Mode::kBroadcast;
    head_options.name = "chronos-heads";
    YAO_TRY(heads_, bus_.subscribe(proto::kCacheInvalidationTopic, head_options));
    started_ = true;
    mq::ConsumerLoop::Options lo;
    lo.logger = logger_;
    lo.poll_wait = kPollWait;
    lo.name = "chronos-ingress";
    lo.manual_ack = true;  // on_ingress acknowledges (journal mode: once the pool is done)
    ingress_loop_ = std::make_unique<mq::ConsumerLoop>(
        *ingress_,
        [this](const mq::Delivery& d) -> Result<void> {
            on_ingress(d);
            return {};
        },
        lo);
    lo.name = "chronos-heads";
    head_loop_ = std::make_unique<mq::ConsumerLoop>(
        *heads_,
        [this](const mq::Delivery& d) -> Result<void> {
            on_head(d);
            return {};
        },
        lo);
    proposer_thread_ = std::thread{[this] {
        pthread_setname_np(pthread_self(), "chronos-propose");
        proposer_loop();
    }};
    logger_.info("sequencer started")
        .with_field("chain_id", options_.chain_id)
        .with_field("head", committed_.number)
        .with_field("epoch", options_.epoch)
        .log();
    return {};
}

void Sequencer::stop() {
    {
        // Set under the mutex so that a proposer between its check and its wait cannot miss it.
        std::scoped_lock lock{mu_};
        stop_.store(true, std::memory_order_relaxed);
    }
    proposer_cv_.notify_all();
    if (ingress_loop_) ingress_loop_->stop();
    if (head_loop_) head_loop_->stop();
    if (proposer_thread_.joinable()) proposer_thread_.join();
    ingress_.reset();
    heads_.reset();
}

// ---------------------------------------------------------------------------------------------
// Transactions

Result<uint64_t> Sequencer::committed_nonce(const Address& sender) {
    {
        std::scoped_lock lock{mu_};
        if (auto n = mempool_.committed_nonce(sender)) return *n;
        if (auto it = nonces_.find(sender); it != nonces_.end()) return it->second;
    }
    // The store read happens outside the lock: it may be slow and must not stall the pool.
    YAO_TRY(const uint64_t read, nonce_reader_(sender));
    std::scoped_lock lock{mu_};
    remember_nonce(sender, read);
    prune_nonce_cache();
    return nonces_.at(sender);
}

bool Sequencer::pinned_locked(const Address& sender, uint64_t after) const {
    for (auto it = patched_nonces_.upper_bound(after); it != patched_nonces_.end(); ++it)
        if (std::find(it->second.begin(), it->second.end(), sender) != it->second.end())
            return true;
    return false;
}

void Sequencer::remember_nonce(const Address& sender, uint64_t nonce) {
    // A proposed patch fixed this sender's nonce: nothing read before it commits can be newer.
    if (pinned_locked(sender, 0)) return;
    // max: a read that raced with a HeadUpdate must not move the nonce back.
    auto [it, inserted] = nonces_.try_emplace(sender, nonce);
    if (!inserted) it->second = std::max(it->second, nonce);
}

void Sequencer::prune_nonce_cache() {
    if (nonces_.size() <= nonce_prune_at_) return;
    std::erase_if(nonces_, [&](const auto& kv) {
        return !mempool_.has_sender(kv.first) && !pinned_locked(kv.first, 0);
    });
    // Senders with transactions stay; doubling the threshold keeps the sweeps amortised O(1).
    nonce_prune_at_ = std::max(options_.nonce_cache_limit, 2 * nonces_.size());
}

Result<AddOutcome> Sequencer::submit(proto::SignedTx tx) {
    YAO_TRY(const uint64_t read, committed_nonce(tx.sender));
    const bool traced = logger_.enabled(log::Level::kDebug);
    const std::string trace = traced ? tx.trace_id : std::string{};
    const Hash256 hash = tx.hash;
    std::scoped_lock lock{mu_};
    expire_queued_locked();
    uint64_t committed = read;
    if (auto it = nonces_.find(tx.sender); it != nonces_.end())
        committed = std::max(committed, it->second);
    auto outcome = mempool_.add(std::move(tx), committed);
    if (!outcome) {
        const Error& e = outcome.error();
        if (e.code().category() == chronos_category()) {
            const auto index = static_cast<size_t>(e.code().value());
            if (index < stats_.rejected.size()) ++stats_.rejected[index];
        }
        return outcome;
    }
    ++stats_.txs_accepted;
    if (traced) {
        logger_.debug("transaction pooled")
            .with_trace(trace, "")
            .with_field("hash", hash)
            .with_field("pending", mempool_.selectable_count())
            .log();
    }
    const bool full = mempool_.selectable_gas() >= options_.gas_limit ||
                      (options_.max_block_txs != 0 &&
                       mempool_.selectable_count() >= options_.max_block_txs);
    if (full && can_propose_locked()) {
        wake_ = true;
        proposer_cv_.notify_one();
    }
    return outcome;
}

void Sequencer::expire_queued_locked() {
    const uint64_t now = unix_ns();
    if (now - last_expiry_ns_ < kExpiryPeriodNs) return;
    last_expiry_ns_ = now;
    const auto lifetime_ns = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(options_.mempool.queued_lifetime)
            .count());
    if (now <= lifetime_ns) return;
    if (const size_t n = mempool_.expire_queued(now - lifetime_ns); n != 0) {
        logger_.info("queued transactions expired").with_field("count", n).log();
    }
}

Result<uint64_t> Sequencer::pending_nonce(const Address& sender) {
    {
        std::scoped_lock lock{mu_};
        if (auto n = mempool_.pending_nonce(sender)) return *n;
    }
    return committed_nonce(sender);
}

Result<Hash256> Sequencer::submit_transaction(proto::SignedTx tx) {
    std::vector<proto::SignedTx> one;
    one.push_back(std::move(tx));
    auto results = submit_transactions(std::move(one));
    return std::move(results.front());
}

std::vector<Result<Hash256>> Sequencer::submit_transactions(std::vector<proto::SignedTx> txs) {
    std::vector<Result<Hash256>> out(txs.size(), std::unexpected(Error{}));
    {
        std::scoped_lock lock{mu_};
        if (halted_) {
            for (auto& r : out) {
                r = std::unexpected(Error{std::make_error_code(std::errc::state_not_recoverable),
                                          "the chain is halted: " + halted_->message()});
            }
            return out;
        }
    }
    if (options_.journal) {
        // Durable before the answer: what is journaled survives this process. A transaction the
        // pool already holds is not journaled again (it is "already known").
        std::vector<proto::SignedTx> fresh;
        {
            std::scoped_lock lock{mu_};
            for (const auto& tx : txs)
                if (!mempool_.contains(tx.hash)) fresh.push_back(tx);
        }
        if (!fresh.empty()) {
            if (auto j = journal(fresh); !j) {
                for (auto& r : out) r = std::unexpected(j.error());
                return out;
            }
        }
    }
    for (size_t i = 0; i < txs.size(); ++i) {
        const Hash256 hash = txs[i].hash;
        auto added = submit(std::move(txs[i]));
        if (added) {
            out[i] = hash;
        } else if (options_.journal && added.error().code() == Errc::kAlreadyKnown) {
            // Our own journal entry reached the pool first (through the ingress consumer).
            out[i] = hash;
        } else {
            out[i] = std::unexpected(added.error());
        }
    }
    return out;
}

Result<void> Sequencer::journal(const std::vector<proto::SignedTx>& txs) {
    proto::TxBatch batch;
    batch.txs = txs;
    // The envelope carries the first transaction's trace (each one carries its own too).
    std::string trace = txs.empty() ? std::string{} : txs.front().trace_id;
    return bus_.publish(proto::kTxIngressTopic,
                        mq::make_envelope(proto::kTxBatchType, proto::encode(batch), std::move(trace)));
}

Result<std::optional<proto::SignedTx>> Sequencer::pool_transaction(const Hash256& hash) {
    return get(hash);
}

Result<MempoolContent> Sequencer::pool_content() { return content(); }

Result<MempoolStatus> Sequencer::pool_status() { return status(); }

void Sequencer::halt(const Error& cause) {
    std::scoped_lock lock{mu_};
    if (!halted_) halted_ = cause;
}

MempoolContent Sequencer::content() const {
    std::scoped_lock lock{mu_};
    return mempool_.content();
}

MempoolStatus Sequencer::status() const {
    std::scoped_lock lock{mu_};
    return mempool_.status();
}

std::optional<proto::SignedTx> Sequencer::get(const Hash256& hash) const {
    std::scoped_lock lock{mu_};
    return mempool_.get(hash);
}

// ---------------------------------------------------------------------------------------------
// Proposals

uint64_t Sequencer::now_seconds() const {
    const int64_t t = static_cast<int64_t>(wall_seconds()) + time_offset_;
    return t < 0 ? 0 : static_cast<uint64_t>(t);
}

bool Sequencer::can_propose_locked() const {
    return last_proposed_ < committed_.number + options_.max_inflight_blocks;
}

Result<std::optional<uint64_t>> Sequencer::propose(bool force,
                                                   std::optional<chain::StatePatch> patch) {
    std::scoped_lock propose_lock{propose_mu_};
    proto::Proposal p;
    bool pinned_timestamp = false;
    {
        std::scoped_lock lock{mu_};
        if (!force) {
            if (!can_propose_locked()) return std::nullopt;
            if (mempool_.selectable_count() == 0 && !options_.empty_blocks) return std::nullopt;
        }
        p.number = last_proposed_ + 1;
        p.epoch = options_.epoch;
        // Never backwards; equal is allowed (several blocks in one second).
        pinned_timestamp = next_timestamp_.has_value();
        p.timestamp = std::max(pinned_timestamp ? *next_timestamp_ : now_seconds(), last_timestamp_);
        p.prev_randao = next_randao(last_randao_, p.number);
        p.coinbase = options_.coinbase;
        p.gas_limit = options_.gas_limit;
        p.base_fee = options_.base_fee;
        if (patch) {
            p.patch = std::move(*patch);
        } else {
            p.txs = mempool_.next_block(p.number, options_.gas_limit, options_.max_block_txs,
                                        max_body_bytes(options_.forks, p.timestamp));
        }
    }
    for (const auto& tx : p.txs)
        if (tx.impersonated) p.patch.unsigned_txs.push_back(tx.hash);
    if (!p.patch.empty()) chain::normalize(p.patch);

    // Encode and publish outside the pool lock: ingress keeps flowing meanwhile, and
    // propose_mu_ keeps the numbers in order.
    uint64_t gas = 0;
    for (const auto& tx : p.txs) gas += tx.txn.gas_limit;
    auto published = bus_.publish(
        proto::kBlockExecuteTopic,
        mq::make_envelope(proto::kProposalType, proto::encode(p), mq::new_id(),
                          std::to_string(p.number)));

    std::scoped_lock lock{mu_};
    if (!published) {
        // Not on the bus, so no executor will see it: the transactions go back to the pool
        // and the number is reused.
        mempool_.abandon(p.number);
        ++stats_.publish_errors;
        logger_.error("proposal not published")
            .with_field("number", p.number)
            .with_field("txs", p.txs.size())
            .with_error(published.error())
            .log();
        return std::unexpected(published.error());
    }
    last_proposed_ = std::max(last_proposed_, p.number);
    last_timestamp_ = std::max(last_timestamp_, p.timestamp);
    last_randao_ = p.prev_randao;
    proposed_randao_[p.number] = p.prev_randao;
    // The blocks after this one run on the patched nonces: admission must hand them out now,
    // not when the block's HeadUpdate arrives (a client that saw the block committed may send
    // before then), and the HeadUpdates of the blocks before it must not raise them again.
    for (const chain::AccountPatch& a : p.patch.accounts) {
        if (!a.nonce) continue;
        patched_nonces_[p.number].push_back(a.address);
        nonces_[a.address] = *a.nonce;
        mempool_.rebase(a.address, *a.nonce);
    }
    if (pinned_timestamp) next_timestamp_.reset();
    ++stats_.proposals;
    stats_.txs_proposed += p.txs.size();
    const uint64_t now = infra::metrics::unix_now_ns();
    const bool traced = logger_.enabled(log::Level::kDebug);
    for (const auto& tx : p.txs) {
        if (tx.received_unix_ns != 0 && tx.received_unix_ns <= now)
            queue_latency_.observe_ns(now - tx.received_unix_ns);
        if (traced) {
            logger_.debug("transaction proposed")
                .with_trace(tx.trace_id, "")
                .with_field("hash", tx.hash)
                .with_field("block", p.number)
                .with_field("epoch", p.epoch)
                .log();
        }
    }
    logger_.debug("block proposed")
        .with_field("number", p.number)
        .with_field("epoch", p.epoch)
        .with_field("timestamp", p.timestamp)
        .with_field("txs", p.txs.size())
        .with_field("gas", gas)
        .with_field("pending", mempool_.selectable_count())
        .log();
    return p.number;
}

Result<uint64_t> Sequencer::mine_now() {
    YAO_TRY(const auto number, propose(true));
    return *number;  // a forced proposal always has a number
}

Result<uint64_t> Sequencer::mine_patch(chain::StatePatch patch) {
    // A block the committer could not store would halt the chain: nonces live in signed 64-bit
    // columns (a transaction can never get there; only a patch could).
    for (const chain::AccountPatch& a : patch.accounts)
        if (a.nonce && *a.nonce > static_cast<uint64_t>(INT64_MAX))
            return std::unexpected(Error{std::make_error_code(std::errc::invalid_argument),
                                         "a nonce above 2^63-1 cannot be stored"});
    YAO_TRY(const auto number, propose(true, std::move(patch)));
    return *number;
}

Result<void> Sequencer::set_coinbase(const Address& coinbase) {
    std::scoped_lock lock{mu_};
    options_.coinbase = coinbase;
    return {};
}

Result<void> Sequencer::set_next_timestamp(uint64_t timestamp) {
    std::scoped_lock lock{mu_};
    if (timestamp < last_timestamp_)
        return fail(Errc::kTimestampTooLow, std::to_string(timestamp) + " < " +
                                                std::to_string(last_timestamp_));
    if (timestamp > kMaxTimestamp) return fail(Errc::kTimestampTooHigh, std::to_string(timestamp));
    next_timestamp_ = timestamp;
    time_offset_ = static_cast<int64_t>(timestamp) - static_cast<int64_t>(wall_seconds());
    return {};
}

Result<void> Sequencer::increase_time(uint64_t seconds) {
    std::scoped_lock lock{mu_};
    // Both the clock and the next proposal's timestamp must stay storable.
    const uint64_t now = now_seconds();
    const uint64_t base = std::max(now, last_timestamp_);
    if (seconds > kMaxTimestamp - base)
        return fail(Errc::kTimestampTooHigh,
                    std::to_string(base) + " + " + std::to_string(seconds) + " seconds");
    time_offset_ += static_cast<int64_t>(seconds);
    return {};
}

Head Sequencer::head() const {
    std::scoped_lock lock{mu_};
    return committed_;
}

bool Sequencer::rebuilding() const {
    // The loop hands a delivery to on_ingress() before it polls again, and the pass ends inside
    // a poll: once the consumer is done taking over, every claimed entry was handled.
    return ingress_ && ingress_->taking_over();
}

uint64_t Sequencer::last_proposed() const {
    std::scoped_lock lock{mu_};
    return last_proposed_;
}

SequencerStats Sequencer::stats() const {
    std::scoped_lock lock{mu_};
    return stats_;
}

void Sequencer::apply_head_update(const proto::HeadUpdate& update) {
    std::scoped_lock lock{mu_};
    // Idempotent: a block is applied once (Archives may announce a block twice, e.g. one that
    // raced another for it and found it committed).
    if (update.number <= committed_.number) return;
    if (patched_nonces_.empty()) {
        mempool_.on_committed(update);
        for (const auto& [sender, nonce] : update.sender_nonces) remember_nonce(sender, nonce);
    } else {
        // A sender whose nonce a later proposed patch sets keeps that nonce: this block's is
        // already overwritten. The patch's own block sets it exactly (evm_revert lowers it).
        patched_nonces_.erase(patched_nonces_.begin(), patched_nonces_.lower_bound(update.number));
        proto::HeadUpdate kept = update;
        std::erase_if(kept.sender_nonces,
                      [&](const auto& sn) { return pinned_locked(sn.first, update.number); });
        mempool_.on_committed(kept);
        const auto own = patched_nonces_.find(update.number);
        for (const auto& [sender, nonce] : kept.sender_nonces) {
            if (own != patched_nonces_.end() &&
                std::find(own->second.begin(), own->second.end(), sender) != own->second.end())
                nonces_[sender] = nonce;
            else
                remember_nonce(sender, nonce);
        }
        patched_nonces_.erase(patched_nonces_.begin(), patched_nonces_.upper_bound(update.number));
    }
    prune_nonce_cache();
    if (update.number > committed_.number) {
        committed_.number = update.number;
        committed_.hash = update.hash;
        committed_.timestamp = update.timestamp;
        // A HeadUpdate does not carry prev_randao; ours is known when we proposed the block.
        auto r = proposed_randao_.find(update.number);
        committed_.prev_randao = r == proposed_randao_.end() ? Hash256{} : r->second;
        proposed_randao_.erase(proposed_randao_.begin(), proposed_randao_.upper_bound(update.number));
    }
    if (update.number > last_proposed_) {
        // Blocks proposed by someone else (a previous leader): continue after them.
        last_proposed_ = update.number;
        last_timestamp_ = std::max(last_timestamp_, update.timestamp);
    }
    wake_ = true;
    proposer_cv_.notify_one();
}

// ---------------------------------------------------------------------------------------------
// Threads

void Sequencer::on_ingress(const mq::Delivery& delivery) {
    auto batch = proto::decode_tx_batch(delivery.envelope.payload);
    if (!batch) {
        // Redelivery would fail the same way: log, count and acknowledge.
        {
            std::scoped_lock lock{mu_};
            ++stats_.decode_errors;
        }
        logger_.warn("undecodable tx batch")
            .with_field("message_id", delivery.envelope.message_id)
            .with_error(batch.error())
            .log();
        (void)ingress_->ack(delivery);
        return;
    }
    std::vector<Hash256> in_pool;
    for (proto::SignedTx& tx : batch->txs) {
        const Hash256 hash = tx.hash;
        auto added = submit(std::move(tx));
        if (!added && added.error().code() != Errc::kAlreadyKnown) {
            logger_.debug("transaction rejected")
                .with_field("hash", hash)
                .with_error(added.error().code().message())
                .log();
        }
        in_pool.push_back(hash);
    }
    if (options_.journal) {
        std::scoped_lock lock{mu_};
        std::erase_if(in_pool, [&](const Hash256& h) { return !mempool_.contains(h); });
        if (!in_pool.empty()) {
            // Held until the pool is done with them; a redelivery replaces the earlier one.
            mq::Delivery kept{delivery.envelope, delivery.attempt, delivery.delivery_tag};
            kept.envelope.payload.clear();
            held_[delivery.envelope.message_id] = Held{std::move(kept), std::move(in_pool)};
            return;
        }
    }
    (void)ingress_->ack(delivery);
}

void Sequencer::release_held() {
    std::vector<mq::Delivery> done;
    {
        std::scoped_lock lock{mu_};
        for (auto it = held_.begin(); it != held_.end();) {
            std::erase_if(it->second.hashes,
                          [&](const Hash256& h) { return !mempool_.contains(h); });
            if (it->second.hashes.empty()) {
                done.push_back(std::move(it->second.delivery));
                it = held_.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (const mq::Delivery& d : done) (void)ingress_->ack(d);
}

void Sequencer::on_head(const mq::Delivery& delivery) {
    if (delivery.envelope.type != proto::kHeadUpdateType) return;
    auto update = proto::decode_head_update(delivery.envelope.payload);
    if (!update) {
        {
            std::scoped_lock lock{mu_};
            ++stats_.decode_errors;
        }
        logger_.warn("undecodable head update")
            .with_field("message_id", delivery.envelope.message_id)
            .with_error(update.error())
            .log();
        return;
    }
    apply_head_update(*update);
    if (options_.journal) release_held();
}

void Sequencer::proposer_loop() {
    using Clock = std::chrono::steady_clock;
    std::unique_lock lock{mu_};
    auto deadline = Clock::now() + options_.block_interval;
    auto retry_after = Clock::time_point{};  // after a failed publish, wait before retrying
    while (!stop_.load(std::memory_order_relaxed)) {
        const auto now = Clock::now();
        const bool due = now >= deadline;
        const bool full = mempool_.selectable_gas() >= options_.gas_limit ||
                          (options_.max_block_txs != 0 &&
                           mempool_.selectable_count() >= options_.max_block_txs);
        if (can_propose_locked() && now >= retry_after && (due || full)) {
            const bool wanted = mempool_.selectable_count() > 0 || options_.empty_blocks;
            if (wanted) {
                lock.unlock();
                const auto proposed = propose(false);
                lock.lock();
                if (!proposed) retry_after = Clock::now() + options_.block_interval;
            }
            deadline = Clock::now() + options_.block_interval;
            continue;
        }
        wake_ = false;
        const auto wake = [&] { return stop_.load(std::memory_order_relaxed) || wake_; };
        if (!can_propose_locked()) {
            // Back-pressure: only a HeadUpdate (or stop) can change that.
            proposer_cv_.wait(lock, wake);
        } else {
            proposer_cv_.wait_until(lock, std::max(deadline, retry_after), wake);
        }
    }
}

}  // namespace yao::chronos
