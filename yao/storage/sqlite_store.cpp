// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "sqlite_store.hpp"

#include <pthread.h>
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "errc.hpp"
#include "sql.hpp"
#include "sql_chain_store.hpp"

namespace yao::storage {
namespace {

/// Statements cached per connection beyond which the cache is emptied when the connection goes
/// back to the pool (log filters of many shapes would otherwise grow it without bound).
constexpr size_t kMaxCachedStatements = 256;

std::unexpected<Error> sqlite_error(sqlite3* db, int rc, std::string_view what) {
    const int primary = rc & 0xff;
    Errc code = Errc::kDatabase;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) code = Errc::kTransient;
    if (primary == SQLITE_CONSTRAINT) code = Errc::kConstraint;
    const char* text = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return fail(code, fmt::format("sqlite {}: {} ({})", rc, text, what.substr(0, 80)));
}

/// Values up to this size are copied into the statement's own per-parameter buffers, which keep
/// their capacity from one execution to the next (no allocation per bound value); larger ones
/// are copied by SQLite (SQLITE_TRANSIENT), so that no statement holds on to big buffers.
constexpr size_t kMaxBufferedValue = 1024;

class SqliteStatement final : public sql::Statement {
public:
    SqliteStatement(sqlite3* db, sqlite3_stmt* stmt)
        : db_{db}, stmt_{stmt}, buffers_(static_cast<size_t>(sqlite3_bind_parameter_count(stmt))) {}
    ~SqliteStatement() override { sqlite3_finalize(stmt_); }
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    void bind_null(size_t i) override { sqlite3_bind_null(stmt_, index(i)); }
    void bind_int(size_t i, int64_t v) override { sqlite3_bind_int64(stmt_, index(i), v); }
    void bind_text(size_t i, std::string_view v) override {
        const char* data = v.data();
        auto destructor = SQLITE_TRANSIENT;
        if (v.size() <= kMaxBufferedValue && i < buffers_.size()) {
            // SQLite reads the value when the statement runs; the buffer changes only by
            // binding this parameter again, which replaces the binding.
            buffers_[i].assign(v);
            data = buffers_[i].data();
            destructor = SQLITE_STATIC;
        }
        sqlite3_bind_text64(stmt_, index(i), data, v.size(), destructor, SQLITE_UTF8);
    }
    void bind_blob(size_t i, BytesView v) override {
        // A zero-length blob must stay a blob, not NULL: give SQLite a non-null pointer.
        static const uint8_t kEmpty = 0;
        const void* data = v.empty() ? &kEmpty : v.data();
        auto destructor = SQLITE_TRANSIENT;
        if (!v.empty() && v.size() <= kMaxBufferedValue && i < buffers_.size()) {
            buffers_[i].assign(reinterpret_cast<const char*>(v.data()), v.size());
            data = buffers_[i].data();
            destructor = SQLITE_STATIC;
        }
        sqlite3_bind_blob64(stmt_, index(i), data, v.size(), destructor);
    }

    Result<void> execute() override {
        sqlite3_reset(stmt_);
        pending_ = false;
        done_ = true;
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) {
            pending_ = true;
            done_ = false;
            return {};
        }
        if (rc == SQLITE_DONE) {
            changes_ = static_cast<uint64_t>(sqlite3_changes64(db_));
            // A finished statement must be reset before new values can be bound.
            sqlite3_reset(stmt_);
            return {};
        }
        sqlite3_reset(stmt_);
        return sqlite_error(db_, rc, sqlite3_sql(stmt_));
    }

    Result<bool> next() override {
        if (pending_) {
            pending_ = false;
            return true;
        }
        if (done_) return false;
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        done_ = true;
        if (rc == SQLITE_DONE) {
            sqlite3_reset(stmt_);
            return false;
        }
        sqlite3_reset(stmt_);
        return sqlite_error(db_, rc, sqlite3_sql(stmt_));
    }

    bool is_null(size_t c) const override {
        return sqlite3_column_type(stmt_, column(c)) == SQLITE_NULL;
    }
    int64_t get_int(size_t c) const override { return sqlite3_column_int64(stmt_, column(c)); }
    std::string_view get_text(size_t c) const override {
        const auto* text = sqlite3_column_text(stmt_, column(c));
        if (text == nullptr) return {};
        return {reinterpret_cast<const char*>(text),
                static_cast<size_t>(sqlite3_column_bytes(stmt_, column(c)))};
    }
    BytesView get_blob(size_t c) const override {
        const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, column(c)));
        if (data == nullptr) return {};
        return {data, static_cast<size_t>(sqlite3_column_bytes(stmt_, column(c)))};
    }
    uint64_t affected_rows() const override { return changes_; }

    /// Ends any running execution, so that it holds no read snapshot.
    void reset() noexcept {
        sqlite3_reset(stmt_);
        pending_ = false;
        done_ = true;
    }

