// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "dev_process.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <yao/chain/transaction.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/uint256.hpp>

namespace yao::hardening {
namespace {

using Clock = std::chrono::steady_clock;

int64_t ms_left(Clock::time_point deadline) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
}

using storage::test_util::port_in_log;

/// The attacks open thousands of sockets from this process: raise the soft limit on open files
/// to the hard one before any test runs.
struct RaiseFileLimit : ::testing::Environment {
    void SetUp() override {
        rlimit files{};
        if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
            files.rlim_cur = files.rlim_max;
            ::setrlimit(RLIMIT_NOFILE, &files);
        }
    }
};
const auto* const kRaiseFileLimit = ::testing::AddGlobalTestEnvironment(new RaiseFileLimit);

}  // namespace

int connect_from(uint16_t port, std::string_view from) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, std::string{from}.c_str(), &local.sin_addr);
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(port);
    remote.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

std::string write_config(const std::string& json) {
    static std::vector<storage::test_util::TempDir> dirs;
    dirs.push_back(storage::test_util::TempDir::make("yao-hardening-config-").value());
    const std::string path = dirs.back().path() + "/config.json";
    std::ofstream{path} << json;
    return path;
}

std::string post_request(std::string_view body, std::string_view extra_headers) {
    std::string r = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    r += extra_headers;
    r += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
    r += body;
    return r;
}

std::optional<std::string> http_exchange(uint16_t port, std::string_view request,
                                         std::chrono::milliseconds timeout, std::string_view from) {
    const auto deadline = Clock::now() + timeout;
    const int fd = connect_from(port, from);
    if (fd < 0) return std::nullopt;
    size_t sent = 0;
    while (sent < request.size()) {
        pollfd p{fd, POLLOUT, 0};
        const int64_t left = ms_left(deadline);
        if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) {
            ::close(fd);
            return std::nullopt;
        }
        const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            ::close(fd);
            return std::nullopt;
        }
        sent += static_cast<size_t>(n);
    }
    // Connection: close: the response ends when the server closes (or Content-Length is met).
    std::string response;
    char buf[65536];
    for (;;) {
        const int64_t left = ms_left(deadline);
        pollfd p{fd, POLLIN, 0};
        if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) {
            ::close(fd);
            return std::nullopt;
        }
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        response.append(buf, static_cast<size_t>(n));
        const size_t head_end = response.find("\r\n\r\n");
        if (head_end == std::string::npos) continue;
        std::string head = response.substr(0, head_end);
        for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const size_t cl = head.find("content-length:");
        if (cl != std::string::npos &&
            response.size() >= head_end + 4 + std::stoull(head.substr(cl + 15))) {
            break;
        }
    }
    ::close(fd);
    if (response.empty()) return std::nullopt;
    return response;
}

std::string body_of(const std::string& response) {
    const size_t at = response.find("\r\n\r\n");
    return at == std::string::npos ? std::string{} : response.substr(at + 4);
}

void DevProcess::start(std::vector<std::string> extra) {
    dir_.emplace(storage::test_util::TempDir::make("yao-hardening-").value());
    log_path_ = dir_->path() + "/dev.log";
    storage::test_util::ServerProcess::Options o;
    o.argv = {YAOVERSE_BINARY, "dev", "--data-dir", dir_->path(), "--rpc-port", "0"};
    if (std::find(extra.begin(), extra.end(), "--log-level") == extra.end()) {
        o.argv.push_back("--log-level");
        o.argv.push_back("warn");
    }
    for (auto& e : extra) o.argv.push_back(std::move(e));
    o.log_path = log_path_;
    o.ready = [this] { return port_in_log(log_path_) != 0; };
    auto started = process_.start(o);
    ASSERT_TRUE(started.has_value()) << started.error().message();
    port_ = port_in_log(log_path_);
}

DevProcess::~DevProcess() { process_.stop(); }

std::string DevProcess::log_text() const {
    std::ifstream log{log_path_};
    std::stringstream text;
    text << log.rdbuf();
    return text.str();
}

