// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// A small chain for service and pipeline tests: funded keys, a token (the test ERC-20), a probe
// contract that stores BLOCKHASH(number - 1) and BALANCE(coinbase), a genesis commit, and random
// proposals built to conflict a lot (few hot accounts, shared token balances, coinbase reads).
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <vector>

#include <yao/proto/messages.hpp>
#include <yao/storage/chain_store.hpp>

namespace yao::test {

inline constexpr uint64_t kChainId = 31337;

struct World {
    std::vector<Hash256> keys;
    std::vector<Address> accounts;
    Address token;
    Address probe;
    Address coinbase;
    Uint256 base_fee;
    uint64_t gas_limit = 30'000'000;
};

/// `n` funded accounts (1,000 ETH and 1,000,000 tokens each).
World make_world(size_t n);

/// Block 0 of the world.
storage::BlockCommit genesis_commit(const World& w);

/// A signed transaction from account `from` of the world.
proto::SignedTx signed_tx(const World& w, size_t from, uint64_t nonce, std::optional<Address> to,
                          const Uint256& value, Bytes data, uint64_t gas, const Uint256& tip);

/// Proposal `number` of the world's chain (its coinbase, gas limit and base fee; a timestamp
/// and prevRandao derived from the number) with `txs`.
proto::Proposal make_proposal(const World& w, uint64_t number, std::vector<proto::SignedTx> txs);

/// What a generated stream of proposals should do.
struct Plan {
    std::vector<proto::Proposal> proposals;
    std::set<Hash256> invalid;  ///< hashes of the transactions built to be dropped
};

/// `blocks` proposals of about `txs_per_block` transactions each: native transfers among the
/// hot accounts and to fresh addresses, token transfers, probe calls, and invalid ones (a
/// nonce gap, a value above the balance). Without `probes`, no transaction reads BLOCKHASH or
/// the coinbase (the two reads that force a re-execution whenever blocks run ahead of commits).
Plan make_plan(const World& w, size_t blocks, size_t txs_per_block, uint64_t seed,
               bool probes = true);

}  // namespace yao::test
