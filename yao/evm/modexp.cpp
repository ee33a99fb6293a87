// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "modexp.hpp"

#include <algorithm>
#include <cstring>

#include <gmp.h>

#include <yao/common/assert.hpp>
#include <yao/common/uint256.hpp>

namespace yao::evm {
namespace {

__extension__ using UInt128 = unsigned __int128;

// EIP-2565 constants (Berlin..Prague).
constexpr uint64_t kMinGas = 200;
constexpr uint64_t kQuadDivisor = 3;
constexpr uint64_t kIterationsPerExtraExpByte = 8;
// EIP-7883 constants (Osaka).
constexpr uint64_t kMinGasEip7883 = 500;
constexpr uint64_t kSmallComplexityEip7883 = 16;  // for max(Blen, Mlen) <= 32
constexpr uint64_t kSmallLengthEip7883 = 32;
constexpr uint64_t kIterationsPerExtraExpByteEip7883 = 16;
// EIP-7823 (Osaka): the largest Blen, Elen and Mlen a call may claim.
constexpr uint64_t kMaxLengthEip7823 = 1024;
// Iteration count used when Elen does not fit 64 bits: larger than any affordable count, small
// enough that 16 * count cannot overflow 128 bits.
constexpr UInt128 kHugeIterationCount = UInt128{1} << 100;

// The part of input[offset, offset + len) that exists; the rest reads as zero. Both bounds may
// lie past the end of the input.
BytesView available(BytesView input, uint64_t offset, uint64_t len) noexcept {
    if (offset >= input.size()) return {};
    return input.substr(offset, std::min<uint64_t>(len, input.size() - offset));
}

// A 32-byte big-endian header word at `offset`, zero-padded on the right.
Uint256 read_word(BytesView input, uint64_t offset) noexcept {
    uint8_t word[32] = {};
    const BytesView part = available(input, offset, 32);
    if (!part.empty()) std::memcpy(word, part.data(), part.size());
    return Uint256::from_be_bytes({word, 32});
}

struct Header {
    Uint256 base_len;
    Uint256 exp_len;
    Uint256 mod_len;
};

Header read_header(BytesView input) noexcept {
    return {read_word(input, 0), read_word(input, 32), read_word(input, 64)};
}

// The first min(32, Elen) bytes of the exponent as a number (EIP-2565 "exponent head").
Uint256 exponent_head(BytesView input, const Header& h) noexcept {
    // With Blen >= 2^64 the multiplication complexity alone saturates the cost; the head does
    // not matter (and the exponent would start beyond any real input).
    if (!h.base_len.fits_u64() || h.base_len.low64() > UINT64_MAX - 96) return 0;
    const uint64_t head_len = h.exp_len < 32 ? h.exp_len.low64() : 32;
    if (head_len == 0) return 0;
    // The head is head_len bytes wide; bytes past the input are zeros at its low end.
    uint8_t buf[32] = {};
    const BytesView part = available(input, 96 + h.base_len.low64(), head_len);
    if (!part.empty()) std::memcpy(buf + (32 - head_len), part.data(), part.size());
    return Uint256::from_be_bytes({buf, 32});
}

// EIP-2565 calculate_iteration_count, with `per_extra_byte` iterations for each exponent byte
// beyond the first 32 (8 in EIP-2565, 16 in EIP-7883).
UInt128 iteration_count(const Uint256& exp_len, const Uint256& head,
                        uint64_t per_extra_byte) noexcept {
    const UInt128 head_bits = head.is_zero() ? 0 : head.bit_length() - 1;
    UInt128 count = 0;
    if (exp_len <= 32) {
        count = head_bits;
    } else if (!exp_len.fits_u64()) {
        count = kHugeIterationCount;
    } else {
        count = UInt128{per_extra_byte} * (exp_len.low64() - 32) + head_bits;
    }
    return std::max<UInt128>(count, 1);
}

// complexity * count / divisor, at least min_gas, saturated at UINT64_MAX.
uint64_t priced(UInt128 complexity, UInt128 count, uint64_t divisor, uint64_t min_gas) noexcept {
    UInt128 product = 0;
    if (__builtin_mul_overflow(complexity, count, &product)) return UINT64_MAX;
    const UInt128 cost = product / divisor;
    if (cost > UINT64_MAX) return UINT64_MAX;
    return std::max(static_cast<uint64_t>(cost), min_gas);
}

// EIP-2565 (Berlin..Prague).
uint64_t modexp_gas_eip2565(BytesView input) noexcept {
    const Header h = read_header(input);
    const Uint256 max_len = std::max(h.base_len, h.mod_len);
    if (!max_len.fits_u64()) return UINT64_MAX;
    // calculate_multiplication_complexity: ceil(max_len / 8)^2.
    const uint64_t words = max_len.low64() / 8 + (max_len.low64() % 8 != 0 ? 1 : 0);
    const UInt128 complexity = UInt128{words} * words;
    if (complexity == 0) return kMinGas;  // Blen = Mlen = 0, whatever Elen claims
    const UInt128 count =
        iteration_count(h.exp_len, exponent_head(input, h), kIterationsPerExtraExpByte);
    return priced(complexity, count, kQuadDivisor, kMinGas);
}

// EIP-7883 (Osaka). Lengths above the EIP-7823 bound still get a (saturating) price, though the
// precompile rejects them before charging.
uint64_t modexp_gas_eip7883(BytesView input) noexcept {
    const Header h = read_header(input);
    const Uint256 max_len = std::max(h.base_len, h.mod_len);
    if (!max_len.fits_u64()) return UINT64_MAX;
    const uint64_t words = max_len.low64() / 8 + (max_len.low64() % 8 != 0 ? 1 : 0);
    const UInt128 complexity = max_len.low64() <= kSmallLengthEip7883
                                   ? UInt128{kSmallComplexityEip7883}
                                   : 2 * UInt128{words} * words;
    const UInt128 count =
        iteration_count(h.exp_len, exponent_head(input, h), kIterationsPerExtraExpByteEip7883);
    return priced(complexity, count, 1, kMinGasEip7883);
}

// RAII owner of a GMP integer.
class BigInt {
public:
    BigInt() noexcept { mpz_init(v_); }
    ~BigInt() { mpz_clear(v_); }
    BigInt(const BigInt&) = delete;
    BigInt& operator=(const BigInt&) = delete;

