// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
#include <string_view>
#include <vector>

namespace yao::app {

/// `yaoverse archive|vulcan|chronos|portal --config FILE`: one service of the cluster shape in
/// its own process (docs/cluster.md), until SIGINT or SIGTERM. Returns the exit code.
int service_main(std::string_view service, const std::vector<std::string_view>& args);

}  // namespace yao::app
