// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Domain errors across the wire. A handler that fails with, say, chronos::Errc::kAlreadyKnown
// answers a status whose trailing metadata carries the error's category name and value
// ("yao-error-category: chronos", "yao-error-value: 2") and whose message is the error's context;
// the client finds the category by name in a small registry and rebuilds the same
// std::error_code, so `error == chronos::Errc::kAlreadyKnown` and `error.code().message()` hold on
// both sides of a gRPC hop. No grpcpp header here: configuration and service code can register
// categories.

#include <yao/common/error.hpp>
#include <yao/grpc/errc.hpp>

#include <string>
#include <string_view>
#include <system_error>

namespace yao::grpc {

/// Trailing metadata keys of a failed call's domain error.
inline constexpr std::string_view kErrorCategoryKey = "yao-error-category";
inline constexpr std::string_view kErrorValueKey = "yao-error-value";

/// Makes `category` findable by its name() on the client side. Idempotent; thread-safe. The
/// categories `grpc`, `common`, `rlp`, std's `generic` and `system` are always registered; each
/// service adapter library registers the categories its service can fail with. A second,
/// different category object under a name already taken is ignored (the first one stays).
void register_category(const std::error_category& category);

/// The registered category named `name`; nullptr when none is.
const std::error_category* find_category(std::string_view name) noexcept;

/// The Error a client sees for a failed call that carried a domain identity: the registered
/// category's code `value` with `context`, or, for a category this process does not know (or a
/// value that is not a number), Error{`fallback`, "<category> error <value>: <context>"}.
Error rebuild_error(std::string_view category, std::string_view value, std::string context,
                    Errc fallback);

}  // namespace yao::grpc
