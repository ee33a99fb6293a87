// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Starts the chain under test as a child process on a free loopback port and stops it again.
//   E2E_TARGET=yaoverse (default)  `yaoverse dev --in-memory --rpc-port 0`; the binary comes from
//                                  YAOVERSE_BIN (run.sh sets it) or build/release/yao/app/yaoverse
//   E2E_TARGET=hardhat             `hardhat node` from bench/hardhat (HARDHAT_DIR overrides), with
//                                  automining replaced by 20 ms interval mining like yaoverse dev
//   E2E_TARGET=anvil               Foundry's `anvil` (ANVIL_BIN, else the binary of the
//                                  @foundry-rs/anvil-linux-amd64 package in tests/tools), the same
//                                  mnemonic and chain id, automining
//   E2E_TARGET=cluster             a cluster (deploy/local/cluster.sh up in a temporary directory:
//                                  redis-server, mariadbd, Chronos, two Vulcans, two Archives, two
//                                  Portals); the suite talks to the first Portal, `url2` is the second
// E2E_NODE_ARGS adds options to the yaoverse command line (split on spaces).
import { appendFileSync } from 'node:fs';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
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
            if (process.env.E2E_NODE_LOG) appendFileSync(`${process.env.E2E_NODE_LOG}.${child.pid}`, chunk);
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

async function startYaoverse(args_ = []) {
    const binary = process.env.YAOVERSE_BIN ?? join(repoRoot, 'build/release/yao/app/yaoverse');
    if (!existsSync(binary)) throw new Error(`yaoverse binary not found at ${binary} (set YAOVERSE_BIN)`);
    const extra = (process.env.E2E_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const args = ['dev', '--in-memory', '--rpc-port', '0', ...(extra.includes('--log-level') ? [] : ['--log-level', 'warn']), ...extra, ...args_];
    return spawnUntilReady(binary, args, {}, /Listening on (\S+?):(\d+)\s/);
}

async function startAnvil() {
    const binary = process.env.ANVIL_BIN ??
        join(repoRoot, 'tests/tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil');
    if (!existsSync(binary)) throw new Error(`anvil not found at ${binary} (set ANVIL_BIN)`);
    const port = await freePort();
    return spawnUntilReady(binary, ['--host', '127.0.0.1', '--port', String(port), '--chain-id', '31337'],
        {}, /Listening on 127\.0\.0\.1:\d+/, port);
}

async function startHardhat() {
    const dir = process.env.HARDHAT_DIR ?? join(repoRoot, 'bench/hardhat');
    const bin = join(dir, 'node_modules/.bin/hardhat');
    if (!existsSync(bin)) throw new Error(`hardhat not installed in ${dir} (npm ci there)`);
    const port = await freePort();
    // HARDHAT_CONFIG: a project whose config is not at its root (tests/tools).
    const config = process.env.HARDHAT_CONFIG ? ['--config', process.env.HARDHAT_CONFIG] : [];
    const started = await spawnUntilReady(
        bin,
        [...config, 'node', '--hostname', '127.0.0.1', '--port', String(port)],
        { cwd: dir },
        /Started HTTP and WebSocket JSON-RPC server at/,
        port,
    );
    const url = `http://127.0.0.1:${port}`;
    await rawRpc(url, 'evm_setAutomine', [false]);
    await rawRpc(url, 'evm_setIntervalMining', [20]);
    return started;
}

/// A cluster of its own for one suite; stopped (exactly its processes) and removed by stop().
async function startCluster() {
    const script = join(repoRoot, 'deploy/local/cluster.sh');
    const dir = mkdtempSync(join(tmpdir(), 'yao-e2e-cluster-'));
    const env = { ...process.env };
    if (process.env.YAOVERSE_BIN) env.YAOVERSE = process.env.YAOVERSE_BIN;
    const run = promisify(execFile);
    const down = async () => {
        await run(script, ['down', dir], { env, timeout: 60_000 }).catch(() => {});
        // E2E_KEEP_CLUSTER=1 keeps the directory (logs) for a look after a failure.
        if (process.env.E2E_KEEP_CLUSTER === '1') console.log(`cluster kept in ${dir}`);
        else rmSync(dir, { recursive: true, force: true });
    };
    try {
        await run(script, ['up', dir], { env, timeout: 120_000 });
    } catch (e) {
        await down();
        throw new Error(`cluster.sh up failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
    const urls = readFileSync(join(dir, 'urls'), 'utf8').trim().split('\n');
    process.on('exit', () => {
        // Last resort (a crashed runner): SIGKILL what the cluster started.
        try {
            for (const name of readFileSync(join(dir, 'started'), 'utf8').trim().split('\n'))
                process.kill(Number(readFileSync(join(dir, 'pids', `${name}.pid`), 'utf8')), 'SIGKILL');
        } catch {}
    });
    let stopping = null;
    return {
        target: 'cluster',
        url: urls[0],
        wsUrl: urls[0].replace('http://', 'ws://'),
        url2: urls[1],
        wsUrl2: urls[1]?.replace('http://', 'ws://'),
        output: () => readFileSync(join(dir, 'logs', 'portal-1.log'), 'utf8'),
        /// SIGKILLs one process of the cluster by its name ("archive-1", "vulcan-2", "portal-2").
        kill: (name) => {
            try {
                process.kill(Number(readFileSync(join(dir, 'pids', `${name}.pid`), 'utf8')), 'SIGKILL');
            } catch (e) {
                if (e.code !== 'ESRCH') throw e;
                const log = readFileSync(join(dir, 'logs', `${name}.log`), 'utf8').split('\n').slice(-15).join('\n');
                throw new Error(`${name} was not running: it exited on its own; the end of its log:\n${log}`);
            }
        },
        /// SIGKILLs one process if it runs and starts it again as cluster.sh up did; resolves once
        /// it is ready.
        restart: (name) => run(script, ['restart', dir, name], { env, timeout: 90_000 }),
        /// Sends a signal ("STOP", "CONT", "KILL", ...) to one process of the cluster.
        signal: (name, sig) => process.kill(Number(readFileSync(join(dir, 'pids', `${name}.pid`), 'utf8')), `SIG${sig}`),
        /// The name of the Chronos holding the sequencer lease ('' when none does).
        leader: async () => (await run(script, ['leader', dir], { env, timeout: 20_000 })).stdout.trim(),
        /// The log of one process (the current one: a restart moves the previous one aside).
        log: (name) => readFileSync(join(dir, 'logs', `${name}.log`), 'utf8'),
        dir,
        stop: () => (stopping ??= down()),
    };
}

/// A running chain: { target, url, wsUrl, stop() } (a cluster adds url2 and wsUrl2: its second
/// Portal). `devArgs`: more options for `yaoverse dev` (the yaoverse target only).
export async function startNode(devArgs = []) {
    if (kTarget === 'cluster') return startCluster();
    let started;
    if (kTarget === 'yaoverse') started = await startYaoverse(devArgs);
    else if (kTarget === 'hardhat') started = await startHardhat();
    else if (kTarget === 'anvil') started = await startAnvil();
    else throw new Error(`E2E_TARGET must be yaoverse, cluster, hardhat or anvil, not ${kTarget}`);
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
