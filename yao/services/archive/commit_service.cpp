// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "commit_service.hpp"

#include <algorithm>
#include <string>
#include <thread>

#include <fmt/format.h>

#include <yao/chain/block.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/chain/trie.hpp>
#include <yao/common/hex.hpp>
#include <yao/mq/errc.hpp>
#include <yao/proto/codec.hpp>
#include <yao/execution/block_executor.hpp>
#include <yao/execution/history.hpp>
#include <yao/state/state_diff.hpp>
#include <yao/storage/errc.hpp>

namespace yao::archive {
namespace {

using Clock = std::chrono::steady_clock;

uint64_t ns_since(Clock::time_point t) {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t).count());
}

constexpr auto kPollWait = std::chrono::milliseconds{100};
constexpr size_t kRecentHashes = 512;
/// Attempts for a commit error that is not known to be transient (it may still be: a full disk).
constexpr int kCommitAttempts = 5;
constexpr auto kMaxRetryPause = std::chrono::milliseconds{2'000};

std::unexpected<Error> invalid(std::string what) {
    return std::unexpected(Error{std::make_error_code(std::errc::invalid_argument), std::move(what)});
}

}  // namespace

Result<storage::BlockCommit> build_commit(const proto::ExecutionResult& result, const Head& parent,
                                          const std::optional<state::Account>& coinbase_before,
                                          const chain::ForkSchedule& forks,
                                          proto::StateDiff* final_diff) {
    const proto::Proposal& p = result.proposal;
    if (p.number != parent.number + 1)
        return invalid("result for block " + std::to_string(p.number) + " on head " +
                       std::to_string(parent.number));
    proto::StateDiff diff = result.diff;
    if (!result.coinbase_fee.is_zero()) {
        for (const auto& e : diff.accounts) {
            if (e.address == p.coinbase)
                return invalid("a deferred coinbase fee with the coinbase in the diff");
        }
        state::Account cb = coinbase_before.value_or(state::Account{});
        cb.balance += result.coinbase_fee;
        diff.accounts.push_back({p.coinbase, cb});
        state::sort_state_diff(diff);
    }
    if (execution::stores_parent_hash(forks, p.number, p.timestamp)) {
        // EIP-2935: the block's system call, deferred to here (execution/history.hpp).
        const Address& history = chain::history_storage_address();
        const Hash256 slot = execution::history_slot(p.number - 1);
        for (const auto& e : diff.storage)
            if (e.address == history && e.slot == slot)
                return invalid("the history contract's slot written by a transaction");
        diff.storage.push_back({history, slot, parent.hash});
        state::sort_state_diff(diff);
    }
    YAO_TRY(const Hash256 state_root, state::chained_state_root(parent.state_root, diff));

    storage::BlockCommit c;
    c.epoch = p.epoch;  // checked against the fence in the commit's transaction
    chain::BlockHeader& h = c.header;
    h.parent_hash = parent.hash;
    h.coinbase = p.coinbase;
    h.state_root = state_root;
    h.transactions_root = result.transactions_root;
    h.receipts_root = result.receipts_root;
    h.logs_bloom = result.logs_bloom;
    h.number = p.number;
    h.gas_limit = p.gas_limit;
    h.gas_used = result.gas_used;
    h.timestamp = p.timestamp;
    h.prev_randao = p.prev_randao;
    h.base_fee_per_gas = p.base_fee;
    h.withdrawals_root = chain::kEmptyTrieRoot;
    h.blob_gas_used = 0;
    h.excess_blob_gas = 0;
    h.parent_beacon_block_root = Hash256{};
    if (forks.at(p.timestamp) >= evm::Revision::kPrague) h.requests_hash = chain::kEmptyRequestsHash;
    if (!p.patch.empty()) {
        c.patch = chain::encode_state_patch(p.patch);
        h.extra_data = chain::patch_extra_data(p.patch);
    }
    c.hash = chain::header_hash(h);

    c.transactions.reserve(result.txs.size());
    for (const proto::ExecutedTx& e : result.txs) {
        if (e.tx_index >= p.txs.size()) return invalid("executed transaction index out of range");
        const proto::SignedTx& tx = p.txs[e.tx_index];
        c.transactions.push_back({tx.txn, tx.hash, tx.sender, e.receipt, e.gas_used,
                                  e.effective_gas_price, e.contract_address});
    }
    c.accounts.reserve(diff.accounts.size());
    for (const auto& e : diff.accounts) c.accounts.push_back({e.address, e.account});
    c.storage.reserve(diff.storage.size());
    for (const auto& e : diff.storage) c.storage.push_back({e.address, e.slot, e.value});
    c.code.reserve(diff.code.size());
    for (const auto& e : diff.code) c.code.push_back({e.code_hash, e.code});
    if (final_diff) *final_diff = std::move(diff);
    return c;
}

