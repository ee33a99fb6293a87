// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "sqlite_store.hpp"

#include <sqlite3.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "errc.hpp"
#include "sql.hpp"
#include "sql_chain_store.hpp"

namespace yao::storage {
namespace {

/// Statements cached per connection beyond which the cache is emptied when the connection goes
/// back to the pool (log filters of many shapes would otherwise grow it without bound).
constexpr size_t kMaxCachedStatements = 256;

/// WAL pages after a commit from which the background checkpointer is woken (SQLite's own
/// automatic checkpoint threshold).
constexpr int kCheckpointPages = 1'000;
/// WAL pages from which a commit checkpoints by itself, as SQLite would: a backstop for a
/// checkpointer that cannot keep up (4 KiB pages: 256 MiB of WAL).
constexpr int kInlineCheckpointPages = 65'536;

std::unexpected<Error> sqlite_error(sqlite3* db, int rc, std::string_view what) {
    const int primary = rc & 0xff;
    Errc code = Errc::kDatabase;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) code = Errc::kTransient;
    if (primary == SQLITE_CONSTRAINT) code = Errc::kConstraint;
    const char* text = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return fail(code, fmt::format("sqlite {}: {} ({})", rc, text, what.substr(0, 80)));
}

class SqliteStatement final : public sql::Statement {
public:
    SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_{db}, stmt_{stmt} {}
    ~SqliteStatement() override { sqlite3_finalize(stmt_); }
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    void bind_null(size_t i) override { sqlite3_bind_null(stmt_, index(i)); }
    void bind_int(size_t i, int64_t v) override { sqlite3_bind_int64(stmt_, index(i), v); }
    void bind_text(size_t i, std::string_view v) override {
        sqlite3_bind_text64(stmt_, index(i), v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    void bind_blob(size_t i, BytesView v) override {
        // A zero-length blob must stay a blob, not NULL: give SQLite a non-null pointer.
        static const uint8_t kEmpty = 0;
        sqlite3_bind_blob64(stmt_, index(i), v.empty() ? &kEmpty : v.data(), v.size(),
                            SQLITE_TRANSIENT);
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
    bool pending_ = false;  ///< execute() stepped onto a row that next() has not returned yet
    bool done_ = true;
    uint64_t changes_ = 0;
};

/// Copies the WAL back into the database file on a thread and connection of its own. SQLite's
/// automatic checkpoint runs inside the COMMIT that crosses the threshold, so a big block would
/// pay for copying (and syncing) every page it wrote twice before its commit returns; here the
/// commit only appends to the WAL and syncs it, which is all durability needs. Checkpoints are
/// PASSIVE: they never wait for or block readers and writers.
class Checkpointer {
public:
    /// Takes ownership of `db`, a connection to the store's file.
    explicit Checkpointer(sqlite3* db) : db_{db}, thread_{[this] { run(); }} {}
    ~Checkpointer() {
        {
            std::scoped_lock lock{mutex_};
            stop_ = true;
        }
        wake_.notify_one();
        thread_.join();
        sqlite3_close_v2(db_);
    }
    Checkpointer(const Checkpointer&) = delete;
    Checkpointer& operator=(const Checkpointer&) = delete;

    /// Asks for a checkpoint soon; returns at once.
    void request() noexcept {
        {
            std::scoped_lock lock{mutex_};
            pending_ = true;
        }
        wake_.notify_one();
    }

private:
    void run() {
        std::unique_lock lock{mutex_};
        for (;;) {
            wake_.wait(lock, [&] { return pending_ || stop_; });
            if (stop_) return;
            pending_ = false;
            lock.unlock();
            // A failure (busy: another checkpoint is running) leaves the pages for the next one.
            sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
            lock.lock();
        }
    }

    sqlite3* db_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool pending_ = false;  ///< guarded by mutex_
    bool stop_ = false;     ///< guarded by mutex_
    std::thread thread_;    ///< last: starts once the members above exist
};

class SqliteConnection final : public sql::Connection {
public:
    explicit SqliteConnection(sqlite3* db) : db_{db} {}
    ~SqliteConnection() override {
        statements_.clear();
        sqlite3_close_v2(db_);
    }

    /// Gives up the database handle (closed by the new owner), leaving this connection empty.
    sqlite3* release() noexcept {
        statements_.clear();
        return std::exchange(db_, nullptr);
    }

    /// Hands the WAL checkpoints of this connection's commits to `checkpointer` (file stores).
    void use_checkpointer(std::shared_ptr<Checkpointer> checkpointer) noexcept {
        checkpointer_ = std::move(checkpointer);
        // Replaces SQLite's automatic checkpoint, which is itself a WAL hook.
        sqlite3_wal_hook(db_, &SqliteConnection::after_commit, this);
    }
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    sql::Dialect dialect() const noexcept override { return sql::Dialect::kSqlite; }

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

    /// The WAL hook: runs after each commit with the pages now in the WAL.
    static int after_commit(void* self, sqlite3* db, const char* schema, int pages) {
        auto* conn = static_cast<SqliteConnection*>(self);
        if (pages >= kInlineCheckpointPages) {
            sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        } else if (pages >= kCheckpointPages) {
            conn->checkpointer_->request();
        }
        return SQLITE_OK;
    }

    sqlite3* db_;
    std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> statements_;
    std::shared_ptr<Checkpointer> checkpointer_;  ///< file stores only
};

Result<std::unique_ptr<SqliteConnection>> open_connection(const SqliteOptions& options,
                                                         bool in_memory) {
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(options.path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        auto err = sqlite_error(db, rc, options.path);
        sqlite3_close_v2(db);
        return err;
    }
    auto conn = std::make_unique<SqliteConnection>(db);
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, static_cast<int>(options.busy_timeout.count()));
    std::string pragmas =
        options.durable ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
    pragmas += "PRAGMA foreign_keys=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768;";
    if (!in_memory) pragmas = "PRAGMA journal_mode=WAL;" + pragmas;
    if (auto r = conn->execute(pragmas); !r) return std::unexpected(std::move(r).error());
    return conn;
}

/// The pool's connection factory; file stores share one checkpointer, started with the first
/// connection (which also sets up WAL mode, before the checkpointer opens its own).
class ConnectionFactory {
public:
    ConnectionFactory(SqliteOptions options, bool in_memory)
        : options_{std::move(options)}, in_memory_{in_memory} {}

    Result<std::unique_ptr<sql::Connection>> operator()() {
        YAO_TRY(auto conn, open_connection(options_, in_memory_));
        if (!in_memory_) {
            YAO_TRY(auto checkpointer, shared_checkpointer());
            conn->use_checkpointer(std::move(checkpointer));
        }
        return std::unique_ptr<sql::Connection>{std::move(conn)};
    }

private:
    Result<std::shared_ptr<Checkpointer>> shared_checkpointer() {
        std::scoped_lock lock{*mutex_};
        if (*checkpointer_) return *checkpointer_;
        YAO_TRY(auto conn, open_connection(options_, in_memory_));
        *checkpointer_ = std::make_shared<Checkpointer>(conn->release());
        return *checkpointer_;
    }

    SqliteOptions options_;
    bool in_memory_;
    // Shared by the copies std::function makes of the factory.
    std::shared_ptr<std::mutex> mutex_ = std::make_shared<std::mutex>();
    std::shared_ptr<std::shared_ptr<Checkpointer>> checkpointer_ =
        std::make_shared<std::shared_ptr<Checkpointer>>();
};

}  // namespace

Result<std::unique_ptr<ChainStore>> make_sqlite_store(const SqliteOptions& options) {
    const bool in_memory = options.path == ":memory:" || options.path.empty();
    SqliteOptions opts = options;
    if (opts.path.empty()) opts.path = ":memory:";
    auto pool = std::make_unique<sql::ConnectionPool>(ConnectionFactory{opts, in_memory},
                                                      in_memory ? 1 : options.pool_size);
    return SqlChainStore::open(std::move(pool), sql::Dialect::kSqlite,
                               {options.max_attempts, options.initial_backoff});
}

}  // namespace yao::storage
