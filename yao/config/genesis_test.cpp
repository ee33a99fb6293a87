// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <yao/chain/block.hpp>
#include <yao/chain/trie.hpp>
#include <yao/common/hash.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/state/state_view.hpp>
#include <yao/storage/sqlite_store.hpp>
#include <yao/storage/test_util/server_process.hpp>

#include "genesis.hpp"

namespace yao::config {
namespace {

// Hardhat / Anvil accounts #0..#19 of the default mnemonic (their published node output).
constexpr const char* kHardhatAddresses[] = {
    "f39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "70997970C51812dc3A010C7d01b50e0d17dc79C8",
    "3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "90F79bf6EB2c4f870365E785982E1f101E93b906",
    "15d34AAf54267DB7D7c367839AAf71A00a2C6A65", "9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
    "976EA74026E726554dB657fA54763abd0C3a0aa9", "14dC79964da2C08b23698B3D3cc7Ca32193d9955",
    "23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f", "a0Ee7A142d267C1f36714E4a8F75612F20a79720",
    "Bcd4042DE499D14e55001CcbB24a551F3b954096", "71bE63f3384f5fb98995898A86B02Fb2426c5788",
    "FABB0ac9d68B0B445fB7357272Ff202C5651694a", "1CBd3b2770909D4e10f157cABC84C7264073C9Ec",
    "dF3e18d64BC6A983f673Ab319CCaE4f1a57C7097", "cd3B766CCDd6AE721141F452C550Ca635964ce71",
    "2546BcD3c84621e976D8185a91A922aE77ECEc30", "bDA5747bFD65F08deb54cb465eB87D40e51B197E",
    "dD2FD4581271e230360230F9337D5c0430Bf44C0", "8626f6940E2eb28930eFb4CeF49B2d1F2C9C1199",
};

constexpr uint64_t kTimestamp = 1'700'000'000;

template <size_t N>
FixedBytes<N> fixed(std::string_view hex) {
    auto r = fixed_from_hex<N>(hex);
    EXPECT_TRUE(r) << hex;
    return r.value_or(FixedBytes<N>{});
}

// The default configuration on a Cancun chain: block 0 holds exactly the dev accounts and the
// alloc (from Prague on, the genesis adds the EIP-2935 history contract; see the ForkGenesis
// tests).
NodeConfig cancun_config() {
    NodeConfig cfg = default_config();
    cfg.genesis.forks = chain::ForkSchedule{evm::Revision::kCancun};
    return cfg;
}

Address address_n(uint8_t last) {
    Address a;
    a[19] = last;
    return a;
}

// ---- An RLP encoder written for this test only, straight from the Yellow Paper (appendix B),
// so the state root below does not depend on yao/common/rlp or yao/state/state_diff. ----------

Bytes length_prefix(size_t length, uint8_t short_base, uint8_t long_base) {
    Bytes out;
    if (length <= 55) {
        out.push_back(static_cast<uint8_t>(short_base + length));
        return out;
    }
    Bytes be;
    for (size_t l = length; l != 0; l >>= 8) be.insert(be.begin(), static_cast<uint8_t>(l));
    out.push_back(static_cast<uint8_t>(long_base + be.size()));
    out += be;
    return out;
}

Bytes rlp_string(BytesView s) {
    if (s.size() == 1 && s[0] < 0x80) return Bytes{s};
    return length_prefix(s.size(), 0x80, 0xb7) + Bytes{s};
}

Bytes rlp_list(const std::vector<Bytes>& items) {
    Bytes payload;
    for (const auto& item : items) payload += item;
    return length_prefix(payload.size(), 0xc0, 0xf7) + payload;
}

/// A big-endian number without leading zeros (zero is the empty string).
Bytes rlp_number(BytesView big_endian) {
    size_t skip = 0;
    while (skip < big_endian.size() && big_endian[skip] == 0) ++skip;
    return rlp_string(big_endian.substr(skip));
}

Bytes rlp_u64(uint64_t v) {
    uint8_t be[8];
    for (int i = 0; i < 8; ++i) be[i] = static_cast<uint8_t>(v >> (56 - 8 * i));
    return rlp_number(BytesView{be, 8});
}

struct ExpectedAccount {
    Address address;
    uint64_t nonce;
    Hash256 balance;  // big-endian
    Hash256 code_hash;
};
struct ExpectedSlot {
    Address address;
    Hash256 slot;
    Hash256 value;
};

/// keccak256(0^32 || keccak256(rlp([accounts, storage, code_hashes]))), entries pre-sorted.
Hash256 expected_state_root(const std::vector<ExpectedAccount>& accounts,
                            const std::vector<ExpectedSlot>& slots,
                            const std::vector<Hash256>& code_hashes) {
    std::vector<Bytes> account_items, slot_items, code_items;
    for (const auto& a : accounts) {
        account_items.push_back(
            rlp_list({rlp_string(a.address.view()), rlp_u64(a.nonce), rlp_number(a.balance.view()),
                      rlp_string(a.code_hash.view())}));
    }
    for (const auto& s : slots) {
        slot_items.push_back(rlp_list(
            {rlp_string(s.address.view()), rlp_string(s.slot.view()), rlp_string(s.value.view())}));
    }
    for (const auto& h : code_hashes) code_items.push_back(rlp_string(h.view()));
    const Bytes encoded =
        rlp_list({rlp_list(account_items), rlp_list(slot_items), rlp_list(code_items)});
    Bytes preimage(32, 0);
    preimage += keccak256(encoded).view();
    return keccak256(preimage);
}

Hash256 ten_thousand_ether() {
    // 10^22 = 0x21e19e0c9bab2400000
    return fixed<32>("00000000000000000000000000000000000000000000021e19e0c9bab2400000");
}

// -----------------------------------------------------------------------------------------------

TEST(Genesis, DefaultConfigFundsTheTwentyHardhatAccounts) {
    auto genesis = build_genesis(cancun_config(), kTimestamp);
    ASSERT_TRUE(genesis) << genesis.error().message();
    std::vector<Address> expected;
    for (const char* a : kHardhatAddresses) expected.push_back(fixed<20>(a));
    std::ranges::sort(expected);

    ASSERT_EQ(genesis->accounts.size(), 20u);
    for (size_t i = 0; i < 20; ++i) {
        const auto& change = genesis->accounts[i];
        EXPECT_EQ(change.address, expected[i]);
        ASSERT_TRUE(change.account.has_value());
        EXPECT_EQ(change.account->nonce, 0u);
        EXPECT_EQ(change.account->balance.to_hash(), ten_thousand_ether());
        EXPECT_EQ(change.account->code_hash, state::kEmptyCodeHash);
    }
    EXPECT_TRUE(genesis->storage.empty());
    EXPECT_TRUE(genesis->code.empty());
    EXPECT_TRUE(genesis->transactions.empty());
}

TEST(Genesis, DefaultStateRootIsTheChainedCommitmentOfTheAlloc) {
    auto genesis = build_genesis(cancun_config(), kTimestamp);
    ASSERT_TRUE(genesis) << genesis.error().message();
    std::vector<ExpectedAccount> accounts;
    for (const char* a : kHardhatAddresses) {
        accounts.push_back({fixed<20>(a), 0, ten_thousand_ether(), state::kEmptyCodeHash});
    }
    std::ranges::sort(accounts, {}, &ExpectedAccount::address);
    EXPECT_EQ(genesis->header.state_root, expected_state_root(accounts, {}, {}));
}

TEST(Genesis, ExtraAllocGoesIntoStateRootStorageAndCode) {
    NodeConfig cfg = cancun_config();
    cfg.genesis.dev_accounts.count = 2;
    GenesisAccount contract;
    contract.nonce = 1;
    contract.code = Bytes{0x60, 0x00, 0x60, 0x00, 0xf3};  // PUSH1 0 PUSH1 0 RETURN
    const Hash256 slot1 = Uint256{1}.to_hash();
    const Hash256 slot2 = Uint256{2}.to_hash();
    contract.storage[slot2] = Uint256{0xbeef}.to_hash();
    contract.storage[slot1] = Uint256{7}.to_hash();
    contract.storage[Uint256{3}.to_hash()] = Hash256{};  // zero: not stored
    cfg.genesis.alloc[address_n(0x42)] = contract;
    GenesisAccount rich;
    rich.balance = Uint256::max();
    cfg.genesis.alloc[address_n(0x03)] = rich;  // a precompile address, but not empty

    auto genesis = build_genesis(cfg, kTimestamp);
    ASSERT_TRUE(genesis) << genesis.error().message();

    const Hash256 contract_code_hash = keccak256(contract.code);
    std::vector<ExpectedAccount> accounts = {
        {fixed<20>(kHardhatAddresses[0]), 0, ten_thousand_ether(), state::kEmptyCodeHash},
        {fixed<20>(kHardhatAddresses[1]), 0, ten_thousand_ether(), state::kEmptyCodeHash},
        {address_n(0x42), 1, Hash256{}, contract_code_hash},
        {address_n(0x03), 0, Uint256::max().to_hash(), state::kEmptyCodeHash},
    };
    std::ranges::sort(accounts, {}, &ExpectedAccount::address);
    const std::vector<ExpectedSlot> slots = {
        {address_n(0x42), slot1, Uint256{7}.to_hash()},
        {address_n(0x42), slot2, Uint256{0xbeef}.to_hash()},
    };
    EXPECT_EQ(genesis->header.state_root,
              expected_state_root(accounts, slots, {contract_code_hash}));

    ASSERT_EQ(genesis->accounts.size(), 4u);
    ASSERT_EQ(genesis->storage.size(), 2u);
    EXPECT_EQ(genesis->storage[0].slot, slot1);
    EXPECT_EQ(genesis->storage[1].value, Uint256{0xbeef}.to_hash());
    ASSERT_EQ(genesis->code.size(), 1u);
    EXPECT_EQ(genesis->code[0].code_hash, contract_code_hash);
    EXPECT_EQ(genesis->code[0].code, contract.code);
    EXPECT_TRUE(storage::validate_commit(*genesis)) << "the store would refuse it";
}

TEST(Genesis, HeaderHasTheConfiguredAndEmptyFields) {
    NodeConfig cfg = cancun_config();
    cfg.chain.gas_limit = 12'345'678;
    cfg.chain.base_fee = Uint256{7};
    cfg.chain.coinbase = address_n(0xcb);
    auto genesis = build_genesis(cfg, kTimestamp);
    ASSERT_TRUE(genesis) << genesis.error().message();
    const auto& h = genesis->header;
    EXPECT_EQ(h.parent_hash, Hash256{});
    EXPECT_EQ(h.number, 0u);
    EXPECT_EQ(h.gas_limit, 12'345'678u);
    EXPECT_EQ(h.gas_used, 0u);
    EXPECT_EQ(h.timestamp, kTimestamp);
    EXPECT_EQ(h.base_fee_per_gas, Uint256{7});
    EXPECT_EQ(h.coinbase, address_n(0xcb));
    EXPECT_EQ(h.prev_randao, Hash256{});
    EXPECT_EQ(h.difficulty, Uint256{0});
    EXPECT_EQ(h.nonce, FixedBytes<8>{});
    EXPECT_EQ(h.logs_bloom, Bloom{});
    // keccak256(rlp([])) and keccak256(rlp("")), as published in the Yellow Paper / geth.
    EXPECT_EQ(h.ommers_hash,
              fixed<32>("1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"));
    const auto empty_root =
        fixed<32>("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
    EXPECT_EQ(h.transactions_root, empty_root);
    EXPECT_EQ(h.receipts_root, empty_root);
    EXPECT_EQ(h.withdrawals_root, empty_root);
    EXPECT_EQ(h.blob_gas_used, uint64_t{0});
    EXPECT_EQ(h.excess_blob_gas, uint64_t{0});
    EXPECT_EQ(h.parent_beacon_block_root, Hash256{});
    EXPECT_EQ(h.extra_data, (Bytes{'y', 'a', 'o', 'v', 'e', 'r', 's', 'e'}));
    EXPECT_EQ(genesis->hash, chain::header_hash(h));
}

TEST(Genesis, HashIsDeterministicForAFixedTimestamp) {
    auto a = build_genesis(cancun_config(), kTimestamp);
    auto b = build_genesis(cancun_config(), kTimestamp);
    auto c = build_genesis(cancun_config(), kTimestamp + 1);
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(a->hash, b->hash);
    EXPECT_EQ(a->header, b->header);
    EXPECT_NE(a->hash, c->hash);
    EXPECT_EQ(a->header.state_root, c->header.state_root);
}

TEST(Genesis, ConfiguredTimestampWinsOverTheFallback) {
    NodeConfig cfg = cancun_config();
    cfg.genesis.timestamp = 1234;
    auto genesis = build_genesis(cfg, kTimestamp);
    ASSERT_TRUE(genesis);
    EXPECT_EQ(genesis->header.timestamp, 1234u);
}

void expect_invalid_genesis(const NodeConfig& cfg, std::string_view needle) {
    auto genesis = build_genesis(cfg, kTimestamp);
    ASSERT_FALSE(genesis);
    EXPECT_EQ(genesis.error(), Errc::kInvalidGenesis);
    EXPECT_NE(genesis.error().context().find(needle), std::string::npos)
        << genesis.error().message();
}

TEST(Genesis, RefusesAnAllocAddressThatIsAlsoADevAccount) {
    NodeConfig cfg = cancun_config();
    GenesisAccount a;
    a.balance = Uint256{1};
    cfg.genesis.alloc[fixed<20>(kHardhatAddresses[3])] = a;
    expect_invalid_genesis(cfg, "0x90f79bf6eb2c4f870365e785982e1f101e93b906");
}

TEST(Genesis, RefusesAnEmptyAccountEvenAtAPrecompile) {
    NodeConfig cfg = cancun_config();
    cfg.genesis.alloc[address_n(0x03)] = GenesisAccount{};
    expect_invalid_genesis(cfg, "0x0000000000000000000000000000000000000003: empty account");
}

TEST(Genesis, RefusesStorageOnAnOtherwiseEmptyAccount) {
    NodeConfig cfg = cancun_config();
    GenesisAccount a;
    a.storage[Uint256{1}.to_hash()] = Uint256{1}.to_hash();
    cfg.genesis.alloc[address_n(0x77)] = a;
    expect_invalid_genesis(cfg, "0x0000000000000000000000000000000000000077: storage");
}

TEST(Genesis, RefusesCodeAboveTheEip170Limit) {
    NodeConfig cfg = cancun_config();
    GenesisAccount a;
    a.code = Bytes(24'577, 0x00);
    cfg.genesis.alloc[address_n(0x55)] = a;
    expect_invalid_genesis(cfg, "24577 bytes");

    cfg.genesis.alloc[address_n(0x55)].code.resize(24'576);
    EXPECT_TRUE(build_genesis(cfg, kTimestamp));
}

TEST(Genesis, ZeroDevAccountsWithoutAllocIsAnEmptyState) {
    NodeConfig cfg = cancun_config();
    cfg.genesis.dev_accounts.count = 0;
    auto genesis = build_genesis(cfg, kTimestamp);
    ASSERT_TRUE(genesis);
    EXPECT_TRUE(genesis->accounts.empty());
    EXPECT_EQ(genesis->header.state_root, expected_state_root({}, {}, {}));
}

// ---- init_chain against a real SQLite store ---------------------------------------------------

std::unique_ptr<storage::ChainStore> open_store(const std::string& path) {
    storage::SqliteOptions options;
    options.path = path;
    auto store = storage::make_sqlite_store(options);
    EXPECT_TRUE(store) << store.error().message();
    return store ? std::move(*store) : nullptr;
}

TEST(InitChain, CreatesThenRecognisesTheSameGenesis) {
    auto store = open_store(":memory:");
    ASSERT_TRUE(store);
    auto genesis = build_genesis(cancun_config(), kTimestamp);
    ASSERT_TRUE(genesis);

    auto first = init_chain(*store, *genesis, {});
    ASSERT_TRUE(first) << first.error().message();
    EXPECT_EQ(*first, InitOutcome::kCreated);
    auto second = init_chain(*store, *genesis, {});
    ASSERT_TRUE(second) << second.error().message();
    EXPECT_EQ(*second, InitOutcome::kExisting);

    auto head = store->head_number();
    ASSERT_TRUE(head);
    EXPECT_EQ(*head, std::optional<uint64_t>{0});
    auto account = store->account(fixed<20>(kHardhatAddresses[0]));
    ASSERT_TRUE(account);
    ASSERT_TRUE(account->has_value());
    EXPECT_EQ((*account)->balance.to_hash(), ten_thousand_ether());
}

TEST(InitChain, RefusesADifferentGenesis) {
    auto store = open_store(":memory:");
    ASSERT_TRUE(store);
    auto genesis = build_genesis(cancun_config(), kTimestamp);
    auto other = build_genesis(cancun_config(), kTimestamp + 1);
    ASSERT_TRUE(genesis && other);
    ASSERT_TRUE(init_chain(*store, *genesis, {}));

    auto r = init_chain(*store, *other, {});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kGenesisMismatch);
    EXPECT_EQ(r.error().context(), "genesis mismatch: stored " + to_hex(genesis->hash.view()) +
                                       ", config " + to_hex(other->hash.view()));
}

TEST(InitChain, FindsTheGenesisAgainAfterReopeningAFile) {
    auto dir = storage::test_util::TempDir::make("yao_config_test_");
    ASSERT_TRUE(dir) << dir.error().message();
    const std::string path = dir->path() + "/chain.sqlite";
    NodeConfig cfg = cancun_config();
    GenesisAccount contract;
    contract.code = Bytes{0x00};
    contract.storage[Uint256{1}.to_hash()] = Uint256{2}.to_hash();
    contract.nonce = 1;
    cfg.genesis.alloc[address_n(0x99)] = contract;
    auto genesis = build_genesis(cfg, kTimestamp);
    ASSERT_TRUE(genesis) << genesis.error().message();
    {
        auto store = open_store(path);
        ASSERT_TRUE(store);
        auto r = init_chain(*store, *genesis, {});
        ASSERT_TRUE(r) << r.error().message();
        EXPECT_EQ(*r, InitOutcome::kCreated);
    }
    auto store = open_store(path);
    ASSERT_TRUE(store);
    auto r = init_chain(*store, *genesis, {});
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(*r, InitOutcome::kExisting);
    auto value = store->storage(address_n(0x99), Uint256{1}.to_hash());
    ASSERT_TRUE(value);
    EXPECT_EQ(*value, Uint256{2}.to_hash());
    auto code = store->code(keccak256(Bytes{0x00}));
    ASSERT_TRUE(code);
    EXPECT_EQ(*code, std::optional<Bytes>{Bytes{0x00}});
}

}  // namespace
}  // namespace yao::config

namespace yao::config {
namespace {

const Address kHistoryContract =
    address_from_hex("0x0000F90827F1C53a10cb7A02335B175320002935").value();

TEST(ForkGenesis, OsakaIsTheDefaultAndPlacesTheHistoryContractAndTheRequestsHash) {
    const NodeConfig cfg = default_config();
    EXPECT_EQ(cfg.genesis.forks.genesis, evm::Revision::kOsaka);
    auto g = build_genesis(cfg, 1'700'000'000);
    ASSERT_TRUE(g) << g.error().message();
    EXPECT_EQ(g->header.requests_hash, chain::kEmptyRequestsHash);
    // sha256 of nothing (EIP-7685: no requests).
    EXPECT_EQ(chain::kEmptyRequestsHash, sha256(BytesView{}));
    bool found = false;
    for (const auto& c : g->accounts) {
        if (c.address != kHistoryContract) continue;
        found = true;
        ASSERT_TRUE(c.account);
        EXPECT_EQ(c.account->nonce, 1u);
        EXPECT_EQ(c.account->code_hash,
                  keccak256(from_hex("3373fffffffffffffffffffffffffffffffffffffffe1460465760203603"
                                     "6042575f35600143038111604257611fff81430311604257611fff9006"
                                     "545f5260205ff35b5f5ffd5b5f35611fff60014303065500")
                                .value()));
    }
    EXPECT_TRUE(found);
    // The header changed with the fork: another genesis than Cancun's.
    auto cancun = build_genesis(cancun_config(), 1'700'000'000);
    ASSERT_TRUE(cancun);
    EXPECT_FALSE(cancun->header.requests_hash);
    EXPECT_NE(cancun->hash, g->hash);
}

TEST(ForkGenesis, APragueActivatedLaterPlacesTheContractButNoRequestsHashAtGenesis) {
    NodeConfig cfg = cancun_config();
    cfg.genesis.forks.prague_time = 1'800'000'000;
    auto g = build_genesis(cfg, 1'700'000'000);
    ASSERT_TRUE(g);
    EXPECT_FALSE(g->header.requests_hash);
    bool found = false;
    for (const auto& c : g->accounts) found = found || c.address == kHistoryContract;
    EXPECT_TRUE(found);
    EXPECT_EQ(cfg.genesis.forks.at(1'799'999'999), evm::Revision::kCancun);
    EXPECT_EQ(cfg.genesis.forks.at(1'800'000'000), evm::Revision::kPrague);
}

TEST(ForkGenesis, AStoreKeepsTheScheduleItWasCreatedWith) {
    auto store = open_store(":memory:");
    ASSERT_TRUE(store);
    NodeConfig osaka = default_config();
    auto g = build_genesis(osaka, 1'700'000'000);
    ASSERT_TRUE(g);
    ASSERT_TRUE(init_chain(*store, *g, osaka.genesis.forks));
    EXPECT_EQ(init_chain(*store, *g, osaka.genesis.forks).value(), InitOutcome::kExisting);

    chain::ForkSchedule later{evm::Revision::kCancun};
    later.prague_time = 1'800'000'000;
    auto r = init_chain(*store, *g, later);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kGenesisMismatch);
    EXPECT_EQ(r.error().context(),
              "fork schedule mismatch: the stored chain runs Osaka at genesis, the configuration "
              "asks for Cancun at genesis, Prague at 1800000000 (genesis.fork, "
              "genesis.prague_time, genesis.osaka_time)");
}

TEST(ForkGenesis, AStoreFromBeforeSchedulesHoldsACancunChain) {
    auto store = open_store(":memory:");
    ASSERT_TRUE(store);
    NodeConfig cancun = cancun_config();
    auto g = build_genesis(cancun, 1'700'000'000);
    ASSERT_TRUE(g);
    // What an older version did: the genesis block without a recorded schedule.
    ASSERT_TRUE(store->commit_block(*g));
    auto osaka = init_chain(*store, *g, default_config().genesis.forks);
    ASSERT_FALSE(osaka);
    EXPECT_NE(osaka.error().context().find("the stored chain runs Cancun at genesis"),
              std::string::npos)
        << osaka.error().context();
    EXPECT_EQ(init_chain(*store, *g, cancun.genesis.forks).value(), InitOutcome::kExisting);
}

TEST(ForkGenesis, ConfigReadsAndChecksTheSchedule) {
    auto ok = parse_config(R"({"genesis": {"fork": "cancun", "prague_time": 10,
                                           "osaka_time": 20}})");
    ASSERT_TRUE(ok) << ok.error().message();
    EXPECT_EQ(ok->genesis.forks.genesis, evm::Revision::kCancun);
    EXPECT_EQ(ok->genesis.forks.prague_time, std::optional<uint64_t>{10});
    EXPECT_EQ(ok->genesis.forks.at(25), evm::Revision::kOsaka);
    auto round = parse_config(to_json(*ok));
    ASSERT_TRUE(round) << round.error().message();
    EXPECT_EQ(round->genesis.forks, ok->genesis.forks);

    for (const char* bad : {R"({"genesis": {"fork": "Shanghai"}})",
                            R"({"genesis": {"fork": "Amsterdam"}})",
                            R"({"genesis": {"fork": "Osaka", "prague_time": 5}})",
                            R"({"genesis": {"fork": "Cancun", "osaka_time": 5}})",
                            R"({"genesis": {"fork": "Cancun", "prague_time": 9, "osaka_time": 5}})"}) {
        EXPECT_FALSE(parse_config(bad)) << bad;
    }
}

}  // namespace
}  // namespace yao::config
