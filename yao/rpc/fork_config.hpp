// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>

#include <yao/chain/fork.hpp>
#include <yao/common/bytes.hpp>

#include "json_codec.hpp"

namespace yao::rpc {

/// EIP-6122 fork identifier of the fork `rev` (the FORK_HASH of EIP-2124 for timestamp forks):
/// CRC-32 of the genesis hash, extended with the 8-byte big-endian activation time of every fork
/// up to `rev` that activated after the genesis.
uint32_t fork_id(const chain::ForkSchedule& forks, evm::Revision rev, const Hash256& genesis_hash,
                 uint64_t genesis_timestamp);

/// eth_config (EIP-7910): {current, next, last}, each fork's activation time, blob schedule,
/// chain id, fork id, precompiles (name: address) and system contracts, or null. `head_timestamp`
/// decides the current fork. The system contracts are those this chain has: EIP-2935's history
/// contract from Prague on (no beacon chain: no beacon roots, deposit or request contracts).
Json eth_config_json(const chain::ForkSchedule& forks, uint64_t chain_id,
                     const Hash256& genesis_hash, uint64_t genesis_timestamp,
                     uint64_t head_timestamp);

}  // namespace yao::rpc
