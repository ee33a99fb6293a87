// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "schema.hpp"

#include <array>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "errc.hpp"

namespace yao::storage {
namespace {

// Tables are written once with type tokens, then rendered per dialect.
//
// MySQL family (TiDB, MySQL 8, MariaDB): the seed's types, except that its DECIMAL(78,0) is not
// accepted by any of the three (their maximum precision is 65, and 2^256 - 1 has 78 digits), so
// amounts are decimal text in VARCHAR(78): exact for every uint256, readable, and
// CAST(x AS DECIMAL(65,0)) gives numbers for any realistic amount. Tables are ascii with binary
// collation: every text column holds lower-case hex or decimal digits.
//
// SQLite: INTEGER, TEXT and BLOB. Amounts must be TEXT there too: a DECIMAL column has numeric
// affinity, which would turn an integer above 2^63 into a lossy REAL.
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kMysqlTypes{{
    {"$LONGBLOB", "LONGBLOB"},
    {"$TINYINT", "TINYINT"},
    {"$BIGINT", "BIGINT"},
    {"$TEXT255", "VARCHAR(255)"},
    {"$TEXT64", "VARCHAR(64)"},
    {"$AMOUNT", "VARCHAR(78)"},
    {"$UPDATED", "TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP"},
    {"$CREATED", "TIMESTAMP DEFAULT CURRENT_TIMESTAMP"},
    {"$AUTOID", "BIGINT AUTO_INCREMENT PRIMARY KEY"},
    {"$BLOB", "BLOB"},
    {"$HASH", "CHAR(66)"},
    {"$ADDR", "CHAR(42)"},
    {"$BOOL", "BOOLEAN"},
}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kSqliteTypes{{
    {"$LONGBLOB", "BLOB"},
    {"$TINYINT", "INTEGER"},
    {"$BIGINT", "INTEGER"},
    {"$TEXT255", "TEXT"},
    {"$TEXT64", "TEXT"},
    {"$AMOUNT", "TEXT"},
    {"$UPDATED", "TEXT DEFAULT CURRENT_TIMESTAMP"},
    {"$CREATED", "TEXT DEFAULT CURRENT_TIMESTAMP"},
    {"$AUTOID", "INTEGER PRIMARY KEY"},
    {"$BLOB", "BLOB"},
    {"$HASH", "TEXT"},
    {"$ADDR", "TEXT"},
    {"$BOOL", "INTEGER"},
}};
// "$INT" last: the longer tokens above contain no "$INT", but keep the order explicit.
constexpr std::string_view kIntToken = "$INT";

struct IndexDef {
    std::string_view name;
    std::string_view columns;
    bool unique = false;
};

/// An index a migration creates, or replaces when one of that name exists with other columns.
struct IndexChange {
    std::string_view table;
    std::string_view name;
    std::string_view columns;
};

struct TableDef {
    std::string_view name;
    std::string_view columns;  ///< column and key definitions with type tokens
    std::vector<IndexDef> indexes;
};

// The seed's six tables keep its column names and meanings; columns after the seed's are what
// reading a block back exactly needs (the encoded header and transaction, the transaction type,
// the fee fields of EIP-1559) and the version of each state row (block_number). Indexes: the
// seed's names, widened with block_number where eth_getLogs filters by address or topic within
// a block range; the seed's idx_balance and idx_updated_at on accounts are left out (accounts is
// the most written table, and an index on decimal text would not sort by amount).
std::vector<TableDef> version1_tables() {
    return {
        {"chain_meta",
         "meta_key $TEXT64 NOT NULL PRIMARY KEY,\n"
         "  meta_value $TEXT255 NOT NULL",
         {}},
        {"blocks",
         "number $BIGINT PRIMARY KEY,\n"
         "  hash $HASH UNIQUE NOT NULL,\n"
         "  parent_hash $HASH NOT NULL,\n"
         "  timestamp $BIGINT NOT NULL,\n"
         "  gas_limit $BIGINT NOT NULL,\n"
         "  gas_used $BIGINT NOT NULL,\n"
         "  state_root $HASH NOT NULL,\n"
         "  receipt_hash $HASH NOT NULL,\n"
         "  created_at $CREATED,\n"
         "  miner $ADDR NOT NULL,\n"
         "  transactions_root $HASH NOT NULL,\n"
         "  logs_bloom $BLOB NOT NULL,\n"
         "  base_fee_per_gas $AMOUNT,\n"
         "  transaction_count $INT NOT NULL,\n"
         "  header_rlp $LONGBLOB NOT NULL",
         {}},
        {"transactions",
         "hash $HASH PRIMARY KEY,\n"
         "  block_number $BIGINT NOT NULL,\n"
         "  block_hash $HASH NOT NULL,\n"
         "  transaction_index $INT NOT NULL,\n"
         "  from_address $ADDR NOT NULL,\n"
         "  to_address $ADDR,\n"
         "  value $AMOUNT NOT NULL,\n"
         "  gas_limit $BIGINT NOT NULL,\n"
         "  gas_price $AMOUNT NOT NULL,\n"
         "  data $LONGBLOB,\n"
         "  nonce $BIGINT NOT NULL,\n"
         "  v $AMOUNT NOT NULL,\n"
         "  r $HASH NOT NULL,\n"
         "  s $HASH NOT NULL,\n"
         "  type $TINYINT NOT NULL,\n"
         "  chain_id $BIGINT,\n"
         "  max_fee_per_gas $AMOUNT,\n"
         "  max_priority_fee_per_gas $AMOUNT,\n"
         "  raw $LONGBLOB NOT NULL",
         {{"idx_block_number", "block_number, transaction_index", true},
          {"idx_from_address", "from_address"},
          {"idx_to_address", "to_address"}}},
        {"accounts",
         "address $ADDR PRIMARY KEY,\n"
         "  nonce $BIGINT NOT NULL DEFAULT 0,\n"
         "  balance $AMOUNT NOT NULL DEFAULT '0',\n"
         "  code_hash $HASH NOT NULL DEFAULT "
         "'0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',\n"
         "  storage_root $HASH NOT NULL DEFAULT "
         "'0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421',\n"
         "  updated_at $UPDATED,\n"
         "  block_number $BIGINT NOT NULL",
         {}},
        {"contract_storage",
         "address $ADDR NOT NULL,\n"
         "  storage_key $HASH NOT NULL,\n"
         "  storage_value $HASH NOT NULL,\n"
         "  block_number $BIGINT NOT NULL,\n"
         "  PRIMARY KEY (address, storage_key)",
         {{"idx_block_number", "block_number"}}},
        {"receipts",
         "transaction_hash $HASH PRIMARY KEY,\n"
         "  transaction_index $INT NOT NULL,\n"
         "  block_hash $HASH NOT NULL,\n"
         "  block_number $BIGINT NOT NULL,\n"
         "  from_address $ADDR NOT NULL,\n"
         "  to_address $ADDR,\n"
         "  gas_used $BIGINT NOT NULL,\n"
         "  cumulative_gas_used $BIGINT NOT NULL,\n"
         "  contract_address $ADDR,\n"
         "  status $TINYINT NOT NULL,\n"
         "  effective_gas_price $AMOUNT NOT NULL,\n"
         "  logs_bloom $BLOB NOT NULL,\n"
         "  type $TINYINT NOT NULL,\n"
         "  first_log_index $INT NOT NULL",
         {{"idx_block_number", "block_number, transaction_index", true},
          {"idx_from_address", "from_address"},
          {"idx_to_address", "to_address"}}},
        {"logs",
         "id $AUTOID,\n"
         "  address $ADDR NOT NULL,\n"
         "  topic0 $HASH,\n"
         "  topic1 $HASH,\n"
         "  topic2 $HASH,\n"
         "  topic3 $HASH,\n"
         "  data $LONGBLOB,\n"
         "  block_number $BIGINT NOT NULL,\n"
         "  block_hash $HASH NOT NULL,\n"
         "  transaction_hash $HASH NOT NULL,\n"
         "  transaction_index $INT NOT NULL,\n"
         "  log_index $INT NOT NULL,\n"
         "  removed $BOOL NOT NULL DEFAULT FALSE",
         {{"idx_address", "address, block_number"},
          {"idx_topic0", "topic0, block_number"},
          {"idx_topic1", "topic1, block_number"},
          {"idx_topic2", "topic2, block_number"},
          {"idx_block_number", "block_number, log_index", true},
          {"idx_tx_hash", "transaction_hash"}}},
        // Code by hash, written once (content addressed). block_number: the block that first
        // stored it.
        {"contract_code",
         "code_hash $HASH PRIMARY KEY,\n"
         "  code $LONGBLOB NOT NULL,\n"
         "  block_number $BIGINT NOT NULL",
         {}},
        // The value an account had before block `block_number` changed it; nonce, balance and
        // code_hash are NULL when the account did not exist. The account after block B is the
        // first row with block_number > B, or the current row when there is none.
        {"account_history",
         "address $ADDR NOT NULL,\n"
         "  block_number $BIGINT NOT NULL,\n"
         "  nonce $BIGINT,\n"
         "  balance $AMOUNT,\n"
         "  code_hash $HASH,\n"
         "  PRIMARY KEY (address, block_number)",
         {{"idx_block_number", "block_number"}}},
        // The value a slot had before block `block_number` changed it; NULL when it was unset.
        {"storage_history",
         "address $ADDR NOT NULL,\n"
         "  storage_key $HASH NOT NULL,\n"
         "  block_number $BIGINT NOT NULL,\n"
         "  storage_value $HASH,\n"
         "  PRIMARY KEY (address, storage_key, block_number)",
         {{"idx_block_number", "block_number"}}},
    };
}

/// Version 2: sequencer election. Version 1 had a `leases` table no code ever wrote; it is
/// replaced by one with the fields of a Kubernetes Lease (lease_store.hpp), and the fence
/// (chain_meta.sequencer_epoch, checked by every commit) starts at 0.
TableDef version2_leases() {
    return {"leases",
            "name $TEXT64 NOT NULL PRIMARY KEY,\n"
            "  holder $TEXT255 NOT NULL,\n"
            "  duration_ms $BIGINT NOT NULL,\n"
            "  acquire_time_us $BIGINT NOT NULL,\n"
            "  renew_time_us $BIGINT NOT NULL,\n"
            "  transitions $BIGINT NOT NULL,\n"
            "  version $BIGINT NOT NULL,\n"
            "  updated_at $UPDATED",
            {}};
}

/// Version 3: the state patches of a development node's helpers (chain/state_patch.hpp), one row
/// per patched block, its canonical RLP; the block's extraData is keccak256 of it.
TableDef version3_state_patches() {
    return {"state_patches",
            "block_number $BIGINT PRIMARY KEY,\n"
            "  patch $LONGBLOB NOT NULL",
            {}};
}

/// Version 4: the address history of Otterscan's ots_ methods (ChainStore::address_history and
/// friends). The seed's from/to indexes of transactions are widened with (block_number,
/// transaction_index), the order a page is read in, so that a page of an address's history is
/// one index range however many transactions the address has; (from_address, nonce) finds a
/// sender's transaction by nonce; receipts get the same order by contract_address for
/// creations. The seed's from/to indexes of receipts stay (the seed's schema), unused.
std::vector<IndexChange> version4_indexes() {
    return {
        {"transactions", "idx_from_address", "from_address, block_number, transaction_index"},
        {"transactions", "idx_to_address", "to_address, block_number, transaction_index"},
        {"transactions", "idx_from_nonce", "from_address, nonce"},
        {"receipts", "idx_contract_address", "contract_address, block_number, transaction_index"}};
}

std::string render_types(std::string_view text, sql::Dialect dialect) {
    const auto& types = dialect == sql::Dialect::kMysql ? kMysqlTypes : kSqliteTypes;
    std::string out{text};
    for (const auto& [token, type] : types) {
        for (size_t pos = out.find(token); pos != std::string::npos;
             pos = out.find(token, pos + type.size()))
            out.replace(pos, token.size(), type);
    }
    const std::string_view int_type = dialect == sql::Dialect::kMysql ? "INT" : "INTEGER";
    for (size_t pos = out.find(kIntToken); pos != std::string::npos;
         pos = out.find(kIntToken, pos + int_type.size()))
        out.replace(pos, kIntToken.size(), int_type);
    return out;
}

std::vector<std::string> render_table(const TableDef& t, sql::Dialect dialect) {
    std::vector<std::string> out;
    std::string columns = render_types(t.columns, dialect);
    if (dialect == sql::Dialect::kMysql) {
        // MySQL 8 has no CREATE INDEX IF NOT EXISTS, so indexes go inside CREATE TABLE.
        for (const auto& idx : t.indexes)
            columns += fmt::format(",\n  {}INDEX {} ({})", idx.unique ? "UNIQUE " : "", idx.name,
                                   idx.columns);
        out.push_back(fmt::format(
            "CREATE TABLE IF NOT EXISTS {} (\n  {}\n) ENGINE=InnoDB DEFAULT CHARSET=ascii "
            "COLLATE=ascii_bin",
            t.name, columns));
    } else {
        out.push_back(fmt::format("CREATE TABLE IF NOT EXISTS {} (\n  {}\n)", t.name, columns));
        // SQLite index names are global to the database: prefix them with the table.
        for (const auto& idx : t.indexes)
            out.push_back(fmt::format("CREATE {}INDEX IF NOT EXISTS {}_{} ON {} ({})",
                                      idx.unique ? "UNIQUE " : "", t.name, idx.name, t.name,
                                      idx.columns));
    }
    return out;
}

std::string_view insert_if_absent(sql::Dialect dialect) {
    return dialect == sql::Dialect::kMysql ? "INSERT IGNORE" : "INSERT OR IGNORE";
}

/// The index changes of migration `version`.
std::vector<IndexChange> migration_indexes(int version) {
    if (version == 4) return version4_indexes();
    return {};
}

/// The columns of index `name` on `table` as "a, b, c" (lower case); empty when there is none.
/// MySQL family only (information_schema).
Result<std::string> index_columns(sql::Connection& conn, std::string_view table,
                                  std::string_view name) {
    YAO_TRY(auto* st, conn.prepare("SELECT column_name FROM information_schema.statistics WHERE "
                                   "table_schema = DATABASE() AND table_name = ? AND "
                                   "index_name = ? ORDER BY seq_in_index"));
    st->bind_text(0, table);
    st->bind_text(1, name);
    YAO_TRY_VOID(st->execute());
    std::string out;
    for (;;) {
        YAO_TRY(bool more, st->next());
        if (!more) break;
        if (!out.empty()) out += ", ";
        for (char ch : st->get_text(0))
            out += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    }
    return out;
}

/// Brings one index to its columns on a MySQL-family server, which has no CREATE INDEX IF NOT
/// EXISTS (MySQL 8): reads what exists, drops an index of that name with other columns, adds
/// the index. Re-reads after every step, so that a migration interrupted half-way, or run by
/// two processes at once, still ends with the index as asked.
Result<void> ensure_index(sql::Connection& conn, const IndexChange& change) {
    std::optional<Error> last_error;
    for (int step = 0; step < 4; ++step) {
        YAO_TRY(const std::string columns, index_columns(conn, change.table, change.name));
        if (columns == change.columns) return {};
        const std::string ddl =
            columns.empty()
                ? fmt::format("ALTER TABLE {} ADD INDEX {} ({})", change.table, change.name,
                              change.columns)
                : fmt::format("ALTER TABLE {} DROP INDEX {}", change.table, change.name);
        if (auto done = conn.execute(ddl); !done) last_error = std::move(done).error();
    }
    if (last_error) return std::unexpected(*last_error);
    return fail(Errc::kDatabase, fmt::format("index {}.{} could not be made ({})", change.table,
                                             change.name, change.columns));
}

Result<void> set_version(sql::Connection& conn, int version) {
    YAO_TRY(auto* st, conn.prepare("REPLACE INTO chain_meta (meta_key, meta_value) VALUES (?, ?)"));
    st->bind_text(0, "schema_version");
    st->bind_text(1, std::to_string(version));
    return st->execute();
}

}  // namespace

std::vector<std::string> migration_statements(int version, sql::Dialect dialect) {
    std::vector<std::string> out;
    if (version == 1) {
        for (const auto& table : version1_tables()) {
            auto statements = render_table(table, dialect);
            out.insert(out.end(), statements.begin(), statements.end());
        }
        // The head rows exist from the start, so that a commit can lock them (SELECT ... FOR
        // UPDATE) even on an empty chain. An empty value means "no block yet".
        out.push_back(
            fmt::format("{} INTO chain_meta (meta_key, meta_value) VALUES ('head_number', ''), "
                        "('head_hash', ''), ('genesis_hash', '')",
                        insert_if_absent(dialect)));
    } else if (version == 2) {
        out.push_back("DROP TABLE IF EXISTS leases");
        auto statements = render_table(version2_leases(), dialect);
        out.insert(out.end(), statements.begin(), statements.end());
        out.push_back(fmt::format(
            "{} INTO chain_meta (meta_key, meta_value) VALUES ('sequencer_epoch', '0')",
            insert_if_absent(dialect)));
    } else if (version == 3) {
        out = render_table(version3_state_patches(), dialect);
    } else if (version == 4 && dialect == sql::Dialect::kSqlite) {
        // The MySQL family's index changes are not plain statements: migrate() checks
        // information_schema first (ensure_index).
        for (const auto& change : migration_indexes(version)) {
            out.push_back(fmt::format("DROP INDEX IF EXISTS {}_{}", change.table, change.name));
            out.push_back(fmt::format("CREATE INDEX IF NOT EXISTS {}_{} ON {} ({})", change.table,
                                      change.name, change.table, change.columns));
        }
    }
    return out;
}

Result<int> schema_version(sql::Connection& conn) {
    YAO_TRY(auto* st,
            conn.prepare("SELECT meta_value FROM chain_meta WHERE meta_key = 'schema_version'"));
    YAO_TRY_VOID(st->execute());
    YAO_TRY(bool found, st->next());
    if (!found) return 0;
    const std::string text{st->get_text(0)};
    // Read to the end: SQLite refuses DROP INDEX while a statement of the connection is
    // still stepping.
    YAO_TRY(const bool more, st->next());
    if (more) return fail(Errc::kCorruptRow, "chain_meta.schema_version appears twice");
    int version = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (ec != std::errc{} || end != text.data() + text.size() || version < 0)
        return fail(Errc::kCorruptRow, fmt::format("chain_meta.schema_version '{}'", text));
    return version;
}

Result<void> migrate(sql::Connection& conn) {
    const auto dialect = conn.dialect();
    // chain_meta first: it records the version of everything else.
    for (const auto& sql : render_table(version1_tables().front(), dialect))
        YAO_TRY_VOID(conn.execute(sql));
    YAO_TRY(const int current, schema_version(conn));
    if (current > kSchemaVersion)
        return fail(Errc::kSchemaTooNew,
                    fmt::format("database schema version {} is newer than this build's {}", current,
                                kSchemaVersion));
    for (int version = current + 1; version <= kSchemaVersion; ++version) {
        // SQLite runs DDL transactionally: a migration is all or nothing there. MySQL-family
        // servers commit each DDL statement, which is why every statement is idempotent.
        const bool transactional = dialect == sql::Dialect::kSqlite;
        if (transactional) YAO_TRY_VOID(conn.begin(true));
        auto applied = [&]() -> Result<void> {
            for (const auto& sql : migration_statements(version, dialect))
                YAO_TRY_VOID(conn.execute(sql));
            if (dialect == sql::Dialect::kMysql)
                for (const auto& change : migration_indexes(version))
                    YAO_TRY_VOID(ensure_index(conn, change));
            return set_version(conn, version);
        }();
        if (!applied) {
            if (transactional) conn.rollback();
            return applied;
        }
        if (transactional) YAO_TRY_VOID(conn.commit());
    }
    return {};
}

}  // namespace yao::storage
