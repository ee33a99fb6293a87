// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Instruction bodies, inline so that they fold into the dispatch loop (vm.cpp). The loop has
// already checked the stack height, the revision and charged the opcode's base gas
// (opcodes.hpp); a body does the rest.
//
// Conventions: `sp` points one past the top of the stack, so sp[-1] is the top (the first operand
// in the spec's pop order), sp[-2] the second, and so on. A body writes its results in place of
// its operands, from sp[-stack_in] upwards; the loop then moves sp by the opcode's stack change.
// Bodies that may fail or charge dynamic gas take the gas counter by value and return an
// InstrResult. Names follow the spec mnemonics; C++ keywords get a trailing underscore.

#include <algorithm>
#include <array>
#include <cstring>

#include <yao/common/keccak.hpp>
#include <yao/common/uint256.hpp>

#include "execution_state.hpp"
#include "gas.hpp"
#include "opcodes.hpp"

namespace yao::evm::instr {

// ---- Conversions -------------------------------------------------------------------------------

/// Reads 8 bytes as a big-endian number.
inline uint64_t load_be64(const uint8_t* p) noexcept {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return __builtin_bswap64(v);
}

/// Writes a number as 8 big-endian bytes.
inline void store_be64(uint8_t* p, uint64_t v) noexcept {
    v = __builtin_bswap64(v);
    std::memcpy(p, &v, 8);
}

/// Reads a 32-byte big-endian word.
inline Uint256 load_word(const uint8_t* p) noexcept {
    return Uint256::from_limbs(load_be64(p + 24), load_be64(p + 16), load_be64(p + 8),
                               load_be64(p));
}

/// Writes a 32-byte big-endian word.
inline void store_word(uint8_t* p, const Uint256& v) noexcept {
    store_be64(p, v.limbs[3]);
    store_be64(p + 8, v.limbs[2]);
    store_be64(p + 16, v.limbs[1]);
    store_be64(p + 24, v.limbs[0]);
}

/// A word as 32 big-endian bytes (storage keys and values, topics).
inline Hash256 to_hash(const Uint256& v) noexcept {
    Hash256 h;
    store_word(h.data(), v);
    return h;
}

/// 32 big-endian bytes as a word.
inline Uint256 to_uint256(const Hash256& h) noexcept {
    return load_word(h.data());
}

/// The address in the low 20 bytes of a word (the high 12 bytes are ignored).
inline Address to_address(const Uint256& v) noexcept {
    Address a;
    uint32_t hi = __builtin_bswap32(static_cast<uint32_t>(v.limbs[2]));
    std::memcpy(a.data(), &hi, 4);
    store_be64(a.data() + 4, v.limbs[1]);
    store_be64(a.data() + 12, v.limbs[0]);
    return a;
}

/// An address as a word (zero-extended).
inline Uint256 to_uint256(const Address& a) noexcept {
    uint32_t hi;
    std::memcpy(&hi, a.data(), 4);
    return Uint256::from_limbs(load_be64(a.data() + 12), load_be64(a.data() + 4),
                               __builtin_bswap32(hi), 0);
}

/// Copies a word with four 8-byte moves. A wider (SSE) load of a word that was written by
/// narrower stores defeats store-to-load forwarding (a stall of about ten cycles, more than the
/// instruction itself); the empty asm keeps the compiler from merging the limb loads into vector
/// loads. Every word read from the stack by copying goes through here.
[[gnu::always_inline]] inline void set(Uint256& dst, const Uint256& src) noexcept {
    uint64_t l0 = src.limbs[0];
    uint64_t l1 = src.limbs[1];
    uint64_t l2 = src.limbs[2];
    uint64_t l3 = src.limbs[3];
    asm("" : "+r"(l0), "+r"(l1), "+r"(l2), "+r"(l3));
    dst.limbs[0] = l0;
    dst.limbs[1] = l1;
    dst.limbs[2] = l2;
    dst.limbs[3] = l3;
}

/// Sets a word to a 64-bit value.
[[gnu::always_inline]] inline void set(Uint256& dst, uint64_t v) noexcept {
    dst.limbs[0] = v;
    dst.limbs[1] = 0;
    dst.limbs[2] = 0;
    dst.limbs[3] = 0;
}

/// Exchanges two words limb by limb (see set()).
[[gnu::always_inline]] inline void swap_words(Uint256& a, Uint256& b) noexcept {
    uint64_t a0 = a.limbs[0], a1 = a.limbs[1], a2 = a.limbs[2], a3 = a.limbs[3];
    uint64_t b0 = b.limbs[0], b1 = b.limbs[1], b2 = b.limbs[2], b3 = b.limbs[3];
    asm("" : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(b0), "+r"(b1), "+r"(b2), "+r"(b3));
    a.limbs[0] = b0;
    a.limbs[1] = b1;
    a.limbs[2] = b2;
    a.limbs[3] = b3;
    b.limbs[0] = a0;
    b.limbs[1] = a1;
    b.limbs[2] = a2;
    b.limbs[3] = a3;
}

/// Writes the value of the `N` big-endian bytes at `data` (a PUSHn immediate; the code is
/// padded, so reading past its end is safe) to `dst`, limb by limb.
template <int N>
[[gnu::always_inline]] inline void push(Uint256& dst, const uint8_t* data) noexcept {
    constexpr int kFull = N / 8;
    constexpr int kPartial = N % 8;
    const uint8_t* end = data + N;
#pragma GCC unroll 4
    for (int i = 0; i < kFull; ++i) dst.limbs[i] = load_be64(end - 8 * (i + 1));
    if constexpr (kPartial != 0) {
        // The kPartial bytes before the full limbs: an 8-byte load ending at the last of them
        // would read before `data`, so load forward from `data` and shift the excess out.
        dst.limbs[kFull] = load_be64(data) >> (8 * (8 - kPartial));
    }
#pragma GCC unroll 4
    for (int i = kFull + (kPartial != 0 ? 1 : 0); i < 4; ++i) dst.limbs[i] = 0;
}

// ---- Memory ------------------------------------------------------------------------------------

/// Charges the expansion of memory to `end` bytes and grows it; false when out of gas.
[[gnu::noinline]] inline bool grow_memory(int64_t& gas, Memory& mem, uint64_t end) noexcept {
    if (end > Memory::kMaxSize) return false;
    const uint64_t new_words = gas::num_words(end);
    const int64_t cost = gas::memory_cost(new_words) - gas::memory_cost(mem.size() / 32);
    if ((gas -= cost) < 0) return false;
    mem.grow(new_words * 32);
    return true;
}

/// Makes [offset, offset + size) addressable, charging for expansion; `size` != 0 and
/// <= Memory::kMaxSize. False when out of gas (including an offset too large to pay for).
[[gnu::always_inline]] inline bool touch_memory(int64_t& gas, Memory& mem, const Uint256& offset,
                                                uint64_t size) noexcept {
    if (!offset.fits_u64() || offset.low64() > Memory::kMaxSize) return false;
    const uint64_t end = offset.low64() + size;
    return end <= mem.size() || grow_memory(gas, mem, end);
}

/// As above for a size taken from the stack; a zero size touches nothing (its offset may be any
/// value).
[[gnu::always_inline]] inline bool touch_memory(int64_t& gas, Memory& mem, const Uint256& offset,
                                                const Uint256& size) noexcept {
    if (size.is_zero()) return true;
    if (!size.fits_u64() || size.low64() > Memory::kMaxSize) return false;
    return touch_memory(gas, mem, offset, size.low64());
}

/// Copies `size` bytes of `src` starting at `src_offset` to `dst`, zero-filling past its end.
inline void copy_padded(uint8_t* dst, uint64_t size, BytesView src,
                        const Uint256& src_offset) noexcept {
    const uint64_t start =
        src_offset.fits_u64() ? std::min<uint64_t>(src_offset.low64(), src.size()) : src.size();
    const uint64_t n = std::min<uint64_t>(size, src.size() - start);
    if (n != 0) std::memcpy(dst, src.data() + start, n);
    if (n != size) std::memset(dst + n, 0, size - n);
}

/// Gas for copying `size` bytes (3 per word).
constexpr int64_t copy_cost(uint64_t size) noexcept {
    return gas::kCopyWord * static_cast<int64_t>(gas::num_words(size));
}

constexpr InstrResult ok(int64_t gas) noexcept {
    return {Status::kSuccess, gas};
}
constexpr InstrResult out_of_gas(int64_t gas) noexcept {
    return {Status::kOutOfGas, gas};
}

// ---- Arithmetic, comparison, bitwise (stack only) ----------------------------------------------

inline void add(Uint256* sp) noexcept {
    set(sp[-2], sp[-1] + sp[-2]);
}
inline void mul(Uint256* sp) noexcept {
    set(sp[-2], sp[-1] * sp[-2]);
}
inline void sub(Uint256* sp) noexcept {
    set(sp[-2], sp[-1] - sp[-2]);
}
inline void div(Uint256* sp) noexcept {
    set(sp[-2], sp[-1] / sp[-2]);
}
inline void sdiv(Uint256* sp) noexcept {
    set(sp[-2], yao::sdiv(sp[-1], sp[-2]));
}
inline void mod(Uint256* sp) noexcept {
    set(sp[-2], sp[-1] % sp[-2]);
}
inline void smod(Uint256* sp) noexcept {
    set(sp[-2], yao::smod(sp[-1], sp[-2]));
}
inline void addmod(Uint256* sp) noexcept {
    set(sp[-3], yao::addmod(sp[-1], sp[-2], sp[-3]));
}
inline void mulmod(Uint256* sp) noexcept {
    set(sp[-3], yao::mulmod(sp[-1], sp[-2], sp[-3]));
}
inline void signextend(Uint256* sp) noexcept {
    set(sp[-2], yao::signextend(sp[-1], sp[-2]));
}
inline void lt(Uint256* sp) noexcept {
    set(sp[-2], sp[-1] < sp[-2] ? 1 : 0);
}
inline void gt(Uint256* sp) noexcept {
    set(sp[-2], sp[-1] > sp[-2] ? 1 : 0);
}
inline void slt(Uint256* sp) noexcept {
    set(sp[-2], yao::slt(sp[-1], sp[-2]) ? 1 : 0);
}
inline void sgt(Uint256* sp) noexcept {
    set(sp[-2], yao::sgt(sp[-1], sp[-2]) ? 1 : 0);
}
inline void eq(Uint256* sp) noexcept {
    set(sp[-2], sp[-1] == sp[-2] ? 1 : 0);
}
inline void iszero(Uint256* sp) noexcept {
    set(sp[-1], sp[-1].is_zero() ? 1 : 0);
}
inline void and_(Uint256* sp) noexcept {
    set(sp[-2], sp[-1] & sp[-2]);
}
inline void or_(Uint256* sp) noexcept {
    set(sp[-2], sp[-1] | sp[-2]);
}
inline void xor_(Uint256* sp) noexcept {
    set(sp[-2], sp[-1] ^ sp[-2]);
}
inline void not_(Uint256* sp) noexcept {
    set(sp[-1], ~sp[-1]);
}
inline void byte(Uint256* sp) noexcept {
    set(sp[-2], yao::byte(sp[-1], sp[-2]));
}
inline void shl(Uint256* sp) noexcept {
    set(sp[-2], sp[-2] << sp[-1]);
}
inline void shr(Uint256* sp) noexcept {
    set(sp[-2], sp[-2] >> sp[-1]);
}
inline void sar(Uint256* sp) noexcept {
    set(sp[-2], yao::sar(sp[-1], sp[-2]));
}
/// CLZ (EIP-7939, Osaka): leading zero bits of the top word, 256 for zero.
inline void clz(Uint256* sp) noexcept {
    set(sp[-1], yao::clz(sp[-1]));
}
inline void pop(Uint256*) noexcept {}

/// EXP: 50 gas per significant byte of the exponent (EIP-160).
inline InstrResult exp(Uint256* sp, int64_t gas, ExecutionState&) noexcept {
    const Uint256& exponent = sp[-2];
    const auto bytes = static_cast<int64_t>((256 - yao::clz(exponent) + 7) / 8);
    if ((gas -= gas::kExpByte * bytes) < 0) return out_of_gas(gas);
    set(sp[-2], yao::exp(sp[-1], exponent));
    return ok(gas);
}

/// KECCAK256: 6 gas per word hashed, plus memory.
inline InstrResult keccak256(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const Uint256& offset = sp[-1];
    const Uint256& size = sp[-2];
    if (!touch_memory(gas, st.memory, offset, size)) return out_of_gas(gas);
    const uint64_t n = size.low64();
    if ((gas -= gas::kKeccak256Word * static_cast<int64_t>(gas::num_words(n))) < 0)
        return out_of_gas(gas);
    const BytesView data = n != 0 ? BytesView{st.memory.data() + offset.low64(), n} : BytesView{};
    set(sp[-2], to_uint256(yao::keccak256(data)));
    return ok(gas);
}

// ---- Environment -------------------------------------------------------------------------------

/// The EIP-2929 cold surcharge for an account (the warm cost is the opcode's base gas).
inline int64_t account_access_surcharge(ExecutionState& st, const Address& addr) noexcept {
    return st.host.access_account(addr) == AccessStatus::kCold ? gas::kColdAccountSurcharge : 0;
}

inline InstrResult address(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], to_uint256(st.msg.recipient));
    return ok(gas);
}

