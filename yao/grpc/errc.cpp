// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "errc.hpp"

#include <string>

namespace yao::grpc {
namespace {

class GrpcCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "grpc"; }
    std::string message(int code) const override {
        switch (static_cast<Errc>(code)) {
            case Errc::kCancelled:
                return "cancelled";
            case Errc::kUnknown:
                return "unknown";
            case Errc::kInvalidArgument:
                return "invalid_argument";
            case Errc::kDeadlineExceeded:
                return "deadline_exceeded";
            case Errc::kNotFound:
                return "not_found";
            case Errc::kAlreadyExists:
                return "already_exists";
            case Errc::kPermissionDenied:
                return "permission_denied";
            case Errc::kResourceExhausted:
                return "resource_exhausted";
            case Errc::kFailedPrecondition:
                return "failed_precondition";
            case Errc::kAborted:
                return "aborted";
            case Errc::kOutOfRange:
                return "out_of_range";
            case Errc::kUnimplemented:
                return "unimplemented";
            case Errc::kInternal:
                return "internal";
            case Errc::kUnavailable:
                return "unavailable";
            case Errc::kDataLoss:
                return "data_loss";
            case Errc::kUnauthenticated:
                return "unauthenticated";
        }
        return "unknown";
    }
};

}  // namespace

const std::error_category& grpc_category() noexcept {
    static const GrpcCategory category;
    return category;
}

}  // namespace yao::grpc