    mpz_ptr get() noexcept { return v_; }

    /// Sets the value from big-endian `bytes` followed by `zero_bytes` implicit zero bytes.
    void assign(BytesView bytes, uint64_t zero_bytes) noexcept {
        mpz_import(v_, bytes.size(), 1, 1, 1, 0, bytes.data());
        if (zero_bytes != 0 && mpz_sgn(v_) != 0) mpz_mul_2exp(v_, v_, 8 * zero_bytes);
    }

private:
    mpz_t v_;
};

}  // namespace

uint64_t modexp_gas(BytesView input, Revision rev) noexcept {
    return rev >= Revision::kOsaka ? modexp_gas_eip7883(input) : modexp_gas_eip2565(input);
}

bool modexp_lengths_allowed(BytesView input, Revision rev) noexcept {
    if (rev < Revision::kOsaka) return true;
    const Header h = read_header(input);
    return h.base_len <= kMaxLengthEip7823 && h.exp_len <= kMaxLengthEip7823 &&
           h.mod_len <= kMaxLengthEip7823;
}

Bytes modexp_run(BytesView input) noexcept {
    const Header h = read_header(input);
    // EIP-198: the output has Mlen bytes; with Mlen = 0 there is nothing to compute (the
    // execution-specs also return empty for Blen = Mlen = 0 before reading anything else).
    if (h.mod_len.is_zero()) return {};

    // Mlen >= 1 makes the multiplication complexity >= 1, so an affordable cost bounds Blen and
    // Mlen (ceil(len / 8)^2 / 3 <= INT64_MAX: below 2^36) and Elen (8 * (Elen - 32) / 3 <=
    // INT64_MAX: below 2^62), and the offsets below cannot overflow.
    YAO_ASSERT(h.base_len.fits_u64() && h.exp_len.fits_u64() && h.mod_len.fits_u64());
    const uint64_t base_len = h.base_len.low64();
    const uint64_t exp_len = h.exp_len.low64();
    const uint64_t mod_len = h.mod_len.low64();
    YAO_ASSERT(base_len < (uint64_t{1} << 36) && exp_len < (uint64_t{1} << 62) &&
               mod_len < (uint64_t{1} << 36));
    const uint64_t exp_start = 96 + base_len;
    const uint64_t mod_start = exp_start + exp_len;

    Bytes out(mod_len, 0);

    // Input past its end reads as zero. A zero modulus gives zeros (EIP-198), so a non-zero
    // modulus needs at least one of its bytes present, and then the base and the exponent, which
    // come before it, are entirely present: only the modulus can have an implicit zero tail, a
    // multiplication by 2^(8 * missing). Only the output (Mlen, paid for) is sized from a
    // claimed length.
    const BytesView mod_part = available(input, mod_start, mod_len);
    BigInt modulus;
    modulus.assign(mod_part, mod_len - mod_part.size());
    if (mpz_sgn(modulus.get()) == 0) return out;
    YAO_ASSERT(mod_start < input.size());

    BigInt base;
    base.assign(input.substr(96, base_len), 0);
    BigInt exponent;
    exponent.assign(input.substr(exp_start, exp_len), 0);
    BigInt result;
    mpz_powm(result.get(), base.get(), exponent.get(), modulus.get());

    // result < modulus < 256^Mlen: right-align it in the output.
    if (mpz_sgn(result.get()) != 0) {
        const size_t size = (mpz_sizeinbase(result.get(), 2) + 7) / 8;
        YAO_ASSERT(size <= mod_len);
        mpz_export(out.data() + (mod_len - size), nullptr, 1, 1, 1, 0, result.get());
    }
    return out;
}

}  // namespace yao::evm