inline InstrResult balance(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const Address addr = to_address(sp[-1]);
    if ((gas -= account_access_surcharge(st, addr)) < 0) return out_of_gas(gas);
    set(sp[-1], st.host.get_balance(addr));
    return ok(gas);
}

inline InstrResult origin(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], to_uint256(st.tx().origin));
    return ok(gas);
}

inline InstrResult caller(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], to_uint256(st.msg.sender));
    return ok(gas);
}

inline InstrResult callvalue(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], st.msg.value);
    return ok(gas);
}

inline InstrResult calldataload(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const BytesView data = st.msg.input;
    const Uint256& offset = sp[-1];
    if (!offset.fits_u64() || offset.low64() >= data.size()) {
        set(sp[-1], 0);
    } else if (data.size() - offset.low64() >= 32) {
        set(sp[-1], load_word(data.data() + offset.low64()));
    } else {
        uint8_t word[32] = {};
        std::memcpy(word, data.data() + offset.low64(), data.size() - offset.low64());
        set(sp[-1], load_word(word));
    }
    return ok(gas);
}

inline InstrResult calldatasize(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], st.msg.input.size());
    return ok(gas);
}

/// CALLDATACOPY, CODECOPY: dst, src offset, size; 3 gas per word plus memory.
inline InstrResult copy_to_memory(Uint256* sp, int64_t gas, ExecutionState& st,
                                  BytesView src) noexcept {
    const Uint256& dst = sp[-1];
    const Uint256& src_offset = sp[-2];
    const Uint256& size = sp[-3];
    if (!touch_memory(gas, st.memory, dst, size)) return out_of_gas(gas);
    const uint64_t n = size.low64();
    if ((gas -= copy_cost(n)) < 0) return out_of_gas(gas);
    if (n != 0) copy_padded(st.memory.data() + dst.low64(), n, src, src_offset);
    return ok(gas);
}

