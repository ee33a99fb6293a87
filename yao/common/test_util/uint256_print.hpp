// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <ostream>

#include <yao/common/uint256.hpp>

namespace yao {

/// GoogleTest failure messages print words as hex.
inline void PrintTo(const Uint256& x, std::ostream* os) { *os << x.to_hex(); }

}  // namespace yao
