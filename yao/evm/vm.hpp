// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include "host.hpp"

namespace yao::evm {

/// Executes `code` for the frame described by `msg`. Never throws; every outcome is in the
/// result. Jump destination analysis is cached per code hash when `code_hash` is given (pass
/// nullptr for init code). Thread-safe: any number of threads may execute at once, each with its
/// own host.
ExecResult execute(Host& host, Revision rev, const Message& msg, BytesView code,
                   const Hash256* code_hash = nullptr) noexcept;

}  // namespace yao::evm
