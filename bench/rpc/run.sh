#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# JSON-RPC load: wrk (a separate process) against `yaoverse dev`, the local cluster, Hardhat's node
# (when bench/hardhat has its node_modules) and Foundry's Anvil (pinned in bench/anvil, installed
# with npm ci when missing), one after the other on this machine, only on 127.0.0.1.
#   bench/rpc/run.sh BUILD_DIR
# Prints one JSON object per line on stdout (progress on stderr):
#   {"kind": "conditions", ...}                       tool, version, threads, connections, ...
#   {"kind": "rpc", "node": N, "scenario": S, ...}    one per node and scenario: wrk's numbers
#   {"kind": "rpc", "node": N, "scenario": S, "not_measured": "why"}
# Scenarios, in this order (the last one changes the chain):
#   eth_blockNumber, eth_getBalance (dev account #0, "latest"), eth_call (ERC-20 balanceOf of
#   dev account #0, "latest") for RPC_DURATION s each over RPC_CONNECTIONS keep-alive
#   connections, each after RPC_WARMUP s of the same load that is not reported; then
#   eth_sendRawTransaction: RPC_TXS pre-signed transfers in JSON-RPC batches
#   of RPC_BATCH, each batch sent once, over RPC_BATCH_CONNECTIONS connections, until all are
#   answered or RPC_BATCH_DURATION s are over.
# The requests come from build/bench/yao_rpc_txgen (bench/rpc_txgen.cpp), generated once per set
# of options under BUILD_DIR/bench-rpc. YaoVerse: BUILD_DIR/yao/app/yaoverse dev (SQLite file)
# --rpc-port 0 --config <generated>; Hardhat: bench/hardhat's `hardhat node` (its
# hardhat.config.cjs) with the same accounts set through hardhat_setBalance / hardhat_setCode;
# Anvil: bench/anvil/anvil.sh run PORT (chain id 31337, base fee 1 gwei, 0.1 s blocks, in memory)
# with the same accounts through the same batch (Anvil takes the hardhat_* names).
# Environment: RPC_DURATION (5), RPC_THREADS (1), RPC_CONNECTIONS (32), RPC_TXS (100000),
# RPC_SENDERS (1000), RPC_BATCH (100), RPC_BATCH_CONNECTIONS (8), RPC_BATCH_DURATION (10),
# RPC_WARMUP (1), RPC_NODES ("yaoverse cluster hardhat anvil"; cluster: deploy/local/cluster.sh with
# the same genesis, the load on its first Portal, its CPU summed over all its processes),
# RPC_STARTUP_TIMEOUT (60 s for a node to listen).
set -uo pipefail
export HARDHAT_DISABLE_TELEMETRY_PROMPT=true
build_dir=${1:?usage: run.sh BUILD_DIR}
build_dir=$(cd "$build_dir" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

duration=${RPC_DURATION:-5}
threads=${RPC_THREADS:-1}
connections=${RPC_CONNECTIONS:-32}
txs=${RPC_TXS:-100000}
senders=${RPC_SENDERS:-1000}
batch=${RPC_BATCH:-100}
batch_connections=${RPC_BATCH_CONNECTIONS:-8}
batch_duration=${RPC_BATCH_DURATION:-10}
nodes=${RPC_NODES:-yaoverse cluster hardhat anvil}
startup_timeout=${RPC_STARTUP_TIMEOUT:-60}
warmup=${RPC_WARMUP:-1}
scenarios=(eth_blockNumber eth_getBalance eth_call eth_sendRawTransaction)

work="$build_dir/bench-rpc"
gen="$work/gen-${senders}-${txs}-${batch}"
mkdir -p "$work"

log() { echo "rpc/run.sh: $*" >&2; }

# One JSON line: {"kind": "rpc", "node": $1, "scenario": $2, "not_measured": $3}.
not_measured() {
  python3 -c 'import json, sys; print(json.dumps({"kind": "rpc", "node": sys.argv[1],
    "scenario": sys.argv[2], "not_measured": sys.argv[3]}))' "$1" "$2" "$3"
}
all_not_measured() {
  local node=$1 why=$2 s
  log "$node not measured: $why"
  for s in "${scenarios[@]}"; do not_measured "$node" "$s" "$why"; done
}

