// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The Hardhat 2 project of tests/tools (hardhat.test.mjs runs it): contracts/Contracts.sol, which
// imports the Foundry project's Counter and the e2e suites' Token (so the root is tests/), a
// network `yaoverse` at YAOVERSE_URL (default the node `make dev` starts) signing with the first
// development keys (and `yaoverseRemote`, where the node signs), and solc-js from node_modules instead of a compiler download (the list and
// the builds Hardhat fetches are out of reach here). Artifacts and cache go to HARDHAT_OUT.
const path = require('node:path');
const { subtask } = require('hardhat/config');
const { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } = require('hardhat/builtin-tasks/task-names');
require('@nomicfoundation/hardhat-ethers');

const solcJs = require('solc/package.json').version; // "0.8.37"

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async ({ solcVersion }, hre, runSuper) => {
    if (solcVersion !== solcJs) return runSuper();
    // solc.version() loads the compiler: the long version is the one solc-js reports.
    const longVersion = require('solc').version().replace(/\.Emscripten\.clang$/, '');
    return { compilerPath: require.resolve('solc/soljson.js'), isSolcJs: true, version: solcVersion, longVersion };
});

// The development keys of the mnemonic "test test ... junk" (tests/e2e/lib/accounts.mjs), m/44'/60'/0'/0/0..3.
const kDevKeys = [
    '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
    '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
    '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
    '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
];

const out = process.env.HARDHAT_OUT ?? path.join(require('node:os').tmpdir(), 'yaoverse-tools-hardhat');

module.exports = {
    solidity: {
        version: solcJs,
        settings: { evmVersion: 'cancun', optimizer: { enabled: true, runs: 200 } },
    },
    defaultNetwork: 'yaoverse',
    networks: {
        yaoverse: {
            url: process.env.YAOVERSE_URL ?? 'http://127.0.0.1:8545',
            chainId: 31337,
            accounts: kDevKeys,
            timeout: 30_000,
        },
        // The node signs (eth_accounts, eth_sendTransaction), as with `hardhat node`: what
        // impersonation needs (Hardhat signs only for its own keys on a network with `accounts`).
        yaoverseRemote: {
            url: process.env.YAOVERSE_URL ?? 'http://127.0.0.1:8545',
            chainId: 31337,
            accounts: 'remote',
            timeout: 30_000,
        },
    },
    paths: {
        root: path.join(__dirname, '..', '..'),
        sources: 'tools/hardhat/contracts',
        scripts: 'tools/hardhat/scripts',
        cache: path.join(out, 'cache'),
        artifacts: path.join(out, 'artifacts'),
    },
};
