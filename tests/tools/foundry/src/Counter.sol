// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
pragma solidity ^0.8.20;

/// A counter that logs every change and keeps the ether paid into it.
contract Counter {
    uint256 public number;
    address public lastCaller;

    event NumberSet(address indexed by, uint256 indexed number, uint256 paid);

    function setNumber(uint256 value) public payable {
        number = value;
        lastCaller = msg.sender;
        emit NumberSet(msg.sender, value, msg.value);
    }

    function increment() external {
        setNumber(number + 1);
    }
}
