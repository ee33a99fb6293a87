#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# The ops listeners (docs/operations.md "Metrics and health") against a real Prometheus:
#   metrics_test.py YAOVERSE
# 1. `yaoverse dev` with an ops listener: /healthz, /readyz, /metrics in the text format that
#    `promtool check metrics` accepts, and exact values after known traffic (20 transfers, one
#    refused transaction).
# 2. A local cluster (deploy/local/cluster.sh: one Chronos, Vulcan, Archive and Portal over
#    redis-server and mariadbd): every process ready and its families present.
# 3. Prometheus (Debian's package) started here on a loopback port scrapes all five processes;
#    the values are checked through its query API, and every query of the Grafana dashboard
#    (deploy/grafana/yaoverse.json) is accepted and names metrics that exist.
# 4. One transaction's trace id, born at the Portal, is found in the yaolog lines of all four
#    processes (the cluster logs JSON at debug level here).
# 5. Readiness follows the database: a paused mariadbd turns the Archive's /readyz to 503, and
#    it is ready again once mariadbd runs.
# Every process is started here, in a temporary directory, and stopped by its PID.
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CLUSTER = os.path.join(ROOT, "deploy", "local", "cluster.sh")
DASHBOARD = os.path.join(ROOT, "deploy", "grafana", "yaoverse.json")

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def free_port():
    low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
    for _ in range(500):
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", random.randint(20000, low - 1) if low > 21000 else 0))
            return s.getsockname()[1]
        except OSError:
            continue
        finally:
            s.close()
    raise RuntimeError("no free port")


def http_get(url, timeout=5):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def rpc(url, method, params):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()
    req = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def wait_until(fn, seconds, what):
    deadline = time.time() + seconds
    last = None
    while time.time() < deadline:
        try:
            last = fn()
            if last:
                return last
        except Exception as e:  # not up yet
            last = e
        time.sleep(0.2)
    raise RuntimeError(f"timed out waiting for {what} (last: {last})")


def sample(text, series):
    """The value of one series line of an exposition text, or None."""
    for line in text.splitlines():
        if line.startswith(series + " "):
            return float(line[len(series) + 1:])
    return None


def send_transfers(url, count):
    accounts = rpc(url, "eth_accounts", [])["result"]
    hashes = []
    for _ in range(count):
        r = rpc(url, "eth_sendTransaction", [{"from": accounts[0], "to": accounts[1], "value": "0x1"}])
        assert "result" in r, r
        hashes.append(r["result"])
    for h in hashes:
        wait_until(lambda: rpc(url, "eth_getTransactionReceipt", [h])["result"], 30, "receipt " + h)
    # Refused by the entrance: a nonce already used (the gas given, so no estimate runs first).
    refused = rpc(url, "eth_sendTransaction", [{"from": accounts[0], "to": accounts[1], "value": "0x1",
                                                "nonce": "0x0", "gas": "0x5208"}])
    assert "error" in refused and "nonce too low" in refused["error"]["message"], refused
    return int(rpc(url, "eth_blockNumber", [])["result"], 16)


def start_dev(binary, tmp):
    data = os.path.join(tmp, "dev")
    os.makedirs(data)
    out = open(os.path.join(tmp, "dev.out"), "w+")
    proc = subprocess.Popen([binary, "dev", "--data-dir", data, "--rpc-port", "0",
                             "--ops-listen", "127.0.0.1:0", "--block-interval", "50"],
                            stdout=out, stderr=open(os.path.join(tmp, "dev.err"), "w"))

    def ports():
        text = open(out.name).read()
        rpc_m = re.search(r"^Listening on [0-9.]+:(\d+)$", text, re.M)
        ops_m = re.search(r"^Ops \(healthz, readyz, metrics\) on ([0-9.:]+)$", text, re.M)
        if proc.poll() is not None:
            raise SystemExit("yaoverse dev exited: " + open(os.path.join(tmp, "dev.err")).read())
        return (f"http://127.0.0.1:{rpc_m.group(1)}", "http://" + ops_m.group(1)) if rpc_m and ops_m else None

    rpc_url, ops_url = wait_until(ports, 30, "yaoverse dev")
    return proc, rpc_url, ops_url


