// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include <yao/common/error.hpp>

#include "chain_store.hpp"

namespace yao::storage {

/// How an SQLite store is opened.
struct SqliteOptions {
    /// A file path (created when missing, WAL mode) or ":memory:" (one private in-memory
    /// database, gone when the store is destroyed).
    std::string path = ":memory:";
    /// Connections kept open; readers run concurrently with the one writer (WAL). Forced to 1 for
    /// ":memory:", where every connection would otherwise see its own database.
    size_t pool_size = 4;
    /// How long a connection waits for another's write lock before reporting kTransient.
    std::chrono::milliseconds busy_timeout{5'000};
    /// true: synchronous=FULL, a commit survives power loss. false: synchronous=NORMAL, a commit
    /// survives the crash of the process (SIGKILL) but the last ones may be lost on power loss.
    bool durable = true;
    /// Opens an existing file read-only (SQLITE_OPEN_READONLY, no migration, no pragma that
    /// writes): a WAL reader that can run beside the process writing the chain. A missing file
    /// is an error instead of a new database.
    bool read_only = false;
    /// Attempts for an operation that fails with a retryable error (busy database).
    int max_attempts = 5;
    /// First pause between attempts; doubles after each.
    std::chrono::milliseconds initial_backoff{10};
};

/// Opens (creating and migrating when needed) an SQLite chain store.
Result<std::unique_ptr<ChainStore>> make_sqlite_store(const SqliteOptions& options);

/// Configures the SQLite library for this process once, before its first use (every opener here
/// calls it): no memory statistics, which SQLite otherwise keeps under one process-wide mutex
/// taken by every allocation of every connection (about 9% of Archive's commit thread). A no-op
/// when SQLite was initialised already.
void configure_sqlite();

}  // namespace yao::storage