CommitService::CommitService(CommitOptions options, mq::Bus& bus,
                             std::shared_ptr<storage::ChainStore> store,
                             std::shared_ptr<state::L1Cache> l1,
                             std::vector<std::shared_ptr<state::VersionedSource>> reexec_sources,
                             std::shared_ptr<state::VersionedSource> l2, log::Logger logger)
    : options_{std::move(options)},
      bus_{bus},
      store_{std::move(store)},
      l1_{std::move(l1)},
      reexec_sources_{std::move(reexec_sources)},
      l2_{std::move(l2)},
      log_{std::move(logger)} {}

CommitService::~CommitService() { stop(); }

Result<void> CommitService::start() {
    YAO_TRY(auto number, store_->head_number());
    if (!number) return invalid("the store has no genesis block (run `yaoverse init`)");
    YAO_TRY(auto block, store_->header_by_number(*number));
    if (!block) return invalid("the store lost its head block");
    {
        std::lock_guard lock{head_mutex_};
        head_ = {block->header.number, block->hash, block->header.state_root,
                 block->header.timestamp, block->header.prev_randao};
    }
    recent_hashes_[block->header.number] = block->hash;
    // Results of older sequencer terms still on the bus are dropped without a commit attempt.
    if (auto fence = store_->raise_fence(0)) max_epoch_ = *fence;
    mq::ConsumerOptions c;
    c.group = options_.group;
    c.mode = mq::Mode::kClustering;
    c.ack_timeout = options_.ack_timeout;
    c.name = options_.name;
    YAO_TRY(consumer_, bus_.subscribe(proto::kStateCommitTopic, c));
    mq::ConsumerLoop::Options lo;
    lo.name = options_.name;
    lo.logger = log_.with_component("archive");
    lo.poll_wait = kPollWait;
    lo.manual_ack = true;  // a result is acknowledged once its block is committed
    lo.stack_bytes = infra::kExecutionStackBytes;  // stale blocks are re-executed here
    loop_ = std::make_unique<mq::ConsumerLoop>(
        *consumer_,
        [this](const mq::Delivery& d) -> Result<void> {
            on_result(d);
            return {};
        },
        lo);
    // The heads other Archives commit (several may run: docs/cluster.md).
    mq::ConsumerOptions h;
    h.mode = mq::Mode::kBroadcast;
    h.name = options_.name + "-heads";
    YAO_TRY(heads_consumer_, bus_.subscribe(proto::kCacheInvalidationTopic, h));
    lo.name = options_.name + "-heads";
    lo.manual_ack = false;
    lo.stack_bytes = infra::kExecutionStackBytes;  // may commit waiting blocks, re-executing
    lo.on_idle = [this] { check_stall(); };
    heads_loop_ = std::make_unique<mq::ConsumerLoop>(
        *heads_consumer_,
        [this](const mq::Delivery& d) -> Result<void> {
            on_peer_head(d);
            return {};
        },
        lo);
    log_.info("commit service started")
        .with_component("archive")
        .with_field("head", *number)
        .log();
    return {};
}

void CommitService::stop() {
    stopping_.store(true);
    if (heads_loop_) heads_loop_->stop();
    if (loop_) loop_->stop();
}

Head CommitService::head() const {
    std::lock_guard lock{head_mutex_};
    return head_;
}

bool CommitService::wait_for(uint64_t number, std::chrono::milliseconds timeout) const {
    std::unique_lock lock{head_mutex_};
    return head_cv_.wait_for(lock, timeout,
                             [&] { return head_.number >= number || failure_.has_value(); }) &&
           head_.number >= number;
}

std::optional<Error> CommitService::failure() const {
    std::lock_guard lock{head_mutex_};
    return failure_;
}

CommitStats CommitService::stats() const {
    CommitStats s;
    s.blocks = blocks_.load();
    s.transactions = transactions_.load();
    s.dropped = dropped_.load();
    s.reexecuted = reexecuted_.load();
    s.duplicates = duplicates_.load();
    s.fenced = fenced_.load();
    s.decode_ns = decode_ns_.load();
    s.validate_ns = validate_ns_.load();
    s.reexecute_ns = reexecute_ns_.load();
    s.commit_ns = commit_ns_.load();
    s.publish_ns = publish_ns_.load();
    return s;
}

