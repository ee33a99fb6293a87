// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The SequencerService a Chronos process serves (docs/cluster.md, "Failover"): while it leads,
// the calls go to its sequencer; while it follows, every call fails with gRPC UNAVAILABLE and
// "not the sequencer leader", which tells the caller nothing happened, so the Portal's client
// tries the next Chronos endpoint (submissions are safe to repeat: the leader answers a
// transaction it already holds with its hash).
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include <yao/services/chronos/api/sequencer_service.hpp>

namespace yao::chronos::grpc {

class LeaderGate final : public SequencerService {
public:
    /// `name` is this process's name, for the follower's error text.
    explicit LeaderGate(std::string name);

    /// This process leads now, through `sequencer`; while `ready` (when given) is false, calls
    /// are refused as a follower's are, with "taking over" (a new leader rebuilding its pool).
    void lead(std::shared_ptr<SequencerService> sequencer, std::function<bool()> ready = {});
    /// This process follows now; returns the sequencer it led with (to stop it), if any.
    /// Calls already inside it finish on it.
    std::shared_ptr<SequencerService> follow();
    bool leading() const;

    Result<Hash256> submit_transaction(proto::SignedTx tx) override;
    std::vector<Result<Hash256>> submit_transactions(std::vector<proto::SignedTx> txs) override;
    Result<uint64_t> pending_nonce(const Address& sender) override;
    Result<std::optional<proto::SignedTx>> pool_transaction(const Hash256& hash) override;
    Result<MempoolContent> pool_content() override;
    Result<MempoolStatus> pool_status() override;
    Result<uint64_t> mine_now() override;
    Result<void> set_next_timestamp(uint64_t timestamp) override;
    Result<void> increase_time(uint64_t seconds) override;

private:
    /// The current leader's sequencer, or the follower's error.
    Result<std::shared_ptr<SequencerService>> current() const;

    const std::string name_;
    mutable std::mutex mu_;
    std::shared_ptr<SequencerService> sequencer_;
    std::function<bool()> ready_;
};

}  // namespace yao::chronos::grpc
