// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "jsonrpc.hpp"

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_util/fake_session.hpp"

namespace yao::rpc {
namespace {

class JsonRpcTest : public ::testing::Test {
protected:
    JsonRpcTest() {
        table_.add("echo", [](const Json& params, Session&) -> MethodResult { return params; });
        table_.add("eth_blockNumber", [](const Json&, Session&) -> MethodResult { return "0x10"; });
        table_.add("count", [this](const Json&, Session&) -> MethodResult {
            ++calls_;
            return calls_.load();
        });
        table_.add("fail", [](const Json&, Session&) -> MethodResult {
            return rpc_error(kExecutionReverted, "execution reverted", "0x08c379a0");
        });
        table_.add("fail_no_data", [](const Json&, Session&) -> MethodResult {
            return rpc_error(kServerError, "nonce too low");
        });
        table_.add("wrong_type", [](const Json& params, Session&) -> MethodResult {
            return params.at(0).get<std::string>();  // throws type_error on a number
        });
        table_.add("throws",
                   [](const Json&, Session&) -> MethodResult { throw std::runtime_error("boom"); });
        table_.add("big", [](const Json& params, Session&) -> MethodResult {
            return std::string(params.at(0).get<size_t>(), 'x');
        });
    }

    std::string handle(std::string_view body) { return rpc().handle(body, session_); }
    Json handle_json(std::string_view body) { return Json::parse(handle(body)); }
    JsonRpc rpc(JsonRpcLimits limits = {}) { return JsonRpc{table_, limits}; }

    MethodTable table_;
    test::FakeSession session_;
    std::atomic<int> calls_{0};
};

TEST_F(JsonRpcTest, SingleCallGivesExactResponseText) {
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]})"),
              R"({"jsonrpc":"2.0","id":1,"result":"0x10"})");
}

TEST_F(JsonRpcTest, IdsAreEchoedExactly) {
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":"abc\u00e9","method":"eth_blockNumber"})"),
              "{\"jsonrpc\":\"2.0\",\"id\":\"abc\xc3\xa9\",\"result\":\"0x10\"}");
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":null,"method":"eth_blockNumber"})"),
              R"({"jsonrpc":"2.0","id":null,"result":"0x10"})");
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":18446744073709551615,"method":"eth_blockNumber"})"),
              R"({"jsonrpc":"2.0","id":18446744073709551615,"result":"0x10"})");
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":-7,"method":"eth_blockNumber"})"),
              R"({"jsonrpc":"2.0","id":-7,"result":"0x10"})");
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":1.5,"method":"eth_blockNumber"})"),
              R"({"jsonrpc":"2.0","id":1.5,"result":"0x10"})");
}

TEST_F(JsonRpcTest, ParamsArePassedThrough) {
    const Json r =
        handle_json(R"({"jsonrpc":"2.0","id":2,"method":"echo","params":[1,"a",{"b":[]}]})");
    EXPECT_EQ(r["result"], Json::parse(R"([1,"a",{"b":[]}])"));
    const Json o = handle_json(R"({"jsonrpc":"2.0","id":2,"method":"echo","params":{"k":true}})");
    EXPECT_EQ(o["result"], Json::parse(R"({"k":true})"));
    const Json n = handle_json(R"({"jsonrpc":"2.0","id":2,"method":"echo"})");
    EXPECT_TRUE(n["result"].is_null());
    EXPECT_TRUE(n.contains("result"));
}

TEST_F(JsonRpcTest, InvalidJsonIsParseErrorWithNullId) {
    for (const char* body : {"", "   ", "{", R"({"jsonrpc":"2.0",)", "nul", "[1,]", "\xff"}) {
        EXPECT_EQ(handle(body),
                  R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}})")
            << body;
    }
}

