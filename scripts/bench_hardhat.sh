#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# Runs the EVM benchmark workloads on Hardhat's in-process EDR network (bench/hardhat) and writes
# BUILD_DIR/bench-results/hardhat.json for scripts/bench_report.py.
#   scripts/bench_hardhat.sh BUILD_DIR
# Builds nothing: BUILD_DIR/bench/evm_workloads must exist (YAO_BUILD_BENCH). Installs Hardhat
# with `npm ci` when bench/hardhat/node_modules is missing. When something is missing the JSON
# says {"not_measured": "<reason>"} and the script exits 1, so the report can say why.
# HH_MAX_CALLS / HH_MAX_SECONDS bound each workload (default 200 calls / 3 s); the whole
# comparison is bounded by HH_TIMEOUT seconds (default 300).
set -euo pipefail
build_dir=${1:?usage: bench_hardhat.sh BUILD_DIR}
build_dir=$(cd "$build_dir" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
hh_dir="$root/bench/hardhat"
out_dir="$build_dir/bench-results"
out="$out_dir/hardhat.json"
workloads="$build_dir/bench-hardhat-workloads.json"
mkdir -p "$out_dir"

not_measured() {
  echo "bench_hardhat.sh: Hardhat comparison not measured: $1" >&2
  local reason=${1//\\/\\\\}
  reason=${reason//\"/\\\"}
  printf '{"tool": "hardhat", "not_measured": "%s"}\n' "$reason" > "$out"
  exit 1
}

exporter="$build_dir/bench/evm_workloads"
[[ -x "$exporter" ]] ||
  not_measured "$exporter not built (needs YAO_BUILD_BENCH=ON and add_subdirectory(bench))"
command -v node >/dev/null || not_measured "node is not installed"
command -v npm >/dev/null || not_measured "npm is not installed"
node_major=$(node -p 'process.versions.node.split(".")[0]')
(( node_major >= 18 )) ||
  not_measured "node $(node --version) is too old (Hardhat 2 needs 18 or newer)"

"$exporter" > "$workloads" || not_measured "evm_workloads failed"

if [[ ! -d "$hh_dir/node_modules/hardhat" ]]; then
  echo "bench_hardhat.sh: npm ci in bench/hardhat"
  (cd "$hh_dir" && timeout 600 npm ci --silent --no-audit --no-fund) ||
    not_measured "npm ci in bench/hardhat failed (is the npm registry reachable?)"
fi

echo "== hardhat (EDR) eth_call comparison"
rc=0
HARDHAT_DISABLE_TELEMETRY_PROMPT=true timeout "${HH_TIMEOUT:-300}" \
  node --expose-gc "$hh_dir/compare.mjs" "$workloads" "$out.tmp" || rc=$?
if [[ $rc -eq 124 ]]; then
  not_measured "compare.mjs did not finish within ${HH_TIMEOUT:-300} s"
elif [[ ! -s "$out.tmp" ]]; then
  not_measured "compare.mjs failed (exit $rc)"
fi
mv "$out.tmp" "$out"
echo "bench_hardhat.sh: wrote $out"
exit "$rc"
