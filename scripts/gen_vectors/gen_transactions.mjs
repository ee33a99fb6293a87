// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Writes tests/vectors/transactions.json: transactions signed with ethers v6 (see
// package.json for the pinned version) plus a list of encodings a strict decoder must reject.
//
//   cd scripts/gen_vectors && npm ci && node gen_transactions.mjs
//
// Signatures are RFC 6979 deterministic, so the output is byte-for-byte reproducible.

import {
    Transaction, SigningKey, Signature, Wallet, keccak256, getBytes, hexlify, concat,
    toBeHex, getAddress, recoverAddress, encodeRlp, decodeRlp, version as ethersVersion,
} from "ethers";
import { encode, uint, strictDecode, strictUint, concatBytes } from "./lib/rlp.mjs";
import { writeVectors, check } from "./lib/io.mjs";

const KEY0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"; // Hardhat #0
const KEY1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"; // Hardhat #1
const ADDR0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const ADDR1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
check(new Wallet(KEY0).address === ADDR0, "key0 address");
check(new Wallet(KEY1).address === ADDR1, "key1 address");

const U256_MAX = (1n << 256n) - 1n;
const U64_MAX = (1n << 64n) - 1n;
const GWEI = 1_000_000_000n;
const ETHER = 10n ** 18n;
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const TO_A = "0x3535353535353535353535353535353535353535";
const TO_B = "0x095e7baea6a6c7c4c2dfeb977efac326af552d87";
const TO_ZERO = "0x0000000000000000000000000000000000000000";

// Simple init code: PUSH1 0x2a PUSH1 0 MSTORE PUSH1 0x20 PUSH1 0 RETURN -> runtime returns 42.
const INIT_CODE_SMALL = "0x602a60005260206000f3";
// A typical solc-style constructor prologue followed by a tiny runtime.
const INIT_CODE_SOLC =
    "0x6080604052348015600f57600080fd5b50603f80601d6000396000f3fe6080604052600080fdfea2646970667358" +
    "221220" + "11".repeat(32) + "64736f6c63430008180033";

function patternBytes(n, seed) {
    const out = new Uint8Array(n);
    let x = seed >>> 0;
    for (let i = 0; i < n; i++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        out[i] = (x >>> 16) & 0xff;
    }
    return hexlify(out);
}

function key(n) {
    return toBeHex(BigInt(n), 32);
}

// ---------------------------------------------------------------------------------------------
// Independent serializer (own RLP) used to cross-check ethers and to build vectors ethers cannot
// represent (nonce > 2^53-1).

function accessListRlp(al) {
    return (al || []).map((e) => [getBytes(e.address), e.storageKeys.map((k) => getBytes(k))]);
}

function payloadFields(t) {
    const to = t.to == null ? new Uint8Array(0) : getBytes(t.to);
    switch (t.type) {
        case 0:
            return [uint(t.nonce), uint(t.gasPrice), uint(t.gasLimit), to, uint(t.value), getBytes(t.data)];
        case 1:
            return [uint(t.chainId), uint(t.nonce), uint(t.gasPrice), uint(t.gasLimit), to,
                uint(t.value), getBytes(t.data), accessListRlp(t.accessList)];
        case 2:
            return [uint(t.chainId), uint(t.nonce), uint(t.maxPriorityFeePerGas), uint(t.maxFeePerGas),
                uint(t.gasLimit), to, uint(t.value), getBytes(t.data), accessListRlp(t.accessList)];
        case 3:
            return [uint(t.chainId), uint(t.nonce), uint(t.maxPriorityFeePerGas), uint(t.maxFeePerGas),
                uint(t.gasLimit), to, uint(t.value), getBytes(t.data), accessListRlp(t.accessList),
                uint(t.maxFeePerBlobGas), t.blobVersionedHashes.map((h) => getBytes(h))];
        default:
            throw new Error("type");
    }
}

function manualSigningPayload(t) {
    const f = payloadFields(t);
    if (t.type === 0) {
        if (t.chainId == null) return encode(f);
        return encode([...f, uint(t.chainId), new Uint8Array(0), new Uint8Array(0)]);
    }
    return concatBytes([Uint8Array.of(t.type), encode(f)]);
}

function manualSigned(t, sig /* {v, r, s, yParity} as bigint/number */) {
    const f = payloadFields(t);
    if (t.type === 0) {
        return encode([...f, uint(sig.v), uint(sig.r), uint(sig.s)]);
    }
    return concatBytes([Uint8Array.of(t.type), encode([...f, uint(sig.yParity), uint(sig.r), uint(sig.s)])]);
}

// ---------------------------------------------------------------------------------------------
// Strict decoder (own), used to prove the valid vectors are canonical and the invalid ones fail.

function strictAddressOrNull(item, allowNull, what) {
    if (!(item instanceof Uint8Array)) throw new Error(`${what}: not a string`);
    if (item.length === 0 && allowNull) return null;
    if (item.length !== 20) throw new Error(`${what}: address must be 20 bytes`);
    return hexlify(item);
}

