#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# A cluster with mutual TLS between its processes (CLUSTER_TLS=1): a transaction sent through a
# Portal commits and is seen through the other; a Portal without a certificate is refused by the
# Archives, Vulcans and Chronos (it cannot start); one with a certificate the cluster's CA did not
# sign is refused too.
#   tests/cluster/tls_test.sh path/to/yaoverse
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
export YAOVERSE=${1:?usage: tls_test.sh YAOVERSE}
dir=$(mktemp -d /tmp/yao-cluster-tls-XXXXXX)
cleanup() { "$here/deploy/local/cluster.sh" down "$dir" >/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

CLUSTER_TLS=1 timeout 180 "$here/deploy/local/cluster.sh" up "$dir"
url1=$(sed -n 1p "$dir/urls")
url2=$(sed -n 2p "$dir/urls")
rpc() {
  curl -s --max-time 10 -H 'content-type: application/json' \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":$3}" "$1"
}
result() { python3 -c 'import json, sys; r = json.load(sys.stdin); print(r.get("result") if "result" in r else "ERROR " + json.dumps(r))'; }

from=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
to=0x00000000000000000000000000000000000000aa
hash=$(rpc "$url1" eth_sendTransaction "[{\"from\":\"$from\",\"to\":\"$to\",\"value\":\"0x2a\"}]" | result)
[[ "$hash" == 0x* ]] || fail "eth_sendTransaction through Portal 1: $hash"
for _ in $(seq 100); do
  receipt=$(rpc "$url2" eth_getTransactionReceipt "[\"$hash\"]" | result)
  [[ "$receipt" != None ]] && break
  sleep 0.1
done
[[ "$receipt" == *"'status': '0x1'"* ]] || fail "no successful receipt through Portal 2: $receipt"
balance=$(rpc "$url2" eth_getBalance "[\"$to\",\"latest\"]" | result)
[[ "$balance" == 0x2a ]] || fail "balance through Portal 2 is $balance, want 0x2a"
echo "ok: a transfer over mutual TLS commits and is seen through both Portals"

# A Portal with no certificate, then one with a certificate from another CA: refused.
python3 - "$dir/cluster.json" "$dir/plain.json" "$dir/stranger.json" "$dir/tls" <<'PY'
import json, sys
src, plain, stranger, tls = sys.argv[1:]
c = json.load(open(src))
c["cluster"]["deadline_ms"] = 500
t = c["cluster"].pop("tls")
json.dump(c, open(plain, "w"))
c["cluster"]["tls"] = {"cert_file": f"{tls}/stranger.pem", "key_file": f"{tls}/stranger.key",
                       "ca_file": t["ca_file"]}
json.dump(c, open(stranger, "w"))
PY
for variant in plain stranger; do
  rc=0
  timeout 60 "$YAOVERSE" portal --config "$dir/$variant.json" --name "portal-$variant" \
    --rpc-port 0 >"$dir/logs/portal-$variant.log" 2>&1 || rc=$?
  [[ $rc -ne 0 && $rc -ne 124 ]] || fail "a Portal ($variant) was not refused (exit $rc)"
  # Refused at the handshake: the calls never get an answer (UNAVAILABLE, or DEADLINE_EXCEEDED
  # since cluster clients wait for a peer to become ready).
  grep -qiE "unavailable|deadline" "$dir/logs/portal-$variant.log" ||
    fail "a Portal ($variant) failed for another reason: $(tail -3 "$dir/logs/portal-$variant.log")"
  echo "ok: a Portal with $([[ $variant == plain ]] && echo "no certificate" || echo "a stranger's certificate") is refused"
done
