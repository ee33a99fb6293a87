// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// The Kubernetes Lease backend against an in-process stand-in of the API server's Lease
// endpoints (test_util/lease_api_standin.hpp), over HTTP and over TLS with certificates from
// scripts/make_test_ca.sh.
#include "k8s_lease.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <latch>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <yao/storage/errc.hpp>

#include "test_util/lease_api_standin.hpp"

namespace yao::chronos {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using storage::Errc;
using storage::LeaseRecord;
using test::LeaseApiStandIn;
using Json = nlohmann::json;

constexpr const char* kNamespace = "yao-test";
constexpr const char* kLease = "chronos-leader";
/// 2026-12-07T09:30:00.123456Z in microseconds since the epoch.
constexpr int64_t kAcquireUs = 1'796'635'800'123'456;

fs::path unique_temp_dir(const std::string& tag) {
    static std::atomic<int> counter{0};
    const fs::path dir = fs::temp_directory_path() /
                         ("yao-k8s-lease-" + tag + "-" + std::to_string(::getpid()) + "-" +
                          std::to_string(counter.fetch_add(1, std::memory_order_relaxed)));
    fs::create_directories(dir);
    return dir;
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out{path, std::ios::binary | std::ios::trunc};
    out << text;
}

/// The test CA's files (scripts/make_test_ca.sh), made once for the whole binary.
const fs::path& certs() {
    static const fs::path dir = [] {
        const fs::path d = unique_temp_dir("certs");
        const std::string cmd =
            std::string{"bash "} + YAO_SOURCE_DIR + "/scripts/make_test_ca.sh " + d.string();
        EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
        return d;
    }();
    return dir;
}

struct CertCleanup : ::testing::Environment {
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(certs(), ec);
    }
};
const auto* const kCertCleanup = ::testing::AddGlobalTestEnvironment(new CertCleanup);

/// A lease held by `holder` since kAcquireUs, renewed `renewals` seconds later.
LeaseRecord held_by(std::string holder, uint64_t transitions, int64_t renewals = 0,
                    std::string version = {}) {
    LeaseRecord r;
    r.holder = std::move(holder);
    r.duration_ms = 15'000;
    r.acquire_time_us = kAcquireUs;
    r.renew_time_us = kAcquireUs + renewals * 1'000'000;
    r.transitions = transitions;
    r.version = std::move(version);
    return r;
}

/// `attempt` lost its compare-and-set for the reason `why` (the server's words), and kLease still
/// reads as `stored`.
void expect_conflict_leaving(storage::LeaseStore& leases, const Result<LeaseRecord>& attempt,
                             const std::string& why, const LeaseRecord& stored) {
    ASSERT_FALSE(attempt.has_value());
    EXPECT_EQ(attempt.error(), Errc::kLeaseConflict);
    EXPECT_NE(attempt.error().context().find(why), std::string::npos) << attempt.error().message();
    auto read = leases.get(kLease);
    ASSERT_TRUE(read.has_value() && read->has_value());
    EXPECT_EQ(**read, stored);
}

/// Writes `next(w)` as kLease for w in [0, writers), from `writers` threads released at once.
template <typename Next>
std::vector<Result<LeaseRecord>> race(int writers, Next next, storage::LeaseStore& leases) {
    std::vector<Result<LeaseRecord>> results(writers, fail(Errc::kDatabase, "not run"));
    std::latch start{writers};
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            const LeaseRecord record = next(w);
            start.arrive_and_wait();
            results[w] = leases.update(kLease, record);
        });
    }
    for (auto& t : threads) t.join();
    return results;
}

/// A service account directory (token, namespace) in a temporary directory, and the stand-in.
class K8sLeaseTest : public ::testing::Test {
protected:
    K8sLeaseTest() : sa_dir_{unique_temp_dir("sa")} {
        write_file(sa_dir_ / "token", "token-1\n");
        write_file(sa_dir_ / "namespace", std::string{kNamespace} + "\n");
    }
    ~K8sLeaseTest() override {
        std::error_code ec;
        fs::remove_all(sa_dir_, ec);
    }

