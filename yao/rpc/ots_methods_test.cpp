// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "ots_methods.hpp"

#include <gtest/gtest.h>

#include <string>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>

#include "encode.hpp"
#include "json_codec.hpp"
#include "test_util/exec_backend.hpp"

namespace yao::rpc {
namespace {

using test_util::ExecTestBackend;
using test_util::hex;
using test_util::NullSession;
using test_util::word;

Address addr(uint8_t last) {
    Address a;
    a[0] = 0x33;
    a[19] = last;
    return a;
}

std::string ahex(const Address& a) { return to_hex(a.view()); }

/// The last 20 bytes of keccak256(`preimage`): a created contract's address.
Address address_of(BytesView preimage) {
    const Hash256 h = keccak256(preimage);
    return Address::right_aligned(BytesView{h.data() + 12, 20});
}

const Address kRich = addr(0xaa);
const Address kBob = addr(0xb0);
const Address kFactory = addr(0x01);   // CALL kBob with 1000 wei, then CREATE2 (salt 42)
const Address kReverts = addr(0x02);   // REVERT with Error("nope")
const Address kDestruct = addr(0x03);  // SELFDESTRUCT to kBob (holds 5 wei)

const std::string kInitCode = "600060005360016000f3";  // MSTORE8(0, 0), RETURN(0, 1): code 0x00
const std::string kNopeRevert =
    "08c379a0" + word(32) + word(4) + "6e6f7065" + std::string(56, '0');

state::MemoryStateView genesis() {
    state::MemoryStateView g;
    g.set_account(kRich, {0, Uint256{1'000'000'000'000'000'000ULL}, state::kEmptyCodeHash});
    // CALL(GAS, kBob, 1000, 0, 0, 0, 0), POP; MSTORE the init code at bytes 22..31;
    // CREATE2(0, 22, 10, 42), POP, STOP.
    g.set_account_with_code(kFactory, 1, Uint256{1'000'000},
                            hex("60006000600060006103e873" + to_hex(kBob.view(), false) +
                                "5af150"
                                "69" +
                                kInitCode + "600052602a600a60166000f55000"));
    g.set_account_with_code(kReverts, 1, {}, hex("6064600c60003960646000fd" + kNopeRevert));
    g.set_account_with_code(kDestruct, 1, Uint256{5}, hex("73" + to_hex(kBob.view(), false) + "ff"));
    return g;
}

class OtsMethodsTest : public ::testing::Test {
protected:
    OtsMethodsTest() : backend_{genesis()} { register_ots_methods(table_, backend_); }

    void SetUp() override {
        // Block 1: a transfer, a deployment, the factory, a revert, a SELFDESTRUCT.
        chain::Transaction deploy = legacy(std::nullopt, 1);
        deploy.data = hex(kInitCode);
        txs_ = {transfer(0), deploy, legacy(kFactory, 2), legacy(kReverts, 3),
                legacy(kDestruct, 4)};
        std::vector<std::pair<chain::Transaction, Address>> block;
        for (const auto& t : txs_) block.emplace_back(t, kRich);
        results_ = backend_.mine(block);
        ASSERT_EQ(results_.size(), txs_.size()) << backend_.last_error_;
        for (const auto& t : txs_) hashes_.push_back(hash_hex(chain::transaction_hash(t)));
    }

