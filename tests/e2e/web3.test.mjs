// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The dev chain driven by web3.js 4, the way a dapp developer would: a wallet of local keys,
// Contract.deploy().send, methods.x().send/call, receipts with decoded events, getPastLogs and
// getPastEvents, subscriptions over WebSocket, BatchRequest, estimateGas, calls at a past block,
// revert reasons, replacement and nonce errors, and a burst of sends from one account.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Web3 } from 'web3';

import { kChainId, kDevAccounts, kInitialBalance, kRole } from './lib/accounts.mjs';
import { loadArtifacts } from './lib/compile.mjs';
import { kQuirks, startNode } from './lib/node.mjs';
import { collector, kEach, rawRpc, sleep, waitUntil, withTimeout } from './lib/util.mjs';

const art = loadArtifacts();

let node;
let web3;
const c = {}; // deployed contracts (web3.eth.Contract), by contract name
const addr = (role) => kDevAccounts[kRole[role]].address;
const gwei = (n) => BigInt(Web3.utils.toWei(String(n), 'gwei'));
const ether = (n) => BigInt(Web3.utils.toWei(String(n), 'ether'));
const fresh = () => Web3.utils.toChecksumAddress(Web3.utils.randomHex(20));

/// Runs `fn`, which must reject, and returns the error for closer inspection.
async function failure(fn) {
    try {
        await fn();
    } catch (e) {
        return e;
    }
    assert.fail('expected a failure');
}

/// The decoded revert (EIP-838 error) somewhere in the cause chain of a web3 error.
function revertOf(error) {
    for (let e = error; e; e = e.cause) {
        if (e.errorName !== undefined || (typeof e.data === 'string' && e.data.startsWith('0x'))) return e;
    }
    assert.fail(`no revert data in ${error}: ${JSON.stringify(error)}`);
}

/// Decodes revert data against an ABI's errors (and Error/Panic), as an application does where
/// web3.js does not (methods.x().estimateGas rejects with the raw data only).
function decodeRevert(abi, data) {
    const errors = [...abi.filter((e) => e.type === 'error'),
        { type: 'error', name: 'Error', inputs: [{ name: 'message', type: 'string' }] },
        { type: 'error', name: 'Panic', inputs: [{ name: 'code', type: 'uint256' }] }];
    const item = errors.find((e) => web3.eth.abi.encodeFunctionSignature(
        `${e.name}(${e.inputs.map((i) => i.type).join(',')})`) === data.slice(0, 10));
    assert.ok(item, `no error in the ABI for ${data}`);
    return { errorName: item.name, errorArgs: web3.eth.abi.decodeParameters(item.inputs, `0x${data.slice(10)}`) };
}

/// Every message in the cause chain of a web3 error, for matching the node's wording.
function messages(error) {
    const out = [];
    for (let e = error; e; e = e.cause ?? e.innerError) {
        if (e.message) out.push(e.message);
        if (typeof e.reason === 'string') out.push(e.reason);
        if (Array.isArray(e.innerError)) out.push(...e.innerError.map((i) => i.message));
    }
    return out.join(' | ');
}

/// Signs with the wallet's key and sends without waiting for the receipt (web3's PromiEvent would go
/// on polling after the test); resolves with the hash the node returned. Fields not given are
/// filled as web3.js would, except the nonce, which is the node's pending count.
async function submit(tx) {
    const full = { type: 2, chainId: BigInt(kChainId), maxFeePerGas: gwei(10), maxPriorityFeePerGas: gwei(1), ...tx };
    full.nonce ??= await web3.eth.getTransactionCount(tx.from, 'pending');
    full.gas ??= await web3.eth.estimateGas(tx);
    const signed = await web3.eth.accounts.wallet.get(tx.from).signTransaction(full);
    return web3.requestManager.send({ method: 'eth_sendRawTransaction', params: [signed.rawTransaction] });
}

/// Polls for a receipt the way an application that only kept the hash would.
async function receiptOf(hash, ms = 30_000) {
    return withTimeout((async () => {
        for (;;) {
            try {
                const receipt = await web3.eth.getTransactionReceipt(hash);
                if (receipt) return receipt;
            } catch (e) {
                if (!/not found|TransactionNotFound/i.test(String(e?.message ?? e))) throw e;
            }
            await sleep(20);
        }
    })(), ms, `receipt of ${hash}`);
}

before(async () => {
    node = await startNode();
    web3 = new Web3(node.url);
    for (const context of [web3, web3.eth]) {
        context.transactionPollingInterval = 20; // receipts and confirmations too
        context.transactionBlockTimeout = 200;
    }
    for (const a of kDevAccounts) web3.eth.accounts.wallet.add(a.key);
});

after(async () => {
    await node?.stop();
});

