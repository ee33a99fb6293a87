// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The gRPC face of a vulcan::StateService (proto/yao/v1/vulcan.proto service
// yao.v1.StateService). No gRPC header here.
#include <yao/grpc/server.hpp>
#include <yao/services/vulcan/api/state_service.hpp>

namespace yao::vulcan::grpc {

/// The yao.v1.StateService implementation over `service` (which must outlive it and be
/// thread-safe). Errors go back with their identity (yao::grpc::to_status).
///
///     StateReader reader{...};
///     yao::grpc::HostedService hosted = make_state_service_server(reader);
///     auto server = yao::grpc::Server::start(options, {hosted.entry()});
///
/// `hosted` must outlive the server.
yao::grpc::HostedService make_state_service_server(StateService& service);

}  // namespace yao::vulcan::grpc
