// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "row_image.hpp"

#include <array>

#include <yao/chain/block.hpp>
#include <yao/chain/trie.hpp>
#include <yao/common/hex.hpp>

#include "chain_store.hpp"
#include "row_codec.hpp"

namespace yao::storage {
namespace {

using K = ColumnKind;

// The columns commit_block writes (sql_chain_store.cpp), in its order. Timestamps kept by the
// database (created_at, updated_at) and the logs' surrogate id are not audited.
constexpr std::array<ColumnSpec, 14> kBlocks{{{"number", K::kInt},
                                              {"hash", K::kText},
                                              {"parent_hash", K::kText},
                                              {"timestamp", K::kInt},
                                              {"gas_limit", K::kInt},
                                              {"gas_used", K::kInt},
                                              {"state_root", K::kText},
                                              {"receipt_hash", K::kText},
                                              {"miner", K::kText},
                                              {"transactions_root", K::kText},
                                              {"logs_bloom", K::kBlob},
                                              {"base_fee_per_gas", K::kText},
                                              {"transaction_count", K::kInt},
                                              {"header_rlp", K::kBlob}}};
constexpr std::array<ColumnSpec, 19> kTransactions{{{"hash", K::kText},
                                                    {"block_number", K::kInt},
                                                    {"block_hash", K::kText},
                                                    {"transaction_index", K::kInt},
                                                    {"from_address", K::kText},
                                                    {"to_address", K::kText},
                                                    {"value", K::kText},
                                                    {"gas_limit", K::kInt},
                                                    {"gas_price", K::kText},
                                                    {"data", K::kBlob},
                                                    {"nonce", K::kInt},
                                                    {"v", K::kText},
                                                    {"r", K::kText},
                                                    {"s", K::kText},
                                                    {"type", K::kInt},
                                                    {"chain_id", K::kInt},
                                                    {"max_fee_per_gas", K::kText},
                                                    {"max_priority_fee_per_gas", K::kText},
                                                    {"raw", K::kBlob}}};
constexpr std::array<ColumnSpec, 14> kReceipts{{{"transaction_hash", K::kText},
                                                {"transaction_index", K::kInt},
                                                {"block_hash", K::kText},
                                                {"block_number", K::kInt},
                                                {"from_address", K::kText},
                                                {"to_address", K::kText},
                                                {"gas_used", K::kInt},
                                                {"cumulative_gas_used", K::kInt},
                                                {"contract_address", K::kText},
                                                {"status", K::kInt},
                                                {"effective_gas_price", K::kText},
                                                {"logs_bloom", K::kBlob},
                                                {"type", K::kInt},
                                                {"first_log_index", K::kInt}}};
constexpr std::array<ColumnSpec, 12> kLogs{{{"address", K::kText},
                                            {"topic0", K::kText},
                                            {"topic1", K::kText},
                                            {"topic2", K::kText},
                                            {"topic3", K::kText},
                                            {"data", K::kBlob},
                                            {"block_number", K::kInt},
                                            {"block_hash", K::kText},
                                            {"transaction_hash", K::kText},
                                            {"transaction_index", K::kInt},
                                            {"log_index", K::kInt},
                                            {"removed", K::kInt}}};
constexpr std::array<ColumnSpec, 6> kAccounts{{{"address", K::kText},
                                               {"nonce", K::kInt},
                                               {"balance", K::kText},
                                               {"code_hash", K::kText},
                                               {"storage_root", K::kText},
                                               {"block_number", K::kInt}}};
constexpr std::array<ColumnSpec, 4> kStorage{{{"address", K::kText},
                                              {"storage_key", K::kText},
                                              {"storage_value", K::kText},
                                              {"block_number", K::kInt}}};
constexpr std::array<ColumnSpec, 3> kCode{
    {{"code_hash", K::kText}, {"code", K::kBlob}, {"block_number", K::kInt}}};

using Value = std::optional<std::string>;

/// Builds an image column by column, in the order of audited_columns(table).
class Builder {
public:
    Builder(std::string_view table, std::string key) {
        image_.table = std::string{table};
        image_.key = std::move(key);
        columns_ = audited_columns(table);
    }
    Builder& add(Value v) {
        image_.columns.emplace_back(std::string{columns_[image_.columns.size()].name},
                                    std::move(v));
        return *this;
    }
    Builder& num(uint64_t v) { return add(std::to_string(v)); }
    Builder& blob(BytesView v) { return add(to_hex(v)); }
    template <size_t N>
    Builder& hex(const FixedBytes<N>& v) {
        return add(row::hex(v));
    }
    Builder& dec(const Uint256& v) { return add(row::dec(v)); }
    Builder& opt_address(const std::optional<Address>& a) {
        return add(a ? Value{row::hex(*a)} : std::nullopt);
    }
    RowImage done() { return std::move(image_); }

private:
    RowImage image_;
    std::span<const ColumnSpec> columns_;
};

}  // namespace

std::optional<std::string> RowImage::get(std::string_view column) const {
    for (const auto& [name, value] : columns)
        if (name == column) return value;
    return std::nullopt;
}

std::span<const ColumnSpec> audited_columns(std::string_view table) {
    if (table == "blocks") return kBlocks;
    if (table == "transactions") return kTransactions;
    if (table == "receipts") return kReceipts;
    if (table == "logs") return kLogs;
    if (table == "accounts") return kAccounts;
    if (table == "contract_storage") return kStorage;
    if (table == "contract_code") return kCode;
    return {};
}

std::string storage_row_key(const Address& address, const Hash256& slot) {
    return row::hex(address) + " " + row::hex(slot);
}

BlockRows expected_block_rows(const BlockCommit& commit) {
    BlockRows out;
    const auto& h = commit.header;
    const std::string block_hash = row::hex(commit.hash);
    out.block = Builder{"blocks", std::to_string(h.number)}
                    .num(h.number)
                    .add(block_hash)
                    .hex(h.parent_hash)
                    .num(h.timestamp)
                    .num(h.gas_limit)
                    .num(h.gas_used)
                    .hex(h.state_root)
                    .hex(h.receipts_root)
                    .hex(h.coinbase)
                    .hex(h.transactions_root)
                    .blob(h.logs_bloom.view())
                    .add(h.base_fee_per_gas ? Value{row::dec(*h.base_fee_per_gas)} : std::nullopt)
                    .num(commit.transactions.size())
                    .blob(chain::encode_header(h))
                    .done();
    uint64_t log_index = 0;
    for (size_t i = 0; i < commit.transactions.size(); ++i) {
        const TransactionCommit& t = commit.transactions[i];
        const chain::Transaction& txn = t.txn;
        const bool dynamic_fee = chain::is_dynamic_fee(txn);
        const std::string hash = row::hex(t.hash);
        out.transactions.push_back(
            Builder{"transactions", hash}
                .add(hash)
                .num(h.number)
                .add(block_hash)
                .num(i)
                .hex(t.sender)
                .opt_address(txn.to)
                .dec(txn.value)
                .num(txn.gas_limit)
                .dec(dynamic_fee ? txn.max_fee_per_gas : txn.gas_price)
                .blob(txn.data)
                .num(txn.nonce)
                .dec(txn.v())
                .hex(txn.r.to_hash())
                .hex(txn.s.to_hash())
                .num(static_cast<uint64_t>(txn.type))
                .add(txn.chain_id ? Value{std::to_string(*txn.chain_id)} : std::nullopt)
                .add(dynamic_fee ? Value{row::dec(txn.max_fee_per_gas)} : std::nullopt)
                .add(dynamic_fee ? Value{row::dec(txn.max_priority_fee_per_gas)} : std::nullopt)
                .blob(chain::encode_transaction(txn))
                .done());
        out.receipts.push_back(Builder{"receipts", hash}
                                   .add(hash)
                                   .num(i)
                                   .add(block_hash)
                                   .num(h.number)
                                   .hex(t.sender)
                                   .opt_address(txn.to)
                                   .num(t.gas_used)
                                   .num(t.receipt.cumulative_gas_used)
                                   .opt_address(t.contract_address)
                                   .num(t.receipt.success ? 1 : 0)
                                   .dec(t.effective_gas_price)
                                   .blob(t.receipt.logs_bloom.view())
                                   .num(static_cast<uint64_t>(t.receipt.type))
                                   .num(log_index)
                                   .done());
        for (const chain::Log& log : t.receipt.logs) {
            Builder b{"logs", "log_index " + std::to_string(log_index)};
            b.hex(log.address);
            for (size_t k = 0; k < 4; ++k)
                b.add(k < log.topics.size() ? Value{row::hex(log.topics[k])} : std::nullopt);
            out.logs.push_back(b.blob(log.data)
                                   .num(h.number)
                                   .add(block_hash)
                                   .add(hash)
                                   .num(i)
                                   .num(log_index++)
                                   .num(0)
                                   .done());
        }
    }
    return out;
}

RowImage expected_account_row(const Address& address, const state::Account& account,
                              uint64_t block_num) {
    const std::string key = row::hex(address);
    return Builder{"accounts", key}
        .add(key)
        .num(account.nonce)
        .dec(account.balance)
        .hex(account.code_hash)
        .hex(chain::kEmptyTrieRoot)  // the schema's default: commits never write it
        .num(block_num)
        .done();
}

RowImage expected_storage_row(const Address& address, const Hash256& slot, const Hash256& value,
                              uint64_t block_num) {
    return Builder{"contract_storage", storage_row_key(address, slot)}
        .hex(address)
        .hex(slot)
        .hex(value)
        .num(block_num)
        .done();
}

RowImage expected_code_row(const Hash256& code_hash, BytesView code, uint64_t block_num) {
    const std::string key = row::hex(code_hash);
    return Builder{"contract_code", key}.add(key).blob(code).num(block_num).done();
}

}  // namespace yao::storage
