// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Small helpers shared by the suites.

/// Rejects with `what` if `promise` has not settled within `ms`.
export function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/// A promise plus its resolve function; `values` collects what was pushed, and `until(n)`
/// resolves once `n` values have arrived.
export function collector() {
    const values = [];
    const waiters = [];
    return {
        values,
        push(v) {
            values.push(v);
            for (const w of waiters.splice(0)) {
                if (values.length >= w.n) w.resolve(values.slice());
                else waiters.push(w);
            }
        },
        until(n, ms = 15_000) {
            if (values.length >= n) return Promise.resolve(values.slice());
            return withTimeout(new Promise((resolve) => waiters.push({ n, resolve })), ms,
                `${n} events (got ${values.length})`);
        },
    };
}

/// One JSON-RPC request or a batch over plain HTTP; returns the parsed response body as is.
export async function rawRpc(url, body) {
    const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
}

/// One JSON-RPC call with a time limit: its result; throws with the node's error message (or the
/// transport's) otherwise. Dependency-free: the benchmarks use it too.
export async function rpcCall(url, method, params = [], timeoutMs = 10_000) {
    const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
        signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.json();
    if (body.error) throw new Error(body.error.message ?? JSON.stringify(body.error));
    return body.result;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const gwei = (n) => BigInt(Math.round(n * 1e9));

/// Resolves once `condition()` holds, checking every 10 ms; rejects after `ms`.
export function waitUntil(condition, ms, what) {
    return withTimeout((async () => {
        while (!(await condition())) await sleep(10);
    })(), ms, what);
}

/// Options for every test: one that waits for something the node never does fails alone.
export const kEach = { timeout: 60_000 };
