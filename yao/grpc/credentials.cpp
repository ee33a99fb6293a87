// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "credentials.hpp"

#include <yao/grpc/errc.hpp>

#include <fstream>
#include <sstream>

namespace yao::grpc::detail {
namespace {

std::string describe(std::string_view what, const std::string& path) {
    return std::string{what} + " file '" + path + "'";
}

}  // namespace

Result<std::string> read_pem(const std::string& path, std::string_view what) {
    std::ifstream in{path, std::ios::binary};
    if (path.empty()) return fail(Errc::kInvalidArgument, std::string{what} + " file not set");
    if (!in) return fail(Errc::kInvalidArgument, describe(what, path) + " cannot be opened");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return fail(Errc::kInvalidArgument, describe(what, path) + " cannot be read");
    std::string pem = std::move(buffer).str();
    if (pem.empty()) return fail(Errc::kInvalidArgument, describe(what, path) + " is empty");
    return pem;
}

Result<std::shared_ptr<::grpc::ServerCredentials>> server_credentials(
    const std::optional<ServerTls>& tls) {
    if (!tls) return ::grpc::InsecureServerCredentials();
    if (tls->require_client_cert && tls->ca_file.empty())
        return fail(Errc::kInvalidArgument, "require_client_cert needs a ca_file");
    YAO_TRY(auto cert, read_pem(tls->cert_file, "server certificate"));
    YAO_TRY(auto key, read_pem(tls->key_file, "server key"));
    ::grpc::SslServerCredentialsOptions options{
        tls->require_client_cert ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
        : tls->ca_file.empty()   ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                                 : GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY};
    if (!tls->ca_file.empty()) {
        YAO_TRY(options.pem_root_certs, read_pem(tls->ca_file, "client CA"));
    }
    options.pem_key_cert_pairs.push_back({std::move(key), std::move(cert)});
    return ::grpc::SslServerCredentials(options);
}

Result<std::shared_ptr<::grpc::ChannelCredentials>> channel_credentials(
    const std::optional<ClientTls>& tls) {
    if (!tls) return ::grpc::InsecureChannelCredentials();
    ::grpc::SslCredentialsOptions options;
    if (!tls->ca_file.empty()) {
        YAO_TRY(options.pem_root_certs, read_pem(tls->ca_file, "server CA"));
    }
    if (tls->cert_file.empty() != tls->key_file.empty())
        return fail(Errc::kInvalidArgument, "client cert_file and key_file go together");
    if (!tls->cert_file.empty()) {
        YAO_TRY(options.pem_cert_chain, read_pem(tls->cert_file, "client certificate"));
        YAO_TRY(options.pem_private_key, read_pem(tls->key_file, "client key"));
    }
    return ::grpc::SslCredentials(options);
}

}  // namespace yao::grpc::detail
