// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The interpreter's dispatch loop, private to yao/evm. A template on tracing: vm.cpp instantiates
// the untraced loop (execute) and vm_traced.cpp the traced one (execute_traced). They live in
// separate translation units on purpose, so that the traced instantiation cannot change GCC's
// inlining decisions (for example "called once") in the untraced loop.

#include <memory>
#include <vector>

#include "analysis.hpp"
#include "execution_state.hpp"
#include "instructions.hpp"
#include "opcodes.hpp"
#include "tracer.hpp"

namespace yao::evm::dispatch {

/// Reports the instruction at `pc` (defined in vm_traced.cpp).
void trace_step(Tracer& tracer, ExecutionState& st, const uint8_t* code, const uint8_t* pc,
                const Uint256* stack_base, const Uint256* sp, int64_t gas) noexcept;

/// Reports a successful LOGn whose operands are still on the stack (defined in vm_traced.cpp).
void trace_log(Tracer& tracer, ExecutionState& st, const Uint256* sp, int topics) noexcept;

// Everything below has internal linkage: each of the two translation units has its own loop and
// its own frame pool (a traced transaction runs only traced frames), with the direct
// thread-local access of a variable local to the unit.
namespace {

// ---- Per-thread frame buffers -------------------------------------------------------------------

/// The stack and memory of one frame. 32 KiB of stack is too much for the C stack at 1024 nested
/// frames, so frames borrow these from a per-thread pool instead.
struct FrameBuffers {
    Uint256 stack[gas::kMaxStackHeight];
    Memory memory;
};

/// Nested frames on one thread start and end in LIFO order, so the pool is a stack of buffers
/// with an in-use count. What a thread keeps between transactions is bounded: buffers of the
/// first kKeptLevels nesting levels stay allocated (with at most 1 MiB of memory for the first
/// four levels and 64 KiB for the others); deeper ones are freed when their frame ends.
class FramePool {
public:
    static constexpr size_t kKeptLevels = 64;

