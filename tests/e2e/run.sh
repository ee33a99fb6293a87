#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# End-to-end tests: `yaoverse dev` driven by ethers v6, viem and web3.js (one node per suite), and
# prague_osaka.test.mjs: what the dev chain's Prague and Osaka rules bring (EIP-7702 with viem,
# P256VERIFY, BLS12-381, the calldata floor, the transaction gas cap, solc's default EVM version).
#   tests/e2e/run.sh [path/to/yaoverse]      default: build/release/yao/app/yaoverse
#   E2E_TARGET=hardhat tests/e2e/run.sh      the same suites against bench/hardhat's node
#   E2E_TARGET=cluster tests/e2e/run.sh      the same suites, each against a cluster of its own
#                                            (deploy/local/cluster.sh), plus cluster.test.mjs
# Needs Node >= 20.14 and npm.
#   E2E_TIMEOUT=seconds (default 240), E2E_CONCURRENCY=suites at once (default 3),
#   E2E_SUITES="ethers viem" to run some suites only, E2E_NODE_ARGS for extra yaoverse options
#   (its --log-level replaces the default warn), E2E_NODE_LOG=PREFIX keeps what each node writes
#   to stderr in PREFIX.<pid> (e.g. E2E_NODE_ARGS="--log-level debug" to follow a transaction);
#   without it the logs go to a temporary directory, and a failed run prints the end of each
#   (the nodes log at debug unless E2E_NODE_ARGS names a level).
# Installs the npm packages pinned in package-lock.json when node_modules is missing or the lock
# changed; everything else (solc included) runs offline.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The binary as given, relative to the caller's directory.
if [[ $# -ge 1 ]]; then
    YAOVERSE_BIN="$(realpath "$1")"
    export YAOVERSE_BIN
fi
cd "$here"

# Node 20.14 is the first with --test-force-exit; an older one brings a pinned Node 20 from the
# npm registry into tests/e2e/.node-runtime, once (scripts/node_runtime.sh).
# e2e and e2e_cluster run at the same time under CTest: the installs below happen under one lock,
# so the second run waits for the first instead of racing it in the same node_modules.
exec 9>"$here/.install.lock"
flock 9
NODE="$("$here/../../scripts/node_runtime.sh" "$here" e2e)"
export PATH="$(dirname "$NODE"):$PATH"

"$here/../../scripts/npm_ci.sh" "$here" e2e

"$NODE" lib/compile.mjs
flock -u 9

suites=()
default_suites="ethers viem web3"
# A cluster adds the suite of what only it has (two Portals).
[[ "${E2E_TARGET:-}" == cluster ]] && default_suites+=" cluster"
# Osaka is yaoverse's own default fork; the Hardhat reference does not run it.
[[ "${E2E_TARGET:-yaoverse}" == yaoverse ]] && default_suites+=" prague_osaka"
for s in ${E2E_SUITES:-$default_suites}; do suites+=("$s.test.mjs"); done

# Each node's stderr is kept (lib/node.mjs) so that a failed run shows the end of it, at debug
# level (a few hundred lines a suite): the last lines then say what became of the transactions
# the failed test waited for (accepted, pooled, proposed, executed or dropped, committed).
[[ " ${E2E_NODE_ARGS:-} " == *" --log-level "* ]] || export E2E_NODE_ARGS="${E2E_NODE_ARGS:-} --log-level debug"
tmp_logs=""
if [[ -z "${E2E_NODE_LOG:-}" ]]; then
    tmp_logs="$(mktemp -d)"
    export E2E_NODE_LOG="$tmp_logs/node"
fi
trap '[[ -n "$tmp_logs" ]] && rm -rf "$tmp_logs"' EXIT

# --test-force-exit: a client that keeps a socket or timer alive must not hold the run hostage;
# --test-timeout: a whole suite (one file, one node); each test has its own 60 s limit.
rc=0
timeout --kill-after=10 "${E2E_TIMEOUT:-240}" \
    "$NODE" --test --test-force-exit --test-timeout="${E2E_SUITE_TIMEOUT_MS:-200000}" --test-concurrency="${E2E_CONCURRENCY:-3}" \
    --test-reporter=spec "${suites[@]}" || rc=$?
if ((rc != 0)); then
    for f in "$E2E_NODE_LOG".*; do
        [[ -e "$f" ]] || continue
        # A suite ended by its timeout does not stop its node: stop it here, by the PID its
        # log is named after (only a yaoverse this run started).
        pid="${f##*.}"
        if [[ "$pid" =~ ^[0-9]+$ ]] && grep -q yaoverse "/proc/$pid/cmdline" 2>/dev/null; then
            kill "$pid" 2>/dev/null
        fi
        [[ -s "$f" ]] || continue
        echo "--- the last 40 lines of a node's stderr ($f) ---"
        tail -n 40 "$f"
    done
fi
exit "$rc"
