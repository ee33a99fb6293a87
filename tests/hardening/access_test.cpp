// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// Access control on a real `yaoverse dev` configured with API keys: credentials, roles, the
// audit log, and keys that never reach the log.
#include <gtest/gtest.h>

#include "dev_process.hpp"

namespace yao::hardening {
namespace {

constexpr std::string_view kReaderKey = "reader-secret-0123456789";
constexpr std::string_view kAdminKey = "admin-secret-0123456789";

Json call_with(DevProcess& dev, std::string_view key, const Json& request, int* status = nullptr) {
    const std::string header =
        key.empty() ? std::string{} : "Authorization: Bearer " + std::string{key} + "\r\n";
    auto response = http_exchange(dev.port(), post_request(request.dump(), header), 10s);
    EXPECT_TRUE(response.has_value());
    if (!response) return nullptr;
    if (status) *status = std::stoi(response->substr(9, 3));
    return Json::parse(body_of(*response));
}

TEST(Access, KeysRolesAndTheAuditLog) {
    DevProcess dev;
    dev.start({"--log-format", "json", "--log-level", "info", "--config",
               write_config(R"({"rpc": {"auth": {"api_keys": [
                   {"name": "dashboard", "key": ")" + std::string{kReaderKey} +
                            R"(", "roles": ["read"]},
                   {"name": "ops", "key": ")" + std::string{kAdminKey} +
                            R"(", "roles": ["admin"]}]}}})")});
    const Json block_number = {{"jsonrpc", "2.0"}, {"id", 1}, {"method", "eth_blockNumber"}};
    int status = 0;
    Json r = call_with(dev, "", block_number, &status);
    EXPECT_EQ(status, 401);
    EXPECT_EQ(r["error"]["code"], -32001);
    r = call_with(dev, "not-a-key-at-all-000000", block_number, &status);
    EXPECT_EQ(status, 401);
    EXPECT_EQ(call_with(dev, kReaderKey, block_number)["result"], "0x0");

    const Json raw = {{"jsonrpc", "2.0"}, {"id", 2}, {"method", "eth_sendRawTransaction"},
                      {"params", {signed_transfer({})}}};
    r = call_with(dev, kReaderKey, raw);
    EXPECT_EQ(r["error"]["code"], -32010) << r.dump();
    EXPECT_EQ(call_with(dev, kAdminKey, raw)["result"].get<std::string>().size(), 66u);

    const Json mine = {{"jsonrpc", "2.0"}, {"id", 3}, {"method", "evm_mine"}};
    EXPECT_EQ(call_with(dev, kReaderKey, mine)["error"]["code"], -32010);
    EXPECT_TRUE(call_with(dev, kAdminKey, mine).contains("result"));

    ASSERT_TRUE(dev.wait_log("audit: admin call", 10s));
    const std::string log = dev.log_text();
    EXPECT_NE(log.find(R"("principal":"key:ops")"), std::string::npos) << log;
    EXPECT_NE(log.find(R"("method":"evm_mine")"), std::string::npos) << log;
    EXPECT_NE(log.find("audit: request refused"), std::string::npos) << log;
    EXPECT_EQ(log.find(kReaderKey), std::string::npos) << "a key reached the log";
    EXPECT_EQ(log.find(kAdminKey), std::string::npos) << "a key reached the log";
    EXPECT_EQ(log.find("not-a-key-at-all"), std::string::npos) << "a credential reached the log";
}

}  // namespace
}  // namespace yao::hardening