    K8sLeaseOptions options(const std::string& url) const {
        K8sLeaseOptions o;
        o.api_server = url;
        o.sa_dir = sa_dir_.string();
        return o;
    }
    std::unique_ptr<storage::LeaseStore> store(K8sLeaseOptions o) {
        auto s = make_k8s_lease_store(std::move(o));
        EXPECT_TRUE(s.has_value()) << s.error().message();
        return s ? std::move(*s) : nullptr;
    }
    std::unique_ptr<storage::LeaseStore> store() { return store(options(api_.url())); }

    /// A stand-in serving HTTPS on `address` with the test CA's node certificate, and `ca` (a
    /// file of certs()) as the service account's ca.crt.
    std::unique_ptr<LeaseApiStandIn> tls_standin(const std::string& ca,
                                                 const std::string& address = "127.0.0.1") {
        fs::copy_file(certs() / ca, sa_dir_ / "ca.crt");
        return std::make_unique<LeaseApiStandIn>("token-1", (certs() / "node.pem").string(),
                                                 (certs() / "node.key").string(), address);
    }

    const fs::path sa_dir_;
    LeaseApiStandIn api_{"token-1"};
};

TEST_F(K8sLeaseTest, CreateReadBackAndRenew) {
    auto leases = store();
    ASSERT_TRUE(leases);

    auto absent = leases->get(kLease);
    ASSERT_TRUE(absent.has_value()) << absent.error().message();
    EXPECT_FALSE(absent->has_value());

    auto created = leases->update(kLease, held_by("node-a", 1));
    ASSERT_TRUE(created.has_value()) << created.error().message();
    EXPECT_FALSE(created->version.empty());
    LeaseRecord expected = held_by("node-a", 1, 0, created->version);
    EXPECT_EQ(*created, expected);

    // What went over the wire: the documented Lease fields, MicroTime with microseconds.
    const auto object = api_.object(kNamespace, kLease);
    ASSERT_TRUE(object.has_value());
    EXPECT_EQ((*object)["spec"], Json::parse(R"({
        "holderIdentity": "node-a", "leaseDurationSeconds": 15,
        "acquireTime": "2026-12-07T09:30:00.123456Z", "renewTime": "2026-12-07T09:30:00.123456Z",
        "leaseTransitions": 1})"));
    EXPECT_EQ((*object)["metadata"]["resourceVersion"], created->version);

    auto read = leases->get(kLease);
    ASSERT_TRUE(read.has_value()) << read.error().message();
    ASSERT_TRUE(read->has_value());
    EXPECT_EQ(**read, expected);

    // Renewal: a PUT from the version just read; the version moves on.
    auto renewed = leases->update(kLease, held_by("node-a", 1, 5, created->version));
    ASSERT_TRUE(renewed.has_value()) << renewed.error().message();
    EXPECT_NE(renewed->version, created->version);
    EXPECT_EQ(*renewed, held_by("node-a", 1, 5, renewed->version));
    EXPECT_EQ((*api_.object(kNamespace, kLease))["spec"]["renewTime"],
              "2026-12-07T09:30:05.123456Z");
    auto reread = leases->get(kLease);
    ASSERT_TRUE(reread.has_value() && reread->has_value());
    EXPECT_EQ(**reread, *renewed);
}

