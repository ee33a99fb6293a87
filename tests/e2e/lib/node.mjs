// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Starts the chain under test as a child process on a free loopback port and stops it again.
//   E2E_TARGET=yaoverse (default)  `yaoverse dev --in-memory --rpc-port 0`; the binary comes from
//                                  YAOVERSE_BIN (run.sh sets it) or build/release/yao/app/yaoverse
//   E2E_TARGET=hardhat             `hardhat node` from bench/hardhat (HARDHAT_DIR overrides), with
//                                  automining replaced by 20 ms interval mining like yaoverse dev
// E2E_NODE_ARGS adds options to the yaoverse command line (split on spaces).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..', '..');

export const kTarget = process.env.E2E_TARGET ?? 'yaoverse';
const kStartTimeoutMs = 30_000;
const kStopTimeoutMs = 5_000;

function freePort() {
    return new Promise((resolvePort, reject) => {
        const server = createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolvePort(port));
        });
    });
}

/// Spawns `command` and resolves with { child, host, port } once a stdout line matches `ready`
/// (a regex whose groups are host and port, or whose match alone means "up on fallbackPort").
function spawnUntilReady(command, args, options, ready, fallbackPort) {
    return new Promise((resolveStart, reject) => {
        const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        let settled = false;
        const fail = (why) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            child.kill('SIGKILL');
            reject(new Error(`${why}\n--- ${command} ${args.join(' ')} said:\n${output.slice(-4000)}`));
        };
        const timer = setTimeout(() => fail(`node not ready after ${kStartTimeoutMs} ms`), kStartTimeoutMs);
        const onData = (chunk) => {
            output += chunk.toString();
            if (settled) return;
            const m = output.match(ready);
            if (m) {
                settled = true;
                clearTimeout(timer);
                const host = m[2] ? m[1] : '127.0.0.1';
                const port = Number(m[2] ?? fallbackPort);
                resolveStart({ child, host, port, output: () => output });
            }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', (chunk) => {
            output += chunk.toString();
        });
        child.on('error', (e) => fail(`cannot start: ${e.message}`));
        child.on('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
    });
}

async function rawRpc(url, method, params = []) {
    const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const body = await res.json();
    if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.result;
}

async function startYaoverse() {
    const binary = process.env.YAOVERSE_BIN ?? join(repoRoot, 'build/release/yao/app/yaoverse');
    if (!existsSync(binary)) throw new Error(`yaoverse binary not found at ${binary} (set YAOVERSE_BIN)`);
    const extra = (process.env.E2E_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const args = ['dev', '--in-memory', '--rpc-port', '0', '--log-level', 'warn', ...extra];
    return spawnUntilReady(binary, args, {}, /Listening on (\S+?):(\d+)\s/);
}

async function startHardhat() {
    const dir = process.env.HARDHAT_DIR ?? join(repoRoot, 'bench/hardhat');
    const bin = join(dir, 'node_modules/.bin/hardhat');
    if (!existsSync(bin)) throw new Error(`hardhat not installed in ${dir} (npm ci there)`);
    const port = await freePort();
    const started = await spawnUntilReady(
        bin,
        ['node', '--hostname', '127.0.0.1', '--port', String(port)],
        { cwd: dir },
        /Started HTTP and WebSocket JSON-RPC server at/,
        port,
    );
    const url = `http://127.0.0.1:${port}`;
    await rawRpc(url, 'evm_setAutomine', [false]);
    await rawRpc(url, 'evm_setIntervalMining', [20]);
    return started;
}

/// A running chain: { target, url, wsUrl, stop() }.
export async function startNode() {
    let started;
    if (kTarget === 'yaoverse') started = await startYaoverse();
    else if (kTarget === 'hardhat') started = await startHardhat();
    else throw new Error(`E2E_TARGET must be yaoverse or hardhat, not ${kTarget}`);
    const { child, host, port } = started;
    const killOnExit = () => child.kill('SIGKILL');
    process.on('exit', killOnExit);
    let stopping = null;
    const stop = () => {
        stopping ??= new Promise((resolveStop) => {
            process.off('exit', killOnExit);
            if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
            const timer = setTimeout(() => child.kill('SIGKILL'), kStopTimeoutMs);
            child.once('exit', () => {
                clearTimeout(timer);
                resolveStop();
            });
            child.kill('SIGTERM');
        });
        return stopping;
    };
    // Output after startup is drained so a chatty node never blocks on a full pipe.
    child.stdout.resume();
    return {
        target: kTarget,
        url: `http://${host}:${port}`,
        wsUrl: `ws://${host}:${port}`,
        output: started.output,
        stop,
    };
}

/// Where Hardhat, the reference we validate the suites on, answers differently from geth; YaoVerse
/// must answer like geth.
export const kQuirks = kTarget === 'hardhat'
    ? {
        transferEstimate: 21001n, // Hardhat's estimator adds one unit of gas to a plain transfer
        insufficientFunds: /doesn't have enough funds/, // "Sender doesn't have enough funds to send tx"
        unknownMethodCode: -32004, // "Method x is not supported"
    }
    : {
        transferEstimate: 21000n,
        insufficientFunds: /^insufficient funds for gas \* price \+ value/,
        unknownMethodCode: -32601, // "the method x does not exist/is not available"
    };
