// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "executor_service.hpp"

#include <algorithm>
#include <charconv>

#include <yao/proto/codec.hpp>

namespace yao::vulcan {
namespace {

using Clock = std::chrono::steady_clock;

uint64_t ns_since(Clock::time_point t) {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t).count());
}

constexpr auto kPollWait = std::chrono::milliseconds{100};
constexpr size_t kRecentHashes = 512;

}  // namespace

ExecutionService::ExecutionService(ExecutorOptions options, mq::Bus& bus,
                                   std::shared_ptr<state::L1Cache> l1,
                                   std::vector<std::shared_ptr<state::VersionedSource>> sources,
                                   execution::BlockHashReader committed_hashes, log::Logger logger)
    : options_{std::move(options)},
      bus_{bus},
      l1_{std::move(l1)},
      sources_{std::move(sources)},
      committed_hashes_{std::move(committed_hashes)},
      log_{std::move(logger)} {}

ExecutionService::~ExecutionService() { stop(); }

std::vector<std::shared_ptr<const SpeculativeBlock>> ExecutionService::overlay_for(
    uint64_t number, uint64_t& generation) {
    std::unique_lock lock{spec_mutex_};
    auto contiguous = [&] {
        for (uint64_t n = committed_head_ + 1; n < number; ++n)
            if (!overlay_.contains(n)) return false;
        return true;
    };
    // The blocks before this one are being executed (on other workers here, most likely):
    // wait for their results, so that this block builds on them instead of on state about to
    // change. While one of them is in progress here the wait goes on; otherwise it ends after
    // speculation_wait (a block executed elsewhere, or lost).
    if (options_.speculate) {
        auto busy = [&] {
            auto it = in_progress_.upper_bound(committed_head_);
            return it != in_progress_.end() && it->first < number;
        };
        const auto deadline = std::chrono::steady_clock::now() + options_.speculation_wait;
        while (!stopping_.load() && !contiguous()) {
            const bool working = busy();
            if (!working && std::chrono::steady_clock::now() >= deadline) break;
            spec_cv_.wait_until(lock, working ? std::chrono::steady_clock::now() +
                                                    std::chrono::milliseconds{50}
                                              : deadline);
        }
    }
    generation = overlay_generation_;
    std::vector<std::shared_ptr<const SpeculativeBlock>> blocks;
    if (!options_.speculate || !contiguous()) return blocks;  // a gap: its writes are unknown
    for (uint64_t n = committed_head_ + 1; n < number; ++n) blocks.push_back(overlay_.at(n));
    return blocks;
}

void ExecutionService::keep_result(uint64_t number, std::shared_ptr<const SpeculativeBlock> block,
                                   uint64_t generation) {
    std::lock_guard lock{spec_mutex_};
    if (options_.speculate && generation == overlay_generation_ && number > committed_head_)
        overlay_[number] = std::move(block);
    spec_cv_.notify_all();
}

Result<void> ExecutionService::start() {
    committed_head_ = options_.start_head;
    mq::ConsumerOptions inv;
    inv.mode = mq::Mode::kBroadcast;
    inv.name = options_.name + "-invalidation";
    YAO_TRY(invalidations_, bus_.subscribe(proto::kCacheInvalidationTopic, inv));
    for (unsigned i = 0; i < std::max(1u, options_.workers); ++i) {
        mq::ConsumerOptions c;
        c.group = "vulcan";
        c.mode = mq::Mode::kClustering;
        c.ack_timeout = options_.ack_timeout;
        c.name = options_.name + "-" + std::to_string(i);
        YAO_TRY(auto consumer, bus_.subscribe(proto::kBlockExecuteTopic, c));
        consumers_.push_back(std::move(consumer));
    }
    mq::ConsumerLoop::Options lo;
    lo.name = options_.name + "-inv";
    lo.logger = log_.with_component("vulcan");
    lo.poll_wait = kPollWait;
    lo.stack_bytes = size_t{1} << 20;
    loops_.push_back(std::make_unique<mq::ConsumerLoop>(
        *invalidations_,
        [this](const mq::Delivery& d) -> Result<void> {
            on_head_update(d);
            return {};
        },
        lo));
    for (unsigned i = 0; i < consumers_.size(); ++i) {
        lo.name = options_.name + "-w" + std::to_string(i);
        lo.stack_bytes = infra::kExecutionStackBytes;
        loops_.push_back(std::make_unique<mq::ConsumerLoop>(
            *consumers_[i],
            [this, executor = options_.name + "/" + std::to_string(i)](const mq::Delivery& d) {
                return on_proposal(executor, d);
            },
            lo));
    }
    log_.info("execution service started")
        .with_component("vulcan")
        .with_field("workers", consumers_.size())
        .log();
    return {};
}

void ExecutionService::stop() {
    if (stopping_.exchange(true)) return;
    {
        std::lock_guard lock{spec_mutex_};
        spec_cv_.notify_all();
    }
    for (auto& loop : loops_) loop->stop();
    loops_.clear();
}

uint64_t ExecutionService::committed_head() const {
    std::lock_guard lock{spec_mutex_};
    return committed_head_;
}

