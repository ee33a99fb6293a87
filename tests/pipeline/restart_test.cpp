// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// DESIGN.md section 9: killing `yaoverse dev` with SIGKILL at any moment loses no committed
// block, and the chain resumes from its head after restart.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include <yao/chain/transaction.hpp>
#include <yao/common/hex.hpp>
#include <yao/rpc/test_util/clients.hpp>
#include <yao/storage/sqlite_store.hpp>
#include <yao/storage/test_util/server_process.hpp>

namespace yao::test {
namespace {

using namespace std::chrono_literals;
using storage::test_util::ServerProcess;
using storage::test_util::TempDir;

/// The store of a running (or killed) node, opened by another process as a reader.
std::unique_ptr<storage::ChainStore> open(const std::string& dir) {
    storage::SqliteOptions o;
    o.path = dir + "/chain.sqlite";
    o.pool_size = 1;
    auto s = storage::make_sqlite_store(o);
    return s ? std::move(*s) : nullptr;
}

uint64_t head_of(const std::string& dir) {
    auto s = open(dir);
    if (!s) return 0;
    auto h = s->head_number();
    return h && *h ? **h : 0;
}

/// Block hashes 0..head, after checking each block's parent hash is the previous hash.
std::vector<Hash256> chain_of(const std::string& dir) {
    auto s = open(dir);
    EXPECT_NE(s, nullptr);
    std::vector<Hash256> hashes;
    const uint64_t head = s->head_number().value().value();
    for (uint64_t n = 0; n <= head; ++n) {
        auto b = s->block_by_number(n, false).value();
        EXPECT_TRUE(b.has_value()) << "gap at block " << n;
        if (!b) break;
        if (n > 0) {
            EXPECT_EQ(b->header.parent_hash, hashes.back()) << "block " << n;
        }
        EXPECT_EQ(b->header.number, n);
        hashes.push_back(b->hash);
    }
    return hashes;
}

bool wait_head(const std::string& dir, uint64_t at_least, std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (head_of(dir) >= at_least) return true;
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

TEST(DevRestart, SigkillLosesNoCommittedBlockAndTheChainGoesOn) {
    auto dir = TempDir::make("yao-dev-restart-").value();
    ServerProcess dev;
    ServerProcess::Options o;
    o.argv = {YAOVERSE_BINARY, "dev", "--data-dir", dir.path(), "--empty-blocks",
              "--block-interval", "10", "--log-level", "warn", "--rpc-port", "0"};
    o.log_path = dir.path() + "/dev.log";
    o.ready = [&] { return head_of(dir.path()) >= 1; };
    ASSERT_TRUE(dev.start(o).has_value());

    std::vector<Hash256> before;
    for (int round = 0; round < 4; ++round) {
        // Let it run a little (different moments in the commit cycle each round), then crash.
        ASSERT_TRUE(wait_head(dir.path(), head_of(dir.path()) + 3 + round * 2, 30s));
        std::this_thread::sleep_for(std::chrono::milliseconds{7 * round});
        dev.kill();
        std::vector<Hash256> after_kill = chain_of(dir.path());
        ASSERT_GE(after_kill.size(), before.size());
        for (size_t n = 0; n < before.size(); ++n)
            ASSERT_EQ(to_hex(after_kill[n]), to_hex(before[n])) << "block " << n << " rewritten";
        before = after_kill;
        const uint64_t head = before.size() - 1;

        ASSERT_TRUE(dev.restart().has_value()) << "round " << round;
        ASSERT_TRUE(wait_head(dir.path(), head + 3, 30s)) << "the chain did not go on";
        std::vector<Hash256> resumed = chain_of(dir.path());
        for (size_t n = 0; n < before.size(); ++n)
            ASSERT_EQ(to_hex(resumed[n]), to_hex(before[n])) << "block " << n << " rewritten";
    }
    // A clean stop after all that.
    dev.stop();
    std::vector<Hash256> final_chain = chain_of(dir.path());
    EXPECT_GE(final_chain.size(), before.size() + 3);
    std::ifstream log{o.log_path};
    std::stringstream text;
    text << log.rdbuf();
    EXPECT_EQ(text.str().find("ERROR"), std::string::npos) << text.str();
}

/// The port `yaoverse dev` prints in its "Listening on 127.0.0.1:<port>" line, or 0.
uint16_t listening_port(const std::string& log_path) {
    return storage::test_util::port_in_log(log_path);
}

/// A 1 gwei-tip transfer of `value` wei from Hardhat's account #0 to `to`, signed.
std::string signed_transfer(uint64_t nonce, const Address& to, uint64_t value) {
    chain::Transaction t;
    t.type = chain::TxType::kDynamicFee;
    t.chain_id = 31337;
    t.nonce = nonce;
    t.max_priority_fee_per_gas = Uint256{1'000'000'000};
    t.max_fee_per_gas = Uint256{3'000'000'000};
    t.gas_limit = 21'000;
    t.to = to;
    t.value = Uint256{value};
    const Hash256 key =
        hash_from_hex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80").value();
    EXPECT_TRUE(chain::sign_transaction(t, key).has_value());
    return to_hex(chain::encode_transaction(t));
}

/// Sends nonces [from, to) in one JSON-RPC batch and returns the hashes the node answered.
std::vector<Hash256> send_batch(uint16_t port, uint64_t from, uint64_t to, const Address& dest) {
    nlohmann::json batch = nlohmann::json::array();
    for (uint64_t n = from; n < to; ++n) {
        batch.push_back({{"jsonrpc", "2.0"}, {"id", n}, {"method", "eth_sendRawTransaction"},
                         {"params", {signed_transfer(n, dest, n + 1)}}});
    }
    rpc::test::HttpClient client{port};
    auto answer = nlohmann::json::parse(client.post(batch.dump()).body());
    std::vector<Hash256> hashes;
    for (const auto& item : answer) {
        EXPECT_TRUE(item.contains("result")) << item.dump();
        if (item.contains("result")) hashes.push_back(hash_from_hex(item["result"].get<std::string>()).value());
    }
    return hashes;
}

/// Waits until the store of `dir` has a receipt for every hash.
bool wait_receipts(const std::string& dir, const std::vector<Hash256>& hashes) {
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < deadline) {
        auto s = open(dir);
        size_t found = 0;
        for (const Hash256& h : hashes) {
            auto r = s ? s->receipt(h) : Result<std::optional<storage::StoredReceipt>>{};
            if (r && *r && (*r)->receipt.success) ++found;
        }
        if (found == hashes.size()) return true;
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

TEST(DevRestart, TransactionsCommittedBeforeASigkillAreThereAfterItAndNoncesGoOn) {
    auto dir = TempDir::make("yao-dev-rpc-restart-").value();
    ServerProcess dev;
    ServerProcess::Options o;
    o.argv = {YAOVERSE_BINARY, "dev", "--data-dir", dir.path(), "--block-interval", "10",
              "--log-level", "warn", "--rpc-port", "0"};
    o.log_path = dir.path() + "/dev.log";
    o.ready = [&] { return listening_port(o.log_path) != 0; };
    ASSERT_TRUE(dev.start(o).has_value());
    Address dest;
    dest[0] = 0xde;

    std::vector<Hash256> committed;
    uint64_t nonce = 0;
    for (int round = 0; round < 3; ++round) {
        const uint16_t port = listening_port(o.log_path);
        ASSERT_NE(port, 0);
        auto hashes = send_batch(port, nonce, nonce + 20, dest);
        ASSERT_EQ(hashes.size(), 20u) << "round " << round;
        nonce += 20;
        ASSERT_TRUE(wait_receipts(dir.path(), hashes)) << "round " << round;
        committed.insert(committed.end(), hashes.begin(), hashes.end());
        dev.kill();
        // Every receipt seen before the crash is still there, and the chain is whole.
        ASSERT_TRUE(wait_receipts(dir.path(), committed));
        chain_of(dir.path());
        std::ofstream{o.log_path, std::ios::trunc};  // the next "Listening on" line is the new port
        ASSERT_TRUE(dev.restart().has_value()) << "round " << round;
    }
    // The account's nonce went on across the crashes: the recipient got 1 + 2 + ... + 60 wei.
    auto s = open(dir.path());
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->account(dest).value().value_or(state::Account{}).balance, Uint256{60 * 61 / 2});
    dev.stop();
}

}  // namespace
}  // namespace yao::test
