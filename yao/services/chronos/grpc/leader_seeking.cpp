// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "leader_seeking.hpp"

#include <algorithm>
#include <thread>
#include <utility>

#include <yao/grpc/errc.hpp>

namespace yao::chronos::grpc {
namespace {

using Clock = std::chrono::steady_clock;
using yao::grpc::Errc;

/// Nothing happened there: a follower's refusal, or an endpoint that cannot be reached.
bool refused(const Error& e) { return e.code() == Errc::kUnavailable; }
/// Maybe something happened there: only for calls that are safe to repeat.
bool refused_or_late(const Error& e) {
    return refused(e) || e.code() == Errc::kDeadlineExceeded;
}

template <typename T>
bool try_elsewhere(const Result<T>& r, bool repeatable) {
    return !r && (repeatable ? refused_or_late(r.error()) : refused(r.error()));
}

}  // namespace

LeaderSeeking::LeaderSeeking(std::vector<std::unique_ptr<SequencerService>> endpoints,
                             LeaderSeekingOptions options)
    : endpoints_{std::move(endpoints)}, options_{options} {}

template <typename Call, typename Elsewhere>
auto LeaderSeeking::seek(Call&& call, Elsewhere&& elsewhere) {
    const auto deadline = Clock::now() + options_.budget;
    auto pause = options_.initial_pause;
    const size_t n = endpoints_.size();
    for (;;) {
        const size_t first = preferred_.load(std::memory_order_relaxed);
        for (size_t k = 0; k < n; ++k) {
            const size_t i = (first + k) % n;
            auto result = call(*endpoints_[i]);
            const bool last_try = k + 1 == n && Clock::now() + pause >= deadline;
            if (!elsewhere(result) || last_try) {
                if (!elsewhere(result)) preferred_.store(i, std::memory_order_relaxed);
                return result;
            }
        }
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, options_.max_pause);
    }
}

Result<Hash256> LeaderSeeking::submit_transaction(proto::SignedTx tx) {
    // Safe to repeat: the leader answers a transaction it holds with its hash.
    return seek([&](SequencerService& s) { return s.submit_transaction(tx); },
                [](const Result<Hash256>& r) { return try_elsewhere(r, true); });
}

std::vector<Result<Hash256>> LeaderSeeking::submit_transactions(std::vector<proto::SignedTx> txs) {
    // A refusal of the whole call comes back as the same error for every transaction.
    return seek([&](SequencerService& s) { return s.submit_transactions(txs); },
                [](const std::vector<Result<Hash256>>& rs) {
                    return !rs.empty() && std::ranges::all_of(rs, [&](const Result<Hash256>& r) {
                        return try_elsewhere(r, true) && r.error().code() == rs.front().error().code();
                    });
                });
}

Result<uint64_t> LeaderSeeking::pending_nonce(const Address& sender) {
    return seek([&](SequencerService& s) { return s.pending_nonce(sender); },
                [](const Result<uint64_t>& r) { return try_elsewhere(r, true); });
}

Result<std::optional<proto::SignedTx>> LeaderSeeking::pool_transaction(const Hash256& hash) {
    return seek([&](SequencerService& s) { return s.pool_transaction(hash); },
                [](const auto& r) { return try_elsewhere(r, true); });
}

Result<MempoolContent> LeaderSeeking::pool_content() {
    return seek([&](SequencerService& s) { return s.pool_content(); },
                [](const auto& r) { return try_elsewhere(r, true); });
}

Result<MempoolStatus> LeaderSeeking::pool_status() {
    return seek([&](SequencerService& s) { return s.pool_status(); },
                [](const auto& r) { return try_elsewhere(r, true); });
}

Result<uint64_t> LeaderSeeking::mine_now() {
    // Not safe to repeat after a timeout (a block may have been proposed): only refusals move on.
    return seek([&](SequencerService& s) { return s.mine_now(); },
                [](const auto& r) { return try_elsewhere(r, false); });
}

Result<void> LeaderSeeking::set_next_timestamp(uint64_t timestamp) {
    return seek([&](SequencerService& s) { return s.set_next_timestamp(timestamp); },
                [](const auto& r) { return try_elsewhere(r, false); });
}

Result<void> LeaderSeeking::increase_time(uint64_t seconds) {
    return seek([&](SequencerService& s) { return s.increase_time(seconds); },
                [](const auto& r) { return try_elsewhere(r, false); });
}

}  // namespace yao::chronos::grpc
