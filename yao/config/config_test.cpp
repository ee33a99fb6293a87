// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include <yao/common/hex.hpp>
#include <yao/storage/test_util/server_process.hpp>

#include "config.hpp"

namespace yao::config {
namespace {

template <size_t N>
FixedBytes<N> fixed(std::string_view hex) {
    auto r = fixed_from_hex<N>(hex);
    EXPECT_TRUE(r) << hex;
    return r.value_or(FixedBytes<N>{});
}

/// Expects parse_config(text) to fail with `errc` and a context starting with `prefix`.
void expect_error(std::string_view text, Errc errc, std::string_view prefix) {
    auto r = parse_config(text);
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error(), errc) << r.error().message();
    EXPECT_TRUE(r.error().context().starts_with(prefix))
        << "context \"" << r.error().context() << "\" does not start with \"" << prefix << "\"";
}

TEST(NodeConfig, DefaultsAreThoseOfYaoverseDev) {
    const NodeConfig c = default_config();
    EXPECT_EQ(c.chain.chain_id, 31337u);
    EXPECT_EQ(c.chain.gas_limit, 30'000'000u);
    EXPECT_EQ(c.chain.base_fee, Uint256{1'000'000'000});
    EXPECT_EQ(c.chain.coinbase, Address{});
    EXPECT_EQ(c.chain.block_interval_ms, 20u);
    EXPECT_FALSE(c.chain.empty_blocks);
    EXPECT_EQ(c.chain.max_block_txs, 0u);
    EXPECT_EQ(c.chain.max_inflight_blocks, 4u);
    EXPECT_EQ(c.genesis.timestamp, 0u);
    EXPECT_TRUE(c.genesis.alloc.empty());
    EXPECT_EQ(c.genesis.dev_accounts.mnemonic,
              "test test test test test test test test test test test junk");
    EXPECT_EQ(c.genesis.dev_accounts.count, 20u);
    EXPECT_EQ(c.genesis.dev_accounts.balance.to_dec(), "10000000000000000000000");
    EXPECT_EQ(c.mempool.max_per_sender, 1024u);
    EXPECT_EQ(c.mempool.max_total, 100'000u);
    EXPECT_EQ(c.execution.workers, 2u);
    EXPECT_EQ(c.execution.l1_cache_mb, 256u);
    EXPECT_EQ(c.store.kind, StoreKind::kSqlite);
    EXPECT_EQ(c.store.path, "");
    EXPECT_FALSE(c.store.in_memory);
    EXPECT_EQ(c.redis.url, "");
    EXPECT_EQ(c.bus.kind, "inproc");
    EXPECT_EQ(c.bus.key_prefix, "yao:");
    EXPECT_EQ(c.bus.max_backlog, 100000u);
    EXPECT_EQ(c.bus.redelivery_ms, 10000u);
    EXPECT_EQ(c.cluster.grpc_listen, "127.0.0.1:0");
    EXPECT_TRUE(c.cluster.archive.empty());
    EXPECT_EQ(c.cluster.deadline_ms, 5000u);
    EXPECT_EQ(c.rpc.host, "127.0.0.1");
    EXPECT_EQ(c.rpc.port, 8545);
    EXPECT_EQ(c.log.level, "info");
    EXPECT_EQ(c.log.format, LogFormat::kText);
    EXPECT_EQ(c.data_dir, "./yaoverse-data");
    EXPECT_TRUE(validate_config(c));
    EXPECT_EQ(sqlite_path(c), std::filesystem::path{"./yaoverse-data/chain.sqlite"});
}

TEST(ParseConfig, EmptyObjectGivesTheDefaults) {
    auto r = parse_config("{}");
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(*r, default_config());
}

TEST(ParseConfig, ReadsEverySection) {
    auto r = parse_config(R"({
      // comments are allowed
      "chain": {"chain_id": "0x539", "gas_limit": 60000000, "base_fee": 0,
                "coinbase": "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                "block_interval_ms": 1000, "empty_blocks": true, "max_block_txs": 500,
                "max_inflight_blocks": 1},
      "genesis": {
        "timestamp": 1700000000,
        "dev_accounts": {"count": 3, "balance": "0x56bc75e2d63100000",
          "mnemonic": "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"},
        "alloc": {
          "0x0000000000000000000000000000000000000042": {
            "balance": "115792089237316195423570985008687907853269984665640564039457584007913129639935",
            "nonce": 1, "code": "0x6000",
            "storage": {"0x01": "0x2a", "2": 3}
          }
        }
      },
      "mempool": {"max_per_sender": 16, "max_total": 32},
      "execution": {"workers": 8, "l1_cache_mb": 1024},
      "store": {"kind": "mysql", "path": "/x", "in_memory": false,
                "mysql": {"host": "db", "port": 4000, "user": "u", "password": "p",
                          "database": "yao_1"}},
      "redis": {"url": "redis://127.0.0.1:6379"},
      "bus": {"kind": "redis", "url": "redis://127.0.0.1:6380", "key_prefix": "c1:",
              "max_backlog": 500},
      "cluster": {"name": "archive-1", "grpc_listen": "127.0.0.1:7001",
                  "archive": ["127.0.0.1:7001", "127.0.0.1:7002"], "vulcan": ["10.0.0.5:7100"],
                  "chronos": ["127.0.0.1:7200"], "deadline_ms": 250,
                  "tls": {"cert_file": "c.pem", "key_file": "k.pem", "ca_file": "ca.pem"}},
      "rpc": {"host": "0.0.0.0", "port": 0},
      "log": {"level": "debug", "format": "json"},
      "data_dir": "/var/lib/yao"
    })");
    ASSERT_TRUE(r) << r.error().message();
    const NodeConfig& c = *r;
    EXPECT_EQ(c.chain.chain_id, 1337u);
    EXPECT_EQ(c.chain.gas_limit, 60'000'000u);
    EXPECT_EQ(c.chain.base_fee, Uint256{0});
    EXPECT_EQ(c.chain.coinbase, fixed<20>("f39fd6e51aad88f6f4ce6ab8827279cfffb92266"));
    EXPECT_EQ(c.chain.block_interval_ms, 1000u);
    EXPECT_TRUE(c.chain.empty_blocks);
    EXPECT_EQ(c.chain.max_block_txs, 500u);
    EXPECT_EQ(c.chain.max_inflight_blocks, 1u);
    EXPECT_EQ(c.genesis.timestamp, 1'700'000'000u);
    EXPECT_EQ(c.genesis.dev_accounts.count, 3u);
    EXPECT_EQ(c.genesis.dev_accounts.balance.to_dec(), "100000000000000000000");
    EXPECT_TRUE(c.genesis.dev_accounts.mnemonic.starts_with("abandon"));
    ASSERT_EQ(c.genesis.alloc.size(), 1u);
    Address a42;
    a42[19] = 0x42;
    const auto& account = c.genesis.alloc.at(a42);
    EXPECT_EQ(account.balance, Uint256::max());
    EXPECT_EQ(account.nonce, 1u);
    EXPECT_EQ(account.code, (Bytes{0x60, 0x00}));
    ASSERT_EQ(account.storage.size(), 2u);
    EXPECT_EQ(account.storage.at(Uint256{1}.to_hash()), Uint256{42}.to_hash());
    EXPECT_EQ(account.storage.at(Uint256{2}.to_hash()), Uint256{3}.to_hash());
    EXPECT_EQ(c.mempool.max_per_sender, 16u);
    EXPECT_EQ(c.mempool.max_total, 32u);
    EXPECT_EQ(c.execution.workers, 8u);
    EXPECT_EQ(c.execution.l1_cache_mb, 1024u);
    EXPECT_EQ(c.store.kind, StoreKind::kMysql);
    EXPECT_EQ(c.store.path, "/x");
    EXPECT_EQ(c.store.mysql.host, "db");
    EXPECT_EQ(c.store.mysql.port, 4000);
    EXPECT_EQ(c.store.mysql.user, "u");
    EXPECT_EQ(c.store.mysql.password, "p");
    EXPECT_EQ(c.store.mysql.database, "yao_1");
    EXPECT_EQ(c.redis.url, "redis://127.0.0.1:6379");
    EXPECT_EQ(c.bus.kind, "redis");
    EXPECT_EQ(c.bus.url, "redis://127.0.0.1:6380");
    EXPECT_EQ(c.bus.key_prefix, "c1:");
    EXPECT_EQ(c.bus.max_backlog, 500u);
    EXPECT_EQ(c.cluster.name, "archive-1");
    EXPECT_EQ(c.cluster.grpc_listen, "127.0.0.1:7001");
    EXPECT_EQ(c.cluster.archive, (std::vector<std::string>{"127.0.0.1:7001", "127.0.0.1:7002"}));
    EXPECT_EQ(c.cluster.vulcan, std::vector<std::string>{"10.0.0.5:7100"});
    EXPECT_EQ(c.cluster.chronos, std::vector<std::string>{"127.0.0.1:7200"});
    EXPECT_EQ(c.cluster.deadline_ms, 250u);
    EXPECT_EQ(c.cluster.tls.ca_file, "ca.pem");
    EXPECT_EQ(c.rpc.host, "0.0.0.0");
    EXPECT_EQ(c.rpc.port, 0);
    EXPECT_EQ(c.log.level, "debug");
    EXPECT_EQ(c.log.format, LogFormat::kJson);
    EXPECT_EQ(c.data_dir, "/var/lib/yao");
    EXPECT_EQ(sqlite_path(c), std::filesystem::path{"/x"});

    // And it survives a round trip.
    auto again = parse_config(to_json(c));
    ASSERT_TRUE(again) << again.error().message() << "\n" << to_json(c);
    EXPECT_EQ(*again, c);
}

TEST(ParseConfig, DefaultConfigRoundTripsThroughJson) {
    const std::string text = to_json(default_config());
    auto r = parse_config(text);
    ASSERT_TRUE(r) << r.error().message() << "\n" << text;
    EXPECT_EQ(*r, default_config());
    EXPECT_NE(text.find("\"chain_id\": 31337"), std::string::npos) << text;
    EXPECT_NE(text.find("\"balance\": \"10000000000000000000000\""), std::string::npos) << text;
}

TEST(ParseConfig, UnknownKeysAreErrorsNamingThePath) {
    expect_error(R"({"chian": {}})", Errc::kUnknownKey, "chian");
    expect_error(R"({"chain": {"gas_limt": 1}})", Errc::kUnknownKey, "chain.gas_limt");
    expect_error(R"({"store": {"mysql": {"hostname": "x"}}})", Errc::kUnknownKey,
                 "store.mysql.hostname");
    expect_error(R"({"genesis": {"alloc": {"0x0000000000000000000000000000000000000001":
                   {"balance": 1, "codes": "0x"}}}})",
                 Errc::kUnknownKey,
                 "genesis.alloc.0x0000000000000000000000000000000000000001.codes");
}

