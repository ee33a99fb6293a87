// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// gRPC status <-> yao::Error. A failed call comes back as an Error of the `grpc` category whose
// context is the server's message, so text like "nonce too low" reaches the caller unchanged.

#include <yao/common/error.hpp>
#include <yao/grpc/errc.hpp>

namespace grpc {
class ClientContext;
class ServerContextBase;
class Status;
}  // namespace grpc

namespace yao::grpc {

/// The Errc of a gRPC status code (the int value of ::grpc::StatusCode). OK and values outside
/// the gRPC range give kUnknown.
Errc errc_from_code(int code) noexcept;

/// The Error of a failed status: its code as Errc, its message as the context. `status` must not
/// be OK.
Error from_status(const ::grpc::Status& status);

/// {} for OK, else from_status(status).
Result<void> to_result(const ::grpc::Status& status);

/// The Error of a failed call with its domain identity: when the server's trailing metadata
/// names a category and value (error_identity.hpp), the registered category's code with the
/// status message as context (rebuild_error); otherwise from_status(status). `status` must not
/// be OK and `context` must be the finished call's.
Error from_status(const ::grpc::Status& status, const ::grpc::ClientContext& context);

/// The status a handler answers for `error`. An error of the `grpc` category keeps its code and
/// its context is the message; any other error becomes UNKNOWN with error.message() (e.g.
/// "chain.nonce_too_low: ...") as the message. Adapters map domain errors with the overload.
::grpc::Status to_status(const Error& error);

/// The status a handler answers for `error` so that the client gets the same error back: an
/// error of the `grpc` category as to_status(error); any other error as status `code` whose
/// message is the error's context, with the category name and value added to the call's
/// trailing metadata (kErrorCategoryKey, kErrorValueKey). A client Client::call rebuilds it.
::grpc::Status to_status(::grpc::ServerContextBase& context, const Error& error,
                         Errc code = Errc::kUnknown);

/// The status `code` with the error's context (or, without context, error.message()) as message:
/// for an adapter's own table from domain Errc to gRPC code.
::grpc::Status to_status(const Error& error, Errc code);

}  // namespace yao::grpc
