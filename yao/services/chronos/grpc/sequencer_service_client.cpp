// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "sequencer_service_client.hpp"

#include <algorithm>

#include "leader_seeking.hpp"

#include <yao/v1/chronos.grpc.pb.h>

#include <string>
#include <utility>

#include <yao/chain/errc.hpp>
#include <yao/grpc/client.hpp>
#include <yao/grpc/error_identity.hpp>
#include <yao/mq/errc.hpp>
#include <yao/proto/errc.hpp>
#include <yao/proto/pb_convert.hpp>
#include <yao/services/chronos/api/errc.hpp>
#include <yao/storage/errc.hpp>

namespace yao::chronos::grpc {
namespace {

using proto::get_fixed;
using proto::put_bytes;
using yao::grpc::CallOptions;
using yao::grpc::Idempotency;

const CallOptions kRead{.idempotency = Idempotency::kIdempotent};
const CallOptions kWrite{.idempotency = Idempotency::kNotIdempotent};
/// Submissions may run twice: the leader answers a transaction it already holds (or journaled)
/// with its hash, and a follower refuses with UNAVAILABLE having done nothing. So they are
/// retried, which carries them over a leader change (docs/cluster.md, "Failover").
const CallOptions kSubmit{.idempotency = Idempotency::kIdempotent};

/// The pool's map shape back from a flat list of transactions (keyed by sender and nonce).
template <typename Repeated>
Result<std::map<Address, std::map<uint64_t, proto::SignedTx>>> by_sender(const Repeated& txs,
                                                                         std::string_view field) {
    std::map<Address, std::map<uint64_t, proto::SignedTx>> out;
    for (int i = 0; i < txs.size(); ++i) {
        auto tx = proto::from_proto(txs.Get(i));
        if (!tx) return proto::within(proto::indexed(field, i), tx.error());
        const Address sender = tx->sender;
        const uint64_t nonce = tx->txn.nonce;
        out[sender].emplace(nonce, std::move(*tx));
    }
    return out;
}

using Stub = v1::SequencerService::Stub;

class SequencerServiceClient final : public SequencerService {
public:
    explicit SequencerServiceClient(yao::grpc::Client client)
        : client_{std::move(client)}, stub_{v1::SequencerService::NewStub(client_.channel())} {}

    Result<Hash256> submit_transaction(proto::SignedTx tx) override {
        v1::SubmitTransactionRequest request;
        proto::to_proto(tx, request.mutable_tx());
        v1::SubmitTransactionReply reply;
        CallOptions call = kSubmit;
        call.trace_id = tx.trace_id;  // the transaction's trace continues in the call's metadata
        YAO_TRY_VOID(client_.unary(call, *stub_, &Stub::SubmitTransaction, request, reply));
        return get_fixed<32>(reply.hash(), "hash");
    }

    std::vector<Result<Hash256>> submit_transactions(std::vector<proto::SignedTx> txs) override {
        v1::SubmitTransactionsRequest request;
        request.mutable_txs()->Reserve(static_cast<int>(txs.size()));
        for (const auto& tx : txs) proto::to_proto(tx, request.add_txs());
        v1::SubmitTransactionsReply reply;
        auto called = client_.unary(kSubmit, *stub_, &Stub::SubmitTransactions, request, reply);
        std::vector<Result<Hash256>> out;
        out.reserve(txs.size());
        if (called && static_cast<size_t>(reply.results_size()) != txs.size()) {
            called = fail(proto::Errc::kInvalidValue,
                          "results: " + std::to_string(reply.results_size()) + " for " +
                              std::to_string(txs.size()) + " transactions");
        }
        if (!called) {
            for (size_t i = 0; i < txs.size(); ++i)
                out.emplace_back(std::unexpected(called.error()));
            return out;
        }
        for (const auto& r : reply.results()) {
            if (r.has_error()) {
                out.emplace_back(std::unexpected(yao::grpc::rebuild_error(
                    r.error().category(), std::to_string(r.error().value()), r.error().context(),
                    yao::grpc::Errc::kUnknown)));
            } else {
                out.push_back(get_fixed<32>(r.hash(), "hash"));
            }
        }
        return out;
    }

    Result<uint64_t> pending_nonce(const Address& sender) override {
        v1::GetPendingNonceRequest request;
        put_bytes(request.mutable_sender(), sender);
        v1::GetPendingNonceReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetPendingNonce, request, reply));
        return reply.nonce();
    }