private:
    static int index(size_t i) { return static_cast<int>(i) + 1; }
    static int column(size_t c) { return static_cast<int>(c); }

    sqlite3* db_;
    sqlite3_stmt* stmt_;
    std::vector<std::string> buffers_;  ///< per parameter: the value SQLite reads (STATIC)
    bool pending_ = false;  ///< execute() stepped onto a row that next() has not returned yet
    bool done_ = true;
    uint64_t changes_ = 0;
};

/// Copies the write-ahead log back into the database file on its own connection and thread, so
/// that no commit pays for it: SQLite's automatic checkpoint runs inside the COMMIT that takes the
/// log past 1,000 pages, on the committing thread, and on a chain that thread is Archive's one
/// ordered commit thread (a sixth of its time under load). The writers' connections report the
/// log's size after each commit (sqlite3_wal_hook, which replaces the automatic checkpoint);
/// past kCheckpointFrames the thread runs a PASSIVE checkpoint, which never blocks a reader or
/// the writer. The log restarts from its beginning at the first commit after a checkpoint has
/// copied all of it. Should checkpoints fall behind anyway (a reader holding an old snapshot for
/// long), past kMaxFrames a FULL checkpoint waits for the writer and the readers to let it
/// finish, which bounds the log.
class WalCheckpointer {
public:
    static constexpr int kCheckpointFrames = 1000;  // SQLite's automatic threshold
    static constexpr int kMaxFrames = 16 * kCheckpointFrames;

    /// nullptr when its connection cannot be opened: the writers then keep SQLite's automatic
    /// checkpoint.
    static std::shared_ptr<WalCheckpointer> start(const std::string& path) {
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                            nullptr) != SQLITE_OK) {
            sqlite3_close_v2(db);
            return nullptr;
        }
        // The checkpoint's writes to the database file are synced per the writers' setting:
        // synchronous is per connection, and FULL is the stricter of the two.
        sqlite3_exec(db, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
        sqlite3_busy_timeout(db, 1'000);
        return std::shared_ptr<WalCheckpointer>(new WalCheckpointer(db));
    }

    ~WalCheckpointer() {
        {
            std::scoped_lock lock{mu_};
            stop_ = true;
        }
        cv_.notify_one();
        thread_.join();
        sqlite3_close_v2(db_);
    }
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    /// Installs the report on a writer's connection.
    void watch(sqlite3* writer) { sqlite3_wal_hook(writer, &WalCheckpointer::on_commit, this); }

private:
    explicit WalCheckpointer(sqlite3* db) : db_{db}, thread_{[this] { run(); }} {}

    static int on_commit(void* self, sqlite3*, const char*, int frames) {
        if (frames >= kCheckpointFrames) static_cast<WalCheckpointer*>(self)->due(frames);
        return SQLITE_OK;
    }

    void due(int frames) {
        {
            std::scoped_lock lock{mu_};
            frames_ = frames;
        }
        cv_.notify_one();
    }

    void run() {
        pthread_setname_np(pthread_self(), "sqlite-ckpt");
        std::unique_lock lock{mu_};
        while (true) {
            cv_.wait(lock, [&] { return stop_ || frames_ != 0; });
            if (stop_) return;
            const int mode =
                frames_ >= kMaxFrames ? SQLITE_CHECKPOINT_FULL : SQLITE_CHECKPOINT_PASSIVE;
            frames_ = 0;
            lock.unlock();
            // Errors (a busy lock, a failing disk) leave the log as it is; the next report tries
            // again, and the commits themselves report a failing disk.
            sqlite3_wal_checkpoint_v2(db_, nullptr, mode, nullptr, nullptr);
            lock.lock();
        }
    }

    sqlite3* db_;
    std::mutex mu_;
    std::condition_variable cv_;
    int frames_ = 0;  // the log's size at the last report past the threshold; 0 when none
    bool stop_ = false;
    std::thread thread_;  // last: starts once the members above exist
};

class SqliteConnection final : public sql::Connection {
public:
    explicit SqliteConnection(sqlite3* db) : db_{db} {}
    ~SqliteConnection() override {
        statements_.clear();
        sqlite3_close_v2(db_);
    }
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    sql::Dialect dialect() const noexcept override { return sql::Dialect::kSqlite; }

    /// Hands this connection's checkpoints to `checkpointer` (kept alive while it reports).
    void checkpoint_with(std::shared_ptr<WalCheckpointer> checkpointer) {
        checkpointer_ = std::move(checkpointer);
        if (checkpointer_) checkpointer_->watch(db_);
    }

