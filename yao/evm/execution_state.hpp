// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstddef>
#include <cstdint>

#include <yao/common/bytes.hpp>
#include <yao/common/uint256.hpp>

#include "analysis.hpp"
#include "gas.hpp"
#include "host.hpp"

namespace yao::evm {

/// The byte-addressed memory of one frame: a zero-filled buffer that grows in 32-byte words.
/// The allocation is kept (capacity doubling) and reused by the next frame that gets the same
/// pooled buffers, so steady-state execution allocates nothing. Not thread-safe.
class Memory {
public:
    /// Expansions ending above this many bytes are treated as out of gas: their gas cost
    /// (about 3.6e13 at 4 GiB) is above any block gas limit. Same bound as evmone.
    static constexpr uint64_t kMaxSize = uint64_t{1} << 32;

    Memory() noexcept = default;
    Memory(const Memory&) = delete;
    Memory& operator=(const Memory&) = delete;
    ~Memory();

    uint8_t* data() noexcept { return data_; }
    const uint8_t* data() const noexcept { return data_; }
    /// Current size in bytes, always a multiple of 32.
    size_t size() const noexcept { return size_; }

    /// Grows to `new_size` bytes (a multiple of 32, > size()), zero-filling the new part.
    /// Aborts when the allocation fails (the gas for it has been paid; see kMaxSize).
    void grow(size_t new_size) noexcept;
    /// Empties the memory for the next frame; keeps the allocation for reuse when its capacity
    /// is at most `retain` bytes, frees it otherwise.
    void reset(size_t retain) noexcept;

private:
    uint8_t* data_ = nullptr;
    size_t size_ = 0;
    size_t capacity_ = 0;
};

/// Everything an instruction body needs besides the stack pointer, the program counter and the
/// gas counter (those three live in registers in the dispatch loop). One per frame.
struct ExecutionState {
    Host& host;
    const Message& msg;
    Revision rev;
    const CodeAnalysis& analysis;
    Memory& memory;
    Bytes return_data;       ///< output of the last call or creation (RETURNDATA*)
    Bytes output;            ///< RETURN / REVERT data of this frame
    int64_t gas_refund = 0;  ///< EIP-3529 refund counter, may go negative inside a frame

    ExecutionState(Host& h, const Message& m, Revision r, const CodeAnalysis& a,
                   Memory& mem) noexcept
        : host(h), msg(m), rev(r), analysis(a), memory(mem) {}

    /// Block and transaction values, fetched from the host on first use.
    const TxContext& tx() noexcept {
        if (tx_ == nullptr) tx_ = &host.tx_context();
        return *tx_;
    }

private:
    const TxContext* tx_ = nullptr;
};

/// Status of an instruction body plus the gas left after it (a pair in registers, so that the
/// dispatch loop's gas counter never has its address taken).
struct InstrResult {
    Status status;
    int64_t gas;
};

}  // namespace yao::evm
