// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

namespace yao::detail {
[[noreturn]] void assert_failed(const char* expr, const char* file, int line) noexcept;
}  // namespace yao::detail

/// Checks an invariant in every build type; a failure is a bug: it prints and aborts.
#define YAO_ASSERT(expr) \
    ((expr) ? static_cast<void>(0) : ::yao::detail::assert_failed(#expr, __FILE__, __LINE__))
