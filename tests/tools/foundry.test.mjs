// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Foundry against `yaoverse dev`: forge builds foundry/ with solc-js (bin/solc), `forge script
// --broadcast` deploys and uses Counter and Token, cast sends, reads and decodes, and `forge test
// --fork-url` reads the deployed state at the node's head. Every value is checked against what was
// sent or deployed, through ethers talking to the node directly; forge and cast talk to it through
// a recorder that fails the suite on any JSON-RPC error they got.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
    AbiCoder, Interface, JsonRpcProvider, Network, getAddress, getCreateAddress, id, parseEther, zeroPadValue,
} from 'ethers';
import { startNode } from '../e2e/lib/node.mjs';
import { kChainId, kDevAccounts, kInitialBalance } from '../e2e/lib/accounts.mjs';
import { kEach } from '../e2e/lib/util.mjs';
import { describeCall, startRecorder } from './lib/recorder.mjs';
import { kCast, kForge, kProviderOptions, kSolc, run, toolsDir } from './lib/tools.mjs';

const deployer = kDevAccounts[0];
const recipient = kDevAccounts[1];
const sender = kDevAccounts[2]; // cast send
const kSupply = parseEther('1000000');
const kScriptTokens = parseEther('1000');
const kTransferTopic = id('Transfer(address,address,uint256)');
const kNumberSetTopic = id('NumberSet(address,uint256,uint256)');
const kProbes = ['anvil_nodeInfo', 'eth_getAccountInfo'];

let node;
let recorder;
let provider;
let dir; // what forge writes (out, cache, broadcast) and HOME: no ~/.foundry of the user is read
let env;
const project = join(toolsDir, 'foundry');
const deployed = {}; // counter, token, headAfterScript, deployerWei (the deployer's balance after)
const sent = {}; // what cast sent

const forge = (step, args, extra = {}) => {
    recorder.step = `forge ${step}`;
    return run(kForge, [...args, '--use', kSolc, '--offline'],
        { cwd: project, env: { ...env, ...extra }, timeoutMs: 120_000 });
};
const cast = (args) => {
    recorder.step = `cast ${args[0]}`;
    return run(kCast, [...args, '--rpc-url', recorder.url], { cwd: project, env });
};
const castJson = async (args) => JSON.parse(await cast([...args, '--json']));
const artifact = (file, name) => JSON.parse(readFileSync(join(dir, 'out', file, `${name}.json`), 'utf8'));

before(async () => {
    node = await startNode();
    recorder = await startRecorder(node.url);
    provider = new JsonRpcProvider(node.url, Network.from(kChainId), kProviderOptions);
    dir = mkdtempSync(join(tmpdir(), 'yao-tools-foundry-'));
    env = {
        HOME: dir,
        FOUNDRY_OUT: join(dir, 'out'),
        FOUNDRY_CACHE_PATH: join(dir, 'cache'),
        FOUNDRY_BROADCAST: join(dir, 'broadcast'),
    };
});

after(async () => {
    provider?.destroy();
    await recorder?.close();
    await node?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
});

test('forge build compiles with solc-js through bin/solc', kEach, async () => {
    const out = await forge('build', ['build']);
    assert.match(out, /Compiler run successful/);
    const counter = artifact('Counter.sol', 'Counter');
    assert.match(counter.deployedBytecode.object, /^0x60[0-9a-f]+$/);
    assert.ok(counter.abi.some((f) => f.name === 'increment'));
    const solcJs = JSON.parse(readFileSync(join(toolsDir, 'node_modules/solc/package.json'), 'utf8')).version;
    assert.match(artifact('Token.sol', 'Token').metadata.compiler.version,
        new RegExp(`^${solcJs}\\+commit\\.[0-9a-f]{8}$`));
});

