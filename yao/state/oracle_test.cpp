// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "oracle.hpp"

#include <gtest/gtest.h>

#include <map>
#include <thread>

#include <yao/common/errc.hpp>

namespace yao::state {
namespace {

Address addr(uint8_t n) {
    Address a;
    a[19] = n;
    a[0] = 0xaa;
    return a;
}
Address addr32(uint32_t n) {
    Address a;
    for (int i = 0; i < 4; ++i) a[16 + i] = static_cast<uint8_t>(n >> (8 * (3 - i)));
    return a;
}
Hash256 word(uint8_t n) {
    Hash256 h;
    h[31] = n;
    return h;
}
Account acct(uint64_t nonce) {
    Account a;
    a.nonce = nonce;
    a.balance = Uint256{1000 + nonce};
    return a;
}

/// A map-backed level. As a cache (`is_cache`) unknown keys are misses and fills are kept
/// set-if-newer; as the source of truth every account/slot has an answer.
class FakeSource : public VersionedSource {
public:
    explicit FakeSource(bool is_cache) : is_cache_{is_cache} {}

    Result<VersionedBatch<AccountValue>> accounts(std::span<const Address> addrs) override {
        if (failing) return fail(yao::Errc::kWrongLength, "fake failure");
        VersionedBatch<AccountValue> b;
        for (const Address& a : addrs) {
            auto it = accounts_.find(a);
            if (it != accounts_.end()) {
                b.values.emplace_back(it->second);
            } else if (is_cache_) {
                b.values.emplace_back(std::nullopt);
            } else {
                b.values.emplace_back(VersionedValue<AccountValue>{std::nullopt, 0});
            }
        }
        return b;
    }
    Result<VersionedBatch<Hash256>> storage(std::span<const SlotKey> keys) override {
        if (failing) return fail(yao::Errc::kWrongLength, "fake failure");
        VersionedBatch<Hash256> b;
        for (const SlotKey& k : keys) {
            auto it = slots_.find(k);
            if (it != slots_.end()) {
                b.values.emplace_back(it->second);
            } else if (is_cache_) {
                b.values.emplace_back(std::nullopt);
            } else {
                b.values.emplace_back(VersionedValue<Hash256>{Hash256{}, 0});
            }
        }
        return b;
    }
    Result<VersionedBatch<Bytes>> code(std::span<const Hash256> hashes) override {
        VersionedBatch<Bytes> b;
        for (const Hash256& h : hashes) {
            auto it = code_.find(h);
            if (it != code_.end()) {
                b.values.emplace_back(VersionedValue<Bytes>{it->second, 0});
            } else {
                b.values.emplace_back(std::nullopt);
            }
        }
        return b;
    }
    Result<void> put_if_newer(const CacheFill& fill) override {
        ++fills;
        if (!is_cache_) return {};
        for (const auto& [a, v] : fill.accounts) {
            auto it = accounts_.find(a);
            if (it == accounts_.end() || it->second.version < v.version) accounts_[a] = v;
        }
        for (const auto& [k, v] : fill.storage) {
            auto it = slots_.find(k);
            if (it == slots_.end() || it->second.version < v.version) slots_[k] = v;
        }
        for (const auto& [h, c] : fill.code) code_.emplace(h, c);
        return {};
    }
    Result<std::optional<bool>> has_storage(const Address& a) override {
        if (is_cache_) return std::optional<bool>{};
        for (const auto& [k, v] : slots_) {
            if (k.address == a && v.value != Hash256{}) return std::optional<bool>{true};
        }
        return std::optional<bool>{false};
    }

    void set_account(const Address& a, AccountValue v, uint64_t version) {
        accounts_[a] = {std::move(v), version};
    }
    void set_slot(const Address& a, const Hash256& k, const Hash256& v, uint64_t version) {
        slots_[SlotKey{a, k}] = {v, version};
    }
    void set_code(const Hash256& h, Bytes c) { code_[h] = std::move(c); }
    bool has_account(const Address& a) const { return accounts_.contains(a); }
    VersionedValue<AccountValue> stored_account(const Address& a) const { return accounts_.at(a); }

