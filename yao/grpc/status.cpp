// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "status.hpp"

#include <yao/grpc/error_identity.hpp>

#include <grpcpp/client_context.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <string>

namespace yao::grpc {
namespace {

// Errc values are the gRPC status codes, so conversion is a cast.
template <Errc E, ::grpc::StatusCode C>
constexpr bool same_code = static_cast<int>(E) == static_cast<int>(C);
static_assert(same_code<Errc::kCancelled, ::grpc::StatusCode::CANCELLED>);
static_assert(same_code<Errc::kUnknown, ::grpc::StatusCode::UNKNOWN>);
static_assert(same_code<Errc::kInvalidArgument, ::grpc::StatusCode::INVALID_ARGUMENT>);
static_assert(same_code<Errc::kDeadlineExceeded, ::grpc::StatusCode::DEADLINE_EXCEEDED>);
static_assert(same_code<Errc::kNotFound, ::grpc::StatusCode::NOT_FOUND>);
static_assert(same_code<Errc::kAlreadyExists, ::grpc::StatusCode::ALREADY_EXISTS>);
static_assert(same_code<Errc::kPermissionDenied, ::grpc::StatusCode::PERMISSION_DENIED>);
static_assert(same_code<Errc::kResourceExhausted, ::grpc::StatusCode::RESOURCE_EXHAUSTED>);
static_assert(same_code<Errc::kFailedPrecondition, ::grpc::StatusCode::FAILED_PRECONDITION>);
static_assert(same_code<Errc::kAborted, ::grpc::StatusCode::ABORTED>);
static_assert(same_code<Errc::kOutOfRange, ::grpc::StatusCode::OUT_OF_RANGE>);
static_assert(same_code<Errc::kUnimplemented, ::grpc::StatusCode::UNIMPLEMENTED>);
static_assert(same_code<Errc::kInternal, ::grpc::StatusCode::INTERNAL>);
static_assert(same_code<Errc::kUnavailable, ::grpc::StatusCode::UNAVAILABLE>);
static_assert(same_code<Errc::kDataLoss, ::grpc::StatusCode::DATA_LOSS>);
static_assert(same_code<Errc::kUnauthenticated, ::grpc::StatusCode::UNAUTHENTICATED>);

::grpc::StatusCode status_code(Errc e) noexcept {
    return static_cast<::grpc::StatusCode>(static_cast<int>(e));
}

}  // namespace

Errc errc_from_code(int code) noexcept {
    if (code < static_cast<int>(Errc::kCancelled) ||
        code > static_cast<int>(Errc::kUnauthenticated))
        return Errc::kUnknown;
    return static_cast<Errc>(code);
}

Error from_status(const ::grpc::Status& status) {
    return Error{errc_from_code(static_cast<int>(status.error_code())), status.error_message()};
}

Result<void> to_result(const ::grpc::Status& status) {
    if (status.ok()) return {};
    return std::unexpected(from_status(status));
}

Error from_status(const ::grpc::Status& status, const ::grpc::ClientContext& context) {
    const auto& trailers = context.GetServerTrailingMetadata();
    const auto category =
        trailers.find(::grpc::string_ref{kErrorCategoryKey.data(), kErrorCategoryKey.size()});
    const auto value =
        trailers.find(::grpc::string_ref{kErrorValueKey.data(), kErrorValueKey.size()});
    if (category == trailers.end() || value == trailers.end()) return from_status(status);
    return rebuild_error({category->second.data(), category->second.size()},
                         {value->second.data(), value->second.size()}, status.error_message(),
                         errc_from_code(static_cast<int>(status.error_code())));
}

::grpc::Status to_status(::grpc::ServerContextBase& context, const Error& error, Errc code) {
    if (error.code().category() == grpc_category()) return to_status(error);
    context.AddTrailingMetadata(std::string{kErrorCategoryKey}, error.code().category().name());
    context.AddTrailingMetadata(std::string{kErrorValueKey}, std::to_string(error.code().value()));
    return {status_code(code), error.context()};
}

::grpc::Status to_status(const Error& error) {
    if (error.code().category() == grpc_category())
        return {status_code(errc_from_code(error.code().value())), error.context()};
    return {::grpc::StatusCode::UNKNOWN, error.message()};
}

::grpc::Status to_status(const Error& error, Errc code) {
    return {status_code(code), error.context().empty() ? error.message() : error.context()};
}

}  // namespace yao::grpc
