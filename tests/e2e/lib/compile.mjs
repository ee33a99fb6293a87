// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Compiles contracts/*.sol once with solc-js (in-process, no network) and caches the ABI and
// bytecode of every contract in a temporary directory keyed by the sources and the compiler, so
// the three suites (separate processes) and later runs reuse one compilation.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const contractsDir = join(here, '..', 'contracts');

/// EVM rules YaoVerse implements; Hardhat runs them too.
export const kEvmVersion = 'cancun';

function readSources() {
    const sources = {};
    for (const file of readdirSync(contractsDir).sort()) {
        if (file.endsWith('.sol')) {
            sources[file] = { content: readFileSync(join(contractsDir, file), 'utf8') };
        }
    }
    return sources;
}

function compile(solc, sources) {
    const input = {
        language: 'Solidity',
        sources,
        settings: {
            evmVersion: kEvmVersion,
            optimizer: { enabled: true, runs: 200 },
            outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
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
            };
        }
    }
    return artifacts;
}

let memo = null;

/// Returns { Token: { abi, bytecode, deployedBytecode }, ... } for every contract in contracts/.
export function loadArtifacts() {
    if (memo) return memo;
    const require = createRequire(import.meta.url);
    const solcVersion = require('solc/package.json').version;
    const sources = readSources();
    const key = createHash('sha256')
        .update(JSON.stringify({ solcVersion, kEvmVersion, sources }))
        .digest('hex')
        .slice(0, 16);
    const cacheDir = join(tmpdir(), 'yaoverse-e2e-solc');
    const cacheFile = join(cacheDir, `${key}.json`);
    if (existsSync(cacheFile)) {
        try {
            memo = JSON.parse(readFileSync(cacheFile, 'utf8'));
            return memo;
        } catch {
            // A damaged cache entry: compile again below.
        }
    }
    const solc = require('solc');
    memo = compile(solc, sources);
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(memo));
    renameSync(partial, cacheFile); // atomic: a concurrent reader sees all or nothing
    return memo;
}

// `node lib/compile.mjs` compiles ahead of the suites (run.sh does this) and prints a summary.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    const started = Date.now();
    const artifacts = loadArtifacts();
    const names = Object.keys(artifacts).sort().join(', ');
    console.log(`e2e: contracts ready (${names}) in ${Date.now() - started} ms`);
}
