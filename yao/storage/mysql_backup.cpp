// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The MySQL-protocol half of backup.hpp: the server's own client tools make and load the dump
// (mariadb-dump --single-transaction is one InnoDB snapshot taken without locking the tables),
// the C API answers the small questions (is the target empty, undo a failed load).
#include <fcntl.h>
#include <mysql.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <yao/common/hex.hpp>

#include "backup.hpp"
#include "errc.hpp"
#include "mysql_store.hpp"

extern char** environ;

namespace yao::storage {
namespace {

namespace fs = std::filesystem;

/// A directory only this user can enter (mkdtemp: mode 0700), removed with what it holds.
class PrivateDir {
public:
    static Result<PrivateDir> make() {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern =
            std::string{tmp != nullptr && *tmp != '\0' ? tmp : "/tmp"} + "/yaoverse-backup-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr)
            return fail(BackupErrc::kIo,
                        fmt::format("mkdtemp {}: {}", pattern, std::strerror(errno)));
        return PrivateDir{std::move(pattern)};
    }
    PrivateDir(PrivateDir&& o) noexcept : path_{std::exchange(o.path_, {})} {}
    PrivateDir& operator=(PrivateDir&&) = delete;
    ~PrivateDir() {
        std::error_code ec;
        if (!path_.empty()) fs::remove_all(path_, ec);
    }
    const std::string& path() const noexcept { return path_; }

private:
    explicit PrivateDir(std::string path) : path_{std::move(path)} {}
    std::string path_;
};

bool valid_identifier(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    for (const char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
    return true;
}

/// A value of an option file: quoted (so '#' is no comment) with a quote it does not contain;
/// the file's reader turns "\\" back into one backslash.
Result<std::string> option_value(std::string_view key, std::string_view value) {
    if (value.find('\n') != std::string_view::npos || value.find('\r') != std::string_view::npos)
        return fail(BackupErrc::kIo, fmt::format("mysql {} contains a line break", key));
    const bool has_double = value.find('"') != std::string_view::npos;
    if (has_double && value.find('\'') != std::string_view::npos)
        return fail(BackupErrc::kIo,
                    fmt::format("mysql {} contains both quote characters, which a client option "
                                "file cannot carry",
                                key));
    const char quote = has_double ? '\'' : '"';
    std::string out(1, quote);
    for (const char c : value) {
        if (c == '\\') out += '\\';
        out += c;
    }
    out += quote;
    return out;
}

/// The connection settings as a [client] option file (mode 0600) in `dir`: the tools read it
/// with --defaults-extra-file, so the password never appears in a command line (ps) or the
/// environment.
Result<std::string> write_option_file(const PrivateDir& dir, const MysqlOptions& o) {
    std::string text = "[client]\n";
    YAO_TRY(const std::string user, option_value("user", o.user));
    YAO_TRY(const std::string password, option_value("password", o.password));
    text += "user=" + user + "\npassword=" + password + "\n";
    if (!o.unix_socket.empty()) {
        YAO_TRY(const std::string socket, option_value("socket", o.unix_socket));
        text += "socket=" + socket + "\nprotocol=SOCKET\n";
    } else {
        YAO_TRY(const std::string host, option_value("host", o.host));
        // TCP even for "localhost", as the store's own connection does with a host and port.
        text += fmt::format("host={}\nport={}\nprotocol=TCP\n", host, o.port);
    }
    const std::string path = dir.path() + "/client.cnf";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return fail(BackupErrc::kIo, fmt::format("{}: {}", path, std::strerror(errno)));
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    if (!ok) return fail(BackupErrc::kIo, "cannot write " + path);
    return path;
}

std::string tail_of(const std::string& path, size_t max_bytes = 2'000) {
    std::ifstream in{path, std::ios::binary};
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    if (s.size() > max_bytes) s = "..." + s.substr(s.size() - max_bytes);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

/// Runs the first of `names` found on PATH with `args`, stdin from `in` (or /dev/null) and
/// stdout into `out` (or /dev/null); its stderr goes into the report of a failure.
Result<void> run_tool(const std::vector<std::string>& names, const std::vector<std::string>& args,
                      const std::string& in, const std::string& out, const PrivateDir& dir) {
    const std::string err_path = dir.path() + "/stderr.txt";
    for (const std::string& name : names) {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, in.empty() ? "/dev/null" : in.c_str(),
                                         O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, out.empty() ? "/dev/null" : out.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0600);
        posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0600);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(name.c_str()));
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        pid_t pid = 0;
        const int rc = ::posix_spawnp(&pid, name.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (rc == ENOENT) continue;
        if (rc != 0)
            return fail(BackupErrc::kToolFailed,
                        fmt::format("cannot run {}: {}", name, std::strerror(rc)));
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
        const std::string how = WIFEXITED(status)
                                    ? fmt::format("exited with status {}", WEXITSTATUS(status))
                                    : fmt::format("killed by signal {}", WTERMSIG(status));
        return fail(BackupErrc::kToolFailed,
                    fmt::format("{} {}: {}", name, how, tail_of(err_path)));
    }
    std::string tried;
    for (const auto& n : names) tried += (tried.empty() ? "" : " or ") + n;
    return fail(BackupErrc::kToolFailed,
                fmt::format("{} not found on PATH (Debian package mariadb-client)", tried));
}

/// One quoted string of a dump's INSERT at `pos` (mysql_real_escape_string escapes).
std::optional<std::string> quoted(std::string_view s, size_t& pos) {
    if (pos >= s.size() || s[pos] != '\'') return std::nullopt;
    std::string out;
    for (++pos; pos < s.size(); ++pos) {
        char c = s[pos];
        if (c == '\\' && pos + 1 < s.size()) {
            c = s[++pos];
            static const std::map<char, char> kEscapes{
                {'0', '\0'}, {'n', '\n'}, {'r', '\r'}, {'Z', '\x1a'}, {'t', '\t'}};
            if (auto it = kEscapes.find(c); it != kEscapes.end()) c = it->second;
            out += c;
        } else if (c == '\'' && pos + 1 < s.size() && s[pos + 1] == '\'') {
            out += '\'';
            ++pos;
        } else if (c == '\'') {
            ++pos;
            return out;
        } else {
            out += c;
        }
    }
    return std::nullopt;
}

/// The (key, value) rows of the dump's INSERT statements into chain_meta.
Result<std::map<std::string, std::string>> chain_meta_rows(const std::string& dump) {
    std::ifstream in{dump, std::ios::binary};
    if (!in) return fail(BackupErrc::kIo, "cannot read " + dump);
    static constexpr std::string_view kInsert = "INSERT INTO `chain_meta` VALUES";
    std::map<std::string, std::string> rows;
    std::string line;
    std::string statement;
    bool inside = false;
    while (std::getline(in, line)) {
        if (!inside && line.starts_with(kInsert)) {
            inside = true;
            statement.clear();
            line.erase(0, kInsert.size());
        }
        if (!inside) continue;
        statement += line;
        statement += '\n';
        if (line.empty() || line.back() != ';') continue;
        inside = false;
        const std::string_view s = statement;
        size_t pos = 0;
        const auto skip = [&] {
            while (pos < s.size() && (std::isspace(static_cast<unsigned char>(s[pos])) ||
                                      s[pos] == ',' || s[pos] == ';'))
                ++pos;
        };
        for (skip(); pos < s.size(); skip()) {
            if (s[pos] != '(') return fail(BackupErrc::kIo, "unexpected chain_meta row in dump");
            ++pos;
            auto key = quoted(s, pos);
            if (!key || pos >= s.size() || s[pos] != ',')
                return fail(BackupErrc::kIo, "unexpected chain_meta row in dump");
            ++pos;
            auto value = quoted(s, pos);
            if (!value || pos >= s.size() || s[pos] != ')')
                return fail(BackupErrc::kIo, "unexpected chain_meta row in dump");
            ++pos;
            rows[*key] = *value;
        }
    }
    return rows;
}

Result<SnapshotHead> head_of_dump(const std::string& dump) {
    YAO_TRY(const auto rows, chain_meta_rows(dump));
    const auto get = [&](const char* key) -> std::string {
        auto it = rows.find(key);
        return it == rows.end() ? std::string{} : it->second;
    };
    const std::string number = get("head_number");
    if (number.empty() || get("head_hash").empty() || get("genesis_hash").empty())
        return fail(BackupErrc::kNoHead,
                    "the dump's chain_meta records no head: not a chain store "
                    "or an empty one");
    SnapshotHead head;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), head.number);
    auto hash = hash_from_hex(get("head_hash"));
    auto genesis = hash_from_hex(get("genesis_hash"));
    if (ec != std::errc{} || end != number.data() + number.size() || !hash || !genesis)
        return fail(Errc::kCorruptRow, "the dump's chain_meta head does not parse");
    head.hash = *hash;
    head.genesis_hash = *genesis;
    return head;
}