command -v python3 >/dev/null || { echo "rpc/run.sh: python3 is required" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  for n in $nodes; do all_not_measured "$n" "wrk is not installed (scripts/deps.sh)"; done
  exit 1
fi
txgen="$build_dir/bench/yao_rpc_txgen"
if [[ ! -x "$txgen" ]]; then
  for n in $nodes; do all_not_measured "$n" "$txgen was not built"; done
  exit 1
fi
if [[ ! -s "$gen/meta.json" ]]; then
  log "generating $txs transactions from $senders senders (yao_rpc_txgen)"
  rm -rf "$gen"
  if ! "$txgen" --out="$gen" --senders="$senders" --txs="$txs" --batch="$batch" >&2; then
    rm -rf "$gen"
    for n in $nodes; do all_not_measured "$n" "yao_rpc_txgen failed"; done
    exit 1
  fi
fi

wrk_version=$(wrk -v 2>&1 | sed -n 's/^\(wrk [^ ]*\).*/\1/p' | head -1)
python3 - "$wrk_version" "$gen/meta.json" "$duration" "$threads" "$connections" \
  "$batch_connections" "$batch_duration" <<'EOF'
import json, os, sys
version, meta_path, duration, threads, conns, bconns, bduration = sys.argv[1:]
meta = json.load(open(meta_path))
print(json.dumps({
    "kind": "conditions", "tool": version or "wrk", "host": "127.0.0.1", "cores": os.cpu_count(),
    "duration_s": int(duration), "warmup_s": int(os.environ.get("RPC_WARMUP", "1")), "threads": int(threads), "connections": int(conns),
    "batch_connections": int(bconns), "batch_duration_s": int(bduration),
    "batch_threads": 1, "batch_size": meta["batch"], "txs": meta["txs"],
    "senders": meta["senders"], "max_txs_per_sender": meta["max_txs_per_sender"],
    "tx": meta["tx"], "token": meta["token"], "holder": meta["holder"],
    "load_average": open("/proc/loadavg").read().split()[:3],
}))
EOF

# POSTs the file $2 to $1; prints the response body; fails on a transport error.
post() {
  python3 - "$1" "$2" <<'EOF'
import sys, urllib.request
req = urllib.request.Request(sys.argv[1], data=open(sys.argv[2], "rb").read(),
                             headers={"Content-Type": "application/json"})
print(urllib.request.urlopen(req, timeout=30).read().decode())
EOF
}

# Checks the answer ($2) to a scenario's request ($1); prints why it is wrong, if it is.
check_answer() {
  python3 - "$1" "$2" "$gen/meta.json" <<'EOF'
import json, sys
scenario, text, meta = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3]))
try:
    answer = json.loads(text)
except ValueError:
    print(f"not JSON: {text[:120]}")
    sys.exit()
if "result" not in answer:
    print(f"answer without result: {text[:160]}")
elif scenario == "eth_call" and answer["result"] != meta["expected"]["eth_call"]:
    print(f"balanceOf returned {answer['result']}, expected {meta['expected']['eth_call']}")
EOF
}

# CPU seconds used so far by the processes of the groups $node_pgids (user + system, the
# kernel's ticks): one group for a single-process node, every process's for the cluster.
group_cpu() {
  python3 - $node_pgids <<'EOF'
import os, sys
pgids, ticks, total = set(map(int, sys.argv[1:])), os.sysconf("SC_CLK_TCK"), 0
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        continue
    if int(fields[2]) in pgids:  # fields[0] is the state; pgrp is field 5 of stat
        total += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
print(total / ticks)
EOF
}

