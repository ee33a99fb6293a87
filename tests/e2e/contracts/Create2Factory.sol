// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
pragma solidity ^0.8.24;

/// The contract the factory deploys. No immutables, so its runtime code is exactly solc's
/// deployedBytecode.
contract Child {
    address public owner;
    uint256 public tag;

    constructor(address owner_, uint256 tag_) payable {
        owner = owner_;
        tag = tag_;
    }
}

/// Deploys Child at an address fixed by (factory, salt, init code).
contract Create2Factory {
    event Deployed(address indexed child, bytes32 indexed salt, uint256 tag);

    function deploy(bytes32 salt, uint256 tag) external payable returns (address child) {
        child = address(new Child{salt: salt, value: msg.value}(msg.sender, tag));
        emit Deployed(child, salt, tag);
    }
}
