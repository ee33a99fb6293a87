// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// A Backend for the method tests: an SQLite ":memory:" store holding blocks the test commits
// itself, read through the real in-process BlockService and StateService (BlockReader,
// StateReader); a map as the pool; listeners fired synchronously by commit() and the
// submissions. The real pipeline (portal::ServiceBackend over DevNode) is tested end to end
// elsewhere; this fake lets a test say exactly which transactions, receipts and logs each block
// holds.
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include <yao/chain/block.hpp>
#include <yao/chain/receipt.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/common/assert.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/secp256k1.hpp>
#include <yao/rpc/backend.hpp>
#include <yao/services/archive/block_reader.hpp>
#include <yao/services/vulcan/state_reader.hpp>
#include <yao/storage/sqlite_store.hpp>

#include "failing_blocks.hpp"

namespace yao::rpc::test {

/// One transaction of a block the test commits.
struct TestTx {
    chain::Transaction txn;
    Address sender;
    uint64_t gas_used = 21'000;
    bool success = true;
    std::vector<chain::Log> logs;
    std::optional<Address> contract_address;
};

class TestBackend final : public Backend {
public:
    static constexpr uint64_t kChainId = 31337;
    static constexpr uint64_t kGasLimit = 30'000'000;
    static constexpr uint64_t kGenesisTime = 1'700'000'000;

