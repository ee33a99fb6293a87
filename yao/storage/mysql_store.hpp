// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <yao/common/error.hpp>

#include "chain_store.hpp"

namespace yao::storage {

/// How a store on a MySQL-protocol server (TiDB, MySQL 8, MariaDB) is reached.
struct MysqlOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 3306;
    std::string unix_socket;  ///< used instead of host/port when not empty
    std::string user = "root";
    std::string password;
    std::string database = "yaoverse";  ///< letters, digits and '_' only
    /// Runs CREATE DATABASE IF NOT EXISTS before connecting to `database`.
    bool create_database = false;
    /// Reads only: no migration (the schema must be this build's) and every session READ ONLY,
    /// so that the server refuses any write (audits: `yaoverse verify`).
    bool read_only = false;
    /// Connections kept open (opened lazily, replaced when the server drops them).
    size_t pool_size = 4;
    std::chrono::seconds connect_timeout{5};
    /// Socket read and write timeouts: a server that stops answering becomes kConnectionLost.
    std::chrono::seconds io_timeout{60};
    /// Attempts for an operation that fails with a retryable error (deadlock 1213, lock wait
    /// timeout 1205, lost connection 2006/2013, cannot connect 2002/2003, TiDB write conflict).
    int max_attempts = 5;
    /// First pause between attempts; doubles after each.
    std::chrono::milliseconds initial_backoff{20};
};

/// Connects to the server, applies pending schema migrations (unless `read_only`) and returns
/// the store.
Result<std::unique_ptr<ChainStore>> make_mysql_store(const MysqlOptions& options);

}  // namespace yao::storage