struct MysqlCloser {
    void operator()(MYSQL* m) const noexcept { mysql_close(m); }
};
using Mysql = std::unique_ptr<MYSQL, MysqlCloser>;

Result<Mysql> connect_server(const MysqlOptions& o) {
    if (!valid_identifier(o.database))
        return fail(Errc::kInvalidArgument, "database name '" + o.database + "'");
    Mysql m{mysql_init(nullptr)};
    if (!m) return fail(Errc::kDatabase, "mysql_init: out of memory");
    const unsigned int timeout = static_cast<unsigned int>(o.connect_timeout.count());
    mysql_optionsv(m.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    const bool socket = !o.unix_socket.empty();
    if (mysql_real_connect(m.get(), socket ? "localhost" : o.host.c_str(), o.user.c_str(),
                           o.password.c_str(), nullptr, socket ? 0 : o.port,
                           socket ? o.unix_socket.c_str() : nullptr, 0) == nullptr)
        return fail(Errc::kConnectionLost,
                    fmt::format("connect {}:{}: {}", o.host, o.port, mysql_error(m.get())));
    return m;
}

Result<void> run(MYSQL* m, const std::string& sql) {
    if (mysql_query(m, sql.c_str()) != 0)
        return fail(Errc::kDatabase, fmt::format("{}: {}", sql, mysql_error(m)));
    return {};
}

/// The first column of every row of `sql`.
Result<std::vector<std::string>> column(MYSQL* m, const std::string& sql) {
    YAO_TRY_VOID(run(m, sql));
    std::unique_ptr<MYSQL_RES, decltype(&mysql_free_result)> res{mysql_store_result(m),
                                                                 &mysql_free_result};
    if (!res) return fail(Errc::kDatabase, fmt::format("{}: {}", sql, mysql_error(m)));
    std::vector<std::string> out;
    while (MYSQL_ROW row = mysql_fetch_row(res.get()))
        out.emplace_back(row[0] != nullptr ? row[0] : "");
    return out;
}

Result<std::vector<std::string>> tables_of(MYSQL* m, const std::string& database) {
    return column(m, fmt::format("SELECT table_name FROM information_schema.tables WHERE "
                                 "table_schema = '{}'",
                                 database));
}

}  // namespace

