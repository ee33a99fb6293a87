// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <yao/common/hash.hpp>
#include <yao/common/hex.hpp>

#include "bip39_wordlist.hpp"
#include "dev_accounts.hpp"

namespace yao::config {
namespace {

struct KnownAccount {
    const char* address;
    const char* private_key;
};

// The accounts printed by `npx hardhat node` and `anvil` for the default mnemonic (Hardhat's
// and Foundry's documentation: "Account #0: 0xf39F... Private Key: 0xac09...").
constexpr KnownAccount kHardhatAccounts[] = {
    {"f39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
     "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"},
    {"70997970C51812dc3A010C7d01b50e0d17dc79C8",
     "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"},
    {"3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
     "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"},
    {"90F79bf6EB2c4f870365E785982E1f101E93b906",
     "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"},
    {"15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
     "47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a"},
    {"9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
     "8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"},
    {"976EA74026E726554dB657fA54763abd0C3a0aa9",
     "92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e"},
    {"14dC79964da2C08b23698B3D3cc7Ca32193d9955",
     "4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356"},
    {"23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
     "dbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97"},
    {"a0Ee7A142d267C1f36714E4a8F75612F20a79720",
     "2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6"},
    {"Bcd4042DE499D14e55001CcbB24a551F3b954096",
     "f214f2b2cd398c806f84e317254e0f0b801d0643303237d97a22a48e01628897"},
    {"71bE63f3384f5fb98995898A86B02Fb2426c5788",
     "701b615bbdfb9de65240bc28bd21bbc0d996645a3dd57e7b12bc2bdf6f192c82"},
    {"FABB0ac9d68B0B445fB7357272Ff202C5651694a",
     "a267530f49f8280200edf313ee7af6b827f2a8bce2897751d06a843f644967b1"},
    {"1CBd3b2770909D4e10f157cABC84C7264073C9Ec",
     "47c99abed3324a2707c28affff1267e45918ec8c3f20b8aa892e8b065d2942dd"},
    {"dF3e18d64BC6A983f673Ab319CCaE4f1a57C7097",
     "c526ee95bf44d8fc405a158bb884d9d1238d99f0612e9f33d006bb0789009aaa"},
    {"cd3B766CCDd6AE721141F452C550Ca635964ce71",
     "8166f546bab6da521a8369cab06c5d2b9e46670292d85c875ee9ec20e84ffb61"},
    {"2546BcD3c84621e976D8185a91A922aE77ECEc30",
     "ea6c44ac03bff858b476bba40716402b03e41b8e97e276d1baec7c37d42484a0"},
    {"bDA5747bFD65F08deb54cb465eB87D40e51B197E",
     "689af8efa8c651a91ad287602527f3af2fe9f6501a7ac4b061667b5a93e037fd"},
    {"dD2FD4581271e230360230F9337D5c0430Bf44C0",
     "de9be858da4a475276426320d5e9262ecfc3ba460bfac56360bfa6c4c28b4ee0"},
    {"8626f6940E2eb28930eFb4CeF49B2d1F2C9C1199",
     "df57089febbacf7ba0bc227dafbffa9fc08a93fdc68e1e42411a14efcf23656e"},
};

template <size_t N>
FixedBytes<N> fixed(std::string_view hex) {
    auto r = fixed_from_hex<N>(hex);
    EXPECT_TRUE(r) << hex;
    return r.value_or(FixedBytes<N>{});
}

TEST(Bip39Wordlist, MatchesThePublishedEnglishTxtDigest) {
    const auto words = bip39_english_words();
    std::string file;
    for (const auto word : words) {
        file += word;
        file += '\n';
    }
    // sha256 of bitcoin/bips bip-0039/english.txt as published.
    EXPECT_EQ(to_hex(sha256(as_bytes(file)), false),
              "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda");
    EXPECT_EQ(words.front(), "abandon");
    EXPECT_EQ(words.back(), "zoo");
}

TEST(DevAccounts, DefaultMnemonicIsHardhatsAndAnvils) {
    EXPECT_EQ(default_mnemonic(), "test test test test test test test test test test test junk");
}

TEST(DevAccounts, DefaultMnemonicGivesTheTwentyHardhatAccounts) {
    auto accounts = derive_dev_accounts(default_mnemonic(), 20);
    ASSERT_TRUE(accounts) << accounts.error().message();
    ASSERT_EQ(accounts->size(), 20u);
    for (size_t i = 0; i < 20; ++i) {
        SCOPED_TRACE("account #" + std::to_string(i));
        EXPECT_EQ((*accounts)[i].address, fixed<20>(kHardhatAccounts[i].address));
        EXPECT_EQ((*accounts)[i].private_key, fixed<32>(kHardhatAccounts[i].private_key));
    }
}

TEST(DevAccounts, WhitespaceBetweenWordsDoesNotMatter) {
    auto accounts =
        derive_dev_accounts("  test test\ttest test test test\ntest test test test test  junk ", 2);
    ASSERT_TRUE(accounts) << accounts.error().message();
    ASSERT_EQ(accounts->size(), 2u);
    EXPECT_EQ((*accounts)[1].address, fixed<20>(kHardhatAccounts[1].address));
}

TEST(DevAccounts, ZeroCountGivesNoAccounts) {
    auto accounts = derive_dev_accounts(default_mnemonic(), 0);
    ASSERT_TRUE(accounts);
    EXPECT_TRUE(accounts->empty());
}

TEST(DevAccounts, PassphraseChangesTheAccounts) {
    auto accounts = derive_dev_accounts(default_mnemonic(), 1, "x");
    ASSERT_TRUE(accounts);
    EXPECT_NE((*accounts)[0].address, fixed<20>(kHardhatAccounts[0].address));
}

// trezor/python-mnemonic vectors.json, English, passphrase "TREZOR".
TEST(Bip39Seed, MatchesTrezorVectors) {
    struct Vector {
        const char* mnemonic;
        const char* seed;
    };
    const Vector vectors[] = {
        {"abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
         "abandon about",
         "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1"
         "c92f2cf141630c7a3c4ab7c81b2f001698e7463b04"},
        {"legal winner thank year wave sausage worth useful legal winner thank yellow",
         "2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c809"
         "37a1c1069be3a3a5bd381ee6260e8d9739fce1f607"},
        {"letter advice cage absurd amount doctor acoustic avoid letter advice cage above",
         "d71de856f81a8acc65e6fc851a38d4d7ec216fd0796d0a6827a3ad6ed5511a30fa280f12eb2e47ed2ac03b"
         "5c462a0358d18d69fe4f985ec81778c1b370b652a8"},
        {"abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
         "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
         "abandon abandon abandon art",
         "bda85446c68413707090a52022edd26a1c9462295029f2e60cd7c4f2bbd3097170af7a4d73245cafa9c3cc"
         "a8d561a7c3de6f5d4a10be8ed2a5e608d68f92fcc8"},
    };
    for (const auto& v : vectors) {
        SCOPED_TRACE(v.mnemonic);
        auto seed = mnemonic_to_seed(v.mnemonic, "TREZOR");
        ASSERT_TRUE(seed) << seed.error().message();
        EXPECT_EQ(to_hex(seed->view(), false), v.seed);
    }
}

TEST(Bip39Validate, RejectsAWrongWordCount) {
    auto r = validate_mnemonic("test test test test test test test test test test junk");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kInvalidMnemonic);
    EXPECT_NE(r.error().context().find("got 11"), std::string::npos) << r.error().message();
    EXPECT_FALSE(validate_mnemonic(""));
}

TEST(Bip39Validate, RejectsAnUnknownWordByName) {
    auto r = validate_mnemonic("test test test test test test test test test test test junkk");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kInvalidMnemonic);
    EXPECT_NE(r.error().context().find("unknown word \"junkk\""), std::string::npos)
        << r.error().message();
    // Words are lower case, as in the list.
    EXPECT_FALSE(validate_mnemonic("TEST test test test test test test test test test test junk"));
}

