// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// geth's texts for failed executions: VM errors, revert reasons (Error(string), Panic(uint256))
// and the JSON-RPC error of a revert.
#include <string>

#include <yao/evm/opcodes.hpp>

#include "execution.hpp"

namespace yao::rpc {

// ---- Errors -----------------------------------------------------------------------------------

std::string opcode_name(uint8_t opcode) {
    if (opcode == evm::OP_PREVRANDAO) return "DIFFICULTY";  // geth's name for 0x44
    if (!evm::is_defined(opcode, evm::Revision::kCancun)) {
        static constexpr char kHex[] = "0123456789abcdef";
        std::string s = "opcode 0x";
        if (opcode >= 16) s += kHex[opcode >> 4];
        s += kHex[opcode & 15];
        return s + " not defined";
    }
    return std::string{evm::kOpcodeTraits[opcode].name};
}

std::string vm_error_text(evm::Status status, const FrameFault& f) {
    using evm::Status;
    switch (status) {
        case Status::kSuccess:
            return {};
        case Status::kRevert:
            return "execution reverted";
        case Status::kOutOfGas:
            if (f.is_create && f.halt == Status::kSuccess)
                return "contract creation code storage out of gas";
            return "out of gas";
        case Status::kInvalidInstruction:
            return "invalid opcode: INVALID";
        case Status::kUndefinedInstruction:
            if (f.opcode >= 0)
                return "invalid opcode: " + opcode_name(static_cast<uint8_t>(f.opcode));
            return "invalid opcode";
        case Status::kStackOverflow:
            if (f.opcode >= 0 && f.stack_size >= 0) {
                const auto& t = evm::kOpcodeTraits[static_cast<size_t>(f.opcode)];
                return "stack limit reached " + std::to_string(f.stack_size) + " (" +
                       std::to_string(1024 - t.stack_change()) + ")";
            }
            return "stack overflow";
        case Status::kStackUnderflow:
            if (f.opcode >= 0 && f.stack_size >= 0)
                return "stack underflow (" + std::to_string(f.stack_size) + " <=> " +
                       std::to_string(evm::kOpcodeTraits[static_cast<size_t>(f.opcode)].stack_in) +
                       ")";
            return "stack underflow";
        case Status::kBadJumpDestination:
            return "invalid jump destination";
        case Status::kInvalidMemoryAccess:
            return "return data out of bounds";
        case Status::kStaticModeViolation:
            return "write protection";
        case Status::kPrecompileFailure:
            return "precompile failed";
        case Status::kContractValidationFailure:
            if (f.output_starts_ef) return "invalid code: must not begin with 0xef";
            return "max code size exceeded";
        case Status::kCreateCollision:
            return "contract address collision";
        case Status::kCallDepthExceeded:
            return "max call depth exceeded";
        case Status::kInsufficientBalance:
            return "insufficient balance for transfer";
        case Status::kInternalError:
            break;
    }
    return "internal error";
}

std::optional<std::string> unpack_revert_reason(BytesView out) {
    static constexpr uint8_t kErrorSelector[4] = {0x08, 0xc3, 0x79, 0xa0};  // Error(string)
    static constexpr uint8_t kPanicSelector[4] = {0x4e, 0x48, 0x7b, 0x71};  // Panic(uint256)
    if (out.size() < 4) return std::nullopt;
    const BytesView body = out.substr(4);
    const auto word = [&](size_t at) -> std::optional<Uint256> {
        if (at + 32 > body.size()) return std::nullopt;
        return Uint256::from_be_bytes(body.substr(at, 32));
    };
    if (std::equal(kErrorSelector, kErrorSelector + 4, out.begin())) {
        auto offset = word(0);
        if (!offset || !offset->fits_u64() || offset->low64() > body.size()) return std::nullopt;
        auto len = word(offset->low64());
        if (!len || !len->fits_u64()) return std::nullopt;
        const uint64_t start = offset->low64() + 32;
        if (len->low64() > body.size() - std::min<uint64_t>(start, body.size()) ||
            start > body.size())
            return std::nullopt;
        return std::string{reinterpret_cast<const char*>(body.data() + start), len->low64()};
    }
    if (std::equal(kPanicSelector, kPanicSelector + 4, out.begin())) {
        auto code = word(0);
        if (!code) return std::nullopt;
        if (code->fits_u64()) {
            switch (code->low64()) {
                case 0x00:
                    return "generic panic";
                case 0x01:
                    return "assert(false)";
                case 0x11:
                    return "arithmetic underflow or overflow";
                case 0x12:
                    return "division or modulo by zero";
                case 0x21:
                    return "enum overflow";
                case 0x22:
                    return "invalid encoded storage byte array accessed";
                case 0x31:
                    return "out-of-bounds array access; popping on an empty array";
                case 0x32:
                    return "out-of-bounds access of an array or bytesN";
                case 0x41:
                    return "out of memory";
                case 0x51:
                    return "uninitialized function";
                default:
                    break;
            }
        }
        return "unknown panic code: " + code->to_hex();
    }
    return std::nullopt;
}

RpcError revert_error(BytesView output) {
    std::string message = "execution reverted";
    if (auto reason = unpack_revert_reason(output)) message += ": " + *reason;
    return RpcError{kExecutionReverted, std::move(message), Json(data_hex(output))};
}

}  // namespace yao::rpc
