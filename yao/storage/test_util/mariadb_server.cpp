// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "mariadb_server.hpp"

#include <mysql.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <optional>

namespace yao::storage::test_util {
namespace {

std::unexpected<Error> setup_error(std::string context) {
    return std::unexpected(
        Error{std::make_error_code(std::errc::no_such_file_or_directory), std::move(context)});
}

/// Server options shared by install-db and mariadbd. A small redo log keeps the template small
/// and quick to copy.
constexpr std::string_view kInnodbLogSize = "--innodb-log-file-size=48M";

/// mariadb-install-db refuses to run as root without --user=root; mariadbd too.
std::vector<std::string> user_args() {
    if (geteuid() == 0) return {"--user=root"};
    return {};
}

/// The template data directory, made once per process.
Result<std::string> template_dir() {
    static std::mutex mutex;
    static std::optional<TempDir> dir;
    std::scoped_lock lock{mutex};
    if (dir) return dir->path() + "/data";
    auto install = find_program("mariadb-install-db");
    auto server = find_program("mariadbd");
    if (!install || !server)
        return setup_error("mariadb-install-db / mariadbd not found (package mariadb-server)");
    YAO_TRY(auto made, TempDir::make("yao-mariadb-template-"));
    const std::string data = made.path() + "/data";
    const std::string log = made.path() + "/install.log";
    std::vector<std::string> argv{*install,
                                  "--no-defaults",
                                  "--datadir=" + data,
                                  "--auth-root-authentication-method=normal",
                                  "--skip-test-db",
                                  "--skip-name-resolve",
                                  std::string{kInnodbLogSize}};
    for (auto& a : user_args()) argv.push_back(a);
    YAO_TRY(const int status, run_program(argv, log));
    if (status != 0) return setup_error("mariadb-install-db failed: " + file_tail(log));
    dir.emplace(std::move(made));
    return data;
}

bool can_connect(uint16_t port) {
    MYSQL* m = mysql_init(nullptr);
    if (m == nullptr) return false;
    const unsigned int timeout = 1;
    mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    const bool ok =
        mysql_real_connect(m, "127.0.0.1", "root", "", nullptr, port, nullptr, 0) != nullptr;
    mysql_close(m);
    return ok;
}

}  // namespace

Result<std::unique_ptr<MariadbServer>> MariadbServer::start() {
    YAO_TRY(const std::string tmpl, template_dir());
    Error last;
    // A port found free can be taken by someone else before mariadbd binds it: try a few.
    for (int attempt = 0; attempt < 3; ++attempt) {
        YAO_TRY(auto dir, TempDir::make("yao-mariadb-"));
        YAO_TRY(const uint16_t port, free_loopback_port());
        std::unique_ptr<MariadbServer> server{new MariadbServer(std::move(dir), port)};
        server->data_dir_ = server->dir_.path() + "/data";
        std::error_code ec;
        std::filesystem::copy(tmpl, server->data_dir_, std::filesystem::copy_options::recursive,
                              ec);
        if (ec) return setup_error("copy " + tmpl + ": " + ec.message());
        auto launched = server->launch();
        if (launched) return server;
        last = launched.error();
    }
    return std::unexpected(last);
}

Result<void> MariadbServer::launch() {
    auto server = find_program("mariadbd");
    if (!server) return setup_error("mariadbd not found");
    const std::string& dir = dir_.path();
    std::vector<std::string> argv{*server,
                                  "--no-defaults",
                                  "--datadir=" + data_dir_,
                                  "--socket=" + dir + "/mysqld.sock",
                                  "--pid-file=" + dir + "/mysqld.pid",
                                  "--log-error=" + dir + "/error.log",
                                  "--port=" + std::to_string(port_),
                                  "--bind-address=127.0.0.1",
                                  "--skip-grant-tables",
                                  "--skip-name-resolve",
                                  "--innodb-buffer-pool-size=256M",
                                  std::string{kInnodbLogSize},
                                  "--max-connections=200"};
    for (auto& a : user_args()) argv.push_back(a);
    const uint16_t port = port_;
    ServerProcess::Options options{argv, dir + "/stdout.log", [port] { return can_connect(port); },
                                   std::chrono::seconds{60}};
    auto started = process_.start(options);
    if (!started)
        return std::unexpected(Error{started.error().code(), started.error().context() + "\n" +
                                                                 file_tail(dir + "/error.log")});
    return {};
}

MysqlOptions MariadbServer::store_options(std::string database) const {
    MysqlOptions o;
    o.host = "127.0.0.1";
    o.port = port_;
    o.user = "root";
    o.database = std::move(database);
    o.create_database = true;
    o.connect_timeout = std::chrono::seconds{2};
    o.io_timeout = std::chrono::seconds{30};
    return o;
}

Result<void> MariadbServer::execute(std::string_view sql, std::string_view database) const {
    MYSQL* m = mysql_init(nullptr);
    const std::string db{database};
    if (mysql_real_connect(m, "127.0.0.1", "root", "", db.empty() ? nullptr : db.c_str(), port_,
                           nullptr, 0) == nullptr ||
        mysql_real_query(m, sql.data(), sql.size()) != 0) {
        Error e{std::make_error_code(std::errc::io_error), mysql_error(m)};
        mysql_close(m);
        return std::unexpected(e);
    }
    if (MYSQL_RES* res = mysql_store_result(m)) mysql_free_result(res);
    mysql_close(m);
    return {};
}

Result<std::optional<std::string>> MariadbServer::query_value(std::string_view sql,
                                                              std::string_view database) const {
    MYSQL* m = mysql_init(nullptr);
    const std::string db{database};
    if (mysql_real_connect(m, "127.0.0.1", "root", "", db.empty() ? nullptr : db.c_str(), port_,
                           nullptr, 0) == nullptr ||
        mysql_real_query(m, sql.data(), sql.size()) != 0) {
        Error e{std::make_error_code(std::errc::io_error), mysql_error(m)};
        mysql_close(m);
        return std::unexpected(e);
    }
    std::optional<std::string> value;
    if (MYSQL_RES* res = mysql_store_result(m)) {
        if (MYSQL_ROW row = mysql_fetch_row(res); row != nullptr && row[0] != nullptr)
            value = std::string{row[0], mysql_fetch_lengths(res)[0]};
        mysql_free_result(res);
    }
    mysql_close(m);
    return value;
}

}  // namespace yao::storage::test_util
