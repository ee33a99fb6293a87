// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "block_executor.hpp"

#include <optional>

#include <utility>
#include <vector>

#include <yao/chain/block.hpp>
#include <yao/chain/errc.hpp>
#include <yao/chain/processor.hpp>
#include <yao/chain/receipt.hpp>
#include <yao/chain/system_contracts.hpp>
#include <yao/chain/trie.hpp>
#include <yao/common/assert.hpp>
#include <yao/common/keccak.hpp>
#include <yao/state/state.hpp>
#include <yao/state/state_diff.hpp>

#include "history.hpp"

namespace yao::execution {
namespace {

/// Sits between the State and the pre-state view and keeps the coinbase's priority fees apart
/// until something reads the coinbase account.
class CoinbaseDeferral final : public state::StateView, public chain::FeeSink {
public:
    CoinbaseDeferral(state::StateView& inner, const Address& coinbase)
        : inner_{inner}, coinbase_{coinbase} {}

    std::optional<state::Account> account(const Address& addr) override {
        if (addr != coinbase_ || observed_) return inner_.account(addr);
        observed_ = true;
        std::optional<state::Account> a = inner_.account(addr);
        if (!pending_.is_zero()) {
            if (!a) a = state::Account{};
            a->balance += pending_;
            folded_ = std::exchange(pending_, Uint256{});
        }
        return a;
    }
    Hash256 storage(const Address& addr, const Hash256& key) override {
        return inner_.storage(addr, key);
    }
    Bytes code(const Hash256& code_hash) override { return inner_.code(code_hash); }
    bool has_storage(const Address& addr) override { return inner_.has_storage(addr); }

    bool defer(const Uint256& amount) override {
        if (observed_) return false;
        pending_ += amount;
        return true;
    }

