// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// debug_traceTransaction, debug_traceCall, debug_traceBlockByNumber and debug_traceBlockByHash
// with geth's built-in tracers: the default struct logger (one entry per instruction), the
// callTracer (the tree of calls) and the prestateTracer (prestate_tracer.hpp).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/uint256.hpp>
#include <yao/evm/tracer.hpp>

#include "backend.hpp"
#include "types.hpp"

namespace yao::rpc {

struct ExecutionOptions;

/// The default of ExecutionOptions::max_trace_bytes.
inline constexpr size_t kMaxTraceBytes = 256u << 20;
/// geth's default tracing timeout.
inline constexpr std::chrono::seconds kDefaultTraceTimeout{5};

/// geth's default tracer ("structLogs"). Feed it one transaction, then call result().
class StructLogger final : public evm::Tracer {
public:
    struct Config {
        bool disable_stack = false;
        bool disable_storage = false;
        bool enable_memory = false;
        bool enable_return_data = false;
        size_t limit = 0;  ///< most entries recorded; 0: no limit
        /// Recording stops past this many bytes (estimated) or this time, and the trace fails
        /// (the transaction itself runs on, bounded by its gas).
        size_t max_bytes = kMaxTraceBytes;
        std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
    };

    explicit StructLogger(Config config) : config_{config} {}

    void on_enter(const evm::Message& msg) override;
    void on_exit(const evm::ExecResult& r, BytesView output) override;
    void on_step(const evm::Step& step) override;
    void on_halt(evm::Status status, int64_t gas, BytesView output) override;
    void on_log(const Address&, std::span<const Hash256>, BytesView) override {}

    /// {gas, failed, returnValue, structLogs}; `gas_used` is the transaction's (after refund).
    Json result(uint64_t gas_used, evm::Status status) const;
    /// Why recording stopped early ("trace exceeds ...", "execution timeout"), if it did.
    const std::optional<std::string>& failure() const noexcept { return failure_; }

private:
    struct Frame {
        int64_t refund_base = 0;    ///< refund counters of the callers when this frame began
        int64_t last_refund = 0;    ///< this frame's own counter at its last instruction
        size_t pending = SIZE_MAX;  ///< entry whose gas cost waits for the next instruction
        int64_t pending_gas = 0;
        uint8_t pending_op = 0;
        size_t pending_stack = 0;
        bool child_ran = false;  ///< the pending instruction entered a frame
        int64_t child_gas = 0;
        int64_t child_left = 0;
    };
    void settle(Frame& f, int64_t gas_now);

    Config config_;
    std::vector<Frame> frames_;
    std::vector<Json> logs_;
    std::map<Address, std::map<Hash256, Hash256>> storage_;
    Bytes output_;
    size_t bytes_ = 0;  ///< estimated size of logs_
    uint64_t steps_ = 0;
    std::optional<std::string> failure_;
};

/// geth's callTracer.
class CallTracer final : public evm::Tracer {
public:
    struct Config {
        bool only_top_call = false;
        bool with_log = false;
    };

    explicit CallTracer(Config config) : config_{config} {}

    void on_enter(const evm::Message& msg) override;
    void on_exit(const evm::ExecResult& r, BytesView output) override;
    void on_step(const evm::Step& step) override;
    void on_halt(evm::Status status, int64_t gas, BytesView output) override;
    void on_log(const Address& addr, std::span<const Hash256> topics, BytesView data) override;

    /// The call tree; the top frame shows the transaction's gas limit and gas used.
    Json result(uint64_t gas_limit, uint64_t gas_used) const;

private:
    struct Log {
        Address address;
        std::vector<Hash256> topics;
        Bytes data;
        size_t position = 0;
    };
    struct Frame {
        std::string type;
        Address from;
        std::optional<Address> to;
        std::optional<Uint256> value;
        uint64_t gas = 0;
        uint64_t gas_used = 0;
        Bytes input;
        Bytes output;
        std::string error;
        std::string revert_reason;
        std::vector<Frame> calls;
        std::vector<Log> logs;
        // What the error text needs.
        int last_op = -1;
        int last_stack = -1;
        std::optional<evm::Status> halt;
        bool output_starts_ef = false;
    };
    static Json to_json(const Frame& f, bool parent_failed);

    Config config_;
    std::vector<Frame> stack_;
    std::optional<Frame> root_;
    int depth_ = 0;  ///< frames entered and not left (for only_top_call)
};

/// Registers debug_traceTransaction, debug_traceCall, debug_traceBlockByNumber and
/// debug_traceBlockByHash (called by register_execution_methods).
void register_trace_methods(MethodTable& table, Backend& backend, const ExecutionOptions& options);

}  // namespace yao::rpc
