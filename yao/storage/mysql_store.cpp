// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "mysql_store.hpp"

#include <mysql.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "errc.hpp"
#include "sql.hpp"
#include "sql_chain_store.hpp"

namespace yao::storage {
namespace {

constexpr size_t kMaxCachedStatements = 256;

/// Maps a server or client error number to the store's codes. The numbers are the servers'
/// documented ones (MySQL/MariaDB server error reference, client error reference, TiDB error
/// codes).
Errc classify(unsigned int number) {
    switch (number) {
        case 1213:  // ER_LOCK_DEADLOCK: the transaction was rolled back, run it again
        case 1205:  // ER_LOCK_WAIT_TIMEOUT
        case 1040:  // ER_CON_COUNT_ERROR: too many connections for now
        case 8002:  // TiDB: SELECT FOR UPDATE hit a write conflict
        case 8022:  // TiDB: transaction retry error
        case 8028:  // TiDB: information schema changed during the transaction
        case 9001:  // TiDB: PD server timeout
        case 9002:  // TiDB: TiKV server timeout
        case 9005:  // TiDB: region unavailable
        case 9007:  // TiDB: write conflict (optimistic transactions)
            return Errc::kTransient;
        case 2002:  // CR_CONNECTION_ERROR: cannot connect through the socket
        case 2003:  // CR_CONN_HOST_ERROR: cannot connect to host:port
        case 2006:  // CR_SERVER_GONE_ERROR
        case 2013:  // CR_SERVER_LOST: lost during a query
        case 2055:  // CR_SERVER_LOST_EXTENDED
        case 1053:  // ER_SERVER_SHUTDOWN
        case 1927:  // ER_CONNECTION_KILLED (MariaDB)
        case 4031:  // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8: idle connection closed)
            return Errc::kConnectionLost;
        case 1062:  // ER_DUP_ENTRY
        case 1586:  // ER_DUP_ENTRY_WITH_KEY_NAME
            return Errc::kConstraint;
        default:
            return Errc::kDatabase;
    }
}

std::unexpected<Error> db_error(unsigned int number, const char* text, std::string_view what) {
    return fail(classify(number),
                fmt::format("mysql {}: {} ({})", number, text, what.substr(0, 80)));
}

bool is_integer_type(enum_field_types t) {
    switch (t) {
        case MYSQL_TYPE_TINY:
        case MYSQL_TYPE_SHORT:
        case MYSQL_TYPE_INT24:
        case MYSQL_TYPE_LONG:
        case MYSQL_TYPE_LONGLONG:
        case MYSQL_TYPE_YEAR:
            return true;
        default:
            return false;
    }
}

class MysqlConnection;

/// A MYSQL_STMT with parameter storage and buffered results (mysql_stmt_store_result, so that a
/// statement's rows never block the next statement on the same connection).
class MysqlStatement final : public sql::Statement {
public:
    MysqlStatement(MysqlConnection* conn, MYSQL_STMT* stmt, std::string sql);
    ~MysqlStatement() override {
        mysql_stmt_free_result(stmt_);
        mysql_stmt_close(stmt_);
    }
    MysqlStatement(const MysqlStatement&) = delete;
    MysqlStatement& operator=(const MysqlStatement&) = delete;

    void bind_null(size_t i) override { params_[i].kind = Param::kNull; }
    void bind_int(size_t i, int64_t v) override {
        params_[i].kind = Param::kInt;
        params_[i].integer = v;
    }
    void bind_text(size_t i, std::string_view v) override {
        params_[i].kind = Param::kText;
        params_[i].bytes.assign(v.data(), v.size());
    }
    void bind_blob(size_t i, BytesView v) override {
        params_[i].kind = Param::kBlob;
        params_[i].bytes.assign(reinterpret_cast<const char*>(v.data()), v.size());
    }

    Result<void> execute() override;
    Result<bool> next() override;

