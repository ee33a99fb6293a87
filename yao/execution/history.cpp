// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "history.hpp"

namespace yao::execution {

Hash256 history_slot(uint64_t number) noexcept {
    return Uint256{number % kHistoryServeWindow}.to_hash();
}

bool stores_parent_hash(const chain::ForkSchedule& forks, uint64_t number,
                        uint64_t timestamp) noexcept {
    return number >= 1 && forks.includes(evm::Revision::kPrague) &&
           forks.at(timestamp) >= evm::Revision::kPrague;
}

Hash256 HistoryView::storage(const Address& addr, const Hash256& key) {
    const Uint256 slot = Uint256::from_hash(key);
    if (addr != chain::history_storage_address() || number_ == 0 ||
        slot >= Uint256{kHistoryServeWindow})
        return inner_.storage(addr, key);
    const uint64_t k = slot.low64();
    const uint64_t last = number_ - 1;
    if (last < k) return inner_.storage(addr, key);  // no block has used the slot yet
    const uint64_t b = last - (last - k) % kHistoryServeWindow;  // the newest block in it
    // Block b + 1 wrote the slot at its commit: once it is committed, `inner` has the value.
    if (b != last && hashes_(b + 1)) return inner_.storage(addr, key);
    const Hash256 value = hashes_(b).value_or(Hash256{});
    reads_.push_back({k, value});
    return value;
}

}  // namespace yao::execution
