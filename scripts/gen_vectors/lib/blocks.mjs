// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Loads the ethereum/tests block RLPs copied into sources/blocks_ethereum_tests.json, and
// verifies every piece of them against the values published in the fixture:
//   keccak256(header RLP) == fixture hash
//   trie(transactions) == transactionsTrie, trie(receipts) == receiptTrie, bloom == logsBloom
//   ethers-recovered sender == fixture sender

import { readFileSync } from "node:fs";
import { keccak256, hexlify, getBytes, Transaction, getAddress } from "ethers";
import { encode, strictDecode, uint } from "./rlp.mjs";
import { orderedTrieRoot } from "./trie.mjs";
import { logsBloom, bloomOr } from "./bloom.mjs";
import { check } from "./io.mjs";

export const HEADER_FIELDS = [
    ["parent_hash", "hash"],
    ["ommers_hash", "hash"],
    ["beneficiary", "address"],
    ["state_root", "hash"],
    ["transactions_root", "hash"],
    ["receipts_root", "hash"],
    ["logs_bloom", "bytes"],
    ["difficulty", "uint"],
    ["number", "uint"],
    ["gas_limit", "uint"],
    ["gas_used", "uint"],
    ["timestamp", "uint"],
    ["extra_data", "bytes"],
    ["mix_hash", "hash"],
    ["nonce", "bytes8"],
    ["base_fee_per_gas", "uint"],          // London (EIP-1559)
    ["withdrawals_root", "hash"],          // Shanghai (EIP-4895)
    ["blob_gas_used", "uint"],             // Cancun (EIP-4844)
    ["excess_blob_gas", "uint"],           // Cancun (EIP-4844)
    ["parent_beacon_block_root", "hash"],  // Cancun (EIP-4788)
];

function expand(s, entry) {
    return s.replace(/\{0\*(\d+)\}/g, (_, n) => "0".repeat(Number(n)))
        .replace("{BLOOM}", () => (entry.bloom || "").slice(2));
}

function toUint(b) {
    let v = 0n;
    for (const x of b) v = (v << 8n) | BigInt(x);
    return v;
}

/// header fields (as decoded byte strings) -> named JSON object
export function namedHeader(fields) {
    const out = {};
    fields.forEach((f, i) => {
        const [name, kind] = HEADER_FIELDS[i];
        out[name] = kind === "uint" ? toUint(f).toString() : hexlify(f);
    });
    return out;
}

/// named JSON header -> RLP list items (byte strings)
export function headerItems(h) {
    const items = [];
    for (const [name, kind] of HEADER_FIELDS) {
        if (!(name in h)) break;
        items.push(kind === "uint" ? uint(BigInt(h[name])) : getBytes(h[name]));
    }
    return items;
}

/// receipt encoding: legacy = rlp(list), typed = type || rlp(list)
export function encodeReceipt(r) {
    const logs = r.logs.map((l) => [getBytes(l.address), l.topics.map((t) => getBytes(t)), getBytes(l.data)]);
    const bloom = logsBloom(r.logs);
    const body = encode([uint(r.status), uint(BigInt(r.cumulative_gas_used)), bloom, logs]);
    const enc = r.tx_type === 0 ? body : new Uint8Array([r.tx_type, ...body]);
    return { encoded: hexlify(enc), bloom: hexlify(bloom) };
}

export function loadFixtureBlocks() {
    const src = JSON.parse(readFileSync(new URL("../sources/blocks_ethereum_tests.json", import.meta.url)));
    const out = [];
    for (const e of src.blocks) {
        const blockRlp = expand(e.rlp, e);
        const block = strictDecode(blockRlp);
        check(hexlify(encode(block)) === blockRlp, `${e.id}: block RLP is canonical`);
        const [headerF, txsF, unclesF, withdrawalsF] = block;
        check(block.length === 3 || block.length === 4, `${e.id}: block list length`);
        const headerRlp = hexlify(encode(headerF));
        const hash = keccak256(headerRlp);
        check(hash === e.hash, `${e.id}: header hash ${hash} != fixture ${e.hash}`);
        const header = namedHeader(headerF);
        check(hexlify(encode(headerItems(header))) === headerRlp, `${e.id}: named header round trip`);
        check(header.transactions_root === e.transactionsTrie, `${e.id}: transactionsTrie field`);
        check(header.receipts_root === e.receiptTrie, `${e.id}: receiptTrie field`);
        if (e.bloom) check(header.logs_bloom === e.bloom, `${e.id}: bloom field`);
        check(unclesF.length === 0, `${e.id}: no uncles expected`);

        const txs = txsF.map((t, i) => {
            const raw = Array.isArray(t) ? hexlify(encode(t)) : hexlify(t);
            const tx = Transaction.from(raw);
            check(tx.serialized === raw, `${e.id}: tx ${i} re-serializes`);
            check(tx.from.toLowerCase() === e.senders[i], `${e.id}: tx ${i} sender ${tx.from}`);
            return { index: i, type: tx.type, raw, hash: tx.hash, sender: getAddress(e.senders[i]) };
        });
        check(txs.length === e.senders.length, `${e.id}: tx count`);
        const txRoot = orderedTrieRoot(txs.map((t) => t.raw));
        check(txRoot === e.transactionsTrie, `${e.id}: recomputed tx root ${txRoot}`);

        let withdrawals = null;
        if (withdrawalsF !== undefined) {
            check(withdrawalsF.length === 0, `${e.id}: only empty withdrawals supported here`);
            withdrawals = [];
            check(orderedTrieRoot([]) === header.withdrawals_root, `${e.id}: withdrawals root`);
        }

        // receipts reconstructed from gas used + logs; must reproduce the published root
        let cumulative = 0n;
        let bloomAll = new Uint8Array(256);
        const receipts = txs.map((t, i) => {
            cumulative += BigInt(e.receipts_hint.gas_used[i]);
            const r = {
                tx_index: i,
                tx_type: t.type,
                status: 1,
                cumulative_gas_used: cumulative.toString(),
                logs: e.receipts_hint.logs[i],
            };
            const { encoded, bloom } = encodeReceipt(r);
            bloomAll = bloomOr(bloomAll, getBytes(bloom));
            return { ...r, bloom, encoded };
        });
        check(cumulative.toString() === header.gas_used, `${e.id}: sum of gas = header gas_used`);
        check(hexlify(bloomAll) === header.logs_bloom, `${e.id}: OR of receipt blooms = header bloom`);
        const rRoot = orderedTrieRoot(receipts.map((r) => r.encoded));
        check(rRoot === e.receiptTrie, `${e.id}: recomputed receipt root ${rRoot} != ${e.receiptTrie}`);

        out.push({
            id: e.id,
            fork: e.fork,
            source: e.source,
            header,
            header_field_count: headerF.length,
            header_rlp: headerRlp,
            hash: e.hash,
            block_rlp: blockRlp,
            transactions: txs,
            withdrawals,
            receipts,
            receipts_hint: e.receipts_hint,
        });
    }
    return out;
}