function strictAccessList(item) {
    if (!Array.isArray(item)) throw new Error("access list: not a list");
    for (const e of item) {
        if (!Array.isArray(e) || e.length !== 2) throw new Error("access list entry");
        strictAddressOrNull(e[0], false, "access list address");
        if (!Array.isArray(e[1])) throw new Error("storage keys: not a list");
        for (const k of e[1]) {
            if (!(k instanceof Uint8Array) || k.length !== 32) throw new Error("storage key must be 32 bytes");
        }
    }
}

function strictSig(items, legacy) {
    const [v, r, s] = items;
    const vv = strictUint(v, 256, "v");
    const rr = strictUint(r, 256, "r");
    const ss = strictUint(s, 256, "s");
    if (!legacy && vv > 1n) throw new Error("y_parity must be 0 or 1");
    if (legacy && !(vv === 27n || vv === 28n || vv >= 37n)) throw new Error("invalid legacy v");
    return { v: vv, r: rr, s: ss };
}

function strictDecodeTx(raw) {
    const b = getBytes(raw);
    if (b.length === 0) throw new Error("empty input");
    if (b[0] >= 0xc0) {
        const f = strictDecode(b);
        if (!Array.isArray(f) || f.length !== 9) throw new Error("legacy: expected 9 fields");
        strictUint(f[0], 64, "nonce");
        strictUint(f[1], 256, "gasPrice");
        strictUint(f[2], 64, "gasLimit");
        strictAddressOrNull(f[3], true, "to");
        strictUint(f[4], 256, "value");
        if (!(f[5] instanceof Uint8Array)) throw new Error("data: not a string");
        return { type: 0, sig: strictSig(f.slice(6), true) };
    }
    if (b[0] > 0x7f) throw new Error("invalid first byte");
    const type = b[0];
    if (type < 1 || type > 3) throw new Error(`unsupported tx type ${type}`);
    const f = strictDecode(b.slice(1));
    if (!Array.isArray(f)) throw new Error("typed payload: not a list");
    const n = { 1: 11, 2: 12, 3: 14 }[type];
    if (f.length !== n) throw new Error(`type ${type}: expected ${n} fields, got ${f.length}`);
    strictUint(f[0], 256, "chainId");
    strictUint(f[1], 64, "nonce");
    if (type === 1) {
        strictUint(f[2], 256, "gasPrice");
        strictUint(f[3], 64, "gasLimit");
        strictAddressOrNull(f[4], true, "to");
        strictUint(f[5], 256, "value");
        if (!(f[6] instanceof Uint8Array)) throw new Error("data");
        strictAccessList(f[7]);
    } else {
        strictUint(f[2], 256, "maxPriorityFeePerGas");
        strictUint(f[3], 256, "maxFeePerGas");
        strictUint(f[4], 64, "gasLimit");
        strictAddressOrNull(f[5], type !== 3, "to");
        strictUint(f[6], 256, "value");
        if (!(f[7] instanceof Uint8Array)) throw new Error("data");
        strictAccessList(f[8]);
        if (type === 3) {
            strictUint(f[9], 256, "maxFeePerBlobGas");
            if (!Array.isArray(f[10])) throw new Error("blob hashes: not a list");
            for (const h of f[10]) {
                if (!(h instanceof Uint8Array) || h.length !== 32) throw new Error("blob hash must be 32 bytes");
            }
        }
    }
    return { type, sig: strictSig(f.slice(n - 3), false) };
}

function checkSignatureRules(sig) {
    if (sig.r === 0n || sig.r >= SECP256K1_N) throw new Error("r out of range");
    if (sig.s === 0n || sig.s > SECP256K1_N / 2n) throw new Error("s not in lower half (EIP-2)");
}

// ---------------------------------------------------------------------------------------------

const vectors = [];

function dec(x) {
    return x == null ? null : BigInt(x).toString();
}

function record(description, t, raw, signingHash, sig, from, txHash, note) {
    const v = {
        description,
        type: t.type,
        raw,
        hash: txHash,
        from,
        signing_hash: signingHash,
        chain_id: t.chainId == null ? null : dec(t.chainId),
        nonce: dec(t.nonce),
        gas_limit: dec(t.gasLimit),
        to: t.to == null ? null : getAddress(t.to),
        value: dec(t.value),
        data: hexlify(t.data),
    };
    if (t.type === 0 || t.type === 1) {
        v.gas_price = dec(t.gasPrice);
    } else {
        v.max_priority_fee_per_gas = dec(t.maxPriorityFeePerGas);
        v.max_fee_per_gas = dec(t.maxFeePerGas);
    }
    if (t.type === 3) {
        v.max_fee_per_blob_gas = dec(t.maxFeePerBlobGas);
        v.blob_versioned_hashes = t.blobVersionedHashes.map((h) => h.toLowerCase());
    }
    v.access_list = t.type === 0 ? [] : (t.accessList || []).map((e) => ({
        address: getAddress(e.address),
        storage_keys: e.storageKeys.map((k) => k.toLowerCase()),
    }));
    v.v = dec(sig.v);
    v.r = toBeHex(BigInt(sig.r), 32);
    v.s = toBeHex(BigInt(sig.s), 32);
    v.y_parity = Number(sig.yParity);
    if (note) v.note = note;
    vectors.push(v);
}