    bool is_null(size_t c) const override { return columns_[c].is_null != 0; }
    int64_t get_int(size_t c) const override { return columns_[c].integer; }
    std::string_view get_text(size_t c) const override {
        return {columns_[c].buffer.data(), columns_[c].length};
    }
    BytesView get_blob(size_t c) const override {
        return {reinterpret_cast<const uint8_t*>(columns_[c].buffer.data()), columns_[c].length};
    }
    uint64_t affected_rows() const override { return affected_; }

    void free_result() noexcept {
        if (has_result_) mysql_stmt_free_result(stmt_);
        has_result_ = false;
    }

private:
    struct Param {
        enum Kind { kNull, kInt, kText, kBlob } kind = kNull;
        int64_t integer = 0;
        std::string bytes;
        unsigned long length = 0;
    };
    struct Column {
        bool integer_type = false;
        int64_t integer = 0;
        std::vector<char> buffer;
        unsigned long length = 0;
        my_bool is_null = 0;
        my_bool error = 0;
    };

    std::unexpected<Error> stmt_error();

    MysqlConnection* conn_;
    MYSQL_STMT* stmt_;
    std::string sql_;
    std::vector<Param> params_;
    std::vector<MYSQL_BIND> param_binds_;
    std::vector<Column> columns_;
    std::vector<MYSQL_BIND> column_binds_;
    bool has_result_ = false;
    uint64_t affected_ = 0;
};

class MysqlConnection final : public sql::Connection {
public:
    explicit MysqlConnection(MYSQL* mysql) : mysql_{mysql} {}
    ~MysqlConnection() override {
        statements_.clear();
        mysql_close(mysql_);
    }
    MysqlConnection(const MysqlConnection&) = delete;
    MysqlConnection& operator=(const MysqlConnection&) = delete;

    sql::Dialect dialect() const noexcept override { return sql::Dialect::kMysql; }

    Result<void> execute(std::string_view sql) override {
        if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return error(sql);
        // Statements run this way return no rows, but drain any result to keep the protocol
        // in step.
        do {
            if (MYSQL_RES* res = mysql_store_result(mysql_)) mysql_free_result(res);
        } while (mysql_next_result(mysql_) == 0);
        return {};
    }

    Result<sql::Statement*> prepare(std::string_view sql) override {
        std::string key{sql};
        if (auto it = statements_.find(key); it != statements_.end()) return it->second.get();
        MYSQL_STMT* stmt = mysql_stmt_init(mysql_);
        if (stmt == nullptr) return error(sql);
        if (mysql_stmt_prepare(stmt, key.data(), key.size()) != 0) {
            auto err = db_error(mysql_stmt_errno(stmt), mysql_stmt_error(stmt), sql);
            note(mysql_stmt_errno(stmt));
            mysql_stmt_close(stmt);
            return err;
        }
        auto owned = std::make_unique<MysqlStatement>(this, stmt, key);
        auto* raw = owned.get();
        statements_.emplace(std::move(key), std::move(owned));
        return raw;
    }

    Result<void> begin(bool /*write*/) override { return execute("START TRANSACTION"); }

    Result<void> commit() override {
        free_all();
        if (auto r = execute("COMMIT"); !r) {
            rollback();
            return r;
        }
        return {};
    }

    void rollback() noexcept override {
        free_all();
        if (broken_) return;
        if (mysql_real_query(mysql_, "ROLLBACK", 8) != 0) broken_ = true;
    }

    bool broken() const noexcept override { return broken_; }

    void trim_cache() noexcept override {
        free_all();
        if (statements_.size() > kMaxCachedStatements) statements_.clear();
    }

    /// Records that an error with this number happened; a lost connection is never reused.
    void note(unsigned int number) noexcept {
        if (classify(number) == Errc::kConnectionLost || number == 2014) broken_ = true;
    }

private:
    std::unexpected<Error> error(std::string_view what) {
        const unsigned int number = mysql_errno(mysql_);
        note(number);
        return db_error(number, ::mysql_error(mysql_), what);
    }

    void free_all() noexcept {
        for (auto& [sql, stmt] : statements_) stmt->free_result();
    }

