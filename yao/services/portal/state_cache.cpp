// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "state_cache.hpp"

#include <utility>
#include <variant>
#include <vector>

namespace yao::portal {

CachingStateService::CachingStateService(vulcan::StateService& inner, size_t capacity_bytes)
    : inner_{inner}, cache_{state::L1Cache::Options{capacity_bytes, 16}} {}

template <typename T, typename Read>
Result<T> CachingStateService::cached(const state::CacheKey& key, Read read) {
    if (auto hit = cache_.get(key)) {
        if (const T* value = std::get_if<T>(&hit->value)) {
            hits_.fetch_add(1, std::memory_order_relaxed);
            return *value;
        }
    }
    misses_.fetch_add(1, std::memory_order_relaxed);
    // Before the read: an update applied while it runs makes the answer unfit to keep.
    const uint64_t epoch = cache_.epoch();
    YAO_TRY(T value, read());
    cache_.put(key, state::CacheValue{value, 0}, epoch);
    return value;
}

Result<std::optional<state::Account>> CachingStateService::account(const Address& addr,
                                                                   vulcan::AtBlock at) {
    if (at) return inner_.account(addr, at);
    return cached<state::AccountValue>(state::CacheKey::account(addr),
                                       [&] { return inner_.account(addr, std::nullopt); });
}

Result<Hash256> CachingStateService::storage(const Address& addr, const Hash256& slot,
                                             vulcan::AtBlock at) {
    if (at) return inner_.storage(addr, slot, at);
    return cached<Hash256>(state::CacheKey::storage(addr, slot),
                           [&] { return inner_.storage(addr, slot, std::nullopt); });
}

Result<std::optional<Bytes>> CachingStateService::code(const Hash256& code_hash) {
    const state::CacheKey key = state::CacheKey::code(code_hash);
    if (auto hit = cache_.get(key)) {
        if (Bytes* code = std::get_if<Bytes>(&hit->value)) {
            hits_.fetch_add(1, std::memory_order_relaxed);
            return std::optional<Bytes>{std::move(*code)};
        }
    }
    misses_.fetch_add(1, std::memory_order_relaxed);
    YAO_TRY(std::optional<Bytes> code, inner_.code(code_hash));
    if (code) cache_.put(key, state::CacheValue{*code, 0});
    return code;
}

void CachingStateService::apply(const proto::HeadUpdate& update, bool contiguous) {
    if (!contiguous) {
        cache_.clear();
        return;
    }
    std::vector<state::CacheKey> keys;
    keys.reserve(update.accounts.size() + update.storage.size());
    for (const Address& a : update.accounts) keys.push_back(state::CacheKey::account(a));
    for (const auto& s : update.storage) keys.push_back(state::CacheKey::storage(s.address, s.slot));
    cache_.invalidate(keys);
}

}  // namespace yao::portal
