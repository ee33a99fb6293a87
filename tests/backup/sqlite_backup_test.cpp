// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// An SQLite chain backed up while `yaoverse dev` commits a steady load, restored into a fresh
// directory and run again: the restored chain's head is the manifest's, and the block, the
// balances, nonces, storage, code, receipts and logs at that block answer the same on both.
// Then the refusals: a non-empty target, a missing backup, a manifest that does not match.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <yao/common/hex.hpp>
#include <yao/storage/test_util/server_process.hpp>

#include "backup_cli.hpp"
#include "dev_process.hpp"

namespace yao::backup_test {
namespace {

using hardening::DevProcess;
using hardening::Json;
using hardening::TransferSpec;
using storage::test_util::TempDir;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

// A contract whose every call logs its calldata under topic CALLER and stores its first word in
// slot 1: runtime CALLDATASIZE 0 0 CALLDATACOPY CALLER CALLDATASIZE 0 LOG1 0 CALLDATALOAD 1
// SSTORE STOP, after an init code that returns it.
constexpr std::string_view kRuntime = "36600060003733366000a160003560015500";
constexpr std::string_view kInit = "6012600c60003960126000f3";

std::string hex_number(uint64_t n) {
    return fmt::format("0x{:x}", n);
}

std::string word(uint64_t n) {
    return fmt::format("{:064x}", n);
}

std::string recipient(uint64_t i) {
    return fmt::format("0x{:040x}", 0xbac0'0000ULL + i);
}

/// A chain with a deployed logging contract and a sender that keeps transacting.
class LoadedChain {
public:
    void start() {
        dev.start({"--block-interval", "50"});
        TransferSpec deploy;
        deploy.nonce = 0;
        deploy.to = "";
        deploy.gas = 300'000;
        deploy.value = "0";
        deploy.data = from_hex(std::string{kInit} + std::string{kRuntime}).value();
        const Json sent = dev.call("eth_sendRawTransaction", {hardening::signed_transfer(deploy)});
        ASSERT_TRUE(sent.contains("result")) << sent.dump();
        const std::string hash = sent["result"];
        ASSERT_TRUE(dev.wait_receipt(hash));
        const Json receipt = dev.call("eth_getTransactionReceipt", {hash})["result"];
        ASSERT_EQ(receipt["status"], "0x1") << receipt.dump();
        contract = receipt["contractAddress"];
        next_nonce = 1;
    }

    /// Sends transaction `nonce`: a transfer to recipient(nonce) or a call of the contract.
    bool send_one() {
        TransferSpec t;
        t.nonce = next_nonce;
        if (next_nonce % 2 == 0) {
            t.to = contract;
            t.gas = 100'000;
            t.value = "0";
            t.data = from_hex(word(next_nonce)).value();
        } else {
            t.to = recipient(next_nonce);
            t.value = std::to_string(1'000 + next_nonce);
        }
        const Json sent = dev.call("eth_sendRawTransaction", {hardening::signed_transfer(t)}, 10s);
        if (!sent.contains("result")) return false;
        hashes.push_back(sent["result"]);
        ++next_nonce;
        return true;
    }

    DevProcess dev;
    std::string contract;
    uint64_t next_nonce = 0;
    std::vector<std::string> hashes;
};

/// The answers that must agree between the original and the restored chain at block `n`.
Json snapshot_queries(DevProcess& dev, uint64_t n, const std::string& contract,
                      uint64_t nonces_sent) {
    const std::string at = hex_number(n);
    Json out;
    out["block"] = dev.call("eth_getBlockByNumber", {at, true})["result"];
    out["receipts"] = dev.call("eth_getBlockReceipts", {at})["result"];
    out["logs"] = dev.call("eth_getLogs", {{{"fromBlock", "0x0"}, {"toBlock", at}}})["result"];
    out["nonce"] = dev.call("eth_getTransactionCount", {hardening::kDevAddress0, at})["result"];
    out["balance0"] = dev.call("eth_getBalance", {hardening::kDevAddress0, at})["result"];
    out["slot1"] = dev.call("eth_getStorageAt", {contract, "0x1", at})["result"];
    out["code"] = dev.call("eth_getCode", {contract, at})["result"];
    Json balances = Json::array();
    for (uint64_t i = 1; i < nonces_sent; i += 2)
        balances.push_back(dev.call("eth_getBalance", {recipient(i), at})["result"]);
    out["recipients"] = balances;
    return out;
}

TEST(SqliteBackup, OnlineBackupUnderLoadRestoresTheSameChain) {
    LoadedChain chain;
    ASSERT_NO_FATAL_FAILURE(chain.start());
    auto work = TempDir::make("yao-backup-sqlite-").value();
    const std::string backup_dir = work.path() + "/backup";
    const std::string restored_dir = work.path() + "/restored";

    // The load: one transaction every ~5 ms from another thread, bounded by count and time.
    std::atomic<bool> stop{false};
    std::thread load{[&] {
        const auto deadline = std::chrono::steady_clock::now() + 40s;
        while (!stop.load() && chain.next_nonce < 600 &&
               std::chrono::steady_clock::now() < deadline) {
            (void)chain.send_one();
            std::this_thread::sleep_for(5ms);
        }
    }};
    // Let the chain grow under the load before the backup starts.
    const auto grow_deadline = std::chrono::steady_clock::now() + 30s;
    while (chain.dev.block_number() < 10 && std::chrono::steady_clock::now() < grow_deadline)
        std::this_thread::sleep_for(50ms);
    const CommandResult backup =
        run_yaoverse({"backup", "--data-dir", chain.dev.data_dir(), "--out", backup_dir});
    // The chain keeps going after the snapshot.
    std::this_thread::sleep_for(500ms);
    stop = true;
    load.join();
    ASSERT_EQ(backup.status, 0) << backup.output;

    const Json manifest = read_manifest(backup_dir);
    ASSERT_TRUE(manifest.is_object()) << backup.output;
    EXPECT_EQ(manifest["format"], "yaoverse-backup");
    EXPECT_EQ(manifest["store"], "sqlite");
    EXPECT_EQ(manifest["chain_id"], 31337);
    const uint64_t head = manifest["head_number"];
    const std::string head_hash = manifest["head_hash"];
    EXPECT_GE(head, 10u);
    EXPECT_NE(backup.output.find("at block " + std::to_string(head) + " " + head_hash),
              std::string::npos)
        << backup.output;
    EXPECT_EQ(list_dir(backup_dir), (std::vector<std::string>{"chain.sqlite", "manifest.json"}));
    // The node kept committing while the copy ran, and afterwards.
    EXPECT_GT(chain.dev.block_number(), head);
    EXPECT_GT(chain.next_nonce, 20u);

    // The snapshot is a block of the live chain, at the recorded number.
    const Json live_block = chain.dev.call("eth_getBlockByNumber", {hex_number(head), false});
    ASSERT_EQ(live_block["result"]["hash"], head_hash);
    EXPECT_EQ(manifest["genesis_hash"],
              chain.dev.call("eth_getBlockByNumber", {"0x0", false})["result"]["hash"]);

    const CommandResult restore =
        run_yaoverse({"restore", "--from", backup_dir, "--data-dir", restored_dir});
    ASSERT_EQ(restore.status, 0) << restore.output;
    EXPECT_NE(restore.output.find("restored block " + std::to_string(head) + " " + head_hash),
              std::string::npos)
        << restore.output;

    DevProcess restored;
    restored.start({"--block-interval", "50", "--config",
                    hardening::write_config(
                        Json{{"store", {{"path", restored_dir + "/chain.sqlite"}}}}.dump())});
    ASSERT_EQ(restored.block_number(), head);
    const Json original = snapshot_queries(chain.dev, head, chain.contract, chain.next_nonce);
    const Json copy = snapshot_queries(restored, head, chain.contract, chain.next_nonce);
    EXPECT_EQ(original, copy);
    // Real values, not two equal nulls.
    EXPECT_EQ(copy["block"]["hash"], head_hash);
    ASSERT_TRUE(copy["logs"].is_array());
    EXPECT_GE(copy["logs"].size(), 1u);
    EXPECT_EQ(copy["logs"][0]["address"], chain.contract);
    EXPECT_EQ(copy["code"], "0x" + std::string{kRuntime});
    const uint64_t nonce_at_head = std::stoull(copy["nonce"].get<std::string>(), nullptr, 16);
    EXPECT_GT(nonce_at_head, 10u);
    // The last call of the contract at or before the head stored its nonce in slot 1.
    const uint64_t last_call = (nonce_at_head - 1) % 2 == 0 ? nonce_at_head - 1 : nonce_at_head - 2;
    EXPECT_EQ(copy["slot1"], "0x" + word(last_call));
    EXPECT_EQ(copy["receipts"].size(), copy["block"]["transactions"].size());
    // A block after the snapshot exists on the original only.
    EXPECT_TRUE(
        restored.call("eth_getBlockByNumber", {hex_number(head + 1), false})["result"].is_null());

    // The restored chain goes on: the sender's next nonce there is the one at the head.
    TransferSpec next;
    next.nonce = nonce_at_head;
    next.to = recipient(1);
    const Json sent = restored.call("eth_sendRawTransaction", {hardening::signed_transfer(next)});
    ASSERT_TRUE(sent.contains("result")) << sent.dump();
    EXPECT_TRUE(restored.wait_receipt(sent["result"].get<std::string>()));
    EXPECT_EQ(restored.block_number(), head + 1);
}

/// A small chain and its backup, for the refusals.
class Refusals : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(chain_.start());
        ASSERT_TRUE(chain_.send_one());
        ASSERT_TRUE(chain_.dev.wait_receipt(chain_.hashes.back()));
        const CommandResult r =
            run_yaoverse({"backup", "--data-dir", chain_.dev.data_dir(), "--out", backup()});
        ASSERT_EQ(r.status, 0) << r.output;
        manifest_ = read_manifest(backup());
        ASSERT_EQ(manifest_["head_number"], 2);
    }

    std::string backup() const { return work_.path() + "/backup"; }
    std::string target() const { return work_.path() + "/target"; }

    /// A copy of the backup with its manifest edited by `edit`.
    std::string tampered(const std::string& name, const std::function<void(Json&)>& edit) const {
        const std::string dir = work_.path() + "/" + name;
        fs::copy(backup(), dir, fs::copy_options::recursive);
        Json m = manifest_;
        edit(m);
        write_manifest(dir, m);
        return dir;
    }

    LoadedChain chain_;
    TempDir work_ = TempDir::make("yao-backup-refuse-").value();
    Json manifest_;
};

TEST_F(Refusals, NonEmptyTargetIsLeftUntouched) {
    fs::create_directories(target());
    std::ofstream{target() + "/keep.txt"} << "operator's file";
    const CommandResult r = run_yaoverse({"restore", "--from", backup(), "--data-dir", target()});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.output.find("backup.target_not_empty"), std::string::npos) << r.output;
    EXPECT_EQ(list_dir(target()), std::vector<std::string>{"keep.txt"});
    std::ifstream kept{target() + "/keep.txt"};
    std::string text;
    std::getline(kept, text);
    EXPECT_EQ(text, "operator's file");

