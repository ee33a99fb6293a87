// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "portal.hpp"

#include <yao/rpc/execution.hpp>
#include <yao/rpc/ots_methods.hpp>

namespace yao::portal {

Result<std::unique_ptr<Portal>> Portal::start(PortalOptions options, rpc::Backend& backend,
                                              log::Logger logger) {
    std::unique_ptr<Portal> p{new Portal()};
    rpc::register_eth_methods(p->table_, backend, options.eth);
    rpc::register_execution_methods(p->table_, backend, options.execution);
    rpc::register_ots_methods(p->table_, backend, options.ots);
    p->rpc_ = std::make_unique<rpc::JsonRpc>(p->table_, options.limits);
    YAO_TRY(p->server_, rpc::Server::start(options.server, *p->rpc_, logger));
    logger.info("json-rpc listening")
        .with_component("portal")
        .with_field("host", options.server.host)
        .with_field("port", p->server_->port())
        .with_field("methods", p->table_.names().size())
        .log();
    return p;
}

Portal::~Portal() { stop(); }

void Portal::stop() {
    if (server_) server_->stop();
}

}  // namespace yao::portal
