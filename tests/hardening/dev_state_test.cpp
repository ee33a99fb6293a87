// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The state-writing development helpers on a real `yaoverse dev` (docs/rpc.md "Development
// helpers"): each write is a committed block carrying a state patch, so the values read back
// exactly, bad input changes nothing, and `yaoverse verify` re-executes the whole chain with
// its patches and impersonated transactions. (Driven by cast and Hardhat's network helpers in
// tests/tools; a cluster's Portal refuses them: tests/ops/metrics_test.py.)
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "dev_process.hpp"

namespace yao::hardening {
namespace {

constexpr const char* kX = "0x1111111111111111111111111111111111111111";
constexpr const char* kY = "0x2222222222222222222222222222222222222222";
constexpr const char* kZ = "0x3333333333333333333333333333333333333333";
constexpr const char* kHistory = "0x0000f90827f1c53a10cb7a02335b175320002935";  // EIP-2935
constexpr const char* kSlotValue =
    "0x000000000000000000000000000000000000000000000000000000000000002a";
// 10,000 ether: what `yaoverse dev` gives each dev account at genesis.
constexpr const char* kGenesisBalance = "0x21e19e0c9bab2400000";

std::string hex_text(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        char b[3];
        std::snprintf(b, sizeof b, "%02x", c);
        out += b;
    }
    return out;
}

std::string hex(uint64_t n) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(n));
    return buf;
}

Json result_of(DevProcess& dev, std::string_view method, Json params) {
    Json r = dev.call(method, std::move(params));
    EXPECT_TRUE(r.contains("result")) << method << ": " << r.dump();
    return r.contains("result") ? r["result"] : Json{};
}

Json error_of(DevProcess& dev, std::string_view method, Json params) {
    Json r = dev.call(method, std::move(params));
    EXPECT_TRUE(r.contains("error")) << method << ": " << r.dump();
    return r.contains("error") ? r["error"] : Json{};
}

