#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# Installs the Debian 12 packages YaoVerse needs. Idempotent and silent when everything is present.
#   scripts/deps.sh              build + test dependencies
#   scripts/deps.sh fuzz         also clang-19 and libFuzzer (for `make fuzz`)
#   scripts/deps.sh --build-only only what compiling `yaoverse` needs, with tests and benchmarks
#                                off (the build stage of deploy/k8s/Dockerfile)
set -euo pipefail

build_packages=(
  build-essential cmake ninja-build pkg-config
  libgmp-dev libsecp256k1-dev libssl-dev libfmt-dev nlohmann-json3-dev
  libsqlite3-dev libmariadb-dev libhiredis-dev
  protobuf-compiler libprotobuf-dev libgrpc++-dev protobuf-compiler-grpc
  libcli11-dev libboost-dev zlib1g-dev
)
# mariadb-client: mariadb-dump and mariadb, which `yaoverse backup|restore` run for a
# MySQL-protocol store (and its tests).
packages=(
  "${build_packages[@]}" ccache git
  libgtest-dev libgmock-dev libbenchmark-dev python3
  mariadb-server mariadb-client redis-server wrk openssl prometheus
)
build_only=0
for group in "$@"; do
  case "$group" in
    fuzz) packages+=(clang-19 libclang-rt-19-dev) ;;
    --build-only) build_only=1 ;;
    *) echo "deps.sh: unknown group '$group'" >&2; exit 2 ;;
  esac
done

if [[ $build_only == 1 ]]; then
  packages=("${build_packages[@]}")
else
  # Node.js and npm for the end-to-end tests (tests/e2e) and the manifest check (tests/k8s):
  # only when the commands are missing, so a Node installed another way (e.g. NodeSource, which
  # bundles npm) is left alone. Debian 12's Node 18 is enough to run npm; tests/e2e/run.sh
  # fetches a Node 20 runtime from npm if needed.
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "deps.sh: installing ${missing[*]}"
sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps.sh: done"
