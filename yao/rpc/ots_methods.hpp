// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Otterscan's ots_ namespace (API level 8), answering like Erigon's implementation:
// - ots_getApiLevel: 8.
// - ots_hasCode(address, block): whether the account has code at the block.
// - ots_getBlockDetails(number) / ots_getBlockDetailsByHash(hash): {block, issuance, totalFees};
//   the block without its transaction list, with transactionCount and a null logsBloom; the
//   issuance is zero (no block rewards on this chain); totalFees the sum of gas used times the
//   effective gas price over the block's receipts. null for an unknown block.
// - ots_getBlockTransactions(number, pageNumber, pageSize): {fullblock, receipts} with one page
//   of transactions (inputs cut to their 4-byte selector) and their receipts (logs and
//   logsBloom null). Pages count from the end of the block, as Erigon's: page 0 holds the last
//   pageSize transactions. null for an unknown block.
// - ots_getTransactionError(hash): the revert data of a reverted transaction, "0x" otherwise.
// - ots_getInternalOperations(hash): value transfers (type 0), SELFDESTRUCT (1), CREATE (2) and
//   CREATE2 (3) of the frames below the transaction's own.
// - ots_traceTransaction(hash): every frame in order with its depth, type, from, to, value
//   (null for STATICCALL and DELEGATECALL), input and output; calls of precompiles left out.
// The last three re-execute the transaction on the state before it (like debug_traceTransaction)
// and are heavy methods; an unknown hash is -32000 "transaction 0x… not found".
// The address history, through BlockService's indexed reads (every read bounded by the page,
// never by the chain). An address "appears" in a transaction when it is its sender, its
// recipient, or the contract it created (the receipt's contractAddress); Erigon also indexes
// the addresses of internal calls, which are not indexed here.
// - ots_searchTransactionsBefore(address, blockNumber, pageSize) / ...After: {txs, receipts,
//   firstPage, lastPage}. Before searches below blockNumber (0: from the newest), After above
//   it (0: from the oldest); both list newest first. A page holds at least pageSize
//   transactions when there are that many, then the rest of the last block reached (the next
//   page starts at the next block). Receipts have their logs and a `timestamp` (a JSON number).
//   Pages run from the newest ("first") to the oldest ("last"): Before(0) is the first page,
//   After(0) the last. pageSize above OtsOptions::max_page_size: -32000 "max allowed page size".
// - ots_getTransactionBySenderAndNonce(address, nonce): the transaction's hash, or null.
// - ots_getContractCreator(address): {hash, creator} of the transaction that deployed the
//   contract, `creator` being its sender, or for a contract created by another contract the
//   creating contract (found by a binary search over the account's history, then a replay of
//   that one block). null for an address without code, an EIP-7702 delegation, a contract of
//   the genesis state.
#include <cstddef>

#include "backend.hpp"
#include "types.hpp"

namespace yao::rpc {

/// Limits of the ots_ methods.
struct OtsOptions {
    /// The largest pageSize of ots_searchTransactionsBefore/After (Erigon's
    /// --ots.search.max.pagesize).
    size_t max_page_size = 25;
};

/// Registers the ots_ methods listed above. `backend` must outlive the table.
void register_ots_methods(MethodTable& table, Backend& backend, const OtsOptions& options = {});

}  // namespace yao::rpc
