// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "dev_backend.hpp"

#include <atomic>
#include <map>
#include <mutex>

#include <yao/chain/errc.hpp>
#include <yao/chain/processor.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/infra/thread.hpp>
#include <yao/infra/worker_pool.hpp>
#include <yao/mq/inproc_bus.hpp>
#include <yao/proto/codec.hpp>
#include <yao/services/archive/commit_service.hpp>
#include <yao/services/chronos/sequencer.hpp>

#include "dev_node.hpp"
#include "store_view.hpp"

namespace yao::node {
namespace {

using namespace std::chrono_literals;

uint64_t unix_ns() {
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
}

/// Listeners of one kind, called in order on the thread that fires them.
template <typename Arg>
class Listeners {
public:
    using Fn = std::function<void(const Arg&)>;

    class Handle final : public rpc::Listener {
    public:
        Handle(Listeners& owner, uint64_t id) : owner_{owner}, id_{id} {}
        ~Handle() override { owner_.remove(id_); }

    private:
        Listeners& owner_;
        uint64_t id_;
    };

    std::unique_ptr<rpc::Listener> add(Fn fn) {
        std::lock_guard lock{mutex_};
        const uint64_t id = ++next_;
        fns_.emplace(id, std::move(fn));
        return std::make_unique<Handle>(*this, id);
    }
    void fire(const Arg& arg) {
        std::lock_guard lock{mutex_};
        for (auto& [id, fn] : fns_) fn(arg);
    }
    bool empty() {
        std::lock_guard lock{mutex_};
        return fns_.empty();
    }

private:
    void remove(uint64_t id) {
        std::lock_guard lock{mutex_};
        fns_.erase(id);
    }
    std::mutex mutex_;
    uint64_t next_ = 0;
    std::map<uint64_t, Fn> fns_;
};

class DevBackend final : public rpc::Backend {
public:
    explicit DevBackend(DevNode& node) : node_{node} {
        const auto& c = node.config();
        for (const auto& a : node.dev_accounts()) {
            Hash256 key;
            std::copy(a.private_key.bytes.begin(), a.private_key.bytes.end(), key.bytes.begin());
            accounts_.push_back({a.address, key});
        }
        env_.gas_limit = c.chain.gas_limit;
        env_.base_fee = c.chain.base_fee;
        env_.chain_id = c.chain.chain_id;
        env_.coinbase = c.chain.coinbase;
    }
    ~DevBackend() override {
        stopping_ = true;
        thread_.join();
    }

    Result<void> start() {
        mq::ConsumerOptions o;
        o.mode = mq::Mode::kBroadcast;
        o.name = "portal-heads";
        YAO_TRY(heads_, node_.bus().subscribe(proto::kCacheInvalidationTopic, o));
        YAO_TRY(thread_, infra::Thread::start("portal-heads", [this] { follow_heads(); }, 1u << 20));
        return {};
    }

    uint64_t chain_id() const override { return env_.chain_id; }
    uint64_t block_gas_limit() const override { return env_.gas_limit; }
    Uint256 base_fee() const override { return env_.base_fee; }
    Address coinbase() const override { return env_.coinbase; }
    uint64_t head_number() const override { return node_.head_number(); }
    storage::ChainStore& store() override { return node_.store(); }

    std::unique_ptr<state::StateView> state_at(uint64_t number) override {
        // The head's own tables when asked for the head (they only move forward, by whole
        // blocks); the history tables otherwise.
        std::optional<uint64_t> at = number;
        if (number >= node_.head_number()) at.reset();
        return std::make_unique<StoreStateView>(node_.store(), at);
    }

    Result<Hash256> send_raw_transaction(BytesView raw) override {
        YAO_TRY(proto::SignedTx tx, admit_stateless(raw));
        return admit(std::move(tx));
    }

    std::vector<Result<Hash256>> send_raw_transactions(std::span<const Bytes> raw) override {
        std::vector<Result<proto::SignedTx>> decoded(raw.size(),
                                                     std::unexpected(Error{}));
        node_.worker_pool().run(raw.size(), [&](size_t i) { decoded[i] = admit_stateless(raw[i]); });
        std::vector<Result<Hash256>> out;
        out.reserve(raw.size());
        for (auto& d : decoded) {
            if (!d) {
                out.push_back(std::unexpected(d.error()));
                continue;
            }
            out.push_back(admit(std::move(*d)));
        }
        return out;
    }

    Result<Hash256> send_transaction(proto::SignedTx tx) override {
        if (chain::encode_transaction(tx.txn).size() > chronos::kMaxTxBytes)
            return fail(chronos::Errc::kOversizedData);
        YAO_TRY_VOID(check_stateless(tx.txn));
        tx.received_unix_ns = unix_ns();
        return admit(std::move(tx));
    }

    uint64_t pending_nonce(const Address& addr) override {
        if (auto n = node_.sequencer().pending_nonce(addr)) return *n;
        auto acc = node_.store().account(addr);
        return acc && *acc ? (*acc)->nonce : 0;
    }

    std::optional<proto::SignedTx> pool_transaction(const Hash256& hash) override {
        return node_.sequencer().get(hash);
    }

    rpc::PoolContent pool_content() override {
        auto c = node_.sequencer().content();
        return {std::move(c.pending), std::move(c.queued)};
    }

