// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <system_error>

namespace yao::grpc {

/// Errors of a gRPC call, one per non-OK gRPC status code. The values are the gRPC status codes
/// themselves (checked at compile time in status.cpp), so the mapping is lossless both ways.
enum class Errc {
    kCancelled = 1,          ///< the caller cancelled the call
    kUnknown = 2,            ///< the server failed with an error it did not classify
    kInvalidArgument = 3,    ///< bad request (or bad options: unreadable certificate, bad address)
    kDeadlineExceeded = 4,   ///< the call's deadline passed before an answer arrived
    kNotFound = 5,           ///< the requested entity (block, transaction, service) is unknown
    kAlreadyExists = 6,      ///< the entity to create exists already
    kPermissionDenied = 7,   ///< the caller is known but not allowed
    kResourceExhausted = 8,  ///< a quota, a queue or the message size limit was hit
    kFailedPrecondition =
        9,                  ///< the system is not in the state the call needs (e.g. nonce too low)
    kAborted = 10,          ///< a concurrency conflict; the caller may retry the whole operation
    kOutOfRange = 11,       ///< past the end of a valid range
    kUnimplemented = 12,    ///< the server does not implement the method
    kInternal = 13,         ///< an invariant broke on the server
    kUnavailable = 14,      ///< no server reachable (down, restarting, TLS handshake refused)
    kDataLoss = 15,         ///< unrecoverable data loss or corruption
    kUnauthenticated = 16,  ///< the caller has no valid credentials
};

const std::error_category& grpc_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), grpc_category()};
}

}  // namespace yao::grpc

template <>
struct std::is_error_code_enum<yao::grpc::Errc> : std::true_type {};
