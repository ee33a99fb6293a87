// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "server.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "test_util/clients.hpp"

namespace yao::rpc {
namespace {

using namespace std::chrono_literals;
using test::HttpClient;
namespace beast = test::beast;
namespace http = test::http;
namespace net = test::net;
namespace websocket = test::websocket;
using tcp = test::tcp;
using test::WsClient;

/// Aborts the test binary if a test hangs (the blocking clients have no timeouts).
class Watchdog {
public:
    Watchdog()
        : thread_{[this] {
              std::unique_lock lock{mu_};
              if (!cv_.wait_for(lock, 90s, [this] { return done_; })) {
                  std::fprintf(stderr, "watchdog: test hung for 90 s\n");
                  std::abort();
              }
          }} {}
    ~Watchdog() {
        {
            std::scoped_lock lock{mu_};
            done_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    bool done_ = false;
    std::thread thread_;
};

/// Polls `pred` until it holds or `timeout` passes.
template <typename Pred>
bool eventually(Pred pred, std::chrono::milliseconds timeout = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

std::string notification(int n) {
    return R"({"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":"0x1",)"
           R"("result":)" +
           std::to_string(n) + "}}";
}

class ServerTest : public ::testing::Test {
protected:
    ServerTest() {
        table_.add("echo", [](const Json& params, Session&) -> MethodResult { return params; });
        table_.add("sleep", [this](const Json& params, Session&) -> MethodResult {
            ++sleeping_;
            std::this_thread::sleep_for(std::chrono::milliseconds{params.at(0).get<int>()});
            return "slept";
        });
        table_.add(
            "heavy_sleep",
            [this](const Json& params, Session&) -> MethodResult {
                ++heavy_started_;
                std::this_thread::sleep_for(std::chrono::milliseconds{params.at(0).get<int>()});
                return "slept";
            },
            Weight::kHeavy);
        table_.add("evm_poke", [](const Json&, Session&) -> MethodResult { return "poked"; });
        table_.add("throws",
                   [](const Json&, Session&) -> MethodResult { throw std::runtime_error("boom"); });
        // Pushes 3 notifications from the handler and 200 more from another thread.
        table_.add("subscribe", [this](const Json&, Session& session) -> MethodResult {
            for (int i = 1; i <= 3; ++i) session.push(notification(i));
            threads_.emplace_back([&session] {
                for (int i = 4; i <= 203; ++i) session.push(notification(i));
            });
            return "0x1";
        });
        table_.add("watch", [this](const Json&, Session& session) -> MethodResult {
            session.on_close([this] {
                std::scoped_lock lock{mu_};
                ++closes_;
                cv_.notify_all();
            });
            return Json{{"websocket", session.is_websocket()}};
        });
        // Pushes 64 KiB notifications from another thread until push() refuses; stops when
        // the session closes (the on_close callback waits for the thread to leave push()).
        table_.add("flood", [this](const Json&, Session& session) -> MethodResult {
            session.on_close([this] {
                flood_stop_ = true;
                std::unique_lock lock{mu_};
                cv_.wait(lock, [this] { return flood_done_; });
                ++closes_;
                cv_.notify_all();
            });
            threads_.emplace_back([this, &session] {
                const std::string big = notification(1) + std::string(64 << 10, ' ');
                while (!flood_stop_) {
                    if (!session.push(big)) {
                        push_refused_ = true;
                        break;
                    }
                    ++pushed_;
                    std::this_thread::sleep_for(1ms);  // slower than the writer
                }
                std::scoped_lock lock{mu_};
                flood_done_ = true;
                cv_.notify_all();
            });
            return true;
        });
    }

    ~ServerTest() override {
        if (server_) server_->stop();
        for (auto& t : threads_) t.join();
    }

    void start(ServerOptions options = {}) {
        options.host = "127.0.0.1";
        options.port = 0;
        if (options.io_threads == 0) options.io_threads = 2;
        auto server = Server::start(std::move(options), rpc_, log::Logger{});
        ASSERT_TRUE(server.has_value()) << server.error().message();
        server_ = std::move(*server);
        port_ = server_->port();
        ASSERT_NE(port_, 0);
    }

    bool wait_closes(int n) {
        std::unique_lock lock{mu_};
        return cv_.wait_for(lock, 10s, [&] { return closes_ >= n; });
    }

    Watchdog watchdog_;
    MethodTable table_;
    JsonRpc rpc_{table_};
    std::unique_ptr<Server> server_;
    uint16_t port_ = 0;
    std::vector<std::thread> threads_;
    std::atomic<int> sleeping_{0};
    std::atomic<int> heavy_started_{0};
    net::io_context ioc_;
    std::mutex mu_;
    std::condition_variable cv_;
    int closes_ = 0;           // guarded by mu_
    bool flood_done_ = false;  // guarded by mu_
    std::atomic<bool> flood_stop_{false};
    std::atomic<bool> push_refused_{false};
    std::atomic<int> pushed_{0};
};

// ---------------------------------------------------------------------------------------------
// HTTP

TEST_F(ServerTest, AnswersSingleAndBatchRequestsOverHttp) {
    start();
    HttpClient client{port_};
    const auto single = client.post(R"({"jsonrpc":"2.0","id":7,"method":"echo","params":[1,"a"]})");
    EXPECT_EQ(single.result(), http::status::ok);
    EXPECT_EQ(single[http::field::content_type], "application/json");
    EXPECT_EQ(single.body(), R"({"jsonrpc":"2.0","id":7,"result":[1,"a"]})");

    const auto batch = client.post(R"([{"jsonrpc":"2.0","id":1,"method":"echo","params":[1]},)"
                                   R"({"jsonrpc":"2.0","method":"echo"},)"
                                   R"({"jsonrpc":"2.0","id":"x","method":"throws"}])");
    EXPECT_EQ(batch.result(), http::status::ok);
    EXPECT_EQ(batch.body(),
              R"([{"jsonrpc":"2.0","id":1,"result":[1]},)"
              R"({"jsonrpc":"2.0","id":"x","error":{"code":-32603,"message":"internal error"}}])");

    const auto note = client.post(R"({"jsonrpc":"2.0","method":"echo"})");
    EXPECT_EQ(note.result(), http::status::ok);
    EXPECT_EQ(note.body(), "");
    EXPECT_EQ(server_->stats().requests, 3u);
}

TEST_F(ServerTest, ReturnsJsonRpcErrorsWithExactCodes) {
    start();
    HttpClient client{port_};
    EXPECT_EQ(client.post("{not json").body(),
              R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}})");
    EXPECT_EQ(client.post(R"({"jsonrpc":"2.0","id":2,"method":"nope"})").body(),
              R"({"jsonrpc":"2.0","id":2,"error":{"code":-32601,)"
              R"("message":"the method nope does not exist/is not available"}})");
    EXPECT_EQ(client.post("[]").body(),
              R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"empty batch"}})");
    EXPECT_EQ(client.post(R"({"jsonrpc":"2.0","id":3,"method":"sleep","params":["x"]})").body(),
              R"({"jsonrpc":"2.0","id":3,"error":{"code":-32602,"message":"[json.exception.)"
              R"(type_error.302] type must be number, but is string"}})");

    std::string batch = "[";
    for (int i = 0; i < 10'000; ++i) {
        if (i != 0) batch += ',';
        batch += R"({"jsonrpc":"2.0","id":)" + std::to_string(i) + R"(,"method":"echo"})";
    }
    batch += ']';
    EXPECT_EQ(client.post(batch).body(),
              R"([{"jsonrpc":"2.0","id":0,"error":{"code":-32600,"message":"batch too large"}}])");
    // The connection is still usable.
    EXPECT_EQ(client.post(R"({"jsonrpc":"2.0","id":4,"method":"echo"})").body(),
              R"({"jsonrpc":"2.0","id":4,"result":null})");
}

