// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>

#include "host.hpp"

namespace yao::evm {

/// True for the addresses 0x01..0x0a in Cancun (0x01..0x09 before).
bool is_precompile(const Address& addr, Revision rev) noexcept;

/// Runs the precompile at `addr` with `gas`. Success: kSuccess with gas_left and output. Not
/// enough gas: kOutOfGas. Input the precompile rejects: kPrecompileFailure. Both failures consume
/// all gas.
ExecResult run_precompile(const Address& addr, BytesView input, int64_t gas, Revision rev) noexcept;

/// Calls (process-wide) that failed only because BLS12-381 is not implemented: KZG point
/// evaluations (0x0a) that reach the proof check, and Prague's 0x0b..0x11. Relaxed counter, for
/// reports and the conformance runner's skip count.
uint64_t unsupported_precompile_calls() noexcept;

}  // namespace yao::evm