TEST_F(JsonRpcTest, MalformedRequestsAreInvalidRequest) {
    const std::string invalid_null =
        R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request"}})";
    EXPECT_EQ(handle("1"), invalid_null);
    EXPECT_EQ(handle(R"("eth_blockNumber")"), invalid_null);
    EXPECT_EQ(handle("null"), invalid_null);
    // An object or array id is not an id: the response carries null.
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":{},"method":"eth_blockNumber"})"), invalid_null);
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":[1],"method":"eth_blockNumber"})"), invalid_null);
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":true,"method":"eth_blockNumber"})"), invalid_null);
    // Without an id it is not a valid notification either: still answered, id null.
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","method":7})"), invalid_null);
    // A valid id is echoed.
    const std::string invalid_5 =
        R"({"jsonrpc":"2.0","id":5,"error":{"code":-32600,"message":"invalid request"}})";
    EXPECT_EQ(handle(R"({"id":5,"method":"eth_blockNumber"})"), invalid_5);
    EXPECT_EQ(handle(R"({"jsonrpc":"1.0","id":5,"method":"eth_blockNumber"})"), invalid_5);
    EXPECT_EQ(handle(R"({"jsonrpc":2.0,"id":5,"method":"eth_blockNumber"})"), invalid_5);
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":5})"), invalid_5);
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":5,"method":""})"), invalid_5);
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":5,"method":["eth_blockNumber"]})"), invalid_5);
}

TEST_F(JsonRpcTest, UnknownMethodUsesGethMessage) {
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":3,"method":"eth_nope","params":[]})"),
              R"({"jsonrpc":"2.0","id":3,"error":{"code":-32601,)"
              R"("message":"the method eth_nope does not exist/is not available"}})");
}

TEST_F(JsonRpcTest, ScalarParamsAreInvalidParams) {
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":3,"method":"echo","params":"x"})"),
              R"({"jsonrpc":"2.0","id":3,"error":{"code":-32602,"message":"non-array args"}})");
}

TEST_F(JsonRpcTest, MethodErrorsCarryData) {
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":4,"method":"fail"})"),
              R"({"jsonrpc":"2.0","id":4,"error":{"code":3,"message":"execution reverted",)"
              R"("data":"0x08c379a0"}})");
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":4,"method":"fail_no_data"})"),
              R"({"jsonrpc":"2.0","id":4,"error":{"code":-32000,"message":"nonce too low"}})");
}

TEST_F(JsonRpcTest, ThrowingMethodsBecomeErrors) {
    const Json a = handle_json(R"({"jsonrpc":"2.0","id":6,"method":"wrong_type","params":[1]})");
    EXPECT_EQ(a["id"], 6);
    EXPECT_EQ(a["error"]["code"], kInvalidParams);
    EXPECT_NE(a["error"]["message"].get<std::string>().find("type must be string"),
              std::string::npos);
    const Json b = handle_json(R"({"jsonrpc":"2.0","id":6,"method":"wrong_type","params":[]})");
    EXPECT_EQ(b["error"]["code"], kInvalidParams);  // out_of_range from at(0)
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":7,"method":"throws"})"),
              R"({"jsonrpc":"2.0","id":7,"error":{"code":-32603,"message":"internal error"}})");
}

TEST_F(JsonRpcTest, NotificationsRunButGetNoResponse) {
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","method":"count"})"), "");
    EXPECT_EQ(calls_.load(), 1);
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","method":"no_such_method"})"), "");
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","method":"throws"})"), "");
    EXPECT_EQ(handle(R"([{"jsonrpc":"2.0","method":"count"},{"jsonrpc":"2.0","method":"count"}])"),
              "");
    EXPECT_EQ(calls_.load(), 3);
}

TEST_F(JsonRpcTest, BatchAnswersInOrderAndSkipsNotifications) {
    EXPECT_EQ(handle(R"([{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"},)"
                     R"({"jsonrpc":"2.0","method":"count"},)"
                     R"({"jsonrpc":"2.0","id":"b","method":"nope"},)"
                     R"(5,)"
                     R"({"jsonrpc":"2.0","id":3,"method":"echo","params":[true]}])"),
              R"([{"jsonrpc":"2.0","id":1,"result":"0x10"},)"
              R"({"jsonrpc":"2.0","id":"b","error":{"code":-32601,)"
              R"("message":"the method nope does not exist/is not available"}},)"
              R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request"}},)"
              R"({"jsonrpc":"2.0","id":3,"result":[true]}])");
    EXPECT_EQ(calls_.load(), 1);
}

