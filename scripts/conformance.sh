#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# make conformance: runs the Ethereum state tests for Cancun, Prague and Osaka and prints each
# fork's count; on a failure, the runner's whole report for that fork. Same lists as CTest's
# conformance_* tests (tests/conformance/CMakeLists.txt).
set -uo pipefail
yaoverse=${1:?usage: conformance.sh YAOVERSE FIXTURES}
fixtures=${2:?usage: conformance.sh YAOVERSE FIXTURES}
here=$(cd "$(dirname "$0")/.." && pwd)
[ -d "$fixtures" ] || { echo "conformance: fixtures not found: $fixtures" >&2; exit 2; }
status=0
for run in Cancun:known_failures Prague:known_failures Osaka:known_failures; do
  fork=${run%%:*}
  list=$here/tests/conformance/${run#*:}.txt
  if out=$("$yaoverse" statetest --fork "$fork" --known-failures "$list" "$fixtures"); then
    printf '%-7s %s\n' "$fork" "$(tail -n 1 <<<"$out")"
  else
    printf '%s\n%-7s FAILED\n' "$out" "$fork"
    status=1
  fi
done
exit $status
