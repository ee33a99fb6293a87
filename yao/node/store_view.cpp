// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "store_view.hpp"

namespace yao::node {

std::optional<state::Account> StoreStateView::account(const Address& addr) {
    auto r = at_ ? store_.account_at(addr, *at_) : store_.account(addr);
    if (!r) {
        if (!error_) error_ = r.error();
        return std::nullopt;
    }
    return *r;
}

Hash256 StoreStateView::storage(const Address& addr, const Hash256& key) {
    auto r = at_ ? store_.storage_at(addr, key, *at_) : store_.storage(addr, key);
    if (!r) {
        if (!error_) error_ = r.error();
        return {};
    }
    return *r;
}

Bytes StoreStateView::code(const Hash256& code_hash) {
    if (code_hash == state::kEmptyCodeHash) return {};
    auto r = store_.code(code_hash);
    if (!r) {
        if (!error_) error_ = r.error();
        return {};
    }
    return r->value_or(Bytes{});
}

bool StoreStateView::has_storage(const Address&) {
    // The store cannot tell cheaply; only the EIP-7610 creation collision rule asks, and an
    // address with storage but no nonce and no code does not occur on this chain.
    return false;
}

}  // namespace yao::node
