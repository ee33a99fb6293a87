// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
pragma solidity ^0.8.20;

import {Counter} from "../src/Counter.sol";
import {Token} from "e2e/Token.sol";
import {WithVm} from "../src/Vm.sol";

/// `forge test --fork-url URL` against yaoverse dev after the driver deployed and used the
/// contracts: reads their state at the node's head (COUNTER, TOKEN, the expected values in the
/// environment), then changes it on the fork only.
contract ForkTest is WithVm {
    Counter counter;
    Token token;

    function setUp() public {
        counter = Counter(vm.envAddress("COUNTER"));
        token = Token(vm.envAddress("TOKEN"));
    }

    function testForkHead() public view {
        expectEq(block.number, vm.envUint("FORK_HEAD"), "block.number");
        expectEq(block.chainid, 31337, "chain id");
    }

    function testReadsDeployedState() public view {
        expectEq(counter.number(), vm.envUint("EXPECTED_NUMBER"), "counter.number");
        require(counter.lastCaller() == vm.envAddress("LAST_CALLER"), "counter.lastCaller");
        expectEq(address(counter).balance, vm.envUint("COUNTER_WEI"), "counter balance");
        expectEq(token.totalSupply(), 1_000_000 ether, "totalSupply");
        expectEq(token.balanceOf(vm.envAddress("RECIPIENT")), vm.envUint("RECIPIENT_TOKENS"), "recipient tokens");
        expectEq(vm.envAddress("DEPLOYER").balance, vm.envUint("DEPLOYER_WEI"), "deployer balance");
    }

    function testChangesTheForkOnly() public {
        uint256 before = counter.number();
        counter.increment();
        expectEq(counter.number(), before + 1, "counter after increment");
        address recipient = vm.envAddress("RECIPIENT");
        uint256 tokens = token.balanceOf(recipient);
        vm.prank(recipient);
        require(token.transfer(address(this), tokens), "transfer");
        expectEq(token.balanceOf(address(this)), tokens, "moved tokens");
        expectEq(token.balanceOf(recipient), 0, "recipient after move");
    }
}
