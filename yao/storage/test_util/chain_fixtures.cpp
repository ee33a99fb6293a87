// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "chain_fixtures.hpp"

#include <yao/chain/block.hpp>
#include <yao/chain/receipt.hpp>
#include <yao/common/keccak.hpp>

namespace yao::storage::test_util {
namespace {

constexpr uint64_t kTransferGas = 21'000;
constexpr uint64_t kChainId = 7777;

/// Index of the first account of block `number` when accounts are fresh.
uint64_t fresh_base(uint64_t number) {
    return number << 32;
}

}  // namespace

Address test_address(uint64_t i) {
    Address a;
    a[0] = 0xa0;
    for (size_t k = 0; k < 8; ++k) a[19 - k] = static_cast<uint8_t>(i >> (8 * k));
    return a;
}

Hash256 test_hash(uint64_t i) {
    Hash256 h;
    h[0] = 0xb0;
    for (size_t k = 0; k < 8; ++k) h[31 - k] = static_cast<uint8_t>(i >> (8 * k));
    return h;
}

Hash256 transfer_topic() {
    return keccak256(as_bytes("Transfer(address,address,uint256)"));
}

Address token_address() {
    Address a;
    a[0] = 0x70;
    a[19] = 0x01;
    return a;
}

Bytes token_code() {
    // Not a real token: any bytes do, the store keeps code by hash.
    Bytes code;
    for (int i = 0; i < 300; ++i) code.push_back(static_cast<uint8_t>(0x60 + i % 32));
    return code;
}

Address counter_address() {
    Address a;
    a[0] = 0xcc;
    return a;
}

Hash256 counter_slot() {
    return test_hash(0xc0c0);
}

Address transfer_sender(const BlockSpec& spec, size_t i) {
    if (spec.account_pool == 0) return test_address(fresh_base(spec.number) + 2 * i);
    return test_address((spec.number * spec.transfers * 2 + 2 * i) % spec.account_pool);
}

Address transfer_recipient(const BlockSpec& spec, size_t i) {
    if (spec.account_pool == 0) return test_address(fresh_base(spec.number) + 2 * i + 1);
    return test_address((spec.number * spec.transfers * 2 + 2 * i + 1) % spec.account_pool);
}

BlockCommit make_block(const BlockSpec& spec) {
    BlockCommit c;
    auto& h = c.header;
    h.number = spec.number;
    h.parent_hash = spec.parent_hash;
    h.coinbase = test_address(0xc0ffee);
    h.timestamp = 1'700'000'000 + spec.number;
    h.base_fee_per_gas = Uint256{7};
    h.withdrawals_root = chain::withdrawals_root({});
    h.blob_gas_used = 0;
    h.excess_blob_gas = 0;
    h.parent_beacon_block_root = Hash256{};
    h.prev_randao = test_hash(spec.number * 3 + 1);
    h.state_root = keccak256(test_hash(spec.number).view());
    h.receipts_root = keccak256(test_hash(spec.number + 1).view());

    std::vector<chain::Transaction> txns;
    uint64_t cumulative = 0;
    for (size_t i = 0; i < spec.transfers; ++i) {
        TransactionCommit t;
        auto& txn = t.txn;
        txn.type = chain::TxType::kDynamicFee;
        txn.chain_id = kChainId;
        txn.nonce = spec.number;
        txn.max_priority_fee_per_gas = Uint256{1'000'000'000};
        txn.max_fee_per_gas = Uint256{2'000'000'000};
        txn.gas_limit = kTransferGas;
        txn.to = transfer_recipient(spec, i);
        txn.value = Uint256{1'000'000'000'000'000ULL + i};
        txn.y_parity = static_cast<uint8_t>(i & 1);
        txn.r = Uint256::from_hash(keccak256(test_hash(spec.number * 1'000'003 + i).view()));
        txn.s = Uint256{12345 + i};
        t.hash = chain::transaction_hash(txn);
        t.sender = transfer_sender(spec, i);
        t.gas_used = kTransferGas;
        t.effective_gas_price = Uint256{1'000'000'007};
        cumulative += kTransferGas;
        t.receipt.type = txn.type;
        t.receipt.success = true;
        t.receipt.cumulative_gas_used = cumulative;
        for (size_t k = 0; k < spec.logs_per_txn; ++k) {
            chain::Log log;
            log.address = token_address();
            log.topics = {transfer_topic(), Hash256::right_aligned(t.sender.view()),
                          Hash256::right_aligned(txn.to->view())};
            const Hash256 amount = Uint256{1000 + k}.to_hash();
            log.data.assign(amount.bytes.begin(), amount.bytes.end());
            t.receipt.logs.push_back(std::move(log));
        }
        t.receipt.logs_bloom = chain::logs_bloom(t.receipt.logs);
        chain::bloom_merge(h.logs_bloom, t.receipt.logs_bloom);
        txns.push_back(txn);

        state::Account sender;
        sender.nonce = spec.number + 1;
        sender.balance =
            Uint256{1'000'000'000'000'000'000ULL} * Uint256{1000} - Uint256{spec.number};
        state::Account recipient;
        recipient.balance = Uint256{1'000'000'000'000'000ULL + i};
        c.accounts.push_back({t.sender, sender});
        c.accounts.push_back({*txn.to, recipient});
        c.transactions.push_back(std::move(t));
    }
    h.gas_used = cumulative;
    h.gas_limit = std::max<uint64_t>(30'000'000, cumulative);
    h.transactions_root = chain::transactions_root(txns);

    if (spec.counter) {
        state::Account counter;
        counter.nonce = spec.number;
        counter.balance = Uint256{spec.number};
        c.accounts.push_back({counter_address(), counter});
        c.storage.push_back({counter_address(), counter_slot(), Uint256{spec.number}.to_hash()});
    }
    if (spec.deploy_token) {
        state::Account token;
        token.nonce = 1;
        token.code_hash = keccak256(token_code());
        c.accounts.push_back({token_address(), token});
        c.code.push_back({token.code_hash, token_code()});
    }
    c.hash = chain::header_hash(h);
    return c;
}

void seal_block(BlockCommit& c) {
    auto& h = c.header;
    h.logs_bloom = Bloom{};
    std::vector<chain::Transaction> txns;
    uint64_t cumulative = 0;
    for (auto& t : c.transactions) {
        t.hash = chain::transaction_hash(t.txn);
        cumulative += t.gas_used;
        t.receipt.type = t.txn.type;
        t.receipt.cumulative_gas_used = cumulative;
        t.receipt.logs_bloom = chain::logs_bloom(t.receipt.logs);
        chain::bloom_merge(h.logs_bloom, t.receipt.logs_bloom);
        txns.push_back(t.txn);
    }
    h.gas_used = cumulative;
    h.gas_limit = std::max<uint64_t>(h.gas_limit, cumulative);
    h.transactions_root = chain::transactions_root(txns);
    c.hash = chain::header_hash(h);
}

}  // namespace yao::storage::test_util