def test_dev(rpc_url, ops_url):
    status, body = http_get(ops_url + "/healthz")
    check(status == 200 and body == "ok\n", "dev /healthz 200 ok")
    status, body = wait_until(lambda: (lambda r: r if r[0] == 200 else None)(http_get(ops_url + "/readyz")), 10, "ready")
    check(body == "[+]store ok\n[+]bus ok\n[+]caught_up ok\n[+]chain ok\nready\n", "dev /readyz lists its checks: " + body.replace("\n", " "))
    head = send_transfers(rpc_url, 20)
    _, text = http_get(ops_url + "/metrics")
    lint = subprocess.run(["promtool", "check", "metrics"], input=text, capture_output=True, text=True)
    check(lint.returncode == 0 and lint.stdout.strip() == "" and lint.stderr.strip() == "",
          "promtool check metrics accepts dev's /metrics " + (lint.stdout + lint.stderr).strip())
    check(sample(text, "yao_transactions_admitted_total") == 20, "dev admitted 20")
    refused = [l for l in text.splitlines() if l.startswith("yao_transactions_refused_total{")]
    check(refused == ['yao_transactions_refused_total{reason="nonce_too_low"} 1'],
          "dev refused 1 for its nonce: " + str(refused))
    check(sample(text, "yao_transactions_committed_total") == 20, "dev committed 20")
    check(sample(text, 'yao_db_rows_written_total{table="transactions"}') == 20, "dev wrote 20 transaction rows")
    blocks = sample(text, "yao_blocks_committed_total")
    check(blocks == head, f"dev blocks committed {blocks} == head {head}")
    check(sample(text, 'yao_stage_duration_seconds_count{stage="commit"}') == head, "one commit observation per block")
    check(sample(text, "yao_submit_to_commit_seconds_count") == 20, "submit-to-commit observed per transaction")
    check(sample(text, 'yao_rpc_requests_total{method="eth_sendTransaction"}') == 21, "21 eth_sendTransaction calls")
    check(sample(text, 'yao_rpc_errors_total{method="eth_sendTransaction"}') == 1, "1 eth_sendTransaction error")
    check(sample(text, "yao_chain_head_block") == head, "head gauge")
    check(sample(text, 'yao_cache_requests_total{level="L1",result="hit"}') is not None and
          sample(text, 'yao_cache_requests_total{level="L3",result="miss"}') is not None, "cache levels L1 and L3")
    check((sample(text, "process_open_fds") or 0) > 0 and (sample(text, "process_resident_memory_bytes") or 0) > 1e6,
          "process metrics")
    for path, code in (("/nothing", 404),):
        check(http_get(ops_url + path)[0] == code, f"dev {path} {code}")


def cluster(cmd, d, *args, env=None):
    return subprocess.run(["bash", CLUSTER, cmd, d, *args], capture_output=True, text=True, env=env)


def test_cluster(binary, d):
    env = dict(os.environ, YAOVERSE=binary, CHRONOS="1", VULCANS="1", ARCHIVES="1", PORTALS="1",
               CLUSTER_LOG_LEVEL="debug", CLUSTER_LOG_FORMAT="json")
    up = cluster("up", d, env=env)
    if up.returncode != 0:
        raise SystemExit("cluster up failed:\n" + up.stdout + up.stderr)
    ops = dict(line.split() for line in open(os.path.join(d, "ops")).read().splitlines())
    check(sorted(ops) == ["archive-1", "chronos-1", "portal-1", "vulcan-1"], "four ops listeners: " + str(sorted(ops)))
    url = open(os.path.join(d, "urls")).read().split()[0]
    for name, addr in ops.items():
        status, body = wait_until(lambda: (lambda r: r if r[0] == 200 else None)(http_get(f"http://{addr}/readyz")), 20, name + " ready")
        check(status == 200 and body.endswith("ready\n") and "[+]caught_up ok" in body, f"{name} /readyz 200, caught up")
    send_transfers(url, 10)
    for method in ("evm_mine", "anvil_mine", "hardhat_mine", "evm_increaseTime", "anvil_setBalance",
                   "hardhat_setStorageAt", "hardhat_impersonateAccount", "evm_snapshot", "evm_revert",
                   "anvil_dumpState", "anvil_loadState", "hardhat_reset", "anvil_nodeInfo"):
        r = rpc(url, method, [])
        check(r.get("error", {}).get("code") == -32601, f"a cluster's Portal refuses {method} (method not found)")
    texts = {name: http_get(f"http://{addr}/metrics")[1] for name, addr in ops.items()}
    for name, text in texts.items():
        lint = subprocess.run(["promtool", "check", "metrics"], input=text, capture_output=True, text=True)
        check(lint.returncode == 0 and (lint.stdout + lint.stderr).strip() == "",
              f"promtool accepts {name}'s /metrics " + (lint.stdout + lint.stderr).strip())
    check(sample(texts["portal-1"], "yao_transactions_admitted_total") == 10, "portal admitted 10")
    check(sample(texts["archive-1"], "yao_transactions_committed_total") == 10, "archive committed 10")
    check((sample(texts["chronos-1"], "yao_blocks_proposed_total") or 0) >= 1, "chronos proposed blocks")
    check(sample(texts["chronos-1"], "yao_sequencer_leader") == 1, "chronos-1 leads")
    check((sample(texts["vulcan-1"], "yao_blocks_executed_total") or 0) >= 1, "vulcan executed blocks")
    check(any(l.startswith('yao_cache_requests_total{level="L2"') for l in texts["vulcan-1"].splitlines()),
          "vulcan reports its L2 (Redis) level")
    check(any(l.startswith('yao_grpc_server_handled_total{grpc_service="yao.v1.BlockService"') and 'grpc_code="OK"' in l
              for l in texts["archive-1"].splitlines()), "archive counts the Portal's BlockService calls")
    check(any(l.startswith('yao_bus_group_lag{topic="state-commit-topic",group="archive"}') for l in texts["archive-1"].splitlines()),
          "archive reports its consumer group's lag")
    return ops


