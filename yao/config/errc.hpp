// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <system_error>

namespace yao::config {

/// Errors of the configuration layer: node configuration, mnemonics and keys, genesis.
enum class Errc {
    kInvalidJson = 1,  ///< the configuration text is not JSON
    kUnknownKey,       ///< a key the configuration does not have (context: its path)
    kWrongType,        ///< a value of the wrong JSON type (context: path and expected type)
    kInvalidValue,     ///< a value that breaks a rule (context: path and rule)
    kIo,               ///< the configuration file could not be read
    kInvalidMnemonic,  ///< wrong word count, unknown word or bad checksum
    kKeyDerivation,    ///< a BIP-32 step gave an invalid key (probability about 2^-127)
    kInvalidGenesis,   ///< an allocation the genesis block cannot hold
    kGenesisMismatch,  ///< the stored block 0 is not the configured genesis
};

const std::error_category& config_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), config_category()};
}

}  // namespace yao::config

template <>
struct std::is_error_code_enum<yao::config::Errc> : std::true_type {};
