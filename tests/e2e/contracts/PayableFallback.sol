// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
pragma solidity ^0.8.24;

/// Accepts ether with and without calldata and logs what it got.
contract PayableFallback {
    event Received(address indexed from, uint256 value);
    event Fallback(address indexed from, uint256 value, bytes data);

    receive() external payable {
        emit Received(msg.sender, msg.value);
    }

    fallback() external payable {
        emit Fallback(msg.sender, msg.value, msg.data);
    }

    function withdraw(address payable to, uint256 amount) external {
        (bool ok, ) = to.call{value: amount}("");
        require(ok, "withdraw failed");
    }
}
