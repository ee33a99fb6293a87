// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// `yaoverse verify` on a chain a real `yaoverse dev` wrote: a transfer, a contract deployment
// (storage, code) and a call (storage, a log). Verify passes on the chain as written, while the
// node runs and after it stopped; then one row of each kind is corrupted in a fresh copy of the
// store, and verify must exit 1 naming that block, table and key.
#include <sqlite3.h>
#include <sys/wait.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/state/state_view.hpp>
#include <yao/storage/test_util/mariadb_server.hpp>

#include "../hardening/dev_process.hpp"

namespace yao::hardening {
namespace {

namespace fs = std::filesystem;

// Runtime: SSTORE(1, 7); MSTORE(0, 0xaa); LOG1(0, 32, topic 1); STOP.
constexpr std::string_view kRuntime =
    "6007600155"
    "60aa600052"
    "600160206000a1"
    "00";
// Init: SSTORE(0, 42), then CODECOPY the 18-byte runtime from offset 17 and RETURN it.
constexpr std::string_view kInit =
    "602a600055"
    "60126011600039"
    "60126000f3";

struct Outcome {
    int status = -1;
    std::string output;
};

/// Runs `yaoverse verify <args>`; its exit status and output (stdout and stderr).
Outcome run_verify(const std::string& args) {
    const std::string cmd = std::string{YAOVERSE_BINARY} + " verify " + args + " 2>&1";
    Outcome out;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (pipe == nullptr) return out;
    char buffer[4096];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.output.append(buffer, n);
    const int status = ::pclose(pipe);
    out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

std::string file_text(const std::string& path) {
    std::ifstream in{path, std::ios::binary};
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

uint64_t hex_number(const Json& v) {
    return std::stoull(v.get<std::string>(), nullptr, 16);
}

/// What `write_chain` sent, and where each landed.
struct Sent {
    uint64_t head = 0;
    uint64_t transfer_block = 0, deploy_block = 0, call_block = 0;
    std::string transfer_tx, deploy_tx, call_tx, contract;
};

/// A transfer to 0x..de (block 1), the contract's deployment (block 2) and a call of it (block 3).
Sent write_chain(DevProcess& dev) {
    Sent out;
    const auto send = [&](const TransferSpec& spec, uint64_t& block) {
        const Json r = dev.call("eth_sendRawTransaction", {signed_transfer(spec)});
        const std::string hash = r.value("result", std::string{});
        EXPECT_EQ(hash.size(), 66u) << r.dump();
        EXPECT_TRUE(dev.wait_receipt(hash));
        const Json receipt = dev.call("eth_getTransactionReceipt", {hash})["result"];
        EXPECT_EQ(receipt["status"], "0x1") << receipt.dump();
        block = hex_number(receipt["blockNumber"]);
        if (receipt["contractAddress"].is_string()) {
            out.contract = receipt["contractAddress"].get<std::string>();
            for (char& ch : out.contract) ch = static_cast<char>(std::tolower(ch));
        }
        return hash;
    };
    TransferSpec transfer;
    out.transfer_tx = send(transfer, out.transfer_block);
    TransferSpec deploy;
    deploy.nonce = 1;
    deploy.gas = 300'000;
    deploy.value = "0";
    deploy.to = "";  // a creation
    deploy.data = from_hex(std::string{kInit} + std::string{kRuntime}).value();
    out.deploy_tx = send(deploy, out.deploy_block);
    TransferSpec call;
    call.nonce = 2;
    call.gas = 100'000;
    call.value = "0";
    call.to = out.contract;
    out.call_tx = send(call, out.call_block);
    out.head = dev.block_number();
    return out;
}

/// The chain the tests audit, written once per test binary.
struct Chain : Sent {
    storage::test_util::TempDir dir = storage::test_util::TempDir::make("yao-verify-").value();
    std::string store;  ///< the pristine data directory (chain.sqlite)
    Outcome live;       ///< verify while the node was running
};

const Chain& chain() {
    // Destroyed at exit, which removes its directory (the node's own went with `dev`).
    static const Chain c = [] {
        Chain out;
        DevProcess dev;
        dev.start();
        static_cast<Sent&>(out) = write_chain(dev);
        out.live = run_verify("--data-dir " + dev.data_dir());
        dev.process().stop();
        out.store = out.dir.path() + "/pristine";
        fs::create_directories(out.store);
        for (const char* f : {"chain.sqlite", "chain.sqlite-wal"})
            if (fs::exists(dev.data_dir() + "/" + f))
                fs::copy_file(dev.data_dir() + "/" + f, out.store + "/" + f);
        return out;
    }();
    return c;
}

/// A fresh copy of the pristine store with `sql` applied (exactly one row changed).
std::string corrupted(const std::string& name, const std::string& sql) {
    const Chain& c = chain();
    const std::string dir = c.dir.path() + "/" + name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& e : fs::directory_iterator(c.store))
        fs::copy_file(e.path(), dir + "/" + e.path().filename().string());
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open((dir + "/chain.sqlite").c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    EXPECT_EQ(sqlite3_changes(db), 1) << sql;
    sqlite3_close(db);
    return dir;
}

std::string line(uint64_t block, std::string_view table, std::string_view key) {
    return "block " + std::to_string(block) + ": table " + std::string{table} + ", key " +
           std::string{key} + ": ";
}

class Verify : public ::testing::Test {
protected:
    const Chain& c = chain();
    /// Corrupts, verifies, and checks exit 1 with the report starting with `expected`.
    void expect_divergence(const std::string& name, const std::string& sql,
                           const std::string& expected, std::string_view detail = {}) {
        const Outcome r = run_verify("--data-dir " + corrupted(name, sql));
        EXPECT_EQ(r.status, 1) << r.output;
        EXPECT_EQ(r.output.rfind(expected, 0), 0u) << r.output;
        EXPECT_NE(r.output.find(detail), std::string::npos) << r.output;
    }
};

TEST_F(Verify, TheChainAsWrittenVerifies) {
    ASSERT_EQ(c.transfer_block, 1u);
    ASSERT_EQ(c.deploy_block, 2u);
    ASSERT_EQ(c.call_block, 3u);
    ASSERT_EQ(c.head, 3u);
    const std::string summary = "verified blocks 0..3: 4 blocks, 3 transactions, 1 logs; ";
    EXPECT_EQ(c.live.status, 0) << c.live.output;
    EXPECT_EQ(c.live.output.rfind(summary, 0), 0u) << c.live.output;
    const std::string before = file_text(c.store + "/chain.sqlite");
    const Outcome r = run_verify("--data-dir " + c.store);
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_EQ(r.output, summary + "31 state rows match\n");
    // Read-only: the file is unchanged and no lock file was taken.
    EXPECT_EQ(file_text(c.store + "/chain.sqlite"), before);
    EXPECT_FALSE(fs::exists(c.store + "/chain.sqlite.lock"));
}

TEST_F(Verify, LockedStore) {
    // Another program holds the database in exclusive locking mode (a WAL reader cannot read).
    const std::string dir = corrupted("locked",
                                      "UPDATE chain_meta SET meta_value = meta_value "
                                      "WHERE meta_key = 'head_number'");
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir + "/chain.sqlite").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE chain_meta "
                           "SET meta_value = meta_value WHERE meta_key = 'head_number';",
                           nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    const Outcome r = run_verify("--data-dir " + dir + " --config " +
                                 write_config(R"({"store": {"busy_timeout_ms": 100}})"));
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("database is locked"), std::string::npos) << r.output;
}

TEST_F(Verify, FromAndTo) {
    Outcome r = run_verify("--data-dir " + c.store + " --from 2");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_EQ(r.output.rfind("verified blocks 2..3: 2 blocks, 2 transactions, 1 logs; ", 0), 0u)
        << r.output;
    r = run_verify("--data-dir " + c.store + " --from 1 --to 2");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_EQ(r.output.rfind("verified blocks 1..2: 2 blocks, 2 transactions, 0 logs; ", 0), 0u)
        << r.output;
    // A corruption below --from is out of scope; one at or above it is found.
    const std::string dir = corrupted(
        "from", "UPDATE transactions SET value = '5' WHERE hash = '" + c.transfer_tx + "'");
    EXPECT_EQ(run_verify("--data-dir " + dir + " --from 2").status, 0);
    r = run_verify("--data-dir " + dir + " --from 1");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_EQ(r.output.rfind(line(1, "transactions", c.transfer_tx), 0), 0u) << r.output;
}

TEST_F(Verify, UsageAndStoreErrors) {
    Outcome r = run_verify("--data-dir " + c.dir.path() + "/nowhere");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("no chain at " + c.dir.path() + "/nowhere/chain.sqlite"),
              std::string::npos)
        << r.output;
    r = run_verify("--data-dir " + c.store + " --from 3 --to 2");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("--from 3 is above --to 2"), std::string::npos) << r.output;
    r = run_verify("--data-dir " + c.store + " --to 9");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("--to 9 is above the head 3"), std::string::npos) << r.output;
    EXPECT_EQ(run_verify("--no-such-option").status, 2);
}

