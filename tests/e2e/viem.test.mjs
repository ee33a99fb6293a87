// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The dev chain driven by viem 2, the way a dapp developer would: public and wallet clients,
// deployContract, waitForTransactionReceipt, simulateContract and typed errors, getLogs and
// getContractEvents, watchContractEvent over WebSocket, estimateGas, reads at past blocks, HTTP
// batching, replacement and nonce errors, and a burst of sends from one account.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    BaseError,
    ContractFunctionRevertedError,
    InsufficientFundsError,
    NonceTooLowError,
    TransactionNotFoundError,
    TransactionReceiptNotFoundError,
    createPublicClient,
    createWalletClient,
    decodeErrorResult,
    defineChain,
    encodeAbiParameters,
    encodeDeployData,
    encodeFunctionData,
    getAbiItem,
    getAddress,
    getContractAddress,
    http,
    keccak256,
    nonceManager,
    numberToHex,
    pad,
    parseEther,
    parseEventLogs,
    parseGwei,
    toHex,
    webSocket,
    zeroAddress,
} from 'viem';
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';

import { kChainId, kDevAccounts, kInitialBalance, kMnemonic, kRole } from './lib/accounts.mjs';
import { loadArtifacts } from './lib/compile.mjs';
import { kQuirks, startNode } from './lib/node.mjs';
import { collector, kEach, rawRpc, sleep, waitUntil, withTimeout } from './lib/util.mjs';

const art = loadArtifacts();
const word = (n) => pad(typeof n === 'bigint' ? numberToHex(n) : n, { size: 32 });
const fresh = () => privateKeyToAccount(generatePrivateKey()).address;

let node;
let chain;
let pub; // the public client everything reads through
const wallets = []; // one wallet client per dev account
const c = {}; // deployed contract addresses
const w = (role) => wallets[kRole[role]];

/// Runs `fn`, which must reject, and returns the error for closer inspection.
async function failure(fn) {
    try {
        await fn();
    } catch (e) {
        return e;
    }
    assert.fail('expected a failure');
}

/// The decoded revert of a failed contract call, as viem exposes it.
function revertOf(error) {
    assert.ok(error instanceof BaseError, `not a viem error: ${error}`);
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    assert.ok(revert, `no ContractFunctionRevertedError in: ${error.message}`);
    return revert;
}

/// HTTP without retries: an error the node answers shows at once, as it is (viem retries errors
/// such as -32603 three times with back-off by default).
const transport = (options = {}) => http(node.url, { retryCount: 0, ...options });

const receiptOf = (hash) => pub.waitForTransactionReceipt({ hash, pollingInterval: 20, timeout: 30_000 });

async function deploy(wallet, name, args = []) {
    const hash = await wallet.deployContract({ abi: art[name].abi, bytecode: art[name].bytecode, args });
    const receipt = await receiptOf(hash);
    assert.equal(receipt.status, 'success');
    return receipt;
}

async function write(wallet, address, name, functionName, args = [], extra = {}) {
    const { request } = await pub.simulateContract({ account: wallet.account, address, abi: art[name].abi,
        functionName, args, ...extra });
    const hash = await wallet.writeContract(request);
    const receipt = await receiptOf(hash);
    assert.equal(receipt.status, 'success', `${functionName} failed`);
    return receipt;
}

const read = (address, name, functionName, args = [], extra = {}) =>
    pub.readContract({ address, abi: art[name].abi, functionName, args, ...extra });

before(async () => {
    node = await startNode();
    chain = defineChain({
        id: kChainId,
        name: `e2e ${node.target}`,
        nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
        rpcUrls: { default: { http: [node.url], webSocket: [node.wsUrl] } },
    });
    pub = createPublicClient({ chain, transport: transport(), pollingInterval: 20, cacheTime: 0 });
    for (const a of kDevAccounts) {
        wallets.push(createWalletClient({ account: privateKeyToAccount(a.key), chain, transport: transport(),
            pollingInterval: 20, cacheTime: 0 }));
    }
});

after(async () => {
    await node?.stop();
});

