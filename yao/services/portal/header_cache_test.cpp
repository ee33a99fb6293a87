// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "header_cache.hpp"

#include <gtest/gtest.h>

#include <map>

namespace yao::portal {
namespace {

Hash256 hash_of(uint64_t number) {
    Hash256 h;
    h[0] = 0xbb;
    h[31] = static_cast<uint8_t>(number);
    return h;
}

/// Headers 0..head, counting the header reads that reach it.
class CountingBlocks final : public archive::BlockService {
public:
    std::optional<storage::StoredBlock> make(uint64_t number) const {
        if (number > head) return std::nullopt;
        storage::StoredBlock b;
        b.header.number = number;
        b.header.timestamp = 1000 + number;
        b.hash = hash_of(number);
        return b;
    }
    Result<uint64_t> head_number() override { return head; }
    Result<std::optional<storage::StoredBlock>> header_by_number(uint64_t number) override {
        ++reads;
        if (fail) return std::unexpected(Error{std::make_error_code(std::errc::io_error)});
        return make(number);
    }
    Result<std::optional<storage::StoredBlock>> header_by_hash(const Hash256& hash) override {
        ++reads;
        for (uint64_t n = 0; n <= head; ++n)
            if (hash_of(n) == hash) return make(n);
        return std::optional<storage::StoredBlock>{};
    }
    Result<std::optional<storage::StoredBlock>> block_by_number(uint64_t n, bool) override {
        ++block_reads;
        return make(n);
    }
    Result<std::optional<storage::StoredBlock>> block_by_hash(const Hash256&, bool) override {
        return std::optional<storage::StoredBlock>{};
    }
    Result<std::optional<storage::StoredTransaction>> transaction(const Hash256&) override {
        return std::optional<storage::StoredTransaction>{};
    }
    Result<std::optional<storage::StoredReceipt>> receipt(const Hash256&) override {
        return std::optional<storage::StoredReceipt>{};
    }
    Result<std::optional<std::vector<storage::StoredReceipt>>> block_receipts(uint64_t) override {
        return std::optional<std::vector<storage::StoredReceipt>>{};
    }
    Result<std::vector<storage::StoredLog>> logs(const storage::LogFilter&) override {
        return std::vector<storage::StoredLog>{};
    }
    Result<storage::AddressHistoryPage> address_history(const storage::AddressHistoryQuery&) override {
        return storage::AddressHistoryPage{};
    }
    Result<std::optional<storage::StoredTransaction>> transaction_by_sender_and_nonce(
        const Address&, uint64_t) override {
        return std::optional<storage::StoredTransaction>{};
    }
    Result<std::optional<storage::StoredTransaction>> creation_transaction(const Address&) override {
        return std::optional<storage::StoredTransaction>{};
    }

    uint64_t head = 3;
    bool fail = false;
    int reads = 0, block_reads = 0;
};

TEST(HeaderCachingBlockService, KeepsFoundHeadersByNumberAndHash) {
    CountingBlocks inner;
    HeaderCachingBlockService blocks{inner, 8};
    for (int i = 0; i < 3; ++i) {
        auto h = blocks.header_by_number(2).value();
        ASSERT_TRUE(h.has_value());
        EXPECT_EQ(h->header.timestamp, 1002u);
        EXPECT_EQ(h->hash, hash_of(2));
    }
    EXPECT_EQ(inner.reads, 1);
    // Found by number, known by hash too.
    EXPECT_EQ(blocks.header_by_hash(hash_of(2)).value()->header.number, 2u);
    EXPECT_EQ(inner.reads, 1);
    EXPECT_EQ(blocks.hits(), 3u);
    EXPECT_EQ(blocks.misses(), 1u);

    // A block not committed yet is asked again, and kept once it exists.
    EXPECT_EQ(blocks.header_by_number(5).value(), std::nullopt);
    inner.head = 5;
    EXPECT_EQ(blocks.header_by_number(5).value()->header.number, 5u);
    EXPECT_EQ(blocks.header_by_number(5).value()->header.number, 5u);
    EXPECT_EQ(inner.reads, 3);

    // Errors are not kept; whole blocks pass through.
    inner.fail = true;
    EXPECT_FALSE(blocks.header_by_number(1).has_value());
    inner.fail = false;
    EXPECT_EQ(blocks.header_by_number(1).value()->header.number, 1u);
    EXPECT_EQ(inner.reads, 5);
    EXPECT_EQ(blocks.block_by_number(1, false).value()->header.number, 1u);
    EXPECT_EQ(blocks.block_by_number(1, false).value()->header.number, 1u);
    EXPECT_EQ(inner.block_reads, 2);
}

TEST(HeaderCachingBlockService, KeepsOnlyTheNewestUsed) {
    CountingBlocks inner;
    inner.head = 100;
    HeaderCachingBlockService blocks{inner, 4};
    for (uint64_t n = 0; n <= 100; ++n) EXPECT_EQ(blocks.header_by_number(n).value()->header.number, n);
    EXPECT_EQ(inner.reads, 101);
    for (uint64_t n = 97; n <= 100; ++n) EXPECT_EQ(blocks.header_by_number(n).value()->hash, hash_of(n));
    EXPECT_EQ(inner.reads, 101);
    EXPECT_EQ(blocks.header_by_hash(hash_of(0)).value()->header.number, 0u);  // evicted: asked
    EXPECT_EQ(inner.reads, 102);
    // Block 97, used least recently, made room for block 0.
    EXPECT_EQ(blocks.header_by_number(97).value()->header.number, 97u);
    EXPECT_EQ(inner.reads, 103);
}

}  // namespace
}  // namespace yao::portal
