// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// A script written with ethers' helpers runs unchanged against `yaoverse dev` (and, through
// quantities.anvil.test.mjs and quantities.hardhat.test.mjs, against Anvil and Hardhat with the
// same answers): raw JSON-RPC calls
// whose block numbers, values, gas and indexes are `toBeHex` quantities ("0x05": even length,
// leading zeros; also padded to 8 and 32 bytes), which geth refuses and Hardhat, Anvil and
// YaoVerse accept (docs/rpc.md "Quantities"). Answers are checked against the transactions sent.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
    ContractFactory, Interface, JsonRpcProvider, Network, Wallet, getAddress, id, toBeHex, toQuantity, zeroPadValue,
} from 'ethers';
import { kTarget, startNode } from '../e2e/lib/node.mjs';
import { kChainId, kDevAccounts } from '../e2e/lib/accounts.mjs';
import { kEach, rawRpc } from '../e2e/lib/util.mjs';
import { kProviderOptions, toolsDir } from './lib/tools.mjs';

// The two answers the three nodes word differently (the outcome agrees): geth's text on YaoVerse,
// each tool's own elsewhere (quantities.anvil.test.mjs, quantities.hardhat.test.mjs). A call below
// the EIP-7623 calldata floor is refused (-32000, the same numbers); one above it runs out of gas
// (Anvil's revm names the SSTORE stipend check and answers -32603).
const kFloorRefusal = {
    yaoverse: 'err: insufficient gas for floor data gas cost: have 21256, want 21510 (supplied gas 21256)',
    anvil: 'intrinsic gas too high -- GasFloorMoreThanGasLimit',
    hardhat: 'Transaction requires gas floor of 21510 but got limit of 21256',
};
const kOutOfGas = {
    yaoverse: { code: -32000, message: 'out of gas' },
    anvil: { code: -32603, message: 'EVM error ReentrancySentryOOG' },
    hardhat: { code: -32000, message: 'Transaction ran out of gas' },
};

let node;
let provider;
let wallet;
let counter; // { address, iface }
const at = {}; // block numbers: deploy, set (setNumber(7) with 3 wei), pay (ether to `fresh`)
const fresh = getAddress(`0x${'5eed'.padEnd(38, '0')}05`);
const send = (method, params) => provider.send(method, params);

