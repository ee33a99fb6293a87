// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// `yaoverse backup` and `yaoverse restore` (docs/operations.md "Backup and restore"). The copy
// itself is yao/storage/backup.hpp; this file picks the store from the configuration, writes
// and checks the manifest, and makes both commands all-or-nothing: a backup appears under its
// name only when complete, and a restore that fails its checks leaves the target as empty as
// it found it.
#include "backup_command.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include <fmt/core.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <yao/app/process.hpp>
#include <yao/app/version.hpp>
#include <yao/common/hex.hpp>
#include <yao/config/config.hpp>
#include <yao/infra/file_lock.hpp>
#include <yao/node/wiring.hpp>
#include <yao/storage/backup.hpp>
#include <yao/storage/chain_store.hpp>
#include <yao/storage/mysql_store.hpp>
#include <yao/storage/sqlite_store.hpp>

namespace yao::app {
namespace {

namespace fs = std::filesystem;
using storage::BackupErrc;

constexpr std::string_view kFormat = "yaoverse-backup";
constexpr int kFormatVersion = 1;
constexpr const char* kManifestName = "manifest.json";
constexpr const char* kSqliteFile = "chain.sqlite";
constexpr const char* kDumpFile = "dump.sql";

/// What manifest.json says about the backup beside it.
struct Manifest {
    std::string store;  ///< "sqlite" or "mysql"
    std::string file;   ///< the data file, relative to the backup directory
    uint64_t bytes = 0;
    uint64_t head_number = 0;
    Hash256 head_hash;
    Hash256 genesis_hash;
    uint64_t chain_id = 0;
    std::string created;  ///< UTC, ISO 8601
    std::string version;
};

std::string to_json(const Manifest& m) {
    const nlohmann::ordered_json j = {
        {"format", kFormat},
        {"format_version", kFormatVersion},
        {"store", m.store},
        {"file", m.file},
        {"bytes", m.bytes},
        {"head_number", m.head_number},
        {"head_hash", to_hex(m.head_hash)},
        {"chain_id", m.chain_id},
        {"genesis_hash", to_hex(m.genesis_hash)},
        {"created", m.created},
        {"yaoverse_version", m.version},
    };
    return j.dump(2) + "\n";
}

Result<Manifest> read_manifest(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) return fail(BackupErrc::kNoBackup, "no backup at " + dir.string());
    const fs::path path = dir / kManifestName;
    std::ifstream in{path};
    if (!in)
        return fail(BackupErrc::kNoBackup,
                    path.string() + " is missing: not a (complete) yaoverse backup");
    std::stringstream text;
    text << in.rdbuf();
    const auto bad = [&](std::string why) {
        return fail(BackupErrc::kNoBackup, path.string() + ": " + why);
    };
    const auto j = nlohmann::json::parse(text.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return bad("not JSON");
    try {
        if (j.at("format").get<std::string>() != kFormat) return bad("not a yaoverse backup");
        if (j.at("format_version").get<int>() != kFormatVersion)
            return bad(fmt::format("format_version {} (this build reads {})",
                                   j.at("format_version").dump(), kFormatVersion));
        Manifest m;
        m.store = j.at("store").get<std::string>();
        m.file = j.at("file").get<std::string>();
        m.bytes = j.at("bytes").get<uint64_t>();
        m.head_number = j.at("head_number").get<uint64_t>();
        m.chain_id = j.at("chain_id").get<uint64_t>();
        m.created = j.value("created", "");
        m.version = j.value("yaoverse_version", "");
        auto head = hash_from_hex(j.at("head_hash").get<std::string>());
        auto genesis = hash_from_hex(j.at("genesis_hash").get<std::string>());
        if (!head || !genesis) return bad("head_hash or genesis_hash is not a 32-byte hex hash");
        m.head_hash = *head;
        m.genesis_hash = *genesis;
        if ((m.store != "sqlite" && m.store != "mysql") || m.file.empty() ||
            m.file.find('/') != std::string::npos)
            return bad("unknown store or file");
        return m;
    } catch (const nlohmann::json::exception& e) {
        return bad(e.what());
    }
}

std::string utc_now() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return out;
}

/// fsync of a file or directory, so that a backup reported done survives a power loss.
Result<void> sync_path(const fs::path& p) {
    const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(BackupErrc::kIo, "cannot open " + p.string());
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) return fail(BackupErrc::kIo, "fsync " + p.string());
    return {};
}

