// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// JSON-RPC framing and parameter parsing: any request text (single, batch, garbage, deep
// nesting) gets an answer that is valid JSON (or nothing, for notifications), with every method
// of the node registered over an in-memory backend. Execution is capped small so that inputs
// exercise parsing rather than long EVM runs.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include <yao/common/assert.hpp>
#include <yao/rpc/eth_methods.hpp>
#include <yao/rpc/execution.hpp>
#include <yao/rpc/jsonrpc.hpp>
#include <yao/rpc/test_util/fake_session.hpp>
#include <yao/rpc/test_util/test_backend.hpp>

namespace {

struct Node {
    Node() {
        backend.commit({});
        yao::rpc::EthOptions eth;
        eth.max_log_block_range = 100;
        yao::rpc::register_eth_methods(table, backend, eth);
        yao::rpc::ExecutionOptions exec;
        exec.gas_cap = 1'000'000;
        yao::rpc::register_execution_methods(table, backend, exec);
        rpc = std::make_unique<yao::rpc::JsonRpc>(table);
    }
    yao::rpc::test::TestBackend backend;
    yao::rpc::MethodTable table;
    std::unique_ptr<yao::rpc::JsonRpc> rpc;
    yao::rpc::test::FakeSession http{1, false};
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static Node node;
    const std::string_view body{reinterpret_cast<const char*>(data), size};
    const std::string answer = node.rpc->handle(body, node.http);
    if (!answer.empty()) {
        const auto parsed = yao::rpc::Json::parse(answer, nullptr, /*allow_exceptions=*/false);
        YAO_ASSERT(!parsed.is_discarded());
    }
    return 0;
}
