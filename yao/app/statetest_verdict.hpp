// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The state-test runner's verdict: what a run found against the known failures, and how it is
// printed. Internal to `yaoverse statetest` (statetest.cpp runs the fixtures).

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace yao::app {

/// One failed post entry.
struct EntryResult {
    std::string id;
    std::string file;
    std::string test;
    size_t d = 0, g = 0, v = 0;
    std::string reason;
};

/// What one fixture file gave.
struct FileReport {
    size_t passed = 0;
    std::vector<std::string> passed_ids;  ///< kept only when checking known failures
    std::vector<EntryResult> failures;    ///< in fixture order
};

/// A known failure: the entry may fail only with a reason containing `expected`; `why` says why
/// it is listed (a line "ID | EXPECTED | WHY" of the known-failures file).
struct KnownFailure {
    std::string expected;
    std::string why;
};
using KnownFailures = std::map<std::string, KnownFailure>;

/// Reads a known-failures file; false with `error` naming the file and line on a bad line.
bool read_known_failures(const std::string& path, KnownFailures& known, std::string& error);

/// What a run found, measured against the known failures.
struct Verdict {
    size_t passed = 0;
    std::vector<const EntryResult*> failures;    ///< every failure, known or not
    std::vector<const EntryResult*> unexpected;  ///< not listed, or failing for another reason
    std::vector<std::string> now_passing;        ///< listed, yet passed
    std::vector<std::string> stale;              ///< listed, but no such entry ran
    bool ok() const { return unexpected.empty() && now_passing.empty() && stale.empty(); }
};

/// The verdict of `reports` (which must outlive it). Only a `whole_run` (no filter) can call a
/// listed entry stale.
Verdict judge(const std::vector<FileReport>& reports, const KnownFailures& known, bool whole_run);

/// One line per failure, then the counts.
void print_text(const Verdict& v, const KnownFailures& known);
/// The same as one JSON document.
void print_json(const Verdict& v, const KnownFailures& known);

}  // namespace yao::app