describe('viem 2', () => {
    test('the chain is 31337 and the dev accounts derive from the mnemonic and hold 10,000 ETH', kEach, async () => {
        assert.equal(await pub.getChainId(), kChainId);
        for (let i = 0; i < kDevAccounts.length; ++i) {
            assert.equal(mnemonicToAccount(kMnemonic, { addressIndex: i }).address, kDevAccounts[i].address);
            assert.equal(wallets[i].account.address, kDevAccounts[i].address);
            assert.equal(await pub.getBalance({ address: kDevAccounts[i].address }), kInitialBalance);
        }
    });

    test('deployContract lands at getContractAddress(from, nonce) with solc runtime code', kEach, async () => {
        const deployer = w('deployer');
        const from = deployer.account.address;
        const supply = parseEther('1000000');
        for (const [name, args] of [['Token', ['Yao Token', 'YAO', supply]], ['Events', []], ['Reverter', []],
            ['Create2Factory', []], ['PayableFallback', []]]) {
            const nonce = await pub.getTransactionCount({ address: from, blockTag: 'pending' });
            const receipt = await deploy(deployer, name, args);
            c[name] = getAddress(receipt.contractAddress); // receipts carry lower-case addresses
            assert.equal(c[name], getContractAddress({ from, nonce: BigInt(nonce) }));
            assert.equal(receipt.to, null);
            assert.equal(await pub.getCode({ address: c[name] }), art[name].deployedBytecode);
            if (name === 'Token') {
                const [minted] = parseEventLogs({ abi: art.Token.abi, logs: receipt.logs });
                assert.equal(minted.eventName, 'Transfer');
                assert.deepEqual(minted.args, { from: zeroAddress, to: from, value: supply });
            }
        }
        assert.equal(await pub.getTransactionCount({ address: from }), 5);
        assert.equal(await read(c.Token, 'Token', 'name'), 'Yao Token');
        assert.equal(await read(c.Token, 'Token', 'symbol'), 'YAO');
        assert.equal(await read(c.Token, 'Token', 'decimals'), 18);
        assert.equal(await read(c.Token, 'Token', 'totalSupply'), supply);
        assert.equal(await read(c.Token, 'Token', 'balanceOf', [from]), supply);
    });

    test('an ether transfer moves the exact value and charges exactly gasUsed * effectiveGasPrice',
        kEach, async () => {
        const sender = w('ether');
        const to = fresh();
        const value = parseEther('1.25');
        const before = await pub.getBalance({ address: sender.account.address });
        assert.equal(await pub.estimateGas({ account: sender.account, to, value }), kQuirks.transferEstimate);
        const hash = await sender.sendTransaction({ to, value, maxFeePerGas: parseGwei('10'),
            maxPriorityFeePerGas: parseGwei('1') });
        const receipt = await receiptOf(hash);
        assert.equal(receipt.status, 'success');
        assert.equal(receipt.gasUsed, 21000n);
        assert.equal(receipt.from, sender.account.address.toLowerCase());
        assert.equal(receipt.to, to.toLowerCase());
        assert.equal(await pub.getBalance({ address: to }), value);
        assert.equal(await pub.getBalance({ address: sender.account.address }),
            before - value - receipt.gasUsed * receipt.effectiveGasPrice);
        const tx = await pub.getTransaction({ hash });
        assert.equal(tx.type, 'eip1559');
        assert.equal(tx.nonce, 0);
        assert.equal(tx.value, value);
        assert.equal(tx.chainId, kChainId);
        assert.equal(tx.blockNumber, receipt.blockNumber);
        const block = await pub.getBlock({ blockNumber: receipt.blockNumber });
        assert.equal(block.hash, receipt.blockHash);
        assert.ok(block.transactions.includes(hash));
        const tip = block.baseFeePerGas + tx.maxPriorityFeePerGas;
        assert.equal(receipt.effectiveGasPrice, tip < tx.maxFeePerGas ? tip : tx.maxFeePerGas);
    });

    test('ERC-20: transfer, approve, transferFrom with exact balances, events and custom errors', kEach, async () => {
        const holder = w('token');
        const spender = w('spender');
        const h = holder.account.address;
        const r1 = await write(w('deployer'), c.Token, 'Token', 'transfer', [h, parseEther('1000')]);
        const [sent] = parseEventLogs({ abi: art.Token.abi, logs: r1.logs, eventName: 'Transfer' });
        assert.deepEqual(sent.args, { from: w('deployer').account.address, to: h, value: parseEther('1000') });

        const recipient = fresh();
        const r2 = await write(holder, c.Token, 'Token', 'transfer', [recipient, parseEther('250')]);
        assert.equal(r2.logs.length, 1);
        assert.deepEqual(r2.logs[0].topics, [
            keccak256(toHex('Transfer(address,address,uint256)')), word(h.toLowerCase()),
            word(recipient.toLowerCase())]);
        assert.equal(r2.logs[0].data, word(parseEther('250')));
        assert.equal(await read(c.Token, 'Token', 'balanceOf', [h]), parseEther('750'));
        assert.equal(await read(c.Token, 'Token', 'balanceOf', [recipient]), parseEther('250'));

        const r3 = await write(holder, c.Token, 'Token', 'approve', [spender.account.address, 100n]);
        const [approval] = parseEventLogs({ abi: art.Token.abi, logs: r3.logs });
        assert.equal(approval.eventName, 'Approval');
        assert.deepEqual(approval.args, { owner: h, spender: spender.account.address, value: 100n });
        const third = fresh();
        await write(spender, c.Token, 'Token', 'transferFrom', [h, third, 60n]);
        assert.equal(await read(c.Token, 'Token', 'allowance', [h, spender.account.address]), 40n);
        assert.equal(await read(c.Token, 'Token', 'balanceOf', [third]), 60n);

        const tooMuch = revertOf(await failure(() => pub.simulateContract({ account: holder.account,
            address: c.Token, abi: art.Token.abi, functionName: 'transfer', args: [recipient, parseEther('751')] })));
        assert.equal(tooMuch.data.errorName, 'InsufficientBalance');
        assert.deepEqual(tooMuch.data.args, [parseEther('750') - 60n, parseEther('751')]);
        const overAllowance = revertOf(await failure(() => pub.simulateContract({ account: spender.account,
            address: c.Token, abi: art.Token.abi, functionName: 'transferFrom', args: [h, third, 41n] })));
        assert.equal(overAllowance.data.errorName, 'InsufficientAllowance');
        assert.deepEqual(overAllowance.data.args, [40n, 41n]);
        // The raw revert bytes decode the same way without viem's help.
        assert.deepEqual(decodeErrorResult({ abi: art.Token.abi, data: overAllowance.raw }).args, [40n, 41n]);
    });

    test('ERC-721: mint, ownerOf, transferFrom, indexed token id, custom errors', kEach, async () => {
        const minter = w('nft');
        const other = w('spender');
        const m = minter.account.address;
        const o = other.account.address;
        const nft = getAddress((await deploy(minter, 'Nft')).contractAddress);
        assert.equal(await read(nft, 'Nft', 'minter'), m);
        assert.equal(await read(nft, 'Nft', 'supportsInterface', ['0x80ac58cd']), true);
        const mint1 = await write(minter, nft, 'Nft', 'mint', [m, 1n]);
        await write(minter, nft, 'Nft', 'mint', [o, 2n]);
        assert.deepEqual(mint1.logs[0].topics, [keccak256(toHex('Transfer(address,address,uint256)')),
            word(0n), word(m.toLowerCase()), word(1n)]);
        assert.equal(mint1.logs[0].data, '0x');
        assert.equal(await read(nft, 'Nft', 'ownerOf', [1n]), m);
        const moved = await write(minter, nft, 'Nft', 'transferFrom', [m, o, 1n]);
        const [event] = parseEventLogs({ abi: art.Nft.abi, logs: moved.logs });
        assert.deepEqual(event.args, { from: m, to: o, tokenId: 1n });
        assert.equal(await read(nft, 'Nft', 'ownerOf', [1n]), o);
        assert.equal(await read(nft, 'Nft', 'balanceOf', [o]), 2n);
        assert.equal(await read(nft, 'Nft', 'balanceOf', [m]), 0n);

        const missing = revertOf(await failure(() => read(nft, 'Nft', 'ownerOf', [99n])));
        assert.equal(missing.data.errorName, 'NonexistentToken');
        assert.deepEqual(missing.data.args, [99n]);
        const notOwner = revertOf(await failure(() => pub.simulateContract({ account: minter.account, address: nft,
            abi: art.Nft.abi, functionName: 'transferFrom', args: [o, m, 2n] })));
        assert.equal(notOwner.data.errorName, 'NotOwner');
        assert.deepEqual(notOwner.data.args, [2n, m]);
    });

    test('events: indexed values, hashed indexed strings, many logs per transaction, anonymous events',
        kEach, async () => {
        const sender = w('misc');
        const stored = await write(sender, c.Events, 'Events', 'store', [7n, 42n]);
        const [s] = parseEventLogs({ abi: art.Events.abi, logs: stored.logs });
        assert.equal(s.eventName, 'Stored');
        assert.deepEqual(s.args, { by: sender.account.address, key: 7n, value: 42n });

        const noted = await write(sender, c.Events, 'Events', 'note', ['greeting', 'hello, yao', '0xdeadbeef']);
        const [n] = parseEventLogs({ abi: art.Events.abi, logs: noted.logs });
        assert.deepEqual(n.args, { topic: keccak256(toHex('greeting')), text: 'hello, yao', data: '0xdeadbeef' });

        const tag = keccak256(toHex('tag'));
        const counted = await write(sender, c.Events, 'Events', 'count', [5n, tag]);
        const logs = parseEventLogs({ abi: art.Events.abi, logs: counted.logs, eventName: 'Counted' });
        assert.equal(logs.length, 5);
        logs.forEach((log, i) => {
            assert.equal(log.logIndex, logs[0].logIndex + i);
            assert.equal(log.transactionHash, counted.transactionHash);
            assert.deepEqual(log.args, { index: BigInt(i), tag });
        });

        const a = keccak256(toHex('a'));
        const b = keccak256(toHex('b'));
        const raw = await write(sender, c.Events, 'Events', 'raw', [a, b, 99n]);
        assert.deepEqual(raw.logs[0].topics, [a, b]);
        assert.equal(raw.logs[0].data, word(99n));
    });

    test('getLogs and getContractEvents filter by event, indexed argument, block range and block hash',
        kEach, async () => {
        const sender = w('misc');
        const receipts = [];
        for (const [key, value] of [[101n, 10n], [102n, 20n], [103n, 30n]]) {
            receipts.push(await write(sender, c.Events, 'Events', 'store', [key, value]));
        }
        const fromBlock = receipts[0].blockNumber;
        const toBlock = receipts[2].blockNumber;
        const event = getAbiItem({ abi: art.Events.abi, name: 'Stored' });
        const logs = await pub.getLogs({ address: c.Events, event, fromBlock, toBlock });
        assert.deepEqual(logs.map((l) => l.args.value), [10n, 20n, 30n]);
        assert.deepEqual(logs.map((l) => l.transactionHash), receipts.map((r) => r.transactionHash));
        assert.deepEqual(logs.map((l) => l.blockHash), receipts.map((r) => r.blockHash));

        const byKey = await pub.getLogs({ address: c.Events, event, args: { key: 102n }, fromBlock, toBlock });
        assert.equal(byKey.length, 1);
        assert.equal(byKey[0].transactionHash, receipts[1].transactionHash);
        assert.equal(byKey[0].args.value, 20n);
        const either = await pub.getLogs({ address: c.Events, event, args: { key: [101n, 103n] }, fromBlock, toBlock });
        assert.deepEqual(either.map((l) => l.args.key), [101n, 103n]);

        const byHash = await pub.getLogs({ address: c.Events, blockHash: receipts[1].blockHash });
        assert.deepEqual(byHash.map((l) => l.transactionHash), [receipts[1].transactionHash]);

        const events = await pub.getContractEvents({ address: c.Events, abi: art.Events.abi, eventName: 'Stored',
            args: { by: sender.account.address }, fromBlock, toBlock });
        assert.deepEqual(events.map((e) => e.args.key), [101n, 102n, 103n]);

        const none = await pub.getLogs({ address: c.Token, event, fromBlock, toBlock });
        assert.deepEqual(none, []);
        const toHolder = await pub.getContractEvents({ address: c.Token, abi: art.Token.abi, eventName: 'Transfer',
            args: { to: w('token').account.address }, fromBlock: 0n });
        assert.equal(toHolder.length, 1);
        assert.equal(toHolder[0].args.value, parseEther('1000'));
    });

    test('webSocket transport: watchContractEvent and watchEvent deliver exactly the matching logs',
        kEach, async () => {
        const wsClient = createPublicClient({ chain, transport: webSocket(node.wsUrl) });
        const unwatch = [];
        try {
            const watched = fresh();
            const transfers = collector();
            unwatch.push(wsClient.watchContractEvent({ address: c.Token, abi: art.Token.abi, eventName: 'Transfer',
                args: { to: watched }, onLogs: (logs) => logs.forEach((l) => transfers.push(l)),
                onError: (e) => transfers.push(e) }));
            const stored = collector();
            unwatch.push(wsClient.watchEvent({ address: c.Events,
                event: getAbiItem({ abi: art.Events.abi, name: 'Stored' }),
                onLogs: (logs) => logs.forEach((l) => stored.push(l)), onError: (e) => stored.push(e) }));
            const heads = collector();
            unwatch.push(wsClient.watchBlockNumber({ onBlockNumber: (n) => heads.push(n), emitOnBegin: false }));
            // The socket client keeps the subscriptions the node has confirmed.
            const rpc = await wsClient.transport.getRpcClient();
            await waitUntil(() => rpc.subscriptions.size === 3, 10_000, 'three subscriptions');

            // A first matching log of each kind: the subscriptions deliver.
            const holder = w('token');
            const transfer = (to, value) => holder.writeContract({ address: c.Token, abi: art.Token.abi,
                functionName: 'transfer', args: [to, value] });
            const store = (key, value) => w('misc').writeContract({ address: c.Events, abi: art.Events.abi,
                functionName: 'store', args: [key, value] });
            const h0 = await transfer(watched, 10n);
            const s0 = await store(554n, 4n);
            await transfers.until(1);
            await stored.until(1);

            const h1 = await transfer(watched, 11n);
            const h2 = await transfer(fresh(), 12n);
            const h3 = await transfer(watched, 13n);
            const s1 = await store(555n, 5n);
            const receipts = await Promise.all([h0, h1, h2, h3, s0, s1].map(receiptOf));
            assert.ok(receipts.every((r) => r.status === 'success'));

            const got = await transfers.until(3);
            assert.deepEqual(got.map((l) => l.args.value), [10n, 11n, 13n]);
            assert.deepEqual(got.map((l) => l.transactionHash), [h0, h1, h3]);
            assert.ok(got.every((l) => l.args.from === holder.account.address && l.args.to === watched));
            const logs = await stored.until(2);
            assert.deepEqual(logs.map((l) => l.transactionHash), [s0, s1]);
            assert.deepEqual(logs[1].args, { by: w('misc').account.address, key: 555n, value: 5n });
            const last = receipts.reduce((m, r) => (r.blockNumber > m ? r.blockNumber : m), 0n);
            await withTimeout((async () => {
                while (!heads.values.some((n) => n >= last)) await sleep(20);
            })(), 10_000, `newHeads up to block ${last}`);
            await sleep(200);
            assert.equal(transfers.values.length, 3, 'a transfer to another address was delivered');
            assert.equal(stored.values.length, 2);
        } finally {
            unwatch.forEach((u) => u());
            await sleep(50); // let the eth_unsubscribe calls go out
            (await wsClient.transport.getRpcClient()).close();
        }
    });

    test('estimateGas: 21000 for ether, enough and close for contract calls, revert reasons on failure',
        kEach, async () => {
        const holder = w('token');
        const to = fresh();
        const estimate = await pub.estimateContractGas({ account: holder.account, address: c.Token,
            abi: art.Token.abi, functionName: 'transfer', args: [to, 1n] });
        const hash = await holder.writeContract({ address: c.Token, abi: art.Token.abi, functionName: 'transfer',
            args: [to, 1n], gas: estimate });
        const receipt = await receiptOf(hash);
        assert.equal(receipt.status, 'success');
        assert.ok(estimate >= receipt.gasUsed);
        assert.ok(estimate <= (receipt.gasUsed * 110n) / 100n, `estimate ${estimate} far above ${receipt.gasUsed}`);

        const factory = w('create2');
        const salt = keccak256(toHex('estimate'));
        const deployEstimate = await pub.estimateContractGas({ account: factory.account, address: c.Create2Factory,
            abi: art.Create2Factory.abi, functionName: 'deploy', args: [salt, 1n] });
        const deployed = await receiptOf(await factory.writeContract({ address: c.Create2Factory,
            abi: art.Create2Factory.abi, functionName: 'deploy', args: [salt, 1n], gas: deployEstimate }));
        assert.equal(deployed.status, 'success');
        assert.ok(deployEstimate >= deployed.gasUsed);

        const reverted = revertOf(await failure(() => pub.estimateContractGas({ account: holder.account,
            address: c.Reverter, abi: art.Reverter.abi, functionName: 'requireBelow', args: [10n] })));
        assert.equal(reverted.reason, 'x must be below 10');
        assert.equal(await pub.estimateGas({ account: w('ether').account, to: fresh(), value: 1n }),
            kQuirks.transferEstimate);
    });

    test('readContract, getBalance and call at a past blockNumber see the state of that block', kEach, async () => {
        const holder = w('token');
        const h = holder.account.address;
        const recipient = fresh();
        const nonceBefore = await pub.getTransactionCount({ address: h });
        const r1 = await write(holder, c.Token, 'Token', 'transfer', [recipient, 5n]);
        const r2 = await write(holder, c.Token, 'Token', 'transfer', [recipient, 7n]);
        assert.ok(r2.blockNumber > r1.blockNumber);
        const at = (blockNumber) => read(c.Token, 'Token', 'balanceOf', [recipient], { blockNumber });
        assert.equal(await at(r1.blockNumber - 1n), 0n);
        assert.equal(await at(r1.blockNumber), 5n);
        assert.equal(await at(r2.blockNumber), 12n);
        assert.equal(await read(c.Token, 'Token', 'balanceOf', [recipient], { blockTag: 'latest' }), 12n);
        assert.equal(await pub.getTransactionCount({ address: h, blockNumber: r1.blockNumber - 1n }), nonceBefore);
        assert.equal(await pub.getTransactionCount({ address: h, blockNumber: r1.blockNumber }), nonceBefore + 1);
        const data = encodeFunctionData({ abi: art.Token.abi, functionName: 'balanceOf', args: [recipient] });
        assert.deepEqual(await pub.call({ to: c.Token, data, blockNumber: r1.blockNumber }), { data: word(5n) });
        assert.equal(await pub.getCode({ address: c.Token, blockNumber: 0n }), undefined); // no code yet
        assert.equal(await pub.getBalance({ address: w('ether').account.address, blockNumber: 0n }), kInitialBalance);
        const future = (await pub.getBlockNumber({ cacheTime: 0 })) + 1000n;
        await assert.rejects(pub.call({ to: c.Token, data, blockNumber: future }));
    });

    test('revert reasons: require string, custom error, panics, bare revert, mined failure', kEach, async () => {
        const caller = w('reverts');
        const sim = (functionName, args = []) => pub.simulateContract({ account: caller.account, address: c.Reverter,
            abi: art.Reverter.abi, functionName, args });
        assert.equal((await sim('requireBelow', [3n])).result, 6n);
        const required = revertOf(await failure(() => sim('requireBelow', [11n])));
        assert.equal(required.reason, 'x must be below 10');
        assert.equal(required.data.errorName, 'Error');
        assert.deepEqual(required.data.args, ['x must be below 10']);

        const custom = revertOf(await failure(() => sim('customError', [77n])));
        assert.equal(custom.data.errorName, 'Unauthorized');
        assert.deepEqual(custom.data.args, [caller.account.address, 77n, 'custom failure']);
        assert.equal(custom.signature, undefined);

        const asserted = revertOf(await failure(() => sim('panicAssert')));
        assert.equal(asserted.data.errorName, 'Panic');
        assert.deepEqual(asserted.data.args, [1n]);
        const divided = revertOf(await failure(() => sim('panicDivide', [0n])));
        assert.deepEqual(divided.data.args, [0x12n]);
        assert.match(divided.reason, /divide|modulo/i);

        const bare = revertOf(await failure(() => sim('plainRevert')));
        assert.equal(bare.data, undefined);
        assert.ok(bare.raw === undefined || bare.raw === '0x');

        // A reverted transaction is mined: status reverted, gas paid, nonce used, state unchanged.
        const a = caller.account.address;
        const balance = await pub.getBalance({ address: a });
        const nonce = await pub.getTransactionCount({ address: a });
        const hash = await caller.writeContract({ address: c.Reverter, abi: art.Reverter.abi, functionName: 'bump',
            args: [1n], gas: 100_000n });
        const receipt = await receiptOf(hash);
        assert.equal(receipt.status, 'reverted');
        assert.ok(receipt.gasUsed > 21000n && receipt.gasUsed < 100_000n);
        assert.deepEqual(receipt.logs, []);
        assert.equal(await pub.getBalance({ address: a }), balance - receipt.gasUsed * receipt.effectiveGasPrice);
        assert.equal(await pub.getTransactionCount({ address: a }), nonce + 1);
        assert.equal(await read(c.Reverter, 'Reverter', 'counter'), 0n);
        await write(caller, c.Reverter, 'Reverter', 'bump', [2n]);
        assert.equal(await read(c.Reverter, 'Reverter', 'counter'), 1n);
    });

    test('CREATE2: the child lands at getContractAddress({opcode: CREATE2}) with its code, arguments and value',
        kEach, async () => {
        const sender = w('create2');
        const s = sender.account.address;
        const salt = keccak256(toHex('yaoverse-viem'));
        const tag = 4242n;
        const value = parseEther('0.5');
        const initCode = encodeDeployData({ abi: art.Child.abi, bytecode: art.Child.bytecode, args: [s, tag] });
        const predicted = getContractAddress({ opcode: 'CREATE2', from: c.Create2Factory, salt, bytecode: initCode });
        assert.equal(await pub.getCode({ address: predicted }), undefined);
        const { result, request } = await pub.simulateContract({ account: sender.account, address: c.Create2Factory,
            abi: art.Create2Factory.abi, functionName: 'deploy', args: [salt, tag], value });
        assert.equal(result, predicted);
        const receipt = await receiptOf(await sender.writeContract(request));
        const [deployed] = parseEventLogs({ abi: art.Create2Factory.abi, logs: receipt.logs });
        assert.deepEqual(deployed.args, { child: predicted, salt, tag });
        assert.equal(await pub.getCode({ address: predicted }), art.Child.deployedBytecode);
        assert.equal(await read(predicted, 'Child', 'owner'), s);
        assert.equal(await read(predicted, 'Child', 'tag'), tag);
        assert.equal(await pub.getBalance({ address: predicted }), value);
        const again = revertOf(await failure(() => pub.simulateContract({ account: sender.account,
            address: c.Create2Factory, abi: art.Create2Factory.abi, functionName: 'deploy', args: [salt, tag] })));
        assert.equal(again.data, undefined); // a failed CREATE2 bubbles up as a bare revert
        // The init code hash form gives the same address.
        assert.equal(getContractAddress({ opcode: 'CREATE2', from: c.Create2Factory, salt,
            bytecodeHash: keccak256(initCode) }), predicted);
        const encodedArgs = encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [s, tag]);
        assert.equal(initCode, art.Child.bytecode + encodedArgs.slice(2));
    });

    test('payable receive and fallback log the sender, value and calldata', kEach, async () => {
        const sender = w('fallback');
        const s = sender.account.address;
        const plain = await receiptOf(await sender.sendTransaction({ to: c.PayableFallback, value: parseEther('0.3') }));
        const [received] = parseEventLogs({ abi: art.PayableFallback.abi, logs: plain.logs });
        assert.equal(received.eventName, 'Received');
        assert.deepEqual(received.args, { from: s, value: parseEther('0.3') });
        const data = '0x12345678abcdef';
        const withData = await receiptOf(await sender.sendTransaction({ to: c.PayableFallback,
            value: parseEther('0.2'), data }));
        const [fallback] = parseEventLogs({ abi: art.PayableFallback.abi, logs: withData.logs });
        assert.equal(fallback.eventName, 'Fallback');
        assert.deepEqual(fallback.args, { from: s, value: parseEther('0.2'), data });
        assert.equal(await pub.getBalance({ address: c.PayableFallback }), parseEther('0.5'));
        const payee = fresh();
        await write(sender, c.PayableFallback, 'PayableFallback', 'withdraw', [payee, parseEther('0.45')]);
        assert.equal(await pub.getBalance({ address: payee }), parseEther('0.45'));
        assert.equal(await pub.getBalance({ address: c.PayableFallback }), parseEther('0.05'));
    });

    test('http({ batch }) sends JSON-RPC batches of batchSize and every answer is right', kEach, async () => {
        const bodies = [];
        const batched = createPublicClient({ chain, transport: transport({
            batch: { batchSize: 10, wait: 20 },
            onFetchRequest: (_request, init) => {
                bodies.push(JSON.parse(init.body));
            },
        }) });
        const addresses = kDevAccounts.map((a) => a.address);
        const expectedNonces = [];
        for (const a of addresses) expectedNonces.push(await pub.getTransactionCount({ address: a }));
        const results = await Promise.all([
            ...addresses.map((address) => batched.getTransactionCount({ address })),
            ...addresses.map((a) => batched.readContract({ address: c.Token, abi: art.Token.abi,
                functionName: 'balanceOf', args: [a] })),
            batched.getCode({ address: c.Token }),
        ]);
        assert.deepEqual(bodies.map((b) => (Array.isArray(b) ? b.length : 1)), [10, 10, 5]);
        assert.deepEqual(results.slice(0, 12), expectedNonces);
        assert.equal(results[12 + kRole.deployer], parseEther('1000000') - parseEther('1000'));
        assert.equal(results[12 + kRole.ether], 0n);
        assert.equal(results[24], art.Token.deployedBytecode);

        const head = await pub.getBlockNumber({ cacheTime: 0 });
        const { status, body } = await rawRpc(node.url, [
            { jsonrpc: '2.0', id: 7, method: 'eth_getBalance', params: [addresses[kRole.burst], 'latest'] },
            { jsonrpc: '2.0', id: 8, method: 'eth_blockNumber', params: [] },
        ]);
        assert.equal(status, 200);
        assert.deepEqual(body.map((r) => r.id).sort(), [7, 8]);
        assert.equal(body.find((r) => r.id === 7).result, toHex(kInitialBalance));
        assert.ok(BigInt(body.find((r) => r.id === 8).result) >= head);
    });

    test('replacement: +10% fee replaces a queued transaction, +5% is "replacement transaction underpriced"',
        kEach, async () => {
        const sender = w('replacement');
        const first = fresh();
        const second = fresh();
        const nonce = await pub.getTransactionCount({ address: sender.account.address, blockTag: 'pending' });
        const base = { gas: 21000n, type: 'eip1559' };
        const original = await sender.sendTransaction({ ...base, to: first, value: 1000n, nonce: nonce + 1,
            maxFeePerGas: parseGwei('10'), maxPriorityFeePerGas: parseGwei('2') });
        // The node knows the waiting transaction.
        const queued = await pub.getTransaction({ hash: original });
        assert.equal(queued.nonce, nonce + 1);
        assert.equal(queued.blockNumber, null);
        const low = await failure(() => sender.sendTransaction({ ...base, to: second, value: 2000n, nonce: nonce + 1,
            maxFeePerGas: parseGwei('10.5'), maxPriorityFeePerGas: parseGwei('2.1') }));
        assert.ok(low instanceof BaseError);
        assert.match(low.details, /replacement transaction underpriced/i);
        const replacement = await sender.sendTransaction({ ...base, to: second, value: 2000n, nonce: nonce + 1,
            maxFeePerGas: parseGwei('11'), maxPriorityFeePerGas: parseGwei('2.2') });
        const filler = await sender.sendTransaction({ ...base, to: first, value: 1n, nonce,
            maxFeePerGas: parseGwei('10'), maxPriorityFeePerGas: parseGwei('2') });
        const [fr, rr] = await Promise.all([receiptOf(filler), receiptOf(replacement)]);
        assert.equal(fr.status, 'success');
        assert.equal(rr.status, 'success');
        assert.equal((await pub.getTransaction({ hash: replacement })).nonce, nonce + 1);
        assert.ok(await failure(() => pub.getTransactionReceipt({ hash: original }))
            instanceof TransactionReceiptNotFoundError);
        assert.ok(await failure(() => pub.getTransaction({ hash: original })) instanceof TransactionNotFoundError);
        assert.equal(await pub.getBalance({ address: first }), 1n);
        assert.equal(await pub.getBalance({ address: second }), 2000n);
        assert.equal(await pub.getTransactionCount({ address: sender.account.address }), nonce + 2);
    });

    test('nonce errors: a used nonce is NonceTooLowError, an empty account insufficient funds', kEach, async () => {
        const sender = w('nonceErrors');
        await receiptOf(await sender.sendTransaction({ to: fresh(), value: 1n }));
        const reused = await failure(() => sender.sendTransaction({ to: fresh(), value: 1n, nonce: 0, gas: 21000n,
            maxFeePerGas: parseGwei('10'), maxPriorityFeePerGas: parseGwei('1') }));
        assert.ok(reused.walk((e) => e instanceof NonceTooLowError), reused.message);
        assert.match(reused.details, /nonce too low/i);
        assert.equal(await pub.getTransactionCount({ address: sender.account.address, blockTag: 'pending' }), 1);

        const empty = createWalletClient({ account: privateKeyToAccount(generatePrivateKey()), chain,
            transport: transport() });
        const poor = await failure(() => empty.sendTransaction({ to: fresh(), value: 1n, gas: 21000n,
            maxFeePerGas: parseGwei('10'), maxPriorityFeePerGas: parseGwei('1') }));
        assert.match(poor.details, kQuirks.insufficientFunds);
        if (node.target === 'yaoverse') assert.ok(poor.walk((e) => e instanceof InsufficientFundsError));
    });

    test('50 quick sends from one account: pending nonces, then a nonceManager burst, all mined in order',
        kEach, async () => {
        const sender = w('burst');
        const from = sender.account.address;
        const to = fresh();
        const start = await pub.getTransactionCount({ address: from, blockTag: 'pending' });
        const hashes = [];
        // Each send asks the node for the pending nonce; the previous send is not mined yet.
        for (let i = 0; i < 25; ++i) hashes.push(await sender.sendTransaction({ to, value: BigInt(i + 1) }));
        // viem's nonceManager hands out nonces locally: 25 sends in flight at once.
        const managed = createWalletClient({
            account: privateKeyToAccount(kDevAccounts[kRole.burst].key, { nonceManager }),
            chain, transport: transport() });
        hashes.push(...await Promise.all(Array.from({ length: 25 }, (_, i) =>
            managed.sendTransaction({ to, value: BigInt(1000 + i), gas: 21000n }))));
        const receipts = await withTimeout(Promise.all(hashes.map(receiptOf)), 60_000, '50 receipts');
        assert.ok(receipts.every((r) => r.status === 'success'));
        const txs = await Promise.all(hashes.map((hash) => pub.getTransaction({ hash })));
        assert.deepEqual(txs.slice(0, 25).map((t) => t.nonce), Array.from({ length: 25 }, (_, i) => start + i));
        assert.deepEqual(txs.map((t) => t.nonce).sort((a, b) => a - b),
            Array.from({ length: 50 }, (_, i) => start + i));
        const order = txs.slice().sort((a, b) => Number(a.blockNumber - b.blockNumber) ||
            a.transactionIndex - b.transactionIndex);
        assert.deepEqual(order.map((t) => t.nonce), Array.from({ length: 50 }, (_, i) => start + i));
        assert.equal(await pub.getTransactionCount({ address: from }), start + 50);
        const expected = Array.from({ length: 25 }, (_, i) => BigInt(i + 1 + 1000 + i)).reduce((x, y) => x + y);
        assert.equal(await pub.getBalance({ address: to }), expected);
    });
});