node_pgid=""
node_pgids=""
cluster_dir=""
stop_cluster() {
  [[ -n "$cluster_dir" ]] || return 0
  "$root/deploy/local/cluster.sh" down "$cluster_dir" >&2
  cluster_dir=""
}
stop_node() {
  [[ -n "$node_pgid" ]] || return 0
  kill -TERM -- "-$node_pgid" 2>/dev/null
  for _ in $(seq 50); do
    kill -0 -- "-$node_pgid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$node_pgid" 2>/dev/null
  wait "$node_pgid" 2>/dev/null
  node_pgid=""
}
trap 'stop_node; stop_cluster' EXIT
trap 'exit 143' TERM INT

# Starts "$@" in directory $1, in its own process group (setsid), stdout to the file $2, then
# waits until that file has a line matching the extended regex $3 whose first group is the port.
# Sets node_pgid and node_port; fails when the process ends or after $startup_timeout s.
start_node() {
  local dir=$1 out=$2 pattern=$3
  shift 3
  : > "$out"
  (cd "$dir" && exec setsid "$@" > "$out" 2> "$out.err" < /dev/null) &
  node_pgid=$!
  node_port=""
  local deadline=$((SECONDS + startup_timeout))
  while ((SECONDS < deadline)); do
    node_port=$(sed -n -E "s#.*$pattern.*#\\1#p" "$out" | head -1)
    [[ -n "$node_port" ]] && return 0
    kill -0 "$node_pgid" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

# Runs every scenario against http://127.0.0.1:$2/ for the node named $1.
run_scenarios() {
  local node=$1 url="http://127.0.0.1:$2/" s answer problem rc cpu0 cpu1 load_before
  for s in "${scenarios[@]}"; do
    local script=single.lua c=$connections d=$duration t=$threads
    local -a env=(RPC_BODY_FILE="$gen/body_$s.json")
    if [[ $s == eth_sendRawTransaction ]]; then
      script=batch.lua c=$batch_connections d=$batch_duration t=1
      env=(RPC_BATCH_FILE="$gen/batches.txt")
    else
      answer=$(post "$url" "$gen/body_$s.json" 2>&1) || {
        not_measured "$node" "$s" "request failed: ${answer: -160}"
        continue
      }
      problem=$(check_answer "$s" "$answer")
      if [[ -n "$problem" ]]; then
        not_measured "$node" "$s" "wrong answer before the run: $problem"
        continue
      fi
    fi
    if [[ $s != eth_sendRawTransaction && $warmup -gt 0 ]]; then
      # Not reported: lets both nodes reach their steady state (JIT, caches, connections).
      env "${env[@]}" timeout $((warmup + 30)) wrk -t"$t" -c"$c" -d"${warmup}s" --timeout 10s \
        -s "$here/$script" "$url" > /dev/null 2>&1
    fi
    log "$node $s: wrk -t$t -c$c -d${d}s"
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    cpu0=$(group_cpu)
    rc=0
    # The shell's children's CPU before and after (the builtin, in this shell: no subshell), so
    # the load tool's own cost per request is known too.
    times > "$work/times0"
    env "${env[@]}" timeout $((d + 30)) wrk -t"$t" -c"$c" -d"${d}s" --timeout 10s \
      --latency -s "$here/$script" "$url" > "$work/wrk.out" 2> "$work/wrk.err" || rc=$?
    times > "$work/times1"
    cpu1=$(group_cpu)
    sed -e '/^{"wrk_result"/d' -e 's/^/    /' "$work/wrk.out" >&2
    python3 - "$node" "$s" "$t" "$c" "$d" "$cpu0" "$cpu1" "$rc" "$work/wrk.out" \
      "$work/wrk.err" "$gen/body_$s.json" "$load_before" "$work/times0" "$work/times1" <<'EOF'
import json, os, re, sys
node, scenario, t, c, d, cpu0, cpu1, rc, out_path, err_path, body_path, load, t0, t1 = sys.argv[1:]


def children_cpu(path):
    """User + system seconds of the shell's children: the second line of bash's `times`."""
    total = 0.0
    for minutes, seconds in re.findall(r"(\d+)m([\d.]+)s", open(path).read().splitlines()[1]):
        total += int(minutes) * 60 + float(seconds)
    return total


line = next((l for l in open(out_path) if l.startswith('{"wrk_result"')), None)
base = {"kind": "rpc", "node": node, "scenario": scenario, "threads": int(t),
        "connections": int(c), "duration_s": int(d), "load_average_before": float(load)}
if line is None:
    err = open(err_path).read().strip().splitlines()
    why = f"wrk exit status {rc}" + (f": {err[-1][:160]}" if err else ", no result line")
    print(json.dumps({**base, "not_measured": why}))
    sys.exit()
r = json.loads(line)["wrk_result"]
if scenario != "eth_sendRawTransaction":
    r["body_bytes"] = os.path.getsize(body_path)
r["node_cpu_s"] = float(cpu1) - float(cpu0)
r["node_cores_busy"] = r["node_cpu_s"] / r["wrk_seconds"] if r["wrk_seconds"] > 0 else None
r["wrk_cpu_s"] = round(children_cpu(t1) - children_cpu(t0), 3)
print(json.dumps({**base, **r}))
EOF
  done
}

for node in $nodes; do
  case "$node" in
    yaoverse)
      bin="$build_dir/yao/app/yaoverse"
      if [[ ! -x "$bin" ]]; then
        all_not_measured yaoverse "$bin was not built"
        continue
      fi
      if ! "$bin" dev --help 2>&1 | grep -q -- --rpc-port; then
        all_not_measured yaoverse "yaoverse dev has no JSON-RPC server yet (no --rpc-port)"
        continue
      fi
      log "starting yaoverse dev"
      rm -rf "$work/yaoverse-data"  # a fresh chain: the pre-signed nonces start at 0
      if ! start_node "$work" "$work/yaoverse.out" 'Listening on 127\.0\.0\.1:([0-9]+)' \
           "$bin" dev --data-dir "$work/yaoverse-data" --rpc-port 0 --config "$gen/yaoverse.json"; then
        why="yaoverse dev did not print 'Listening on 127.0.0.1:<port>' within $startup_timeout s"
        why+=": $(tail -c 200 "$work/yaoverse.out.err" | tr '\n' ' ')"
        stop_node
        all_not_measured yaoverse "$why"
        continue
      fi
      log "yaoverse dev listens on port $node_port"
      node_pgids=$node_pgid
      run_scenarios yaoverse "$node_port"
      stop_node
      ;;
    hardhat)
      hh="$root/bench/hardhat"
      if [[ ! -d "$hh/node_modules/hardhat" ]]; then
        all_not_measured hardhat "bench/hardhat/node_modules is missing (npm ci in bench/hardhat)"
        continue
      fi
      if ! command -v node >/dev/null; then
        all_not_measured hardhat "node is not installed"
        continue
      fi
      port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0));
