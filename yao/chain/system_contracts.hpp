// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The system contracts a YaoVerse chain has. Only EIP-2935's history contract (Prague on): there
// is no beacon chain, so no EIP-4788 beacon roots and no EIP-6110/7002/7251 request contracts.

#include <yao/common/bytes.hpp>

namespace yao::chain {

/// EIP-2935 HISTORY_STORAGE_ADDRESS, 0x0000F90827F1C53a10cb7A02335B175320002935.
const Address& history_storage_address() noexcept;

/// The history contract's code as EIP-2935 deploys it (with nonce 1).
const Bytes& history_storage_code();

}  // namespace yao::chain
