// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "state_view.hpp"

#include <yao/common/assert.hpp>
#include <yao/common/keccak.hpp>

namespace yao::state {

std::optional<Account> MemoryStateView::account(const Address& addr) {
    const auto it = accounts_.find(addr);
    if (it == accounts_.end()) return std::nullopt;
    return it->second.account;
}

Hash256 MemoryStateView::storage(const Address& addr, const Hash256& key) {
    const auto it = accounts_.find(addr);
    if (it == accounts_.end()) return {};
    const auto slot = it->second.storage.find(key);
    return slot == it->second.storage.end() ? Hash256{} : slot->second;
}

Bytes MemoryStateView::code(const Hash256& code_hash) {
    const auto it = codes_.find(code_hash);
    return it == codes_.end() ? Bytes{} : it->second;
}

bool MemoryStateView::has_storage(const Address& addr) {
    const auto it = accounts_.find(addr);
    return it != accounts_.end() && !it->second.storage.empty();
}

void MemoryStateView::set_account(const Address& addr, const Account& account) {
    accounts_[addr].account = account;
}

void MemoryStateView::remove_account(const Address& addr) {
    accounts_.erase(addr);
}

void MemoryStateView::set_storage(const Address& addr, const Hash256& key, const Hash256& value) {
    const auto it = accounts_.find(addr);
    YAO_ASSERT(it != accounts_.end());
    if (value.is_zero())
        it->second.storage.erase(key);
    else
        it->second.storage[key] = value;
}

void MemoryStateView::clear_storage(const Address& addr) {
    const auto it = accounts_.find(addr);
    if (it != accounts_.end()) it->second.storage.clear();
}

Hash256 MemoryStateView::add_code(BytesView code) {
    const Hash256 hash = keccak256(code);
    if (!code.empty()) codes_.try_emplace(hash, Bytes{code});
    return hash;
}

void MemoryStateView::set_account_with_code(const Address& addr, uint64_t nonce,
                                            const Uint256& balance, BytesView code) {
    set_account(addr, Account{nonce, balance, add_code(code)});
}

}  // namespace yao::state