    Result<std::optional<proto::SignedTx>> pool_transaction(const Hash256& hash) override {
        v1::GetPoolTransactionRequest request;
        put_bytes(request.mutable_hash(), hash);
        v1::GetPoolTransactionReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetPoolTransaction, request, reply));
        if (!reply.has_tx()) return std::optional<proto::SignedTx>{};
        auto tx = proto::from_proto(reply.tx());
        if (!tx) return proto::within("tx", tx.error());
        return std::optional{std::move(*tx)};
    }

    Result<MempoolContent> pool_content() override {
        v1::GetPoolContentReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetPoolContent,
                                   v1::GetPoolContentRequest{}, reply));
        MempoolContent out;
        YAO_TRY(out.pending, by_sender(reply.pending(), "pending"));
        YAO_TRY(out.queued, by_sender(reply.queued(), "queued"));
        return out;
    }

    Result<MempoolStatus> pool_status() override {
        v1::GetPoolStatusReply reply;
        YAO_TRY_VOID(
            client_.unary(kRead, *stub_, &Stub::GetPoolStatus, v1::GetPoolStatusRequest{}, reply));
        return MempoolStatus{static_cast<size_t>(reply.pending()),
                             static_cast<size_t>(reply.queued()),
                             static_cast<size_t>(reply.in_flight())};
    }

    Result<uint64_t> mine_now() override {
        v1::MineNowReply reply;
        YAO_TRY_VOID(client_.unary(kWrite, *stub_, &Stub::MineNow, v1::MineNowRequest{}, reply));
        return reply.number();
    }

    Result<void> set_next_timestamp(uint64_t timestamp) override {
        v1::SetNextTimestampRequest request;
        request.set_timestamp(timestamp);
        v1::SetNextTimestampReply reply;
        return client_.unary(kWrite, *stub_, &Stub::SetNextTimestamp, request, reply);
    }

    Result<void> increase_time(uint64_t seconds) override {
        v1::IncreaseTimeRequest request;
        request.set_seconds(seconds);
        v1::IncreaseTimeReply reply;
        return client_.unary(kWrite, *stub_, &Stub::IncreaseTime, request, reply);
    }

private:
    yao::grpc::Client client_;
    std::unique_ptr<Stub> stub_;
};

}  // namespace

void register_sequencer_service_errors() {
    yao::grpc::register_category(chronos_category());
    yao::grpc::register_category(chain::chain_category());
    yao::grpc::register_category(storage::storage_category());
    yao::grpc::register_category(mq::mq_category());
    yao::grpc::register_category(proto::proto_category());
}

Result<std::unique_ptr<SequencerService>> make_sequencer_service_client(
    yao::grpc::ClientOptions options) {
    register_sequencer_service_errors();
    if (options.endpoints.size() <= 1) {
        YAO_TRY(auto client, yao::grpc::Client::make(std::move(options)));
        return std::make_unique<SequencerServiceClient>(std::move(client));
    }
    // A leader and followers: one channel per Chronos, following the leader (leader_seeking.hpp).
    // Each endpoint fails fast (no retries, no waiting for a connection): LeaderSeeking moves on
    // to the next one and retries rounds for as long as the retry policy would wait in all.
    LeaderSeekingOptions seeking;
    seeking.budget = std::chrono::milliseconds{0};
    for (int retry = 1; retry < options.retry.max_attempts; ++retry)
        seeking.budget += yao::grpc::backoff_delay(options.retry, retry, 0.5);  // 0.5: no jitter
    seeking.max_pause = std::min(seeking.max_pause, options.retry.max_backoff);
    std::vector<std::unique_ptr<SequencerService>> endpoints;
    for (const std::string& endpoint : options.endpoints) {
        yao::grpc::ClientOptions one = options;
        one.endpoints = {endpoint};
        one.retry.max_attempts = 1;
        one.wait_for_ready = false;
        YAO_TRY(auto client, yao::grpc::Client::make(std::move(one)));
        endpoints.push_back(std::make_unique<SequencerServiceClient>(std::move(client)));
    }
    return std::make_unique<LeaderSeeking>(std::move(endpoints), seeking);
}

}  // namespace yao::chronos::grpc
