// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The development helpers through the clients that use them (docs/rpc.md "Development helpers"):
// `cast rpc` calls each anvil_* / evm_* helper and cast reads the effect back (balance, nonce,
// code, storage, send --unlocked, block); `hardhat run` runs hardhat/scripts/helpers.js, which uses
// every function of Hardhat's network helpers (setBalance ... loadFixture, reset). Each value is
// checked against the node through ethers directly, and the tools talk to the node through a
// recorder that fails the suite on any JSON-RPC error they did not ask for.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonRpcProvider, Network, getAddress } from 'ethers';
import { startNode } from '../e2e/lib/node.mjs';
import { kChainId, kDevAccounts, kInitialBalance } from '../e2e/lib/accounts.mjs';
import { kEach } from '../e2e/lib/util.mjs';
import { describeCall, startRecorder } from './lib/recorder.mjs';
import { kCast, kHardhat, kProviderOptions, run, toolsDir } from './lib/tools.mjs';

const kX = '0x1111111111111111111111111111111111111111';
const kY = '0x2222222222222222222222222222222222222222';
const kZ = '0x3333333333333333333333333333333333333333';
const kW = '0x4444444444444444444444444444444444444444';
const kSlotValue = `0x${'00'.repeat(31)}2a`;
// Hardhat's network helpers refuse a node whose client version does not start with this.
const kClientVersion = 'anvil-compatible/YaoVerse';

let node;
let recorder;
let provider;
let dir;

const cast = (args) => {
    recorder.step = `cast ${args[0]} ${args[1] ?? ''}`.trim();
    return run(kCast, [...args, '--rpc-url', recorder.url], { env: { HOME: dir } });
};
const castRpc = async (...args) => JSON.parse(await cast(['rpc', ...args]));

before(async () => {
    node = await startNode(['--client-version', kClientVersion]);
    recorder = await startRecorder(node.url);
    provider = new JsonRpcProvider(node.url, Network.from(kChainId), kProviderOptions);
    dir = mkdtempSync(join(tmpdir(), 'yao-tools-devhelpers-'));
});

after(async () => {
    provider?.destroy();
    await recorder?.close();
    await node?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
});

test('cast rpc sets balance, nonce, code and storage, and cast reads them back', kEach, async () => {
    const start = await provider.getBlockNumber();
    assert.equal(await castRpc('anvil_setBalance', kX, '0x1234'), null);
    assert.equal(await cast(['balance', kX]), '4660');
    assert.equal(await castRpc('anvil_setNonce', kX, '0x7'), null);
    assert.equal(await cast(['nonce', kX]), '7');
    assert.equal(await castRpc('anvil_setCode', kX, '0x6001600055'), null);
    assert.equal(await cast(['code', kX]), '0x6001600055');
    assert.equal(await castRpc('anvil_setStorageAt', kX, '0x1', kSlotValue), true);
    assert.equal(await cast(['storage', kX, '1']), kSlotValue);
    // One block per write, each carrying its patch.
    assert.equal(await provider.getBlockNumber(), start + 4);
    assert.equal((await provider.getBlock('latest')).extraData.length, 66);
    assert.equal(await provider.getBalance(kX), 0x1234n);
});

test('cast send --unlocked sends for an impersonated account', kEach, async () => {
    assert.equal(await castRpc('anvil_setBalance', kY, '0xde0b6b3a7640000'), null);
    assert.equal(await castRpc('anvil_impersonateAccount', kY), null);
    const receipt = JSON.parse(await cast(['send', '--unlocked', '--from', kY, kZ, '--value', '1000', '--json']));
    assert.equal(receipt.status, '0x1');
    assert.equal(getAddress(receipt.from), getAddress(kY));
    assert.equal(await provider.getBalance(kZ), 1000n);
    assert.equal(await castRpc('anvil_stopImpersonatingAccount', kY), null);
    await assert.rejects(cast(['send', '--unlocked', '--from', kY, kZ, '--value', '1']), /unknown account/);

    // anvil_autoImpersonateAccount: every address sends without its key until it is turned off.
    assert.equal(await castRpc('anvil_autoImpersonateAccount', true), null);
    const auto = JSON.parse(await cast(['send', '--unlocked', '--from', kY, kZ, '--value', '7', '--json']));
    assert.equal(auto.status, '0x1');
    assert.equal(getAddress(auto.from), getAddress(kY));
    assert.equal(await provider.getBalance(kZ), 1007n);
    assert.equal(await castRpc('anvil_autoImpersonateAccount', false), null);
    await assert.rejects(cast(['send', '--unlocked', '--from', kY, kZ, '--value', '1']), /unknown account/);
});

