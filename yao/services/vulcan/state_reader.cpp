// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "state_reader.hpp"

namespace yao::vulcan {

Result<std::optional<state::Account>> StateReader::account(const Address& addr, AtBlock at) {
    return at ? store_->account_at(addr, *at) : store_->account(addr);
}

Result<Hash256> StateReader::storage(const Address& addr, const Hash256& slot, AtBlock at) {
    return at ? store_->storage_at(addr, slot, *at) : store_->storage(addr, slot);
}

Result<std::optional<Bytes>> StateReader::code(const Hash256& code_hash) {
    return store_->code(code_hash);
}

}  // namespace yao::vulcan