    bool failing = false;
    int fills = 0;

private:
    bool is_cache_;
    std::map<Address, VersionedValue<AccountValue>> accounts_;
    std::map<SlotKey, VersionedValue<Hash256>> slots_;
    std::map<Hash256, Bytes> code_;
};

/// Counts the batched calls (and keys) that reach the source it wraps.
class CountingSource : public VersionedSource {
public:
    explicit CountingSource(std::shared_ptr<VersionedSource> inner) : inner_{std::move(inner)} {}
    Result<VersionedBatch<AccountValue>> accounts(std::span<const Address> a) override {
        ++account_calls;
        keys += a.size();
        return inner_->accounts(a);
    }
    Result<VersionedBatch<Hash256>> storage(std::span<const SlotKey> k) override {
        ++storage_calls;
        keys += k.size();
        return inner_->storage(k);
    }
    Result<VersionedBatch<Bytes>> code(std::span<const Hash256> h) override {
        ++code_calls;
        keys += h.size();
        return inner_->code(h);
    }
    Result<void> put_if_newer(const CacheFill& f) override { return inner_->put_if_newer(f); }
    Result<std::optional<bool>> has_storage(const Address& a) override {
        return inner_->has_storage(a);
    }
    int account_calls = 0, storage_calls = 0, code_calls = 0;
    size_t keys = 0;

private:
    std::shared_ptr<VersionedSource> inner_;
};

CacheValue account_value(uint64_t nonce, uint64_t version) {
    return CacheValue{AccountValue{acct(nonce)}, version};
}

// ---- L1Cache -----------------------------------------------------------------------------------

TEST(L1Cache, ReturnsWhatWasPutAndMissesTheRest) {
    L1Cache l1{{.capacity_bytes = 1 << 20, .shards = 4}};
    l1.put(CacheKey::account(addr(1)), account_value(7, 3));
    l1.put(CacheKey::storage(addr(1), word(1)), CacheValue{word(9), 4});
    auto a = l1.get(CacheKey::account(addr(1)));
    ASSERT_TRUE(a);
    EXPECT_EQ(std::get<AccountValue>(a->value)->nonce, 7u);
    EXPECT_EQ(a->version, 3u);
    auto s = l1.get(CacheKey::storage(addr(1), word(1)));
    ASSERT_TRUE(s);
    EXPECT_EQ(std::get<Hash256>(s->value), word(9));
    EXPECT_FALSE(l1.get(CacheKey::account(addr(2))));
    EXPECT_FALSE(l1.get(CacheKey::storage(addr(1), word(2))));
    EXPECT_FALSE(l1.get(CacheKey::code(word(1))));  // same bytes, different kind
    EXPECT_EQ(l1.entry_count(), 2u);
}

TEST(L1Cache, NeverReplacesANewerVersionWithAnOlderOne) {
    L1Cache l1{{.capacity_bytes = 1 << 20, .shards = 1}};
    l1.put(CacheKey::account(addr(1)), account_value(5, 10));
    l1.put(CacheKey::account(addr(1)), account_value(4, 9));
    EXPECT_EQ(std::get<AccountValue>(l1.get(CacheKey::account(addr(1)))->value)->nonce, 5u);
    l1.put(CacheKey::account(addr(1)), account_value(6, 11));
    EXPECT_EQ(l1.get(CacheKey::account(addr(1)))->version, 11u);
}

TEST(L1Cache, DropsAFillThatStartedBeforeAnInvalidation) {
    L1Cache l1{{.capacity_bytes = 1 << 20, .shards = 1}};
    const uint64_t before = l1.epoch();
    const CacheKey k = CacheKey::account(addr(1));
    l1.invalidate(std::span<const CacheKey>{&k, 1});
    l1.put(k, account_value(1, 1), before);
    EXPECT_FALSE(l1.get(k));
    l1.put(k, account_value(1, 1), l1.epoch());
    EXPECT_TRUE(l1.get(k));
}

TEST(L1Cache, StaysWithinItsByteBoundWhateverIsInserted) {
    const size_t cap = 64 * 1024;
    L1Cache l1{{.capacity_bytes = cap, .shards = 4}};
    for (uint32_t i = 0; i < 20'000; ++i) {
        if (i % 7 == 0) {
            Hash256 h;
            h[0] = static_cast<uint8_t>(i);
            h[1] = static_cast<uint8_t>(i >> 8);
            l1.put(CacheKey::code(h), CacheValue{Bytes(100 + (i % 3000), 0x60), 0});
        } else {
            l1.put(CacheKey::account(addr32(i)), account_value(i, i));
        }
        if (i % 997 == 0) {
            ASSERT_LE(l1.size_bytes(), cap);
        }
    }
    EXPECT_LE(l1.size_bytes(), cap);
    EXPECT_GT(l1.size_bytes(), cap / 2);  // it does use the space
    // An entry bigger than a shard is not kept at all.
    l1.put(CacheKey::code(word(1)), CacheValue{Bytes(cap, 0x60), 0});
    EXPECT_FALSE(l1.get(CacheKey::code(word(1))));
    EXPECT_LE(l1.size_bytes(), cap);
}

TEST(L1Cache, KeepsHotKeysWhileAScanOfColdKeysPassesThrough) {
    // Room for about 1,000 entries; 200 hot keys read often, then 20,000 cold keys read once
    // each (read-through: get, miss, put). Plain LRU would end with no hot key left.
    const size_t per_entry = L1Cache::charge(account_value(0, 0));
    L1Cache l1{{.capacity_bytes = 1000 * per_entry, .shards = 2}};
    for (int round = 0; round < 5; ++round) {
        for (uint32_t i = 0; i < 200; ++i) {
            const CacheKey k = CacheKey::account(addr32(i));
            if (!l1.get(k)) l1.put(k, account_value(i, 1));
        }
    }
    for (uint32_t i = 1'000'000; i < 1'020'000; ++i) {
        const CacheKey k = CacheKey::account(addr32(i));
        if (!l1.get(k)) l1.put(k, account_value(i, 1));
        if (i % 100 == 0) {  // the hot set keeps being read while the scan runs
            for (uint32_t h = 0; h < 200; h += 10) {
                const CacheKey hk = CacheKey::account(addr32(h));
                if (!l1.get(hk)) l1.put(hk, account_value(h, 1));
            }
        }
    }
    size_t hot_left = 0;
    for (uint32_t i = 0; i < 200; ++i) hot_left += l1.get(CacheKey::account(addr32(i))) ? 1 : 0;
    EXPECT_GE(hot_left, 190u);
    EXPECT_LE(l1.size_bytes(), l1.capacity_bytes());
}

TEST(L1Cache, AdmitsNoOneOffKeyOverAWarmOneWhenFull) {
    // The cache is filled with warm keys (each read three times), then 3,000 keys are read
    // once (deterministic: no randomness). The segmented LRU alone would let the one-off keys push
    // out the warm keys that sit in its probation segment; the frequency filter refuses them.
    const size_t per_entry = L1Cache::charge(account_value(0, 0));
    L1Cache l1{{.capacity_bytes = 1200 * per_entry, .shards = 2}};
    uint32_t warm = 0;
    for (;; ++warm) {  // fill to about 85% of the room
        const CacheKey k = CacheKey::account(addr32(warm));
        l1.get(k);
        l1.put(k, account_value(warm, 1));
        if (l1.entry_count() < warm + 1 || l1.size_bytes() > l1.capacity_bytes() * 85 / 100) break;
    }
    for (int round = 0; round < 2; ++round) {
        for (uint32_t i = 0; i < warm; ++i) l1.get(CacheKey::account(addr32(i)));
    }
    const size_t warm_cached = l1.entry_count();
    for (uint32_t i = 1'000'000; i < 1'003'000; ++i) {
        const CacheKey k = CacheKey::account(addr32(i));
        if (!l1.get(k)) l1.put(k, account_value(i, 1));
    }
    size_t warm_left = 0;
    for (uint32_t i = 0; i < warm; ++i) warm_left += l1.get(CacheKey::account(addr32(i))) ? 1 : 0;
    EXPECT_GE(warm, 800u);
    EXPECT_GE(warm_left, warm_cached * 98 / 100);  // SLRU alone keeps about 94%
}

TEST(L1Cache, IsSafeUnderConcurrentReadersAndWriters) {
    L1Cache l1{{.capacity_bytes = 256 * 1024, .shards = 8}};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&l1, t] {
            for (uint32_t i = 0; i < 20'000; ++i) {
                const CacheKey k =
                    CacheKey::account(addr32((i * 7 + static_cast<uint32_t>(t)) % 5000));
                if (auto v = l1.get(k)) {
                    ASSERT_TRUE(std::get<AccountValue>(v->value));
                } else {
                    l1.put(k, account_value(i, i));
                }
                if (i % 1000 == 0) l1.invalidate(std::span<const CacheKey>{&k, 1});
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_LE(l1.size_bytes(), l1.capacity_bytes());
}

// ---- Oracle ------------------------------------------------------------------------------------

struct Levels {
    std::shared_ptr<L1Cache> l1 = std::make_shared<L1Cache>(L1Cache::Options{1 << 20, 4});
    std::shared_ptr<FakeSource> l2 = std::make_shared<FakeSource>(true);
    std::shared_ptr<FakeSource> l3 = std::make_shared<FakeSource>(false);
    std::shared_ptr<CountingSource> c2 = std::make_shared<CountingSource>(l2);
    std::shared_ptr<CountingSource> c3 = std::make_shared<CountingSource>(l3);
    Oracle oracle{l1, {c2, c3}};
};

TEST(Oracle, ReadsThroughL1ThenL2ThenL3AndFillsTheLevelsAbove) {
    Levels lv;
    lv.l3->set_account(addr(1), acct(1), 5);
    lv.l3->set_account(addr(2), acct(2), 6);
    lv.l2->set_account(addr(2), acct(2), 6);

    // addr(1): only L3 has it.
    EXPECT_EQ(lv.oracle.account(addr(1)), acct(1));
    EXPECT_EQ(lv.oracle.counters()[0], (LevelCounters{0, 1, 0, 0}));
    EXPECT_EQ(lv.oracle.counters()[1], (LevelCounters{0, 1, 0, 1}));
    EXPECT_EQ(lv.oracle.counters()[2], (LevelCounters{1, 0, 0, 1}));
    ASSERT_TRUE(lv.l2->has_account(addr(1)));  // L2 was filled, with the version
    EXPECT_EQ(lv.l2->stored_account(addr(1)).version, 5u);
    EXPECT_TRUE(lv.l1->get(CacheKey::account(addr(1))));

    // addr(2): L2 answers, L3 is not asked.
    EXPECT_EQ(lv.oracle.account(addr(2)), acct(2));
    EXPECT_EQ(lv.oracle.counters()[1], (LevelCounters{1, 1, 0, 2}));
    EXPECT_EQ(lv.oracle.counters()[2], (LevelCounters{1, 0, 0, 1}));

    // Both again: L1 hits, no lower call.
    EXPECT_EQ(lv.oracle.account(addr(1)), acct(1));
    EXPECT_EQ(lv.oracle.account(addr(2)), acct(2));
    EXPECT_EQ(lv.oracle.counters()[0].hits, 2u);
    EXPECT_EQ(lv.c2->account_calls + lv.c3->account_calls, 3);

    // An account that does not exist is a cached fact too.
    EXPECT_EQ(lv.oracle.account(addr(3)), std::nullopt);
    EXPECT_EQ(lv.oracle.account(addr(3)), std::nullopt);
    EXPECT_EQ(lv.c3->account_calls, 2);
}

TEST(Oracle, ServesStorageAndCode) {
    Levels lv;
    lv.l3->set_slot(addr(1), word(1), word(42), 8);
    const Hash256 ch = word(0xcc);
    lv.l3->set_code(ch, Bytes{0x60, 0x00});
    EXPECT_EQ(lv.oracle.storage(addr(1), word(1)), word(42));
    EXPECT_EQ(lv.oracle.storage(addr(1), word(2)), Hash256{});
    EXPECT_EQ(lv.oracle.code(ch), (Bytes{0x60, 0x00}));
    EXPECT_EQ(lv.oracle.code(ch), (Bytes{0x60, 0x00}));
    EXPECT_EQ(lv.c3->code_calls, 1);
    EXPECT_EQ(lv.oracle.code(kEmptyCodeHash), Bytes{});
    EXPECT_EQ(lv.oracle.code(word(0xdd)), Bytes{});  // unknown hash
    EXPECT_TRUE(lv.oracle.has_storage(addr(1)));
    EXPECT_FALSE(lv.oracle.has_storage(addr(2)));
}

TEST(Oracle, RecordsEveryReadWithTheVersionItHad) {
    Levels lv;
    lv.l3->set_account(addr(1), acct(1), 5);
    lv.l3->set_slot(addr(1), word(1), word(42), 8);
    lv.oracle.account(addr(1));
    lv.oracle.account(addr(1));  // L1 hit: same version
    lv.oracle.account(addr(9));  // absent: version 0
    lv.oracle.storage(addr(1), word(1));
    lv.oracle.storage(addr(1), word(2));  // unset: version 0
    ReadSet expected;
    expected.accounts = {{addr(1), 5}, {addr(9), 0}};
    expected.storage = {{SlotKey{addr(1), word(1)}, 8}, {SlotKey{addr(1), word(2)}, 0}};
    EXPECT_EQ(lv.oracle.read_set(), expected);
    EXPECT_EQ(lv.oracle.take_read_set(), expected);
    EXPECT_EQ(lv.oracle.read_set(), ReadSet{});
}

TEST(Oracle, ReadSetKeepsTheOlderVersionWhenAKeyChangedBetweenReads) {
    Levels lv;
    lv.l3->set_account(addr(1), acct(1), 5);
    lv.oracle.account(addr(1));
    lv.l3->set_account(addr(1), acct(2), 7);
    lv.l2->set_account(addr(1), acct(2), 7);
    const CacheKey k = CacheKey::account(addr(1));
    lv.oracle.invalidate(std::span<const CacheKey>{&k, 1});
    EXPECT_EQ(lv.oracle.account(addr(1)), acct(2));
    EXPECT_EQ(lv.oracle.read_set().accounts.at(addr(1)), 5u);
}

TEST(Oracle, InvalidationMakesTheNextReadGoDown) {
    Levels lv;
    lv.l3->set_slot(addr(1), word(1), word(1), 3);
    EXPECT_EQ(lv.oracle.storage(addr(1), word(1)), word(1));
    lv.l3->set_slot(addr(1), word(1), word(2), 4);  // committed; L2 updated by the archive
    lv.l2->set_slot(addr(1), word(1), word(2), 4);
    EXPECT_EQ(lv.oracle.storage(addr(1), word(1)), word(1));  // L1 still has the old value
    const CacheKey k = CacheKey::storage(addr(1), word(1));
    lv.oracle.invalidate(std::span<const CacheKey>{&k, 1});
    auto v = lv.oracle.storage_versioned(addr(1), word(1));
    ASSERT_TRUE(v);
    EXPECT_EQ(v->value, word(2));
    EXPECT_EQ(v->version, 4u);
    EXPECT_EQ(lv.c3->storage_calls, 1);  // the second fetch was answered by L2
}

TEST(Oracle, PrefetchMakesOneBatchedCallPerLevelAndKind) {
    Levels lv;
    std::vector<Address> addrs;
    std::vector<SlotKey> slots;
    for (uint8_t i = 0; i < 50; ++i) {
        addrs.push_back(addr(i));
        lv.l3->set_account(addr(i), acct(i), i);
        slots.push_back(SlotKey{addr(i), word(i)});
        lv.l3->set_slot(addr(i), word(i), word(i), i);
    }
    for (uint8_t i = 0; i < 10; ++i) lv.l2->set_account(addr(i), acct(i), i);  // L2 has some
    lv.oracle.account(addr(49));                                               // L1 has one
    lv.c2->account_calls = lv.c3->account_calls = 0;
    lv.c2->keys = lv.c3->keys = 0;
    addrs.push_back(addr(0));  // a duplicate is asked once

    ASSERT_TRUE(lv.oracle.prefetch(addrs, slots));
    EXPECT_EQ(lv.c2->account_calls, 1);
    EXPECT_EQ(lv.c3->account_calls, 1);
    EXPECT_EQ(lv.c2->storage_calls, 1);
    EXPECT_EQ(lv.c3->storage_calls, 1);
    EXPECT_EQ(lv.c2->keys, 49u + 50u);  // L1 misses
    EXPECT_EQ(lv.c3->keys, 39u + 50u);  // what L2 did not have
    EXPECT_EQ(lv.c2->code_calls + lv.c3->code_calls, 0);

    // Everything is in L1 now: reads make no call.
    for (uint8_t i = 0; i < 50; ++i) {
        EXPECT_EQ(lv.oracle.account(addr(i)), acct(i));
        EXPECT_EQ(lv.oracle.storage(addr(i), word(i)), word(i));
    }
    EXPECT_EQ(lv.c2->account_calls + lv.c3->account_calls, 2);
    EXPECT_EQ(lv.c2->storage_calls + lv.c3->storage_calls, 2);
    // Prefetch records nothing; the reads after it do.
    EXPECT_EQ(lv.oracle.read_set().accounts.size(), 50u);
    EXPECT_EQ(lv.oracle.read_set().accounts.at(addr(7)), 7u);
}

TEST(Oracle, SkipsAFailingCacheLevelAndReportsAFailingLastLevel) {
    Levels lv;
    lv.l3->set_account(addr(1), acct(1), 5);
    lv.l2->failing = true;
    EXPECT_EQ(lv.oracle.account(addr(1)), acct(1));
    EXPECT_EQ(lv.oracle.counters()[1].errors, 1u);
    lv.l3->failing = true;
    const Address a[] = {addr(2)};
    auto r = lv.oracle.prefetch(a, {});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), yao::Errc::kWrongLength);
    EXPECT_FALSE(lv.oracle.account_versioned(addr(3)));
}

TEST(OracleDeathTest, StopsTheProcessWhenAStateViewReadCannotBeAnswered) {
    Levels lv;
    lv.l2->failing = true;
    lv.l3->failing = true;
    EXPECT_DEATH(lv.oracle.account(addr(1)), "state read failed");
}

}  // namespace
}  // namespace yao::state