inline InstrResult calldatacopy(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    return copy_to_memory(sp, gas, st, st.msg.input);
}

inline InstrResult codesize(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], st.analysis.code_size());
    return ok(gas);
}

inline InstrResult codecopy(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    return copy_to_memory(sp, gas, st, st.analysis.code());
}

inline InstrResult gasprice(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], st.tx().gas_price);
    return ok(gas);
}

inline InstrResult extcodesize(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const Address addr = to_address(sp[-1]);
    if ((gas -= account_access_surcharge(st, addr)) < 0) return out_of_gas(gas);
    set(sp[-1], st.host.get_code_size(addr));
    return ok(gas);
}

/// EXTCODECOPY: address, dst, src offset, size.
inline InstrResult extcodecopy(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const Address addr = to_address(sp[-1]);
    const Uint256& dst = sp[-2];
    const Uint256& src_offset = sp[-3];
    const Uint256& size = sp[-4];
    if (!touch_memory(gas, st.memory, dst, size)) return out_of_gas(gas);
    const uint64_t n = size.low64();
    if ((gas -= copy_cost(n) + account_access_surcharge(st, addr)) < 0) return out_of_gas(gas);
    if (n != 0) copy_padded(st.memory.data() + dst.low64(), n, st.host.get_code(addr), src_offset);
    return ok(gas);
}

