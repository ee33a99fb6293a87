// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// How each service is built from the configuration: shared by both shapes (DESIGN.md section
// 1), so that `yaoverse dev` (DevNode) and the service processes (`yaoverse archive|vulcan|
// chronos|portal`, yao/app/cluster_command.cpp) construct the very same objects the same way.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <yao/common/error.hpp>
#include <yao/config/config.hpp>
#include <yao/config/dev_accounts.hpp>
#include <yao/log/logger.hpp>
#include <yao/rpc/backend.hpp>
#include <yao/services/portal/admission.hpp>

namespace yao::mq {
class Bus;
}
namespace yao::state {
class L1Cache;
class VersionedSource;
}
namespace yao::storage {
class ChainStore;
struct MysqlOptions;
}
namespace yao::chronos {
class Sequencer;
}
namespace yao::vulcan {
class ExecutionService;
}
namespace yao::archive {
class CommitService;
}

namespace yao::node {

/// The connection to the "mysql" store of `cfg` (store.mysql): host, port, user, password,
/// database; the other options keep their defaults.
storage::MysqlOptions mysql_store_options(const config::NodeConfig& cfg);

/// The bus of config `bus`: in-process, or Redis Streams.
Result<std::unique_ptr<mq::Bus>> make_bus(const config::BusConfig& bus);
/// The L2 cache of config `redis`; nullptr when no URL is set.
Result<std::shared_ptr<state::VersionedSource>> make_l2(const config::RedisConfig& redis);
/// The levels below an L1: `l2` when set, then the store (L3).
std::vector<std::shared_ptr<state::VersionedSource>> state_sources(
    std::shared_ptr<state::VersionedSource> l2, std::shared_ptr<storage::ChainStore> store);
/// An L1 of `bytes`.
std::shared_ptr<state::L1Cache> make_l1(size_t bytes);

/// YaoArchive's committer. `name` names its consumer in logs; `on_halt` is called once when a
/// block cannot be committed for good.
std::unique_ptr<archive::CommitService> make_commit_service(
    const config::NodeConfig& cfg, mq::Bus& bus, std::shared_ptr<storage::ChainStore> store,
    std::shared_ptr<state::L1Cache> l1, std::shared_ptr<state::VersionedSource> l2,
    std::string name, std::function<void(const Error&)> on_halt, log::Logger logger);
/// YaoVulcan's executor, starting from the store's head.
Result<std::unique_ptr<vulcan::ExecutionService>> make_execution_service(
    const config::NodeConfig& cfg, mq::Bus& bus, std::shared_ptr<storage::ChainStore> store,
    std::shared_ptr<state::L1Cache> l1, std::shared_ptr<state::VersionedSource> l2,
    std::string name, log::Logger logger);
/// YaoChronos' sequencer, proposing after the store's head, reading nonces from the store.
/// `epoch`: the leadership term won by election (cluster: the caller raised the fence to it
/// before this reads the head, and the sequencer takes over the ingress of its predecessor);
/// nullopt: the single process's, the fence or 1, whichever is higher.
Result<std::unique_ptr<chronos::Sequencer>> make_sequencer(
    const config::NodeConfig& cfg, mq::Bus& bus, std::shared_ptr<storage::ChainStore> store,
    log::Logger& logger, std::optional<uint64_t> epoch = std::nullopt);

/// The entrance's rules for this configuration.
portal::AdmissionOptions admission_options(const config::NodeConfig& cfg);
/// The dev accounts as the JSON-RPC signing methods take them.
std::vector<rpc::SigningAccount> signing_accounts(const std::vector<config::DevAccount>& accounts);

}  // namespace yao::node
