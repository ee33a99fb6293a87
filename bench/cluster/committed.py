#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# Committed throughput through JSON-RPC, the single node beside the cluster (make bench):
#   bench/cluster/committed.py BUILD_DIR
# For each workload (native transfers, ERC-20 transfers: pre-signed by yao_rpc_txgen, nonce-major
# over COMMITTED_SENDERS senders) and each shape of the chain:
#   dev        `yaoverse dev` (SQLite file, block interval 20 ms as the cluster's), every batch
#              to its one port;
#   cluster-1  deploy/local/cluster.sh with one Vulcan;
#   cluster-2  the same with two Vulcans;
#   anvil      Foundry's Anvil (bench/anvil/anvil.sh run: pinned, chain id 31337, base fee 1 gwei,
#              0.1 s interval blocks, state in memory), the senders and the token set through the
#              generator's hardhat_setup.json batch (Anvil takes the hardhat_* names), so fresh
#              accounts whose nonces start at 0; every batch to its one port;
# a fresh chain gets COMMITTED_TXS transactions in JSON-RPC batches of 100 from wrk (a separate
# process per Portal; the cluster's batches alternate between its two Portals), and a follower
# counts the transactions of every new block until all are committed. The figure is
# committed / (last commit seen - first request). Prints one JSON object per line. Bounded:
# COMMITTED_TIMEOUT seconds per run (default 120).
# Workload "latency" (in COMMITTED_KINDS, default on): submission -> receipt visible at
# LATENCY_RATE transactions a second (default 1,000) for LATENCY_SECONDS (5): pre-signed native
# transfers (nonce-major over the senders), each its own eth_sendRawTransaction request, sent on
# schedule by LATENCY_THREADS (4) keep-alive connections; a follower polls eth_blockNumber every
# 2 ms and reads each new block's transaction hashes (a receipt is served once its block is). A
# transaction's latency is the time its block was first seen less the time its request was sent.
# Growth: the erc20 workload also runs on `yaoverse dev` whose store holds 10 thousand and 10
# million funded accounts (GROWTH_SHAPES, default "dev-accounts-10000 dev-accounts-10000000"),
# added straight into its accounts table while the node is stopped.
# Its shapes are LATENCY_SHAPES (default "dev cluster-1 anvil anvil-automine"; anvil-automine:
# Anvil without --block-time, a block for each transaction as it arrives). COMMITTED_LOGS=DIR keeps each cluster's logs
# there (with CLUSTER_LOG_LEVEL=debug: why Archive re-executed each block it did).
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

build_dir = os.path.abspath(sys.argv[1])
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
txs = int(os.environ.get("COMMITTED_TXS", "50000"))
senders = int(os.environ.get("COMMITTED_SENDERS", "1000"))
timeout_s = int(os.environ.get("COMMITTED_TIMEOUT", "120"))
shapes = os.environ.get("COMMITTED_SHAPES", "dev cluster-1 cluster-2 anvil").split()
# Growth (erc20 only): `yaoverse dev` with 10 thousand and with 10 million funded accounts in its
# store (shape dev-accounts-N).
growth_shapes = os.environ.get("GROWTH_SHAPES", "dev-accounts-10000 dev-accounts-10000000").split()
# The latency workload also runs Anvil in its default mode, a block per transaction.
latency_shapes = os.environ.get("LATENCY_SHAPES", "dev cluster-1 anvil anvil-automine").split()
kinds = os.environ.get("COMMITTED_KINDS", "native erc20 latency").split()
latency_rate = int(os.environ.get("LATENCY_RATE", "1000"))
latency_seconds = int(os.environ.get("LATENCY_SECONDS", "5"))
latency_threads = int(os.environ.get("LATENCY_THREADS", "4"))
yaoverse = os.path.join(build_dir, "yao/app/yaoverse")
txgen = os.path.join(build_dir, "bench/yao_rpc_txgen")
work = os.path.join(build_dir, "bench-committed")
os.makedirs(work, exist_ok=True)


def emit(obj):
    print(json.dumps(obj), flush=True)


def log(text):
    print(f"committed.py: {text}", file=sys.stderr, flush=True)


def rpc(url, body, timeout=30):
    req = urllib.request.Request(url, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(req, timeout=timeout).read())


