// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "errc.hpp"

#include <string>

namespace yao::chronos {
namespace {

class ChronosCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "chronos"; }
    std::string message(int code) const override {
        // geth's texts, word for word: clients match on them.
        switch (static_cast<Errc>(code)) {
            case Errc::kNonceTooLow: return "nonce too low";
            case Errc::kAlreadyKnown: return "already known";
            case Errc::kReplacementUnderpriced: return "replacement transaction underpriced";
            case Errc::kTxPoolFull: return "txpool is full";
            case Errc::kAccountLimitExceeded: return "account limit exceeded";
            case Errc::kFeeCapTooLow: return "max fee per gas less than block base fee";
            case Errc::kTxTypeNotSupported: return "transaction type not supported";
            case Errc::kGasLimitExceeded: return "exceeds block gas limit";
            case Errc::kTimestampTooLow:
                return "timestamp lower than the previous block's timestamp";
            case Errc::kOversizedData: return "oversized data";
            case Errc::kUnprotectedTx:
                return "only replay-protected (EIP-155) transactions allowed over RPC";
            case Errc::kTimestampTooHigh:
                return "timestamp too high: a block timestamp must not exceed 9223372036854775807";
        }
        return "unknown";
    }
};

}  // namespace

const std::error_category& chronos_category() noexcept {
    static const ChronosCategory category;
    return category;
}

}  // namespace yao::chronos