    /// Hardhat's dev key #0 signs (eth_accounts); `base_fee` is the chain's constant base fee.
    explicit TestBackend(Uint256 base_fee = Uint256{1'000'000'000}) : base_fee_{base_fee} {
        auto store = storage::make_sqlite_store({});
        YAO_ASSERT(store.has_value());
        store_ = std::move(*store);
        blocks_ = std::make_unique<archive::BlockReader>(store_);
        failing_blocks_ = std::make_unique<test_util::FailingBlocks>(*blocks_);
        state_ = std::make_unique<vulcan::StateReader>(store_);
        auto key = hash_from_hex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        accounts_.push_back({*address_from_private_key(*key), *key});
        coinbase_ = *address_from_hex("0xc0ffee0000000000000000000000000000000001");
    }

    /// Adds a key eth_accounts lists and the signing methods accept.
    void add_account(const Hash256& private_key) {
        accounts_.push_back({*address_from_private_key(private_key), private_key});
    }

    /// Commits the next block with `txs` and account changes `accounts`; fires on_head.
    storage::BlockCommit commit(std::vector<TestTx> txs,
                                std::vector<storage::AccountChange> accounts = {},
                                std::vector<storage::StorageChange> storage = {},
                                std::vector<storage::CodeEntry> code = {}) {
        storage::BlockCommit c;
        auto& h = c.header;
        h.number = next_number_;
        h.parent_hash = parent_hash_;
        h.coinbase = coinbase_;
        h.timestamp = kGenesisTime + 12 * next_number_;
        h.gas_limit = kGasLimit;
        h.base_fee_per_gas = base_fee_;
        h.withdrawals_root = chain::withdrawals_root({});
        h.blob_gas_used = 0;
        h.excess_blob_gas = 0;
        h.parent_beacon_block_root = Hash256{};
        h.prev_randao = keccak256(Uint256{next_number_ + 100}.to_hash().view());
        h.state_root = keccak256(Uint256{next_number_}.to_hash().view());
        std::vector<chain::Transaction> txns;
        uint64_t cumulative = 0;
        for (auto& t : txs) {
            storage::TransactionCommit tc;
            tc.txn = t.txn;
            tc.hash = chain::transaction_hash(t.txn);
            tc.sender = t.sender;
            tc.gas_used = t.gas_used;
            cumulative += t.gas_used;
            tc.receipt.type = t.txn.type;
            tc.receipt.success = t.success;
            tc.receipt.cumulative_gas_used = cumulative;
            tc.receipt.logs = t.logs;
            tc.receipt.logs_bloom = chain::logs_bloom(t.logs);
            chain::bloom_merge(h.logs_bloom, tc.receipt.logs_bloom);
            tc.effective_gas_price = effective_price(t.txn);
            tc.contract_address = t.contract_address;
            txns.push_back(t.txn);
            c.transactions.push_back(std::move(tc));
        }
        h.gas_used = cumulative;
        h.transactions_root = chain::transactions_root(txns);
        h.receipts_root = keccak256(Uint256{next_number_ + 7}.to_hash().view());
        c.hash = chain::header_hash(h);
        c.accounts = std::move(accounts);
        c.storage = std::move(storage);
        c.code = std::move(code);
        auto r = store_->commit_block(c);
        YAO_ASSERT(r.has_value());
        {
            std::scoped_lock lock{mu_};
            head_ = next_number_;
        }
        pool_.erase_committed(c);
        ++next_number_;
        parent_hash_ = c.hash;
        proto::HeadUpdate update;
        update.number = h.number;
        update.hash = c.hash;
        update.timestamp = h.timestamp;
        fire_heads(update);
        return c;
    }

    Uint256 effective_price(const chain::Transaction& t) const {
        if (t.type == chain::TxType::kLegacy || t.type == chain::TxType::kAccessList) {
            return t.gas_price;
        }
        return std::min(t.max_fee_per_gas, base_fee_ + t.max_priority_fee_per_gas);
    }

    // ---- Backend ------------------------------------------------------------------------------
    uint64_t chain_id() const override { return kChainId; }
    const chain::ForkSchedule& forks() const override { return forks_; }
    chain::ForkSchedule forks_;  ///< Osaka from genesis unless a test sets another
    uint64_t block_gas_limit() const override { return kGasLimit; }
    Uint256 base_fee() const override { return base_fee_; }
    Address coinbase() const override { return coinbase_; }
    uint64_t head_number() const override {
        std::scoped_lock lock{mu_};
        return head_;
    }
    archive::BlockService& blocks() override { return *failing_blocks_; }
    /// Makes the log queries of blocks() fail with `e` (nullopt: heal).
    void fail_log_reads(std::optional<Error> e) { failing_blocks_->fail_logs(std::move(e)); }
    vulcan::StateService& state() override { return *state_; }
    chronos::SequencerService& sequencer() override { return pool_; }
    std::unique_ptr<state::StateView> state_at(uint64_t) override { return nullptr; }

    Result<Hash256> send_raw_transaction(BytesView raw) override {
        YAO_TRY(chain::Transaction txn, chain::decode_transaction(raw));
        YAO_TRY(Address sender, chain::recover_sender(txn));
        return admit({txn, chain::transaction_hash(txn), sender, 0, {}});
    }
    std::vector<Result<Hash256>> send_raw_transactions(std::span<const Bytes> raw) override {
        std::vector<Result<Hash256>> out;
        for (const auto& r : raw) out.push_back(send_raw_transaction(r));
        return out;
    }
    Result<Hash256> send_transaction(proto::SignedTx tx) override {
        {
            std::scoped_lock lock{mu_};
            sent_.push_back(tx);
        }
        return admit(std::move(tx));
    }
    std::unique_ptr<Listener> on_head(std::function<void(const proto::HeadUpdate&)> fn) override {
        return add_listener(heads_, std::move(fn));
    }
    std::unique_ptr<Listener> on_pending(std::function<void(const Hash256&)> fn) override {
        return add_listener(pendings_, std::move(fn));
    }
    std::span<const SigningAccount> accounts() const override { return accounts_; }
    Result<uint64_t> mine(std::optional<uint64_t> timestamp) override {
        mined_timestamps.push_back(timestamp);
        commit({});
        return head_number();
    }
    Result<void> set_next_block_timestamp(uint64_t timestamp) override {
        next_timestamp = timestamp;
        return {};
    }
    Result<uint64_t> increase_time(uint64_t seconds) override { return time_offset += seconds; }

    std::vector<proto::SignedTx> sent() const {
        std::scoped_lock lock{mu_};
        return sent_;
    }

    std::vector<std::optional<uint64_t>> mined_timestamps;
    std::optional<uint64_t> next_timestamp;
    uint64_t time_offset = 0;

private:
    template <typename Arg>
    struct Listeners {
        std::mutex mu;
        uint64_t next = 0;
        std::map<uint64_t, std::function<void(const Arg&)>> fns;
    };
    template <typename Arg>
    class Handle final : public Listener {
    public:
        Handle(Listeners<Arg>& owner, uint64_t id) : owner_{owner}, id_{id} {}
        ~Handle() override {
            std::scoped_lock lock{owner_.mu};
            owner_.fns.erase(id_);
        }

    private:
        Listeners<Arg>& owner_;
        uint64_t id_;
    };
    template <typename Arg>
    std::unique_ptr<Listener> add_listener(Listeners<Arg>& l, std::function<void(const Arg&)> fn) {
        std::scoped_lock lock{l.mu};
        const uint64_t id = ++l.next;
        l.fns.emplace(id, std::move(fn));
        return std::make_unique<Handle<Arg>>(l, id);
    }
    void fire_heads(const proto::HeadUpdate& u) {
        std::scoped_lock lock{heads_.mu};
        for (auto& [id, fn] : heads_.fns) fn(u);
    }
    Result<Hash256> admit(proto::SignedTx tx) {
        const Hash256 hash = tx.hash;
        pool_.add(std::move(tx));
        std::scoped_lock lock{pendings_.mu};
        for (auto& [id, fn] : pendings_.fns) fn(hash);
        return hash;
    }

    /// The pool: a map by hash, every transaction pending.
    class MapPool final : public chronos::SequencerService {
    public:
        explicit MapPool(TestBackend& owner) : owner_{owner} {}
        void add(proto::SignedTx tx) {
            std::scoped_lock lock{mu_};
            txs_[tx.hash] = std::move(tx);
        }
        void erase_committed(const storage::BlockCommit& c) {
            std::scoped_lock lock{mu_};
            for (const auto& tc : c.transactions) txs_.erase(tc.hash);
        }
        Result<Hash256> submit_transaction(proto::SignedTx tx) override {
            return owner_.admit(std::move(tx));
        }
        std::vector<Result<Hash256>> submit_transactions(
            std::vector<proto::SignedTx> txs) override {
            std::vector<Result<Hash256>> out;
            for (auto& tx : txs) out.push_back(submit_transaction(std::move(tx)));
            return out;
        }
        Result<uint64_t> pending_nonce(const Address& addr) override {
            uint64_t nonce = 0;
            YAO_TRY(auto acc, owner_.store_->account(addr));
            if (acc) nonce = acc->nonce;
            std::scoped_lock lock{mu_};
            for (const auto& [h, tx] : txs_)
                if (tx.sender == addr) nonce = std::max(nonce, tx.txn.nonce + 1);
            return nonce;
        }
        Result<std::optional<proto::SignedTx>> pool_transaction(const Hash256& hash) override {
            std::scoped_lock lock{mu_};
            auto it = txs_.find(hash);
            if (it == txs_.end()) return std::optional<proto::SignedTx>{};
            return std::optional{it->second};
        }
        Result<chronos::MempoolContent> pool_content() override {
            std::scoped_lock lock{mu_};
            chronos::MempoolContent c;
            for (const auto& [h, tx] : txs_) c.pending[tx.sender][tx.txn.nonce] = tx;
            return c;
        }
        Result<chronos::MempoolStatus> pool_status() override {
            std::scoped_lock lock{mu_};
            return chronos::MempoolStatus{txs_.size(), 0, 0};
        }
        Result<uint64_t> mine_now() override { return owner_.mine(std::nullopt); }
        Result<void> set_next_timestamp(uint64_t t) override {
            return owner_.set_next_block_timestamp(t);
        }
        Result<void> increase_time(uint64_t seconds) override {
            YAO_TRY_VOID(owner_.increase_time(seconds));
            return {};
        }

    private:
        TestBackend& owner_;
        std::mutex mu_;
        std::map<Hash256, proto::SignedTx> txs_;
    };

    Uint256 base_fee_;
    Address coinbase_;
    std::shared_ptr<storage::ChainStore> store_;
    std::unique_ptr<archive::BlockReader> blocks_;
    std::unique_ptr<test_util::FailingBlocks> failing_blocks_;  ///< over blocks_
    std::unique_ptr<vulcan::StateReader> state_;
    MapPool pool_{*this};
    std::vector<SigningAccount> accounts_;
    mutable std::mutex mu_;
    uint64_t head_ = 0;
    uint64_t next_number_ = 0;
    Hash256 parent_hash_;
    std::vector<proto::SignedTx> sent_;
    Listeners<proto::HeadUpdate> heads_;
    Listeners<Hash256> pendings_;
};

}  // namespace yao::rpc::test
