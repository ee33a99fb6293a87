// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Runs the YaoVerse EVM benchmark workloads on Hardhat's in-process network (EDR; revm inside)
// and reports Mgas/s per workload.
//
//   node compare.mjs WORKLOADS.json OUT.json
//
// WORKLOADS.json is what build/<preset>/bench/evm_workloads prints: for each workload the
// accounts (code, storage) to install, the call to make and the execution gas one run uses on
// YaoVerse. Each workload's accounts are installed with hardhat_setCode / hardhat_setStorageAt,
// then eth_call is timed, one request after another, for at most HH_MAX_CALLS calls (default
// 200) or HH_MAX_SECONDS seconds (default 3), whichever comes first. Each workload gets a fresh
// chain (hardhat_reset) and, under `node --expose-gc`, a garbage collection first: responses keep
// EDR's execution traces alive until collected, which otherwise slows the workloads that follow.
//
// What is measured: each eth_call goes through Hardhat's JSON-RPC provider object (JavaScript
// request handling, N-API crossing into EDR, EDR's call setup on a copy of the latest state,
// revm executing the bytecode, the result back to JavaScript). Nothing goes over a socket. The
// per-request overhead is estimated with an empty call (code 0x00, STOP) timed the same way just
// before each workload; the report gives Mgas/s from the median time per call, both raw and with
// the empty call's median subtracted.
// Hardhat 2's EDR provider also records a per-step trace of every call (for Solidity stack
// traces); its configuration cannot turn that off, so this measures Hardhat's node, not bare
// revm. The gas of a run is YaoVerse's
// execution gas (without the 21000 + call data intrinsic gas, which costs no interpretation);
// the same bytecode on the same state uses the same gas on any correct Cancun EVM, and the
// script checks it on EDR: the call must succeed with exactly intrinsic + gas_used as its gas
// limit and fail with one gas less (where the EVM's own rules allow such an exact limit), and
// the output must match YaoVerse's.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [workloadsArg, outArg] = process.argv.slice(2);
if (!workloadsArg || !outArg) {
  console.error("usage: node compare.mjs WORKLOADS.json OUT.json");
  process.exit(2);
}
const maxCalls = Number(process.env.HH_MAX_CALLS ?? 200);
const maxSeconds = Number(process.env.HH_MAX_SECONDS ?? 3);
const warmupCalls = 3;
const overheadMaxCalls = 2000;

// Hardhat looks for hardhat.config.cjs from the working folder.
const workloadsPath = resolve(workloadsArg);
const outPath = resolve(outArg);
process.chdir(here);
process.env.HARDHAT_DISABLE_TELEMETRY_PROMPT = "true";
const hre = (await import("hardhat")).default;
const provider = hre.network.provider;
const versionOf = (pkg) => {
  try {
    return JSON.parse(readFileSync(`${here}/node_modules/${pkg}/package.json`, "utf8")).version;
  } catch {
    return "unknown";
  }
};

const toQuantity = (n) => "0x" + BigInt(n).toString(16);
const rpc = (method, params = []) => provider.request({ method, params });
const nowNs = () => process.hrtime.bigint();

/// Times `call` until maxN calls or maxS seconds; returns per-call times in microseconds.
async function timeCalls(call, maxN, maxS) {
  const times = [];
  const deadline = nowNs() + BigInt(Math.round(maxS * 1e9));
  while (times.length < maxN) {
    const t0 = nowNs();
    await call();
    const t1 = nowNs();
    times.push(Number(t1 - t0) / 1e3);
    if (t1 >= deadline) break;
  }
  return times;
}

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  return {
    calls: times.length,
    seconds: (mean * times.length) / 1e6,
    mean_us: mean,
    median_us: sorted[Math.floor(sorted.length / 2)],
    min_us: sorted[0],
  };
}

/// eth_call; returns {ok, output} or {ok: false, error}.
async function tryCall(tx) {
  try {
    return { ok: true, output: await rpc("eth_call", [tx, "latest"]) };
  } catch (e) {
    return { ok: false, error: String(e.message ?? e).split("\n")[0] };
  }
}

const input = JSON.parse(readFileSync(workloadsPath, "utf8"));
const emptyAddress = "0x00000000000000000000000000000000000000e0";  // no workload uses it
const emptyTx = { from: "0x00000000000000000000000000000000000000ca", to: emptyAddress };
const collectGarbage = () => globalThis.gc?.();  // node --expose-gc: responses hold EDR traces

/// A fresh chain (hardhat_reset) with the empty contract, and the per-request overhead right now:
/// the time of an eth_call to it (code 0x00, STOP).
async function freshChainAndOverhead(maxN, maxS) {
  await rpc("hardhat_reset", []);
  collectGarbage();
  await rpc("hardhat_setCode", [emptyAddress, "0x00"]);
  for (let i = 0; i < 20; ++i) await rpc("eth_call", [emptyTx, "latest"]);
  return stats(await timeCalls(() => rpc("eth_call", [emptyTx, "latest"]), maxN, maxS));
}

const overhead = await freshChainAndOverhead(overheadMaxCalls, maxSeconds);
const blockGasLimit = BigInt((await rpc("eth_getBlockByNumber", ["latest", false])).gasLimit);
console.error(
  `overhead: empty eth_call ${overhead.mean_us.toFixed(1)} µs mean, ` +
    `${overhead.median_us.toFixed(1)} µs median (${overhead.calls} calls)`,
);

