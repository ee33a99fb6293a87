// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "server.hpp"

#include "credentials.hpp"

#include <yao/grpc/errc.hpp>

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <grpcpp/support/server_interceptor.h>

#include <map>
#include <mutex>

namespace yao::grpc {

namespace {

/// The calls of every method, filled by the interceptor below.
struct CallTable {
    struct Entry {
        std::array<infra::metrics::Counter, 17> by_code;
        infra::metrics::Histogram latency;
    };
    std::mutex mutex;
    std::map<std::string, std::unique_ptr<Entry>, std::less<>> methods;

    Entry& entry(std::string_view method) {
        std::lock_guard lock{mutex};
        if (auto it = methods.find(method); it != methods.end()) return *it->second;
        // A peer cannot grow the series without bound by calling made-up methods.
        const std::string key = methods.size() < kMaxMethodSeries ? std::string{method} : "other";
        auto& slot = methods[key];
        if (!slot) slot = std::make_unique<Entry>();
        return *slot;
    }
};

/// Records each call's final status and duration (from the interceptor's creation, when the
/// call arrives, to the status being sent).
class CallInterceptor final : public ::grpc::experimental::Interceptor {
public:
    CallInterceptor(CallTable& table, const char* method)
        : entry_{table.entry(method != nullptr ? method : "")}, start_{infra::metrics::now_ns()} {}
    void Intercept(::grpc::experimental::InterceptorBatchMethods* methods) override {
        using Hook = ::grpc::experimental::InterceptionHookPoints;
        if (methods->QueryInterceptionHookPoint(Hook::PRE_SEND_STATUS)) {
            const auto code = static_cast<size_t>(methods->GetSendStatus().error_code());
            entry_.by_code[code < 17 ? code : 2].add();  // 2: UNKNOWN
            entry_.latency.observe_ns(infra::metrics::now_ns() - start_);
        }
        methods->Proceed();
    }

private:
    CallTable::Entry& entry_;
    uint64_t start_;
};

class CallInterceptorFactory final
    : public ::grpc::experimental::ServerInterceptorFactoryInterface {
public:
    explicit CallInterceptorFactory(std::shared_ptr<CallTable> table) : table_{std::move(table)} {}
    ::grpc::experimental::Interceptor* CreateServerInterceptor(
        ::grpc::experimental::ServerRpcInfo* info) override {
        return new CallInterceptor(*table_, info->method());
    }

private:
    std::shared_ptr<CallTable> table_;
};

}  // namespace

std::string_view status_code_name(size_t code) noexcept {
    static constexpr std::array<std::string_view, 17> kNames = {
        "OK",        "CANCELLED",         "UNKNOWN",          "INVALID_ARGUMENT",
        "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",   "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL",      "UNAVAILABLE",      "DATA_LOSS",
        "UNAUTHENTICATED"};
    return code < kNames.size() ? kNames[code] : "UNKNOWN";
}

struct Server::Impl {
    ServerOptions options;
    /// Outlives `server` (declared first, destroyed last).
    std::unique_ptr<::grpc::CallbackGenericService> planned;
    std::unique_ptr<::grpc::Server> server;
    std::string address;
    std::uint16_t port = 0;
    std::mutex mutex;  // guards stopped and the health calls against shutdown
    bool stopped = false;
    std::shared_ptr<CallTable> calls = std::make_shared<CallTable>();
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
    std::vector<std::unique_ptr<::grpc::experimental::ServerInterceptorFactoryInterface>> creators;
    creators.push_back(std::make_unique<CallInterceptorFactory>(impl->calls));
    builder.experimental().SetInterceptorCreators(std::move(creators));
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

std::vector<MethodCalls> Server::calls() const {
    std::vector<MethodCalls> out;
    std::lock_guard lock{impl_->calls->mutex};
    for (const auto& [method, e] : impl_->calls->methods) {
        MethodCalls m;
        m.method = method;
        for (size_t i = 0; i < m.by_code.size(); ++i) m.by_code[i] = e->by_code[i].value();
        m.latency = e->latency.snapshot();
        out.push_back(std::move(m));
    }
    return out;
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
