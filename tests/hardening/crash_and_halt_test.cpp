// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// Hardening classes 1-3 and 9: a request that would crash the node, values that would stop the
// chain, a failed commit, arithmetic that overflows at the door, two nodes on one directory.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <fstream>

#include <yao/chain/transaction.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/uint256.hpp>

#include "dev_process.hpp"

namespace yao::hardening {
namespace {

/// A typed-data document whose message nests a self-referential struct `depth` levels deep.
std::string nested_typed_data(size_t depth) {
    std::string message;
    message.reserve(depth * 12 + 16);
    for (size_t i = 0; i < depth; ++i) message += R"({"next":)";
    message += R"({"next":null})";
    message.append(depth, '}');
    return R"({"jsonrpc":"2.0","id":7,"method":"eth_signTypedData_v4","params":[")" +
           std::string{kDevAddress0} +
           R"(",{"types":{"EIP712Domain":[],"Node":[{"name":"next","type":"Node"}]},)"
           R"("primaryType":"Node","domain":{},"message":)" +
           message + "}]}";
}

TEST(Crash, TypedDataNestedAHundredThousandDeepIsRefusedAndTheNodeLives) {
    DevProcess dev;
    dev.start();
    auto answer = dev.post(nested_typed_data(100'000));
    ASSERT_TRUE(answer.has_value()) << "no answer: the node died";
    const Json r = Json::parse(*answer);
    ASSERT_TRUE(r.contains("error")) << answer->substr(0, 200);
    EXPECT_EQ(r["id"], 7);
    EXPECT_NE(r["error"]["message"].get<std::string>().find("nested deeper than 64"),
              std::string::npos)
        << r["error"].dump();
    // Also as a type chain: 100,000 struct types, each referencing the next.
    Json types = {{"EIP712Domain", Json::array()}};
    for (int i = 0; i < 100'000; ++i) {
        types["T" + std::to_string(i)] = {{{"name", "x"}, {"type", "T" + std::to_string(i + 1)}}};
    }
    types["T100000"] = {{{"name", "x"}, {"type", "uint8"}}};
    const Json chain = {{"types", types}, {"primaryType", "T0"}, {"domain", Json::object()},
                        {"message", {{"x", {{"x", 1}}}}}};
    Json refused = dev.call("eth_signTypedData_v4", {kDevAddress0, chain});
    ASSERT_TRUE(refused.contains("error")) << refused.dump().substr(0, 200);
    EXPECT_TRUE(dev.process().running());
    EXPECT_EQ(dev.block_number(), 0u);
}

TEST(ChainStop, TimestampsThatCannotBeStoredAreRefusedAtTheDoorAndTheChainGoesOn) {
    DevProcess dev;
    dev.start();
    const std::string huge = "0xffffffffffffffff";
    for (const char* method : {"evm_setNextBlockTimestamp", "evm_mine"}) {
        Json r = dev.call(method, {huge});
        ASSERT_TRUE(r.contains("error")) << method << ": " << r.dump();
        EXPECT_NE(r["error"]["message"].get<std::string>().find("timestamp too high"),
                  std::string::npos)
            << method << ": " << r.dump();
    }
    Json r = dev.call("evm_increaseTime", {huge});
    ASSERT_TRUE(r.contains("error")) << r.dump();
    // Just under the limit of the clock, then one more second than fits.
    r = dev.call("evm_increaseTime", {"0x7fffffffffffffff"});
    ASSERT_TRUE(r.contains("error")) << r.dump();
    EXPECT_EQ(dev.block_number(), 0u) << "a refused request must not make a block";

    // The largest storable timestamp is accepted and committed.
    r = dev.call("evm_mine", {"0x7fffffffffffffff"});
    ASSERT_TRUE(r.contains("result")) << r.dump();
    Json block = dev.call("eth_getBlockByNumber", {"latest", false});
    EXPECT_EQ(block["result"]["timestamp"], "0x7fffffffffffffff");

    // ... and the chain still takes transactions.
    r = dev.call("eth_sendRawTransaction", {signed_transfer({})});
    ASSERT_TRUE(r.contains("result")) << r.dump();
    EXPECT_TRUE(dev.wait_receipt(r["result"].get<std::string>()));
    EXPECT_TRUE(dev.process().running());
}

/// Runs `sql` on the node's SQLite file from outside the node.
void poison(const std::string& dir, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir + "/chain.sqlite").c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 10'000);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
}

TEST(ChainStop, ABlockThatCannotBeCommittedHaltsTheNodeLoudlyAndNoHashIsPromisedAfter) {
    DevProcess dev;
    dev.start();
    // A row outside the node's knowledge makes the next transaction's commit fail for good
    // (its hash is already stored: the database refuses the block every time).
    const std::string raw = signed_transfer({});
    const std::string hash = to_hex(keccak256(from_hex(raw).value()));
    poison(dev.data_dir(),
           "INSERT INTO transactions (hash, block_number, block_hash, transaction_index, "
           "from_address, value, gas_limit, gas_price, nonce, v, r, s, type, raw) VALUES ('" +
               hash + "', 999999, '" + hash + "', 0, '" + std::string{kDevAddress0} +
               "', '0', 21000, '0', 0, '0', '" + hash + "', '" + hash + "', 2, x'00')");
    Json r = dev.call("eth_sendRawTransaction", {raw});
    ASSERT_TRUE(r.contains("result")) << r.dump();

    // The node stops by itself with an error status, after saying why.
    const std::optional<int> status = dev.process().wait_exit(60s);
    ASSERT_TRUE(status.has_value()) << "the node kept running with a halted chain";
    EXPECT_EQ(*status, 1);
    const std::string log = dev.log_text();
    EXPECT_NE(log.find("block cannot be committed; the chain halts"), std::string::npos) << log;
    EXPECT_NE(log.find("the chain halted: stopping the node"), std::string::npos) << log;
}

TEST(ChainStop, ADatabaseLockedByAnotherProgramIsWaitedOutAndTheChainGoesOn) {
    DevProcess dev;
    dev.start({"--log-format", "json", "--config",
               write_config(R"({"store": {"busy_timeout_ms": 100}})")});
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dev.data_dir() + "/chain.sqlite").c_str(), &db), SQLITE_OK);
    // Hold the write lock far longer than the node's busy timeout: its commits fail with
    // "database is locked", a transient error, again and again.
    ASSERT_EQ(sqlite3_exec(db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
    Json r = dev.call("eth_sendRawTransaction", {signed_transfer({})});
    ASSERT_TRUE(r.contains("result")) << r.dump();
    const std::string hash = r["result"];
    // Let go only after the tenth failed attempt (a committer that gives up after a few
    // attempts has stopped by then).
    ASSERT_TRUE(dev.wait_log("\"attempt\":10", 60s)) << dev.log_text();
    ASSERT_EQ(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    EXPECT_TRUE(dev.wait_receipt(hash, 60s));
    EXPECT_TRUE(dev.process().running());
    EXPECT_EQ(dev.log_text().find("the chain halts"), std::string::npos);
}

TEST(FreeBlockSpam, AFeeCapWhoseCostOverflowsIsInsufficientFundsAndMakesNoBlock) {
    DevProcess dev;
    dev.start();
    // A fresh account holding 1 wei.
    const std::string poor_key = "0x" + std::string(63, '0') + "7";
    chain::Transaction probe;
    probe.type = chain::TxType::kDynamicFee;
    probe.chain_id = 31337;
    probe.gas_limit = 21'000;
    probe.to = Address{};
    ASSERT_TRUE(chain::sign_transaction(probe, hash_from_hex(poor_key).value()).has_value());
    const Address poor = chain::recover_sender(probe).value();
    TransferSpec fund;
    fund.to = to_hex(poor.view());
    Json r = dev.call("eth_sendRawTransaction", {signed_transfer(fund)});
    ASSERT_TRUE(r.contains("result")) << r.dump();
    ASSERT_TRUE(dev.wait_receipt(r["result"].get<std::string>()));
    const uint64_t head = dev.block_number();

    // 21000 * fee wraps past 2^256 to less than 21000 wei.
    const Uint256 fee = Uint256::max() / Uint256{21'000} + Uint256{1};
    ASSERT_LT(fee * Uint256{21'000}, Uint256{21'000});
    TransferSpec spam;
    spam.key = poor_key;
    spam.max_fee = fee.to_hex();
    spam.priority_fee = "0";
    spam.value = "0";
    for (int i = 0; i < 3; ++i) {
        spam.nonce = static_cast<uint64_t>(i);
        r = dev.call("eth_sendRawTransaction", {signed_transfer(spam)});
        ASSERT_TRUE(r.contains("error")) << r.dump();
        EXPECT_EQ(r["error"]["message"], "insufficient funds for gas * price + value") << r.dump();
    }
    Json status = dev.call("txpool_status");
    EXPECT_EQ(status["result"]["pending"], "0x0") << status.dump();
    EXPECT_EQ(dev.block_number(), head);
}

TEST(DataDir, ASecondNodeOnTheSameDirectoryIsRefusedAndTheFirstGoesOn) {
    DevProcess dev;
    dev.start();
    storage::test_util::ServerProcess second;
    storage::test_util::ServerProcess::Options o;
    o.argv = {YAOVERSE_BINARY, "dev", "--data-dir", dev.data_dir(), "--rpc-port", "0"};
    o.log_path = dev.data_dir() + "/second.log";
    o.ready = [] { return false; };  // it must exit during start-up
    o.ready_timeout = 20s;
    auto started = second.start(o);
    ASSERT_FALSE(started.has_value());
    EXPECT_NE(started.error().message().find("exited during start-up"), std::string::npos)
        << started.error().message();
    EXPECT_NE(started.error().message().find("is locked by process " +
                                             std::to_string(dev.process().pid())),
              std::string::npos)
        << started.error().message();
    Json r = dev.call("eth_sendRawTransaction", {signed_transfer({})});
    ASSERT_TRUE(r.contains("result")) << r.dump();
    EXPECT_TRUE(dev.wait_receipt(r["result"].get<std::string>()));
}

}  // namespace
}  // namespace yao::hardening