/// Sign with ethers: build the Transaction, sign its unsignedHash with SigningKey.
function signEthers(description, privKey, t) {
    const tx = Transaction.from({
        type: t.type,
        chainId: t.chainId == null ? 0n : t.chainId,
        nonce: Number(t.nonce),
        gasLimit: t.gasLimit,
        to: t.to,
        value: t.value,
        data: t.data,
        ...(t.type <= 1 ? { gasPrice: t.gasPrice } : {
            maxPriorityFeePerGas: t.maxPriorityFeePerGas,
            maxFeePerGas: t.maxFeePerGas,
        }),
        ...(t.type >= 1 ? { accessList: t.accessList || [] } : {}),
        ...(t.type === 3 ? {
            maxFeePerBlobGas: t.maxFeePerBlobGas,
            blobVersionedHashes: t.blobVersionedHashes,
        } : {}),
    });
    check(tx.type === t.type, `${description}: ethers type ${tx.type}`);
    const sk = new SigningKey(privKey);
    const sigRaw = sk.sign(tx.unsignedHash);
    if (t.type === 0 && t.chainId == null) {
        // pre-EIP-155: v must be 27/28 and no chain id must appear anywhere.
        tx.signature = Signature.from({ r: sigRaw.r, s: sigRaw.s, v: sigRaw.v });
        check(tx.chainId === 0n, `${description}: pre-155 chainId`);
    } else {
        tx.signature = sigRaw;
    }
    const raw = tx.serialized;
    const yParity = tx.signature.yParity;
    let v;
    if (t.type === 0) {
        v = t.chainId == null ? 27n + BigInt(yParity) : BigInt(t.chainId) * 2n + 35n + BigInt(yParity);
    } else {
        v = BigInt(yParity);
    }
    const sig = { v, r: BigInt(tx.signature.r), s: BigInt(tx.signature.s), yParity };

    // --- self checks -------------------------------------------------------------------------
    const reparsed = Transaction.from(raw);
    check(reparsed.hash === tx.hash, `${description}: reparse hash`);
    check(reparsed.from === tx.from, `${description}: reparse from`);
    check(reparsed.serialized === raw, `${description}: reserialize`);
    check(reparsed.unsignedHash === tx.unsignedHash, `${description}: reparse unsignedHash`);
    check(tx.hash === keccak256(raw), `${description}: hash = keccak(raw)`);
    check(tx.from === getAddress(new Wallet(privKey).address), `${description}: from`);
    if (t.type === 0) {
        const fields = decodeRlp(raw);
        check(BigInt(fields[6]) === v, `${description}: legacy v on the wire ${fields[6]} != ${v}`);
        if (t.chainId == null) check(v === 27n || v === 28n, `${description}: v 27/28`);
    }
    // independent serializer agrees byte for byte
    check(hexlify(manualSigningPayload(t)) === tx.unsignedSerialized, `${description}: manual unsigned`);
    check(hexlify(manualSigned(t, sig)) === raw, `${description}: manual signed`);
    // strict decoder accepts it, signature is canonical
    const d = strictDecodeTx(raw);
    checkSignatureRules(d.sig);

    record(description, t, raw, tx.unsignedHash, sig, tx.from, tx.hash);
}

/// Sign without the ethers Transaction class (ethers keeps nonce as a JS number, so it cannot
/// represent nonce > 2^53-1). Uses ethers' SigningKey/keccak256 and the own serializer above.
function signManual(description, privKey, t) {
    const unsigned = manualSigningPayload(t);
    const signingHash = keccak256(unsigned);
    const sk = new SigningKey(privKey);
    const s = sk.sign(signingHash);
    const yParity = s.yParity;
    let v;
    if (t.type === 0) {
        v = t.chainId == null ? 27n + BigInt(yParity) : BigInt(t.chainId) * 2n + 35n + BigInt(yParity);
    } else {
        v = BigInt(yParity);
    }
    const sig = { v, r: BigInt(s.r), s: BigInt(s.s), yParity };
    const raw = hexlify(manualSigned(t, sig));
    const from = recoverAddress(signingHash, s);
    check(from === new Wallet(privKey).address, `${description}: recover`);
    // ethers must agree on the hash of the same bytes, and decodeRlp must round-trip
    check(hexlify(encodeRlp(decodeRlp(t.type === 0 ? raw : "0x" + raw.slice(4)))) ===
        (t.type === 0 ? raw : "0x" + raw.slice(4)), `${description}: ethers rlp round trip`);
    const d = strictDecodeTx(raw);
    checkSignatureRules(d.sig);
    record(description, t, raw, signingHash, sig, from, keccak256(raw),
        "built with the generator's own RLP serializer + ethers SigningKey: ethers' Transaction " +
        "class stores nonce as a JS number and cannot represent nonce > 2^53-1");
}

// =============================================================================================
// Type 0, pre-EIP-155 (no chain id, v = 27/28)

