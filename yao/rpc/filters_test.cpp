// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "filters.hpp"

#include <thread>

#include <gtest/gtest.h>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>

#include "json_codec.hpp"
#include "test_util/fake_session.hpp"
#include "test_util/test_backend.hpp"

namespace yao::rpc {
namespace {

const Address kToken = *address_from_hex("0x00000000000000000000000000000000000000aa");
const Hash256 kTransfer = keccak256(as_bytes("Transfer(address,address,uint256)"));

/// A transfer transaction (signed by the dev key) that logs one Transfer event of kToken.
test::TestTx logging_tx(test::TestBackend& b, uint64_t nonce, bool log) {
    test::TestTx t;
    t.txn.type = chain::TxType::kDynamicFee;
    t.txn.chain_id = test::TestBackend::kChainId;
    t.txn.nonce = nonce;
    t.txn.gas_limit = 21'000;
    t.txn.max_fee_per_gas = 2'000'000'000;
    t.txn.to = kToken;
    EXPECT_TRUE(chain::sign_transaction(t.txn, b.accounts()[0].private_key).has_value());
    t.sender = b.accounts()[0].address;
    if (log) t.logs.push_back({kToken, {kTransfer}, Bytes{0x01}});
    return t;
}

class FiltersTest : public ::testing::Test {
protected:
    void SetUp() override {
        options_.filter_timeout = std::chrono::milliseconds{200};
        register_eth_methods(table_, backend_, options_);
        backend_.commit({});
    }
    MethodResult call(const std::string& m, Json params, Session& s) {
        const Method* method = table_.find(m);
        if (method == nullptr) return rpc_error(kMethodNotFound, m);
        return (*method)(params, s);
    }
    MethodResult call(const std::string& m, Json params = Json::array()) {
        return call(m, std::move(params), http_);
    }

    test::TestBackend backend_;
    EthOptions options_;
    MethodTable table_;
    test::FakeSession http_{1, false};
    test::FakeSession ws_{2, true};
};

TEST_F(FiltersTest, BlockFilterReturnsNewBlockHashesOnce) {
    const std::string id = call("eth_newBlockFilter").value();
    EXPECT_EQ(id.size(), 34u);
    EXPECT_EQ(call("eth_getFilterChanges", {id}).value(), Json::array());
    const auto b1 = backend_.commit({});
    const auto b2 = backend_.commit({});
    EXPECT_EQ(call("eth_getFilterChanges", {id}).value(),
              Json::array({to_hex(b1.hash.view()), to_hex(b2.hash.view())}));
    EXPECT_EQ(call("eth_getFilterChanges", {id}).value(), Json::array());
    EXPECT_EQ(call("eth_uninstallFilter", {id}).value(), true);
    EXPECT_EQ(call("eth_uninstallFilter", {id}).value(), false);
    auto e = call("eth_getFilterChanges", {id});
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().code, kServerError);
    EXPECT_EQ(e.error().message, "filter not found");
}

TEST_F(FiltersTest, LogFilterCollectsMatchingLogsAndGetFilterLogsQueriesTheRange) {
    const std::string id =
        call("eth_newFilter", {{{"fromBlock", "0x0"}, {"address", address_hex(kToken)}}}).value();
    backend_.commit({logging_tx(backend_, 0, true), logging_tx(backend_, 1, false)});
    backend_.commit({logging_tx(backend_, 2, true)});
    const Json changes = call("eth_getFilterChanges", {id}).value();
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0]["blockNumber"], "0x1");
    EXPECT_EQ(changes[1]["blockNumber"], "0x2");
    EXPECT_EQ(changes[1]["topics"], Json::array({to_hex(kTransfer.view())}));
    EXPECT_EQ(call("eth_getFilterChanges", {id}).value(), Json::array());
    EXPECT_EQ(call("eth_getFilterLogs", {id}).value(), changes);

    const std::string other =
        call("eth_newFilter", {{{"topics", Json::array({to_hex(Hash256{}.view())})}}}).value();
    backend_.commit({logging_tx(backend_, 3, true)});
    EXPECT_EQ(call("eth_getFilterChanges", {other}).value(), Json::array());
    auto e = call("eth_getFilterLogs", {call("eth_newBlockFilter").value()});
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().message, "filter not found");
}

