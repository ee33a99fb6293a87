// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "vm.hpp"

#include "dispatch_loop.hpp"

namespace yao::evm {

ExecResult execute(Host& host, Revision rev, const Message& msg, BytesView code,
                   const Hash256* code_hash) noexcept {
    return dispatch::execute_frame<false>(host, nullptr, rev, msg, code, code_hash);
}

}  // namespace yao::evm
