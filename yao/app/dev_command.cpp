// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "dev_command.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <yao/app/process.hpp>
#include <yao/app/version.hpp>
#include <yao/chain/fork.hpp>
#include <yao/common/address.hpp>
#include <yao/common/hex.hpp>
#include <yao/config/config.hpp>
#include <yao/infra/file_io.hpp>
#include <yao/log/logger.hpp>
#include <yao/node/dev_backend.hpp>
#include <yao/node/dev_node.hpp>
#include <yao/node/observability.hpp>
#include <yao/services/archive/commit_service.hpp>
#include <yao/node/portal_config.hpp>
#include <yao/rpc/dev_state.hpp>
#include <yao/services/portal/portal.hpp>
#include <yao/storage/chain_store.hpp>

namespace yao::app {
namespace {

/// Options shared by `init` and `dev`, applied over the configuration file.
struct CommonOptions {
    std::string config_path;
    std::string data_dir;
    bool in_memory = false;
    std::optional<uint64_t> chain_id;
    std::string fork;
    std::optional<uint64_t> block_interval_ms;
    bool empty_blocks = false;
    std::optional<uint32_t> workers;
    std::optional<uint16_t> rpc_port;
    std::string log_level;
    std::string log_format;
    std::string ops_listen;
};

void add_common(CLI::App& app, CommonOptions& o) {
    app.add_option("--config", o.config_path, "JSON configuration file (every key optional)");
    app.add_option("--data-dir", o.data_dir, "where the chain is stored (default ./yaoverse-data)");
    app.add_option("--chain-id", o.chain_id, "chain id (default 31337)");
    app.add_option("--fork", o.fork,
                   "the fork from genesis on: Cancun, Prague or Osaka (default Osaka; a chain "
                   "keeps the schedule it was created with)");
    app.add_option("--block-interval", o.block_interval_ms, "milliseconds between blocks");
    app.add_flag("--empty-blocks", o.empty_blocks, "produce blocks without transactions too");
    app.add_option("--workers", o.workers, "execution worker threads");
    app.add_option("--rpc-port", o.rpc_port, "JSON-RPC port, HTTP and WebSocket (default 8545; 0: any free port)");
    app.add_option("--log-level", o.log_level, "debug, info, warn, error or off");
    app.add_option("--ops-listen", o.ops_listen,
                   "ip:port of GET /healthz, /readyz and /metrics (config ops.listen; default off)");
    app.add_option("--log-format", o.log_format, "text or json");
}

Result<config::NodeConfig> load(const CommonOptions& o) {
    config::NodeConfig cfg = config::default_config();
    if (!o.config_path.empty()) {
        YAO_TRY(cfg, config::load_config(o.config_path));
    }
    if (!o.data_dir.empty()) cfg.data_dir = o.data_dir;
    if (o.in_memory) cfg.store.in_memory = true;
    if (o.chain_id) cfg.chain.chain_id = *o.chain_id;
    if (!o.fork.empty()) {
        const auto rev = chain::parse_fork(o.fork);
        if (!rev || *rev < evm::Revision::kCancun)
            return fail(config::Errc::kInvalidValue,
                        "--fork: \"" + o.fork + "\" is not Cancun, Prague or Osaka");
        cfg.genesis.forks = chain::ForkSchedule{*rev};
    }
    if (o.block_interval_ms) cfg.chain.block_interval_ms = *o.block_interval_ms;
    if (o.empty_blocks) cfg.chain.empty_blocks = true;
    if (o.workers) cfg.execution.workers = *o.workers;
    if (o.rpc_port) cfg.rpc.port = *o.rpc_port;
    if (!o.ops_listen.empty()) cfg.ops.listen = o.ops_listen;
    if (!o.log_level.empty()) cfg.log.level = o.log_level;
    if (o.log_format == "json") cfg.log.format = config::LogFormat::kJson;
    if (o.log_format == "text") cfg.log.format = config::LogFormat::kText;
    YAO_TRY_VOID(config::validate_config(cfg));
    return cfg;
}

log::Logger make_logger(const config::NodeConfig& cfg) {
    log::Config lc;
    lc.service = "yaoverse-dev";
    lc.level = log::parse_level(cfg.log.level).value_or(log::Level::kInfo);
    lc.format = cfg.log.format == config::LogFormat::kJson ? log::Format::kJson : log::Format::kText;
    lc.output = log::Output::standard_error();
    log::Logger logger{lc};
    log::set_default_logger(logger);
    return logger;
}

std::string ether_text(const Uint256& wei) {
    const Uint256 unit = config::kWeiPerEther;
    std::string whole = (wei / unit).to_dec();
    std::string frac = (wei % unit).to_dec();
    frac.insert(0, 18 - frac.size(), '0');
    return whole + "." + frac;
}

void print_banner(const node::DevNode& n, const config::NodeConfig& cfg, uint16_t rpc_port) {
    std::string out;
    out += fmt::format("\nyaoverse {} - development chain\n\n", kVersion);
    out += "Available Accounts\n==================\n";
    const auto& accounts = n.dev_accounts();
    for (size_t i = 0; i < accounts.size(); ++i) {
        out += fmt::format("({}) {} ({} ETH)\n", i, to_checksum_hex(accounts[i].address),
                           ether_text(cfg.genesis.dev_accounts.balance));
    }
    out += "\nPrivate Keys\n==================\n";
    for (size_t i = 0; i < accounts.size(); ++i)
        out += fmt::format("({}) {}\n", i, to_hex(accounts[i].private_key));
    out += "\nWallet\n==================\n";
    out += fmt::format("Mnemonic:          {}\n", cfg.genesis.dev_accounts.mnemonic);
    out += "Derivation path:   m/44'/60'/0'/0/\n";
    out += fmt::format("\nChain ID\n==================\n{}\n", cfg.chain.chain_id);
    out += fmt::format("\nFork\n==================\n{}\n", chain::describe(cfg.genesis.forks));
    out += fmt::format("\nBase Fee\n==================\n{}\n", cfg.chain.base_fee.to_dec());
    out += fmt::format("\nGas Limit\n==================\n{}\n", cfg.chain.gas_limit);
    out += fmt::format("\nBlocks\n==================\nevery {} ms{}\n", cfg.chain.block_interval_ms,
                       cfg.chain.empty_blocks ? " (empty ones too)" : " when there are transactions");
    out += "\nStorage\n==================\n";
    out += cfg.store.in_memory ? std::string{"in memory (nothing is kept)\n"}
                               : fmt::format("{}\n", config::sqlite_path(cfg).string());
    out += fmt::format("head block: {}\n", n.head_number());
    out += fmt::format("\nListening on {}:{}\n", cfg.rpc.host, rpc_port);
    std::fputs(out.c_str(), stdout);
    std::fflush(stdout);
}

}  // namespace

int init_main(const std::vector<std::string_view>& args) {
    CLI::App app{"Write the configured genesis block into a fresh store", "yaoverse init"};
    CommonOptions o;
    add_common(app, o);
    if (int rc = parse_command_line(app, args); rc >= 0) return rc;
    auto cfg = load(o);
    if (!cfg) {
        std::fprintf(stderr, "yaoverse init: %s\n", cfg.error().message().c_str());
        return 2;
    }
    auto opened = node::open_store(*cfg);
    if (!opened) {
        std::fprintf(stderr, "yaoverse init: %s\n", opened.error().message().c_str());
        return 1;
    }
    std::printf("%s genesis %s (chain id %llu) in %s\n",
                opened->outcome == config::InitOutcome::kCreated ? "wrote" : "store already has",
                to_hex(opened->genesis_hash).c_str(),
                static_cast<unsigned long long>(cfg->chain.chain_id),
                cfg->store.in_memory ? ":memory:" : config::sqlite_path(*cfg).string().c_str());
    return 0;
}

namespace {

/// --state FILE at start: the accounts of the file, in one patch block.
Result<void> load_state_file(rpc::Backend& backend, const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return {};
    YAO_TRY(const std::string text, infra::read_file(path));
    YAO_TRY(chain::StatePatch patch, rpc::state_patch_from_json(as_bytes(text)));
    if (patch.accounts.empty()) return {};
    YAO_TRY_VOID(backend.mine_patch(std::move(patch)));
    return {};
}

/// --state FILE at exit: the whole state as Anvil's state JSON, replaced atomically.
Result<void> dump_state_file(rpc::Backend& backend, const std::string& path) {
    YAO_TRY(const storage::StateImage image, backend.state_image(std::nullopt));
    return infra::replace_file(path, rpc::state_json(image).dump() + "\n");
}

}  // namespace

int dev_main(const std::vector<std::string_view>& args) {
    CLI::App app{"Run the single-node development chain", "yaoverse dev"};
    CommonOptions o;
    add_common(app, o);
    app.add_flag("--in-memory", o.in_memory, "keep the chain in memory only");
    std::string state_file;
    app.add_option("--state", state_file,
                   "Anvil's state JSON: loaded at start if the file exists (one block that sets "
                   "every account in it), written at exit");
    std::string client_version = std::string{"YaoVerse/v"} + kVersion + "/linux-amd64";
    app.add_option("--client-version", client_version,
                   "what web3_clientVersion answers (Hardhat's network helpers run only against a "
                   "node whose answer starts with \"anvil\" or \"HardhatNetwork\": see docs/rpc.md)");
    if (int rc = parse_command_line(app, args); rc >= 0) return rc;
    auto cfg = load(o);
    if (!cfg) {
        std::fprintf(stderr, "yaoverse dev: %s\n", cfg.error().message().c_str());
        return 2;
    }
    log::Logger logger = make_logger(*cfg);

    // Before any thread starts: they inherit the signal mask (sigwait below takes them).
    const sigset_t signals = prepare_process();

    auto node = node::DevNode::open(*cfg, logger);
    if (!node) {
        std::fprintf(stderr, "yaoverse dev: %s\n", node.error().message().c_str());
        return 1;
    }
    // A block that cannot be committed halts the chain: say so, and stop the process (the
    // signal wakes the sigwait below; the exit status is then 1).
    (*node)->on_halt([logger](const Error& e) {
        logger.error("the chain halted: stopping the node")
            .with_component("node")
            .with_error(e)
            .log();
        ::kill(::getpid(), SIGTERM);
    });
    if (auto r = (*node)->start(); !r) {
        std::fprintf(stderr, "yaoverse dev: %s\n", r.error().message().c_str());
        return 1;
    }
    auto backend = node::make_dev_backend(**node, logger.with_component("portal"));
    if (!backend) {
        std::fprintf(stderr, "yaoverse dev: %s\n", backend.error().message().c_str());
        return 1;
    }
    if (!state_file.empty()) {
        if (auto r = load_state_file(**backend, state_file); !r) {
            std::fprintf(stderr, "yaoverse dev: --state %s: %s\n", state_file.c_str(),
                         r.error().message().c_str());
            return 2;
        }
    }
    portal::PortalOptions po = node::to_portal_options(cfg->rpc);
    po.eth.client_version = client_version;
    po.eth.dev_methods = cfg->profile != "production" || cfg->rpc.dev_methods;
    auto portal = portal::Portal::start(po, **backend, logger);
    if (!portal) {
        std::fprintf(stderr, "yaoverse dev: JSON-RPC on %s:%u: %s\n", cfg->rpc.host.c_str(),
                     static_cast<unsigned>(cfg->rpc.port), portal.error().message().c_str());
        return 1;
    }
    node::Ops ops;
    if (!cfg->ops.listen.empty()) {
        node::DevNode& n = **node;
        node::Observed ob;
        ob.service = "dev";
        ob.version = kVersion;
        ob.admission = &(*backend)->admission();
        ob.portal = portal->get();
        ob.sequencer = [&n] {
            return std::shared_ptr<const chronos::Sequencer>{std::shared_ptr<void>{}, &n.sequencer()};
        };
        ob.executor = &n.executor();
        ob.cache_levels = cfg->redis.url.empty() ? std::vector<std::string>{"L3"}
                                                 : std::vector<std::string>{"L2", "L3"};
        ob.committer = &n.archive();
        ob.bus = &n.bus();
        ob.topics = node::pipeline_topics();
        ob.store = &n.store();
        ob.known_head = [&n] { return n.archive().head().number; };
        ob.chain_head = node::store_head(&n.store());
        auto started = node::start_ops(cfg->ops.listen, ob);
        if (!started) {
            std::fprintf(stderr, "yaoverse dev: ops listener: %s\n", started.error().message().c_str());
            return 1;
        }
        ops = std::move(*started);
    }
    print_banner(**node, *cfg, (*portal)->port());
    if (ops.server) {
        std::printf("Ops (healthz, readyz, metrics) on %s\n", ops.server->address().c_str());
        std::fflush(stdout);
    }
    logger.info("development chain running")
        .with_field("head", (*node)->head_number())
        .with_field("chain_id", cfg->chain.chain_id)
        .log();

    int sig = 0;
    sigwait(&signals, &sig);
    logger.info("shutting down").with_field("signal", sig).log();
    ops.stop();
    (*portal)->stop();
    portal->reset();
    if (!state_file.empty()) {
        if (auto r = dump_state_file(**backend, state_file); !r) {
            logger.error("--state: the state was not written")
                .with_field("file", state_file)
                .with_error(r.error())
                .log();
        }
    }
    backend->reset();
    (*node)->stop();
    const bool failed = (*node)->failure().has_value();
    node->reset();
    return failed ? 1 : 0;
}

}  // namespace yao::app