TEST_F(ServerTest, KeepsOneConnectionAliveForManyRequests) {
    start();
    HttpClient client{port_};
    for (int i = 0; i < 1000; ++i) {
        const auto res =
            client.post(R"({"jsonrpc":"2.0","id":)" + std::to_string(i) + R"(,"method":"echo"})");
        ASSERT_EQ(res.body(),
                  R"({"jsonrpc":"2.0","id":)" + std::to_string(i) + R"(,"result":null})");
        ASSERT_TRUE(res.keep_alive());
    }
    EXPECT_EQ(server_->stats().connections_total, 1u);
    EXPECT_EQ(server_->stats().requests, 1000u);
}

TEST_F(ServerTest, RefusesBodiesOverTheLimitAndKeepsServing) {
    start();
    {
        // Announced by Content-Length: refused after the header.
        HttpClient client{port_};
        auto req = HttpClient::post_request(std::string(10u << 20, ' '));
        beast::error_code ec;
        http::write(client.socket(), req, ec);  // may fail once the server closes
        const auto res = client.read();
        EXPECT_EQ(res.result(), http::status::payload_too_large);
        EXPECT_FALSE(res.keep_alive());
    }
    {
        // Chunked: refused once the limit is passed.
        HttpClient client{port_};
        auto req = HttpClient::post_request(std::string(10u << 20, ' '));
        req.chunked(true);
        beast::error_code ec;
        http::write(client.socket(), req, ec);
        const auto res = client.read();
        EXPECT_EQ(res.result(), http::status::payload_too_large);
    }
    {
        // Exactly at the limit is accepted (a parse error, but answered).
        ServerOptions defaults;
        std::string body = "[" + std::string(defaults.max_body_bytes - 2, ' ') + "]";
        HttpClient client{port_};
        EXPECT_EQ(client.post(std::move(body)).body(),
                  R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,)"
                  R"("message":"empty batch"}})");
    }
    HttpClient next{port_};
    EXPECT_EQ(next.post(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").body(),
              R"({"jsonrpc":"2.0","id":1,"result":null})");
}

