// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The gRPC face of a chronos::SequencerService (proto/yao/v1/chronos.proto service
// yao.v1.SequencerService). No gRPC header here.
#include <yao/grpc/server.hpp>
#include <yao/services/chronos/api/sequencer_service.hpp>

namespace yao::chronos::grpc {

/// The yao.v1.SequencerService implementation over `service` (which must outlive it and be
/// thread-safe, as chronos::Sequencer is). Errors go back with their identity.
///
///     Sequencer sequencer{...};
///     yao::grpc::HostedService hosted = make_sequencer_service_server(sequencer);
///     auto server = yao::grpc::Server::start(options, {hosted.entry()});
///
/// `hosted` must outlive the server.
yao::grpc::HostedService make_sequencer_service_server(SequencerService& service);

}  // namespace yao::chronos::grpc
