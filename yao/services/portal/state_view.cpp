// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "state_view.hpp"

namespace yao::portal {

std::optional<state::Account> StateServiceView::account(const Address& addr) {
    auto r = service_.account(addr, at_);
    if (!r) {
        if (!error_) error_ = r.error();
        return std::nullopt;
    }
    return *r;
}

Hash256 StateServiceView::storage(const Address& addr, const Hash256& key) {
    auto r = service_.storage(addr, key, at_);
    if (!r) {
        if (!error_) error_ = r.error();
        return {};
    }
    return *r;
}

Bytes StateServiceView::code(const Hash256& code_hash) {
    if (code_hash == state::kEmptyCodeHash) return {};
    auto r = service_.code(code_hash);
    if (!r) {
        if (!error_) error_ = r.error();
        return {};
    }
    return r->value_or(Bytes{});
}

bool StateServiceView::has_storage(const Address&) {
    // StateService cannot tell cheaply; only the EIP-7610 creation collision rule asks, and an
    // address with storage but no nonce and no code does not occur on this chain.
    return false;
}

}  // namespace yao::portal