TEST_F(ServerTest, FollowsGethOnContentTypesAndHttpMethods) {
    start();
    HttpClient client{port_};
    const std::string body = R"({"jsonrpc":"2.0","id":1,"method":"echo"})";
    EXPECT_EQ(client.send(HttpClient::post_request(body, "")).result(),
              http::status::unsupported_media_type);
    EXPECT_EQ(client.send(HttpClient::post_request(body, "text/plain")).result(),
              http::status::unsupported_media_type);
    EXPECT_EQ(client.send(HttpClient::post_request(body, "application/json; charset=UTF-8")).body(),
              R"({"jsonrpc":"2.0","id":1,"result":null})");
    EXPECT_EQ(client.send(HttpClient::post_request(body, "application/json-rpc")).result(),
              http::status::ok);

    HttpClient::Request get{http::verb::get, "/", 11};
    const auto health = client.send(get);
    EXPECT_EQ(health.result(), http::status::ok);
    EXPECT_EQ(health.body(), R"({"status":"ok"})");
    HttpClient::Request healthz{http::verb::get, "/healthz?x=1", 11};
    EXPECT_EQ(client.send(healthz).result(), http::status::ok);
    HttpClient::Request other{http::verb::get, "/other", 11};
    EXPECT_EQ(client.send(other).result(), http::status::not_found);
    HttpClient::Request put{http::verb::put, "/", 11};
    put.body() = body;
    EXPECT_EQ(client.send(put).result(), http::status::method_not_allowed);
    // Still alive after all of that.
    EXPECT_EQ(client.post(body).result(), http::status::ok);
}

TEST_F(ServerTest, AnswersExpect100Continue) {
    start();
    HttpClient client{port_};
    const std::string body = R"({"jsonrpc":"2.0","id":1,"method":"echo"})";
    const std::string header =
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nExpect: 100-continue\r\n"
        "Content-Length: " +
        std::to_string(body.size()) + "\r\n\r\n";
    net::write(client.socket(), net::buffer(header));
    std::string interim;
    while (interim.find("\r\n\r\n") == std::string::npos) {
        char c = 0;
        ASSERT_EQ(test::recv_with_timeout(client.socket().native_handle(), &c, 1, 10s), 1);
        interim += c;
    }
    EXPECT_EQ(interim, "HTTP/1.1 100 Continue\r\n\r\n");
    net::write(client.socket(), net::buffer(body));
    EXPECT_EQ(client.read().body(), R"({"jsonrpc":"2.0","id":1,"result":null})");
}

TEST_F(ServerTest, AnswersBadRequestLinesWith400) {
    start();
    HttpClient client{port_};
    const std::string garbage = "GARBAGE\x01 / HTTP/1.1\r\n\r\n";
    net::write(client.socket(), net::buffer(garbage));
    EXPECT_EQ(client.read().result(), http::status::bad_request);
}

TEST_F(ServerTest, SendsCorsHeaders) {
    start(ServerOptions{.cors_origins = "*"});
    HttpClient client{port_};
    HttpClient::Request preflight{http::verb::options, "/", 11};
    preflight.set(http::field::origin, "https://dapp.example");
    preflight.set(http::field::access_control_request_method, "POST");
    preflight.set(http::field::access_control_request_headers, "content-type");
    const auto pre = client.send(preflight);
    EXPECT_EQ(pre.result(), http::status::no_content);
    EXPECT_EQ(pre[http::field::access_control_allow_origin], "*");
    EXPECT_EQ(pre[http::field::access_control_allow_methods], "POST, GET, OPTIONS");
    EXPECT_EQ(pre[http::field::access_control_allow_headers], "content-type");

    auto post = HttpClient::post_request(R"({"jsonrpc":"2.0","id":1,"method":"echo"})");
    post.set(http::field::origin, "https://dapp.example");
    EXPECT_EQ(client.send(post)[http::field::access_control_allow_origin], "*");
}

