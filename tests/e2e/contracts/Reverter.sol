// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
pragma solidity ^0.8.24;

/// Fails in every way a call can fail.
contract Reverter {
    error Unauthorized(address caller, uint256 code, string why);

    uint256 public counter;

    function requireBelow(uint256 x) external pure returns (uint256) {
        require(x < 10, "x must be below 10");
        return x * 2;
    }

    function customError(uint256 code) external view {
        revert Unauthorized(msg.sender, code, "custom failure");
    }

    function panicAssert() external pure {
        assert(false);
    }

    function panicDivide(uint256 d) external pure returns (uint256) {
        return 100 / d;
    }

    function plainRevert() external pure {
        revert();
    }

    /// Changes state, then fails on odd input: a mined transaction with status 0.
    function bump(uint256 x) external {
        counter += 1;
        require(x % 2 == 0, "odd input");
    }
}