def log_records(d, name):
    out = []
    for line in open(os.path.join(d, "logs", name + ".log"), errors="replace"):
        if line.startswith("{"):
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    return out


def test_trace(d, url):
    """One transaction followed by its trace id through the four processes' logs."""
    accounts = rpc(url, "eth_accounts", [])["result"]
    h = rpc(url, "eth_sendTransaction", [{"from": accounts[3], "to": accounts[4], "value": "0x7"}])["result"]
    wait_until(lambda: rpc(url, "eth_getTransactionReceipt", [h])["result"], 30, "traced receipt")
    accepted = [r for r in log_records(d, "portal-1")
                if r.get("message") == "transaction accepted" and (r.get("fields") or {}).get("hash") == h]
    check(len(accepted) == 1 and re.fullmatch(r"[0-9a-f]{32}", accepted[0].get("trace_id") or ""),
          "the Portal logs the transaction under a new W3C trace id")
    if not accepted:
        return
    trace = accepted[0]["trace_id"]
    expected = {"portal-1": {"transaction accepted"},
                "chronos-1": {"transaction pooled", "transaction proposed"},
                "vulcan-1": {"transaction executed"},
                "archive-1": {"transaction committed"}}
    for name, messages in expected.items():
        def seen():
            lines = [r for r in log_records(d, name) if r.get("trace_id") == trace]
            return lines if messages <= {r.get("message") for r in lines} else None
        try:
            lines = wait_until(seen, 10, f"{name} lines of trace {trace}")
        except RuntimeError:
            lines = [r for r in log_records(d, name) if r.get("trace_id") == trace]
        got = {r.get("message") for r in lines}
        hashes = {(r.get("fields") or {}).get("hash") for r in lines}
        check(messages <= got and hashes == {h},
              f"{name} logs {sorted(messages)} under trace {trace} for {h}: got {sorted(got)}")


