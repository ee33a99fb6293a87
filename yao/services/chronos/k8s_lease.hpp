// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The Kubernetes API server as a storage::LeaseStore: each lease is a coordination.k8s.io/v1
// Lease object, and compare-and-set is the API server's optimistic concurrency on
// metadata.resourceVersion. docs/leases.md describes the backend and the RBAC it needs.

#include <chrono>
#include <memory>
#include <string>

#include <yao/common/error.hpp>
#include <yao/storage/lease_store.hpp>

namespace yao::chronos {

/// Where the API server is and how to authenticate to it. The defaults are the in-cluster
/// configuration of a pod with a service account.
struct K8sLeaseOptions {
    /// "https://host:port" or "http://host:port" (kubectl proxy, tests), optionally followed by a
    /// path prefix. Empty: "https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT".
    std::string api_server;
    /// The namespace the leases live in. Empty: the contents of `<sa_dir>/namespace`.
    std::string lease_namespace;
    /// The service account directory: `token` (sent as `Authorization: Bearer`, re-read on every
    /// request because projected tokens rotate; no header when the file does not exist),
    /// `ca.crt` (the CA the https server must be signed by, read once) and `namespace`.
    std::string sa_dir = "/var/run/secrets/kubernetes.io/serviceaccount";
    /// Bound on each request: connect, TLS handshake, write and read together.
    std::chrono::milliseconds timeout{2000};
};

/// A LeaseStore backed by the API server `options` points at. Fails with
/// storage::Errc::kInvalidArgument when the configuration is incomplete or malformed (no API
/// server address, no namespace, an unreadable ca.crt for https); it does not contact the server.
///
/// Errors of the returned store: kLeaseConflict (409, or 404 on an update: the lease changed or
/// vanished), kConnectionLost (cannot connect, connection dropped, timed out), kTransient (429 and
/// 5xx), kDatabase (401, 403, TLS verification failure and any other unexpected response; the
/// context has the HTTP status and the server's message), kInvalidArgument (a lease name that is
/// not a DNS subdomain, 400/422), kCorruptRow (a response that is not a Lease).
/// The store is thread-safe: every request uses its own connection.
Result<std::unique_ptr<storage::LeaseStore>> make_k8s_lease_store(K8sLeaseOptions options);

}  // namespace yao::chronos
