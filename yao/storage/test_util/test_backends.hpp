// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// The databases the store's tests and benchmarks run against: SQLite in memory, SQLite in a
// file (WAL), and a database on a private mariadbd started for the process.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <yao/common/error.hpp>
#include <yao/storage/chain_store.hpp>

#include "mariadb_server.hpp"
#include "server_process.hpp"

namespace yao::storage::test_util {

enum class BackendKind { kSqliteMemory, kSqliteFile, kMariadb };

/// "sqlite_memory", "sqlite_file", "mariadb".
std::string_view backend_name(BackendKind kind);

/// The process-wide mariadbd, started on first use and stopped at exit.
Result<MariadbServer*> shared_mariadb();

/// One empty database of a backend, private to one test.
class TestDatabase {
public:
    /// A new empty database: a fresh file in a temp dir, or a new MariaDB database. When
    /// `server` is given (MariaDB only) the database lives there instead of on the shared one.
    static Result<std::unique_ptr<TestDatabase>> make(BackendKind kind,
                                                      MariadbServer* server = nullptr);

    BackendKind kind() const noexcept { return kind_; }

    /// Opens a store on the database. For SQLite in memory the one store is made by the first
    /// call; later calls fail (a private in-memory database cannot be opened twice).
    Result<std::unique_ptr<ChainStore>> open(bool durable = true);

    /// Whether open() can be called again after the store is destroyed (not for :memory:).
    bool reopenable() const noexcept { return kind_ != BackendKind::kSqliteMemory; }

    /// Waits until no session of another process uses the database (MariaDB; a no-op for
    /// SQLite). A server finishes a statement it received even when the client that sent it
    /// has died: a COMMIT sent just before a SIGKILL still completes afterwards.
    Result<void> wait_idle(std::chrono::milliseconds timeout = std::chrono::seconds{30});

    /// Runs raw SQL on the database, bypassing the store (to tamper with rows in tests).
    /// Not available for SQLite in memory.
    Result<void> execute_raw(std::string_view sql);

    /// The SQLite file path, or the MariaDB database name.
    const std::string& location() const noexcept { return location_; }

private:
    TestDatabase(BackendKind kind, std::unique_ptr<TempDir> dir, MariadbServer* server,
                 std::string location)
        : kind_{kind}, dir_{std::move(dir)}, server_{server}, location_{std::move(location)} {}

    BackendKind kind_;
    std::unique_ptr<TempDir> dir_;
    MariadbServer* server_;
    std::string location_;
    bool opened_ = false;
};

}  // namespace yao::storage::test_util
