// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Paths and a runner for the command-line tools under test (forge, cast, hardhat from
// node_modules; bin/solc, the solc-js stand-in for forge).
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const toolsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(toolsDir, 'node_modules');
// The binaries of the platform packages, not node_modules/.bin/{forge,cast}: the wrapper those
// run (@foundry-rs/forge 1.7.1 bin.mjs) spawns the binary and exits 0 whatever its status.
export const kForge = join(modules, '@foundry-rs/forge-linux-amd64/bin/forge');
export const kCast = join(modules, '@foundry-rs/cast-linux-amd64/bin/cast');
export const kHardhat = join(modules, '.bin', 'hardhat');
export const kSolc = join(toolsDir, 'bin', 'solc');

const kDefaultTimeoutMs = 60_000;

/// Runs `command args` and resolves with its stdout (trimmed); rejects with the command line, its
/// exit status and all it printed when it fails or runs past `timeoutMs`.
export function run(command, args, { cwd, env, timeoutMs = kDefaultTimeoutMs } = {}) {
    return new Promise((resolve, reject) => {
        execFile(command, args, {
            cwd,
            env: { ...process.env, NO_COLOR: '1', ...env },
            timeout: timeoutMs,
            killSignal: 'SIGKILL',
            maxBuffer: 64 * 1024 * 1024,
        }, (error, stdout, stderr) => {
            if (error) {
                const what = error.killed ? `killed after ${timeoutMs} ms` : `exit ${error.code}`;
                reject(new Error(`${command.split('/').pop()} ${args.join(' ')}: ${what}\n${stdout}\n${stderr}`));
            } else {
                resolve(stdout.trim());
            }
        });
    });
}

/// ethers JsonRpcProvider options for checking what the tools did: no 250 ms answer cache (a
/// nonce read twice within it would be stale: blocks come every 20 ms), fast receipt polling.
export const kProviderOptions = { staticNetwork: true, pollingInterval: 20, cacheTimeout: -1 };
