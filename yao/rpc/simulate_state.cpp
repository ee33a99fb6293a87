// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "simulate_state.hpp"

#include <map>
#include <utility>

#include <yao/common/keccak.hpp>

namespace yao::rpc {

// ---- WriteSetView -----------------------------------------------------------------------------

WriteSetView::WriteSetView(state::StateView& below, state::WriteSet changes) : below_{below} {
    for (state::AccountUpdate& u : changes.accounts) {
        Changed& c = accounts_[u.address];
        c.account = u.account;
        c.storage_cleared = u.storage_cleared;
        for (const state::StorageChange& s : u.storage) c.slots[s.key] = s.value;
    }
    for (auto& [hash, code] : changes.new_code) code_[hash] = std::move(code);
}

std::optional<state::Account> WriteSetView::account(const Address& addr) {
    auto it = accounts_.find(addr);
    if (it == accounts_.end()) return below_.account(addr);
    return it->second.account;
}

Hash256 WriteSetView::storage(const Address& addr, const Hash256& key) {
    auto it = accounts_.find(addr);
    if (it == accounts_.end()) return below_.storage(addr, key);
    const Changed& c = it->second;
    if (!c.account) return {};  // deleted: its storage went with it
    if (auto s = c.slots.find(key); s != c.slots.end()) return s->second;
    if (c.storage_cleared) return {};
    return below_.storage(addr, key);
}

Bytes WriteSetView::code(const Hash256& code_hash) {
    if (auto it = code_.find(code_hash); it != code_.end()) return it->second;
    return below_.code(code_hash);
}

bool WriteSetView::has_storage(const Address& addr) {
    auto it = accounts_.find(addr);
    if (it == accounts_.end()) return below_.has_storage(addr);
    const Changed& c = it->second;
    if (!c.account) return false;
    for (const auto& [key, value] : c.slots)
        if (value != Hash256{}) return true;
    if (c.storage_cleared) return false;
    return below_.has_storage(addr);
}

// ---- SimulatedState ---------------------------------------------------------------------------

state::StateView& SimulatedState::begin_block(StateOverrides overrides) {
    if (overrides.empty()) {
        overrides_.push_back(nullptr);
        block_view_ = top_;
        return *block_view_;
    }
    overrides_.push_back(std::make_unique<StateOverrides>(std::move(overrides)));
    layers_.push_back(std::make_unique<OverrideStateView>(*top_, *overrides_.back()));
    block_view_ = layers_.back().get();
    return *block_view_;
}

state::StateDiff SimulatedState::end_block(state::WriteSet changes) {
    // Keys in order, the changes after the overrides they may overwrite.
    std::map<Address, std::optional<state::Account>> accounts;
    std::map<std::pair<Address, Hash256>, Hash256> slots;
    std::map<Hash256, Bytes> code;
    if (const StateOverrides* ov = overrides_.back().get()) {
        for (const auto& [addr, o] : *ov) {
            accounts[addr] = block_view_->account(addr);
            for (const auto* m : {&o.state, &o.state_diff})
                if (*m)
                    for (const auto& [key, value] : **m) slots[{addr, key}] = value;
            if (o.code && !o.code->empty()) code[keccak256(*o.code)] = *o.code;
        }
    }
    for (const state::AccountUpdate& u : changes.accounts) {
        accounts[u.address] = u.account;
        for (const state::StorageChange& s : u.storage)
            slots[{u.address, s.key}] = u.account ? s.value : Hash256{};
    }
    for (const auto& [hash, c] : changes.new_code) code[hash] = c;

    state::StateDiff diff;
    for (auto& [addr, account] : accounts) diff.accounts.push_back({addr, account});
    for (auto& [key, value] : slots) diff.storage.push_back({key.first, key.second, value});
    for (auto& [hash, c] : code) diff.code.push_back({hash, c});
    state::sort_state_diff(diff);

    layers_.push_back(std::make_unique<WriteSetView>(*block_view_, std::move(changes)));
    top_ = layers_.back().get();
    block_view_ = nullptr;
    return diff;
}

}  // namespace yao::rpc
