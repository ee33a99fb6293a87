// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// A BlockService that keeps the headers it reads. Committed blocks are final (never rewound or
// replaced, docs/cluster.md), so a header found once is the same for good: no invalidation. Every
// eth_call, eth_estimateGas and trace builds its block environment from a header (and BLOCKHASH
// reads more of them); in a cluster each of those reads is a gRPC round trip to YaoArchive and a
// database query. Everything else is forwarded.
#include <cstddef>
#include <list>
#include <mutex>
#include <unordered_map>

#include <yao/services/archive/api/forwarding_block_service.hpp>

namespace yao::portal {

class HeaderCachingBlockService final : public archive::ForwardingBlockService {
public:
    /// Reads through `inner` (which must outlive this), keeping the `capacity` headers read last.
    HeaderCachingBlockService(archive::BlockService& inner, size_t capacity);

    /// Kept when found; "no such block" and errors are not (the block may be committed later).
    Result<std::optional<storage::StoredBlock>> header_by_number(uint64_t number) override;
    Result<std::optional<storage::StoredBlock>> header_by_hash(const Hash256& hash) override;

    /// Header reads answered here, and those asked from `inner`.
    size_t hits() const;
    size_t misses() const;

private:
    /// The header under `key` in `index` (by_number_ or by_hash_), now the most recently used.
    template <typename Index, typename Key>
    std::optional<storage::StoredBlock> find(Index& index, const Key& key);
    void keep(const storage::StoredBlock& header);

    const size_t capacity_;
    mutable std::mutex mu_;
    std::list<storage::StoredBlock> lru_;  ///< most recently used first
    std::unordered_map<uint64_t, std::list<storage::StoredBlock>::iterator> by_number_;
    std::unordered_map<Hash256, std::list<storage::StoredBlock>::iterator> by_hash_;
    size_t hits_ = 0;
    size_t misses_ = 0;
};

}  // namespace yao::portal
