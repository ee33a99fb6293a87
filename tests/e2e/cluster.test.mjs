// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// What only a cluster has: two Portals over the same chain. Subscriptions on one Portal see the
// blocks and logs of transactions sent through the other, and both answer the same state. Then
// processes die (SIGKILL): a Vulcan and an Archive while transactions stream in, then a Portal;
// nothing acknowledged is lost, blocks stay contiguous, the survivors carry on.
// Runs with E2E_TARGET=cluster (run.sh adds this suite then).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Contract, ContractFactory, JsonRpcProvider, Wallet, WebSocketProvider } from 'ethers';

import { kChainId, kDevAccounts } from './lib/accounts.mjs';
import { loadArtifacts } from './lib/compile.mjs';
import { startNode } from './lib/node.mjs';
import { collector, kEach, rawRpc, waitUntil } from './lib/util.mjs';

/// The result of one JSON-RPC call over HTTP (a failure throws).
async function result(url, method, params) {
    const { body } = await rawRpc(url, { jsonrpc: '2.0', id: 1, method, params });
    if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.result;
}

const art = loadArtifacts();
const kProviderOptions = { staticNetwork: true, pollingInterval: 20, cacheTimeout: -1 };

let node;
let first;   // JSON-RPC over HTTP to Portal 1
let second;  // JSON-RPC over HTTP to Portal 2
let ws2;     // WebSocket to Portal 2
let wallet;  // a dev account, sending through Portal 1

before(async () => {
    node = await startNode();
    assert.equal(node.target, 'cluster', 'this suite needs E2E_TARGET=cluster');
    first = new JsonRpcProvider(node.url, kChainId, kProviderOptions);
    second = new JsonRpcProvider(node.url2, kChainId, kProviderOptions);
    ws2 = new WebSocketProvider(node.wsUrl2, kChainId, { staticNetwork: true });
    wallet = new Wallet(kDevAccounts[1].key, first);
});

after(async () => {
    await ws2?.destroy().catch(() => {});
    first?.destroy();
    second?.destroy();
    await node?.stop();
});

