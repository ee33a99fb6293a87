// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "dev_backend.hpp"

#include <yao/infra/worker_pool.hpp>
#include <yao/mq/inproc_bus.hpp>
#include <yao/services/chronos/sequencer.hpp>
#include <yao/services/portal/service_backend.hpp>

#include "dev_node.hpp"
#include "wiring.hpp"

namespace yao::node {

Result<std::unique_ptr<portal::ServiceBackend>> make_dev_backend(DevNode& node, log::Logger logger) {
    const auto& c = node.config();
    portal::ServiceBackendOptions o;
    o.admission = admission_options(c);
    o.coinbase = c.chain.coinbase;
    o.accounts = signing_accounts(node.dev_accounts());
    o.state_cache_bytes = static_cast<size_t>(c.rpc.state_cache_mb) << 20;
    o.header_cache_size = static_cast<size_t>(c.rpc.header_cache);
    // The state-writing helpers' reads (evm_revert, anvil_dumpState), bounded.
    constexpr size_t kMaxImageRows = 1'000'000;
    o.state_image = [store = node.shared_store()](std::optional<uint64_t> since) {
        return store->state_image(since, kMaxImageRows);
    };
    YAO_TRY(auto backend, portal::ServiceBackend::start(std::move(o), node.blocks(), node.state(),
                                                        node.sequencer(), node.bus(),
                                                        node.worker_pool(), std::move(logger)));
    return backend;
}

}  // namespace yao::node
