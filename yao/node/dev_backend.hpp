// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// rpc::Backend over the services of a DevNode, in process: reads from the store, admission
// through the sequencer (synchronously, so clients get geth's errors), head updates from the
// broadcast topic.
#include <memory>

#include <yao/rpc/backend.hpp>

namespace yao::node {

class DevNode;

/// The node must outlive the backend. Starts a thread that follows the head-update topic.
Result<std::unique_ptr<rpc::Backend>> make_dev_backend(DevNode& node);

}  // namespace yao::node
