// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <system_error>

namespace yao::storage {

/// Errors of the chain store. Every backend reports the same codes; the context string carries
/// the detail (the block number, the duplicate hash, the server's own message).
enum class Errc {
    kInvalidCommit = 1,     ///< a malformed BlockCommit (hash mismatch, out-of-range field, ...)
    kWrongBlockNumber,      ///< commit of a number that is neither committed nor head + 1
    kParentMismatch,        ///< the block's parent hash is not the hash of the head block
    kBlockConflict,         ///< a different block is already committed at that number
    kDuplicateTransaction,  ///< a transaction hash that is already stored (or twice in a block)
    kUnknownBlock,          ///< a state read at a block above the head (or on an empty store)
    kInvalidArgument,       ///< a malformed query (reversed block range, ...)
    kTooManyResults,        ///< a log query matched more rows than its limit
    kCorruptRow,            ///< a stored value that does not parse (edited outside the store)
    kSchemaTooNew,          ///< the database was migrated by a newer version of the software
    kConstraint,            ///< a database constraint rejected a write (duplicate key)
    kTransient,             ///< deadlock, lock wait timeout, busy database: worth retrying
    kConnectionLost,        ///< the server went away or cannot be reached
    kDatabase,              ///< any other database error (the context has the server's text)
    kLeaseConflict,         ///< a lease write lost its compare-and-set (the record changed)
    kFenced,                ///< a block of a sequencer epoch below the fence (a deposed leader)
};

const std::error_category& storage_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), storage_category()};
}

/// True for the codes a caller may retry after a pause (kTransient, kConnectionLost).
bool is_retryable(const std::error_code& code) noexcept;

}  // namespace yao::storage

template <>
struct std::is_error_code_enum<yao::storage::Errc> : std::true_type {};
