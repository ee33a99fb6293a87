// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "execution.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <yao/common/address.hpp>
#include <yao/common/hex.hpp>

#include "test_util/exec_backend.hpp"

namespace yao::rpc {
namespace {

using test_util::ExecTestBackend;
using test_util::hex;
using test_util::NullSession;
using test_util::word;

Address addr(uint8_t last) {
    Address a;
    a[0] = 0x11;
    a[19] = last;
    return a;
}

// Contracts, assembled by hand.
const Address kRich = addr(0xaa);  // 100 ether
const Address kPoor = addr(0xbb);  // 300,000 wei
const Address kEoa = addr(0xee);   // an empty account
const Address kReturns42 = addr(0x01);
const Address kRevertsNope = addr(0x02);
const Address kCustomError = addr(0x03);
const Address kTwoSlots = addr(0x04);   // returns sload(0) + sload(1); slots 0x10 and 0x20
const Address kOuter = addr(0x05);      // CALLs kInner with all its gas, reverts if it fails
const Address kInner = addr(0x06);      // SSTORE(0, 1)
const Address kReadsTwo = addr(0x07);   // SLOAD(1), SLOAD(2)
const Address kInvalid = addr(0x08);    // 0xFE
const Address kUnderflow = addr(0x09);  // ADD on an empty stack

// ABI encoding of Error("nope"): selector 0x08c379a0, offset 32, length 4, "nope" padded.
const std::string kNopeRevert = "08c379a0" + word(32) + word(4) + "6e6f7065" + std::string(56, '0');
// A custom error: selector 0xdeadbeef and one word 7.
const std::string kCustomRevert = "deadbeef" + word(7);

/// Code that reverts with `data` (hex): CODECOPY of the bytes after a 12-byte prefix.
std::string revert_code(const std::string& data) {
    const std::string len = word(data.size() / 2).substr(62);  // one byte
    return std::string{"60"} + len + "600c600039" + "60" + len + "6000fd" + data;
}

std::string outer_code() {
    // 5 x PUSH1 0, PUSH20 inner, GAS, CALL, PUSH1 0x29, JUMPI, REVERT(0, 0), JUMPDEST, STOP
    return "60006000600060006000" + std::string{"73"} + to_hex(kInner.view(), false) +
           "5af1602957600060" + "00fd5b00";
}

state::MemoryStateView genesis() {
    state::MemoryStateView g;
    g.set_account(kRich,
                  {0, Uint256{100} * Uint256{1'000'000'000'000'000'000ULL}, state::kEmptyCodeHash});
    g.set_account(kPoor, {0, Uint256{300'000}, state::kEmptyCodeHash});
    g.set_account_with_code(kReturns42, 1, {}, hex("602a60005260206000f3"));
    g.set_account_with_code(kRevertsNope, 1, {}, hex(revert_code(kNopeRevert)));
    g.set_account_with_code(kCustomError, 1, {}, hex(revert_code(kCustomRevert)));
    g.set_account_with_code(kTwoSlots, 1, {},
                            hex("600054600154016000526020"
                                "6000f3"));
    Hash256 one;
    one[31] = 1;
    Hash256 v10;
    v10[31] = 0x10;
    Hash256 v20;
    v20[31] = 0x20;
    g.set_storage(kTwoSlots, Hash256{}, v10);
    g.set_storage(kTwoSlots, one, v20);
    g.set_account_with_code(kOuter, 1, {}, hex(outer_code()));
    g.set_account_with_code(kInner, 1, {},
                            hex("6001600055"
                                "00"));
    g.set_account_with_code(kReadsTwo, 1, {},
                            hex("60015460025450"
                                "5000"));
    g.set_account_with_code(kInvalid, 1, {}, hex("fe"));
    g.set_account_with_code(kUnderflow, 1, {}, hex("01"));
    return g;
}

class ExecutionTest : public ::testing::Test {
protected:
    ExecutionTest() : backend_{genesis()} {
        register_execution_methods(table_, backend_, ExecutionOptions{});
    }

    MethodResult call(const std::string& method, Json params) {
        const Method* m = table_.find(method);
        EXPECT_NE(m, nullptr) << method;
        return (*m)(params, session_);
    }

    static Json tx(const Address& to, std::string data = "0x") {
        return Json{{"to", to_hex(to.view())}, {"data", std::move(data)}};
    }

    ExecTestBackend backend_;
    MethodTable table_;
    NullSession session_;
};

TEST_F(ExecutionTest, CallReturnsTheContractOutput) {
    auto r = call("eth_call", Json::array({tx(kReturns42), "latest"}));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, "0x" + word(42));
}

// As geth: a call without `to` runs its data as init code and answers the code it would deploy
// (the init code copies 10 bytes of runtime code to memory and returns them); a failing init
// code reverts as any call does.
TEST_F(ExecutionTest, CallWithoutToAnswersTheCodeItsInitCodeDeploys) {
    const std::string runtime = "602a60005260206000f3";  // returns 42
    const Json create{{"data", "0x600a600c600039600a6000f3" + runtime}};
    auto r = call("eth_call", Json::array({create, "latest"}));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, "0x" + runtime);
    const Json reverts{{"data", "0x60006000fd"}};  // REVERT(0, 0)
    auto failed = call("eth_call", Json::array({reverts, "latest"}));
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, 3);
    const Json empty{{"data", "0x"}};  // deploys nothing
    auto none = call("eth_call", Json::array({empty, "latest"}));
    ASSERT_TRUE(none) << none.error().message;
    EXPECT_EQ(*none, "0x");
}

TEST_F(ExecutionTest, CallToAnAccountWithoutCodeReturnsEmpty) {
    auto r = call("eth_call", Json::array({tx(kEoa)}));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, "0x");
}

TEST_F(ExecutionTest, RevertWithErrorStringIsCode3WithReasonAndData) {
    auto r = call("eth_call", Json::array({tx(kRevertsNope), "latest"}));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, 3);
    EXPECT_EQ(r.error().message, "execution reverted: nope");
    EXPECT_EQ(r.error().data, "0x" + kNopeRevert);
}

