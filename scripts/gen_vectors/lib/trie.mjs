// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Independent Merkle-Patricia trie root (Yellow Paper appendix D), built from a
// key/value map in one pass. Used only to cross-check roots copied from fixtures.

import { keccak256, getBytes } from "ethers";
import { encode, concatBytes } from "./rlp.mjs";

function toNibbles(key) {
    const out = new Uint8Array(key.length * 2);
    for (let i = 0; i < key.length; i++) {
        out[2 * i] = key[i] >> 4;
        out[2 * i + 1] = key[i] & 0x0f;
    }
    return out;
}

function hexPrefix(nibbles, leaf) {
    const flag = leaf ? 2 : 0;
    const odd = nibbles.length % 2;
    const out = [];
    if (odd) {
        out.push(((flag + 1) << 4) | nibbles[0]);
    } else {
        out.push(flag << 4);
    }
    for (let i = odd; i < nibbles.length; i += 2) {
        out.push((nibbles[i] << 4) | nibbles[i + 1]);
    }
    return Uint8Array.from(out);
}

function ref(node) {
    const enc = encode(node);
    if (enc.length < 32) return { raw: enc };
    return getBytes(keccak256(enc));
}

function build(items, depth) {
    if (items.length === 0) return new Uint8Array(0);
    if (items.length === 1) {
        const [path, value] = items[0];
        return [hexPrefix(path.slice(depth), true), value];
    }
    // longest common prefix beyond depth
    let common = 0;
    for (;;) {
        const d = depth + common;
        if (items.some(([p]) => p.length <= d)) break;
        const n = items[0][0][d];
        if (items.some(([p]) => p[d] !== n)) break;
        common++;
    }
    if (common > 0) {
        const prefix = items[0][0].slice(depth, depth + common);
        return [hexPrefix(prefix, false), ref(build(items, depth + common))];
    }
    const branch = [];
    for (let n = 0; n < 16; n++) {
        const sub = items.filter(([p]) => p.length > depth && p[depth] === n);
        branch.push(sub.length ? ref(build(sub, depth + 1)) : new Uint8Array(0));
    }
    const here = items.find(([p]) => p.length === depth);
    branch.push(here ? here[1] : new Uint8Array(0));
    return branch;
}

/// Root hash (0x-hex) of a trie holding the given [keyBytes, valueBytes] pairs.
/// Empty values are treated as absent (as in the Ethereum trie).
export function trieRoot(pairs) {
    const map = new Map();
    for (const [k, v] of pairs) {
        const kb = k instanceof Uint8Array ? k : getBytes(k);
        const vb = v instanceof Uint8Array ? v : getBytes(v);
        const kk = Buffer.from(kb).toString("hex");
        if (vb.length === 0) map.delete(kk);
        else map.set(kk, [toNibbles(kb), vb]);
    }
    const items = [...map.values()];
    return keccak256(encode(build(items, 0)));
}

/// Root of an ordered list (transactions, receipts, withdrawals): key = rlp(index).
export function orderedTrieRoot(values) {
    return trieRoot(values.map((v, i) => [encode(indexKey(i)), v]));
}

function indexKey(i) {
    const out = [];
    while (i > 0) {
        out.unshift(i & 0xff);
        i >>= 8;
    }
    return Uint8Array.from(out);
}

export { concatBytes };