inline InstrResult returndatasize(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], st.return_data.size());
    return ok(gas);
}

/// RETURNDATACOPY: reading past the return data is an exceptional halt (EIP-211), even for a
/// zero size.
inline InstrResult returndatacopy(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const Uint256& dst = sp[-1];
    const Uint256& src_offset = sp[-2];
    const Uint256& size = sp[-3];
    if (!touch_memory(gas, st.memory, dst, size)) return out_of_gas(gas);
    const uint64_t n = size.low64();
    if ((gas -= copy_cost(n)) < 0) return out_of_gas(gas);
    const uint64_t available = st.return_data.size();
    if (!src_offset.fits_u64() || src_offset.low64() > available ||
        n > available - src_offset.low64())
        return {Status::kInvalidMemoryAccess, gas};
    if (n != 0)
        std::memcpy(st.memory.data() + dst.low64(), st.return_data.data() + src_offset.low64(), n);
    return ok(gas);
}

inline InstrResult extcodehash(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const Address addr = to_address(sp[-1]);
    if ((gas -= account_access_surcharge(st, addr)) < 0) return out_of_gas(gas);
    set(sp[-1], to_uint256(st.host.get_code_hash(addr)));
    return ok(gas);
}

// ---- Block -------------------------------------------------------------------------------------

