// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// The EVM benchmark workloads, as data: the accounts (code and storage) to install, the message to
// send and how to reset between runs. One source of truth for interpreter_bench.cpp (Google
// Benchmark against FakeHost) and bench/evm_workloads.cpp (exports them as JSON so that other
// EVMs, e.g. Hardhat's EDR, can run the very same bytecode).

#include <string>
#include <utility>
#include <vector>

#include <yao/common/uint256.hpp>
#include <yao/evm/host.hpp>

#include "bytecode.hpp"
#include "erc20.hpp"
#include "fake_host.hpp"

namespace yao::evm::test {

/// An account a workload needs: its code and initial storage.
struct WorkloadAccount {
    Address address;
    Bytes code;
    std::vector<std::pair<Hash256, Hash256>> storage;
};

/// One benchmark workload: run `accounts[target]`'s code with `input` from `sender`.
struct Workload {
    std::string name;  ///< the Google Benchmark name, e.g. "evm/keccak_loop/32"
    std::vector<WorkloadAccount> accounts;
    Address sender;
    Address target;
    Bytes input;
    int64_t gas = 0;  ///< gas limit of one run
    /// Whether every run is a fresh transaction (begin_transaction, sender and target warm).
    /// Off for workloads that touch no account or storage: they run back to back unchanged.
    bool fresh_transaction = false;
    /// Whether nested calls run the callee's code (FakeHost::execute_calls).
    bool execute_calls = false;
};

/// An address whose last byte is `b`.
inline Address workload_address(uint8_t b) {
    Address a;
    a[19] = b;
    return a;
}

inline const Address kWorkloadSender = workload_address(0xca);
inline const Address kWorkloadContract = workload_address(0xc0);

/// `body` then counter -= 1 and loop while the counter is non-zero. The counter sits under
/// whatever `body` leaves alone; `body` must keep the stack height.
inline Bytes counted_loop(uint64_t iterations, const Bytecode& setup, const Bytecode& body) {
    Bytecode b = setup;
    b.push(iterations);
    const size_t loop = b.size();
    b.op(OP_JUMPDEST);
    b += body;
    b.push(1).op(OP_SWAP1).op(OP_SUB).op(OP_DUP1).push_n(2, loop).op(OP_JUMPI);
    return b.bytes();
}

/// A workload of one contract (kWorkloadContract) called by kWorkloadSender.
inline Workload single_contract_workload(std::string name, Bytes code, int64_t gas) {
    Workload w;
    w.name = std::move(name);
    w.accounts.push_back({kWorkloadContract, std::move(code), {}});
    w.sender = kWorkloadSender;
    w.target = kWorkloadContract;
    w.gas = gas;
    return w;
}

/// evm/arithmetic_loop: ADD/MUL/SUB/DIV on 256-bit values, 100k iterations.
inline Workload arithmetic_loop_workload() {
    // Stack: [acc, counter]; body: acc = ((acc + K1) * K2 - K3) / K4, with the counter kept on
    // top between iterations.
    const Uint256 k1 =
        *Uint256::from_hex("0x9e3779b97f4a7c15f39cc0605cedc8341082276bf3a27251f86c6a11d0c18e95");
    const Uint256 k2 = *Uint256::from_hex("0xbf58476d1ce4e5b994d049bb133111eb");
    const Uint256 k3 = *Uint256::from_hex("0x2545f4914f6cdd1d");
    const Uint256 k4 = *Uint256::from_hex("0x10000000000000001");
    Bytecode body;
    body.op(OP_SWAP1);
    body.push(k1).op(OP_ADD).push(k2).op(OP_MUL);
    body.push(k3).op(OP_SWAP1).op(OP_SUB);
    body.push(k4).op(OP_SWAP1).op(OP_DIV);
    body.op(OP_SWAP1);
    return single_contract_workload("evm/arithmetic_loop",
                                    counted_loop(100'000, Bytecode{}.push(k1), body), 100'000'000);
}

/// evm/stack_loop: cheap stack opcodes only (dispatch overhead), 100k iterations.
inline Workload stack_loop_workload() {
    // Stack: [a, b, counter]; body: PUSH/DUP/SWAP/ADD/XOR/POP that keep the height.
    Bytecode body;
    body.op(OP_SWAP2).op(OP_DUP1).op(OP_DUP3).op(OP_ADD).op(OP_SWAP2).op(OP_XOR);
    body.push(0x1234).op(OP_ADD).op(OP_DUP1).op(OP_POP).op(OP_SWAP1).op(OP_SWAP2);
    return single_contract_workload(
        "evm/stack_loop", counted_loop(100'000, Bytecode{}.push(1).push(2), body), 100'000'000);
}

/// evm/keccak_loop/<size>: KECCAK256 of `size` bytes of memory, 10k iterations.
inline Workload keccak_loop_workload(uint64_t size) {
    Bytecode body;
    body.push(size).push0().op(OP_KECCAK256).op(OP_POP);
    return single_contract_workload("evm/keccak_loop/" + std::to_string(size),
                                    counted_loop(10'000, Bytecode{}, body), 100'000'000);
}

/// evm/mcopy_32k: MCOPY of 32 KiB, 100 iterations.
inline Workload mcopy_32k_workload() {
    Bytecode body;
    body.push(32768).push0().push(32768).op(OP_MCOPY);
    return single_contract_workload("evm/mcopy_32k", counted_loop(100, Bytecode{}, body),
                                    100'000'000);
}

/// evm/calldatacopy_32k: CALLDATACOPY of 32 KiB of call data, 100 iterations.
inline Workload calldatacopy_32k_workload() {
    Bytecode body;
    body.push(32768).push0().push0().op(OP_CALLDATACOPY);
    Workload w = single_contract_workload("evm/calldatacopy_32k",
                                          counted_loop(100, Bytecode{}, body), 100'000'000);
    w.input = Bytes(32768, 0xab);
    return w;
}

/// evm/storage_loop: SSTORE + SLOAD of 16 slots (slot = counter & 15), 10k iterations, each
/// run a fresh transaction.
inline Workload storage_loop_workload() {
    // slot = counter & 15; SSTORE(slot, counter); SLOAD(slot) and drop it.
    Bytecode body;
    body.op(OP_DUP1).op(OP_DUP1).push(15).op(OP_AND).op(OP_SSTORE);
    body.op(OP_DUP1).push(15).op(OP_AND).op(OP_SLOAD).op(OP_POP);
    Workload w = single_contract_workload("evm/storage_loop",
                                          counted_loop(10'000, Bytecode{}, body), 1'000'000'000);
    w.fresh_transaction = true;
    return w;
}

/// evm/call_chain: 10 contracts (addresses 0x10..0x19), each CALLs the next with all its gas;
/// the last returns the word 0x42 and each caller passes it back.
inline Workload call_chain_workload() {
    constexpr int kDepth = 10;
    Workload w;
    w.name = "evm/call_chain";
    for (int i = 0; i < kDepth; ++i) {
        Bytecode c;
        if (i == kDepth - 1) {
            c.push(0x42).mstore(0).ret(0, 32);
        } else {
            c.push(32)
                .push0()
                .push0()
                .push0()
                .push0()
                .push(workload_address(static_cast<uint8_t>(0x11 + i)))
                .op(OP_GAS)
                .op(OP_CALL);
            c.op(OP_POP).ret(0, 32);
        }
        w.accounts.push_back({workload_address(static_cast<uint8_t>(0x10 + i)), c.bytes(), {}});
    }
    w.sender = kWorkloadSender;
    w.target = workload_address(0x10);
    w.gas = 10'000'000;
    w.fresh_transaction = true;
    w.execute_calls = true;
    return w;
}

/// evm/erc20_transfer: one transfer(0xee, 1) of the hand-assembled ERC-20, the sender holding
/// 2^256 - 1; each run a fresh transaction.
inline Workload erc20_transfer_workload() {
    Workload w = single_contract_workload("evm/erc20_transfer", erc20_runtime().bytes(), 100'000);
    w.accounts[0].storage.emplace_back(erc20_balance_slot(kWorkloadSender),
                                       Uint256::max().to_hash());
    w.input = erc20_transfer_input(workload_address(0xee), 1);
    w.fresh_transaction = true;
    return w;
}

/// Every workload, in the order interpreter_bench.cpp registers them.
inline std::vector<Workload> all_workloads() {
    return {arithmetic_loop_workload(),  stack_loop_workload(),      keccak_loop_workload(32),
            keccak_loop_workload(256),   keccak_loop_workload(1024), mcopy_32k_workload(),
            calldatacopy_32k_workload(), storage_loop_workload(),    call_chain_workload(),
            erc20_transfer_workload()};
}

/// Installs the workload's accounts in `host` and sets execute_calls / record_calls.
inline void install_workload(FakeHost& host, const Workload& w) {
    host.execute_calls = w.execute_calls;
    host.record_calls = !w.execute_calls;
    for (const WorkloadAccount& a : w.accounts) {
        FakeAccount& acc = host.account(a.address);
        acc.set_code(a.code);
        for (const auto& [key, value] : a.storage) acc.set_slot(key, value);
    }
}

/// The per-run reset: a fresh transaction with sender and target warm (EIP-2929), when the
/// workload asks for it; nothing otherwise.
inline void begin_workload_run(FakeHost& host, const Workload& w) {
    if (!w.fresh_transaction) return;
    host.begin_transaction();
    host.warm_accounts.insert(w.sender);
    host.warm_accounts.insert(w.target);
}

/// The message of one run.
inline Message workload_message(const Workload& w) {
    Message msg;
    msg.gas = w.gas;
    msg.sender = w.sender;
    msg.recipient = w.target;
    msg.code_address = w.target;
    msg.input = w.input;
    return msg;
}

/// The code of the account at `address` (empty if the workload has none there).
inline BytesView workload_code(const Workload& w, const Address& address) {
    for (const WorkloadAccount& a : w.accounts)
        if (a.address == address) return a.code;
    return {};
}

}  // namespace yao::evm::test
