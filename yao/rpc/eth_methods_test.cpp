// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "eth_methods.hpp"

#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include <yao/chain/block.hpp>
#include <yao/chain/errc.hpp>
#include <yao/chain/processor.hpp>
#include <yao/chain/receipt.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/secp256k1.hpp>

#include "json_codec.hpp"
#include "test_util/fake_session.hpp"
#include "test_util/test_backend.hpp"

namespace yao::rpc {
namespace {

using test::FakeSession;
using test::TestBackend;
using test::TestTx;

#ifndef YAO_SOURCE_DIR
#define YAO_SOURCE_DIR "/work/main"
#endif

/// tests/vectors/transactions.json: ethers-signed transactions with their fields.
const Json& vectors() {
    static const Json j = [] {
        std::ifstream in{std::string{YAO_SOURCE_DIR} + "/tests/vectors/transactions.json"};
        return Json::parse(in);
    }();
    return j;
}
const Json& vector(size_t i) { return vectors()["valid"][i]; }

chain::Transaction decode(const Json& v) {
    auto raw = from_hex(v["raw"].get<std::string>());
    auto txn = chain::decode_transaction(*raw);
    EXPECT_TRUE(txn.has_value());
    return *txn;
}
Address addr(std::string_view hex) { return *address_from_hex(hex); }
std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
/// A decimal string of the vectors as a JSON-RPC quantity.
std::string qty(const Json& dec) { return Uint256::from_dec(dec.get<std::string>())->to_hex(); }

// Vectors used: 8 = legacy EIP-155 on chain 31337, 24 = type 2 with calldata and access list,
// 18 = type 1 with an access list, 23 = type 2 transfer.
constexpr size_t kLegacy = 8, kDynamic = 24, kAccessList = 18, kPendingDynamic = 23;

/// Vector `i` as a transaction of a test block using `gas` gas.
TestTx tx(size_t i, uint64_t gas = 21'000) {
    TestTx t;
    t.txn = decode(vector(i));
    t.sender = addr(vector(i)["from"].get<std::string>());
    t.gas_used = gas;
    return t;
}

const Address kContract = *address_from_hex("0x095e7baea6a6c7c4c2dfeb977efac326af552d87");
const Hash256 kTopicA = keccak256(as_bytes("Approval(address,address,uint256)"));
const Hash256 kTopicB = keccak256(as_bytes("Transfer(address,address,uint256)"));

class EthMethodsTest : public ::testing::Test {
protected:
    void SetUp() override {
        options_.filter_timeout = std::chrono::minutes{5};
        register_eth_methods(table_, backend_, options_);
        // eth_estimateGas belongs to the execution methods; a stand-in records its calls.
        table_.add("eth_estimateGas", [this](const Json& p, Session&) -> MethodResult {
            estimate_calls_.push_back(p);
            return "0x5208";
        });
        const Address dev = backend_.accounts()[0].address;
        state::Account rich;
        rich.balance = Uint256::from_dec("100000000000000000000").value();
        state::Account contract;
        contract.nonce = 1;
        contract.code_hash = keccak256(code_);
        genesis_ = backend_.commit({}, {{dev, rich}, {kContract, contract}},
                                   {{kContract, Hash256{}, Uint256{0x2a}.to_hash()}},
                                   {{contract.code_hash, code_}});

        TestTx legacy = tx(kLegacy);
        TestTx dynamic = tx(kDynamic, 50'000);
        dynamic.logs.push_back({kContract, {kTopicA, Uint256{1}.to_hash()}, Bytes{0x01, 0x02}});
        dynamic.logs.push_back({kContract, {kTopicB}, Bytes{}});
        TestTx access = tx(kAccessList, 30'000);
        access.success = false;
        access.logs.push_back({dev, {kTopicB, Uint256{2}.to_hash(), Uint256{3}.to_hash()}, {}});
        rich.balance = Uint256::from_dec("50000000000000000000").value();
        rich.nonce = 1;
        block1_ = backend_.commit({legacy, dynamic, access}, {{dev, rich}},
                                  {{kContract, Hash256{}, Uint256{0x2b}.to_hash()}});
        rich.balance = Uint256::from_dec("40000000000000000000").value();
        block2_ = backend_.commit({}, {{dev, rich}});
    }

    MethodResult call(const std::string& method, Json params, Session& session) {
        const Method* m = table_.find(method);
        EXPECT_NE(m, nullptr) << method;
        if (!m) return rpc_error(kMethodNotFound, method);
        return (*m)(params, session);
    }
    MethodResult call(const std::string& method, Json params = Json::array()) {
        return call(method, std::move(params), http_);
    }
    Json ok(const std::string& method, Json params = Json::array()) {
        auto r = call(method, std::move(params));
        EXPECT_TRUE(r.has_value()) << method << ": " << (r ? "" : r.error().message);
        return r ? *r : Json{};
    }
    RpcError err(const std::string& method, Json params = Json::array()) {
        auto r = call(method, std::move(params));
        EXPECT_FALSE(r.has_value()) << method << " returned " << (r ? r->dump() : "");
        return r ? RpcError{} : r.error();
    }

    TestBackend backend_;
    EthOptions options_;
    MethodTable table_;
    FakeSession http_{1, false};
    std::vector<Json> estimate_calls_;
    Bytes code_{0x60, 0x01, 0x60, 0x00, 0x55};
    storage::BlockCommit genesis_, block1_, block2_;
};

std::string hex(const Hash256& h) { return to_hex(h.view()); }

TEST_F(EthMethodsTest, ChainParametersAreQuantities) {
    EXPECT_EQ(ok("eth_chainId"), "0x7a69");
    EXPECT_EQ(ok("eth_blockNumber"), "0x2");
    EXPECT_EQ(ok("net_version"), "31337");
    EXPECT_EQ(ok("net_listening"), true);
    EXPECT_EQ(ok("net_peerCount"), "0x0");
    EXPECT_EQ(ok("eth_syncing"), false);
    EXPECT_EQ(ok("eth_mining"), false);
    EXPECT_EQ(ok("eth_hashrate"), "0x0");
    EXPECT_EQ(ok("eth_coinbase"), "0xc0ffee0000000000000000000000000000000001");
    EXPECT_EQ(ok("web3_clientVersion"), options_.client_version);
    // keccak256("hello world"), a well-known value.
    EXPECT_EQ(ok("web3_sha3", {"0x68656c6c6f20776f726c64"}),
              "0x47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad");
    EXPECT_EQ(ok("eth_getUncleCountByBlockNumber", {"0x1"}), "0x0");
    EXPECT_EQ(ok("eth_getUncleByBlockHashAndIndex", {hex(block1_.hash), "0x0"}), nullptr);
}

TEST_F(EthMethodsTest, BlockHasGethFieldsAndValues) {
    const Json b = ok("eth_getBlockByNumber", {"0x1", false});
    std::vector<std::string> keys;
    for (const auto& [k, v] : b.items()) keys.push_back(k);
    std::vector<std::string> geth = {
        "baseFeePerGas", "blobGasUsed",  "difficulty",      "excessBlobGas",
        "extraData",     "gasLimit",     "gasUsed",         "hash",
        "logsBloom",     "miner",        "mixHash",         "nonce",
        "number",        "parentBeaconBlockRoot",           "parentHash",
        "receiptsRoot",  "sha3Uncles",   "size",            "stateRoot",
        "timestamp",     "totalDifficulty", "transactions", "transactionsRoot",
        "uncles",        "withdrawals",  "withdrawalsRoot"};
    std::sort(geth.begin(), geth.end());
    EXPECT_EQ(keys, geth);
    EXPECT_EQ(b["number"], "0x1");
    EXPECT_EQ(b["hash"], hex(block1_.hash));
    EXPECT_EQ(b["parentHash"], hex(genesis_.hash));
    EXPECT_EQ(b["nonce"], "0x0000000000000000");
    EXPECT_EQ(b["sha3Uncles"], "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");
    EXPECT_EQ(b["withdrawalsRoot"],
              "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
    EXPECT_EQ(b["miner"], "0xc0ffee0000000000000000000000000000000001");
    EXPECT_EQ(b["difficulty"], "0x0");
    EXPECT_EQ(b["totalDifficulty"], "0x0");
    EXPECT_EQ(b["extraData"], "0x");
    EXPECT_EQ(b["gasLimit"], "0x1c9c380");
    EXPECT_EQ(b["gasUsed"], "0x18a88");  // 21,000 + 50,000 + 30,000
    EXPECT_EQ(b["timestamp"], "0x6553f10c");  // 1,700,000,012
    EXPECT_EQ(b["baseFeePerGas"], "0x3b9aca00");
    EXPECT_EQ(b["blobGasUsed"], "0x0");
    EXPECT_EQ(b["excessBlobGas"], "0x0");
    EXPECT_EQ(b["parentBeaconBlockRoot"], hex(Hash256{}));
    EXPECT_EQ(b["mixHash"], hex(block1_.header.prev_randao));
    EXPECT_EQ(b["stateRoot"], hex(block1_.header.state_root));
    EXPECT_EQ(b["transactionsRoot"], hex(block1_.header.transactions_root));
    EXPECT_EQ(b["logsBloom"], to_hex(block1_.header.logs_bloom.view()));
    EXPECT_EQ(b["uncles"], Json::array());
    EXPECT_EQ(b["withdrawals"], Json::array());
    EXPECT_EQ(b["transactions"], Json::array({vector(kLegacy)["hash"], vector(kDynamic)["hash"],
                                              vector(kAccessList)["hash"]}));
    // size: the RLP of [header, [txs], [], []].
    chain::Block whole{block1_.header, {}, {}, std::vector<chain::Withdrawal>{}};
    for (const auto& t : block1_.transactions) whole.transactions.push_back(t.txn);
    EXPECT_EQ(b["size"], quantity(uint64_t{chain::encode_block(whole).size()}));

    EXPECT_EQ(ok("eth_getBlockByHash", {hex(block1_.hash), false}), b);
    EXPECT_EQ(ok("eth_getBlockByNumber", {"latest", false})["number"], "0x2");
    EXPECT_EQ(ok("eth_getBlockByNumber", {"pending", false})["number"], "0x2");
    EXPECT_EQ(ok("eth_getBlockByNumber", {"earliest", false})["hash"], hex(genesis_.hash));
    EXPECT_EQ(ok("eth_getBlockByNumber", {"0x3", false}), nullptr);
    EXPECT_EQ(ok("eth_getBlockByHash", {hex(Hash256{}), true}), nullptr);
    EXPECT_EQ(ok("eth_getBlockTransactionCountByNumber", {"0x1"}), "0x3");
    EXPECT_EQ(ok("eth_getBlockTransactionCountByHash", {hex(block2_.hash)}), "0x0");
}

TEST_F(EthMethodsTest, LegacyTransactionMatchesTheSignedVector) {
    const Json& v = vector(kLegacy);
    const Json t = ok("eth_getTransactionByHash", {v["hash"]});
    const Json expected = {
        {"blockHash", hex(block1_.hash)},
        {"blockNumber", "0x1"},
        {"transactionIndex", "0x0"},
        {"hash", v["hash"]},
        {"from", lower(v["from"])},
        {"to", lower(v["to"])},
        {"nonce", "0x0"},
        {"gas", "0x5208"},
        {"gasPrice", qty(v["gas_price"])},
        {"value", "0x1"},
        {"input", "0x"},
        {"type", "0x0"},
        {"chainId", "0x7a69"},
        {"v", qty(v["v"])},
        {"r", Uint256::from_hex(v["r"].get<std::string>())->to_hex()},
        {"s", Uint256::from_hex(v["s"].get<std::string>())->to_hex()},
    };
    EXPECT_EQ(t, expected);
    // The same object inside a full block and by position.
    const Json b = ok("eth_getBlockByNumber", {"0x1", true});
    EXPECT_EQ(b["transactions"][0], expected);
    EXPECT_EQ(ok("eth_getTransactionByBlockNumberAndIndex", {"0x1", "0x0"}), expected);
    EXPECT_EQ(ok("eth_getTransactionByBlockHashAndIndex", {hex(block1_.hash), "0x0"}), expected);
    EXPECT_EQ(ok("eth_getTransactionByBlockNumberAndIndex", {"0x1", "0x3"}), nullptr);
}

TEST_F(EthMethodsTest, DynamicFeeTransactionHasEffectiveGasPriceAndAccessList) {
    const Json& v = vector(kDynamic);
    const Json t = ok("eth_getTransactionByHash", {v["hash"]});
    Json access = Json::array();
    for (const auto& e : v["access_list"]) {
        access.push_back({{"address", lower(e["address"])}, {"storageKeys", e["storage_keys"]}});
    }
    const Json expected = {
        {"blockHash", hex(block1_.hash)},
        {"blockNumber", "0x1"},
        {"transactionIndex", "0x1"},
        {"hash", v["hash"]},
        {"from", lower(v["from"])},
        {"to", lower(v["to"])},
        {"nonce", "0x8"},
        {"gas", "0x15f90"},
        // min(maxFeePerGas, baseFee + maxPriorityFeePerGas) = min(35 gwei, 1 + 1.5 gwei)
        {"gasPrice", "0x9502f900"},
        {"maxFeePerGas", qty(v["max_fee_per_gas"])},
        {"maxPriorityFeePerGas", qty(v["max_priority_fee_per_gas"])},
        {"value", "0x0"},
        {"input", v["data"]},
        {"type", "0x2"},
        {"chainId", "0x1"},
        {"accessList", access},
        {"v", qty(v["v"])},
        {"yParity", quantity(v["y_parity"].get<uint64_t>())},
        {"r", Uint256::from_hex(v["r"].get<std::string>())->to_hex()},
        {"s", Uint256::from_hex(v["s"].get<std::string>())->to_hex()},
    };
    EXPECT_EQ(t, expected);

    const Json a = ok("eth_getTransactionByHash", {vector(kAccessList)["hash"]});
    EXPECT_EQ(a["type"], "0x1");
    EXPECT_EQ(a["gasPrice"], qty(vector(kAccessList)["gas_price"]));
    EXPECT_EQ(a["yParity"], "0x0");
    EXPECT_FALSE(a.contains("maxFeePerGas"));
    EXPECT_EQ(a["accessList"][0]["storageKeys"], Json::array());
}

TEST_F(EthMethodsTest, PendingTransactionHasNullBlockFieldsAndFeeCapAsGasPrice) {
    const Json& v = vector(kPendingDynamic);
    EXPECT_EQ(ok("eth_sendRawTransaction", {v["raw"]}), v["hash"]);
    const Json t = ok("eth_getTransactionByHash", {v["hash"]});
    EXPECT_EQ(t["blockHash"], nullptr);
    EXPECT_EQ(t["blockNumber"], nullptr);
    EXPECT_EQ(t["transactionIndex"], nullptr);
    EXPECT_EQ(t["gasPrice"], qty(v["max_fee_per_gas"]));
    EXPECT_EQ(t["from"], lower(v["from"]));
    EXPECT_EQ(ok("eth_getTransactionReceipt", {v["hash"]}), nullptr);
    EXPECT_EQ(ok("eth_getTransactionByHash", {hex(Hash256{})}), nullptr);

    EXPECT_EQ(ok("txpool_status"), (Json{{"pending", "0x1"}, {"queued", "0x0"}}));
    const Json content = ok("txpool_content");
    // geth keys the pool by EIP-55 address, then by decimal nonce.
    EXPECT_EQ(content["pending"][v["from"].get<std::string>()]["0"], t);
    const Json inspect = ok("txpool_inspect");
    EXPECT_EQ(inspect["pending"][v["from"].get<std::string>()]["0"],
              v["to"].get<std::string>() + ": " + v["value"].get<std::string>() + " wei + " +
                  v["gas_limit"].get<std::string>() + " gas \xc3\x97 " +
                  v["max_fee_per_gas"].get<std::string>() + " wei");
}

TEST_F(EthMethodsTest, ReceiptWithLogsHasGethFields) {
    const Json& v = vector(kDynamic);
    const Json r = ok("eth_getTransactionReceipt", {v["hash"]});
    const std::string block_hash = hex(block1_.hash);
    const Json expected = {
        {"blockHash", block_hash},
        {"blockNumber", "0x1"},
        {"transactionHash", v["hash"]},
        {"transactionIndex", "0x1"},
        {"from", lower(v["from"])},
        {"to", lower(v["to"])},
        {"gasUsed", "0xc350"},
        {"cumulativeGasUsed", "0x11558"},  // 21,000 + 50,000
        {"contractAddress", nullptr},
        {"effectiveGasPrice", "0x9502f900"},
        {"logsBloom", to_hex(block1_.transactions[1].receipt.logs_bloom.view())},
        {"type", "0x2"},
        {"status", "0x1"},
        {"logs",
         {{{"address", "0x095e7baea6a6c7c4c2dfeb977efac326af552d87"},
           {"topics", {hex(kTopicA), hex(Uint256{1}.to_hash())}},
           {"data", "0x0102"},
           {"blockNumber", "0x1"},
           {"blockHash", block_hash},
           {"transactionHash", v["hash"]},
           {"transactionIndex", "0x1"},
           {"logIndex", "0x0"},
           {"removed", false}},
          {{"address", "0x095e7baea6a6c7c4c2dfeb977efac326af552d87"},
           {"topics", {hex(kTopicB)}},
           {"data", "0x"},
           {"blockNumber", "0x1"},
           {"blockHash", block_hash},
           {"transactionHash", v["hash"]},
           {"transactionIndex", "0x1"},
           {"logIndex", "0x1"},
           {"removed", false}}}},
    };
    EXPECT_EQ(r, expected);
    const Json failed = ok("eth_getTransactionReceipt", {vector(kAccessList)["hash"]});
    EXPECT_EQ(failed["status"], "0x0");
    EXPECT_EQ(failed["logs"][0]["logIndex"], "0x2");  // block-wide index
    const Json all = ok("eth_getBlockReceipts", {"0x1"});
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[1], expected);
    EXPECT_EQ(ok("eth_getBlockReceipts", {"0x9"}), nullptr);
}

TEST_F(EthMethodsTest, StateReadsAtEveryKindOfBlockReference) {
    const std::string dev = address_hex(backend_.accounts()[0].address);
    EXPECT_EQ(ok("eth_getBalance", {dev, "latest"}), "0x22b1c8c1227a00000");  // 40 ether
    EXPECT_EQ(ok("eth_getBalance", {dev}), "0x22b1c8c1227a00000");
    EXPECT_EQ(ok("eth_getBalance", {dev, "0x1"}), "0x2b5e3af16b1880000");  // 50 ether
    EXPECT_EQ(ok("eth_getBalance", {dev, "earliest"}), "0x56bc75e2d63100000");  // 100 ether
    EXPECT_EQ(ok("eth_getBalance", {dev, {{"blockHash", hex(block1_.hash)}}}),
              "0x2b5e3af16b1880000");
    EXPECT_EQ(ok("eth_getBalance", {dev, {{"blockNumber", "0x0"}}}), "0x56bc75e2d63100000");
    EXPECT_EQ(ok("eth_getBalance", {"0x0000000000000000000000000000000000000001"}), "0x0");
    RpcError e = err("eth_getBalance", {dev, "0x10"});
    EXPECT_EQ(e.code, kServerError);
    EXPECT_EQ(e.message, "header not found");
    e = err("eth_getBalance", {dev, {{"blockHash", hex(Hash256{})}}});
    EXPECT_EQ(e.message, "header for hash not found");

    EXPECT_EQ(ok("eth_getTransactionCount", {dev, "latest"}), "0x1");
    EXPECT_EQ(ok("eth_getTransactionCount", {dev, "earliest"}), "0x0");
    EXPECT_EQ(ok("eth_getTransactionCount", {dev, "pending"}), "0x1");

    const std::string c = address_hex(kContract);
    EXPECT_EQ(ok("eth_getCode", {c, "latest"}), "0x6001600055");
    EXPECT_EQ(ok("eth_getCode", {dev, "latest"}), "0x");
    EXPECT_EQ(ok("eth_getStorageAt", {c, "0x0", "latest"}), hex(Uint256{0x2b}.to_hash()));
    EXPECT_EQ(ok("eth_getStorageAt", {c, "0x0", "0x0"}), hex(Uint256{0x2a}.to_hash()));
    EXPECT_EQ(ok("eth_getStorageAt", {c, hex(Hash256{}), "latest"}), hex(Uint256{0x2b}.to_hash()));
    EXPECT_EQ(ok("eth_getStorageAt", {c, "0x1"}), hex(Hash256{}));
}

TEST_F(EthMethodsTest, GetLogsMatchesAddressesTopicsAndRanges) {
    auto indexes = [](const Json& logs) {
        std::vector<std::string> out;
        for (const auto& l : logs) out.push_back(l["logIndex"].get<std::string>());
        return out;
    };
    using V = std::vector<std::string>;
    const std::string c = address_hex(kContract);
    const std::string dev = address_hex(backend_.accounts()[0].address);
    EXPECT_EQ(indexes(ok("eth_getLogs", {{{"fromBlock", "0x0"}}})), (V{"0x0", "0x1", "0x2"}));
    EXPECT_EQ(indexes(ok("eth_getLogs", {{{"fromBlock", "0x0"}, {"address", c}}})),
              (V{"0x0", "0x1"}));
    EXPECT_EQ(indexes(ok("eth_getLogs", {{{"fromBlock", "0x0"}, {"address", {dev, c}}}})),
              (V{"0x0", "0x1", "0x2"}));
    EXPECT_EQ(indexes(ok("eth_getLogs", {{{"fromBlock", "0x0"}, {"topics", {hex(kTopicB)}}}})),
              (V{"0x1", "0x2"}));
    // OR within a position, null as a wildcard, and a wildcard position still needs the topic.
    EXPECT_EQ(indexes(ok("eth_getLogs",
                         {{{"fromBlock", "0x0"}, {"topics", Json::array({Json::array({hex(kTopicA), hex(kTopicB)})})}}})),
              (V{"0x0", "0x1", "0x2"}));
    EXPECT_EQ(indexes(ok("eth_getLogs", {{{"fromBlock", "0x0"}, {"topics", {nullptr, nullptr}}}})),
              (V{"0x0", "0x2"}));
    EXPECT_EQ(indexes(ok("eth_getLogs",
                         {{{"fromBlock", "0x0"},
                           {"topics", {nullptr, hex(Uint256{2}.to_hash())}}}})),
              (V{"0x2"}));
    EXPECT_EQ(indexes(ok("eth_getLogs", {{{"blockHash", hex(block1_.hash)}}})),
              (V{"0x0", "0x1", "0x2"}));
    EXPECT_EQ(ok("eth_getLogs", {{{"blockHash", hex(block2_.hash)}}}), Json::array());
    EXPECT_EQ(ok("eth_getLogs", {Json::object()}), Json::array());  // latest = block 2
    EXPECT_EQ(ok("eth_getLogs", {{{"fromBlock", "0x5"}, {"toBlock", "0x9"}}}), Json::array());

    RpcError e = err("eth_getLogs", {{{"fromBlock", "0x2"}, {"toBlock", "0x1"}}});
    EXPECT_EQ(e.code, kServerError);
    EXPECT_EQ(e.message, "invalid block range params");
    e = err("eth_getLogs", {{{"topics", {nullptr, nullptr, nullptr, nullptr, nullptr}}}});
    EXPECT_EQ(e.message, "exceed max topics");
    e = err("eth_getLogs", {{{"blockHash", hex(Hash256{})}}});
    EXPECT_EQ(e.message, "unknown block");
}

TEST(EthMethodsLimits, LogQueriesOverTheLimitsAreRefusedWithMinus32005) {
    TestBackend backend;
    EthOptions options;
    options.max_log_block_range = 2;
    options.max_log_results = 1;
    MethodTable table;
    register_eth_methods(table, backend, options);
    FakeSession s;
    for (int i = 0; i < 3; ++i) {
        TestTx t = tx(kLegacy);
        t.txn.nonce = static_cast<uint64_t>(i);
        t.logs.push_back({kContract, {kTopicA}, {}});
        backend.commit({t});
    }
    const Method& logs = *table.find("eth_getLogs");
    auto r = logs(Json::array({{{"fromBlock", "0x0"}, {"toBlock", "0x2"}}}), s);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, kLimitExceeded);
    EXPECT_EQ(r.error().message, "query exceeds max block range 2");
    r = logs(Json::array({{{"fromBlock", "0x0"}, {"toBlock", "0x1"}}}), s);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, kLimitExceeded);
    EXPECT_EQ(r.error().message, "query returned more than 1 results");
    r = logs(Json::array({{{"fromBlock", "0x1"}, {"toBlock", "0x1"}}}), s);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->size(), 1u);
}

TEST_F(EthMethodsTest, FeesFollowGethsOracleAndFeeHistory) {
    // Tips of block 1: 0 (legacy below the base fee), 1.5 gwei and 4 gwei; geth takes the 60th
    // percentile of the samples: index (2 - 1) * 60 / 100 = 0 of those >= 2 wei.
    EXPECT_EQ(ok("eth_maxPriorityFeePerGas"), "0x59682f00");
    EXPECT_EQ(ok("eth_gasPrice"), "0x9502f900");
    const Json h = ok("eth_feeHistory", {"0x2", "latest", {10.0, 50.0, 100.0}});
    EXPECT_EQ(h["oldestBlock"], "0x1");
    EXPECT_EQ(h["baseFeePerGas"], Json::array({"0x3b9aca00", "0x3b9aca00", "0x3b9aca00"}));
    ASSERT_EQ(h["gasUsedRatio"].size(), 2u);
    EXPECT_DOUBLE_EQ(h["gasUsedRatio"][0].get<double>(), 101000.0 / 30000000.0);
    EXPECT_DOUBLE_EQ(h["gasUsedRatio"][1].get<double>(), 0.0);
    // Gas-weighted: 21,000 gas at tip 0, 50,000 at 1.5 gwei, 30,000 at 4 gwei.
    EXPECT_EQ(h["reward"], Json::parse(R"([["0x0","0x59682f00","0xee6b2800"],["0x0","0x0","0x0"]])"));
    EXPECT_EQ(h["baseFeePerBlobGas"], Json::array({"0x1", "0x1", "0x1"}));
    EXPECT_EQ(h["blobGasUsedRatio"], Json::array({0.0, 0.0}));
    EXPECT_EQ(ok("eth_feeHistory", {5, "0x1"})["oldestBlock"], "0x0");
    EXPECT_FALSE(ok("eth_feeHistory", {"0x1", "latest"}).contains("reward"));
    RpcError e = err("eth_feeHistory", {"0x1", "latest", {50.0, 10.0}});
    EXPECT_EQ(e.code, kServerError);
}

TEST_F(EthMethodsTest, BadParamsGiveGethLikeMinus32602) {
    RpcError e = err("eth_getBalance", Json::array());
    EXPECT_EQ(e.code, kInvalidParams);
    EXPECT_EQ(e.message, "missing value for required argument 0");
    e = err("eth_getBalance", {"0x0000000000000000000000000000000000000001", "latest", 1});
    EXPECT_EQ(e.code, kInvalidParams);
    EXPECT_EQ(e.message, "too many arguments, want at most 2");
    e = err("eth_getBalance", {"0x1234"});
    EXPECT_EQ(e.code, kInvalidParams);
    EXPECT_NE(e.message.find("want 40 for common.Address"), std::string::npos) << e.message;
    EXPECT_EQ(err("eth_getBalance", {"1234"}).message,
              "invalid argument 0: hex string without 0x prefix");
    // Leading zeros are accepted (issue #13); an empty quantity is not.
    EXPECT_EQ(ok("eth_getBlockByNumber", {"0x01", false})["number"], "0x1");
    e = err("eth_getBlockByNumber", {"0x", false});
    EXPECT_EQ(e.code, kInvalidParams);
    EXPECT_EQ(e.message, "invalid argument 0: empty hex string \"0x\"");
    e = err("eth_getBlockByNumber", {"0x1", "yes"});
    EXPECT_EQ(e.code, kInvalidParams);
    e = err("eth_chainId", {1});
    EXPECT_EQ(e.message, "too many arguments, want at most 0");
    e = err("eth_getBalance", Json::object());
    EXPECT_EQ(e.message, "non-array args");
}

TEST_F(EthMethodsTest, RejectedRawTransactionsCarryGethsTexts) {
    RpcError e = err("eth_sendRawTransaction", {"0x"});
    EXPECT_EQ(e.code, kServerError);
    EXPECT_EQ(e.message, "typed transaction too short");
    EXPECT_EQ(to_rpc_error(Error{chain::Errc::kNonceTooLow}).message, "nonce too low");
    EXPECT_EQ(to_rpc_error(Error{chain::Errc::kInsufficientFunds}).message,
              "insufficient funds for gas * price + value");
    EXPECT_EQ(to_rpc_error(Error{storage::Errc::kDatabase, "boom"}).code, kInternalError);
}

TEST_F(EthMethodsTest, ProofsAreRefusedWithAReason) {
    RpcError e = err("eth_getProof", {address_hex(kContract), Json::array(), "latest"});
    EXPECT_EQ(e.code, kMethodNotFound);
    EXPECT_NE(e.message.find("no Merkle-Patricia state trie"), std::string::npos);
}

TEST_F(EthMethodsTest, DevClockMethodsReachTheBackend) {
    EXPECT_EQ(ok("evm_increaseTime", {3600}), 3600);
    EXPECT_EQ(ok("evm_increaseTime", {"0x10"}), 3616);
    EXPECT_EQ(ok("evm_setNextBlockTimestamp", {1800000000}), nullptr);
    EXPECT_EQ(backend_.next_timestamp, 1800000000u);
    EXPECT_EQ(ok("evm_mine"), "0x0");
    EXPECT_EQ(ok("evm_mine", {"0x6b49d200"}), "0x0");
    EXPECT_EQ(backend_.mined_timestamps,
              (std::vector<std::optional<uint64_t>>{std::nullopt, 1800000000}));
    EXPECT_EQ(ok("eth_blockNumber"), "0x4");
}

// ---- Lenient quantities (issue #13): what ethers' toBeHex sends, and what is still refused ------

/// Quantities every 64-bit or 256-bit parameter must refuse with -32602.
std::vector<std::string> refused_quantities(bool wide) {
    return {"0x",                                     // empty
            "0xg1",                                   // not hex
            "0x1 ",                                   // trailing junk
            "-0x1",                                   // negative
            "1",                                      // no prefix
            wide ? "0x1" + std::string(64, '0')       // 2^256
                 : "0x1" + std::string(16, '0'),      // 2^64
            "0x" + std::string(1 << 20, '0') + "1"};  // a hostile megabyte
}

TEST(JsonCodecTest, QuantitiesCountSignificantDigitsNotCharacters) {
    EXPECT_EQ(parse_u64(Json("0x0001"), "0"), 1u);
    EXPECT_EQ(parse_u64(Json("0x00"), "0"), 0u);
    EXPECT_EQ(parse_u64(Json("0x0"), "0"), 0u);
    EXPECT_EQ(parse_u64(Json("0X1F"), "0"), 31u);
    EXPECT_EQ(parse_u64(Json("0xaBcD"), "0"), 0xabcdu);
    EXPECT_EQ(parse_u64(Json("0x00ffffffffffffffff"), "0"), UINT64_MAX);
    EXPECT_EQ(parse_u64(Json("0x" + std::string(1021, '0') + "7"), "0"), 7u);  // 1 KiB exactly
    EXPECT_EQ(parse_u256(Json("0x" + std::string(100, '0') + std::string(64, 'F')), "0"),
              Uint256::max());
    EXPECT_EQ(parse_u256(Json("0x0005"), "0"), Uint256{5});
    for (bool wide : {false, true}) {
        for (const auto& bad : refused_quantities(wide)) {
            const std::optional<RpcError> e =
                wide ? (parse_u256(Json(bad), "0")
                            ? std::nullopt
                            : std::optional{parse_u256(Json(bad), "0").error()})
                     : (parse_u64(Json(bad), "0")
                            ? std::nullopt
                            : std::optional{parse_u64(Json(bad), "0").error()});
            ASSERT_TRUE(e) << bad.substr(0, 40);
            EXPECT_EQ(e->code, kInvalidParams);
        }
        // A value one bit too wide for the 64-bit parser is fine for the 256-bit one.
        if (!wide) {
            EXPECT_EQ(parse_u256(Json(refused_quantities(false)[5]), "0"),
                      Uint256{1} << uint64_t{64});
        }
    }
    // The messages say what is wrong.
    EXPECT_EQ(parse_u64(Json("-0x1"), "0").error().message,
              "invalid argument 0: hex number with a sign");
    EXPECT_EQ(parse_u64(Json("0x1" + std::string(16, '0')), "0").error().message,
              "invalid argument 0: hex number > 64 bits");
    EXPECT_EQ(parse_u256(Json("0x1" + std::string(64, '0')), "0").error().message,
              "invalid argument 0: hex number > 256 bits");
    EXPECT_EQ(parse_u64(Json("0x" + std::string(1023, '0')), "0").error().message,
              "invalid argument 0: hex string too long");
    EXPECT_EQ(parse_u64(Json(5), "0").error().code, kInvalidParams);  // quantities are strings
    // HexOrDecimal64 (eth_feeHistory, evm_*): numbers, hex with leading zeros, decimal.
    EXPECT_EQ(parse_u64_or_decimal(Json(12), "0"), 12u);
    EXPECT_EQ(parse_u64_or_decimal(Json::parse("12"), "0"), 12u);
    EXPECT_EQ(parse_u64_or_decimal(Json("0x000c"), "0"), 12u);
    EXPECT_EQ(parse_u64_or_decimal(Json("0012"), "0"), 12u);
    EXPECT_EQ(parse_u64_or_decimal(Json("18446744073709551615"), "0"), UINT64_MAX);
    for (const Json& bad : {Json(-1), Json("-1"), Json("0x"), Json(""), Json("1e3"), Json(1.5),
                            Json("18446744073709551616"), Json("0x1" + std::string(16, '0')),
                            Json(std::string(2000, '1'))}) {
        auto r = parse_u64_or_decimal(bad, "0");
        ASSERT_FALSE(r) << bad.dump().substr(0, 40);
        EXPECT_EQ(r.error().code, kInvalidParams);
    }
}

TEST(JsonCodecTest, BlockNumbersWithLeadingZerosAreNumbersOrHashesLikeGeth) {
    auto n = parse_block_number(Json("0x" + std::string(63, '0') + "2"), "0");  // 66 characters
    ASSERT_TRUE(n);
    EXPECT_EQ(n->kind, BlockRef::Kind::kNumber);
    EXPECT_EQ(n->number, 2u);
    // Where a hash is also allowed (EIP-1898), 66 characters are a hash, as in geth.
    auto h = parse_block_ref(Json("0x" + std::string(63, '0') + "2"), "0");
    ASSERT_TRUE(h);
    EXPECT_EQ(h->kind, BlockRef::Kind::kHash);
    auto o = parse_block_ref(Json{{"blockNumber", "0x" + std::string(63, '0') + "2"}}, "0");
    ASSERT_TRUE(o);
    EXPECT_EQ(o->kind, BlockRef::Kind::kNumber);
    EXPECT_EQ(o->number, 2u);
    EXPECT_EQ(parse_block_ref(Json("0x0002"), "0")->number, 2u);
    EXPECT_EQ(parse_block_ref(Json("0x0002"), "0")->kind, BlockRef::Kind::kNumber);
}

TEST_F(EthMethodsTest, BlockParametersAcceptLeadingZerosAndEitherCase) {
    const std::string dev = address_hex(backend_.accounts()[0].address);
    const std::string c = address_hex(kContract);
    const std::string padded_one = "0x" + std::string(40, '0') + "1";
    for (const std::string one : {"0x01", "0x0001", "0X1", "0X01", padded_one.c_str()}) {
        EXPECT_EQ(ok("eth_getBalance", {dev, one}), "0x2b5e3af16b1880000") << one;  // 50 ether
        EXPECT_EQ(ok("eth_getBalance", {dev, {{"blockNumber", one}}}), "0x2b5e3af16b1880000");
        EXPECT_EQ(ok("eth_getTransactionCount", {dev, one}), "0x1");
        EXPECT_EQ(ok("eth_getStorageAt", {c, "0x0", one}), hex(Uint256{0x2b}.to_hash()));
        EXPECT_EQ(ok("eth_getCode", {c, one}), "0x6001600055");
        EXPECT_EQ(ok("eth_getBlockByNumber", {one, false}),
                  ok("eth_getBlockByNumber", {"0x1", false}));
        EXPECT_EQ(ok("eth_getBlockByNumber", {one, false})["hash"], hex(block1_.hash));
        EXPECT_EQ(ok("eth_getBlockTransactionCountByNumber", {one}), "0x3");
        EXPECT_EQ(ok("eth_getTransactionByBlockNumberAndIndex", {one, "0x00"}),
                  ok("eth_getTransactionByBlockNumberAndIndex", {"0x1", "0x0"}));
        EXPECT_EQ(ok("eth_getTransactionByBlockNumberAndIndex", {one, "0x0002"})["hash"],
                  ok("eth_getTransactionByBlockNumberAndIndex", {"0x1", "0x2"})["hash"]);
        EXPECT_EQ(ok("eth_getBlockReceipts", {one}).size(), 3u);
        EXPECT_EQ(ok("eth_getLogs", {{{"fromBlock", "0x00"}, {"toBlock", one}}}).size(), 3u);
        EXPECT_EQ(ok("eth_getLogs", {{{"fromBlock", one}, {"toBlock", one}}}),
                  ok("eth_getLogs", {{{"fromBlock", "0x1"}, {"toBlock", "0x1"}}}));
        EXPECT_EQ(ok("eth_feeHistory", {"0x01", one}), ok("eth_feeHistory", {"0x1", "0x1"}));
    }
    EXPECT_EQ(ok("eth_getBalance", {dev, "0x0000"}), "0x56bc75e2d63100000");  // 100 ether
    EXPECT_EQ(ok("eth_getLogs", {{{"fromBlock", "0x0002"}, {"toBlock", "0X02"}}}), Json::array());
    // Upper-case digits: block 10 is beyond the head in every spelling.
    EXPECT_EQ(ok("eth_getBlockByNumber", {"0x0A", false}), nullptr);
    EXPECT_EQ(err("eth_getBalance", {dev, "0x0A"}).message, "header not found");
    // A 64-bit number spelled with 66 characters is a number where only numbers are allowed.
    const std::string long_two = "0x" + std::string(63, '0') + "2";
    EXPECT_EQ(ok("eth_getBlockByNumber", {long_two, false})["hash"], hex(block2_.hash));
    EXPECT_EQ(ok("eth_getBlockTransactionCountByNumber", {long_two}), "0x0");
    // The largest 64-bit number with leading zeros is parsed, then not found.
    EXPECT_EQ(err("eth_getBalance", {dev, "0x00ffffffffffffffff"}).code, kServerError);
}

TEST_F(EthMethodsTest, EveryQuantityParameterRefusesMalformedNumbersWithMinus32602) {
    const std::string dev = address_hex(backend_.accounts()[0].address);
    const std::string c = address_hex(kContract);
    // Each method with its params; "Q" marks the quantity under test.
    const std::vector<std::pair<std::string, Json>> cases = {
        {"eth_getBalance", {dev, "Q"}},
        {"eth_getBalance", {dev, {{"blockNumber", "Q"}}}},
        {"eth_getTransactionCount", {dev, "Q"}},
        {"eth_getCode", {c, "Q"}},
        {"eth_getStorageAt", {c, "0x0", "Q"}},
        {"eth_getBlockByNumber", {"Q", false}},
        {"eth_getBlockTransactionCountByNumber", {"Q"}},
        {"eth_getTransactionByBlockNumberAndIndex", {"Q", "0x0"}},
        {"eth_getTransactionByBlockNumberAndIndex", {"0x1", "Q"}},
        {"eth_getTransactionByBlockHashAndIndex", {hex(block1_.hash), "Q"}},
        {"eth_getBlockReceipts", {"Q"}},
        {"eth_getLogs", {{{"fromBlock", "Q"}}}},
        {"eth_getLogs", {{{"fromBlock", "0x0"}, {"toBlock", "Q"}}}},
        {"eth_feeHistory", {"Q", "latest"}},
        {"eth_feeHistory", {"0x1", "Q"}},
        {"evm_increaseTime", {"Q"}},
        {"evm_setNextBlockTimestamp", {"Q"}},
    };
    auto with = [](Json params, const std::string& q) {
        for (auto& p : params) {
            if (p == "Q") p = q;
            if (p.is_object())
                for (auto& v : p) v = v == "Q" ? Json(q) : v;
        }
        return params;
    };
    for (const auto& [method, params] : cases) {
        // feeHistory's count and the evm_* seconds are HexOrDecimal64: "1" is decimal there.
        const bool decimal_ok =
            method.starts_with("evm_") || (method == "eth_feeHistory" && params[0] == "Q");
        // The same params with a padded good quantity pass the parsing (the "Q" is replaced).
        auto good = call(method, with(params, "0x01"));
        EXPECT_TRUE(good || good.error().code != kInvalidParams)
            << method << ": " << good.error().message;
        for (const auto& bad : refused_quantities(false)) {
            if (bad == "1" && decimal_ok) continue;
            RpcError e = err(method, with(params, bad));
            EXPECT_EQ(e.code, kInvalidParams)
                << method << " " << bad.substr(0, 40) << ": " << e.message;
        }
    }
    // The control above advanced the clock by "0x01" = 1 second.
    EXPECT_EQ(ok("evm_increaseTime", {"0x0010"}), 17);
    EXPECT_EQ(ok("evm_increaseTime", {"0X00A"}), 27);
    EXPECT_EQ(ok("evm_setNextBlockTimestamp", {"0x006B49D200"}), nullptr);
    EXPECT_EQ(backend_.next_timestamp, 1800000000u);
    EXPECT_EQ(ok("eth_feeHistory", {"0x0002", "latest"})["oldestBlock"], "0x1");
}

TEST_F(EthMethodsTest, BlobBaseFeeIsTheEip4844FeeOfTheHeadsExcessBlobGas) {
    // The head's excess blob gas is 0 (blob transactions are refused): fake_exponential(1, 0, ..)
    EXPECT_EQ(ok("eth_blobBaseFee"), "0x1");
    EXPECT_EQ(ok("eth_blobBaseFee"),
              ok("eth_feeHistory", {"0x1", "latest"})["baseFeePerBlobGas"][1]);
    RpcError e = err("eth_blobBaseFee", {"latest"});
    EXPECT_EQ(e.code, kInvalidParams);
    EXPECT_EQ(e.message, "too many arguments, want at most 0");
    // The formula the method uses, at excess blob gas that real chains reach.
    chain::BlockEnv env;
    env.excess_blob_gas = 10 * chain::kBlobBaseFeeUpdateFraction;
    EXPECT_EQ(env.blob_base_fee(evm::Revision::kCancun), Uint256{22026});  // floor(e^10) by the EIP's series
}

}  // namespace
}  // namespace yao::rpc
