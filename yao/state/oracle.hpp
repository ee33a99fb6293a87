// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// YaoOracle (DESIGN.md section 5): the state view every execution node reads through.
//
//   EVM -> Oracle (StateView, records the read set) -> L1Cache (in process)
//                                                  -> VersionedSource L2 (Redis)
//                                                  -> VersionedSource L3 (ChainStore)
//
// Every value carries its version: the number of the block that last wrote it. Versions travel
// through every level unchanged, so the read set an execution reports is exactly what the
// optimistic concurrency check of DESIGN.md section 2 needs. This header has no I/O: the Redis
// and database levels live in yao/storage and implement VersionedSource.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/state/state_view.hpp>

namespace yao::state {

/// A storage slot of an account.
struct SlotKey {
    Address address;
    Hash256 slot;
    friend bool operator==(const SlotKey&, const SlotKey&) = default;
    friend auto operator<=>(const SlotKey&, const SlotKey&) = default;
};

/// A value with the number of the block that last wrote it (0: never written after genesis).
template <typename T>
struct VersionedValue {
    T value{};
    uint64_t version = 0;
    friend bool operator==(const VersionedValue&, const VersionedValue&) = default;
};

/// The answer of a batched read: one entry per key asked, in order. nullopt means "this level
/// does not know the key" (a cache miss, or code with an unknown hash). `head` is the block the
/// values were read at when the level knows it (the database), nullopt for caches.
template <typename T>
struct VersionedBatch {
    std::optional<uint64_t> head;
    std::vector<std::optional<VersionedValue<T>>> values;
};

/// An account value as the levels carry it: nullopt is "does not exist" (a cacheable fact).
using AccountValue = std::optional<Account>;

/// Values for `VersionedSource::put_if_newer`. Code is content addressed: its version is 0.
struct CacheFill {
    std::vector<std::pair<Address, VersionedValue<AccountValue>>> accounts;
    std::vector<std::pair<SlotKey, VersionedValue<Hash256>>> storage;
    std::vector<std::pair<Hash256, Bytes>> code;
    bool empty() const noexcept { return accounts.empty() && storage.empty() && code.empty(); }
};

/// One level below L1 (Redis, the database). Each call is one batched request: one round trip
/// or one query set, whatever the number of keys. Implementations say whether they are
/// thread-safe; the Oracle serialises nothing, so a source shared by Oracles on several threads
/// must be.
class VersionedSource {
public:
    virtual ~VersionedSource() = default;

    virtual Result<VersionedBatch<AccountValue>> accounts(std::span<const Address> addrs) = 0;
    virtual Result<VersionedBatch<Hash256>> storage(std::span<const SlotKey> keys) = 0;
    virtual Result<VersionedBatch<Bytes>> code(std::span<const Hash256> code_hashes) = 0;
    /// Stores each value unless the level already holds that key at the same or a higher
    /// version (set-if-newer). A level that is the source of truth ignores fills (the default).
    virtual Result<void> put_if_newer(const CacheFill& fill);
    /// Whether `addr` has a non-zero storage slot; nullopt when the level cannot tell (the
    /// default). Only EIP-7610 needs it.
    virtual Result<std::optional<bool>> has_storage(const Address& addr);
};

/// The key of one L1 entry.
struct CacheKey {
    enum class Kind : uint8_t { kAccount, kStorage, kCode };
    Kind kind = Kind::kAccount;
    Address address;  ///< kAccount, kStorage
    Hash256 hash;     ///< the slot (kStorage) or the code hash (kCode)

    static CacheKey account(const Address& a) { return {Kind::kAccount, a, {}}; }
    static CacheKey storage(const Address& a, const Hash256& slot) {
        return {Kind::kStorage, a, slot};
    }
    static CacheKey code(const Hash256& h) { return {Kind::kCode, {}, h}; }
    /// A well-mixed 64-bit hash (shard selection, the frequency sketch, the hash table).
    uint64_t digest() const noexcept;
    friend bool operator==(const CacheKey&, const CacheKey&) = default;
};

/// One L1 value: an account (or its absence), a storage word or code, with its version.
struct CacheValue {
    std::variant<AccountValue, Hash256, Bytes> value;
    uint64_t version = 0;
};

/// L1: an in-process cache bounded by bytes (keys, values and bookkeeping are charged).
///
/// Policy: W-TinyLFU. Each shard keeps a small LRU window (1% of its bytes) in front of a
/// segmented LRU (probation 20%, protected 80% of the rest), and a count-min sketch (4 rows of
/// 4 x capacity-in-entries saturating 4-bit counters, all halved every 10 x capacity-in-entries
/// accesses; its bytes count against the bound) estimates how often each key was asked for
/// (hits and misses). An entry leaving the window enters the main area only if the
/// sketch says it is asked for more often than the entry it would evict. Why: state reads are
/// skewed (a few hot contracts, senders, fee recipients) with long scans of cold keys (a block
/// touching thousands of fresh accounts once); plain LRU lets such a scan flush the hot set,
/// while the frequency filter keeps a one-off key from displacing a hot one, and the window
/// still lets a new key that becomes hot in a burst in. The sketch costs a few bits per entry,
/// unlike ARC/LIRS ghost lists, and sharding (by key hash, one mutex each) keeps contention low.
///
/// Thread-safe: every method may be called from any number of threads.
class L1Cache {
public:
    struct Options {
        size_t capacity_bytes = 256u << 20;
        size_t shards = 16;  ///< rounded up to a power of two
    };
    explicit L1Cache(Options options);
    L1Cache(const L1Cache&) = delete;
    L1Cache& operator=(const L1Cache&) = delete;
    ~L1Cache();

