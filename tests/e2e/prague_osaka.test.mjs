// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// What Prague and Osaka (the dev chain's default fork) bring, driven by viem 2 and plain JSON-RPC:
// contracts compiled for solc's default EVM version (CLZ, MCOPY), EIP-7702 set-code transactions
// signed with viem's signAuthorization (self-sent, sponsored, skipped, cleared), P256VERIFY
// (EIP-7951) on signatures made by Node's crypto, the BLS12-381 precompiles (EIP-2537) on the
// EIP's published vectors, the calldata floor (EIP-7623) and the transaction gas limit cap
// (EIP-7825). Expected values come from the EIPs, the compiler and the client libraries, never
// from the node.
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
    concat,
    createPublicClient,
    createWalletClient,
    decodeFunctionResult,
    defineChain,
    encodeFunctionData,
    getAddress,
    hexToBigInt,
    http,
    isAddressEqual,
    keccak256,
    numberToHex,
    pad,
    parseEventLogs,
    parseGwei,
    parseSignature,
    size,
    toHex,
    toRlp,
    zeroAddress,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

import { kChainId, kDevAccounts } from './lib/accounts.mjs';
import { loadDefaultEvmArtifacts } from './lib/compile.mjs';
import { startNode } from './lib/node.mjs';
import { kEach, rawRpc } from './lib/util.mjs';

const art = loadDefaultEvmArtifacts();

// Which dev account each part sends from or signs with, so that no two parts share a nonce.
const kRole = {
    deployer: 0,
    opcodes: 1,
    authority: 2, // delegates itself (self-sent set-code transactions)
    sponsor: 3, // sends set-code transactions for `sponsored`
    sponsored: 4, // signs authorizations only; never sends
    caller: 5,
    p256: 6,
    floor: 7,
    cap: 8,
    rejects: 9,
    estimate: 10, // signs the authorization of the estimate and call (never used on chain)
    history: 11,
};

// EIP-7702: the delegation indicator, and the intrinsic gas of one authorization.
const kDelegationPrefix = '0xef0100';
const kPerEmptyAccountCost = 25_000n;
// Enough for one authorization and Delegate.ping() (viem's estimate is not used; see below).
const kSetCodeGas = 200_000n;
// EIP-7623: 4 gas per calldata token (a zero byte is one token, a non-zero byte four); the floor
// charges 10 per token.
const kStandardTokenCost = 4n;
const kFloorTokenCost = 10n;
// EIP-7825 (Osaka): the most gas one transaction may carry.
const kMaxTxGas = 1n << 24n;
// EIP-7951 under Osaka.
const kP256Address = '0x0000000000000000000000000000000000000100';
const kP256Gas = 6_900n;
// EIP-2537.
const kBls = {
    g1add: '0x000000000000000000000000000000000000000b',
    pairing: '0x000000000000000000000000000000000000000f',
};
const kG1AddGas = 375n;
const kPairingGas = (k) => 32_600n * BigInt(k) + 37_700n;

// Points in EIP-2537 encoding, from the EIP's published vectors (assets/eip-2537/add_G1_bls.json,
// pairing_check_bls.json): each coordinate is 64 bytes, the 48-byte field element left-padded.
const fp = (hex) => '0'.repeat(32) + hex;
const kG1 = fp('17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb')
    + fp('08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1');
const kMinusG1 = fp('17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb')
    + fp('114d1d6855d545a8aa7d76c8cf2e21f267816aef1db507c96655b9d5caac42364e6f38ba0ecb751bad54dcd6b939c2ca');
const kTwoG1 = fp('0572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f75bb8f1c7c42c39a8c5529bf0f4e')
    + fp('166a9d8cabc673a322fda673779d8e3822ba3ecb8670e461f73bb9021d5fd76a4c56d9d4cd16bd1bba86881979749d28');
const kG2 = fp('024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8')
    + fp('13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e')
    + fp('0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801')
    + fp('0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be');
const kMinusG2 = fp('024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8')
    + fp('13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e')
    + fp('0d1b3cc2c7027888be51d9ef691d77bcb679afda66c73f17f9ee3837a55024f78c71363275a75d75d86bab79f74782aa')
    + fp('13fa4d4a0ad8b1ce186ed5061789213d993923066dddaf1040bc3ff59f825c78df74f2d75467e25e0f55f8a00fa030ed');
const kTrue32 = pad('0x01', { size: 32 });
const kFalse32 = pad('0x00', { size: 32 });

let node;
let chain;
let pub;
const wallets = [];
const c = {}; // deployed contract addresses
let selfSetCode; // { hash, receipt } of the self-sent set-code transaction
const w = (role) => wallets[kRole[role]];
const addr = (role) => w(role).account.address;

