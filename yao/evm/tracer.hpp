// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Execution tracing (debug_trace*, eth_createAccessList). A tracer costs nothing when absent:
// execute() runs an instantiation of the dispatch loop without any hook, and execute_traced()
// a separate one that reports every instruction. The host picks one of the two once per frame
// (state::ExecutionHost::set_tracer), and reports frame entries and exits itself.

#include <cstdint>
#include <span>

#include <yao/common/bytes.hpp>
#include <yao/common/uint256.hpp>

#include "host.hpp"

namespace yao::evm {

/// The machine just before an instruction runs (nothing charged for it yet).
struct Step {
    uint64_t pc = 0;
    uint8_t opcode = 0;
    int64_t gas = 0;                 ///< gas left before the instruction
    std::span<const Uint256> stack;  ///< bottom first: stack.back() is the top
    BytesView memory;
    BytesView return_data;         ///< output of the frame's last call (RETURNDATA*)
    int64_t refund = 0;            ///< the frame's own refund counter (not its callers')
    const Message* msg = nullptr;  ///< the frame; msg->depth is 0 for the transaction's
    Host* host = nullptr;
};

/// Receives execution events. All hooks run on the executing thread, in execution order.
class Tracer {
public:
    virtual ~Tracer() = default;

    /// A frame starts (called by the host for every call, creation and precompile, including
    /// calls to accounts without code). For creations `msg.recipient` is the new address.
    virtual void on_enter(const Message& msg) = 0;
    /// The frame entered last ends; `r` is what its caller gets. `output` is the frame's output
    /// (the deployed code for a successful creation).
    virtual void on_exit(const ExecResult& r, BytesView output) = 0;
    /// Before every instruction of a frame that runs code.
    virtual void on_step(const Step& step) = 0;
    /// The code of the current frame stopped with `status` (before the host applies the code
    /// deposit rules). `gas` is the counter when it stopped: after a failed charge it may be
    /// below zero. `output` is the RETURN or REVERT data.
    virtual void on_halt(Status status, int64_t gas, BytesView output) = 0;
    /// A LOGn of the current frame succeeded.
    virtual void on_log(const Address& addr, std::span<const Hash256> topics, BytesView data) = 0;
};

/// execute() with every instruction reported to `tracer` (vm.hpp for the rest). Slower; for
/// tracing only.
ExecResult execute_traced(Host& host, Tracer& tracer, Revision rev, const Message& msg,
                          BytesView code, const Hash256* code_hash = nullptr) noexcept;

}  // namespace yao::evm
