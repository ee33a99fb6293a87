#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
"""Turns Google Benchmark JSON files into bench/REPORT.md (markdown on stdout)."""
import datetime
import glob
import json
import os
import platform
import re
import subprocess
import sys


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10).stdout.strip()
    except Exception:  # noqa: BLE001 - a missing tool only leaves a blank in the report
        return ""


def machine(build_dir):
    cpu = sh("lscpu | sed -n 's/^Model name:[ ]*//p' | head -1") or platform.processor()
    mem = sh("free -h | awk '/^Mem:/ {print $2}'")
    build_type = sh(f"sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' {build_dir}/CMakeCache.txt")
    cxx = sh(f"sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' {build_dir}/CMakeCache.txt")
    cxx_version = sh(f"{cxx} --version | head -1") if cxx else ""
    commit = sh("git rev-parse --short HEAD")
    return [
        ("date (UTC)", datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M")),
        ("commit", commit),
        ("CPU", f"{cpu}, {os.cpu_count()} logical cores"),
        ("memory", mem),
        ("OS", sh("grep PRETTY_NAME /etc/os-release | cut -d= -f2 | tr -d '\"'")),
        ("kernel", platform.release()),
        ("compiler", cxx_version),
        ("build type", build_type),
        ("load average at report time", sh("cut -d' ' -f1-3 /proc/loadavg")),
    ]


STANDARD_KEYS = {
    "name", "family_index", "per_family_instance_index", "run_name", "run_type", "repetitions",
    "repetition_index", "threads", "iterations", "real_time", "cpu_time", "time_unit",
    "bytes_per_second", "items_per_second", "gas_rate", "label", "error_occurred", "error_message",
    "aggregate_name", "aggregate_unit", "big_o", "rms",
}


def fmt_time(ns):
    if ns < 1e3:
        return f"{ns:.1f} ns"
    if ns < 1e6:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns / 1e6:.2f} ms"


def fmt_rate(v, unit):
    for scale, prefix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if v >= scale:
            return f"{v / scale:.2f} {prefix}{unit}"
    return f"{v:.1f} {unit}"


def to_ns(b):
    mult = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b.get("time_unit", "ns")]
    return b["real_time"] * mult, b["cpu_time"] * mult


