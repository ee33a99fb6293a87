// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The client side of a sequencer with followers (docs/cluster.md, "Failover"): one
// SequencerService client per Chronos endpoint, calls go to the one that answered last (the
// leader), and a call refused with UNAVAILABLE (a follower, or an endpoint that cannot be
// reached) or, when safe to repeat, one that ran out of time (a paused leader) is tried on the
// next endpoint, round after round with a growing pause, until one answers or the budget is
// spent. Spreading calls over the endpoints, as round robin would, sends half of them to a
// follower; following the leader sends them where they succeed.
#include <atomic>
#include <chrono>
#include <memory>
#include <vector>

#include <yao/services/chronos/api/sequencer_service.hpp>

namespace yao::chronos::grpc {

struct LeaderSeekingOptions {
    /// How long a call keeps looking for the leader in all (a takeover takes about 2.5 s).
    std::chrono::milliseconds budget{5000};
    std::chrono::milliseconds initial_pause{25};  ///< between rounds over the endpoints
    std::chrono::milliseconds max_pause{400};
};

class LeaderSeeking final : public SequencerService {
public:
    /// `endpoints`: one client per Chronos, each without retries of its own.
    LeaderSeeking(std::vector<std::unique_ptr<SequencerService>> endpoints,
                  LeaderSeekingOptions options = {});

    Result<Hash256> submit_transaction(proto::SignedTx tx) override;
    std::vector<Result<Hash256>> submit_transactions(std::vector<proto::SignedTx> txs) override;
    Result<uint64_t> pending_nonce(const Address& sender) override;
    Result<std::optional<proto::SignedTx>> pool_transaction(const Hash256& hash) override;
    Result<MempoolContent> pool_content() override;
    Result<MempoolStatus> pool_status() override;
    Result<uint64_t> mine_now() override;
    Result<void> set_next_timestamp(uint64_t timestamp) override;
    Result<void> increase_time(uint64_t seconds) override;

    /// The endpoint calls go to first (the one that answered last); for tests.
    size_t preferred() const noexcept { return preferred_.load(std::memory_order_relaxed); }

private:
    /// Runs `call` on the endpoints, the preferred one first, until one answers with something
    /// other than "try elsewhere" (`elsewhere(result)`), within the budget.
    template <typename Call, typename Elsewhere>
    auto seek(Call&& call, Elsewhere&& elsewhere);

    std::vector<std::unique_ptr<SequencerService>> endpoints_;
    LeaderSeekingOptions options_;
    std::atomic<size_t> preferred_{0};
};

}  // namespace yao::chronos::grpc
