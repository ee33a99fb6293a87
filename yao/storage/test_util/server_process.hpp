// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Moved to yao/infra/test_util (library yao_test_servers, which does not depend on yao_storage);
// these names keep the storage tests and benchmarks compiling unchanged.

#include <yao/infra/test_util/server_process.hpp>

namespace yao::storage::test_util {

using yao::test_util::file_tail;
using yao::test_util::find_program;
using yao::test_util::free_loopback_port;
using yao::test_util::port_in_log;
using yao::test_util::run_program;
using yao::test_util::ServerProcess;
using yao::test_util::TempDir;

}  // namespace yao::storage::test_util