TEST_F(JsonRpcTest, EmptyBatchIsOneErrorObject) {
    EXPECT_EQ(handle("[]"),
              R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"empty batch"}})");
    EXPECT_EQ(handle(" [ ] "),
              R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"empty batch"}})");
}

std::string batch_of(size_t n, std::string_view method = "count") {
    std::string body = "[";
    for (size_t i = 0; i < n; ++i) {
        if (i != 0) body += ',';
        body += R"({"jsonrpc":"2.0","id":)" + std::to_string(i + 100) + R"(,"method":")" +
                std::string{method} + R"("})";
    }
    return body + "]";
}

TEST_F(JsonRpcTest, BatchOverTheLimitIsRefusedWithoutRunningAnything) {
    EXPECT_EQ(
        handle(batch_of(10'000)),
        R"([{"jsonrpc":"2.0","id":100,"error":{"code":-32600,"message":"batch too large"}}])");
    EXPECT_EQ(calls_.load(), 0);
    // Exactly at the limit is fine.
    const Json ok = Json::parse(rpc(JsonRpcLimits{.max_batch = 3}).handle(batch_of(3), session_));
    ASSERT_EQ(ok.size(), 3u);
    EXPECT_EQ(ok[2]["id"], 102);
    EXPECT_EQ(ok[2]["result"], 3);
    EXPECT_EQ(
        rpc(JsonRpcLimits{.max_batch = 3}).handle(batch_of(4), session_),
        R"([{"jsonrpc":"2.0","id":100,"error":{"code":-32600,"message":"batch too large"}}])");
    // No limit.
    EXPECT_EQ(
        Json::parse(rpc(JsonRpcLimits{.max_batch = 0}).handle(batch_of(2000), session_)).size(),
        2000u);
}

TEST_F(JsonRpcTest, ResponseOverTheLimitStopsTheBatch) {
    const auto limited = rpc(JsonRpcLimits{.max_batch = 100, .max_response_bytes = 1000});
    const std::string body = R"([{"jsonrpc":"2.0","id":1,"method":"big","params":[300]},)"
                             R"({"jsonrpc":"2.0","id":2,"method":"big","params":[300]},)"
                             R"({"jsonrpc":"2.0","id":3,"method":"big","params":[600]},)"
                             R"({"jsonrpc":"2.0","id":4,"method":"count"},)"
                             R"({"jsonrpc":"2.0","method":"count"}])";
    const Json r = Json::parse(limited.handle(body, session_));
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[0]["result"], std::string(300, 'x'));
    EXPECT_EQ(r[1]["result"], std::string(300, 'x'));
    EXPECT_EQ(r[2], Json::parse(R"({"jsonrpc":"2.0","id":3,"error":{"code":-32003,)"
                                R"("message":"response too large"}})"));
    EXPECT_EQ(r[3], Json::parse(R"({"jsonrpc":"2.0","id":4,"error":{"code":-32003,)"
                                R"("message":"response too large"}})"));
    EXPECT_EQ(calls_.load(), 0);  // calls past the limit are not run

    EXPECT_EQ(
        limited.handle(R"({"jsonrpc":"2.0","id":9,"method":"big","params":[2000]})", session_),
        R"({"jsonrpc":"2.0","id":9,"error":{"code":-32003,"message":"response too large"}})");
}

TEST_F(JsonRpcTest, InvalidUtf8InResultsIsReplacedNotThrown) {
    table_.add("bad_utf8", [](const Json&, Session&) -> MethodResult { return "a\xff"; });
    const std::string r = handle(R"({"jsonrpc":"2.0","id":1,"method":"bad_utf8"})");
    EXPECT_EQ(r, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"a\xef\xbf\xbd\"}");
}

TEST_F(JsonRpcTest, DeeplyNestedInputDoesNotCrash) {
    const std::string deep = std::string(200'000, '[') + std::string(200'000, ']');
    const Json r = handle_json(deep);
    ASSERT_TRUE(r.is_array());
    EXPECT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0]["error"]["code"], kInvalidRequest);
}

