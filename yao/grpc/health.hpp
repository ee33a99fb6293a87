// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <yao/common/error.hpp>
#include <yao/grpc/client.hpp>

#include <cstdint>
#include <string_view>

namespace yao::grpc {

/// The answer of grpc.health.v1.Health/Check (values as in health.proto).
enum class ServingStatus : std::uint8_t {
    kUnknown = 0,
    kServing = 1,
    kNotServing = 2,
    kServiceUnknown = 3,
};

/// Asks the standard health service behind `client` about `service` ("" = the server as a whole):
/// for readiness probes and for waiting on a peer at start-up. A service the server does not know
/// gives Errc::kNotFound; an unreachable server kUnavailable. Idempotent, so retried per the
/// client's policy unless `call` says otherwise.
Result<ServingStatus> check_health(const Client& client, std::string_view service = {},
                                   CallOptions call = {.idempotency = Idempotency::kIdempotent});

}  // namespace yao::grpc
