// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// Hardening classes 4-8 and 10 against a real `yaoverse dev`: while each attack runs, a normal
// client on another address keeps asking eth_blockNumber and must be answered within a second,
// and the node's peak memory stays below kMemoryBound (docs/rpc.md, "Limits").
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include <yao/chain/transaction.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/config/dev_accounts.hpp>
#include <yao/rpc/test_util/clients.hpp>

#include "dev_process.hpp"

namespace yao::hardening {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;

/// The documented bound on the resident memory of `yaoverse dev` under any of these attacks.
constexpr uint64_t kMemoryBound = 2ULL << 30;
constexpr auto kAnswerWithin = std::chrono::milliseconds{1000};

/// Init code that emits `n` LOG0 records (n < 65536) and stops: one transaction, many logs.
Bytes many_logs_init_code(uint16_t n) {
    // PUSH2 n; loop: JUMPDEST DUP1 ISZERO PUSH1 end JUMPI PUSH1 0 PUSH1 0 LOG0 PUSH1 1 SWAP1 SUB
    // PUSH1 loop JUMP; end: JUMPDEST STOP
    Bytes code = from_hex("0x6100005b801560155760006000a0600190036003565b00").value();
    code[1] = static_cast<uint8_t>(n >> 8);
    code[2] = static_cast<uint8_t>(n);
    return code;
}

/// The 20 development accounts' keys ("test test ... junk").
std::vector<std::string> dev_keys() {
    auto accounts =
        config::derive_dev_accounts("test test test test test test test test test test test junk", 20)
            .value();
    std::vector<std::string> keys;
    for (const auto& a : accounts) keys.push_back(to_hex(a.private_key.view()));
    return keys;
}

std::string error_message(const Json& r) {
    return r.contains("error") ? r["error"]["message"].get<std::string>() : "(no error: " + r.dump() + ")";
}

/// Checks what every attack test ends with: the normal client was always answered in time,
/// the node is alive and its peak memory stayed under the bound.
void expect_survived(DevProcess& dev, Prober& prober) {
    const auto slowest = prober.stop();
    EXPECT_GT(prober.answered(), 0u);
    EXPECT_EQ(prober.failed(), 0u);
    EXPECT_LE(slowest, kAnswerWithin) << "eth_blockNumber took " << slowest.count() << " ms";
    EXPECT_TRUE(dev.process().running());
    EXPECT_LT(dev.peak_rss_bytes(), kMemoryBound) << dev.peak_rss_bytes() / (1 << 20) << " MiB";
    dev.block_number();
}

TEST(Freeze, ThousandsOfLogSubscriptionsAndThirtyThousandLogsDoNotStopTheRpc) {
    DevProcess dev;
    dev.start({"--block-interval", "50"});
    Prober prober{dev.port()};
    // Four connections that never read, each with as many log subscriptions as allowed.
    std::vector<std::unique_ptr<rpc::test::WsClient>> hogs;
    for (int c = 0; c < 4; ++c) {
        hogs.push_back(std::make_unique<rpc::test::WsClient>(dev.port(), "127.0.0.3"));
        int accepted = 0;
        for (int i = 0; i < 130; ++i) {
            hogs.back()->send(R"({"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["logs"]})");
            const std::string answer = hogs.back()->read();
            if (answer.find("\"result\"") != std::string::npos) ++accepted;
        }
        EXPECT_EQ(accepted, 128) << "the per-connection subscription limit";
    }
    TransferSpec spec;
    spec.gas = 15'000'000;
    spec.to = "";
    spec.value = "0";
    spec.data = many_logs_init_code(30'000);
    Json r = dev.call("eth_sendRawTransaction", {signed_transfer(spec)});
    ASSERT_TRUE(r.contains("result")) << r.dump();
    ASSERT_TRUE(dev.wait_receipt(r["result"].get<std::string>(), 60s));
    Json receipt = dev.call("eth_getTransactionReceipt", {r["result"]});
    EXPECT_EQ(receipt["result"]["logs"].size(), 30'000u);
    // A few more blocks go by while the notifications are dealt with.
    for (uint64_t n = 1; n <= 3; ++n) {
        TransferSpec t;
        t.nonce = n;
        ASSERT_TRUE(dev.wait_receipt(dev.call("eth_sendRawTransaction", {signed_transfer(t)})["result"]
                                         .get<std::string>()));
    }
    expect_survived(dev, prober);
}

TEST(Freeze, BatchesOfThirtyMillionGasCallsDoNotHoldUpOtherClients) {
    DevProcess dev;
    dev.start();
    Prober prober{dev.port()};
    // eth_call of init code that loops until its 30M gas run out, 200 to a batch.
    Json batch = Json::array();
    for (int i = 0; i < 200; ++i) {
        batch.push_back({{"jsonrpc", "2.0"}, {"id", i}, {"method", "eth_call"},
                         {"params", {{{"data", "0x5b600056"}, {"gas", "0x1c9c380"}}, "latest"}}});
    }
    const std::string body = batch.dump();
    std::vector<std::thread> attackers;
    std::atomic<int> answered{0};
    for (int a = 0; a < 4; ++a) {
        attackers.emplace_back([&] {
            if (dev.post(body, 120s, "127.0.0.4")) ++answered;
        });
    }
    for (auto& t : attackers) t.join();
    EXPECT_EQ(answered.load(), 4);
    expect_survived(dev, prober);
}

TEST(Memory, TracesFeeHistoryFiltersAndUnreadResponsesStayBounded) {
    DevProcess dev;
    dev.start({"--block-interval", "50", "--config",
               write_config(R"({"rpc": {"max_trace_bytes": 16777216}})")});
    Prober prober{dev.port()};
    // The struct logger on a long loop: refused past its budget, not grown without bound.
    Json r = dev.call("debug_traceCall",
                      {{{"data", "0x5b600056"}, {"gas", "0x1c9c380"}}, "latest",
                       {{"enableMemory", true}, {"timeout", "60s"}}});
    EXPECT_NE(error_message(r).find("trace exceeds"), std::string::npos) << r.dump().substr(0, 300);
    r = dev.call("debug_traceCall", {{{"data", "0x5b600056"}, {"gas", "0x1c9c380"}}, "latest",
                                     {{"timeout", "1ms"}}});
    EXPECT_EQ(error_message(r), "execution timeout");
    // eth_feeHistory with a million percentiles.
    Json percentiles = Json::array();
    for (int i = 0; i < 1'000'000; ++i) percentiles.push_back(50);
    r = dev.call("eth_feeHistory", {"0x400", "latest", percentiles});
    EXPECT_EQ(error_message(r), "invalid reward percentile: over the query limit 100");
    // Filters nobody polls while blocks carry logs: at most 256 of them.
    int installed = 0;
    for (int i = 0; i < 300; ++i) {
        if (dev.call("eth_newFilter", {Json::object()}).contains("result")) ++installed;
    }
    EXPECT_EQ(installed, 256);
    TransferSpec logs;
    logs.gas = 15'000'000;
    logs.to = "";
    logs.value = "0";
    logs.data = many_logs_init_code(20'000);
    for (uint64_t n = 0; n < 3; ++n) {
        logs.nonce = n;
        r = dev.call("eth_sendRawTransaction", {signed_transfer(logs)});
        ASSERT_TRUE(dev.wait_receipt(r["result"].get<std::string>(), 60s));
    }
    // A WebSocket client that asks for big answers and never reads them is cut off.
    rpc::test::WsClient greedy{dev.port(), "127.0.0.3"};
    const std::string big = R"({"jsonrpc":"2.0","id":1,"method":"eth_getLogs","params":[{"fromBlock":"0x0"}]})";
    beast::error_code ec;
    for (int i = 0; i < 200 && !ec; ++i) {
        greedy.stream().write(net::buffer(big), ec);
    }
    expect_survived(dev, prober);
}

TEST(Connections, IdleSocketsAndPingingWebSocketsDoNotLockOthersOut) {
    DevProcess dev;
    dev.start();
    Prober prober{dev.port()};
    // 1,100 connections from one address that never send a byte.
    std::vector<int> idle;
    for (int i = 0; i < 1100; ++i) {
        const int fd = connect_from(dev.port(), "127.0.0.5");
        if (fd >= 0) idle.push_back(fd);
    }
    // 600 WebSockets from 20 addresses that answer pings (beast does) and hold on.
    std::vector<std::unique_ptr<rpc::test::WsClient>> sockets;
    int refused = 0;
    for (int i = 0; i < 600; ++i) {
        try {
            sockets.push_back(std::make_unique<rpc::test::WsClient>(
                dev.port(), "127.0.1." + std::to_string(1 + i % 20)));
        } catch (const std::exception&) {
            ++refused;
        }
    }
    EXPECT_GE(refused, 88) << "at most max_websockets (512) are held";
    // A new client from yet another address is served at once, over HTTP and WebSocket.
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(dev.call("eth_chainId", Json::array(), 5s, "127.0.0.9")["result"], "0x7a69");
    EXPECT_LT(std::chrono::steady_clock::now() - t0, kAnswerWithin);
    for (int fd : idle) ::close(fd);
    expect_survived(dev, prober);
}

TEST(Pool, GappedTransactionsNeitherLockOutTheirSenderNorFillThePool) {
    DevProcess dev;
    dev.start();
    const auto keys = dev_keys();
    // 1,024 far-future nonces from account #0: 64 are queued, the rest refused.
    int queued = 0;
    for (uint64_t half = 0; half < 2; ++half) {
        Json batch = Json::array();
        for (uint64_t n = half * 512; n < half * 512 + 512; ++n) {
            TransferSpec t;
            t.nonce = 10 + n;
            batch.push_back({{"jsonrpc", "2.0"}, {"id", n}, {"method", "eth_sendRawTransaction"},
                             {"params", {signed_transfer(t)}}});
        }
        for (const auto& a : Json::parse(dev.post(batch.dump()).value())) {
            if (a.contains("result")) {
                ++queued;
            } else {
                EXPECT_EQ(error_message(a), "account limit exceeded");
            }
        }
    }
    EXPECT_EQ(queued, 64);
    // The sender's valid next nonce still gets in and is mined.
    Json r = dev.call("eth_sendRawTransaction", {signed_transfer({})});
    ASSERT_TRUE(r.contains("result")) << r.dump();
    EXPECT_TRUE(dev.wait_receipt(r["result"].get<std::string>()));

    // Every other account queues 64 gapped ones: the pool's queue fills at 1,024 ...
    int full = 0;
    for (size_t k = 1; k < keys.size() - 1; ++k) {
        Json b = Json::array();
        for (uint64_t n = 0; n < 64; ++n) {
            TransferSpec t;
            t.key = keys[k];
            t.nonce = 5 + n;
            b.push_back({{"jsonrpc", "2.0"}, {"id", n}, {"method", "eth_sendRawTransaction"},
                         {"params", {signed_transfer(t)}}});
        }
        for (const auto& a : Json::parse(dev.post(b.dump()).value())) {
            if (!a.contains("result")) {
                EXPECT_EQ(error_message(a), "txpool is full");
                ++full;
            }
        }
    }
    EXPECT_EQ(full, 64 + 18 * 64 - 1024);
    // ... and an executable transaction of the last account is taken and mined all the same.
    TransferSpec last;
    last.key = keys.back();
    r = dev.call("eth_sendRawTransaction", {signed_transfer(last)});
    ASSERT_TRUE(r.contains("result")) << r.dump();
    EXPECT_TRUE(dev.wait_receipt(r["result"].get<std::string>()));

    // Over 128 KiB: geth's "oversized data".
    TransferSpec big;
    big.key = keys.back();
    big.nonce = 1;
    big.gas = 5'000'000;
    big.data = Bytes(129u << 10, 0x01);
    EXPECT_EQ(error_message(dev.call("eth_sendRawTransaction", {signed_transfer(big)})),
              "oversized data");
}

TEST(WrongAnswers, ClientsGetGethsErrors) {
    DevProcess dev;
    dev.start();
    TransferSpec over;
    over.gas = 30'000'001;
    EXPECT_EQ(error_message(dev.call("eth_sendRawTransaction", {signed_transfer(over)})),
              "exceeds block gas limit");

    // A high-s twin of a valid signature (s' = n - s, parity flipped).
    chain::Transaction t = chain::decode_transaction(from_hex(signed_transfer({})).value()).value();
    const Uint256 n =
        Uint256::from_hex("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141").value();
    t.s = n - t.s;
    t.y_parity ^= 1;
    EXPECT_EQ(error_message(dev.call("eth_sendRawTransaction",
                                     {to_hex(chain::encode_transaction(t))})),
              "invalid transaction v, r, s values");

    // A legacy transaction without a chain id (pre-EIP-155).
    chain::Transaction legacy;
    legacy.type = chain::TxType::kLegacy;
    legacy.gas_price = Uint256{2'000'000'000};
    legacy.gas_limit = 21'000;
    legacy.to = Address{};
    ASSERT_TRUE(chain::sign_transaction(legacy, hash_from_hex(kDevKey0).value()).has_value());
    EXPECT_EQ(error_message(dev.call("eth_sendRawTransaction",
                                     {to_hex(chain::encode_transaction(legacy))})),
              "only replay-protected (EIP-155) transactions allowed over RPC");

    Json r = dev.call("eth_call", {{{"to", "0x01"}}, "latest"});
    EXPECT_EQ(error_message(r).find("invalid argument invalid argument"), std::string::npos);
    EXPECT_EQ(r["error"]["code"], -32602);

    std::string nul = R"({"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"})";
    nul.push_back('\0');
    nul += "garbage";
    EXPECT_EQ(Json::parse(dev.post(nul).value())["error"]["code"], -32700);

    const std::string hash = "0x" + std::string(64, 'a');
    EXPECT_EQ(dev.call("eth_getLogs", {{{"fromBlock", hash}}})["error"]["code"], -32602);
    EXPECT_EQ(dev.call("eth_getBalance", {kDevAddress0, {{"blockNumber", "0x0"}, {"blockHash", hash}}})
                  ["error"]["code"],
              -32602);
    EXPECT_EQ(dev.call("eth_call", {{{"to", kDevAddress0}, {"blobVersionedHashes", {hash}}}, "latest"})
                  ["error"]["code"],
              -32602);
    EXPECT_EQ(dev.call("eth_call", {{{"to", kDevAddress0},
                                     {"authorizationList", {{{"chainId", "0x1"}}}}},
                                    "latest"})["error"]["code"],
              -32602);

    const auto typed = [](const char* type, Json value) {
        return Json{{"types", {{"EIP712Domain", Json::array()}, {"M", {{{"name", "v"}, {"type", type}}}}}},
                    {"primaryType", "M"},
                    {"domain", Json::object()},
                    {"message", {{"v", value}}}};
    };
    EXPECT_TRUE(dev.call("eth_signTypedData_v4", {kDevAddress0, typed("uint8", 255)}).contains("result"));
    EXPECT_EQ(error_message(dev.call("eth_signTypedData_v4", {kDevAddress0, typed("uint8", 300)})),
              "invalid argument 1: value out of range for uint8");
    EXPECT_EQ(error_message(dev.call("eth_signTypedData_v4", {kDevAddress0, typed("uint257", 1)})),
              "invalid argument 1: unknown type \"uint257\"");
}

TEST(Browsers, ForeignHostsAndOriginsCannotUseTheUnlockedAccounts) {
    DevProcess dev;
    dev.start();
    const std::string send =
        R"({"jsonrpc":"2.0","id":1,"method":"eth_sendTransaction","params":[{"from":")" +
        std::string{kDevAddress0} + R"(","to":")" + std::string{kDevAddress0} + R"(","value":"0x1"}]})";
    // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1.
    std::string rebound = post_request(send);
    rebound.replace(rebound.find("Host: 127.0.0.1"), 15, "Host: evil.example:8545");
    auto answer = http_exchange(dev.port(), rebound, 5s);
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->substr(0, 12), "HTTP/1.1 403");
    // A foreign page calling 127.0.0.1 directly gets no CORS permission to read the answer.
    answer = http_exchange(dev.port(), post_request(R"({"jsonrpc":"2.0","id":1,"method":"eth_chainId"})",
                                                    "Origin: https://evil.example\r\n"),
                           5s);
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->find("Access-Control-Allow-Origin"), std::string::npos) << *answer;
    // A local dapp (localhost:3000) may.
    answer = http_exchange(dev.port(), post_request(R"({"jsonrpc":"2.0","id":1,"method":"eth_chainId"})",
                                                    "Origin: http://localhost:3000\r\n"),
                           5s);
    ASSERT_TRUE(answer.has_value());
    EXPECT_NE(answer->find("Access-Control-Allow-Origin: http://localhost:3000"), std::string::npos)
        << *answer;
    EXPECT_EQ(dev.call("txpool_status")["result"]["pending"], "0x0");
}

}  // namespace
}  // namespace yao::hardening