    static chain::Transaction legacy(std::optional<Address> to, uint64_t nonce) {
        chain::Transaction t;
        t.chain_id = ExecTestBackend::kChainId;
        t.nonce = nonce;
        t.gas_price = Uint256{7};
        t.gas_limit = 200'000;
        t.to = to;
        return t;
    }
    static chain::Transaction transfer(uint64_t nonce) {
        chain::Transaction t = legacy(kBob, nonce);
        t.gas_limit = 21'000;
        t.value = Uint256{12'345};
        return t;
    }

    MethodResult call(const std::string& method, Json params) {
        const Method* m = table_.find(method);
        EXPECT_NE(m, nullptr) << method;
        return (*m)(params, session_);
    }
    Json ok(const std::string& method, Json params) {
        auto r = call(method, std::move(params));
        EXPECT_TRUE(r) << method << ": " << (r ? "" : r.error().message);
        return r.value_or(Json{"<error>"});
    }

    ExecTestBackend backend_;
    MethodTable table_;
    NullSession session_;
    std::vector<chain::Transaction> txs_;
    std::vector<chain::TxResult> results_;
    std::vector<std::string> hashes_;
};

TEST_F(OtsMethodsTest, ApiLevelIsEightAndExecutingMethodsAreHeavy) {
    EXPECT_EQ(ok("ots_getApiLevel", Json::array()), 8);
    EXPECT_EQ(ok("ots_getApiLevel", nullptr), 8);
    for (const char* m : {"ots_getTransactionError", "ots_getInternalOperations",
                          "ots_traceTransaction", "ots_getBlockDetails",
                          "ots_getBlockDetailsByHash", "ots_getBlockTransactions"}) {
        EXPECT_TRUE(table_.heavy(m)) << m;
    }
    EXPECT_FALSE(table_.heavy("ots_hasCode"));
}

TEST_F(OtsMethodsTest, HasCodeAtABlock) {
    // keccak256(rlp([kRich, 1]))[12:], rlp = 0xd6 0x94 <20 bytes> 0x01.
    Bytes rlp = {0xd6, 0x94};
    rlp.append(kRich.view());
    rlp.push_back(0x01);
    const Address created = address_of(rlp);
    EXPECT_EQ(ok("ots_hasCode", {ahex(kFactory), "latest"}), true);
    EXPECT_EQ(ok("ots_hasCode", {ahex(kBob), "latest"}), false);
    EXPECT_EQ(ok("ots_hasCode", {ahex(created), "0x1"}), true);
    EXPECT_EQ(ok("ots_hasCode", {ahex(created), 1}), true);  // a JSON number, as Otterscan sends
    EXPECT_EQ(ok("ots_hasCode", {ahex(created), "0x0"}), false);
    EXPECT_EQ(ok("ots_hasCode", Json::array({ahex(created)})), true);  // absent: latest

    auto unknown = call("ots_hasCode", {ahex(created), "0x63"});
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, kServerError);
    EXPECT_EQ(unknown.error().message, "header not found");
    auto bad = call("ots_hasCode", {"0x12", "latest"});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, kInvalidParams);
}

TEST_F(OtsMethodsTest, TraceOfATransferAndADeployment) {
    const Json transfer = ok("ots_traceTransaction", {hashes_[0]});
    EXPECT_EQ(transfer, Json::array({{{"type", "CALL"},
                                      {"depth", 0},
                                      {"from", ahex(kRich)},
                                      {"to", ahex(kBob)},
                                      {"value", "0x3039"},
                                      {"input", "0x"},
                                      {"output", "0x"}}}));
    EXPECT_EQ(ok("ots_getInternalOperations", {hashes_[0]}), Json::array());
    EXPECT_EQ(ok("ots_getTransactionError", {hashes_[0]}), "0x");

    Bytes rlp = {0xd6, 0x94};
    rlp.append(kRich.view());
    rlp.push_back(0x01);
    const Json deploy = ok("ots_traceTransaction", {hashes_[1]});
    EXPECT_EQ(deploy, Json::array({{{"type", "CREATE"},
                                    {"depth", 0},
                                    {"from", ahex(kRich)},
                                    {"to", ahex(address_of(rlp))},
                                    {"value", "0x0"},
                                    {"input", "0x" + kInitCode},
                                    {"output", "0x00"}}}));
    // The transaction's own creation is not an internal operation.
    EXPECT_EQ(ok("ots_getInternalOperations", {hashes_[1]}), Json::array());
    EXPECT_EQ(ok("ots_getTransactionError", {hashes_[1]}), "0x");
}

TEST_F(OtsMethodsTest, InternalTransferAndCreate2) {
    // keccak256(0xff ++ factory ++ salt ++ keccak256(init code))[12:].
    Bytes preimage = {0xff};
    preimage.append(kFactory.view());
    preimage.append(Uint256{42}.to_hash().view());
    preimage.append(keccak256(hex(kInitCode)).view());
    const Address created = address_of(preimage);

    const Json ops = ok("ots_getInternalOperations", {hashes_[2]});
    EXPECT_EQ(ops, Json::array({{{"type", 0},
                                 {"from", ahex(kFactory)},
                                 {"to", ahex(kBob)},
                                 {"value", "0x3e8"}},
                                {{"type", 3},
                                 {"from", ahex(kFactory)},
                                 {"to", ahex(created)},
                                 {"value", "0x0"}}}));

    const Json trace = ok("ots_traceTransaction", {hashes_[2]});
    EXPECT_EQ(trace, Json::array({{{"type", "CALL"},
                                   {"depth", 0},
                                   {"from", ahex(kRich)},
                                   {"to", ahex(kFactory)},
                                   {"value", "0x0"},
                                   {"input", "0x"},
                                   {"output", "0x"}},
                                  {{"type", "CALL"},
                                   {"depth", 1},
                                   {"from", ahex(kFactory)},
                                   {"to", ahex(kBob)},
                                   {"value", "0x3e8"},
                                   {"input", "0x"},
                                   {"output", "0x"}},
                                  {{"type", "CREATE2"},
                                   {"depth", 1},
                                   {"from", ahex(kFactory)},
                                   {"to", ahex(created)},
                                   {"value", "0x0"},
                                   {"input", "0x" + kInitCode},
                                   {"output", "0x00"}}}));
    EXPECT_EQ(ok("ots_getTransactionError", {hashes_[2]}), "0x");
}

TEST_F(OtsMethodsTest, RevertDataOfAFailedTransaction) {
    EXPECT_EQ(ok("ots_getTransactionError", {hashes_[3]}), "0x" + kNopeRevert);
    const Json trace = ok("ots_traceTransaction", {hashes_[3]});
    ASSERT_EQ(trace.size(), 1u);
    EXPECT_EQ(trace[0]["output"], "0x" + kNopeRevert);
    EXPECT_EQ(ok("ots_getInternalOperations", {hashes_[3]}), Json::array());
}

TEST_F(OtsMethodsTest, SelfDestructIsTypeOne) {
    EXPECT_EQ(ok("ots_getInternalOperations", {hashes_[4]}),
              Json::array({{{"type", 1},
                            {"from", ahex(kDestruct)},
                            {"to", ahex(kBob)},
                            {"value", "0x5"}}}));
    const Json trace = ok("ots_traceTransaction", {hashes_[4]});
    ASSERT_EQ(trace.size(), 2u);
    EXPECT_EQ(trace[1], (Json{{"type", "SELFDESTRUCT"},
                              {"depth", 1},
                              {"from", ahex(kDestruct)},
                              {"to", ahex(kBob)},
                              {"value", "0x5"},
                              {"input", "0x"},
                              {"output", "0x"}}));
}

TEST_F(OtsMethodsTest, UnknownTransactions) {
    const std::string missing = hash_hex(Hash256{});
    for (const char* m :
         {"ots_getTransactionError", "ots_getInternalOperations", "ots_traceTransaction"}) {
        auto r = call(m, {missing});
        ASSERT_FALSE(r) << m;
        EXPECT_EQ(r.error().code, kServerError);
        EXPECT_EQ(r.error().message, "transaction " + missing + " not found");
        auto bad = call(m, {"0x1234"});
        ASSERT_FALSE(bad) << m;
        EXPECT_EQ(bad.error().code, kInvalidParams);
    }
}

TEST_F(OtsMethodsTest, BlockDetails) {
    const Json d = ok("ots_getBlockDetails", {1});
    const Json& b = d["block"];
    EXPECT_EQ(b["number"], "0x1");
    EXPECT_EQ(b["transactionCount"], 5);
    EXPECT_EQ(b["logsBloom"], nullptr);
    EXPECT_FALSE(b.contains("transactions"));
    EXPECT_EQ(b["totalDifficulty"], "0x0");
    EXPECT_EQ(d["issuance"], (Json{{"blockReward", "0x0"}, {"uncleReward", "0x0"}, {"issuance", "0x0"}}));
    uint64_t gas = 0;
    for (const auto& r : results_) gas += r.gas_used;
    EXPECT_EQ(d["totalFees"], quantity(Uint256{gas * 7}));
    EXPECT_EQ(b["gasUsed"], quantity(gas));

    // The same block by hash, by hex number, by tag.
    EXPECT_EQ(ok("ots_getBlockDetailsByHash", {b["hash"]}), d);
    EXPECT_EQ(ok("ots_getBlockDetails", {"0x1"}), d);
    EXPECT_EQ(ok("ots_getBlockDetails", {"latest"}), d);

    const Json g = ok("ots_getBlockDetails", {0});
    EXPECT_EQ(g["block"]["transactionCount"], 0);
    EXPECT_EQ(g["totalFees"], "0x0");

    EXPECT_EQ(ok("ots_getBlockDetails", {2}), nullptr);
    EXPECT_EQ(ok("ots_getBlockDetailsByHash", {hash_hex(Hash256{})}), nullptr);
}

TEST_F(OtsMethodsTest, BlockTransactionsArePagedFromTheEnd) {
    const auto page = [&](uint64_t number, uint64_t size) {
        return ok("ots_getBlockTransactions", {1, number, size});
    };
    const auto hashes = [](const Json& p) {
        std::vector<std::string> out;
        for (const Json& t : p["fullblock"]["transactions"]) out.push_back(t["hash"]);
        return out;
    };
    const Json p0 = page(0, 2);
    EXPECT_EQ(hashes(p0), (std::vector<std::string>{hashes_[3], hashes_[4]}));
    ASSERT_EQ(p0["receipts"].size(), 2u);
    EXPECT_EQ(p0["receipts"][0]["transactionHash"], hashes_[3]);
    EXPECT_EQ(p0["receipts"][0]["status"], "0x0");
    EXPECT_EQ(p0["receipts"][0]["logs"], nullptr);
    EXPECT_EQ(p0["receipts"][0]["logsBloom"], nullptr);
    EXPECT_EQ(p0["receipts"][1]["gasUsed"], quantity(results_[4].gas_used));
    EXPECT_EQ(p0["fullblock"]["transactionCount"], 5);
    EXPECT_EQ(p0["fullblock"]["logsBloom"], nullptr);
    EXPECT_EQ(p0["fullblock"]["number"], "0x1");

    const Json p1 = page(1, 2);
    EXPECT_EQ(hashes(p1), (std::vector<std::string>{hashes_[1], hashes_[2]}));
    // The deployment's input is cut to its first 4 bytes.
    EXPECT_EQ(p1["fullblock"]["transactions"][0]["input"], "0x" + kInitCode.substr(0, 8));
    EXPECT_EQ(p1["receipts"][0]["contractAddress"].is_string(), true);

    // The last page is short; past it, empty.
    const Json p2 = page(2, 2);
    EXPECT_EQ(hashes(p2), (std::vector<std::string>{hashes_[0]}));
    EXPECT_EQ(p2["receipts"].size(), 1u);
    EXPECT_EQ(p2["fullblock"]["transactions"][0]["value"], "0x3039");
    EXPECT_TRUE(page(3, 2)["fullblock"]["transactions"].empty());
    EXPECT_TRUE(page(3, 2)["receipts"].empty());

    // One page holding the block, hex quantities accepted too.
    const Json all = ok("ots_getBlockTransactions", {"0x1", "0x0", "0x19"});
    EXPECT_EQ(hashes(all), (std::vector<std::string>{hashes_[0], hashes_[1], hashes_[2],
                                                     hashes_[3], hashes_[4]}));
    EXPECT_EQ(all["receipts"].size(), 5u);
    EXPECT_TRUE(page(0, 0)["fullblock"]["transactions"].empty());

    EXPECT_EQ(ok("ots_getBlockTransactions", {7, 0, 25}), nullptr);
    auto big = call("ots_getBlockTransactions", {1, 0, 256});
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().code, kInvalidParams);
    auto few = call("ots_getBlockTransactions", {1, 0});
    ASSERT_FALSE(few);
    EXPECT_EQ(few.error().code, kInvalidParams);
}

}  // namespace
}  // namespace yao::rpc