Result<void> write_file(const fs::path& p, const std::string& text) {
    {
        std::ofstream out{p, std::ios::binary | std::ios::trunc};
        out << text;
        if (!out.flush()) return fail(BackupErrc::kIo, "cannot write " + p.string());
    }
    return sync_path(p);
}

/// Absent, or an empty directory.
bool empty_or_absent(const fs::path& p) {
    std::error_code ec;
    if (!fs::exists(p, ec)) return true;
    return fs::is_directory(p, ec) && fs::is_empty(p, ec);
}

storage::MysqlOptions mysql_options(const config::NodeConfig& cfg) {
    storage::MysqlOptions o = node::mysql_store_options(cfg);
    o.pool_size = 1;
    return o;
}

std::string target_name(const config::NodeConfig& cfg) {
    if (cfg.store.kind == config::StoreKind::kMysql)
        return fmt::format("mysql {}:{}/{}", cfg.store.mysql.host, cfg.store.mysql.port,
                           cfg.store.mysql.database);
    return config::sqlite_path(cfg).string();
}

// ---- Options --------------------------------------------------------------------------------

struct StoreOptions {
    std::string config_path;
    std::string data_dir;
    std::optional<uint64_t> chain_id;
};

void add_store_options(CLI::App& app, StoreOptions& o) {
    app.add_option("--config", o.config_path, "JSON configuration file (as yaoverse dev takes it)");
    app.add_option("--data-dir", o.data_dir,
                   "the chain's data directory (default ./yaoverse-data)");
    app.add_option("--chain-id", o.chain_id,
                   "chain id (default: the configuration's, 31337 without one)");
}

Result<config::NodeConfig> load(const StoreOptions& o) {
    config::NodeConfig cfg = config::default_config();
    if (!o.config_path.empty()) {
        YAO_TRY(cfg, config::load_config(o.config_path));
    }
    if (!o.data_dir.empty()) cfg.data_dir = o.data_dir;
    if (o.chain_id) cfg.chain.chain_id = *o.chain_id;
    YAO_TRY_VOID(config::validate_config(cfg));
    if (cfg.store.in_memory)
        return fail(config::Errc::kInvalidValue, "store.in_memory: a memory store has no backup");
    return cfg;
}

// ---- Backup ---------------------------------------------------------------------------------

Result<Manifest> backup(const config::NodeConfig& cfg, const fs::path& out) {
    if (!empty_or_absent(out))
        return fail(BackupErrc::kTargetNotEmpty,
                    out.string() + " exists and is not an empty directory");
    // Built beside its final name and renamed when complete: a backup directory with a
    // manifest is always a whole backup.
    const fs::path partial = out.string() + ".partial-" + std::to_string(::getpid());
    std::error_code ec;
    fs::remove_all(partial, ec);
    if (out.has_parent_path()) fs::create_directories(out.parent_path(), ec);
    if (!fs::create_directory(partial, ec))
        return fail(BackupErrc::kIo, "cannot create " + partial.string() + ": " + ec.message());
    auto made = [&]() -> Result<Manifest> {
        Manifest m;
        storage::SnapshotHead head;
        if (cfg.store.kind == config::StoreKind::kMysql) {
            m.store = "mysql";
            m.file = kDumpFile;
            YAO_TRY(head, storage::dump_mysql(mysql_options(cfg), (partial / m.file).string()));
        } else {
            m.store = "sqlite";
            m.file = kSqliteFile;
            storage::SqliteBackupOptions so;
            so.busy_timeout = std::chrono::milliseconds{cfg.store.busy_timeout_ms};
            YAO_TRY(head, storage::backup_sqlite(config::sqlite_path(cfg).string(),
                                                 (partial / m.file).string(), so));
        }
        if (head.txn_chain_id && *head.txn_chain_id != cfg.chain.chain_id)
            return fail(BackupErrc::kManifestMismatch,
                        fmt::format("the chain's transactions are signed for chain id {}, the "
                                    "configuration says {}: pass --chain-id {} (or the node's "
                                    "--config) so that the manifest names the right chain",
                                    *head.txn_chain_id, cfg.chain.chain_id, *head.txn_chain_id));
        YAO_TRY_VOID(sync_path(partial / m.file));
        std::error_code size_ec;
        m.bytes = fs::file_size(partial / m.file, size_ec);
        if (size_ec) return fail(BackupErrc::kIo, "size of " + (partial / m.file).string());
        m.head_number = head.number;
        m.head_hash = head.hash;
        m.genesis_hash = head.genesis_hash;
        m.chain_id = cfg.chain.chain_id;
        m.created = utc_now();
        m.version = kVersion;
        YAO_TRY_VOID(write_file(partial / kManifestName, to_json(m)));
        YAO_TRY_VOID(sync_path(partial));
        // rename(2) replaces an empty directory; the check above allowed only that.
        fs::rename(partial, out, size_ec);
        if (size_ec)
            return fail(BackupErrc::kIo, "rename to " + out.string() + ": " + size_ec.message());
        YAO_TRY_VOID(sync_path(out.has_parent_path() ? out.parent_path() : fs::path{"."}));
        return m;
    }();
    if (!made) fs::remove_all(partial, ec);
    return made;
}

