// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Sequencer failover under load, measured (make bench; docs/cluster.md "Failover"):
//   node bench/cluster/failover.mjs YAOVERSE_BINARY
// Starts a cluster (deploy/local/cluster.sh: two Chronos, two Vulcans, two Archives, two
// Portals, redis-server, mariadbd) in a temporary directory, keeps a steady load of transfers
// (eth_sendTransaction from the dev accounts, one request in flight per sender, alternating
// Portals), SIGKILLs the Chronos leader after FAILOVER_WARMUP_S seconds, and reports:
//   - when another Chronos holds the lease, and when the first transaction sent after the kill
//     has a receipt (leader killed -> next committed block; each sender watches its first one);
//   - committed transactions per second in 1 s windows around the kill (the dip);
//   - the Archives' re-executions per block and the Vulcans' speculation, from their stats at
//     shutdown.
// Prints one JSON object per line; bounded: FAILOVER_WARMUP_S (10) + FAILOVER_AFTER_S (15)
// seconds of load. Needs only Node >= 18 (fetch); no packages.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The shared, dependency-free JSON-RPC helper of the end-to-end tests.
import { rpcCall as rpc, sleep } from '../../tests/e2e/lib/util.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = join(root, 'deploy/local/cluster.sh');
const binary = process.argv[2];
const warmupS = Number(process.env.FAILOVER_WARMUP_S ?? 10);
const afterS = Number(process.env.FAILOVER_AFTER_S ?? 15);
const kSenders = 8;
// The first dev accounts of the default mnemonic (every chain funds them at genesis).
const kAccounts = [
    '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
    '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65', '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
    '0x976EA74026E726554dB657fA54763abd0C3a0aa9', '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
];
const emit = (o) => process.stdout.write(JSON.stringify(o) + '\n');

const dir = mkdtempSync(join(tmpdir(), 'yao-bench-failover-'));
const env = { ...process.env, YAOVERSE: binary };
const cluster = (...args) => execFileSync(script, [...args], { env, timeout: 300_000 }).toString();
let up = false;
const down = () => {
    if (!up) return;
    up = false;
    try {
        cluster('down', dir);
    } catch {}
};
process.on('exit', () => {
    down();
    rmSync(dir, { recursive: true, force: true });
});
process.on('SIGTERM', () => process.exit(143));

try {
    cluster('up', dir);
    up = true;
} catch (e) {
    emit({ kind: 'failed', reason: `deploy/local/cluster.sh up failed: ${String(e.message).slice(0, 200)}` });
    process.exit(1);
}
const urls = readFileSync(join(dir, 'urls'), 'utf8').trim().split('\n');
const leader = () => cluster('leader', dir).trim();
const kill = (name) => process.kill(Number(readFileSync(join(dir, 'pids', `${name}.pid`), 'utf8')), 'SIGKILL');

// ---- Load: one eth_sendTransaction in flight per sender --------------------------------------
const submitted = new Map();  // hash -> submit time (ms)
let errors = 0;
let stopping = false;
let t0 = Infinity;  // the kill
const committedAfterKill = [];  // per sender: its first transaction sent after the kill, committed
async function sender(i) {
    let watched = false;
    for (let n = 0; !stopping; ++n) {
        const t = Date.now();
        try {
            const hash = await rpc(urls[(i + n) % urls.length], 'eth_sendTransaction', [{
                from: kAccounts[i], to: '0x000000000000000000000000000000000000dEaD', value: '0x1',
            }]);
            submitted.set(hash, t);
            if (t > t0 && !watched) {
                // End to end, without the block follower's lag: when its receipt appears.
                watched = true;
                for (const end = Date.now() + 30_000; Date.now() < end; await sleep(10)) {
                    const r = await rpc(urls[1], 'eth_getTransactionReceipt', [hash]).catch(() => null);
                    if (r) {
                        committedAfterKill.push({ sent: t - t0, committed: Date.now() - t0 });
                        break;
                    }
                }
            }
        } catch {
            ++errors;
            await sleep(50);
        }
    }
}

// ---- Commits: every block as it comes (Portal 2), with its transactions ------------------------
const blocks = [];  // {n, at, hashes}
let next = Number(await rpc(urls[1], 'eth_blockNumber')) + 1;
async function follow() {
    while (!stopping || blocks.length === 0) {
        try {
            const b = await rpc(urls[1], 'eth_getBlockByNumber', [`0x${next.toString(16)}`, false]);
            if (b) {
                blocks.push({ n: next, at: Date.now(), hashes: b.transactions });
                ++next;
                continue;
            }
        } catch {}
        await sleep(20);
    }
}

const senders = kAccounts.slice(0, kSenders).map((_, i) => sender(i));
const follower = follow();
await sleep(warmupS * 1000);
const old = leader();
t0 = Date.now();
kill(old);
let leaseAt = null;
let newLeader = '';
while (Date.now() - t0 < afterS * 1000) {
    if (!leaseAt) {
        const l = leader();
        if (l && l !== old) {
            leaseAt = Date.now();
            newLeader = l;
        }
    }
    await sleep(leaseAt ? 500 : 50);
}
stopping = true;
await Promise.all(senders);
await Promise.race([follower, sleep(5000)]);

// ---- Figures ---------------------------------------------------------------------------------
const firstAfter = committedAfterKill.length
    ? Math.min(...committedAfterKill.map((c) => c.committed)) : null;
const windows = [];
for (let s = -5; s < afterS; ++s) {
    const from = t0 + s * 1000;
    const txs = blocks.filter((b) => b.at >= from && b.at < from + 1000).reduce((a, b) => a + b.hashes.length, 0);
    windows.push({ second: s, txs });
}
const before = windows.filter((w) => w.second < 0);
const beforeRate = before.reduce((a, w) => a + w.txs, 0) / before.length;
const recovered = windows.find((w) => w.second >= 0 && leaseAt && w.second * 1000 >= leaseAt - t0 && w.txs >= 0.8 * beforeRate);
down();
const stats = (name, what) => {
    try {
        const line = readFileSync(join(dir, 'logs', `${name}.log`), 'utf8').split('\n').reverse().find((l) => l.includes(what));
        return Object.fromEntries([...line.matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
    } catch {
        return null;
    }
};
const archives = ['archive-1', 'archive-2'].map((n) => stats(n, 'commit stats')).filter(Boolean);
const vulcans = ['vulcan-1', 'vulcan-2'].map((n) => stats(n, 'execution stats')).filter(Boolean);
const sum = (list, k) => list.reduce((a, x) => a + (x[k] ?? 0), 0);
emit({
    kind: 'failover',
    senders: kSenders,
    warmup_s: warmupS,
    killed: old,
    new_leader: newLeader,
    lease_taken_ms: leaseAt ? leaseAt - t0 : null,
    first_block_after_kill_ms: firstAfter,
    after_kill: committedAfterKill,
    committed_per_s_before: beforeRate,
    windows,
    recovered_80pct_after_s: recovered ? recovered.second + 1 : null,
    submitted: submitted.size,
    submission_errors: errors,
    blocks: sum(archives, 'blocks'),
    reexecuted: sum(archives, 'reexecuted'),
    fenced_results: sum(archives, 'fenced'),
    vulcan_blocks: sum(vulcans, 'blocks'),
    vulcan_speculative: sum(vulcans, 'speculative'),
    vulcan_fenced: sum(vulcans, 'fenced'),
    load_average: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3),
});
process.exit(0);
