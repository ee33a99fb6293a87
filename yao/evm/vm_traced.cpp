// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// The traced instantiation of the dispatch loop (dispatch_loop.hpp says why it is apart).
#include "dispatch_loop.hpp"
#include "tracer.hpp"

namespace yao::evm {
namespace dispatch {

void trace_step(Tracer& tracer, ExecutionState& st, const uint8_t* code, const uint8_t* pc,
                const Uint256* stack_base, const Uint256* sp, int64_t gas) noexcept {
    Step s;
    s.pc = static_cast<uint64_t>(pc - code);
    s.opcode = *pc;
    s.gas = gas;
    s.stack = {stack_base, static_cast<size_t>(sp - stack_base)};
    s.memory = {st.memory.data(), st.memory.size()};
    s.return_data = st.return_data;
    s.refund = st.gas_refund;
    s.msg = &st.msg;
    s.host = &st.host;
    tracer.on_step(s);
}

/// After a successful LOGn: its operands are still on the stack (sp not yet moved).
void trace_log(Tracer& tracer, ExecutionState& st, const Uint256* sp, int topics) noexcept {
    Hash256 t[4];
    for (int i = 0; i < topics; ++i) t[i] = instr::to_hash(sp[-3 - i]);
    const Uint256& size = sp[-2];
    BytesView data;
    if (!size.is_zero()) data = {st.memory.data() + sp[-1].low64(), size.low64()};
    tracer.on_log(st.msg.recipient, {t, static_cast<size_t>(topics)}, data);
}

}  // namespace dispatch

ExecResult execute_traced(Host& host, Tracer& tracer, Revision rev, const Message& msg,
                          BytesView code, const Hash256* code_hash) noexcept {
    return dispatch::execute_frame<true>(host, &tracer, rev, msg, code, code_hash);
}

}  // namespace yao::evm