signEthers("legacy pre-EIP-155: 1 ether transfer, nonce 0", KEY0, {
    type: 0, nonce: 0, gasPrice: 20n * GWEI, gasLimit: 21000n, to: TO_A, value: ETHER, data: "0x",
});
signEthers("legacy pre-EIP-155: transfer from key #1 with short calldata", KEY1, {
    type: 0, nonce: 9, gasPrice: 1n * GWEI, gasLimit: 50000n, to: TO_B, value: 12345n, data: "0xdeadbeef",
});
signEthers("legacy pre-EIP-155: contract creation (to = null) with init code", KEY0, {
    type: 0, nonce: 1, gasPrice: 10n * GWEI, gasLimit: 100000n, to: null, value: 0n, data: INIT_CODE_SMALL,
});
signEthers("legacy pre-EIP-155: zero gas price, zero value, to the zero address", KEY1, {
    type: 0, nonce: 3, gasPrice: 0n, gasLimit: 21000n, to: TO_ZERO, value: 0n, data: "0x",
});
signEthers("legacy pre-EIP-155: nonce 128 (encoded 0x8180), gas price and value 127, data 0x7f (single-byte encodings)", KEY0, {
    type: 0, nonce: 128, gasPrice: 127n, gasLimit: 21000n, to: TO_A, value: 127n, data: "0x7f",
});

// Type 0 with EIP-155

signEthers("legacy EIP-155 chain 1: 1 ether transfer", KEY0, {
    type: 0, chainId: 1n, nonce: 0, gasPrice: 20n * GWEI, gasLimit: 21000n, to: TO_A, value: ETHER, data: "0x",
});
signEthers("legacy EIP-155 chain 1: key #1, calldata", KEY1, {
    type: 0, chainId: 1n, nonce: 42, gasPrice: 30n * GWEI, gasLimit: 60000n, to: TO_B, value: 0n,
    data: "0xa9059cbb000000000000000000000000" + ADDR1.slice(2).toLowerCase() + key(1000).slice(2),
});
signEthers("legacy EIP-155 chain 1337", KEY0, {
    type: 0, chainId: 1337n, nonce: 5, gasPrice: 1n * GWEI, gasLimit: 21000n, to: ADDR1, value: 10n ** 15n, data: "0x",
});
signEthers("legacy EIP-155 chain 31337 (Hardhat)", KEY1, {
    type: 0, chainId: 31337n, nonce: 0, gasPrice: 875000000n, gasLimit: 21000n, to: ADDR0, value: 1n, data: "0x",
});
signEthers("legacy EIP-155 chain 31337: contract creation with solc-style init code", KEY0, {
    type: 0, chainId: 31337n, nonce: 7, gasPrice: 2n * GWEI, gasLimit: 300000n, to: null, value: 0n, data: INIT_CODE_SOLC,
});
signEthers("legacy EIP-155 chain 2^32+7 (v needs 5 bytes)", KEY0, {
    type: 0, chainId: (1n << 32n) + 7n, nonce: 1, gasPrice: 1n, gasLimit: 21000n, to: TO_A, value: 2n, data: "0x",
});
signEthers("legacy EIP-155 chain 2^32+7, key #1", KEY1, {
    type: 0, chainId: (1n << 32n) + 7n, nonce: 2, gasPrice: 3n, gasLimit: 22000n, to: TO_B, value: 0n, data: "0x00",
});
signEthers("legacy EIP-155 chain 1: zero gas price, value 2^256-1", KEY1, {
    type: 0, chainId: 1n, nonce: 1, gasPrice: 0n, gasLimit: 21000n, to: TO_A, value: U256_MAX, data: "0x",
});
signEthers("legacy EIP-155 chain 1: 5000 bytes of calldata", KEY0, {
    type: 0, chainId: 1n, nonce: 11, gasPrice: 15n * GWEI, gasLimit: 200000n, to: TO_B, value: 0n,
    data: patternBytes(5000, 1),
});
signEthers("legacy EIP-155 chain 1: nonce 2^53-1 (largest ethers can represent)", KEY0, {
    type: 0, chainId: 1n, nonce: Number.MAX_SAFE_INTEGER, gasPrice: 1n * GWEI, gasLimit: 21000n, to: TO_A, value: 1n, data: "0x",
});
signManual("legacy EIP-155 chain 1: nonce 2^64-2 (EIP-2681 maximum)", KEY0, {
    type: 0, chainId: 1n, nonce: U64_MAX - 1n, gasPrice: 1n * GWEI, gasLimit: 21000n, to: TO_A, value: 1n, data: "0x",
});
signEthers("legacy EIP-155 chain 1: gas limit 2^64-1", KEY1, {
    type: 0, chainId: 1n, nonce: 0, gasPrice: 1n, gasLimit: U64_MAX, to: TO_A, value: 0n, data: "0x",
});

// Type 1 (EIP-2930)

