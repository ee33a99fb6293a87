// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "oracle.hpp"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <list>
#include <unordered_map>

namespace yao::state {

// ---- VersionedSource defaults ------------------------------------------------------------------

Result<void> VersionedSource::put_if_newer(const CacheFill&) {
    return {};
}

Result<std::optional<bool>> VersionedSource::has_storage(const Address&) {
    return std::optional<bool>{};
}

// ---- CacheKey ----------------------------------------------------------------------------------

namespace {

uint64_t mix64(uint64_t x) noexcept {  // splitmix64 finaliser
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

uint64_t absorb(uint64_t h, const uint8_t* p, size_t n) noexcept {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = mix64(h ^ w) + 0x9e3779b97f4a7c15ULL;
    }
    uint64_t tail = 0;
    std::memcpy(&tail, p + i, n - i);
    return mix64(h ^ tail ^ (static_cast<uint64_t>(n) << 56));
}

}  // namespace

uint64_t CacheKey::digest() const noexcept {
    uint64_t h = mix64(static_cast<uint64_t>(kind) + 1);
    if (kind != Kind::kCode) h = absorb(h, address.data(), address.size());
    if (kind != Kind::kAccount) h = absorb(h, hash.data(), hash.size());
    return h;
}

// ---- L1Cache -----------------------------------------------------------------------------------

namespace {

struct KeyHasher {
    size_t operator()(const CacheKey& k) const noexcept { return k.digest(); }
};

/// Count-min sketch of 4-bit counters (stored one per byte for simplicity), 4 rows, halved
/// every `sample_` increments so that old popularity fades.
class FrequencySketch {
public:
    /// Four rows of 4 x `expected_entries` counters (rounded up to a power of two): wide enough
    /// that collisions rarely lift a one-off key to the count of a warm one. Counts are halved
    /// after 10 x `expected_entries` increments.
    explicit FrequencySketch(size_t expected_entries) {
        const size_t entries = std::max<size_t>(expected_entries, 16);
        width_ = std::bit_ceil(4 * entries);
        sample_ = 10 * entries;
        table_.assign(kRows * width_, 0);
    }
    /// Bytes the sketch occupies (charged to the cache's bound).
    size_t bytes() const noexcept { return table_.size(); }
    void increment(uint64_t digest) noexcept {
        for (size_t r = 0; r < kRows; ++r) {
            uint8_t& c = table_[r * width_ + index(digest, r)];
            if (c < 15) ++c;
        }
        if (++additions_ >= sample_) {
            for (uint8_t& c : table_) c = static_cast<uint8_t>(c >> 1);
            additions_ /= 2;
        }
    }
    unsigned estimate(uint64_t digest) const noexcept {
        unsigned m = 15;
        for (size_t r = 0; r < kRows; ++r) {
            m = std::min<unsigned>(m, table_[r * width_ + index(digest, r)]);
        }
        return m;
    }

private:
    static constexpr size_t kRows = 4;
    size_t index(uint64_t digest, size_t row) const noexcept {
        return mix64(digest + (row + 1) * 0x9e3779b97f4a7c15ULL) & (width_ - 1);
    }
    size_t width_ = 0;
    size_t sample_ = 0;
    size_t additions_ = 0;
    std::vector<uint8_t> table_;
};

enum class Region : uint8_t { kWindow, kProbation, kProtected };

struct Entry {
    CacheKey key;
    CacheValue value;
    size_t charge = 0;
    uint64_t digest = 0;
    Region region = Region::kWindow;
};

// What an entry costs besides code bytes: the entry, a list node and a hash node.
constexpr size_t kEntryOverhead = sizeof(Entry) + 2 * sizeof(void*) + 4 * sizeof(void*);
constexpr size_t kAverageEntry = kEntryOverhead + 32;

}  // namespace

struct L1Cache::Shard {
    // The sketch is sized for the entries that fit and its bytes come out of the bound.
    explicit Shard(size_t bound)
        : sketch{bound / (kAverageEntry + 4 * 4 + 4)},
          capacity{bound > sketch.bytes() ? bound - sketch.bytes() : 0},
          window_capacity{std::max<size_t>(capacity / 100, std::min(capacity, 4 * kAverageEntry))},
          main_capacity{capacity - window_capacity},
          protected_capacity{main_capacity * 8 / 10} {}

