// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Hardhat 2 against `yaoverse dev`: `hardhat compile` with solc-js from node_modules (the
// TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD override in hardhat/hardhat.config.cjs), then `hardhat run
// --network yaoverse hardhat/scripts/deploy.js`, which deploys and uses Counter and Token through
// hardhat-ethers (ethers v6) and checks as it goes; its summary is checked here against the node
// through ethers directly. Hardhat talks to the node through a recorder that fails the suite on any
// JSON-RPC error it did not ask for.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface, JsonRpcProvider, Network, getAddress, getCreateAddress, parseEther } from 'ethers';
import { startNode } from '../e2e/lib/node.mjs';
import { kChainId, kDevAccounts } from '../e2e/lib/accounts.mjs';
import { kEach } from '../e2e/lib/util.mjs';
import { describeCall, startRecorder } from './lib/recorder.mjs';
import { kHardhat, kProviderOptions, run, toolsDir } from './lib/tools.mjs';

let node;
let recorder;
let provider;
let out; // HOME, artifacts and cache of this run
let summary;

const hardhat = (args) => {
    recorder.step = `hardhat ${args[0]}`;
    return run(kHardhat, ['--config', 'hardhat/hardhat.config.cjs', ...args], {
        cwd: toolsDir,
        env: { HOME: out, HARDHAT_OUT: out, YAOVERSE_URL: recorder.url, HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true' },
        timeoutMs: 120_000,
    });
};
const kSources = { Counter: 'tools/foundry/src/Counter.sol', Token: 'e2e/contracts/Token.sol' };
const artifact = (name, ext = 'json') =>
    JSON.parse(readFileSync(join(out, 'artifacts', kSources[name], `${name}.${ext}`), 'utf8'));

before(async () => {
    node = await startNode();
    recorder = await startRecorder(node.url);
    provider = new JsonRpcProvider(node.url, Network.from(kChainId), kProviderOptions);
    out = mkdtempSync(join(tmpdir(), 'yao-tools-hardhat-'));
});

after(async () => {
    provider?.destroy();
    await recorder?.close();
    await node?.stop();
    if (out) rmSync(out, { recursive: true, force: true });
});

test('hardhat compile uses solc-js from node_modules', kEach, async () => {
    const output = await hardhat(['compile']);
    assert.match(output, /Compiled 3 Solidity files successfully \(evm target: cancun\)/);
    const solcJs = JSON.parse(readFileSync(join(toolsDir, 'node_modules/solc/package.json'), 'utf8')).version;
    const buildInfo = JSON.parse(readFileSync(join(out, 'artifacts/build-info',
        artifact('Counter', 'dbg.json').buildInfo.split('/').pop()), 'utf8'));
    assert.equal(buildInfo.solcVersion, solcJs);
    assert.match(buildInfo.solcLongVersion, new RegExp(`^${solcJs}\\+commit\\.[0-9a-f]{8}$`));
    assert.match(artifact('Counter').deployedBytecode, /^0x60[0-9a-f]+$/);
    assert.match(artifact('Token').deployedBytecode, /^0x60[0-9a-f]+$/);
});

test('hardhat run --network yaoverse deploys and uses Counter and Token', kEach, async () => {
    const output = await hardhat(['run', '--network', 'yaoverse', 'hardhat/scripts/deploy.js']);
    summary = JSON.parse(output.split('\n').pop());
    const [deployer, alice, bob] = kDevAccounts;

    // Deployer's transactions: Counter, setNumber, Token, transfer, the ether payment.
    assert.equal(summary.deployerNonce, 5);
    assert.equal(await provider.getTransactionCount(deployer.address), 5);
    assert.equal(summary.counter, getCreateAddress({ from: deployer.address, nonce: 0 }));
    assert.equal(summary.token, getCreateAddress({ from: deployer.address, nonce: 2 }));
    assert.equal(summary.hashes.length, 8);
    // Signed by Hardhat with the configured keys, each sent once.
    assert.equal(recorder.calls.filter((c) => c.method === 'eth_sendRawTransaction' && !c.error).length, 8);
    for (const hash of summary.hashes) assert.equal((await provider.getTransactionReceipt(hash)).status, 1, hash);

    assert.equal(await provider.getCode(summary.counter), artifact('Counter').deployedBytecode);
    assert.equal(await provider.getCode(summary.token), artifact('Token').deployedBytecode);
    assert.equal(BigInt(await provider.getStorage(summary.counter, 0)), 42n);
    assert.equal(getAddress(`0x${(await provider.getStorage(summary.counter, 1)).slice(26)}`), alice.address);
    assert.equal(await provider.getBalance(summary.counter), 10n ** 9n);

    const token = new Interface(artifact('Token').abi);
    const read = async (fn, args) => token.decodeFunctionResult(fn,
        await provider.call({ to: summary.token, data: token.encodeFunctionData(fn, args) }))[0];
    assert.equal(await read('balanceOf', [deployer.address]), parseEther('1000000') - 500n);
    assert.equal(await read('balanceOf', [alice.address]), 350n);
    assert.equal(await read('balanceOf', [bob.address]), 150n);
    assert.equal(await read('allowance', [alice.address, bob.address]), 50n);
    assert.equal(await provider.getBalance(summary.fresh), parseEther('0.25'));
});

test('hardhat got no JSON-RPC error it did not ask for', kEach, (t) => {
    for (const line of recorder.summary()) t.diagnostic(line);
    const expected = (c) =>
        // The gas estimate of a transfer beyond bob's tokens.
        (c.step === 'hardhat run' && c.method === 'eth_estimateGas' && c.error.code === 3);
    assert.deepEqual(recorder.failures(expected).map(describeCall), []);
    assert.equal(recorder.calls.filter((c) => c.method === 'eth_estimateGas' && c.error).length, 1);
});
