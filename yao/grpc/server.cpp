// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "server.hpp"

#include "credentials.hpp"

#include <yao/grpc/errc.hpp>

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <mutex>

namespace yao::grpc {

struct Server::Impl {
    ServerOptions options;
    /// Outlives `server` (declared first, destroyed last).
    std::unique_ptr<::grpc::CallbackGenericService> planned;
    std::unique_ptr<::grpc::Server> server;
    std::string address;
    std::uint16_t port = 0;
    std::mutex mutex;  // guards stopped and the health calls against shutdown
    bool stopped = false;
};

namespace {

// The host part of "host:port" / "[v6]:port" (kept with its brackets, so host + ":" + port dials).
std::string listen_host(const std::string& address) {
    auto colon = address.rfind(':');
    if (colon == std::string::npos) return address;
    return address.substr(0, colon);
}

/// Answers every call the registered services do not take: UNIMPLEMENTED, with what is missing
/// for the planned services of ServerOptions::planned.
class PlannedServices final : public ::grpc::CallbackGenericService {
public:
    explicit PlannedServices(std::map<std::string, std::string> planned)
        : planned_{std::move(planned)} {}

    ::grpc::ServerGenericBidiReactor* CreateReactor(
        ::grpc::GenericCallbackServerContext* ctx) override {
        // The path is "/package.Service/Method".
        const std::string& path = ctx->method();
        const size_t slash = path.find('/', 1);
        const std::string service = slash == std::string::npos ? path.substr(1) : path.substr(1, slash - 1);
        std::string message = "unknown method " + path;
        if (auto it = planned_.find(service); it != planned_.end())
            message = path.substr(1) + " is not built yet: " + it->second;
        class Reactor final : public ::grpc::ServerGenericBidiReactor {
        public:
            explicit Reactor(std::string text) {
                Finish(::grpc::Status(::grpc::StatusCode::UNIMPLEMENTED, std::move(text)));
            }
            void OnDone() override { delete this; }
        };
        return new Reactor(std::move(message));
    }

private:
    const std::map<std::string, std::string> planned_;
};

}  // namespace

Result<std::unique_ptr<Server>> Server::start(const ServerOptions& options,
                                              std::vector<ServiceEntry> services) {
    // grpc++ 1.51 cannot start a server without a service (no completion queue would be polled).
    if (services.empty()) return fail(Errc::kInvalidArgument, "a server needs a service");
    YAO_TRY(auto credentials, detail::server_credentials(options.tls));
    // A process-wide switch of grpc++: servers built after it carry grpc.health.v1.Health.
    ::grpc::EnableDefaultHealthCheckService(true);

    auto impl = std::make_unique<Impl>();
    impl->options = options;
    ::grpc::ServerBuilder builder;
    int selected_port = 0;
    builder.AddListeningPort(options.listen_address, credentials, &selected_port);
    // No SO_REUSEPORT: a second server on a taken port must fail, not share it silently.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    builder.SetMaxReceiveMessageSize(options.max_message_bytes);
    builder.SetMaxSendMessageSize(options.max_message_bytes);
    for (const auto& entry : services) {
        if (entry.service == nullptr)
            return fail(Errc::kInvalidArgument, "service '" + entry.name + "' is null");
        builder.RegisterService(entry.service);
    }
    if (!options.planned.empty()) {
        impl->planned = std::make_unique<PlannedServices>(options.planned);
        builder.RegisterCallbackGenericService(impl->planned.get());
    }
    impl->server = builder.BuildAndStart();
    if (!impl->server || selected_port <= 0 || selected_port > 65535)
        return fail(Errc::kUnavailable, "cannot listen on " + options.listen_address);
    impl->port = static_cast<std::uint16_t>(selected_port);
    impl->address = listen_host(options.listen_address) + ":" + std::to_string(selected_port);

    auto* health = impl->server->GetHealthCheckService();
    health->SetServingStatus("", true);  // the server as a whole
    for (const auto& entry : services) health->SetServingStatus(entry.name, entry.serving);
    return std::unique_ptr<Server>{new Server{std::move(impl)}};
}

Server::Server(std::unique_ptr<Impl> impl) : impl_{std::move(impl)} {}

Server::~Server() {
    shutdown();
}

std::uint16_t Server::port() const noexcept {
    return impl_->port;
}

const std::string& Server::address() const noexcept {
    return impl_->address;
}

void Server::set_serving(std::string_view service, bool serving) {
    std::lock_guard lock{impl_->mutex};
    if (impl_->stopped) return;
    // The string overload: SetServingStatus(bool) would set every service, not just "".
    impl_->server->GetHealthCheckService()->SetServingStatus(std::string{service}, serving);
}

void Server::set_all_serving(bool serving) {
    std::lock_guard lock{impl_->mutex};
    if (impl_->stopped) return;
    // SetServingStatus(bool) covers "" and every service already known to the health service.
    impl_->server->GetHealthCheckService()->SetServingStatus(serving);
}

void Server::shutdown() {
    shutdown(impl_->options.shutdown_grace);
}

void Server::shutdown(std::chrono::milliseconds grace) {
    {
        std::lock_guard lock{impl_->mutex};
        if (impl_->stopped) return;
        impl_->stopped = true;
        // Every status NOT_SERVING and frozen, so watchers and probes see the server going away.
        impl_->server->GetHealthCheckService()->Shutdown();
    }
    impl_->server->Shutdown(std::chrono::system_clock::now() + grace);
    impl_->server->Wait();
}

}  // namespace yao::grpc