def start_prometheus(tmp, targets):
    port = free_port()
    cfg = os.path.join(tmp, "prometheus.yml")
    lines = ["global:", "  scrape_interval: 1s", "  scrape_timeout: 1s", "scrape_configs:"]
    for job, addrs in targets.items():
        lines += [f"  - job_name: {job}", "    static_configs:", "      - targets: [" + ", ".join(f"'{a}'" for a in addrs) + "]"]
    open(cfg, "w").write("\n".join(lines) + "\n")
    check(subprocess.run(["promtool", "check", "config", cfg], capture_output=True).returncode == 0, "promtool check config")
    log = open(os.path.join(tmp, "prometheus.log"), "w")
    proc = subprocess.Popen(["prometheus", f"--config.file={cfg}", f"--storage.tsdb.path={tmp}/tsdb",
                             f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"],
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: http_get(base + "/-/ready")[0] == 200, 30, "prometheus ready")
    return proc, base


def query(base, expr):
    status, body = http_get(base + "/api/v1/query?" + urllib.parse.urlencode({"query": expr}))
    return status, json.loads(body)


def values(base, expr):
    status, r = query(base, expr)
    if status != 200 or r.get("status") != "success":
        raise RuntimeError(f"{expr}: {r}")
    return [(s["metric"], float(s["value"][1])) for s in r["data"]["result"]]


def test_prometheus(base, ops):
    wait_until(lambda: len(values(base, "up == 1")) == 5, 30, "five targets up")
    check(len(values(base, "up == 1")) == 5, "Prometheus scrapes five processes")
    wait_until(lambda: values(base, 'yao_transactions_committed_total{job="dev"}') and
               values(base, 'yao_transactions_committed_total{job="dev"}')[0][1] == 20, 20, "dev series")
    check(values(base, 'yao_transactions_committed_total{job="dev"}')[0][1] == 20, "query: dev committed 20")
    wait_until(lambda: values(base, 'sum(yao_transactions_committed_total{job="cluster"})')[0][1] == 11, 20, "cluster series")
    check(values(base, 'sum(yao_transactions_committed_total{job="cluster"})')[0][1] == 11, "query: cluster committed 11 (10 and the traced one)")
    services = sorted(m["service"] for m, _ in values(base, "yao_build_info"))
    check(services == ["archive", "chronos", "dev", "portal", "vulcan"], "yao_build_info of every service: " + str(services))
    p99 = values(base, 'histogram_quantile(0.99, sum by (le) (yao_stage_duration_seconds_bucket{job="dev",stage="commit"}))')
    check(len(p99) == 1 and 0 < p99[0][1] < 10, f"commit p99 from the buckets: {p99}")
    fds = values(base, "process_open_fds")
    check(len(fds) == 5 and all(v > 0 for _, v in fds), "open files of all five")
    handled = values(base, 'sum by (grpc_service) (yao_grpc_server_handled_total{job="cluster"})')
    names = {m["grpc_service"] for m, _ in handled}
    check({"yao.v1.BlockService", "yao.v1.SequencerService"} <= names, f"gRPC calls by service: {sorted(names)}")

    dash = json.load(open(DASHBOARD))
    known = set(json.loads(http_get(base + "/api/v1/label/__name__/values")[1])["data"])
    exprs = [t["expr"] for p in dash["panels"] for t in p.get("targets", [])]
    check(len(exprs) >= 25, f"the dashboard has {len(exprs)} queries")
    for e in exprs:
        q = e.replace("$__rate_interval", "1m").replace("$job", ".+")
        status, r = query(base, q)
        check(status == 200 and r.get("status") == "success", "dashboard query accepted: " + e)
        for name in set(re.findall(r"\b(?:yao|process)_[a-z0-9_]+", q)):
            check(name in known, f"dashboard metric {name} exists")


def test_readiness_follows_the_database(d, ops):
    archive = "http://" + ops["archive-1"] + "/readyz"
    check(cluster("signal", d, "mariadb", "STOP").returncode == 0, "mariadbd paused")
    try:
        status, body = wait_until(lambda: (lambda r: r if r[0] == 503 else None)(http_get(archive)), 30, "archive not ready")
        check(status == 503 and ("[-]store" in body or "checks stalled" in body),
              "archive /readyz 503 while the database does not answer: " + body.replace("\n", " "))
        check(http_get("http://" + ops["archive-1"] + "/healthz")[0] == 200, "archive still alive (/healthz 200)")
    finally:
        cluster("signal", d, "mariadb", "CONT")
    status, _ = wait_until(lambda: (lambda r: r if r[0] == 200 else None)(http_get(archive)), 60, "archive ready again")
    check(status == 200, "archive ready again once mariadbd runs")


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: metrics_test.py YAOVERSE")
    binary = os.path.abspath(sys.argv[1])
    for tool in ("prometheus", "promtool", "redis-server", "mariadbd"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: scripts/deps.sh installs it")
    tmp = tempfile.mkdtemp(prefix="yao-ops-")
    d = os.path.join(tmp, "cluster")
    dev = prom = None
    try:
        dev, rpc_url, ops_url = start_dev(binary, tmp)
        test_dev(rpc_url, ops_url)
        ops = test_cluster(binary, d)
        test_trace(d, open(os.path.join(d, "urls")).read().split()[0])
        prom, base = start_prometheus(tmp, {"dev": [ops_url[len("http://"):]], "cluster": list(ops.values())})
        test_prometheus(base, ops)
        test_readiness_follows_the_database(d, ops)
    finally:
        for p in (prom, dev):
            if p is not None and p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(15)
                except subprocess.TimeoutExpired:
                    p.kill()
        cluster("down", d)
        if failures:
            print(f"kept {tmp} for inspection")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if dev is not None:
        check(dev.returncode == 0, f"yaoverse dev stopped cleanly (exit {dev.returncode})")
    print(f"{len(failures)} failed" if failures else "all passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