/// `yaoverse verify --data-dir DIR`: its exit status and output.
std::pair<int, std::string> verify(const std::string& dir) {
    const std::string cmd = std::string{YAOVERSE_BINARY} + " verify --data-dir " + dir + " 2>&1";
    std::string out;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (pipe == nullptr) return {-1, ""};
    char buf[4096];
    size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    const int status = ::pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

TEST(DevState, SettersWriteOneBlockEachAndTheChainStillVerifies) {
    DevProcess dev;
    dev.start();
    const uint64_t start = dev.block_number();

    EXPECT_TRUE(result_of(dev, "anvil_setBalance", {kX, "0x1234"}).is_null());
    EXPECT_EQ(result_of(dev, "eth_getBalance", {kX, "latest"}), "0x1234");
    EXPECT_EQ(result_of(dev, "hardhat_setNonce", {kX, "0x05"}), true);
    EXPECT_EQ(result_of(dev, "eth_getTransactionCount", {kX, "latest"}), "0x5");
    EXPECT_TRUE(result_of(dev, "anvil_setCode", {kX, "0x6001600055"}).is_null());
    EXPECT_EQ(result_of(dev, "eth_getCode", {kX, "latest"}), "0x6001600055");
    EXPECT_EQ(result_of(dev, "hardhat_setStorageAt", {kX, "0x01", kSlotValue}), true);
    EXPECT_EQ(result_of(dev, "eth_getStorageAt", {kX, "0x1", "latest"}), kSlotValue);
    EXPECT_EQ(dev.block_number(), start + 4);
    // Each patched block says so in its header: extraData = keccak256 of the patch.
    const Json block = result_of(dev, "eth_getBlockByNumber", {"latest", false});
    EXPECT_EQ(block["extraData"].get<std::string>().size(), 2u + 64u) << block.dump();
    EXPECT_EQ(block["transactions"], Json::array());
    // The earlier state is history, as for any block.
    EXPECT_EQ(result_of(dev, "eth_getBalance", {kX, hex(start)}), "0x0");

    // Bad input: a clear error and nothing mined.
    EXPECT_EQ(error_of(dev, "hardhat_setStorageAt", {kX, "0x1", "0x2a"})["code"], -32602);
    EXPECT_EQ(error_of(dev, "anvil_setBalance", {"0x1234", "0x1"})["code"], -32602);
    EXPECT_EQ(error_of(dev, "anvil_setNonce", {kX, "0x10000000000000000"})["code"], -32602);
    // Above what the store's signed 64-bit columns hold: refused before it could halt the chain.
    EXPECT_EQ(error_of(dev, "anvil_setNonce", {kX, "0x8000000000000000"})["code"], -32602);
    EXPECT_EQ(error_of(dev, "anvil_loadState", {"0x" + hex_text(R"({"accounts":{"0x1111111111111111111111111111111111111111":{"nonce":"0x8000000000000000"}}})")})["code"], -32602);
    // The EIP-2935 ring is the chain's own: a patch never writes it (the call succeeds, the slot
    // keeps the hash of block 0).
    const Json ring0 = result_of(dev, "eth_getStorageAt", {kHistory, "0x0", "latest"});
    EXPECT_EQ(result_of(dev, "anvil_setStorageAt", {kHistory, "0x0", kSlotValue}), true);
    EXPECT_EQ(result_of(dev, "eth_getStorageAt", {kHistory, "0x0", "latest"}), ring0);
    EXPECT_EQ(error_of(dev, "anvil_setCode", {kX})["code"], -32602);
    Json fee = error_of(dev, "anvil_setNextBlockBaseFeePerGas", {"0x1"});
    EXPECT_EQ(fee["code"], -32602);
    EXPECT_NE(fee["message"].get<std::string>().find("constant"), std::string::npos) << fee.dump();
    EXPECT_EQ(result_of(dev, "hardhat_setNextBlockBaseFeePerGas", {"0x3b9aca00"}), true);
    EXPECT_EQ(dev.block_number(), start + 5);  // the history-contract call mined an empty patch

    // anvil_setCoinbase: eth_coinbase and the next block's miner.
    EXPECT_TRUE(result_of(dev, "anvil_setCoinbase", {kZ}).is_null());
    EXPECT_EQ(result_of(dev, "eth_coinbase", Json::array()), kZ);
    EXPECT_EQ(result_of(dev, "evm_mine", Json::array()), "0x0");
    EXPECT_EQ(result_of(dev, "eth_getBlockByNumber", {"latest", false})["miner"], kZ);

    const Json info = result_of(dev, "anvil_nodeInfo", Json::array());
    EXPECT_EQ(info["currentBlockNumber"], hex(start + 6));
    EXPECT_EQ(info["environment"]["chainId"], 31337);
    const Json meta = result_of(dev, "hardhat_metadata", Json::array());
    EXPECT_EQ(meta["latestBlockNumber"], start + 6);
    EXPECT_EQ(meta["latestBlockHash"], result_of(dev, "eth_getBlockByNumber", {"latest", false})["hash"]);

    const auto [rc, out] = verify(dev.data_dir());
    EXPECT_EQ(rc, 0) << out;
    EXPECT_NE(out.find("verified blocks 0.." + std::to_string(start + 6)), std::string::npos) << out;
}

TEST(DevState, AnImpersonatedSenderSendsWithoutItsKeyAndVerifyKnowsItsSender) {
    DevProcess dev;
    dev.start();
    // Not a dev account: refused until impersonated.
    EXPECT_EQ(error_of(dev, "eth_sendTransaction", {{{"from", kY}, {"to", kZ}, {"value", "0x1"}}})["message"],
              "unknown account");
    EXPECT_TRUE(result_of(dev, "anvil_setBalance", {kY, "0xde0b6b3a7640000"}).is_null());
    EXPECT_EQ(result_of(dev, "hardhat_impersonateAccount", {kY}), true);
    const Json hash = result_of(dev, "eth_sendTransaction", {{{"from", kY}, {"to", kZ}, {"value", "0x3e8"}}});
    ASSERT_TRUE(hash.is_string());
    ASSERT_TRUE(dev.wait_receipt(hash.get<std::string>()));
    const Json receipt = result_of(dev, "eth_getTransactionReceipt", {hash});
    EXPECT_EQ(receipt["status"], "0x1");
    EXPECT_EQ(receipt["from"], kY);
    EXPECT_EQ(result_of(dev, "eth_getBalance", {kZ, "latest"}), "0x3e8");
    EXPECT_EQ(result_of(dev, "eth_getTransactionCount", {kY, "latest"}), "0x1");
    EXPECT_EQ(result_of(dev, "eth_getTransactionByHash", {hash})["from"], kY);
    // eth_signTransaction cannot sign for it: there is no key.
    EXPECT_EQ(error_of(dev, "eth_signTransaction", {{{"from", kY}, {"to", kZ}}})["message"],
              "unknown account");

    EXPECT_EQ(result_of(dev, "hardhat_stopImpersonatingAccount", {kY}), true);
    EXPECT_EQ(error_of(dev, "eth_sendTransaction", {{{"from", kY}, {"to", kZ}}})["message"],
              "unknown account");
    // Auto-impersonation: any address.
    EXPECT_TRUE(result_of(dev, "anvil_autoImpersonateAccount", {true}).is_null());
    const Json second = result_of(dev, "eth_sendTransaction", {{{"from", kY}, {"to", kZ}, {"value", "0x1"}}});
    ASSERT_TRUE(second.is_string());
    ASSERT_TRUE(dev.wait_receipt(second.get<std::string>()));
    EXPECT_EQ(result_of(dev, "eth_getBalance", {kZ, "latest"}), "0x3e9");
    EXPECT_TRUE(result_of(dev, "anvil_autoImpersonateAccount", {false}).is_null());
    EXPECT_EQ(error_of(dev, "anvil_autoImpersonateAccount", {"yes"})["code"], -32602);

    const auto [rc, out] = verify(dev.data_dir());
    EXPECT_EQ(rc, 0) << out;
    EXPECT_NE(out.find("2 transactions"), std::string::npos) << out;
}

TEST(DevState, RevertRestoresTheSnapshotsStateAndResetTheGenesis) {
    DevProcess dev;
    dev.start();
    const std::string dev0{kDevAddress0};
    EXPECT_TRUE(result_of(dev, "anvil_setCode", {kX, "0x60ff"}).is_null());
    const Json snap = result_of(dev, "evm_snapshot", Json::array());
    ASSERT_TRUE(snap.is_string());
    const Json later = result_of(dev, "evm_snapshot", Json::array());
    EXPECT_NE(snap, later);

    const Json hash = result_of(dev, "eth_sendTransaction", {{{"from", dev0}, {"to", kZ}, {"value", "0x10"}}});
    ASSERT_TRUE(dev.wait_receipt(hash.get<std::string>()));
    EXPECT_TRUE(result_of(dev, "anvil_setCode", {kX, "0x"}).is_null());
    EXPECT_EQ(result_of(dev, "anvil_setStorageAt", {kY, "0x7", kSlotValue}), true);
    EXPECT_EQ(result_of(dev, "eth_getBalance", {kZ, "latest"}), "0x10");
    EXPECT_EQ(result_of(dev, "eth_getTransactionCount", {dev0, "latest"}), "0x1");

    EXPECT_EQ(result_of(dev, "evm_revert", {snap}), true);
    EXPECT_EQ(result_of(dev, "eth_getBalance", {kZ, "latest"}), "0x0");
    EXPECT_EQ(result_of(dev, "eth_getBalance", {dev0, "latest"}), kGenesisBalance);
    EXPECT_EQ(result_of(dev, "eth_getTransactionCount", {dev0, "latest"}), "0x0");
    EXPECT_EQ(result_of(dev, "eth_getCode", {kX, "latest"}), "0x60ff");
    EXPECT_EQ(result_of(dev, "eth_getStorageAt", {kY, "0x7", "latest"}),
              "0x0000000000000000000000000000000000000000000000000000000000000000");
    // Used up, with every later snapshot; unknown ids answer false.
    EXPECT_EQ(result_of(dev, "evm_revert", {snap}), false);
    EXPECT_EQ(result_of(dev, "evm_revert", {later}), false);
    EXPECT_EQ(result_of(dev, "evm_revert", {"0x99"}), false);
    // The account's nonce went back, so the next transaction reuses nonce 0.
    const Json again = result_of(dev, "eth_sendTransaction", {{{"from", dev0}, {"to", kZ}, {"value", "0x20"}}});
    ASSERT_TRUE(dev.wait_receipt(again.get<std::string>()));
    EXPECT_EQ(result_of(dev, "eth_getTransactionByHash", {again})["nonce"], "0x0");
    EXPECT_EQ(result_of(dev, "eth_getBalance", {kZ, "latest"}), "0x20");

    EXPECT_TRUE(result_of(dev, "anvil_reset", Json::array()).is_null());
    EXPECT_EQ(result_of(dev, "eth_getCode", {kX, "latest"}), "0x");
    EXPECT_EQ(result_of(dev, "eth_getBalance", {kZ, "latest"}), "0x0");
    EXPECT_EQ(result_of(dev, "eth_getBalance", {dev0, "latest"}), kGenesisBalance);
    EXPECT_EQ(error_of(dev, "hardhat_reset", {{{"forking", {{"jsonRpcUrl", "http://x"}}}}})["code"],
              -32602);

    const auto [rc, out] = verify(dev.data_dir());
    EXPECT_EQ(rc, 0) << out;
}

TEST(DevState, DumpedStateLoadsIntoAnotherNodeAndStateFileSurvivesARestart) {
    DevProcess a;
    a.start();
    EXPECT_TRUE(result_of(a, "anvil_setBalance", {kX, "0x1234"}).is_null());
    EXPECT_TRUE(result_of(a, "anvil_setCode", {kX, "0x6001600055"}).is_null());
    EXPECT_EQ(result_of(a, "anvil_setStorageAt", {kX, "0x1", kSlotValue}), true);
    const Json dump = result_of(a, "anvil_dumpState", Json::array());
    ASSERT_TRUE(dump.is_string());
    EXPECT_EQ(dump.get<std::string>().substr(0, 6), "0x1f8b");  // gzip, as Anvil writes it

    const std::string state_file = a.data_dir() + "/state.json";
    DevProcess b;
    b.start({"--state", state_file});
    EXPECT_EQ(result_of(b, "anvil_loadState", {dump}), true);
    EXPECT_EQ(result_of(b, "eth_getBalance", {kX, "latest"}), "0x1234");
    EXPECT_EQ(result_of(b, "eth_getCode", {kX, "latest"}), "0x6001600055");
    EXPECT_EQ(result_of(b, "eth_getStorageAt", {kX, "0x1", "latest"}), kSlotValue);
    EXPECT_EQ(error_of(b, "anvil_loadState", {"0x1f8b0000"})["code"], -32602);
    EXPECT_EQ(error_of(b, "anvil_loadState", {"0x7b7d"})["code"], -32602);  // "{}"
    EXPECT_TRUE(result_of(b, "anvil_setNonce", {kY, "0x9"}).is_null());
    b.process().stop();  // SIGTERM: --state writes the file at exit
    ASSERT_TRUE(std::filesystem::exists(state_file));

    DevProcess c;  // a fresh chain that starts from the file
    c.start({"--state", state_file});
    EXPECT_EQ(result_of(c, "eth_getBalance", {kX, "latest"}), "0x1234");
    EXPECT_EQ(result_of(c, "eth_getStorageAt", {kX, "0x1", "latest"}), kSlotValue);
    EXPECT_EQ(result_of(c, "eth_getTransactionCount", {kY, "latest"}), "0x9");
    EXPECT_EQ(result_of(c, "eth_getBalance", {std::string{kDevAddress0}, "latest"}), kGenesisBalance);
}

}  // namespace
}  // namespace yao::hardening
