// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Compiles contracts/*.sol once with solc-js (in-process, no network) and caches the ABI and
// bytecode of every contract in a temporary directory keyed by the sources and the compiler, so
// the suites (separate processes) and later runs reuse one compilation. contracts/default-evm/*.sol
// are compiled the same way but without an evmVersion setting: solc's default EVM version.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const contractsDir = join(here, '..', 'contracts');

/// EVM rules the shared suites compile for: YaoVerse implements them, and so does Hardhat.
export const kEvmVersion = 'cancun';
/// Contracts compiled with solc's default EVM version (whatever fork this solc targets).
export const defaultEvmContractsDir = join(contractsDir, 'default-evm');

function readSources(dir) {
    const sources = {};
    for (const file of readdirSync(dir).sort()) {
        if (file.endsWith('.sol')) {
            sources[file] = { content: readFileSync(join(dir, file), 'utf8') };
        }
    }
    return sources;
}

/// `evmVersion` undefined leaves the setting out: solc picks its default.
function compile(solc, sources, evmVersion) {
    const input = {
        language: 'Solidity',
        sources,
        settings: {
            ...(evmVersion ? { evmVersion } : {}),
            optimizer: { enabled: true, runs: 200 },
            outputSelection: {
                '*': { '*': ['abi', 'metadata', 'evm.bytecode.object', 'evm.deployedBytecode.object'] },
            },
        },
    };
    const output = JSON.parse(solc.compile(JSON.stringify(input)));
    const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
    if (errors.length > 0) {
        throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
    }
    const artifacts = {};
    for (const [file, contracts] of Object.entries(output.contracts)) {
        for (const [name, c] of Object.entries(contracts)) {
            artifacts[name] = {
                source: file,
                abi: c.abi,
                bytecode: `0x${c.evm.bytecode.object}`,
                deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
                // The EVM version solc compiled for, as its metadata records it.
                evmVersion: JSON.parse(c.metadata).settings.evmVersion,
            };
        }
    }
    return artifacts;
}

const memo = new Map();

function load(dir, evmVersion) {
    const memoKey = `${dir}:${evmVersion ?? 'default'}`;
    if (memo.has(memoKey)) return memo.get(memoKey);
    const require = createRequire(import.meta.url);
    const solcVersion = require('solc/package.json').version;
    const sources = readSources(dir);
    const key = createHash('sha256')
        .update(JSON.stringify({ solcVersion, evmVersion: evmVersion ?? 'default', sources, format: 2 }))
        .digest('hex')
        .slice(0, 16);
    const cacheDir = join(tmpdir(), 'yaoverse-e2e-solc');
    const cacheFile = join(cacheDir, `${key}.json`);
    if (existsSync(cacheFile)) {
        try {
            const artifacts = JSON.parse(readFileSync(cacheFile, 'utf8'));
            memo.set(memoKey, artifacts);
            return artifacts;
        } catch {
            // A damaged cache entry: compile again below.
        }
    }
    const solc = require('solc');
    const artifacts = compile(solc, sources, evmVersion);
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(artifacts));
    renameSync(partial, cacheFile); // atomic: a concurrent reader sees all or nothing
    memo.set(memoKey, artifacts);
    return artifacts;
}

/// Returns { Token: { abi, bytecode, deployedBytecode, evmVersion }, ... } for every contract in
/// contracts/, compiled for kEvmVersion.
export function loadArtifacts() {
    return load(contractsDir, kEvmVersion);
}

/// The same for contracts/default-evm/, compiled without an evmVersion setting.
export function loadDefaultEvmArtifacts() {
    return load(defaultEvmContractsDir, undefined);
}

// `node lib/compile.mjs` compiles ahead of the suites (run.sh does this) and prints a summary.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    const started = Date.now();
    const artifacts = { ...loadArtifacts(), ...loadDefaultEvmArtifacts() };
    const names = Object.keys(artifacts).sort().join(', ');
    console.log(`e2e: contracts ready (${names}) in ${Date.now() - started} ms`);
}
