// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "header_cache.hpp"

namespace yao::portal {

HeaderCachingBlockService::HeaderCachingBlockService(archive::BlockService& inner, size_t capacity)
    : ForwardingBlockService{inner}, capacity_{capacity == 0 ? 1 : capacity} {}

template <typename Index, typename Key>
std::optional<storage::StoredBlock> HeaderCachingBlockService::find(Index& index, const Key& key) {
    std::scoped_lock lock{mu_};
    auto it = index.find(key);
    if (it == index.end()) {
        ++misses_;
        return std::nullopt;
    }
    ++hits_;
    lru_.splice(lru_.begin(), lru_, it->second);
    return *it->second;
}

void HeaderCachingBlockService::keep(const storage::StoredBlock& header) {
    std::scoped_lock lock{mu_};
    if (by_number_.contains(header.header.number)) return;
    lru_.push_front(header);
    by_number_[header.header.number] = lru_.begin();
    by_hash_[header.hash] = lru_.begin();
    while (lru_.size() > capacity_) {
        by_number_.erase(lru_.back().header.number);
        by_hash_.erase(lru_.back().hash);
        lru_.pop_back();
    }
}

Result<std::optional<storage::StoredBlock>> HeaderCachingBlockService::header_by_number(
    uint64_t number) {
    if (auto hit = find(by_number_, number)) return hit;
    YAO_TRY(auto header, inner_.header_by_number(number));
    if (header) keep(*header);
    return header;
}

Result<std::optional<storage::StoredBlock>> HeaderCachingBlockService::header_by_hash(
    const Hash256& hash) {
    if (auto hit = find(by_hash_, hash)) return hit;
    YAO_TRY(auto header, inner_.header_by_hash(hash));
    if (header) keep(*header);
    return header;
}

size_t HeaderCachingBlockService::hits() const {
    std::scoped_lock lock{mu_};
    return hits_;
}

size_t HeaderCachingBlockService::misses() const {
    std::scoped_lock lock{mu_};
    return misses_;
}

}  // namespace yao::portal