TEST_F(Verify, BlockHeaderField) {
    expect_divergence("header", "UPDATE blocks SET gas_used = gas_used + 1 WHERE number = 2",
                      line(2, "blocks", "2"), "column gas_used: stored ");
}

TEST_F(Verify, ParentLink) {
    expect_divergence(
        "parent",
        "UPDATE blocks SET parent_hash = '0x" + std::string(63, '0') + "1' WHERE number = 3",
        line(3, "blocks", "3"), "column parent_hash: stored 0x000");
}

TEST_F(Verify, HeaderRlp) {
    // The encoded header no longer hashes to the block's hash.
    expect_divergence("header-rlp",
                      "UPDATE blocks SET header_rlp = CAST(substr(header_rlp, 1, "
                      "length(header_rlp) - 1) AS BLOB) WHERE number = 1",
                      line(1, "blocks", "1"), "is not keccak256 of header_rlp");
}

TEST_F(Verify, TransactionRow) {
    expect_divergence(
        "txn", "UPDATE transactions SET value = '5' WHERE hash = '" + c.transfer_tx + "'",
        line(1, "transactions", c.transfer_tx), "column value: stored 5, re-executed 1");
}

TEST_F(Verify, TransactionHash) {
    const std::string other = "0x" + std::string(64, 'a');
    expect_divergence(
        "txn-hash",
        "UPDATE transactions SET hash = '" + other + "' WHERE hash = '" + c.call_tx + "'",
        line(3, "transactions", other),
        "stored hash differs from keccak256 of the stored raw transaction (" + c.call_tx + ")");
}