std::optional<std::string> DevProcess::post(std::string_view body,
                                            std::chrono::milliseconds timeout,
                                            std::string_view from) {
    auto r = http_exchange(port_, post_request(body), timeout, from);
    if (!r) return std::nullopt;
    return body_of(*r);
}

Json DevProcess::call(std::string_view method, Json params, std::chrono::milliseconds timeout,
                      std::string_view from) {
    const Json req = {{"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", params}};
    auto body = post(req.dump(), timeout, from);
    EXPECT_TRUE(body.has_value()) << method << ": no answer within " << timeout.count() << " ms";
    if (!body) return nullptr;
    Json out = Json::parse(*body, nullptr, false);
    EXPECT_FALSE(out.is_discarded()) << method << ": not JSON: " << body->substr(0, 300);
    return out.is_discarded() ? Json{} : out;
}

uint64_t DevProcess::block_number() {
    Json r = call("eth_blockNumber");
    if (!r.contains("result")) {
        ADD_FAILURE() << "eth_blockNumber: " << r.dump();
        return 0;
    }
    return std::stoull(r["result"].get<std::string>(), nullptr, 16);
}

bool DevProcess::wait_log(std::string_view text, std::chrono::milliseconds timeout) const {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        if (log_text().find(text) != std::string::npos) return true;
        if (Clock::now() > deadline) return false;
        std::this_thread::sleep_for(20ms);
    }
}

bool DevProcess::wait_receipt(std::string_view hash, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        Json r = call("eth_getTransactionReceipt", {hash}, 5s);
        if (r.contains("result") && !r["result"].is_null()) return true;
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

namespace {
uint64_t proc_status_kb(pid_t pid, std::string_view key) {
    std::ifstream status{"/proc/" + std::to_string(pid) + "/status"};
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with(key)) return std::stoull(line.substr(key.size() + 1));
    }
    return 0;
}
}  // namespace

uint64_t DevProcess::rss_bytes() const { return proc_status_kb(process_.pid(), "VmRSS") * 1024; }
uint64_t DevProcess::peak_rss_bytes() const {
    return proc_status_kb(process_.pid(), "VmHWM") * 1024;
}

std::string signed_transfer(const TransferSpec& spec) {
    chain::Transaction t;
    t.type = chain::TxType::kDynamicFee;
    t.chain_id = 31337;
    t.nonce = spec.nonce;
    t.max_priority_fee_per_gas = Uint256::from_string(spec.priority_fee).value();
    t.max_fee_per_gas = Uint256::from_string(spec.max_fee).value();
    t.gas_limit = spec.gas;
    if (!spec.to.empty()) t.to = address_from_hex(spec.to).value();  // empty: a creation
    t.value = Uint256::from_string(spec.value).value();
    t.data = spec.data;
    EXPECT_TRUE(chain::sign_transaction(t, hash_from_hex(spec.key).value()).has_value());
    return to_hex(chain::encode_transaction(t));
}

Prober::Prober(uint16_t port, std::chrono::milliseconds timeout)
    : port_{port}, timeout_{timeout}, thread_{[this] { run(); }} {}

Prober::~Prober() { stop(); }

std::chrono::milliseconds Prober::stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    return std::chrono::milliseconds{slowest_ms_.load()};
}

void Prober::run() {
    const std::string req =
        post_request(R"({"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]})");
    while (!stop_.load()) {
        const auto t0 = Clock::now();
        auto r = http_exchange(port_, req, timeout_, "127.0.0.2");
        const int64_t ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
        if (r && body_of(*r).find("\"result\"") != std::string::npos) {
            ++answered_;
        } else {
            ++failed_;
        }
        int64_t seen = slowest_ms_.load();
        const int64_t value = r ? ms : timeout_.count();
        while (value > seen && !slowest_ms_.compare_exchange_weak(seen, value)) {
        }
        std::this_thread::sleep_for(50ms);
    }
}

}  // namespace yao::hardening
