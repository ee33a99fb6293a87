// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "block_reader.hpp"

namespace yao::archive {

Result<uint64_t> BlockReader::head_number() {
    YAO_TRY(auto head, store_->head_number());
    // An initialised store always holds the genesis block.
    if (!head) return std::unexpected(Error{storage::Errc::kUnknownBlock, "the store is empty"});
    return *head;
}

Result<std::optional<storage::StoredBlock>> BlockReader::block_by_number(uint64_t number,
                                                                         bool full_transactions) {
    return store_->block_by_number(number, full_transactions);
}

Result<std::optional<storage::StoredBlock>> BlockReader::block_by_hash(const Hash256& hash,
                                                                       bool full_transactions) {
    return store_->block_by_hash(hash, full_transactions);
}

Result<std::optional<storage::StoredBlock>> BlockReader::header_by_number(uint64_t number) {
    return store_->header_by_number(number);
}

Result<std::optional<storage::StoredBlock>> BlockReader::header_by_hash(const Hash256& hash) {
    return store_->header_by_hash(hash);
}

Result<std::optional<storage::StoredTransaction>> BlockReader::transaction(const Hash256& hash) {
    return store_->transaction(hash);
}

Result<std::optional<storage::StoredReceipt>> BlockReader::receipt(const Hash256& txn_hash) {
    return store_->receipt(txn_hash);
}

Result<std::optional<std::vector<storage::StoredReceipt>>> BlockReader::block_receipts(
    uint64_t number) {
    return store_->block_receipts(number);
}

Result<std::vector<storage::StoredLog>> BlockReader::logs(const storage::LogFilter& filter) {
    return store_->logs(filter);
}

Result<storage::AddressHistoryPage> BlockReader::address_history(
    const storage::AddressHistoryQuery& query) {
    return store_->address_history(query);
}

Result<std::optional<storage::StoredTransaction>> BlockReader::transaction_by_sender_and_nonce(
    const Address& sender, uint64_t nonce) {
    return store_->transaction_by_sender_and_nonce(sender, nonce);
}

Result<std::optional<storage::StoredTransaction>> BlockReader::creation_transaction(
    const Address& contract) {
    return store_->creation_transaction(contract);
}

}  // namespace yao::archive
