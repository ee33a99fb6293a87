#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# The state-test runner cannot hide a regression: checks its verdicts on one published
# execution-spec-tests fixture (runner/, copied unchanged from the eest-v5.4.0 fill) and on a
# copy whose expected post-state root is altered.
set -uo pipefail
yaoverse=${1:?usage: runner_test.sh YAOVERSE}
here=$(cd "$(dirname "$0")" && pwd)
fixture=$here/runner/test_tx_gas_limit_cap_at_maximum.json
id_of() { echo "$1:tests/osaka/eip7825_transaction_gas_limit_cap/test_eip_mainnet.py::test_tx_gas_limit_cap_at_maximum[fork_Osaka-state_test]:d0g0v0"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/good" "$work/bad" "$work/empty"
cp "$fixture" "$work/good/x.json"
sed 's/"hash":"0x6b4267d9ce94c1314036f184414bb7e814651dc524bd20520f7dc41bb22de73e"/"hash":"0x00000000000000000000000000000000000000000000000000000000000000aa"/' \
  "$fixture" > "$work/bad/x.json"
cmp -s "$work/good/x.json" "$work/bad/x.json" && { echo "FAIL: the altered copy equals the fixture"; exit 1; }

failures=0
# expect NAME CODE PATTERN -- ARGS...: runs the runner, checks its exit code and that its output
# (stdout and stderr) contains PATTERN.
expect() {
  local name=$1 want=$2 pattern=$3; shift 4
  local out rc
  out=$("$yaoverse" statetest "$@" 2>&1); rc=$?
  if [ "$rc" -ne "$want" ] || ! grep -qF -- "$pattern" <<<"$out"; then
    echo "FAIL $name: exit $rc (want $want), output lacks \"$pattern\":"
    sed 's/^/    /' <<<"$out"
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}
list() { printf '%s\n' "$@" > "$work/known.txt"; echo "$work/known.txt"; }

expect "a passing entry passes" 0 "1 passed, 0 failed" -- --fork Osaka "$work/good"
expect "a wrong post state fails" 1 "FAIL x.json" -- --fork Osaka "$work/bad"
expect "a listed failure with its expected text passes the run" 0 "(known)" -- \
  --fork Osaka --known-failures "$(list "$(id_of x.json) | state root | altered on purpose")" "$work/bad"
expect "a listed failure failing for another reason fails the run" 1 "failing for another reason" -- \
  --fork Osaka --known-failures "$(list "$(id_of x.json) | logs hash | altered on purpose")" "$work/bad"
expect "a listed entry that passes fails the run" 1 "now passes" -- \
  --fork Osaka --known-failures "$(list "$(id_of x.json) | state root | listed on purpose")" "$work/good"
expect "a listed entry that did not run fails the run" 1 "stale" -- \
  --fork Osaka --known-failures "$(list "$(id_of gone.json) | state root | no such file")" "$work/good"
expect "a filtered run does not call unrun entries stale" 0 "1 passed" -- \
  --fork Osaka --filter x.json --known-failures "$(list "$(id_of gone.json) | state root | no such file")" "$work/good"
expect "a known-failures line without a reason is refused" 2 "ID | EXPECTED FAILURE TEXT | WHY" -- \
  --fork Osaka --known-failures "$(list "$(id_of x.json)")" "$work/good"
expect "fewer entries than expected fail the run" 1 "fewer than the 2 expected" -- \
  --fork Osaka --min-entries 2 "$work/good"
expect "a tree without entries for the fork fails" 1 "0 Prague entries ran" -- --fork Prague "$work/good"
expect "an empty tree fails" 1 "0 Osaka entries ran" -- --fork Osaka "$work/empty"
expect "a missing tree is an error" 2 "no such file or directory" -- --fork Osaka "$work/missing"
expect "an unknown fork is refused" 2 "unsupported fork" -- --fork Amsterdam "$work/good"

[ "$failures" -eq 0 ] || { echo "$failures runner checks failed"; exit 1; }
echo "all runner checks passed"
