// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// YaoPortal (DESIGN.md section 2): Ethereum JSON-RPC over HTTP and WebSocket on one port, every
// method answered through an rpc::Backend.
#include <memory>

#include <yao/common/error.hpp>
#include <yao/log/logger.hpp>
#include <yao/rpc/backend.hpp>
#include <yao/rpc/eth_methods.hpp>
#include <yao/rpc/execution.hpp>
#include <yao/rpc/jsonrpc.hpp>
#include <yao/rpc/ots_methods.hpp>
#include <yao/rpc/server.hpp>
#include <yao/rpc/types.hpp>

namespace yao::portal {

struct PortalOptions {
    rpc::ServerOptions server;
    rpc::JsonRpcLimits limits;
    rpc::EthOptions eth;
    rpc::ExecutionOptions execution;
    rpc::OtsOptions ots;
};

class Portal {
public:
    /// Registers every method over `backend` (which must outlive the portal) and starts serving.
    static Result<std::unique_ptr<Portal>> start(PortalOptions options, rpc::Backend& backend,
                                                 log::Logger logger);
    Portal(const Portal&) = delete;
    Portal& operator=(const Portal&) = delete;
    ~Portal();

    uint16_t port() const noexcept { return server_->port(); }
    /// Graceful: see rpc::Server::stop. Idempotent.
    void stop();
    const rpc::MethodTable& methods() const noexcept { return table_; }
    rpc::ServerStats stats() const noexcept { return server_->stats(); }

private:
    Portal() = default;

    rpc::MethodTable table_;
    std::unique_ptr<rpc::JsonRpc> rpc_;
    std::unique_ptr<rpc::Server> server_;
};

}  // namespace yao::portal
