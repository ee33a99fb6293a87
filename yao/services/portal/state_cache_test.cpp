// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "state_cache.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <string>

#include <yao/common/error.hpp>
#include <yao/common/keccak.hpp>

namespace yao::portal {
namespace {

/// A StateService over maps that counts its reads; code reads of `failing` fail, and `during`
/// runs inside every read (an update arriving while a read is under way).
class CountingState final : public vulcan::StateService {
public:
    Result<std::optional<state::Account>> account(const Address& addr,
                                                  vulcan::AtBlock at) override {
        ++account_reads;
        if (during) during();
        if (fail_accounts) return std::unexpected(Error{std::make_error_code(std::errc::io_error)});
        auto& m = at ? history : accounts;
        auto it = m.find(addr);
        if (it == m.end()) return std::optional<state::Account>{};
        return std::optional<state::Account>{it->second};
    }
    Result<Hash256> storage(const Address& addr, const Hash256& slot, vulcan::AtBlock) override {
        ++storage_reads;
        if (during) during();
        auto it = slots.find({addr, slot});
        return it == slots.end() ? Hash256{} : it->second;
    }
    Result<std::optional<Bytes>> code(const Hash256& hash) override {
        ++code_reads;
        if (hash == failing) return std::unexpected(Error{std::make_error_code(std::errc::io_error)});
        auto it = codes.find(hash);
        if (it == codes.end()) return std::optional<Bytes>{};
        return std::optional<Bytes>{it->second};
    }

    std::map<Address, state::Account> accounts, history;
    std::map<std::pair<Address, Hash256>, Hash256> slots;
    std::map<Hash256, Bytes> codes;
    Hash256 failing;
    bool fail_accounts = false;
    std::function<void()> during;
    int account_reads = 0, storage_reads = 0, code_reads = 0;
};

Address addr(uint8_t n) {
    Address a;
    a[19] = n;
    return a;
}
Hash256 word(uint8_t n) {
    Hash256 h;
    h[31] = n;
    return h;
}

proto::HeadUpdate update_of(uint64_t number, std::vector<Address> accounts,
                            std::vector<state::SlotKey> storage = {}) {
    proto::HeadUpdate u;
    u.number = number;
    u.accounts = std::move(accounts);
    u.storage = std::move(storage);
    return u;
}

TEST(CachingStateService, KeepsHeadReadsUntilABlockWritesThem) {
    CountingState inner;
    inner.accounts[addr(1)] = state::Account{1, Uint256{10}, state::kEmptyCodeHash};
    inner.accounts[addr(2)] = state::Account{2, Uint256{20}, state::kEmptyCodeHash};
    inner.slots[{addr(1), word(1)}] = word(7);
    CachingStateService cache{inner, 1u << 20};

    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(cache.account(addr(1), std::nullopt).value()->balance, Uint256{10});
        EXPECT_EQ(cache.account(addr(2), std::nullopt).value()->balance, Uint256{20});
        EXPECT_EQ(cache.account(addr(3), std::nullopt).value(), std::nullopt);  // absence is kept
        EXPECT_EQ(cache.storage(addr(1), word(1), std::nullopt).value(), word(7));
    }
    EXPECT_EQ(inner.account_reads, 3);
    EXPECT_EQ(inner.storage_reads, 1);
    EXPECT_EQ(cache.counters().hits, 8u);
    EXPECT_EQ(cache.counters().misses, 4u);

    // Block 5 writes account 1 and the slot: those are read again, account 2 is still kept.
    inner.accounts[addr(1)].balance = Uint256{11};
    inner.slots[{addr(1), word(1)}] = word(8);
    cache.apply(update_of(5, {addr(1)}, {{addr(1), word(1)}}), true);
    EXPECT_EQ(cache.account(addr(1), std::nullopt).value()->balance, Uint256{11});
    EXPECT_EQ(cache.account(addr(2), std::nullopt).value()->balance, Uint256{20});
    EXPECT_EQ(cache.storage(addr(1), word(1), std::nullopt).value(), word(8));
    EXPECT_EQ(inner.account_reads, 4);
    EXPECT_EQ(inner.storage_reads, 2);