TEST(ParseConfig, AddressesAreValidated) {
    expect_error(R"({"chain": {"coinbase": "0x1234"}})", Errc::kInvalidValue, "chain.coinbase");
    expect_error(R"({"chain": {"coinbase": "f39fd6e51aad88f6f4ce6ab8827279cfffb92266"}})",
                 Errc::kInvalidValue, "chain.coinbase");
    expect_error(R"({"chain": {"coinbase": "0xg39fd6e51aad88f6f4ce6ab8827279cfffb92266"}})",
                 Errc::kInvalidValue, "chain.coinbase");
    // Mixed case must be the EIP-55 checksum (first letter's case flipped here).
    expect_error(R"({"chain": {"coinbase": "0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266"}})",
                 Errc::kInvalidValue, "chain.coinbase");
    expect_error(R"({"chain": {"coinbase": 5}})", Errc::kWrongType, "chain.coinbase");
    expect_error(R"({"genesis": {"alloc": {"0x42": {"balance": 1}}}})", Errc::kInvalidValue,
                 "genesis.alloc.0x42");
    // All lower or all upper case needs no checksum.
    EXPECT_TRUE(
        parse_config(R"({"chain": {"coinbase": "0xF39FD6E51AAD88F6F4CE6AB8827279CFFFB92266"}})"));
}