    std::unique_ptr<rpc::Listener> on_head(
        std::function<void(const proto::HeadUpdate&)> fn) override {
        return head_listeners_.add(std::move(fn));
    }
    std::unique_ptr<rpc::Listener> on_pending(std::function<void(const Hash256&)> fn) override {
        return pending_listeners_.add(std::move(fn));
    }

    std::span<const rpc::SigningAccount> accounts() const override { return accounts_; }

    Result<uint64_t> mine(std::optional<uint64_t> timestamp) override {
        if (timestamp) YAO_TRY_VOID(node_.sequencer().set_next_timestamp(*timestamp));
        YAO_TRY(uint64_t number, node_.sequencer().mine_now());
        if (!node_.wait_for_block(number, 30s)) {
            return std::unexpected(Error{std::make_error_code(std::errc::timed_out),
                                         "block " + std::to_string(number) + " was not committed"});
        }
        return number;
    }

    Result<void> set_next_block_timestamp(uint64_t timestamp) override {
        return node_.sequencer().set_next_timestamp(timestamp);
    }

    Result<uint64_t> increase_time(uint64_t seconds) override {
        YAO_TRY_VOID(node_.sequencer().increase_time(seconds));
        return time_offset_ += seconds;
    }

private:
    /// Everything that needs no state: decoding, chain id, signature, the rules of the block.
    Result<proto::SignedTx> admit_stateless(BytesView raw) {
        if (raw.size() > chronos::kMaxTxBytes) return fail(chronos::Errc::kOversizedData);
        YAO_TRY(chain::Transaction txn, chain::decode_transaction(raw));
        if (txn.type == chain::TxType::kLegacy && !txn.chain_id &&
            !node_.config().rpc.allow_unprotected_txs) {
            return fail(chronos::Errc::kUnprotectedTx);
        }
        // geth's ValidateSignatureValues: r and s in [1, n-1], s in the lower half (EIP-2).
        static const Uint256 kCurveOrder =
            Uint256::from_hex("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
                .value();
        static const Uint256 kHalfOrder = kCurveOrder >> uint64_t{1};
        if (txn.r.is_zero() || txn.s.is_zero() || txn.r >= kCurveOrder || txn.s > kHalfOrder)
            return fail(chain::Errc::kInvalidV, "signature values out of range");
        YAO_TRY_VOID(check_stateless(txn));
        YAO_TRY(Address sender, chain::recover_sender(txn));
        const Hash256 hash = chain::transaction_hash(txn);
        return proto::SignedTx{std::move(txn), hash, sender, unix_ns()};
    }

    Result<void> check_stateless(const chain::Transaction& txn) {
        if (txn.type == chain::TxType::kBlob)
            return std::unexpected(Error{chain::Errc::kTxTypeNotSupported, "blob transactions"});
        // geth's pool text for a transaction that could never fit a block.
        if (txn.gas_limit > env_.gas_limit) return fail(chronos::Errc::kGasLimitExceeded);
        chain::BlockEnv env = env_;
        env.number = node_.head_number() + 1;
        return chain::check_transaction(env, txn, evm::Revision::kCancun);
    }

    /// Best-effort checks against the head state, then the sequencer's pool.
    Result<Hash256> admit(proto::SignedTx tx) {
        // A halted chain would never mine it: refuse instead of returning a hash.
        if (auto failure = node_.failure()) {
            return std::unexpected(Error{std::make_error_code(std::errc::state_not_recoverable),
                                         "the chain is halted: " + failure->message()});
        }
        auto account = node_.store().account(tx.sender);
        if (account && *account) {
            const state::Account& a = **account;
            if (tx.txn.nonce < a.nonce) return std::unexpected(Error{chain::Errc::kNonceTooLow});
            // Overflow-checked: a cost past 2^256 is more than any balance.
            const std::optional<Uint256> cost = chain::max_cost(tx.txn);
            if (!cost || a.balance < *cost)
                return std::unexpected(Error{chain::Errc::kInsufficientFunds});
        } else if (account) {
            // No account: nothing to pay with unless everything is free.
            const bool free = tx.txn.value.is_zero() && env_.base_fee.is_zero() &&
                              (tx.txn.gas_price.is_zero() && tx.txn.max_fee_per_gas.is_zero());
            if (!free) return std::unexpected(Error{chain::Errc::kInsufficientFunds});
        }
        const Hash256 hash = tx.hash;
        YAO_TRY_VOID(node_.sequencer().submit(std::move(tx)));
        if (!pending_listeners_.empty()) pending_listeners_.fire(hash);
        return hash;
    }

    void follow_heads() {
        while (!stopping_.load()) {
            auto polled = heads_->poll(100ms);
            if (!polled || !*polled) continue;
            auto update = proto::decode_head_update((*polled)->envelope.payload);
            if (!update) continue;
            head_listeners_.fire(*update);
        }
    }

    DevNode& node_;
    chain::BlockEnv env_;
    std::vector<rpc::SigningAccount> accounts_;
    Listeners<proto::HeadUpdate> head_listeners_;
    Listeners<Hash256> pending_listeners_;
    std::unique_ptr<mq::Consumer> heads_;
    infra::Thread thread_;
    std::atomic<bool> stopping_{false};
    std::atomic<uint64_t> time_offset_{0};
};

}  // namespace

Result<std::unique_ptr<rpc::Backend>> make_dev_backend(DevNode& node) {
    auto backend = std::make_unique<DevBackend>(node);
    YAO_TRY_VOID(backend->start());
    return std::unique_ptr<rpc::Backend>{std::move(backend)};
}

}  // namespace yao::node
