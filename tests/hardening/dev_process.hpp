// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// A real `yaoverse dev` for the hardening tests: started on a free port in a temporary data
// directory, JSON-RPC over fresh loopback connections with deadlines (a hostile test must not
// hang), its memory read from /proc, and a prober that keeps asking eth_blockNumber from
// another local address while an attack runs.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include <yao/common/bytes.hpp>
#include <yao/storage/test_util/server_process.hpp>

namespace yao::hardening {

using Json = nlohmann::json;
using namespace std::chrono_literals;

/// Hardhat's dev account #0 (funded with 10,000 ETH by `yaoverse dev`) and its key.
inline constexpr std::string_view kDevKey0 =
    "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
inline constexpr std::string_view kDevAddress0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

/// One HTTP exchange on a new connection from `from` (a 127.x.y.z address): the raw response
/// (status line, headers, body), or nullopt when nothing complete came back within `timeout`.
std::optional<std::string> http_exchange(uint16_t port, std::string_view request,
                                         std::chrono::milliseconds timeout,
                                         std::string_view from = "127.0.0.1");
/// A POST / of `body` (application/json) as an HTTP/1.1 request text, Connection: close.
std::string post_request(std::string_view body, std::string_view extra_headers = {});
/// The body of a raw HTTP response ("" when malformed).
std::string body_of(const std::string& response);

/// Writes a JSON configuration into a fresh temporary file that lives as long as the test
/// binary; its path (for `--config`).
std::string write_config(const std::string& json);

/// A connected TCP socket from `from` to 127.0.0.1:port, or -1.
int connect_from(uint16_t port, std::string_view from = "127.0.0.1");

class DevProcess {
public:
    /// Starts `yaoverse dev --data-dir <tmp> --rpc-port 0 --log-level warn <extra...>` and waits
    /// for its "Listening on" line.
    void start(std::vector<std::string> extra = {});
    ~DevProcess();

    uint16_t port() const noexcept { return port_; }
    const std::string& data_dir() const { return dir_->path(); }
    const std::string& log_path() const noexcept { return log_path_; }
    std::string log_text() const;
    storage::test_util::ServerProcess& process() noexcept { return process_; }

    /// One JSON-RPC call; the whole response object. Fails the test (and returns null) when no
    /// response came within `timeout`.
    Json call(std::string_view method, Json params = Json::array(),
              std::chrono::milliseconds timeout = 30s, std::string_view from = "127.0.0.1");
    /// The raw response text to `body` (a request, a batch or anything else).
    std::optional<std::string> post(std::string_view body, std::chrono::milliseconds timeout = 30s,
                                    std::string_view from = "127.0.0.1");
    /// eth_blockNumber as a number (0 and a test failure when it is not answered).
    uint64_t block_number();
    /// Waits until the node's log contains `text`; false after `timeout`.
    bool wait_log(std::string_view text, std::chrono::milliseconds timeout = 30s) const;
    /// Waits until a receipt for `hash` exists; false after `timeout`.
    bool wait_receipt(std::string_view hash, std::chrono::milliseconds timeout = 30s);

    /// Resident memory now and at its peak (VmRSS, VmHWM), bytes.
    uint64_t rss_bytes() const;
    uint64_t peak_rss_bytes() const;

private:
    std::optional<storage::test_util::TempDir> dir_;
    storage::test_util::ServerProcess process_;
    std::string log_path_;
    uint16_t port_ = 0;
};

/// A signed EIP-1559 transfer from dev account #0 as "0x..." hex.
struct TransferSpec {
    uint64_t nonce = 0;
    uint64_t gas = 21'000;
    std::string max_fee = "3000000000";      ///< decimal or 0x-hex wei
    std::string priority_fee = "1000000000";
    std::string value = "1";
    std::string to = "0x00000000000000000000000000000000000000de";  ///< "" creates a contract
    Bytes data;
    std::string key{kDevKey0};
};
std::string signed_transfer(const TransferSpec& spec);

/// Asks eth_blockNumber every 50 ms on a new connection from 127.0.0.2 until stopped, and
/// records the slowest answer (a missing answer counts as the timeout).
class Prober {
public:
    explicit Prober(uint16_t port, std::chrono::milliseconds timeout = 5s);
    ~Prober();
    /// Stops probing; the slowest answer seen.
    std::chrono::milliseconds stop();
    uint64_t answered() const noexcept { return answered_.load(); }
    uint64_t failed() const noexcept { return failed_.load(); }

private:
    void run();
    uint16_t port_;
    std::chrono::milliseconds timeout_;
    std::atomic<bool> stop_{false};
    std::atomic<uint64_t> answered_{0}, failed_{0};
    std::atomic<int64_t> slowest_ms_{0};
    std::thread thread_;
};

}  // namespace yao::hardening