TEST_F(ServerTest, ByDefaultOnlyPagesOfThisMachineGetCors) {
    start();
    HttpClient client{port_};
    auto post = HttpClient::post_request(R"({"jsonrpc":"2.0","id":1,"method":"echo"})");
    for (const char* origin : {"http://localhost:3000", "http://127.0.0.1:5173", "http://localhost",
                               "https://[::1]:8080"}) {
        post.set(http::field::origin, origin);
        EXPECT_EQ(client.send(post)[http::field::access_control_allow_origin], origin) << origin;
    }
    for (const char* origin : {"https://evil.example", "http://localhost.evil.example",
                               "http://localhost:3000.evil.example", "null"}) {
        post.set(http::field::origin, origin);
        const auto r = client.send(post);
        EXPECT_EQ(r.count(http::field::access_control_allow_origin), 0u) << origin;
    }
}

TEST_F(ServerTest, HostNamesOutsideTheVhostListAreForbidden) {
    start();
    auto post = HttpClient::post_request(R"({"jsonrpc":"2.0","id":1,"method":"echo"})");
    for (const char* host : {"localhost", "localhost:8545", "127.0.0.1:8545", "[::1]:8545",
                             "LOCALHOST"}) {
        HttpClient client{port_};
        post.set(http::field::host, host);
        EXPECT_EQ(client.send(post).result(), http::status::ok) << host;
    }
    for (const char* host : {"evil.example", "evil.example:8545", "rebind.localhost.example"}) {
        HttpClient client{port_};
        post.set(http::field::host, host);
        const auto r = client.send(post);
        EXPECT_EQ(r.result(), http::status::forbidden) << host;
        EXPECT_EQ(r.body(), "invalid host specified\n");
    }
    EXPECT_EQ(server_->stats().forbidden, 3u);
}

TEST_F(ServerTest, WebSocketUpgradesFromForeignOriginsAreForbidden) {
    start();
    {
        WsClient local{port_};  // no Origin: not a browser
        local.send(R"({"jsonrpc":"2.0","id":1,"method":"echo","params":[1]})");
        EXPECT_NE(local.read().find("\"result\":[1]"), std::string::npos);
    }
    websocket::stream<tcp::socket> ws{ioc_};
    ws.next_layer().connect(tcp::endpoint{net::ip::make_address("127.0.0.1"), port_});
    ws.set_option(websocket::stream_base::decorator([](websocket::request_type& req) {
        req.set(http::field::origin, "https://evil.example");
    }));
    beast::error_code ec;
    ws.handshake("127.0.0.1", "/", ec);
    EXPECT_TRUE(ec) << "a foreign page opened a WebSocket";
}

