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


def main():
    out_dir, build_dir = sys.argv[1], sys.argv[2]
    runs = {}
    for path in sorted(glob.glob(os.path.join(out_dir, "*.json"))):
        with open(path) as f:
            data = json.load(f)
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
            print(f"| {b['name']} | {fmt_time(real)} | {fmt_time(cpu)} | {', '.join(thr)} | {b['iterations']} |")
        print()


if __name__ == "__main__":
    main()
