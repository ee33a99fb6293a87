// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Protobuf encoding (proto/yao/v1/*.proto) of the bus payloads. Decoding is strict: malformed
// bytes, out-of-range numbers, wrong-length hashes and addresses, and transactions that do not
// decode are errors (kInvalidArgument-style, naming the field). Transactions travel as their
// canonical encoding with the sender and hash beside them; decoding does not recover the sender.
#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>

#include "messages.hpp"

namespace yao::proto {

/// Envelope `type` strings of the payloads.
inline constexpr const char* kTxBatchType = "yao.v1.TxBatch";
inline constexpr const char* kProposalType = "yao.v1.Proposal";
inline constexpr const char* kExecutionResultType = "yao.v1.ExecutionResult";
inline constexpr const char* kHeadUpdateType = "yao.v1.HeadUpdate";

Bytes encode(const TxBatch& m);
Bytes encode(const Proposal& m);
Bytes encode(const ExecutionResult& m);
Bytes encode(const HeadUpdate& m);

Result<TxBatch> decode_tx_batch(BytesView bytes);
Result<Proposal> decode_proposal(BytesView bytes);
Result<ExecutionResult> decode_execution_result(BytesView bytes);
Result<HeadUpdate> decode_head_update(BytesView bytes);

}  // namespace yao::proto
