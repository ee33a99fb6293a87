// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "genesis.hpp"

#include <limits>
#include <map>
#include <string>

#include <yao/chain/block.hpp>
#include <yao/chain/system_contracts.hpp>
#include <yao/chain/trie.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/state/state_diff.hpp>

#include "dev_accounts.hpp"

namespace yao::config {
namespace {

constexpr size_t kMaxCodeSize = 24'576;  // EIP-170
constexpr std::string_view kExtraData = "yaoverse";

// The setting that records a chain's fork schedule (ChainStore::pin_setting).
constexpr std::string_view kForkScheduleSetting = "fork_schedule";

std::unexpected<Error> bad_account(const Address& address, std::string_view rule) {
    return fail(Errc::kInvalidGenesis,
                "genesis account " + to_hex(address.view()) + ": " + std::string{rule});
}

}  // namespace

Result<storage::BlockCommit> build_genesis(const NodeConfig& cfg, uint64_t timestamp_if_zero) {
    const uint64_t timestamp =
        cfg.genesis.timestamp != 0 ? cfg.genesis.timestamp : timestamp_if_zero;
    if (timestamp > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        return fail(Errc::kInvalidValue, "genesis.timestamp: must be <= 2^63-1");
    }

    // Every account of block 0, sorted by address.
    std::map<Address, GenesisAccount> alloc;
    const auto& dev = cfg.genesis.dev_accounts;
    YAO_TRY(const auto dev_accounts, derive_dev_accounts(dev.mnemonic, dev.count));
    for (const auto& account : dev_accounts) {
        alloc[account.address].balance = dev.balance;
    }
    for (const auto& [address, account] : cfg.genesis.alloc) {
        if (alloc.contains(address)) {
            return bad_account(address, "is both a dev account and in genesis.alloc");
        }
        alloc[address] = account;
    }
    if (cfg.genesis.forks.includes(evm::Revision::kPrague)) {
        // EIP-2935: the history contract as the EIP deploys it (nonce 1).
        const Address& history = chain::history_storage_address();
        if (alloc.contains(history))
            return bad_account(history, "is the EIP-2935 history contract, placed by the genesis");
        alloc[history] = GenesisAccount{{}, 1, chain::history_storage_code(), {}};
    }

    storage::BlockCommit commit;
    state::StateDiff diff;
    std::map<Hash256, Bytes> code_by_hash;
    for (const auto& [address, account] : alloc) {
        if (account.code.size() > kMaxCodeSize) {
            return bad_account(address, "code of " + std::to_string(account.code.size()) +
                                            " bytes exceeds 24576 (EIP-170)");
        }
        state::Account a;
        a.nonce = account.nonce;
        a.balance = account.balance;
        if (!account.code.empty()) {
            a.code_hash = keccak256(account.code);
            code_by_hash.emplace(a.code_hash, account.code);
        }
        if (a.is_empty()) {
            return bad_account(address, account.storage.empty()
                                            ? "empty account (no nonce, balance or code)"
                                            : "storage on an account without nonce, balance "
                                              "or code (EIP-161 would delete it)");
        }
        diff.accounts.push_back({address, a});
        commit.accounts.push_back({address, a});
        for (const auto& [slot, value] : account.storage) {
            if (value.is_zero()) continue;  // zero is the absence of a slot
            diff.storage.push_back({address, slot, value});
            commit.storage.push_back({address, slot, value});
        }
    }
    for (const auto& [hash, code] : code_by_hash) {
        diff.code.push_back({hash, code});
        commit.code.push_back({hash, code});
    }
    state::sort_state_diff(diff);
    YAO_TRY(const Hash256 state_root, state::chained_state_root(Hash256{}, diff));

    auto& h = commit.header;
    h.parent_hash = Hash256{};
    h.ommers_hash = chain::kEmptyOmmersHash;
    h.coinbase = cfg.chain.coinbase;
    h.state_root = state_root;
    h.transactions_root = chain::kEmptyTrieRoot;
    h.receipts_root = chain::kEmptyTrieRoot;
    h.logs_bloom = Bloom{};
    h.difficulty = Uint256{0};
    h.number = 0;
    h.gas_limit = cfg.chain.gas_limit;
    h.gas_used = 0;
    h.timestamp = timestamp;
    h.extra_data = Bytes{as_bytes(kExtraData)};
    h.prev_randao = Hash256{};
    h.nonce = FixedBytes<8>{};
    h.base_fee_per_gas = cfg.chain.base_fee;
    h.withdrawals_root = chain::kEmptyTrieRoot;
    h.blob_gas_used = 0;
    h.excess_blob_gas = 0;
    h.parent_beacon_block_root = Hash256{};
    if (cfg.genesis.forks.genesis >= evm::Revision::kPrague) h.requests_hash = chain::kEmptyRequestsHash;
    commit.hash = chain::header_hash(h);
    return commit;
}

Result<InitOutcome> init_chain(storage::ChainStore& store, const storage::BlockCommit& genesis,
                               const chain::ForkSchedule& forks) {
    YAO_TRY(const auto head, store.head_number());
    // A chain stored before schedules were recorded ran Cancun from genesis.
    const std::string mine = chain::describe(forks);
    YAO_TRY(const std::string stored,
            store.pin_setting(kForkScheduleSetting,
                              head ? chain::describe(chain::ForkSchedule{evm::Revision::kCancun})
                                   : mine));
    if (stored != mine)
        return fail(Errc::kGenesisMismatch, "fork schedule mismatch: the stored chain runs " +
                                                stored + ", the configuration asks for " + mine +
                                                " (genesis.fork, genesis.prague_time, "
                                                "genesis.osaka_time)");
    if (!head) {
        YAO_TRY(const auto outcome, store.commit_block(genesis));
        return outcome == storage::CommitOutcome::kCommitted ? InitOutcome::kCreated
                                                             : InitOutcome::kExisting;
    }
    YAO_TRY(const auto block0, store.block_by_number(0, false));
    if (!block0) {
        return fail(Errc::kGenesisMismatch, "the store has a head but no block 0");
    }
    if (block0->hash != genesis.hash) {
        return fail(Errc::kGenesisMismatch, "genesis mismatch: stored " +
                                                to_hex(block0->hash.view()) + ", config " +
                                                to_hex(genesis.hash.view()));
    }
    return InitOutcome::kExisting;
}

}  // namespace yao::config
