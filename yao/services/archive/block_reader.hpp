// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The in-process BlockService: reads of the committed chain straight from the chain store. What
// `yaoverse dev` hands the Portal, and what the Archive's gRPC BlockService serves in a cluster.
#include <memory>

#include <yao/storage/chain_store.hpp>

#include "api/block_service.hpp"

namespace yao::archive {

class BlockReader final : public BlockService {
public:
    explicit BlockReader(std::shared_ptr<storage::ChainStore> store) : store_{std::move(store)} {}

    Result<uint64_t> head_number() override;
    Result<std::optional<storage::StoredBlock>> block_by_number(uint64_t number,
                                                                bool full_transactions) override;
    Result<std::optional<storage::StoredBlock>> block_by_hash(const Hash256& hash,
                                                              bool full_transactions) override;
    Result<std::optional<storage::StoredBlock>> header_by_number(uint64_t number) override;
    Result<std::optional<storage::StoredBlock>> header_by_hash(const Hash256& hash) override;
    Result<std::optional<storage::StoredTransaction>> transaction(const Hash256& hash) override;
    Result<std::optional<storage::StoredReceipt>> receipt(const Hash256& txn_hash) override;
    Result<std::optional<std::vector<storage::StoredReceipt>>> block_receipts(
        uint64_t number) override;
    Result<std::vector<storage::StoredLog>> logs(const storage::LogFilter& filter) override;
    Result<storage::AddressHistoryPage> address_history(
        const storage::AddressHistoryQuery& query) override;
    Result<std::optional<storage::StoredTransaction>> transaction_by_sender_and_nonce(
        const Address& sender, uint64_t nonce) override;
    Result<std::optional<storage::StoredTransaction>> creation_transaction(
        const Address& contract) override;

private:
    std::shared_ptr<storage::ChainStore> store_;
};

}  // namespace yao::archive
