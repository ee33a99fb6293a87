// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include <yao/infra/metrics.hpp>
#include <yao/infra/ops_server.hpp>

namespace yao::infra {
namespace {

using namespace std::chrono_literals;
using metrics::Histogram;
using metrics::Registry;
using metrics::Type;

TEST(Metrics, HistogramPutsEachObservationInItsBucket) {
    Histogram h;
    h.observe_ns(50'000);         // 50 us: the first bucket (<= 100 us)
    h.observe_ns(100'000);        // exactly 100 us: still the first (le is inclusive)
    h.observe_ns(3'000'000);      // 3 ms: <= 5 ms
    h.observe_seconds(20.0);      // beyond 10 s: +Inf only
    const auto s = h.snapshot();
    EXPECT_EQ(s.count, 4u);
    EXPECT_EQ(s.cumulative[0], 2u);   // le 0.0001
    EXPECT_EQ(s.cumulative[4], 2u);   // le 0.0025
    EXPECT_EQ(s.cumulative[5], 3u);   // le 0.005
    EXPECT_EQ(s.cumulative[15], 3u);  // le 10
    EXPECT_EQ(s.cumulative[16], 4u);  // +Inf
    EXPECT_NEAR(s.sum_seconds, 20.00315, 1e-9);
}

TEST(Metrics, RendersTheTextFormat) {
    Registry r;
    r.add("yao_things_total", "Things done.\nSecond line \\ here.", Type::kCounter,
          [](metrics::Emitter& e) {
              e.sample({{"kind", "a\"b"}, {"path", "c\\d\ne"}}, 3);
              e.sample({{"kind", "plain"}}, 0.5);
          });
    r.add("yao_depth", "A gauge.", Type::kGauge, [](metrics::Emitter& e) { e.sample(7); });
    Histogram h;
    h.observe_ns(200'000);
    r.add("yao_latency_seconds", "A histogram.", Type::kHistogram,
          [&h](metrics::Emitter& e) { e.histogram({{"stage", "x"}}, h.snapshot()); });
    const std::string text = r.render();
    EXPECT_NE(text.find("# HELP yao_things_total Things done.\\nSecond line \\\\ here.\n"
                        "# TYPE yao_things_total counter\n"
                        "yao_things_total{kind=\"a\\\"b\",path=\"c\\\\d\\ne\"} 3\n"
                        "yao_things_total{kind=\"plain\"} 0.5\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("# TYPE yao_depth gauge\nyao_depth 7\n"), std::string::npos) << text;
    EXPECT_NE(text.find("yao_latency_seconds_bucket{stage=\"x\",le=\"0.0001\"} 0\n"
                        "yao_latency_seconds_bucket{stage=\"x\",le=\"0.00025\"} 1\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("yao_latency_seconds_bucket{stage=\"x\",le=\"+Inf\"} 1\n"
                        "yao_latency_seconds_sum{stage=\"x\"} 0.0002\n"
                        "yao_latency_seconds_count{stage=\"x\"} 1\n"),
              std::string::npos)
        << text;
    EXPECT_EQ(r.names(), (std::vector<std::string>{"yao_things_total", "yao_depth",
                                                   "yao_latency_seconds"}));
}

TEST(Metrics, FormatsValuesAsPrometheusReadsThem) {
    EXPECT_EQ(metrics::format_value(0), "0");
    EXPECT_EQ(metrics::format_value(12345678901234.0), "12345678901234");
    EXPECT_EQ(metrics::format_value(-2), "-2");
    EXPECT_EQ(metrics::format_value(0.25), "0.25");
    EXPECT_EQ(metrics::format_value(1e300), "1e+300");
    EXPECT_EQ(metrics::format_value(std::numeric_limits<double>::infinity()), "+Inf");
    EXPECT_EQ(metrics::format_value(std::numeric_limits<double>::quiet_NaN()), "NaN");
}

TEST(MetricsDeathTest, DuplicateOrInvalidNamesAbort) {
    Registry r;
    r.add("yao_a", "a", Type::kGauge, [](metrics::Emitter&) {});
    EXPECT_DEATH(r.add("yao_a", "again", Type::kGauge, [](metrics::Emitter&) {}), "duplicate");
    EXPECT_DEATH(r.add("9bad", "digit first", Type::kGauge, [](metrics::Emitter&) {}), "invalid");
    EXPECT_DEATH(r.add("bad-name", "dash", Type::kGauge, [](metrics::Emitter&) {}), "invalid");
}

double sample_of(const std::string& text, const std::string& name) {
    const auto at = text.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + name.size() + 2));
}

TEST(Metrics, ProcessMetricsReadProcSelf) {
    Registry r;
    r.add_process_metrics();
    // Burn a little CPU so that the counter is above zero.
    volatile uint64_t x = 0;
    const auto until = std::chrono::steady_clock::now() + 50ms;
    while (std::chrono::steady_clock::now() < until) x = x + 1;
    const std::string text = "\n" + r.render();
    EXPECT_GT(sample_of(text, "process_cpu_seconds_total"), 0.0);
    EXPECT_GT(sample_of(text, "process_resident_memory_bytes"), 1e6);
    EXPECT_GT(sample_of(text, "process_virtual_memory_bytes"),
              sample_of(text, "process_resident_memory_bytes"));
    const int fd = ::dup(0);
    const double fds = sample_of("\n" + r.render(), "process_open_fds");
    ::close(fd);
    EXPECT_GE(fds, 4.0);  // stdin, stdout, stderr and the dup
    EXPECT_GT(sample_of(text, "process_max_fds"), fds);
    const double start = sample_of(text, "process_start_time_seconds");
    const double now = static_cast<double>(metrics::unix_now_ns()) / 1e9;
    EXPECT_LT(start, now + 1);
    EXPECT_GT(start, now - 3600);  // this test process started within the hour
}

/// A raw HTTP exchange: sends `request` as is and reads until the server closes or
/// `Connection: close` semantics end the response.
std::string http_exchange(uint16_t port, const std::string& request, bool read_all = true) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return "connect failed";
    }
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    size_t sent = 0;
    while (sent < request.size()) {
        const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<size_t>(n);
    }
    std::string out;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        out.append(buf, static_cast<size_t>(n));
        if (!read_all) break;
    }
    ::close(fd);
    return out;
}

std::string get(uint16_t port, const std::string& path) {
    return http_exchange(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
}

struct Fixture {
    Registry registry;
    std::atomic<bool> store_ok{false};
    std::unique_ptr<OpsServer> server;

    explicit Fixture(OpsOptions o = {}) {
        registry.add("yao_up", "1", Type::kGauge, [](metrics::Emitter& e) { e.sample(1); });
        o.listen = "127.0.0.1:0";
        o.check_period = 20ms;
        std::vector<ReadinessCheck> checks;
        checks.push_back({"store", [this]() -> std::optional<std::string> {
                              if (store_ok) return std::nullopt;
                              return "database unreachable";
                          }});
        checks.push_back({"bus", [] { return std::optional<std::string>{}; }});
        auto s = OpsServer::start(o, registry, std::move(checks));
        EXPECT_TRUE(s.has_value()) << s.error().message();
        server = std::move(*s);
    }
};

bool eventually(const std::function<bool()>& f) {
    for (int i = 0; i < 250; ++i) {
        if (f()) return true;
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

TEST(OpsServer, AnswersHealthReadinessAndMetrics) {
    Fixture f;
    const uint16_t port = f.server->port();
    ASSERT_NE(port, 0);
    EXPECT_EQ(f.server->address(), "127.0.0.1:" + std::to_string(port));
    const std::string health = get(port, "/healthz");
    EXPECT_EQ(health.rfind("HTTP/1.1 200", 0), 0u) << health;
    EXPECT_NE(health.find("\r\n\r\nok\n"), std::string::npos);

    ASSERT_TRUE(eventually([&] { return get(port, "/readyz").find("database") != std::string::npos; }));
    std::string ready = get(port, "/readyz");
    EXPECT_EQ(ready.rfind("HTTP/1.1 503", 0), 0u) << ready;
    EXPECT_NE(ready.find("[-]store failed: database unreachable\n[+]bus ok\nnot ready\n"),
              std::string::npos)
        << ready;
    f.store_ok = true;
    ASSERT_TRUE(eventually([&] { return get(port, "/readyz").rfind("HTTP/1.1 200", 0) == 0; }));
    ready = get(port, "/readyz?verbose");
    EXPECT_NE(ready.find("[+]store ok\n[+]bus ok\nready\n"), std::string::npos) << ready;

    const std::string m = get(port, "/metrics");
    EXPECT_EQ(m.rfind("HTTP/1.1 200", 0), 0u) << m;
    EXPECT_NE(m.find("Content-Type: text/plain; version=0.0.4; charset=utf-8"), std::string::npos);
    EXPECT_NE(m.find("\r\n\r\n# HELP yao_up 1\n# TYPE yao_up gauge\nyao_up 1\n"), std::string::npos)
        << m;

    EXPECT_EQ(get(port, "/nothing").rfind("HTTP/1.1 404", 0), 0u);
    const std::string post = http_exchange(
        port, "POST /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    EXPECT_EQ(post.rfind("HTTP/1.1 405", 0), 0u) << post;
    const std::string head =
        http_exchange(port, "HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(head.rfind("HTTP/1.1 200", 0), 0u) << head;
    EXPECT_NE(head.find("Content-Length: 3\r\n"), std::string::npos) << head;
    EXPECT_EQ(head.find("ok\n"), std::string::npos) << head;
}

TEST(OpsServer, KeepAliveServesSeveralRequestsOnOneConnection) {
    Fixture f;
    const std::string two = http_exchange(f.server->port(),
                                     "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                                     "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(two.rfind("HTTP/1.1 200", 0), 0u);
    EXPECT_NE(two.find("HTTP/1.1 200", 10), std::string::npos) << two;
    EXPECT_NE(two.find("yao_up 1\n"), std::string::npos) << two;
}

TEST(OpsServer, HostileRequestsAreRefusedAndTheServerStaysUp) {
    Fixture f;
    const uint16_t port = f.server->port();
    const std::string huge =
        http_exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') +
                           "\r\n\r\n");
    EXPECT_EQ(huge.rfind("HTTP/1.1 400", 0), 0u) << huge.substr(0, 200);
    const std::string body = http_exchange(
        port, "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789");
    EXPECT_EQ(body.rfind("HTTP/1.1 413", 0), 0u) << body;
    const std::string garbage = http_exchange(port, "\x01\x02 nonsense\r\n\r\n");
    EXPECT_EQ(garbage.rfind("HTTP/1.1 400", 0), 0u) << garbage;
    EXPECT_EQ(get(port, "/healthz").rfind("HTTP/1.1 200", 0), 0u);
}

TEST(OpsServer, SlowClientsAreCutAndConnectionsAreBounded) {
    OpsOptions o;
    o.timeout = 300ms;
    o.max_connections = 2;
    Fixture f{o};
    const uint16_t port = f.server->port();
    // Two idle connections fill the limit; a third is closed at once without an answer.
    auto open_idle = [port] {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
        return fd;
    };
    const int a = open_idle();
    const int b = open_idle();
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(get(port, "/healthz"), "");  // closed without a response
    // The idle ones are cut after the timeout, and then the server answers again.
    char c;
    EXPECT_EQ(::recv(a, &c, 1, 0), 0);
    EXPECT_EQ(::recv(b, &c, 1, 0), 0);
    ::close(a);
    ::close(b);
    ASSERT_TRUE(eventually([&] { return get(port, "/healthz").rfind("HTTP/1.1 200", 0) == 0; }));
}

TEST(OpsServer, AHangingCheckMakesReadinessFailInsteadOfHangingTheProbe) {
    Registry registry;
    std::atomic<bool> hang{false};
    std::atomic<bool> release{false};
    OpsOptions o;
    o.listen = "127.0.0.1:0";
    o.check_period = 20ms;
    o.stale_after = 300ms;
    std::vector<ReadinessCheck> checks;
    checks.push_back({"store", [&]() -> std::optional<std::string> {
                          while (hang && !release) std::this_thread::sleep_for(5ms);
                          return std::nullopt;
                      }});
    auto s = OpsServer::start(o, registry, std::move(checks));
    ASSERT_TRUE(s.has_value());
    const uint16_t port = (*s)->port();
    ASSERT_TRUE(eventually([&] { return get(port, "/readyz").rfind("HTTP/1.1 200", 0) == 0; }));
    hang = true;
    ASSERT_TRUE(eventually([&] { return get(port, "/readyz").find("checks stalled") != std::string::npos; }));
    EXPECT_EQ(get(port, "/readyz").rfind("HTTP/1.1 503", 0), 0u);
    release = true;
    ASSERT_TRUE(eventually([&] { return get(port, "/readyz").rfind("HTTP/1.1 200", 0) == 0; }));
    (*s)->stop();
    EXPECT_EQ(get(port, "/healthz"), "connect failed");
}

TEST(OpsServer, BadListenAddressesAreRefused) {
    Registry r;
    for (const char* bad : {"9300", "localhost:9300", "127.0.0.1:99999", "127.0.0.1:", ":9300",
                            "127.0.0.1:x"}) {
        OpsOptions o;
        o.listen = bad;
        auto s = OpsServer::start(o, r, {});
        EXPECT_FALSE(s.has_value()) << bad;
    }
    const auto hp = split_host_port("[::1]:9300");
    ASSERT_TRUE(hp.has_value());
    EXPECT_EQ(hp->first, "::1");
    EXPECT_EQ(hp->second, 9300);
}

}  // namespace
}  // namespace yao::infra