    using List = std::list<Entry>;

    List& list_of(Region r) {
        return r == Region::kWindow ? window : r == Region::kProbation ? probation : protected_;
    }
    size_t& bytes_of(Region r) {
        return r == Region::kWindow      ? window_bytes
               : r == Region::kProbation ? probation_bytes
                                         : protected_bytes;
    }
    void move(List::iterator it, Region to) {
        bytes_of(it->region) -= it->charge;
        list_of(to).splice(list_of(to).begin(), list_of(it->region), it);
        it->region = to;
        bytes_of(to) += it->charge;
    }
    void erase(List::iterator it) {
        bytes_of(it->region) -= it->charge;
        map.erase(it->key);
        list_of(it->region).erase(it);
    }
    size_t main_bytes() const { return probation_bytes + protected_bytes; }
    List::iterator main_victim() {
        return probation.empty() ? std::prev(protected_.end()) : std::prev(probation.end());
    }

    /// Brings every region back within its budget.
    void balance() {
        while (window_bytes > window_capacity) {
            auto cand = std::prev(window.end());
            if (cand->charge > main_capacity) {
                erase(cand);
                continue;
            }
            if (main_bytes() + cand->charge > main_capacity) {
                // TinyLFU admission: the candidate must be asked for more than the victim.
                if (sketch.estimate(cand->digest) <= sketch.estimate(main_victim()->digest)) {
                    erase(cand);
                    continue;
                }
                while (main_bytes() + cand->charge > main_capacity) erase(main_victim());
            }
            move(cand, Region::kProbation);
        }
        while (protected_bytes > protected_capacity) {
            move(std::prev(protected_.end()), Region::kProbation);
        }
        while (main_bytes() > main_capacity) erase(main_victim());
    }

