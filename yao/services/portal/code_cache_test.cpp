// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "code_cache.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include <yao/common/error.hpp>
#include <yao/common/keccak.hpp>

namespace yao::portal {
namespace {

/// A StateService over maps that counts its reads; code reads of `failing` fail.
class CountingState final : public vulcan::StateService {
public:
    Result<std::optional<state::Account>> account(const Address& addr,
                                                  vulcan::AtBlock) override {
        ++account_reads;
        auto it = accounts.find(addr);
        if (it == accounts.end()) return std::optional<state::Account>{};
        return std::optional<state::Account>{it->second};
    }
    Result<Hash256> storage(const Address&, const Hash256& slot, vulcan::AtBlock) override {
        ++storage_reads;
        return slot;
    }
    Result<std::optional<Bytes>> code(const Hash256& hash) override {
        ++code_reads;
        if (hash == failing) return std::unexpected(Error{std::make_error_code(std::errc::io_error)});
        auto it = codes.find(hash);
        if (it == codes.end()) return std::optional<Bytes>{};
        return std::optional<Bytes>{it->second};
    }

    std::map<Address, state::Account> accounts;
    std::map<Hash256, Bytes> codes;
    Hash256 failing;
    int account_reads = 0, storage_reads = 0, code_reads = 0;
};

TEST(CodeCachingStateService, KeepsKnownCodeAndPassesEverythingElseThrough) {
    auto owned = std::make_unique<CountingState>();
    CountingState& inner = *owned;
    const Bytes code{0x60, 0x01, 0x60, 0x00, 0x55};
    const Hash256 hash = keccak256(code);
    inner.codes[hash] = code;
    Address a;
    a[19] = 7;
    inner.accounts[a] = state::Account{3, Uint256{10}, hash};
    CodeCachingStateService service{std::move(owned), 1u << 20};

    for (int i = 0; i < 3; ++i) EXPECT_EQ(service.code(hash).value(), std::optional<Bytes>{code});
    EXPECT_EQ(inner.code_reads, 1);

    // Unknown hashes and failures are asked again each time (the code may be committed later).
    Hash256 unknown;
    unknown[0] = 1;
    EXPECT_EQ(service.code(unknown).value(), std::nullopt);
    EXPECT_EQ(service.code(unknown).value(), std::nullopt);
    inner.failing[0] = 2;
    EXPECT_FALSE(service.code(inner.failing).has_value());
    EXPECT_FALSE(service.code(inner.failing).has_value());
    EXPECT_EQ(inner.code_reads, 5);

    // Accounts and storage change every block: never kept.
    EXPECT_EQ(service.account(a, std::nullopt).value()->nonce, 3u);
    inner.accounts[a].nonce = 4;
    EXPECT_EQ(service.account(a, std::nullopt).value()->nonce, 4u);
    EXPECT_EQ(service.account(a, 5).value()->nonce, 4u);
    EXPECT_EQ(inner.account_reads, 3);
    Hash256 slot;
    slot[31] = 9;
    EXPECT_EQ(service.storage(a, slot, std::nullopt).value(), slot);
    EXPECT_EQ(service.storage(a, slot, std::nullopt).value(), slot);
    EXPECT_EQ(inner.storage_reads, 2);
}

TEST(CodeCachingStateService, StaysWithinItsBytes) {
    auto owned = std::make_unique<CountingState>();
    CountingState& inner = *owned;
    std::vector<Hash256> hashes;
    for (uint8_t i = 0; i < 64; ++i) {
        Bytes code(16 * 1024, i);
        hashes.push_back(keccak256(code));
        inner.codes[hashes.back()] = code;
    }
    // 256 KiB of room for 1 MiB of code: every read is still right, and some must be asked again.
    CodeCachingStateService service{std::move(owned), 256u << 10};
    for (int round = 0; round < 2; ++round)
        for (size_t i = 0; i < hashes.size(); ++i)
            EXPECT_EQ(service.code(hashes[i]).value()->at(0), static_cast<uint8_t>(i));
    EXPECT_GT(inner.code_reads, 64);
}

}  // namespace
}  // namespace yao::portal