TEST_F(ServerTest, OneAddressCannotTakeEveryConnection) {
    start(ServerOptions{.max_connections_per_ip = 3});
    std::vector<std::unique_ptr<HttpClient>> hog;
    for (int i = 0; i < 3; ++i) {
        hog.push_back(std::make_unique<HttpClient>(port_));
        EXPECT_EQ(hog.back()->post(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").result(),
                  http::status::ok);
    }
    // The fourth from the same address is closed at once; another address is served.
    HttpClient fourth{port_};
    EXPECT_TRUE(test::closed_within(fourth.socket().native_handle(), 5s));
    HttpClient other{port_, "127.0.0.2"};
    EXPECT_EQ(other.post(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").result(),
              http::status::ok);
    // A slot comes back when a connection of the address closes.
    hog.pop_back();
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    bool served = false;
    while (!served && std::chrono::steady_clock::now() < deadline) {
        try {
            HttpClient again{port_};
            served = again.post(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").result() ==
                     http::status::ok;
        } catch (const boost::system::system_error&) {
            std::this_thread::sleep_for(20ms);  // the close is being processed
        }
    }
    EXPECT_TRUE(served);
}

TEST_F(ServerTest, WebSocketsCannotTakeEverySlot) {
    start(ServerOptions{.max_websockets = 2});
    WsClient a{port_};
    WsClient b{port_};
    websocket::stream<tcp::socket> ws{ioc_};
    ws.next_layer().connect(tcp::endpoint{net::ip::make_address("127.0.0.1"), port_});
    beast::error_code ec;
    ws.handshake("127.0.0.1", "/", ec);
    EXPECT_TRUE(ec) << "a third WebSocket was accepted";
    HttpClient http_client{port_};
    EXPECT_EQ(http_client.post(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").result(),
              http::status::ok);
}

TEST_F(ServerTest, ANewConnectionThatSendsNothingIsClosedAfterTheFirstRequestTimeout) {
    start(ServerOptions{.idle_timeout = std::chrono::seconds{60},
                        .first_request_timeout = std::chrono::seconds{1}});
    HttpClient silent{port_};
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_TRUE(test::closed_within(silent.socket().native_handle(), 10s));
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);
    // A kept-alive connection gets the (longer) idle timeout between requests.
    HttpClient kept{port_};
    EXPECT_EQ(kept.post(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").result(), http::status::ok);
    EXPECT_FALSE(test::closed_within(kept.socket().native_handle(), 2s));
}

TEST_F(ServerTest, HeavyMethodsDoNotHoldUpLightOnesOnTheSameIoThread) {
    start(ServerOptions{.io_threads = 1, .heavy_threads = 1, .heavy_queue = 1});
    // One heavy request runs, one waits; the third is refused at once.
    std::vector<std::thread> heavy;
    std::atomic<int> answered{0};
    const auto send_heavy = [this, &heavy, &answered] {
        heavy.emplace_back([this, &answered] {
            HttpClient c{port_};
            const auto r =
                c.post(R"({"jsonrpc":"2.0","id":1,"method":"heavy_sleep","params":[1500]})");
            if (r.body().find("slept") != std::string::npos) ++answered;
        });
    };
    const auto wait_until = [](const std::function<bool()>& done) {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (!done() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(2ms);
        return done();
    };
    send_heavy();
    ASSERT_TRUE(wait_until([this] { return heavy_started_.load() == 1; }));
    send_heavy();  // waits: the only heavy thread is busy
    ASSERT_TRUE(wait_until([this] { return server_->stats().requests == 2; }));
    HttpClient busy{port_};
    EXPECT_NE(busy.post(R"({"jsonrpc":"2.0","id":1,"method":"heavy_sleep","params":[1]})")
                  .body()
                  .find("server busy"),
              std::string::npos);
    // The only io thread still answers light requests at once.
    HttpClient light{port_};
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(light.post(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").result(), http::status::ok);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 500ms);
    for (auto& t : heavy) t.join();
    EXPECT_EQ(answered.load(), 2);
    EXPECT_EQ(server_->stats().busy, 1u);
}

TEST_F(ServerTest, CorsListEchoesOnlyAllowedOrigins) {
    start(ServerOptions{.cors_origins = "https://a.example, https://b.example"});
    HttpClient client{port_};
    auto post = HttpClient::post_request(R"({"jsonrpc":"2.0","id":1,"method":"echo"})");
    post.set(http::field::origin, "https://b.example");
    const auto allowed = client.send(post);
    EXPECT_EQ(allowed[http::field::access_control_allow_origin], "https://b.example");
    EXPECT_EQ(allowed[http::field::vary], "Origin");
    post.set(http::field::origin, "https://evil.example");
    const auto other = client.send(post);
    EXPECT_EQ(other.result(), http::status::ok);
    EXPECT_EQ(other.count(http::field::access_control_allow_origin), 0u);
}

TEST_F(ServerTest, CutsOffSlowHeadersWhileServingOthers) {
    start(ServerOptions{.header_timeout = std::chrono::seconds{1}});
    HttpClient slow{port_};
    const int fd = slow.socket().native_handle();
    const std::string header =
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    bool cut = false;
    HttpClient fast{port_};
    const auto started = std::chrono::steady_clock::now();
    for (size_t i = 0; i < header.size() * 10 && !cut; ++i) {
        const char c = header[i % header.size()];
        if (::send(fd, &c, 1, MSG_NOSIGNAL) != 1) {
            cut = true;
            break;
        }
        // Other clients are served meanwhile.
        ASSERT_EQ(fast.post(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").result(),
                  http::status::ok);
        cut = test::closed_within(fd, 200ms);
    }
    EXPECT_TRUE(cut);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 30s);
    // The stream closes the socket on timeout just before the read handler counts it.
    EXPECT_TRUE(eventually([&] { return server_->stats().timeouts == 1; }));
}

TEST_F(ServerTest, RefusesConnectionsOverTheLimit) {
    start(ServerOptions{.max_connections = 3});
    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<HttpClient>(port_));
        ASSERT_EQ(clients.back()->post(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").result(),
                  http::status::ok);
    }
    HttpClient extra{port_};  // the kernel accepts; the server closes it at once
    EXPECT_TRUE(test::closed_within(extra.socket().native_handle(), 10s));
    EXPECT_EQ(server_->stats().connections_refused, 1u);
    EXPECT_EQ(server_->stats().connections_active, 3u);

    clients.pop_back();
    ASSERT_TRUE(eventually([&] { return server_->stats().connections_active == 2; }));
    HttpClient again{port_};
    EXPECT_EQ(again.post(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").result(), http::status::ok);
}

TEST_F(ServerTest, RateLimitsEachClientAddressSeparately) {
    start(ServerOptions{.rate_limit_per_client = 0.01, .rate_limit_burst = 3});
    const std::string body = R"({"jsonrpc":"2.0","id":1,"method":"echo"})";
    HttpClient a{port_, "127.0.0.1"};
    for (int i = 0; i < 3; ++i) EXPECT_EQ(a.post(body).result(), http::status::ok);
    const auto limited = a.post(body);
    EXPECT_EQ(limited.result(), http::status::too_many_requests);
    EXPECT_EQ(limited[http::field::retry_after], "1");
    EXPECT_EQ(limited.body(), R"({"jsonrpc":"2.0","id":null,"error":{"code":-32005,)"
                              R"("message":"request rate limited"}})");
    // Another connection from the same address shares the bucket.
    HttpClient a2{port_, "127.0.0.1"};
    EXPECT_EQ(a2.post(body).result(), http::status::too_many_requests);
    // Another address has its own.
    HttpClient b{port_, "127.0.0.2"};
    EXPECT_EQ(b.post(body).result(), http::status::ok);
    EXPECT_EQ(server_->stats().rate_limited, 2u);
    EXPECT_EQ(server_->stats().requests, 4u);
}

TEST_F(ServerTest, OnCloseRunsWhenAnHttpConnectionEnds) {
    start();
    {
        HttpClient client{port_};
        EXPECT_EQ(client.post(R"({"jsonrpc":"2.0","id":1,"method":"watch"})").body(),
                  R"({"jsonrpc":"2.0","id":1,"result":{"websocket":false}})");
    }
    EXPECT_TRUE(wait_closes(1));
}

// ---------------------------------------------------------------------------------------------
// WebSocket

TEST_F(ServerTest, AnswersRequestsAndBatchesOverWebSocket) {
    start();
    WsClient ws{port_};
    ws.send(R"({"jsonrpc":"2.0","id":1,"method":"echo","params":["hi"]})");
    EXPECT_EQ(ws.read(), R"({"jsonrpc":"2.0","id":1,"result":["hi"]})");
    ws.send(R"([{"jsonrpc":"2.0","id":2,"method":"echo"},{"jsonrpc":"2.0","id":3,"method":"x"}])");
    EXPECT_EQ(ws.read(), R"([{"jsonrpc":"2.0","id":2,"result":null},)"
                         R"({"jsonrpc":"2.0","id":3,"error":{"code":-32601,)"
                         R"("message":"the method x does not exist/is not available"}}])");
    ws.send("{oops");
    EXPECT_EQ(ws.read(),
              R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}})");
    // A notification gets nothing; the next answer is for the next call.
    ws.send(R"({"jsonrpc":"2.0","method":"echo"})");
    ws.send(R"({"jsonrpc":"2.0","id":4,"method":"watch"})");
    EXPECT_EQ(ws.read(), R"({"jsonrpc":"2.0","id":4,"result":{"websocket":true}})");
    EXPECT_EQ(server_->stats().websockets_active, 1u);
    EXPECT_EQ(server_->stats().connections_active, 1u);
}

TEST_F(ServerTest, PushesNotificationsInOrderAfterTheResponse) {
    start();
    WsClient ws{port_};
    ws.send(R"({"jsonrpc":"2.0","id":1,"method":"subscribe"})");
    EXPECT_EQ(ws.read(), R"({"jsonrpc":"2.0","id":1,"result":"0x1"})");
    for (int i = 1; i <= 203; ++i) ASSERT_EQ(ws.read(), notification(i));
}

TEST_F(ServerTest, RunsOnCloseWhenAWebSocketDisconnects) {
    start();
    {
        WsClient ws{port_};
        ws.send(R"({"jsonrpc":"2.0","id":1,"method":"watch"})");
        EXPECT_EQ(ws.read(), R"({"jsonrpc":"2.0","id":1,"result":{"websocket":true}})");
        ws.stream().close(websocket::close_code::normal);
    }
    EXPECT_TRUE(wait_closes(1));
    {
        WsClient ws{port_};
        ws.send(R"({"jsonrpc":"2.0","id":1,"method":"watch"})");
        EXPECT_EQ(ws.read(), R"({"jsonrpc":"2.0","id":1,"result":{"websocket":true}})");
        // Dropped without a close frame.
    }
    EXPECT_TRUE(wait_closes(2));
    EXPECT_TRUE(eventually([&] { return server_->stats().connections_active == 0; }));
    EXPECT_EQ(server_->stats().websockets_active, 0u);
}

TEST_F(ServerTest, RateLimitsWebSocketMessages) {
    start(ServerOptions{.rate_limit_per_client = 0.01, .rate_limit_burst = 2});
    WsClient ws{port_};
    ws.send(R"({"jsonrpc":"2.0","id":1,"method":"echo"})");
    ws.send(R"({"jsonrpc":"2.0","id":2,"method":"echo"})");
    ws.send(R"({"jsonrpc":"2.0","id":3,"method":"echo"})");
    EXPECT_EQ(ws.read(), R"({"jsonrpc":"2.0","id":1,"result":null})");
    EXPECT_EQ(ws.read(), R"({"jsonrpc":"2.0","id":2,"result":null})");
    EXPECT_EQ(ws.read(), R"({"jsonrpc":"2.0","id":null,"error":{"code":-32005,)"
                         R"("message":"request rate limited"}})");
}

TEST_F(ServerTest, DisconnectsAWebSocketThatDoesNotRead) {
    start(ServerOptions{.ws_max_queue = 8});
    WsClient ws{port_};
    ws.send(R"({"jsonrpc":"2.0","id":1,"method":"flood"})");
    // Never read: the kernel buffers fill, then the queue (8 texts), then the session is closed.
    EXPECT_TRUE(wait_closes(1));
    EXPECT_TRUE(push_refused_.load());
    EXPECT_GE(pushed_.load(), 8);
    EXPECT_EQ(server_->stats().ws_overflows, 1u);
    EXPECT_TRUE(eventually([&] { return server_->stats().connections_active == 0; }));
    // Others are still served.
    HttpClient client{port_};
    EXPECT_EQ(client.post(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").result(),
              http::status::ok);
}

TEST_F(ServerTest, RefusesWebSocketMessagesOverTheLimit) {
    start(ServerOptions{.ws_max_message = 1024});
    WsClient ws{port_};
    ws.send(std::string(2048, ' '));
    const auto ec = ws.read_until_closed();
    EXPECT_TRUE(ec) << ec.message();
    EXPECT_TRUE(eventually([&] { return server_->stats().connections_active == 0; }));
}

// ---------------------------------------------------------------------------------------------
// Shutdown

TEST_F(ServerTest, StopFinishesTheRequestInFlight) {
    start();
    auto reply = std::async(std::launch::async, [this] {
        HttpClient client{port_};
        return client.post(R"({"jsonrpc":"2.0","id":1,"method":"sleep","params":[400]})");
    });
    HttpClient idle{port_};  // an idle keep-alive connection is closed
    ASSERT_EQ(idle.post(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").result(), http::status::ok);
    ASSERT_TRUE(eventually([&] { return sleeping_.load() == 1; }));
    server_->stop();
    const auto res = reply.get();
    EXPECT_EQ(res.result(), http::status::ok);
    EXPECT_EQ(res.body(), R"({"jsonrpc":"2.0","id":1,"result":"slept"})");
    EXPECT_FALSE(res.keep_alive());
    EXPECT_TRUE(test::closed_within(idle.socket().native_handle(), 1s));
    EXPECT_EQ(server_->stats().connections_active, 0u);
    // No longer accepting.
    net::io_context ioc;
    tcp::socket s{ioc};
    beast::error_code ec;
    s.connect(tcp::endpoint{net::ip::make_address("127.0.0.1"), port_}, ec);
    EXPECT_TRUE(ec);
}

TEST_F(ServerTest, StopClosesWebSocketsWithACloseFrame) {
    start();
    WsClient ws{port_};
    ws.send(R"({"jsonrpc":"2.0","id":1,"method":"watch"})");
    EXPECT_EQ(ws.read(), R"({"jsonrpc":"2.0","id":1,"result":{"websocket":true}})");
    auto closed = std::async(std::launch::async, [&] { return ws.read_until_closed(); });
    server_->stop();
    EXPECT_EQ(closed.get(), websocket::error::closed);
    EXPECT_EQ(ws.stream().reason().code, websocket::close_code::going_away);
    EXPECT_TRUE(wait_closes(1));
    EXPECT_EQ(server_->stats().connections_active, 0u);
}

TEST_F(ServerTest, FailsToStartOnAPortInUse) {
    start();
    auto second = Server::start(ServerOptions{.host = "127.0.0.1", .port = port_, .io_threads = 1},
                                rpc_, log::Logger{});
    ASSERT_FALSE(second.has_value());
    EXPECT_EQ(second.error().code(), std::errc::address_in_use);
}

TEST_F(ServerTest, CredentialsRolesAndTheAddressAllowlistAreEnforced) {
    ServerOptions o;
    o.auth.api_keys.push_back({"reader", "reader-key-0123456789", kRoleRead});
    o.auth.api_keys.push_back({"boss", "admin-key-0123456789ab", kAllRoles});
    start(o);
    const std::string echo = R"({"jsonrpc":"2.0","id":1,"method":"echo","params":[1]})";
    const std::string poke = R"({"jsonrpc":"2.0","id":2,"method":"evm_poke"})";
    HttpClient client{port_};
    // No credentials, or wrong ones: 401 with a JSON-RPC error.
    auto r = client.post(echo);
    EXPECT_EQ(r.result(), http::status::unauthorized);
    EXPECT_EQ(r[http::field::www_authenticate], "Bearer");
    EXPECT_EQ(Json::parse(r.body())["error"]["code"], kUnauthorized);
    HttpClient second{port_};
    auto req = HttpClient::post_request(echo);
    req.set(http::field::authorization, "Bearer reader-key-0123456789-wrong");
    EXPECT_EQ(second.send(req).result(), http::status::unauthorized);
    // A read key may read, not call admin methods; an admin key may.
    HttpClient third{port_};
    req.set(http::field::authorization, "Bearer reader-key-0123456789");
    EXPECT_EQ(Json::parse(third.send(req).body())["result"], Json::array({1}));
    auto denied = HttpClient::post_request(poke);
    denied.set(http::field::authorization, "Bearer reader-key-0123456789");
    const Json d = Json::parse(third.send(denied).body());
    EXPECT_EQ(d["error"]["code"], kPermissionDenied);
    EXPECT_EQ(d["error"]["message"], "permission denied: evm_poke needs the admin role");
    auto allowed = HttpClient::post_request(poke);
    allowed.set("X-API-Key", "admin-key-0123456789ab");
    EXPECT_EQ(Json::parse(third.send(allowed).body())["result"], "poked");
    // The health check needs no credentials.
    HttpClient::Request health{http::verb::get, "/healthz", 11};
    EXPECT_EQ(third.send(health).result(), http::status::ok);
    // A WebSocket authenticates at its upgrade.
    {
        websocket::stream<tcp::socket> ws{ioc_};
        ws.next_layer().connect(tcp::endpoint{net::ip::make_address("127.0.0.1"), port_});
        beast::error_code ec;
        ws.handshake("127.0.0.1", "/", ec);
        EXPECT_TRUE(ec) << "a WebSocket without credentials was accepted";
    }
    websocket::stream<tcp::socket> ws{ioc_};
    ws.next_layer().connect(tcp::endpoint{net::ip::make_address("127.0.0.1"), port_});
    ws.set_option(websocket::stream_base::decorator([](websocket::request_type& up) {
        up.set(http::field::authorization, "Bearer reader-key-0123456789");
    }));
    ws.handshake("127.0.0.1", "/");
    ws.write(net::buffer(poke));
    beast::flat_buffer buffer;
    ws.read(buffer);
    EXPECT_NE(beast::buffers_to_string(buffer.data()).find("needs the admin role"), std::string::npos);
}

TEST_F(ServerTest, OneKeyCannotTakeEveryConnection) {
    ServerOptions o;
    o.max_connections_per_key = 2;
    o.auth.api_keys.push_back({"bot", "bot-key-0123456789ab", kRoleRead});
    o.auth.api_keys.push_back({"other", "other-key-0123456789", kRoleRead});
    start(o);
    auto req = HttpClient::post_request(R"({"jsonrpc":"2.0","id":1,"method":"echo"})");
    req.set(http::field::authorization, "Bearer bot-key-0123456789ab");
    HttpClient a{port_};
    HttpClient b{port_};
    EXPECT_EQ(a.send(req).result(), http::status::ok);
    EXPECT_EQ(b.send(req).result(), http::status::ok);
    EXPECT_EQ(b.send(req).result(), http::status::ok);  // the same connection counts once
    HttpClient c{port_};
    const auto refused = c.send(req);
    EXPECT_EQ(refused.result(), http::status::too_many_requests);
    EXPECT_EQ(Json::parse(refused.body())["error"]["message"], "too many connections for this key");
    HttpClient d{port_};
    req.set(http::field::authorization, "Bearer other-key-0123456789");
    EXPECT_EQ(d.send(req).result(), http::status::ok);
}

TEST_F(ServerTest, AddressesOutsideTheAllowlistGet403) {
    ServerOptions o;
    o.auth.ip_allowlist = {"127.0.0.2/32"};
    start(o);
    HttpClient outside{port_};
    const auto r = outside.post(R"({"jsonrpc":"2.0","id":1,"method":"echo"})");
    EXPECT_EQ(r.result(), http::status::forbidden);
    EXPECT_EQ(Json::parse(r.body())["error"]["message"], "forbidden: address not allowed");
    HttpClient inside{port_, "127.0.0.2"};
    EXPECT_EQ(inside.post(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").result(), http::status::ok);
}

}  // namespace
}  // namespace yao::rpc