const transport = () => http(node.url, { retryCount: 0 });
const receiptOf = (hash) => pub.waitForTransactionReceipt({ hash, pollingInterval: 20, timeout: 30_000 });
const fees = { maxFeePerGas: parseGwei('10'), maxPriorityFeePerGas: parseGwei('1') };

/// A JSON-RPC call whose answer is returned as the node sent it: { result } or { error }.
async function rpc(method, params) {
    const { status, body } = await rawRpc(node.url, { jsonrpc: '2.0', id: 1, method, params });
    assert.equal(status, 200, `${method}: HTTP ${status}`);
    return body;
}

async function rpcResult(method, params) {
    const body = await rpc(method, params);
    assert.equal(body.error, undefined, `${method}: ${JSON.stringify(body.error)}`);
    return body.result;
}

async function deploy(name) {
    const hash = await w('deployer').deployContract({ abi: art[name].abi, bytecode: art[name].bytecode });
    const receipt = await receiptOf(hash);
    assert.equal(receipt.status, 'success', `deploying ${name}`);
    return getAddress(receipt.contractAddress);
}

/// The opcodes of EVM code, PUSH data skipped.
function opcodesOf(code) {
    const bytes = Buffer.from(code.slice(2), 'hex');
    const ops = new Set();
    for (let i = 0; i < bytes.length; ++i) {
        const op = bytes[i];
        ops.add(op);
        if (op >= 0x60 && op <= 0x7f) i += op - 0x5f;
    }
    return ops;
}

/// EIP-7623 calldata tokens: zero bytes + 4 * non-zero bytes.
function tokensOf(data) {
    let tokens = 0n;
    for (const b of Buffer.from(data.slice(2), 'hex')) tokens += b === 0 ? 1n : 4n;
    return tokens;
}

/// Gas of a call carrying `data` that spends `execution` gas: the standard cost or the floor,
/// whichever is higher (EIP-7623).
const callGas = (data, execution) => {
    const tokens = tokensOf(data);
    const standard = 21_000n + kStandardTokenCost * tokens + execution;
    const floor = 21_000n + kFloorTokenCost * tokens;
    return standard > floor ? standard : floor;
};

/// Signs a dynamic-fee transaction without any client-side checks and sends it with
/// eth_sendRawTransaction: the node's answer as it is.
async function sendRaw(role, request) {
    const account = w(role).account;
    const nonce = request.nonce ?? await pub.getTransactionCount({ address: account.address, blockTag: 'pending' });
    const serialized = await account.signTransaction({ chainId: kChainId, type: 'eip1559', nonce, ...fees,
        ...request });
    return rpc('eth_sendRawTransaction', [serialized]);
}

before(async () => {
    node = await startNode();
    chain = defineChain({
        id: kChainId,
        name: `e2e ${node.target}`,
        nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
        rpcUrls: { default: { http: [node.url] } },
    });
    pub = createPublicClient({ chain, transport: transport(), pollingInterval: 20, cacheTime: 0 });
    for (const a of kDevAccounts) {
        wallets.push(createWalletClient({ account: privateKeyToAccount(a.key), chain, transport: transport(),
            pollingInterval: 20, cacheTime: 0 }));
    }
    c.NewOpcodes = await deploy('NewOpcodes');
    c.Delegate = await deploy('Delegate');
    c.P256Verifier = await deploy('P256Verifier');
    c.HistoryProbe = await deploy('HistoryProbe');
});

after(async () => {
    await node?.stop();
});