TEST_F(ExecutionTest, RevertWithCustomErrorPassesTheDataThrough) {
    auto r = call("eth_call", Json::array({tx(kCustomError), "latest"}));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, 3);
    EXPECT_EQ(r.error().message, "execution reverted");
    EXPECT_EQ(r.error().data, "0x" + kCustomRevert);
}

TEST_F(ExecutionTest, ExceptionalHaltsAreServerErrorsWithGethText) {
    auto invalid = call("eth_call", Json::array({tx(kInvalid)}));
    ASSERT_FALSE(invalid);
    EXPECT_EQ(invalid.error().code, -32000);
    EXPECT_EQ(invalid.error().message, "invalid opcode: INVALID");

    auto underflow = call("eth_call", Json::array({tx(kUnderflow)}));
    ASSERT_FALSE(underflow);
    EXPECT_EQ(underflow.error().message, "stack underflow (0 <=> 2)");

    Json low = tx(kReturns42);
    low["gas"] = "0x5212";  // 21010: PUSH1, PUSH1 (6), then MSTORE needs 3 + 3 for memory
    auto oog = call("eth_call", Json::array({low}));
    ASSERT_FALSE(oog);
    EXPECT_EQ(oog.error().message, "out of gas");
}

TEST_F(ExecutionTest, CallChecksFundsOnlyWhenAPriceIsGiven) {
    Json free = tx(kReturns42);
    free["from"] = to_hex(kEoa.view());
    EXPECT_TRUE(call("eth_call", Json::array({free})));

    Json priced = free;
    priced["gasPrice"] = "0x7";
    priced["gas"] = "0x5208";
    auto r = call("eth_call", Json::array({priced}));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, -32000);
    EXPECT_EQ(r.error().message, "err: insufficient funds for gas * price + value: address " +
                                     to_checksum_hex(kEoa) +
                                     " have 0 want 147000 (supplied gas 21000)");
}

