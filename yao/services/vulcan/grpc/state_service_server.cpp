// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "state_service_server.hpp"

#include <yao/v1/vulcan.grpc.pb.h>

#include <yao/grpc/handler.hpp>
#include <yao/proto/pb_convert.hpp>

#include "state_service_client.hpp"

namespace yao::vulcan::grpc {
namespace {

using ::grpc::ServerContext;
using ::grpc::Status;
using proto::get_fixed;
using proto::put_bytes;
using yao::grpc::handle;

class Service final : public v1::StateService::Service {
public:
    explicit Service(StateService& state) : state_{state} {}

    Status GetAccount(ServerContext* ctx, const v1::GetAccountRequest* request,
                      v1::GetAccountReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const Address addr, get_fixed<20>(request->address(), "address"));
            YAO_TRY(auto account, state_.account(addr, at_block(*request)));
            if (account) proto::to_proto(*account, reply->mutable_account());
            return {};
        });
    }

    Status GetStorageAt(ServerContext* ctx, const v1::GetStorageAtRequest* request,
                        v1::GetStorageAtReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const Address addr, get_fixed<20>(request->address(), "address"));
            YAO_TRY(const Hash256 slot, get_fixed<32>(request->slot(), "slot"));
            YAO_TRY(const Hash256 value, state_.storage(addr, slot, at_block(*request)));
            put_bytes(reply->mutable_value(), value);
            return {};
        });
    }

    Status GetCode(ServerContext* ctx, const v1::GetCodeRequest* request,
                   v1::GetCodeReply* reply) override {
        return handle(*ctx, [&]() -> Result<void> {
            YAO_TRY(const Hash256 code_hash, get_fixed<32>(request->code_hash(), "code_hash"));
            YAO_TRY(auto code, state_.code(code_hash));
            if (code) put_bytes(reply->mutable_code(), *code);
            return {};
        });
    }

private:
    template <typename Request>
    static AtBlock at_block(const Request& request) {
        return request.has_block_number() ? AtBlock{request.block_number()} : AtBlock{};
    }

    StateService& state_;
};

}  // namespace

yao::grpc::HostedService make_state_service_server(StateService& service) {
    register_state_service_errors();
    return {v1::StateService::service_full_name(), std::make_shared<Service>(service)};
}

}  // namespace yao::vulcan::grpc
