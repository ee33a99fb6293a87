// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "host.hpp"

namespace yao::evm {

// The one opcode list. Every byte value 0x00..0xff appears exactly once, in order:
//   X(NAME, code, stack_in, stack_out, introducing revision, base gas)   a defined opcode
//   U(code)                                                              an undefined byte
// "Introducing revision" is the first revision of ours that knows the opcode (older opcodes say
// kShanghai, our oldest). "Base gas" is the constant part charged before the instruction runs;
// the dynamic part (memory expansion, copy words, cold access surcharge, ...) is charged by the
// instruction body. For the EIP-2929 opcodes the base is the warm cost and the body adds the
// cold surcharge (gas.hpp).
// clang-format off
#define YAO_EVM_OPCODES(X, U)                                                                   \
    X(STOP, 0x00, 0, 0, kShanghai, 0)                                                           \
    X(ADD, 0x01, 2, 1, kShanghai, 3)                                                            \
    X(MUL, 0x02, 2, 1, kShanghai, 5)                                                            \
    X(SUB, 0x03, 2, 1, kShanghai, 3)                                                            \
    X(DIV, 0x04, 2, 1, kShanghai, 5)                                                            \
    X(SDIV, 0x05, 2, 1, kShanghai, 5)                                                           \
    X(MOD, 0x06, 2, 1, kShanghai, 5)                                                            \
    X(SMOD, 0x07, 2, 1, kShanghai, 5)                                                           \
    X(ADDMOD, 0x08, 3, 1, kShanghai, 8)                                                         \
    X(MULMOD, 0x09, 3, 1, kShanghai, 8)                                                         \
    X(EXP, 0x0a, 2, 1, kShanghai, 10)                                                           \
    X(SIGNEXTEND, 0x0b, 2, 1, kShanghai, 5)                                                     \
    U(0x0c) U(0x0d) U(0x0e) U(0x0f)                                                             \
    X(LT, 0x10, 2, 1, kShanghai, 3)                                                             \
    X(GT, 0x11, 2, 1, kShanghai, 3)                                                             \
    X(SLT, 0x12, 2, 1, kShanghai, 3)                                                            \
    X(SGT, 0x13, 2, 1, kShanghai, 3)                                                            \
    X(EQ, 0x14, 2, 1, kShanghai, 3)                                                             \
    X(ISZERO, 0x15, 1, 1, kShanghai, 3)                                                         \
    X(AND, 0x16, 2, 1, kShanghai, 3)                                                            \
    X(OR, 0x17, 2, 1, kShanghai, 3)                                                             \
    X(XOR, 0x18, 2, 1, kShanghai, 3)                                                            \
    X(NOT, 0x19, 1, 1, kShanghai, 3)                                                            \
    X(BYTE, 0x1a, 2, 1, kShanghai, 3)                                                           \
    X(SHL, 0x1b, 2, 1, kShanghai, 3)                                                            \
    X(SHR, 0x1c, 2, 1, kShanghai, 3)                                                            \
    X(SAR, 0x1d, 2, 1, kShanghai, 3)                                                            \
    X(CLZ, 0x1e, 1, 1, kOsaka, 5)                                                               \
    U(0x1f)                                                                                     \
    X(KECCAK256, 0x20, 2, 1, kShanghai, 30)                                                     \
    U(0x21) U(0x22) U(0x23) U(0x24) U(0x25) U(0x26) U(0x27)                                     \
    U(0x28) U(0x29) U(0x2a) U(0x2b) U(0x2c) U(0x2d) U(0x2e) U(0x2f)                             \
    X(ADDRESS, 0x30, 0, 1, kShanghai, 2)                                                        \
    X(BALANCE, 0x31, 1, 1, kShanghai, 100)                                                      \
    X(ORIGIN, 0x32, 0, 1, kShanghai, 2)                                                         \
    X(CALLER, 0x33, 0, 1, kShanghai, 2)                                                         \
    X(CALLVALUE, 0x34, 0, 1, kShanghai, 2)                                                      \
    X(CALLDATALOAD, 0x35, 1, 1, kShanghai, 3)                                                   \
    X(CALLDATASIZE, 0x36, 0, 1, kShanghai, 2)                                                   \
    X(CALLDATACOPY, 0x37, 3, 0, kShanghai, 3)                                                   \
    X(CODESIZE, 0x38, 0, 1, kShanghai, 2)                                                       \
    X(CODECOPY, 0x39, 3, 0, kShanghai, 3)                                                       \
    X(GASPRICE, 0x3a, 0, 1, kShanghai, 2)                                                       \
    X(EXTCODESIZE, 0x3b, 1, 1, kShanghai, 100)                                                  \
    X(EXTCODECOPY, 0x3c, 4, 0, kShanghai, 100)                                                  \
    X(RETURNDATASIZE, 0x3d, 0, 1, kShanghai, 2)                                                 \
    X(RETURNDATACOPY, 0x3e, 3, 0, kShanghai, 3)                                                 \
    X(EXTCODEHASH, 0x3f, 1, 1, kShanghai, 100)                                                  \
    X(BLOCKHASH, 0x40, 1, 1, kShanghai, 20)                                                     \
    X(COINBASE, 0x41, 0, 1, kShanghai, 2)                                                       \
    X(TIMESTAMP, 0x42, 0, 1, kShanghai, 2)                                                      \
    X(NUMBER, 0x43, 0, 1, kShanghai, 2)                                                         \
    X(PREVRANDAO, 0x44, 0, 1, kShanghai, 2)                                                     \
    X(GASLIMIT, 0x45, 0, 1, kShanghai, 2)                                                       \
    X(CHAINID, 0x46, 0, 1, kShanghai, 2)                                                        \
    X(SELFBALANCE, 0x47, 0, 1, kShanghai, 5)                                                    \
    X(BASEFEE, 0x48, 0, 1, kShanghai, 2)                                                        \
    X(BLOBHASH, 0x49, 1, 1, kCancun, 3)                                                         \
    X(BLOBBASEFEE, 0x4a, 0, 1, kCancun, 2)                                                      \
    U(0x4b) U(0x4c) U(0x4d) U(0x4e) U(0x4f)                                                     \
    X(POP, 0x50, 1, 0, kShanghai, 2)                                                            \
    X(MLOAD, 0x51, 1, 1, kShanghai, 3)                                                          \
    X(MSTORE, 0x52, 2, 0, kShanghai, 3)                                                         \
    X(MSTORE8, 0x53, 2, 0, kShanghai, 3)                                                        \
    X(SLOAD, 0x54, 1, 1, kShanghai, 100)                                                        \
    X(SSTORE, 0x55, 2, 0, kShanghai, 0)                                                         \
    X(JUMP, 0x56, 1, 0, kShanghai, 8)                                                           \
    X(JUMPI, 0x57, 2, 0, kShanghai, 10)                                                         \
    X(PC, 0x58, 0, 1, kShanghai, 2)                                                             \
    X(MSIZE, 0x59, 0, 1, kShanghai, 2)                                                          \
    X(GAS, 0x5a, 0, 1, kShanghai, 2)                                                            \
    X(JUMPDEST, 0x5b, 0, 0, kShanghai, 1)                                                       \
    X(TLOAD, 0x5c, 1, 1, kCancun, 100)                                                          \
    X(TSTORE, 0x5d, 2, 0, kCancun, 100)                                                         \
    X(MCOPY, 0x5e, 3, 0, kCancun, 3)                                                            \
    X(PUSH0, 0x5f, 0, 1, kShanghai, 2)                                                          \
    X(PUSH1, 0x60, 0, 1, kShanghai, 3)                                                          \
    X(PUSH2, 0x61, 0, 1, kShanghai, 3)                                                          \
    X(PUSH3, 0x62, 0, 1, kShanghai, 3)                                                          \
    X(PUSH4, 0x63, 0, 1, kShanghai, 3)                                                          \
    X(PUSH5, 0x64, 0, 1, kShanghai, 3)                                                          \
    X(PUSH6, 0x65, 0, 1, kShanghai, 3)                                                          \
    X(PUSH7, 0x66, 0, 1, kShanghai, 3)                                                          \
    X(PUSH8, 0x67, 0, 1, kShanghai, 3)                                                          \
    X(PUSH9, 0x68, 0, 1, kShanghai, 3)                                                          \
    X(PUSH10, 0x69, 0, 1, kShanghai, 3)                                                         \
    X(PUSH11, 0x6a, 0, 1, kShanghai, 3)                                                         \
    X(PUSH12, 0x6b, 0, 1, kShanghai, 3)                                                         \
    X(PUSH13, 0x6c, 0, 1, kShanghai, 3)                                                         \
    X(PUSH14, 0x6d, 0, 1, kShanghai, 3)                                                         \
    X(PUSH15, 0x6e, 0, 1, kShanghai, 3)                                                         \
    X(PUSH16, 0x6f, 0, 1, kShanghai, 3)                                                         \
    X(PUSH17, 0x70, 0, 1, kShanghai, 3)                                                         \
    X(PUSH18, 0x71, 0, 1, kShanghai, 3)                                                         \
    X(PUSH19, 0x72, 0, 1, kShanghai, 3)                                                         \
    X(PUSH20, 0x73, 0, 1, kShanghai, 3)                                                         \
    X(PUSH21, 0x74, 0, 1, kShanghai, 3)                                                         \
    X(PUSH22, 0x75, 0, 1, kShanghai, 3)                                                         \
    X(PUSH23, 0x76, 0, 1, kShanghai, 3)                                                         \
    X(PUSH24, 0x77, 0, 1, kShanghai, 3)                                                         \
    X(PUSH25, 0x78, 0, 1, kShanghai, 3)                                                         \
    X(PUSH26, 0x79, 0, 1, kShanghai, 3)                                                         \
    X(PUSH27, 0x7a, 0, 1, kShanghai, 3)                                                         \
    X(PUSH28, 0x7b, 0, 1, kShanghai, 3)                                                         \
    X(PUSH29, 0x7c, 0, 1, kShanghai, 3)                                                         \
    X(PUSH30, 0x7d, 0, 1, kShanghai, 3)                                                         \
    X(PUSH31, 0x7e, 0, 1, kShanghai, 3)                                                         \
    X(PUSH32, 0x7f, 0, 1, kShanghai, 3)                                                         \
    X(DUP1, 0x80, 1, 2, kShanghai, 3)                                                           \
    X(DUP2, 0x81, 2, 3, kShanghai, 3)                                                           \
    X(DUP3, 0x82, 3, 4, kShanghai, 3)                                                           \
    X(DUP4, 0x83, 4, 5, kShanghai, 3)                                                           \
    X(DUP5, 0x84, 5, 6, kShanghai, 3)                                                           \
    X(DUP6, 0x85, 6, 7, kShanghai, 3)                                                           \
    X(DUP7, 0x86, 7, 8, kShanghai, 3)                                                           \
    X(DUP8, 0x87, 8, 9, kShanghai, 3)                                                           \
    X(DUP9, 0x88, 9, 10, kShanghai, 3)                                                          \
    X(DUP10, 0x89, 10, 11, kShanghai, 3)                                                        \
    X(DUP11, 0x8a, 11, 12, kShanghai, 3)                                                        \
    X(DUP12, 0x8b, 12, 13, kShanghai, 3)                                                        \
    X(DUP13, 0x8c, 13, 14, kShanghai, 3)                                                        \
    X(DUP14, 0x8d, 14, 15, kShanghai, 3)                                                        \
    X(DUP15, 0x8e, 15, 16, kShanghai, 3)                                                        \
    X(DUP16, 0x8f, 16, 17, kShanghai, 3)                                                        \
    X(SWAP1, 0x90, 2, 2, kShanghai, 3)                                                          \
    X(SWAP2, 0x91, 3, 3, kShanghai, 3)                                                          \
    X(SWAP3, 0x92, 4, 4, kShanghai, 3)                                                          \
    X(SWAP4, 0x93, 5, 5, kShanghai, 3)                                                          \
    X(SWAP5, 0x94, 6, 6, kShanghai, 3)                                                          \
    X(SWAP6, 0x95, 7, 7, kShanghai, 3)                                                          \
    X(SWAP7, 0x96, 8, 8, kShanghai, 3)                                                          \
    X(SWAP8, 0x97, 9, 9, kShanghai, 3)                                                          \
    X(SWAP9, 0x98, 10, 10, kShanghai, 3)                                                        \
    X(SWAP10, 0x99, 11, 11, kShanghai, 3)                                                       \
    X(SWAP11, 0x9a, 12, 12, kShanghai, 3)                                                       \
    X(SWAP12, 0x9b, 13, 13, kShanghai, 3)                                                       \
    X(SWAP13, 0x9c, 14, 14, kShanghai, 3)                                                       \
    X(SWAP14, 0x9d, 15, 15, kShanghai, 3)                                                       \
    X(SWAP15, 0x9e, 16, 16, kShanghai, 3)                                                       \
    X(SWAP16, 0x9f, 17, 17, kShanghai, 3)                                                       \
    X(LOG0, 0xa0, 2, 0, kShanghai, 375)                                                         \
    X(LOG1, 0xa1, 3, 0, kShanghai, 750)                                                         \
    X(LOG2, 0xa2, 4, 0, kShanghai, 1125)                                                        \
    X(LOG3, 0xa3, 5, 0, kShanghai, 1500)                                                        \
    X(LOG4, 0xa4, 6, 0, kShanghai, 1875)                                                        \
    U(0xa5) U(0xa6) U(0xa7) U(0xa8) U(0xa9) U(0xaa) U(0xab) U(0xac) U(0xad) U(0xae) U(0xaf)     \
    U(0xb0) U(0xb1) U(0xb2) U(0xb3) U(0xb4) U(0xb5) U(0xb6) U(0xb7)                             \
    U(0xb8) U(0xb9) U(0xba) U(0xbb) U(0xbc) U(0xbd) U(0xbe) U(0xbf)                             \
    U(0xc0) U(0xc1) U(0xc2) U(0xc3) U(0xc4) U(0xc5) U(0xc6) U(0xc7)                             \
    U(0xc8) U(0xc9) U(0xca) U(0xcb) U(0xcc) U(0xcd) U(0xce) U(0xcf)                             \
    U(0xd0) U(0xd1) U(0xd2) U(0xd3) U(0xd4) U(0xd5) U(0xd6) U(0xd7)                             \
    U(0xd8) U(0xd9) U(0xda) U(0xdb) U(0xdc) U(0xdd) U(0xde) U(0xdf)                             \
    U(0xe0) U(0xe1) U(0xe2) U(0xe3) U(0xe4) U(0xe5) U(0xe6) U(0xe7)                             \
    U(0xe8) U(0xe9) U(0xea) U(0xeb) U(0xec) U(0xed) U(0xee) U(0xef)                             \
    X(CREATE, 0xf0, 3, 1, kShanghai, 32000)                                                     \
    X(CALL, 0xf1, 7, 1, kShanghai, 100)                                                         \
    X(CALLCODE, 0xf2, 7, 1, kShanghai, 100)                                                     \
    X(RETURN, 0xf3, 2, 0, kShanghai, 0)                                                         \
    X(DELEGATECALL, 0xf4, 6, 1, kShanghai, 100)                                                 \
    X(CREATE2, 0xf5, 4, 1, kShanghai, 32000)                                                    \
    U(0xf6) U(0xf7) U(0xf8) U(0xf9)                                                             \
    X(STATICCALL, 0xfa, 6, 1, kShanghai, 100)                                                   \
    U(0xfb) U(0xfc)                                                                             \
    X(REVERT, 0xfd, 2, 0, kShanghai, 0)                                                         \
    X(INVALID, 0xfe, 0, 0, kShanghai, 0)                                                        \
    X(SELFDESTRUCT, 0xff, 1, 0, kShanghai, 5000)
// clang-format on

/// EVM opcodes by their spec names (OP_ADD = 0x01, ...).
enum Opcode : uint8_t {
#define YAO_EVM_X(name, code, in, out, rev, gas) OP_##name = code,
#define YAO_EVM_U(code)
    YAO_EVM_OPCODES(YAO_EVM_X, YAO_EVM_U)
#undef YAO_EVM_X
#undef YAO_EVM_U
};

/// Static facts about one opcode byte.
struct OpcodeTraits {
    std::string_view name;                 ///< spec mnemonic; empty for an undefined byte
    int8_t stack_in = 0;                   ///< items the instruction needs on the stack
    int8_t stack_out = 0;                  ///< items it leaves in their place
    Revision since = Revision::kShanghai;  ///< first revision that defines it
    int32_t base_gas = 0;                  ///< constant gas charged before the body runs
    bool defined = false;                  ///< false for bytes no revision of ours defines

    /// Net change of the stack height.
    constexpr int stack_change() const noexcept { return stack_out - stack_in; }
};

/// Traits of every byte value, indexed by opcode.
inline constexpr std::array<OpcodeTraits, 256> kOpcodeTraits = [] {
    std::array<OpcodeTraits, 256> t{};
    size_t next = 0;
    bool in_order = true;
#define YAO_EVM_X(name_, code, in, out, rev, gas)                              \
    in_order = in_order && next == (code);                                     \
    t[(code)] = OpcodeTraits{#name_, (in), (out), Revision::rev, (gas), true}; \
    ++next;
#define YAO_EVM_U(code)                    \
    in_order = in_order && next == (code); \
    ++next;
    YAO_EVM_OPCODES(YAO_EVM_X, YAO_EVM_U)
#undef YAO_EVM_X
#undef YAO_EVM_U
    // A listing out of order or with a gap fails constant evaluation here.
    if (!in_order || next != 256) std::abort();
    return t;
}();

/// True when `op` is defined in revision `rev`.
constexpr bool is_defined(uint8_t op, Revision rev) noexcept {
    return kOpcodeTraits[op].defined && kOpcodeTraits[op].since <= rev;
}

}  // namespace yao::evm