TEST(ParseConfig, NumbersFollowTheRules) {
    expect_error(R"({"chain": {"gas_limit": 0}})", Errc::kInvalidValue,
                 "chain.gas_limit: must be > 0");
    expect_error(R"({"chain": {"gas_limit": "9223372036854775808"}})", Errc::kInvalidValue,
                 "chain.gas_limit");
    EXPECT_TRUE(parse_config(R"({"chain": {"gas_limit": "9223372036854775807"}})"));
    expect_error(R"({"chain": {"chain_id": 0}})", Errc::kInvalidValue, "chain.chain_id");
    expect_error(R"({"chain": {"block_interval_ms": 0}})", Errc::kInvalidValue,
                 "chain.block_interval_ms");
    expect_error(R"({"chain": {"gas_limit": -1}})", Errc::kInvalidValue, "chain.gas_limit");
    expect_error(R"({"chain": {"gas_limit": 1.5}})", Errc::kInvalidValue, "chain.gas_limit");
    expect_error(R"({"chain": {"gas_limit": "lots"}})", Errc::kInvalidValue, "chain.gas_limit");
    expect_error(R"({"chain": {"gas_limit": "18446744073709551616"}})", Errc::kInvalidValue,
                 "chain.gas_limit");
    expect_error(R"({"execution": {"workers": 0}})", Errc::kInvalidValue, "execution.workers");
    expect_error(R"({"execution": {"workers": 65}})", Errc::kInvalidValue, "execution.workers");
    EXPECT_TRUE(parse_config(R"({"execution": {"workers": 64}})"));
    expect_error(R"({"rpc": {"port": 65536}})", Errc::kInvalidValue, "rpc.port");
    expect_error(R"({"mempool": {"max_per_sender": 10, "max_total": 5}})", Errc::kInvalidValue,
                 "mempool.max_total");
    // A balance above 2^64-1 written as a JSON number loses precision: strings are required.
    expect_error(R"({"genesis": {"dev_accounts": {"balance": 10000000000000000000000}}})",
                 Errc::kInvalidValue, "genesis.dev_accounts.balance");
    expect_error(R"({"genesis": {"dev_accounts": {"count": 10001}}})", Errc::kInvalidValue,
                 "genesis.dev_accounts.count");
}

