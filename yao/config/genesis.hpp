// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>

#include <yao/common/error.hpp>
#include <yao/storage/chain_store.hpp>

#include "config.hpp"
#include "errc.hpp"

namespace yao::config {

/// What init_chain found.
enum class InitOutcome {
    kCreated,   ///< the store was empty; the genesis block is now block 0
    kExisting,  ///< the store already holds this genesis block (its chain may go on)
};

/// Block 0 of the configuration: the dev accounts (balance, nonce 0) plus `genesis.alloc`, their
/// state diff committed as DESIGN.md section 3 says (parent root = 32 zero bytes), and a header
/// with no transactions, gas used 0, base fee `chain.base_fee`, coinbase `chain.coinbase`,
/// extra data "yaoverse" and every Cancun field present (zero / empty roots), and from Prague on
/// the empty requests hash and the EIP-2935 history contract (whenever the schedule reaches
/// Prague).
/// `timestamp_if_zero` is the time used when `genesis.timestamp` is 0.
/// Errors: Errc::kInvalidGenesis naming the address: an address both a dev account and in
/// alloc, an empty account (no nonce, balance or code: EIP-161 would delete it on first touch),
/// code over 24,576 bytes (EIP-170); Errc::kInvalidValue for a timestamp above 2^63-1; the
/// errors of derive_dev_accounts.
Result<storage::BlockCommit> build_genesis(const NodeConfig& cfg, uint64_t timestamp_if_zero);

/// Makes `genesis` block 0 of `store`: commits it into an empty store (kCreated), accepts a
/// store whose block 0 has the same hash (kExisting). The store keeps the fork schedule of the
/// chain it holds (a store from before schedules were recorded holds a Cancun chain).
/// Errors: Errc::kGenesisMismatch ("fork schedule mismatch: ..." when `forks` is not the stored
/// chain's; "genesis mismatch: stored 0x.., config 0x.." when block 0 differs), and the store's
/// errors.
Result<InitOutcome> init_chain(storage::ChainStore& store, const storage::BlockCommit& genesis,
                               const chain::ForkSchedule& forks);

}  // namespace yao::config
