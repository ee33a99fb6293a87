// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Otterscan's ots_ namespace (API level 8), the methods a Backend can serve without an
// address-history index, answering like Erigon's implementation:
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
#include "backend.hpp"
#include "types.hpp"

namespace yao::rpc {

/// Registers the ots_ methods listed above. `backend` must outlive the table.
void register_ots_methods(MethodTable& table, Backend& backend);

}  // namespace yao::rpc