    MYSQL* mysql_;
    bool broken_ = false;
    std::unordered_map<std::string, std::unique_ptr<MysqlStatement>> statements_;
};

MysqlStatement::MysqlStatement(MysqlConnection* conn, MYSQL_STMT* stmt, std::string sql)
    : conn_{conn}, stmt_{stmt}, sql_{std::move(sql)} {
    params_.resize(mysql_stmt_param_count(stmt_));
    param_binds_.resize(params_.size());
    const my_bool update_max_length = 1;
    mysql_stmt_attr_set(stmt_, STMT_ATTR_UPDATE_MAX_LENGTH, &update_max_length);
}

std::unexpected<Error> MysqlStatement::stmt_error() {
    const unsigned int number = mysql_stmt_errno(stmt_);
    conn_->note(number);
    return db_error(number, mysql_stmt_error(stmt_), sql_);
}

Result<void> MysqlStatement::execute() {
    free_result();
    // The binds point into params_, whose strings may have moved since the last call.
    for (size_t i = 0; i < params_.size(); ++i) {
        Param& p = params_[i];
        MYSQL_BIND& b = param_binds_[i];
        b = MYSQL_BIND{};
        switch (p.kind) {
            case Param::kNull:
                b.buffer_type = MYSQL_TYPE_NULL;
                break;
            case Param::kInt:
                b.buffer_type = MYSQL_TYPE_LONGLONG;
                b.buffer = &p.integer;
                break;
            case Param::kText:
            case Param::kBlob:
                b.buffer_type = p.kind == Param::kText ? MYSQL_TYPE_STRING : MYSQL_TYPE_BLOB;
                b.buffer = p.bytes.data();
                p.length = p.bytes.size();
                b.buffer_length = p.length;
                b.length = &p.length;
                break;
        }
    }
    if (!params_.empty() && mysql_stmt_bind_param(stmt_, param_binds_.data()) != 0)
        return stmt_error();
    if (mysql_stmt_execute(stmt_) != 0) return stmt_error();
    affected_ = 0;
    if (mysql_stmt_field_count(stmt_) == 0) {
        const auto n = mysql_stmt_affected_rows(stmt_);
        affected_ = n == static_cast<my_ulonglong>(-1) ? 0 : n;
        return {};
    }
    if (mysql_stmt_store_result(stmt_) != 0) return stmt_error();
    has_result_ = true;
    // With STMT_ATTR_UPDATE_MAX_LENGTH the stored result knows each column's longest value, so
    // every buffer can be sized once and no fetch is ever truncated.
    MYSQL_RES* meta = mysql_stmt_result_metadata(stmt_);
    if (meta == nullptr) return stmt_error();
    const unsigned int count = mysql_num_fields(meta);
    const MYSQL_FIELD* fields = mysql_fetch_fields(meta);
    columns_.resize(count);
    column_binds_.resize(count);
    for (unsigned int c = 0; c < count; ++c) {
        Column& col = columns_[c];
        MYSQL_BIND& b = column_binds_[c];
        b = MYSQL_BIND{};
        col.integer_type = is_integer_type(fields[c].type);
        if (col.integer_type) {
            b.buffer_type = MYSQL_TYPE_LONGLONG;
            b.buffer = &col.integer;
        } else {
            col.buffer.resize(std::max<size_t>(fields[c].max_length, 1));
            b.buffer_type = MYSQL_TYPE_STRING;
            b.buffer = col.buffer.data();
            b.buffer_length = col.buffer.size();
        }
        b.length = &col.length;
        b.is_null = &col.is_null;
        b.error = &col.error;
    }
    mysql_free_result(meta);
    if (mysql_stmt_bind_result(stmt_, column_binds_.data()) != 0) return stmt_error();
    return {};
}

Result<bool> MysqlStatement::next() {
    if (!has_result_) return false;
    const int rc = mysql_stmt_fetch(stmt_);
    if (rc == MYSQL_NO_DATA) return false;
    if (rc == 1) return stmt_error();
    if (rc == MYSQL_DATA_TRUNCATED)
        return fail(Errc::kDatabase, "mysql: column truncated despite max_length (" + sql_ + ")");
    for (auto& col : columns_)
        if (col.integer_type) col.length = 0;
    return true;
}

std::once_flag g_library_init;

bool valid_identifier(std::string_view name) {
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    });
}

