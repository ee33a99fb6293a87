// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <yao/common/error.hpp>
#include <yao/storage/mysql_store.hpp>

#include "server_process.hpp"

namespace yao::storage::test_util {

/// A private mariadbd for tests and benchmarks: its own data directory under /tmp, a free
/// loopback port, no grant tables (any user, no password). The system tables are made once per
/// process by mariadb-install-db into a template directory that each server copies.
/// Durability is the server's default (innodb_flush_log_at_trx_commit=1): a commit that
/// returned survives kill().
class MariadbServer {
public:
    /// Initialises a data directory and starts the server; ready when it accepts a connection.
    static Result<std::unique_ptr<MariadbServer>> start();

    ~MariadbServer() = default;
    MariadbServer(const MariadbServer&) = delete;
    MariadbServer& operator=(const MariadbServer&) = delete;

    uint16_t port() const noexcept { return port_; }
    const std::string& data_dir() const noexcept { return data_dir_; }

    /// Options for a store on this server using `database` (created when missing).
    MysqlOptions store_options(std::string database) const;

    /// Runs one statement as root through the plain C API (test set-up and tampering only).
    Result<void> execute(std::string_view sql, std::string_view database = {}) const;

    /// The first column of the first row of a query as root (nullopt: no row or NULL).
    Result<std::optional<std::string>> query_value(std::string_view sql,
                                                   std::string_view database = {}) const;

    /// SIGKILL: the server crashes; clients see lost connections.
    void kill() noexcept { process_.kill(); }
    /// Graceful shutdown (SIGTERM).
    void stop() noexcept { process_.stop(); }
    /// Starts again on the same data directory and port (InnoDB recovers after a kill).
    Result<void> restart() { return process_.restart(); }
    bool running() const noexcept { return process_.running(); }

private:
    MariadbServer(TempDir dir, uint16_t port) : dir_{std::move(dir)}, port_{port} {}
    Result<void> launch();

    TempDir dir_;
    std::string data_dir_;
    uint16_t port_;
    ServerProcess process_;
};

}  // namespace yao::storage::test_util
