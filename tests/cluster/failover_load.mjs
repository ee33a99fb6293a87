// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The failure tests' load (a process of its own, forked by failover.test.mjs): every sender
// signs EIP-1559 transfers with consecutive nonces to a recipient of its own and submits them
// with eth_sendRawTransaction, alternating between the Portals. A submission that fails (a
// Portal killed, no sequencer leader for a moment, the database restarting) is sent again, the
// same signed bytes, to the other Portal until it is answered, so each sender's nonces stay
// gapless. Bounded: at most `count` transactions per sender and `seconds` in all.
//
// argv[2]: JSON {urls, keys, recipients, chainId, rate, count, seconds, acceptedFile}. Every
// accepted transaction is appended at once to acceptedFile as a JSON line {hash, from, to, nonce,
// value, at} (so that the test can check them after each fault); prints one JSON line at the end:
// {accepted: [...], answered: {...}, errors: {...}}.
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { rpcCall, sleep } from '../e2e/lib/util.mjs';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { ethers } = require('ethers');

const cfg = JSON.parse(process.argv[2]);
const deadline = Date.now() + cfg.seconds * 1000;
let stopping = false;
process.on('message', (m) => {
    if (m === 'stop') stopping = true;
});


/// One JSON-RPC call: {result} or {error: text} (the node's message or the transport's).
async function call(url, method, params) {
    try {
        return { result: await rpcCall(url, method, params) };
    } catch (e) {
        return { error: e.name === 'Error' ? e.message : `transport: ${e.name}: ${e.message}` };
    }
}

const accepted = [];
const accept = (entry) => {
    accepted.push(entry);
    appendFileSync(cfg.acceptedFile, JSON.stringify({ ...entry, at: Date.now() }) + '\n');
};
const answered = { hash: 0, alreadyKnown: 0, nonceTooLowAfterRetry: 0 };
const errors = {};
const note = (text) => {
    const key = text.replace(/0x[0-9a-fA-F]+/g, '0x…').slice(0, 120);
    errors[key] = (errors[key] ?? 0) + 1;
};

async function sender(index) {
    const wallet = new ethers.Wallet(cfg.keys[index]);
    const to = cfg.recipients[index];
    let nonce = null;
    for (let k = 0; nonce === null && Date.now() < deadline && !stopping; ++k) {
        const r = await call(cfg.urls[k % cfg.urls.length], 'eth_getTransactionCount', [wallet.address, 'pending']);
        if (r.error) {
            note(r.error);
            await sleep(200);
        } else {
            nonce = Number(r.result);
        }
    }
    const interval = 1000 / cfg.rate;
    for (let n = 0; n < cfg.count && Date.now() < deadline && !stopping; ++n) {
        const started = Date.now();
        const value = BigInt(1000 + n);
        const raw = await wallet.signTransaction({
            type: 2,
            chainId: cfg.chainId,
            nonce,
            to,
            value,
            gasLimit: 21_000n,
            maxFeePerGas: 10n ** 10n,
            maxPriorityFeePerGas: 10n ** 9n,
        });
        const hash = ethers.keccak256(raw);
        let done = false;
        let retried = false;
        for (let attempt = 0; !done && Date.now() < deadline + 30_000; ++attempt) {
            const r = await call(cfg.urls[(index + n + attempt) % cfg.urls.length], 'eth_sendRawTransaction', [raw]);
            if (r.result !== undefined) {
                if (r.result.toLowerCase() !== hash.toLowerCase()) note(`wrong hash ${r.result} for ${hash}`);
                accept({ hash, from: wallet.address, to, nonce, value: value.toString() });
                ++answered.hash;
                done = true;
            } else if (/already known/.test(r.error)) {
                // An earlier attempt went in: the hash is the node's answer to this one.
                accept({ hash, from: wallet.address, to, nonce, value: value.toString() });
                ++answered.alreadyKnown;
                done = true;
            } else if (retried && /nonce too low/.test(r.error)) {
                // An earlier attempt whose answer was lost went in and is already committed
                // (this sender signs nothing else with this nonce): the checker finds it.
                accept({ hash, from: wallet.address, to, nonce, value: value.toString(), late: true });
                ++answered.nonceTooLowAfterRetry;
                done = true;
            } else {
                note(r.error);
                retried = true;
                await sleep(100 + 50 * Math.min(attempt, 10));
            }
        }
        if (!done) break;  // out of time with this nonce unanswered: the sender stops here
        ++nonce;
        const wait = interval - (Date.now() - started);
        if (wait > 0) await sleep(wait);
    }
}

await Promise.all(cfg.keys.map((_, i) => sender(i)));
// Exit once written: the IPC channel to the parent would keep this process alive.
process.stdout.write(JSON.stringify({ accepted, answered, errors }) + '\n', () => process.exit(0));
