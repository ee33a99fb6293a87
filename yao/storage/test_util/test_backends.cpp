// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "test_backends.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

#include <yao/storage/mysql_store.hpp>
#include <yao/storage/sqlite_store.hpp>

namespace yao::storage::test_util {

std::string_view backend_name(BackendKind kind) {
    switch (kind) {
        case BackendKind::kSqliteMemory:
            return "sqlite_memory";
        case BackendKind::kSqliteFile:
            return "sqlite_file";
        case BackendKind::kMariadb:
            return "mariadb";
    }
    return "unknown";
}

Result<MariadbServer*> shared_mariadb() {
    static std::mutex mutex;
    static std::unique_ptr<MariadbServer> server;
    std::scoped_lock lock{mutex};
    if (!server) {
        YAO_TRY(server, MariadbServer::start());
    }
    return server.get();
}

Result<std::unique_ptr<TestDatabase>> TestDatabase::make(BackendKind kind, MariadbServer* server) {
    static std::atomic<int> counter{0};
    const int n = counter.fetch_add(1);
    switch (kind) {
        case BackendKind::kSqliteMemory:
            return std::unique_ptr<TestDatabase>{
                new TestDatabase(kind, nullptr, nullptr, ":memory:")};
        case BackendKind::kSqliteFile: {
            YAO_TRY(auto dir, TempDir::make("yao-sqlite-"));
            auto owned = std::make_unique<TempDir>(std::move(dir));
            const std::string path = owned->path() + "/chain.db";
            return std::unique_ptr<TestDatabase>{
                new TestDatabase(kind, std::move(owned), nullptr, path)};
        }
        case BackendKind::kMariadb: {
            if (server == nullptr) {
                YAO_TRY(server, shared_mariadb());
            }
            const std::string name =
                "yao_test_" + std::to_string(getpid()) + "_" + std::to_string(n);
            return std::unique_ptr<TestDatabase>{new TestDatabase(kind, nullptr, server, name)};
        }
    }
    return std::unexpected(Error{std::make_error_code(std::errc::invalid_argument), "kind"});
}

Result<std::unique_ptr<ChainStore>> TestDatabase::open(bool durable) {
    switch (kind_) {
        case BackendKind::kSqliteMemory:
        case BackendKind::kSqliteFile: {
            if (kind_ == BackendKind::kSqliteMemory && opened_)
                return std::unexpected(Error{std::make_error_code(std::errc::invalid_argument),
                                             "an in-memory database cannot be reopened"});
            opened_ = true;
            SqliteOptions o;
            o.path = location_;
            o.durable = durable;
            return make_sqlite_store(o);
        }
        case BackendKind::kMariadb:
            return make_mysql_store(server_->store_options(location_));
    }
    return std::unexpected(Error{std::make_error_code(std::errc::invalid_argument), "kind"});
}

Result<void> TestDatabase::wait_idle(std::chrono::milliseconds timeout) {
    if (kind_ != BackendKind::kMariadb) return {};
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const std::string sql =
        "SELECT COUNT(*) FROM information_schema.processlist WHERE db = '" + location_ + "'";
    for (;;) {
        YAO_TRY(auto sessions, server_->query_value(sql));
        if (sessions == "0") return {};
        if (std::chrono::steady_clock::now() > deadline)
            return std::unexpected(Error{std::make_error_code(std::errc::timed_out),
                                         "sessions still open on " + location_});
        std::this_thread::sleep_for(std::chrono::milliseconds{2});
    }
}

Result<void> TestDatabase::execute_raw(std::string_view sql) {
    if (kind_ == BackendKind::kMariadb) return server_->execute(sql, location_);
    if (kind_ == BackendKind::kSqliteMemory)
        return std::unexpected(Error{std::make_error_code(std::errc::invalid_argument),
                                     "no raw access to an in-memory database"});
    sqlite3* db = nullptr;
    if (sqlite3_open(location_.c_str(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return std::unexpected(Error{std::make_error_code(std::errc::io_error), location_});
    }
    sqlite3_busy_timeout(db, 5000);
    char* message = nullptr;
    const std::string text{sql};
    const int rc = sqlite3_exec(db, text.c_str(), nullptr, nullptr, &message);
    std::string error = message != nullptr ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    if (rc != SQLITE_OK)
        return std::unexpected(Error{std::make_error_code(std::errc::io_error), error});
    return {};
}

}  // namespace yao::storage::test_util