def hardhat_section(out_dir, all_benches):
    """EVM: YaoVerse vs Hardhat (EDR/revm), from hardhat.json (scripts/bench_hardhat.sh)."""
    print("## EVM: YaoVerse vs Hardhat (EDR/revm)\n")
    path = os.path.join(out_dir, "hardhat.json")
    if not os.path.exists(path):
        print("Not measured: no hardhat.json in the results "
              "(scripts/bench_hardhat.sh did not run).\n")
        return
    try:
        with open(path) as f:
            hh = json.load(f)
    except (OSError, ValueError) as e:
        print(f"Not measured: hardhat.json is unreadable ({e}).\n")
        return
    if "not_measured" in hh:
        print(f"Not measured: {hh['not_measured']}.\n")
        return
    overhead = hh.get("overhead", {})
    print(
        "The same bytecode and starting state (bench/evm_workloads exports the workloads of "
        "interpreter_bench.cpp) run on YaoVerse's interpreter and on Hardhat's in-process network. "
        f"Hardhat {hh.get('hardhat_version', '?')} (EDR {hh.get('edr_version', '?')}, "
        f"Node {hh.get('node_version', '?')}, hardfork {hh.get('hardfork', '?')}).\n"
    )
    print("Conditions:\n")
    print(
        "- **YaoVerse**: `execute()` against the in-memory FakeHost, in a Google Benchmark loop: "
        "interpretation only, no transaction setup, no state copy. Mgas/s by CPU time (the "
        "benchmark's gas_rate counter) and by wall time (gas per run / real time per run)."
    )
    print(
        "- **Hardhat**: one `eth_call` after another through `hre.network.provider` (JSON-RPC in "
        "process, no socket): JavaScript request handling, the N-API crossing, EDR's call setup "
        "on a copy of the latest state, revm's execution, the result back. Wall time; each "
        f"workload at most {hh.get('limits', {}).get('max_calls', '?')} calls or "
        f"{hh.get('limits', {}).get('max_seconds', '?')} s, on a fresh chain. Hardhat 2's EDR "
        "provider records a per-step trace of every call (for Solidity stack traces) and that "
        "cannot be turned off from its configuration, so these are Hardhat-node numbers, not bare "
        "revm; the heavy loops pay for it per step."
    )
    if overhead:
        print(
            f"- Hardhat times are medians per call. Per-request overhead: an empty call (code "
            f"STOP) takes {overhead.get('median_us', 0):.1f} µs median, "
            f"{overhead.get('mean_us', 0):.1f} µs mean. *net* subtracts the empty-call median "
            "measured just before each workload; it is blank where the workload is hardly slower "
            "than an empty call."
        )
    shares = [w["system_cpu_share"] for w in hh.get("workloads", []) if "system_cpu_share" in w]
    if shares:
        print(
            f"- Hardhat's process spent {min(shares) * 100:.0f}–{max(shares) * 100:.0f}% of its "
            "CPU time in the kernel during the timed calls (per workload; memory traffic)."
        )
    print(
        "- Gas per run is YaoVerse's execution gas (no 21000 / call-data intrinsic gas). "
        "*gas check* exact: on EDR the call succeeds with exactly intrinsic + that gas as its "
        "limit and fails with one less; headroom: the EVM's rules need more limit than the gas "
        "used (SSTORE's 2300 sentry, CALL's 63/64), eth_estimateGas shown instead."
    )
    print(
        "- Ratio = YaoVerse wall-time Mgas/s ÷ Hardhat Mgas/s; both on the same machine, one "
        "after the other (load average in the machine table).\n"
    )
    print(
        "| workload | gas/run | YaoVerse Mgas/s (CPU) | YaoVerse Mgas/s (wall) "
        "| Hardhat Mgas/s raw | Hardhat Mgas/s net | ratio raw | ratio net | Hardhat calls | gas check |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for w in hh.get("workloads", []):
        ours = all_benches.get(w["name"])
        cpu_rate = wall_rate = None
        if ours and "gas_rate" in ours:
            cpu_rate = ours["gas_rate"] / 1e6
            real_ns = to_ns(ours)[0]
            if real_ns > 0 and "gas_per_run" in ours:
                wall_rate = ours["gas_per_run"] / real_ns * 1e3
        check = w.get("gas_check", {})
        if check.get("verified"):
            check_text = "exact"
        elif "estimate_gas_minus_intrinsic" in check:
            check_text = f"headroom (estimate {check['estimate_gas_minus_intrinsic']})"
        else:
            check_text = "not verified"
        if not w.get("output_ok"):
            print(
                f"| {w['name']} | {w['gas_used_per_call']} | {num(cpu_rate)} | {num(wall_rate)} "
                f"| failed: {w.get('error', 'output differs')} | | | | | |"
            )
            continue
        raw, net = w.get("mgas_per_s_raw"), w.get("mgas_per_s_net")
        ratio_raw = wall_rate / raw if wall_rate and raw else None
        ratio_net = wall_rate / net if wall_rate and net else None
        print(
            f"| {w['name']} | {w['gas_used_per_call']} | {num(cpu_rate)} | {num(wall_rate)} "
            f"| {num(raw)} | {num(net)} | {num(ratio_raw, '×')} | {num(ratio_net, '×')} "
            f"| {w.get('calls', '')} | {check_text} |"
        )
    print()


def num(v, suffix=""):
    if v is None:
        return ""
    return f"{v:.1f}{suffix}" if v < 100 else f"{v:.0f}{suffix}"


def main():
    out_dir, build_dir = sys.argv[1], sys.argv[2]
    runs = {}
    for path in sorted(glob.glob(os.path.join(out_dir, "*.json"))):
        try:
            with open(path) as f:
                data = json.load(f)
        except (OSError, ValueError):
            continue
        if "benchmarks" not in data:  # e.g. hardhat.json (scripts/bench_hardhat.sh)
            continue
        runs[os.path.basename(path)[:-5]] = [
            b for b in data["benchmarks"] if b.get("run_type", "iteration") == "iteration"
        ]

    print("# Benchmark report\n")
    print("Written by `make bench` (scripts/bench.sh → scripts/bench_report.py); do not edit by hand.")
    print("Micro-benchmarks are Google Benchmark binaries built beside the code (`*_bench.cpp`),")
    print("run one after another, single-threaded unless the name says otherwise; the load average")
    print("at report time is in the machine table. Times are per operation; rates use CPU time.")
    print("Google Benchmark's own library is Debian's build, which prints a 'built as DEBUG' warning;")
    print("that concerns the harness only, the code under test is built as the table below says.")
    print("On a 2-core machine other load shows as wall time well above CPU time: compare CPU/op.\n")
    print("## Machine\n")
    print("| | |\n|---|---|")
    for k, v in machine(build_dir):
        print(f"| {k} | {v} |")
    print()

    all_benches = {b["name"]: b for bs in runs.values() for b in bs}

    headlines = [
        ("keccak256, 1 KiB inputs", "keccak256/1024", "bytes"),
        ("keccak256, 64 KiB inputs", "keccak256/65536", "bytes"),
        ("ecrecover (libsecp256k1), one core", "secp256k1/ecrecover", "items"),
        ("transaction sender recovery, one core", "chain/recover_sender", "items"),
        ("yaolog call at a disabled level (3 fields)", "yaolog/disabled", "time"),
        ("yaolog JSON record, enabled (3 fields, async to /dev/null)", "yaolog/enabled_json", "time"),
        ("yaolog text record, enabled", "yaolog/enabled_text", "time"),
    ]
    rows = []
    for label, name, kind in headlines:
        b = all_benches.get(name)
        if not b:
            continue
        cpu = to_ns(b)[1]
        if kind == "bytes":
            rows.append((label, fmt_rate(b["bytes_per_second"], "B/s")))
        elif kind == "items":
            rows.append((label, f"{fmt_rate(b['items_per_second'], '/s')} ({fmt_time(cpu)} each)"))
        else:
            rows.append((label, f"{fmt_time(cpu)} per call"))
    if rows:
        print("## Headlines\n")
        print("| what | result |\n|---|---:|")
        for label, value in rows:
            print(f"| {label} | {value} |")
        print()
    pairs = []
    for name, b in all_benches.items():
        m = re.match(r"uint256/(.+)", name)
        if m and f"gmp/{m.group(1)}" in all_benches:
            pairs.append((m.group(1), b, all_benches[f"gmp/{m.group(1)}"]))
    if pairs:
        print("## uint256 against GMP\n")
        print("Same random operands for both; GMP through preallocated mpz_t / mpn (see uint256_bench.cpp).\n")
        print("| operation | yao::Uint256 (CPU/op) | GMP (CPU/op) | speed-up |\n|---|---:|---:|---:|")
        for op, ours, gmp in pairs:
            a, g = to_ns(ours)[1], to_ns(gmp)[1]
            print(f"| {op} | {fmt_time(a)} | {fmt_time(g)} | {g / a:.1f}× |")
        print()

    hardhat_section(out_dir, all_benches)

    for binary, benches in runs.items():
        print(f"## {binary}\n")
        print("| benchmark | time/op | CPU/op | throughput | iterations |\n|---|---:|---:|---:|---:|")
        for b in benches:
            real, cpu = to_ns(b)
            thr = []
            if "bytes_per_second" in b:
                thr.append(fmt_rate(b["bytes_per_second"] / 1.0, "B/s"))
            if "gas_rate" in b:
                thr.append(f"{b['gas_rate'] / 1e6:.1f} Mgas/s")
            if "items_per_second" in b:
                thr.append(fmt_rate(b["items_per_second"], "ops/s"))
            for key, value in b.items():
                # User counters (rows_per_s, blocks_per_s, dropped, ...) beside the standard ones.
                if key in STANDARD_KEYS or not isinstance(value, (int, float)):
                    continue
                thr.append(f"{key} {value:,.4g}" if isinstance(value, float) else f"{key} {value:,}")
            print(f"| {b['name']} | {fmt_time(real)} | {fmt_time(cpu)} | {', '.join(thr)} | {b['iterations']} |")
        print()


if __name__ == "__main__":
    main()
