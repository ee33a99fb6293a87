// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Online backup of a chain store and its restore (docs/operations.md "Backup and restore"):
// the store-level half. An SQLite store is copied with SQLite's online backup API inside one
// read transaction, so the copy is the database as of one commit while the writer keeps
// committing (WAL: readers never block the writer). A MySQL-protocol store is dumped by
// `mariadb-dump --single-transaction` (or `mysqldump`), one InnoDB snapshot. The command that
// wraps these (yao/app/backup_command.cpp) writes the manifest and checks restores.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <system_error>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>

namespace yao::storage {

struct MysqlOptions;

/// Why a backup or a restore did not happen.
enum class BackupErrc {
    kTargetNotEmpty = 1,  ///< the restore target (or the backup's output) already holds data
    kNoBackup,            ///< the backup to restore is missing or incomplete
    kManifestMismatch,    ///< the backup disagrees with its manifest or with the target's chain
    kToolFailed,          ///< mariadb-dump / mariadb could not run or exited with an error
    kNoHead,              ///< the store holds no chain (no head recorded in chain_meta)
    kIo,                  ///< a file could not be read or written
};

const std::error_category& backup_category() noexcept;

inline std::error_code make_error_code(BackupErrc e) noexcept {
    return {static_cast<int>(e), backup_category()};
}

/// The chain a snapshot holds, as its own chain_meta records it (written by the same commit as
/// the head block, so it is the head of the snapshot).
struct SnapshotHead {
    uint64_t number = 0;
    Hash256 hash;
    Hash256 genesis_hash;
    /// The chain id a stored transaction was signed for (EIP-155 and typed transactions);
    /// nullopt when the chain holds none that carries one. The store keeps no chain id of its
    /// own: this is how a backup checks the one it is told.
    std::optional<uint64_t> txn_chain_id;
};

/// How an SQLite backup paces itself.
struct SqliteBackupOptions {
    /// Pages copied per sqlite3_backup_step; between steps the source connection yields its
    /// mutex (the writer is another connection and never waits for a WAL reader anyway).
    int pages_per_step = 1024;
    /// How long opening the source waits for a lock another connection holds.
    std::chrono::milliseconds busy_timeout{5'000};
    /// Called after each step with the pages left and the total (optional).
    std::function<void(int remaining, int total)> progress;
};

/// Copies the SQLite chain store at `source` (possibly being written by a running node) into the
/// new file `dest` (which must not exist), as of one commit: the copy runs inside one read
/// transaction of the source. Returns the snapshot's head, read from the source in that same
/// transaction and checked against the copy. Errors: kNoHead, kIo, and storage::Errc::kDatabase
/// with SQLite's message.
Result<SnapshotHead> backup_sqlite(const std::string& source, const std::string& dest,
                                   const SqliteBackupOptions& options = {});

/// The head recorded in an SQLite chain database (opened read-only), checked against its
/// blocks table. Errors: kNoHead, storage::Errc::kCorruptRow, kDatabase.
Result<SnapshotHead> read_sqlite_head(const std::string& path);

/// Writes a consistent dump of `options.database` into `dest` with `mariadb-dump
/// --single-transaction` (falling back to `mysqldump`). The credentials go to the tool in a
/// private option file (mode 0600, removed afterwards), never on its command line. Returns the
/// head recorded in the dump's chain_meta rows. Errors: kToolFailed (with the tool's stderr),
/// kNoHead, kIo.
Result<SnapshotHead> dump_mysql(const MysqlOptions& options, const std::string& dest);

/// Tables in `options.database` (0 when the database does not exist).
/// Errors: storage::Errc::kConnectionLost, kDatabase.
Result<size_t> mysql_table_count(const MysqlOptions& options);

/// Creates `options.database` when missing and loads the dump `dump` into it with the `mariadb`
/// client (falling back to `mysql`); credentials as for dump_mysql. Returns whether the database
/// was created by this call. Errors: kToolFailed, kIo, storage::Errc::kConnectionLost.
Result<bool> load_mysql(const MysqlOptions& options, const std::string& dump);

/// Removes what a failed restore left: the database when `drop_database`, else every table in
/// it (the restore refused a database that had any). Best effort.
void undo_mysql_load(const MysqlOptions& options, bool drop_database) noexcept;

}  // namespace yao::storage

template <>
struct std::is_error_code_enum<yao::storage::BackupErrc> : std::true_type {};