Result<std::unique_ptr<MysqlConnection>> connect(const MysqlOptions& o, bool with_database) {
    std::call_once(g_library_init, [] { mysql_library_init(0, nullptr, nullptr); });
    MYSQL* mysql = mysql_init(nullptr);
    if (mysql == nullptr) return fail(Errc::kDatabase, "mysql_init: out of memory");
    const unsigned int connect_timeout = static_cast<unsigned int>(o.connect_timeout.count());
    const unsigned int io_timeout = static_cast<unsigned int>(o.io_timeout.count());
    mysql_optionsv(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
    mysql_optionsv(mysql, MYSQL_OPT_READ_TIMEOUT, &io_timeout);
    mysql_optionsv(mysql, MYSQL_OPT_WRITE_TIMEOUT, &io_timeout);
    mysql_optionsv(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    const bool use_socket = !o.unix_socket.empty();
    if (mysql_real_connect(mysql, use_socket ? "localhost" : o.host.c_str(), o.user.c_str(),
                           o.password.c_str(), with_database ? o.database.c_str() : nullptr,
                           use_socket ? 0 : o.port, use_socket ? o.unix_socket.c_str() : nullptr,
                           0) == nullptr) {
        const std::string where = use_socket ? o.unix_socket : fmt::format("{}:{}", o.host, o.port);
        auto err = db_error(mysql_errno(mysql), ::mysql_error(mysql), "connect " + where);
        mysql_close(mysql);
        return err;
    }
    auto conn = std::make_unique<MysqlConnection>(mysql);
    // Strict mode turns a value that does not fit its column into an error instead of a warning
    // and a silently altered value. Every server in the subset accepts both statements.
    if (auto r = conn->execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION'");
        !r)
        return std::unexpected(std::move(r).error());
    if (auto r = conn->execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ"); !r)
        return std::unexpected(std::move(r).error());
    if (o.read_only) {
        if (auto r = conn->execute("SET SESSION TRANSACTION READ ONLY"); !r)
            return std::unexpected(std::move(r).error());
    }
    return conn;
}

}  // namespace

Result<std::unique_ptr<ChainStore>> make_mysql_store(const MysqlOptions& options) {
    if (!valid_identifier(options.database))
        return fail(Errc::kInvalidArgument, "database name must be [A-Za-z0-9_]{1,64}");
    const sql::RetryPolicy retry{options.max_attempts, options.initial_backoff};
    if (options.create_database && !options.read_only) {
        // The name is checked above and cannot be a parameter: identifiers never are.
        auto created = [&]() -> Result<void> {
            auto backoff = retry.initial_backoff;
            for (int attempt = 1;; ++attempt) {
                auto conn = connect(options, false);
                Result<void> r = conn ? (*conn)->execute("CREATE DATABASE IF NOT EXISTS `" +
                                                         options.database + "`")
                                      : Result<void>{std::unexpected(conn.error())};
                if (r || attempt >= retry.max_attempts || !sql::retryable(r.error())) return r;
                sql::backoff_sleep(backoff);
            }
        }();
        if (!created) return std::unexpected(std::move(created).error());
    }
    auto pool = std::make_unique<sql::ConnectionPool>(
        [options]() -> Result<std::unique_ptr<sql::Connection>> {
            auto conn = connect(options, true);
            if (!conn) return std::unexpected(std::move(conn).error());
            return std::unique_ptr<sql::Connection>{std::move(*conn)};
        },
        options.pool_size);
    return SqlChainStore::open(std::move(pool), sql::Dialect::kMysql, retry, options.read_only);
}

}  // namespace yao::storage
