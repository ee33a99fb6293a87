// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "errc.hpp"

#include <string>

namespace yao::proto {
namespace {

class ProtoCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "proto"; }
    std::string message(int code) const override {
        switch (static_cast<Errc>(code)) {
            case Errc::kMalformed:
                return "malformed";
            case Errc::kWrongLength:
                return "wrong_length";
            case Errc::kNumberTooLarge:
                return "number_too_large";
            case Errc::kInvalidTransaction:
                return "invalid_transaction";
            case Errc::kHashMismatch:
                return "hash_mismatch";
            case Errc::kInvalidValue:
                return "invalid_value";
        }
        return "unknown";
    }
};

}  // namespace

const std::error_category& proto_category() noexcept {
    static const ProtoCategory category;
    return category;
}

}  // namespace yao::proto
