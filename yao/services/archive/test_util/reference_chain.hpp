// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The chain the services must reproduce (DESIGN.md section 2): every proposal executed on the
// committed state, one after the other, and committed with archive::build_commit. Shared by the
// service tests (Archive, Vulcan) and the pipeline's determinism test. Header-only: link
// yao_archive, yao_execution and yao_execution_test_util.
#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include <yao/execution/block_executor.hpp>
#include <yao/execution/test_util/world.hpp>
#include <yao/services/archive/commit_service.hpp>
#include <yao/storage/chain_store_source.hpp>
#include <yao/storage/sqlite_store.hpp>

namespace yao::test {

/// A private in-memory SQLite store holding the genesis block of `w`.
inline std::shared_ptr<storage::ChainStore> genesis_store(const World& w) {
    auto store = std::shared_ptr<storage::ChainStore>{storage::make_sqlite_store({}).value()};
    EXPECT_EQ(store->commit_block(genesis_commit(w)).value(), storage::CommitOutcome::kCommitted);
    return store;
}

/// The head of `store`, as build_commit takes it.
inline archive::Head store_head(storage::ChainStore& store) {
    const uint64_t number = store.head_number().value().value();
    const storage::StoredBlock b = store.header_by_number(number).value().value();
    return {number, b.hash, b.header.state_root, b.header.timestamp, b.header.prev_randao};
}

/// The hash of committed block `number` of `store`, nullopt above the head.
inline std::optional<Hash256> store_hash(storage::ChainStore& store, uint64_t number) {
    auto b = store.header_by_number(number).value();
    return b ? std::optional{b->hash} : std::nullopt;
}

/// store_hash as execution::execute_block reads hashes (a read error is the store's).
inline execution::BlockHashReader store_hashes(std::shared_ptr<storage::ChainStore> store) {
    return [store = std::move(store)](uint64_t n) -> Result<std::optional<Hash256>> {
        YAO_TRY(auto b, store->header_by_number(n));
        return b ? std::optional{b->hash} : std::nullopt;
    };
}

/// `p` executed on the committed state of `store` as a worker with an empty cache executes it
/// (an Oracle over the store alone), with its read set.
inline proto::ExecutionResult execute_on(const std::shared_ptr<storage::ChainStore>& store,
                                         const proto::Proposal& p) {
    auto l1 = std::make_shared<state::L1Cache>(state::L1Cache::Options{16u << 20, 1});
    state::Oracle oracle{l1, {std::make_shared<storage::ChainStoreSource>(store)}};
    proto::ExecutionResult r =
        execution::execute_block(p, oracle, store_hashes(store), kChainId).value();
    r.reads = oracle.take_read_set();
    return r;
}

/// Commits `r` on top of the head of `store` (with its deferred coinbase fee) without any check
/// of its reads; returns the block hash.
inline Hash256 commit_on(storage::ChainStore& store, const proto::ExecutionResult& r) {
    auto coinbase = store.account(r.proposal.coinbase).value();
    storage::BlockCommit c = archive::build_commit(r, store_head(store), coinbase, {}).value();
    EXPECT_EQ(store.commit_block(c).value(), storage::CommitOutcome::kCommitted);
    return c.hash;
}

/// Executes and commits `p` on `store` (the sequential chain); returns the result it committed.
inline proto::ExecutionResult execute_and_commit(const std::shared_ptr<storage::ChainStore>& store,
                                                 const proto::Proposal& p) {
    proto::ExecutionResult r = execute_on(store, p);
    commit_on(*store, r);
    return r;
}

}  // namespace yao::test
