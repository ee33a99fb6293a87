// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "trace.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/state/execution_host.hpp>

#include "execution.hpp"
#include "test_util/exec_backend.hpp"

namespace yao::rpc {
namespace {

using test_util::ExecTestBackend;
using test_util::hex;
using test_util::NullSession;
using test_util::word;

Address addr(uint8_t last) {
    Address a;
    a[0] = 0x22;
    a[19] = last;
    return a;
}

std::string ahex(const Address& a) {
    return to_hex(a.view());
}

const Address kRich = addr(0xaa);
const Address kStore = addr(0x01);      // PUSH1 2, PUSH1 3, ADD, PUSH1 0, SSTORE, STOP
const Address kReturns42 = addr(0x02);  // MSTORE(0, 42), RETURN(0, 32)
const Address kUnderflow = addr(0x03);  // ADD
const Address kOuter = addr(0x04);      // CALL(GAS, kInner, 0, 0, 0, 0, 0), revert on failure
const Address kInner = addr(0x05);      // SSTORE(0, 1) and LOG0 of nothing
const Address kFactory = addr(0x06);    // CREATE of init code returning the 1-byte code 0x00
const Address kReverts = addr(0x07);    // REVERT with Error("nope")

const std::string kInitCode = "600060005360016000f3";  // MSTORE8(0, 0), RETURN(0, 1)
const std::string kNopeRevert = "08c379a0" + word(32) + word(4) + "6e6f7065" + std::string(56, '0');

state::MemoryStateView genesis() {
    state::MemoryStateView g;
    g.set_account(kRich, {0, Uint256{1'000'000'000'000'000'000ULL}, state::kEmptyCodeHash});
    g.set_account_with_code(kStore, 1, {},
                            hex("6002600301600055"
                                "00"));
    g.set_account_with_code(kReturns42, 1, {}, hex("602a60005260206000f3"));
    g.set_account_with_code(kUnderflow, 1, {}, hex("01"));
    g.set_account_with_code(kOuter, 1, {},
                            hex("60006000600060006000"
                                "73" +
                                to_hex(kInner.view(), false) +
                                "5af1602957600060"
                                "00fd5b00"));
    g.set_account_with_code(kInner, 1, {},
                            hex("6001600055"
                                "60006000a0"
                                "00"));
    // PUSH10 init code, PUSH1 0, MSTORE (bytes 22..31), CREATE(0, 22, 10), STOP
    g.set_account_with_code(kFactory, 1, {}, hex("69" + kInitCode + "600052600a60166000f000"));
    g.set_account_with_code(kReverts, 1, {},
                            hex("6064600c6000396064"
                                "6000fd" +
                                kNopeRevert));
    return g;
}

class TraceTest : public ::testing::Test {
protected:
    TraceTest() : backend_{genesis()} {
        register_execution_methods(table_, backend_, ExecutionOptions{});
    }

    MethodResult call(const std::string& method, Json params) {
        const Method* m = table_.find(method);
        EXPECT_NE(m, nullptr) << method;
        return (*m)(params, session_);
    }

    Json trace_call(const Address& to, Json config, uint64_t gas = 100'000) {
        Json t = {{"from", ahex(kRich)}, {"to", ahex(to)}, {"gas", quantity(gas)}};
        auto r = call("debug_traceCall", Json::array({t, "latest", std::move(config)}));
        EXPECT_TRUE(r) << r.error().message;
        return r.value_or(Json{});
    }

    static chain::Transaction legacy(const Address& to, uint64_t nonce) {
        chain::Transaction t;
        t.chain_id = ExecTestBackend::kChainId;
        t.nonce = nonce;
        t.gas_price = Uint256{7};
        t.gas_limit = 100'000;
        t.to = to;
        return t;
    }

