// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "ots_methods.hpp"

#include <gtest/gtest.h>

#include <string>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/evm/delegation.hpp>

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
const Address kCarol = addr(0xca);
const Address kDelegated = addr(0xde);  // an account delegating to kBob (EIP-7702)

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
    g.set_account(kBob, {0, Uint256{1'000'000'000'000'000'000ULL}, state::kEmptyCodeHash});
    g.set_account(kCarol, {0, Uint256{1'000'000'000'000'000'000ULL}, state::kEmptyCodeHash});
    g.set_account_with_code(kDelegated, 1, {}, evm::delegation_code(kBob));
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

// ---- Address history ---------------------------------------------------------------------

/// Block 1 is OtsMethodsTest's (kRich: a transfer to kBob, a deployment, the factory, which
/// pays kBob 1000 wei and creates a contract with CREATE2, a revert, a SELFDESTRUCT paying
/// kBob). Then:
///   block 2: kCarol -> kBob
///   block 3: kCarol -> kRich
///   block 4: kRich -> kBob, kBob -> kBob, kCarol -> kBob
///   block 5: kBob -> kCarol
/// kBob appears in (1,0), (2,0), (4,0), (4,1), (4,2), (5,0); the factory's payment (1,2) and the
/// SELFDESTRUCT's (1,4) are internal and not indexed.
class OtsHistoryTest : public OtsMethodsTest {
protected:
    void SetUp() override {
        OtsMethodsTest::SetUp();
        // Distinct values: the transactions carry no signatures, so equal fields would be
        // equal hashes.
        mine({{send(kBob, 0, 1), kCarol}});
        mine({{send(kRich, 1, 2), kCarol}});
        mine({{send(kBob, 5, 3), kRich}, {send(kBob, 0, 4), kBob}, {send(kBob, 2, 5), kCarol}});
        mine({{send(kCarol, 1, 6), kBob}});
    }

    static chain::Transaction send(const Address& to, uint64_t nonce, uint64_t value) {
        chain::Transaction t = transfer(nonce);
        t.to = to;
        t.value = Uint256{value};
        return t;
    }

    void mine(const std::vector<std::pair<chain::Transaction, Address>>& txs) {
        const auto results = backend_.mine(txs);
        ASSERT_EQ(results.size(), txs.size()) << backend_.last_error_;
        std::vector<std::string> hashes;
        for (const auto& [t, from] : txs) hashes.push_back(hash_hex(chain::transaction_hash(t)));
        blocks_.push_back(std::move(hashes));
    }

    /// The hash of transaction `index` of block `number` (block 1 is OtsMethodsTest's).
    std::string at(uint64_t number, size_t index) const {
        return number == 1 ? hashes_.at(index) : blocks_.at(number - 2).at(index);
    }

    /// The transaction hashes of a search result, in its order.
    static std::vector<std::string> hashes(const Json& page) {
        std::vector<std::string> out;
        for (const Json& t : page["txs"]) out.push_back(t["hash"]);
        return out;
    }

    /// The contract kRich's deployment (block 1, transaction 1) made.
    static Address deployed() {
        Bytes rlp = {0xd6, 0x94};
        rlp.append(kRich.view());
        rlp.push_back(0x01);
        return address_of(rlp);
    }

    /// The contract the factory made with CREATE2 in block 1, transaction 2.
    static Address factory_made() {
        Bytes preimage = {0xff};
        preimage.append(kFactory.view());
        preimage.append(Uint256{42}.to_hash().view());
        preimage.append(keccak256(hex(kInitCode)).view());
        return address_of(preimage);
    }

    std::vector<std::vector<std::string>> blocks_;  ///< hashes of blocks 2..
};

TEST_F(OtsHistoryTest, SearchBeforeFromTheNewestTakesWholeBlocks) {
    // Two asked for: (5,0) and (4,2), then the rest of block 4.
    const Json first = ok("ots_searchTransactionsBefore", {ahex(kBob), 0, 2});
    EXPECT_EQ(hashes(first), (std::vector<std::string>{at(5, 0), at(4, 2), at(4, 1), at(4, 0)}));
    EXPECT_EQ(first["firstPage"], true);
    EXPECT_EQ(first["lastPage"], false);
    ASSERT_EQ(first["receipts"].size(), 4u);
    // The next page: before the block of the last transaction shown.
    const Json second = ok("ots_searchTransactionsBefore", {ahex(kBob), 4, 2});
    EXPECT_EQ(hashes(second), (std::vector<std::string>{at(2, 0), at(1, 0)}));
    EXPECT_EQ(second["firstPage"], false);
    EXPECT_EQ(second["lastPage"], true);
    // Hex quantities and decimal text are taken too.
    EXPECT_EQ(ok("ots_searchTransactionsBefore", {ahex(kBob), "0x4", "0x2"}), second);
    EXPECT_EQ(ok("ots_searchTransactionsBefore", {ahex(kBob), "4", "2"}), second);
    // Everything on one page: first and last.
    const Json all = ok("ots_searchTransactionsBefore", {ahex(kBob), 0, 25});
    EXPECT_EQ(hashes(all), (std::vector<std::string>{at(5, 0), at(4, 2), at(4, 1), at(4, 0),
                                                     at(2, 0), at(1, 0)}));
    EXPECT_EQ(all["firstPage"], true);
    EXPECT_EQ(all["lastPage"], true);
    // Before block 1: nothing (block 0 holds no transactions).
    const Json none = ok("ots_searchTransactionsBefore", {ahex(kBob), 1, 25});
    EXPECT_EQ(none, (Json{{"txs", Json::array()},
                          {"receipts", Json::array()},
                          {"firstPage", false},
                          {"lastPage", true}}));
}