TEST_F(ExecutionTest, StateOverridesReplaceBalanceCodeAndStorage) {
    const Address target = addr(0x77);  // does not exist
    // sload(0) + selfbalance
    Json ov = {{to_hex(target.view()),
                {{"balance", "0x10"},
                 {"code",
                  "0x60005447016000526020"
                  "6000f3"},
                 {"state", {{"0x" + word(0), "0x" + word(5)}}}}}};
    auto r = call("eth_call", Json::array({tx(target), "latest", ov}));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, "0x" + word(0x15));

    // stateDiff changes one slot and keeps the others; state replaces them all.
    Json diff = {{to_hex(kTwoSlots.view()), {{"stateDiff", {{"0x" + word(1), "0x" + word(1)}}}}}};
    auto d = call("eth_call", Json::array({tx(kTwoSlots), "latest", diff}));
    ASSERT_TRUE(d) << d.error().message;
    EXPECT_EQ(*d, "0x" + word(0x11));
    Json full = {{to_hex(kTwoSlots.view()), {{"state", {{"0x" + word(1), "0x" + word(1)}}}}}};
    auto f = call("eth_call", Json::array({tx(kTwoSlots), "latest", full}));
    ASSERT_TRUE(f) << f.error().message;
    EXPECT_EQ(*f, "0x" + word(0x01));
    auto plain = call("eth_call", Json::array({tx(kTwoSlots), "latest"}));
    ASSERT_TRUE(plain);
    EXPECT_EQ(*plain, "0x" + word(0x30));

    Json both = {
        {to_hex(kTwoSlots.view()), {{"state", Json::object()}, {"stateDiff", Json::object()}}}};
    auto e = call("eth_call", Json::array({tx(kTwoSlots), "latest", both}));
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().code, -32000);
}

TEST_F(ExecutionTest, BlockOverridesChangeTheBlockContext) {
    // NUMBER, TIMESTAMP, COINBASE summed and returned.
    Json ov = {{"0x0000000000000000000000000000000000000077",
                {{"code",
                  "0x43420141016000526020"
                  "6000f3"}}}};
    Json to = tx(addr(0));
    to["to"] = "0x0000000000000000000000000000000000000077";
    Json blk = {{"number", "0x100"},
                {"time", "0x1000"},
                {"feeRecipient", "0x" + std::string(38, '0') + "01"}};
    auto r = call("eth_call", Json::array({to, "latest", ov, blk}));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, "0x" + word(0x1101));
}

TEST_F(ExecutionTest, EstimateOfAPlainTransferIs21000) {
    Json t = tx(kEoa);
    t["from"] = to_hex(kRich.view());
    t["value"] = "0x1";
    t.erase("data");
    auto r = call("eth_estimateGas", Json::array({t}));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, "0x5208");
}

TEST_F(ExecutionTest, EstimateIsTheSmallestGasThatSucceedsUnderThe63Over64Rule) {
    Json t = tx(kOuter);
    t["from"] = to_hex(kRich.view());
    auto r = call("eth_estimateGas", Json::array({t}));
    ASSERT_TRUE(r) << r.error().message;
    const uint64_t estimate = std::stoull(r->get<std::string>().substr(2), nullptr, 16);
    // Used gas is 45,740 (21000 + 20 + 2600 cold CALL + 22,106 in the callee + 14); the callee
    // only gets 63/64 of what is left, so the smallest limit that succeeds is above it.
    EXPECT_GT(estimate, 45'740u);

    Json at = t;
    at["gas"] = quantity(estimate);
    auto ok = call("eth_call", Json::array({at}));
    EXPECT_TRUE(ok) << ok.error().message;
    Json below = t;
    below["gas"] = quantity(estimate - 1);
    auto fails = call("eth_call", Json::array({below}));
    ASSERT_FALSE(fails);
    EXPECT_EQ(fails.error().code, 3);  // the callee ran out of gas, the caller reverted
}

TEST_F(ExecutionTest, EstimateAboveTheAllowanceOfTheBalanceFails) {
    // The SSTORE needs 43,106 gas in all; the balance pays for 300,000 wei / 10 = 30,000.
    Json t = tx(kInner);
    t["from"] = to_hex(kPoor.view());
    t["gasPrice"] = "0xa";
    auto r = call("eth_estimateGas", Json::array({t}));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, -32000);
    EXPECT_EQ(r.error().message, "gas required exceeds allowance (30000)");

    // When the callee runs out instead and the caller reverts without data, geth reports the
    // revert as a plain error.
    Json outer = t;
    outer["to"] = to_hex(kOuter.view());
    auto o = call("eth_estimateGas", Json::array({outer}));
    ASSERT_FALSE(o);
    EXPECT_EQ(o.error().code, -32000);
    EXPECT_EQ(o.error().message, "execution reverted");
}