/// Counter from foundry/src, compiled with the solc-js of node_modules.
function compileCounter() {
    const solc = createRequire(import.meta.url)('solc');
    const input = {
        language: 'Solidity',
        sources: { 'Counter.sol': { content: readFileSync(join(toolsDir, 'foundry/src/Counter.sol'), 'utf8') } },
        settings: { evmVersion: 'cancun', outputSelection: { '*': { Counter: ['abi', 'evm.bytecode.object'] } } },
    };
    const output = JSON.parse(solc.compile(JSON.stringify(input)));
    const c = output.contracts['Counter.sol'].Counter;
    return { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` };
}

before(async () => {
    node = await startNode();
    provider = new JsonRpcProvider(node.url, Network.from(kChainId), kProviderOptions);
    wallet = new Wallet(kDevAccounts[0].key, provider);
    const { abi, bytecode } = compileCounter();
    const contract = await new ContractFactory(abi, bytecode, wallet).deploy();
    at.deploy = (await contract.deploymentTransaction().wait()).blockNumber;
    counter = { address: await contract.getAddress(), iface: new Interface(abi) };
    const set = await (await contract.setNumber(7, { value: 3n })).wait();
    at.set = set.blockNumber;
    at.setHash = set.hash;
    at.pay = (await (await wallet.sendTransaction({ to: fresh, value: 0x1234n })).wait()).blockNumber;
    assert.ok(at.deploy < at.set && at.set < at.pay);
});

after(async () => {
    provider?.destroy();
    await node?.stop();
});

test('toBeHex writes the quantities with leading zeros', () => {
    assert.equal(toBeHex(5), '0x05');
    assert.equal(toBeHex(0x123), '0x0123');
    assert.equal(toBeHex(1, 32).length, 66);
});

test('eth_getBlockByNumber with toBeHex block numbers', kEach, async () => {
    const receipt = await provider.getTransactionReceipt(at.setHash);
    const upper = toBeHex(at.set).toUpperCase().replace('0X', '0x');
    for (const tag of [toBeHex(at.set), toBeHex(at.set, 8), toBeHex(at.set, 32), upper]) {
        const block = await send('eth_getBlockByNumber', [tag, false]);
        assert.equal(block.number, toQuantity(at.set), tag); // answers stay canonical
        assert.equal(block.hash, receipt.blockHash, tag);
        assert.deepEqual(block.transactions, [at.setHash], tag);
    }
    const tx = await send('eth_getTransactionByBlockNumberAndIndex', [toBeHex(at.set), toBeHex(0)]);
    assert.equal(tx.hash, at.setHash);
    assert.equal(tx.value, '0x3');
    assert.equal(await send('eth_getBlockTransactionCountByNumber', [toBeHex(at.set, 4)]), '0x1');
});

test('eth_getBalance, eth_getTransactionCount and eth_getStorageAt at toBeHex blocks', kEach, async () => {
    assert.equal(await send('eth_getBalance', [fresh, toBeHex(at.pay - 1)]), '0x0');
    assert.equal(await send('eth_getBalance', [fresh, toBeHex(at.pay)]), '0x1234');
    assert.equal(await send('eth_getBalance', [counter.address, toBeHex(at.set, 8)]), '0x3');
    assert.equal(await send('eth_getBalance', [counter.address, { blockNumber: toBeHex(at.deploy) }]), '0x0');
    assert.equal(await send('eth_getTransactionCount', [wallet.address, toBeHex(at.set)]), '0x2');
    assert.equal(await send('eth_getTransactionCount', [wallet.address, toBeHex(0)]), '0x0');
    const slot0 = await send('eth_getStorageAt', [counter.address, toBeHex(0), toBeHex(at.set)]);
    assert.equal(BigInt(slot0), 7n);
    assert.equal(BigInt(await send('eth_getStorageAt', [counter.address, toBeHex(0, 32), toBeHex(at.deploy)])), 0n);
});

test('eth_call and eth_estimateGas with toBeHex value, gas, fees and nonce', kEach, async () => {
    const number = counter.iface.encodeFunctionData('number');
    const read = async (tag) =>
        BigInt(await send('eth_call', [{ to: counter.address, data: number, gas: toBeHex(100_000) }, tag]));
    assert.equal(await read(toBeHex(at.deploy)), 0n);
    assert.equal(await read(toBeHex(at.set)), 7n);
    assert.equal(await read(toBeHex(at.set, 8)), 7n);
    // A payable call carrying a value, with every quantity written by toBeHex.
    const setNumber = counter.iface.encodeFunctionData('setNumber', [9]);
    const call = {
        from: wallet.address,
        to: counter.address,
        data: setNumber,
        value: toBeHex(5),
        gas: toBeHex(200_000),
        maxFeePerGas: toBeHex(10n ** 10n),
        maxPriorityFeePerGas: toBeHex(1),
        nonce: toBeHex(await provider.getTransactionCount(wallet.address)),
    };
    assert.equal(await send('eth_call', [call, 'latest']), '0x');
    const gas = BigInt(await send('eth_estimateGas', [call]));
    const canonical = BigInt(await send('eth_estimateGas', [{ ...call, value: '0x5', gas: toQuantity(200_000) }]));
    assert.equal(gas, canonical);
    assert.ok(gas > 21_000n && gas < 200_000n, String(gas));
    // Too little gas, written the same way, fails as geth fails it (ethers turns the answer into
    // its own CALL_EXCEPTION, so this one goes over plain HTTP).
    // Osaka: 36 bytes of calldata (5 non-zero) make a floor of 21000 + 10 * (31 + 4 * 5) = 21510
    // (EIP-7623); below it the call is refused before it runs, above it it runs out of gas.
    const below = await rawRpc(node.url, { jsonrpc: '2.0', id: 1, method: 'eth_call',
        params: [{ ...call, gas: toBeHex(21_000 + 0x100) }, toBeHex(at.pay)] });
    assert.equal(below.body.error.code, -32000);
    assert.equal(below.body.error.message, kFloorRefusal[kTarget]);
    const { body } = await rawRpc(node.url, { jsonrpc: '2.0', id: 1, method: 'eth_call',
        params: [{ ...call, gas: toBeHex(21_510 + 0x100) }, toBeHex(at.pay)] });
    assert.deepEqual({ code: body.error.code, message: body.error.message }, kOutOfGas[kTarget]);
});

test('eth_getLogs with toBeHex fromBlock and toBlock', kEach, async () => {
    const topic = id('NumberSet(address,uint256,uint256)');
    const filter = (from, to) => ({ address: counter.address, topics: [topic], fromBlock: from, toBlock: to });
    const logs = await send('eth_getLogs', [filter(toBeHex(at.deploy), toBeHex(at.pay))]);
    assert.equal(logs.length, 1);
    assert.equal(logs[0].transactionHash, at.setHash);
    assert.equal(logs[0].blockNumber, toQuantity(at.set));
    assert.deepEqual(logs[0].topics.slice(1),
        [zeroPadValue(wallet.address, 32).toLowerCase(), zeroPadValue(toBeHex(7), 32)]);
    assert.equal(BigInt(logs[0].data), 3n);
    assert.deepEqual(await send('eth_getLogs', [filter(toBeHex(at.set, 32), toBeHex(at.set, 8))]), logs);
    assert.deepEqual(await send('eth_getLogs', [filter(toBeHex(at.deploy), toBeHex(at.set - 1))]), []);
    assert.deepEqual(await send('eth_getLogs', [filter(toBeHex(at.pay), 'latest')]), []);
});

test('eth_feeHistory with toBeHex block count and newest block', kEach, async () => {
    const history = await send('eth_feeHistory', [toBeHex(2), toBeHex(at.pay), [50]]);
    assert.equal(history.oldestBlock, toQuantity(at.pay - 1));
    assert.equal(history.baseFeePerGas.length, 3);
    assert.equal(history.reward.length, 2);
});
