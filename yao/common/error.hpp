// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <expected>
#include <string>
#include <system_error>
#include <utility>

namespace yao {

/// A failure that can happen in a correct program: a code from one layer's `Errc` plus optional
/// context (what input, which field). Bugs do not become Errors; they go through YAO_ASSERT.
class Error {
public:
    Error() = default;
    Error(std::error_code code, std::string context = {})
        : code_{code}, context_{std::move(context)} {}
    template <typename E>
        requires std::is_error_code_enum_v<E>
    Error(E e, std::string context = {}) : Error{make_error_code(e), std::move(context)} {}

    const std::error_code& code() const noexcept { return code_; }
    const std::string& context() const noexcept { return context_; }

    /// "category.code_name: context" — stable enough to log and to assert on in tests.
    std::string message() const;

    friend bool operator==(const Error& a, const std::error_code& c) noexcept { return a.code_ == c; }
    template <typename E>
        requires std::is_error_code_enum_v<E>
    friend bool operator==(const Error& a, E e) noexcept {
        return a.code_ == make_error_code(e);
    }

private:
    std::error_code code_;
    std::string context_;
};

/// The result of an operation that can fail: a value or an Error.
template <typename T>
using Result = std::expected<T, Error>;

/// Shorthand for returning an error: `return fail(Errc::kX, "detail");`.
template <typename E>
std::unexpected<Error> fail(E e, std::string context = {}) {
    return std::unexpected<Error>{Error{e, std::move(context)}};
}

}  // namespace yao

#define YAO_CONCAT_INNER(a, b) a##b
#define YAO_CONCAT(a, b) YAO_CONCAT_INNER(a, b)

/// Evaluates `expr` (a Result); on error returns it from the enclosing function (which must return
/// a Result), otherwise assigns the value to `lhs` (a declaration like `auto x` or an lvalue).
#define YAO_TRY(lhs, expr)                                                  \
    auto YAO_CONCAT(yao_try_, __LINE__) = (expr);                           \
    if (!YAO_CONCAT(yao_try_, __LINE__))                                    \
        return std::unexpected(std::move(YAO_CONCAT(yao_try_, __LINE__)).error()); \
    lhs = std::move(*YAO_CONCAT(yao_try_, __LINE__))

/// Evaluates `expr` (a Result<void> or any Result whose value is not needed); returns on error.
#define YAO_TRY_VOID(expr)                                                  \
    do {                                                                    \
        auto yao_try_void_ = (expr);                                        \
        if (!yao_try_void_) return std::unexpected(std::move(yao_try_void_).error()); \
    } while (false)
