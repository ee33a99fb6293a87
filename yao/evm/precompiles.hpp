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

/// Calls (process-wide) that failed only because a precompile is not implemented: Prague's
/// BLS12-381 operations 0x0b..0x11 (EIP-2537). Relaxed counter, for reports and the conformance
/// runner's skip count. Cancun's KZG point evaluation (0x0a) is implemented and never counted.
uint64_t unsupported_precompile_calls() noexcept;

}  // namespace yao::evm