signEthers("type 1 chain 1: empty access list", KEY0, {
    type: 1, chainId: 1n, nonce: 0, gasPrice: 20n * GWEI, gasLimit: 21000n, to: TO_A, value: ETHER, data: "0x", accessList: [],
});
signEthers("type 1 chain 1: one address, no storage keys", KEY1, {
    type: 1, chainId: 1n, nonce: 3, gasPrice: 5n * GWEI, gasLimit: 30000n, to: TO_B, value: 0n, data: "0x01",
    accessList: [{ address: TO_B, storageKeys: [] }],
});
signEthers("type 1 chain 1: three addresses with several storage keys", KEY0, {
    type: 1, chainId: 1n, nonce: 17, gasPrice: 12n * GWEI, gasLimit: 150000n, to: TO_B, value: 100n, data: "0xcafe",
    accessList: [
        { address: TO_B, storageKeys: [key(0), key(1), key(2)] },
        { address: ADDR0, storageKeys: [] },
        { address: TO_A, storageKeys: [key("0x" + "ff".repeat(32)), keccak256("0x01")] },
    ],
});
signEthers("type 1 chain 31337: contract creation with access list", KEY1, {
    type: 1, chainId: 31337n, nonce: 0, gasPrice: 1n * GWEI, gasLimit: 200000n, to: null, value: 0n, data: INIT_CODE_SMALL,
    accessList: [{ address: ADDR1, storageKeys: [key(7)] }],
});
signEthers("type 1 chain 1337: zero gas price", KEY0, {
    type: 1, chainId: 1337n, nonce: 1, gasPrice: 0n, gasLimit: 21000n, to: ADDR1, value: 1n, data: "0x", accessList: [],
});
signEthers("type 1 chain 2^32+7: value 2^256-1", KEY1, {
    type: 1, chainId: (1n << 32n) + 7n, nonce: 99, gasPrice: 7n, gasLimit: 25000n, to: TO_A, value: U256_MAX, data: "0x",
    accessList: [{ address: TO_A, storageKeys: [key(0)] }],
});

// Type 2 (EIP-1559)

signEthers("type 2 chain 1: simple transfer", KEY0, {
    type: 2, chainId: 1n, nonce: 0, maxPriorityFeePerGas: 2n * GWEI, maxFeePerGas: 100n * GWEI, gasLimit: 21000n,
    to: TO_A, value: ETHER, data: "0x", accessList: [],
});
signEthers("type 2 chain 1: key #1, calldata and access list", KEY1, {
    type: 2, chainId: 1n, nonce: 8, maxPriorityFeePerGas: 1500000000n, maxFeePerGas: 35n * GWEI, gasLimit: 90000n,
    to: TO_B, value: 0n, data: "0x095ea7b3" + key(ADDR0).slice(2) + key(U256_MAX).slice(2),
    accessList: [{ address: TO_B, storageKeys: [key(3), key(4)] }, { address: TO_A, storageKeys: [] }],
});
signEthers("type 2 chain 1: zero fees", KEY0, {
    type: 2, chainId: 1n, nonce: 2, maxPriorityFeePerGas: 0n, maxFeePerGas: 0n, gasLimit: 21000n,
    to: TO_A, value: 0n, data: "0x", accessList: [],
});
signEthers("type 2 chain 1: max fee = max priority fee = 2^256-1, value 2^256-1", KEY1, {
    type: 2, chainId: 1n, nonce: 4, maxPriorityFeePerGas: U256_MAX, maxFeePerGas: U256_MAX, gasLimit: 21000n,
    to: TO_A, value: U256_MAX, data: "0x", accessList: [],
});
signEthers("type 2 chain 1337: contract creation (to = null)", KEY0, {
    type: 2, chainId: 1337n, nonce: 0, maxPriorityFeePerGas: 1n * GWEI, maxFeePerGas: 2n * GWEI, gasLimit: 500000n,
    to: null, value: 0n, data: INIT_CODE_SOLC, accessList: [],
});
signEthers("type 2 chain 31337: contract creation with value and access list", KEY1, {
    type: 2, chainId: 31337n, nonce: 12, maxPriorityFeePerGas: 1n, maxFeePerGas: 1000n, gasLimit: 1000000n,
    to: null, value: 5n * ETHER, data: INIT_CODE_SMALL,
    accessList: [{ address: TO_B, storageKeys: [key(0)] }],
});
signEthers("type 2 chain 1: 5000 bytes of calldata", KEY1, {
    type: 2, chainId: 1n, nonce: 13, maxPriorityFeePerGas: 1n * GWEI, maxFeePerGas: 50n * GWEI, gasLimit: 300000n,
    to: TO_B, value: 0n, data: patternBytes(5000, 2), accessList: [],
});
signEthers("type 2 chain 2^32+7: nonce 2^53-1", KEY0, {
    type: 2, chainId: (1n << 32n) + 7n, nonce: Number.MAX_SAFE_INTEGER, maxPriorityFeePerGas: 3n, maxFeePerGas: 4n,
    gasLimit: 21000n, to: TO_A, value: 1n, data: "0x", accessList: [],
});
signManual("type 2 chain 1: nonce 2^64-2 (EIP-2681 maximum)", KEY1, {
    type: 2, chainId: 1n, nonce: U64_MAX - 1n, maxPriorityFeePerGas: 1n * GWEI, maxFeePerGas: 10n * GWEI,
    gasLimit: 21000n, to: TO_A, value: 0n, data: "0x", accessList: [],
});
signManual("type 1 chain 1: nonce 2^64-2, contract creation", KEY0, {
    type: 1, chainId: 1n, nonce: U64_MAX - 1n, gasPrice: 1n, gasLimit: 100000n, to: null, value: 0n,
    data: INIT_CODE_SMALL, accessList: [],
});
signEthers("type 2 chain 1: single-byte data 0x00 and 0x80-valued fields", KEY0, {
    type: 2, chainId: 1n, nonce: 0x80, maxPriorityFeePerGas: 0x7fn, maxFeePerGas: 0x80n, gasLimit: 0x5208n,
    to: TO_A, value: 0x80n, data: "0x00", accessList: [],
});