describe('cluster: two Portals', () => {
    test('a transfer sent through one Portal is seen through the other, with the same block', kEach, async () => {
        const to = Wallet.createRandom().address;
        const tx = await wallet.sendTransaction({ to, value: 12345n });
        const receipt = await tx.wait();
        assert.equal(receipt.status, 1);
        await waitUntil(async () => (await second.getBlockNumber()) >= receipt.blockNumber, 10_000,
            'Portal 2 reaches the block');
        assert.equal(await second.getBalance(to), 12345n);
        const other = await second.getTransactionReceipt(tx.hash);
        assert.equal(other.blockHash, receipt.blockHash);
        const b1 = await first.getBlock(receipt.blockNumber);
        const b2 = await second.getBlock(receipt.blockNumber);
        assert.equal(b2.hash, b1.hash);
        assert.equal(b2.parentHash, b1.parentHash);
    });

    test('newHeads and logs subscriptions on Portal 2 see what Portal 1 sends', kEach, async () => {
        const factory = new ContractFactory(art.Events.abi, art.Events.bytecode, wallet);
        const events = await factory.deploy();
        await events.waitForDeployment();
        const address = await events.getAddress();

        const heads = collector();
        await ws2.on('block', (n) => heads.push(n));
        const logs = collector();
        const watched = new Contract(address, art.Events.abi, ws2);
        await watched.on('Stored', (by, key, value) => logs.push({ by, key, value }));

        const receipts = [];
        for (let i = 1n; i <= 3n; ++i) {
            const tx = await events.store(i, i * 100n);
            receipts.push(await tx.wait());
        }
        const got = await logs.until(3);
        assert.deepEqual(got.map((l) => [l.by, l.key, l.value]),
            [1n, 2n, 3n].map((i) => [wallet.address, i, i * 100n]));
        const last = receipts.at(-1).blockNumber;
        await waitUntil(() => heads.values.some((n) => n >= last), 10_000, 'newHeads reach the last block');
        await watched.removeAllListeners();
        await ws2.removeAllListeners();
    });

    test('both Portals answer the same pending and latest nonces', kEach, async () => {
        const nonce1 = await first.getTransactionCount(wallet.address, 'pending');
        const nonce2 = await second.getTransactionCount(wallet.address, 'pending');
        assert.equal(nonce2, nonce1);
        const latest1 = await first.getTransactionCount(wallet.address, 'latest');
        await waitUntil(async () => (await second.getTransactionCount(wallet.address, 'latest')) === latest1,
            10_000, 'Portal 2 has the same nonce');
    });

    test('a Vulcan and an Archive SIGKILLed mid-stream: every transaction commits once, blocks chain', kEach, async () => {
        const sender = new Wallet(kDevAccounts[2].key, first);
        const to = Wallet.createRandom().address;
        let nonce = await first.getTransactionCount(sender.address, 'pending');
        const hashes = [];
        const send = async (n) => {
            for (let i = 0; i < n; ++i) {
                const tx = await sender.sendTransaction({ to, value: 1000n + BigInt(hashes.length), nonce: nonce++, gasLimit: 21000n });
                hashes.push(tx.hash);
            }
        };
        await send(15);
        node.kill('vulcan-1');
        await send(15);
        node.kill('archive-1');
        await send(15);
        // Every acknowledged hash gets a receipt, through either Portal (a dead process's messages
        // go to the survivors after bus.redelivery_ms).
        const receipts = [];
        for (const h of hashes) {
            let r = null;
            await waitUntil(async () => (r = await second.getTransactionReceipt(h)) !== null, 30_000, `receipt of ${h}`);
            assert.equal(r.status, 1);
            receipts.push(r);
        }
        const expected = hashes.reduce((sum, _, i) => sum + 1000n + BigInt(i), 0n);
        assert.equal(await second.getBalance(to), expected);
        assert.equal(await second.getTransactionCount(sender.address, 'latest'), nonce);
        // Block numbers contiguous, parent hashes chained, each transaction in exactly one block.
        const head = await second.getBlockNumber();
        let parent = (await second.getBlock(0)).hash;
        const seen = new Set();
        for (let n = 1; n <= head; ++n) {
            const b = await second.getBlock(n);
            assert.ok(b, `block ${n} exists`);
            assert.equal(b.parentHash, parent, `block ${n} chains to block ${n - 1}`);
            parent = b.hash;
            for (const h of b.transactions) {
                assert.ok(!seen.has(h), `${h} included twice`);
                seen.add(h);
            }
        }
        for (const h of hashes) assert.ok(seen.has(h), `${h} in a block`);
    });

    test('the Chronos SIGKILLed and restarted: what its pool held when it died is not lost', kEach, async () => {
        // Transactions behind a nonce gap wait in the pool (queued), so they are still there,
        // acknowledged with a hash but in no block, when the Chronos dies.
        const sender = new Wallet(kDevAccounts[3].key, first);
        const to = Wallet.createRandom().address;
        const base = await first.getTransactionCount(sender.address, 'pending');
        const waiting = [];
        for (let k = 1; k <= 5; ++k) {
            const tx = await sender.sendTransaction({ to, value: BigInt(k), nonce: base + k, gasLimit: 21000n });
            waiting.push(tx.hash);
        }
        await node.restart('chronos-1');
        // The new Chronos gets the dead one's journal entries again (after bus.redelivery_ms)
        // and holds the transactions once more.
        await waitUntil(async () => {
            try {
                for (const h of waiting) {
                    if ((await result(node.url, 'eth_getTransactionByHash', [h])) === null) return false;
                }
                return true;
            } catch {
                return false;  // the Portal has not reached the new Chronos yet
            }
        }, 30_000, 'the restarted Chronos holds the queued transactions again');
        const gap = await sender.sendTransaction({ to, value: 100n, nonce: base, gasLimit: 21000n });
        for (const h of [gap.hash, ...waiting]) {
            let r = null;
            await waitUntil(async () => (r = await first.getTransactionReceipt(h)) !== null, 30_000, `receipt of ${h}`);
            assert.equal(r.status, 1);
        }
        assert.equal(await first.getBalance(to), 115n);
    });

    test('a Portal SIGKILLed: the other keeps taking transactions', kEach, async () => {
        node.kill('portal-2');
        const to = Wallet.createRandom().address;
        const tx = await wallet.sendTransaction({ to, value: 777n });
        const receipt = await tx.wait();
        assert.equal(receipt.status, 1);
        assert.equal(await first.getBalance(to), 777n);
    });
});