    ExecTestBackend backend_;
    MethodTable table_;
    NullSession session_;
};

/// One struct log entry without the optional parts.
Json step(uint64_t pc, const char* op, uint64_t gas, uint64_t cost, Json stack) {
    return {{"pc", pc},        {"op", op},   {"gas", gas},
            {"gasCost", cost}, {"depth", 1}, {"stack", std::move(stack)}};
}

TEST_F(TraceTest, StructLoggerMatchesTheYellowPaperCosts) {
    const Json r = trace_call(kStore, Json::object());
    // 100,000 - 21,000 intrinsic = 79,000 at the first instruction. PUSH1 and ADD cost 3
    // (G_verylow); the SSTORE of a non-zero value into a cold empty slot costs 2,100 (cold) +
    // 20,000 (set); STOP is free.
    Json sstore = step(7, "SSTORE", 78'988, 22'100, Json::array({"0x5", "0x0"}));
    sstore["storage"] = {{word(0), word(5)}};
    const Json want = Json::array({
        step(0, "PUSH1", 79'000, 3, Json::array()),
        step(2, "PUSH1", 78'997, 3, Json::array({"0x2"})),
        step(4, "ADD", 78'994, 3, Json::array({"0x2", "0x3"})),
        step(5, "PUSH1", 78'991, 3, Json::array({"0x5"})),
        sstore,
        step(8, "STOP", 56'888, 0, Json::array()),
    });
    EXPECT_EQ(r["structLogs"], want);
    EXPECT_EQ(r["gas"], 21'000 + 12 + 22'100);
    EXPECT_EQ(r["failed"], false);
    EXPECT_EQ(r["returnValue"], "");
}

TEST_F(TraceTest, StructLoggerOptionsAddMemoryAndDropStack) {
    const Json r = trace_call(kReturns42, {{"enableMemory", true}, {"disableStack", true}});
    const Json& logs = r["structLogs"];
    ASSERT_EQ(logs.size(), 6u);
    EXPECT_FALSE(logs[0].contains("stack"));
    EXPECT_EQ(logs[0]["memory"], Json::array());
    // MSTORE: 3 + 3 for the first memory word.
    EXPECT_EQ(logs[2]["op"], "MSTORE");
    EXPECT_EQ(logs[2]["gasCost"], 6);
    EXPECT_EQ(logs[5]["op"], "RETURN");
    EXPECT_EQ(logs[5]["memory"], Json::array({word(42)}));
    EXPECT_EQ(r["returnValue"], word(42));
}

TEST_F(TraceTest, StructLoggerMarksTheFailingInstruction) {
    const Json r = trace_call(kUnderflow, Json::object());
    Json want = step(0, "ADD", 79'000, 3, Json::array());
    want["error"] = "stack underflow (0 <=> 2)";
    EXPECT_EQ(r["structLogs"], Json::array({want}));
    EXPECT_EQ(r["failed"], true);
    EXPECT_EQ(r["gas"], 100'000);
    EXPECT_EQ(r["returnValue"], "");
}

TEST_F(TraceTest, TraceTransactionReplaysTheTransactionsBeforeIt) {
    const auto results = backend_.mine({{legacy(kStore, 0), kRich}, {legacy(kStore, 1), kRich}});
    ASSERT_EQ(results.size(), 2u) << backend_.last_error_;
    const Hash256 second = chain::transaction_hash(legacy(kStore, 1));
    auto r = call("debug_traceTransaction", Json::array({hash_hex(second)}));
    ASSERT_TRUE(r) << r.error().message;
    // The first transaction wrote 5 already: a cold no-op SSTORE costs 2,100 + 100.
    const Json& logs = (*r)["structLogs"];
    ASSERT_EQ(logs.size(), 6u);
    EXPECT_EQ(logs[4]["op"], "SSTORE");
    EXPECT_EQ(logs[4]["gasCost"], 2'200);
    EXPECT_EQ((*r)["gas"], 21'000 + 12 + 2'200);
    EXPECT_EQ((*r)["gas"], results[1].gas_used);

    const Hash256 first = chain::transaction_hash(legacy(kStore, 0));
    auto f = call("debug_traceTransaction", Json::array({hash_hex(first)}));
    ASSERT_TRUE(f) << f.error().message;
    EXPECT_EQ((*f)["structLogs"][4]["gasCost"], 22'100);

    auto missing = call("debug_traceTransaction", Json::array({hash_hex(Hash256{})}));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().message, "transaction not found");
}

TEST_F(TraceTest, CallTracerShowsANestedCall) {
    const Json r =
        trace_call(kOuter, {{"tracer", "callTracer"}, {"tracerConfig", {{"withLog", true}}}});
    // Before the CALL: five PUSH1, PUSH20, GAS = 20 gas, so 78,980 left; the cold CALL costs
    // 2,600, leaving 76,380, of which the callee gets all but 1/64: 76,380 - 1,193 = 75,187.
    // The callee uses 3 + 3 + 22,100 (SSTORE) + 3 + 3 + 375 (LOG0) = 22,487.
    const Json inner = {{"type", "CALL"},
                        {"from", ahex(kOuter)},
                        {"to", ahex(kInner)},
                        {"value", "0x0"},
                        {"gas", quantity(uint64_t{75'187})},
                        {"gasUsed", quantity(uint64_t{22'487})},
                        {"input", "0x"},
                        {"logs", Json::array({{{"address", ahex(kInner)},
                                               {"topics", Json::array()},
                                               {"data", "0x"},
                                               {"position", "0x0"}}})}};
    const Json want = {{"type", "CALL"},
                       {"from", ahex(kRich)},
                       {"to", ahex(kOuter)},
                       {"value", "0x0"},
                       {"gas", quantity(uint64_t{100'000})},
                       {"gasUsed", quantity(uint64_t{21'000 + 20 + 2'600 + 22'487 + 14})},
                       {"input", "0x"},
                       {"calls", Json::array({inner})}};
    EXPECT_EQ(r, want);

    const Json top =
        trace_call(kOuter, {{"tracer", "callTracer"}, {"tracerConfig", {{"onlyTopCall", true}}}});
    EXPECT_FALSE(top.contains("calls"));
    EXPECT_EQ(top["gasUsed"], want["gasUsed"]);
}

TEST_F(TraceTest, CallTracerShowsACreation) {
    const Json r = trace_call(kFactory, {{"tracer", "callTracer"}});
    // The new address: keccak256(rlp([factory, 1]))[12:], rlp = 0xd6 0x94 <20 bytes> 0x01.
    Bytes rlp = {0xd6, 0x94};
    rlp.append(kFactory.view());
    rlp.push_back(0x01);
    const Hash256 h = keccak256(rlp);
    const std::string created = "0x" + to_hex(BytesView{h.data() + 12, 20}, false);
    ASSERT_TRUE(r.contains("calls"));
    const Json& c = r["calls"][0];
    EXPECT_EQ(c["type"], "CREATE");
    EXPECT_EQ(c["from"], ahex(kFactory));
    EXPECT_EQ(c["to"], created);
    EXPECT_EQ(c["input"], "0x" + kInitCode);
    EXPECT_EQ(c["output"], "0x00");
    EXPECT_EQ(c["value"], "0x0");
    // PUSH1, PUSH1, MSTORE8 (3 + 3 memory), PUSH1, PUSH1, RETURN = 18; 200 per deployed byte.
    EXPECT_EQ(c["gasUsed"], quantity(uint64_t{18 + 200}));
}

TEST_F(TraceTest, CallTracerReportsARevertReason) {
    const Json r = trace_call(kReverts, {{"tracer", "callTracer"}});
    EXPECT_EQ(r["error"], "execution reverted");
    EXPECT_EQ(r["revertReason"], "nope");
    EXPECT_EQ(r["output"], "0x" + kNopeRevert);
}

// ---- prestateTracer -----------------------------------------------------------------------------

const Address kFresh = addr(0x99);  // no account in genesis
const Uint256 kRichBalance{1'000'000'000'000'000'000ULL};
const std::string kStoreCode = "0x600260030160005500";

std::string slot(uint64_t v) {
    return "0x" + word(v);
}

class PrestateTest : public TraceTest {
protected:
    /// A plain transfer paying 10 wei per gas: 3 over the base fee of 7 goes to the coinbase.
    static chain::Transaction transfer(uint64_t nonce, uint64_t value) {
        chain::Transaction t;
        t.chain_id = ExecTestBackend::kChainId;
        t.nonce = nonce;
        t.gas_price = Uint256{10};
        t.gas_limit = 21'000;
        t.to = kFresh;
        t.value = Uint256{value};
        return t;
    }

    Json trace_tx(const chain::Transaction& t, Json config) {
        auto r = call("debug_traceTransaction",
                      Json::array({hash_hex(chain::transaction_hash(t)), std::move(config)}));
        EXPECT_TRUE(r) << r.error().message;
        return r.value_or(Json{});
    }

    Json prestate_call(Json tx, bool diff) {
        tx["from"] = ahex(kRich);
        Json config = {{"tracer", "prestateTracer"}};
        if (diff) config["tracerConfig"] = {{"diffMode", true}};
        auto r = call("debug_traceCall", Json::array({std::move(tx), "latest", config}));
        EXPECT_TRUE(r) << r.error().message;
        return r.value_or(Json{});
    }

    const std::string coinbase_ = ahex(backend_.coinbase());
};

TEST_F(PrestateTest, TransferShowsTheStateBeforeIt) {
    const auto results = backend_.mine({{transfer(0, 1000), kRich}, {transfer(1, 1000), kRich}});
    ASSERT_EQ(results.size(), 2u) << backend_.last_error_;
    // Before the second transfer: the first took 21,000 * 10 + 1,000 from the sender, gave the
    // recipient 1,000 and the coinbase 21,000 * 3.
    const Json want = {
        {ahex(kRich), {{"balance", quantity(kRichBalance - Uint256{211'000})}, {"nonce", 1}}},
        {ahex(kFresh), {{"balance", "0x3e8"}}},
        {coinbase_, {{"balance", quantity(uint64_t{63'000})}}},
    };
    EXPECT_EQ(trace_tx(transfer(1, 1000), {{"tracer", "prestateTracer"}}), want);

    // The first transfer: the sender untouched, the recipient and the coinbase absent (geth
    // still lists them, with a zero balance).
    const Json first = {
        {ahex(kRich), {{"balance", quantity(kRichBalance)}}},
        {ahex(kFresh), {{"balance", "0x0"}}},
        {coinbase_, {{"balance", "0x0"}}},
    };
    EXPECT_EQ(trace_tx(transfer(0, 1000), {{"tracer", "prestateTracer"}}), first);
}

TEST_F(PrestateTest, DiffModeShowsWhatTheTransferChanged) {
    const auto results = backend_.mine({{transfer(0, 1000), kRich}, {transfer(1, 1000), kRich}});
    ASSERT_EQ(results.size(), 2u) << backend_.last_error_;
    const Json r = trace_tx(transfer(1, 1000),
                            {{"tracer", "prestateTracer"}, {"tracerConfig", {{"diffMode", true}}}});
    const Json want = {
        {"pre",
         {{ahex(kRich), {{"balance", quantity(kRichBalance - Uint256{211'000})}, {"nonce", 1}}},
          {ahex(kFresh), {{"balance", "0x3e8"}}},
          {coinbase_, {{"balance", quantity(uint64_t{63'000})}}}}},
        {"post",
         {{ahex(kRich), {{"balance", quantity(kRichBalance - Uint256{422'000})}, {"nonce", 2}}},
          {ahex(kFresh), {{"balance", "0x7d0"}}},
          {coinbase_, {{"balance", quantity(uint64_t{126'000})}}}}},
    };
    EXPECT_EQ(r, want);
}

TEST_F(PrestateTest, DeployLeavesTheNewAccountOutOfThePrestate) {
    const Json tx = {{"data", "0x" + kInitCode}, {"gas", "0x186a0"}};
    const std::string created = ahex(state::create_address(kRich, 0));
    // A call pays no gas price: only the sender's nonce changes, and the coinbase gets nothing.
    const Json pre = prestate_call(tx, false);
    EXPECT_EQ(pre, Json({{ahex(kRich), {{"balance", quantity(kRichBalance)}}},
                         {coinbase_, {{"balance", "0x0"}}}}));

    const Json diff = prestate_call(tx, true);
    const Json want = {
        {"pre", {{ahex(kRich), {{"balance", quantity(kRichBalance)}}}}},
        {"post", {{ahex(kRich), {{"nonce", 1}}}, {created, {{"code", "0x00"}, {"nonce", 1}}}}},
    };
    EXPECT_EQ(diff, want);
}

TEST_F(PrestateTest, StorageWriteShowsTheSlotBeforeAndAfter) {
    const Json tx = {{"to", ahex(kStore)}, {"gas", "0x186a0"}};
    const Json pre = prestate_call(tx, false);
    // The slot was empty: the prestate lists it with a zero value.
    const Json want_pre = {
        {ahex(kRich), {{"balance", quantity(kRichBalance)}}},
        {ahex(kStore),
         {{"balance", "0x0"},
          {"code", kStoreCode},
          {"nonce", 1},
          {"storage", {{slot(0), slot(0)}}}}},
        {coinbase_, {{"balance", "0x0"}}},
    };
    EXPECT_EQ(pre, want_pre);

    // In diff mode the empty slot leaves the prestate, the post has only the new value.
    const Json diff = prestate_call(tx, true);
    const Json want = {
        {"pre",
         {{ahex(kRich), {{"balance", quantity(kRichBalance)}}},
          {ahex(kStore), {{"balance", "0x0"}, {"code", kStoreCode}, {"nonce", 1}}}}},
        {"post",
         {{ahex(kRich), {{"nonce", 1}}}, {ahex(kStore), {{"storage", {{slot(0), slot(5)}}}}}}},
    };
    EXPECT_EQ(diff, want);

    // A second write of the same value changes nothing but the sender's nonce and balance.
    const auto results = backend_.mine({{legacy(kStore, 0), kRich}, {legacy(kStore, 1), kRich}});
    ASSERT_EQ(results.size(), 2u) << backend_.last_error_;
    const Json again = trace_tx(
        legacy(kStore, 1), {{"tracer", "prestateTracer"}, {"tracerConfig", {{"diffMode", true}}}});
    EXPECT_FALSE(again["pre"].contains(ahex(kStore))) << again.dump();
    EXPECT_FALSE(again["post"].contains(ahex(kStore))) << again.dump();
    EXPECT_EQ(again["post"][ahex(kRich)]["nonce"], 2);
    // Gas price 7 is the base fee: the coinbase gets nothing and is left out.
    EXPECT_FALSE(again["post"].contains(coinbase_));
}

TEST_F(PrestateTest, RevertingCallChangesOnlyTheSender) {
    const Json tx = {{"to", ahex(kReverts)}, {"gas", "0x186a0"}};
    const Json pre = prestate_call(tx, false);
    ASSERT_TRUE(pre.contains(ahex(kReverts)));
    EXPECT_EQ(pre[ahex(kReverts)]["nonce"], 1);
    EXPECT_EQ(pre[ahex(kReverts)]["balance"], "0x0");
    EXPECT_FALSE(pre[ahex(kReverts)].contains("storage"));

    const Json diff = prestate_call(tx, true);
    const Json want = {{"pre", {{ahex(kRich), {{"balance", quantity(kRichBalance)}}}}},
                       {"post", {{ahex(kRich), {{"nonce", 1}}}}}};
    EXPECT_EQ(diff, want);
}

TEST_F(PrestateTest, NestedCallAddsTheCalleeAndItsSlots) {
    const Json pre = prestate_call({{"to", ahex(kOuter)}, {"gas", "0x186a0"}}, false);
    ASSERT_TRUE(pre.contains(ahex(kInner))) << pre.dump();
    EXPECT_EQ(pre[ahex(kInner)]["storage"], Json({{slot(0), slot(0)}}));
    EXPECT_FALSE(pre[ahex(kOuter)].contains("storage"));

    Json tx = {{"to", ahex(kOuter)}, {"gas", "0x186a0"}, {"from", ahex(kRich)}};
    auto r =
        call("debug_traceCall",
             Json::array({tx,
                          "latest",
                          {{"tracer", "prestateTracer"},
                           {"tracerConfig", {{"disableCode", true}, {"disableStorage", true}}}}}));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_FALSE((*r)[ahex(kInner)].contains("storage"));
    EXPECT_FALSE((*r)[ahex(kInner)].contains("code"));
    EXPECT_EQ((*r)[ahex(kInner)]["nonce"], 1);
}

TEST_F(PrestateTest, CreateInsideACallIsLookedUp) {
    const Json diff = prestate_call({{"to", ahex(kFactory)}, {"gas", "0x186a0"}}, true);
    const std::string created = ahex(state::create_address(kFactory, 1));
    EXPECT_FALSE(diff["pre"].contains(created)) << diff.dump();
    EXPECT_EQ(diff["post"][created], Json({{"code", "0x00"}, {"nonce", 1}}));
    EXPECT_EQ(diff["post"][ahex(kFactory)], Json({{"nonce", 2}}));
}

// ---- debug_traceBlockByNumber / debug_traceBlockByHash --------------------------------------

TEST_F(PrestateTest, TraceBlockReturnsOneEntryPerTransactionInOrder) {
    chain::Transaction deploy = legacy(kStore, 2);
    deploy.to.reset();
    deploy.data = hex(kInitCode);
    const std::vector<chain::Transaction> txs = {transfer(0, 1000), legacy(kStore, 1), deploy,
                                                 legacy(kReverts, 3)};
    std::vector<std::pair<chain::Transaction, Address>> block;
    for (const auto& t : txs) block.push_back({t, kRich});
    const auto results = backend_.mine(block);
    ASSERT_EQ(results.size(), 4u) << backend_.last_error_;
    const uint64_t number = backend_.head_number();

    auto calls = call("debug_traceBlockByNumber",
                      Json::array({quantity(number), {{"tracer", "callTracer"}}}));
    ASSERT_TRUE(calls) << calls.error().message;
    ASSERT_EQ(calls->size(), 4u);
    for (size_t i = 0; i < txs.size(); ++i) {
        EXPECT_EQ((*calls)[i]["txHash"], hash_hex(chain::transaction_hash(txs[i])));
        EXPECT_EQ((*calls)[i]["result"]["gasUsed"], quantity(results[i].gas_used)) << i;
    }
    EXPECT_EQ((*calls)[0]["result"]["type"], "CALL");
    EXPECT_EQ((*calls)[0]["result"]["value"], "0x3e8");
    EXPECT_EQ((*calls)[2]["result"]["type"], "CREATE");
    EXPECT_EQ((*calls)[2]["result"]["to"], ahex(state::create_address(kRich, 2)));
    EXPECT_EQ((*calls)[3]["result"]["error"], "execution reverted");
    EXPECT_EQ((*calls)[3]["result"]["revertReason"], "nope");

    // Each transaction runs on the state its predecessors left: the prestate of the second shows
    // the sender after the transfer (and the slot it is about to write, still empty).
    auto pre =
        call("debug_traceBlockByNumber", Json::array({"latest", {{"tracer", "prestateTracer"}}}));
    ASSERT_TRUE(pre) << pre.error().message;
    ASSERT_EQ(pre->size(), 4u);
    const Uint256 after_transfer = kRichBalance - Uint256{211'000};
    EXPECT_EQ((*pre)[1]["result"][ahex(kRich)],
              Json({{"balance", quantity(after_transfer)}, {"nonce", 1}}));
    EXPECT_EQ((*pre)[1]["result"][ahex(kStore)]["storage"], Json({{slot(0), slot(0)}}));
    EXPECT_EQ((*pre)[1]["txHash"], hash_hex(chain::transaction_hash(txs[1])));

    // The default tracer, by hash: the same block, the struct logs of each transaction.
    auto stored = backend_.blocks().header_by_number(number);
    ASSERT_TRUE(stored && *stored);
    auto logs = call("debug_traceBlockByHash", Json::array({hash_hex((*stored)->hash)}));
    ASSERT_TRUE(logs) << logs.error().message;
    ASSERT_EQ(logs->size(), 4u);
    EXPECT_EQ((*logs)[0]["result"]["structLogs"], Json::array());
    EXPECT_EQ((*logs)[0]["result"]["gas"], 21'000);
    EXPECT_EQ((*logs)[1]["result"]["structLogs"].size(), 6u);
    // The first write into the slot: 22,100 (as in the transaction's own trace).
    EXPECT_EQ((*logs)[1]["result"]["structLogs"][4]["gasCost"], 22'100);
    EXPECT_EQ((*logs)[3]["result"]["failed"], true);
    for (size_t i = 0; i < txs.size(); ++i) EXPECT_EQ((*logs)[i]["txHash"], (*calls)[i]["txHash"]);

    // An empty block answers an empty list.
    backend_.mine(std::vector<std::pair<chain::Transaction, Address>>{});
    auto empty = call("debug_traceBlockByNumber", Json::array({quantity(number + 1)}));
    ASSERT_TRUE(empty) << empty.error().message;
    EXPECT_EQ(*empty, Json::array());
}

TEST_F(PrestateTest, TraceBlockErrors) {
    backend_.mine({{transfer(0, 1), kRich}});
    const auto error_of = [&](const std::string& method, Json params) {
        auto r = call(method, std::move(params));
        EXPECT_FALSE(r);
        return r ? std::string{} : r.error().message;
    };
    EXPECT_EQ(error_of("debug_traceBlockByNumber", Json::array({"0x0"})),
              "genesis is not traceable");
    EXPECT_EQ(error_of("debug_traceBlockByNumber", Json::array({"earliest"})),
              "genesis is not traceable");
    EXPECT_EQ(error_of("debug_traceBlockByNumber", Json::array({"0x63"})), "block #99 not found");
    const Hash256 unknown = keccak256(Bytes{1, 2, 3});
    EXPECT_EQ(error_of("debug_traceBlockByHash", Json::array({hash_hex(unknown)})),
              "block " + hash_hex(unknown) + " not found");
    auto genesis = backend_.blocks().header_by_number(0);
    ASSERT_TRUE(genesis && *genesis);
    EXPECT_EQ(error_of("debug_traceBlockByHash", Json::array({hash_hex((*genesis)->hash)})),
              "genesis is not traceable");
    EXPECT_EQ(error_of("debug_traceBlockByNumber", Json::array({"0x1", {{"tracer", "fooTracer"}}})),
              "tracer not found: fooTracer");
    EXPECT_EQ(error_of("debug_traceTransaction",
                       Json::array({hash_hex(chain::transaction_hash(transfer(0, 1))),
                                    {{"tracer", "fooTracer"}}})),
              "tracer not found: fooTracer");
    EXPECT_EQ(error_of("debug_traceBlockByNumber", Json::array()),
              "missing value for required argument 0");
}

}  // namespace
}  // namespace yao::rpc
