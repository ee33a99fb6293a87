// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The shared ChainStore suite, part 3: blocks bigger than one SQL statement. A commit writes its
// rows with multi-row statements of a bounded number of parameters and bytes, in chunks; these
// blocks cross every chunk boundary (rows per statement, keys per read, bytes per statement)
// with every kind of row, and everything must read back exactly as committed. Runs on every
// backend.
#include <map>
#include <optional>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/storage/test_util/store_fixture.hpp>

namespace yao::storage::test_util {
namespace {

// Sizes chosen against the commit's limits (4,096 parameters and 4 MiB per statement, 256
// accounts and 128 slots per read): 300 transactions (19 columns: 128 per statement), 900 logs
// (12 columns: 256 per statement), 1,320 account changes (5 columns: 512 per statement, 256 per
// read), 1,210 slot changes (4 columns: 1,024 per statement, 128 per read), and 5 MiB of calldata.
constexpr size_t kGenesisAccounts = 800;
constexpr size_t kGenesisSlots = 900;
constexpr size_t kTransactions = 300;
constexpr size_t kBigCalldataTxns = 40;
constexpr size_t kBigCalldataSize = 128 * 1024;

state::Account genesis_account(size_t i) {
    return {i, Uint256{1'000 * i + 1}, state::kEmptyCodeHash};
}
Address genesis_address(size_t i) {
    return test_address(0x6000'0000 + i);
}
Hash256 genesis_slot(size_t i) {
    return test_hash(0x5100'0000 + i);
}
Hash256 genesis_value(size_t i) {
    return test_hash(0x5200'0000 + i);
}

class BulkCommitTest : public StoreTest {
protected:
    /// Genesis: kGenesisAccounts accounts and kGenesisSlots token slots for block 1 to change.
    BlockCommit genesis() const {
        auto b = next_block({.transfers = 0, .deploy_token = true});
        for (size_t i = 0; i < kGenesisAccounts; ++i)
            b.accounts.push_back({genesis_address(i), genesis_account(i)});
        for (size_t i = 0; i < kGenesisSlots; ++i)
            b.storage.push_back({token_address(), genesis_slot(i), genesis_value(i)});
        return b;
    }

    /// Block 1: every kind of row, each kind past its statement and read chunk sizes.
    BlockCommit big_block() const {
        auto b = next_block({.transfers = kTransactions, .logs_per_txn = 3});
        // Logs with 0 to 4 topics and data of varied length (NULL topics, empty data).
        for (size_t i = 0; i < kTransactions; ++i) {
            auto& logs = b.transactions[i].receipt.logs;
            for (size_t k = 0; k < logs.size(); ++k) {
                const size_t topics = (i + k) % 5;
                logs[k].topics.resize(std::min(topics, logs[k].topics.size()));
                while (logs[k].topics.size() < topics)
                    logs[k].topics.push_back(test_hash(0x70'0000 + 10 * i + k));
                logs[k].data.assign((i * 7 + k) % 70, static_cast<uint8_t>(i));
            }
        }
        // Calldata totalling more than one statement may carry.
        for (size_t i = 0; i < kBigCalldataTxns; ++i)
            b.transactions[i].txn.data.assign(kBigCalldataSize, static_cast<uint8_t>(0x11 + i));
        // Accounts: 600 created by the transfers, 500 genesis accounts changed, 200 deleted,
        // 20 that never existed deleted (nothing to delete, a history row all the same).
        for (size_t i = 0; i < 500; ++i)
            b.accounts.push_back(
                {genesis_address(i),
                 state::Account{i + 7, Uint256{3 * i}, keccak256(test_hash(i).view())}});
        for (size_t i = 500; i < 700; ++i) b.accounts.push_back({genesis_address(i), std::nullopt});
        for (size_t i = 0; i < 20; ++i)
            b.accounts.push_back({test_address(0x7700 + i), std::nullopt});
        // Slots: 600 changed, 300 cleared, 300 new, 10 never-set ones written zero.
        for (size_t i = 0; i < 600; ++i)
            b.storage.push_back({token_address(), genesis_slot(i), test_hash(0x5300'0000 + i)});
        for (size_t i = 600; i < kGenesisSlots; ++i)
            b.storage.push_back({token_address(), genesis_slot(i), Hash256{}});
        for (size_t i = 0; i < 300; ++i)
            b.storage.push_back({counter_address(), test_hash(0x5400'0000 + i), test_hash(i + 1)});
        for (size_t i = 0; i < 10; ++i)
            b.storage.push_back({counter_address(), test_hash(0x5500'0000 + i), Hash256{}});
        // Code: new entries and the token's again (already stored by genesis).
        for (uint8_t i = 0; i < 3; ++i) {
            Bytes code(100 + i, i);
            b.code.push_back({keccak256(code), code});
        }
        b.code.push_back({keccak256(token_code()), token_code()});
        seal_block(b);
        return b;
    }
};

/// The value each account / slot of `blocks` has after the last of them (nullopt: absent).
std::map<Address, std::optional<state::Account>> accounts_after(
    std::initializer_list<const BlockCommit*> blocks) {
    std::map<Address, std::optional<state::Account>> out;
    for (const auto* b : blocks)
        for (const auto& ch : b->accounts) out[ch.address] = ch.account;
    return out;
}

std::map<StorageKey, Hash256> storage_after(std::initializer_list<const BlockCommit*> blocks) {
    std::map<StorageKey, Hash256> out;
    for (const auto* b : blocks)
        for (const auto& ch : b->storage) out[{ch.address, ch.slot}] = ch.value;
    return out;
}

TEST_P(BulkCommitTest, ABlockSpanningManyStatementsReadsBackExactly) {
    const auto b0 = genesis();
    commit(b0);
    const auto b1 = big_block();
    commit(b1);

    // Transactions, in block order, with their position.
    YAO_ASSERT_OK_AND_ASSIGN(auto block, store_->block_by_number(1, true));
    ASSERT_TRUE(block);
    EXPECT_EQ(block->hash, b1.hash);
    EXPECT_EQ(block->header, b1.header);
    ASSERT_EQ(block->transactions.size(), kTransactions);
    for (size_t i = 0; i < kTransactions; ++i) {
        const auto& got = block->transactions[i];
        EXPECT_EQ(got.txn, b1.transactions[i].txn) << i;
        EXPECT_EQ(got.hash, b1.transactions[i].hash) << i;
        EXPECT_EQ(got.sender, b1.transactions[i].sender) << i;
        EXPECT_EQ(got.index, i);
    }

    // Receipts with their logs, and the block's logs in order with block-level indexes.
    YAO_ASSERT_OK_AND_ASSIGN(auto receipts, store_->block_receipts(1));
    ASSERT_TRUE(receipts);
    ASSERT_EQ(receipts->size(), kTransactions);
    std::vector<StoredLog> expected_logs;
    for (size_t i = 0; i < kTransactions; ++i) {
        const auto& t = b1.transactions[i];
        const auto& got = (*receipts)[i];
        EXPECT_EQ(got.receipt, t.receipt) << i;
        EXPECT_EQ(got.transaction_hash, t.hash) << i;
        EXPECT_EQ(got.from, t.sender) << i;
        EXPECT_EQ(got.to, t.txn.to) << i;
        EXPECT_EQ(got.gas_used, t.gas_used) << i;
        EXPECT_EQ(got.effective_gas_price, t.effective_gas_price) << i;
        EXPECT_EQ(got.first_log_index, expected_logs.size()) << i;
        for (const auto& log : t.receipt.logs)
            expected_logs.push_back({log, b1.hash, 1, t.hash, static_cast<uint32_t>(i),
                                     static_cast<uint32_t>(expected_logs.size())});
    }
    YAO_ASSERT_OK_AND_ASSIGN(auto logs, store_->logs({.from_block = 1, .to_block = 1, .limit = 0}));
    ASSERT_EQ(logs.size(), 3 * kTransactions);
    EXPECT_EQ(logs, expected_logs);

    // State at the head: every key either block wrote, deletions included.
    const auto accounts = accounts_after({&b0, &b1});
    std::vector<Address> addrs;
    for (const auto& [a, v] : accounts) addrs.push_back(a);
    YAO_ASSERT_OK_AND_ASSIGN(auto head_accounts, store_->accounts_batch(addrs));
    EXPECT_EQ(head_accounts.head, 1u);
    ASSERT_EQ(head_accounts.values.size(), addrs.size());
    for (size_t i = 0; i < addrs.size(); ++i)
        EXPECT_EQ(head_accounts.values[i].value, accounts.at(addrs[i])) << i;

    const auto slots = storage_after({&b0, &b1});
    std::vector<StorageKey> keys;
    for (const auto& [k, v] : slots) keys.push_back(k);
    YAO_ASSERT_OK_AND_ASSIGN(auto head_slots, store_->storage_batch(keys));
    ASSERT_EQ(head_slots.values.size(), keys.size());
    for (size_t i = 0; i < keys.size(); ++i)
        EXPECT_EQ(head_slots.values[i].value, slots.at(keys[i])) << i;

    // State before block 1, from the history rows written with the previous values.
    const auto before = accounts_after({&b0});
    for (const auto& a : addrs) {
        YAO_ASSERT_OK_AND_ASSIGN(auto at0, store_->account_at(a, 0));
        const auto it = before.find(a);
        EXPECT_EQ(at0, it == before.end() ? std::nullopt : it->second);
    }
    const auto slots_before = storage_after({&b0});
    for (const auto& k : keys) {
        YAO_ASSERT_OK_AND_ASSIGN(auto at0, store_->storage_at(k.address, k.slot, 0));
        const auto it = slots_before.find(k);
        EXPECT_EQ(at0, it == slots_before.end() ? Hash256{} : it->second);
    }

    // Versions: the changed keys were written by block 1, the untouched ones by genesis.
    YAO_ASSERT_OK_AND_ASSIGN(auto changed, store_->account_versioned(genesis_address(0)));
    EXPECT_EQ(changed.version, 1u);
    YAO_ASSERT_OK_AND_ASSIGN(auto deleted, store_->account_versioned(genesis_address(600)));
    EXPECT_EQ(deleted, (Versioned<std::optional<state::Account>>{std::nullopt, 1}));
    YAO_ASSERT_OK_AND_ASSIGN(auto untouched, store_->account_versioned(genesis_address(750)));
    EXPECT_EQ(untouched, (Versioned<std::optional<state::Account>>{genesis_account(750), 0}));

    // Code, including the entry genesis had stored already.
    for (const auto& entry : b1.code) {
        YAO_ASSERT_OK_AND_ASSIGN(auto code, store_->code(entry.code_hash));
        EXPECT_EQ(code, entry.code);
    }

    // Committing it again changes nothing.
    YAO_ASSERT_OK_AND_ASSIGN(auto again, store_->commit_block(b1));
    EXPECT_EQ(again, CommitOutcome::kAlreadyCommitted);
    YAO_ASSERT_OK_AND_ASSIGN(auto head_again, store_->accounts_batch(addrs));
    EXPECT_EQ(head_again.values, head_accounts.values);
}

/// Expects that nothing of `b1` was stored and the state is genesis's.
void expect_only_genesis(ChainStore& store, const BlockCommit& b1) {
    YAO_ASSERT_OK_AND_ASSIGN(auto head, store.head_number());
    EXPECT_EQ(head, 0u);
    YAO_ASSERT_OK_AND_ASSIGN(auto block, store.block_by_number(1, false));
    EXPECT_EQ(block, std::nullopt);
    for (size_t i : {size_t{0}, kTransactions / 2, kTransactions - 2}) {
        YAO_ASSERT_OK_AND_ASSIGN(auto txn, store.transaction(b1.transactions[i].hash));
        EXPECT_EQ(txn, std::nullopt) << i;
    }
    YAO_ASSERT_OK_AND_ASSIGN(auto logs, store.logs({.from_block = 1, .to_block = 1, .limit = 0}));
    EXPECT_TRUE(logs.empty());
    for (size_t i : {size_t{0}, size_t{450}, size_t{600}}) {
        YAO_ASSERT_OK_AND_ASSIGN(auto a, store.account(genesis_address(i)));
        EXPECT_EQ(a, genesis_account(i)) << i;
        YAO_ASSERT_OK_AND_ASSIGN(auto at0, store.account_at(genesis_address(i), 0));
        EXPECT_EQ(at0, genesis_account(i)) << i;
        YAO_ASSERT_OK_AND_ASSIGN(auto v, store.storage(token_address(), genesis_slot(i)));
        EXPECT_EQ(v, genesis_value(i)) << i;
    }
}

TEST_P(BulkCommitTest, ADuplicateInTheLastStatementRollsBackTheEarlierOnes) {
    auto b0 = genesis();
    b0.transactions = make_block({.number = 0, .transfers = 1}).transactions;
    seal_block(b0);
    commit(b0);
    // The block's last transaction is genesis's: the last statement of transactions fails,
    // after the block row and 296 transactions were written by the statements before it.
    auto b1 = big_block();
    b1.transactions.back() = b0.transactions.front();
    seal_block(b1);
    YAO_ASSERT_ERROR(store_->commit_block(b1), Errc::kDuplicateTransaction);
    expect_only_genesis(*store_, b1);
}

TEST_P(BulkCommitTest, ACorruptPreviousValueFailsTheCommitAndWritesNothing) {
    if (!reopenable()) GTEST_SKIP() << "raw SQL needs a database another connection can open";
    const auto b0 = genesis();
    commit(b0);
    // Reading the previous values of the accounts comes after every transaction, receipt and
    // log row of the block was written; one malformed stored balance stops the whole commit.
    YAO_ASSERT_OK(db_->execute_raw("UPDATE accounts SET balance = '12x' WHERE address = '" +
                                   to_hex(genesis_address(450).view()) + "'"));
    const auto b1 = big_block();
    YAO_ASSERT_ERROR(store_->commit_block(b1), Errc::kCorruptRow);
    YAO_ASSERT_OK(db_->execute_raw("UPDATE accounts SET balance = '" +
                                   genesis_account(450).balance.to_dec() + "' WHERE address = '" +
                                   to_hex(genesis_address(450).view()) + "'"));
    expect_only_genesis(*store_, b1);
    commit(b1);  // and once repaired, the same block commits
}

INSTANTIATE_TEST_SUITE_P(Backends, BulkCommitTest, all_backends(), backend_param_name);

}  // namespace
}  // namespace yao::storage::test_util
