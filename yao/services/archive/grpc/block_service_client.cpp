// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "block_service_client.hpp"

#include <yao/v1/archive.grpc.pb.h>

#include <utility>

#include <yao/chain/errc.hpp>
#include <yao/grpc/client.hpp>
#include <yao/grpc/error_identity.hpp>
#include <yao/proto/errc.hpp>
#include <yao/proto/pb_convert.hpp>
#include <yao/storage/errc.hpp>

#include "convert.hpp"

namespace yao::archive::grpc {
namespace {

using proto::put_bytes;
using yao::grpc::CallOptions;
using yao::grpc::Idempotency;

/// Every BlockService call is a read.
const CallOptions kRead{.idempotency = Idempotency::kIdempotent};

/// An optional block from a reply.
Result<std::optional<storage::StoredBlock>> block_of(const v1::BlockReply& reply) {
    if (!reply.has_block()) return std::optional<storage::StoredBlock>{};
    auto block = from_proto(reply.block());
    if (!block) return proto::within("block", block.error());
    return std::optional{std::move(*block)};
}

/// An optional transaction from a reply.
Result<std::optional<storage::StoredTransaction>> transaction_of(
    const v1::GetTransactionReply& reply) {
    if (!reply.has_transaction()) return std::optional<storage::StoredTransaction>{};
    auto t = from_proto(reply.transaction());
    if (!t) return proto::within("transaction", t.error());
    return std::optional{std::move(*t)};
}

using Stub = v1::BlockService::Stub;

class BlockServiceClient final : public BlockService {
public:
    explicit BlockServiceClient(yao::grpc::Client client)
        : client_{std::move(client)}, stub_{v1::BlockService::NewStub(client_.channel())} {}

    Result<uint64_t> head_number() override {
        v1::HeadNumberReply reply;
        YAO_TRY_VOID(
            client_.unary(kRead, *stub_, &Stub::HeadNumber, v1::HeadNumberRequest{}, reply));
        return reply.number();
    }

    Result<std::optional<storage::StoredBlock>> block_by_number(uint64_t number,
                                                                bool full_transactions) override {
        v1::GetBlockByNumberRequest request;
        request.set_number(number);
        request.set_full_transactions(full_transactions);
        v1::BlockReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetBlockByNumber, request, reply));
        return block_of(reply);
    }

    Result<std::optional<storage::StoredBlock>> block_by_hash(const Hash256& hash,
                                                              bool full_transactions) override {
        v1::GetBlockByHashRequest request;
        put_bytes(request.mutable_hash(), hash);
        request.set_full_transactions(full_transactions);
        v1::BlockReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetBlockByHash, request, reply));
        return block_of(reply);
    }

    Result<std::optional<storage::StoredBlock>> header_by_number(uint64_t number) override {
        v1::GetHeaderByNumberRequest request;
        request.set_number(number);
        v1::BlockReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetHeaderByNumber, request, reply));
        return block_of(reply);
    }

    Result<std::optional<storage::StoredBlock>> header_by_hash(const Hash256& hash) override {
        v1::GetHeaderByHashRequest request;
        put_bytes(request.mutable_hash(), hash);
        v1::BlockReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetHeaderByHash, request, reply));
        return block_of(reply);
    }

    Result<std::optional<storage::StoredTransaction>> transaction(const Hash256& hash) override {
        v1::GetTransactionRequest request;
        put_bytes(request.mutable_hash(), hash);
        v1::GetTransactionReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetTransaction, request, reply));
        return transaction_of(reply);
    }

    Result<std::optional<storage::StoredReceipt>> receipt(const Hash256& txn_hash) override {
        v1::GetTransactionReceiptRequest request;
        put_bytes(request.mutable_transaction_hash(), txn_hash);
        v1::GetTransactionReceiptReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetTransactionReceipt, request, reply));
        if (!reply.has_receipt()) return std::optional<storage::StoredReceipt>{};
        auto r = from_proto(reply.receipt());
        if (!r) return proto::within("receipt", r.error());
        return std::optional{std::move(*r)};
    }

    Result<std::optional<std::vector<storage::StoredReceipt>>> block_receipts(
        uint64_t number) override {
        v1::GetBlockReceiptsRequest request;
        request.set_number(number);
        v1::GetBlockReceiptsReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetBlockReceipts, request, reply));
        if (!reply.found()) return std::optional<std::vector<storage::StoredReceipt>>{};
        std::vector<storage::StoredReceipt> out;
        out.reserve(static_cast<size_t>(reply.receipts_size()));
        for (int i = 0; i < reply.receipts_size(); ++i) {
            auto r = from_proto(reply.receipts(i));
            if (!r) return proto::within(proto::indexed("receipts", i), r.error());
            out.push_back(std::move(*r));
        }
        return std::optional{std::move(out)};
    }

    Result<std::vector<storage::StoredLog>> logs(const storage::LogFilter& filter) override {
        v1::GetLogsRequest request;
        to_proto(filter, &request);
        v1::GetLogsReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetLogs, request, reply));
        std::vector<storage::StoredLog> out;
        out.reserve(static_cast<size_t>(reply.logs_size()));
        for (int i = 0; i < reply.logs_size(); ++i) {
            auto log = from_proto(reply.logs(i));
            if (!log) return proto::within(proto::indexed("logs", i), log.error());
            out.push_back(std::move(*log));
        }
        return out;
    }

    Result<storage::AddressHistoryPage> address_history(
        const storage::AddressHistoryQuery& query) override {
        v1::GetAddressHistoryRequest request;
        to_proto(query, &request);
        v1::GetAddressHistoryReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetAddressHistory, request, reply));
        return from_proto(reply);
    }

    Result<std::optional<storage::StoredTransaction>> transaction_by_sender_and_nonce(
        const Address& sender, uint64_t nonce) override {
        v1::GetTransactionBySenderAndNonceRequest request;
        put_bytes(request.mutable_sender(), sender);
        request.set_nonce(nonce);
        v1::GetTransactionReply reply;
        YAO_TRY_VOID(
            client_.unary(kRead, *stub_, &Stub::GetTransactionBySenderAndNonce, request, reply));
        return transaction_of(reply);
    }

    Result<std::optional<storage::StoredTransaction>> creation_transaction(
        const Address& contract) override {
        v1::GetCreationTransactionRequest request;
        put_bytes(request.mutable_contract(), contract);
        v1::GetTransactionReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetCreationTransaction, request, reply));
        return transaction_of(reply);
    }

private:
    yao::grpc::Client client_;
    std::unique_ptr<Stub> stub_;
};

}  // namespace

void register_block_service_errors() {
    yao::grpc::register_category(storage::storage_category());
    yao::grpc::register_category(chain::chain_category());
    yao::grpc::register_category(proto::proto_category());
}

Result<std::unique_ptr<BlockService>> make_block_service_client(yao::grpc::ClientOptions options) {
    register_block_service_errors();
    YAO_TRY(auto client, yao::grpc::Client::make(std::move(options)));
    return std::make_unique<BlockServiceClient>(std::move(client));
}

}  // namespace yao::archive::grpc
