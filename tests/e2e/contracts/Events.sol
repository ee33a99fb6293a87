// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
pragma solidity ^0.8.24;

/// Emits events of every shape: indexed value types, an indexed dynamic type (stored as its
/// hash), dynamic data, several logs in one transaction and an anonymous event.
contract Events {
    event Stored(address indexed by, uint256 indexed key, uint256 value);
    event Note(string indexed topic, string text, bytes data);
    event Counted(uint256 indexed index, bytes32 tag);
    event Raw(bytes32 indexed a, bytes32 indexed b, uint256 c) anonymous;

    mapping(uint256 => uint256) public values;

    function store(uint256 key, uint256 value) external {
        values[key] = value;
        emit Stored(msg.sender, key, value);
    }

    function note(string calldata topic, string calldata text, bytes calldata data) external {
        emit Note(topic, text, data);
    }

    function count(uint256 n, bytes32 tag) external {
        for (uint256 i = 0; i < n; ++i) emit Counted(i, tag);
    }

    function raw(bytes32 a, bytes32 b, uint256 c) external {
        emit Raw(a, b, c);
    }
}
