// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "trace.hpp"

#include <gtest/gtest.h>

#include <string>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>

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

}  // namespace
}  // namespace yao::rpc
