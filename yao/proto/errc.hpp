// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <system_error>

namespace yao::proto {

/// Errors of decoding bus payloads (proto/yao/v1). The error context names the field, e.g.
/// "ExecutionResult.txs[3].tx.hash: want 32 bytes, got 31".
enum class Errc {
    kMalformed = 1,       ///< bytes that are not a protobuf message of the expected type
    kWrongLength,         ///< a hash, address or bloom of the wrong byte length
    kNumberTooLarge,      ///< a uint256 longer than 32 bytes, or a number out of its range
    kInvalidTransaction,  ///< raw transaction bytes that do not decode
    kHashMismatch,        ///< a transaction hash that is not keccak256 of its raw bytes
    kInvalidValue,        ///< a field value the domain type cannot hold (duplicate key, ...)
};

const std::error_category& proto_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), proto_category()};
}

}  // namespace yao::proto

template <>
struct std::is_error_code_enum<yao::proto::Errc> : std::true_type {};