TEST_F(FiltersTest, ALogFilterThatMissedABlocksLogsAnswersTheCauseNotNothing) {
    const std::string id = call("eth_newFilter", {{{"address", address_hex(kToken)}}}).value();
    backend_.fail_log_reads(Error{std::make_error_code(std::errc::io_error), "database"});
    backend_.commit({logging_tx(backend_, 0, true)});  // its log cannot be read
    backend_.fail_log_reads(std::nullopt);
    backend_.commit({logging_tx(backend_, 1, true)});
    auto e = call("eth_getFilterChanges", {id});
    ASSERT_FALSE(e.has_value()) << e->dump();
    EXPECT_EQ(e.error().code, kInternalError);
    EXPECT_TRUE(e.error().message.starts_with("the filter missed logs: ")) << e.error().message;
    EXPECT_NE(e.error().message.find("block 1"), std::string::npos) << e.error().message;
    EXPECT_NE(e.error().message.find("database"), std::string::npos) << e.error().message;
    // Once told, the client gets what the filter did collect, then nothing more.
    const Json changes = call("eth_getFilterChanges", {id}).value();
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0]["blockNumber"], "0x2");
    EXPECT_EQ(call("eth_getFilterChanges", {id}).value(), Json::array());
}

TEST_F(FiltersTest, PendingTransactionFilterSeesAdmittedHashes) {
    const std::string id = call("eth_newPendingTransactionFilter").value();
    auto t = logging_tx(backend_, 0, false);
    const Bytes raw = chain::encode_transaction(t.txn);
    const Json hash = call("eth_sendRawTransaction", {to_hex(raw)}).value();
    EXPECT_EQ(call("eth_getFilterChanges", {id}).value(), Json::array({hash}));
}

TEST_F(FiltersTest, FiltersExpireWhenNotPolled) {
    // A filter timeout of zero: the filter has expired by the next call, without waiting.
    test::TestBackend backend;
    EthOptions options;
    options.filter_timeout = std::chrono::milliseconds{0};
    MethodTable table;
    register_eth_methods(table, backend, options);
    backend.commit({});
    const Method* install = table.find("eth_newBlockFilter");
    const Method* changes = table.find("eth_getFilterChanges");
    ASSERT_TRUE(install != nullptr && changes != nullptr);
    const std::string id = (*install)(Json::array(), http_).value();
    const auto before = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() == before) {  // the clock must move on, however little
    }
    auto e = (*changes)(Json::array({id}), http_);
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().message, "filter not found");
}

TEST_F(FiltersTest, SubscriptionsNeedAWebSocket) {
    auto e = call("eth_subscribe", {"newHeads"});
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().code, kMethodNotFound);
    EXPECT_EQ(e.error().message, "notifications not supported");
    e = call("eth_subscribe", {"bogus"}, ws_);
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().message, "no \"bogus\" subscription in eth namespace");
}

TEST_F(FiltersTest, NewHeadsPushesHeaderNotifications) {
    const std::string id = call("eth_subscribe", {"newHeads"}, ws_).value();
    const auto b1 = backend_.commit({});
    const auto pushed = ws_.pushed();
    ASSERT_EQ(pushed.size(), 1u);
    const Json n = Json::parse(pushed[0]);
    EXPECT_EQ(n["jsonrpc"], "2.0");
    EXPECT_EQ(n["method"], "eth_subscription");
    EXPECT_EQ(n["params"]["subscription"], id);
    EXPECT_EQ(n["params"]["result"]["hash"], to_hex(b1.hash.view()));
    EXPECT_EQ(n["params"]["result"]["number"], "0x1");
    EXPECT_EQ(n["params"]["result"]["parentHash"], to_hex(b1.header.parent_hash.view()));
    EXPECT_FALSE(n["params"]["result"].contains("transactions"));

    EXPECT_EQ(call("eth_unsubscribe", {id}, ws_).value(), true);
    backend_.commit({});
    EXPECT_EQ(ws_.pushed().size(), 1u);
    auto e = call("eth_unsubscribe", {id}, ws_);
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().message, "subscription not found");
}