TEST_F(K8sLeaseTest, DurationIsRoundedUpToWholeSeconds) {
    auto leases = store();
    LeaseRecord r = held_by("node-a", 1);
    r.duration_ms = 1'500;
    auto created = leases->update(kLease, r);
    ASSERT_TRUE(created.has_value()) << created.error().message();
    EXPECT_EQ(created->duration_ms, 2'000u);
    EXPECT_EQ((*api_.object(kNamespace, kLease))["spec"]["leaseDurationSeconds"], 2);
}

TEST_F(K8sLeaseTest, CreatingAnExistingLeaseConflicts) {
    auto leases = store();
    auto first = leases->update(kLease, held_by("node-a", 1));
    ASSERT_TRUE(first.has_value()) << first.error().message();

    expect_conflict_leaving(*leases, leases->update(kLease, held_by("node-b", 1)), "already exists",
                            *first);
}

TEST_F(K8sLeaseTest, StalePutConflictsAndChangesNothing) {
    auto leases = store();
    auto v1 = leases->update(kLease, held_by("node-a", 1));
    ASSERT_TRUE(v1.has_value()) << v1.error().message();
    auto v2 = leases->update(kLease, held_by("node-a", 1, 5, v1->version));
    ASSERT_TRUE(v2.has_value()) << v2.error().message();

    // node-b read v1 before node-a's renewal and now tries to take over.
    expect_conflict_leaving(*leases, leases->update(kLease, held_by("node-b", 2, 6, v1->version)),
                            "the object has been modified", *v2);
}

TEST_F(K8sLeaseTest, UpdateOfADeletedLeaseConflicts) {
    auto leases = store();
    auto v1 = leases->update(kLease, held_by("node-a", 1));
    ASSERT_TRUE(v1.has_value()) << v1.error().message();
    api_.remove(kNamespace, kLease);

    auto renewed = leases->update(kLease, held_by("node-a", 1, 5, v1->version));
    ASSERT_FALSE(renewed.has_value());
    EXPECT_EQ(renewed.error(), Errc::kLeaseConflict);
    EXPECT_FALSE(api_.object(kNamespace, kLease).has_value());
}

TEST_F(K8sLeaseTest, RacingWritersFromOneVersionExactlyOneWins) {
    constexpr int kWriters = 4;
    constexpr int kRounds = 5;
    auto leases = store();
    auto current = leases->update(kLease, held_by("node-0", 0));
    ASSERT_TRUE(current.has_value()) << current.error().message();
    for (int round = 1; round <= kRounds; ++round) {
        const auto results = race(
            kWriters,
            [&](int w) {
                return held_by("node-" + std::to_string(w), static_cast<uint64_t>(round), round,
                               current->version);
            },
            *leases);

        int winner = -1;
        for (int w = 0; w < kWriters; ++w) {
            if (results[w].has_value()) {
                EXPECT_EQ(winner, -1) << "two writers won round " << round;
                winner = w;
            } else {
                EXPECT_EQ(results[w].error(), Errc::kLeaseConflict) << results[w].error().message();
            }
        }
        ASSERT_NE(winner, -1) << "nobody won round " << round;
        auto read = leases->get(kLease);
        ASSERT_TRUE(read.has_value() && read->has_value());
        EXPECT_EQ(**read, *results[winner]);
        EXPECT_EQ((*read)->holder, "node-" + std::to_string(winner));
        current = **read;
    }
}

TEST_F(K8sLeaseTest, RacingCreatorsExactlyOneWins) {
    constexpr int kWriters = 4;
    auto leases = store();
    const auto results = race(
        kWriters, [](int w) { return held_by("node-" + std::to_string(w), 1); }, *leases);
    int wins = 0;
    for (const auto& r : results) {
        if (r.has_value()) {
            ++wins;
            EXPECT_EQ((*api_.object(kNamespace, kLease))["spec"]["holderIdentity"], r->holder);
        } else {
            EXPECT_EQ(r.error(), Errc::kLeaseConflict) << r.error().message();
        }
    }
    EXPECT_EQ(wins, 1);
}

TEST_F(K8sLeaseTest, RotatedTokenIsPickedUp) {
    // The kubelet's projected volume layout: token -> ..data/token, ..data -> a timestamped
    // directory, swapped atomically by renaming a new ..data link over the old one.
    fs::remove(sa_dir_ / "token");
    fs::create_directory(sa_dir_ / "..2026_12_07_09_00");
    write_file(sa_dir_ / "..2026_12_07_09_00" / "token", "token-1");
    fs::create_directory_symlink("..2026_12_07_09_00", sa_dir_ / "..data");
    fs::create_symlink("..data/token", sa_dir_ / "token");

    auto leases = store();
    ASSERT_TRUE(leases->update(kLease, held_by("node-a", 1)).has_value());
    EXPECT_EQ(api_.last_authorization(), "Bearer token-1");

    fs::create_directory(sa_dir_ / "..2026_12_07_10_00");
    write_file(sa_dir_ / "..2026_12_07_10_00" / "token", "token-2");
    fs::create_directory_symlink("..2026_12_07_10_00", sa_dir_ / "..data_tmp");
    fs::rename(sa_dir_ / "..data_tmp", sa_dir_ / "..data");
    api_.set_token("token-2");  // the old token is no longer accepted

    auto read = leases->get(kLease);
    ASSERT_TRUE(read.has_value()) << read.error().message();
    ASSERT_TRUE(read->has_value());
    EXPECT_EQ((*read)->holder, "node-a");
    EXPECT_EQ(api_.last_authorization(), "Bearer token-2");
}

TEST_F(K8sLeaseTest, UnauthorizedIsAClearError) {
    write_file(sa_dir_ / "token", "expired-token");
    auto leases = store();
    auto read = leases->get(kLease);
    ASSERT_FALSE(read.has_value());
    EXPECT_EQ(read.error(), Errc::kDatabase);
    EXPECT_FALSE(storage::is_retryable(read.error().code()));
    EXPECT_EQ(read.error().context(),
              "GET lease yao-test/chronos-leader: HTTP 401 Unauthorized: Unauthorized");
}

TEST_F(K8sLeaseTest, ForbiddenNamesTheMissingPermission) {
    auto leases = store();
    auto v1 = leases->update(kLease, held_by("node-a", 1));
    ASSERT_TRUE(v1.has_value()) << v1.error().message();
    api_.forbid("update");

    auto renewed = leases->update(kLease, held_by("node-a", 1, 5, v1->version));
    ASSERT_FALSE(renewed.has_value());
    EXPECT_EQ(renewed.error(), Errc::kDatabase);
    const std::string& context = renewed.error().context();
    EXPECT_TRUE(
        context.starts_with("PUT lease yao-test/chronos-leader: HTTP 403 Forbidden: "
                            "leases.coordination.k8s.io \"chronos-leader\" is forbidden"))
        << context;
    EXPECT_TRUE(
        context.ends_with("(the service account needs get, create and update on "
                          "leases.coordination.k8s.io in namespace yao-test)"))
        << context;
}

TEST_F(K8sLeaseTest, UnansweredRequestTimesOutWithinTheTimeout) {
    // A listening socket nobody accepts from: the kernel completes the TCP handshake, and the
    // request is never answered.
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor silent{ioc, {boost::asio::ip::make_address("127.0.0.1"), 0}};
    auto o = options("http://127.0.0.1:" + std::to_string(silent.local_endpoint().port()));
    o.timeout = 300ms;
    auto leases = store(o);

    const auto started = std::chrono::steady_clock::now();
    auto read = leases->get(kLease);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    ASSERT_FALSE(read.has_value());
    EXPECT_EQ(read.error(), Errc::kConnectionLost);
    EXPECT_TRUE(storage::is_retryable(read.error().code()));
    EXPECT_NE(read.error().context().find("timed out after 300 ms"), std::string::npos)
        << read.error().message();
    EXPECT_GE(elapsed, 300ms);
    EXPECT_LT(elapsed, 1000ms);
}

TEST_F(K8sLeaseTest, RefusedConnectionIsConnectionLost) {
    uint16_t port = 0;
    {
        boost::asio::io_context ioc;
        boost::asio::ip::tcp::acceptor closed{ioc, {boost::asio::ip::make_address("127.0.0.1"), 0}};
        port = closed.local_endpoint().port();
    }
    auto leases = store(options("http://127.0.0.1:" + std::to_string(port)));
    auto read = leases->get(kLease);
    ASSERT_FALSE(read.has_value());
    EXPECT_EQ(read.error(), Errc::kConnectionLost);
}

TEST_F(K8sLeaseTest, NamespaceAndTokenComeFromTheServiceAccountDirectory) {
    write_file(sa_dir_ / "namespace", "team-a\n");
    write_file(sa_dir_ / "token", "sa-token\n");
    api_.set_token("sa-token");
    auto leases = store();
    auto created = leases->update(kLease, held_by("node-a", 1));
    ASSERT_TRUE(created.has_value()) << created.error().message();
    EXPECT_TRUE(api_.object("team-a", kLease).has_value());
    EXPECT_FALSE(api_.object(kNamespace, kLease).has_value());
    EXPECT_EQ(api_.last_authorization(), "Bearer sa-token");

    // An explicit namespace wins over the file.
    auto o = options(api_.url());
    o.lease_namespace = "team-b";
    auto other = store(o);
    ASSERT_TRUE(other->update(kLease, held_by("node-b", 1)).has_value());
    EXPECT_EQ((*api_.object("team-b", kLease))["spec"]["holderIdentity"], "node-b");
}

TEST_F(K8sLeaseTest, ParsesTheTimesAndNullsTheServerWrites) {
    api_.put_raw(kNamespace, "offset", Json::parse(R"({
        "apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {},
        "spec": {"holderIdentity": "node-a", "leaseDurationSeconds": 10,
                 "acquireTime": "2026-12-07T09:30:00+02:00",
                 "renewTime": "1969-12-31T23:59:59.5Z", "leaseTransitions": 7}})"));
    // A released lease as client-go leaves it, and one with no spec fields at all.
    api_.put_raw(kNamespace, "released", Json::parse(R"({
        "apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {},
        "spec": {"holderIdentity": null, "acquireTime": null, "leaseTransitions": 3}})"));
    api_.put_raw(kNamespace, "empty", Json::parse(R"({"kind": "Lease", "metadata": {}})"));
    auto leases = store();

    auto offset = leases->get("offset");
    ASSERT_TRUE(offset.has_value() && offset->has_value());
    EXPECT_EQ((*offset)->holder, "node-a");
    EXPECT_EQ((*offset)->duration_ms, 10'000u);
    EXPECT_EQ((*offset)->acquire_time_us, 1'796'628'600'000'000);
    EXPECT_EQ((*offset)->renew_time_us, -500'000);
    EXPECT_EQ((*offset)->transitions, 7u);
    EXPECT_EQ((*offset)->version,
              (*api_.object(kNamespace, "offset"))["metadata"]["resourceVersion"]);

    auto released = leases->get("released");
    ASSERT_TRUE(released.has_value() && released->has_value());
    LeaseRecord expected;
    expected.transitions = 3;
    expected.version = (*released)->version;
    EXPECT_FALSE(expected.version.empty());
    EXPECT_EQ(**released, expected);

    auto empty = leases->get("empty");
    ASSERT_TRUE(empty.has_value() && empty->has_value());
    EXPECT_EQ((*empty)->transitions, 0u);
    EXPECT_EQ((*empty)->renew_time_us, 0);
}

TEST_F(K8sLeaseTest, MalformedLeaseIsCorrupt) {
    api_.put_raw(kNamespace, kLease, Json::parse(R"({
        "kind": "Lease", "metadata": {},
        "spec": {"holderIdentity": "node-a", "renewTime": "yesterday"}})"));
    auto read = store()->get(kLease);
    ASSERT_FALSE(read.has_value());
    EXPECT_EQ(read.error(), Errc::kCorruptRow);
    EXPECT_EQ(read.error().context(), "lease chronos-leader: bad spec.renewTime");
}

TEST_F(K8sLeaseTest, NotFoundFromOutsideTheApiIsAnErrorNotAnAbsentLease) {
    auto leases = store(options(api_.url() + "/wrong/prefix/"));
    auto read = leases->get(kLease);
    ASSERT_FALSE(read.has_value());
    EXPECT_EQ(read.error(), Errc::kDatabase);
    EXPECT_NE(read.error().context().find("HTTP 404 Not Found: 404 page not found"),
              std::string::npos)
        << read.error().message();
}

TEST_F(K8sLeaseTest, InvalidLeaseNameIsRejectedWithoutARequest) {
    auto leases = store();
    for (const char* name : {"", "Upper", "a/b", "../x", "-x", "x-", "a..b"}) {
        auto read = leases->get(name);
        ASSERT_FALSE(read.has_value()) << name;
        EXPECT_EQ(read.error(), Errc::kInvalidArgument) << name;
        auto write = leases->update(name, held_by("node-a", 1));
        ASSERT_FALSE(write.has_value()) << name;
        EXPECT_EQ(write.error(), Errc::kInvalidArgument) << name;
    }
    EXPECT_EQ(api_.requests(), 0u);
    EXPECT_TRUE(leases->get("chronos.leader-2").has_value());
}

TEST_F(K8sLeaseTest, IncompleteConfigurationIsRejected) {
    const auto invalid = [](const K8sLeaseOptions& o) {
        auto s = make_k8s_lease_store(o);
        return !s.has_value() && s.error() == Errc::kInvalidArgument;
    };
    for (const char* url : {"ftp://127.0.0.1", "http://", "http://[::1", "http://h:0",
                            "http://h:99999", "http://h:x"}) {
        EXPECT_TRUE(invalid(options(url))) << url;
    }
    K8sLeaseOptions no_namespace = options(api_.url());
    fs::remove(sa_dir_ / "namespace");
    EXPECT_TRUE(invalid(no_namespace));
    no_namespace.lease_namespace = "Not_A_Label";
    EXPECT_TRUE(invalid(no_namespace));

    K8sLeaseOptions https = options("https://127.0.0.1:6443");  // no ca.crt in sa_dir
    https.lease_namespace = kNamespace;
    EXPECT_TRUE(invalid(https));
    K8sLeaseOptions zero_timeout = https;
    zero_timeout.api_server = api_.url();
    zero_timeout.timeout = 0ms;
    EXPECT_TRUE(invalid(zero_timeout));
}

/// Sets environment variables for one test, restoring them afterwards.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : name_{name} {
        if (const char* old = std::getenv(name)) old_ = old;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (old_) {
            ::setenv(name_, old_->c_str(), 1);
        } else {
            ::unsetenv(name_);
        }
    }

private:
    const char* name_;
    std::optional<std::string> old_;
};

TEST_F(K8sLeaseTest, NoApiServerOutsideAPodIsRejected) {
    ScopedEnv host{"KUBERNETES_SERVICE_HOST", ""};
    auto s = make_k8s_lease_store(options(""));
    ASSERT_FALSE(s.has_value());
    EXPECT_EQ(s.error(), Errc::kInvalidArgument);
    EXPECT_NE(s.error().context().find("KUBERNETES_SERVICE_HOST"), std::string::npos);
}

TEST_F(K8sLeaseTest, InClusterConfigurationOverTls) {
    const auto tls_api = tls_standin("ca.pem");
    // What the kubelet gives every pod: the service's address in the environment, and
    // token, ca.crt and namespace in the service account directory.
    ScopedEnv host{"KUBERNETES_SERVICE_HOST", "127.0.0.1"};
    ScopedEnv port{"KUBERNETES_SERVICE_PORT", std::to_string(tls_api->port())};
    auto leases = store(options(""));
    ASSERT_TRUE(leases);

    auto created = leases->update(kLease, held_by("node-a", 1));
    ASSERT_TRUE(created.has_value()) << created.error().message();
    auto read = leases->get(kLease);
    ASSERT_TRUE(read.has_value() && read->has_value()) << read.error().message();
    EXPECT_EQ(**read, *created);
    EXPECT_EQ((*tls_api->object(kNamespace, kLease))["spec"]["holderIdentity"], "node-a");
}

TEST_F(K8sLeaseTest, UntrustedOrMisnamedServerCertificateIsRefused) {
    struct Case {
        const char* ca;
        const char* address;
        const char* why;
    };
    // stranger.pem did not sign the node certificate; 127.0.0.2 is loopback too, but the node
    // certificate names only localhost, 127.0.0.1 and ::1.
    for (const Case c : {Case{"stranger.pem", "127.0.0.1", "unable to get local issuer"},
                         Case{"ca.pem", "127.0.0.2", "IP address mismatch"}}) {
        fs::remove(sa_dir_ / "ca.crt");
        const auto tls_api = tls_standin(c.ca, c.address);
        auto read = store(options(tls_api->url()))->get(kLease);
        ASSERT_FALSE(read.has_value()) << c.ca << " " << c.address;
        EXPECT_EQ(read.error(), Errc::kDatabase);
        const std::string& context = read.error().context();
        EXPECT_NE(context.find("server certificate not trusted"), std::string::npos) << context;
        EXPECT_NE(context.find(c.why), std::string::npos) << context;
        EXPECT_EQ(tls_api->requests(), 0u);
    }
}

TEST_F(K8sLeaseTest, ServerCertificateIsCheckedAgainstAHostName) {
    const auto tls_api = tls_standin("ca.pem");
    auto leases = store(options("https://localhost:" + std::to_string(tls_api->port())));
    auto read = leases->get(kLease);
    ASSERT_TRUE(read.has_value()) << read.error().message();
    EXPECT_FALSE(read->has_value());
    EXPECT_EQ(tls_api->requests(), 1u);
}

}  // namespace
}  // namespace yao::chronos
