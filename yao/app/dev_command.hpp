// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
#include <string_view>
#include <vector>

namespace yao::app {

/// `yaoverse init [options]`: writes the configured genesis into a fresh store (or confirms the
/// store already holds it). Returns the process exit code.
int init_main(const std::vector<std::string_view>& args);

/// `yaoverse dev [options]`: the single-node chain on the embedded defaults, until SIGINT or
/// SIGTERM. Returns the process exit code.
int dev_main(const std::vector<std::string_view>& args);

}  // namespace yao::app
