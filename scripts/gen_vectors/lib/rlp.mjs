// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Minimal RLP encoder/decoder used by the vector generators.
// - encode() accepts Uint8Array (byte string), Array (list) and {raw: Uint8Array}
//   (an already-encoded item inserted verbatim; needed for embedded trie nodes).
// - strictDecode() rejects every non-canonical form (used to prove that the
//   "invalid" vectors really are invalid and that the valid ones are canonical).

import { getBytes, hexlify } from "ethers";

function concatBytes(parts) {
    const total = parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let off = 0;
    for (const p of parts) {
        out.set(p, off);
        off += p.length;
    }
    return out;
}

function lengthBytes(n) {
    const out = [];
    while (n > 0) {
        out.unshift(n & 0xff);
        n = Math.floor(n / 256);
    }
    return Uint8Array.from(out);
}

function header(len, shortBase, longBase) {
    if (len <= 55) {
        return Uint8Array.of(shortBase + len);
    }
    const lb = lengthBytes(len);
    return concatBytes([Uint8Array.of(longBase + lb.length), lb]);
}

export function encode(item) {
    if (item instanceof Uint8Array) {
        if (item.length === 1 && item[0] < 0x80) {
            return Uint8Array.of(item[0]);
        }
        return concatBytes([header(item.length, 0x80, 0xb7), item]);
    }
    if (Array.isArray(item)) {
        const body = concatBytes(item.map(encode));
        return concatBytes([header(body.length, 0xc0, 0xf7), body]);
    }
    if (item && item.raw instanceof Uint8Array) {
        return item.raw;
    }
    if (typeof item === "string") {
        return encode(getBytes(item));
    }
    throw new Error("rlp.encode: unsupported item");
}

/// Big-endian minimal bytes of a non-negative BigInt (0 -> empty).
export function uint(v) {
    v = BigInt(v);
    if (v < 0n) throw new Error("negative");
    const out = [];
    while (v > 0n) {
        out.unshift(Number(v & 0xffn));
        v >>= 8n;
    }
    return Uint8Array.from(out);
}

export function bytes(hex) {
    return getBytes(hex);
}

class RlpError extends Error {}

function readLength(buf, pos, n) {
    if (pos + n > buf.length) throw new RlpError("truncated length");
    if (buf[pos] === 0) throw new RlpError("length with leading zero");
    let len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos + i];
    return len;
}

function decodeAt(buf, pos) {
    if (pos >= buf.length) throw new RlpError("unexpected end of input");
    const b = buf[pos];
    if (b < 0x80) {
        return { item: buf.slice(pos, pos + 1), next: pos + 1 };
    }
    if (b <= 0xb7) {
        const len = b - 0x80;
        if (pos + 1 + len > buf.length) throw new RlpError("truncated string");
        if (len === 1 && buf[pos + 1] < 0x80) throw new RlpError("single byte < 0x80 with prefix");
        return { item: buf.slice(pos + 1, pos + 1 + len), next: pos + 1 + len };
    }
    if (b <= 0xbf) {
        const n = b - 0xb7;
        const len = readLength(buf, pos + 1, n);
        if (len <= 55) throw new RlpError("long string form for short string");
        const start = pos + 1 + n;
        if (start + len > buf.length) throw new RlpError("truncated string");
        return { item: buf.slice(start, start + len), next: start + len };
    }
    let start;
    let len;
    if (b <= 0xf7) {
        len = b - 0xc0;
        start = pos + 1;
    } else {
        const n = b - 0xf7;
        len = readLength(buf, pos + 1, n);
        if (len <= 55) throw new RlpError("long list form for short list");
        start = pos + 1 + n;
    }
    if (start + len > buf.length) throw new RlpError("truncated list");
    const items = [];
    let p = start;
    while (p < start + len) {
        const r = decodeAt(buf, p);
        if (r.next > start + len) throw new RlpError("list element overruns list");
        items.push(r.item);
        p = r.next;
    }
    return { item: items, next: start + len };
}

/// Strict decode of exactly one item covering the whole input.
export function strictDecode(data) {
    const buf = data instanceof Uint8Array ? data : getBytes(data);
    const r = decodeAt(buf, 0);
    if (r.next !== buf.length) throw new RlpError("trailing bytes after item");
    return r.item;
}

/// Strict canonical unsigned integer (no leading zeros), bounded to maxBits.
export function strictUint(item, maxBits, what) {
    if (!(item instanceof Uint8Array)) throw new RlpError(`${what}: expected string`);
    if (item.length > 0 && item[0] === 0) throw new RlpError(`${what}: leading zero`);
    if (item.length * 8 > maxBits) throw new RlpError(`${what}: exceeds ${maxBits} bits`);
    let v = 0n;
    for (const x of item) v = (v << 8n) | BigInt(x);
    return v;
}

export function toHex(u8) {
    return hexlify(u8);
}

export { concatBytes, RlpError };