// ---- Restore --------------------------------------------------------------------------------

/// The restored store must hold the manifest's chain: the same genesis and the same head.
Result<void> check_store(storage::ChainStore& store, const Manifest& m) {
    YAO_TRY(const auto head, store.head_number());
    if (!head || *head != m.head_number)
        return fail(BackupErrc::kManifestMismatch,
                    fmt::format("the restored head is block {}, the manifest says {}",
                                head ? std::to_string(*head) : "none", m.head_number));
    YAO_TRY(const auto block, store.header_by_number(m.head_number));
    if (!block || block->hash != m.head_hash)
        return fail(
            BackupErrc::kManifestMismatch,
            fmt::format("block {} is {} in the restored store, the manifest says {}", m.head_number,
                        block ? to_hex(block->hash) : "missing", to_hex(m.head_hash)));
    YAO_TRY(const auto genesis, store.header_by_number(0));
    if (!genesis || genesis->hash != m.genesis_hash)
        return fail(
            BackupErrc::kManifestMismatch,
            fmt::format("the restored genesis is {}, the manifest says {}",
                        genesis ? to_hex(genesis->hash) : "missing", to_hex(m.genesis_hash)));
    return {};
}

Result<void> restore_sqlite(const config::NodeConfig& cfg, const fs::path& from,
                            const Manifest& m) {
    const fs::path source = from / m.file;
    // The backup must hold what its manifest says before anything is written.
    YAO_TRY(const auto head, storage::read_sqlite_head(source.string()));
    if (head.number != m.head_number || head.hash != m.head_hash ||
        head.genesis_hash != m.genesis_hash)
        return fail(
            BackupErrc::kManifestMismatch,
            fmt::format("{} holds block {} {} of genesis {}; the manifest says block {} {} "
                        "of genesis {}",
                        source.string(), head.number, to_hex(head.hash), to_hex(head.genesis_hash),
                        m.head_number, to_hex(m.head_hash), to_hex(m.genesis_hash)));

    const fs::path target = config::sqlite_path(cfg);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path{"."};
    std::error_code ec;
    if (cfg.store.path.empty() && !empty_or_absent(cfg.data_dir))
        return fail(BackupErrc::kTargetNotEmpty, "the data directory " + cfg.data_dir +
                                                     " is not empty; restore needs an "
                                                     "empty or new one");
    for (const char* suffix : {"", "-wal", "-shm"})
        if (fs::exists(target.string() + suffix, ec))
            return fail(BackupErrc::kTargetNotEmpty, target.string() + suffix + " exists");
    const bool made_dir = !fs::exists(dir, ec);
    fs::create_directories(dir, ec);
    if (ec) return fail(BackupErrc::kIo, "cannot create " + dir.string() + ": " + ec.message());
    const std::string lock_path = target.string() + ".lock";
    const bool lock_existed = fs::exists(lock_path, ec);
    auto undo = [&] {
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm", ".restoring"})
            fs::remove(target.string() + suffix, ignored);
        if (!lock_existed) fs::remove(lock_path, ignored);
        if (made_dir) fs::remove_all(dir, ignored);
    };
    auto done = [&]() -> Result<void> {
        // The node's own lock: no `yaoverse dev` can open the target while it is restored.
        YAO_TRY(auto lock, infra::FileLock::acquire(lock_path));
        const fs::path staging = target.string() + ".restoring";
        fs::copy_file(source, staging, fs::copy_options::overwrite_existing, ec);
        if (ec) return fail(BackupErrc::kIo, "copy to " + staging.string() + ": " + ec.message());
        YAO_TRY_VOID(sync_path(staging));
        fs::rename(staging, target, ec);
        if (ec) return fail(BackupErrc::kIo, "rename to " + target.string() + ": " + ec.message());
        YAO_TRY_VOID(sync_path(dir));
        storage::SqliteOptions so;
        so.path = target.string();
        so.pool_size = 1;
        so.busy_timeout = std::chrono::milliseconds{cfg.store.busy_timeout_ms};
        YAO_TRY(auto store, storage::make_sqlite_store(so));
        return check_store(*store, m);
    }();
    if (!done) undo();
    return done;
}

