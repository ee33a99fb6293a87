// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The `rpc` section of the node configuration as YaoPortal's options.
#include <yao/config/config.hpp>
#include <yao/services/portal/portal.hpp>

namespace yao::node {

/// Every limit of `rpc` mapped onto the transport, framing and method options.
portal::PortalOptions to_portal_options(const config::RpcConfig& rpc);

}  // namespace yao::node
