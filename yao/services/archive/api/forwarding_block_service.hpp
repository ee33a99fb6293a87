// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// A BlockService that passes every call to another: the base of the decorators (the Portal's
// header cache, tests' failure injection), which override only the calls they change.
#include <yao/services/archive/api/block_service.hpp>

namespace yao::archive {

class ForwardingBlockService : public BlockService {
public:
    /// `inner` must outlive this object.
    explicit ForwardingBlockService(BlockService& inner) : inner_{inner} {}

    Result<uint64_t> head_number() override { return inner_.head_number(); }
    Result<std::optional<storage::StoredBlock>> block_by_number(uint64_t n, bool full) override {
        return inner_.block_by_number(n, full);
    }
    Result<std::optional<storage::StoredBlock>> block_by_hash(const Hash256& h,
                                                              bool full) override {
        return inner_.block_by_hash(h, full);
    }
    Result<std::optional<storage::StoredBlock>> header_by_number(uint64_t n) override {
        return inner_.header_by_number(n);
    }
    Result<std::optional<storage::StoredBlock>> header_by_hash(const Hash256& h) override {
        return inner_.header_by_hash(h);
    }
    Result<std::optional<storage::StoredTransaction>> transaction(const Hash256& h) override {
        return inner_.transaction(h);
    }
    Result<std::optional<storage::StoredReceipt>> receipt(const Hash256& h) override {
        return inner_.receipt(h);
    }
    Result<std::optional<std::vector<storage::StoredReceipt>>> block_receipts(uint64_t n) override {
        return inner_.block_receipts(n);
    }
    Result<std::vector<storage::StoredLog>> logs(const storage::LogFilter& f) override {
        return inner_.logs(f);
    }
    Result<storage::AddressHistoryPage> address_history(
        const storage::AddressHistoryQuery& q) override {
        return inner_.address_history(q);
    }
    Result<std::optional<storage::StoredTransaction>> transaction_by_sender_and_nonce(
        const Address& sender, uint64_t nonce) override {
        return inner_.transaction_by_sender_and_nonce(sender, nonce);
    }
    Result<std::optional<storage::StoredTransaction>> creation_transaction(
        const Address& contract) override {
        return inner_.creation_transaction(contract);
    }

protected:
    BlockService& inner_;
};

}  // namespace yao::archive
