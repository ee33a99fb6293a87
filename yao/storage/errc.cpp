// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "errc.hpp"

#include <string>

namespace yao::storage {
namespace {

class StorageCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "storage"; }
    std::string message(int code) const override {
        switch (static_cast<Errc>(code)) {
            case Errc::kInvalidCommit:
                return "invalid_commit";
            case Errc::kWrongBlockNumber:
                return "wrong_block_number";
            case Errc::kParentMismatch:
                return "parent_mismatch";
            case Errc::kBlockConflict:
                return "block_conflict";
            case Errc::kDuplicateTransaction:
                return "duplicate_transaction";
            case Errc::kUnknownBlock:
                return "unknown_block";
            case Errc::kInvalidArgument:
                return "invalid_argument";
            case Errc::kTooManyResults:
                return "too_many_results";
            case Errc::kCorruptRow:
                return "corrupt_row";
            case Errc::kSchemaTooNew:
                return "schema_too_new";
            case Errc::kConstraint:
                return "constraint";
            case Errc::kTransient:
                return "transient";
            case Errc::kConnectionLost:
                return "connection_lost";
            case Errc::kDatabase:
                return "database";
            case Errc::kLeaseConflict:
                return "lease_conflict";
            case Errc::kFenced:
                return "fenced";
        }
        return "unknown";
    }
};

}  // namespace

const std::error_category& storage_category() noexcept {
    static const StorageCategory category;
    return category;
}

bool is_retryable(const std::error_code& code) noexcept {
    return code == Errc::kTransient || code == Errc::kConnectionLost;
}

}  // namespace yao::storage