TEST(Bip39Validate, RejectsABadChecksum) {
    auto r = validate_mnemonic("test test test test test test test test test test test test");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kInvalidMnemonic);
    EXPECT_NE(r.error().context().find("checksum"), std::string::npos) << r.error().message();
    EXPECT_FALSE(
        derive_dev_accounts("abandon abandon abandon abandon abandon abandon abandon "
                            "abandon abandon abandon abandon abandon",
                            1));
}

TEST(Bip39Validate, AcceptsPublishedMnemonics) {
    EXPECT_TRUE(validate_mnemonic(default_mnemonic()));
    EXPECT_TRUE(validate_mnemonic("zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong"));
}

// BIP-32 test vector 1 (also SLIP-0010 "Test vector 1 for secp256k1"), seed 000102...0f.
TEST(Bip32, TestVector1) {
    const auto seed = fixed<16>("000102030405060708090a0b0c0d0e0f");
    auto master = bip32_master_key(seed.view());
    ASSERT_TRUE(master) << master.error().message();
    EXPECT_EQ(master->chain_code,
              fixed<32>("873dff81c02f525623fd1fe5167eac3a55a049de3d314bb42ee227ffed37d508"));
    EXPECT_EQ(master->private_key,
              fixed<32>("e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35"));

    struct Step {
        uint32_t index;
        const char* chain_code;
        const char* private_key;
    };
    const Step path[] = {
        {kHardenedIndex + 0, "47fdacbd0f1097043b78c63c20c34ef4ed9a111d980047ad16282c7ae6236141",
         "edb2e14f9ee77d26dd93b4ecede8d16ed408ce149b6cd80b0715a2d911a0afea"},  // m/0'
        {1, "2a7857631386ba23dacac34180dd1983734e444fdbf774041578e9b6adb37c19",
         "3c6cb8d0f6a264c91ea8b5030fadaa8e538b020f0a387421a12de9319dc93368"},  // m/0'/1
        {kHardenedIndex + 2, "04466b9cc8e161e966409ca52986c584f07e9dc81f735db683c3ff6ec7b1503f",
         "cbce0d719ecf7431d88e6a89fa1483e02e35092af60c042b1df2ff59fa424dca"},  // m/0'/1/2'
        {2, "cfb71883f01676f587d023cc53a35bc7f88f724b1f8c2892ac1275ac822a3edd",
         "0f479245fb19a38a1954c5c7c0ebab2f9bdfd96a17563ef28a6a4b1a2a764ef4"},  // m/0'/1/2'/2
        {1000000000, "c783e67b921d2beb8f6b389cc646d7263b4145701dadd2161548a8b078e65e9e",
         "471b76e389e528d6de6d816857e012c5455051cad6660850e58372a6c3e6e7c8"},
    };
    ExtendedKey node = *master;
    for (const auto& step : path) {
        SCOPED_TRACE(step.index);
        auto child = bip32_derive_child(node, step.index);
        ASSERT_TRUE(child) << child.error().message();
        EXPECT_EQ(child->chain_code, fixed<32>(step.chain_code));
        EXPECT_EQ(child->private_key, fixed<32>(step.private_key));
        node = *child;
    }
}

TEST(Bip32, RejectsSeedsOfTheWrongLength) {
    const Bytes short_seed(15, 1);
    EXPECT_FALSE(bip32_master_key(short_seed));
    const Bytes long_seed(65, 1);
    EXPECT_FALSE(bip32_master_key(long_seed));
}

}  // namespace
}  // namespace yao::config