/// BLOCKHASH: the 256 blocks before the current one; zero outside that window.
inline InstrResult blockhash(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const Uint256& number = sp[-1];
    const uint64_t current = st.tx().block_number;
    if (number.fits_u64() && number.low64() < current &&
        current - number.low64() <= gas::kBlockHashWindow)
        set(sp[-1], to_uint256(st.host.get_block_hash(number.low64())));
    else
        set(sp[-1], 0);
    return ok(gas);
}

inline InstrResult coinbase(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], to_uint256(st.tx().coinbase));
    return ok(gas);
}

inline InstrResult timestamp(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], st.tx().timestamp);
    return ok(gas);
}

inline InstrResult number(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], st.tx().block_number);
    return ok(gas);
}

inline InstrResult prevrandao(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], to_uint256(st.tx().prev_randao));
    return ok(gas);
}

inline InstrResult gaslimit(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], st.tx().gas_limit);
    return ok(gas);
}

inline InstrResult chainid(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], st.tx().chain_id);
    return ok(gas);
}

inline InstrResult selfbalance(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], st.host.get_balance(st.msg.recipient));
    return ok(gas);
}

inline InstrResult basefee(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], st.tx().base_fee);
    return ok(gas);
}

/// BLOBHASH (EIP-4844): the versioned hash at an index, zero past the end.
inline InstrResult blobhash(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const Uint256& index = sp[-1];
    const auto hashes = st.tx().blob_hashes;
    if (index.fits_u64() && index.low64() < hashes.size())
        set(sp[-1], to_uint256(hashes[index.low64()]));
    else
        set(sp[-1], 0);
    return ok(gas);
}

/// BLOBBASEFEE (EIP-7516).
inline InstrResult blobbasefee(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], st.tx().blob_base_fee);
    return ok(gas);
}

// ---- Memory, storage ---------------------------------------------------------------------------

inline InstrResult mload(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const Uint256& offset = sp[-1];
    if (!touch_memory(gas, st.memory, offset, 32)) return out_of_gas(gas);
    set(sp[-1], load_word(st.memory.data() + offset.low64()));
    return ok(gas);
}

inline InstrResult mstore(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const Uint256& offset = sp[-1];
    if (!touch_memory(gas, st.memory, offset, 32)) return out_of_gas(gas);
    store_word(st.memory.data() + offset.low64(), sp[-2]);
    return ok(gas);
}

inline InstrResult mstore8(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const Uint256& offset = sp[-1];
    if (!touch_memory(gas, st.memory, offset, 1)) return out_of_gas(gas);
    st.memory.data()[offset.low64()] = static_cast<uint8_t>(sp[-2].low64());
    return ok(gas);
}

inline InstrResult msize(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[0], st.memory.size());
    return ok(gas);
}

/// SLOAD: 100 warm (base) or 2100 cold (EIP-2929).
inline InstrResult sload(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const Hash256 key = to_hash(sp[-1]);
    if (st.host.access_storage(st.msg.recipient, key) == AccessStatus::kCold &&
        (gas -= gas::kColdSloadSurcharge) < 0)
        return out_of_gas(gas);
    set(sp[-1], to_uint256(st.host.get_storage(st.msg.recipient, key)));
    return ok(gas);
}

