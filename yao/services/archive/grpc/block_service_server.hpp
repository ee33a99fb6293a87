// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The gRPC face of an archive::BlockService (proto/yao/v1/archive.proto service
// yao.v1.BlockService): the Archive process serves its BlockReader through it. No gRPC header
// here.
#include <memory>

#include <yao/grpc/server.hpp>
#include <yao/services/archive/api/block_service.hpp>

namespace yao::archive::grpc {

/// Answers yao.v1.BlockService calls with `service` (which must outlive it and be thread-safe:
/// handlers run on gRPC's threads). Errors go back with their identity (yao::grpc::to_status).
///
///     BlockServiceServer blocks{reader};
///     auto server = yao::grpc::Server::start(options, {blocks.entry()});
class BlockServiceServer {
public:
    explicit BlockServiceServer(BlockService& service);
    ~BlockServiceServer();
    BlockServiceServer(const BlockServiceServer&) = delete;
    BlockServiceServer& operator=(const BlockServiceServer&) = delete;

    /// The service for yao::grpc::Server::start (name "yao.v1.BlockService"); valid while this
    /// object lives.
    yao::grpc::ServiceEntry entry();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace yao::archive::grpc
