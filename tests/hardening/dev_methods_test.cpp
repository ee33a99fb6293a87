// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The development helpers that mine (anvil_mine, hardhat_mine) on a real `yaoverse dev`: each
// block is a real committed block, the interval moves the clock, and a request for more blocks
// than one call may mine is refused before anything is mined. (A cluster's Portal does not serve
// them: tests/ops/metrics_test.py.)
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "dev_process.hpp"

namespace yao::hardening {
namespace {

uint64_t quantity(const Json& v) { return std::stoull(v.get<std::string>(), nullptr, 16); }

uint64_t timestamp_of(DevProcess& dev, uint64_t number) {
    char tag[32];
    std::snprintf(tag, sizeof tag, "0x%llx", static_cast<unsigned long long>(number));
    Json block = dev.call("eth_getBlockByNumber", {tag, false});
    EXPECT_TRUE(block.contains("result") && block["result"].is_object()) << block.dump();
    return block.contains("result") && block["result"].is_object()
               ? quantity(block["result"]["timestamp"])
               : 0;
}

void wait_for_block(DevProcess& dev, uint64_t number) {
    for (int i = 0; i < 200 && dev.block_number() < number; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds{25});
    ASSERT_GE(dev.block_number(), number);
}

TEST(DevMethods, HardhatAndAnvilMineCommitBlocksAtTheInterval) {
    DevProcess dev;
    dev.start();
    const uint64_t before = dev.block_number();

    Json r = dev.call("hardhat_mine", {"0x3", "0x5"});
    ASSERT_TRUE(r.contains("result")) << r.dump();
    EXPECT_EQ(r["result"], true);
    wait_for_block(dev, before + 3);
    const uint64_t t1 = timestamp_of(dev, before + 1);
    const uint64_t t2 = timestamp_of(dev, before + 2);
    const uint64_t t3 = timestamp_of(dev, before + 3);
    // Each block 5 s after the one before (6 if the wall clock crossed a second meanwhile).
    EXPECT_GE(t2, t1 + 5);
    EXPECT_LE(t2, t1 + 6);
    EXPECT_GE(t3, t2 + 5);
    EXPECT_LE(t3, t2 + 6);

    r = dev.call("anvil_mine", Json::array());  // one block by default
    ASSERT_TRUE(r.contains("result")) << r.dump();
    EXPECT_TRUE(r["result"].is_null());
    wait_for_block(dev, before + 4);

    r = dev.call("anvil_mine", {2, 0});  // JSON numbers too; interval 0: same clock
    ASSERT_TRUE(r.contains("result")) << r.dump();
    wait_for_block(dev, before + 6);
    EXPECT_EQ(dev.block_number(), before + 6);

    // More than one call may mine: refused, nothing mined.
    r = dev.call("hardhat_mine", {"0x2711"});
    ASSERT_TRUE(r.contains("error")) << r.dump();
    EXPECT_EQ(r["error"]["code"], -32602);
    EXPECT_NE(r["error"]["message"].get<std::string>().find("at most 10000 blocks"),
              std::string::npos)
        << r.dump();
    r = dev.call("anvil_mine", {"0x1", "0x2", "0x3"});
    ASSERT_TRUE(r.contains("error")) << r.dump();
    std::this_thread::sleep_for(std::chrono::milliseconds{200});
    EXPECT_EQ(dev.block_number(), before + 6);
}

}  // namespace
}  // namespace yao::hardening
