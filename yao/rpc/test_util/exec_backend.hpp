// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// A small rpc::Backend for the execution and tracing tests: the state of every block kept in
// memory (a MemoryStateView per block), blocks, transactions and receipts in an in-memory SQLite
// store. Blocks are made by mine(), which runs chain::apply_transaction like Vulcan does.
// Senders are given, not recovered: the transactions carry no signatures.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <yao/chain/block.hpp>
#include <yao/chain/processor.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/chain/trie.hpp>
#include <yao/common/assert.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/rpc/backend.hpp>
#include <yao/rpc/types.hpp>
#include <yao/services/archive/block_reader.hpp>
#include <yao/state/state.hpp>
#include <yao/storage/sqlite_store.hpp>

#include "failing_blocks.hpp"

namespace yao::rpc::test_util {

/// A StateView that reads a shared snapshot (so that views outlive nothing they need).
class SnapshotView final : public state::StateView {
public:
    /// `failing`: when it holds an error, code reads fail with it (answered empty and
    /// remembered, as a view over a remote service does).
    explicit SnapshotView(std::shared_ptr<state::MemoryStateView> s,
                          std::optional<Error> failing = std::nullopt)
        : s_{std::move(s)}, failing_{std::move(failing)} {}
    std::optional<state::Account> account(const Address& a) override { return s_->account(a); }
    Hash256 storage(const Address& a, const Hash256& k) override { return s_->storage(a, k); }
    Bytes code(const Hash256& h) override {
        if (failing_) {
            if (!failed_) failed_ = failing_;
            return {};
        }
        return s_->code(h);
    }
    bool has_storage(const Address& a) override { return s_->has_storage(a); }
    std::optional<Error> read_error() const override { return failed_; }

private:
    std::shared_ptr<state::MemoryStateView> s_;
    std::optional<Error> failing_;
    std::optional<Error> failed_;
};

/// A pool that holds nothing and refuses transactions (the execution tests submit none).
class NoPool final : public chronos::SequencerService {
public:
    Result<Hash256> submit_transaction(proto::SignedTx) override { return refuse(); }
    std::vector<Result<Hash256>> submit_transactions(std::vector<proto::SignedTx> txs) override {
        return std::vector<Result<Hash256>>(txs.size(), refuse());
    }
    Result<uint64_t> pending_nonce(const Address&) override { return 0; }
    Result<std::optional<proto::SignedTx>> pool_transaction(const Hash256&) override {
        return std::optional<proto::SignedTx>{};
    }
    Result<chronos::MempoolContent> pool_content() override { return chronos::MempoolContent{}; }
    Result<chronos::MempoolStatus> pool_status() override { return chronos::MempoolStatus{}; }
    Result<uint64_t> mine_now() override { return refuse(); }
    Result<void> set_next_timestamp(uint64_t) override { return refuse(); }
    Result<void> increase_time(uint64_t) override { return refuse(); }

private:
    static std::unexpected<Error> refuse() {
        return std::unexpected(Error{std::make_error_code(std::errc::operation_not_supported),
                                     "no pool in this test"});
    }
};

/// The state of every block from in-memory snapshots (`at` beyond the last: the last).
class SnapshotStates final : public vulcan::StateService {
public:
    explicit SnapshotStates(const std::vector<std::shared_ptr<state::MemoryStateView>>& s)
        : snapshots_{s} {}
    Result<std::optional<state::Account>> account(const Address& a, vulcan::AtBlock at) override {
        return view(at).account(a);
    }
    Result<Hash256> storage(const Address& a, const Hash256& slot, vulcan::AtBlock at) override {
        return view(at).storage(a, slot);
    }
    Result<std::optional<Bytes>> code(const Hash256& h) override {
        return std::optional{view(std::nullopt).code(h)};
    }

private:
    state::MemoryStateView& view(vulcan::AtBlock at) {
        const size_t i = at && *at < snapshots_.size() ? *at : snapshots_.size() - 1;
        return *snapshots_[i];
    }
    const std::vector<std::shared_ptr<state::MemoryStateView>>& snapshots_;
};

class ExecTestBackend final : public Backend {
public:
    static constexpr uint64_t kChainId = 1337;
    static constexpr uint64_t kGasLimit = 30'000'000;

