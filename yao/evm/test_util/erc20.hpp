// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// A minimal hand-assembled ERC-20 (balances only) for tests and benchmarks:
//   transfer(address,uint256)  0xa9059cbb: checks the balance and overflow, moves the amount,
//                              emits Transfer(from, to, amount), returns true
//   balanceOf(address)         0x70a08231
// Balances live at keccak256(pad32(owner) || pad32(0)), as Solidity lays out mapping slot 0.

#include <yao/common/keccak.hpp>

#include "bytecode.hpp"

namespace yao::evm::test {

/// keccak256("Transfer(address,address,uint256)").
inline Uint256 erc20_transfer_topic() {
    return Uint256::from_hash(keccak256(as_bytes("Transfer(address,address,uint256)")));
}

/// The storage slot of `owner`'s balance.
inline Hash256 erc20_balance_slot(const Address& owner) {
    uint8_t buf[64] = {};
    for (size_t i = 0; i < 20; ++i) buf[12 + i] = owner[i];
    return keccak256(BytesView{buf, 64});
}

/// The runtime code.
inline Bytecode erc20_runtime() {
    const Uint256 kAddressMask = (Uint256{1} << 160) - 1;
    // Labels are PUSH2 immediates: build once to learn the offsets, then again with them.
    size_t l_balance = 0, l_transfer = 0, l_fail = 0;
    Bytecode b;
    for (int pass = 0; pass < 2; ++pass) {
        b = Bytecode{};
        // Dispatcher: selector = calldata[0..4].                      stack: [sel]
        b.push0().op(OP_CALLDATALOAD).push(0xe0).op(OP_SHR);
        b.op(OP_DUP1).push_n(4, 0xa9059cbb).op(OP_EQ).push_n(2, l_transfer).op(OP_JUMPI);
        b.op(OP_DUP1).push_n(4, 0x70a08231).op(OP_EQ).push_n(2, l_balance).op(OP_JUMPI);
        b.push0().push0().op(OP_REVERT);

        // balanceOf(owner)
        l_balance = b.size();
        b.op(OP_JUMPDEST);
        b.push(4).op(OP_CALLDATALOAD).push0().op(OP_MSTORE);  // mem[0] = owner
        b.push0().push(32).op(OP_MSTORE);                     // mem[32] = slot 0
        b.push(64).push0().op(OP_KECCAK256).op(OP_SLOAD);     // [sel, bal]
        b.push0().op(OP_MSTORE).push(32).push0().op(OP_RETURN);

        // transfer(to, amount)
        l_transfer = b.size();
        b.op(OP_JUMPDEST);
        b.op(OP_CALLER).push0().op(OP_MSTORE);
        b.push0().push(32).op(OP_MSTORE);
        b.push(64).push0().op(OP_KECCAK256);  // [sel, fslot]
        b.op(OP_DUP1).op(OP_SLOAD);           // [sel, fslot, fbal]
        b.push(36).op(OP_CALLDATALOAD);       // [.., fbal, amt]
        b.op(OP_DUP1).op(OP_DUP3).op(OP_LT);  // fbal < amt
        b.push_n(2, l_fail).op(OP_JUMPI);
        b.op(OP_DUP1).op(OP_DUP3).op(OP_SUB);                         // [.., fbal, amt, fbal - amt]
        b.op(OP_DUP4).op(OP_SSTORE);                                  // balance[from] = fbal - amt
        b.push(4).op(OP_CALLDATALOAD).push(kAddressMask).op(OP_AND);  // [.., amt, to]
        b.op(OP_DUP1).push0().op(OP_MSTORE);                          // mem[0] = to
        b.push(64).push0().op(OP_KECCAK256);                          // [.., amt, to, tslot]
        b.op(OP_DUP1).op(OP_SLOAD).op(OP_DUP4).op(OP_ADD);  // [.., amt, to, tslot, tbal+amt]
        b.op(OP_DUP4).op(OP_DUP2).op(OP_LT).push_n(2, l_fail).op(OP_JUMPI);  // overflow
        b.op(OP_SWAP1).op(OP_SSTORE);                                        // balance[to] += amt
        b.op(OP_DUP2).push0().op(OP_MSTORE);  // mem[0] = amt; [.., amt, to]
        b.op(OP_CALLER).push(erc20_transfer_topic()).push(32).push0().op(OP_LOG3);
        b.push(1).push0().op(OP_MSTORE).push(32).push0().op(OP_RETURN);

        l_fail = b.size();
        b.op(OP_JUMPDEST).push0().push0().op(OP_REVERT);
    }
    return b;
}

/// Call data of transfer(to, amount).
inline Bytes erc20_transfer_input(const Address& to, const Uint256& amount) {
    Bytes in = {0xa9, 0x05, 0x9c, 0xbb};
    uint8_t w[32] = {};
    for (size_t i = 0; i < 20; ++i) w[12 + i] = to[i];
    in.append(w, 32);
    amount.to_be_bytes(w);
    in.append(w, 32);
    return in;
}

/// Call data of balanceOf(owner).
inline Bytes erc20_balance_of_input(const Address& owner) {
    Bytes in = {0x70, 0xa0, 0x82, 0x31};
    uint8_t w[32] = {};
    for (size_t i = 0; i < 20; ++i) w[12 + i] = owner[i];
    in.append(w, 32);
    return in;
}

}  // namespace yao::evm::test
