// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// The GoogleTest fixture of the shared ChainStore suite: every test runs once per backend
// (SQLite in memory, SQLite file, MariaDB), each on a fresh empty database.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include <yao/storage/chain_store.hpp>

#include "chain_fixtures.hpp"
#include "test_backends.hpp"

/// Asserts that a Result holds a value and assigns it to `lhs` (a declaration or an lvalue).
#define YAO_ASSERT_OK_AND_ASSIGN(lhs, expr)                                                        \
    auto YAO_CONCAT(result_, __LINE__) = (expr);                                                   \
    ASSERT_TRUE(YAO_CONCAT(result_, __LINE__)) << YAO_CONCAT(result_, __LINE__).error().message(); \
    lhs = std::move(*YAO_CONCAT(result_, __LINE__))

/// Asserts that a Result<void> (or any Result whose value is not needed) succeeded.
#define YAO_ASSERT_OK(expr)                                \
    do {                                                   \
        auto yao_ok_ = (expr);                             \
        ASSERT_TRUE(yao_ok_) << yao_ok_.error().message(); \
    } while (false)

/// Asserts that a Result failed with the error code `errc`.
#define YAO_ASSERT_ERROR(expr, errc)                                           \
    do {                                                                       \
        auto yao_err_ = (expr);                                                \
        ASSERT_FALSE(yao_err_) << "expected " << ::yao::Error{errc}.message(); \
        ASSERT_EQ(yao_err_.error().code(), ::yao::Error{errc}.code())          \
            << yao_err_.error().message();                                     \
    } while (false)

namespace yao::storage::test_util {

class StoreTest : public ::testing::TestWithParam<BackendKind> {
protected:
    void SetUp() override {
        YAO_ASSERT_OK_AND_ASSIGN(db_, TestDatabase::make(GetParam()));
        YAO_ASSERT_OK_AND_ASSIGN(store_, db_->open());
    }

    /// The next block of the fixture chain (number and parent follow the last commit()).
    BlockCommit next_block(BlockSpec spec = {}) const {
        spec.number = next_number_;
        spec.parent_hash = parent_hash_;
        return make_block(spec);
    }

    /// Commits `c`, expecting success, and makes it the parent of the next block.
    void commit(const BlockCommit& c) {
        auto r = store_->commit_block(c);
        ASSERT_TRUE(r) << r.error().message();
        ASSERT_EQ(*r, CommitOutcome::kCommitted);
        next_number_ = c.header.number + 1;
        parent_hash_ = c.hash;
    }

    /// Closes and reopens the store on the same database (file and MariaDB backends only).
    void reopen() {
        store_.reset();
        YAO_ASSERT_OK_AND_ASSIGN(store_, db_->open());
    }

    bool reopenable() const { return db_->reopenable(); }

    std::unique_ptr<TestDatabase> db_;
    std::unique_ptr<ChainStore> store_;
    uint64_t next_number_ = 0;
    Hash256 parent_hash_;
};

/// Every backend, for INSTANTIATE_TEST_SUITE_P.
inline auto all_backends() {
    return ::testing::Values(BackendKind::kSqliteMemory, BackendKind::kSqliteFile,
                             BackendKind::kMariadb);
}

/// Names parameterised tests after the backend: ChainStore/StoreTest.X/sqlite_file.
inline std::string backend_param_name(const ::testing::TestParamInfo<BackendKind>& info) {
    return std::string{backend_name(info.param)};
}

}  // namespace yao::storage::test_util
