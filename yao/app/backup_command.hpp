// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
#include <string_view>
#include <vector>

namespace yao::app {

/// `yaoverse backup (--config FILE | --data-dir DIR) --out PATH`: an online backup of the
/// configured store (a running node keeps committing) into the new directory PATH: the data
/// (chain.sqlite, or dump.sql for a MySQL-protocol store) and manifest.json (head number and
/// hash, chain id, genesis hash, time, version). Prints the head. Returns the exit code.
int backup_main(const std::vector<std::string_view>& args);

/// `yaoverse restore --from PATH (--config FILE | --data-dir DIR)`: restores a backup into an
/// empty target store (a non-empty one is refused untouched), checks the restored chain
/// against the manifest and prints its head. Returns the exit code.
int restore_main(const std::vector<std::string_view>& args);

}  // namespace yao::app
