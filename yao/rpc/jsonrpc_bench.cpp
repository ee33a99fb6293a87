// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <string>

#include <benchmark/benchmark.h>

#include "jsonrpc.hpp"
#include "test_util/fake_session.hpp"

namespace yao::rpc {
namespace {

// Parse, dispatch to a trivial method and serialize: the framing cost of every request.
void blocknumber(benchmark::State& state) {
    MethodTable table;
    table.add("eth_blockNumber", [](const Json&, Session&) -> MethodResult { return "0x1234"; });
    const JsonRpc rpc{table};
    test::FakeSession session;
    const std::string body = R"({"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]})";
    for (auto _ : state) {
        std::string out = rpc.handle(body, session);
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(body.size()));
}
BENCHMARK(blocknumber)->Name("rpc/jsonrpc_blocknumber");

// A 100-item batch of eth_sendRawTransaction-shaped requests (a ~110-byte raw transaction each)
// with a method that only looks at the parameter: framing cost per transaction.
void send_raw_batch(benchmark::State& state) {
    MethodTable table;
    table.add("eth_sendRawTransaction", [](const Json& params, Session&) -> MethodResult {
        return params.at(0).get_ref<const std::string&>().substr(0, 66);
    });
    const JsonRpc rpc{table};
    test::FakeSession session;
    const std::string raw = "0x" + std::string(220, 'a');
    std::string body = "[";
    for (int i = 0; i < 100; ++i) {
        if (i != 0) body += ',';
        body += R"({"jsonrpc":"2.0","id":)" + std::to_string(i) +
                R"(,"method":"eth_sendRawTransaction","params":[")" + raw + R"("]})";
    }
    body += ']';
    for (auto _ : state) {
        std::string out = rpc.handle(body, session);
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations() * 100);
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(body.size()));
}
BENCHMARK(send_raw_batch)->Name("rpc/jsonrpc_sendraw_batch100");

}  // namespace
}  // namespace yao::rpc