TEST_F(OtsHistoryTest, SearchAfterFromTheOldestListsNewestFirst) {
    const Json last = ok("ots_searchTransactionsAfter", {ahex(kBob), 0, 2});
    EXPECT_EQ(hashes(last), (std::vector<std::string>{at(2, 0), at(1, 0)}));
    EXPECT_EQ(last["firstPage"], false);
    EXPECT_EQ(last["lastPage"], true);
    // After block 2: block 4 whole, newest first; block 5 is left.
    const Json middle = ok("ots_searchTransactionsAfter", {ahex(kBob), 2, 2});
    EXPECT_EQ(hashes(middle), (std::vector<std::string>{at(4, 2), at(4, 1), at(4, 0)}));
    EXPECT_EQ(middle["firstPage"], false);
    EXPECT_EQ(middle["lastPage"], false);
    const Json newest = ok("ots_searchTransactionsAfter", {ahex(kBob), 4, 2});
    EXPECT_EQ(hashes(newest), (std::vector<std::string>{at(5, 0)}));
    EXPECT_EQ(newest["firstPage"], true);
    EXPECT_EQ(newest["lastPage"], false);
    const Json past = ok("ots_searchTransactionsAfter", {ahex(kBob), 5, 25});
    EXPECT_EQ(past, (Json{{"txs", Json::array()},
                          {"receipts", Json::array()},
                          {"firstPage", true},
                          {"lastPage", false}}));
    const Json all = ok("ots_searchTransactionsAfter", {ahex(kBob), 0, 25});
    EXPECT_EQ(all, ok("ots_searchTransactionsBefore", {ahex(kBob), 0, 25}));
}

TEST_F(OtsHistoryTest, SearchResultsAreTransactionsAndReceiptsWithTimestamps) {
    const Json page = ok("ots_searchTransactionsBefore", {ahex(kBob), 5, 1});
    // Block 4: kCarol -> kBob, kBob -> kBob (once, though kBob is sender and recipient),
    // kRich -> kBob.
    ASSERT_EQ(hashes(page), (std::vector<std::string>{at(4, 2), at(4, 1), at(4, 0)}));
    const Json& self = page["txs"][1];
    EXPECT_EQ(self["from"], ahex(kBob));
    EXPECT_EQ(self["to"], ahex(kBob));
    EXPECT_EQ(self["nonce"], "0x0");
    EXPECT_EQ(self["value"], "0x4");
    EXPECT_EQ(self["blockNumber"], "0x4");
    EXPECT_EQ(self["transactionIndex"], "0x1");
    EXPECT_EQ(self["input"], "0x");  // not cut, unlike ots_getBlockTransactions
    for (size_t i = 0; i < 3; ++i) {
        const Json& t = page["txs"][i];
        const Json& r = page["receipts"][i];
        const auto hash = parse_hash(t["hash"], "hash").value();
        // The objects of eth_getTransactionByHash and eth_getTransactionReceipt, plus the
        // block's timestamp (a JSON number) in the receipt.
        auto stored = backend_.blocks().transaction(hash).value();
        ASSERT_TRUE(stored.has_value());
        EXPECT_EQ(t, transaction_json(*stored, Uint256{7}));
        auto receipt = backend_.blocks().receipt(hash).value();
        ASSERT_TRUE(receipt.has_value());
        Json want = receipt_json(*receipt);
        want["timestamp"] = 1'700'000'008;
        EXPECT_EQ(r, want);
        EXPECT_EQ(r["transactionHash"], t["hash"]);
        EXPECT_EQ(r["status"], "0x1");
        EXPECT_EQ(r["timestamp"].is_number_unsigned(), true);
    }
    // A created contract appears through its creation.
    const Json contract = ok("ots_searchTransactionsBefore", {ahex(deployed()), 0, 25});
    EXPECT_EQ(hashes(contract), (std::vector<std::string>{at(1, 1)}));
    EXPECT_EQ(contract["receipts"][0]["contractAddress"], ahex(deployed()));
    EXPECT_EQ(contract["receipts"][0]["timestamp"], 1'700'000'002);
    EXPECT_EQ(contract["txs"][0]["to"], nullptr);
}

TEST_F(OtsHistoryTest, SearchOfAnUnknownAddressAndBadArguments) {
    const Json empty = {{"txs", Json::array()},
                        {"receipts", Json::array()},
                        {"firstPage", true},
                        {"lastPage", true}};
    EXPECT_EQ(ok("ots_searchTransactionsBefore", {ahex(addr(0x77)), 0, 25}), empty);
    EXPECT_EQ(ok("ots_searchTransactionsAfter", {ahex(addr(0x77)), 0, 25}), empty);
    // The factory's contract was created inside a transaction: not indexed.
    EXPECT_EQ(ok("ots_searchTransactionsBefore", {ahex(factory_made()), 0, 25}), empty);

    auto big = call("ots_searchTransactionsBefore", {ahex(kBob), 0, 26});
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().code, kServerError);
    EXPECT_EQ(big.error().message, "max allowed page size: 25");
    for (const char* m : {"ots_searchTransactionsBefore", "ots_searchTransactionsAfter"}) {
        for (const Json& params : {Json{ahex(kBob), 0}, Json{"0x12", 0, 25},
                                   Json{ahex(kBob), -1, 25}, Json{ahex(kBob), 0, "many"}}) {
            auto bad = call(m, params);
            ASSERT_FALSE(bad) << m << " " << params.dump();
            EXPECT_EQ(bad.error().code, kInvalidParams) << m << " " << params.dump();
        }
        EXPECT_TRUE(table_.heavy(m));
    }
}

