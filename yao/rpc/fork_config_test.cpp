// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <yao/common/hex.hpp>

#include "fork_config.hpp"

namespace yao::rpc {
namespace {

// Ethereum mainnet's genesis hash, whose EIP-2124 vectors check the fork hash: 0xfc64ec04 with
// no fork after the genesis, 0x97c2c34c with one activation at 1150000 (Homestead's block).
const Hash256 kMainnetGenesis =
    hash_from_hex("0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3").value();

TEST(ForkConfig, ForkIdFollowsEip2124) {
    chain::ForkSchedule all_at_genesis;
    EXPECT_EQ(fork_id(all_at_genesis, evm::Revision::kOsaka, kMainnetGenesis, 0), 0xfc64ec04u);
    chain::ForkSchedule later{evm::Revision::kCancun};
    later.prague_time = 1150000;
    EXPECT_EQ(fork_id(later, evm::Revision::kCancun, kMainnetGenesis, 0), 0xfc64ec04u);
    EXPECT_EQ(fork_id(later, evm::Revision::kPrague, kMainnetGenesis, 0), 0x97c2c34cu);
    // A fork at or before the genesis time is part of the genesis.
    EXPECT_EQ(fork_id(later, evm::Revision::kPrague, kMainnetGenesis, 1150000), 0xfc64ec04u);
}

TEST(ForkConfig, OsakaFromGenesisHasNoNextFork) {
    const Json j = eth_config_json(chain::ForkSchedule{}, 31337, kMainnetGenesis, 0, 1'800'000'000);
    ASSERT_TRUE(j.at("next").is_null());
    ASSERT_TRUE(j.at("last").is_null());
    const Json& c = j.at("current");
    EXPECT_EQ(c.at("activationTime"), 0);
    EXPECT_EQ(c.at("chainId"), "0x7a69");
    EXPECT_EQ(c.at("forkId"), "0xfc64ec04");
    EXPECT_EQ(c.at("blobSchedule"),
              (Json{{"baseFeeUpdateFraction", 5007716}, {"max", 9}, {"target", 6}}));
    const Json& p = c.at("precompiles");
    EXPECT_EQ(p.size(), 18u);
    EXPECT_EQ(p.at("ECREC"), "0x0000000000000000000000000000000000000001");
    EXPECT_EQ(p.at("KZG_POINT_EVALUATION"), "0x000000000000000000000000000000000000000a");
    EXPECT_EQ(p.at("BLS12_MAP_FP2_TO_G2"), "0x0000000000000000000000000000000000000011");
    EXPECT_EQ(p.at("P256VERIFY"), "0x0000000000000000000000000000000000000100");
    EXPECT_EQ(c.at("systemContracts"),
              (Json{{"HISTORY_STORAGE_ADDRESS", "0x0000f90827f1c53a10cb7a02335b175320002935"}}));
}

TEST(ForkConfig, ACancunChainShowsItsScheduledForks) {
    chain::ForkSchedule s{evm::Revision::kCancun};
    s.prague_time = 2'000'000'000;
    s.osaka_time = 2'100'000'000;
    Json j = eth_config_json(s, 1, kMainnetGenesis, 0, 1'900'000'000);
    const Json& c = j.at("current");
    EXPECT_EQ(c.at("activationTime"), 0);
    EXPECT_EQ(c.at("precompiles").size(), 10u);
    EXPECT_EQ(c.at("blobSchedule"),
              (Json{{"baseFeeUpdateFraction", 3338477}, {"max", 6}, {"target", 3}}));
    EXPECT_TRUE(c.at("systemContracts").empty());
    EXPECT_EQ(j.at("next").at("activationTime"), 2'000'000'000);
    EXPECT_EQ(j.at("next").at("precompiles").size(), 17u);
    EXPECT_EQ(j.at("last").at("activationTime"), 2'100'000'000);
    EXPECT_EQ(j.at("last").at("precompiles").size(), 18u);
    EXPECT_NE(j.at("next").at("forkId"), c.at("forkId"));
    // Once Prague is in force, Osaka is next and last.
    j = eth_config_json(s, 1, kMainnetGenesis, 0, 2'000'000'000);
    EXPECT_EQ(j.at("current").at("activationTime"), 2'000'000'000);
    EXPECT_EQ(j.at("next"), j.at("last"));
    EXPECT_EQ(j.at("next").at("activationTime"), 2'100'000'000);
}

}  // namespace
}  // namespace yao::rpc
