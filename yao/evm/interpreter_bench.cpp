// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Interpreter throughput in Mgas/s (counter "gas_rate", gas per second) on single-threaded
// workloads against the in-memory FakeHost. The workloads themselves (bytecode, accounts,
// messages) live in test_util/workloads.hpp, shared with bench/evm_workloads.cpp, which exports
// them for the comparison against Hardhat's EDR (scripts/bench_hardhat.sh).

#include <benchmark/benchmark.h>

#include <yao/common/keccak.hpp>
#include <yao/evm/test_util/fake_host.hpp>
#include <yao/evm/test_util/workloads.hpp>
#include <yao/evm/vm.hpp>

namespace yao::evm {
namespace {

using test::FakeHost;
using test::Workload;

/// Runs the workload's target code over and over; reports gas per second. The per-run reset
/// (begin_workload_run) is inside the timing; it stays cheap.
void run_workload(benchmark::State& state, const Workload& w) {
    FakeHost host;
    test::install_workload(host, w);
    const Message msg = test::workload_message(w);
    const Bytes code{test::workload_code(w, w.target)};
    const Hash256 hash = keccak256(code);
    int64_t gas_total = 0;
    for (auto _ : state) {
        test::begin_workload_run(host, w);
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

// ---- evm/arithmetic_loop: ADD/MUL/SUB/DIV on 256-bit values, 100k iterations -------------------

void arithmetic_loop(benchmark::State& state) {
    run_workload(state, test::arithmetic_loop_workload());
}
BENCHMARK(arithmetic_loop)->Name("evm/arithmetic_loop")->Unit(benchmark::kMicrosecond);

// ---- evm/stack_loop: cheap stack opcodes only (dispatch overhead), 100k iterations ----------

void stack_loop(benchmark::State& state) {
    run_workload(state, test::stack_loop_workload());
}
BENCHMARK(stack_loop)->Name("evm/stack_loop")->Unit(benchmark::kMicrosecond);

// ---- evm/keccak_loop: KECCAK256 of N bytes, 10k iterations -----------------------------------

void keccak_loop(benchmark::State& state) {
    const auto size = static_cast<uint64_t>(state.range(0));
    run_workload(state, test::keccak_loop_workload(size));
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
    run_workload(state, test::mcopy_32k_workload());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * 100 * 32768));
}
BENCHMARK(mcopy_32k)->Name("evm/mcopy_32k")->Unit(benchmark::kMicrosecond);

void calldatacopy_32k(benchmark::State& state) {
    run_workload(state, test::calldatacopy_32k_workload());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * 100 * 32768));
}
BENCHMARK(calldatacopy_32k)->Name("evm/calldatacopy_32k")->Unit(benchmark::kMicrosecond);

// ---- evm/storage_loop: SSTORE + SLOAD of 16 slots, 10k iterations ------------------------------

void storage_loop(benchmark::State& state) {
    run_workload(state, test::storage_loop_workload());
}
BENCHMARK(storage_loop)->Name("evm/storage_loop")->Unit(benchmark::kMicrosecond);

// ---- evm/call_chain: 10 contracts, each CALLs the next; the last returns a word --------------

void call_chain(benchmark::State& state) {
    run_workload(state, test::call_chain_workload());
}
BENCHMARK(call_chain)->Name("evm/call_chain")->Unit(benchmark::kMicrosecond);

// ---- evm/erc20_transfer: one transfer per run, fresh transaction state each time ---------------

void erc20_transfer(benchmark::State& state) {
    run_workload(state, test::erc20_transfer_workload());
}
BENCHMARK(erc20_transfer)->Name("evm/erc20_transfer")->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace yao::evm