void CommitService::on_result(const mq::Delivery& delivery) {
    // After a halt nothing more is committed; deliveries stay unacknowledged for whoever
    // takes over.
    std::lock_guard lock{loop_mutex_};
    if (failure()) return;
    auto t0 = Clock::now();
    auto result = proto::decode_execution_result(delivery.envelope.payload);
    decode_ns_ += ns_since(t0);
    // What acknowledging later needs, without the payload (decoded above; megabytes for a
    // big block).
    mq::Delivery d{mq::Envelope{delivery.envelope.type, delivery.envelope.message_id,
                                delivery.envelope.timestamp_ms, delivery.envelope.version,
                                delivery.envelope.trace_id, delivery.envelope.key, Bytes{}},
                   delivery.attempt, delivery.delivery_tag};
    if (!result) {
        log_.error("undecodable execution result dropped")
            .with_component("archive")
            .with_field("message_id", d.envelope.message_id)
            .with_error(result.error())
            .log();
        (void)consumer_->ack(d);
        return;
    }
    const uint64_t number = result->proposal.number;
    const uint64_t head_number = head().number;
    if (number <= head_number) {
        duplicates_ += 1;
        (void)consumer_->ack(d);
        return;
    }
    const uint64_t epoch = result->proposal.epoch;
    if (epoch < max_epoch_) {
        drop_fenced(d, number, epoch);
        return;
    }
    if (epoch > max_epoch_) raise_epoch(epoch);
    auto [it, fresh] = waiting_.try_emplace(number);
    if (!fresh && it->second.result.proposal.epoch != epoch) {
        // raise_epoch() dropped every lower epoch, so the waiting one is of a higher epoch only
        // when this one is the older: it never reaches here (epoch < max_epoch_ above).
        drop_fenced(d, number, epoch);
        return;
    }
    if (fresh) it->second.result = std::move(*result);
    it->second.deliveries.push_back(std::move(d));

    commit_waiting();
}

void CommitService::drop_fenced(const mq::Delivery& d, uint64_t number, uint64_t epoch) {
    fenced_ += 1;
    log_.warn("result of a deposed sequencer's proposal dropped")
        .with_component("archive")
        .with_field("block", number)
        .with_field("epoch", epoch)
        .with_field("fence", max_epoch_)
        .log();
    (void)consumer_->ack(d);
}

void CommitService::raise_epoch(uint64_t epoch) {
    max_epoch_ = epoch;
    for (auto it = waiting_.begin(); it != waiting_.end();) {
        if (it->second.result.proposal.epoch >= epoch) {
            ++it;
            continue;
        }
        for (const mq::Delivery& dropped : it->second.deliveries)
            drop_fenced(dropped, it->first, it->second.result.proposal.epoch);
        it = waiting_.erase(it);
    }
}

void CommitService::commit_waiting() {
    while (!waiting_.empty() && waiting_.begin()->first <= head().number) {
        // Committed meanwhile (by another Archive): acknowledged and ignored.
        for (const mq::Delivery& acked : waiting_.begin()->second.deliveries)
            (void)consumer_->ack(acked);
        duplicates_ += waiting_.begin()->second.deliveries.size();
        waiting_.erase(waiting_.begin());
    }
    while (!waiting_.empty() && waiting_.begin()->first == head().number + 1) {
        Pending& next = waiting_.begin()->second;
        Result<void> done = process(next);
        // A transient store error while checking or building the block (a read of the
        // validation, BLOCKHASH, the coinbase) is retried for as long as it lasts, as the
        // commit's own errors are: only a lasting failure halts the chain.
        for (int attempt = 1;
             !done && !stopping_.load() && storage::is_retryable(done.error().code()); ++attempt) {
            (attempt % 10 != 0 ? log_.warn("block check failed; retrying")
                               : log_.error("block check failed; retrying"))
                .with_component("archive")
                .with_field("block", waiting_.begin()->first)
                .with_field("attempt", attempt)
                .with_error(done.error())
                .log();
            pause(std::min<std::chrono::milliseconds>(std::chrono::milliseconds{50} * attempt,
                                                      kMaxRetryPause));
            done = process(next);
        }
        if (!done && done.error().code() == storage::Errc::kFenced) {
            // A newer sequencer term began before this block could commit: the block is gone
            // for good (its transactions are proposed again by the new leader). Learn the fence
            // and drop everything older with it.
            const uint64_t number = waiting_.begin()->first;
            const uint64_t epoch = next.result.proposal.epoch;
            for (const mq::Delivery& dropped : next.deliveries) drop_fenced(dropped, number, epoch);
            waiting_.erase(waiting_.begin());
            auto fence = store_->raise_fence(0);
            raise_epoch(std::max(max_epoch_, fence ? *fence : epoch + 1));
            continue;
        }
        if (!done) {
            if (stopping_.load()) return;  // interrupted while retrying: not a failure
            {
                std::lock_guard lock{head_mutex_};
                failure_ = done.error();
            }
            head_cv_.notify_all();
            log_.error("block cannot be committed; the chain halts")
                .with_component("archive")
                .with_field("block", waiting_.begin()->first)
                .with_error(done.error())
                .log();
            if (options_.on_halt) options_.on_halt(done.error());
            return;
        }
        for (const mq::Delivery& acked : next.deliveries) (void)consumer_->ack(acked);
        duplicates_ += next.deliveries.size() - 1;
        waiting_.erase(waiting_.begin());
    }
}

