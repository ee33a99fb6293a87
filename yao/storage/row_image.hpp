// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Rows of the seed's tables as text, column by column: what `yaoverse verify` compares. A
// stored row is read back as a RowImage (ChainStore::block_rows, ChainStore::state_rows); the
// row a commit writes is built as one from the commit (expected_block_rows, ...), so that an
// audit can compare every column people read with plain SQL, not only what the store reads.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/state/state_view.hpp>

namespace yao::storage {

struct BlockCommit;

/// One row. Values are canonical text: integers in decimal, hashes and addresses as stored
/// ("0x" + lower-case hex), amounts in decimal, blobs as "0x" + hex; NULL is nullopt.
struct RowImage {
    std::string table;
    /// The row's key as an audit names it: the block number (blocks), the transaction hash
    /// (transactions, receipts), "log_index N" (logs), the address (accounts), "address slot"
    /// (contract_storage), the code hash (contract_code).
    std::string key;
    std::vector<std::pair<std::string, std::optional<std::string>>> columns;

    /// The value of `column`; nullopt when NULL or not a column of the image.
    std::optional<std::string> get(std::string_view column) const;
    friend bool operator==(const RowImage&, const RowImage&) = default;
};

/// The rows one block wrote to blocks, transactions, receipts and logs; transactions and
/// receipts in transaction order, logs by log_index.
struct BlockRows {
    std::optional<RowImage> block;  ///< nullopt: no row for the number
    std::vector<RowImage> transactions;
    std::vector<RowImage> receipts;
    std::vector<RowImage> logs;
};

/// The current state rows (accounts, contract_storage, contract_code), each table ordered by
/// key, read in one snapshot whose head is `head`.
struct StateRows {
    std::optional<uint64_t> head;
    std::vector<RowImage> accounts;
    std::vector<RowImage> storage;
    std::vector<RowImage> code;
};

/// How a column is kept (what reading it back as text needs).
enum class ColumnKind { kInt, kText, kBlob };
struct ColumnSpec {
    std::string_view name;
    ColumnKind kind;
};
/// The audited columns of `table` (one of the seven above) in the order of the images; empty
/// for any other table.
std::span<const ColumnSpec> audited_columns(std::string_view table);

/// The rows `commit_block(commit)` writes to blocks, transactions, receipts and logs.
BlockRows expected_block_rows(const BlockCommit& commit);
/// The accounts row of `address` holding `account`, last written by block `block_num`.
RowImage expected_account_row(const Address& address, const state::Account& account,
                              uint64_t block_num);
/// The contract_storage row of (`address`, `slot`) holding non-zero `value`.
RowImage expected_storage_row(const Address& address, const Hash256& slot, const Hash256& value,
                              uint64_t block_num);
/// The contract_code row of `code`, first stored by block `block_num`.
RowImage expected_code_row(const Hash256& code_hash, BytesView code, uint64_t block_num);

/// The key RowImage::key gives a contract_storage row.
std::string storage_row_key(const Address& address, const Hash256& slot);

}  // namespace yao::storage