TEST_F(Verify, ReceiptRow) {
    expect_divergence("receipt",
                      "UPDATE receipts SET status = 0 WHERE transaction_hash = '" + c.call_tx + "'",
                      line(3, "receipts", c.call_tx), "column status: stored 0, re-executed 1");
}

TEST_F(Verify, LogRow) {
    expect_divergence("log", "UPDATE logs SET data = X'bb' WHERE block_number = 3",
                      line(3, "logs", "log_index 0"), "column data: stored 0xbb, re-executed 0x0");
}

TEST_F(Verify, AccountRow) {
    // The transfer's recipient, written by block 1 only.
    const std::string to = "0x00000000000000000000000000000000000000de";
    expect_divergence("account", "UPDATE accounts SET balance = '2' WHERE address = '" + to + "'",
                      line(1, "accounts", to), "stored nonce 0 balance 2 ");
    // A column the store never reads back is found by the comparison of every state row.
    expect_divergence("account-version",
                      "UPDATE accounts SET block_number = 0 WHERE address = '" + to + "'",
                      line(1, "accounts", to), "column block_number: stored 0, re-executed 1");
}

TEST_F(Verify, StorageRow) {
    const std::string slot1 = "0x" + std::string(63, '0') + "1";
    expect_divergence(
        "storage",
        "UPDATE contract_storage SET storage_value = '0x" + std::string(63, '0') +
            "9' WHERE address = '" + c.contract + "' AND storage_key = '" + slot1 + "'",
        line(3, "contract_storage", c.contract + " " + slot1),
        "re-executed 0x0000000000000000000000000000000000000000000000000000000000000007");
}

TEST_F(Verify, CodeRow) {
    const std::string code_hash = to_hex(keccak256(from_hex(std::string{kRuntime}).value()).view());
    expect_divergence("code",
                      "UPDATE contract_code SET code = X'00' WHERE code_hash = '" + code_hash + "'",
                      line(2, "contract_code", code_hash), "hashes to ");
}

TEST_F(Verify, ExtraRow) {
    const std::string ghost = "0x00000000000000000000000000000000000000ff";
    expect_divergence("extra",
                      "INSERT INTO accounts (address, nonce, balance, code_hash, block_number) "
                      "VALUES ('" +
                          ghost + "', 0, '1', '" + to_hex(state::kEmptyCodeHash.view()) + "', 2)",
                      line(2, "accounts", ghost), "a stored row re-execution does not produce");
}

// The same audit of a chain on a MySQL-protocol store (a private mariadbd).
TEST(VerifyMysql, ChainOnMariadb) {
    auto server = storage::test_util::MariadbServer::start();
    ASSERT_TRUE(server.has_value()) << server.error().message();
    const std::string config = write_config(
        R"({"store": {"kind": "mysql", "mysql": {"host": "127.0.0.1", "port": )" +
        std::to_string((*server)->port()) + R"(, "user": "root", "database": "verify_chain"}}})");
    DevProcess dev;
    dev.start({"--config", config});
    const Sent sent = write_chain(dev);
    ASSERT_EQ(sent.head, 3u);
    const std::string summary = "verified blocks 0..3: 4 blocks, 3 transactions, 1 logs; ";
    Outcome r = run_verify("--config " + config);  // beside the running node
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_EQ(r.output.rfind(summary, 0), 0u) << r.output;
    dev.process().stop();
    r = run_verify("--config " + config);
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_EQ(r.output.rfind(summary, 0), 0u) << r.output;
    ASSERT_TRUE((*server)
                    ->execute("UPDATE logs SET topic0 = '0x" + std::string(64, 'e') +
                                  "' WHERE block_number = 3",
                              "verify_chain")
                    .has_value());
    r = run_verify("--config " + config);
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_EQ(r.output.rfind(line(3, "logs", "log_index 0"), 0), 0u) << r.output;
    EXPECT_NE(r.output.find("column topic0: stored 0xeee"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace yao::hardening
