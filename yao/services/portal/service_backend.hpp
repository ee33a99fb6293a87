// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// rpc::Backend over the services' API interfaces — the Portal's view of the chain in both
// shapes (DESIGN.md section 1): `yaoverse dev` passes the in-process services, a Portal process
// passes gRPC clients. Blocks from BlockService, state from StateService, the pool and block
// production from SequencerService, transactions through Admission (the one entrance), the head
// and its notifications from cache-invalidation-topic on the bus.
#include <chrono>
#include <memory>
#include <vector>

#include <yao/common/error.hpp>
#include <yao/log/logger.hpp>
#include <yao/mq/bus.hpp>
#include <yao/rpc/backend.hpp>

#include "admission.hpp"
#include "state_cache.hpp"

namespace yao::infra {
class WorkerPool;
}

namespace yao::portal {

struct ServiceBackendOptions {
    AdmissionOptions admission;  ///< chain id, block gas limit, base fee, unprotected txs
    Address coinbase;
    std::vector<rpc::SigningAccount> accounts;  ///< dev accounts the node signs for
    /// How long evm_mine waits for its block to be committed.
    std::chrono::milliseconds mine_timeout{30'000};
    /// A development node's store access for the state-writing helpers (evm_revert,
    /// anvil_dumpState): ChainStore::state_image. Unset (a cluster's Portal): those are refused,
    /// and so are the other state-writing helpers (mine_patch, impersonation, set_coinbase).
    std::function<Result<storage::StateImage>(std::optional<uint64_t>)> state_image;
    /// The head state and code the Portal keeps (state_cache.hpp), in bytes.
    size_t state_cache_bytes = size_t{64} << 20;
    /// The block headers the Portal keeps (header_cache.hpp): the newest ones eth_call and
    /// BLOCKHASH read, about 600 bytes each.
    size_t header_cache_size = 1024;
};

/// Every reference passed to start() must outlive the backend.
class ServiceBackend final : public rpc::Backend {
public:
    /// Reads the head from `blocks`, subscribes to the head updates on `bus` (broadcast) and
    /// starts the thread that follows them.
    static Result<std::unique_ptr<ServiceBackend>> start(
        ServiceBackendOptions options, archive::BlockService& blocks,
        vulcan::StateService& state, chronos::SequencerService& sequencer, mq::Bus& bus,
        infra::WorkerPool& workers, log::Logger logger);
    ServiceBackend(const ServiceBackend&) = delete;
    ServiceBackend& operator=(const ServiceBackend&) = delete;
    ~ServiceBackend() override;

    uint64_t chain_id() const override;
    const chain::ForkSchedule& forks() const override;
    uint64_t block_gas_limit() const override;
    Uint256 base_fee() const override;
    Address coinbase() const override;

    uint64_t head_number() const override;
    void await_head(uint64_t number) override;
    archive::BlockService& blocks() override;
    vulcan::StateService& state() override;
    chronos::SequencerService& sequencer() override;
    std::unique_ptr<state::StateView> state_at(uint64_t number) override;

    Result<Hash256> send_raw_transaction(BytesView raw) override;
    std::vector<Result<Hash256>> send_raw_transactions(std::span<const Bytes> raw) override;
    Result<Hash256> send_transaction(proto::SignedTx tx) override;

    /// The entrance (its counters: tests and metrics).
    const Admission& admission() const noexcept;
    /// Head and code reads answered from the Portal's cache, and those asked from the
    /// StateService.
    CachingStateService::Counters state_cache_counters() const noexcept;

    std::unique_ptr<rpc::Listener> on_head(
        std::function<void(const proto::HeadUpdate&)> fn) override;
    std::unique_ptr<rpc::Listener> on_pending(std::function<void(const Hash256&)> fn) override;

    std::span<const rpc::SigningAccount> accounts() const override;
    Result<uint64_t> mine(std::optional<uint64_t> timestamp) override;
    Result<void> set_next_block_timestamp(uint64_t timestamp) override;
    Result<uint64_t> increase_time(uint64_t seconds) override;
    Result<uint64_t> mine_patch(chain::StatePatch patch) override;
    Result<storage::StateImage> state_image(std::optional<uint64_t> since) override;
    Result<void> set_coinbase(const Address& coinbase) override;
    Result<void> impersonate(const Address& addr, bool on) override;
    Result<void> auto_impersonate(bool on) override;
    bool impersonating(const Address& addr) const override;

private:
    Result<uint64_t> wait_committed(uint64_t number);
    struct Impl;
    explicit ServiceBackend(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace yao::portal