/// SSTORE with EIP-2200 (net metering, the 2300 sentry), EIP-2929 (cold slot) and EIP-3529
/// (reduced clear refund) rules, as in execution-specs cancun/vm/instructions/storage.py.
/// The write happens before the gas check because the host returns the original and current
/// values only from set_storage; a failing frame is reverted by the host anyway.
inline InstrResult sstore(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    if (st.msg.is_static) return {Status::kStaticModeViolation, gas};
    if (gas <= gas::kSstoreSentry) return out_of_gas(gas);
    const Hash256 key = to_hash(sp[-1]);
    const Hash256 value = to_hash(sp[-2]);
    int64_t cost = 0;
    if (st.host.access_storage(st.msg.recipient, key) == AccessStatus::kCold)
        cost += gas::kColdSload;
    const StorageWrite w = st.host.set_storage(st.msg.recipient, key, value);
    if (w.original == w.current && w.current != value) {
        cost += w.original.is_zero() ? gas::kStorageSet : gas::kStorageUpdate - gas::kColdSload;
    } else {
        cost += gas::kWarmAccess;
    }
    if (w.current != value) {
        if (!w.original.is_zero() && !w.current.is_zero() && value.is_zero())
            st.gas_refund += gas::kStorageClearRefund;
        if (!w.original.is_zero() && w.current.is_zero()) st.gas_refund -= gas::kStorageClearRefund;
        if (w.original == value) {
            st.gas_refund += w.original.is_zero()
                                 ? gas::kStorageSet - gas::kWarmAccess
                                 : gas::kStorageUpdate - gas::kColdSload - gas::kWarmAccess;
        }
    }
    if ((gas -= cost) < 0) return out_of_gas(gas);
    return ok(gas);
}

/// TLOAD (EIP-1153).
inline InstrResult tload(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    set(sp[-1], to_uint256(st.host.get_transient_storage(st.msg.recipient, to_hash(sp[-1]))));
    return ok(gas);
}

/// TSTORE (EIP-1153): a state change, refused in static mode.
inline InstrResult tstore(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    if (st.msg.is_static) return {Status::kStaticModeViolation, gas};
    st.host.set_transient_storage(st.msg.recipient, to_hash(sp[-1]), to_hash(sp[-2]));
    return ok(gas);
}

/// MCOPY (EIP-5656): dst, src, size; memory for both ranges, 3 gas per word.
inline InstrResult mcopy(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const Uint256& dst = sp[-1];
    const Uint256& src = sp[-2];
    const Uint256& size = sp[-3];
    if (!touch_memory(gas, st.memory, src, size) || !touch_memory(gas, st.memory, dst, size))
        return out_of_gas(gas);
    const uint64_t n = size.low64();
    if ((gas -= copy_cost(n)) < 0) return out_of_gas(gas);
    if (n != 0) std::memmove(st.memory.data() + dst.low64(), st.memory.data() + src.low64(), n);
    return ok(gas);
}

// ---- Logs --------------------------------------------------------------------------------------

/// LOGn: offset, size, topics; 8 gas per data byte (the 375 + 375n is the base).
template <int N>
inline InstrResult log(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const Uint256& offset = sp[-1];
    const Uint256& size = sp[-2];
    if (!touch_memory(gas, st.memory, offset, size)) return out_of_gas(gas);
    const uint64_t n = size.low64();
    if ((gas -= gas::kLogData * static_cast<int64_t>(n)) < 0) return out_of_gas(gas);
    if (st.msg.is_static) return {Status::kStaticModeViolation, gas};
    std::array<Hash256, 4> topics;
#pragma GCC unroll 4
    for (int i = 0; i < N; ++i) topics[i] = to_hash(sp[-3 - i]);
    const BytesView data = n != 0 ? BytesView{st.memory.data() + offset.low64(), n} : BytesView{};
    st.host.emit_log(st.msg.recipient, std::span<const Hash256>{topics.data(), size_t{N}}, data);
    return ok(gas);
}

// ---- Halting -----------------------------------------------------------------------------------

/// RETURN, REVERT: copies the output range.
inline InstrResult return_data(Uint256* sp, int64_t gas, ExecutionState& st) noexcept {
    const Uint256& offset = sp[-1];
    const Uint256& size = sp[-2];
    if (!touch_memory(gas, st.memory, offset, size)) return out_of_gas(gas);
    if (!size.is_zero()) st.output.assign(st.memory.data() + offset.low64(), size.low64());
    return ok(gas);
}

/// SELFDESTRUCT: 5000 (base) + 2600 for a cold beneficiary + 25000 when a non-zero balance goes
/// to a dead account; the transfer and the EIP-6780 deletion rule are the host's.
InstrResult selfdestruct(Uint256* sp, int64_t gas, ExecutionState& st) noexcept;

// ---- Calls and creations (calls.cpp) -----------------------------------------------------------

/// CALL, CALLCODE, DELEGATECALL, STATICCALL.
template <Opcode Op>
InstrResult call(Uint256* sp, int64_t gas, ExecutionState& st) noexcept;

/// CREATE, CREATE2.
template <Opcode Op>
InstrResult create(Uint256* sp, int64_t gas, ExecutionState& st) noexcept;

}  // namespace yao::evm::instr