void CommitService::adopt_head(const storage::StoredBlock& block) {
    // The database knows every version: start the tracking over from it.
    account_writers_.clear();
    slot_writers_.clear();
    coinbase_.reset();
    if (l1_) l1_->clear();
    recent_hashes_[block.header.number] = block.hash;
    while (recent_hashes_.size() > kRecentHashes) recent_hashes_.erase(recent_hashes_.begin());
    {
        std::lock_guard head_lock{head_mutex_};
        const chain::BlockHeader& h = block.header;
        head_ = {h.number, block.hash, h.state_root, h.timestamp, h.prev_randao};
    }
    head_cv_.notify_all();
}

void CommitService::check_stall() {
    std::lock_guard lock{loop_mutex_};
    if (failure() || waiting_.empty() || waiting_.begin()->first <= head().number + 1) {
        stalled_since_.reset();
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (!stalled_since_) stalled_since_ = now;
    if (now - *stalled_since_ < options_.stall_check) return;
    stalled_since_.reset();
    auto number = store_->head_number();
    if (!number || !*number || **number <= head().number) return;
    auto block = store_->header_by_number(**number);
    if (!block || !*block) return;
    log_.warn("blocks committed elsewhere and never announced; following the database")
        .with_component("archive")
        .with_field("from", head().number)
        .with_field("to", **number)
        .log();
    adopt_head(**block);
    commit_waiting();
}

void CommitService::on_peer_head(const mq::Delivery& delivery) {
    if (delivery.envelope.type != proto::kHeadUpdateType) return;
    auto update = proto::decode_head_update(delivery.envelope.payload);
    if (!update) return;  // the Vulcans and the Portals log it; nothing to learn here
    std::lock_guard lock{loop_mutex_};
    if (failure()) return;
    const uint64_t head_number = head().number;
    if (update->number <= head_number) return;  // ours, or already known
    // Another Archive committed past our head. The store is the truth: read the new head.
    auto block = store_->header_by_number(update->number);
    if (!block || !*block || (*block)->hash != update->hash) {
        log_.warn("head update of another Archive not in the store; ignored")
            .with_component("archive")
            .with_field("block", update->number)
            .log();
        return;
    }
    if (update->number == head_number + 1) {
        // Its writes, as if committed here: the read-set check stays exact.
        for (const Address& a : update->accounts) {
            account_writers_[a] = update->number;
            if (coinbase_ && coinbase_->first == a) coinbase_.reset();
        }
        for (const auto& k : update->storage) slot_writers_[{k.address, k.slot}] = update->number;
        // Results the Vulcans executed on top of this block are checked against its digest
        // (without it every such result would be re-executed here).
        if (update->result_digest) {
            recent_digests_[update->number] = *update->result_digest;
            while (recent_digests_.size() > kRecentHashes)
                recent_digests_.erase(recent_digests_.begin());
        }
    } else {
        // Blocks between were missed: what is tracked may be stale.
        adopt_head(**block);
        commit_waiting();
        return;
    }
    if (l1_) {
        std::vector<state::CacheKey> keys;
        for (const Address& a : update->accounts) keys.push_back(state::CacheKey::account(a));
        for (const auto& k : update->storage)
            keys.push_back(state::CacheKey::storage(k.address, k.slot));
        l1_->invalidate(keys);
    }
    recent_hashes_[update->number] = update->hash;
    while (recent_hashes_.size() > kRecentHashes) recent_hashes_.erase(recent_hashes_.begin());
    {
        std::lock_guard head_lock{head_mutex_};
        const chain::BlockHeader& h = (*block)->header;
        head_ = {h.number, (*block)->hash, h.state_root, h.timestamp, h.prev_randao};
    }
    head_cv_.notify_all();
    log_.debug("head committed by another Archive")
        .with_component("archive")
        .with_field("block", update->number)
        .log();
    commit_waiting();
}

void CommitService::pause(std::chrono::milliseconds duration) {
    // In short steps, so that stop() is not held up by a long back-off.
    const auto until = Clock::now() + duration;
    while (!stopping_.load() && Clock::now() < until) {
        std::this_thread::sleep_for(std::min<Clock::duration>(until - Clock::now(),
                                                              std::chrono::milliseconds{20}));
    }
}

Result<std::optional<Hash256>> CommitService::committed_hash(uint64_t number) {
    if (auto it = recent_hashes_.find(number); it != recent_hashes_.end()) return it->second;
    YAO_TRY(auto block, store_->header_by_number(number));
    if (!block) return std::optional<Hash256>{};
    return std::optional<Hash256>{block->hash};
}

Result<std::string> CommitService::stale_read(const proto::ExecutionResult& r) {
    // Results this one was executed on top of must be the ones committed.
    for (const proto::BlockHashRead& s : r.speculated_on) {
        auto it = recent_digests_.find(s.number);
        if (it == recent_digests_.end())
            return fmt::format("executed on block {}'s result, not known here", s.number);
        if (it->second != s.hash)
            return fmt::format("executed on another result of block {}", s.number);
    }
    for (const proto::BlockHashRead& b : r.block_hash_reads) {
        YAO_TRY(auto actual, committed_hash(b.number));
        if (actual.value_or(Hash256{}) != b.hash)
            return fmt::format("BLOCKHASH({}) read another hash", b.number);
    }
    // EIP-2935 ring slots read before their writes were committed: the slot of the parent
    // holds the parent's hash, any other the committed value (execution/history.hpp).
    for (const proto::BlockHashRead& h : r.history_reads) {
        const uint64_t parent = r.proposal.number - 1;
        Hash256 actual;
        if (h.number == parent % execution::kHistoryServeWindow) {
            YAO_TRY(auto hash, committed_hash(parent));
            actual = hash.value_or(Hash256{});
        } else {
            YAO_TRY(actual, store_->storage(chain::history_storage_address(),
                                            Uint256{h.number}.to_hash()));
        }
        if (actual != h.hash) return fmt::format("history slot {} read another hash", h.number);
    }
    const auto account_stale = [](const Address& a, uint64_t read, uint64_t last) {
        return fmt::format("account {} read at version {}, last written by block {}", to_hex(a.view()),
                           read, last);
    };
    const auto slot_stale = [](const Address& a, const Hash256& slot, uint64_t read,
                               uint64_t last) {
        return fmt::format("slot {} of {} read at version {}, last written by block {}",
                           to_hex(slot.view()), to_hex(a.view()), read, last);
    };
    std::vector<Address> unknown_accounts;
    std::vector<uint64_t> unknown_account_versions;
    for (const auto& [addr, version] : r.reads.accounts) {
        if (auto it = account_writers_.find(addr); it != account_writers_.end()) {
            if (it->second != version) return account_stale(addr, version, it->second);
        } else {
            unknown_accounts.push_back(addr);
            unknown_account_versions.push_back(version);
        }
    }
    std::vector<storage::StorageKey> unknown_slots;
    std::vector<uint64_t> unknown_slot_versions;
    for (const auto& [key, version] : r.reads.storage) {
        if (auto it = slot_writers_.find(key); it != slot_writers_.end()) {
            if (it->second != version) return slot_stale(key.address, key.slot, version, it->second);
        } else {
            unknown_slots.push_back({key.address, key.slot});
            unknown_slot_versions.push_back(version);
        }
    }
    if (!unknown_accounts.empty()) {
        YAO_TRY(auto batch, store_->accounts_batch(unknown_accounts));
        for (size_t i = 0; i < batch.values.size(); ++i)
            if (batch.values[i].version != unknown_account_versions[i])
                return account_stale(unknown_accounts[i], unknown_account_versions[i],
                                     batch.values[i].version);
    }
    if (!unknown_slots.empty()) {
        YAO_TRY(auto batch, store_->storage_batch(unknown_slots));
        for (size_t i = 0; i < batch.values.size(); ++i)
            if (batch.values[i].version != unknown_slot_versions[i])
                return slot_stale(unknown_slots[i].address, unknown_slots[i].slot,
                                  unknown_slot_versions[i], batch.values[i].version);
    }
    return std::string{};
}

Result<proto::ExecutionResult> CommitService::reexecute(const proto::ExecutionResult& stale,
                                                        bool store_only) {
    std::shared_ptr<state::L1Cache> l1 = l1_;
    std::vector<std::shared_ptr<state::VersionedSource>> sources = reexec_sources_;
    if (store_only || !l1) {
        // A private, empty L1 over the store alone: exactly the committed state.
        l1 = std::make_shared<state::L1Cache>(state::L1Cache::Options{64u << 20, 4});
        sources = {reexec_sources_.back()};
    }
    state::Oracle oracle{l1, sources};
    proto::Proposal proposal = stale.proposal;
    // A hash that cannot be read fails the re-execution (process() retries a transient error,
    // halts on a lasting one): never a block committed with a zero hash for one that exists.
    auto hashes = [this](uint64_t n) { return committed_hash(n); };
    YAO_TRY(
        proto::ExecutionResult fresh,
        execution::execute_block(proposal, oracle, hashes, {options_.chain_id, options_.forks}));
    fresh.reads = oracle.take_read_set();
    fresh.executor = options_.name + (store_only ? "/reexec-store" : "/reexec");
    return fresh;
}

Result<std::optional<state::Account>> CommitService::coinbase_account(const Address& coinbase) {
    if (coinbase_ && coinbase_->first == coinbase) return coinbase_->second;
    YAO_TRY(auto account, store_->account(coinbase));
    coinbase_ = std::pair{coinbase, account};
    return account;
}

void CommitService::count_rows(const storage::BlockCommit& commit,
                               const proto::ExecutionResult& result) {
    metrics_.rows_blocks.add();
    metrics_.rows_transactions.add(commit.transactions.size());
    uint64_t logs = 0;
    for (const auto& t : commit.transactions) logs += t.receipt.logs.size();
    metrics_.rows_logs.add(logs);
    metrics_.rows_accounts.add(commit.accounts.size());
    metrics_.rows_storage.add(commit.storage.size());
    metrics_.rows_code.add(commit.code.size());
    const uint64_t now = infra::metrics::unix_now_ns();
    for (const proto::ExecutedTx& e : result.txs) {
        const uint64_t received = result.proposal.txs[e.tx_index].received_unix_ns;
        if (received != 0 && received <= now) metrics_.end_to_end.observe_ns(now - received);
    }
}

void CommitService::remember_writes(const proto::StateDiff& diff, uint64_t number) {
    if (account_writers_.size() + slot_writers_.size() + diff.accounts.size() +
            diff.storage.size() >
        options_.max_tracked_keys) {
        // Older keys are then checked against the database, which knows every version.
        account_writers_.clear();
        slot_writers_.clear();
    }
    for (const auto& e : diff.accounts) {
        account_writers_[e.address] = number;
        if (coinbase_ && coinbase_->first == e.address) coinbase_->second = e.account;
    }
    for (const auto& e : diff.storage) slot_writers_[{e.address, e.slot}] = number;
}

Result<void> CommitService::process(Pending& pending) {
    proto::ExecutionResult* result = &pending.result;
    const uint64_t number = result->proposal.number;

    auto t0 = Clock::now();
    YAO_TRY(const std::string stale, stale_read(*result));
    validate_ns_ += ns_since(t0);
    metrics_.validate.observe_ns(ns_since(t0));
    proto::ExecutionResult fresh;
    bool reexecuted = false;
    if (!stale.empty()) {
        t0 = Clock::now();
        YAO_TRY(fresh, reexecute(*result, false));
        YAO_TRY(const std::string still, stale_read(fresh));
        if (!still.empty()) {
            YAO_TRY(fresh, reexecute(*result, true));
        }
        reexecute_ns_ += ns_since(t0);
        metrics_.reexecute.observe_ns(ns_since(t0));
        result = &fresh;
        reexecuted = true;
        reexecuted_ += 1;
        log_.debug("stale execution re-executed")
            .with_component("archive")
            .with_field("block", number)
            .with_field("executor", pending.result.executor)
            .with_field("reason", stale)
            .log();
    }

    t0 = Clock::now();
    const Head parent = head();
    YAO_TRY(auto coinbase_before, coinbase_account(result->proposal.coinbase));
    proto::StateDiff diff;
    Result<storage::BlockCommit> built = build_commit(*result, parent, coinbase_before, options_.forks, &diff);
    if (!built && !reexecuted) {
        // A malformed result (an executor bug, a hostile node): make the block here instead.
        log_.warn("malformed execution result; executing the block here")
            .with_component("archive")
            .with_field("block", number)
            .with_field("executor", result->executor)
            .with_error(built.error())
            .log();
        YAO_TRY(fresh, reexecute(*result, true));
        result = &fresh;
        reexecuted = true;
        reexecuted_ += 1;
        built = build_commit(*result, parent, coinbase_before, options_.forks, &diff);
    }
    if (!built) return std::unexpected(built.error());
    storage::BlockCommit& commit = *built;
    Result<storage::CommitOutcome> outcome = store_->commit_block(commit);
    // Transient errors (busy or unreachable database) are retried for as long as they last;
    // others a few times, then the chain halts.
    for (int attempt = 1; !outcome && !stopping_.load(); ++attempt) {
        if (outcome.error().code() == storage::Errc::kFenced) break;  // final: see commit_waiting
        const bool transient = storage::is_retryable(outcome.error().code());
        if (!transient && attempt >= kCommitAttempts) break;
        auto line = transient && attempt % 10 != 0 ? log_.warn("commit failed; retrying")
                                                   : log_.error("commit failed; retrying");
        line.with_component("archive")
            .with_field("block", number)
            .with_field("attempt", attempt)
            .with_field("transient", transient)
            .with_error(outcome.error())
            .log();
        pause(std::min<std::chrono::milliseconds>(std::chrono::milliseconds{50} * attempt,
                                                  kMaxRetryPause));
        outcome = store_->commit_block(commit);
    }
    if (!outcome) return std::unexpected(outcome.error());
    commit_ns_ += ns_since(t0);
    metrics_.commit.observe_ns(ns_since(t0));
    if (*outcome == storage::CommitOutcome::kCommitted) {
        count_rows(commit, *result);
        if (log_.enabled(log::Level::kDebug)) {
            // One line per transaction under its own trace (docs/operations.md "Traces").
            for (const proto::ExecutedTx& e : result->txs) {
                const proto::SignedTx& tx = result->proposal.txs[e.tx_index];
                log_.debug("transaction committed")
                    .with_component("archive")
                    .with_trace(tx.trace_id, "")
                    .with_field("hash", tx.hash)
                    .with_field("block", number)
                    .with_field("block_hash", commit.hash)
                    .log();
            }
        }
    }

    t0 = Clock::now();
    remember_writes(diff, number);
    recent_hashes_[number] = commit.hash;
    while (recent_hashes_.size() > kRecentHashes) recent_hashes_.erase(recent_hashes_.begin());
    const Hash256 digest = execution::result_digest(*result);
    recent_digests_[number] = digest;
    while (recent_digests_.size() > kRecentHashes) recent_digests_.erase(recent_digests_.begin());

    proto::HeadUpdate update;
    update.number = number;
    update.result_digest = digest;
    update.hash = commit.hash;
    update.state_root = commit.header.state_root;
    update.timestamp = commit.header.timestamp;
    update.reexecuted = reexecuted;
    update.accounts.reserve(diff.accounts.size());
    std::vector<state::CacheKey> keys;
    keys.reserve(diff.accounts.size() + diff.storage.size());
    state::CacheFill fill;
    for (const auto& e : diff.accounts) {
        update.accounts.push_back(e.address);
        keys.push_back(state::CacheKey::account(e.address));
        if (l2_) fill.accounts.push_back({e.address, {e.account, number}});
    }
    for (const auto& e : diff.storage) {
        update.storage.push_back({e.address, e.slot});
        keys.push_back(state::CacheKey::storage(e.address, e.slot));
        if (l2_) fill.storage.push_back({{e.address, e.slot}, {e.value, number}});
    }
    if (l2_) {
        for (const auto& e : diff.code) fill.code.push_back({e.code_hash, e.code});
        if (auto r = l2_->put_if_newer(fill); !r) {
            log_.warn("L2 update failed").with_component("archive").with_error(r.error()).log();
        }
    }
    if (l1_) l1_->invalidate(keys);

    // The committed nonce of every sender the block saw, from the diff or the store. The block
    // is committed: a store read that fails leaves the sender out of the update (the sequencer
    // keeps what it knew) and is logged, never announced as nonce 0 (the pool would take it for
    // the account's committed nonce).
    auto nonce_of = [&](const Address& a) -> std::optional<uint64_t> {
        auto it = std::lower_bound(diff.accounts.begin(), diff.accounts.end(), a,
                                   [](const auto& e, const Address& x) { return e.address < x; });
        if (it != diff.accounts.end() && it->address == a)
            return it->account ? it->account->nonce : 0;
        auto acc = store_->account(a);
        if (!acc) {
            log_.warn("committed nonce not read; left out of the head update")
                .with_component("archive")
                .with_field("block", number)
                .with_field("sender", a)
                .with_error(acc.error())
                .log();
            return std::nullopt;
        }
        return *acc ? (*acc)->nonce : 0;
    };
    std::vector<Address> senders;
    update.included.reserve(result->txs.size());
    for (const proto::ExecutedTx& e : result->txs) {
        const proto::SignedTx& tx = result->proposal.txs[e.tx_index];
        update.included.push_back(tx.hash);
        senders.push_back(tx.sender);
        // An EIP-7702 authorization raises its authority's nonce without a transaction of its
        // own: the authorities are reported too, or the sequencer would go on handing out an
        // authority's old nonce as its "pending" one.
        for (const chain::Authorization& auth : tx.txn.authorization_list)
            if (auto authority = chain::recover_authority(auth)) senders.push_back(*authority);
    }
    for (const proto::DroppedTx& d : result->dropped) senders.push_back(d.sender);
    // A development node's patch may set nonces too.
    for (const chain::AccountPatch& a : result->proposal.patch.accounts)
        if (a.nonce) senders.push_back(a.address);
    std::sort(senders.begin(), senders.end());
    senders.erase(std::unique(senders.begin(), senders.end()), senders.end());
    update.sender_nonces.reserve(senders.size());
    for (const Address& s : senders)
        if (const auto nonce = nonce_of(s)) update.sender_nonces.emplace_back(s, *nonce);
    update.dropped = result->dropped;

    {
        std::lock_guard lock{head_mutex_};
        head_ = {number, commit.hash, commit.header.state_root, commit.header.timestamp,
                 commit.header.prev_randao};
    }
    head_cv_.notify_all();
    // Every other service, and every other Archive, moves on this announcement: an unreachable
    // bus (a slow or restarting Redis) is retried, with a growing pause, for as long as it lasts
    // (up to stop()). A full one (an in-process subscriber that stopped reading) is not waited
    // for: that subscriber misses this head.
    const mq::Envelope envelope = mq::make_envelope(proto::kHeadUpdateType, proto::encode(update),
                                                    {}, std::to_string(number));
    auto published = bus_.publish(proto::kCacheInvalidationTopic, envelope);
    for (int attempt = 1; !published && published.error().code() == mq::Errc::kUnavailable &&
                          !stopping_.load();
         ++attempt) {
        log_.warn("head update not published; retrying")
            .with_component("archive")
            .with_field("block", number)
            .with_field("attempt", attempt)
            .with_error(published.error())
            .log();
        pause(std::min<std::chrono::milliseconds>(std::chrono::milliseconds{50} * attempt,
                                                  kMaxRetryPause));
        published = bus_.publish(proto::kCacheInvalidationTopic, envelope);
    }
    if (!published) {
        log_.error("head update not published")
            .with_component("archive")
            .with_field("block", number)
            .with_error(published.error())
            .log();
    }
    publish_ns_ += ns_since(t0);

    blocks_ += 1;
    transactions_ += result->txs.size();
    dropped_ += result->dropped.size();
    if (*outcome == storage::CommitOutcome::kAlreadyCommitted) {
        log_.info("block was already committed").with_component("archive").with_field("block", number).log();
    }
    log_.debug("block committed")
        .with_component("archive")
        .with_field("block", number)
        .with_field("hash", to_hex(commit.hash))
        .with_field("txs", result->txs.size())
        .with_field("reexecuted", reexecuted)
        .log();
    return {};
}

}  // namespace yao::archive
