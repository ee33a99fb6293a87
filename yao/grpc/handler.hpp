// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// The body of a service adapter's handler: run the domain call, answer its error with the
// error's identity (status.hpp `to_status(context, error, code)`). Includes grpcpp: for
// adapters' .cpp files only.

#include <yao/common/error.hpp>
#include <yao/grpc/status.hpp>

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <exception>
#include <string_view>

namespace yao::grpc {

/// The gRPC code a handler answers for a domain error: INVALID_ARGUMENT for a request that did
/// not decode (category `proto`), UNKNOWN otherwise (the client rebuilds the domain error from
/// the trailing metadata, so the code only serves logs and generic tools).
inline Errc status_code_for(const Error& error) noexcept {
    return std::string_view{error.code().category().name()} == "proto" ? Errc::kInvalidArgument
                                                                       : Errc::kUnknown;
}

/// Logs a failed call (debug; `bug`: error) with the trace and span ids the client sent, so that
/// a trace continues into this process's yaolog lines (trace.hpp). Near free when the level is
/// off.
void log_failed_call(const ::grpc::ServerContextBase& context, const Error& error, bool bug);

/// Runs `body` (returning Result<void>, filling the reply itself) and turns its outcome into the
/// status: OK, or the error with its identity. An exception escaping the domain code (a bug)
/// becomes INTERNAL rather than taking the server down.
template <typename Body>
::grpc::Status handle(::grpc::ServerContextBase& context, Body&& body) {
    try {
        Result<void> r = body();
        if (r) return ::grpc::Status::OK;
        log_failed_call(context, r.error(), false);
        return to_status(context, r.error(), status_code_for(r.error()));
    } catch (const std::exception& e) {
        log_failed_call(context, Error{Errc::kInternal, e.what()}, true);
        return {::grpc::StatusCode::INTERNAL, e.what()};
    }
}

}  // namespace yao::grpc