TEST_F(JsonRpcTest, ErrorResponseHelper) {
    EXPECT_EQ(JsonRpc::error_response(kLimitExceeded, "request rate limited"),
              R"({"jsonrpc":"2.0","id":null,"error":{"code":-32005,)"
              R"("message":"request rate limited"}})");
}

TEST_F(JsonRpcTest, ABatchFormAnswersEveryCallOfItsMethodAtOnceInTheirPlaces) {
    std::vector<std::string> events;
    table_.add("each", [&events](const Json& params, Session&) -> MethodResult {
        events.push_back("one " + params.at(0).get<std::string>());
        return params.at(0);
    });
    table_.add_batch("each", [&events](std::span<const Json* const> params) {
        std::string seen = "all";
        std::vector<MethodResult> out;
        for (const Json* p : params) {
            const std::string v = p->at(0).get<std::string>();
            seen += " " + v;
            if (v == "bad") {
                out.push_back(std::unexpected(RpcError{kInvalidParams, "bad one", nullptr}));
            } else {
                out.push_back(Json("batched " + v));
            }
        }
        events.push_back(seen);
        return out;
    });
    const Json out = handle_json(R"([
        {"jsonrpc":"2.0","id":1,"method":"each","params":["a"]},
        {"jsonrpc":"2.0","id":2,"method":"eth_blockNumber"},
        {"jsonrpc":"2.0","method":"each","params":["b"]},
        {"jsonrpc":"2.0","id":3,"method":"each","params":["bad"]},
        {"jsonrpc":"2.0","id":4,"method":"each","params":"not an array"},
        {"jsonrpc":"2.0","id":5,"method":"each","params":["c"]}])");
    ASSERT_EQ(out.size(), 5u);  // the notification has no entry
    EXPECT_EQ(out[0]["id"], 1);
    EXPECT_EQ(out[0]["result"], "batched a");
    EXPECT_EQ(out[1]["id"], 2);
    EXPECT_EQ(out[2]["id"], 3);
    EXPECT_EQ(out[2]["error"]["code"], kInvalidParams);
    EXPECT_EQ(out[2]["error"]["message"], "bad one");
    EXPECT_EQ(out[3]["id"], 4);  // params the method would not take: answered on its own
    EXPECT_EQ(out[3]["error"]["message"], "non-array args");
    EXPECT_EQ(out[4]["id"], 5);
    EXPECT_EQ(out[4]["result"], "batched c");
    EXPECT_EQ(events, (std::vector<std::string>{"all a b bad c"}));
    // Every call counts in the method's metrics, errors included.
    EXPECT_EQ(table_.metrics("each").requests.value(), 5u);
    EXPECT_EQ(table_.metrics("each").errors.value(), 2u);

    // One call alone, or a single request: the method itself.
    events.clear();
    handle(R"([{"jsonrpc":"2.0","id":1,"method":"each","params":["x"]},
               {"jsonrpc":"2.0","id":2,"method":"eth_blockNumber"}])");
    handle(R"({"jsonrpc":"2.0","id":1,"method":"each","params":["y"]})");
    EXPECT_EQ(events, (std::vector<std::string>{"one x", "one y"}));

    // A batch form that throws, or answers the wrong number of calls: the calls run one by one.
    table_.add_batch("each", [](std::span<const Json* const>) -> std::vector<MethodResult> {
        throw std::runtime_error("no batch today");
    });
    events.clear();
    Json again = handle_json(R"([{"jsonrpc":"2.0","id":1,"method":"each","params":["p"]},
                                {"jsonrpc":"2.0","id":2,"method":"each","params":["q"]}])");
    EXPECT_EQ(again[1]["result"], "q");
    table_.add_batch("each", [](std::span<const Json* const>) {
        return std::vector<MethodResult>{Json("only one")};
    });
    again = handle_json(R"([{"jsonrpc":"2.0","id":1,"method":"each","params":["r"]},
                           {"jsonrpc":"2.0","id":2,"method":"each","params":["s"]}])");
    EXPECT_EQ(again[0]["result"], "r");
    EXPECT_EQ(events, (std::vector<std::string>{"one p", "one q", "one r", "one s"}));
}

}  // namespace
}  // namespace yao::rpc
