// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// A lease record with the semantics of Kubernetes' coordination.k8s.io/v1 Lease, changed only by
// compare-and-set. YaoChronos elects its leader with it (yao/services/chronos/leader.hpp); two
// backends: a row in the chain database (ChainStore::read_lease / write_lease, adapted by
// ChainStoreLeases below) and the Kubernetes API server (yao/services/chronos/k8s_lease.hpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <yao/common/error.hpp>

namespace yao::storage {

class ChainStore;

/// One lease. Times are microseconds since the Unix epoch (the Lease's MicroTime fields); they
/// are informational: holders and candidates judge expiry on their own monotonic clocks from the
/// moment they saw `version` change, never by comparing clocks of different machines.
struct LeaseRecord {
    std::string holder;           ///< holderIdentity; empty: nobody holds it (released)
    uint64_t duration_ms = 0;     ///< leaseDurationSeconds (in milliseconds here)
    int64_t acquire_time_us = 0;  ///< acquireTime: when the current term began
    int64_t renew_time_us = 0;    ///< renewTime: the holder's last renewal
    /// leaseTransitions: +1 on every acquisition (not on renewals). It numbers leadership terms:
    /// the sequencer's epoch.
    uint64_t transitions = 0;
    /// resourceVersion: the backend's compare-and-set token, opaque; empty for a record that
    /// does not exist yet.
    std::string version;
    friend bool operator==(const LeaseRecord&, const LeaseRecord&) = default;
};

/// Where lease records live. Thread-safe.
class LeaseStore {
public:
    virtual ~LeaseStore() = default;
    /// The lease `name`; nullopt when it was never written.
    virtual Result<std::optional<LeaseRecord>> get(std::string_view name) = 0;
    /// Writes `next` as the lease `name` if the stored record's version is still `next.version`
    /// (empty: it must not exist yet). Returns the record as stored, with its new version.
    /// Fails with storage::Errc::kLeaseConflict when the record changed (or appeared) since,
    /// changing nothing.
    virtual Result<LeaseRecord> update(std::string_view name, const LeaseRecord& next) = 0;
};

/// The leases table of a chain store (ChainStore::read_lease / write_lease).
std::unique_ptr<LeaseStore> make_store_leases(std::shared_ptr<ChainStore> store);

}  // namespace yao::storage
