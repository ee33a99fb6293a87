// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// `hardhat run --network yaoverse hardhat/scripts/deploy.js`: deploys Counter and Token with
// ethers v6 through hardhat-ethers and uses them from three signers, checking every value on the
// way; the last line it prints is a JSON summary that hardhat.test.mjs checks against the node.
const assert = require('node:assert/strict');
const hre = require('hardhat');

const { ethers } = hre;

async function main() {
    const [deployer, alice, bob] = await ethers.getSigners();
    assert.equal(hre.network.name, 'yaoverse');
    assert.equal((await ethers.provider.getNetwork()).chainId, 31337n);
    assert.equal(deployer.address, '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    const hashes = [];
    const mined = async (txPromise) => {
        const tx = await txPromise;
        const receipt = await tx.wait();
        assert.equal(receipt.status, 1, tx.hash);
        hashes.push(tx.hash);
        return receipt;
    };

    const counter = await ethers.deployContract('Counter');
    await counter.waitForDeployment();
    hashes.push(counter.deploymentTransaction().hash);
    const gwei = ethers.parseUnits('1', 'gwei');
    const set = await mined(counter.setNumber(41, { value: gwei }));
    const event = counter.interface.parseLog(set.logs[0]);
    assert.equal(event.name, 'NumberSet');
    assert.deepEqual([...event.args], [deployer.address, 41n, gwei]);
    await mined(counter.connect(alice).increment());
    assert.equal(await counter.number(), 42n);
    assert.equal(await counter.lastCaller(), alice.address);
    assert.equal(await ethers.provider.getBalance(counter), gwei);

    const supply = ethers.parseEther('1000000');
    const token = await ethers.deployContract('Token', ['Yao Tools Token', 'YTT', supply]);
    await token.waitForDeployment();
    hashes.push(token.deploymentTransaction().hash);
    assert.equal(await token.symbol(), 'YTT');
    assert.equal(await token.balanceOf(deployer), supply);
    await mined(token.transfer(alice, 500n));
    await mined(token.connect(alice).approve(bob, 200n));
    await mined(token.connect(bob).transferFrom(alice, bob, 150n));
    assert.equal(await token.balanceOf(alice), 350n);
    assert.equal(await token.balanceOf(bob), 150n);
    assert.equal(await token.allowance(alice, bob), 50n);
    const transfers = await token.queryFilter(token.filters.Transfer(), 0, 'latest');
    assert.deepEqual(transfers.map((e) => [...e.args]), [
        [ethers.ZeroAddress, deployer.address, supply],
        [deployer.address, alice.address, 500n],
        [alice.address, bob.address, 150n],
    ]);
    // A custom error: the node answers eth_estimateGas as geth does (code 3, "execution reverted",
    // the revert data), which hardhat-ethers passes on as Hardhat's ProviderError; the data decodes.
    await assert.rejects(token.connect(bob).transfer(alice, 151n), (e) => {
        assert.equal(e.code, 3);
        assert.match(e.message, /^execution reverted/);
        const decoded = token.interface.parseError(e.data);
        assert.equal(decoded?.name, 'InsufficientBalance');
        assert.deepEqual([...decoded.args], [150n, 151n]);
        return true;
    });

    // Plain ether to an address nothing else touches.
    const fresh = ethers.getAddress(`0x${'ab'.repeat(19)}01`);
    const value = ethers.parseEther('0.25');
    const before = await ethers.provider.getBalance(fresh); // 0 on a fresh chain
    await mined(deployer.sendTransaction({ to: fresh, value }));
    assert.equal(await ethers.provider.getBalance(fresh), before + value);

    console.log(JSON.stringify({
        counter: await counter.getAddress(),
        token: await token.getAddress(),
        fresh,
        hashes,
        deployerNonce: await ethers.provider.getTransactionCount(deployer),
    }));
}

main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
});
