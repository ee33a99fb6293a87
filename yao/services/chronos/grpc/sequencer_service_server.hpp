// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The gRPC face of a chronos::SequencerService (proto/yao/v1/chronos.proto service
// yao.v1.SequencerService). No gRPC header here.
#include <memory>

#include <yao/grpc/server.hpp>
#include <yao/services/chronos/api/sequencer_service.hpp>

namespace yao::chronos::grpc {

/// Answers yao.v1.SequencerService calls with `service` (which must outlive it and be
/// thread-safe, as chronos::Sequencer is). Errors go back with their identity.
///
///     SequencerServiceServer sequencer_server{sequencer};
///     auto server = yao::grpc::Server::start(options, {sequencer_server.entry()});
class SequencerServiceServer {
public:
    explicit SequencerServiceServer(SequencerService& service);
    ~SequencerServiceServer();
    SequencerServiceServer(const SequencerServiceServer&) = delete;
    SequencerServiceServer& operator=(const SequencerServiceServer&) = delete;

    /// The service for yao::grpc::Server::start (name "yao.v1.SequencerService"); valid while
    /// this object lives.
    yao::grpc::ServiceEntry entry();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace yao::chronos::grpc