    FrameBuffers& acquire() {
        if (in_use_ == buffers_.size()) buffers_.emplace_back();
        auto& slot = buffers_[in_use_++];
        if (!slot) slot = std::make_unique<FrameBuffers>();
        return *slot;
    }
    void release() noexcept {
        auto& slot = buffers_[--in_use_];
        if (in_use_ >= kKeptLevels) {
            slot.reset();
        } else {
            // The outer frames of a transaction are the ones that use memory most.
            slot->memory.reset(in_use_ < 4 ? size_t{1} << 20 : size_t{64} << 10);
        }
    }

private:
    std::vector<std::unique_ptr<FrameBuffers>> buffers_;
    size_t in_use_ = 0;
};

thread_local FramePool t_frame_pool;

class FrameLease {
public:
    FrameLease() : buffers_(t_frame_pool.acquire()) {}
    ~FrameLease() { t_frame_pool.release(); }
    FrameLease(const FrameLease&) = delete;
    FrameLease& operator=(const FrameLease&) = delete;
    FrameBuffers& operator*() const noexcept { return buffers_; }
    FrameBuffers* operator->() const noexcept { return &buffers_; }

private:
    FrameBuffers& buffers_;
};

// ---- Tracing (the traced instantiation of the loop only) ----------------------------------------

// ---- The dispatch loop --------------------------------------------------------------------------

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"  // labels as values (computed goto), a GCC extension

/// Runs the frame until it halts. Returns the status; `gas_io` goes in as the frame's gas and
/// comes out as the gas left.
///
/// One label per opcode; every instruction ends with an indirect jump through the label table
/// (threaded code: one branch-predictor slot per opcode). The checks before each body use the
/// compile-time traits of that opcode, so an ADD costs one underflow compare and one gas
/// subtraction with a sign test.
///
/// kTraced = true is the tracing instantiation: `tracer` sees every instruction before it runs
/// and every successful LOGn. With kTraced = false those hooks compile to nothing.
template <bool kTraced>
Status run(ExecutionState& st, Uint256* const stack_base, int64_t& gas_io,
           [[maybe_unused]] Tracer* tracer) noexcept {
    static const void* const kLabels[256] = {
#define YAO_EVM_X(name, code, in, out, rev, gas) &&op_##name,
#define YAO_EVM_U(code) &&undefined,
        YAO_EVM_OPCODES(YAO_EVM_X, YAO_EVM_U)
#undef YAO_EVM_X
#undef YAO_EVM_U
    };

    // Locals, not reloads through `analysis`: stores to the stack (uint64_t limbs) may alias
    // its size_t members as far as the compiler knows.
    const uint8_t* const code = st.analysis.padded_code();
    const uint64_t code_size = st.analysis.code_size();
    const uint64_t* const jumpdests = st.analysis.jumpdest_bitmap();
    const auto is_jumpdest = [code_size, jumpdests](const Uint256& dst) noexcept {
        return dst.fits_u64() && dst.low64() < code_size &&
               ((jumpdests[dst.low64() / 64] >> (dst.low64() % 64)) & 1) != 0;
    };
    const Revision rev = st.rev;
    Uint256* const stack_limit = stack_base + gas::kMaxStackHeight;
    const uint8_t* pc = code;
    Uint256* sp = stack_base;
    int64_t gas = gas_io;
    Status status = Status::kSuccess;
    uint64_t jump_target = 0;  // set by JUMP / JUMPI before `goto jump`

#define DISPATCH()                                                                     \
    do {                                                                               \
        if constexpr (kTraced) trace_step(*tracer, st, code, pc, stack_base, sp, gas); \
        goto* kLabels[*pc];                                                            \
    } while (false)

// The revision, stack and base gas checks of opcode OP, from its compile-time traits.
#define CHECK(OP)                                                  \
    do {                                                           \
        constexpr OpcodeTraits kT = kOpcodeTraits[OP_##OP];        \
        if constexpr (kT.since > Revision::kShanghai)              \
            if (rev < kT.since) [[unlikely]]                       \
                goto undefined;                                    \
        if constexpr (kT.stack_in > 0)                             \
            if (sp < stack_base + kT.stack_in) [[unlikely]]        \
                goto stack_underflow;                              \
        if constexpr (kT.stack_change() > 0)                       \
            if (sp > stack_limit - kT.stack_change()) [[unlikely]] \
                goto stack_overflow;                               \
        if constexpr (kT.base_gas > 0)                             \
            if ((gas -= kT.base_gas) < 0) [[unlikely]]             \
                goto out_of_gas;                                   \
    } while (false)

// An instruction that only works on the stack.
#define STACK_OP(OP, fn)                             \
    op_##OP : {                                      \
        CHECK(OP);                                   \
        instr::fn(sp);                               \
        sp += kOpcodeTraits[OP_##OP].stack_change(); \
        ++pc;                                        \
        DISPATCH();                                  \
    }

// An instruction that may charge dynamic gas or fail.
#define STATE_OP(OP, fn)                                 \
    op_##OP : {                                          \
        CHECK(OP);                                       \
        const InstrResult r = instr::fn(sp, gas, st);    \
        gas = r.gas;                                     \
        if (r.status != Status::kSuccess) [[unlikely]] { \
            status = r.status;                           \
            goto halt;                                   \
        }                                                \
        sp += kOpcodeTraits[OP_##OP].stack_change();     \
        ++pc;                                            \
        DISPATCH();                                      \
    }

#define PUSH_OP(N)                     \
    op_PUSH##N : {                     \
        CHECK(PUSH##N);                \
        instr::push<N>(*sp++, pc + 1); \
        pc += (N) + 1;                 \
        DISPATCH();                    \
    }

#define DUP_OP(N)                    \
    op_DUP##N : {                    \
        CHECK(DUP##N);               \
        instr::set(sp[0], sp[-(N)]); \
        ++sp;                        \
        ++pc;                        \
        DISPATCH();                  \
    }

#define SWAP_OP(N)                               \
    op_SWAP##N : {                               \
        CHECK(SWAP##N);                          \
        instr::swap_words(sp[-1], sp[-1 - (N)]); \
        ++pc;                                    \
        DISPATCH();                              \
    }

    DISPATCH();

op_STOP:
    goto halt;

    STACK_OP(ADD, add)
    STACK_OP(MUL, mul)
    STACK_OP(SUB, sub)
    STACK_OP(DIV, div)
    STACK_OP(SDIV, sdiv)
    STACK_OP(MOD, mod)
    STACK_OP(SMOD, smod)
    STACK_OP(ADDMOD, addmod)
    STACK_OP(MULMOD, mulmod)
    STATE_OP(EXP, exp)
    STACK_OP(SIGNEXTEND, signextend)
    STACK_OP(LT, lt)
    STACK_OP(GT, gt)
    STACK_OP(SLT, slt)
    STACK_OP(SGT, sgt)
    STACK_OP(EQ, eq)
    STACK_OP(ISZERO, iszero)
    STACK_OP(AND, and_)
    STACK_OP(OR, or_)
    STACK_OP(XOR, xor_)
    STACK_OP(NOT, not_)
    STACK_OP(BYTE, byte)
    STACK_OP(SHL, shl)
    STACK_OP(SHR, shr)
    STACK_OP(SAR, sar)
    STACK_OP(CLZ, clz)
    STATE_OP(KECCAK256, keccak256)
    STATE_OP(ADDRESS, address)
    STATE_OP(BALANCE, balance)
    STATE_OP(ORIGIN, origin)
    STATE_OP(CALLER, caller)
    STATE_OP(CALLVALUE, callvalue)
    STATE_OP(CALLDATALOAD, calldataload)
    STATE_OP(CALLDATASIZE, calldatasize)
    STATE_OP(CALLDATACOPY, calldatacopy)
    STATE_OP(CODESIZE, codesize)
    STATE_OP(CODECOPY, codecopy)
    STATE_OP(GASPRICE, gasprice)
    STATE_OP(EXTCODESIZE, extcodesize)
    STATE_OP(EXTCODECOPY, extcodecopy)
    STATE_OP(RETURNDATASIZE, returndatasize)
    STATE_OP(RETURNDATACOPY, returndatacopy)
    STATE_OP(EXTCODEHASH, extcodehash)
    STATE_OP(BLOCKHASH, blockhash)
    STATE_OP(COINBASE, coinbase)
    STATE_OP(TIMESTAMP, timestamp)
    STATE_OP(NUMBER, number)
    STATE_OP(PREVRANDAO, prevrandao)
    STATE_OP(GASLIMIT, gaslimit)
    STATE_OP(CHAINID, chainid)
    STATE_OP(SELFBALANCE, selfbalance)
    STATE_OP(BASEFEE, basefee)
    STATE_OP(BLOBHASH, blobhash)
    STATE_OP(BLOBBASEFEE, blobbasefee)
    STACK_OP(POP, pop)
    STATE_OP(MLOAD, mload)
    STATE_OP(MSTORE, mstore)
    STATE_OP(MSTORE8, mstore8)
    STATE_OP(SLOAD, sload)
    STATE_OP(SSTORE, sstore)

op_JUMP : {
    CHECK(JUMP);
    const Uint256& dst = sp[-1];
    --sp;
    if (!is_jumpdest(dst)) [[unlikely]] {
        status = Status::kBadJumpDestination;
        goto halt;
    }
    jump_target = dst.low64();
    goto jump;
}

op_JUMPI : {
    CHECK(JUMPI);
    const Uint256& dst = sp[-1];
    const Uint256& cond = sp[-2];
    sp -= 2;
    if (cond.is_zero()) {
        ++pc;
    } else {
        if (!is_jumpdest(dst)) [[unlikely]] {
            status = Status::kBadJumpDestination;
            goto halt;
        }
        jump_target = dst.low64();
        goto jump;
    }
    DISPATCH();
}

// A taken JUMP or JUMPI lands on a JUMPDEST: run it here (1 gas, nothing else) and dispatch the
// instruction after it, saving one indirect jump per taken branch. The traced loop dispatches
// the JUMPDEST like any instruction instead, so that the tracer sees it.
jump:
    if constexpr (kTraced) {
        pc = code + jump_target;
        DISPATCH();
    }
    if ((gas -= kOpcodeTraits[OP_JUMPDEST].base_gas) < 0) [[unlikely]]
        goto out_of_gas;
    pc = code + jump_target + 1;
    DISPATCH();

op_PC : {
    CHECK(PC);
    instr::set(*sp++, static_cast<uint64_t>(pc - code));
    ++pc;
    DISPATCH();
}

    STATE_OP(MSIZE, msize)

op_GAS : {
    CHECK(GAS);
    instr::set(*sp++, static_cast<uint64_t>(gas));
    ++pc;
    DISPATCH();
}

op_JUMPDEST : {
    CHECK(JUMPDEST);
    ++pc;
    DISPATCH();
}

    STATE_OP(TLOAD, tload)
    STATE_OP(TSTORE, tstore)
    STATE_OP(MCOPY, mcopy)

op_PUSH0 : {
    CHECK(PUSH0);
    instr::set(*sp++, 0);
    ++pc;
    DISPATCH();
}

    PUSH_OP(1)
    PUSH_OP(2)
    PUSH_OP(3)
    PUSH_OP(4)
    PUSH_OP(5)
    PUSH_OP(6)
    PUSH_OP(7)
    PUSH_OP(8)
    PUSH_OP(9)
    PUSH_OP(10)
    PUSH_OP(11)
    PUSH_OP(12)
    PUSH_OP(13)
    PUSH_OP(14)
    PUSH_OP(15)
    PUSH_OP(16)
    PUSH_OP(17)
    PUSH_OP(18)
    PUSH_OP(19)
    PUSH_OP(20)
    PUSH_OP(21)
    PUSH_OP(22)
    PUSH_OP(23)
    PUSH_OP(24)
    PUSH_OP(25)
    PUSH_OP(26)
    PUSH_OP(27)
    PUSH_OP(28)
    PUSH_OP(29)
    PUSH_OP(30)
    PUSH_OP(31)
    PUSH_OP(32)

    DUP_OP(1)
    DUP_OP(2)
    DUP_OP(3)
    DUP_OP(4)
    DUP_OP(5)
    DUP_OP(6)
    DUP_OP(7)
    DUP_OP(8)
    DUP_OP(9)
    DUP_OP(10)
    DUP_OP(11)
    DUP_OP(12)
    DUP_OP(13)
    DUP_OP(14)
    DUP_OP(15)
    DUP_OP(16)

    SWAP_OP(1)
    SWAP_OP(2)
    SWAP_OP(3)
    SWAP_OP(4)
    SWAP_OP(5)
    SWAP_OP(6)
    SWAP_OP(7)
    SWAP_OP(8)
    SWAP_OP(9)
    SWAP_OP(10)
    SWAP_OP(11)
    SWAP_OP(12)
    SWAP_OP(13)
    SWAP_OP(14)
    SWAP_OP(15)
    SWAP_OP(16)

// LOGn: a STATE_OP that the traced loop also reports.
#define LOG_OP(N)                                             \
    op_LOG##N : {                                             \
        CHECK(LOG##N);                                        \
        const InstrResult r = instr::log<N>(sp, gas, st);     \
        gas = r.gas;                                          \
        if (r.status != Status::kSuccess) [[unlikely]] {      \
            status = r.status;                                \
            goto halt;                                        \
        }                                                     \
        if constexpr (kTraced) trace_log(*tracer, st, sp, N); \
        sp += kOpcodeTraits[OP_LOG##N].stack_change();        \
        ++pc;                                                 \
        DISPATCH();                                           \
    }

    LOG_OP(0)
    LOG_OP(1)
    LOG_OP(2)
    LOG_OP(3)
    LOG_OP(4)

    STATE_OP(CREATE, create<OP_CREATE>)
    STATE_OP(CALL, call<OP_CALL>)
    STATE_OP(CALLCODE, call<OP_CALLCODE>)
    STATE_OP(DELEGATECALL, call<OP_DELEGATECALL>)
    STATE_OP(CREATE2, create<OP_CREATE2>)
    STATE_OP(STATICCALL, call<OP_STATICCALL>)

op_RETURN:
op_REVERT : {
    // Same stack and gas traits; only the status differs.
    const bool is_revert = *pc == OP_REVERT;
    CHECK(RETURN);
    const InstrResult r = instr::return_data(sp, gas, st);
    gas = r.gas;
    status = r.status != Status::kSuccess ? r.status
             : is_revert                  ? Status::kRevert
                                          : Status::kSuccess;
    goto halt;
}

op_INVALID:
    status = Status::kInvalidInstruction;
    goto halt;

op_SELFDESTRUCT : {
    CHECK(SELFDESTRUCT);
    const InstrResult r = instr::selfdestruct(sp, gas, st);
    gas = r.gas;
    status = r.status;
    goto halt;
}

undefined:
    status = Status::kUndefinedInstruction;
    goto halt;
stack_underflow:
    status = Status::kStackUnderflow;
    goto halt;
stack_overflow:
    status = Status::kStackOverflow;
    goto halt;
out_of_gas:
    status = Status::kOutOfGas;
    goto halt;

halt:
    gas_io = gas;
    return status;

#undef DISPATCH
#undef CHECK
#undef STACK_OP
#undef STATE_OP
#undef PUSH_OP
#undef DUP_OP
#undef SWAP_OP
#undef LOG_OP
}

#pragma GCC diagnostic pop

/// One frame: analysis, pooled buffers, the loop, the result. Inlined into execute() and
/// execute_traced() (as the body of execute() was before tracing existed).
template <bool kTraced>
[[gnu::always_inline]] inline ExecResult execute_frame(Host& host, Tracer* tracer, Revision rev,
                                                       const Message& msg, BytesView code,
                                                       const Hash256* code_hash) noexcept {
    ExecResult result;
    if (code.empty()) {
        result.gas_left = msg.gas;
        return result;
    }
    const std::shared_ptr<const CodeAnalysis> analysis = analyze(code, code_hash);
    FrameLease frame;
    ExecutionState st{host, msg, rev, *analysis, frame->memory};
    int64_t gas = msg.gas;
    result.status = run<kTraced>(st, frame->stack, gas, tracer);
    if constexpr (kTraced) tracer->on_halt(result.status, gas, st.output);
    switch (result.status) {
        case Status::kSuccess:
            result.gas_left = gas;
            result.gas_refund = st.gas_refund;
            result.output = std::move(st.output);
            break;
        case Status::kRevert:
            result.gas_left = gas;
            result.output = std::move(st.output);
            break;
        default:  // exceptional halt: all gas consumed, no output
            break;
    }
    return result;
}

}  // namespace
}  // namespace yao::evm::dispatch
