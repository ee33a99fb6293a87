// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The payloads that travel between the services over the message bus (DESIGN.md section 6), as
// plain domain types. `codec.hpp` turns them into protobuf bytes (proto/yao/v1) and back; no
// protobuf header is visible to the services.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <yao/chain/receipt.hpp>
#include <yao/chain/state_patch.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/common/bytes.hpp>
#include <yao/common/uint256.hpp>
#include <yao/state/oracle.hpp>
#include <yao/state/state_diff.hpp>
#include <yao/state/state_view.hpp>

namespace yao::proto {

/// Topic names (the seed's).
inline constexpr const char* kTxIngressTopic = "tx-ingress-topic";
inline constexpr const char* kBlockExecuteTopic = "block-execute-topic";
inline constexpr const char* kStateCommitTopic = "state-commit-topic";
inline constexpr const char* kCacheInvalidationTopic = "cache-invalidation-topic";

/// A transaction as it enters the system: decoded, with the sender recovered once (at the
/// entrance, DESIGN.md section 2) and its hash. Nothing downstream recovers the sender again.
struct SignedTx {
    chain::Transaction txn;
    Hash256 hash;
    Address sender;
    uint64_t received_unix_ns = 0;  ///< when the entrance accepted it (latency metrics)
    /// The trace born at the entrance (32 lowercase hex digits; empty: none). Every service logs
    /// the transaction under it (docs/operations.md "Traces"); not part of the transaction.
    std::string trace_id{};
    /// A development node's impersonated sender (anvil_impersonateAccount): the signature is a
    /// placeholder and `sender` is taken as given. Never on the wire: only a development node's
    /// in-process path sets it, and the sequencer lists such transactions in the block's state
    /// patch (chain::StatePatch::unsigned_txs) so that re-execution knows their sender.
    bool impersonated = false;
    friend bool operator==(const SignedTx&, const SignedTx&) = default;
};

/// tx-ingress-topic: one or more transactions (a batch keeps per-message costs off the hot path).
struct TxBatch {
    std::vector<SignedTx> txs;
    friend bool operator==(const TxBatch&, const TxBatch&) = default;
};

/// block-execute-topic: the sequencer's decision for one block.
struct Proposal {
    uint64_t number = 0;
    uint64_t epoch = 0;      ///< the sequencer's leadership term (fencing)
    uint64_t timestamp = 0;  ///< seconds since the Unix epoch
    Hash256 prev_randao;
    Address coinbase;
    uint64_t gas_limit = 0;
    Uint256 base_fee;  ///< wei per gas
    std::vector<SignedTx> txs;  ///< in execution order
    /// Development helpers only (chain/state_patch.hpp): applied before the first transaction.
    chain::StatePatch patch;
    friend bool operator==(const Proposal&, const Proposal&) = default;
};

/// A transaction the executor left out of the block, with geth's reason ("nonce too low", ...).
struct DroppedTx {
    Hash256 hash;
    Address sender;
    uint64_t nonce = 0;
    std::string reason;
    friend bool operator==(const DroppedTx&, const DroppedTx&) = default;
};

/// One transaction of an executed block.
struct ExecutedTx {
    uint32_t tx_index = 0;   ///< position in ExecutionResult::proposal.txs
    chain::Receipt receipt;  ///< cumulative_gas_used is cumulative within the block
    uint64_t gas_used = 0;
    Uint256 effective_gas_price;
    std::optional<Address> contract_address;
    friend bool operator==(const ExecutedTx&, const ExecutedTx&) = default;
};

using state::StateDiff;

/// A BLOCKHASH the execution asked for, with the answer it got (zero when the block was not
/// known yet). The committer re-executes the block when an answer differs from the chain.
struct BlockHashRead {
    uint64_t number = 0;
    Hash256 hash;
    friend bool operator==(const BlockHashRead&, const BlockHashRead&) = default;
};

/// state-commit-topic: what one execution of a proposal produced.
struct ExecutionResult {
    Proposal proposal;  ///< the proposal executed, all its transactions included
    std::vector<ExecutedTx> txs;  ///< the transactions in the block, in order (dropped ones left out)
    std::vector<DroppedTx> dropped;
    uint64_t gas_used = 0;
    Bloom logs_bloom;
    Hash256 transactions_root;
    Hash256 receipts_root;
    /// The diff without the coinbase fee credit when `coinbase_fee` is deferred (see below).
    StateDiff diff;
    /// Priority fees owed to the coinbase that the block never observed: added to the coinbase's
    /// committed balance at commit (a commutative delta, DESIGN.md section 2). Zero when the block
    /// read the coinbase account (the fees are then part of `diff`).
    Uint256 coinbase_fee;
    /// Every account and slot read, with the version (block number) it was read at.
    state::ReadSet reads;
    std::vector<BlockHashRead> block_hash_reads;
    /// Results of earlier blocks, not committed when this one executed, whose writes it read
    /// (`hash` holds the digest of that result, execution::result_digest). The committer
    /// re-executes this block when a committed result has another digest.
    std::vector<BlockHashRead> speculated_on;
    /// EIP-2935 history-contract slots the block read (slot in `number`, value in `hash`),
    /// answered from block hashes because the slots' writes land at commit (history.hpp). The
    /// committer re-executes the block when its pre-state holds another value.
    std::vector<BlockHashRead> history_reads;
    std::string executor;  ///< who executed it (node/worker), for logs
    friend bool operator==(const ExecutionResult&, const ExecutionResult&) = default;
};

/// cache-invalidation-topic (broadcast): a block was committed.
struct HeadUpdate {
    uint64_t number = 0;
    Hash256 hash;
    Hash256 state_root;
    uint64_t timestamp = 0;
    /// Every account and slot the block wrote (L1 caches drop them).
    std::vector<Address> accounts;
    std::vector<state::SlotKey> storage;
    /// The committed nonce of every sender of an included or dropped transaction, so the
    /// sequencer's view of nonces stays exact.
    std::vector<std::pair<Address, uint64_t>> sender_nonces;
    std::vector<Hash256> included;  ///< hashes of the transactions in the block
    std::vector<DroppedTx> dropped;
    bool reexecuted = false;  ///< the committer re-executed the block (read-set conflict)
    /// result_digest of the committed result, for the other Archives: a result executed on
    /// top of this block (ExecutionResult::speculated_on) is current when it names this digest.
    std::optional<Hash256> result_digest;
    friend bool operator==(const HeadUpdate&, const HeadUpdate&) = default;
};

}  // namespace yao::proto
