// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Interpreter throughput in Mgas/s (counter "gas_rate", gas per second) on single-threaded
// workloads against the in-memory FakeHost.

#include <benchmark/benchmark.h>

#include <yao/common/keccak.hpp>
#include <yao/evm/test_util/bytecode.hpp>
#include <yao/evm/test_util/erc20.hpp>
#include <yao/evm/test_util/fake_host.hpp>
#include <yao/evm/vm.hpp>

namespace yao::evm {
namespace {

using test::Bytecode;
using test::FakeHost;

Address make_address(uint8_t b) {
    Address a;
    a[19] = b;
    return a;
}

const Address kSender = make_address(0xca);
const Address kContract = make_address(0xc0);

/// Runs `code` as kContract's code over and over; reports gas per second. `reset` runs before
/// each execution (untimed work must stay cheap: it is inside the timing).
template <typename Reset>
void run_workload(benchmark::State& state, FakeHost& host, const Bytes& code, Message msg,
                  Reset reset) {
    const Hash256 hash = keccak256(code);
    int64_t gas_total = 0;
    for (auto _ : state) {
        reset();
        const ExecResult r = execute(host, Revision::kCancun, msg, code, &hash);
        if (r.status != Status::kSuccess) {
            state.SkipWithError("execution failed");
            break;
        }
        gas_total += msg.gas - r.gas_left;
        benchmark::DoNotOptimize(r.output.data());
    }
    state.counters["gas_rate"] =
        benchmark::Counter(static_cast<double>(gas_total), benchmark::Counter::kIsRate);
    state.counters["gas_per_run"] =
        benchmark::Counter(state.iterations() != 0 ? static_cast<double>(gas_total) /
                                                         static_cast<double>(state.iterations())
                                                   : 0.0);
}

Message base_message(int64_t gas) {
    Message msg;
    msg.gas = gas;
    msg.sender = kSender;
    msg.recipient = kContract;
    msg.code_address = kContract;
    return msg;
}

/// `body` then counter -= 1 and loop while the counter is non-zero. The counter sits under
/// whatever `body` leaves alone; `body` must keep the stack height.
Bytes counted_loop(uint64_t iterations, const Bytecode& setup, const Bytecode& body) {
    Bytecode b = setup;
    b.push(iterations);
    const size_t loop = b.size();
    b.op(OP_JUMPDEST);
    b += body;
    b.push(1).op(OP_SWAP1).op(OP_SUB).op(OP_DUP1).push_n(2, loop).op(OP_JUMPI);
    return b.bytes();
}

// ---- evm/arithmetic_loop: ADD/MUL/SUB/DIV on 256-bit values, 100k iterations -------------------

void arithmetic_loop(benchmark::State& state) {
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
    const Bytes code = counted_loop(100'000, Bytecode{}.push(k1), body);
    FakeHost host;
    run_workload(state, host, code, base_message(100'000'000), [] {});
}
BENCHMARK(arithmetic_loop)->Name("evm/arithmetic_loop")->Unit(benchmark::kMicrosecond);

// ---- evm/stack_loop: cheap stack opcodes only (dispatch overhead), 100k iterations ----------

void stack_loop(benchmark::State& state) {
    // Stack: [a, b, counter]; body: PUSH/DUP/SWAP/ADD/XOR/POP that keep the height.
    Bytecode body;
    body.op(OP_SWAP2).op(OP_DUP1).op(OP_DUP3).op(OP_ADD).op(OP_SWAP2).op(OP_XOR);
    body.push(0x1234).op(OP_ADD).op(OP_DUP1).op(OP_POP).op(OP_SWAP1).op(OP_SWAP2);
    const Bytes code = counted_loop(100'000, Bytecode{}.push(1).push(2), body);
    FakeHost host;
    run_workload(state, host, code, base_message(100'000'000), [] {});
}
BENCHMARK(stack_loop)->Name("evm/stack_loop")->Unit(benchmark::kMicrosecond);

// ---- evm/keccak_loop: KECCAK256 of N bytes, 10k iterations
// ---------------------------------------

void keccak_loop(benchmark::State& state) {
    const auto size = static_cast<uint64_t>(state.range(0));
    Bytecode body;
    body.push(size).push0().op(OP_KECCAK256).op(OP_POP);
    const Bytes code = counted_loop(10'000, Bytecode{}, body);
    FakeHost host;
    run_workload(state, host, code, base_message(100'000'000), [] {});
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * 10'000 * size));
}
BENCHMARK(keccak_loop)
    ->Name("evm/keccak_loop")
    ->Arg(32)
    ->Arg(256)
    ->Arg(1024)
    ->Unit(benchmark::kMicrosecond);

// ---- evm/mcopy_32k, evm/calldatacopy_32k: 32 KiB copies, 100 iterations ------------------------

void mcopy_32k(benchmark::State& state) {
    Bytecode body;
    body.push(32768).push0().push(32768).op(OP_MCOPY);
    const Bytes code = counted_loop(100, Bytecode{}, body);
    FakeHost host;
    run_workload(state, host, code, base_message(100'000'000), [] {});
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * 100 * 32768));
}
BENCHMARK(mcopy_32k)->Name("evm/mcopy_32k")->Unit(benchmark::kMicrosecond);

void calldatacopy_32k(benchmark::State& state) {
    Bytecode body;
    body.push(32768).push0().push0().op(OP_CALLDATACOPY);
    const Bytes code = counted_loop(100, Bytecode{}, body);
    const Bytes input(32768, 0xab);
    Message msg = base_message(100'000'000);
    msg.input = input;
    FakeHost host;
    run_workload(state, host, code, msg, [] {});
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * 100 * 32768));
}
BENCHMARK(calldatacopy_32k)->Name("evm/calldatacopy_32k")->Unit(benchmark::kMicrosecond);

// ---- evm/storage_loop: warm SSTORE + SLOAD of 16 slots, 10k iterations ------------------------

void storage_loop(benchmark::State& state) {
    // slot = counter & 15; SSTORE(slot, counter); SLOAD(slot) and drop it.
    Bytecode body;
    body.op(OP_DUP1).op(OP_DUP1).push(15).op(OP_AND).op(OP_SSTORE);
    body.op(OP_DUP1).push(15).op(OP_AND).op(OP_SLOAD).op(OP_POP);
    const Bytes code = counted_loop(10'000, Bytecode{}, body);
    FakeHost host;
    run_workload(state, host, code, base_message(1'000'000'000), [&] {
        host.begin_transaction();
        host.warm_accounts.insert(kSender);
        host.warm_accounts.insert(kContract);
    });
}
BENCHMARK(storage_loop)->Name("evm/storage_loop")->Unit(benchmark::kMicrosecond);

// ---- evm/call_chain: 10 contracts, each CALLs the next; the last returns a word
// ------------------

void call_chain(benchmark::State& state) {
    constexpr int kDepth = 10;
    FakeHost host;
    host.execute_calls = true;
    host.record_calls = false;
    // Contract i (address 0x10 + i) calls contract i + 1 with all gas, copies 32 bytes of output
    // and returns them; the last one returns 0x42.
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
                .push(make_address(static_cast<uint8_t>(0x11 + i)))
                .op(OP_GAS)
                .op(OP_CALL);
            c.op(OP_POP).ret(0, 32);
        }
        host.account(make_address(static_cast<uint8_t>(0x10 + i))).set_code(c);
    }
    const Address first = make_address(0x10);
    Message msg = base_message(10'000'000);
    msg.recipient = first;
    msg.code_address = first;
    const Bytes code = host.account(first).code;
    run_workload(state, host, code, msg, [&] {
        host.begin_transaction();
        host.warm_accounts.insert(kSender);
        host.warm_accounts.insert(first);
    });
}
BENCHMARK(call_chain)->Name("evm/call_chain")->Unit(benchmark::kMicrosecond);

// ---- evm/erc20_transfer: one transfer per run, fresh transaction state each time ---------------

void erc20_transfer(benchmark::State& state) {
    FakeHost host;
    const Bytes code = test::erc20_runtime().bytes();
    host.account(kContract).set_code(code);
    const Address to = make_address(0xee);
    host.account(kContract).set_slot(test::erc20_balance_slot(kSender), Uint256::max().to_hash());
    const Bytes input = test::erc20_transfer_input(to, 1);
    Message msg = base_message(100'000);
    msg.input = input;
    run_workload(state, host, code, msg, [&] {
        host.begin_transaction();
        host.warm_accounts.insert(kSender);
        host.warm_accounts.insert(kContract);
    });
}
BENCHMARK(erc20_transfer)->Name("evm/erc20_transfer")->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace yao::evm