// Type 3 (EIP-4844), canonical/network-without-sidecar form: ethers serializes it when no blobs
// are attached.

const VH = (n) => "0x01" + keccak256(toBeHex(n, 32)).slice(4);
signEthers("type 3 chain 1: one blob versioned hash", KEY0, {
    type: 3, chainId: 1n, nonce: 0, maxPriorityFeePerGas: 1n * GWEI, maxFeePerGas: 30n * GWEI, gasLimit: 21000n,
    to: TO_A, value: 0n, data: "0x", accessList: [], maxFeePerBlobGas: 1n, blobVersionedHashes: [VH(1)],
});
signEthers("type 3 chain 1: six blob hashes, calldata, access list", KEY1, {
    type: 3, chainId: 1n, nonce: 77, maxPriorityFeePerGas: 2n * GWEI, maxFeePerGas: 40n * GWEI, gasLimit: 100000n,
    to: TO_B, value: 3n, data: "0x1234", accessList: [{ address: TO_B, storageKeys: [key(0), key(1)] }],
    maxFeePerBlobGas: 10n * GWEI, blobVersionedHashes: [VH(1), VH(2), VH(3), VH(4), VH(5), VH(6)],
});
signEthers("type 3 chain 31337: zero fees, max blob fee 2^256-1", KEY0, {
    type: 3, chainId: 31337n, nonce: 3, maxPriorityFeePerGas: 0n, maxFeePerGas: 0n, gasLimit: 21000n,
    to: ADDR1, value: 0n, data: "0x", accessList: [], maxFeePerBlobGas: U256_MAX, blobVersionedHashes: [VH(9), VH(10)],
});

// Published EIP-155 example (key 0x4646..46), checked against the numbers in the EIP text.
{
    const eipKey = "0x" + "46".repeat(32);
    signEthers("EIP-155 example from the EIP text (private key 0x4646...46)", eipKey, {
        type: 0, chainId: 1n, nonce: 9, gasPrice: 20n * GWEI, gasLimit: 21000n, to: TO_A, value: ETHER, data: "0x",
    });
    const v = vectors[vectors.length - 1];
    check(v.signing_hash === "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53", "EIP-155 signing hash");
    check(v.v === "37", "EIP-155 v");
    check(BigInt(v.r) === 18515461264373351373200002665853028612451056578545711640558177340181847433846n, "EIP-155 r");
    check(BigInt(v.s) === 46948507304638947509940763649030358759909902576025900602547168820602576006531n, "EIP-155 s");
    check(v.raw === "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a0" +
        "28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9" +
        "f3dc64214b297fb1966a3b6d83", "EIP-155 raw");
    v.note = "signing hash, v, r, s and raw match the example published in EIP-155";
}

// =============================================================================================
// Invalid encodings

const invalid = [];
const setCode = [];  // EIP-7702 transactions, valid from Prague on

function addInvalid(reason, raw, stage, extra = {}) {
    // self-check: our strict decoder (+ signature rules for stage "signature") must reject it
    let rejected = false;
    let why = "";
    try {
        const d = strictDecodeTx(raw);
        if (stage === "signature") checkSignatureRules(d.sig);
    } catch (e) {
        rejected = true;
        why = e.message;
    }
    check(rejected, `invalid vector accepted by strict decoder: ${reason}`);
    if (stage === "decode") {
        // must not be merely a signature-rule failure
        let decodeOk = true;
        try { strictDecodeTx(raw); } catch { decodeOk = false; }
        check(!decodeOk, `decode-stage vector decodes: ${reason}`);
    } else {
        let decodeOk = true;
        try { strictDecodeTx(raw); } catch { decodeOk = false; }
        check(decodeOk, `signature-stage vector should decode: ${reason}`);
    }
    invalid.push({ reason, stage, raw, ...extra, generator_rejection: why });
}

const byDesc = (d) => {
    const v = vectors.find((x) => x.description === d);
    check(v, "no vector " + d);
    return v;
};
const legacy155 = byDesc("legacy EIP-155 chain 1: 1 ether transfer");
const legacyPre = byDesc("legacy pre-EIP-155: 1 ether transfer, nonce 0");
const t1 = byDesc("type 1 chain 1: empty access list");
const t2 = byDesc("type 2 chain 1: simple transfer");
const t3 = byDesc("type 3 chain 1: one blob versioned hash");

const rawFields = (raw) => decodeRlp(raw); // ethers: hex strings / arrays
const typedFields = (raw) => decodeRlp("0x" + raw.slice(4));
const typed = (type, fields) => concat([toBeHex(type, 1), encodeRlp(fields)]);

addInvalid("empty input", "0x", "decode");

