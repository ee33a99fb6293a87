// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The dev chain driven by ethers v6, the way a dapp developer would: ContractFactory, wait(),
// interface decoding, getLogs, WebSocketProvider subscriptions, estimateGas, calls at past blocks,
// JSON-RPC batching, replacement and nonce errors, a burst of sends from one account, and the
// address history Otterscan reads (ots_ methods; not on Hardhat).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    AbiCoder,
    Contract,
    ContractFactory,
    HDNodeWallet,
    JsonRpcProvider,
    NonceManager,
    Wallet,
    WebSocketProvider,
    concat,
    getCreate2Address,
    getCreateAddress,
    id,
    keccak256,
    parseEther,
    toBeHex,
    zeroPadValue,
} from 'ethers';

import { kChainId, kDevAccounts, kInitialBalance, kMnemonic, kRole } from './lib/accounts.mjs';
import { loadArtifacts } from './lib/compile.mjs';
import { kQuirks, startNode } from './lib/node.mjs';
import { collector, gwei, kEach, rawRpc, sleep, waitUntil, withTimeout } from './lib/util.mjs';

const art = loadArtifacts();
const coder = AbiCoder.defaultAbiCoder();
const word = (n) => zeroPadValue(toBeHex(n), 32);
// No 250 ms response cache (a chain with 20 ms blocks outdates it), and quick polling for receipts.
const kProviderOptions = { staticNetwork: true, pollingInterval: 20, cacheTimeout: -1 };

let node;
let provider;
let wallets;
const c = {}; // deployed contracts, connected to the deployer
const w = (role) => wallets[kRole[role]];
const fresh = () => Wallet.createRandom().address;

/// The message of the JSON-RPC error behind an ethers error.
const nodeMessage = (e) => e.info?.error?.message ?? e.error?.message;

/// Runs `fn`, which must reject, and returns the error for closer inspection.
async function failure(fn) {
    try {
        await fn();
    } catch (e) {
        return e;
    }
    assert.fail('expected a failure');
}

before(async () => {
    node = await startNode();
    provider = new JsonRpcProvider(node.url, kChainId, kProviderOptions);
    wallets = kDevAccounts.map((a) => new Wallet(a.key, provider));
});

after(async () => {
    provider?.destroy();
    await node?.stop();
});

