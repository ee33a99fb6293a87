// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The gRPC face of an archive::BlockService (proto/yao/v1/archive.proto service
// yao.v1.BlockService): the Archive process serves its BlockReader through it. No gRPC header
// here.
#include <yao/grpc/server.hpp>
#include <yao/services/archive/api/block_service.hpp>

namespace yao::archive::grpc {

/// The yao.v1.BlockService implementation over `service` (which must outlive it and be thread-safe:
/// handlers run on gRPC's threads). Errors go back with their identity (yao::grpc::to_status).
///
///     BlockReader reader{...};
///     yao::grpc::HostedService hosted = make_block_service_server(reader);
///     auto server = yao::grpc::Server::start(options, {hosted.entry()});
///
/// `hosted` must outlive the server.
yao::grpc::HostedService make_block_service_server(BlockService& service);

}  // namespace yao::archive::grpc