    mutable std::mutex mutex;
    FrequencySketch sketch;
    const size_t capacity;  ///< for entries: the shard's bound minus the sketch
    const size_t window_capacity;
    const size_t main_capacity;
    const size_t protected_capacity;
    List window, probation, protected_;
    size_t window_bytes = 0, probation_bytes = 0, protected_bytes = 0;
    std::unordered_map<CacheKey, List::iterator, KeyHasher> map;
};

L1Cache::L1Cache(Options options) : capacity_bytes_{options.capacity_bytes} {
    size_t n = std::bit_ceil(std::max<size_t>(options.shards, 1));
    shard_mask_ = n - 1;
    shards_.reserve(n);
    for (size_t i = 0; i < n; ++i) shards_.push_back(std::make_unique<Shard>(capacity_bytes_ / n));
}

L1Cache::~L1Cache() = default;

L1Cache::Shard& L1Cache::shard_for(uint64_t digest) const noexcept {
    return *shards_[(digest >> 48) & shard_mask_];
}

size_t L1Cache::charge(const CacheValue& value) noexcept {
    const Bytes* code = std::get_if<Bytes>(&value.value);
    return kEntryOverhead + (code ? code->size() : 0);
}

std::optional<CacheValue> L1Cache::get(const CacheKey& key) {
    uint64_t d = key.digest();
    Shard& s = shard_for(d);
    std::lock_guard lock{s.mutex};
    s.sketch.increment(d);
    auto found = s.map.find(key);
    if (found == s.map.end()) return std::nullopt;
    auto it = found->second;
    switch (it->region) {
        case Region::kWindow:
            s.move(it, Region::kWindow);
            break;
        case Region::kProbation:
            s.move(it, Region::kProtected);
            break;
        case Region::kProtected:
            s.move(it, Region::kProtected);
            break;
    }
    CacheValue copy = it->value;
    s.balance();
    return copy;
}

void L1Cache::put(const CacheKey& key, CacheValue value, std::optional<uint64_t> epoch) {
    uint64_t d = key.digest();
    Shard& s = shard_for(d);
    size_t c = charge(value);
    std::lock_guard lock{s.mutex};
    if (epoch && *epoch != epoch_.load(std::memory_order_acquire)) return;
    auto found = s.map.find(key);
    if (found != s.map.end()) {
        auto it = found->second;
        if (it->value.version > value.version) return;
        s.bytes_of(it->region) -= it->charge;
        it->value = std::move(value);
        it->charge = c;
        s.bytes_of(it->region) += c;
        if (c > s.capacity / 2) s.erase(it);
        s.balance();
        return;
    }
    if (c > s.window_capacity && c > s.main_capacity) return;
    s.window.push_front(Entry{key, std::move(value), c, d, Region::kWindow});
    s.window_bytes += c;
    s.map.emplace(key, s.window.begin());
    s.balance();
}

void L1Cache::invalidate(std::span<const CacheKey> keys) {
    epoch_.fetch_add(1, std::memory_order_acq_rel);
    for (const CacheKey& k : keys) {
        Shard& s = shard_for(k.digest());
        std::lock_guard lock{s.mutex};
        auto found = s.map.find(k);
        if (found != s.map.end()) s.erase(found->second);
    }
}

void L1Cache::clear() {
    epoch_.fetch_add(1, std::memory_order_acq_rel);
    for (auto& s : shards_) {
        std::lock_guard lock{s->mutex};
        s->map.clear();
        s->window.clear();
        s->probation.clear();
        s->protected_.clear();
        s->window_bytes = s->probation_bytes = s->protected_bytes = 0;
    }
}

size_t L1Cache::size_bytes() const {
    size_t total = 0;
    for (auto& s : shards_) {
        std::lock_guard lock{s->mutex};
        total += s->window_bytes + s->main_bytes() + s->sketch.bytes();
    }
    return total;
}

size_t L1Cache::entry_count() const {
    size_t total = 0;
    for (auto& s : shards_) {
        std::lock_guard lock{s->mutex};
        total += s->map.size();
    }
    return total;
}

// ---- Oracle ------------------------------------------------------------------------------------

namespace {

void default_fatal(const Error& e) {
    std::fprintf(stderr, "yao::state::Oracle: state read failed: %s\n", e.message().c_str());
    std::abort();
}

}  // namespace

Oracle::Oracle(std::shared_ptr<L1Cache> l1, std::vector<std::shared_ptr<VersionedSource>> sources,
               FatalHandler on_fatal)
    : l1_{std::move(l1)},
      sources_{std::move(sources)},
      on_fatal_{on_fatal ? on_fatal : &default_fatal},
      counters_{std::make_unique<AtomicCounters[]>(sources_.size() + 1)} {}

void Oracle::fatal(const Error& e) const {
    on_fatal_(e);
    std::abort();  // a handler that returns still must not let a read continue without a value
}

template <typename T, typename K, typename Fetch, typename MakeKey, typename MakeFill>
Result<void> Oracle::fetch_misses(std::vector<K>& keys,
                                  std::vector<std::optional<VersionedValue<T>>>& out, Fetch fetch,
                                  MakeKey make_key, MakeFill make_fill) {
    out.assign(keys.size(), std::nullopt);
    const uint64_t epoch = l1_->epoch();
    std::vector<size_t> pending(keys.size());
    for (size_t i = 0; i < keys.size(); ++i) pending[i] = i;
    for (size_t level = 0; level < sources_.size() && !pending.empty(); ++level) {
        AtomicCounters& ctr = counters_[level + 1];
        std::vector<K> ask;
        ask.reserve(pending.size());
        for (size_t i : pending) ask.push_back(keys[i]);
        ctr.calls.fetch_add(1, std::memory_order_relaxed);
        auto got = fetch(*sources_[level], std::span<const K>{ask});
        if (got && got->values.size() != ask.size()) {
            got = std::unexpected{Error{std::make_error_code(std::errc::protocol_error),
                                        "a source answered the wrong number of values"}};
        }
        if (!got) {
            ctr.errors.fetch_add(1, std::memory_order_relaxed);
            ctr.misses.fetch_add(ask.size(), std::memory_order_relaxed);
            if (level + 1 == sources_.size()) return std::unexpected{got.error()};
            continue;
        }
        CacheFill fill;
        std::vector<size_t> still;
        for (size_t j = 0; j < ask.size(); ++j) {
            auto& v = got->values[j];
            if (!v) {
                still.push_back(pending[j]);
                continue;
            }
            l1_->put(make_key(ask[j]), CacheValue{v->value, v->version}, epoch);
            make_fill(fill, ask[j], *v);
            out[pending[j]] = std::move(v);
        }
        ctr.hits.fetch_add(ask.size() - still.size(), std::memory_order_relaxed);
        ctr.misses.fetch_add(still.size(), std::memory_order_relaxed);
        if (!fill.empty()) {
            for (size_t upper = 0; upper < level; ++upper) {
                if (!sources_[upper]->put_if_newer(fill)) {
                    counters_[upper + 1].errors.fetch_add(1, std::memory_order_relaxed);
                }
            }
        }
        pending = std::move(still);
    }
    return {};
}

namespace {

auto fetch_accounts = [](VersionedSource& s, std::span<const Address> k) { return s.accounts(k); };
auto fetch_storage = [](VersionedSource& s, std::span<const SlotKey> k) { return s.storage(k); };
auto fetch_code = [](VersionedSource& s, std::span<const Hash256> k) { return s.code(k); };
auto key_account = [](const Address& a) { return CacheKey::account(a); };
auto key_storage = [](const SlotKey& k) { return CacheKey::storage(k.address, k.slot); };
auto key_code = [](const Hash256& h) { return CacheKey::code(h); };
auto fill_account = [](CacheFill& f, const Address& a, const VersionedValue<AccountValue>& v) {
    f.accounts.emplace_back(a, v);
};
auto fill_storage = [](CacheFill& f, const SlotKey& k, const VersionedValue<Hash256>& v) {
    f.storage.emplace_back(k, v);
};
auto fill_code = [](CacheFill& f, const Hash256& h, const VersionedValue<Bytes>& v) {
    f.code.emplace_back(h, v.value);
};

void record(std::map<Address, uint64_t>& m, const Address& k, uint64_t version) {
    auto [it, inserted] = m.try_emplace(k, version);
    // Two reads of one key that saw different versions: keep the older, so that the
    // concurrency check rejects the execution unless every value it used is current.
    if (!inserted) it->second = std::min(it->second, version);
}
void record(std::map<SlotKey, uint64_t>& m, const SlotKey& k, uint64_t version) {
    auto [it, inserted] = m.try_emplace(k, version);
    if (!inserted) it->second = std::min(it->second, version);
}

}  // namespace

Result<VersionedValue<AccountValue>> Oracle::account_versioned(const Address& addr) {
    VersionedValue<AccountValue> result;
    if (auto hit = l1_->get(CacheKey::account(addr))) {
        counters_[0].hits.fetch_add(1, std::memory_order_relaxed);
        result = {std::get<AccountValue>(hit->value), hit->version};
    } else {
        counters_[0].misses.fetch_add(1, std::memory_order_relaxed);
        std::vector<Address> keys{addr};
        std::vector<std::optional<VersionedValue<AccountValue>>> out;
        YAO_TRY_VOID(
            fetch_misses<AccountValue>(keys, out, fetch_accounts, key_account, fill_account));
        if (!out[0])
            return std::unexpected{Error{std::make_error_code(std::errc::no_such_device_or_address),
                                         "no level has the account"}};
        result = std::move(*out[0]);
    }
    std::lock_guard lock{read_mutex_};
    record(reads_.accounts, addr, result.version);
    return result;
}

Result<VersionedValue<Hash256>> Oracle::storage_versioned(const Address& addr, const Hash256& key) {
    VersionedValue<Hash256> result;
    if (auto hit = l1_->get(CacheKey::storage(addr, key))) {
        counters_[0].hits.fetch_add(1, std::memory_order_relaxed);
        result = {std::get<Hash256>(hit->value), hit->version};
    } else {
        counters_[0].misses.fetch_add(1, std::memory_order_relaxed);
        std::vector<SlotKey> keys{SlotKey{addr, key}};
        std::vector<std::optional<VersionedValue<Hash256>>> out;
        YAO_TRY_VOID(fetch_misses<Hash256>(keys, out, fetch_storage, key_storage, fill_storage));
        if (!out[0])
            return std::unexpected{Error{std::make_error_code(std::errc::no_such_device_or_address),
                                         "no level has the slot"}};
        result = *out[0];
    }
    std::lock_guard lock{read_mutex_};
    record(reads_.storage, SlotKey{addr, key}, result.version);
    return result;
}

std::optional<Account> Oracle::account(const Address& addr) {
    auto r = account_versioned(addr);
    if (!r) fatal(r.error());
    return r->value;
}

Hash256 Oracle::storage(const Address& addr, const Hash256& key) {
    auto r = storage_versioned(addr, key);
    if (!r) fatal(r.error());
    return r->value;
}

Bytes Oracle::code(const Hash256& code_hash) {
    if (code_hash == kEmptyCodeHash) return {};
    if (auto hit = l1_->get(CacheKey::code(code_hash))) {
        counters_[0].hits.fetch_add(1, std::memory_order_relaxed);
        return std::get<Bytes>(hit->value);
    }
    counters_[0].misses.fetch_add(1, std::memory_order_relaxed);
    std::vector<Hash256> keys{code_hash};
    std::vector<std::optional<VersionedValue<Bytes>>> out;
    auto r = fetch_misses<Bytes>(keys, out, fetch_code, key_code, fill_code);
    if (!r) fatal(r.error());
    return out[0] ? std::move(out[0]->value) : Bytes{};
}

bool Oracle::has_storage(const Address& addr) {
    for (size_t level = 0; level < sources_.size(); ++level) {
        counters_[level + 1].calls.fetch_add(1, std::memory_order_relaxed);
        auto r = sources_[level]->has_storage(addr);
        if (!r) {
            counters_[level + 1].errors.fetch_add(1, std::memory_order_relaxed);
            if (level + 1 == sources_.size()) fatal(r.error());
            continue;
        }
        if (*r) return **r;
    }
    return false;
}

Result<void> Oracle::prefetch(std::span<const Address> accounts, std::span<const SlotKey> storage,
                              std::span<const Hash256> code) {
    // Distinct keys (sorted: order does not matter for a prefetch) that L1 does not hold.
    auto l1_misses = [&](auto span, auto make_key) {
        using K = typename decltype(span)::value_type;
        std::vector<K> keys(span.begin(), span.end());
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        std::vector<K> misses;
        for (const K& k : keys) {
            if (l1_->get(make_key(k))) {
                counters_[0].hits.fetch_add(1, std::memory_order_relaxed);
            } else {
                counters_[0].misses.fetch_add(1, std::memory_order_relaxed);
                misses.push_back(k);
            }
        }
        return misses;
    };
    auto acc = l1_misses(accounts, key_account);
    if (!acc.empty()) {
        std::vector<std::optional<VersionedValue<AccountValue>>> out;
        YAO_TRY_VOID(
            fetch_misses<AccountValue>(acc, out, fetch_accounts, key_account, fill_account));
    }
    auto slots = l1_misses(storage, key_storage);
    if (!slots.empty()) {
        std::vector<std::optional<VersionedValue<Hash256>>> out;
        YAO_TRY_VOID(fetch_misses<Hash256>(slots, out, fetch_storage, key_storage, fill_storage));
    }
    std::vector<Hash256> code_keys;
    for (const Hash256& h : code) {
        if (h != kEmptyCodeHash) code_keys.push_back(h);
    }
    auto codes = l1_misses(std::span<const Hash256>{code_keys}, key_code);
    if (!codes.empty()) {
        std::vector<std::optional<VersionedValue<Bytes>>> out;
        YAO_TRY_VOID(fetch_misses<Bytes>(codes, out, fetch_code, key_code, fill_code));
    }
    return {};
}

void Oracle::invalidate(std::span<const CacheKey> keys) {
    l1_->invalidate(keys);
}

ReadSet Oracle::read_set() const {
    std::lock_guard lock{read_mutex_};
    return reads_;
}

ReadSet Oracle::take_read_set() {
    std::lock_guard lock{read_mutex_};
    return std::exchange(reads_, ReadSet{});
}

std::vector<LevelCounters> Oracle::counters() const {
    std::vector<LevelCounters> out(sources_.size() + 1);
    for (size_t i = 0; i < out.size(); ++i) {
        out[i] = {counters_[i].hits.load(), counters_[i].misses.load(), counters_[i].errors.load(),
                  counters_[i].calls.load()};
    }
    return out;
}

}  // namespace yao::state
