// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace yao::app {

/// Options of `yaoverse statetest`.
struct StateTestOptions {
    std::string fork = "Cancun";     ///< post key to run: Shanghai, Cancun, Prague or Osaka
    std::string filter;              ///< run only tests whose id contains this
    bool json = false;               ///< one JSON document instead of text lines
    std::string known_failures;      ///< "ID | EXPECTED FAILURE TEXT | WHY" lines (may be empty)
    size_t min_entries = 0;          ///< fail a run of fewer entries (missing fixtures)
    unsigned threads = 2;            ///< files run in parallel
    std::vector<std::string> paths;  ///< fixture files or directories (recursive)
};

/// Parses the arguments after `statetest`. On a usage error returns false and sets `error`.
bool parse_statetest_args(std::span<const std::string_view> args, StateTestOptions& options,
                          std::string& error);

/// Runs the Ethereum state-test fixtures under `options.paths` and prints one line per failure,
/// then `N passed, N failed` (no entry is ever skipped). Returns the process exit code: 1 when
/// an entry failed other than as its known-failures line expects, when a listed entry passed
/// or (unfiltered) did not run, or when fewer than `min_entries` entries ran; 0 otherwise;
/// 2 on a usage or I/O error (a malformed known-failures line included).
int run_statetest(const StateTestOptions& options);

/// `yaoverse statetest ...`: parse_statetest_args then run_statetest.
int statetest_main(std::span<const std::string_view> args);

}  // namespace yao::app
