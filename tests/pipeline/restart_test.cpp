// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// DESIGN.md section 9: killing `yaoverse dev` with SIGKILL at any moment loses no committed
// block, and the chain resumes from its head after restart.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <yao/common/hex.hpp>
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

}  // namespace
}  // namespace yao::test
