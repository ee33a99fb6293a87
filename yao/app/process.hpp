// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// What every long-running `yaoverse` command does before it starts its threads.
#include <csignal>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace yao::app {

/// Parses a subcommand's arguments into `app`. Returns -1 when the command should run, else the
/// exit code to return at once (0 after --help, which CLI11 printed; 1 or more after an error,
/// which it reported).
int parse_command_line(CLI::App& app, const std::vector<std::string_view>& args);

/// Raises the soft limit on open files to the hard one, as geth does (sockets of the JSON-RPC
/// and gRPC servers plus the store's files; the default soft limit is often 1,024), then blocks
/// SIGINT and SIGTERM in this thread, so that every thread started after it inherits the mask;
/// the returned set is what the caller's sigwait takes.
sigset_t prepare_process();

}  // namespace yao::app