describe('web3.js 4', () => {
    test('the chain is 31337 and the dev keys control the funded dev accounts', kEach, async () => {
        assert.equal(await web3.eth.getChainId(), BigInt(kChainId));
        assert.equal(await web3.eth.net.getId(), BigInt(kChainId));
        for (let i = 0; i < kDevAccounts.length; ++i) {
            assert.equal(web3.eth.accounts.privateKeyToAccount(kDevAccounts[i].key).address, kDevAccounts[i].address);
            assert.equal(web3.eth.accounts.wallet[i].address, kDevAccounts[i].address);
            assert.equal(await web3.eth.getBalance(kDevAccounts[i].address), kInitialBalance);
        }
    });

    test('Contract.deploy().send puts each contract at the CREATE address with solc runtime code',
        kEach, async () => {
        const from = addr('deployer');
        const supply = ether(1_000_000);
        for (const [name, args] of [['Token', ['Yao Token', 'YAO', supply]], ['Events', []], ['Reverter', []],
            ['Create2Factory', []], ['PayableFallback', []]]) {
            const nonce = await web3.eth.getTransactionCount(from, 'pending');
            let receipt;
            const contract = await new web3.eth.Contract(art[name].abi)
                .deploy({ data: art[name].bytecode, arguments: args })
                .send({ from })
                .on('receipt', (r) => {
                    receipt = r;
                });
            const address = contract.options.address;
            // CREATE address: keccak256(rlp([sender, nonce]))[12:]
            const rlp = Web3.utils.keccak256(encodeRlpSenderNonce(from, nonce));
            assert.equal(address, Web3.utils.toChecksumAddress(`0x${rlp.slice(26)}`));
            assert.equal(receipt.status, 1n);
            assert.equal(Web3.utils.toChecksumAddress(receipt.contractAddress), address);
            assert.equal(await web3.eth.getCode(address), art[name].deployedBytecode);
            c[name] = contract;
        }
        assert.equal(await web3.eth.getTransactionCount(from), 5n);
        assert.equal(await c.Token.methods.name().call(), 'Yao Token');
        assert.equal(await c.Token.methods.symbol().call(), 'YAO');
        assert.equal(await c.Token.methods.decimals().call(), 18n);
        assert.equal(await c.Token.methods.totalSupply().call(), supply);
        assert.equal(await c.Token.methods.balanceOf(from).call(), supply);
        const minted = await c.Token.getPastEvents('Transfer', { fromBlock: 0 });
        assert.equal(minted.length, 1);
        assert.equal(minted[0].returnValues.from, '0x0000000000000000000000000000000000000000');
        assert.equal(minted[0].returnValues.to, from);
        assert.equal(minted[0].returnValues.value, supply);
    });

    test('an ether transfer moves the exact value and charges exactly gasUsed * effectiveGasPrice',
        kEach, async () => {
        const from = addr('ether');
        const to = fresh();
        const value = ether('1.25');
        const before = await web3.eth.getBalance(from);
        assert.equal(await web3.eth.estimateGas({ from, to, value }), kQuirks.transferEstimate);
        const receipt = await web3.eth.sendTransaction({ from, to, value, maxFeePerGas: gwei(10),
            maxPriorityFeePerGas: gwei(1) });
        assert.equal(receipt.status, 1n);
        assert.equal(receipt.gasUsed, 21000n);
        assert.equal(await web3.eth.getBalance(to), value);
        assert.equal(await web3.eth.getBalance(from), before - value - receipt.gasUsed * receipt.effectiveGasPrice);
        const tx = await web3.eth.getTransaction(receipt.transactionHash);
        assert.equal(tx.from.toLowerCase(), from.toLowerCase());
        assert.equal(tx.to.toLowerCase(), to.toLowerCase());
        assert.equal(tx.value, value);
        assert.equal(tx.nonce, 0n);
        assert.equal(tx.type, 2n);
        assert.equal(tx.blockNumber, receipt.blockNumber);
        const block = await web3.eth.getBlock(receipt.blockNumber);
        assert.equal(block.hash, receipt.blockHash);
        assert.ok(block.transactions.includes(receipt.transactionHash));
        const tip = block.baseFeePerGas + tx.maxPriorityFeePerGas;
        assert.equal(receipt.effectiveGasPrice, tip < tx.maxFeePerGas ? tip : tx.maxFeePerGas);
    });

    test('ERC-20: transfer, approve, transferFrom with exact balances, receipt events and custom errors',
        kEach, async () => {
        const token = c.Token;
        const holder = addr('token');
        const spender = addr('spender');
        const r1 = await token.methods.transfer(holder, ether(1000)).send({ from: addr('deployer') });
        assert.equal(r1.events.Transfer.returnValues.from, addr('deployer'));
        assert.equal(r1.events.Transfer.returnValues.to, holder);
        assert.equal(r1.events.Transfer.returnValues.value, ether(1000));

        const recipient = fresh();
        const r2 = await token.methods.transfer(recipient, ether(250)).send({ from: holder });
        assert.equal(r2.logs.length, 1);
        assert.deepEqual(r2.logs[0].topics, [
            Web3.utils.keccak256('Transfer(address,address,uint256)'),
            Web3.utils.padLeft(holder.toLowerCase(), 64),
            Web3.utils.padLeft(recipient.toLowerCase(), 64)]);
        assert.equal(r2.logs[0].data, web3.eth.abi.encodeParameter('uint256', ether(250)));
        assert.equal(await token.methods.balanceOf(holder).call(), ether(750));
        assert.equal(await token.methods.balanceOf(recipient).call(), ether(250));

        const r3 = await token.methods.approve(spender, 100n).send({ from: holder });
        assert.equal(r3.events.Approval.returnValues.owner, holder);
        assert.equal(r3.events.Approval.returnValues.spender, spender);
        assert.equal(r3.events.Approval.returnValues.value, 100n);
        const third = fresh();
        await token.methods.transferFrom(holder, third, 60n).send({ from: spender });
        assert.equal(await token.methods.allowance(holder, spender).call(), 40n);
        assert.equal(await token.methods.balanceOf(third).call(), 60n);

        const tooMuch = revertOf(await failure(() =>
            token.methods.transfer(recipient, ether(751)).call({ from: holder })));
        assert.equal(tooMuch.errorName, 'InsufficientBalance');
        assert.equal(tooMuch.errorSignature, 'InsufficientBalance(uint256,uint256)');
        assert.equal(tooMuch.errorArgs.available, ether(750) - 60n);
        assert.equal(tooMuch.errorArgs.required, ether(751));
        const overAllowance = decodeRevert(art.Token.abi, revertOf(await failure(() =>
            token.methods.transferFrom(holder, third, 41n).estimateGas({ from: spender }))).data);
        assert.equal(overAllowance.errorName, 'InsufficientAllowance');
        assert.equal(overAllowance.errorArgs.available, 40n);
        assert.equal(overAllowance.errorArgs.required, 41n);
    });

    test('ERC-721: mint, ownerOf, transferFrom, indexed token id, custom errors', kEach, async () => {
        const minter = addr('nft');
        const other = addr('spender');
        const nft = await new web3.eth.Contract(art.Nft.abi).deploy({ data: art.Nft.bytecode }).send({ from: minter });
        assert.equal(await nft.methods.minter().call(), minter);
        assert.equal(await nft.methods.supportsInterface('0x80ac58cd').call(), true);
        const mint1 = await nft.methods.mint(minter, 1n).send({ from: minter });
        await nft.methods.mint(other, 2n).send({ from: minter });
        assert.deepEqual(mint1.logs[0].topics, [Web3.utils.keccak256('Transfer(address,address,uint256)'),
            Web3.utils.padLeft('0x0', 64), Web3.utils.padLeft(minter.toLowerCase(), 64), Web3.utils.padLeft('0x1', 64)]);
        assert.equal(mint1.events.Transfer.returnValues.tokenId, 1n);
        assert.equal(await nft.methods.ownerOf(1n).call(), minter);
        const moved = await nft.methods.transferFrom(minter, other, 1n).send({ from: minter });
        assert.equal(moved.events.Transfer.returnValues.from, minter);
        assert.equal(moved.events.Transfer.returnValues.to, other);
        assert.equal(moved.events.Transfer.returnValues.tokenId, 1n);
        assert.equal(await nft.methods.ownerOf(1n).call(), other);
        assert.equal(await nft.methods.balanceOf(other).call(), 2n);
        assert.equal(await nft.methods.balanceOf(minter).call(), 0n);
        const missing = revertOf(await failure(() => nft.methods.ownerOf(99n).call()));
        assert.equal(missing.errorName, 'NonexistentToken');
        assert.equal(missing.errorArgs.tokenId, 99n);
        const notOwner = revertOf(await failure(() => nft.methods.transferFrom(other, minter, 2n).call({ from: minter })));
        assert.equal(notOwner.errorName, 'NotOwner');
        assert.equal(notOwner.errorArgs.tokenId, 2n);
        assert.equal(notOwner.errorArgs.caller, minter);
    });

    test('events: indexed values, hashed indexed strings, many logs per transaction, anonymous events',
        kEach, async () => {
        const events = c.Events;
        const from = addr('misc');
        const stored = await events.methods.store(7n, 42n).send({ from });
        assert.equal(stored.events.Stored.returnValues.by, from);
        assert.equal(stored.events.Stored.returnValues.key, 7n);
        assert.equal(stored.events.Stored.returnValues.value, 42n);

        const noted = await events.methods.note('greeting', 'hello, yao', '0xdeadbeef').send({ from });
        assert.equal(noted.logs[0].topics[1], Web3.utils.keccak256('greeting'));
        assert.equal(noted.events.Note.returnValues.text, 'hello, yao');
        assert.equal(noted.events.Note.returnValues.data, '0xdeadbeef');

        const tag = Web3.utils.keccak256('tag');
        const counted = await events.methods.count(5n, tag).send({ from });
        assert.equal(counted.logs.length, 5);
        const countedAbi = art.Events.abi.find((e) => e.name === 'Counted');
        counted.logs.forEach((log, i) => {
            assert.equal(log.logIndex, counted.logs[0].logIndex + BigInt(i));
            assert.equal(log.transactionHash, counted.transactionHash);
            const decoded = web3.eth.abi.decodeLog(countedAbi.inputs, log.data, log.topics.slice(1));
            assert.equal(decoded.index, BigInt(i));
            assert.equal(decoded.tag, tag);
        });

        const a = Web3.utils.keccak256('a');
        const b = Web3.utils.keccak256('b');
        const raw = await events.methods.raw(a, b, 99n).send({ from });
        assert.deepEqual(raw.logs[0].topics, [a, b]);
        assert.equal(raw.logs[0].data, web3.eth.abi.encodeParameter('uint256', 99n));
    });

    test('getPastLogs and getPastEvents filter by topic, indexed argument, block range and block hash',
        kEach, async () => {
        const events = c.Events;
        const from = addr('misc');
        const address = events.options.address;
        const storedTopic = Web3.utils.keccak256('Stored(address,uint256,uint256)');
        const word = (n) => web3.eth.abi.encodeParameter('uint256', n);
        const receipts = [];
        for (const [key, value] of [[101n, 10n], [102n, 20n], [103n, 30n]]) {
            receipts.push(await events.methods.store(key, value).send({ from }));
        }
        const fromBlock = receipts[0].blockNumber;
        const toBlock = receipts[2].blockNumber;
        const logs = await web3.eth.getPastLogs({ address, topics: [storedTopic], fromBlock, toBlock });
        assert.deepEqual(logs.map((l) => l.data), [word(10n), word(20n), word(30n)]);
        assert.deepEqual(logs.map((l) => l.transactionHash), receipts.map((r) => r.transactionHash));
        assert.deepEqual(logs.map((l) => l.blockHash), receipts.map((r) => r.blockHash));

        const byKey = await web3.eth.getPastLogs({ address, topics: [storedTopic, null, word(102n)], fromBlock, toBlock });
        assert.deepEqual(byKey.map((l) => l.transactionHash), [receipts[1].transactionHash]);
        const either = await web3.eth.getPastLogs({ address, topics: [storedTopic, null, [word(101n), word(103n)]],
            fromBlock, toBlock });
        assert.deepEqual(either.map((l) => l.transactionHash), [receipts[0].transactionHash, receipts[2].transactionHash]);
        const byHash = await web3.eth.getPastLogs({ address, blockHash: receipts[1].blockHash });
        assert.deepEqual(byHash.map((l) => l.transactionHash), [receipts[1].transactionHash]);

        const past = await events.getPastEvents('Stored', { filter: { key: [102n, 103n] }, fromBlock, toBlock });
        assert.deepEqual(past.map((e) => e.returnValues.value), [20n, 30n]);
        assert.ok(past.every((e) => e.returnValues.by === from));
        const none = await web3.eth.getPastLogs({ address: c.Token.options.address, topics: [storedTopic],
            fromBlock, toBlock });
        assert.deepEqual(none, []);
        const toHolder = await c.Token.getPastEvents('Transfer', { filter: { to: addr('token') }, fromBlock: 0 });
        assert.equal(toHolder.length, 1);
        assert.equal(toHolder[0].returnValues.value, ether(1000));
    });

    test('WebSocket subscriptions: contract.events and eth.subscribe("logs") deliver exactly the matching logs',
        kEach, async () => {
        const ws3 = new Web3(node.wsUrl);
        try {
            const token = new ws3.eth.Contract(art.Token.abi, c.Token.options.address);
            const watched = fresh();
            const transfers = collector();
            const sub = token.events.Transfer({ filter: { to: watched } });
            sub.on('data', (e) => transfers.push(e));
            sub.on('error', (e) => transfers.push(e));
            const stored = collector();
            const logSub = await ws3.eth.subscribe('logs', { address: c.Events.options.address,
                topics: [Web3.utils.keccak256('Stored(address,uint256,uint256)')] });
            logSub.on('data', (l) => stored.push(l));
            logSub.on('error', (e) => stored.push(e));
            const heads = collector();
            const headSub = await ws3.eth.subscribe('newBlockHeaders');
            headSub.on('data', (h) => heads.push(h.number));
            // contract.events subscribes in the background; its id arrives with the node's answer.
            await waitUntil(() => sub.id !== undefined, 10_000, 'the Transfer subscription');

            // A first matching log of each kind: the subscriptions deliver.
            const holder = addr('token');
            const transfer = (to, v) => submit({ from: holder, to: c.Token.options.address,
                data: c.Token.methods.transfer(to, v).encodeABI(), gas: 100_000n });
            const store = (key, v) => submit({ from: addr('misc'), to: c.Events.options.address,
                data: c.Events.methods.store(key, v).encodeABI(), gas: 100_000n });
            const hashes = [await transfer(watched, 10n)];
            const storeHashes = [await store(554n, 4n)];
            await transfers.until(1);
            await stored.until(1);

            for (const [to, v] of [[watched, 11n], [fresh(), 12n], [watched, 13n]]) hashes.push(await transfer(to, v));
            storeHashes.push(await store(555n, 5n));
            const receipts = await Promise.all([...hashes, ...storeHashes].map((h) => receiptOf(h)));
            assert.ok(receipts.every((r) => r.status === 1n));

            const got = await transfers.until(3);
            assert.deepEqual(got.map((e) => e.returnValues.value), [10n, 11n, 13n]);
            assert.deepEqual(got.map((e) => e.transactionHash), [hashes[0], hashes[1], hashes[3]]);
            assert.ok(got.every((e) => e.returnValues.from === holder && e.returnValues.to === watched));
            const logs = await stored.until(2);
            assert.deepEqual(logs.map((l) => l.transactionHash), storeHashes);
            assert.equal(logs[1].topics[2], web3.eth.abi.encodeParameter('uint256', 555n));
            assert.equal(logs[1].data, web3.eth.abi.encodeParameter('uint256', 5n));
            const last = receipts.reduce((m, r) => (r.blockNumber > m ? r.blockNumber : m), 0n);
            await withTimeout((async () => {
                while (!heads.values.some((n) => BigInt(n) >= last)) await sleep(20);
            })(), 10_000, `newBlockHeaders up to ${last}`);
            await sleep(200);
            assert.equal(transfers.values.length, 3, 'a transfer to another address was delivered');
            assert.equal(stored.values.length, 2);
            await sub.unsubscribe();
        } finally {
            await ws3.eth.clearSubscriptions().catch(() => {});
            ws3.currentProvider.disconnect();
        }
    });

    test('estimateGas: 21000 for ether, enough and close for contract calls, revert reasons on failure',
        kEach, async () => {
        const holder = addr('token');
        const to = fresh();
        const estimate = await c.Token.methods.transfer(to, 1n).estimateGas({ from: holder });
        const receipt = await c.Token.methods.transfer(to, 1n).send({ from: holder, gas: estimate });
        assert.equal(receipt.status, 1n);
        assert.ok(estimate >= receipt.gasUsed);
        assert.ok(estimate <= (receipt.gasUsed * 110n) / 100n, `estimate ${estimate} far above ${receipt.gasUsed}`);

        const salt = Web3.utils.keccak256('estimate');
        const deployEstimate = await c.Create2Factory.methods.deploy(salt, 1n).estimateGas({ from: addr('create2') });
        const deployed = await c.Create2Factory.methods.deploy(salt, 1n).send({ from: addr('create2'),
            gas: deployEstimate });
        assert.equal(deployed.status, 1n);
        assert.ok(deployEstimate >= deployed.gasUsed);

        const reverted = decodeRevert(art.Reverter.abi, revertOf(await failure(() =>
            c.Reverter.methods.requireBelow(10n).estimateGas())).data);
        assert.equal(reverted.errorName, 'Error');
        assert.equal(reverted.errorArgs.message, 'x must be below 10');
        assert.equal(await web3.eth.estimateGas({ from: addr('ether'), to: fresh(), value: 1n }),
            kQuirks.transferEstimate);
    });

    test('call, getBalance and getTransactionCount at a past block number see the state of that block',
        kEach, async () => {
        const holder = addr('token');
        const recipient = fresh();
        const nonceBefore = await web3.eth.getTransactionCount(holder);
        const r1 = await c.Token.methods.transfer(recipient, 5n).send({ from: holder });
        const r2 = await c.Token.methods.transfer(recipient, 7n).send({ from: holder });
        assert.ok(r2.blockNumber > r1.blockNumber);
        const at = (block) => c.Token.methods.balanceOf(recipient).call({}, block);
        assert.equal(await at(r1.blockNumber - 1n), 0n);
        assert.equal(await at(r1.blockNumber), 5n);
        assert.equal(await at(r2.blockNumber), 12n);
        assert.equal(await at('latest'), 12n);
        assert.equal(await web3.eth.getTransactionCount(holder, r1.blockNumber - 1n), nonceBefore);
        assert.equal(await web3.eth.getTransactionCount(holder, r1.blockNumber), nonceBefore + 1n);
        const data = c.Token.methods.balanceOf(recipient).encodeABI();
        assert.equal(await web3.eth.call({ to: c.Token.options.address, data }, r1.blockNumber),
            web3.eth.abi.encodeParameter('uint256', 5n));
        assert.equal(await web3.eth.call({ to: c.Token.options.address, data }, 0), '0x');
        assert.equal(await web3.eth.getCode(c.Token.options.address, 0), '0x');
        assert.equal(await web3.eth.getBalance(addr('ether'), 0), kInitialBalance);
        const future = (await web3.eth.getBlockNumber()) + 1000n;
        await assert.rejects(web3.eth.call({ to: c.Token.options.address, data }, future));
    });

    test('revert reasons: require string, custom error, panics, bare revert, mined failure', kEach, async () => {
        const from = addr('reverts');
        const reverter = c.Reverter;
        assert.equal(await reverter.methods.requireBelow(3n).call(), 6n);
        const required = revertOf(await failure(() => reverter.methods.requireBelow(11n).call()));
        assert.equal(required.errorName, 'Error');
        assert.equal(required.errorArgs.message, 'x must be below 10');
        assert.equal(required.data, `0x08c379a0${web3.eth.abi.encodeParameter('string', 'x must be below 10').slice(2)}`);

        const custom = revertOf(await failure(() => reverter.methods.customError(77n).call({ from })));
        assert.equal(custom.errorName, 'Unauthorized');
        assert.equal(custom.errorSignature, 'Unauthorized(address,uint256,string)');
        assert.equal(custom.errorArgs.caller, from);
        assert.equal(custom.errorArgs.code, 77n);
        assert.equal(custom.errorArgs.why, 'custom failure');

        const asserted = revertOf(await failure(() => reverter.methods.panicAssert().call()));
        assert.equal(asserted.errorName, 'Panic');
        assert.equal(asserted.errorArgs.code, 1n);
        const divided = revertOf(await failure(() => reverter.methods.panicDivide(0n).call()));
        assert.equal(divided.errorName, 'Panic');
        assert.equal(divided.errorArgs.code, 0x12n);
        assert.equal(await reverter.methods.panicDivide(4n).call(), 25n);

        // No revert data at all. Asked through web3.eth.call: methods.x().call() would match the
        // empty selector against the first error of the ABI and log a decoding failure.
        const bare = await failure(() => web3.eth.call({ to: reverter.options.address,
            data: reverter.methods.plainRevert().encodeABI() }));
        assert.match(messages(bare), /revert/i);
        for (let e = bare; e; e = e.cause) {
            assert.ok(e.data === undefined || e.data === null || e.data === '0x' || typeof e.data === 'object',
                `bare revert data ${e.data}`);
            assert.equal(e.errorArgs, undefined);
        }

        // A reverted transaction is mined: status 0, gas paid, nonce used, state unchanged.
        const balance = await web3.eth.getBalance(from);
        const nonce = await web3.eth.getTransactionCount(from);
        const hash = await submit({ from, to: reverter.options.address, data: reverter.methods.bump(1n).encodeABI(),
            gas: 100_000n });
        const receipt = await receiptOf(hash);
        assert.equal(receipt.status, 0n);
        assert.ok(receipt.gasUsed > 21000n && receipt.gasUsed < 100_000n);
        assert.deepEqual(receipt.logs, []);
        assert.equal(await web3.eth.getBalance(from), balance - receipt.gasUsed * receipt.effectiveGasPrice);
        assert.equal(await web3.eth.getTransactionCount(from), nonce + 1n);
        assert.equal(await reverter.methods.counter().call(), 0n);
        // Through methods.send, the same failure rejects with the mined receipt attached.
        const sendFailure = await failure(() => reverter.methods.bump(3n).send({ from, gas: 100_000n }));
        assert.equal(sendFailure.receipt.status, 0n);
        assert.equal(await web3.eth.getTransactionCount(from), nonce + 2n);
        await reverter.methods.bump(2n).send({ from });
        assert.equal(await reverter.methods.counter().call(), 1n);
    });

    test('CREATE2: the child lands at the address computed off-chain, with its code, arguments and value',
        kEach, async () => {
        const from = addr('create2');
        const factory = c.Create2Factory;
        const salt = Web3.utils.keccak256('yaoverse-web3');
        const tag = 4242n;
        const value = ether('0.5');
        const initCode = art.Child.bytecode +
            web3.eth.abi.encodeParameters(['address', 'uint256'], [from, tag]).slice(2);
        const hash = Web3.utils.keccak256(`0xff${factory.options.address.slice(2)}${salt.slice(2)}${
            Web3.utils.keccak256(initCode).slice(2)}`);
        const predicted = Web3.utils.toChecksumAddress(`0x${hash.slice(26)}`);
        assert.equal(await web3.eth.getCode(predicted), '0x');
        assert.equal(await factory.methods.deploy(salt, tag).call({ from, value }), predicted);
        const receipt = await factory.methods.deploy(salt, tag).send({ from, value });
        assert.equal(receipt.events.Deployed.returnValues.child, predicted);
        assert.equal(receipt.events.Deployed.returnValues.salt, salt);
        assert.equal(receipt.events.Deployed.returnValues.tag, tag);
        assert.equal(await web3.eth.getCode(predicted), art.Child.deployedBytecode);
        const child = new web3.eth.Contract(art.Child.abi, predicted);
        assert.equal(await child.methods.owner().call(), from);
        assert.equal(await child.methods.tag().call(), tag);
        assert.equal(await web3.eth.getBalance(predicted), value);
        // The same salt again collides: CREATE2 fails and the factory reverts without data.
        const again = await failure(() => web3.eth.call({ from, to: factory.options.address,
            data: factory.methods.deploy(salt, tag).encodeABI() }));
        assert.match(messages(again), /revert/i);
    });

    test('payable receive and fallback log the sender, value and calldata', kEach, async () => {
        const from = addr('fallback');
        const target = c.PayableFallback.options.address;
        const withGas = async (tx) => ({ ...tx, gas: await web3.eth.estimateGas(tx) });
        const plain = await web3.eth.sendTransaction(await withGas({ from, to: target, value: ether('0.3') }));
        assert.ok(plain.gasUsed > 21000n);
        const receivedAbi = art.PayableFallback.abi.find((e) => e.name === 'Received');
        assert.equal(plain.logs[0].topics[0], web3.eth.abi.encodeEventSignature(receivedAbi));
        const received = web3.eth.abi.decodeLog(receivedAbi.inputs, plain.logs[0].data, plain.logs[0].topics.slice(1));
        assert.equal(received.from, from);
        assert.equal(received.value, ether('0.3'));

        const data = '0x12345678abcdef';
        const withData = await web3.eth.sendTransaction(await withGas({ from, to: target, value: ether('0.2'), data }));
        const fallbackAbi = art.PayableFallback.abi.find((e) => e.name === 'Fallback');
        assert.equal(withData.logs[0].topics[0], web3.eth.abi.encodeEventSignature(fallbackAbi));
        const fallback = web3.eth.abi.decodeLog(fallbackAbi.inputs, withData.logs[0].data,
            withData.logs[0].topics.slice(1));
        assert.equal(fallback.from, from);
        assert.equal(fallback.value, ether('0.2'));
        assert.equal(fallback.data, data);
        assert.equal(await web3.eth.getBalance(target), ether('0.5'));
        const payee = fresh();
        await c.PayableFallback.methods.withdraw(payee, ether('0.45')).send({ from });
        assert.equal(await web3.eth.getBalance(payee), ether('0.45'));
        assert.equal(await web3.eth.getBalance(target), ether('0.05'));
    });

    test('BatchRequest: one HTTP request, every member answered in place, failures per member', kEach, async () => {
        const batch = new web3.BatchRequest();
        const addresses = kDevAccounts.map((a) => a.address);
        const expectedNonces = [];
        for (const a of addresses) expectedNonces.push(await web3.eth.getTransactionCount(a));
        const nonces = addresses.map((a) => batch.add({ method: 'eth_getTransactionCount', params: [a, 'latest'] }));
        const data = c.Token.methods.balanceOf(addr('deployer')).encodeABI();
        const balance = batch.add({ method: 'eth_call', params: [{ to: c.Token.options.address, data }, 'latest'] });
        const chainId = batch.add({ method: 'eth_chainId', params: [] });
        const missing = batch.add({ method: 'no_suchMethod', params: [] });
        missing.catch(() => {}); // inspected below
        const responses = await batch.execute({ timeout: 10_000 });
        assert.equal(responses.length, addresses.length + 3);
        assert.deepEqual((await Promise.all(nonces)).map((n) => BigInt(n)), expectedNonces);
        assert.equal(BigInt(await balance), ether(1_000_000) - ether(1000));
        assert.equal(await chainId, '0x7a69');
        const err = await failure(() => missing);
        assert.equal(err.code, kQuirks.unknownMethodCode);

        // The wire format: one POST, an array back, answers matched by id.
        const { body } = await rawRpc(node.url, [
            { jsonrpc: '2.0', id: 21, method: 'eth_getBalance', params: [addresses[kRole.burst], 'latest'] },
            { jsonrpc: '2.0', id: 22, method: 'eth_chainId', params: [] },
        ]);
        assert.ok(Array.isArray(body));
        assert.equal(body.find((r) => r.id === 21).result, Web3.utils.toHex(kInitialBalance));
        assert.equal(body.find((r) => r.id === 22).result, '0x7a69');
    });

    test('replacement: +10% fee replaces a queued transaction, +5% is "replacement transaction underpriced"',
        kEach, async () => {
        const from = addr('replacement');
        const first = fresh();
        const second = fresh();
        const nonce = await web3.eth.getTransactionCount(from, 'pending');
        const base = { from, gas: 21000n, type: 2 };
        const original = await submit({ ...base, to: first, value: 1000n, nonce: nonce + 1n,
            maxFeePerGas: gwei(10), maxPriorityFeePerGas: gwei(2) });
        const low = await failure(() => submit({ ...base, to: second, value: 2000n, nonce: nonce + 1n,
            maxFeePerGas: gwei('10.5'), maxPriorityFeePerGas: gwei('2.1') }));
        assert.match(messages(low), /replacement transaction underpriced/i);
        const replacement = await submit({ ...base, to: second, value: 2000n, nonce: nonce + 1n,
            maxFeePerGas: gwei(11), maxPriorityFeePerGas: gwei('2.2') });
        const filler = await submit({ ...base, to: first, value: 1n, nonce,
            maxFeePerGas: gwei(10), maxPriorityFeePerGas: gwei(2) });
        const [fr, rr] = await Promise.all([receiptOf(filler), receiptOf(replacement)]);
        assert.equal(fr.status, 1n);
        assert.equal(rr.status, 1n);
        assert.equal((await web3.eth.getTransaction(replacement)).nonce, nonce + 1n);
        const gone = await web3.eth.getTransactionReceipt(original).catch(() => null);
        assert.equal(gone, null);
        assert.equal(await web3.eth.getBalance(first), 1n);
        assert.equal(await web3.eth.getBalance(second), 2000n);
        assert.equal(await web3.eth.getTransactionCount(from), nonce + 2n);
    });

    test('nonce errors: a used nonce is "nonce too low", an empty account "insufficient funds"', kEach, async () => {
        const from = addr('nonceErrors');
        await web3.eth.sendTransaction({ from, to: fresh(), value: 1n });
        const reused = await failure(() => submit({ from, to: fresh(), value: 1n, nonce: 0n, gas: 21000n,
            maxFeePerGas: gwei(10), maxPriorityFeePerGas: gwei(1) }));
        assert.match(messages(reused), /nonce too low/i);
        assert.equal(await web3.eth.getTransactionCount(from, 'pending'), 1n);

        const empty = web3.eth.accounts.create();
        const signed = await empty.signTransaction({ to: fresh(), value: 1n, gas: 21000n, nonce: 0n,
            maxFeePerGas: gwei(10), maxPriorityFeePerGas: gwei(1), chainId: BigInt(kChainId), type: 2 });
        // Without web3's eth_call rehearsal, so that the answer is eth_sendRawTransaction's.
        const poor = await failure(() => web3.eth.sendSignedTransaction(signed.rawTransaction, undefined,
            { checkRevertBeforeSending: false }));
        assert.match(poor.innerError?.message ?? poor.cause?.message, kQuirks.insufficientFunds);
    });

    test('50 quick sends from one account: pending nonces, then 25 in flight at once, all mined in order',
        kEach, async () => {
        const from = addr('burst');
        const to = fresh();
        const start = await web3.eth.getTransactionCount(from, 'pending');
        const hashes = [];
        // web3.js takes the nonce from the latest block; an application sending faster than blocks
        // asks for the pending count itself, and the node must count what it has accepted.
        for (let i = 0; i < 25; ++i) {
            const nonce = await web3.eth.getTransactionCount(from, 'pending');
            assert.equal(nonce, start + BigInt(i));
            hashes.push(await submit({ from, to, value: BigInt(i + 1), nonce, gas: 21000n }));
        }
        const fees = { maxFeePerGas: gwei(10), maxPriorityFeePerGas: gwei(1) };
        hashes.push(...await Promise.all(Array.from({ length: 25 }, (_, i) =>
            submit({ from, to, value: BigInt(1000 + i), nonce: start + 25n + BigInt(i), gas: 21000n, ...fees }))));
        const receipts = await Promise.all(hashes.map((h) => receiptOf(h, 60_000)));
        assert.ok(receipts.every((r) => r.status === 1n));
        const txs = await Promise.all(hashes.map((h) => web3.eth.getTransaction(h)));
        const expected = Array.from({ length: 50 }, (_, i) => start + BigInt(i));
        assert.deepEqual(txs.map((t) => t.nonce), expected);
        const order = txs.slice().sort((a, b) => Number(a.blockNumber - b.blockNumber) ||
            Number(a.transactionIndex - b.transactionIndex));
        assert.deepEqual(order.map((t) => t.nonce), expected);
        assert.equal(await web3.eth.getTransactionCount(from), start + 50n);
        const total = Array.from({ length: 25 }, (_, i) => BigInt(i + 1 + 1000 + i)).reduce((x, y) => x + y);
        assert.equal(await web3.eth.getBalance(to), total);
    });
});

/// RLP of [sender, nonce], the preimage of a CREATE address (short lists only, which is all we need).
function encodeRlpSenderNonce(sender, nonce) {
    const n = BigInt(nonce);
    let nonceItem;
    if (n === 0n) nonceItem = '80';
    else if (n < 128n) nonceItem = n.toString(16).padStart(2, '0');
    else {
        let hex = n.toString(16);
        if (hex.length % 2) hex = `0${hex}`;
        nonceItem = (0x80 + hex.length / 2).toString(16) + hex;
    }
    const payload = `94${sender.slice(2).toLowerCase()}${nonceItem}`;
    return `0x${(0xc0 + payload.length / 2).toString(16)}${payload}`;
}
