// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The shared ChainStore suite, part 1: committing blocks and reading blocks, transactions and
// receipts back; commit semantics (idempotent re-commit, wrong numbers, duplicates, malformed
// input, concurrent committers). Runs on every backend.
#include <thread>

#include <yao/chain/block.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/storage/test_util/store_fixture.hpp>

namespace yao::storage::test_util {
namespace {

using chain::TxType;

class ChainStoreTest : public StoreTest {};

TEST_P(ChainStoreTest, EmptyStoreHasNoHeadNoBlocksAndNoState) {
    YAO_ASSERT_OK_AND_ASSIGN(auto head, store_->head_number());
    EXPECT_EQ(head, std::nullopt);
    YAO_ASSERT_OK_AND_ASSIGN(auto block, store_->block_by_number(0, true));
    EXPECT_EQ(block, std::nullopt);
    YAO_ASSERT_OK_AND_ASSIGN(auto receipts, store_->block_receipts(0));
    EXPECT_EQ(receipts, std::nullopt);
    YAO_ASSERT_OK_AND_ASSIGN(auto account, store_->account(counter_address()));
    EXPECT_EQ(account, std::nullopt);
    YAO_ASSERT_OK_AND_ASSIGN(auto slot, store_->storage(counter_address(), counter_slot()));
    EXPECT_EQ(slot, Hash256{});
    YAO_ASSERT_OK_AND_ASSIGN(auto versioned, store_->account_versioned(counter_address()));
    EXPECT_EQ(versioned.value, std::nullopt);
    EXPECT_EQ(versioned.version, 0u);
    YAO_ASSERT_OK_AND_ASSIGN(auto logs, store_->logs({.from_block = 0, .to_block = 100}));
    EXPECT_TRUE(logs.empty());
    YAO_ASSERT_ERROR(store_->account_at(counter_address(), 0), Errc::kUnknownBlock);
}

TEST_P(ChainStoreTest, GenesisBlockReadsBackByNumberAndHash) {
    const auto genesis = next_block({.transfers = 3, .logs_per_txn = 1, .deploy_token = true});
    YAO_ASSERT_OK_AND_ASSIGN(auto outcome, store_->commit_block(genesis));
    EXPECT_EQ(outcome, CommitOutcome::kCommitted);
    YAO_ASSERT_OK_AND_ASSIGN(auto head, store_->head_number());
    EXPECT_EQ(head, 0u);

    YAO_ASSERT_OK_AND_ASSIGN(auto by_number, store_->block_by_number(0, false));
    ASSERT_TRUE(by_number);
    EXPECT_EQ(by_number->header, genesis.header);
    EXPECT_EQ(by_number->hash, genesis.hash);
    ASSERT_EQ(by_number->transaction_hashes.size(), 3u);
    for (size_t i = 0; i < 3; ++i)
        EXPECT_EQ(by_number->transaction_hashes[i], genesis.transactions[i].hash);
    EXPECT_TRUE(by_number->transactions.empty());

    YAO_ASSERT_OK_AND_ASSIGN(auto by_hash, store_->block_by_hash(genesis.hash, true));
    ASSERT_TRUE(by_hash);
    EXPECT_EQ(by_hash->header, genesis.header);
    ASSERT_EQ(by_hash->transactions.size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
        const auto& t = by_hash->transactions[i];
        EXPECT_EQ(t.txn, genesis.transactions[i].txn);
        EXPECT_EQ(t.hash, genesis.transactions[i].hash);
        EXPECT_EQ(t.sender, genesis.transactions[i].sender);
        EXPECT_EQ(t.block_hash, genesis.hash);
        EXPECT_EQ(t.block_num, 0u);
        EXPECT_EQ(t.index, i);
    }
    YAO_ASSERT_OK_AND_ASSIGN(auto unknown, store_->block_by_hash(test_hash(1), false));
    EXPECT_EQ(unknown, std::nullopt);
    YAO_ASSERT_OK_AND_ASSIGN(auto next, store_->block_by_number(1, false));
    EXPECT_EQ(next, std::nullopt);
}

TEST_P(ChainStoreTest, TransactionAndReceiptByHashCarryTheirChainPosition) {
    commit(next_block({.transfers = 1}));
    const auto block = next_block({.transfers = 3, .logs_per_txn = 2});
    commit(block);
    const auto& second = block.transactions[1];

    YAO_ASSERT_OK_AND_ASSIGN(auto txn, store_->transaction(second.hash));
    ASSERT_TRUE(txn);
    EXPECT_EQ(txn->txn, second.txn);
    EXPECT_EQ(txn->sender, second.sender);
    EXPECT_EQ(txn->block_hash, block.hash);
    EXPECT_EQ(txn->block_num, 1u);
    EXPECT_EQ(txn->index, 1u);

    YAO_ASSERT_OK_AND_ASSIGN(auto receipt, store_->receipt(second.hash));
    ASSERT_TRUE(receipt);
    EXPECT_EQ(receipt->receipt, second.receipt);  // status, cumulative gas, bloom, logs
    EXPECT_EQ(receipt->receipt.cumulative_gas_used, 42'000u);
    EXPECT_EQ(receipt->transaction_hash, second.hash);
    EXPECT_EQ(receipt->transaction_index, 1u);
    EXPECT_EQ(receipt->block_hash, block.hash);
    EXPECT_EQ(receipt->block_num, 1u);
    EXPECT_EQ(receipt->from, second.sender);
    EXPECT_EQ(receipt->to, second.txn.to);
    EXPECT_EQ(receipt->gas_used, 21'000u);
    EXPECT_EQ(receipt->effective_gas_price, Uint256{1'000'000'007});
    EXPECT_EQ(receipt->contract_address, std::nullopt);
    EXPECT_EQ(receipt->first_log_index, 2u);  // after the two logs of transaction 0

    YAO_ASSERT_OK_AND_ASSIGN(auto missing, store_->transaction(test_hash(99)));
    EXPECT_EQ(missing, std::nullopt);
    YAO_ASSERT_OK_AND_ASSIGN(auto no_receipt, store_->receipt(test_hash(99)));
    EXPECT_EQ(no_receipt, std::nullopt);
}

TEST_P(ChainStoreTest, BlockReceiptsAreInTransactionOrderWithTheirLogs) {
    const auto block = next_block({.transfers = 4, .logs_per_txn = 2});
    commit(block);
    YAO_ASSERT_OK_AND_ASSIGN(auto receipts, store_->block_receipts(0));
    ASSERT_TRUE(receipts);
    ASSERT_EQ(receipts->size(), 4u);
    for (size_t i = 0; i < 4; ++i) {
        EXPECT_EQ((*receipts)[i].transaction_hash, block.transactions[i].hash);
        EXPECT_EQ((*receipts)[i].receipt, block.transactions[i].receipt);
        EXPECT_EQ((*receipts)[i].first_log_index, 2 * i);
        EXPECT_EQ((*receipts)[i].receipt.logs.size(), 2u);
    }
}

TEST_P(ChainStoreTest, EmptyBlockHasAnEmptyReceiptList) {
    commit(next_block({.transfers = 0, .counter = false}));
    YAO_ASSERT_OK_AND_ASSIGN(auto block, store_->block_by_number(0, true));
    ASSERT_TRUE(block);
    EXPECT_TRUE(block->transactions.empty());
    EXPECT_EQ(block->header.gas_used, 0u);
    YAO_ASSERT_OK_AND_ASSIGN(auto receipts, store_->block_receipts(0));
    ASSERT_TRUE(receipts);
    EXPECT_TRUE(receipts->empty());
}

TEST_P(ChainStoreTest, EveryTransactionTypeAndExtremeAmountRoundTrip) {
    auto block = next_block({.transfers = 0, .counter = false});
    const Uint256 max = Uint256::max();
    const Uint256 two_to_255 = Uint256{1} << 255;

    chain::Transaction legacy_unprotected;  // pre-EIP-155: no chain id, v = 27/28
    legacy_unprotected.nonce = 0;
    legacy_unprotected.gas_price = Uint256{20'000'000'000ULL};
    legacy_unprotected.gas_limit = 21'000;
    legacy_unprotected.to = test_address(1);
    legacy_unprotected.value = two_to_255;
    legacy_unprotected.y_parity = 1;
    legacy_unprotected.r = Uint256{111};
    legacy_unprotected.s = Uint256{222};

    chain::Transaction access_list;  // EIP-2930 with an access list
    access_list.type = TxType::kAccessList;
    access_list.chain_id = 7777;
    access_list.nonce = 5;
    access_list.gas_price = max;
    access_list.gas_limit = 50'000;
    access_list.to = test_address(2);
    access_list.data = Bytes{0xa9, 0x05, 0x9c, 0xbb};
    access_list.access_list = {{test_address(3), {test_hash(1), test_hash(2)}}};
    access_list.r = Uint256{333};
    access_list.s = Uint256{444};

    chain::Transaction creation;  // EIP-1559 contract creation
    creation.type = TxType::kDynamicFee;
    creation.chain_id = 7777;
    creation.nonce = 9;
    creation.max_fee_per_gas = Uint256{3'000'000'000ULL};
    creation.max_priority_fee_per_gas = Uint256{2};
    creation.gas_limit = 100'000;
    creation.data = token_code();
    creation.y_parity = 1;
    creation.r = Uint256{555};
    creation.s = Uint256{666};

    const std::vector<chain::Transaction> txns{legacy_unprotected, access_list, creation};
    for (size_t i = 0; i < txns.size(); ++i) {
        TransactionCommit t;
        t.txn = txns[i];
        t.sender = test_address(100 + i);
        t.gas_used = 21'000 + 1000 * i;
        t.effective_gas_price = i == 1 ? max : Uint256{7};
        t.receipt.success = i != 1;
        if (i == 2) t.contract_address = test_address(0xc0de);
        block.transactions.push_back(t);
    }
    block.accounts.push_back({test_address(100), state::Account{1, max, state::kEmptyCodeHash}});
    seal_block(block);
    commit(block);

    YAO_ASSERT_OK_AND_ASSIGN(auto stored, store_->block_by_number(0, true));
    ASSERT_TRUE(stored);
    ASSERT_EQ(stored->transactions.size(), 3u);
    for (size_t i = 0; i < 3; ++i) EXPECT_EQ(stored->transactions[i].txn, txns[i]) << i;
    EXPECT_EQ(stored->transactions[0].txn.value, two_to_255);

    YAO_ASSERT_OK_AND_ASSIGN(auto failed, store_->receipt(block.transactions[1].hash));
    ASSERT_TRUE(failed);
    EXPECT_FALSE(failed->receipt.success);
    EXPECT_EQ(failed->receipt.type, TxType::kAccessList);
    EXPECT_EQ(failed->effective_gas_price, max);

    YAO_ASSERT_OK_AND_ASSIGN(auto created, store_->receipt(block.transactions[2].hash));
    ASSERT_TRUE(created);
    EXPECT_EQ(created->to, std::nullopt);
    EXPECT_EQ(created->contract_address, test_address(0xc0de));
    EXPECT_EQ(created->receipt.cumulative_gas_used, 21'000u + 22'000u + 23'000u);

    YAO_ASSERT_OK_AND_ASSIGN(auto rich, store_->account(test_address(100)));
    ASSERT_TRUE(rich);
    EXPECT_EQ(rich->balance, max);
}

TEST_P(ChainStoreTest, RecommittingACommittedBlockIsANoOpThatSaysSo) {
    const auto b0 = next_block({.transfers = 2});
    commit(b0);
    const auto b1 = next_block({.transfers = 2});
    commit(b1);
    YAO_ASSERT_OK_AND_ASSIGN(auto again, store_->commit_block(b1));
    EXPECT_EQ(again, CommitOutcome::kAlreadyCommitted);
    YAO_ASSERT_OK_AND_ASSIGN(auto older, store_->commit_block(b0));
    EXPECT_EQ(older, CommitOutcome::kAlreadyCommitted);
    YAO_ASSERT_OK_AND_ASSIGN(auto head, store_->head_number());
    EXPECT_EQ(head, 1u);
    YAO_ASSERT_OK_AND_ASSIGN(auto block, store_->block_by_number(1, false));
    ASSERT_TRUE(block);
    EXPECT_EQ(block->transaction_hashes.size(), 2u);
}

TEST_P(ChainStoreTest, ADifferentBlockAtACommittedNumberIsAConflict) {
    commit(next_block());
    const auto b1 = next_block();
    commit(b1);
    auto other = b1;
    other.header.timestamp += 1;
    other.hash = chain::header_hash(other.header);
    YAO_ASSERT_ERROR(store_->commit_block(other), Errc::kBlockConflict);
    YAO_ASSERT_OK_AND_ASSIGN(auto stored, store_->block_by_number(1, false));
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->hash, b1.hash);
}

TEST_P(ChainStoreTest, ABlockThatIsNotHeadPlusOneIsRejected) {
    auto b1 = make_block({.number = 1});
    YAO_ASSERT_ERROR(store_->commit_block(b1), Errc::kWrongBlockNumber);
    commit(next_block());
    auto b2 = make_block({.number = 2, .parent_hash = parent_hash_});
    YAO_ASSERT_ERROR(store_->commit_block(b2), Errc::kWrongBlockNumber);
    YAO_ASSERT_OK_AND_ASSIGN(auto head, store_->head_number());
    EXPECT_EQ(head, 0u);
    YAO_ASSERT_OK_AND_ASSIGN(auto none, store_->block_by_number(2, false));
    EXPECT_EQ(none, std::nullopt);
}

TEST_P(ChainStoreTest, ABlockOnTheWrongParentIsRejected) {
    commit(next_block());
    auto b1 = make_block({.number = 1, .parent_hash = test_hash(42)});
    YAO_ASSERT_ERROR(store_->commit_block(b1), Errc::kParentMismatch);
    YAO_ASSERT_OK_AND_ASSIGN(auto head, store_->head_number());
    EXPECT_EQ(head, 0u);
}

TEST_P(ChainStoreTest, ADuplicateTransactionHashRollsBackTheWholeBlock) {
    commit(next_block());
    const auto b1 = next_block({.transfers = 2, .logs_per_txn = 1});
    commit(b1);
    auto b2 = next_block({.transfers = 300, .logs_per_txn = 1});
    b2.transactions[250] = b1.transactions[0];  // already stored in block 1
    seal_block(b2);
    auto result = store_->commit_block(b2);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code(), Error{Errc::kDuplicateTransaction}.code());
    EXPECT_NE(result.error().context().find("block 1"), std::string::npos)
        << result.error().message();

    // Nothing of block 2 is there: not the block, its other transactions, receipts, logs,
    // accounts, or the counter's new value.
    YAO_ASSERT_OK_AND_ASSIGN(auto head, store_->head_number());
    EXPECT_EQ(head, 1u);
    YAO_ASSERT_OK_AND_ASSIGN(auto block, store_->block_by_number(2, false));
    EXPECT_EQ(block, std::nullopt);
    YAO_ASSERT_OK_AND_ASSIGN(auto first, store_->transaction(b2.transactions[0].hash));
    EXPECT_EQ(first, std::nullopt);
    YAO_ASSERT_OK_AND_ASSIGN(auto receipt, store_->receipt(b2.transactions[299].hash));
    EXPECT_EQ(receipt, std::nullopt);
    YAO_ASSERT_OK_AND_ASSIGN(auto logs, store_->logs({.from_block = 2, .to_block = 2}));
    EXPECT_TRUE(logs.empty());
    YAO_ASSERT_OK_AND_ASSIGN(auto sender, store_->account(b2.transactions[0].sender));
    EXPECT_EQ(sender, std::nullopt);
    YAO_ASSERT_OK_AND_ASSIGN(auto counter, store_->account_versioned(counter_address()));
    ASSERT_TRUE(counter.value);
    EXPECT_EQ(counter.value->balance, Uint256{1});
    EXPECT_EQ(counter.version, 1u);
    // The original is untouched, and block 1 still holds it.
    YAO_ASSERT_OK_AND_ASSIGN(auto original, store_->transaction(b1.transactions[0].hash));
    ASSERT_TRUE(original);
    EXPECT_EQ(original->block_num, 1u);

    // A correct block 2 commits afterwards.
    commit(next_block({.transfers = 300, .logs_per_txn = 1}));
}

TEST_P(ChainStoreTest, TheSameTransactionTwiceInABlockIsRejected) {
    auto b0 = next_block({.transfers = 2});
    b0.transactions[1] = b0.transactions[0];
    seal_block(b0);
    YAO_ASSERT_ERROR(store_->commit_block(b0), Errc::kDuplicateTransaction);
}

TEST_P(ChainStoreTest, MalformedCommitsAreRejectedAndChangeNothing) {
    commit(next_block());
    const auto good = next_block({.transfers = 3, .logs_per_txn = 1});
    struct Case {
        const char* name;
        void (*mutate)(BlockCommit&);
    };
    const Case cases[] = {
        {"block hash", [](BlockCommit& c) { c.hash[0] ^= 1; }},
        {"transaction hash", [](BlockCommit& c) { c.transactions[1].hash[5] ^= 1; }},
        {"cumulative gas", [](BlockCommit& c) { c.transactions[1].receipt.cumulative_gas_used++; }},
        {"header gas used",
         [](BlockCommit& c) {
             c.header.gas_used += 1;
             c.hash = chain::header_hash(c.header);
         }},
        {"five topics", [](BlockCommit& c) { c.transactions[0].receipt.logs[0].topics.resize(5); }},
        {"account twice", [](BlockCommit& c) { c.accounts.push_back(c.accounts.front()); }},
        {"storage slot twice", [](BlockCommit& c) { c.storage.push_back(c.storage.front()); }},
        {"code hash",
         [](BlockCommit& c) {
             c.code.push_back({test_hash(1), Bytes{0x60}});
         }},
        {"number beyond BIGINT",
         [](BlockCommit& c) {
             c.header.number = uint64_t{1} << 63;
             c.hash = chain::header_hash(c.header);
         }},
        {"receipt type", [](BlockCommit& c) { c.transactions[0].receipt.type = TxType::kLegacy; }},
        {"contract address on a call",
         [](BlockCommit& c) { c.transactions[0].contract_address = test_address(1); }},
        {"nonce beyond BIGINT",
         [](BlockCommit& c) {
             c.transactions[2].txn.nonce = uint64_t{1} << 63;
             seal_block(c);
         }},
    };
    for (const auto& tc : cases) {
        auto bad = good;
        tc.mutate(bad);
        auto r = store_->commit_block(bad);
        ASSERT_FALSE(r) << tc.name;
        EXPECT_EQ(r.error().code(), Error{Errc::kInvalidCommit}.code())
            << tc.name << ": " << r.error().message();
    }
    YAO_ASSERT_OK_AND_ASSIGN(auto head, store_->head_number());
    EXPECT_EQ(head, 0u);
    commit(good);
}

TEST_P(ChainStoreTest, CorruptRowsAreReportedInsteadOfTrusted) {
    if (!reopenable()) GTEST_SKIP() << "no raw access to an in-memory database";
    const auto b0 = next_block({.transfers = 2});
    commit(b0);
    const std::string counter = to_hex(counter_address().view());
    const std::string txn = to_hex(b0.transactions[0].hash.view());
    YAO_ASSERT_OK(
        db_->execute_raw("UPDATE accounts SET balance = '12x' WHERE address = '" + counter + "'"));
    YAO_ASSERT_ERROR(store_->account(counter_address()), Errc::kCorruptRow);
    const Address one[] = {counter_address()};
    YAO_ASSERT_ERROR(store_->accounts_batch(one), Errc::kCorruptRow);
    YAO_ASSERT_OK(
        db_->execute_raw("UPDATE transactions SET raw = X'c0' WHERE hash = '" + txn + "'"));
    YAO_ASSERT_ERROR(store_->transaction(b0.transactions[0].hash), Errc::kCorruptRow);
    YAO_ASSERT_OK(db_->execute_raw("UPDATE blocks SET header_rlp = X'c0' WHERE number = 0"));
    YAO_ASSERT_ERROR(store_->block_by_number(0, false), Errc::kCorruptRow);
    YAO_ASSERT_OK(
        db_->execute_raw("UPDATE chain_meta SET meta_value = 'x' WHERE meta_key = 'head_number'"));
    YAO_ASSERT_ERROR(store_->head_number(), Errc::kCorruptRow);
    YAO_ASSERT_ERROR(store_->commit_block(next_block()), Errc::kCorruptRow);
}

TEST_P(ChainStoreTest, ReopeningKeepsEverythingAndMigratesOnce) {
    if (!reopenable()) GTEST_SKIP() << "an in-memory database ends with its store";
    commit(next_block({.transfers = 2, .deploy_token = true}));
    const auto b1 = next_block({.transfers = 5, .logs_per_txn = 1});
    commit(b1);
    reopen();
    YAO_ASSERT_OK_AND_ASSIGN(auto head, store_->head_number());
    EXPECT_EQ(head, 1u);
    YAO_ASSERT_OK_AND_ASSIGN(auto receipt, store_->receipt(b1.transactions[4].hash));
    ASSERT_TRUE(receipt);
    EXPECT_EQ(receipt->receipt, b1.transactions[4].receipt);
    YAO_ASSERT_OK_AND_ASSIGN(auto code, store_->code(keccak256(token_code())));
    EXPECT_EQ(code, token_code());
    commit(next_block());
}

TEST_P(ChainStoreTest, ADatabaseFromANewerSchemaIsRefused) {
    if (!reopenable()) GTEST_SKIP() << "no raw access to an in-memory database";
    store_.reset();
    YAO_ASSERT_OK(db_->execute_raw(
        "UPDATE chain_meta SET meta_value = '99' WHERE meta_key = 'schema_version'"));
    YAO_ASSERT_ERROR(db_->open(), Errc::kSchemaTooNew);
}

TEST_P(ChainStoreTest, TwoCommittersOfTheSameBlockStoreItOnce) {
    if (!reopenable()) GTEST_SKIP() << "a second store needs a shared database";
    commit(next_block());
    YAO_ASSERT_OK_AND_ASSIGN(auto second, db_->open());
    const auto b1 = next_block({.transfers = 200, .logs_per_txn = 1});
    Result<CommitOutcome> r1 = CommitOutcome::kCommitted;
    Result<CommitOutcome> r2 = CommitOutcome::kCommitted;
    std::thread t1{[&] { r1 = store_->commit_block(b1); }};
    std::thread t2{[&] { r2 = second->commit_block(b1); }};
    t1.join();
    t2.join();
    ASSERT_TRUE(r1) << r1.error().message();
    ASSERT_TRUE(r2) << r2.error().message();
    EXPECT_EQ((*r1 == CommitOutcome::kCommitted) + (*r2 == CommitOutcome::kCommitted), 1);
    EXPECT_EQ((*r1 == CommitOutcome::kAlreadyCommitted) + (*r2 == CommitOutcome::kAlreadyCommitted),
              1);
    YAO_ASSERT_OK_AND_ASSIGN(auto receipts, second->block_receipts(1));
    ASSERT_TRUE(receipts);
    EXPECT_EQ(receipts->size(), 200u);
}

TEST_P(ChainStoreTest, ReadersSeeWholeBlocksWhileAWriterCommits) {
    constexpr uint64_t kBlocks = 25;
    std::atomic<bool> done{false};
    std::atomic<int> failures{0};
    std::thread writer{[&] {
        Hash256 parent;
        for (uint64_t n = 0; n < kBlocks; ++n) {
            auto b = make_block({.number = n, .parent_hash = parent, .transfers = 20});
            if (!store_->commit_block(b)) failures++;
            parent = b.hash;
        }
        done = true;
    }};
    auto reader = [&] {
        while (!done) {
            // The counter account is written by every block with its number: a snapshot that
            // mixed two blocks would show a version other than the head.
            const Address key[] = {counter_address()};
            auto batch = store_->accounts_batch(key);
            if (!batch) {
                failures++;
                continue;
            }
            if (!batch->head) continue;
            const auto& v = batch->values[0];
            if (!v.value || v.version != *batch->head || v.value->balance != Uint256{v.version})
                failures++;
            auto block = store_->block_by_number(*batch->head, true);
            if (!block || !*block || (*block)->transactions.size() != 20) failures++;
        }
    };
    std::thread r1{reader};
    std::thread r2{reader};
    writer.join();
    r1.join();
    r2.join();
    EXPECT_EQ(failures.load(), 0);
    YAO_ASSERT_OK_AND_ASSIGN(auto head, store_->head_number());
    EXPECT_EQ(head, kBlocks - 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ChainStoreTest,
                         ::testing::Values(BackendKind::kSqliteMemory, BackendKind::kSqliteFile,
                                           BackendKind::kMariadb),
                         backend_param_name);

}  // namespace
}  // namespace yao::storage::test_util
