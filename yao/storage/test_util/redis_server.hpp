// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Moved to yao/infra/test_util (library yao_test_servers); this name keeps the storage tests and
// benchmarks compiling unchanged.

#include <yao/infra/test_util/redis_server.hpp>

#include "server_process.hpp"

namespace yao::storage::test_util {

using yao::test_util::RedisServer;

}  // namespace yao::storage::test_util