TEST_F(OtsHistoryTest, SearchPageSizeFollowsTheOption) {
    MethodTable table;
    register_ots_methods(table, backend_, OtsOptions{.max_page_size = 1});
    const Method* m = table.find("ots_searchTransactionsBefore");
    ASSERT_NE(m, nullptr);
    auto two = (*m)(Json{ahex(kBob), 0, 2}, session_);
    ASSERT_FALSE(two);
    EXPECT_EQ(two.error().message, "max allowed page size: 1");
    auto one = (*m)(Json{ahex(kBob), 0, 1}, session_);
    ASSERT_TRUE(one);
    EXPECT_EQ(hashes(*one), (std::vector<std::string>{at(5, 0)}));
}

TEST_F(OtsHistoryTest, TransactionBySenderAndNonce) {
    const auto by = [&](const Address& a, Json nonce) {
        return ok("ots_getTransactionBySenderAndNonce", {ahex(a), std::move(nonce)});
    };
    EXPECT_EQ(by(kRich, 0), at(1, 0));
    EXPECT_EQ(by(kRich, 1), at(1, 1));
    EXPECT_EQ(by(kRich, "0x5"), at(4, 0));
    EXPECT_EQ(by(kBob, 0), at(4, 1));
    EXPECT_EQ(by(kBob, 1), at(5, 0));
    EXPECT_EQ(by(kCarol, 2), at(4, 2));
    // Beyond the sender's nonce, an account that never sent, a contract.
    EXPECT_EQ(by(kRich, 6), nullptr);
    EXPECT_EQ(by(kCarol, 3), nullptr);
    EXPECT_EQ(by(addr(0x77), 0), nullptr);
    EXPECT_EQ(by(kFactory, 0), nullptr);
    auto bad = call("ots_getTransactionBySenderAndNonce", {ahex(kRich)});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, kInvalidParams);
    EXPECT_FALSE(table_.heavy("ots_getTransactionBySenderAndNonce"));
}

TEST_F(OtsHistoryTest, ContractCreator) {
    // A contract creation transaction: its sender.
    EXPECT_EQ(ok("ots_getContractCreator", {ahex(deployed())}),
              (Json{{"hash", at(1, 1)}, {"creator", ahex(kRich)}}));
    // A contract made by the factory's CREATE2 (found in the account's history, then by
    // replaying its block): the factory, and the transaction that called it.
    EXPECT_EQ(ok("ots_getContractCreator", {ahex(factory_made())}),
              (Json{{"hash", at(1, 2)}, {"creator", ahex(kFactory)}}));
    // Accounts, an unknown address, a contract of the genesis state, an EIP-7702 delegation.
    for (const Address& a : {kBob, kRich, addr(0x77), kFactory, kDestruct, kDelegated})
        EXPECT_EQ(ok("ots_getContractCreator", {ahex(a)}), nullptr) << ahex(a);
    auto bad = call("ots_getContractCreator", {"0x12"});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, kInvalidParams);
    EXPECT_TRUE(table_.heavy("ots_getContractCreator"));
}

}  // namespace
}  // namespace yao::rpc
