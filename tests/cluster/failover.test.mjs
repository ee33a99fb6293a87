// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Failure tests (docs/cluster.md, "Failover" and "Failure semantics"): a cluster of its own
// (deploy/local/cluster.sh: redis-server, mariadbd, two Chronos, two Vulcans, two Archives, two
// Portals) under a bounded load from a separate process (failover_load.mjs) through both
// Portals, while one process at a time is killed at a random moment: the Chronos leader
// (SIGKILL), a Vulcan, an Archive, a Portal, redis-server (restarted on its append-only file),
// mariadbd (restarted), and the leader paused with SIGSTOP past its lease, then resumed (a
// zombie that must be fenced). After each fault:
//   - the chain moves on: a WebSocket subscriber on the surviving Portal sees a new head;
//   - every transaction whose hash a Portal returned so far is committed exactly once, where its
//     receipt says;
//   - block numbers are contiguous from 0, each parent hash is the previous block's hash, and
//     no transaction hash appears twice;
// and at the end, with the load stopped, the state equals a sequential replay of the committed
// transfers (every sender's nonce and balance, every recipient's balance), both Portals answer
// the same head, and no process of the cluster exited.
// FAILOVER_SEED replays an order and timing; FAILOVER_MINUTES > 0 (make soak) keeps drawing
// random faults for that long instead of running each fault once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startNode } from '../e2e/lib/node.mjs';
import { kChainId, kDevAccounts, kInitialBalance } from '../e2e/lib/accounts.mjs';
import { rpcCall as rpc, sleep } from '../e2e/lib/util.mjs';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { ethers } = require('ethers');

const seed = Number(process.env.FAILOVER_SEED ?? Math.floor(Math.random() * 2 ** 31));
const soakMinutes = Number(process.env.FAILOVER_MINUTES ?? 0);
const kSenders = 6;
const kRatePerSender = 8;  // transactions per second each

