// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Credentials from the TLS options (internal to yao_grpc: includes grpcpp).

#include <yao/common/error.hpp>
#include <yao/grpc/options.hpp>

#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <optional>
#include <string>

namespace yao::grpc::detail {

/// The whole file, or kInvalidArgument naming it.
Result<std::string> read_pem(const std::string& path, std::string_view what);

/// Insecure credentials for nullopt, else TLS (mTLS when a CA is set).
Result<std::shared_ptr<::grpc::ServerCredentials>> server_credentials(
    const std::optional<ServerTls>& tls);

/// Insecure credentials for nullopt, else TLS (with a client certificate when one is set).
Result<std::shared_ptr<::grpc::ChannelCredentials>> channel_credentials(
    const std::optional<ClientTls>& tls);

}  // namespace yao::grpc::detail