{
    // A real EIP-7702 (type 4) transaction signed by ethers: Hardhat #0 sends it, Hardhat #1
    // signs its one authorization (chain 1, nonce 1, delegate TO_B).
    const tx = Transaction.from({
        type: 4, chainId: 1n, nonce: 0, maxPriorityFeePerGas: 1n, maxFeePerGas: 2n, gasLimit: 100000n,
        to: TO_A, value: 0n, data: "0x", accessList: [],
        authorizationList: [{
            address: TO_B, nonce: 1n, chainId: 1n,
            signature: new SigningKey(KEY1).sign(keccak256(concat(["0x05", encodeRlp(["0x01", TO_B, "0x01"])]))),
        }],
    });
    tx.signature = new SigningKey(KEY0).sign(tx.unsignedHash);
    const raw = tx.serialized;
    check(raw.startsWith("0x04"), "type 4 prefix");
    check(Transaction.from(raw).hash === tx.hash, "type 4 reparse");
    setCode.push({
        description: "type 4 chain 1: one authorization by Hardhat #1 (chain 1, nonce 1) for TO_B, sent by Hardhat #0",
        raw, hash: tx.hash, from: ADDR0,
        authorization: { chain_id: "1", address: getAddress(TO_B), nonce: "1", authority: ADDR1 },
    });
}
addInvalid("unknown transaction type 0x05 (type-2 payload behind a 0x05 type byte)",
    typed(5, typedFields(t2.raw)), "decode");
addInvalid("type byte 0x7f (reserved, not a valid transaction type)", typed(0x7f, typedFields(t2.raw)), "decode");
addInvalid("type byte 0x00 in front of a legacy RLP list (type 0 has no typed envelope)",
    concat(["0x00", legacy155.raw]), "decode");
addInvalid("type byte 0x80 (not a type, not an RLP list start)", concat(["0x80", "0x" + t2.raw.slice(4)]), "decode");
addInvalid("type byte only (0x02) with no payload", "0x02", "decode");
{
    const f = rawFields(legacyPre.raw);
    f[6] = "0x1d"; // v = 29
    addInvalid("legacy transaction with v = 29 (neither 27/28 nor a valid EIP-155 v)", encodeRlp(f), "decode");
    const g = rawFields(legacyPre.raw);
    g[6] = "0x"; // v = 0
    addInvalid("legacy transaction with v = 0", encodeRlp(g), "decode");
}
addInvalid("typed (type 2) transaction with one trailing byte after the RLP list", concat([t2.raw, "0x00"]), "decode");
addInvalid("typed (type 1) transaction with trailing bytes", concat([t1.raw, "0xc0c0"]), "decode");
addInvalid("legacy transaction with one trailing byte after the RLP list", concat([legacy155.raw, "0x80"]), "decode");
{
    const f = rawFields(byDesc("legacy pre-EIP-155: transfer from key #1 with short calldata").raw);
    check(f[0] === "0x09", "nonce 9");
    f[0] = "0x0009"; // nonce encoded with a leading zero byte
    addInvalid("legacy transaction whose nonce integer has a leading zero byte (0x820009)", encodeRlp(f), "decode");
}
{
    const f = typedFields(t2.raw);
    f[6] = "0x00" + f[6].slice(2); // value with leading zero
    addInvalid("type 2 transaction whose value integer has a leading zero byte", typed(2, f), "decode");
}
{
    // zero encoded as 0x00 instead of 0x80
    const f = typedFields(t2.raw);
    check(f[1] === "0x", "nonce 0");
    f[1] = "0x00";
    addInvalid("type 2 transaction with nonce 0 encoded as 0x00 instead of 0x80", typed(2, f), "decode");
}
{
    // non-canonical single byte: 0x81 0x05 instead of 0x05 (data byte < 0x80 with a prefix)
    const f = rawFields(legacyPre.raw);
    f[5] = "0x05";
    // encode every field canonically except the data byte, which gets a needless 0x81 prefix
    const fieldsEnc = f.map((x) => getBytes(encodeRlp(x)));
    fieldsEnc[5] = Uint8Array.of(0x81, 0x05);
    const payload = concatBytes(fieldsEnc);
    check(payload.length > 55 && payload.length < 256, "payload needs the 0xf8 form");
    const raw = concatBytes([Uint8Array.of(0xf8, payload.length), payload]);
    addInvalid("legacy transaction with data byte 0x05 encoded as 0x8105 (non-canonical single byte)", hexlify(raw), "decode");
}
{
    // long-form list length for a short payload: 0xf8 0x30 ... where 0xf0 form would do
    const f = ["0x01", "0x01", "0x5208", TO_A, "0x", "0x", "0x1b",
        "0x" + "11".repeat(32).slice(0, 2), "0x22"];
    const fieldsEnc = f.map((x) => getBytes(encodeRlp(x)));
    const payload = concatBytes(fieldsEnc);
    check(payload.length <= 55, "short payload");
    const raw = concatBytes([Uint8Array.of(0xf8, payload.length), payload]);
    addInvalid("legacy transaction whose outer list uses the long length form (0xf8) for a payload <= 55 bytes",
        hexlify(raw), "decode");
}
{
    const raw = legacy155.raw;
    addInvalid("truncated legacy transaction (last byte removed)", raw.slice(0, -2), "decode");
    addInvalid("truncated type 2 transaction (last 10 bytes removed)", t2.raw.slice(0, -20), "decode");
    addInvalid("truncated type 3 transaction (only the first half)", t3.raw.slice(0, 2 + Math.floor((t3.raw.length - 2) / 4) * 2), "decode");
}
{
    const f = typedFields(t2.raw);
    f[9] = "0x02";
    addInvalid("type 2 transaction with y_parity = 2", typed(2, f), "decode");
    const g = typedFields(t1.raw);
    g[8] = "0x1b";
    addInvalid("type 1 transaction with y_parity = 27 (legacy-style v in a typed tx)", typed(1, g), "decode");
}
{
    const f = typedFields(t2.raw);
    addInvalid("type 2 transaction missing the signature fields (unsigned, 9 fields)", typed(2, f.slice(0, 9)), "decode");
    addInvalid("type 2 transaction with an extra 13th field", typed(2, [...f, "0x01"]), "decode");
    const g = rawFields(legacy155.raw);
    addInvalid("legacy transaction with only 8 fields", encodeRlp(g.slice(0, 8)), "decode");
    addInvalid("legacy transaction with 10 fields", encodeRlp([...g, "0x"]), "decode");
}
{
    const f = typedFields(t2.raw);
    addInvalid("type 2 payload is an RLP string instead of a list",
        concat(["0x02", encodeRlp(getBytes(encodeRlp(f)))]), "decode");
}
{
    const f = typedFields(t2.raw);
    f[5] = f[5].slice(0, -2); // 19-byte address
    addInvalid("type 2 transaction with a 19-byte 'to' address", typed(2, f), "decode");
}
{
    const f = typedFields(t3.raw);
    f[5] = "0x"; // blob tx cannot create contracts
    addInvalid("type 3 transaction with empty 'to' (blob transactions cannot create contracts)", typed(3, f), "decode");
    const g = typedFields(t3.raw);
    g[10] = [g[10][0].slice(0, -2)];
    addInvalid("type 3 transaction with a 31-byte blob versioned hash", typed(3, g), "decode");
}
{
    const f = typedFields(t1.raw);
    f[7] = [[TO_A, ["0x01"]]];
    addInvalid("type 1 access list storage key of 1 byte instead of 32", typed(1, f), "decode");
}
{
    const f = typedFields(t2.raw);
    f[1] = toBeHex(1n << 64n); // nonce 2^64 (9 bytes)
    addInvalid("type 2 transaction with nonce 2^64 (does not fit in uint64)", typed(2, f), "decode");
    const g = typedFields(t2.raw);
    g[4] = toBeHex(1n << 64n); // gas limit 2^64
    addInvalid("type 2 transaction with gas limit 2^64 (does not fit in uint64)", typed(2, g), "decode");
    const h = typedFields(t2.raw);
    h[6] = toBeHex(1n << 256n); // value 2^256 (33 bytes)
    addInvalid("type 2 transaction with value 2^256 (does not fit in uint256)", typed(2, h), "decode");
}
{
    // signature-rule failures: decode succeeds, sender recovery must fail
    const f = rawFields(legacyPre.raw);
    const s = BigInt(f[8]);
    const v = BigInt(f[6]);
    f[8] = toBeHex(SECP256K1_N - s);
    f[6] = toBeHex(v === 27n ? 28n : 27n);
    addInvalid("legacy transaction with high s (s > n/2, forbidden by EIP-2); the same signature with low s is valid",
        encodeRlp(f), "signature");
    const g = typedFields(t2.raw);
    g[10] = "0x"; // r = 0
    addInvalid("type 2 transaction with r = 0", typed(2, g), "signature");
    const h = typedFields(t2.raw);
    h[11] = toBeHex(SECP256K1_N); // s = n
    addInvalid("type 2 transaction with s = n (secp256k1 group order)", typed(2, h), "signature");
}