TEST_F(FiltersTest, LogsAndPendingSubscriptionsPushEachItem) {
    const std::string logs =
        call("eth_subscribe", {"logs", {{"address", address_hex(kToken)}}}, ws_).value();
    const std::string pending = call("eth_subscribe", {"newPendingTransactions"}, ws_).value();
    backend_.commit({logging_tx(backend_, 0, true), logging_tx(backend_, 1, true)});
    auto t = logging_tx(backend_, 2, false);
    const Json hash =
        call("eth_sendRawTransaction", {to_hex(chain::encode_transaction(t.txn))}).value();
    const auto pushed = ws_.pushed();
    ASSERT_EQ(pushed.size(), 3u);
    EXPECT_EQ(Json::parse(pushed[0])["params"]["subscription"], logs);
    EXPECT_EQ(Json::parse(pushed[0])["params"]["result"]["logIndex"], "0x0");
    EXPECT_EQ(Json::parse(pushed[1])["params"]["result"]["logIndex"], "0x1");
    EXPECT_EQ(Json::parse(pushed[2])["params"]["subscription"], pending);
    EXPECT_EQ(Json::parse(pushed[2])["params"]["result"], hash);
}

TEST_F(FiltersTest, SubscriptionsEndWhenTheSessionCloses) {
    test::FakeSession other{3, true};
    const std::string id = call("eth_subscribe", {"newHeads"}, other).value();
    // Another session cannot cancel it.
    EXPECT_FALSE(call("eth_unsubscribe", {id}, ws_).has_value());
    other.close();
    auto e = call("eth_unsubscribe", {id}, other);
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().message, "subscription not found");
}

TEST(FilterLimits, FiltersSubscriptionsAndUnpolledChangesAreBounded) {
    test::TestBackend backend;
    EthOptions options;
    options.max_filters = 3;
    options.max_filter_changes = 4;
    options.max_subscriptions_per_connection = 2;
    MethodTable table;
    register_eth_methods(table, backend, options);
    backend.commit({});
    test::FakeSession http{1, false};
    test::FakeSession ws{2, true};
    test::FakeSession other_ws{3, true};
    const auto call = [&](const std::string& m, Json params, Session& s) -> MethodResult {
        const Method* method = table.find(m);
        if (method == nullptr) return rpc_error(kMethodNotFound, m);
        return (*method)(params, s);
    };

    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) ids.push_back(call("eth_newBlockFilter", Json::array(), http).value());
    const auto refused = call("eth_newBlockFilter", Json::array(), http);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, kLimitExceeded);
    EXPECT_EQ(refused.error().message, "too many filters (3 alive)");
    // A filter that is never polled keeps only the newest max_filter_changes block hashes.
    std::vector<Hash256> hashes;
    for (int i = 0; i < 10; ++i) hashes.push_back(backend.commit({}).hash);
    const Json changes = call("eth_getFilterChanges", {ids[0]}, http).value();
    ASSERT_EQ(changes.size(), 4u);
    EXPECT_EQ(changes[0], to_hex(hashes[6].view()));
    EXPECT_EQ(changes[3], to_hex(hashes[9].view()));
    EXPECT_TRUE(call("eth_uninstallFilter", {ids[1]}, http).value().get<bool>());
    EXPECT_TRUE(call("eth_newBlockFilter", Json::array(), http).has_value());

    EXPECT_TRUE(call("eth_subscribe", {"newHeads"}, ws).has_value());
    EXPECT_TRUE(call("eth_subscribe", {"logs"}, ws).has_value());
    const auto third = call("eth_subscribe", {"newHeads"}, ws);
    ASSERT_FALSE(third.has_value());
    EXPECT_EQ(third.error().code, kLimitExceeded);
    // The limit is per connection.
    EXPECT_TRUE(call("eth_subscribe", {"newHeads"}, other_ws).has_value());
}

}  // namespace
}  // namespace yao::rpc
