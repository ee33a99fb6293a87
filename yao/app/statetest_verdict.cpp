// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "statetest_verdict.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <string_view>

#include <nlohmann/json.hpp>

namespace yao::app {
namespace {

using nlohmann::json;

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return std::string{s};
}

}  // namespace

bool read_known_failures(const std::string& path, KnownFailures& known, std::string& error) {
    std::ifstream in{path};
    if (!in) {
        error = "cannot read " + path;
        return false;
    }
    size_t line_no = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        const std::string text = trim(line);
        if (text.empty() || text[0] == '#') continue;
        const size_t a = text.find(" | ");
        const size_t b = a == std::string::npos ? a : text.find(" | ", a + 3);
        const std::string where = path + ":" + std::to_string(line_no);
        if (b == std::string::npos) {
            error = where + ": want \"ID | EXPECTED FAILURE TEXT | WHY\"";
            return false;
        }
        KnownFailure k{trim(text.substr(a + 3, b - a - 3)), trim(text.substr(b + 3))};
        if (k.expected.empty() || k.why.empty()) {
            error = where + ": the expected failure text and the reason must not be empty";
            return false;
        }
        if (!known.emplace(trim(text.substr(0, a)), std::move(k)).second) {
            error = where + ": listed twice";
            return false;
        }
    }
    return true;
}

Verdict judge(const std::vector<FileReport>& reports, const KnownFailures& known,
              bool whole_run) {
    Verdict v;
    std::set<std::string> seen;
    for (const FileReport& r : reports) {
        v.passed += r.passed;
        for (const std::string& id : r.passed_ids) {
            seen.insert(id);
            if (known.contains(id)) v.now_passing.push_back(id);
        }
        for (const EntryResult& e : r.failures) {
            seen.insert(e.id);
            v.failures.push_back(&e);
            const auto k = known.find(e.id);
            if (k == known.end() || e.reason.find(k->second.expected) == std::string::npos)
                v.unexpected.push_back(&e);
        }
    }
    // A filtered run does not run every listed entry: only a whole run can call one stale.
    if (whole_run)
        for (const auto& [id, k] : known)
            if (!seen.contains(id)) v.stale.push_back(id);
    return v;
}

void print_text(const Verdict& v, const KnownFailures& known) {
    for (const EntryResult* e : v.failures) {
        const auto k = known.find(e->id);
        const bool expected = k != known.end() && e->reason.find(k->second.expected) !=
                                                      std::string::npos;
        std::printf("FAIL %s%s: %s\n", e->id.c_str(),
                    expected                ? " (known)"
                    : k != known.end()      ? " (listed, but failing for another reason)"
                                            : "",
                    e->reason.c_str());
    }
    for (const std::string& id : v.now_passing)
        std::printf("now passes (remove it from the known failures): %s\n", id.c_str());
    for (const std::string& id : v.stale)
        std::printf("stale (listed, but no such entry ran): %s\n", id.c_str());
    if (!known.empty() || !v.unexpected.empty())
        std::printf("%zu unexpected failures, %zu known failures now passing, %zu stale\n",
                    v.unexpected.size(), v.now_passing.size(), v.stale.size());
    std::printf("%zu passed, %zu failed\n", v.passed, v.failures.size());
}

void print_json(const Verdict& v, const KnownFailures& known) {
    json out;
    out["passed"] = v.passed;
    out["failed"] = v.failures.size();
    out["failures"] = json::array();
    for (const EntryResult* e : v.failures) {
        json j{{"id", e->id},
               {"file", e->file},
               {"test", e->test},
               {"indexes", {{"data", e->d}, {"gas", e->g}, {"value", e->v}}},
               {"reason", e->reason},
               {"unexpected", std::find(v.unexpected.begin(), v.unexpected.end(), e) !=
                                  v.unexpected.end()}};
        if (const auto k = known.find(e->id); k != known.end()) j["known_because"] = k->second.why;
        out["failures"].push_back(std::move(j));
    }
    out["known_failures_now_passing"] = v.now_passing;
    out["stale_known_failures"] = v.stale;
    std::puts(out.dump(2).c_str());
}

}  // namespace yao::app
