// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// A BlockService over another with failures a test switches on, as a database that went away
// gives them: header reads of the blocks below a number (BLOCKHASH's), log queries. Everything
// else is forwarded. Thread-safe (the switches take a lock; reads may come from listeners).
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include <yao/services/archive/api/block_service.hpp>

namespace yao::rpc::test_util {

class FailingBlocks final : public archive::BlockService {
public:
    /// `inner` must outlive this object.
    explicit FailingBlocks(archive::BlockService& inner) : inner_{inner} {}

    /// header_by_number(n) for every n < `below` fails with `e` (nullopt: heal).
    void fail_headers_below(uint64_t below, std::optional<Error> e) {
        std::scoped_lock lock{mu_};
        headers_below_ = below;
        headers_ = std::move(e);
    }
    /// logs() fails with `e` (nullopt: heal).
    void fail_logs(std::optional<Error> e) {
        std::scoped_lock lock{mu_};
        logs_ = std::move(e);
    }

    Result<uint64_t> head_number() override { return inner_.head_number(); }
    Result<std::optional<storage::StoredBlock>> block_by_number(uint64_t n, bool full) override {
        return inner_.block_by_number(n, full);
    }
    Result<std::optional<storage::StoredBlock>> block_by_hash(const Hash256& h,
                                                              bool full) override {
        return inner_.block_by_hash(h, full);
    }
    Result<std::optional<storage::StoredBlock>> header_by_number(uint64_t n) override {
        {
            std::scoped_lock lock{mu_};
            if (headers_ && n < headers_below_) return std::unexpected(*headers_);
        }
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
        {
            std::scoped_lock lock{mu_};
            if (logs_) return std::unexpected(*logs_);
        }
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

private:
    archive::BlockService& inner_;
    std::mutex mu_;
    uint64_t headers_below_ = 0;    // guarded by mu_
    std::optional<Error> headers_;  // guarded by mu_
    std::optional<Error> logs_;     // guarded by mu_
};

}  // namespace yao::rpc::test_util
