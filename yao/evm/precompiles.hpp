// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>
#include <span>

#include "host.hpp"

namespace yao::evm {

/// True for the addresses 0x01..0x09 in Shanghai, 0x01..0x0a in Cancun, 0x01..0x11 in Prague,
/// 0x01..0x11 and 0x0100 (P256VERIFY, EIP-7951) in Osaka.
bool is_precompile(const Address& addr, Revision rev) noexcept;

/// Every precompile address of `rev`, in increasing order: the accounts warm at the start of each
/// transaction (EIP-2929).
std::span<const Address> precompile_addresses(Revision rev) noexcept;

/// A small number per precompile for bit sets of the precompiles a transaction called:
/// n - 1 for the address n in 0x01..0x11, 17 for 0x0100 (P256VERIFY). Precondition:
/// is_precompile(addr, rev) for some revision.
unsigned precompile_bit(const Address& addr) noexcept;

/// Runs the precompile at `addr` with `gas`. Success: kSuccess with gas_left and output. Not
/// enough gas: kOutOfGas. Input the precompile rejects: kPrecompileFailure. Both failures consume
/// all gas.
ExecResult run_precompile(const Address& addr, BytesView input, int64_t gas, Revision rev) noexcept;

}  // namespace yao::evm
