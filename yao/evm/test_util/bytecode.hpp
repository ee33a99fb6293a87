// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// A small bytecode builder so that tests read like the spec:
//   Bytecode{}.push(2).push(3).op(OP_ADD).ret_top()

#include <yao/common/bytes.hpp>
#include <yao/common/uint256.hpp>
#include <yao/evm/opcodes.hpp>

namespace yao::evm::test {

class Bytecode {
public:
    Bytecode() = default;
    /// Raw bytes, e.g. from hex.
    explicit Bytecode(BytesView raw) : code_(raw) {}

    /// One opcode.
    Bytecode& op(Opcode o) {
        code_.push_back(o);
        return *this;
    }
    /// Several opcodes.
    template <typename... Ops>
    Bytecode& ops(Ops... o) {
        (op(o), ...);
        return *this;
    }
    /// Raw bytes appended as they are.
    Bytecode& raw(BytesView b) {
        code_ += b;
        return *this;
    }
    Bytecode& raw(uint8_t b) {
        code_.push_back(b);
        return *this;
    }

    /// The shortest PUSH1..PUSH32 of `v` (PUSH1 0 for zero; use push0() for PUSH0). 3 gas.
    Bytecode& push(const Uint256& v) {
        const unsigned n = v.is_zero() ? 1 : (v.bit_length() + 7) / 8;
        return push_n(n, v);
    }
    /// An address as PUSH20.
    Bytecode& push(const Address& a) {
        code_.push_back(static_cast<uint8_t>(OP_PUSH1 + 19));
        code_ += a.view();
        return *this;
    }
    /// PUSHn of the low n bytes of `v`, big-endian.
    Bytecode& push_n(unsigned n, const Uint256& v) {
        code_.push_back(static_cast<uint8_t>(OP_PUSH1 + n - 1));
        uint8_t word[32];
        v.to_be_bytes(word);
        code_.append(word + 32 - n, n);
        return *this;
    }
    Bytecode& push0() { return op(OP_PUSH0); }

    /// MSTORE(offset, value): 2 pushes + MSTORE.
    Bytecode& mstore(const Uint256& offset, const Uint256& value) {
        return push(value).push(offset).op(OP_MSTORE);
    }
    /// MSTORE(offset, top of stack).
    Bytecode& mstore(const Uint256& offset) { return push(offset).op(OP_MSTORE); }
    /// SSTORE(key, value).
    Bytecode& sstore(const Uint256& key, const Uint256& value) {
        return push(value).push(key).op(OP_SSTORE);
    }
    /// SLOAD(key), result on the stack.
    Bytecode& sload(const Uint256& key) { return push(key).op(OP_SLOAD); }
    /// RETURN(offset, size).
    Bytecode& ret(const Uint256& offset, const Uint256& size) {
        return push(size).push(offset).op(OP_RETURN);
    }
    /// REVERT(offset, size).
    Bytecode& revert(const Uint256& offset, const Uint256& size) {
        return push(size).push(offset).op(OP_REVERT);
    }
    /// Returns the top of the stack as a 32-byte word: MSTORE at 0, RETURN(0, 32).
    Bytecode& ret_top() { return mstore(0).ret(0, 32); }
    /// CALL-family argument pushes, last argument first, then the opcode.
    Bytecode& call(Opcode o, const Uint256& gas, const Address& to, const Uint256& value,
                   const Uint256& in_offset, const Uint256& in_size, const Uint256& out_offset,
                   const Uint256& out_size) {
        push(out_size).push(out_offset).push(in_size).push(in_offset);
        if (o == OP_CALL || o == OP_CALLCODE) push(value);
        return push(to).push(gas).op(o);
    }

    /// Current size: the offset of the next instruction (for jump targets).
    size_t size() const { return code_.size(); }
    const Bytes& bytes() const { return code_; }
    operator BytesView() const { return code_; }

    Bytecode& operator+=(const Bytecode& other) {
        code_ += other.code_;
        return *this;
    }
    friend Bytecode operator+(Bytecode a, const Bytecode& b) { return a += b; }

private:
    Bytes code_;
};

/// Init code that deploys `runtime`: CODECOPY the runtime after this prefix, RETURN it.
inline Bytecode deploy(const Bytecode& runtime) {
    // PUSH2 size, PUSH2 offset, PUSH1 0, CODECOPY, PUSH2 size, PUSH1 0, RETURN = 15 bytes.
    constexpr unsigned kPrefix = 15;
    Bytecode b;
    b.push_n(2, runtime.size()).push_n(2, kPrefix).push_n(1, 0).op(OP_CODECOPY);
    b.push_n(2, runtime.size()).push_n(1, 0).op(OP_RETURN);
    return b + runtime;
}

}  // namespace yao::evm::test
