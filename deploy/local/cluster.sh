#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# A YaoVerse cluster on one machine (docs/cluster.md), every process on a free loopback port:
#
#   deploy/local/cluster.sh up DIR       start redis-server (append-only file on), mariadbd, two
#                                        Chronos (one leads, one follows), two Vulcans, two
#                                        Archives and two Portals under DIR; print the JSON-RPC URLs
#   deploy/local/cluster.sh down DIR     stop exactly the processes `up` started (PID files)
#   deploy/local/cluster.sh status DIR   show them
#   deploy/local/cluster.sh restart DIR NAME   SIGKILL one process ("chronos-1", "archive-2",
#                                        "redis", "mariadb", ...) if it runs, then start it again
#                                        as `up` did and wait until it is ready
#   deploy/local/cluster.sh signal DIR NAME SIG   send SIG (KILL, STOP, CONT, ...) to one process
#   deploy/local/cluster.sh leader DIR   the name of the Chronos holding the sequencer lease
#
# Every service process also serves GET /healthz, /readyz and /metrics on a port of its own
# (ops.listen, docs/operations.md "Metrics and health"): DIR/ops lists "NAME 127.0.0.1:PORT".
#
# YAOVERSE (default build/release/yao/app/yaoverse) is the binary; CHRONOS, VULCANS, ARCHIVES and
# PORTALS (default 2 each) how many of each; CLUSTER_TLS=1 makes a test CA
# (scripts/make_test_ca.sh) under DIR/tls and turns on mutual TLS between the processes
# (cluster.tls). CLUSTER_CONFIG=FILE merges a configuration (a genesis, limits) under the
# generated one. CLUSTER_LOG_LEVEL (default info) and CLUSTER_LOG_FORMAT (text or json) set
# every process's log. The Chronos processes elect their leader through the leases table
# (cluster.election, docs/cluster.md "Failover").
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [[ -z "$cmd" || -z "$dir" ]]; then
  echo "usage: $0 up|down|status|restart|signal|leader DIR ..." >&2
  exit 2
fi
here=$(cd "$(dirname "$0")/../.." && pwd)
yaoverse=${YAOVERSE:-$here/build/release/yao/app/yaoverse}
chronos_count=${CHRONOS:-2}
vulcans=${VULCANS:-2}
archives=${ARCHIVES:-2}
portals=${PORTALS:-2}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
pids="$dir/pids"

