// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "process.hpp"

#include <pthread.h>
#include <sys/resource.h>

#include <string>

#include <CLI/CLI.hpp>

namespace yao::app {

int parse_command_line(CLI::App& app, const std::vector<std::string_view>& args) {
    std::vector<std::string> owned(args.rbegin(), args.rend());  // CLI11 wants them reversed
    try {
        app.parse(owned);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    return -1;
}

sigset_t prepare_process() {
    if (rlimit files{}; ::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &files);
    }
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signals;
}

}  // namespace yao::app
