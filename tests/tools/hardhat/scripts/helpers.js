// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Hardhat's network helpers (@nomicfoundation/hardhat-network-helpers) against `yaoverse dev`, as
// a Hardhat test suite uses them: every helper once, each effect read back through
// hardhat-ethers; one JSON summary line at the end for devhelpers.test.mjs to check. The helpers
// run only against a node whose web3_clientVersion starts with "anvil" or "HardhatNetwork": the
// suite starts the node with --client-version (docs/rpc.md "Development helpers").
const helpers = require('@nomicfoundation/hardhat-network-helpers');
const { ethers } = require('hardhat');

const kX = '0x1111111111111111111111111111111111111111';
const kY = '0x2222222222222222222222222222222222222222';
const kZ = '0x3333333333333333333333333333333333333333';
const kW = '0x4444444444444444444444444444444444444444';

async function main() {
    const out = {};
    const provider = ethers.provider;
    const [deployer] = await ethers.getSigners();

    await helpers.setBalance(kX, 0x1234n);
    out.balance = (await provider.getBalance(kX)).toString();
    await helpers.setNonce(kX, 7);
    out.nonce = await provider.getTransactionCount(kX);
    await helpers.setCode(kX, '0x6001600055');
    out.code = await provider.getCode(kX);
    await helpers.setStorageAt(kX, 1, 42);
    out.slot = await helpers.getStorageAt(kX, 1);

    await helpers.setBalance(kY, ethers.parseEther('1'));
    await helpers.impersonateAccount(kY);
    const impersonated = await ethers.getSigner(kY);
    const receipt = await (await impersonated.sendTransaction({ to: kZ, value: 1000n })).wait();
    out.impersonated = { status: receipt.status, from: receipt.from };
    await helpers.stopImpersonatingAccount(kY);
    out.zAfterImpersonation = (await provider.getBalance(kZ)).toString();

    const before = await provider.getBlockNumber();
    await helpers.mine(3, { interval: 5 });
    out.mined = (await provider.getBlockNumber()) - before;
    const t0 = await helpers.time.latest();
    await helpers.time.increase(3600);
    out.timeMoved = (await helpers.time.latest()) - t0;

    const snapshot = await helpers.takeSnapshot();
    await (await deployer.sendTransaction({ to: kZ, value: 5n })).wait();
    out.zBeforeRestore = (await provider.getBalance(kZ)).toString();
    await snapshot.restore();
    out.zAfterRestore = (await provider.getBalance(kZ)).toString();

    async function deployCounter() {
        const counter = await (await ethers.getContractFactory('Counter')).deploy();
        await counter.waitForDeployment();
        return counter;
    }
    const first = await helpers.loadFixture(deployCounter);
    await (await first.setNumber(5)).wait();
    out.numberSet = (await first.number()).toString();
    const second = await helpers.loadFixture(deployCounter);
    out.fixtureSameAddress = (await first.getAddress()) === (await second.getAddress());
    out.fixtureNumber = (await second.number()).toString();

    await helpers.setCoinbase(kW);
    await helpers.mine();
    out.miner = (await provider.getBlock('latest')).miner;
    const baseFee = (await provider.getBlock('latest')).baseFeePerGas;
    await helpers.setNextBlockBaseFeePerGas(baseFee);
    try {
        await helpers.setNextBlockBaseFeePerGas(baseFee + 1n);
        out.otherBaseFee = 'accepted';
    } catch (e) {
        out.otherBaseFee = String(e.message).includes('constant') ? 'refused' : String(e.message);
    }

    await helpers.reset();
    out.xAfterReset = (await provider.getBalance(kX)).toString();
    out.zAfterReset = (await provider.getBalance(kZ)).toString();
    console.log(JSON.stringify(out));
}

main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
});