# free_port: sets REPLY to a port free on 127.0.0.1 now, below the kernel's ephemeral range (the
# ports a port-0 bind gives are the ones outgoing connections take: a connection opened by a
# process started earlier could hold the port by the time its server binds it), and not handed
# out before in this run.
picked_ports=" "
free_port() {
  REPLY=""
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    REPLY=$(python3 -c '
import random, socket
low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
for _ in range(500):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", random.randint(20000, low - 1) if low > 21000 else 0))
    except OSError:
        s.close()
        continue
    print(s.getsockname()[1])
    s.close()
    break
')
    [[ -n $REPLY && $picked_ports != *" $REPLY "* ]] && break
  done
  [[ -n $REPLY ]] || { echo "cluster: no free port on 127.0.0.1" >&2; return 1; }
  picked_ports+="$REPLY "
}

# wait_for FILE PATTERN SECONDS PID: until FILE has a line matching PATTERN, or the process died.
wait_for() {
  local file=$1 pattern=$2 seconds=$3 pid=$4 i
  for ((i = 0; i < seconds * 10; i++)); do
    grep -q -- "$pattern" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || {
      echo "cluster: $(basename "$file" .log) exited; the end of $file:" >&2
      tail -20 "$file" >&2
      return 1
    }
    sleep 0.1
  done
  echo "cluster: $(basename "$file" .log) not ready after ${seconds}s; see $file" >&2
  return 1
}

# ops_port NAME: sets REPLY to a free port for NAME's ops listener and records it in DIR/ops.
ops_port() {
  free_port
  echo "$1 127.0.0.1:$REPLY" >>"$dir/ops"
}

# start NAME COMMAND...: runs it in the background with its output in DIR/logs/NAME.log.
start() {
  local name=$1
  shift
  # A session of its own: a Ctrl-C or a closed terminal does not reach it; `down` does.
  setsid "$@" >"$dir/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$pids/$name.pid"
  echo "$name" >>"$dir/started"
  mkdir -p "$dir/cmds"
  printf '%q ' "$@" >"$dir/cmds/$name"
}

# restart NAME: SIGKILL (a crash) if alive, then the same command again; waits until it is ready.
restart() {
  local name=$1 pid i
  [[ -f "$dir/cmds/$name" ]] || { echo "cluster: no process $name in $dir" >&2; exit 1; }
  if [[ -f "$pids/$name.pid" ]]; then
    pid=$(cat "$pids/$name.pid")
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  mv -f "$dir/logs/$name.log" "$dir/logs/$name.log.$(date +%s%N)" 2>/dev/null || true
  eval "setsid $(cat "$dir/cmds/$name") >\"\$dir/logs/\$name.log\" 2>&1 </dev/null &"
  echo $! >"$pids/$name.pid"
  local ready="gRPC listening"
  [[ $name == portal-* ]] && ready="Listening on"
  [[ $name == redis ]] && ready="Ready to accept connections"
  [[ $name == mariadb ]] && ready="ready for connections"
  wait_for "$dir/logs/$name.log" "$ready" 60 "$(cat "$pids/$name.pid")"
  echo "cluster: $name restarted (pid $(cat "$pids/$name.pid"))"
}

stop_all() {
  [[ -f "$dir/started" ]] || return 0
  # In reverse start order: the services first, the servers last.
  local name f pid i
  for name in $(tac "$dir/started"); do
    f="$pids/$name.pid"
    [[ -f "$f" ]] || continue
    pid=$(cat "$f")
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$f"
  done
  rm -f "$dir/started"
}

up() {
  [[ -x "$yaoverse" ]] || { echo "cluster: $yaoverse not built (make build)" >&2; exit 1; }
  if compgen -G "$pids/*.pid" >/dev/null; then
    echo "cluster: already up in $dir (down first)" >&2
    exit 1
  fi
  mkdir -p "$pids" "$dir/logs" "$dir/redis" "$dir/mysql"
  trap 'echo "cluster: failed at line $LINENO: $BASH_COMMAND" >&2; stop_all' ERR

  local redis_port mysql_port
  free_port; redis_port=$REPLY
  start redis redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$dir/redis" \
    --appendonly yes --appendfsync always --save "" --protected-mode no
  wait_for "$dir/logs/redis.log" "Ready to accept connections" 20 "$(cat "$pids/redis.pid")"

  local user=()
  [[ $(id -u) -eq 0 ]] && user=(--user=root)
  if [[ ! -d "$dir/mysql/data/mysql" ]]; then
    # Up to three attempts: a bootstrap that fails (seen once with several clusters starting at
    # the same moment) leaves a partial directory, which is removed first.
    local attempt
    for attempt in 1 2 3; do
      rm -rf "$dir/mysql/data"
      mariadb-install-db --no-defaults --datadir="$dir/mysql/data" \
        --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve "${user[@]}" \
        >"$dir/logs/mariadb-install.log" 2>&1 && break
      echo "cluster: mariadb-install-db failed (attempt $attempt):" >&2
      tail -20 "$dir/logs/mariadb-install.log" >&2
      [[ $attempt -lt 3 ]] || false
    done
  fi
  free_port; mysql_port=$REPLY
  start mariadb mariadbd --no-defaults --datadir="$dir/mysql/data" --socket="$dir/mysql/mysqld.sock" \
    --pid-file="$dir/mysql/mysqld.pid" --port="$mysql_port" --bind-address=127.0.0.1 \
    --skip-grant-tables --skip-name-resolve --innodb-buffer-pool-size=256M --max-connections=500 "${user[@]}"
  wait_for "$dir/logs/mariadb.log" "ready for connections" 60 "$(cat "$pids/mariadb.pid")"

  # Ports of every service, then one configuration all processes share.
  local chronos_ports=() archive_ports=() vulcan_ports=() portal_ports=()
  for ((i = 1; i <= chronos_count; i++)); do free_port; chronos_ports+=("$REPLY"); done
  for ((i = 1; i <= archives; i++)); do free_port; archive_ports+=("$REPLY"); done
  for ((i = 1; i <= vulcans; i++)); do free_port; vulcan_ports+=("$REPLY"); done
  for ((i = 1; i <= portals; i++)); do free_port; portal_ports+=("$REPLY"); done
  local list
  list() { local out="" p; for p in "$@"; do out+="\"127.0.0.1:$p\","; done; echo "[${out%,}]"; }
  cat >"$dir/cluster.json" <<JSON
{
  "chain": {"block_interval_ms": 20},
  "store": {"kind": "mysql", "mysql": {"host": "127.0.0.1", "port": $mysql_port, "user": "root",
            "database": "yaoverse"}},
  "redis": {"url": "redis://127.0.0.1:$redis_port"},
  "bus": {"kind": "redis", "url": "redis://127.0.0.1:$redis_port", "redelivery_ms": 3000},
  "cluster": {"archive": $(list "${archive_ports[@]}"), "vulcan": $(list "${vulcan_ports[@]}"),
              "chronos": $(list "${chronos_ports[@]}")},
  "log": {"level": "${CLUSTER_LOG_LEVEL:-info}", "format": "${CLUSTER_LOG_FORMAT:-text}"}
}
JSON
  local cfg="$dir/cluster.json"
  : >"$dir/ops"
  if [[ -n "${CLUSTER_CONFIG:-}" ]]; then
    # Settings of the chain from another file (a genesis, limits): merged under the cluster's
    # own, which win where both set a key (store, bus, cluster).
    python3 - "$cfg" "$CLUSTER_CONFIG" <<'PY'
import json, sys
path, extra_path = sys.argv[1], sys.argv[2]
def merge(under, over):
    out = dict(under)
    for k, v in over.items():
        out[k] = merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out
json.dump(merge(json.load(open(extra_path)), json.load(open(path))), open(path, "w"), indent=1)
PY
  fi
  if [[ "${CLUSTER_TLS:-0}" == 1 ]]; then
    "$here/scripts/make_test_ca.sh" "$dir/tls"
    python3 - "$cfg" "$dir/tls" <<'PY'
import json, sys
path, tls = sys.argv[1], sys.argv[2]
c = json.load(open(path))
c["cluster"]["tls"] = {"cert_file": f"{tls}/node.pem", "key_file": f"{tls}/node.key",
                       "ca_file": f"{tls}/ca.pem"}
json.dump(c, open(path, "w"), indent=2)
PY
  fi
  # Archive first (it writes the genesis), then the rest.
  for ((i = 1; i <= archives; i++)); do
    ops_port "archive-$i"
    start "archive-$i" "$yaoverse" archive --config "$cfg" --name "archive-$i" \
      --grpc-listen "127.0.0.1:${archive_ports[$((i - 1))]}" --ops-listen "127.0.0.1:$REPLY"
    wait_for "$dir/logs/archive-$i.log" "gRPC listening" 60 "$(cat "$pids/archive-$i.pid")"
  done
  for ((i = 1; i <= vulcans; i++)); do
    ops_port "vulcan-$i"
    start "vulcan-$i" "$yaoverse" vulcan --config "$cfg" --name "vulcan-$i" \
      --grpc-listen "127.0.0.1:${vulcan_ports[$((i - 1))]}" --ops-listen "127.0.0.1:$REPLY"
  done
  for ((i = 1; i <= chronos_count; i++)); do
    ops_port "chronos-$i"
    start "chronos-$i" "$yaoverse" chronos --config "$cfg" --name "chronos-$i" \
      --grpc-listen "127.0.0.1:${chronos_ports[$((i - 1))]}" --ops-listen "127.0.0.1:$REPLY"
    # The first one becomes the leader before the next starts: a predictable start.
    [[ $i -eq 1 ]] && wait_for "$dir/logs/chronos-1.log" "sequencing" 60 "$(cat "$pids/chronos-1.pid")"
  done
  for ((i = 1; i <= vulcans; i++)); do
    wait_for "$dir/logs/vulcan-$i.log" "gRPC listening" 60 "$(cat "$pids/vulcan-$i.pid")"
  done
  for ((i = 1; i <= chronos_count; i++)); do
    wait_for "$dir/logs/chronos-$i.log" "gRPC listening" 60 "$(cat "$pids/chronos-$i.pid")"
  done
  for ((i = 1; i <= portals; i++)); do
    ops_port "portal-$i"
    start "portal-$i" "$yaoverse" portal --config "$cfg" --name "portal-$i" \
      --rpc-port "${portal_ports[$((i - 1))]}" --ops-listen "127.0.0.1:$REPLY"
  done
  for ((i = 1; i <= portals; i++)); do
    wait_for "$dir/logs/portal-$i.log" "Listening on" 60 "$(cat "$pids/portal-$i.pid")"
  done
  trap - ERR
  : >"$dir/urls"
  for ((i = 1; i <= portals; i++)); do
    echo "http://127.0.0.1:${portal_ports[$((i - 1))]}" >>"$dir/urls"
  done
  echo "cluster up in $dir (logs in $dir/logs)"
  echo "JSON-RPC:"
  sed 's/^/  /' "$dir/urls"
}

status() {
  [[ -d "$pids" ]] || { echo "cluster: nothing in $dir"; return 0; }
  local f name pid
  [[ -f "$dir/started" ]] || { echo "cluster: nothing running in $dir"; return 0; }
  for name in $(cat "$dir/started"); do
    f="$pids/$name.pid"
    [[ -e "$f" ]] || continue
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then echo "$name  pid $pid  running"; else echo "$name  pid $pid  gone"; fi
  done
  [[ -f "$dir/urls" ]] && { echo "JSON-RPC:"; sed 's/^/  /' "$dir/urls"; }
  return 0
}

# signal NAME SIG: one signal to one process (SIGSTOP/SIGCONT make a paused "zombie").
signal_one() {
  local name=$1 sig=$2
  [[ -f "$pids/$name.pid" ]] || { echo "cluster: no process $name in $dir" >&2; exit 1; }
  kill -"$sig" "$(cat "$pids/$name.pid")"
}

# leader: the Chronos named in the sequencer lease (its holder is "name/pid/suffix"), from the
# database; empty when nobody holds it.
leader() {
  local port
  port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["store"]["mysql"]["port"])' "$dir/cluster.json")
  mariadb --no-defaults -h 127.0.0.1 -P "$port" -u root -N -B yaoverse \
    -e "SELECT holder FROM leases WHERE name = 'yao-chronos'" | cut -d/ -f1
}

case "$cmd" in
  up) up ;;
  signal) signal_one "${3:?usage: $0 signal DIR NAME SIG}" "${4:?usage: $0 signal DIR NAME SIG}" ;;
  leader) leader ;;
  down) stop_all; echo "cluster down in $dir" ;;
  restart) restart "${3:?usage: $0 restart DIR NAME}" ;;
  status) status ;;
  *) echo "usage: $0 up|down|status DIR" >&2; exit 2 ;;
esac