    // An update that does not follow the last one drops everything.
    inner.accounts[addr(2)].balance = Uint256{21};
    cache.apply(update_of(7, {}), false);
    EXPECT_EQ(cache.account(addr(2), std::nullopt).value()->balance, Uint256{21});
    cache.clear();
    EXPECT_EQ(cache.account(addr(2), std::nullopt).value()->balance, Uint256{21});
    EXPECT_EQ(inner.account_reads, 6);
}

TEST(CachingStateService, AnAnswerReadWhileAnUpdateArrivesIsNotKept) {
    CountingState inner;
    inner.accounts[addr(1)] = state::Account{1, Uint256{10}, state::kEmptyCodeHash};
    CachingStateService cache{inner, 1u << 20};
    // The read gets the value from before block 6, whose update is applied while it runs.
    inner.during = [&] {
        inner.during = nullptr;
        cache.apply(update_of(6, {addr(1)}), true);
    };
    EXPECT_EQ(cache.account(addr(1), std::nullopt).value()->balance, Uint256{10});
    inner.accounts[addr(1)].balance = Uint256{12};
    // Not kept: the next read asks again and sees block 6's value.
    EXPECT_EQ(cache.account(addr(1), std::nullopt).value()->balance, Uint256{12});
    EXPECT_EQ(cache.account(addr(1), std::nullopt).value()->balance, Uint256{12});
    EXPECT_EQ(inner.account_reads, 2);
}

TEST(CachingStateService, ReadsAtABlockAndErrorsPassThrough) {
    CountingState inner;
    inner.accounts[addr(1)] = state::Account{2, Uint256{10}, state::kEmptyCodeHash};
    inner.history[addr(1)] = state::Account{1, Uint256{5}, state::kEmptyCodeHash};
    CachingStateService cache{inner, 1u << 20};
    EXPECT_EQ(cache.account(addr(1), std::nullopt).value()->nonce, 2u);
    for (int i = 0; i < 2; ++i) EXPECT_EQ(cache.account(addr(1), 3).value()->nonce, 1u);
    EXPECT_EQ(inner.account_reads, 3);
    inner.fail_accounts = true;
    EXPECT_FALSE(cache.account(addr(4), std::nullopt).has_value());
    EXPECT_FALSE(cache.account(addr(4), std::nullopt).has_value());
    EXPECT_EQ(inner.account_reads, 5);
}

TEST(CachingStateService, KeepsKnownCodeWithoutInvalidation) {
    CountingState inner;
    const Bytes code{0x60, 0x01, 0x60, 0x00, 0x55};
    const Hash256 hash = keccak256(code);
    inner.codes[hash] = code;
    CachingStateService cache{inner, 1u << 20};

    for (int i = 0; i < 3; ++i) EXPECT_EQ(cache.code(hash).value(), std::optional<Bytes>{code});
    cache.apply(update_of(1, {addr(1)}), true);  // a block's writes never touch code
    EXPECT_EQ(cache.code(hash).value(), std::optional<Bytes>{code});
    EXPECT_EQ(inner.code_reads, 1);

    // Unknown hashes and failures are asked again each time (the code may be committed later).
    Hash256 unknown;
    unknown[0] = 1;
    EXPECT_EQ(cache.code(unknown).value(), std::nullopt);
    EXPECT_EQ(cache.code(unknown).value(), std::nullopt);
    inner.failing[0] = 2;
    EXPECT_FALSE(cache.code(inner.failing).has_value());
    EXPECT_FALSE(cache.code(inner.failing).has_value());
    EXPECT_EQ(inner.code_reads, 5);
}

TEST(CachingStateService, StaysWithinItsBytes) {
    CountingState inner;
    std::vector<Hash256> hashes;
    for (uint8_t i = 0; i < 64; ++i) {
        Bytes code(16 * 1024, i);
        hashes.push_back(keccak256(code));
        inner.codes[hashes.back()] = code;
    }
    // 256 KiB of room for 1 MiB of code: every read is still right, and some must be asked again.
    CachingStateService cache{inner, 256u << 10};
    for (int round = 0; round < 2; ++round)
        for (size_t i = 0; i < hashes.size(); ++i)
            EXPECT_EQ(cache.code(hashes[i]).value()->at(0), static_cast<uint8_t>(i));
    EXPECT_GT(inner.code_reads, 64);
}

}  // namespace
}  // namespace yao::portal
