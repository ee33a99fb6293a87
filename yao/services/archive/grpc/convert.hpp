// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// archive.proto <-> storage types, for the adapters of this folder. Decoding is strict
// (proto::Errc naming the field, as yao/proto/pb_convert.hpp).
#include <yao/v1/archive.pb.h>

#include <yao/common/error.hpp>
#include <yao/storage/chain_store.hpp>

namespace yao::archive::grpc {

void to_proto(const storage::StoredTransaction& in, v1::StoredTransaction* out);
Result<storage::StoredTransaction> from_proto(const v1::StoredTransaction& in);

/// The header as its RLP; from_proto checks that `hash` is its keccak256.
void to_proto(const storage::StoredBlock& in, v1::StoredBlock* out);
Result<storage::StoredBlock> from_proto(const v1::StoredBlock& in);

void to_proto(const storage::StoredReceipt& in, v1::StoredReceipt* out);
Result<storage::StoredReceipt> from_proto(const v1::StoredReceipt& in);

void to_proto(const storage::StoredLog& in, v1::StoredLog* out);
Result<storage::StoredLog> from_proto(const v1::StoredLog& in);

void to_proto(const storage::LogFilter& in, v1::GetLogsRequest* out);
/// More than 4 topic positions is kInvalidValue.
Result<storage::LogFilter> from_proto(const v1::GetLogsRequest& in);

void to_proto(const storage::AddressHistoryQuery& in, v1::GetAddressHistoryRequest* out);
Result<storage::AddressHistoryQuery> from_proto(const v1::GetAddressHistoryRequest& in);

void to_proto(const storage::AddressHistoryPage& in, v1::GetAddressHistoryReply* out);
/// As many receipts as transactions, or kInvalidValue.
Result<storage::AddressHistoryPage> from_proto(const v1::GetAddressHistoryReply& in);

}  // namespace yao::archive::grpc
