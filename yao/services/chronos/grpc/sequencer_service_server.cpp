// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "sequencer_service_server.hpp"

#include <yao/v1/chronos.grpc.pb.h>

#include <algorithm>
#include <utility>

#include <yao/grpc/handler.hpp>
#include <yao/proto/pb_convert.hpp>

#include "sequencer_service_client.hpp"

namespace yao::chronos::grpc {
namespace {

using ::grpc::ServerContext;
using ::grpc::Status;
using proto::get_fixed;
using proto::put_bytes;
using yao::grpc::handle;

/// The request's transactions; an undecodable one fails the whole call (kInvalidArgument).
Result<std::vector<proto::SignedTx>> txs_of(const v1::SubmitTransactionsRequest& request) {
    std::vector<proto::SignedTx> out;
    out.reserve(static_cast<size_t>(request.txs_size()));
    for (int i = 0; i < request.txs_size(); ++i) {
        auto tx = proto::from_proto(request.txs(i));
        if (!tx) return proto::within(proto::indexed("txs", i), tx.error());
        out.push_back(std::move(*tx));
    }
    return out;
}

template <typename Repeated>
void put_txs(const std::map<Address, std::map<uint64_t, proto::SignedTx>>& txs, Repeated* out) {
    for (const auto& [sender, by_nonce] : txs) {
        for (const auto& [nonce, tx] : by_nonce) proto::to_proto(tx, out->Add());
    }
}

class Service final : public v1::SequencerService::Service {
public:
    explicit Service(SequencerService& sequencer) : sequencer_{sequencer} {}

    Status SubmitTransaction(ServerContext* ctx, const v1::SubmitTransactionRequest* request,
                             v1::SubmitTransactionReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            auto tx = proto::from_proto(request->tx());
            if (!tx) return proto::within("tx", tx.error());
            YAO_TRY(const Hash256 hash, sequencer_.submit_transaction(std::move(*tx)));
            put_bytes(reply->mutable_hash(), hash);
            return {};
        });
    }

    Status SubmitTransactions(ServerContext* ctx, const v1::SubmitTransactionsRequest* request,
                              v1::SubmitTransactionsReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(auto txs, txs_of(*request));
            const auto results = sequencer_.submit_transactions(std::move(txs));
            // A refusal of the whole call (a follower's UNAVAILABLE) is the call's status, so
            // that the client may retry it elsewhere.
            if (!results.empty() && !results.front() &&
                results.front().error().code().category() == yao::grpc::grpc_category() &&
                std::ranges::all_of(results, [&](const Result<Hash256>& r) {
                    return !r && r.error().code() == results.front().error().code();
                }))
                return std::unexpected(results.front().error());
            reply->mutable_results()->Reserve(static_cast<int>(results.size()));
            for (const auto& r : results) {
                auto* out = reply->add_results();
                if (r) {
                    put_bytes(out->mutable_hash(), *r);
                    continue;
                }
                auto* e = out->mutable_error();
                e->set_category(r.error().code().category().name());
                e->set_value(r.error().code().value());
                e->set_context(r.error().context());
            }
            return {};
        });
    }

    Status GetPendingNonce(ServerContext* ctx, const v1::GetPendingNonceRequest* request,
                           v1::GetPendingNonceReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const Address sender, get_fixed<20>(request->sender(), "sender"));
            YAO_TRY(const uint64_t nonce, sequencer_.pending_nonce(sender));
            reply->set_nonce(nonce);
            return {};
        });
    }

    Status GetPoolTransaction(ServerContext* ctx, const v1::GetPoolTransactionRequest* request,
                              v1::GetPoolTransactionReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const Hash256 hash, get_fixed<32>(request->hash(), "hash"));
            YAO_TRY(auto tx, sequencer_.pool_transaction(hash));
            if (tx) proto::to_proto(*tx, reply->mutable_tx());
            return {};
        });
    }

    Status GetPoolContent(ServerContext* ctx, const v1::GetPoolContentRequest*,
                          v1::GetPoolContentReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const MempoolContent content, sequencer_.pool_content());
            put_txs(content.pending, reply->mutable_pending());
            put_txs(content.queued, reply->mutable_queued());
            return {};
        });
    }

    Status GetPoolStatus(ServerContext* ctx, const v1::GetPoolStatusRequest*,
                         v1::GetPoolStatusReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const MempoolStatus status, sequencer_.pool_status());
            reply->set_pending(status.pending);
            reply->set_queued(status.queued);
            reply->set_in_flight(status.in_flight);
            return {};
        });
    }

    Status MineNow(ServerContext* ctx, const v1::MineNowRequest*,
                   v1::MineNowReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const uint64_t number, sequencer_.mine_now());
            reply->set_number(number);
            return {};
        });
    }

    Status SetNextTimestamp(ServerContext* ctx, const v1::SetNextTimestampRequest* request,
                            v1::SetNextTimestampReply*) override {
        return handle(*ctx, [&] { return sequencer_.set_next_timestamp(request->timestamp()); });
    }

    Status IncreaseTime(ServerContext* ctx, const v1::IncreaseTimeRequest* request,
                        v1::IncreaseTimeReply*) override {
        return handle(*ctx, [&] { return sequencer_.increase_time(request->seconds()); });
    }

private:
    SequencerService& sequencer_;
};

}  // namespace

yao::grpc::HostedService make_sequencer_service_server(SequencerService& service) {
    register_sequencer_service_errors();
    return {v1::SequencerService::service_full_name(), std::make_shared<Service>(service)};
}

}  // namespace yao::chronos::grpc
