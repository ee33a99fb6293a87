// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The SQLite half of backup.hpp, and the backup error category.
#include "backup.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include <yao/common/hex.hpp>

#include "errc.hpp"
#include "sqlite_store.hpp"

namespace yao::storage {
namespace {

class BackupCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "backup"; }
    std::string message(int code) const override {
        switch (static_cast<BackupErrc>(code)) {
            case BackupErrc::kTargetNotEmpty:
                return "target_not_empty";
            case BackupErrc::kNoBackup:
                return "no_backup";
            case BackupErrc::kManifestMismatch:
                return "manifest_mismatch";
            case BackupErrc::kToolFailed:
                return "tool_failed";
            case BackupErrc::kNoHead:
                return "no_head";
            case BackupErrc::kIo:
                return "io";
        }
        return "unknown";
    }
};

std::unexpected<Error> sqlite_failure(sqlite3* db, int rc, std::string_view what) {
    const char* text = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return fail(Errc::kDatabase, fmt::format("sqlite {}: {} ({})", rc, text, what));
}

struct DbCloser {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;

struct StmtFinalizer {
    void operator()(sqlite3_stmt* st) const noexcept { sqlite3_finalize(st); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

Result<Db> open_db(const std::string& path, int flags, std::chrono::milliseconds busy_timeout) {
    configure_sqlite();
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    Db db{raw};
    if (rc != SQLITE_OK) return sqlite_failure(raw, rc, "open " + path);
    sqlite3_busy_timeout(raw, static_cast<int>(busy_timeout.count()));
    return db;
}

Result<void> exec(sqlite3* db, const char* sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return {};
    std::string text = message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return fail(Errc::kDatabase, fmt::format("sqlite {}: {} ({})", rc, text, sql));
}

/// The first column of the first row of `sql` with one text parameter, as text (nullopt: no
/// row or NULL).
Result<std::optional<std::string>> query_text(sqlite3* db, const char* sql,
                                              std::string_view param = {}) {
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
    Stmt st{raw};
    if (rc != SQLITE_OK) return sqlite_failure(db, rc, sql);
    if (sqlite3_bind_parameter_count(raw) > 0)
        sqlite3_bind_text(raw, 1, param.data(), static_cast<int>(param.size()), SQLITE_TRANSIENT);
    rc = sqlite3_step(raw);
    if (rc == SQLITE_DONE) return std::optional<std::string>{};
    if (rc != SQLITE_ROW) return sqlite_failure(db, rc, sql);
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, 0));
    if (text == nullptr) return std::optional<std::string>{};
    return std::optional<std::string>{std::string{text}};
}

/// The chain id of the first stored transaction that carries one.
constexpr const char* kTxnChainIdQuery =
    "SELECT chain_id FROM transactions WHERE chain_id IS NOT NULL LIMIT 1";

Result<std::string> meta_value(sqlite3* db, std::string_view key) {
    YAO_TRY(auto value,
            query_text(db, "SELECT meta_value FROM chain_meta WHERE meta_key = ?", key));
    if (!value || value->empty())
        return fail(BackupErrc::kNoHead, fmt::format("chain_meta has no {}", key));
    return std::move(*value);
}

/// chain_meta's head, genesis and the hash of the head's row in blocks, which must agree.
/// Inside the caller's read transaction when it holds one.
Result<SnapshotHead> read_head(sqlite3* db) {
    // A file that is no chain store (no chain_meta) is "no head", not a database error.
    YAO_TRY(auto table, query_text(db,
                                   "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                   "name = 'chain_meta'"));
    if (!table) return fail(BackupErrc::kNoHead, "no chain_meta table: not a chain store");
    YAO_TRY(const std::string number_text, meta_value(db, "head_number"));
    YAO_TRY(const std::string hash_text, meta_value(db, "head_hash"));
    YAO_TRY(const std::string genesis_text, meta_value(db, "genesis_hash"));
    SnapshotHead head;
    try {
        size_t used = 0;
        head.number = std::stoull(number_text, &used);
        if (used != number_text.size()) throw std::invalid_argument{number_text};
    } catch (const std::exception&) {
        return fail(Errc::kCorruptRow, "chain_meta.head_number '" + number_text + "'");
    }
    auto hash = hash_from_hex(hash_text);
    auto genesis = hash_from_hex(genesis_text);
    if (!hash || !genesis)
        return fail(Errc::kCorruptRow, "chain_meta head_hash or genesis_hash is not a hash");
    head.hash = *hash;
    head.genesis_hash = *genesis;
    YAO_TRY(auto row_hash, query_text(db, "SELECT hash FROM blocks WHERE number = ?",
                                      std::to_string(head.number)));
    if (!row_hash || *row_hash != hash_text)
        return fail(Errc::kCorruptRow,
                    fmt::format("chain_meta.head_hash {} is not the hash of block {} ({})",
                                hash_text, head.number, row_hash.value_or("no row")));
    YAO_TRY(auto chain_id, query_text(db, kTxnChainIdQuery));
    if (chain_id) {
        uint64_t value = 0;
        auto [end, ec] =
            std::from_chars(chain_id->data(), chain_id->data() + chain_id->size(), value);
        if (ec != std::errc{} || end != chain_id->data() + chain_id->size())
            return fail(Errc::kCorruptRow, "transactions.chain_id '" + *chain_id + "'");
        head.txn_chain_id = value;
    }
    return head;
}

}  // namespace

const std::error_category& backup_category() noexcept {
    static const BackupCategory category;
    return category;
}

Result<SnapshotHead> backup_sqlite(const std::string& source, const std::string& dest,
                                   const SqliteBackupOptions& options) {
    std::error_code ec;
    if (!std::filesystem::exists(source, ec))
        return fail(BackupErrc::kIo, "no SQLite store at " + source);
    if (std::filesystem::exists(dest, ec))
        return fail(BackupErrc::kTargetNotEmpty, dest + " exists already");
    // Read-write without CREATE: the source is never written, but a reader of a WAL database
    // needs its -shm, which a read-only connection cannot create when no node runs.
    YAO_TRY(Db src, open_db(source, SQLITE_OPEN_READWRITE, options.busy_timeout));
    YAO_TRY(Db dst,
            open_db(dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, options.busy_timeout));
    YAO_TRY(auto mode, query_text(src.get(), "PRAGMA journal_mode"));
    const bool wal = mode && *mode == "wal";

    // One read transaction over the whole copy pins the snapshot: sqlite3_backup_step uses the
    // source's open transaction instead of starting one per step, so commits of other
    // connections never restart the copy and every page comes from the same commit. In WAL
    // mode a reader does not block the writer; the WAL only grows until the copy ends. A
    // rollback-journal database (not what the store creates) would block its writer for the
    // copy's duration: it is copied in one step instead.
    YAO_TRY_VOID(exec(src.get(), "BEGIN"));
    auto head = read_head(src.get());  // starts the read transaction: the snapshot
    if (!head) {
        (void)exec(src.get(), "ROLLBACK");
        return std::unexpected(head.error());
    }
    sqlite3_backup* backup = sqlite3_backup_init(dst.get(), "main", src.get(), "main");
    if (backup == nullptr) {
        auto err = sqlite_failure(dst.get(), sqlite3_errcode(dst.get()), "backup_init");
        (void)exec(src.get(), "ROLLBACK");
        return err;
    }
    const int step = wal ? std::max(1, options.pages_per_step) : -1;
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        rc = sqlite3_backup_step(backup, step);
        if (options.progress)
            options.progress(sqlite3_backup_remaining(backup), sqlite3_backup_pagecount(backup));
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(10);
    }
    const int finish_rc = sqlite3_backup_finish(backup);
    (void)exec(src.get(), "COMMIT");
    if (rc != SQLITE_DONE) return sqlite_failure(dst.get(), rc, "backup_step");
    if (finish_rc != SQLITE_OK) return sqlite_failure(dst.get(), finish_rc, "backup_finish");

    // The copy must say what the snapshot said.
    YAO_TRY(const SnapshotHead copied, read_head(dst.get()));
    if (copied.number != head->number || copied.hash != head->hash)
        return fail(BackupErrc::kManifestMismatch,
                    fmt::format("the copy's head {} differs from the snapshot's {}", copied.number,
                                head->number));
    return *head;
}

Result<SnapshotHead> read_sqlite_head(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return fail(BackupErrc::kIo, "no file " + path);
    // immutable: a finished backup is read as it is, without locks or a -shm beside it.
    std::string uri = "file:";
    for (const char c : path) {
        if (c == '?' || c == '#' || c == '%')
            uri += fmt::format("%{:02X}", static_cast<unsigned>(c));
        else
            uri += c;
    }
    uri += "?immutable=1";
    YAO_TRY(Db db,
            open_db(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, std::chrono::milliseconds{5'000}));
    return read_head(db.get());
}

}  // namespace yao::storage
