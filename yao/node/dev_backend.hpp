// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The Portal's rpc::Backend in `yaoverse dev`: portal::ServiceBackend over the DevNode's
// in-process services (BlockReader, StateReader, Sequencer) and its in-process bus — the same
// class a Portal process runs over gRPC clients.
#include <memory>

#include <yao/log/logger.hpp>
#include <yao/rpc/backend.hpp>
#include <yao/services/portal/service_backend.hpp>

namespace yao::node {

class DevNode;

/// The node must outlive the backend. Starts a thread that follows the head-update topic.
Result<std::unique_ptr<portal::ServiceBackend>> make_dev_backend(DevNode& node, log::Logger logger);

}  // namespace yao::node