    /// `genesis` is the state of block 0; `base_fee` the (constant) base fee of every block.
    explicit ExecTestBackend(state::MemoryStateView genesis, Uint256 base_fee = Uint256{7},
                             uint64_t chain_id = kChainId)
        : chain_id_{chain_id}, base_fee_{base_fee} {
        auto store = storage::make_sqlite_store({});
        YAO_ASSERT(store.has_value());
        store_ = std::move(*store);
        blocks_ = std::make_unique<archive::BlockReader>(store_);
        failing_blocks_ = std::make_unique<FailingBlocks>(*blocks_);
        snapshots_.push_back(std::make_shared<state::MemoryStateView>(std::move(genesis)));
        commit({}, {});
    }

    /// Executes `txs` (transaction, sender) as the next block and commits it. Invalid
    /// transactions are left out. Returns the results of the included ones.
    std::vector<chain::TxResult> mine(
        const std::vector<std::pair<chain::Transaction, Address>>& txs) {
        auto post = std::make_shared<state::MemoryStateView>(*snapshots_.back());
        SnapshotView pre{snapshots_.back()};
        state::State st{pre};
        chain::BlockEnv env = next_env();
        std::vector<chain::TxResult> results;
        std::vector<storage::TransactionCommit> commits;
        uint64_t cumulative = 0;
        for (const auto& [txn, sender] : txs) {
            auto r = chain::apply_transaction(st, env, txn, sender, evm::Revision::kCancun);
            if (!r) {
                last_error_ += r.error().message() + "; ";
                continue;
            }
            cumulative += r->gas_used;
            storage::TransactionCommit c;
            c.txn = txn;
            c.hash = chain::transaction_hash(txn);
            c.sender = sender;
            c.receipt = r->receipt;
            c.receipt.cumulative_gas_used = cumulative;
            c.gas_used = r->gas_used;
            c.effective_gas_price = chain::effective_gas_price(txn, env.base_fee);
            c.contract_address = r->created_address;
            commits.push_back(std::move(c));
            results.push_back(std::move(*r));
        }
        state::apply_write_set(*post, st.write_set());
        snapshots_.push_back(std::move(post));
        commit(std::move(commits), cumulative);
        return results;
    }

    /// The block environment of the next block (as mine() uses it).
    chain::BlockEnv next_env() const {
        chain::BlockEnv env;
        env.number = snapshots_.size();
        env.timestamp = 1'700'000'000 + env.number * 2;
        env.coinbase = coinbase();
        env.gas_limit = kGasLimit;
        env.prev_randao = keccak256(Bytes(1, static_cast<uint8_t>(env.number)));
        env.base_fee = base_fee_;
        env.chain_id = chain_id_;
        return env;
    }

    uint64_t chain_id() const override { return chain_id_; }
    const chain::ForkSchedule& forks() const override { return forks_; }
    chain::ForkSchedule forks_;  ///< Osaka from genesis unless a test sets another
    uint64_t block_gas_limit() const override { return kGasLimit; }
    Uint256 base_fee() const override { return base_fee_; }
    Address coinbase() const override {
        Address a;
        a[0] = 0xc0;
        a[19] = 0x1b;
        return a;
    }
    uint64_t head_number() const override { return snapshots_.size() - 1; }
    archive::BlockService& blocks() override { return *failing_blocks_; }
    /// Makes the header reads of the blocks below `below` fail with `e` (nullopt: heal).
    void fail_header_reads_below(uint64_t below, std::optional<Error> e) {
        failing_blocks_->fail_headers_below(below, std::move(e));
    }
    vulcan::StateService& state() override { return states_; }
    chronos::SequencerService& sequencer() override { return pool_; }
    std::unique_ptr<state::StateView> state_at(uint64_t number) override {
        if (number >= snapshots_.size()) return nullptr;
        return std::make_unique<SnapshotView>(snapshots_[number], failing_reads_);
    }
    /// Makes the code reads of the views handed out from now on fail with `e` (nullopt: heal).
    void fail_code_reads(std::optional<Error> e) { failing_reads_ = std::move(e); }