/// mulberry32: a small seeded generator, so that a seed replays the same faults and moments.
function rng(a) {
    return () => {
        a |= 0;
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/// Retries `fn` until it returns a truthy value or `ms` pass.
async function eventually(fn, ms, what) {
    const end = Date.now() + ms;
    let last;
    while (Date.now() < end) {
        try {
            const v = await fn();
            if (v) return v;
        } catch (e) {
            last = e;
        }
        await sleep(200);
    }
    throw new Error(`${what} not within ${ms} ms${last ? `: ${last.message}` : ''}`);
}

test(`failover and crashes lose nothing (seed ${seed})`, { timeout: 1_800_000 + soakMinutes * 60_000 }, async (t) => {
    console.log(`failover: seed ${seed}${soakMinutes ? `, soak ${soakMinutes} min` : ''}`);
    const random = rng(seed);
    const c = await startNode();
    t.after(() => c.stop());
    const urls = [c.url, c.url2];

    // Heads on Portal 2, which is never killed: the subscriber must see the chain go on.
    const heads = [];
    const ws = new ethers.WebSocketProvider(c.wsUrl2, kChainId, { staticNetwork: true });
    t.after(() => ws.destroy());
    await ws.on('block', (n) => heads.push({ n, at: Date.now() }));
    const headAfter = (time) => heads.find((h) => h.at > time);

    const senders = kDevAccounts.slice(0, kSenders);
    const recipients = senders.map(() => ethers.Wallet.createRandom().address);
    const scratch = mkdtempSync(join(tmpdir(), 'yao-failover-'));
    t.after(() => rmSync(scratch, { recursive: true, force: true }));
    const acceptedFile = join(scratch, 'accepted.jsonl');
    const load = fork(fileURLToPath(new URL('./failover_load.mjs', import.meta.url)), [
        JSON.stringify({
            urls,
            keys: senders.map((s) => s.key),
            recipients,
            chainId: kChainId,
            rate: kRatePerSender,
            count: 100_000,
            seconds: 600 + soakMinutes * 60,
            acceptedFile,
        }),
    ], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let loadOut = '';
    load.stdout.on('data', (d) => (loadOut += d));
    const loadDone = new Promise((resolve) => load.on('exit', resolve));
    t.after(() => load.kill('SIGKILL'));
    await eventually(async () => Number(await rpc(c.url2, 'eth_blockNumber')) >= 3, 30_000, 'the first blocks');

    // ---- The checks after every fault ---------------------------------------------------------
    const where = new Map();  // tx hash -> block number, over every block checked so far
    const perSender = new Map(senders.map((s) => [s.address.toLowerCase(), { count: 0, spent: 0n }]));
    const received = new Map(recipients.map((r) => [r.toLowerCase(), 0n]));
    let parent = null;
    let checkedUpTo = -1;
    /// Blocks checkedUpTo+1 .. head: contiguous, chained, no transaction twice.
    const checkChain = async () => {
        const head = Number(await rpc(c.url2, 'eth_blockNumber'));
        for (let n = checkedUpTo + 1; n <= head; ++n) {
            const b = await rpc(c.url2, 'eth_getBlockByNumber', [`0x${n.toString(16)}`, true]);
            assert.ok(b, `block ${n} is missing below head ${head}`);
            assert.equal(Number(b.number), n);
            if (parent) assert.equal(b.parentHash, parent, `block ${n} does not chain to ${n - 1}`);
            parent = b.hash;
            for (const tx of b.transactions) {
                assert.ok(!where.has(tx.hash), `${tx.hash} is in blocks ${where.get(tx.hash)} and ${n}`);
                where.set(tx.hash, n);
                const p = perSender.get(tx.from.toLowerCase());
                if (!p) continue;
                p.count += 1;
                p.spent += BigInt(tx.value);
                const to = tx.to?.toLowerCase();
                if (to) received.set(to, (received.get(to) ?? 0n) + BigInt(tx.value));
            }
            checkedUpTo = n;
        }
        return head;
    };
    const verified = new Map();  // hash -> {block, gasCost}
    /// Every transaction accepted so far has its receipt (within a minute), exactly once in the
    /// chain, in the block its receipt names.
    const checkAccepted = async (what) => {
        let text = '';
        try {
            text = readFileSync(acceptedFile, 'utf8');
        } catch {}  // nothing accepted yet
        const lines = text.trim().split('\n').filter(Boolean);
        const pending = lines.map((l) => JSON.parse(l)).filter((a) => !verified.has(a.hash));
        await eventually(async () => {
            for (const a of pending) {
                if (verified.has(a.hash)) continue;
                const r = await rpc(c.url2, 'eth_getTransactionReceipt', [a.hash]);
                if (!r) return false;
                assert.equal(r.status, '0x1', `${a.hash} failed`);
                verified.set(a.hash, { block: Number(r.blockNumber), gasCost: BigInt(r.gasUsed) * BigInt(r.effectiveGasPrice) });
            }
            return true;
        }, 60_000, `a receipt for every transaction accepted before ${what}`);
        await checkChain();
        for (const a of pending) {
            assert.equal(where.get(a.hash), verified.get(a.hash).block, `${a.hash} (nonce ${a.nonce}) not where its receipt says`);
        }
        return pending.length;
    };

    // ---- Faults ---------------------------------------------------------------------------
    const figures = [];
    /// After a fault: a new block is committed (the subscriber sees it) within `ms`.
    const moves = async (since, what, ms = 30_000) => {
        const h = await eventually(() => headAfter(since), ms, `a new head after ${what}`);
        return h.at - since;
    };
    const killRestart = async (name, downMs) => {
        const t0 = Date.now();
        c.kill(name);
        await sleep(downMs);
        await c.restart(name);
        figures.push(`${name} killed and restarted: next head ${await moves(t0, name)} ms after the kill`);
    };
    /// The new leader, once the lease names another Chronos than `old`; with the time it took.
    const takeover = async (old, t0) => {
        const next = await eventually(async () => {
            const l = await c.leader();
            return l && l !== old ? l : null;
        }, 20_000, 'a new leader');
        const tookMs = Date.now() - t0;
        const headMs = await moves(t0 + tookMs, 'the takeover');
        return { next, text: `${next} holds the lease ${tookMs} ms after, its first head ${headMs} ms later` };
    };
    const faults = {
        'chronos leader SIGKILL': async () => {
            const leader = await c.leader();
            assert.match(leader, /^chronos-\d$/);
            const t0 = Date.now();
            c.kill(leader);
            const { text } = await takeover(leader, t0);
            figures.push(`leader ${leader} killed: ${text}`);
            await c.restart(leader);  // back as a follower
        },
        'chronos leader SIGSTOP past its lease': async () => {
            const leader = await c.leader();
            const t0 = Date.now();
            c.signal(leader, 'STOP');
            let next;
            try {
                const t = await takeover(leader, t0);
                next = t.next;
                figures.push(`leader ${leader} paused: ${t.text}`);
                await sleep(1000);
            } finally {
                c.signal(leader, 'CONT');
            }
            // The zombie wakes up, finds its term over, and stays a follower: its proposals, if
            // it made any before noticing, carry the old epoch and are refused downstream.
            await eventually(() => /leadership ended/.test(c.log(leader)), 15_000, `${leader} stepping down`);
            assert.equal(await c.leader(), next, 'the resumed process did not take the lease back');
            await moves(Date.now(), 'the zombie resumed');
        },
        'vulcan SIGKILL': () => killRestart(`vulcan-${1 + Math.floor(random() * 2)}`, 1000),
        'archive SIGKILL': () => killRestart(`archive-${1 + Math.floor(random() * 2)}`, 1000),
        'portal SIGKILL': () => killRestart('portal-1', 1000),
        'redis-server SIGKILL, restarted on its append-only file': () => killRestart('redis', 300),
        'mariadbd SIGKILL, restarted': () => killRestart('mariadb', 300),
    };
    const names = Object.keys(faults);
    const plan = [];
    if (soakMinutes > 0) {
        const end = Date.now() + soakMinutes * 60_000;
        while (Date.now() < end) {
            const name = names[Math.floor(random() * names.length)];
            await sleep(1000 + random() * 4000);
            console.log(`failover: ${name}`);
            await faults[name]();
            plan.push(name);
            await checkAccepted(`after ${name}`);
        }
    } else {
        const order = [...names].sort(() => random() - 0.5);
        for (const name of order) {
            await sleep(500 + random() * 2500);  // a random moment in the load
            console.log(`failover: ${name}`);
            await faults[name]();
            plan.push(name);
            const n = await checkAccepted(`after ${name}`);
            console.log(`failover: after ${name}: ${n} more accepted transactions committed once each, blocks 0..${checkedUpTo} chained`);
        }
    }
    await sleep(2000);
    load.send('stop');
    await loadDone;
    const result = JSON.parse(loadOut.trim().split('\n').pop());
    console.log(`failover: ${plan.length} faults; ${figures.join('; ')}`);
    console.log(`failover: load ${JSON.stringify(result.answered)}, submission errors ${JSON.stringify(result.errors)}`);
    assert.ok(result.accepted.length > 100, `only ${result.accepted.length} transactions accepted`);

    // ---- At the end ------------------------------------------------------------------------
    await checkAccepted('the end');
    const head = await checkChain();
    assert.equal(verified.size, result.accepted.length, 'the accepted file and the load disagree');
    for (const a of result.accepted) a.gasCost = verified.get(a.hash).gasCost;
    // Sequential replay of the transfers: nonces and balances follow from the blocks alone.
    for (const [i, s] of senders.entries()) {
        const mine = result.accepted.filter((a) => a.from === s.address);
        const p = perSender.get(s.address.toLowerCase());
        assert.equal(p.count, mine.length, `${s.address}: ${p.count} committed, ${mine.length} accepted`);
        assert.equal(Number(await rpc(c.url2, 'eth_getTransactionCount', [s.address, 'latest'])), p.count);
        const gas = mine.reduce((sum, a) => sum + a.gasCost, 0n);
        assert.equal(BigInt(await rpc(c.url2, 'eth_getBalance', [s.address, 'latest'])), kInitialBalance - p.spent - gas,
            `${s.address}: balance`);
        const r = recipients[i];
        assert.equal(BigInt(await rpc(c.url2, 'eth_getBalance', [r, 'latest'])), received.get(r.toLowerCase()), `${r}: balance`);
    }
    // Both Portals answer the same chain.
    const lastOn1 = await rpc(c.url, 'eth_getBlockByNumber', [`0x${head.toString(16)}`, false]);
    assert.equal(lastOn1.hash, parent);
    // The subscriber saw heads after the last fault.
    assert.ok(heads.length > 0 && heads[heads.length - 1].n >= head - 1, 'the WebSocket subscriber fell behind');
    // No process gave up on the way (an Archive that halts exits, and the others carry on).
    const { execFileSync } = await import('node:child_process');
    const status = execFileSync(fileURLToPath(new URL('../../deploy/local/cluster.sh', import.meta.url)), ['status', c.dir]).toString();
    assert.doesNotMatch(status, / gone$/m, `a process of the cluster exited:\n${status}`);
    console.log(`failover: ${result.accepted.length} transactions in ${head} blocks checked`);
});
