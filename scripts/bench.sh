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
rm -f "$out_dir"/*.json

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
# The EVM workloads on Hardhat's EDR for the report's comparison; needs node and npm, bounded in
# time; when it cannot run, the report says "not measured" and why.
"$root/scripts/bench_hardhat.sh" "$build_dir" ||
  echo "bench.sh: Hardhat comparison not (fully) measured, see above; continuing" >&2
mkdir -p "$root/bench"
python3 "$root/scripts/bench_report.py" "$out_dir" "$build_dir" > "$root/bench/REPORT.md"
echo "bench.sh: wrote bench/REPORT.md"