TEST(ParseConfig, TypesAreChecked) {
    expect_error(R"({"chain": {"empty_blocks": "yes"}})", Errc::kWrongType, "chain.empty_blocks");
    expect_error(R"({"chain": 5})", Errc::kWrongType, "chain");
    expect_error(R"({"data_dir": null})", Errc::kWrongType, "data_dir");
    expect_error(R"([1, 2])", Errc::kWrongType, "(root)");
    expect_error(R"({"genesis": {"alloc": {"0x0000000000000000000000000000000000000001":
                   {"code": "6000"}}}})",
                 Errc::kInvalidValue,
                 "genesis.alloc.0x0000000000000000000000000000000000000001.code");
}

TEST(ParseConfig, EnumsAndStringsAreChecked) {
    expect_error(R"({"store": {"kind": "postgres"}})", Errc::kInvalidValue, "store.kind");
    expect_error(R"({"log": {"format": "xml"}})", Errc::kInvalidValue, "log.format");
    expect_error(R"({"log": {"level": "verbose"}})", Errc::kInvalidValue, "log.level");
    expect_error(R"({"redis": {"url": "localhost:6379"}})", Errc::kInvalidValue, "redis.url");
    expect_error(R"({"bus": {"kind": "kafka"}})", Errc::kInvalidValue, "bus.kind");
    expect_error(R"({"bus": {"kind": "redis"}})", Errc::kInvalidValue, "bus.url");
    expect_error(R"({"bus": {"url": "redis://h"}})", Errc::kInvalidValue, "bus.url");
    expect_error(R"({"bus": {"max_backlog": 0}})", Errc::kInvalidValue, "bus.max_backlog");
    expect_error(R"({"bus": {"redelivery_ms": 5}})", Errc::kInvalidValue, "bus.redelivery_ms");
    expect_error(R"({"cluster": {"grpc_listen": "7000"}})", Errc::kInvalidValue,
                 "cluster.grpc_listen");
    expect_error(R"({"cluster": {"archive": ["127.0.0.1:0"]}})", Errc::kInvalidValue,
                 "cluster.archive");
    expect_error(R"({"cluster": {"vulcan": ["h:70000"]}})", Errc::kInvalidValue,
                 "cluster.vulcan");
    expect_error(R"({"cluster": {"chronos": "127.0.0.1:1"}})", Errc::kInvalidValue,
                 "cluster.chronos");
    expect_error(R"({"cluster": {"tls": {"ca_file": "ca.pem"}}})", Errc::kInvalidValue,
                 "cluster.tls");
    expect_error(R"({"data_dir": ""})", Errc::kInvalidValue, "data_dir");
    expect_error(R"({"store": {"kind": "mysql", "in_memory": true}})", Errc::kInvalidValue,
                 "store.in_memory");
    expect_error(R"({"store": {"kind": "mysql", "mysql": {"database": "a;drop"}}})",
                 Errc::kInvalidValue, "store.mysql.database");
}

TEST(ParseConfig, MnemonicIsValidated) {
    expect_error(R"({"genesis": {"dev_accounts": {"mnemonic": "test test"}}})",
                 Errc::kInvalidMnemonic, "genesis.dev_accounts.mnemonic");
}

TEST(ParseConfig, CodeAboveTheEip170LimitIsRefused) {
    const std::string code = "0x" + std::string(2 * 24'577, 'f');
    expect_error(R"({"genesis": {"alloc": {"0x0000000000000000000000000000000000000001":
                   {"code": ")" +
                     code + R"("}}}})",
                 Errc::kInvalidValue,
                 "genesis.alloc.0x0000000000000000000000000000000000000001.code");
}

