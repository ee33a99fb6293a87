// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// vulcan::StateService reached over gRPC (proto/yao/v1/vulcan.proto): what the Portal of a
// cluster reads state through. No gRPC header here: composition roots include it freely.
#include <memory>

#include <yao/common/error.hpp>
#include <yao/grpc/options.hpp>
#include <yao/services/vulcan/api/state_service.hpp>

namespace yao::vulcan::grpc {

/// A StateService whose calls go to the Vulcan servers of `options`. Every method is a read:
/// idempotent, retried per options.retry, each attempt with options.default_deadline. Errors
/// come back with their domain identity (storage::Errc::kUnknownBlock for a block above the
/// head, ...); transport failures are yao::grpc::Errc. Thread-safe. Fails only for bad options.
Result<std::unique_ptr<StateService>> make_state_service_client(yao::grpc::ClientOptions options);

/// Registers the error categories a StateService can fail with (storage, chain, proto) for
/// yao::grpc::find_category. The client and the server adapters call it themselves.
void register_state_service_errors();

}  // namespace yao::vulcan::grpc