std::vector<state::LevelCounters> ExecutionService::cache_counters() const {
    std::scoped_lock lock{cache_mutex_};
    return cache_totals_;
}

ExecutorStats ExecutionService::stats() const {
    return {blocks_.load(),     transactions_.load(), dropped_.load(),
            decode_ns_.load(),  prefetch_ns_.load(),  execute_ns_.load(),
            publish_ns_.load(), speculative_.load(),  fenced_.load()};
}

Result<std::optional<Hash256>> ExecutionService::block_hash(uint64_t number) {
    {
        std::lock_guard lock{hashes_mutex_};
        if (auto it = recent_hashes_.find(number); it != recent_hashes_.end()) return it->second;
    }
    if (!committed_hashes_) return std::optional<Hash256>{};
    return committed_hashes_(number);
}

void ExecutionService::prefetch(state::Oracle& oracle, const proto::Proposal& proposal) {
    std::vector<Address> accounts;
    std::vector<state::SlotKey> slots;
    accounts.reserve(proposal.txs.size() * 2 + 1);
    for (const proto::SignedTx& tx : proposal.txs) {
        accounts.push_back(tx.sender);
        if (tx.txn.to) accounts.push_back(*tx.txn.to);
        for (const auto& entry : tx.txn.access_list) {
            accounts.push_back(entry.address);
            for (const Hash256& key : entry.storage_keys) slots.push_back({entry.address, key});
        }
    }
    std::sort(accounts.begin(), accounts.end());
    accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
    if (auto r = oracle.prefetch(accounts, slots); !r) {
        log_.warn("prefetch failed").with_component("vulcan").with_error(r.error()).log();
        return;
    }
    // The code of every called contract (its hash is in L1 now, so these reads are cheap; they
    // are not recorded because prefetch reads below the read set).
    std::vector<Hash256> code;
    for (const Address& a : accounts) {
        auto v = l1_->get(state::CacheKey::account(a));
        if (!v) continue;
        const auto* acc = std::get_if<state::AccountValue>(&v->value);
        if (acc && *acc && (*acc)->code_hash != state::kEmptyCodeHash)
            code.push_back((*acc)->code_hash);
    }
    if (!code.empty()) {
        std::sort(code.begin(), code.end());
        code.erase(std::unique(code.begin(), code.end()), code.end());
        if (auto r = oracle.prefetch({}, {}, code); !r) {
            log_.warn("code prefetch failed").with_component("vulcan").with_error(r.error()).log();
        }
    }
}