    // Nor does a backup overwrite anything: the same directory as --out is refused.
    const CommandResult again =
        run_yaoverse({"backup", "--data-dir", chain_.dev.data_dir(), "--out", target()});
    EXPECT_EQ(again.status, 1);
    EXPECT_NE(again.output.find("backup.target_not_empty"), std::string::npos) << again.output;
    EXPECT_EQ(list_dir(target()), std::vector<std::string>{"keep.txt"});

    // A backup told the wrong chain id is refused: the chain's transactions name 31337.
    const std::string wrong_out = work_.path() + "/wrong-chain";
    const CommandResult wrong = run_yaoverse(
        {"backup", "--data-dir", chain_.dev.data_dir(), "--chain-id", "5", "--out", wrong_out});
    EXPECT_EQ(wrong.status, 1);
    EXPECT_NE(wrong.output.find("backup.manifest_mismatch: the chain's transactions are signed "
                                "for chain id 31337, the configuration says 5"),
              std::string::npos)
        << wrong.output;
    EXPECT_FALSE(fs::exists(wrong_out));
    EXPECT_EQ(list_dir(work_.path()), (std::vector<std::string>{"backup", "target"}));

    // A restore onto the running node's own directory is refused the same way.
    const CommandResult live =
        run_yaoverse({"restore", "--from", backup(), "--data-dir", chain_.dev.data_dir()});
    EXPECT_EQ(live.status, 1);
    EXPECT_NE(live.output.find("backup.target_not_empty"), std::string::npos) << live.output;
    EXPECT_EQ(chain_.dev.block_number(), 2u);
}

TEST_F(Refusals, MissingBackupIsRefused) {
    const CommandResult none =
        run_yaoverse({"restore", "--from", work_.path() + "/nothing", "--data-dir", target()});
    EXPECT_EQ(none.status, 1);
    EXPECT_NE(none.output.find("backup.no_backup: no backup at"), std::string::npos) << none.output;

    // A directory without its manifest (an interrupted copy) is no backup either.
    const std::string partial = work_.path() + "/partial";
    fs::create_directories(partial);
    fs::copy_file(backup() + "/chain.sqlite", partial + "/chain.sqlite");
    const CommandResult r = run_yaoverse({"restore", "--from", partial, "--data-dir", target()});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.output.find("backup.no_backup"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("manifest.json is missing"), std::string::npos) << r.output;

    // A truncated data file.
    const std::string cut = tampered("cut", [](Json&) {});
    fs::resize_file(cut + "/chain.sqlite", fs::file_size(cut + "/chain.sqlite") / 2);
    const CommandResult t = run_yaoverse({"restore", "--from", cut, "--data-dir", target()});
    EXPECT_EQ(t.status, 1);
    EXPECT_NE(t.output.find("truncated"), std::string::npos) << t.output;
    EXPECT_FALSE(fs::exists(target()));
}

TEST_F(Refusals, ManifestMismatchIsRefused) {
    const std::string other_head =
        tampered("head", [](Json& m) { m["head_hash"] = "0x" + std::string(64, '1'); });
    const CommandResult h = run_yaoverse({"restore", "--from", other_head, "--data-dir", target()});
    EXPECT_EQ(h.status, 1);
    EXPECT_NE(h.output.find("backup.manifest_mismatch"), std::string::npos) << h.output;
    EXPECT_FALSE(fs::exists(target()));

    const std::string other_genesis =
        tampered("genesis", [](Json& m) { m["genesis_hash"] = "0x" + std::string(64, '2'); });
    const CommandResult g =
        run_yaoverse({"restore", "--from", other_genesis, "--data-dir", target()});
    EXPECT_EQ(g.status, 1);
    EXPECT_NE(g.output.find("backup.manifest_mismatch"), std::string::npos) << g.output;
    EXPECT_FALSE(fs::exists(target()));

    const std::string other_number = tampered("number", [](Json& m) { m["head_number"] = 1; });
    const CommandResult n =
        run_yaoverse({"restore", "--from", other_number, "--data-dir", target()});
    EXPECT_EQ(n.status, 1);
    EXPECT_NE(n.output.find("backup.manifest_mismatch"), std::string::npos) << n.output;

    // The backup is of chain 31337; a target configured for another chain refuses it.
    const CommandResult c =
        run_yaoverse({"restore", "--from", backup(), "--data-dir", target(), "--chain-id", "5"});
    EXPECT_EQ(c.status, 1);
    EXPECT_NE(c.output.find("backup.manifest_mismatch: the backup is of chain id 31337"),
              std::string::npos)
        << c.output;
    EXPECT_FALSE(fs::exists(target()));

    // The untouched backup still restores.
    const CommandResult ok = run_yaoverse({"restore", "--from", backup(), "--data-dir", target()});
    EXPECT_EQ(ok.status, 0) << ok.output;
    EXPECT_NE(ok.output.find("restored block 2 " + manifest_["head_hash"].get<std::string>()),
              std::string::npos)
        << ok.output;
}

}  // namespace
}  // namespace yao::backup_test
