// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "block_service_server.hpp"

#include <yao/v1/archive.grpc.pb.h>

#include <yao/grpc/handler.hpp>
#include <yao/proto/pb_convert.hpp>

#include "block_service_client.hpp"
#include "convert.hpp"

namespace yao::archive::grpc {
namespace {

using ::grpc::ServerContext;
using ::grpc::Status;
using proto::get_fixed;
using yao::grpc::handle;

/// Fills a BlockReply from an optional block.
void put_block(const std::optional<storage::StoredBlock>& block, v1::BlockReply* reply) {
    if (block) to_proto(*block, reply->mutable_block());
}

class Service final : public v1::BlockService::Service {
public:
    explicit Service(BlockService& blocks) : blocks_{blocks} {}

    Status HeadNumber(ServerContext* ctx, const v1::HeadNumberRequest*,
                      v1::HeadNumberReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const uint64_t head, blocks_.head_number());
            reply->set_number(head);
            return {};
        });
    }

    Status GetBlockByNumber(ServerContext* ctx, const v1::GetBlockByNumberRequest* request,
                            v1::BlockReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(auto block,
                    blocks_.block_by_number(request->number(), request->full_transactions()));
            put_block(block, reply);
            return {};
        });
    }

    Status GetBlockByHash(ServerContext* ctx, const v1::GetBlockByHashRequest* request,
                          v1::BlockReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const Hash256 hash, get_fixed<32>(request->hash(), "hash"));
            YAO_TRY(auto block, blocks_.block_by_hash(hash, request->full_transactions()));
            put_block(block, reply);
            return {};
        });
    }

    Status GetHeaderByNumber(ServerContext* ctx, const v1::GetHeaderByNumberRequest* request,
                             v1::BlockReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(auto block, blocks_.header_by_number(request->number()));
            put_block(block, reply);
            return {};
        });
    }

    Status GetHeaderByHash(ServerContext* ctx, const v1::GetHeaderByHashRequest* request,
                           v1::BlockReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const Hash256 hash, get_fixed<32>(request->hash(), "hash"));
            YAO_TRY(auto block, blocks_.header_by_hash(hash));
            put_block(block, reply);
            return {};
        });
    }

    Status GetTransaction(ServerContext* ctx, const v1::GetTransactionRequest* request,
                          v1::GetTransactionReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const Hash256 hash, get_fixed<32>(request->hash(), "hash"));
            YAO_TRY(auto t, blocks_.transaction(hash));
            if (t) to_proto(*t, reply->mutable_transaction());
            return {};
        });
    }

    Status GetTransactionReceipt(ServerContext* ctx,
                                 const v1::GetTransactionReceiptRequest* request,
                                 v1::GetTransactionReceiptReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const Hash256 hash,
                    get_fixed<32>(request->transaction_hash(), "transaction_hash"));
            YAO_TRY(auto r, blocks_.receipt(hash));
            if (r) to_proto(*r, reply->mutable_receipt());
            return {};
        });
    }

    Status GetBlockReceipts(ServerContext* ctx, const v1::GetBlockReceiptsRequest* request,
                            v1::GetBlockReceiptsReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(auto receipts, blocks_.block_receipts(request->number()));
            reply->set_found(receipts.has_value());
            if (receipts) {
                reply->mutable_receipts()->Reserve(static_cast<int>(receipts->size()));
                for (const auto& r : *receipts) to_proto(r, reply->add_receipts());
            }
            return {};
        });
    }

    Status GetLogs(ServerContext* ctx, const v1::GetLogsRequest* request,
                   v1::GetLogsReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const storage::LogFilter filter, from_proto(*request));
            YAO_TRY(auto logs, blocks_.logs(filter));
            reply->mutable_logs()->Reserve(static_cast<int>(logs.size()));
            for (const auto& log : logs) to_proto(log, reply->add_logs());
            return {};
        });
    }

    Status GetAddressHistory(ServerContext* ctx, const v1::GetAddressHistoryRequest* request,
                             v1::GetAddressHistoryReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const storage::AddressHistoryQuery query, from_proto(*request));
            YAO_TRY(const auto page, blocks_.address_history(query));
            to_proto(page, reply);
            return {};
        });
    }

    Status GetTransactionBySenderAndNonce(ServerContext* ctx,
                                          const v1::GetTransactionBySenderAndNonceRequest* request,
                                          v1::GetTransactionReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const Address sender, get_fixed<20>(request->sender(), "sender"));
            YAO_TRY(auto t, blocks_.transaction_by_sender_and_nonce(sender, request->nonce()));
            if (t) to_proto(*t, reply->mutable_transaction());
            return {};
        });
    }

    Status GetCreationTransaction(ServerContext* ctx,
                                  const v1::GetCreationTransactionRequest* request,
                                  v1::GetTransactionReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const Address contract, get_fixed<20>(request->contract(), "contract"));
            YAO_TRY(auto t, blocks_.creation_transaction(contract));
            if (t) to_proto(*t, reply->mutable_transaction());
            return {};
        });
    }

private:
    BlockService& blocks_;
};

}  // namespace

yao::grpc::HostedService make_block_service_server(BlockService& service) {
    register_block_service_errors();
    return {v1::BlockService::service_full_name(), std::make_shared<Service>(service)};
}

}  // namespace yao::archive::grpc
