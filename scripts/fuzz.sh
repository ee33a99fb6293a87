#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# Runs every libFuzzer target of a fuzz build for a bounded time.
#   scripts/fuzz.sh BUILD_DIR SECONDS
# Each target <name>_fuzz starts from fuzz/corpus/<name>/ (seeds are committed) and grows a
# working corpus under BUILD_DIR/corpus/<name>/. Crashes land in BUILD_DIR/artifacts/.
set -euo pipefail
build_dir=${1:?usage: fuzz.sh BUILD_DIR SECONDS}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$build_dir/artifacts"

mapfile -t targets < <(find "$build_dir" -name '*_fuzz' -type f -executable | sort)
[[ ${#targets[@]} -gt 0 ]] || { echo "fuzz.sh: no fuzz targets under $build_dir" >&2; exit 1; }
for bin in "${targets[@]}"; do
  name=$(basename "$bin" _fuzz)
  work="$build_dir/corpus/$name"
  mkdir -p "$work"
  seeds=()
  [[ -d "$root/fuzz/corpus/$name" ]] && seeds=("$root/fuzz/corpus/$name")
  echo "== $name: ${seconds}s"
  "$bin" -max_total_time="$seconds" -print_final_stats=1 \
         -artifact_prefix="$build_dir/artifacts/$name-" "$work" "${seeds[@]}"
done