    /// The value of `key` (and one more access in the frequency sketch), nullopt on a miss.
    std::optional<CacheValue> get(const CacheKey& key);
    /// Inserts or updates `key` unless the cache holds it at a higher version, or unless
    /// `epoch` is given and an invalidation happened since that epoch was read (the value may
    /// predate the write that invalidated it). An entry larger than a shard is not kept.
    void put(const CacheKey& key, CacheValue value, std::optional<uint64_t> epoch = {});
    /// Removes the keys.
    void invalidate(std::span<const CacheKey> keys);
    /// Removes everything.
    void clear();
    /// Changes with every invalidation (read before a lower-level read, pass to put()).
    uint64_t epoch() const noexcept { return epoch_.load(std::memory_order_acquire); }

    /// Bytes currently charged, the frequency sketches included (always <= capacity_bytes()).
    size_t size_bytes() const;
    size_t entry_count() const;
    size_t capacity_bytes() const noexcept { return capacity_bytes_; }
    /// What one entry with `value` is charged.
    static size_t charge(const CacheValue& value) noexcept;

private:
    struct Shard;
    Shard& shard_for(uint64_t digest) const noexcept;

    size_t capacity_bytes_;
    std::vector<std::unique_ptr<Shard>> shards_;
    size_t shard_mask_;
    std::atomic<uint64_t> epoch_{0};
};

/// What one execution read: every key with the version it was read at (the oldest one when
/// reads of a key saw different versions, so that the concurrency check then fails).
struct ReadSet {
    std::map<Address, uint64_t> accounts;
    std::map<SlotKey, uint64_t> storage;
    friend bool operator==(const ReadSet&, const ReadSet&) = default;
};

/// Hits and misses of one level (L1 is level 0, then the sources in order).
struct LevelCounters {
    uint64_t hits = 0;
    uint64_t misses = 0;
    uint64_t errors = 0;  ///< failed calls (a failing cache level counts as all misses)
    uint64_t calls = 0;   ///< batched calls made to the level (0 for L1)
    friend bool operator==(const LevelCounters&, const LevelCounters&) = default;
};

/// The state view of one execution node: read-through L1 -> sources in order, filling every
/// level above the one that answered (L1 with put, cache sources with put_if_newer).
///
/// One Oracle records one read set: give each concurrently running block execution its own
/// Oracle, sharing the L1Cache and the sources. All methods are thread-safe (the read set is
/// under a mutex, counters are atomic).
///
/// Errors: a failing cache level is skipped (counted in `errors`). StateView reads have no error
/// channel, so when the last level fails the Oracle calls the fatal handler (default: print and
/// abort), as state_view.hpp requires. `prefetch` returns errors instead.
class Oracle final : public StateView {
public:
    using FatalHandler = void (*)(const Error&);

    Oracle(std::shared_ptr<L1Cache> l1, std::vector<std::shared_ptr<VersionedSource>> sources,
           FatalHandler on_fatal = nullptr);

    std::optional<Account> account(const Address& addr) override;
    Hash256 storage(const Address& addr, const Hash256& key) override;
    Bytes code(const Hash256& code_hash) override;
    /// Asks the sources in order; false when none can tell. Not recorded in the read set.
    bool has_storage(const Address& addr) override;

    /// Versioned reads (recorded in the read set like the StateView ones).
    Result<VersionedValue<AccountValue>> account_versioned(const Address& addr);
    Result<VersionedValue<Hash256>> storage_versioned(const Address& addr, const Hash256& key);

    /// Loads the keys into L1: the L1 misses are asked from each level in one batched call per
    /// kind and level (the misses of one level go to the next). Not recorded in the read set.
    Result<void> prefetch(std::span<const Address> accounts, std::span<const SlotKey> storage,
                          std::span<const Hash256> code = {});
    /// Drops the keys from L1 (the cache-invalidation topic).
    void invalidate(std::span<const CacheKey> keys);

    /// The reads so far; `take_read_set` also starts a new one.
    ReadSet read_set() const;
    ReadSet take_read_set();

    /// Counters of L1 (index 0) and of each source (index i + 1).
    std::vector<LevelCounters> counters() const;

private:
    struct AtomicCounters {
        std::atomic<uint64_t> hits{0}, misses{0}, errors{0}, calls{0};
    };
    template <typename T, typename K, typename Fetch, typename MakeKey, typename MakeFill>
    Result<void> fetch_misses(std::vector<K>& keys,
                              std::vector<std::optional<VersionedValue<T>>>& out, Fetch fetch,
                              MakeKey make_key, MakeFill make_fill);
    [[noreturn]] void fatal(const Error& e) const;

    std::shared_ptr<L1Cache> l1_;
    std::vector<std::shared_ptr<VersionedSource>> sources_;
    FatalHandler on_fatal_;
    std::unique_ptr<AtomicCounters[]> counters_;
    mutable std::mutex read_mutex_;
    ReadSet reads_;
};

}  // namespace yao::state
