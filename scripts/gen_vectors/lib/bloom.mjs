// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// 2048-bit logs bloom per the Yellow Paper (section 4.3.1): for each of the log's
// address and topics, take keccak256, and for the first three 2-byte pairs set bit
// (pair mod 2048), where bit 0 is the least significant bit of the last byte.

import { keccak256, getBytes, hexlify } from "ethers";

export function bloomAdd(bloom, data) {
    const h = getBytes(keccak256(data));
    for (let i = 0; i < 6; i += 2) {
        const bit = ((h[i] << 8) | h[i + 1]) & 2047;
        bloom[255 - (bit >> 3)] |= 1 << (bit & 7);
    }
}

export function logsBloom(logs) {
    const bloom = new Uint8Array(256);
    for (const log of logs) {
        bloomAdd(bloom, getBytes(log.address));
        for (const t of log.topics) bloomAdd(bloom, getBytes(t));
    }
    return bloom;
}

export function bloomOr(a, b) {
    const out = new Uint8Array(256);
    for (let i = 0; i < 256; i++) out[i] = a[i] | b[i];
    return out;
}

export { hexlify };