test('cast rpc evm_snapshot / evm_revert, anvil_mine, setCoinbase and nodeInfo', kEach, async () => {
    const dev0 = kDevAccounts[0].address;
    const snapshot = await castRpc('evm_snapshot');
    const nonce = await provider.getTransactionCount(dev0);
    const zBefore = await provider.getBalance(kZ);
    const receipt = JSON.parse(await cast(['send', '--unlocked', '--from', dev0, kZ, '--value', '5', '--json']));
    assert.equal(receipt.status, '0x1');
    assert.equal(await provider.getBalance(kZ), zBefore + 5n);
    assert.equal(await castRpc('evm_revert', snapshot), true);
    assert.equal(await provider.getBalance(kZ), zBefore);
    assert.equal(await provider.getTransactionCount(dev0), nonce);
    assert.equal(await castRpc('evm_revert', snapshot), false);

    const head = await provider.getBlockNumber();
    assert.equal(await castRpc('anvil_mine', '0x3'), null);
    assert.equal(Number(await cast(['block-number'])), head + 3);
    assert.equal(await castRpc('anvil_setCoinbase', kW), null);
    assert.equal(await castRpc('evm_mine'), '0x0');
    assert.equal(getAddress(await cast(['block', 'latest', '--field', 'miner'])), getAddress(kW));
    const info = await castRpc('anvil_nodeInfo');
    assert.equal(info.environment.chainId, kChainId);
    assert.equal(Number(info.currentBlockNumber), head + 4);
});

test('cast rpc anvil_dumpState / anvil_loadState / anvil_reset', kEach, async () => {
    const dump = await castRpc('anvil_dumpState');
    const state = JSON.parse(gunzipSync(Buffer.from(dump.slice(2), 'hex')));
    const x = state.accounts[kX];
    assert.deepEqual(x, { nonce: 7, balance: '0x1234', code: '0x6001600055', storage: { [`0x${'00'.repeat(31)}01`]: kSlotValue } });
    assert.equal(await castRpc('anvil_setBalance', kX, '0x0'), null);
    assert.equal(await castRpc('anvil_loadState', dump), true);
    assert.equal(await provider.getBalance(kX), 0x1234n);
    assert.equal(await castRpc('anvil_reset'), null);
    assert.equal(await provider.getBalance(kX), 0n);
    assert.equal(await provider.getCode(kX), '0x');
    assert.equal(await provider.getBalance(kDevAccounts[0].address), kInitialBalance);
});

test("Hardhat's network helpers: every helper against the node", kEach, async () => {
    const out = mkdtempSync(join(dir, 'hardhat-'));
    recorder.step = 'hardhat run helpers';
    const output = await run(kHardhat, ['--config', 'hardhat/hardhat.config.cjs', 'run', '--network', 'yaoverseRemote',
        'hardhat/scripts/helpers.js'], {
        cwd: toolsDir,
        env: { HOME: out, HARDHAT_OUT: out, YAOVERSE_URL: recorder.url, HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true' },
        timeoutMs: 180_000,
    });
    const s = JSON.parse(output.split('\n').pop());
    assert.equal(s.balance, String(0x1234));
    assert.equal(s.nonce, 7);
    assert.equal(s.code, '0x6001600055');
    assert.equal(s.slot, kSlotValue);
    assert.deepEqual(s.impersonated, { status: 1, from: getAddress(kY) });
    assert.equal(s.zAfterImpersonation, '1000');
    assert.equal(s.mined, 3);
    assert.equal(s.timeMoved, 3600);
    assert.equal(s.zBeforeRestore, '1005');
    assert.equal(s.zAfterRestore, '1000');
    assert.equal(s.numberSet, '5');
    assert.equal(s.fixtureSameAddress, true);
    assert.equal(s.fixtureNumber, '0'); // the fixture's snapshot, before setNumber
    assert.equal(s.miner, getAddress(kW));
    assert.equal(s.otherBaseFee, 'refused');
    assert.equal(s.xAfterReset, '0');
    assert.equal(s.zAfterReset, '0');
    assert.equal(await provider.getBalance(kX), 0n);
});

test('cast and hardhat got no JSON-RPC error they did not ask for', kEach, (t) => {
    for (const line of recorder.summary()) t.diagnostic(line);
    const expected = (c) =>
        // The send after stopImpersonatingAccount, and a base fee other than the chain's.
        (c.method === 'eth_sendTransaction' && c.error.message === 'unknown account') ||
        (c.method === 'hardhat_setNextBlockBaseFeePerGas' && c.error.code === -32602) ||
        // forge's fork database probe (see foundry.test.mjs).
        (c.method === 'eth_getAccountInfo' && c.error.code === -32601);
    assert.deepEqual(recorder.failures(expected).map(describeCall), []);
});
