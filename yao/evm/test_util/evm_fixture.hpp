// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// The common fixture of the interpreter tests: a FakeHost, a message from kCaller to kContract
// with 1,000,000 gas, and helpers to run code and read the result. Sender and recipient start
// warm, as they are in a transaction (EIP-2929).

#include <gtest/gtest.h>

#include <ostream>
#include <string_view>

#include <yao/common/hex.hpp>
#include <yao/evm/vm.hpp>

#include "bytecode.hpp"
#include "fake_host.hpp"

namespace yao {
/// Failure messages print words as hex.
inline void PrintTo(const Uint256& x, std::ostream* os) {
    *os << x.to_hex();
}
}  // namespace yao

namespace yao::evm::test {

/// A number from hex text ("0x..."); aborts the test on bad input.
inline Uint256 u256(std::string_view hex) {
    const auto v = Uint256::from_hex(hex);
    EXPECT_TRUE(v.has_value()) << hex;
    return v.value_or(Uint256{});
}

/// Gas of ret_top(): PUSH1 0 (3) + MSTORE (3) + one word of memory (3) + PUSH1 32 (3) +
/// PUSH1 0 (3) + RETURN (0), with memory still empty before it.
inline constexpr int64_t kRetTopGas = 15;

/// An address whose last byte is `b` (others zero).
inline Address addr(uint8_t b) {
    Address a;
    a[19] = b;
    return a;
}

/// A word whose value is `v`, as a storage key or value.
inline Hash256 word(const Uint256& v) {
    return v.to_hash();
}

inline const Address kCaller = addr(0xca);
inline const Address kContract = addr(0xc0);
inline const Address kOther = addr(0xee);

class EvmTest : public ::testing::Test {
protected:
    EvmTest() {
        msg.gas = 1'000'000;
        msg.sender = kCaller;
        msg.recipient = kContract;
        msg.code_address = kContract;
        host.warm_accounts.insert(kCaller);
        host.warm_accounts.insert(kContract);
    }

    /// Runs `code` as kContract's code with `msg`.
    const ExecResult& run(const Bytecode& code) {
        code_ = code.bytes();
        result = execute(host, rev, msg, code_);
        return result;
    }

    /// Gas consumed by the last run.
    int64_t gas_used() const { return msg.gas - result.gas_left; }

    /// The output of the last run as a number (it must be 32 bytes).
    Uint256 output_word() const {
        EXPECT_EQ(result.output.size(), 32u);
        return result.output.size() == 32 ? Uint256::from_be_bytes(result.output) : Uint256{};
    }

    /// The current value of a storage slot of kContract.
    Uint256 storage(const Uint256& key) {
        return Uint256::from_hash(host.get_storage(kContract, word(key)));
    }

    FakeHost host;
    Revision rev = Revision::kCancun;
    Message msg;
    ExecResult result;

private:
    Bytes code_;
};

}  // namespace yao::evm::test