TEST(ParseConfig, BrokenJsonIsReported) {
    auto r = parse_config(R"({"chain": )");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kInvalidJson);
    EXPECT_FALSE(r.error().context().empty());
}

TEST(LoadConfig, ReadsAFileAndNamesItInErrors) {
    auto dir = storage::test_util::TempDir::make("yao_config_test_");
    ASSERT_TRUE(dir) << dir.error().message();
    const std::filesystem::path good = dir->path() + "/good.json";
    std::ofstream{good} << R"({"rpc": {"port": 9545}})";
    auto r = load_config(good);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->rpc.port, 9545);

    const std::filesystem::path bad = dir->path() + "/bad.json";
    std::ofstream{bad} << R"({"rpc": {"prot": 9545}})";
    auto e = load_config(bad);
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error(), Errc::kUnknownKey);
    EXPECT_EQ(e.error().context(), bad.string() + ": rpc.prot");

    auto missing = load_config(dir->path() + "/missing.json");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error(), Errc::kIo);
}

TEST(ParseConfig, RpcSectionLimitsAuthTlsAndTheProductionProfile) {
    auto c = parse_config(R"({"rpc": {"max_batch": 10, "max_connections_per_ip": 8,
        "state_cache_mb": 512, "header_cache": 16,
        "vhosts": "node.internal", "rate_limit_per_client": 2.5,
        "auth": {"api_keys": [{"name": "ops", "key": "0123456789abcdef", "roles": ["admin"]}],
                 "ip_allowlist": ["10.0.0.0/8"]},
        "tls": {"cert_file": "/etc/y/server.pem", "key_file": "/etc/y/server.key"}},
        "profile": "production"})");
    ASSERT_TRUE(c.has_value()) << c.error().message();
    EXPECT_EQ(c->rpc.max_batch, 10u);
    EXPECT_EQ(c->rpc.max_connections_per_ip, 8u);
    EXPECT_EQ(c->rpc.state_cache_mb, 512u);
    EXPECT_EQ(c->rpc.header_cache, 16u);
    EXPECT_EQ(c->rpc.vhosts, "node.internal");
    EXPECT_EQ(c->rpc.rate_limit_per_client, 2.5);
    EXPECT_EQ(c->rpc.auth.api_keys.at(0).roles, std::vector<std::string>{"admin"});
    EXPECT_EQ(parse_config(to_json(*c)).value(), *c);

    const auto refused = [](const std::string& json) {
        auto r = parse_config(json);
        return r ? std::string{"accepted"} : r.error().message();
    };
    EXPECT_NE(refused(R"({"rpc": {"max_connections": 0}})").find("rpc.max_connections"),
              std::string::npos);
    EXPECT_NE(refused(R"({"rpc": {"nope": 1}})").find("rpc.nope"), std::string::npos);
    EXPECT_NE(refused(R"({"rpc": {"state_cache_mb": 0}})").find("rpc.state_cache_mb"),
              std::string::npos);
    EXPECT_NE(refused(R"({"rpc": {"header_cache": 0}})").find("rpc.header_cache"),
              std::string::npos);
    EXPECT_NE(refused(R"({"rpc": {"auth": {"api_keys": [{"name": "a", "key": "short", "roles": ["read"]}]}}})")
                  .find("at least 16"),
              std::string::npos);
    EXPECT_NE(refused(R"({"rpc": {"auth": {"api_keys": [{"name": "a", "key": "0123456789abcdef", "roles": ["root"]}]}}})")
                  .find("unknown role"),
              std::string::npos);
    EXPECT_NE(refused(R"({"profile": "production"})").find("rpc.auth"), std::string::npos);
    EXPECT_NE(refused(R"({"profile": "production", "rpc": {"auth": {"jwt_secret": "0x)" +
                      std::string(64, 'a') + R"("}}})")
                  .find("rpc.tls"),
              std::string::npos);
    EXPECT_NE(refused(R"({"rpc": {"tls": {"cert_file": "a.pem"}}})").find("go together"),
              std::string::npos);
}

}  // namespace
}  // namespace yao::config
