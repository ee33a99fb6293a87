// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The Portal's cache of the head state: accounts, storage slots and code read at "latest" are
// kept in process (state::L1Cache's policy and bound) instead of being asked from the
// StateService every time (a SQLite query in `yaoverse dev`, a gRPC round trip to YaoVulcan and a
// MariaDB query in a cluster).
//
// Why a kept value is never older than the Portal's own head: the Portal moves its head by the
// head updates of cache-invalidation-topic, one block at a time, and applies each update here
// before its head moves to that block (ServiceBackend). An update drops every account and slot
// its block wrote (storage::AccountChange lists each cleared slot), and one that skips blocks
// (a missed message, two Archives' updates out of order) drops everything. A read that misses
// remembers the cache's epoch before asking the StateService and keeps the answer only if no
// update was applied meanwhile, so an answer read before a write is never kept after the
// write's update. Between a commit and its update a kept value is the state at the Portal's
// head; a value read from the store can be a block newer than that head, as every head read
// without a cache is (the store's current tables), until that block's update drops it.
//
// Code is content addressed (the same bytes under a hash at every block): kept without any
// invalidation. Reads at a given block (not the head) pass through.
#include <atomic>
#include <cstddef>
#include <cstdint>

#include <yao/proto/messages.hpp>
#include <yao/services/vulcan/api/state_service.hpp>
#include <yao/state/oracle.hpp>

namespace yao::portal {

class CachingStateService final : public vulcan::StateService {
public:
    /// Reads through `inner` (which must outlive this), keeping up to `capacity_bytes`.
    CachingStateService(vulcan::StateService& inner, size_t capacity_bytes);

    /// At the head (`at` nullopt): kept; at a block: passed through. Errors are not kept.
    Result<std::optional<state::Account>> account(const Address& addr,
                                                  vulcan::AtBlock at) override;
    Result<Hash256> storage(const Address& addr, const Hash256& slot,
                            vulcan::AtBlock at) override;
    /// Kept when known; an unknown hash (nullopt) and an error are not.
    Result<std::optional<Bytes>> code(const Hash256& code_hash) override;

    /// Applies the update of a block: drops what it wrote, or everything when `contiguous` is
    /// false (the update does not follow the last one applied). Call before the head moves.
    void apply(const proto::HeadUpdate& update, bool contiguous);
    /// Drops everything (an update that could not be read).
    void clear() { cache_.clear(); }

    struct Counters {
        uint64_t hits = 0;
        uint64_t misses = 0;
    };
    /// Head reads (accounts, slots) and code reads answered here or asked from `inner`.
    Counters counters() const noexcept { return {hits_.load(), misses_.load()}; }

private:
    template <typename T, typename Read>
    Result<T> cached(const state::CacheKey& key, Read read);

    vulcan::StateService& inner_;
    state::L1Cache cache_;
    std::atomic<uint64_t> hits_{0};
    std::atomic<uint64_t> misses_{0};
};

}  // namespace yao::portal
