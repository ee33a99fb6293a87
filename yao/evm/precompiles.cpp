// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "precompiles.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <optional>
#include <utility>

#include <yao/common/hash.hpp>
#include <yao/common/secp256k1.hpp>

#include "blake2f.hpp"
#include "bls12_381_precompiles.hpp"
#include "bn254.hpp"
#include "kzg.hpp"
#include "modexp.hpp"
#include "p256.hpp"

namespace yao::evm {
namespace {

__extension__ using UInt128 = unsigned __int128;

// Gas prices (Yellow Paper appendix E; EIP-1108 for the alt_bn128 repricing; EIP-152; EIP-4844).
constexpr uint64_t kEcrecoverGas = 3000;
constexpr uint64_t kSha256BaseGas = 60;
constexpr uint64_t kSha256WordGas = 12;
constexpr uint64_t kRipemd160BaseGas = 600;
constexpr uint64_t kRipemd160WordGas = 120;
constexpr uint64_t kIdentityBaseGas = 15;
constexpr uint64_t kIdentityWordGas = 3;
constexpr uint64_t kEcAddGas = 150;
constexpr uint64_t kEcMulGas = 6000;
constexpr uint64_t kEcPairingBaseGas = 45000;
constexpr uint64_t kEcPairingPairGas = 34000;
constexpr uint64_t kBlake2fRoundGas = 1;
constexpr uint64_t kPointEvaluationGas = 50000;

constexpr size_t kEcPairingPairSize = 192;
constexpr size_t kBlake2fInputSize = 213;
constexpr size_t kPointEvaluationInputSize = 192;

// Highest precompile address per revision: 0x09 BLAKE2F (Istanbul), 0x0a point evaluation
// (Cancun, EIP-4844), 0x11 the BLS12-381 set (Prague, EIP-2537).
constexpr uint8_t kLastShanghai = 0x09;
constexpr uint8_t kLastCancun = 0x0a;
constexpr uint8_t kLastPrague = 0x11;

ExecResult make_result(Status status, int64_t gas_left, Bytes output = {}) noexcept {
    ExecResult r;
    r.status = status;
    r.gas_left = gas_left;
    r.output = std::move(output);
    return r;
}

// Both failures consume all gas.
ExecResult out_of_gas() noexcept {
    return make_result(Status::kOutOfGas, 0);
}
ExecResult failure() noexcept {
    return make_result(Status::kPrecompileFailure, 0);
}

// The outcome of a precompile that succeeded after paying `cost` out of `gas` (cost <= gas).
ExecResult success(int64_t gas, uint64_t cost, Bytes output) noexcept {
    return make_result(Status::kSuccess, gas - static_cast<int64_t>(cost), std::move(output));
}

bool affordable(int64_t gas, uint64_t cost) noexcept {
    return gas >= 0 && cost <= static_cast<uint64_t>(gas);
}

// base + per_word * ceil(size / 32), saturated at UINT64_MAX.
uint64_t linear_cost(size_t size, uint64_t base, uint64_t per_word) noexcept {
    const UInt128 words = size / 32 + (size % 32 != 0 ? 1 : 0);
    const UInt128 cost = base + per_word * words;
    return cost > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(cost);
}

// input[offset, offset + N) zero-padded past the end of the input.
template <size_t N>
std::array<uint8_t, N> padded(BytesView input, size_t offset = 0) noexcept {
    std::array<uint8_t, N> out{};
    if (offset < input.size())
        std::memcpy(out.data(), input.data() + offset, std::min(N, input.size() - offset));
    return out;
}

Hash256 word_at(const uint8_t* p) noexcept {
    Hash256 w;
    std::memcpy(w.data(), p, 32);
    return w;
}

// 0x01 ECRECOVER. Invalid signatures are not failures: the call succeeds with empty output.
ExecResult ecrecover(BytesView input, int64_t gas) noexcept {
    if (!affordable(gas, kEcrecoverGas)) return out_of_gas();
    const auto in = padded<128>(input);
    const Hash256 hash = word_at(in.data());
    // v is a full 32-byte word that must equal 27 or 28.
    const bool v_high_zero =
        std::all_of(in.begin() + 32, in.begin() + 63, [](uint8_t b) { return b == 0; });
    const uint8_t v = in[63];
    if (!v_high_zero || (v != 27 && v != 28)) return success(gas, kEcrecoverGas, {});
    // recover_address checks r and s in [1, n-1]; the precompile allows high s (no EIP-2).
    const auto addr = recover_address(hash, word_at(in.data() + 64), word_at(in.data() + 96),
                                      static_cast<uint8_t>(v - 27), /*require_low_s=*/false);
    if (!addr) return success(gas, kEcrecoverGas, {});
    Bytes out(32, 0);
    std::memcpy(out.data() + 12, addr->data(), 20);
    return success(gas, kEcrecoverGas, std::move(out));
}

// 0x02 SHA256.
ExecResult sha256_precompile(BytesView input, int64_t gas) noexcept {
    const uint64_t cost = linear_cost(input.size(), kSha256BaseGas, kSha256WordGas);
    if (!affordable(gas, cost)) return out_of_gas();
    const Hash256 h = sha256(input);
    return success(gas, cost, Bytes{h.data(), h.size()});
}

// 0x03 RIPEMD160: the 20-byte digest left-padded to a 32-byte word.
ExecResult ripemd160_precompile(BytesView input, int64_t gas) noexcept {
    const uint64_t cost = linear_cost(input.size(), kRipemd160BaseGas, kRipemd160WordGas);
    if (!affordable(gas, cost)) return out_of_gas();
    const FixedBytes<20> h = ripemd160(input);
    Bytes out(32, 0);
    std::memcpy(out.data() + 12, h.data(), 20);
    return success(gas, cost, std::move(out));
}

// 0x04 IDENTITY.
ExecResult identity(BytesView input, int64_t gas) noexcept {
    const uint64_t cost = linear_cost(input.size(), kIdentityBaseGas, kIdentityWordGas);
    if (!affordable(gas, cost)) return out_of_gas();
    // An empty view may carry a null pointer, which Bytes' copy must not see.
    return success(gas, cost, input.empty() ? Bytes{} : Bytes{input});
}

// 0x05 MODEXP (EIP-198, priced by EIP-2565; from Osaka bounded by EIP-7823 and priced by
// EIP-7883). The cost is known before any allocation. A length above the EIP-7823 bound fails
// before the cost is charged; both failures consume all gas.
ExecResult modexp(BytesView input, int64_t gas, Revision rev) noexcept {
    if (!modexp_lengths_allowed(input, rev)) return failure();
    const uint64_t cost = modexp_gas(input, rev);
    if (!affordable(gas, cost)) return out_of_gas();
    return success(gas, cost, modexp_run(input));
}

// 0x06 ECADD (EIP-196).
ExecResult ecadd(BytesView input, int64_t gas) noexcept {
    if (!affordable(gas, kEcAddGas)) return out_of_gas();
    uint8_t out[64];
    if (!bn254::add(input, out)) return failure();
    return success(gas, kEcAddGas, Bytes{out, sizeof(out)});
}

// 0x07 ECMUL (EIP-196).
ExecResult ecmul(BytesView input, int64_t gas) noexcept {
    if (!affordable(gas, kEcMulGas)) return out_of_gas();
    uint8_t out[64];
    if (!bn254::mul(input, out)) return failure();
    return success(gas, kEcMulGas, Bytes{out, sizeof(out)});
}

// 0x08 ECPAIRING (EIP-197). The execution-specs charge for floor(size / 192) pairs before
// rejecting a size that is not a multiple of 192.
ExecResult ecpairing(BytesView input, int64_t gas) noexcept {
    const uint64_t pairs = input.size() / kEcPairingPairSize;
    const UInt128 cost128 = kEcPairingBaseGas + UInt128{kEcPairingPairGas} * pairs;
    const uint64_t cost = cost128 > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(cost128);
    if (!affordable(gas, cost)) return out_of_gas();
    const std::optional<bool> ok = bn254::pairing_check(input);
    if (!ok) return failure();
    Bytes out(32, 0);
    out[31] = *ok ? 1 : 0;
    return success(gas, cost, std::move(out));
}

uint64_t load_le64(const uint8_t* p) noexcept {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return std::endian::native == std::endian::little ? v : std::byteswap(v);
}

void store_le64(uint8_t* p, uint64_t v) noexcept {
    if constexpr (std::endian::native != std::endian::little) v = std::byteswap(v);
    std::memcpy(p, &v, 8);
}

// 0x09 BLAKE2F (EIP-152): rounds (4 bytes big-endian) || h (8 x 8 bytes little-endian) ||
// m (16 x 8) || t (2 x 8) || f (1 byte). Order of checks as in the execution-specs: length,
// then gas, then the final-block flag.
ExecResult blake2f(BytesView input, int64_t gas) noexcept {
    if (input.size() != kBlake2fInputSize) return failure();
    const uint32_t rounds = (uint32_t{input[0]} << 24) | (uint32_t{input[1]} << 16) |
                            (uint32_t{input[2]} << 8) | uint32_t{input[3]};
    const uint64_t cost = kBlake2fRoundGas * rounds;
    if (!affordable(gas, cost)) return out_of_gas();
    const uint8_t flag = input[212];
    if (flag > 1) return failure();

    std::array<uint64_t, 8> h;
    std::array<uint64_t, 16> m;
    std::array<uint64_t, 2> t;
    for (size_t i = 0; i < 8; ++i) h[i] = load_le64(input.data() + 4 + 8 * i);
    for (size_t i = 0; i < 16; ++i) m[i] = load_le64(input.data() + 68 + 8 * i);
    for (size_t i = 0; i < 2; ++i) t[i] = load_le64(input.data() + 196 + 8 * i);
    blake2b_compress(rounds, h, m, t, flag == 1);

    Bytes out(64, 0);
    for (size_t i = 0; i < 8; ++i) store_le64(out.data() + 8 * i, h[i]);
    return success(gas, cost, std::move(out));
}

// BLS12-381 scalar field modulus r, big-endian (EIP-4844 BLS_MODULUS).
constexpr Hash256 kBlsModulus{{
    0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8, 0x08, 0x09, 0xa1, 0xd8, 0x05,
    0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe, 0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01,
}};

constexpr uint8_t kVersionedHashVersionKzg = 0x01;  // EIP-4844 VERSIONED_HASH_VERSION_KZG

constexpr uint64_t kFieldElementsPerBlob = 4096;  // EIP-4844 FIELD_ELEMENTS_PER_BLOB

// 0x0a POINT_EVALUATION (EIP-4844): versioned_hash || z || y || commitment (48) || proof (48).
// Fails on a wrong size, a versioned hash that is not the commitment's, z or y >= BLS_MODULUS,
// and a proof that does not verify (verify_kzg_proof, which also rejects malformed points).
// Success returns FIELD_ELEMENTS_PER_BLOB || BLS_MODULUS as two 32-byte big-endian words.
ExecResult point_evaluation(BytesView input, int64_t gas) noexcept {
    if (input.size() != kPointEvaluationInputSize) return failure();
    if (!affordable(gas, kPointEvaluationGas)) return out_of_gas();
    Hash256 versioned = sha256(input.substr(96, 48));
    versioned[0] = kVersionedHashVersionKzg;
    if (versioned != word_at(input.data())) return failure();
    if (word_at(input.data() + 32) >= kBlsModulus || word_at(input.data() + 64) >= kBlsModulus)
        return failure();
    const uint8_t* in = input.data();
    if (!verify_kzg_proof(in + 96, in + 32, in + 64, in + 144)) return failure();
    Bytes out(64, 0);
    for (size_t i = 0; i < 8; ++i)
        out[31 - i] = static_cast<uint8_t>(kFieldElementsPerBlob >> (8 * i));
    std::memcpy(out.data() + 32, kBlsModulus.data(), 32);
    return success(gas, kPointEvaluationGas, std::move(out));
}

using PrecompileFn = ExecResult (*)(BytesView, int64_t) noexcept;

// Indexed by the last address byte.
constexpr std::array<PrecompileFn, kLastPrague + 1> kPrecompiles{
    nullptr,
    ecrecover,
    sha256_precompile,
    ripemd160_precompile,
    identity,
    nullptr,  // 0x05 MODEXP depends on the revision: run_precompile calls modexp()
    ecadd,
    ecmul,
    ecpairing,
    blake2f,
    point_evaluation,
    bls12_g1add,
    bls12_g1msm,
    bls12_g2add,
    bls12_g2msm,
    bls12_pairing_check,
    bls12_map_fp_to_g1,
    bls12_map_fp2_to_g2,
};

// 0x0100 P256VERIFY (EIP-7951, Osaka). The gas is charged whatever the input; a wrong input
// length or a signature that does not verify is no failure: the call succeeds with empty output.
constexpr uint64_t kP256VerifyGas = 6900;

ExecResult p256verify(BytesView input, int64_t gas) noexcept {
    if (!affordable(gas, kP256VerifyGas)) return out_of_gas();
    if (!p256_verify(input)) return success(gas, kP256VerifyGas, {});
    Bytes out(32, 0);
    out[31] = 1;
    return success(gas, kP256VerifyGas, std::move(out));
}

constexpr uint8_t kModexpId = 0x05;

constexpr Address kP256VerifyAddress = [] {
    Address a;
    a[Address::size() - 2] = 0x01;
    return a;
}();

// The bit of P256VERIFY in precompile_bit(): the one after 0x11's.
constexpr unsigned kP256VerifyBit = kLastPrague;

// 0x01..0x11, then 0x0100: precompile_addresses() hands out a prefix.
constexpr std::array<Address, kLastPrague + 1> kPrecompileAddresses = [] {
    std::array<Address, kLastPrague + 1> out{};
    for (uint8_t id = 1; id <= kLastPrague; ++id) out[id - 1][Address::size() - 1] = id;
    out[kLastPrague] = kP256VerifyAddress;
    return out;
}();

uint8_t last_precompile(Revision rev) noexcept {
    switch (rev) {
        case Revision::kShanghai:
            return kLastShanghai;
        case Revision::kCancun:
            return kLastCancun;
        case Revision::kPrague:
        case Revision::kOsaka:
            return kLastPrague;
    }
    return 0;
}

}  // namespace

bool is_precompile(const Address& addr, Revision rev) noexcept {
    if (addr == kP256VerifyAddress) return rev >= Revision::kOsaka;
    for (size_t i = 0; i + 1 < Address::size(); ++i)
        if (addr[i] != 0) return false;
    const uint8_t id = addr[Address::size() - 1];
    return id != 0 && id <= last_precompile(rev);
}

ExecResult run_precompile(const Address& addr, BytesView input, int64_t gas,
                          Revision rev) noexcept {
    if (!is_precompile(addr, rev)) return make_result(Status::kInternalError, 0);
    if (addr == kP256VerifyAddress) return p256verify(input, gas);
    const uint8_t id = addr[Address::size() - 1];
    if (id == kModexpId) return modexp(input, gas, rev);
    return kPrecompiles[id](input, gas);
}

std::span<const Address> precompile_addresses(Revision rev) noexcept {
    const size_t count = last_precompile(rev) + (rev >= Revision::kOsaka ? 1 : 0);
    return {kPrecompileAddresses.data(), count};
}

unsigned precompile_bit(const Address& addr) noexcept {
    if (addr == kP256VerifyAddress) return kP256VerifyBit;
    return addr[Address::size() - 1] - 1u;
}

}  // namespace yao::evm