    Result<Hash256> send_raw_transaction(BytesView) override { return Hash256{}; }
    std::vector<Result<Hash256>> send_raw_transactions(std::span<const Bytes>) override {
        return {};
    }
    Result<Hash256> send_transaction(proto::SignedTx) override { return Hash256{}; }
    std::unique_ptr<Listener> on_head(std::function<void(const proto::HeadUpdate&)>) override {
        return nullptr;
    }
    std::unique_ptr<Listener> on_pending(std::function<void(const Hash256&)>) override {
        return nullptr;
    }
    std::span<const SigningAccount> accounts() const override { return {}; }
    Result<uint64_t> mine(std::optional<uint64_t>) override { return head_number(); }
    Result<void> set_next_block_timestamp(uint64_t) override { return {}; }
    Result<uint64_t> increase_time(uint64_t) override { return 0; }

private:
    uint64_t chain_id_;
    std::optional<Error> failing_reads_;
    void commit(std::vector<storage::TransactionCommit> txs, uint64_t gas_used) {
        const chain::BlockEnv env = next_env();
        storage::BlockCommit c;
        c.header.parent_hash = parent_hash_;
        c.header.coinbase = env.coinbase;
        c.header.number = snapshots_.size() - 1;
        c.header.gas_limit = kGasLimit;
        c.header.gas_used = gas_used;
        c.header.timestamp = 1'700'000'000 + c.header.number * 2;
        c.header.prev_randao = keccak256(Bytes(1, static_cast<uint8_t>(c.header.number)));
        c.header.base_fee_per_gas = base_fee_;
        c.header.withdrawals_root = chain::kEmptyTrieRoot;
        c.header.blob_gas_used = 0;
        c.header.excess_blob_gas = 0;
        // The roots and the bloom as a real block has them (debug_getRaw* tests check them).
        std::vector<chain::Transaction> txns;
        std::vector<Bytes> receipts;
        for (const auto& t : txs) {
            txns.push_back(t.txn);
            receipts.push_back(chain::encode_receipt(t.receipt));
            chain::bloom_merge(c.header.logs_bloom, t.receipt.logs_bloom);
        }
        c.header.transactions_root = chain::transactions_root(txns);
        c.header.receipts_root = chain::ordered_trie_root(receipts);
        c.hash = chain::header_hash(c.header);
        c.transactions = std::move(txs);
        auto r = store_->commit_block(c);
        YAO_ASSERT(r.has_value());
        parent_hash_ = c.hash;
    }

public:
    /// Why the last transaction mine() left out was invalid.
    std::string last_error_;

private:
    Uint256 base_fee_;
    std::shared_ptr<storage::ChainStore> store_;
    std::unique_ptr<archive::BlockReader> blocks_;
    std::unique_ptr<FailingBlocks> failing_blocks_;
    std::vector<std::shared_ptr<state::MemoryStateView>> snapshots_;
    SnapshotStates states_{snapshots_};
    NoPool pool_;
    Hash256 parent_hash_;
};

/// A session that is never a WebSocket and takes no notifications.
class NullSession final : public Session {
public:
    uint64_t id() const override { return 1; }
    bool is_websocket() const override { return false; }
    bool push(std::string) override { return false; }
    void on_close(std::function<void()>) override {}
};

/// Bytes from hex text the test wrote (a failure to parse fails the test).
inline Bytes hex(std::string_view s) {
    auto b = from_hex(s);
    EXPECT_TRUE(b.has_value()) << s;
    return b.value_or(Bytes{});
}

/// `v` as a 32-byte ABI word in hex, without 0x.
inline std::string word(uint64_t v) {
    std::string s = Uint256{v}.to_hex().substr(2);
    return std::string(64 - s.size(), '0') + s;
}

}  // namespace yao::rpc::test_util
