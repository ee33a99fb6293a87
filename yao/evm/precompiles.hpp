// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>

#include "host.hpp"

namespace yao::evm {

/// True for the addresses 0x01..0x09 in Shanghai, 0x01..0x0a in Cancun, 0x01..0x11 in Prague.
bool is_precompile(const Address& addr, Revision rev) noexcept;

/// Runs the precompile at `addr` with `gas`. Success: kSuccess with gas_left and output. Not
/// enough gas: kOutOfGas. Input the precompile rejects: kPrecompileFailure. Both failures consume
/// all gas.
ExecResult run_precompile(const Address& addr, BytesView input, int64_t gas, Revision rev) noexcept;

}  // namespace yao::evm