    bool observed() const noexcept { return observed_; }
    /// Fees deferred before the first read and then folded into the value that read returned.
    const Uint256& folded() const noexcept { return folded_; }
    /// Fees still deferred (none once the coinbase was read).
    const Uint256& pending() const noexcept { return pending_; }

private:
    state::StateView& inner_;
    Address coinbase_;
    Uint256 pending_;
    Uint256 folded_;
    bool observed_ = false;
};

std::string drop_reason(const Error& e) {
    if (e.code().category() == chain::chain_category()) {
        if (const char* m = chain::geth_message(static_cast<chain::Errc>(e.code().value())))
            return m;
    }
    return e.message();
}

proto::StateDiff to_diff(const state::WriteSet& ws) {
    proto::StateDiff diff;
    diff.accounts.reserve(ws.accounts.size());
    for (const state::AccountUpdate& u : ws.accounts) {
        diff.accounts.push_back({u.address, u.account});
        // The write set lists every slot whose value differs from the view's; a cleared
        // storage (an account created and destroyed in one transaction, EIP-6780) only ever
        // held slots written in this block, and those are listed with their final value.
        for (const state::StorageChange& c : u.storage)
            diff.storage.push_back({u.address, c.key, u.account ? c.value : Hash256{}});
    }
    for (const auto& [hash, code] : ws.new_code) diff.code.push_back({hash, code});
    state::sort_state_diff(diff);
    return diff;
}

/// A development node's patch (chain/state_patch.hpp), before the block's first transaction.
void apply_patch(state::State& st, const chain::StatePatch& patch) {
    for (const chain::AccountPatch& a : patch.accounts) {
        // Never touched (EIP-161), so never deleted: an account a patch leaves empty stays, an
        // empty account (which the EVM cannot tell from an absent one), and the slots the patch
        // clears are written as such.
        if (!st.exists(a.address)) st.set_nonce(a.address, 0);
        if (a.balance) st.set_balance_untouched(a.address, *a.balance);
        if (a.nonce) st.set_nonce(a.address, *a.nonce);
        if (a.code) st.set_code(a.address, *a.code);
        if (a.address == chain::history_storage_address()) continue;  // chain::normalize
        for (const auto& [slot, value] : a.storage) st.set_storage(a.address, slot, value);
    }
    st.finalize_transaction();
}

}  // namespace

Result<proto::ExecutionResult> execute_block(const proto::Proposal& proposal,
                                             state::StateView& view,
                                             const BlockHashReader& block_hashes,
                                             const chain::ChainRules& rules) {
    proto::ExecutionResult out;
    out.proposal = proposal;

    // The EVM cannot stop on a failed read: it sees an unknown block, and the first failure
    // fails the whole execution below.
    std::optional<Error> hash_error;
    auto read_hash = [&](uint64_t n) -> std::optional<Hash256> {
        if (!block_hashes) return std::nullopt;
        auto h = block_hashes(n);
        if (!h) {
            if (!hash_error) hash_error = std::move(h).error();
            return std::nullopt;
        }
        return *h;
    };

    // EIP-2935: the history contract's ring as the block's system call leaves it.
    std::optional<HistoryView> history;
    if (stores_parent_hash(rules.forks, proposal.number, proposal.timestamp))
        history.emplace(view, proposal.number, read_hash, out.history_reads);
    CoinbaseDeferral deferral{history ? static_cast<state::StateView&>(*history) : view,
                              proposal.coinbase};
    state::State st{deferral};

    chain::BlockEnv env;
    env.number = proposal.number;
    env.timestamp = proposal.timestamp;
    env.coinbase = proposal.coinbase;
    env.gas_limit = proposal.gas_limit;
    env.prev_randao = proposal.prev_randao;
    env.base_fee = proposal.base_fee;
    env.excess_blob_gas = 0;
    env.chain_id = rules.chain_id;
    const evm::Revision rev = rules.forks.at(proposal.timestamp);
    env.fee_sink = &deferral;
    env.block_hash = [&](uint64_t n) {
        std::optional<Hash256> h = read_hash(n);
        out.block_hash_reads.push_back({n, h.value_or(Hash256{})});
        return h.value_or(Hash256{});
    };

    if (!proposal.patch.accounts.empty()) apply_patch(st, proposal.patch);

    std::vector<chain::Transaction> included;
    std::vector<Bytes> receipts;
    included.reserve(proposal.txs.size());
    receipts.reserve(proposal.txs.size());
    uint64_t cumulative = 0;
    for (size_t i = 0; i < proposal.txs.size(); ++i) {
        const proto::SignedTx& tx = proposal.txs[i];
        auto drop = [&](std::string reason) {
            out.dropped.push_back({tx.hash, tx.sender, tx.txn.nonce, std::move(reason)});
        };
        if (tx.txn.type == chain::TxType::kBlob) {
            drop("transaction type not supported");
            continue;
        }
        if (tx.txn.gas_limit > proposal.gas_limit - cumulative) {
            drop("gas limit reached");
            continue;
        }
        auto applied = chain::apply_transaction(st, env, tx.txn, tx.sender, rev);
        if (!applied) {
            drop(drop_reason(applied.error()));
            continue;
        }
        cumulative += applied->gas_used;
        proto::ExecutedTx e;
        e.tx_index = static_cast<uint32_t>(i);
        e.receipt = std::move(applied->receipt);
        e.receipt.cumulative_gas_used = cumulative;
        e.gas_used = applied->gas_used;
        e.effective_gas_price = chain::effective_gas_price(tx.txn, proposal.base_fee);
        e.contract_address = applied->created_address;
        chain::bloom_merge(out.logs_bloom, e.receipt.logs_bloom);
        receipts.push_back(chain::encode_receipt(e.receipt));
        included.push_back(tx.txn);
        out.txs.push_back(std::move(e));
    }
    out.gas_used = cumulative;
    out.transactions_root = chain::transactions_root(included);
    out.receipts_root = chain::ordered_trie_root(receipts);

    state::WriteSet ws = st.write_set();
    if (deferral.observed() && !deferral.folded().is_zero()) {
        // The coinbase was read after fees had been deferred: the value it read includes them,
        // so the block must write it even if nothing else changed it.
        bool listed = false;
        for (const auto& u : ws.accounts) listed = listed || u.address == proposal.coinbase;
        if (!listed) {
            ws.accounts.push_back({proposal.coinbase, st.account(proposal.coinbase), false, {}});
        }
    }
    out.diff = to_diff(ws);
    out.coinbase_fee = deferral.pending();
    if (hash_error) return std::unexpected(std::move(*hash_error));
    return out;
}

Hash256 result_digest(const proto::ExecutionResult& result) {
    auto encoded = state::encode_state_diff(result.diff);
    YAO_ASSERT(encoded.has_value());  // execute_block builds sorted, unique diffs
    Bytes buf = std::move(*encoded);
    uint8_t fee[32];
    result.coinbase_fee.to_be_bytes(fee);
    buf.append(fee, sizeof fee);
    return keccak256(buf);
}

}  // namespace yao::execution
