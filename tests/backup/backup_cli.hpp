// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Running `yaoverse backup|restore` as the operator would, and reading what they leave.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace yao::backup_test {

/// What a finished command said.
struct CommandResult {
    int status = -1;     ///< exit status (-1: did not exit normally)
    std::string output;  ///< stdout and stderr together
};

/// Runs the yaoverse binary with `args` and waits for it.
CommandResult run_yaoverse(const std::vector<std::string>& args);

/// The backup directory's manifest.json (null when missing or not JSON).
nlohmann::json read_manifest(const std::string& backup_dir);
/// Replaces the manifest of `backup_dir`.
void write_manifest(const std::string& backup_dir, const nlohmann::json& manifest);

/// The names in a directory, sorted (empty when it does not exist).
std::vector<std::string> list_dir(const std::string& dir);

}  // namespace yao::backup_test
