#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# Foundry (forge, cast) and Hardhat 2 end to end against `yaoverse dev` (one node per suite, on a
# free loopback port, stopped by its PID: ../e2e/lib/node.mjs).
#   tests/tools/run.sh [path/to/yaoverse]      default: build/release/yao/app/yaoverse
#   TOOLS_SUITES="foundry hardhat quantities quantities.anvil quantities.hardhat devhelpers"
#                                       the suites to run (default all six)
#   TOOLS_TIMEOUT=seconds (default 300), TOOLS_CONCURRENCY=suites at once (default 3)
# Needs Node >= 20.14 (else one comes from the npm registry, scripts/node_runtime.sh) and npm.
# Installs the npm packages pinned in package-lock.json (forge and cast are the binaries of the
# @foundry-rs/*-linux-amd64 packages) when node_modules is missing or the lock changed; everything
# else runs offline: forge compiles through bin/solc and Hardhat through solc-js, both the `solc`
# package of node_modules.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -ge 1 ]]; then
    YAOVERSE_BIN="$(realpath "$1")"
    export YAOVERSE_BIN
fi
cd "$here"

if [[ "$(uname -sm)" != "Linux x86_64" ]]; then
    echo "tools: the pinned Foundry binaries are linux-amd64 ones, not for $(uname -sm)" >&2
    exit 1
fi
# Two runs at once in this tree install under one lock: the second waits for the first.
exec 9>"$here/.install.lock"
flock 9
NODE="$("$here/../../scripts/node_runtime.sh" "$here" tools)"
export PATH="$(dirname "$NODE"):$PATH"
"$here/../../scripts/npm_ci.sh" "$here" tools
for tool in forge cast; do
    bin="node_modules/@foundry-rs/$tool-linux-amd64/bin/$tool"
    [[ -x "$bin" ]] || { echo "tools: $bin is missing after npm ci" >&2; exit 1; }
done
flock -u 9
echo "tools: $(node_modules/@foundry-rs/forge-linux-amd64/bin/forge --version | head -1)," \
    "$(node_modules/@foundry-rs/cast-linux-amd64/bin/cast --version | head -1)," \
    "hardhat $("$NODE" -p 'require("hardhat/package.json").version')," \
    "solc-js $("$NODE" -p 'require("solc/package.json").version')"

suites=()
for s in ${TOOLS_SUITES:-foundry hardhat quantities quantities.anvil quantities.hardhat devhelpers}; do suites+=("$s.test.mjs"); done
exec timeout --kill-after=10 "${TOOLS_TIMEOUT:-300}" \
    "$NODE" --test --test-force-exit --test-timeout=240000 --test-concurrency="${TOOLS_CONCURRENCY:-3}" \
    --test-reporter=spec "${suites[@]}"