// =============================================================================================

const out = {
    _comment:
        "Transactions signed with ethers " + ethersVersion + " (scripts/gen_vectors/gen_transactions.mjs). " +
        "Numbers are decimal strings (nonce, gas_limit, value, fees, chain_id, v); r and s are 32-byte hex; " +
        "y_parity is 0/1. v is the value encoded on the wire: 27/28 (pre-EIP-155), chain_id*2+35+y_parity " +
        "(EIP-155), or y_parity for typed transactions. chain_id is null only for pre-EIP-155 legacy " +
        "transactions. Addresses are EIP-55 mixed case (compare case-insensitively). hash = keccak256(raw); " +
        "signing_hash is the digest that was signed. 'invalid' entries must be rejected: stage 'decode' " +
        "= by the strict decoder, stage 'signature' = decodes but the signature is unacceptable " +
        "(sender recovery must fail).",
    ethers_version: ethersVersion,
    keys: {
        hardhat_0: { private_key: KEY0, address: ADDR0 },
        hardhat_1: { private_key: KEY1, address: ADDR1 },
        eip155_example: { private_key: "0x" + "46".repeat(32), address: new Wallet("0x" + "46".repeat(32)).address },
    },
    valid: vectors,
    set_code: setCode,
    invalid,
};

const path = writeVectors("transactions.json", out);
const byType = [0, 1, 2, 3].map((t) => vectors.filter((v) => v.type === t).length);
console.log(`transactions.json: ${vectors.length} valid (types 0/1/2/3: ${byType.join("/")}), ` +
    `${invalid.length} invalid -> ${path}`);
const parities = new Set(vectors.filter((v) => v.type === 0 && v.chain_id === null).map((v) => v.v));
console.log("pre-155 v values seen:", [...parities].join(","));
