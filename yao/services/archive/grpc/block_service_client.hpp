// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// archive::BlockService reached over gRPC (proto/yao/v1/archive.proto): what the Portal of a
// cluster reads the chain through. No gRPC header here: composition roots include it freely.
#include <memory>

#include <yao/common/error.hpp>
#include <yao/grpc/options.hpp>
#include <yao/services/archive/api/block_service.hpp>

namespace yao::archive::grpc {

/// A BlockService whose calls go to the Archive servers of `options` (round robin, TLS as set).
/// Every method is a read: idempotent, retried per options.retry, each attempt with
/// options.default_deadline. Errors come back with their domain identity (storage::Errc,
/// chain::Errc, ...: error_identity.hpp); transport failures are yao::grpc::Errc. Thread-safe.
/// Fails only for bad options (yao::grpc::Client::make); it connects on the first call.
Result<std::unique_ptr<BlockService>> make_block_service_client(yao::grpc::ClientOptions options);

/// Registers the error categories a BlockService can fail with (storage, chain, proto) for
/// yao::grpc::find_category. The client and the server adapters call it themselves.
void register_block_service_errors();

}  // namespace yao::archive::grpc