print(s.getsockname()[1])')
      log "starting hardhat node on port $port"
      if ! start_node "$hh" "$work/hardhat.out" \
           'Started HTTP.*127\.0\.0\.1:([0-9]+)' \
           node node_modules/hardhat/internal/cli/cli.js node --hostname 127.0.0.1 \
           --port "$port"; then
        stop_node
        all_not_measured hardhat "hardhat node did not start within $startup_timeout s"
        continue
      fi
      hh_version=$(node -p "require('$hh/node_modules/hardhat/package.json').version")
      edr_version=$(node -p "require('$hh/node_modules/@nomicfoundation/edr/package.json').version" \
                    2>/dev/null || echo "?")
      log "hardhat $hh_version (EDR $edr_version) listens on port $node_port"
      setup=$(post "http://127.0.0.1:$node_port/" "$gen/hardhat_setup.json" 2>&1)
      if ! python3 -c 'import json, sys; a = json.loads(sys.argv[1]);
sys.exit(0 if all(x.get("result") is True for x in a) else 1)' "$setup" 2>/dev/null; then
        stop_node
        all_not_measured hardhat "setting up the accounts failed: ${setup:0:160}"
        continue
      fi
      python3 -c 'import json, sys; print(json.dumps({"kind": "node", "node": "hardhat",
        "hardhat_version": sys.argv[1], "edr_version": sys.argv[2],
        "node_version": sys.argv[3], "config": "bench/hardhat/hardhat.config.cjs, automine"}))' \
        "$hh_version" "$edr_version" "$(node --version)"
      node_pgids=$node_pgid
      run_scenarios hardhat "$node_port"
      stop_node
      ;;
    anvil)
      # Foundry's Anvil, pinned in bench/anvil/package-lock.json; its own binary, not the launcher.
      if ! anvil_bin=$("$root/bench/anvil/anvil.sh" install 2> "$work/anvil-install.err"); then
        all_not_measured anvil "install failed: $(tail -c 200 "$work/anvil-install.err" | tr '\n' ' ')"
        continue
      fi
      port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0));
