// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// The small driver layer under SqlChainStore: one prepared-statement API that the SQLite and the
// MySQL-protocol backends implement, so that the store logic (and its SQL) is written once.
// Internal to yao/storage: other modules use ChainStore.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>

namespace yao::storage::sql {

/// Which SQL dialect a connection speaks. The store's SQL is common to both except where a
/// statement says otherwise (types in the schema, locking reads, upserts).
enum class Dialect { kSqlite, kMysql };

/// A prepared statement. Parameters and columns are numbered from 0. Bound text and blobs are
/// copied, so the caller's buffers need not outlive the call. Not thread-safe; it belongs to its
/// Connection.
class Statement {
public:
    virtual ~Statement() = default;

    virtual void bind_null(size_t index) = 0;
    virtual void bind_int(size_t index, int64_t value) = 0;
    virtual void bind_text(size_t index, std::string_view value) = 0;
    virtual void bind_blob(size_t index, BytesView value) = 0;

    /// Runs the statement with the bound parameters. A query's rows are then read with next().
    /// Discards the rows of a previous execution.
    virtual Result<void> execute() = 0;
    /// Moves to the next row; false after the last.
    virtual Result<bool> next() = 0;

    virtual bool is_null(size_t column) const = 0;
    virtual int64_t get_int(size_t column) const = 0;
    /// Text of a column; valid until the next call of next() or execute().
    virtual std::string_view get_text(size_t column) const = 0;
    /// Bytes of a column; valid until the next call of next() or execute().
    virtual BytesView get_blob(size_t column) const = 0;

    /// Rows changed by the last execution of an INSERT, UPDATE or DELETE.
    virtual uint64_t affected_rows() const = 0;
};

/// One database connection. Not thread-safe: the pool hands it to one thread at a time.
class Connection {
public:
    virtual ~Connection() = default;

    virtual Dialect dialect() const noexcept = 0;
    /// Runs SQL without parameters or rows (DDL, session settings).
    virtual Result<void> execute(std::string_view sql) = 0;
    /// A prepared statement for `sql`, cached by its text. The pointer stays valid until the
    /// connection is returned to the pool.
    virtual Result<Statement*> prepare(std::string_view sql) = 0;
    /// Starts a transaction: `write` takes the write lock up front where the backend has one
    /// (SQLite BEGIN IMMEDIATE); a read transaction gives a consistent snapshot.
    virtual Result<void> begin(bool write) = 0;
    virtual Result<void> commit() = 0;
    /// Best effort; a failure marks the connection broken.
    virtual void rollback() noexcept = 0;
    /// True once the connection is unusable (the server went away); the pool then drops it.
    virtual bool broken() const noexcept = 0;
    /// Called by the pool when the connection comes back: drops cached statements beyond a bound.
    virtual void trim_cache() noexcept = 0;
};

/// A bounded pool of connections, opened lazily by a factory. Thread-safe.
class ConnectionPool {
public:
    using Factory = std::function<Result<std::unique_ptr<Connection>>()>;

    ConnectionPool(Factory factory, size_t size);
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    /// A connection on loan; returned to the pool (or dropped when broken) on destruction.
    class Lease {
    public:
        Lease(ConnectionPool* pool, std::unique_ptr<Connection> conn)
            : pool_{pool}, conn_{std::move(conn)} {}
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        Connection& operator*() const noexcept { return *conn_; }
        Connection* operator->() const noexcept { return conn_.get(); }

    private:
        ConnectionPool* pool_;
        std::unique_ptr<Connection> conn_;
    };

    /// Waits for a free connection, opening a new one when fewer than `size` exist.
    Result<Lease> acquire();

private:
    void release(std::unique_ptr<Connection> conn) noexcept;

    Factory factory_;
    const size_t size_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Connection>> idle_;  ///< guarded by mutex_
    size_t open_ = 0;                                ///< connections in existence; by mutex_
};

/// How often and how patiently an operation is retried after a retryable error.
struct RetryPolicy {
    int max_attempts = 5;
    std::chrono::milliseconds initial_backoff{10};
};

/// Runs `fn(Connection&)` (which returns a Result) on a pooled connection, retrying retryable
/// failures (Errc::kTransient, kConnectionLost) with exponential backoff. `fn` must leave the
/// connection outside any transaction when it returns, whatever the outcome.
template <typename Fn>
auto with_connection(ConnectionPool& pool, const RetryPolicy& policy, Fn&& fn)
    -> decltype(fn(std::declval<Connection&>()));

/// Sleeps for `backoff` and doubles it (capped at one second). For with_connection.
void backoff_sleep(std::chrono::milliseconds& backoff) noexcept;

/// True for errors worth another attempt.
bool retryable(const Error& error) noexcept;

template <typename Fn>
auto with_connection(ConnectionPool& pool, const RetryPolicy& policy, Fn&& fn)
    -> decltype(fn(std::declval<Connection&>())) {
    auto backoff = policy.initial_backoff;
    for (int attempt = 1;; ++attempt) {
        Error error;
        {
            auto lease = pool.acquire();
            if (!lease) {
                error = std::move(lease).error();
            } else {
                auto result = fn(**lease);
                if (result) return result;
                error = std::move(result).error();
            }
        }  // the connection goes back to the pool (or is dropped) before the pause
        if (attempt >= policy.max_attempts || !retryable(error)) return std::unexpected(error);
        backoff_sleep(backoff);
    }
}

// ---- Helpers shared by the store ---------------------------------------------------------------

/// "(?,?,?),(?,?,?)": `rows` groups of `columns` placeholders (no user data in SQL text).
std::string placeholders(size_t rows, size_t columns);

/// One chunk of a keyed query: keys [first, first + count) bound into a statement made for
/// `shape` keys (count rounded up to a power of two; the extra slots repeat the last key, which
/// changes nothing in an IN list or an OR of equalities).
struct KeyChunk {
    size_t first = 0;
    size_t count = 0;
    size_t shape = 0;
    /// The key bound in slot `i` of the statement.
    size_t key(size_t i) const noexcept { return first + (i < count ? i : count - 1); }
};

/// Chunks of at most `max_keys` (a power of two) keys covering [0, total).
std::vector<KeyChunk> key_chunks(size_t total, size_t max_keys);

/// "(?,?,?)": an IN list of `n` placeholders.
std::string in_list(size_t n);

}  // namespace yao::storage::sql
