// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Prints the EVM benchmark workloads of interpreter_bench.cpp as JSON on stdout, so that another
// EVM can run the very same bytecode (bench/hardhat/compare.mjs runs them on Hardhat's EDR):
//
//   {"revision": "cancun", "workloads": [{
//      "name": "evm/arithmetic_loop",            // the Google Benchmark name
//      "sender": "0x..", "to": "0x..", "calldata": "0x..",
//      "gas_limit": 100000000,                   // execution gas given to one run
//      "intrinsic_gas": 21000,                   // 21000 + call data (Cancun), for a transaction
//      "gas_used_per_call": 2700011,             // execution gas of one steady-state run here
//      "output": "0x..",                         // return data of that run
//      "fresh_transaction": false,
//      "accounts": [{"address": "0x..", "code": "0x..", "storage": {"0xslot": "0xvalue"}}]}]}
//
// Each workload runs twice on FakeHost exactly as the micro-benchmark does: the first run warms
// the state up (e.g. storage slots leave zero), the second is the one measured. The exported
// storage is the state after the first run, so a run on a fresh copy of it (eth_call) does the
// same work as the benchmark's steady state.

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/evm/test_util/fake_host.hpp>
#include <yao/evm/test_util/workloads.hpp>
#include <yao/evm/vm.hpp>

namespace {

using namespace yao;
using namespace yao::evm;

/// Intrinsic gas of a message call transaction with `input` as call data (Cancun).
int64_t intrinsic_gas(BytesView input) {
    int64_t gas = 21000;
    for (const uint8_t b : input) gas += b == 0 ? 4 : 16;
    return gas;
}

ExecResult run_once(test::FakeHost& host, const test::Workload& w) {
    test::begin_workload_run(host, w);
    const Message msg = test::workload_message(w);
    const BytesView code = test::workload_code(w, w.target);
    const Hash256 hash = keccak256(code);
    return execute(host, Revision::kCancun, msg, code, &hash);
}

}  // namespace

int main() {
    nlohmann::json workloads = nlohmann::json::array();
    for (const test::Workload& w : test::all_workloads()) {
        test::FakeHost host;
        test::install_workload(host, w);
        const ExecResult warm = run_once(host, w);
        // The state the measured run starts from, as the setup of the other EVM.
        nlohmann::json accounts = nlohmann::json::array();
        for (const test::WorkloadAccount& a : w.accounts) {
            nlohmann::json storage = nlohmann::json::object();
            for (const auto& [key, slot] : host.account(a.address).storage)
                if (!slot.current.is_zero()) storage[to_hex(key)] = to_hex(slot.current);
            accounts.push_back({{"address", to_hex(a.address)},
                                {"code", to_hex(a.code)},
                                {"storage", std::move(storage)}});
        }
        const ExecResult r = run_once(host, w);
        if (warm.status != Status::kSuccess || r.status != Status::kSuccess) {
            std::fprintf(stderr, "evm_workloads: %s failed\n", w.name.c_str());
            return 1;
        }
        workloads.push_back({{"name", w.name},
                             {"sender", to_hex(w.sender)},
                             {"to", to_hex(w.target)},
                             {"calldata", to_hex(w.input)},
                             {"gas_limit", w.gas},
                             {"intrinsic_gas", intrinsic_gas(w.input)},
                             {"gas_used_per_call", w.gas - r.gas_left},
                             {"output", to_hex(r.output)},
                             {"fresh_transaction", w.fresh_transaction},
                             {"accounts", std::move(accounts)}});
    }
    const nlohmann::json doc = {{"revision", "cancun"}, {"workloads", std::move(workloads)}};
    std::puts(doc.dump(1).c_str());
    return 0;
}
