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
    std::string fork = "Cancun";     ///< post key to run: Shanghai, Cancun or Prague
    std::string filter;              ///< run only tests whose id contains this
    bool json = false;               ///< one JSON document instead of text lines
    std::string known_failures;      ///< file of test ids expected to fail (may be empty)
    unsigned threads = 2;            ///< files run in parallel
    std::vector<std::string> paths;  ///< fixture files or directories (recursive)
};

/// Parses the arguments after `statetest`. On a usage error returns false and sets `error`.
bool parse_statetest_args(std::span<const std::string_view> args, StateTestOptions& options,
                          std::string& error);

/// Runs the Ethereum state-test fixtures under `options.paths` and prints one line per failure
/// and per skipped test, then `N passed, N failed, N skipped`. Skipped are only entries that
/// fail after calling the KZG point evaluation precompile while it is not implemented.
/// Returns the process exit code: 1 when an entry failed, 0 otherwise; with known failures,
/// 1 only when a failure is not listed or a listed entry now passes; 2 on a usage or I/O error.
int run_statetest(const StateTestOptions& options);

/// `yaoverse statetest ...`: parse_statetest_args then run_statetest.
int statetest_main(std::span<const std::string_view> args);

}  // namespace yao::app