describe('Prague and Osaka', () => {
    test('solc compiles for Osaka by default; its CLZ and MCOPY run in calls and transactions', kEach, async () => {
        // solc-js 0.8.37's default EVM version, as the metadata of every contract records it.
        for (const name of ['NewOpcodes', 'Delegate', 'P256Verifier']) assert.equal(art[name].evmVersion, 'osaka');
        const code = await pub.getCode({ address: c.NewOpcodes });
        assert.equal(code, art.NewOpcodes.deployedBytecode);
        const ops = opcodesOf(code);
        for (const [name, op] of [['CLZ', 0x1e], ['MCOPY', 0x5e], ['PUSH0', 0x5f]]) {
            assert.ok(ops.has(op), `solc emitted no ${name}`);
        }

        const clz = (x) => pub.readContract({ address: c.NewOpcodes, abi: art.NewOpcodes.abi, functionName: 'clz',
            args: [x] });
        assert.equal(await clz(0n), 256n);
        assert.equal(await clz(1n), 255n);
        assert.equal(await clz(0x80n), 248n);
        assert.equal(await clz(1n << 255n), 0n);
        assert.equal(await clz((1n << 256n) - 1n), 0n);
        assert.equal(await clz(1n << 200n), 55n);
        const long = toHex(Buffer.alloc(300, 0xab));
        assert.equal(await pub.readContract({ address: c.NewOpcodes, abi: art.NewOpcodes.abi, functionName: 'echo',
            args: [long] }), long);

        // The same opcodes in a mined transaction.
        const hash = await w('opcodes').writeContract({ address: c.NewOpcodes, abi: art.NewOpcodes.abi,
            functionName: 'record', args: [1n << 17n, long] });
        assert.equal((await receiptOf(hash)).status, 'success');
        const last = await pub.readContract({ address: c.NewOpcodes, abi: art.NewOpcodes.abi, functionName: 'last' });
        assert.equal(last, (238n << 128n) | 300n);

        // CLZ without solc: hand-written runtime code PUSH1 x CLZ PUSH0 MSTORE PUSH1 32 PUSH0 RETURN.
        const runtime = (x) => `0x60${x}1e5f5260205ff3`;
        for (const [x, want] of [['00', 256n], ['01', 255n], ['ff', 248n]]) {
            const deployed = await deployRaw('opcodes', runtime(x));
            assert.equal(hexToBigInt(await rpcResult('eth_call', [{ to: deployed }, 'latest'])), want);
        }
    });

    test('a chain started with --fork Cancun runs Cancun: eth_config, no Osaka precompile, no type 4', kEach,
        async () => {
        const cancun = await startNode(['--fork', 'Cancun']);
        try {
            const call = async (method, params = []) => {
                const res = await fetch(cancun.url, { method: 'POST', headers: { 'content-type': 'application/json' },
                    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
                return res.json();
            };
            const config = (await call('eth_config')).result;
            assert.equal(config.current.activationTime, 0);
            assert.deepEqual(config.current.blobSchedule, { baseFeeUpdateFraction: 3338477, max: 6, target: 3 });
            assert.equal(Object.keys(config.current.precompiles).length, 10);
            assert.equal(config.current.precompiles.P256VERIFY, undefined);
            assert.deepEqual(config.current.systemContracts, {});
            assert.equal(config.next, null);
            const genesis = (await call('eth_getBlockByNumber', ['0x0', false])).result;
            assert.equal(genesis.requestsHash, undefined);
            // A set-code transaction is not of this fork.
            const account = privateKeyToAccount(kDevAccounts[0].key);
            const authorization = await account.signAuthorization({ chainId: kChainId, contractAddress: c.Delegate,
                nonce: 1 });
            const raw = await account.signTransaction({ type: 'eip7702', chainId: kChainId, nonce: 0,
                to: account.address, gas: 100_000n, ...fees, authorizationList: [authorization] });
            const sent = await call('eth_sendRawTransaction', [raw]);
            assert.deepEqual(sent.error, { code: -32000, message: 'transaction type not supported' });
        } finally {
            await cancun.stop();
        }
    });

    test('EIP-2935: the history contract serves block hashes, in calls and in pipelined blocks', kEach,
        async () => {
        const abi = art.HistoryProbe.abi;
        const block = async (n) => rpcResult('eth_getBlockByNumber', [numberToHex(n), false]);
        const head = await pub.getBlockNumber();
        // A call at the head sees every earlier block's hash, and not the head's own.
        for (const n of [0n, 1n, head - 1n]) {
            const [ok, hash] = await pub.readContract({ address: c.HistoryProbe, abi, functionName: 'hashOf',
                args: [n] });
            assert.equal(ok, true, `block ${n}`);
            assert.equal(hash, (await block(n)).hash, `block ${n}`);
        }
        const [okHead] = await pub.readContract({ address: c.HistoryProbe, abi, functionName: 'hashOf',
            args: [head] });
        assert.equal(okHead, false);
        // Transactions in consecutive blocks read the parent's hash while the parent may not be
        // committed yet (the committer checks what they read): each must see the true hash.
        const sender = w('history');
        const hashes = [];
        for (let i = 0; i < 6; ++i) {
            hashes.push(await sender.writeContract({ address: c.HistoryProbe, abi, functionName: 'record',
                args: [1n], gas: 200_000n, ...fees }));
        }
        for (const h of hashes) {
            const receipt = await receiptOf(h);
            assert.equal(receipt.status, 'success');
            const parent = receipt.blockNumber - 1n;
            const seen = await pub.readContract({ address: c.HistoryProbe, abi, functionName: 'seen',
                args: [parent] });
            assert.equal(seen, (await block(parent)).hash, `parent ${parent}`);
        }
        assert.equal(await pub.readContract({ address: c.HistoryProbe, abi, functionName: 'seen', args: [1n] }),
            (await block(1n)).hash);
        // The contract's storage holds the ring: slot n % 8191 is block n's hash.
        const n = (await pub.getBlockNumber()) - 1n;
        assert.equal(await rpcResult('eth_getStorageAt', ['0x0000F90827F1C53a10cb7A02335B175320002935',
            numberToHex(n % 8191n), 'latest']), (await block(n)).hash);
    });

    test('EIP-7702: an EOA delegates itself with viem signAuthorization and a self-sent type-4 transaction',
        kEach, async () => {
        const wallet = w('authority');
        const eoa = addr('authority');
        const abi = art.Delegate.abi;
        const nonce = await pub.getTransactionCount({ address: eoa });
        assert.equal(await rpcResult('eth_getCode', [eoa, 'latest']), '0x');

        // executor 'self': the transaction's own nonce comes first, so the authorization takes nonce + 1.
        const authorization = await wallet.signAuthorization({ contractAddress: c.Delegate, executor: 'self' });
        assert.equal(authorization.nonce, nonce + 1);
        assert.equal(authorization.chainId, kChainId);
        // An explicit gas limit here; the estimate with an authorization list is tested below.
        const hash = await wallet.writeContract({ address: eoa, abi, functionName: 'ping',
            authorizationList: [authorization], gas: kSetCodeGas, ...fees });
        const receipt = await receiptOf(hash);
        selfSetCode = { hash, receipt };
        assert.equal(receipt.status, 'success');
        assert.equal(receipt.type, 'eip7702');
        const raw = await rpcResult('eth_getTransactionReceipt', [hash]);
        assert.equal(raw.type, '0x4');
        assert.equal(raw.status, '0x1');
        const [pinged] = parseEventLogs({ abi, logs: receipt.logs });
        assert.ok(isAddressEqual(pinged.address, eoa), 'the event comes from the EOA, running the delegate');
        assert.deepEqual(pinged.args, { self: eoa, sender: eoa, count: 1n });

        assert.equal(await rpcResult('eth_getCode', [eoa, 'latest']),
            kDelegationPrefix + c.Delegate.slice(2).toLowerCase());
        assert.equal(await rpcResult('eth_getStorageAt', [eoa, '0x0', 'latest']), pad('0x01', { size: 32 }));
        assert.equal(await rpcResult('eth_getStorageAt', [c.Delegate, '0x0', 'latest']), kFalse32);
        // One for the transaction, one for the authorization.
        assert.equal(await pub.getTransactionCount({ address: eoa }), nonce + 2);

        const tx = await rpcResult('eth_getTransactionByHash', [hash]);
        assert.equal(tx.type, '0x4');
        assert.equal(tx.to, eoa.toLowerCase());
        assert.equal(tx.authorizationList.length, 1);
        const [entry] = tx.authorizationList;
        assert.deepEqual(Object.keys(entry).sort(), ['address', 'chainId', 'nonce', 'r', 's', 'yParity']);
        assert.equal(entry.chainId, numberToHex(kChainId));
        assert.equal(entry.address, c.Delegate.toLowerCase());
        assert.equal(entry.nonce, numberToHex(nonce + 1));
        assert.equal(entry.yParity, numberToHex(authorization.yParity));
        assert.equal(hexToBigInt(entry.r), hexToBigInt(authorization.r));
        assert.equal(hexToBigInt(entry.s), hexToBigInt(authorization.s));
        // viem reads it back into the object it signed.
        const parsed = await pub.getTransaction({ hash });
        assert.equal(parsed.type, 'eip7702');
        assert.deepEqual(parsed.authorizationList.map((a) => ({ ...a, address: getAddress(a.address),
            r: hexToBigInt(a.r), s: hexToBigInt(a.s) })),
        [{ address: c.Delegate, chainId: kChainId, nonce: nonce + 1, yParity: authorization.yParity,
            r: hexToBigInt(authorization.r), s: hexToBigInt(authorization.s) }]);

        // From now on any call to the EOA runs the delegate's code, in the EOA's storage.
        const caller = w('caller');
        assert.equal(await pub.readContract({ account: caller.account, address: eoa, abi, functionName: 'count' }), 1n);
        const second = await receiptOf(await caller.writeContract({ address: eoa, abi, functionName: 'ping' }));
        assert.equal(second.status, 'success');
        assert.equal(second.type, 'eip1559');
        assert.deepEqual(parseEventLogs({ abi, logs: second.logs })[0].args,
            { self: eoa, sender: caller.account.address, count: 2n });
        assert.equal(await rpcResult('eth_getStorageAt', [eoa, '0x0', 'latest']), pad('0x02', { size: 32 }));
        // The delegated EOA still sends ordinary transactions.
        const plain = await receiptOf(await wallet.sendTransaction({ to: addr('caller'), value: 1n, ...fees }));
        assert.equal(plain.status, 'success');
        assert.equal(await pub.getTransactionCount({ address: eoa }), nonce + 3);
    });

    test('EIP-7702: a sponsor sends the authority\'s authorization; a zero-address authorization clears it',
        kEach, async () => {
        const sponsor = w('sponsor');
        const authority = w('sponsored').account;
        const abi = art.Delegate.abi;
        const authorityNonce = await pub.getTransactionCount({ address: authority.address });
        const sponsorNonce = await pub.getTransactionCount({ address: sponsor.account.address });
        const authorityBalance = await pub.getBalance({ address: authority.address });

        // Signed by the authority, sent by the sponsor: the authorization takes the authority's nonce.
        const authorization = await sponsor.signAuthorization({ account: authority, contractAddress: c.Delegate });
        assert.equal(authorization.nonce, authorityNonce);
        const hash = await sponsor.sendTransaction({ to: authority.address,
            data: encodeFunctionData({ abi, functionName: 'ping' }), authorizationList: [authorization],
            gas: kSetCodeGas, ...fees });
        const receipt = await receiptOf(hash);
        assert.equal(receipt.status, 'success');
        assert.equal((await rpcResult('eth_getTransactionReceipt', [hash])).type, '0x4');
        assert.deepEqual(parseEventLogs({ abi, logs: receipt.logs })[0].args,
            { self: authority.address, sender: sponsor.account.address, count: 1n });
        assert.equal(await rpcResult('eth_getCode', [authority.address, 'latest']),
            kDelegationPrefix + c.Delegate.slice(2).toLowerCase());
        assert.equal(await rpcResult('eth_getStorageAt', [authority.address, '0x0', 'latest']),
            pad('0x01', { size: 32 }));
        assert.equal(await pub.getTransactionCount({ address: authority.address }), authorityNonce + 1);
        // The pending nonce (what wallets sign the next authorization or transaction with) moved too.
        assert.equal(await pub.getTransactionCount({ address: authority.address, blockTag: 'pending' }),
            authorityNonce + 1);
        assert.equal(await pub.getTransactionCount({ address: sponsor.account.address }), sponsorNonce + 1);
        assert.equal(await pub.getBalance({ address: authority.address }), authorityBalance, 'the sponsor pays');
        const tx = await rpcResult('eth_getTransactionByHash', [hash]);
        assert.equal(tx.from, sponsor.account.address.toLowerCase());
        assert.equal(tx.authorizationList[0].nonce, numberToHex(authorityNonce));

        // Delegating to the zero address clears the code; the storage stays with the account.
        const clear = await sponsor.signAuthorization({ account: authority, contractAddress: zeroAddress });
        const cleared = await receiptOf(await sponsor.sendTransaction({ to: authority.address,
            authorizationList: [clear], gas: kSetCodeGas, ...fees }));
        assert.equal(cleared.status, 'success');
        assert.equal(await rpcResult('eth_getCode', [authority.address, 'latest']), '0x');
        assert.equal(await rpcResult('eth_getStorageAt', [authority.address, '0x0', 'latest']),
            pad('0x01', { size: 32 }));
        assert.equal(await pub.getTransactionCount({ address: authority.address }), authorityNonce + 2);
        assert.equal(await rpcResult('eth_call', [{ to: authority.address,
            data: encodeFunctionData({ abi, functionName: 'ping' }) }, 'latest']), '0x');
        const [clearEntry] = (await rpcResult('eth_getTransactionByHash', [cleared.transactionHash])).authorizationList;
        assert.equal(clearEntry.address, zeroAddress);
    });

    test('EIP-7702: authorizations with a wrong nonce or chain are skipped, chain id 0 is valid anywhere',
        kEach, async () => {
        const sponsor = w('sponsor');
        const authority = w('rejects').account;
        const abi = art.Delegate.abi;
        const ping = encodeFunctionData({ abi, functionName: 'ping' });
        const nonce = await pub.getTransactionCount({ address: authority.address });
        const send = async (authorization) => receiptOf(await sponsor.sendTransaction({ to: authority.address,
            data: ping, authorizationList: [authorization], gas: kSetCodeGas, ...fees }));
        // Intrinsic gas: 21000, 16 per non-zero calldata byte (the 4-byte selector), 25000 per
        // authorization; nothing runs at an address without code.
        const skippedGas = 21_000n + 16n * 4n + kPerEmptyAccountCost;

        for (const bad of [{ nonce: nonce + 5 }, { chainId: 1 }]) {
            const authorization = await sponsor.signAuthorization({ account: authority, contractAddress: c.Delegate,
                ...bad });
            const receipt = await send(authorization);
            assert.equal(receipt.status, 'success', 'a skipped authorization does not fail the transaction');
            assert.equal(receipt.gasUsed, skippedGas);
            assert.deepEqual(receipt.logs, []);
            assert.equal(await rpcResult('eth_getCode', [authority.address, 'latest']), '0x');
            assert.equal(await pub.getTransactionCount({ address: authority.address }), nonce);
        }
        const anyChain = await sponsor.signAuthorization({ account: authority, contractAddress: c.Delegate,
            chainId: 0 });
        const applied = await send(anyChain);
        assert.equal(applied.status, 'success');
        assert.deepEqual(parseEventLogs({ abi, logs: applied.logs })[0].args,
            { self: authority.address, sender: addr('sponsor'), count: 1n });
        assert.equal(await rpcResult('eth_getCode', [authority.address, 'latest']),
            kDelegationPrefix + c.Delegate.slice(2).toLowerCase());
        assert.equal(await pub.getTransactionCount({ address: authority.address }), nonce + 1);
    });

    test('EIP-7702: a type-4 transaction without authorizations or without a recipient is refused',
        kEach, async () => {
        const account = w('rejects').account;
        const nonce = await pub.getTransactionCount({ address: account.address, blockTag: 'pending' });
        const empty = await rpc('eth_sendRawTransaction', [await signSetCode(account, { nonce,
            to: addr('caller'), authorizationList: [] })]);
        assert.ok(empty.error, `accepted: ${JSON.stringify(empty)}`);
        assert.equal(empty.error.message, 'EIP-7702 transaction with empty auth list');
        const authorization = await account.signAuthorization({ chainId: kChainId, address: c.Delegate,
            nonce: nonce + 1 });
        const create = await rpc('eth_sendRawTransaction', [await signSetCode(account, { nonce, to: null,
            authorizationList: [authorization] })]);
        assert.ok(create.error, `accepted: ${JSON.stringify(create)}`);
        assert.equal(await pub.getTransactionCount({ address: account.address, blockTag: 'pending' }), nonce);
    });

    test('EIP-7702 in simulations: eth_estimateGas and eth_call apply an authorizationList as geth does',
        kEach,
        async () => {
        const sponsor = w('sponsor');
        const authority = w('estimate').account;
        const abi = art.Delegate.abi;
        const authorization = await sponsor.signAuthorization({ account: authority, contractAddress: c.Delegate });
        const call = { from: addr('sponsor'), to: authority.address, data: encodeFunctionData({ abi,
            functionName: 'ping' }), authorizationList: [{ chainId: numberToHex(authorization.chainId),
            address: authorization.address, nonce: numberToHex(authorization.nonce),
            yParity: numberToHex(authorization.yParity), r: authorization.r, s: authorization.s }] };
        const result = await rpcResult('eth_call', [call, 'latest']);
        assert.equal(decodeFunctionResult({ abi, functionName: 'ping', data: result }), 1n);
        const estimate = hexToBigInt(await rpcResult('eth_estimateGas', [call]));
        // 25000 for the authorization plus a fresh storage slot (20000 + the cold access, 2100).
        assert.ok(estimate > 21_000n + kPerEmptyAccountCost + 22_100n, `estimate ${estimate}`);
        // viem's own path: no explicit gas, so sendTransaction estimates with the authorization.
        const receipt = await receiptOf(await sponsor.sendTransaction({ to: authority.address, data: call.data,
            authorizationList: [authorization], ...fees }));
        assert.equal(receipt.status, 'success');
    });

    test('EIP-7702 in traces: debug_traceTransaction replays the delegation',
        kEach,
        async () => {
        assert.ok(selfSetCode, 'the self-sent set-code transaction ran');
        const { hash, receipt } = selfSetCode;
        const frame = await rpcResult('debug_traceTransaction', [hash, { tracer: 'callTracer',
            tracerConfig: { withLog: true } }]);
        assert.equal(hexToBigInt(frame.gasUsed), receipt.gasUsed);
        assert.equal(frame.output, pad('0x01', { size: 32 }));
        assert.equal(frame.logs?.length, 1);
        const structs = await rpcResult('debug_traceTransaction', [hash, {}]);
        assert.equal(BigInt(structs.gas), receipt.gasUsed);
        assert.ok(structs.structLogs.some((l) => l.op === 'SSTORE'));
    });

    test('P256VERIFY (EIP-7951): Node crypto signatures verify at 0x100, directly and from a contract',
        kEach, async () => {
        const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
        const jwk = publicKey.export({ format: 'jwk' });
        const qx = toHex(Buffer.from(jwk.x, 'base64url'));
        const qy = toHex(Buffer.from(jwk.y, 'base64url'));
        assert.equal(size(qx), 32);
        assert.equal(size(qy), 32);
        const message = Buffer.from('YaoVerse runs Osaka');
        const h = toHex(createHash('sha256').update(message).digest());
        const signature = sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
        const r = toHex(signature.subarray(0, 32));
        const s = toHex(signature.subarray(32));
        const flip = (word) => toHex(hexToBigInt(word) ^ 1n, { size: 32 });

        const input = (args) => concat([args.h, args.r, args.s, args.qx, args.qy]);
        const good = { h, r, s, qx, qy };
        const bad = [{ ...good, h: flip(h) }, { ...good, s: flip(s) }, { ...good, r: flip(r) },
            { ...good, qy: flip(qy) } /* not on the curve */];
        const direct = (args) => rpcResult('eth_call', [{ to: kP256Address, data: input(args) }, 'latest']);
        assert.equal(await direct(good), kTrue32);
        for (const args of bad) assert.equal(await direct(args), '0x');

        const isValid = (args) => pub.readContract({ address: c.P256Verifier, abi: art.P256Verifier.abi,
            functionName: 'isValid', args: [args.h, args.r, args.s, args.qx, args.qy] });
        assert.equal(await isValid(good), true);
        for (const args of bad) assert.equal(await isValid(args), false);

        // The precompile costs 6900 gas, valid signature or not: the estimate of a direct call is the
        // intrinsic gas plus exactly that, and a transaction with that much gas uses all of it.
        for (const args of [good, bad[0]]) {
            const data = input(args);
            const want = callGas(data, kP256Gas);
            const estimate = hexToBigInt(await rpcResult('eth_estimateGas', [{ from: addr('p256'),
                to: kP256Address, data }]));
            assert.equal(estimate, want);
            const receipt = await receiptOf(await w('p256').sendTransaction({ to: kP256Address, data, gas: want,
                ...fees }));
            assert.equal(receipt.status, 'success');
            assert.equal(receipt.gasUsed, want);
            // One unit less is not enough for the precompile.
            const short = await receiptOf(await w('p256').sendTransaction({ to: kP256Address, data,
                gas: want - 1n, ...fees }));
            assert.equal(short.status, 'reverted');
        }
        // Through the contract, in a transaction.
        const receipt = await receiptOf(await w('p256').writeContract({ address: c.P256Verifier,
            abi: art.P256Verifier.abi, functionName: 'verify', args: [h, r, s, qx, qy] }));
        assert.equal(receipt.status, 'success');
        assert.ok(receipt.gasUsed > 21_000n + kP256Gas, `gasUsed ${receipt.gasUsed}`);
        assert.equal(await pub.readContract({ address: c.P256Verifier, abi: art.P256Verifier.abi,
            functionName: 'verified' }), 1n);
    });

    test('BLS12-381 (EIP-2537): G1ADD and PAIRING_CHECK answer the EIP\'s vectors byte for byte',
        kEach, async () => {
        const call = (to, data) => rpcResult('eth_call', [{ to, data }, 'latest']);
        // bls_g1add_(g1+g1=2*g1) and bls_g1add_(g1-g1=0).
        assert.equal(await call(kBls.g1add, `0x${kG1}${kG1}`), `0x${kTwoG1}`);
        assert.equal(await call(kBls.g1add, `0x${kG1}${kMinusG1}`), `0x${'00'.repeat(128)}`);
        // e(G1, G2) * e(-G1, G2) = 1; bls_pairing_e(G1,-G2)=e(-G1,G2) as published: e(G1, G2) * e(G1, -G2) = 1;
        // bls_pairing_non-degeneracy: e(G1, G2) != 1.
        assert.equal(await call(kBls.pairing, `0x${kG1}${kG2}${kMinusG1}${kG2}`), kTrue32);
        assert.equal(await call(kBls.pairing, `0x${kG1}${kG2}${kG1}${kMinusG2}`), kTrue32);
        assert.equal(await call(kBls.pairing, `0x${kG1}${kG2}`), kFalse32);
        assert.equal(await call(kBls.pairing, `0x${kG1}${kG2}${kG1}${kG2}`), kFalse32);

        // Gas: 375 for G1ADD, 32600 * k + 37700 for a pairing check of k pairs.
        const estimate = async (to, data) => hexToBigInt(await rpcResult('eth_estimateGas', [{ from: addr('caller'),
            to, data }]));
        const add = `0x${kG1}${kG1}`;
        assert.equal(await estimate(kBls.g1add, add), callGas(add, kG1AddGas));
        const pairing = `0x${kG1}${kG2}${kMinusG1}${kG2}`;
        assert.equal(await estimate(kBls.pairing, pairing), callGas(pairing, kPairingGas(2)));

        // Malformed input (one byte short) fails the call: the precompile takes all the gas.
        const short = await rpc('eth_call', [{ to: kBls.g1add, data: `0x${kG1}${kG1.slice(2)}` }, 'latest']);
        assert.ok(short.error, `accepted: ${JSON.stringify(short)}`);
    });

    test('EIP-7623: calldata below its floor is refused; gasUsed is 21000 + 10 per token', kEach, async () => {
        // 600 zero bytes and 400 non-zero ones: 600 + 4 * 400 = 2200 tokens.
        const data = toHex(Buffer.concat([Buffer.alloc(600, 0), Buffer.alloc(400, 0x5a)]));
        const tokens = 2_200n;
        assert.equal(tokensOf(data), tokens);
        const intrinsic = 21_000n + kStandardTokenCost * tokens; // 29,800: the pre-Prague cost
        const floor = 21_000n + kFloorTokenCost * tokens; // 43,000
        const to = addr('caller');

        for (const gas of [intrinsic, floor - 1n]) {
            const refused = await sendRaw('floor', { to, data, gas });
            assert.ok(refused.error, `accepted with ${gas} gas: ${JSON.stringify(refused)}`);
            // geth's ErrFloorDataGas (geth appends the amounts; a prefix is what clients match).
            assert.match(refused.error.message, /^insufficient gas for floor data gas cost\b/);
            assert.equal(refused.error.code, -32000);
        }
        for (const gas of [floor, 100_000n]) {
            const sent = await sendRaw('floor', { to, data, gas });
            assert.equal(sent.error, undefined, JSON.stringify(sent.error));
            const receipt = await receiptOf(sent.result);
            assert.equal(receipt.status, 'success');
            assert.equal(receipt.gasUsed, floor);
        }
        // A call pays the floor too, and an estimate asks for it.
        const call = { from: addr('floor'), to, data };
        assert.equal(hexToBigInt(await rpcResult('eth_estimateGas', [call])), floor);
        const short = await rpc('eth_call', [{ ...call, gas: numberToHex(intrinsic) }, 'latest']);
        assert.match(short.error?.message ?? '', /insufficient gas for floor data gas cost/);
        // viem's own path (its estimate, then eth_sendRawTransaction) lands at the floor.
        const receipt = await receiptOf(await w('floor').sendTransaction({ to, data, ...fees }));
        assert.equal(receipt.status, 'success');
        assert.equal(receipt.gasUsed, floor);
    });

    test('EIP-7825: a transaction carries at most 2^24 gas; the block gas limit is 30,000,000', kEach, async () => {
        const block = await pub.getBlock({ blockTag: 'latest' });
        assert.equal(block.gasLimit, 30_000_000n);
        const to = addr('caller');
        const refused = await sendRaw('cap', { to, value: 1n, gas: kMaxTxGas + 1n });
        assert.ok(refused.error, `accepted: ${JSON.stringify(refused)}`);
        // geth's ErrGasLimitTooHigh (geth appends "(cap: 16777216, tx: 16777217)").
        assert.match(refused.error.message, /^transaction gas limit too high\b/);
        assert.equal(refused.error.code, -32000);
        const sent = await sendRaw('cap', { to, value: 1n, gas: kMaxTxGas });
        assert.equal(sent.error, undefined, JSON.stringify(sent.error));
        const receipt = await receiptOf(sent.result);
        assert.equal(receipt.status, 'success');
        assert.equal(receipt.gasUsed, 21_000n);
        assert.equal((await pub.getTransaction({ hash: sent.result })).gas, kMaxTxGas);
    });
});

/// A signed type-4 transaction built by hand (RLP of EIP-7702's payload), so that shapes viem
/// refuses to build (no authorizations, no recipient) reach the node.
async function signSetCode(account, { nonce, to, authorizationList }) {
    const q = (n) => (BigInt(n) === 0n ? '0x' : numberToHex(BigInt(n)));
    const fields = [q(kChainId), q(nonce), q(fees.maxPriorityFeePerGas), q(fees.maxFeePerGas), q(100_000n),
        to ?? '0x', '0x', '0x', [],
        authorizationList.map((a) => [q(a.chainId), a.address, q(a.nonce), q(a.yParity), q(hexToBigInt(a.r)),
            q(hexToBigInt(a.s))])];
    const unsigned = concat(['0x04', toRlp(fields)]);
    const signature = await account.sign({ hash: keccak256(unsigned) });
    const { r, s, yParity } = parseSignature(signature);
    return concat(['0x04', toRlp([...fields, q(yParity), q(hexToBigInt(r)), q(hexToBigInt(s))])]);
}

/// Deploys `runtime` as it is (init code: CODECOPY it to memory and RETURN it) and returns its
/// address.
async function deployRaw(role, runtime) {
    const n = size(runtime);
    assert.ok(n < 256);
    // PUSH1 n PUSH1 10 PUSH0 CODECOPY PUSH1 n PUSH0 RETURN (10 bytes), then the runtime.
    const len = n.toString(16).padStart(2, '0');
    const init = concat([`0x60${len}600a5f3960${len}5ff3`, runtime]);
    const hash = await w(role).sendTransaction({ data: init, ...fees });
    const receipt = await receiptOf(hash);
    assert.equal(receipt.status, 'success');
    assert.equal(await pub.getCode({ address: receipt.contractAddress }), runtime);
    return receipt.contractAddress;
}
