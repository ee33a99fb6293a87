// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
pragma solidity ^0.8.20;

import {Counter} from "../src/Counter.sol";
import {Token} from "e2e/Token.sol";
import {WithVm} from "../src/Vm.sol";

/// `forge script script/Deploy.s.sol --broadcast --rpc-url URL` with PRIVATE_KEY and RECIPIENT set:
/// deploys Counter and Token, sets the counter to 41 paying it 1 gwei, increments it, and sends
/// 1,000 tokens to RECIPIENT. Five transactions from one key.
contract Deploy is WithVm {
    uint256 public constant kSupply = 1_000_000 ether;

    function run() external returns (Counter counter, Token token) {
        uint256 key = vm.envUint("PRIVATE_KEY");
        address recipient = vm.envAddress("RECIPIENT");
        vm.startBroadcast(key);
        counter = new Counter();
        token = new Token("Yao Tools Token", "YTT", kSupply);
        counter.setNumber{value: 1 gwei}(41);
        counter.increment();
        require(token.transfer(recipient, 1_000 ether), "transfer");
        vm.stopBroadcast();
        // Checked in the simulation forge runs before it broadcasts.
        expectEq(counter.number(), 42, "counter");
        expectEq(token.balanceOf(recipient), 1_000 ether, "recipient balance");
    }
}
