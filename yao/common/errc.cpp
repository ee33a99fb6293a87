// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "errc.hpp"

#include <string>

namespace yao {
namespace {

class CommonCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "common"; }
    std::string message(int code) const override {
        switch (static_cast<Errc>(code)) {
            case Errc::kInvalidHexDigit: return "invalid_hex_digit";
            case Errc::kOddHexLength: return "odd_hex_length";
            case Errc::kMissingHexPrefix: return "missing_hex_prefix";
            case Errc::kInvalidDecimalDigit: return "invalid_decimal_digit";
            case Errc::kEmptyNumber: return "empty_number";
            case Errc::kNumberTooLarge: return "number_too_large";
            case Errc::kWrongLength: return "wrong_length";
            case Errc::kInvalidSignature: return "invalid_signature";
            case Errc::kInvalidPrivateKey: return "invalid_private_key";
        }
        return "unknown";
    }
};

}  // namespace

const std::error_category& common_category() noexcept {
    static const CommonCategory category;
    return category;
}

}  // namespace yao
