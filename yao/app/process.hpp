// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// What every long-running `yaoverse` command does before it starts its threads.
#include <csignal>

namespace yao::app {

/// Raises the soft limit on open files to the hard one, as geth does (sockets of the JSON-RPC
/// and gRPC servers plus the store's files; the default soft limit is often 1,024), then blocks
/// SIGINT and SIGTERM in this thread, so that every thread started after it inherits the mask;
/// the returned set is what the caller's sigwait takes.
sigset_t prepare_process();

}  // namespace yao::app
