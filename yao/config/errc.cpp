// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "errc.hpp"

#include <string>

namespace yao::config {
namespace {

class ConfigCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "config"; }
    std::string message(int code) const override {
        switch (static_cast<Errc>(code)) {
            case Errc::kInvalidJson:
                return "invalid_json";
            case Errc::kUnknownKey:
                return "unknown_key";
            case Errc::kWrongType:
                return "wrong_type";
            case Errc::kInvalidValue:
                return "invalid_value";
            case Errc::kIo:
                return "io";
            case Errc::kInvalidMnemonic:
                return "invalid_mnemonic";
            case Errc::kKeyDerivation:
                return "key_derivation";
            case Errc::kInvalidGenesis:
                return "invalid_genesis";
            case Errc::kGenesisMismatch:
                return "genesis_mismatch";
        }
        return "unknown";
    }
};

}  // namespace

const std::error_category& config_category() noexcept {
    static const ConfigCategory category;
    return category;
}

}  // namespace yao::config