Result<void> ExecutionService::on_proposal(const std::string& executor, const mq::Delivery& d) {
    // The proposal's number travels in the envelope key: mark it in progress before the
    // (slow, for big blocks) decoding, so that the next block waits for this one.
    std::optional<uint64_t> claimed;
    if (uint64_t n = 0; !d.envelope.key.empty() &&
                        std::from_chars(d.envelope.key.data(),
                                        d.envelope.key.data() + d.envelope.key.size(), n)
                                .ec == std::errc{}) {
        claimed = n;
        std::lock_guard lock{spec_mutex_};
        ++in_progress_[n];
    }
    auto release = [&] {
        if (!claimed) return;
        std::lock_guard lock{spec_mutex_};
        if (auto it = in_progress_.find(*claimed); it != in_progress_.end() && --it->second == 0)
            in_progress_.erase(it);
        spec_cv_.notify_all();
    };

    auto t0 = Clock::now();
    auto proposal = proto::decode_proposal(d.envelope.payload);
    decode_ns_ += ns_since(t0);
    if (!proposal) {
        log_.error("undecodable proposal dropped")
            .with_component("vulcan")
            .with_field("message_id", d.envelope.message_id)
            .with_error(proposal.error())
            .log();
        release();
        return {};  // acknowledged: it can never be executed
    }

    const uint64_t number = proposal->number;
    if (!admit_epoch(number, proposal->epoch)) {
        release();
        return {};  // acknowledged: it must never be executed
    }
    state::Oracle oracle{l1_, sources_};
    t0 = Clock::now();
    prefetch(oracle, *proposal);
    prefetch_ns_ += ns_since(t0);

    uint64_t generation = 0;
    auto overlay = overlay_for(number, generation);
    t0 = Clock::now();
    auto hashes = [this](uint64_t n) { return block_hash(n); };
    const chain::ChainRules rules{options_.chain_id, options_.forks};
    Result<proto::ExecutionResult> executed;
    if (overlay.empty()) {
        executed = execution::execute_block(*proposal, oracle, hashes, rules);
        if (executed) executed->reads = oracle.take_read_set();
    } else {
        SpeculativeView view{oracle, std::move(overlay), proposal->coinbase};
        executed = execution::execute_block(*proposal, view, hashes, rules);
        if (executed) {
            executed->reads = oracle.take_read_set();
            view.add_reads(executed->reads);
            executed->speculated_on = view.bases();
            speculative_ += 1;
        }
    }
    if (!executed) {
        // A block hash that could not be read: no result computed on a zero hash. Not
        // acknowledged: the proposal comes back after the ack timeout (the loop logs this).
        release();
        return std::unexpected(
            Error{executed.error().code(),
                  "block " + std::to_string(number) +
                      " not executed: a block hash read failed: " + executed.error().message()});
    }
    proto::ExecutionResult& result = *executed;
    result.executor = executor;
    const Hash256 digest = execution::result_digest(result);
    keep_result(number, SpeculativeBlock::from(result, digest), generation);
    release();
    execute_ns_ += ns_since(t0);
    execute_latency_.observe_ns(ns_since(t0));
    {
        const auto levels = oracle.counters();
        std::scoped_lock lock{cache_mutex_};
        cache_totals_.resize(std::max(cache_totals_.size(), levels.size()));
        for (size_t i = 0; i < levels.size(); ++i) {
            cache_totals_[i].hits += levels[i].hits;
            cache_totals_[i].misses += levels[i].misses;
            cache_totals_[i].errors += levels[i].errors;
            cache_totals_[i].calls += levels[i].calls;
        }
    }

    t0 = Clock::now();
    auto envelope = mq::make_envelope(proto::kExecutionResultType, proto::encode(result),
                                      d.envelope.trace_id, d.envelope.key);
    auto published = bus_.publish(proto::kStateCommitTopic, std::move(envelope));
    publish_ns_ += ns_since(t0);
    if (!published) {
        // Not acknowledged: the proposal comes back after the ack timeout.
        return std::unexpected(Error{published.error().code(),
                                     "cannot publish the result of block " +
                                         std::to_string(result.proposal.number) + ": " +
                                         published.error().message()});
    }
    blocks_ += 1;
    transactions_ += result.txs.size();
    dropped_ += result.dropped.size();
    log_.debug("block executed")
        .with_component("vulcan")
        .with_field("block", result.proposal.number)
        .with_field("txs", result.txs.size())
        .with_field("dropped", result.dropped.size())
        .with_field("executor", executor)
        .log();
    if (log_.enabled(log::Level::kDebug)) {
        // One line per transaction under its own trace (docs/operations.md "Traces").
        for (const proto::ExecutedTx& e : result.txs) {
            const proto::SignedTx& tx = result.proposal.txs[e.tx_index];
            log_.debug("transaction executed")
                .with_component("vulcan")
                .with_trace(tx.trace_id, "")
                .with_field("hash", tx.hash)
                .with_field("block", result.proposal.number)
                .with_field("status", e.receipt.success ? 1 : 0)
                .with_field("gas_used", e.gas_used)
                .log();
        }
        for (const proto::DroppedTx& dropped : result.dropped) {
            auto it = std::find_if(result.proposal.txs.begin(), result.proposal.txs.end(),
                                   [&](const proto::SignedTx& t) { return t.hash == dropped.hash; });
            log_.debug("transaction dropped")
                .with_component("vulcan")
                .with_trace(it != result.proposal.txs.end() ? it->trace_id : std::string{}, "")
                .with_field("hash", dropped.hash)
                .with_field("block", result.proposal.number)
                .with_field("reason", dropped.reason)
                .log();
        }
    }
    return {};
}

bool ExecutionService::admit_epoch(uint64_t number, uint64_t epoch) {
    {
        std::lock_guard lock{spec_mutex_};
        if (epoch > max_epoch_) {
            // A newer sequencer term: what this node executed for the old leader may never be
            // committed, so speculation starts over from the committed state.
            max_epoch_ = epoch;
            overlay_.clear();
            ++overlay_generation_;
            spec_cv_.notify_all();
        }
        if (epoch == max_epoch_) return true;
    }
    fenced_ += 1;
    log_.warn("proposal of a deposed sequencer dropped")
        .with_component("vulcan")
        .with_field("block", number)
        .with_field("epoch", epoch)
        .log();
    return false;
}

void ExecutionService::on_head_update(const mq::Delivery& d) {
    auto update = proto::decode_head_update(d.envelope.payload);
    if (!update) {
        // An unreadable invalidation may leave stale L1 entries; that costs re-executions,
        // never correctness (the committer checks every read), but start over to be safe.
        l1_->clear();
        log_.error("undecodable head update; L1 cleared")
            .with_component("vulcan")
            .with_error(update.error())
            .log();
        return;
    }
    std::vector<state::CacheKey> keys;
    for (const Address& a : update->accounts) keys.push_back(state::CacheKey::account(a));
    for (const auto& s : update->storage)
        keys.push_back(state::CacheKey::storage(s.address, s.slot));
    l1_->invalidate(keys);
    {
        std::lock_guard lock{spec_mutex_};
        committed_head_ = std::max(committed_head_, update->number);
        if (update->reexecuted) {
            // The committed block differs from a result here: everything built on it is
            // wrong too. Start over from the committed state.
            overlay_.clear();
            ++overlay_generation_;
        } else {
            overlay_.erase(overlay_.begin(), overlay_.upper_bound(update->number));
        }
        spec_cv_.notify_all();
    }
    std::lock_guard lock{hashes_mutex_};
    recent_hashes_[update->number] = update->hash;
    while (recent_hashes_.size() > kRecentHashes) recent_hashes_.erase(recent_hashes_.begin());
}

}  // namespace yao::vulcan