    Result<void> execute(std::string_view sql) override {
        const std::string text{sql};
        const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) return sqlite_error(db_, rc, sql);
        return {};
    }

    Result<sql::Statement*> prepare(std::string_view sql) override {
        std::string key{sql};
        if (auto it = statements_.find(key); it != statements_.end()) {
            // Binding fails on a statement left mid-query: start from a reset one.
            it->second->reset();
            return it->second.get();
        }
        sqlite3_stmt* stmt = nullptr;
        const int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                          SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK) return sqlite_error(db_, rc, sql);
        auto owned = std::make_unique<SqliteStatement>(db_, stmt);
        auto* raw = owned.get();
        statements_.emplace(std::move(key), std::move(owned));
        return raw;
    }

    Result<void> begin(bool write) override {
        // IMMEDIATE takes the write lock now, so two writers queue on busy_timeout instead of
        // one failing at its first write (a deferred transaction cannot upgrade under WAL).
        return execute(write ? "BEGIN IMMEDIATE" : "BEGIN");
    }

    Result<void> commit() override {
        reset_all();
        auto r = execute("COMMIT");
        if (!r) rollback();
        return r;
    }

    void rollback() noexcept override {
        reset_all();
        if (sqlite3_get_autocommit(db_) == 0)
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }

    bool broken() const noexcept override { return false; }

    void trim_cache() noexcept override {
        reset_all();
        if (statements_.size() > kMaxCachedStatements) statements_.clear();
    }

private:
    void reset_all() noexcept {
        for (auto& [sql, stmt] : statements_) stmt->reset();
    }

    sqlite3* db_;
    std::shared_ptr<WalCheckpointer> checkpointer_;  // kept alive while this connection reports
    std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> statements_;
};

/// Page cache of a reading connection and of the commits' own connection, in KiB (an upper
/// bound: SQLite allocates pages as it reads them).
constexpr int kReaderCacheKib = 32 * 1024;
constexpr int kWriterCacheKib = 256 * 1024;

/// The store's one checkpointer, started by the first writer's connection (the file exists then).
struct CheckpointerSlot {
    std::mutex mu;
    bool tried = false;
    std::shared_ptr<WalCheckpointer> checkpointer;
};

/// `cache_kib`: the connection's page cache.
Result<std::unique_ptr<sql::Connection>> open_connection(const SqliteOptions& options,
                                                         bool in_memory, CheckpointerSlot& slot,
                                                         int cache_kib) {
    sqlite3* db = nullptr;
    const int flags =
        (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
        SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(options.path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        auto err = sqlite_error(db, rc, options.path);
        sqlite3_close_v2(db);
        return err;
    }
    auto conn = std::make_unique<SqliteConnection>(db);
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, static_cast<int>(options.busy_timeout.count()));
    // A reader leaves the file as it is: its journal mode and page size are the writer's.
    if (options.read_only) return conn;
    std::string pragmas =
        options.durable ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
    pragmas += fmt::format(
        "PRAGMA foreign_keys=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-{};", cache_kib);
    // 16 KiB pages (a no-op on an existing database, which keeps the size it was made with):
    // rows here are a few hundred bytes of hex text, so 4 KiB pages hold a handful each; a
    // commit of a big block then writes (and checkpoints) about a third fewer bytes in far
    // fewer WAL frames, and the trees are a level shallower. It must precede journal_mode=WAL,
    // the first statement that writes a new file.
    if (!in_memory) pragmas = "PRAGMA page_size=16384; PRAGMA journal_mode=WAL;" + pragmas;
    if (auto r = conn->execute(pragmas); !r) return std::unexpected(std::move(r).error());
    if (!in_memory) {
        std::scoped_lock lock{slot.mu};
        if (!slot.tried) {
            slot.tried = true;
            slot.checkpointer = WalCheckpointer::start(options.path);
        }
        conn->checkpoint_with(slot.checkpointer);
    }
    return conn;
}

}  // namespace

void configure_sqlite() {
    static std::once_flag once;
    std::call_once(once, [] {
        // SQLITE_MISUSE when the library is initialised already: it then keeps its settings.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        sqlite3_initialize();
    });
}

Result<std::unique_ptr<ChainStore>> make_sqlite_store(const SqliteOptions& options) {
    configure_sqlite();
    const bool in_memory = options.path == ":memory:" || options.path.empty();
    SqliteOptions opts = options;
    if (opts.path.empty()) opts.path = ":memory:";
    auto slot = std::make_shared<CheckpointerSlot>();
    auto factory = [opts, in_memory, slot](int cache_kib) {
        return [opts, in_memory, slot, cache_kib] {
            return open_connection(opts, in_memory, *slot, cache_kib);
        };
    };
    auto pool = std::make_unique<sql::ConnectionPool>(factory(kReaderCacheKib),
                                                      in_memory ? 1 : options.pool_size);
    // Commits on a connection of their own, whose page cache the readers do not reset (":memory:"
    // has one connection for everything: each would see its own database), and a larger one:
    // the hash-keyed indexes take their inserts at random pages across the whole tree.
    std::unique_ptr<sql::ConnectionPool> commit_pool;
    if (!in_memory && !options.read_only)
        commit_pool = std::make_unique<sql::ConnectionPool>(factory(kWriterCacheKib), 1);
    return SqlChainStore::open(std::move(pool), sql::Dialect::kSqlite,
                               {options.max_attempts, options.initial_backoff}, options.read_only,
                               std::move(commit_pool));
}

}  // namespace yao::storage
