// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
pragma solidity ^0.8.31;

/// Compiled with solc's default EVM version: Osaka's CLZ (EIP-7939) through inline assembly, and
/// Cancun's MCOPY, which solc emits on its own to copy a bytes value from memory to memory.
contract NewOpcodes {
    uint256 public last;

    /// The number of leading zero bits of x (256 for 0).
    function clz(uint256 x) external pure returns (uint256 r) {
        assembly {
            r := clz(x)
        }
    }

    /// Returns b unchanged: ABI-encoding a bytes value held in memory copies it with MCOPY.
    function echo(bytes memory b) external pure returns (bytes memory) {
        return b;
    }

    /// The same in a transaction: keeps clz(x) and the length of b.
    function record(uint256 x, bytes memory b) external returns (bytes memory) {
        uint256 r;
        assembly {
            r := clz(x)
        }
        last = (r << 128) | b.length;
        return b;
    }
}
