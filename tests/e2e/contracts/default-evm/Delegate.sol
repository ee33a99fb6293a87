// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
pragma solidity ^0.8.24;

/// The code an EOA delegates to with EIP-7702: it counts calls in the storage of whoever runs it
/// (the EOA, under a delegation) and says who called.
contract Delegate {
    uint256 public count; // slot 0

    event Pinged(address indexed self, address indexed sender, uint256 count);

    function ping() external returns (uint256) {
        count += 1;
        emit Pinged(address(this), msg.sender, count);
        return count;
    }
}
