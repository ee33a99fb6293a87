// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The `yaoverse` binary. Each subcommand is a composition root: `dev` for the single-node shape,
// one per service for the cluster shape (docs/cluster.md).
#include <cstdio>
#include <string_view>
#include <vector>

#include <yao/app/backup_command.hpp>
#include <yao/app/cluster_command.hpp>
#include <yao/app/dev_command.hpp>
#include <yao/app/statetest.hpp>
#include <yao/app/verify.hpp>
#include <yao/app/version.hpp>

namespace {

void print_usage() {
    std::puts(
        "usage: yaoverse <command> [options]\n"
        "\n"
        "commands:\n"
        "  dev          run the single-node development chain (yaoverse dev --help)\n"
        "  init         write the configured genesis into a fresh store (yaoverse init --help)\n"
        "  verify       re-execute the stored chain and check every block and row (yaoverse "
        "verify --help)\n"
        "  statetest    run Ethereum state-test fixtures (yaoverse statetest --help)\n"
        "  backup       back up the chain store while the chain runs (yaoverse backup --help)\n"
        "  restore      restore a backup into an empty store (yaoverse restore --help)\n"
        "  archive      run the Archive service of a cluster (yaoverse archive --config F)\n"
        "  vulcan       run a Vulcan (execution) service of a cluster\n"
        "  chronos      run the Chronos (sequencer) service of a cluster\n"
        "  portal       run a Portal (JSON-RPC) of a cluster\n"
        "  --version    print the version and exit\n"
        "  --help       print this help and exit");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        print_usage();
        return 2;
    }
    const std::string_view cmd = argv[1];
    if (cmd == "--version" || cmd == "version") {
        std::printf("yaoverse %s\n", yao::app::kVersion);
        return 0;
    }
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        print_usage();
        return 0;
    }
    if (cmd == "dev" || cmd == "init") {
        const std::vector<std::string_view> args(argv + 2, argv + argc);
        return cmd == "dev" ? yao::app::dev_main(args) : yao::app::init_main(args);
    }
    if (cmd == "archive" || cmd == "vulcan" || cmd == "chronos" || cmd == "portal") {
        const std::vector<std::string_view> args(argv + 2, argv + argc);
        return yao::app::service_main(cmd, args);
    }
    if (cmd == "backup" || cmd == "restore") {
        const std::vector<std::string_view> args(argv + 2, argv + argc);
        return cmd == "backup" ? yao::app::backup_main(args) : yao::app::restore_main(args);
    }
    if (cmd == "verify") {
        const std::vector<std::string_view> args(argv + 2, argv + argc);
        return yao::app::verify_main(args);
    }
    if (cmd == "statetest") {
        const std::vector<std::string_view> args(argv + 2, argv + argc);
        return yao::app::statetest_main(args);
    }
    std::fprintf(stderr, "yaoverse: unknown command '%.*s' (try --help)\n",
                 static_cast<int>(cmd.size()), cmd.data());
    return 2;
}
