// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace yao::detail {

void assert_failed(const char* expr, const char* file, int line) noexcept {
    std::fprintf(stderr, "YAO_ASSERT failed: %s at %s:%d\n", expr, file, line);
    std::fflush(stderr);
    std::abort();
}

}  // namespace yao::detail
