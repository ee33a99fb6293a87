// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Chain objects as geth's JSON-RPC returns them (internal/ethapi: RPCMarshalHeader,
// RPCMarshalBlock, RPCTransaction, MarshalReceipt; core/types Log): QUANTITY hex numbers,
// lower-case addresses, the same field names and the same fields present or absent.
#include <cstdint>
#include <optional>

#include <yao/chain/block.hpp>
#include <yao/chain/receipt.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/common/bytes.hpp>
#include <yao/common/uint256.hpp>
#include <yao/storage/chain_store.hpp>

#include "types.hpp"

namespace yao::rpc {

/// Where a committed transaction sits; absent for a pending one (geth then gives null
/// blockHash, blockNumber and transactionIndex, and gasPrice = maxFeePerGas for 1559 types).
struct TxPosition {
    Hash256 block_hash;
    uint64_t block_num = 0;
    uint32_t index = 0;
    std::optional<Uint256> base_fee;  ///< the block's, for the effective gasPrice of types 2/3
};

/// The header fields of a block (also the newHeads notification): number, hash, parentHash,
/// nonce, mixHash, sha3Uncles, logsBloom, stateRoot, miner, difficulty, extraData, gasLimit,
/// gasUsed, timestamp, transactionsRoot, receiptsRoot and the fork fields the header has
/// (baseFeePerGas, withdrawalsRoot, blobGasUsed, excessBlobGas, parentBeaconBlockRoot).
Json header_json(const chain::BlockHeader& header, const Hash256& hash);

/// A block (eth_getBlockBy*): the header fields plus size, totalDifficulty "0x0", uncles [],
/// withdrawals [] (Shanghai headers) and transactions, as full objects when `full_transactions`
/// or as hashes. `block.transactions` must hold the full transactions either way: the size is
/// the RLP length of the whole block.
Json block_json(const storage::StoredBlock& block, bool full_transactions);

/// A transaction with its sender, by type: legacy (gasPrice, chainId only when EIP-155
/// protected), 2930 (accessList, chainId, yParity), 1559 (maxFeePerGas,
/// maxPriorityFeePerGas, gasPrice = the effective price when mined), 4844 (blob fields).
Json transaction_json(const chain::Transaction& txn, const Hash256& hash, const Address& from,
                      const std::optional<TxPosition>& position);

/// A stored transaction; `base_fee` is its block's.
Json transaction_json(const storage::StoredTransaction& txn, const std::optional<Uint256>& base_fee);

/// A log with its position (eth_getLogs, receipts, filters, subscriptions).
Json log_json(const storage::StoredLog& log);

/// A receipt (eth_getTransactionReceipt): status, gas, effectiveGasPrice, contractAddress (null
/// unless a creation), logs with their positions, logsBloom, type, from, to.
Json receipt_json(const storage::StoredReceipt& receipt);

/// The bytes of `txn` unsigned, as geth encodes a transaction it built from call arguments
/// (eth_fillTransaction, eth_simulateV1's blocks): a typed transaction's envelope with a zero
/// signature, a legacy one as rlp([nonce, gasPrice, gas, to, value, data, 0, 0, 0]) whatever its
/// chain id. Their keccak256 is the transaction's hash.
Bytes unsigned_transaction_bytes(const chain::Transaction& txn);

/// A stored block as consensus encodes it: header, transactions, no ommers, and an empty
/// withdrawals list for Shanghai headers. `block.transactions` must hold the full transactions.
chain::Block consensus_block(const storage::StoredBlock& block);

/// The RLP size in bytes of a whole block (chain::encode_block of consensus_block).
uint64_t block_size(const storage::StoredBlock& block);

}  // namespace yao::rpc
