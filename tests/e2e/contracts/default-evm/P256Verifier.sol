// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
pragma solidity ^0.8.24;

/// Calls the P256VERIFY precompile (EIP-7951, address 0x100): 160 bytes h || r || s || qx || qy in,
/// 32-byte 1 out for a valid signature, nothing otherwise.
contract P256Verifier {
    address constant kP256Verify = address(0x100);

    uint256 public verified; // how many valid signatures verify() in a transaction has seen

    function isValid(bytes32 h, bytes32 r, bytes32 s, bytes32 qx, bytes32 qy) public view returns (bool) {
        (bool ok, bytes memory out) = kP256Verify.staticcall(abi.encode(h, r, s, qx, qy));
        return ok && out.length == 32 && abi.decode(out, (uint256)) == 1;
    }

    function verify(bytes32 h, bytes32 r, bytes32 s, bytes32 qx, bytes32 qy) external returns (bool valid) {
        valid = isValid(h, r, s, qx, qy);
        if (valid) verified += 1;
    }
}
