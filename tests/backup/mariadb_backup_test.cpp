// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// A chain on a private mariadbd backed up by `yaoverse backup` (mariadb-dump
// --single-transaction) while a committer keeps writing blocks through the store library;
// restored by `yaoverse restore` into another database, which must hold exactly the chain up
// to the manifest's head: the same blocks, transactions, receipts, logs and state at that block.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include <yao/common/hex.hpp>
#include <yao/storage/mysql_store.hpp>
#include <yao/storage/test_util/chain_fixtures.hpp>
#include <yao/storage/test_util/mariadb_server.hpp>
#include <yao/storage/test_util/server_process.hpp>

#include "backup_cli.hpp"

namespace yao::backup_test {
namespace {

using namespace std::chrono_literals;
using storage::test_util::BlockSpec;
using storage::test_util::MariadbServer;
using storage::test_util::TempDir;
using Json = nlohmann::json;
namespace fs = std::filesystem;

/// A configuration file naming `database` on `server`, with a password that an option file must
/// quote (the test server has no grant tables, so any password is accepted).
std::string write_mysql_config(const TempDir& dir, const MariadbServer& server,
                               const std::string& database) {
    // The fixture's transactions are signed for chain 7777.
    const Json cfg = {{"chain", {{"chain_id", 7777}}},
                      {"store",
                       {{"kind", "mysql"},
                        {"mysql",
                         {{"host", "127.0.0.1"},
                          {"port", server.port()},
                          {"user", "root"},
                          {"password", "s3cret #not a comment \\ 'x'"},
                          {"database", database}}}}}};
    const std::string path = dir.path() + "/" + database + ".json";
    std::ofstream{path} << cfg.dump(2);
    return path;
}

BlockSpec spec_for(uint64_t number, const Hash256& parent) {
    BlockSpec spec;
    spec.number = number;
    spec.parent_hash = parent;
    spec.transfers = number == 0 ? 0 : 3;
    spec.logs_per_txn = number == 0 ? 0 : 2;
    spec.account_pool = 16;
    spec.deploy_token = number == 1;
    return spec;
}

uint64_t table_count(const MariadbServer& server, const std::string& database) {
    auto v = server.query_value(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + database + "'");
    return v && *v ? std::stoull(**v) : 0;
}

TEST(MariadbBackup, DumpUnderConcurrentCommitsRestoresTheSameChain) {
    auto started = MariadbServer::start();
    ASSERT_TRUE(started) << started.error().message();
    auto& server = **started;
    auto work = TempDir::make("yao-backup-mariadb-").value();

    auto source = storage::make_mysql_store(server.store_options("chain"));
    ASSERT_TRUE(source) << source.error().message();
    storage::ChainStore& store = **source;

    // The committer: one fixture block after another until stopped (bounded by count and time).
    std::atomic<bool> stop{false};
    std::atomic<uint64_t> committed{0};  // blocks committed so far (release: the block is readable)
    std::thread committer{[&] {
        Hash256 parent{};
        const auto deadline = std::chrono::steady_clock::now() + 60s;
        for (uint64_t n = 0;
             n < 2'000 && !stop.load() && std::chrono::steady_clock::now() < deadline; ++n) {
            const auto block = storage::test_util::make_block(spec_for(n, parent));
            auto r = store.commit_block(block);
            ASSERT_TRUE(r) << r.error().message();
            parent = block.hash;
            committed.store(n + 1, std::memory_order_release);
        }
    }};
    const auto grow_deadline = std::chrono::steady_clock::now() + 30s;
    while (committed.load(std::memory_order_acquire) < 20 &&
           std::chrono::steady_clock::now() < grow_deadline)
        std::this_thread::sleep_for(10ms);
    const uint64_t before = committed.load(std::memory_order_acquire);
    const std::string backup_dir = work.path() + "/backup";
    const CommandResult backup = run_yaoverse(
        {"backup", "--config", write_mysql_config(work, server, "chain"), "--out", backup_dir});
    const uint64_t after = committed.load(std::memory_order_acquire);
    std::this_thread::sleep_for(200ms);
    stop = true;
    committer.join();
    ASSERT_EQ(backup.status, 0) << backup.output;
    // Commits went on while the dump ran and after it.
    const uint64_t final_count = committed.load();
    EXPECT_GT(final_count, after);

    const Json manifest = read_manifest(backup_dir);
    ASSERT_TRUE(manifest.is_object());
    EXPECT_EQ(manifest["store"], "mysql");
    EXPECT_EQ(manifest["chain_id"], 7777);
    EXPECT_EQ(list_dir(backup_dir), (std::vector<std::string>{"dump.sql", "manifest.json"}));
    const uint64_t head = manifest["head_number"];
    // The snapshot was taken between the two reads of the committer's progress.
    EXPECT_GE(head + 1, before);
    EXPECT_LE(head, after);
    auto live = store.header_by_number(head);
    ASSERT_TRUE(live && *live);
    EXPECT_EQ(manifest["head_hash"], to_hex((*live)->hash));
    auto genesis = store.header_by_number(0);
    ASSERT_TRUE(genesis && *genesis);
    EXPECT_EQ(manifest["genesis_hash"], to_hex((*genesis)->hash));
    // The password is in no file the backup left behind.
    std::ifstream dump{backup_dir + "/dump.sql"};
    std::stringstream dump_text;
    dump_text << dump.rdbuf();
    EXPECT_EQ(dump_text.str().find("s3cret"), std::string::npos);

    const CommandResult restore = run_yaoverse(
        {"restore", "--from", backup_dir, "--config", write_mysql_config(work, server, "copy")});
    ASSERT_EQ(restore.status, 0) << restore.output;
    EXPECT_NE(restore.output.find("restored block " + std::to_string(head) + " " +
                                  manifest["head_hash"].get<std::string>()),
              std::string::npos)
        << restore.output;

    auto opened = storage::make_mysql_store(server.store_options("copy"));
    ASSERT_TRUE(opened) << opened.error().message();
    storage::ChainStore& copy = **opened;
    auto copy_head = copy.head_number();
    ASSERT_TRUE(copy_head && *copy_head);
    EXPECT_EQ(**copy_head, head);
    for (uint64_t n = 0; n <= head; ++n) {
        auto a = store.block_by_number(n, true);
        auto b = copy.block_by_number(n, true);
        ASSERT_TRUE(a && *a && b && *b) << n;
        ASSERT_EQ(**a, **b) << "block " << n;
        auto ra = store.block_receipts(n);
        auto rb = copy.block_receipts(n);
        ASSERT_TRUE(ra && *ra && rb && *rb) << n;
        ASSERT_EQ(**ra, **rb) << "receipts of block " << n;
        if (n > 0) {
            EXPECT_EQ((*rb)->size(), 3u);
        }
    }
    EXPECT_FALSE(copy.block_by_number(head + 1, false).value().has_value());
    storage::LogFilter filter;
    filter.to_block = head;
    auto la = store.logs(filter);
    auto lb = copy.logs(filter);
    ASSERT_TRUE(la && lb);
    EXPECT_EQ(*la, *lb);
    EXPECT_EQ(lb->size(), head * 3 * 2);
    // The fixture's counter account holds the number of the last block that wrote it.
    const Address counter = storage::test_util::counter_address();
    auto acc = copy.account(counter);
    ASSERT_TRUE(acc && *acc);
    EXPECT_EQ((*acc)->nonce, head);
    auto slot = copy.storage(counter, storage::test_util::counter_slot());
    ASSERT_TRUE(slot);
    EXPECT_EQ(*slot, store.storage_at(counter, storage::test_util::counter_slot(), head).value());
    auto token = store.account_at(storage::test_util::token_address(), head);
    auto token_copy = copy.account(storage::test_util::token_address());
    ASSERT_TRUE(token && *token && token_copy && *token_copy);
    EXPECT_EQ(**token, **token_copy);

    // Refusals on MariaDB: the restored database is not empty now.
    const uint64_t tables = table_count(server, "copy");
    EXPECT_GT(tables, 5u);
    const CommandResult again = run_yaoverse(
        {"restore", "--from", backup_dir, "--config", write_mysql_config(work, server, "copy")});
    EXPECT_EQ(again.status, 1);
    EXPECT_NE(again.output.find("backup.target_not_empty: database copy has"), std::string::npos)
        << again.output;
    EXPECT_EQ(table_count(server, "copy"), tables);
    EXPECT_EQ(copy.head_number().value(), std::optional<uint64_t>{head});

    // A manifest whose head the dump does not hold: loaded, found wrong, and taken away again.
    const std::string tampered = work.path() + "/tampered";
    fs::copy(backup_dir, tampered, fs::copy_options::recursive);
    Json edited = manifest;
    edited["head_hash"] = "0x" + std::string(64, '3');
    write_manifest(tampered, edited);
    const CommandResult wrong = run_yaoverse(
        {"restore", "--from", tampered, "--config", write_mysql_config(work, server, "other")});
    EXPECT_EQ(wrong.status, 1);
    EXPECT_NE(wrong.output.find("backup.manifest_mismatch"), std::string::npos) << wrong.output;
    EXPECT_EQ(table_count(server, "other"), 0u);
    auto schema = server.query_value(
        "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'other'");
    ASSERT_TRUE(schema && *schema);
    EXPECT_EQ(**schema, "0");
}

}  // namespace
}  // namespace yao::backup_test
