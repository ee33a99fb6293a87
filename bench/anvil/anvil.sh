#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# Foundry's Anvil for make bench (bench/rpc/run.sh, bench/cluster/committed.py), pinned in
# package-lock.json (@foundry-rs/anvil-linux-amd64). The npm launcher package always exits 0, so
# the platform package's binary is the one run.
#   bench/anvil/anvil.sh install    `npm ci` here under a lock when the lock file changed or
#                                   node_modules is missing (scripts/npm_ci.sh); prints the
#                                   binary's path; on failure prints why on stderr and exits 1
#   bench/anvil/anvil.sh run PORT   exec's Anvil on 127.0.0.1:PORT (same PID, so the caller stops
#                                   exactly it) with the conditions of `yaoverse dev`: chain id
#                                   31337, the default mnemonic's 10 funded dev accounts, base fee
#                                   1 gwei, ANVIL_BLOCK_TIME s interval blocks (default 0.1;
#                                   0: automine, a block for each transaction as it arrives),
#                                   ANVIL_GAS_LIMIT gas a block (default 300,000,000: 0.1 s of
#                                   yaoverse's 60,000,000 a 20 ms block), state only in memory
#                                   (no --state, --dump-state or --init); ANVIL_EXTRA_ARGS adds
#                                   options (e.g. --silent).
#   bench/anvil/anvil.sh version    its version line
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin="$here/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"

case "${1:-}" in
  install)
    if [[ "$(uname -sm)" != "Linux x86_64" ]]; then
      echo "the pinned Anvil binary is a linux-amd64 one, not for $(uname -sm)" >&2
      exit 1
    fi
    command -v npm >/dev/null || { echo "npm is not installed" >&2; exit 1; }
    # Two callers at once in this tree install under one lock: the second waits for the first.
    exec 9>"$here/.install.lock"
    flock -w 600 9 || { echo "another Anvil install held the lock for 600 s" >&2; exit 1; }
    "$here/../../scripts/npm_ci.sh" "$here" bench/anvil >&2 ||
      { echo "npm ci in bench/anvil failed (is the npm registry reachable?)" >&2; exit 1; }
    [[ -x "$bin" ]] || { echo "$bin is missing after npm ci" >&2; exit 1; }
    "$bin" --version > /dev/null 2>&1 || { echo "$bin --version failed" >&2; exit 1; }
    echo "$bin"
    ;;
  run)
    port=${2:?usage: anvil.sh run PORT}
    block_time=(--block-time "${ANVIL_BLOCK_TIME:-0.1}")
    [[ "${ANVIL_BLOCK_TIME:-0.1}" == 0 ]] && block_time=()
    # shellcheck disable=SC2086 # ANVIL_EXTRA_ARGS is a list of options
    exec "$bin" --host 127.0.0.1 --port "$port" --chain-id 31337 --accounts 10 \
      --mnemonic "test test test test test test test test test test test junk" \
      --base-fee 1000000000 "${block_time[@]}" \
      --gas-limit "${ANVIL_GAS_LIMIT:-300000000}" ${ANVIL_EXTRA_ARGS:-}
    ;;
  version)
    "$bin" --version | head -1
    ;;
  *)
    echo "usage: anvil.sh install | run PORT | version" >&2
    exit 2
    ;;
esac
