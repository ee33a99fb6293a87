#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# Runs every micro-benchmark binary of a build and writes bench/REPORT.md.
#   scripts/bench.sh BUILD_DIR
# BENCH_MIN_TIME (seconds per benchmark, default 0.3) trades precision for time.
set -euo pipefail
build_dir=${1:?usage: bench.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
out_dir="$build_dir/bench-results"
mkdir -p "$out_dir"
rm -f "$out_dir"/*.json "$out_dir"/*.jsonl

mapfile -t binaries < <(find "$build_dir" -name '*_bench' -type f -executable | sort)
if [[ ${#binaries[@]} -eq 0 ]]; then
  echo "bench.sh: no benchmark binaries under $build_dir" >&2
  exit 1
fi
for bin in "${binaries[@]}"; do
  name=$(basename "$bin")
  echo "== $name"
  "$bin" --benchmark_min_time="${BENCH_MIN_TIME:-0.3}" \
         --benchmark_out="$out_dir/$name.json" --benchmark_out_format=json \
         --benchmark_counters_tabular=true
done
# The whole pipeline in one process (bench/pipeline_load.cpp, not a Google Benchmark binary): one
# JSON object per line, bounded in time; when it fails, the report says "not measured" and why.
# PIPELINE_ARGS passes options (e.g. "--native=20000 --erc20=20000"); PIPELINE_TIMEOUT seconds.
load="$build_dir/bench/yao_pipeline_load"
load_out="$out_dir/pipeline_load.jsonl"
if [[ -x "$load" ]]; then
  echo "== yao_pipeline_load"
  load_rc=0
  # Its SQLite files go under TMPDIR; a private one so that a killed run leaves nothing behind.
  load_tmp="$out_dir/pipeline_tmp"
  rm -rf "$load_tmp" && mkdir -p "$load_tmp"
  # shellcheck disable=SC2086 # PIPELINE_ARGS is a list of options
  TMPDIR="$load_tmp" timeout --kill-after=10 "${PIPELINE_TIMEOUT:-420}" "$load" ${PIPELINE_ARGS:-} \
    > "$load_out" 2> >(tee "$out_dir/pipeline_load.log" >&2) || load_rc=$?
  rm -rf "$load_tmp"
  if [[ $load_rc -eq 124 || $load_rc -eq 137 ]]; then
    echo "{\"kind\": \"failed\", \"reason\": \"killed after ${PIPELINE_TIMEOUT:-420} s\"}" \
      >> "$load_out"
  elif [[ $load_rc -ne 0 ]]; then
    echo "{\"kind\": \"failed\", \"reason\": \"exit status $load_rc\"}" >> "$load_out"
  fi
  [[ $load_rc -eq 0 ]] || echo "bench.sh: yao_pipeline_load failed ($load_rc); continuing" >&2
else
  echo '{"kind": "failed", "reason": "yao_pipeline_load was not built"}' > "$load_out"
fi
# The EVM workloads on Hardhat's EDR for the report's comparison; needs node and npm, bounded in
# time; when it cannot run, the report says "not measured" and why.
"$root/scripts/bench_hardhat.sh" "$build_dir" ||
  echo "bench.sh: Hardhat comparison not (fully) measured, see above; continuing" >&2
# JSON-RPC under load from wrk (bench/rpc/run.sh): `yaoverse dev`, the local cluster, Hardhat's node
# and Foundry's Anvil (pinned in bench/anvil, installed by npm ci under a lock when missing), one
# JSON object per line, bounded in time; when one fails, the report says "not measured" and why.
# RPC_TIMEOUT seconds bound the whole run; RPC_* variables (see run.sh) change the load.
rpc_out="$out_dir/rpc.jsonl"
echo "== JSON-RPC load (bench/rpc/run.sh)"
rpc_rc=0
timeout --kill-after=10 "${RPC_TIMEOUT:-600}" "$root/bench/rpc/run.sh" "$build_dir" \
  > "$rpc_out" 2> >(tee "$out_dir/rpc.log" >&2) || rpc_rc=$?
if [[ $rpc_rc -eq 124 || $rpc_rc -eq 137 ]]; then
  echo "{\"kind\": \"failed\", \"reason\": \"killed after ${RPC_TIMEOUT:-600} s\"}" >> "$rpc_out"
elif [[ $rpc_rc -ne 0 ]]; then
  echo "{\"kind\": \"failed\", \"reason\": \"exit status $rpc_rc\"}" >> "$rpc_out"
fi
[[ $rpc_rc -eq 0 ]] || echo "bench.sh: JSON-RPC load not (fully) measured ($rpc_rc); continuing" >&2
# Committed throughput through JSON-RPC: `yaoverse dev` beside the cluster with one and two
# Vulcans and Anvil (bench/cluster/committed.py), native and ERC-20 transfers.
committed_out="$out_dir/committed.jsonl"
echo "== committed throughput, dev and cluster (bench/cluster/committed.py)"
committed_rc=0
timeout --kill-after=10 "${COMMITTED_RUN_TIMEOUT:-1800}" python3 "$root/bench/cluster/committed.py" \
  "$build_dir" > "$committed_out" 2> >(tee "$out_dir/committed.log" >&2) || committed_rc=$?
[[ $committed_rc -eq 0 ]] ||
  echo "{\"kind\": \"failed\", \"reason\": \"exit status $committed_rc\"}" >> "$committed_out"
# Sequencer failover under load on the local cluster (bench/cluster/failover.mjs): leader
# killed -> next committed block, the throughput dip, re-executions with two Vulcans.
failover_out="$out_dir/failover.jsonl"
echo "== cluster failover (bench/cluster/failover.mjs)"
if command -v node >/dev/null; then
  failover_rc=0
  timeout --kill-after=10 "${FAILOVER_TIMEOUT:-240}" node "$root/bench/cluster/failover.mjs" \
    "$build_dir/yao/app/yaoverse" > "$failover_out" 2> >(tee "$out_dir/failover.log" >&2) ||
    failover_rc=$?
  [[ $failover_rc -eq 0 ]] ||
    echo "{\"kind\": \"failed\", \"reason\": \"exit status $failover_rc\"}" >> "$failover_out"
else
  echo '{"kind": "failed", "reason": "node is not installed"}' > "$failover_out"
fi
mkdir -p "$root/bench"
python3 "$root/scripts/bench_report.py" "$out_dir" "$build_dir" > "$root/bench/REPORT.md"
echo "bench.sh: wrote bench/REPORT.md"
