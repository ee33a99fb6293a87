// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "state_service_client.hpp"

#include <yao/v1/vulcan.grpc.pb.h>

#include <utility>

#include <yao/chain/errc.hpp>
#include <yao/grpc/client.hpp>
#include <yao/grpc/error_identity.hpp>
#include <yao/proto/errc.hpp>
#include <yao/proto/pb_convert.hpp>
#include <yao/storage/errc.hpp>

namespace yao::vulcan::grpc {
namespace {

using proto::put_bytes;
using yao::grpc::CallOptions;
using yao::grpc::Idempotency;

/// Every StateService call is a read.
const CallOptions kRead{.idempotency = Idempotency::kIdempotent};

using Stub = v1::StateService::Stub;

class StateServiceClient final : public StateService {
public:
    explicit StateServiceClient(yao::grpc::Client client)
        : client_{std::move(client)}, stub_{v1::StateService::NewStub(client_.channel())} {}

    Result<std::optional<state::Account>> account(const Address& addr, AtBlock at) override {
        v1::GetAccountRequest request;
        put_bytes(request.mutable_address(), addr);
        if (at) request.set_block_number(*at);
        v1::GetAccountReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetAccount, request, reply));
        if (!reply.has_account()) return std::optional<state::Account>{};
        auto account = proto::from_proto(reply.account());
        if (!account) return proto::within("account", account.error());
        return std::optional{*account};
    }

    Result<Hash256> storage(const Address& addr, const Hash256& slot, AtBlock at) override {
        v1::GetStorageAtRequest request;
        put_bytes(request.mutable_address(), addr);
        put_bytes(request.mutable_slot(), slot);
        if (at) request.set_block_number(*at);
        v1::GetStorageAtReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetStorageAt, request, reply));
        return proto::get_fixed<32>(reply.value(), "value");
    }

    Result<std::optional<Bytes>> code(const Hash256& code_hash) override {
        v1::GetCodeRequest request;
        put_bytes(request.mutable_code_hash(), code_hash);
        v1::GetCodeReply reply;
        YAO_TRY_VOID(client_.unary(kRead, *stub_, &Stub::GetCode, request, reply));
        if (!reply.has_code()) return std::optional<Bytes>{};
        return std::optional{Bytes{proto::bytes_of(reply.code())}};
    }

private:
    yao::grpc::Client client_;
    std::unique_ptr<Stub> stub_;
};

}  // namespace

void register_state_service_errors() {
    yao::grpc::register_category(storage::storage_category());
    yao::grpc::register_category(chain::chain_category());
    yao::grpc::register_category(proto::proto_category());
}

Result<std::unique_ptr<StateService>> make_state_service_client(yao::grpc::ClientOptions options) {
    register_state_service_errors();
    YAO_TRY(auto client, yao::grpc::Client::make(std::move(options)));
    return std::make_unique<StateServiceClient>(std::move(client));
}

}  // namespace yao::vulcan::grpc
