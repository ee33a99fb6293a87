// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <string>
#include <vector>

#include <yao/common/error.hpp>

#include "sql.hpp"

namespace yao::storage {

/// The newest schema version this build knows (chain_meta.schema_version).
inline constexpr int kSchemaVersion = 4;

/// The DDL statements of migration `version` (1..kSchemaVersion) in `dialect`. Each statement is
/// idempotent (IF NOT EXISTS, insert-if-absent), because MySQL-family servers commit DDL
/// implicitly: a migration interrupted half-way is simply run again. Index changes on the MySQL
/// family (version 3: the address-history indexes) are not among them: MySQL 8 has no
/// CREATE INDEX IF NOT EXISTS, so migrate() reads information_schema and alters what differs.
std::vector<std::string> migration_statements(int version, sql::Dialect dialect);

/// Brings the database to kSchemaVersion: reads chain_meta.schema_version (0 when absent),
/// applies every newer migration in order and records each. Errors: kSchemaTooNew when the
/// database is newer than this build, and the database codes.
Result<void> migrate(sql::Connection& conn);

/// The schema version recorded in the database (0 before the first migration).
Result<int> schema_version(sql::Connection& conn);

}  // namespace yao::storage