Result<SnapshotHead> dump_mysql(const MysqlOptions& o, const std::string& dest) {
    if (!valid_identifier(o.database))
        return fail(Errc::kInvalidArgument, "database name '" + o.database + "'");
    YAO_TRY(PrivateDir dir, PrivateDir::make());
    YAO_TRY(const std::string cnf, write_option_file(dir, o));
    // --single-transaction: one consistent InnoDB read view, no table locks (the committer
    // keeps committing). --hex-blob keeps binary columns intact in a text file;
    // --no-tablespaces needs no PROCESS privilege (MySQL 8).
    const std::vector<std::string> args{"--defaults-extra-file=" + cnf,
                                        "--single-transaction",
                                        "--quick",
                                        "--hex-blob",
                                        "--no-tablespaces",
                                        "--skip-lock-tables",
                                        "--default-character-set=utf8mb4",
                                        o.database};
    YAO_TRY_VOID(run_tool({"mariadb-dump", "mysqldump"}, args, {}, dest, dir));
    YAO_TRY(SnapshotHead head, head_of_dump(dest));
    // Committed transactions never change, so the live database answers for the snapshot.
    YAO_TRY(Mysql m, connect_server(o));
    YAO_TRY(const auto ids, column(m.get(), fmt::format("SELECT chain_id FROM `{}`.transactions "
                                                        "WHERE chain_id IS NOT NULL LIMIT 1",
                                                        o.database)));
    if (!ids.empty()) {
        uint64_t value = 0;
        const std::string& t = ids.front();
        auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
        if (ec != std::errc{} || end != t.data() + t.size())
            return fail(Errc::kCorruptRow, "transactions.chain_id '" + t + "'");
        head.txn_chain_id = value;
    }
    return head;
}

Result<size_t> mysql_table_count(const MysqlOptions& o) {
    YAO_TRY(Mysql m, connect_server(o));
    YAO_TRY(const auto tables, tables_of(m.get(), o.database));
    return tables.size();
}

Result<bool> load_mysql(const MysqlOptions& o, const std::string& dump) {
    std::error_code ec;
    if (!fs::is_regular_file(dump, ec)) return fail(BackupErrc::kNoBackup, "no dump at " + dump);
    YAO_TRY(Mysql m, connect_server(o));
    YAO_TRY(const auto existing,
            column(m.get(), fmt::format("SELECT schema_name FROM information_schema.schemata "
                                        "WHERE schema_name = '{}'",
                                        o.database)));
    YAO_TRY_VOID(run(m.get(), fmt::format("CREATE DATABASE IF NOT EXISTS `{}`", o.database)));
    const bool created = existing.empty();
    YAO_TRY(PrivateDir dir, PrivateDir::make());
    YAO_TRY(const std::string cnf, write_option_file(dir, o));
    const std::vector<std::string> args{"--defaults-extra-file=" + cnf, "--batch",
                                        "--default-character-set=utf8mb4",
                                        "--database=" + o.database};
    if (auto r = run_tool({"mariadb", "mysql"}, args, dump, {}, dir); !r) {
        undo_mysql_load(o, created);
        return std::unexpected(r.error());
    }
    return created;
}

void undo_mysql_load(const MysqlOptions& o, bool drop_database) noexcept {
    try {
        auto m = connect_server(o);
        if (!m) return;
        if (drop_database) {
            (void)run(m->get(), fmt::format("DROP DATABASE IF EXISTS `{}`", o.database));
            return;
        }
        auto tables = tables_of(m->get(), o.database);
        if (!tables) return;
        (void)run(m->get(), "SET FOREIGN_KEY_CHECKS = 0");
        for (const auto& t : *tables)
            (void)run(m->get(), fmt::format("DROP TABLE IF EXISTS `{}`.`{}`", o.database, t));
    } catch (...) {
        // Best effort: the caller reports the error that made it undo.
    }
}

}  // namespace yao::storage
