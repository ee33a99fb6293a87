// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
#include <string_view>
#include <vector>

namespace yao::app {

/// `yaoverse verify [--config F | --data-dir D] [--from N] [--to N]`: re-executes the stored
/// chain from its SQL tables, block by block, and compares every row and root with what
/// re-execution produces (docs/operations.md, "Auditing the chain"). Read-only: safe beside the
/// process writing the chain. Exit code 0: all verified (a summary line on stdout); 1: the first
/// divergence, "block N: table T, key K: ...", on stdout; 2: usage, configuration, or a store
/// that cannot be opened or read.
int verify_main(const std::vector<std::string_view>& args);

}  // namespace yao::app
