// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "leader_gate.hpp"

#include <utility>

#include <yao/grpc/errc.hpp>

namespace yao::chronos::grpc {

LeaderGate::LeaderGate(std::string name) : name_{std::move(name)} {}

void LeaderGate::lead(std::shared_ptr<SequencerService> sequencer, std::function<bool()> ready) {
    std::scoped_lock lock{mu_};
    sequencer_ = std::move(sequencer);
    ready_ = std::move(ready);
}

std::shared_ptr<SequencerService> LeaderGate::follow() {
    std::scoped_lock lock{mu_};
    ready_ = nullptr;
    return std::exchange(sequencer_, nullptr);
}

bool LeaderGate::leading() const {
    std::scoped_lock lock{mu_};
    return sequencer_ != nullptr;
}

Result<std::shared_ptr<SequencerService>> LeaderGate::current() const {
    std::scoped_lock lock{mu_};
    if (sequencer_ && (!ready_ || ready_())) return sequencer_;
    if (sequencer_)
        return std::unexpected(Error{yao::grpc::Errc::kUnavailable,
                                     name_ + " is taking over the sequencer (rebuilding its pool "
                                             "from the journal); ask again"});
    return std::unexpected(Error{yao::grpc::Errc::kUnavailable,
                                 name_ + " is not the sequencer leader; ask another Chronos"});
}

Result<Hash256> LeaderGate::submit_transaction(proto::SignedTx tx) {
    YAO_TRY(auto s, current());
    return s->submit_transaction(std::move(tx));
}

std::vector<Result<Hash256>> LeaderGate::submit_transactions(std::vector<proto::SignedTx> txs) {
    auto s = current();
    if (!s) return std::vector<Result<Hash256>>(txs.size(), std::unexpected(s.error()));
    return (*s)->submit_transactions(std::move(txs));
}

Result<uint64_t> LeaderGate::pending_nonce(const Address& sender) {
    YAO_TRY(auto s, current());
    return s->pending_nonce(sender);
}

Result<std::optional<proto::SignedTx>> LeaderGate::pool_transaction(const Hash256& hash) {
    YAO_TRY(auto s, current());
    return s->pool_transaction(hash);
}

Result<MempoolContent> LeaderGate::pool_content() {
    YAO_TRY(auto s, current());
    return s->pool_content();
}

Result<MempoolStatus> LeaderGate::pool_status() {
    YAO_TRY(auto s, current());
    return s->pool_status();
}

Result<uint64_t> LeaderGate::mine_now() {
    YAO_TRY(auto s, current());
    return s->mine_now();
}

Result<void> LeaderGate::set_next_timestamp(uint64_t timestamp) {
    YAO_TRY(auto s, current());
    return s->set_next_timestamp(timestamp);
}

Result<void> LeaderGate::increase_time(uint64_t seconds) {
    YAO_TRY(auto s, current());
    return s->increase_time(seconds);
}

}  // namespace yao::chronos::grpc
