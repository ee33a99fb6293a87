// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <system_error>

namespace yao {

/// Errors of the common layer: parsing of hex and decimal text, numeric range, crypto input.
enum class Errc {
    kInvalidHexDigit = 1,   ///< a character outside [0-9a-fA-F]
    kOddHexLength,          ///< hex text that does not make whole bytes
    kMissingHexPrefix,      ///< "0x" was required
    kInvalidDecimalDigit,   ///< a character outside [0-9]
    kEmptyNumber,           ///< no digits at all
    kNumberTooLarge,        ///< the value does not fit the target width
    kWrongLength,           ///< a fixed-size value of the wrong byte length
    kInvalidSignature,      ///< r/s/v out of range or recovery failed
    kInvalidPrivateKey,     ///< zero or >= the curve order
};

const std::error_category& common_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), common_category()};
}

}  // namespace yao

template <>
struct std::is_error_code_enum<yao::Errc> : std::true_type {};
