// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "analysis.hpp"

#include <array>
#include <atomic>
#include <cstring>
#include <deque>
#include <mutex>
#include <unordered_map>

#include "opcodes.hpp"

namespace yao::evm {

CodeAnalysis::CodeAnalysis(BytesView code)
    : size_(code.size()),
      storage_(new uint8_t[code.size() + kPadding]),
      bitmap_(new uint64_t[code.size() / 64 + 1]()) {
    if (!code.empty()) std::memcpy(storage_.get(), code.data(), code.size());
    std::memset(storage_.get() + code.size(), 0, kPadding);

    const uint8_t* p = storage_.get();
    for (size_t i = 0; i < size_; ++i) {
        const uint8_t op = p[i];
        if (op == OP_JUMPDEST) {
            bitmap_[i / 64] |= uint64_t{1} << (i % 64);
        } else if (op >= OP_PUSH1 && op <= OP_PUSH32) {
            i += static_cast<size_t>(op - OP_PUSH1 + 1);  // skip the immediate data
        }
    }
}

size_t CodeAnalysis::footprint() const noexcept {
    return sizeof(*this) + size_ + kPadding + (size_ / 64 + 1) * sizeof(uint64_t);
}

namespace {

// The cache: a fixed number of shards, each a map under its own mutex, each bounded in bytes.
// Entries are evicted in insertion order (code that stays hot is re-inserted after eviction at
// the cost of one analysis). The shard is chosen by hash bytes that the map does not use.
constexpr size_t kShards = 16;
constexpr size_t kShardBudget = 4u << 20;  // 4 MiB per shard, 64 MiB in all

struct Shard {
    std::mutex mutex;
    std::unordered_map<Hash256, std::shared_ptr<const CodeAnalysis>> map;  // guarded by mutex
    std::deque<Hash256> order;  // insertion order, guarded by mutex
    size_t bytes = 0;           // guarded by mutex
};

std::array<Shard, kShards>& shards() {
    static std::array<Shard, kShards> instance;
    return instance;
}

Shard& shard_for(const Hash256& h) {
    return shards()[h[0] % kShards];
}

// In front of the shared cache, each thread keeps a small direct-mapped cache of the analyses it
// used last, so that hot code (a token called in a loop, a call chain) is found without the
// shard's mutex. clear_analysis_cache() bumps the generation, which invalidates every thread's
// entries at their next lookup.
constexpr size_t kLocalEntries = 64;

struct LocalEntry {
    Hash256 hash;
    uint64_t generation = 0;
    std::shared_ptr<const CodeAnalysis> analysis;
};

std::atomic<uint64_t> g_generation{1};  // relaxed: a stale hit is still a correct analysis

thread_local std::array<LocalEntry, kLocalEntries> t_local;

/// The shared-cache lookup (and insertion) behind the thread-local one.
std::shared_ptr<const CodeAnalysis> analyze_shared(BytesView code, const Hash256& hash) {
    Shard& shard = shard_for(hash);
    {
        std::scoped_lock lock(shard.mutex);
        if (auto it = shard.map.find(hash); it != shard.map.end()) return it->second;
    }
    // Analyse outside the lock; two threads may race on the same code, the first insert wins.
    auto fresh = std::make_shared<const CodeAnalysis>(code);
    const size_t cost = fresh->footprint();
    if (cost > kShardBudget) return fresh;  // larger than the budget: do not cache

    std::scoped_lock lock(shard.mutex);
    auto [it, inserted] = shard.map.try_emplace(hash, fresh);
    if (!inserted) return it->second;
    shard.order.push_back(hash);
    shard.bytes += cost;
    while (shard.bytes > kShardBudget && !shard.order.empty()) {
        const auto victim = shard.map.find(shard.order.front());
        shard.order.pop_front();
        if (victim == shard.map.end()) continue;
        shard.bytes -= victim->second->footprint();
        shard.map.erase(victim);
    }
    return fresh;
}

}  // namespace

std::shared_ptr<const CodeAnalysis> analyze(BytesView code, const Hash256* code_hash) {
    if (code_hash == nullptr) return std::make_shared<const CodeAnalysis>(code);

    const uint64_t generation = g_generation.load(std::memory_order_relaxed);
    LocalEntry& local = t_local[(*code_hash)[1] % kLocalEntries];
    if (local.generation == generation && local.hash == *code_hash) return local.analysis;
    auto analysis = analyze_shared(code, *code_hash);
    local = LocalEntry{*code_hash, generation, analysis};
    return analysis;
}

void clear_analysis_cache() noexcept {
    g_generation.fetch_add(1, std::memory_order_relaxed);
    for (Shard& shard : shards()) {
        std::scoped_lock lock(shard.mutex);
        shard.map.clear();
        shard.order.clear();
        shard.bytes = 0;
    }
}

}  // namespace yao::evm