TEST_F(ExecutionTest, EstimateOfARevertGivesTheRevertError) {
    Json t = tx(kRevertsNope);
    auto r = call("eth_estimateGas", Json::array({t}));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, 3);
    EXPECT_EQ(r.error().message, "execution reverted: nope");
    EXPECT_EQ(r.error().data, "0x" + kNopeRevert);
}

TEST_F(ExecutionTest, AccessListListsTheTwoSlotsTouched) {
    Json t = tx(kReadsTwo);
    t["from"] = to_hex(kRich.view());
    auto r = call("eth_createAccessList", Json::array({t, "latest"}));
    ASSERT_TRUE(r) << r.error().message;
    const Json want =
        Json::array({{{"address", to_hex(kReadsTwo.view())},
                      {"storageKeys", Json::array({"0x" + word(1), "0x" + word(2)})}}});
    EXPECT_EQ((*r)["accessList"], want);
    // 21000 + 2400 + 2 * 1900 intrinsic; PUSH1, SLOAD (warm 100), PUSH1, SLOAD, POP, POP, STOP.
    EXPECT_EQ((*r)["gasUsed"], quantity(uint64_t{27'200 + 3 + 100 + 3 + 100 + 2 + 2}));
    EXPECT_FALSE(r->contains("error"));
}

TEST_F(ExecutionTest, AccessListLeavesOutSenderRecipientAndPrecompiles) {
    // BALANCE of the sender, of precompile 1 and of another account.
    const std::string code =
        "33"
        "31"
        "50"
        "6001"
        "31"
        "50"
        "73" +
        to_hex(kEoa.view(), false) +
        "31"
        "50"
        "00";
    Json ov = {{"0x0000000000000000000000000000000000000077", {{"code", "0x" + code}}}};
    Json t = tx(addr(0));
    t["to"] = "0x0000000000000000000000000000000000000077";
    t["from"] = to_hex(kRich.view());
    auto r = call("eth_createAccessList", Json::array({t, "latest", ov}));
    ASSERT_TRUE(r) << r.error().message;
    const Json want =
        Json::array({{{"address", to_hex(kEoa.view())}, {"storageKeys", Json::array()}}});
    EXPECT_EQ((*r)["accessList"], want);
}

TEST_F(ExecutionTest, AFailedStateReadIsAnInternalErrorNotAnAnswerOnMissingState) {
    // A contract whose code cannot be read would otherwise look like an account without code:
    // the call would return 0x and the estimate 21000 (what a transient StateService failure
    // gave in a cluster).
    backend_.fail_code_reads(Error{std::make_error_code(std::errc::timed_out), "StateService"});
    for (const char* method :
         {"eth_call", "eth_estimateGas", "eth_createAccessList", "debug_traceCall"}) {
        auto r = call(method, Json::array({tx(kReturns42), "latest"}));
        ASSERT_FALSE(r) << method << ": " << r->dump();
        EXPECT_EQ(r.error().code, kInternalError) << method;
        EXPECT_NE(r.error().message.find("state read failed"), std::string::npos)
            << method << ": " << r.error().message;
        EXPECT_NE(r.error().message.find("StateService"), std::string::npos) << r.error().message;
    }
    backend_.fail_code_reads(std::nullopt);
    auto healed = call("eth_call", Json::array({tx(kReturns42), "latest"}));
    ASSERT_TRUE(healed) << healed.error().message;
    EXPECT_EQ(*healed, "0x" + word(42));
}

TEST_F(ExecutionTest, AFailedBlockHashReadIsAnInternalErrorNotAZeroHash) {
    // BLOCKHASH(NUMBER - 1), returned as a word, from a contract put at 0x...77 by override.
    const std::vector<std::pair<chain::Transaction, Address>> empty;
    backend_.mine(empty);
    backend_.mine(empty);
    const Json code = {{"0x0000000000000000000000000000000000000077",
                        {{"code",
                          "0x6001430340"
                          "60005260206000f3"}}}};
    Json t = tx(addr(0));
    t["to"] = "0x0000000000000000000000000000000000000077";
    auto fine = call("eth_call", Json::array({t, "latest", code}));
    ASSERT_TRUE(fine) << fine.error().message;
    auto parent = backend_.blocks().header_by_number(backend_.head_number() - 1);
    ASSERT_TRUE(parent && *parent);
    EXPECT_EQ(*fine, hash_hex((*parent)->hash));

    // The call's own block still reads; the one BLOCKHASH asks for does not.
    backend_.fail_header_reads_below(backend_.head_number(),
                                     Error{std::make_error_code(std::errc::io_error), "database"});
    for (const char* method : {"eth_call", "eth_estimateGas", "debug_traceCall"}) {
        Json params = Json::array({t, "latest"});
        if (std::string{method} == "debug_traceCall")
            params.push_back({{"stateOverrides", code}});
        else
            params.push_back(code);
        auto r = call(method, params);
        ASSERT_FALSE(r) << method << ": " << r->dump().substr(0, 200);
        EXPECT_EQ(r.error().code, kInternalError) << method;
        EXPECT_TRUE(r.error().message.starts_with("block hash read failed: "))
            << method << ": " << r.error().message;
        EXPECT_NE(r.error().message.find("block " + std::to_string(backend_.head_number() - 1)),
                  std::string::npos)
            << r.error().message;
        EXPECT_NE(r.error().message.find("database"), std::string::npos) << r.error().message;
    }
    backend_.fail_header_reads_below(0, std::nullopt);
    auto healed = call("eth_call", Json::array({t, "latest", code}));
    ASSERT_TRUE(healed) << healed.error().message;
    EXPECT_EQ(*healed, *fine);
}

TEST_F(ExecutionTest, UnknownBlockIsHeaderNotFound) {
    auto r = call("eth_call", Json::array({tx(kReturns42), "0x99"}));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, -32000);
    EXPECT_EQ(r.error().message, "header not found");
}

// ---- Lenient quantities (issue #13) ------------------------------------------------------------

/// A contract at 0x...77 (by state override) that returns one opcode's value as a word.
Json returns_opcode(const std::string& op) {
    return {
        {"0x0000000000000000000000000000000000000077", {{"code", "0x" + op + "60005260206000f3"}}}};
}

TEST_F(ExecutionTest, CallFieldsAcceptLeadingZerosAndUpperCase) {
    Json t = tx(addr(0));
    t["to"] = "0x0000000000000000000000000000000000000077";
    t["from"] = to_hex(kRich.view());
    auto run = [&](const Json& fields, const std::string& op) {
        Json c = t;
        c.update(fields);
        auto r = call("eth_call", Json::array({c, "latest", returns_opcode(op)}));
        EXPECT_TRUE(r) << fields.dump() << ": " << r.error().message;
        return r ? r->get<std::string>() : std::string{};
    };
    // CALLVALUE: 1 ether, upper case with a leading zero.
    EXPECT_EQ(run({{"value", "0x0DE0B6B3A7640000"}}, "34"),
              "0x" + word(1'000'000'000'000'000'000ULL));
    EXPECT_EQ(run({{"value", "0x0000de0b6b3a7640000"}}, "34"),
              run({{"value", "0xde0b6b3a7640000"}}, "34"));
    // GASPRICE: a legacy price, and the EIP-1559 fields (base fee 7 + tip 1, under the cap 10).
    EXPECT_EQ(run({{"gasPrice", "0x07"}}, "3a"), "0x" + word(7));
    EXPECT_EQ(run({{"gasPrice", "0X0007"}}, "3a"), "0x" + word(7));
    EXPECT_EQ(run({{"maxFeePerGas", "0x0A"}, {"maxPriorityFeePerGas", "0x01"}}, "3a"),
              "0x" + word(8));
    EXPECT_EQ(run({{"maxFeePerGas", "0x0a"}, {"maxPriorityFeePerGas", "0x0000001"}}, "3a"),
              run({{"maxFeePerGas", "0xa"}, {"maxPriorityFeePerGas", "0x1"}}, "3a"));
    // GAS: the limit given decides what is left.
    EXPECT_EQ(run({{"gas", "0x00C350"}}, "5a"), run({{"gas", "0xc350"}}, "5a"));
    EXPECT_EQ(run({{"gas", "0x00C350"}}, "5a"), "0x" + word(50'000 - 21'000 - 2));
    EXPECT_EQ(run({{"nonce", "0x00"}}, "34"), "0x" + word(0));
    // The block argument and the block overrides.
    auto at = call("eth_call", Json::array({tx(kReturns42), "0x00"}));
    ASSERT_TRUE(at) << at.error().message;
    EXPECT_EQ(*at, "0x" + word(42));
    auto number =
        call("eth_call", Json::array({t, "latest", returns_opcode("43"), {{"number", "0x0100"}}}));
    ASSERT_TRUE(number) << number.error().message;
    EXPECT_EQ(*number, "0x" + word(0x100));
    // SELFBALANCE under a state override with leading zeros.
    Json ov = returns_opcode("47");
    ov.begin()->update({{"balance", "0x0010"}, {"nonce", "0x0001"}});
    auto balance = call("eth_call", Json::array({t, "latest", ov}));
    ASSERT_TRUE(balance) << balance.error().message;
    EXPECT_EQ(*balance, "0x" + word(0x10));

    Json transfer = tx(kEoa);
    transfer.erase("data");
    transfer["from"] = to_hex(kRich.view());
    transfer["value"] = "0x01";
    transfer["gas"] = "0x00F4240";
    auto estimate = call("eth_estimateGas", Json::array({transfer, "0x0"}));
    ASSERT_TRUE(estimate) << estimate.error().message;
    EXPECT_EQ(*estimate, "0x5208");
}

TEST_F(ExecutionTest, MalformedQuantitiesInCallsAreMinus32602) {
    const std::vector<std::string> bad64 = {"0x",
                                            "0xg1",
                                            "-0x1",
                                            "1",
                                            "0x1" + std::string(16, '0'),
                                            "0x" + std::string(1 << 20, '0') + "1"};
    std::vector<std::string> bad256 = bad64;
    bad256[4] = "0x1" + std::string(64, '0');
    Json t = tx(kReturns42);
    t["from"] = to_hex(kRich.view());
    auto refused = [&](const std::string& method, const Json& params, const std::string& bad) {
        auto r = call(method, params);
        ASSERT_FALSE(r) << method << " " << params.dump().substr(0, 200);
        EXPECT_EQ(r.error().code, -32602) << bad.substr(0, 40) << ": " << r.error().message;
    };
    for (const std::string method : {"eth_call", "eth_estimateGas"}) {
        for (const char* key : {"gas", "nonce"}) {
            for (const auto& bad : bad64) {
                Json c = t;
                c[key] = bad;
                refused(method, Json::array({c}), bad);
            }
        }
        for (const char* key : {"value", "gasPrice", "maxFeePerGas", "maxPriorityFeePerGas"}) {
            for (const auto& bad : bad256) {
                Json c = t;
                c[key] = bad;
                refused(method, Json::array({c}), bad);
            }
        }
        for (const auto& bad : bad64) refused(method, Json::array({t, bad}), bad);
    }
    for (const auto& bad : bad256) {
        Json ov = {{to_hex(kEoa.view()), {{"balance", bad}}}};
        refused("eth_call", Json::array({t, "latest", ov}), bad);
    }
    for (const auto& bad : bad64) {
        Json ov = {{to_hex(kEoa.view()), {{"nonce", bad}}}};
        refused("eth_call", Json::array({t, "latest", ov}), bad);
        refused("eth_call", Json::array({t, "latest", Json::object(), {{"number", bad}}}), bad);
    }
    // Just inside the limits: 2^64 - 1 and 2^256 - 1, zero-padded.
    Json max = t;
    max["value"] = "0x00" + std::string(64, 'f');
    auto r = call("eth_call", Json::array({max}));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, -32000);  // parsed; the sender cannot pay it
}

TEST(RevertReason, UnpacksErrorStringAndPanic) {
    EXPECT_EQ(unpack_revert_reason(hex(kNopeRevert)), "nope");
    EXPECT_EQ(unpack_revert_reason(hex("4e487b71" + word(0x11))),
              "arithmetic underflow or overflow");
    EXPECT_EQ(unpack_revert_reason(hex(kCustomRevert)), std::nullopt);
    EXPECT_EQ(unpack_revert_reason(hex("08c379a0")), std::nullopt);
}

}  // namespace
}  // namespace yao::rpc