test('forge script --broadcast deploys Counter and Token and calls them', kEach, async () => {
    const nonceBefore = await provider.getTransactionCount(deployer.address);
    assert.equal(nonceBefore, 0); // a fresh chain: the deployer's balance below is all the script's doing
    await forge('script', ['script', 'script/Deploy.s.sol', '--broadcast', '--rpc-url', recorder.url],
        { PRIVATE_KEY: deployer.key, RECIPIENT: recipient.address });
    const broadcast = JSON.parse(readFileSync(
        join(dir, 'broadcast/Deploy.s.sol', String(kChainId), 'run-latest.json'), 'utf8'));
    assert.equal(broadcast.transactions.length, 5);
    assert.equal(broadcast.receipts.length, 5);
    const raw = recorder.calls.filter((c) => c.step === 'forge script' && c.method === 'eth_sendRawTransaction');
    assert.equal(raw.length, 5); // signed by forge with PRIVATE_KEY, each sent once

    // The contracts are where CREATE puts them for the deployer's first two nonces.
    deployed.counter = getCreateAddress({ from: deployer.address, nonce: nonceBefore });
    deployed.token = getCreateAddress({ from: deployer.address, nonce: nonceBefore + 1 });
    assert.deepEqual(broadcast.transactions.slice(0, 2).map((t) => getAddress(t.contractAddress)),
        [deployed.counter, deployed.token]);
    assert.equal(await provider.getTransactionCount(deployer.address), nonceBefore + 5);

    // Every receipt forge saved is the node's, and succeeded; the deployer paid their fees and 1 gwei.
    let head = 0;
    let spent = 10n ** 9n;
    for (const saved of broadcast.receipts) {
        const receipt = await provider.getTransactionReceipt(saved.transactionHash);
        assert.equal(receipt.status, 1, saved.transactionHash);
        assert.equal(receipt.blockNumber, Number(saved.blockNumber));
        assert.equal(receipt.gasUsed, BigInt(saved.gasUsed));
        head = Math.max(head, receipt.blockNumber);
        spent += receipt.gasUsed * receipt.gasPrice;
    }
    deployed.headAfterScript = head;
    deployed.deployerWei = kInitialBalance - spent;
    assert.equal(await provider.getBalance(deployer.address), deployed.deployerWei);

    assert.equal(await provider.getCode(deployed.counter), artifact('Counter.sol', 'Counter').deployedBytecode.object);
    assert.equal(await provider.getCode(deployed.token), artifact('Token.sol', 'Token').deployedBytecode.object);
    assert.equal(BigInt(await provider.getStorage(deployed.counter, 0)), 42n); // number
    assert.equal(getAddress(`0x${(await provider.getStorage(deployed.counter, 1)).slice(26)}`), deployer.address);
    assert.equal(await provider.getBalance(deployed.counter), 10n ** 9n); // setNumber{value: 1 gwei}
    const token = new Interface(artifact('Token.sol', 'Token').abi);
    const balanceOf = async (who) =>
        BigInt(await provider.call({ to: deployed.token, data: token.encodeFunctionData('balanceOf', [who]) }));
    assert.equal(await balanceOf(recipient.address), kScriptTokens);
    assert.equal(await balanceOf(deployer.address), kSupply - kScriptTokens);
});

test('cast chain-id, block-number, nonce, code and balance match the deployment', kEach, async () => {
    assert.equal(Number(await cast(['chain-id'])), kChainId);
    assert.equal(Number(await cast(['block-number'])), deployed.headAfterScript);
    assert.equal(Number(await cast(['nonce', deployer.address])), 5);
    assert.equal(Number(await cast(['nonce', deployer.address, '--block', '0'])), 0);
    assert.equal(await cast(['code', deployed.counter]), artifact('Counter.sol', 'Counter').deployedBytecode.object);
    assert.equal(await cast(['code', deployed.counter, '--block', '0']), '0x');
    assert.equal(BigInt(await cast(['balance', deployed.counter])), 10n ** 9n);
    assert.equal(BigInt(await cast(['balance', deployer.address])), deployed.deployerWei);
    assert.equal(await cast(['balance', recipient.address, '--block', '0', '--ether']), '10000.000000000000000000');
});

test('cast send, receipt and call: an ether transfer, a payable call and a token transfer', kEach, async () => {
    // Ether to an address nothing else touches: its balance is exactly what was sent.
    const fresh = getAddress(`0x${'7a0'.padEnd(39, '0')}1`);
    const etherReceipt = await castJson(['send', fresh, '--value', '12345', '--private-key', sender.key]);
    assert.equal(etherReceipt.status, '0x1');
    assert.equal(BigInt(await cast(['balance', fresh])), 12345n);
    assert.equal(Number(await cast(['block-number'])), Number(etherReceipt.blockNumber));

    const setReceipt = await castJson(['send', deployed.counter, 'setNumber(uint256)', '100', '--value', '7',
        '--private-key', sender.key]);
    assert.equal(setReceipt.status, '0x1');
    assert.equal(setReceipt.logs.length, 1);
    assert.deepEqual(setReceipt.logs[0].topics, [kNumberSetTopic, zeroPadValue(sender.address, 32).toLowerCase(),
        zeroPadValue('0x64', 32)]);
    assert.equal(BigInt(setReceipt.logs[0].data), 7n);
    assert.equal(await cast(['call', deployed.counter, 'number()(uint256)']), '100');
    assert.equal(getAddress(await cast(['call', deployed.counter, 'lastCaller()(address)'])), sender.address);
    // The value the script left, at the block it ended in.
    assert.equal(await cast(['call', deployed.counter, 'number()(uint256)', '--block',
        String(deployed.headAfterScript)]), '42');
    assert.equal(BigInt(await cast(['balance', deployed.counter])), 10n ** 9n + 7n);

    const transferReceipt = await castJson(['send', deployed.token, 'transfer(address,uint256)', sender.address,
        '123', '--private-key', recipient.key]);
    assert.equal(transferReceipt.status, '0x1');
    sent.transferHash = transferReceipt.transactionHash;
    assert.equal(await cast(['call', deployed.token, 'balanceOf(address)(uint256)', sender.address]), '123');
    // cast writes a large number with its scientific form beside it: "999...877 [9.999e20]".
    const recipientTokens = await cast(['call', deployed.token, 'balanceOf(address)(uint256)', recipient.address]);
    assert.equal(BigInt(recipientTokens.split(' ')[0]), kScriptTokens - 123n);
    // A revert with a custom error comes back decodable.
    const revertData = new Interface(['error InsufficientBalance(uint256 available, uint256 required)'])
        .encodeErrorResult('InsufficientBalance', [0, 1]);
    await assert.rejects(cast(['call', deployed.token, 'transfer(address,uint256)', recipient.address, '1',
        '--from', kDevAccounts[5].address]), (e) => e.message.includes(`execution reverted, data: "${revertData}"`));

    // cast receipt: the node's receipt, field by field.
    const receipt = await castJson(['receipt', sent.transferHash]);
    const fromNode = await provider.getTransactionReceipt(sent.transferHash);
    assert.equal(receipt.blockNumber, transferReceipt.blockNumber);
    assert.equal(Number(receipt.blockNumber), fromNode.blockNumber);
    assert.equal(receipt.blockHash, fromNode.blockHash);
    assert.equal(BigInt(receipt.gasUsed), fromNode.gasUsed);
    assert.equal(getAddress(receipt.from), recipient.address);
    assert.equal(getAddress(receipt.to), deployed.token);
    assert.equal(await cast(['receipt', sent.transferHash, 'status']), 'true');
    assert.equal(BigInt(await cast(['receipt', sent.transferHash, 'gasUsed'])), fromNode.gasUsed);
    sent.transferBlock = fromNode.blockNumber;
    assert.equal(Number(await cast(['block-number'])), sent.transferBlock); // the last transaction
    assert.equal(Number(await cast(['nonce', sender.address])), 2); // the ether transfer and setNumber
    assert.equal(Number(await cast(['nonce', recipient.address])), 1);
});