describe('ethers v6', () => {
    test('the chain is 31337 and the dev accounts derive from the mnemonic and hold 10,000 ETH', kEach, async () => {
        assert.equal(await provider.send('eth_chainId', []), '0x7a69');
        assert.equal(await provider.send('net_version', []), '31337');
        for (let i = 0; i < kDevAccounts.length; ++i) {
            const derived = HDNodeWallet.fromPhrase(kMnemonic, undefined, `m/44'/60'/0'/0/${i}`);
            assert.equal(derived.address, kDevAccounts[i].address);
            assert.equal(wallets[i].address, kDevAccounts[i].address);
            assert.equal(await provider.getBalance(kDevAccounts[i].address), kInitialBalance);
            assert.equal(await provider.getTransactionCount(kDevAccounts[i].address), 0);
        }
    });

    test('deploys every contract at getCreateAddress(sender, nonce) with solc runtime code', kEach, async () => {
        const deployer = w('deployer');
        const deploy = async (name, ...args) => {
            const factory = new ContractFactory(art[name].abi, art[name].bytecode, deployer);
            const contract = await factory.deploy(...args);
            const tx = contract.deploymentTransaction();
            const receipt = await tx.wait();
            await contract.waitForDeployment();
            const address = await contract.getAddress();
            assert.equal(receipt.status, 1);
            assert.equal(address, getCreateAddress({ from: deployer.address, nonce: tx.nonce }));
            assert.equal(receipt.contractAddress, address);
            assert.equal(receipt.to, null);
            assert.equal(receipt.from, deployer.address);
            return { contract, receipt };
        };
        const supply = parseEther('1000000');
        const token = await deploy('Token', 'Yao Token', 'YAO', supply);
        c.token = token.contract;
        // The constructor's mint shows in the deployment receipt.
        assert.equal(token.receipt.logs.length, 1);
        const minted = c.token.interface.parseLog(token.receipt.logs[0]);
        assert.equal(minted.name, 'Transfer');
        assert.deepEqual([...minted.args], [
            '0x0000000000000000000000000000000000000000', deployer.address, supply]);
        c.events = (await deploy('Events')).contract;
        c.reverter = (await deploy('Reverter')).contract;
        c.factory = (await deploy('Create2Factory')).contract;
        c.payable = (await deploy('PayableFallback')).contract;
        for (const name of ['Token', 'Events', 'Reverter', 'Create2Factory', 'PayableFallback']) {
            const contract = { Token: c.token, Events: c.events, Reverter: c.reverter,
                Create2Factory: c.factory, PayableFallback: c.payable }[name];
            assert.equal(await provider.getCode(await contract.getAddress()), art[name].deployedBytecode,
                `${name} runtime code`);
        }
        assert.equal(await provider.getTransactionCount(deployer.address), 5);
        assert.equal(await c.token.name(), 'Yao Token');
        assert.equal(await c.token.symbol(), 'YAO');
        assert.equal(await c.token.decimals(), 18n);
        assert.equal(await c.token.totalSupply(), supply);
        assert.equal(await c.token.balanceOf(deployer.address), supply);
    });

    test('an ether transfer moves the exact value and charges exactly gasUsed * effectiveGasPrice',
        kEach, async () => {
        const sender = w('ether');
        const to = fresh();
        const value = parseEther('1.25');
        const before = await provider.getBalance(sender.address);
        assert.equal(await provider.estimateGas({ from: sender.address, to, value }), kQuirks.transferEstimate);
        const tx = await sender.sendTransaction({ to, value, type: 2, maxFeePerGas: gwei(10),
            maxPriorityFeePerGas: gwei(1) });
        assert.equal(tx.nonce, 0);
        const receipt = await tx.wait();
        assert.equal(receipt.status, 1);
        assert.equal(receipt.gasUsed, 21000n);
        assert.equal(receipt.hash, tx.hash);
        assert.equal(await provider.getBalance(to), value);
        assert.equal(await provider.getBalance(sender.address), before - value - receipt.gasUsed * receipt.gasPrice);
        const mined = await provider.getTransaction(tx.hash);
        assert.equal(mined.from, sender.address);
        assert.equal(mined.to, to);
        assert.equal(mined.value, value);
        assert.equal(mined.type, 2);
        assert.equal(mined.chainId, BigInt(kChainId));
        assert.equal(mined.blockNumber, receipt.blockNumber);
        assert.equal(mined.blockHash, receipt.blockHash);
        const block = await provider.getBlock(receipt.blockNumber);
        assert.equal(block.hash, receipt.blockHash);
        assert.ok(block.transactions.includes(tx.hash));
        // Every EIP-1559 transaction pays base fee + tip, capped by its fee cap.
        assert.equal(receipt.gasPrice, block.baseFeePerGas + mined.maxPriorityFeePerGas < mined.maxFeePerGas
            ? block.baseFeePerGas + mined.maxPriorityFeePerGas : mined.maxFeePerGas);
    });

    test('ERC-20: transfer, approve, transferFrom with exact balances, events and custom errors', kEach, async () => {
        const holder = w('token');
        const spender = w('spender');
        const token = c.token;
        const receipt1 = await (await token.transfer(holder.address, parseEther('1000'))).wait();
        const log1 = token.interface.parseLog(receipt1.logs[0]);
        assert.equal(log1.name, 'Transfer');
        assert.equal(log1.args.from, w('deployer').address);
        assert.equal(log1.args.to, holder.address);
        assert.equal(log1.args.value, parseEther('1000'));
        assert.equal(receipt1.logs[0].address, await token.getAddress());

        const recipient = fresh();
        const asHolder = token.connect(holder);
        const receipt2 = await (await asHolder.transfer(recipient, parseEther('250'))).wait();
        assert.equal(receipt2.logs.length, 1);
        assert.deepEqual(receipt2.logs[0].topics, [
            id('Transfer(address,address,uint256)'), word(holder.address), word(recipient)]);
        assert.equal(receipt2.logs[0].data, word(parseEther('250')));
        assert.equal(await token.balanceOf(holder.address), parseEther('750'));
        assert.equal(await token.balanceOf(recipient), parseEther('250'));

        const receipt3 = await (await asHolder.approve(spender.address, 100n)).wait();
        const approval = token.interface.parseLog(receipt3.logs[0]);
        assert.equal(approval.name, 'Approval');
        assert.deepEqual([...approval.args], [holder.address, spender.address, 100n]);
        assert.equal(await token.allowance(holder.address, spender.address), 100n);
        const third = fresh();
        await (await token.connect(spender).transferFrom(holder.address, third, 60n)).wait();
        assert.equal(await token.allowance(holder.address, spender.address), 40n);
        assert.equal(await token.balanceOf(third), 60n);
        assert.equal(await token.balanceOf(holder.address), parseEther('750') - 60n);

        // Custom errors come back with their arguments, through error.revert and parseError.
        const tooMuch = await failure(() => asHolder.transfer.staticCall(recipient, parseEther('751')));
        assert.equal(tooMuch.code, 'CALL_EXCEPTION');
        assert.equal(tooMuch.revert.name, 'InsufficientBalance');
        assert.deepEqual([...tooMuch.revert.args], [parseEther('750') - 60n, parseEther('751')]);
        const parsed = token.interface.parseError(tooMuch.data);
        assert.equal(parsed.name, 'InsufficientBalance');
        assert.equal(parsed.args.available, parseEther('750') - 60n);
        assert.equal(parsed.args.required, parseEther('751'));
        // estimateGas does not decode with the contract's ABI: the revert data is there to parse.
        const overAllowance = await failure(() =>
            token.connect(spender).transferFrom.estimateGas(holder.address, third, 41n));
        assert.equal(overAllowance.code, 'CALL_EXCEPTION');
        const allowanceError = token.interface.parseError(overAllowance.data);
        assert.equal(allowanceError.name, 'InsufficientAllowance');
        assert.deepEqual([...allowanceError.args], [40n, 41n]);
    });

    test('ERC-721: mint, ownerOf, transferFrom, indexed token id, custom errors', kEach, async () => {
        const minter = w('nft');
        const other = w('spender');
        const factory = new ContractFactory(art.Nft.abi, art.Nft.bytecode, minter);
        const nft = await factory.deploy();
        await nft.waitForDeployment();
        assert.equal(await nft.minter(), minter.address);
        assert.equal(await nft.supportsInterface('0x80ac58cd'), true);
        assert.equal(await nft.supportsInterface('0xffffffff'), false);
        const mint1 = await (await nft.mint(minter.address, 1n)).wait();
        await (await nft.mint(other.address, 2n)).wait();
        assert.deepEqual(mint1.logs[0].topics, [
            id('Transfer(address,address,uint256)'), word(0), word(minter.address), word(1n)]);
        assert.equal(mint1.logs[0].data, '0x');
        assert.equal(await nft.ownerOf(1n), minter.address);
        assert.equal(await nft.ownerOf(2n), other.address);
        const moved = await (await nft.transferFrom(minter.address, other.address, 1n)).wait();
        const event = nft.interface.parseLog(moved.logs[0]);
        assert.deepEqual([...event.args], [minter.address, other.address, 1n]);
        assert.equal(await nft.ownerOf(1n), other.address);
        assert.equal(await nft.balanceOf(other.address), 2n);
        assert.equal(await nft.balanceOf(minter.address), 0n);

        const missing = await failure(() => nft.ownerOf(99n));
        assert.equal(missing.revert.name, 'NonexistentToken');
        assert.deepEqual([...missing.revert.args], [99n]);
        const notOwner = await failure(() => nft.transferFrom.staticCall(other.address, minter.address, 2n));
        assert.equal(notOwner.revert.name, 'NotOwner');
        assert.deepEqual([...notOwner.revert.args], [2n, minter.address]);
        const twice = await failure(() => nft.mint.estimateGas(minter.address, 2n));
        assert.equal(twice.code, 'CALL_EXCEPTION');
        assert.deepEqual([...nft.interface.parseError(twice.data).args], [2n]);
        assert.equal(nft.interface.parseError(twice.data).name, 'AlreadyMinted');
    });

    test('events: indexed values, hashed indexed strings, many logs per transaction, anonymous events',
        kEach, async () => {
        const events = c.events.connect(w('misc'));
        const address = await events.getAddress();
        const stored = await (await events.store(7n, 42n)).wait();
        const s = events.interface.parseLog(stored.logs[0]);
        assert.equal(s.name, 'Stored');
        assert.deepEqual([...s.args], [w('misc').address, 7n, 42n]);
        assert.equal(await events.values(7n), 42n);

        const noted = await (await events.note('greeting', 'hello, yao', '0xdeadbeef')).wait();
        const n = events.interface.parseLog(noted.logs[0]);
        assert.equal(noted.logs[0].topics[1], id('greeting')); // indexed string: its keccak256
        assert.equal(n.args.topic.hash, id('greeting'));
        assert.equal(n.args.text, 'hello, yao');
        assert.equal(n.args.data, '0xdeadbeef');

        const tag = id('tag');
        const counted = await (await events.count(5n, tag)).wait();
        assert.equal(counted.logs.length, 5);
        counted.logs.forEach((log, i) => {
            assert.equal(log.address, address);
            assert.equal(log.index, counted.logs[0].index + i);
            assert.equal(log.transactionHash, counted.hash);
            assert.equal(log.blockNumber, counted.blockNumber);
            const parsed = events.interface.parseLog(log);
            assert.equal(parsed.args.index, BigInt(i));
            assert.equal(parsed.args.tag, tag);
        });

        const a = id('a');
        const b = id('b');
        const raw = await (await events.raw(a, b, 99n)).wait();
        assert.deepEqual(raw.logs[0].topics, [a, b]); // anonymous: no signature topic
        assert.equal(raw.logs[0].data, word(99n));
    });

    test('getLogs filters by address, topic, indexed argument, block range and block hash', kEach, async () => {
        const sender = w('misc');
        const events = c.events.connect(sender);
        const address = await events.getAddress();
        const storedTopic = id('Stored(address,uint256,uint256)');
        const receipts = [];
        for (const [key, value] of [[101n, 10n], [102n, 20n], [103n, 30n]]) {
            receipts.push(await (await events.store(key, value)).wait());
        }
        const fromBlock = receipts[0].blockNumber;
        const toBlock = receipts[2].blockNumber;
        const logs = await provider.getLogs({ address, topics: [storedTopic], fromBlock, toBlock });
        assert.equal(logs.length, 3);
        assert.deepEqual(logs.map((l) => events.interface.parseLog(l).args.value), [10n, 20n, 30n]);
        assert.deepEqual(logs.map((l) => l.transactionHash), receipts.map((r) => r.hash));
        assert.deepEqual(logs.map((l) => l.blockHash), receipts.map((r) => r.blockHash));

        const byKey = await provider.getLogs({ address, topics: [storedTopic, null, word(102n)],
            fromBlock, toBlock });
        assert.equal(byKey.length, 1);
        assert.equal(byKey[0].transactionHash, receipts[1].hash);
        assert.equal(byKey[0].data, word(20n));

        const eitherKey = await provider.getLogs({ address,
            topics: [storedTopic, null, [word(101n), word(103n)]], fromBlock, toBlock });
        assert.deepEqual(eitherKey.map((l) => l.transactionHash), [receipts[0].hash, receipts[2].hash]);

        const byHash = await provider.getLogs({ address, blockHash: receipts[1].blockHash });
        assert.deepEqual(byHash.map((l) => l.transactionHash), [receipts[1].hash]);

        const queried = await events.queryFilter(events.filters.Stored(sender.address), fromBlock, toBlock);
        assert.deepEqual(queried.map((e) => e.args.key), [101n, 102n, 103n]);

        const other = await provider.getLogs({ address: await c.token.getAddress(), topics: [storedTopic],
            fromBlock, toBlock });
        assert.deepEqual(other, []);
        const tokenTransfersTo = await c.token.queryFilter(c.token.filters.Transfer(null, w('token').address), 0);
        assert.equal(tokenTransfersTo.length, 1);
        assert.equal(tokenTransfersTo[0].args.value, parseEther('1000'));
    });

    test('WebSocketProvider: contract.on and provider.on with a filter deliver exactly the matching logs',
        kEach, async () => {
        const ws = new WebSocketProvider(node.wsUrl, kChainId, kProviderOptions);
        try {
            // Count the eth_subscribe calls the node has answered with a subscription id.
            const pending = new Set();
            let confirmed = 0;
            await ws.on('debug', (e) => {
                if (e.action === 'sendRpcPayload') {
                    for (const p of [e.payload].flat()) if (p.method === 'eth_subscribe') pending.add(p.id);
                } else if (e.action === 'receiveRpcResult') {
                    for (const r of [e.result].flat()) if (pending.delete(r.id) && typeof r.result === 'string') ++confirmed;
                }
            });
            const token = new Contract(await c.token.getAddress(), art.Token.abi, ws);
            const watched = fresh();
            const transfers = collector();
            // With a filter (rather than an event name) ethers hands the listener the payload only.
            await token.on(token.filters.Transfer(null, watched), (...params) => {
                const { log } = params.at(-1);
                const { from, to, value } = token.interface.parseLog(log).args;
                transfers.push({ from, to, value, tx: log.transactionHash });
            });
            const rawLogs = collector();
            const eventsAddress = await c.events.getAddress();
            await ws.on({ address: eventsAddress, topics: [id('Stored(address,uint256,uint256)')] },
                (log) => rawLogs.push(log));
            const heads = collector();
            await ws.on('block', (n) => heads.push(n));

            await waitUntil(() => confirmed === 3, 10_000, 'three subscriptions');

            // A first matching log of each kind: the subscriptions deliver.
            const holder = c.token.connect(w('token'));
            const events = c.events.connect(w('misc'));
            const t0 = await holder.transfer(watched, 10n);
            const s0 = await events.store(554n, 4n);
            await transfers.until(1);
            await rawLogs.until(1);

            const t1 = await holder.transfer(watched, 11n);
            const t2 = await holder.transfer(fresh(), 12n);
            const t3 = await holder.transfer(watched, 13n);
            const s1 = await events.store(555n, 5n);
            const receipts = await Promise.all([t0, t1, t2, t3, s0, s1].map((t) => t.wait()));
            assert.ok(receipts.every((r) => r.status === 1));

            const got = await transfers.until(3);
            assert.deepEqual(got.map((g) => g.value), [10n, 11n, 13n]);
            assert.deepEqual(got.map((g) => g.tx), [t0.hash, t1.hash, t3.hash]);
            assert.ok(got.every((g) => g.from === w('token').address && g.to === watched));
            const stored = await rawLogs.until(2);
            assert.deepEqual(stored.map((l) => l.transactionHash), [s0.hash, s1.hash]);
            assert.equal(stored[1].topics[2], word(555n));
            assert.equal(stored[1].data, word(5n));
            assert.equal(stored[1].address, await c.events.getAddress());
            const lastBlock = Math.max(...receipts.map((r) => r.blockNumber));
            await withTimeout((async () => {
                while (!heads.values.some((n) => n >= lastBlock)) await sleep(20);
            })(), 10_000, `newHeads up to block ${lastBlock}`);
            await sleep(200);
            assert.equal(transfers.values.length, 3, 'a transfer to another address was delivered');
            assert.equal(rawLogs.values.length, 2);
            await token.removeAllListeners();
        } finally {
            await ws.destroy();
        }
    });

    test('estimateGas: 21000 for ether, enough and close for contract calls, revert reasons on failure',
        kEach, async () => {
        const holder = c.token.connect(w('token'));
        const to = fresh();
        const estimate = await holder.transfer.estimateGas(to, 1n);
        const receipt = await (await holder.transfer(to, 1n, { gasLimit: estimate })).wait();
        assert.equal(receipt.status, 1);
        assert.ok(estimate >= receipt.gasUsed, `estimate ${estimate} < used ${receipt.gasUsed}`);
        assert.ok(estimate <= (receipt.gasUsed * 110n) / 100n, `estimate ${estimate} far above ${receipt.gasUsed}`);

        // A contract creation from a contract: the estimate must cover the 63/64 rule.
        const factory = c.factory.connect(w('create2'));
        const salt = id('estimate');
        const deployEstimate = await factory.deploy.estimateGas(salt, 1n);
        const deployed = await (await factory.deploy(salt, 1n, { gasLimit: deployEstimate })).wait();
        assert.equal(deployed.status, 1);
        assert.ok(deployEstimate >= deployed.gasUsed);

        const reverted = await failure(() => c.reverter.requireBelow.estimateGas(10n));
        assert.equal(reverted.code, 'CALL_EXCEPTION');
        assert.equal(reverted.reason, 'x must be below 10');
        assert.equal(await provider.estimateGas({ from: w('ether').address, to: fresh(), value: 1n }),
            kQuirks.transferEstimate);
    });

    test('eth_call and balances at a past block see the state of that block', kEach, async () => {
        const holder = c.token.connect(w('token'));
        const recipient = fresh();
        const nonceBefore = await provider.getTransactionCount(w('token').address);
        const r1 = await (await holder.transfer(recipient, 5n)).wait();
        const r2 = await (await holder.transfer(recipient, 7n)).wait();
        assert.ok(r2.blockNumber > r1.blockNumber);
        assert.equal(await c.token.balanceOf(recipient, { blockTag: r1.blockNumber - 1 }), 0n);
        assert.equal(await c.token.balanceOf(recipient, { blockTag: r1.blockNumber }), 5n);
        assert.equal(await c.token.balanceOf(recipient, { blockTag: r2.blockNumber }), 12n);
        assert.equal(await c.token.balanceOf(recipient, { blockTag: 'latest' }), 12n);
        assert.equal(await provider.getTransactionCount(w('token').address, r1.blockNumber - 1), nonceBefore);
        assert.equal(await provider.getTransactionCount(w('token').address, r1.blockNumber), nonceBefore + 1);
        const data = c.token.interface.encodeFunctionData('balanceOf', [recipient]);
        assert.equal(await provider.call({ to: await c.token.getAddress(), data, blockTag: r1.blockNumber }),
            word(5n));
        // Before the token existed there was no code and the call returns nothing.
        assert.equal(await provider.call({ to: await c.token.getAddress(), data, blockTag: 0 }), '0x');
        assert.equal(await provider.getCode(await c.token.getAddress(), 0), '0x');
        assert.equal(await provider.getBalance(w('ether').address, 0), kInitialBalance);
        const future = (await provider.getBlockNumber()) + 1000;
        await assert.rejects(provider.call({ to: await c.token.getAddress(), data, blockTag: future }));
    });

    test('revert reasons: require string, custom error, panics, bare revert, mined failure', kEach, async () => {
        const caller = w('reverts');
        const reverter = c.reverter.connect(caller);
        assert.equal(await reverter.requireBelow(3n), 6n);
        const required = await failure(() => reverter.requireBelow(11n));
        assert.equal(required.code, 'CALL_EXCEPTION');
        assert.equal(required.reason, 'x must be below 10');
        assert.equal(required.revert.name, 'Error');
        assert.deepEqual([...required.revert.args], ['x must be below 10']);
        assert.equal(required.data, reverter.interface.encodeErrorResult('Error', ['x must be below 10']));

        const custom = await failure(() => reverter.customError(77n));
        assert.equal(custom.revert.name, 'Unauthorized');
        assert.deepEqual([...custom.revert.args], [caller.address, 77n, 'custom failure']);
        assert.equal(custom.data, reverter.interface.encodeErrorResult('Unauthorized',
            [caller.address, 77n, 'custom failure']));

        const asserted = await failure(() => reverter.panicAssert());
        assert.equal(asserted.revert.name, 'Panic');
        assert.equal(BigInt(asserted.revert.args[0]), 1n);
        const divided = await failure(() => reverter.panicDivide(0n));
        assert.equal(divided.revert.name, 'Panic');
        assert.equal(BigInt(divided.revert.args[0]), 0x12n);
        assert.equal(await reverter.panicDivide(4n), 25n);

        const bare = await failure(() => reverter.plainRevert());
        assert.equal(bare.code, 'CALL_EXCEPTION');
        assert.equal(bare.revert, null);
        assert.ok(bare.data == null || bare.data === '0x', `bare revert data ${bare.data}`);

        // A reverted transaction is mined: status 0, gas paid, nonce used, state unchanged.
        const balance = await provider.getBalance(caller.address);
        const nonce = await provider.getTransactionCount(caller.address);
        const tx = await reverter.bump(1n, { gasLimit: 100_000n });
        const failed = await failure(() => tx.wait());
        assert.equal(failed.code, 'CALL_EXCEPTION');
        assert.equal(failed.receipt.status, 0);
        assert.equal(failed.receipt.hash, tx.hash);
        assert.ok(failed.receipt.gasUsed > 21000n && failed.receipt.gasUsed < 100_000n);
        assert.equal(failed.receipt.logs.length, 0);
        assert.equal(await provider.getBalance(caller.address),
            balance - failed.receipt.gasUsed * failed.receipt.gasPrice);
        assert.equal(await provider.getTransactionCount(caller.address), nonce + 1);
        assert.equal(await reverter.counter(), 0n);
        await (await reverter.bump(2n)).wait();
        assert.equal(await reverter.counter(), 1n);
    });

    test('CREATE2: the child lands at getCreate2Address with its code, arguments and value', kEach, async () => {
        const sender = w('create2');
        const factory = c.factory.connect(sender);
        const factoryAddress = await factory.getAddress();
        const salt = id('yaoverse-ethers');
        const tag = 4242n;
        const value = parseEther('0.5');
        const initCode = concat([art.Child.bytecode, coder.encode(['address', 'uint256'], [sender.address, tag])]);
        const predicted = getCreate2Address(factoryAddress, salt, keccak256(initCode));
        assert.equal(await provider.getCode(predicted), '0x');
        assert.equal(await factory.deploy.staticCall(salt, tag, { value }), predicted);
        const receipt = await (await factory.deploy(salt, tag, { value })).wait();
        const deployedEvent = factory.interface.parseLog(receipt.logs[0]);
        assert.equal(deployedEvent.name, 'Deployed');
        assert.deepEqual([...deployedEvent.args], [predicted, salt, tag]);
        assert.equal(await provider.getCode(predicted), art.Child.deployedBytecode);
        const child = new Contract(predicted, art.Child.abi, provider);
        assert.equal(await child.owner(), sender.address);
        assert.equal(await child.tag(), tag);
        assert.equal(await provider.getBalance(predicted), value);
        // The same salt again collides: CREATE2 fails and the factory reverts.
        const again = await failure(() => factory.deploy.staticCall(salt, tag));
        assert.equal(again.code, 'CALL_EXCEPTION');
        const otherSalt = id('yaoverse-ethers-2');
        assert.equal(await factory.deploy.staticCall(otherSalt, tag),
            getCreate2Address(factoryAddress, otherSalt, keccak256(initCode)));
    });

    test('payable receive and fallback log the sender, value and calldata', kEach, async () => {
        const sender = w('fallback');
        const target = await c.payable.getAddress();
        const plain = await (await sender.sendTransaction({ to: target, value: parseEther('0.3') })).wait();
        const received = c.payable.interface.parseLog(plain.logs[0]);
        assert.equal(received.name, 'Received');
        assert.deepEqual([...received.args], [sender.address, parseEther('0.3')]);
        assert.ok(plain.gasUsed > 21000n);

        const data = '0x12345678abcdef';
        const withData = await (await sender.sendTransaction({ to: target, value: parseEther('0.2'), data })).wait();
        const fallback = c.payable.interface.parseLog(withData.logs[0]);
        assert.equal(fallback.name, 'Fallback');
        assert.deepEqual([...fallback.args], [sender.address, parseEther('0.2'), data]);
        assert.equal(await provider.getBalance(target), parseEther('0.5'));

        const payee = fresh();
        await (await c.payable.connect(sender).withdraw(payee, parseEther('0.45'))).wait();
        assert.equal(await provider.getBalance(payee), parseEther('0.45'));
        assert.equal(await provider.getBalance(target), parseEther('0.05'));
    });

    test('JSON-RPC batches: JsonRpcProvider groups calls by batchMaxCount and every answer is right',
        kEach, async () => {
        const batched = new JsonRpcProvider(node.url, kChainId,
            { ...kProviderOptions, batchMaxCount: 10, batchStallTime: 50 });
        try {
            const payloads = [];
            await batched.on('debug', (e) => {
                if (e.action === 'sendRpcPayload') payloads.push(e.payload);
            });
            const addresses = kDevAccounts.map((a) => a.address);
            const expectedNonces = [];
            for (const a of addresses) expectedNonces.push(await provider.getTransactionCount(a));
            const tokenAddress = await c.token.getAddress();
            const token = new Contract(tokenAddress, art.Token.abi, batched);
            const results = await Promise.all([
                ...addresses.map((a) => batched.getTransactionCount(a, 'latest')), // 12
                ...addresses.map((a) => token.balanceOf(a)), // 12
                batched.getCode(tokenAddress), // 1
            ]);
            assert.deepEqual(payloads.map((p) => (Array.isArray(p) ? p.length : 1)), [10, 10, 5]);
            assert.deepEqual(results.slice(0, 12), expectedNonces);
            const balances = results.slice(12, 24);
            assert.equal(balances[kRole.deployer], parseEther('1000000') - parseEther('1000'));
            assert.equal(balances[kRole.ether], 0n);
            assert.equal(results[24], art.Token.deployedBytecode);
        } finally {
            batched.destroy();
        }

        // The same over plain HTTP, with ids of every kind and a failing member.
        const funded = fresh();
        await (await w('misc').sendTransaction({ to: funded, value: 123_456n })).wait();
        const { status, body } = await rawRpc(node.url, [
            { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] },
            { jsonrpc: '2.0', id: 'two', method: 'eth_getBalance', params: [funded, 'latest'] },
            { jsonrpc: '2.0', id: 3, method: 'no_suchMethod', params: [] },
            { jsonrpc: '2.0', id: 4, method: 'eth_getTransactionCount', params: [funded, 'latest'] },
        ]);
        assert.equal(status, 200);
        assert.ok(Array.isArray(body));
        assert.equal(body.length, 4);
        const byId = new Map(body.map((r) => [r.id, r]));
        assert.equal(byId.get(1).result, '0x7a69');
        assert.equal(byId.get('two').result, '0x1e240');
        assert.equal(typeof byId.get(3).error.code, 'number');
        assert.equal(byId.get(3).result, undefined);
        assert.equal(byId.get(3).error.code, kQuirks.unknownMethodCode);
        assert.equal(byId.get(4).result, '0x0');
    });

    test('replacement: +10% fee replaces a queued transaction, +5% is "replacement transaction underpriced"',
        kEach, async () => {
        const sender = w('replacement');
        const first = fresh();
        const second = fresh();
        const nonce = await provider.getTransactionCount(sender.address, 'pending');
        const base = { gasLimit: 21000n, type: 2, chainId: kChainId };
        // Nonce + 1 waits in the pool behind the gap, so it cannot be mined before it is replaced.
        const original = await sender.sendTransaction({ ...base, to: first, value: 1000n, nonce: nonce + 1,
            maxFeePerGas: gwei(10), maxPriorityFeePerGas: gwei(2) });
        const low = await failure(() => sender.sendTransaction({ ...base, to: second, value: 2000n,
            nonce: nonce + 1, maxFeePerGas: gwei(10.5), maxPriorityFeePerGas: gwei(2.1) }));
        assert.equal(low.code, 'REPLACEMENT_UNDERPRICED');
        assert.match(nodeMessage(low), /replacement transaction underpriced/i);
        const replacement = await sender.sendTransaction({ ...base, to: second, value: 2000n,
            nonce: nonce + 1, maxFeePerGas: gwei(11), maxPriorityFeePerGas: gwei(2.2) });
        assert.notEqual(replacement.hash, original.hash);
        const filler = await sender.sendTransaction({ ...base, to: first, value: 1n, nonce,
            maxFeePerGas: gwei(10), maxPriorityFeePerGas: gwei(2) });
        const [fillerReceipt, replacementReceipt] = await Promise.all([filler.wait(), replacement.wait()]);
        assert.equal(fillerReceipt.status, 1);
        assert.equal(replacementReceipt.status, 1);
        assert.ok(replacementReceipt.blockNumber >= fillerReceipt.blockNumber);
        assert.equal(await provider.getTransactionReceipt(original.hash), null);
        assert.equal(await provider.getBalance(first), 1n);
        assert.equal(await provider.getBalance(second), 2000n);
        assert.equal(await provider.getTransactionCount(sender.address), nonce + 2);
        // ethers notices the replacement when waiting for the original.
        const replaced = await failure(() => withTimeout(original.wait(), 15_000, 'original.wait()'));
        assert.equal(replaced.code, 'TRANSACTION_REPLACED');
        assert.equal(replaced.reason, 'replaced'); // 'repriced' would mean same call, higher fee
        assert.equal(replaced.replacement.hash, replacement.hash);
    });

    test('nonce errors: a used nonce is NONCE_EXPIRED ("nonce too low"), an empty account INSUFFICIENT_FUNDS',
        kEach, async () => {
        const sender = w('nonceErrors');
        await (await sender.sendTransaction({ to: fresh(), value: 1n })).wait();
        const reused = await failure(() => sender.sendTransaction({ to: fresh(), value: 1n, nonce: 0,
            gasLimit: 21000n, maxFeePerGas: gwei(10), maxPriorityFeePerGas: gwei(1) }));
        assert.equal(reused.code, 'NONCE_EXPIRED');
        assert.match(nodeMessage(reused), /nonce too low/i);
        assert.equal(await provider.getTransactionCount(sender.address, 'pending'), 1);

        const empty = Wallet.createRandom().connect(provider);
        const poor = await failure(() => empty.sendTransaction({ to: fresh(), value: 1n, gasLimit: 21000n,
            maxFeePerGas: gwei(10), maxPriorityFeePerGas: gwei(1) }));
        assert.match(nodeMessage(poor), kQuirks.insufficientFunds);
        if (node.target === 'yaoverse') assert.equal(poor.code, 'INSUFFICIENT_FUNDS');
    });

    test('50 quick sends from one account: pending nonces, then a NonceManager burst, all mined in order',
        kEach, async () => {
        const sender = w('burst');
        const to = fresh();
        const start = await provider.getTransactionCount(sender.address, 'pending');
        const sent = [];
        // Each send asks the node for the pending nonce; the previous send is not mined yet.
        for (let i = 0; i < 25; ++i) sent.push(await sender.sendTransaction({ to, value: BigInt(i + 1) }));
        assert.deepEqual(sent.map((t) => t.nonce), Array.from({ length: 25 }, (_, i) => start + i));
        // NonceManager hands out nonces locally: 25 sends in flight at once.
        const manager = new NonceManager(sender);
        const burst = await Promise.all(Array.from({ length: 25 }, (_, i) =>
            manager.sendTransaction({ to, value: BigInt(1000 + i), gasLimit: 21000n })));
        assert.deepEqual(burst.map((t) => t.nonce).sort((a, b) => a - b),
            Array.from({ length: 25 }, (_, i) => start + 25 + i));
        const all = [...sent, ...burst];
        const receipts = await withTimeout(Promise.all(all.map((t) => t.wait())), 60_000, '50 receipts');
        assert.ok(receipts.every((r) => r.status === 1));
        const mined = await Promise.all(all.map((t) => provider.getTransaction(t.hash)));
        const byNonce = mined.map((t) => t.nonce).sort((a, b) => a - b);
        assert.deepEqual(byNonce, Array.from({ length: 50 }, (_, i) => start + i));
        // Within the chain, a lower nonce never comes after a higher one.
        const order = receipts.map((r, i) => ({ nonce: all[i].nonce, at: [r.blockNumber, r.index] }))
            .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]);
        assert.deepEqual(order.map((o) => o.nonce), byNonce);
        assert.equal(await provider.getTransactionCount(sender.address, 'latest'), start + 50);
        const expected = Array.from({ length: 25 }, (_, i) => BigInt(i + 1 + 1000 + i)).reduce((a, b) => a + b);
        assert.equal(await provider.getBalance(to), expected);
    });

    test('Otterscan: address history newest first, a transaction by sender and nonce, contract creators',
        kEach, async (t) => {
        if (node.target === 'hardhat') {
            t.skip('Hardhat serves no ots_ methods');
            return;
        }
        const ots = (method, params) => provider.send(method, params);
        const lower = (a) => a.toLowerCase();
        // Dev account 12, which no other test of the suite sends from: its history is exactly
        // what this test sends.
        const sender = HDNodeWallet.fromPhrase(kMnemonic, undefined, "m/44'/60'/0'/0/12").connect(provider);
        const to = fresh();
        // Four transactions of `sender`, each in a block of its own (each waits for the last).
        const first = await (await sender.sendTransaction({ to, value: 1n })).wait();
        const second = await (await sender.sendTransaction({ to, value: 2n })).wait();
        const events = await new ContractFactory(art.Events.abi, art.Events.bytecode, sender).deploy();
        const deployment = await events.deploymentTransaction().wait();
        const salt = id('yaoverse-ots');
        const initCode = concat([art.Child.bytecode, coder.encode(['address', 'uint256'], [sender.address, 7n])]);
        const factoryAddress = await c.factory.getAddress();
        const child = getCreate2Address(factoryAddress, salt, keccak256(initCode));
        const viaFactory = await (await c.factory.connect(sender).deploy(salt, 7n)).wait();
        const newestFirst = [viaFactory, deployment, second, first].map((r) => r.hash);

        const all = await ots('ots_searchTransactionsBefore', [sender.address, 0, 25]);
        assert.deepEqual(all.txs.map((tx) => tx.hash), newestFirst);
        assert.deepEqual(all.receipts.map((r) => r.transactionHash), newestFirst);
        assert.equal(all.firstPage, true);
        assert.equal(all.lastPage, true);
        assert.equal(all.txs[3].from, lower(sender.address));
        assert.equal(all.txs[3].to, lower(to));
        assert.equal(all.receipts[1].contractAddress, lower(await events.getAddress()));
        assert.equal(all.receipts[3].timestamp, (await provider.getBlock(first.blockNumber)).timestamp);
        // Page by page, as Otterscan walks it: the newest, then before its block, then the oldest.
        const newest = await ots('ots_searchTransactionsBefore', [sender.address, 0, 1]);
        assert.deepEqual(newest.txs.map((tx) => tx.hash), [viaFactory.hash]);
        assert.deepEqual([newest.firstPage, newest.lastPage], [true, false]);
        const older = await ots('ots_searchTransactionsBefore', [sender.address, viaFactory.blockNumber, 25]);
        assert.deepEqual(older.txs.map((tx) => tx.hash), newestFirst.slice(1));
        assert.deepEqual([older.firstPage, older.lastPage], [false, true]);
        const oldest = await ots('ots_searchTransactionsAfter', [sender.address, 0, 2]);
        assert.deepEqual(oldest.txs.map((tx) => tx.hash), [second.hash, first.hash]);
        assert.deepEqual([oldest.firstPage, oldest.lastPage], [false, true]);
        const recipient = await ots('ots_searchTransactionsBefore', [to, 0, 25]);
        assert.deepEqual(recipient.txs.map((tx) => tx.hash), [second.hash, first.hash]);

        assert.equal(await ots('ots_getTransactionBySenderAndNonce', [sender.address, 0]), first.hash);
        assert.equal(await ots('ots_getTransactionBySenderAndNonce', [sender.address, 3]), viaFactory.hash);
        assert.equal(await ots('ots_getTransactionBySenderAndNonce', [sender.address, 4]), null);

        assert.deepEqual(await ots('ots_getContractCreator', [await events.getAddress()]),
            { hash: deployment.hash, creator: lower(sender.address) });
        // Made by the factory's CREATE2: the factory is the creator.
        assert.deepEqual(await ots('ots_getContractCreator', [child]),
            { hash: viaFactory.hash, creator: lower(factoryAddress) });
        assert.equal(await ots('ots_getContractCreator', [sender.address]), null);
    });
});