Result<void> restore_mysql(const config::NodeConfig& cfg, const fs::path& from, const Manifest& m) {
    const storage::MysqlOptions o = mysql_options(cfg);
    YAO_TRY(const size_t tables, storage::mysql_table_count(o));
    if (tables != 0)
        return fail(BackupErrc::kTargetNotEmpty,
                    fmt::format("database {} has {} tables; restore needs an empty or new one",
                                o.database, tables));
    YAO_TRY(const bool created, storage::load_mysql(o, (from / m.file).string()));
    auto checked = [&]() -> Result<void> {
        YAO_TRY(auto store, storage::make_mysql_store(o));
        return check_store(*store, m);
    }();
    if (!checked) storage::undo_mysql_load(o, created);
    return checked;
}

Result<Manifest> restore(const config::NodeConfig& cfg, const fs::path& from) {
    YAO_TRY(const Manifest m, read_manifest(from));
    std::error_code ec;
    const fs::path data = from / m.file;
    const auto size = fs::file_size(data, ec);
    if (ec) return fail(BackupErrc::kNoBackup, data.string() + " is missing");
    if (size != m.bytes)
        return fail(BackupErrc::kNoBackup,
                    fmt::format("{} has {} bytes, the manifest says {}: truncated or replaced",
                                data.string(), size, m.bytes));
    if (m.chain_id != cfg.chain.chain_id)
        return fail(BackupErrc::kManifestMismatch,
                    fmt::format("the backup is of chain id {}, the target is configured for {}",
                                m.chain_id, cfg.chain.chain_id));
    const bool mysql = cfg.store.kind == config::StoreKind::kMysql;
    if (m.store != (mysql ? "mysql" : "sqlite"))
        return fail(BackupErrc::kManifestMismatch,
                    fmt::format("a backup of a {} store restores into a {} store only (the "
                                "target is {})",
                                m.store, m.store, mysql ? "mysql" : "sqlite"));
    if (mysql) {
        YAO_TRY_VOID(restore_mysql(cfg, from, m));
    } else {
        YAO_TRY_VOID(restore_sqlite(cfg, from, m));
    }
    return m;
}

}  // namespace

int backup_main(const std::vector<std::string_view>& args) {
    CLI::App app{"Back up a chain store while the chain runs", "yaoverse backup"};
    StoreOptions o;
    std::string out;
    add_store_options(app, o);
    app.add_option("--out", out, "the backup directory to create (absent or empty)")->required();
    if (int rc = parse_command_line(app, args); rc >= 0) return rc;
    auto cfg = load(o);
    if (!cfg) {
        std::fprintf(stderr, "yaoverse backup: %s\n", cfg.error().message().c_str());
        return 2;
    }
    auto m = backup(*cfg, out);
    if (!m) {
        std::fprintf(stderr, "yaoverse backup: %s\n", m.error().message().c_str());
        return 1;
    }
    std::printf("backup of %s at block %llu %s (chain id %llu, genesis %s) written to %s\n",
                target_name(*cfg).c_str(), static_cast<unsigned long long>(m->head_number),
                to_hex(m->head_hash).c_str(), static_cast<unsigned long long>(m->chain_id),
                to_hex(m->genesis_hash).c_str(), out.c_str());
    return 0;
}

int restore_main(const std::vector<std::string_view>& args) {
    CLI::App app{"Restore a backup into an empty store", "yaoverse restore"};
    StoreOptions o;
    std::string from;
    add_store_options(app, o);
    app.add_option("--from", from, "the backup directory (made by yaoverse backup)")->required();
    if (int rc = parse_command_line(app, args); rc >= 0) return rc;
    auto cfg = load(o);
    if (!cfg) {
        std::fprintf(stderr, "yaoverse restore: %s\n", cfg.error().message().c_str());
        return 2;
    }
    auto m = restore(*cfg, from);
    if (!m) {
        std::fprintf(stderr, "yaoverse restore: %s\n", m.error().message().c_str());
        return 1;
    }
    std::printf("restored block %llu %s (chain id %llu, genesis %s) into %s\n",
                static_cast<unsigned long long>(m->head_number), to_hex(m->head_hash).c_str(),
                static_cast<unsigned long long>(m->chain_id), to_hex(m->genesis_hash).c_str(),
                target_name(*cfg).c_str());
    return 0;
}

}  // namespace yao::app