const results = [];
for (const w of input.workloads) {
  // Each workload on a fresh chain, after a garbage collection, with its own overhead estimate
  // (the machine's load drifts).
  const localOverhead = await freshChainAndOverhead(overheadMaxCalls / 4, maxSeconds / 3);
  for (const a of w.accounts) {
    await rpc("hardhat_setCode", [a.address, a.code]);
    for (const [slot, value] of Object.entries(a.storage)) {
      await rpc("hardhat_setStorageAt", [a.address, slot, value]);
    }
  }
  const txGas = BigInt(w.intrinsic_gas) + BigInt(w.gas_limit);
  const tx = {
    from: w.sender,
    to: w.to,
    data: w.calldata,
    gas: toQuantity(txGas < blockGasLimit ? txGas : blockGasLimit),
  };
  const row = { name: w.name, gas_used_per_call: w.gas_used_per_call };

  // Checks: output, and the gas (exact limit succeeds, one less fails).
  const first = await tryCall(tx);
  row.output_ok = first.ok && first.output.toLowerCase() === w.output.toLowerCase();
  if (!first.ok) row.error = first.error;
  const exact = BigInt(w.intrinsic_gas) + BigInt(w.gas_used_per_call);
  const atExact = await tryCall({ ...tx, gas: toQuantity(exact) });
  const belowExact = await tryCall({ ...tx, gas: toQuantity(exact - 1n) });
  row.gas_check = {
    exact_limit_succeeds: atExact.ok && atExact.output.toLowerCase() === w.output.toLowerCase(),
    one_less_fails:
      !belowExact.ok || belowExact.output.toLowerCase() !== w.output.toLowerCase(),
  };
  row.gas_check.verified = row.gas_check.exact_limit_succeeds && row.gas_check.one_less_fails;
  if (!row.gas_check.exact_limit_succeeds) {
    // Rules that need headroom above the gas used (the SSTORE 2300 sentry, CALL's 63/64):
    // eth_estimateGas at least shows how much headroom EDR wants on top of our gas.
    try {
      const est = BigInt(await rpc("eth_estimateGas", [tx, "latest"]));
      row.gas_check.estimate_gas_minus_intrinsic = Number(est - BigInt(w.intrinsic_gas));
    } catch (e) {
      row.gas_check.estimate_error = String(e.message ?? e).split("\n")[0];
    }
  }

  if (row.output_ok) {
    for (let i = 0; i < warmupCalls; ++i) await rpc("eth_call", [tx, "latest"]);
    collectGarbage();
    const cpu0 = process.cpuUsage();
    const s = stats(await timeCalls(() => rpc("eth_call", [tx, "latest"]), maxCalls, maxSeconds));
    const cpu = process.cpuUsage(cpu0);
    Object.assign(row, s);
    // CPU time of the whole process (all threads; user + system) per call
    row.cpu_us_per_call = (cpu.user + cpu.system) / s.calls;
    row.system_cpu_share = cpu.user + cpu.system > 0 ? cpu.system / (cpu.user + cpu.system) : 0;
    // Medians: on a loaded machine a few slow calls would otherwise dominate.
    const gas = w.gas_used_per_call;
    const net = s.median_us - localOverhead.median_us;
    row.overhead_us = localOverhead.median_us;
    row.net_us = net;
    row.mgas_per_s_raw = gas / s.median_us;  // gas per µs = Mgas/s
    row.mgas_per_s_mean = gas / s.mean_us;
    // null when the call is hardly slower than an empty one (the difference is noise)
    row.mgas_per_s_net = net > 0.05 * s.median_us ? gas / net : null;
  }
  results.push(row);
  console.error(
    `${w.name.padEnd(22)} ` +
      (row.output_ok
        ? `${row.median_us.toFixed(1).padStart(10)} µs/call  ${row.mgas_per_s_raw
            .toFixed(1)
            .padStart(8)} Mgas/s raw  ${(row.mgas_per_s_net ?? NaN).toFixed(1).padStart(8)} ` +
          `Mgas/s net  (${row.calls} calls, overhead ${row.overhead_us.toFixed(1)} µs, ` +
          `gas check ${row.gas_check.verified ? "exact" : "see JSON"})`
        : `FAILED: ${row.error ?? "output differs"}`),
  );
}

const report = {
  tool: "hardhat",
  hardhat_version: versionOf("hardhat"),
  edr_version: versionOf("@nomicfoundation/edr"),
  client_version: await rpc("web3_clientVersion"),
  node_version: process.version,
  hardfork: "cancun",
  revision_of_workloads: input.revision,
  limits: { max_calls: maxCalls, max_seconds: maxSeconds, warmup_calls: warmupCalls },
  method:
    "eth_call through Hardhat's in-process JSON-RPC provider (hre.network.provider, EDR), one " +
    "request at a time, no socket. Each call includes JavaScript request handling, the N-API " +
    "crossing, EDR's call setup on the latest state and revm's execution. Gas is the execution " +
    "gas of one run (intrinsic gas excluded), the same bytecode and state as YaoVerse's " +
    "micro-benchmark. Times are medians per call; 'net' subtracts the median time of an empty " +
    "call (code STOP) measured just before the workload. Each workload runs on a fresh chain " +
    "(hardhat_reset). Hardhat 2's EDR provider records a per-step execution trace for every " +
    "call (for Solidity stack traces), which cannot be turned off from its configuration: " +
    "these are Hardhat-node numbers, not bare revm.",
  garbage_collection_between_workloads: typeof globalThis.gc === "function",
  overhead: overhead,
  workloads: results,
};
writeFileSync(outPath, JSON.stringify(report, null, 1) + "\n");
console.error(`compare.mjs: wrote ${outPath}`);
process.exit(results.every((r) => r.output_ok) ? 0 : 1);