def cpu_seconds(pgids):
    ticks, total = os.sysconf("SC_CLK_TCK"), 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) in pgids:
            total += sum(int(x) for x in fields[11:15])
    return total / ticks


def generate(kind):
    gen = os.path.join(work, f"gen-{kind}-{senders}-{txs}")
    if not os.path.exists(os.path.join(gen, "meta.json")):
        shutil.rmtree(gen, ignore_errors=True)
        subprocess.run([txgen, f"--out={gen}", f"--senders={senders}", f"--txs={txs}",
                        "--batch=100", f"--kind={kind}"], check=True, stdout=sys.stderr)
    return gen


def stop_process(proc, directory):
    """Stops exactly the node process proc (TERM, then KILL after 20 s) and removes its directory."""
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
    shutil.rmtree(directory, ignore_errors=True)


class Dev:
    """`yaoverse dev` on a fresh SQLite file. accounts: when given, the store holds that many
    funded accounts before the load (the genesis's, and as many more, 1 ether each, written
    straight into its accounts table while the node is stopped)."""

    def __init__(self, gen, accounts=0):
        self.dir = tempfile.mkdtemp(prefix="dev-", dir=work)
        # The cluster's block interval (deploy/local/cluster.sh), so that both end alike.
        config = json.load(open(os.path.join(gen, "yaoverse.json")))
        config.setdefault("chain", {})["block_interval_ms"] = 20
        self.config_path = os.path.join(self.dir, "config.json")
        json.dump(config, open(self.config_path, "w"))
        self.start()
        if accounts:
            self.proc.terminate()
            self.proc.wait(30)
            fill_accounts(os.path.join(self.dir, "data", "chain.sqlite"), accounts)
            self.start()

    def start(self):
        out = open(os.path.join(self.dir, "out"), "w")
        self.proc = subprocess.Popen([yaoverse, "dev", "--data-dir", os.path.join(self.dir, "data"),
                                      "--rpc-port", "0", "--config", self.config_path],
                                     stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 120
        self.urls = []
        while time.time() < deadline and not self.urls:
            text = open(os.path.join(self.dir, "out")).read()
            for line in text.splitlines():
                if line.startswith("Listening on "):
                    self.urls = ["http://" + line.split()[2]]
            if self.proc.poll() is not None:
                raise RuntimeError(f"yaoverse dev exited: {text[-300:]}")
            time.sleep(0.1)
        if not self.urls:
            raise RuntimeError("yaoverse dev did not listen within 120 s")
        self.pgids = {self.proc.pid}

    def stop(self):
        stop_process(self.proc, self.dir)
        return {}


def fill_accounts(path, total):
    """Adds funded accounts to a stopped node's SQLite store until it holds `total`: addresses
    0xa0..., in ascending order (a B-tree of the same depth as random ones, written far faster)."""
    import sqlite3
    db = sqlite3.connect(path)
    have = db.execute("SELECT COUNT(*) FROM accounts").fetchone()[0]
    db.execute("BEGIN")
    db.executemany("INSERT INTO accounts (address, nonce, balance, block_number) "
                   "VALUES (?, 0, '1000000000000000000', 0)",
                   (("0x%040x" % (0xa0 << 152 | i),) for i in range(max(0, total - have))))
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


class Anvil:
    """Foundry's Anvil, pinned in bench/anvil, installed there by `npm ci` when missing.
    block_time: its --block-time (ANVIL_BLOCK_TIME, default 0.1 s); "0": automine."""

    def __init__(self, gen, block_time=None):
        self.block_time = block_time or os.environ.get("ANVIL_BLOCK_TIME", "0.1")
        script = os.path.join(root, "bench/anvil/anvil.sh")
        inst = subprocess.run([script, "install"], capture_output=True, text=True, timeout=900)
        if inst.returncode != 0:
            raise RuntimeError("Anvil install failed: " + inst.stderr.strip()[-200:])
        binary = inst.stdout.strip().splitlines()[-1]
        self.version = subprocess.run([binary, "--version"], capture_output=True, text=True,
                                      timeout=30).stdout.splitlines()[0].replace("anvil Version: ", "")
        self.dir = tempfile.mkdtemp(prefix="anvil-", dir=work)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        out = open(os.path.join(self.dir, "out"), "w")
        self.proc = subprocess.Popen([script, "run", str(port)], stdout=out,
                                     stderr=subprocess.STDOUT, start_new_session=True,
                                     env=dict(os.environ, ANVIL_BLOCK_TIME=self.block_time))
        self.pgids = {self.proc.pid}
        self.urls = []
        deadline = time.time() + 60
        while time.time() < deadline and not self.urls:
            text = open(os.path.join(self.dir, "out")).read()
            if f"Listening on 127.0.0.1:{port}" in text:
                self.urls = [f"http://127.0.0.1:{port}"]
            elif self.proc.poll() is not None:
                self.stop()
                raise RuntimeError(f"anvil exited: {text[-300:]}")
            else:
                time.sleep(0.1)
        if not self.urls:
            self.stop()
            raise RuntimeError("anvil did not listen within 60 s")
        setup = json.load(open(os.path.join(gen, "hardhat_setup.json")))
        answers = rpc(self.urls[0], setup, timeout=120)
        bad = [a for a in answers if "result" not in a]
        if bad or len(answers) != len(setup):
            self.stop()
            raise RuntimeError(f"setting up the accounts failed: {json.dumps(bad[:1])[:160]}")

    def stop(self):
        stop_process(self.proc, self.dir)  # anvil.sh exec's the binary: the same PID
        return {"anvil_version": self.version,
                "config": ("automine" if self.block_time == "0" else f"--block-time {self.block_time}")
                          + " "
                          f"--gas-limit {os.environ.get('ANVIL_GAS_LIMIT', '300000000')} "
                          "--base-fee 1000000000 --chain-id 31337"}


class Cluster:
    """deploy/local/cluster.sh with the same genesis and limits."""

    def __init__(self, gen, vulcans):
        self.dir = tempfile.mkdtemp(prefix="cluster-", dir=work)
        env = dict(os.environ, YAOVERSE=yaoverse, VULCANS=str(vulcans),
                   CLUSTER_CONFIG=os.path.join(gen, "yaoverse.json"))
        self.script = os.path.join(root, "deploy/local/cluster.sh")
        subprocess.run([self.script, "up", self.dir], env=env, check=True, stdout=sys.stderr,
                       timeout=300)
        self.urls = open(os.path.join(self.dir, "urls")).read().split()
        pids = os.path.join(self.dir, "pids")
        self.pgids = {int(open(os.path.join(pids, f)).read()) for f in os.listdir(pids)}

    def stop(self):
        """Stops it; returns the Archives' and Vulcans' counters from their logs."""
        subprocess.run([self.script, "down", self.dir], stdout=sys.stderr, timeout=120)
        totals = {"reexecuted": 0, "speculative": 0}
        logs = os.path.join(self.dir, "logs")
        for name in sorted(os.listdir(logs)):
            for line in open(os.path.join(logs, name), errors="replace"):
                for what, key in (("commit stats", "reexecuted"), ("execution stats", "speculative")):
                    if what in line:
                        for field in line.split():
                            if field.startswith(key + "="):
                                totals[key] += int(field.split("=")[1])
        if os.environ.get("COMMITTED_LOGS"):
            shutil.copytree(logs, os.path.join(os.environ["COMMITTED_LOGS"],
                                               os.path.basename(self.dir)))
        shutil.rmtree(self.dir, ignore_errors=True)
        return totals


def start_node(shape, gen):
    if shape == "dev":
        return Dev(gen)
    if shape.startswith("dev-accounts-"):
        return Dev(gen, int(shape.split("-")[2]))
    if shape == "anvil":
        return Anvil(gen)
    if shape == "anvil-automine":
        return Anvil(gen, "0")
    return Cluster(gen, int(shape.split("-")[1]))


class Connection:
    """One keep-alive HTTP connection for JSON-RPC requests."""

    def __init__(self, url):
        u = urllib.parse.urlparse(url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)

    def call(self, body):
        self.conn.request("POST", "/", body=json.dumps(body),
                          headers={"Content-Type": "application/json"})
        return json.loads(self.conn.getresponse().read())


def percentile(sorted_values, q):
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def measured(base, shape, gen, measure):
    """Starts the node of `shape`, runs measure(node) for the entry's figures, stops the node
    and emits base + figures + the node's counters; a node that does not start or a run that
    fails is emitted as not measured, with why. Returns the entry."""
    try:
        node = start_node(shape, gen)
    except Exception as e:  # noqa: BLE001 - reported, not raised
        entry = {**base, "not_measured": f"start failed: {str(e)[:200]}"}
        emit(entry)
        return entry
    try:
        entry = {**base, **measure(node)}
    except Exception as e:  # noqa: BLE001 - reported, not raised
        entry = {**base, "not_measured": f"run failed: {str(e)[:200]}"}
    finally:
        counters = node.stop()
    entry = {**entry, **counters}
    emit(entry)
    return entry


def latency_run(shape, gen):
    """Submission -> receipt visible at latency_rate tx/s (see the top of this file)."""
    meta = json.load(open(os.path.join(gen, "meta.json")))
    total = latency_rate * latency_seconds
    base = {"kind": "latency", "shape": shape, "rate": latency_rate, "seconds": latency_seconds,
            "txs": total, "threads": latency_threads, "tx": meta["tx"]}
    requests = []
    for line in open(os.path.join(gen, "batches.txt")):
        requests.extend(json.loads(line))
        if len(requests) >= total:
            break
    requests = requests[:total]
    total = len(requests)  # fewer when the generated set is smaller (COMMITTED_TXS)
    base["txs"] = total

    def measure(node):
        url = node.urls[0]
        sent, seen, errors = {}, {}, []
        lock = threading.Lock()
        done = threading.Event()
        head = int(rpc(url, {"jsonrpc": "2.0", "id": 1, "method": "eth_blockNumber",
                             "params": []})["result"], 16)
        blocks = [0]

        def follow():
            conn, number = Connection(url), head
            while not done.is_set():
                top = int(conn.call({"jsonrpc": "2.0", "id": 1, "method": "eth_blockNumber",
                                     "params": []})["result"], 16)
                now = time.time()
                while number < top:
                    number += 1
                    block = conn.call({"jsonrpc": "2.0", "id": 1, "method": "eth_getBlockByNumber",
                                       "params": [hex(number), False]})["result"]
                    with lock:
                        for h in block["transactions"]:
                            seen.setdefault(h, now)
                    blocks[0] += 1
                time.sleep(0.002)

        load_before = float(open("/proc/loadavg").read().split()[0])
        start = time.time() + 0.2

        def send(k):
            conn = Connection(url)
            for i in range(k, total, latency_threads):
                delay = start + i / latency_rate - time.time()
                if delay > 0:
                    time.sleep(delay)
                t = time.time()
                answer = conn.call(requests[i])
                with lock:
                    if "result" in answer:
                        sent[answer["result"]] = t
                    else:
                        errors.append(json.dumps(answer.get("error"))[:160])

        follower = threading.Thread(target=follow, daemon=True)
        follower.start()
        senders = [threading.Thread(target=send, args=(k,)) for k in range(latency_threads)]
        for t in senders:
            t.start()
        for t in senders:
            t.join()
        send_seconds = time.time() - start
        deadline = time.time() + 10
        while time.time() < deadline:
            with lock:
                if all(h in seen for h in sent):
                    break
            time.sleep(0.01)
        done.set()
        follower.join(5)
        with lock:
            lat = sorted((seen[h] - sent[h]) * 1000 for h in sent if h in seen)
            missing = sum(1 for h in sent if h not in seen)
        entry = {"admitted": len(sent), "refused": len(errors), "committed": len(lat),
                 "not_seen_in_10s": missing, "send_seconds": round(send_seconds, 3),
                 "blocks": blocks[0], "load_average_before": load_before}
        if lat:
            entry.update({"p50_ms": round(percentile(lat, 0.50), 2),
                          "p90_ms": round(percentile(lat, 0.90), 2),
                          "p99_ms": round(percentile(lat, 0.99), 2), "max_ms": round(lat[-1], 2)})
        if errors:
            entry["first_refusal"] = errors[0]
        return entry

    entry = measured(base, shape, gen, measure)
    log(f"{shape} latency: p50 {entry.get('p50_ms')} ms, p99 {entry.get('p99_ms')} ms")


def run(kind, shape, gen):
    meta = json.load(open(os.path.join(gen, "meta.json")))
    base = {"kind": "committed", "workload": kind, "shape": shape, "txs": meta["txs"],
            "senders": meta["senders"], "tx": meta["tx"]}

    def measure(node):
        urls = node.urls
        # The batches, split over the Portals (alternating lines keep each file nonce-major).
        lines = open(os.path.join(gen, "batches.txt")).read().splitlines()
        files = []
        for i, url in enumerate(urls):
            path = os.path.join(work, f"batches-{i}.txt")
            with open(path, "w") as f:
                f.write("\n".join(lines[i::len(urls)]) + "\n")
            files.append(path)
        head = int(rpc(urls[-1], {"jsonrpc": "2.0", "id": 1, "method": "eth_blockNumber",
                                   "params": []})["result"], 16)
        cpu0 = cpu_seconds(node.pgids)
        load_before = float(open("/proc/loadavg").read().split()[0])
        started = time.time()
        wrks = [subprocess.Popen(
            ["wrk", "-t1", "-c4", f"-d{timeout_s}s", "--timeout", "30s", "-s",
             os.path.join(root, "bench/rpc/batch.lua"), url + "/"],
            env=dict(os.environ, RPC_BATCH_FILE=path), stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True) for url, path in zip(urls, files)]
        committed, last_commit, seen = 0, started, head
        admitted = None
        while committed < meta["txs"] and time.time() - started < timeout_s + 10:
            top = int(rpc(urls[-1], {"jsonrpc": "2.0", "id": 1, "method": "eth_blockNumber",
                                     "params": []})["result"], 16)
            if top > seen:
                batch = [{"jsonrpc": "2.0", "id": n, "method": "eth_getBlockTransactionCountByNumber",
                          "params": [hex(n)]} for n in range(seen + 1, min(top, seen + 500) + 1)]
                answers = rpc(urls[-1], batch)
                counts = sorted((a["id"], int(a["result"], 16)) for a in answers)
                committed += sum(c for _, c in counts)
                seen = counts[-1][0]
                last_commit = time.time()
            else:
                time.sleep(0.02)
        cpu1 = cpu_seconds(node.pgids)
        outs = []
        for w in wrks:
            try:
                out, _ = w.communicate(timeout=timeout_s + 30)
            except subprocess.TimeoutExpired:
                w.kill()
                out, _ = w.communicate()
            outs.append(out)
        results = []
        for out in outs:
            line = next((l for l in out.splitlines() if l.startswith('{"wrk_result"')), None)
            if line:
                results.append(json.loads(line)["wrk_result"])
        admitted = sum(r.get("txs_admitted", 0) for r in results)
        rejected = sum(r.get("txs_rejected", 0) for r in results)
        seconds = last_commit - started
        entry = {"portals": len(urls), "committed": committed, "admitted": admitted,
                 "rejected": rejected, "seconds": round(seconds, 3),
                 "committed_per_s": committed / seconds if seconds > 0 else None,
                 "blocks": seen - head, "node_cpu_s": round(cpu1 - cpu0, 2),
                 "load_average_before": load_before}
        if committed < meta["txs"]:
            entry["incomplete"] = f"{committed} of {meta['txs']} committed within {timeout_s} s"
        firsts = [r.get("first_rejection", "") for r in results if r.get("first_rejection")]
        if firsts:
            entry["first_rejection"] = firsts[0][:160]
        return entry

    entry = measured(base, shape, gen, measure)
    log(f"{shape} {kind}: {entry.get('committed', 0)} committed")


if not (os.access(yaoverse, os.X_OK) and os.access(txgen, os.X_OK)):
    emit({"kind": "failed", "reason": "yaoverse or yao_rpc_txgen was not built"})
    sys.exit(1)
if shutil.which("wrk") is None:
    emit({"kind": "failed", "reason": "wrk is not installed (scripts/deps.sh)"})
    sys.exit(1)
emit({"kind": "conditions", "cores": os.cpu_count(), "txs": txs, "senders": senders,
      "batch": 100, "connections_per_portal": 4, "timeout_s": timeout_s,
      "load_average": open("/proc/loadavg").read().split()[:3]})
for kind in kinds:
    gen = generate("native" if kind == "latency" else kind)
    todo = latency_shapes if kind == "latency" else shapes
    if kind == "erc20":
        todo = todo + growth_shapes
    for shape in todo:
        log(f"{shape} {kind}")
        if kind == "latency":
            latency_run(shape, gen)
        else:
            run(kind, shape, gen)
