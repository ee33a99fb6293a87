// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The gRPC face of a vulcan::StateService (proto/yao/v1/vulcan.proto service
// yao.v1.StateService). No gRPC header here.
#include <memory>

#include <yao/grpc/server.hpp>
#include <yao/services/vulcan/api/state_service.hpp>

namespace yao::vulcan::grpc {

/// Answers yao.v1.StateService calls with `service` (which must outlive it and be thread-safe).
/// Errors go back with their identity (yao::grpc::to_status).
///
///     StateServiceServer state{reader};
///     auto server = yao::grpc::Server::start(options, {state.entry()});
class StateServiceServer {
public:
    explicit StateServiceServer(StateService& service);
    ~StateServiceServer();
    StateServiceServer(const StateServiceServer&) = delete;
    StateServiceServer& operator=(const StateServiceServer&) = delete;

    /// The service for yao::grpc::Server::start (name "yao.v1.StateService"); valid while this
    /// object lives.
    yao::grpc::ServiceEntry entry();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace yao::vulcan::grpc
