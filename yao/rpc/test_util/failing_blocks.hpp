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

#include <yao/services/archive/api/forwarding_block_service.hpp>

namespace yao::rpc::test_util {

class FailingBlocks final : public archive::ForwardingBlockService {
public:
    /// `inner` must outlive this object.
    explicit FailingBlocks(archive::BlockService& inner) : ForwardingBlockService{inner} {}

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

    Result<std::optional<storage::StoredBlock>> header_by_number(uint64_t n) override {
        {
            std::scoped_lock lock{mu_};
            if (headers_ && n < headers_below_) return std::unexpected(*headers_);
        }
        return inner_.header_by_number(n);
    }
    Result<std::vector<storage::StoredLog>> logs(const storage::LogFilter& f) override {
        {
            std::scoped_lock lock{mu_};
            if (logs_) return std::unexpected(*logs_);
        }
        return inner_.logs(f);
    }

private:
    std::mutex mu_;
    uint64_t headers_below_ = 0;    // guarded by mu_
    std::optional<Error> headers_;  // guarded by mu_
    std::optional<Error> logs_;     // guarded by mu_
};

}  // namespace yao::rpc::test_util
