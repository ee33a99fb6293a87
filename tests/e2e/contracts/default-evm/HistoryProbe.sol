// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
pragma solidity ^0.8.24;

/// Reads block hashes from the EIP-2935 history contract (Prague): its get() takes a 32-byte
/// block number and returns the block's hash for the last 8191 blocks, and reverts otherwise.
contract HistoryProbe {
    address constant kHistory = 0x0000F90827F1C53a10cb7A02335B175320002935;

    mapping(uint256 => bytes32) public seen;  // block number => hash read in a transaction

    function hashOf(uint256 number) public view returns (bool ok, bytes32 hash) {
        bytes memory out;
        (ok, out) = kHistory.staticcall(abi.encode(number));
        if (ok && out.length == 32) hash = abi.decode(out, (bytes32));
    }

    /// Records the parent's hash and the hash of `older` as the history contract has them now.
    function record(uint256 older) external {
        (, bytes32 parent) = hashOf(block.number - 1);
        (, bytes32 old) = hashOf(older);
        seen[block.number - 1] = parent;
        seen[older] = old;
    }
}