print(s.getsockname()[1])')
      log "starting anvil on port $port"
      if ! start_node "$work" "$work/anvil.out" 'Listening on 127\.0\.0\.1:([0-9]+)' \
           "$root/bench/anvil/anvil.sh" run "$port"; then
        why="anvil did not print 'Listening on 127.0.0.1:<port>' within $startup_timeout s"
        why+=": $(tail -c 200 "$work/anvil.out.err" | tr '\n' ' ')"
        stop_node
        all_not_measured anvil "$why"
        continue
      fi
      anvil_version=$("$anvil_bin" --version | sed -n 's/^anvil Version: //p' | head -1)
      log "anvil $anvil_version listens on port $node_port"
      setup=$(post "http://127.0.0.1:$node_port/" "$gen/hardhat_setup.json" 2>&1)
      if ! python3 -c 'import json, sys; a = json.loads(sys.argv[1]);
sys.exit(0 if isinstance(a, list) and a and all("result" in x for x in a) else 1)' "$setup" 2>/dev/null; then
        stop_node
        all_not_measured anvil "setting up the accounts failed: ${setup:0:160}"
        continue
      fi
      python3 -c 'import json, sys; print(json.dumps({"kind": "node", "node": "anvil",
        "anvil_version": sys.argv[1], "config": "bench/anvil/anvil.sh run: --chain-id 31337 "
        "--accounts 10 (default mnemonic) --base-fee 1000000000 --block-time " + sys.argv[2] +
        " --gas-limit " + sys.argv[3] + (" " + sys.argv[4] if sys.argv[4] else "") + ", state in memory"}))' \
        "$anvil_version" "${ANVIL_BLOCK_TIME:-0.1}" "${ANVIL_GAS_LIMIT:-300000000}" \
        "${ANVIL_EXTRA_ARGS:-}"
      node_pgids=$node_pgid
      run_scenarios anvil "$node_port"
      stop_node
      ;;
    cluster)
      # deploy/local/cluster.sh: redis-server, mariadbd, two Chronos, two Vulcans, two Archives,
      # two Portals on this machine, with the same genesis and limits; the load goes to Portal 1.
      bin="$build_dir/yao/app/yaoverse"
      if [[ ! -x "$bin" ]]; then
        all_not_measured cluster "$bin was not built"
        continue
      fi
      cluster_dir="$work/cluster"
      rm -rf "$cluster_dir"
      log "starting the cluster (deploy/local/cluster.sh up)"
      if ! YAOVERSE="$bin" CLUSTER_CONFIG="$gen/yaoverse.json" timeout 300 \
           "$root/deploy/local/cluster.sh" up "$cluster_dir" >&2; then
        stop_cluster
        all_not_measured cluster "deploy/local/cluster.sh up failed"
        continue
      fi
      node_port=$(sed -n '1s#.*:##p' "$cluster_dir/urls")
      node_pgids=$(cat "$cluster_dir"/pids/*.pid | tr '\n' ' ')
      python3 -c 'import json; print(json.dumps({"kind": "node", "node": "cluster",
        "processes": "redis-server, mariadbd, 2 Chronos, 2 Vulcans, 2 Archives, 2 Portals",
        "config": "deploy/local/cluster.sh (block_interval_ms 20, Redis Streams, MariaDB)"}))'
      run_scenarios cluster "$node_port"
      stop_cluster
      ;;
    *)
      log "unknown node '$node'"
      ;;
  esac
done