test('cast logs finds the three Transfer events with their arguments', kEach, async () => {
    const logs = await castJson(['logs', '--from-block', '0', '--to-block', 'latest', '--address', deployed.token,
        'Transfer(address indexed,address indexed,uint256)']);
    const coder = AbiCoder.defaultAbiCoder();
    const decoded = logs.map((l) => {
        assert.equal(l.topics[0], kTransferTopic);
        return [getAddress(`0x${l.topics[1].slice(26)}`), getAddress(`0x${l.topics[2].slice(26)}`),
            coder.decode(['uint256'], l.data)[0]];
    });
    const zero = '0x0000000000000000000000000000000000000000';
    assert.deepEqual(decoded, [
        [zero, deployer.address, kSupply],
        [deployer.address, recipient.address, kScriptTokens],
        [recipient.address, sender.address, 123n],
    ]);
    assert.equal(logs[2].transactionHash, sent.transferHash);
    // Filtered by the indexed `to` and by block range: only cast's transfer.
    const block = String(sent.transferBlock);
    const toSender = await castJson(['logs', '--from-block', block, '--to-block', block,
        '--address', deployed.token, 'Transfer(address indexed,address indexed,uint256)', '', sender.address]);
    assert.equal(toSender.length, 1);
    assert.equal(toSender[0].transactionHash, sent.transferHash);
});

test('forge test --fork-url reads the deployed state at the node head', kEach, async () => {
    const head = sent.transferBlock; // no transaction since: the head is still its block
    assert.equal(await provider.getBlockNumber(), head);
    const out = await forge('test', ['test', '--fork-url', recorder.url, '--no-storage-caching', '-vv'], {
        COUNTER: deployed.counter,
        TOKEN: deployed.token,
        FORK_HEAD: String(head),
        EXPECTED_NUMBER: '100',
        LAST_CALLER: sender.address,
        COUNTER_WEI: String(10n ** 9n + 7n),
        RECIPIENT: recipient.address,
        RECIPIENT_TOKENS: String(kScriptTokens - 123n),
        DEPLOYER: deployer.address,
        DEPLOYER_WEI: String(deployed.deployerWei), // it sent nothing since
    });
    assert.match(out, /3 tests passed, 0 failed/);
    // The fork's changes stayed on the fork.
    assert.equal(await provider.getBlockNumber(), head);
    assert.equal(await cast(['call', deployed.counter, 'number()(uint256)']), '100');
});

test('forge and cast got no JSON-RPC error they did not ask for', kEach, (t) => {
    for (const line of recorder.summary()) t.diagnostic(line);
    const expected = (c) =>
        // The eth_call of a transfer the caller has no tokens for.
        (c.step === 'cast call' && c.method === 'eth_call' && c.error.code === 3) ||
        // Probes that fall back when the method is missing, as on geth: forge and cast ask
        // whether the node is Anvil, and the fork database tries reth's and Anvil's one-call
        // account read before eth_getBalance, eth_getTransactionCount and eth_getCode.
        (kProbes.includes(c.method) && c.error.code === -32601);
    assert.deepEqual(recorder.failures(expected).map(describeCall), []);
});
