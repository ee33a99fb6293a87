// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "health.hpp"

#include <grpc/health/v1/health.grpc.pb.h>
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

namespace yao::grpc {

Result<ServingStatus> check_health(const Client& client, std::string_view service,
                                   CallOptions call) {
    auto stub = ::grpc::health::v1::Health::NewStub(client.channel());
    ::grpc::health::v1::HealthCheckRequest request;
    request.set_service(std::string{service});
    ::grpc::health::v1::HealthCheckResponse response;
    YAO_TRY_VOID(client.call(call, [&](::grpc::ClientContext& context) {
        response.Clear();
        return stub->Check(&context, request, &response);
    }));
    switch (response.status()) {
        case ::grpc::health::v1::HealthCheckResponse::SERVING:
            return ServingStatus::kServing;
        case ::grpc::health::v1::HealthCheckResponse::NOT_SERVING:
            return ServingStatus::kNotServing;
        case ::grpc::health::v1::HealthCheckResponse::SERVICE_UNKNOWN:
            return ServingStatus::kServiceUnknown;
        default:
            return ServingStatus::kUnknown;
    }
}

}  // namespace yao::grpc
