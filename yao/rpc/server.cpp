// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "server.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

// Boost.Asio's inlined scheduler code trips -Wnull-dereference (a false positive, reported at
// lines of the Boost headers once inlined here).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#pragma GCC diagnostic pop

#include <yao/infra/task_queue.hpp>
#include <yao/infra/thread.hpp>

namespace yao::rpc {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

std::atomic<uint64_t> g_next_session_id{1};  // ids are unique per process, not per server

constexpr const char* kBusyText = "server busy: too many execution requests waiting";

Error to_error(const boost::system::error_code& ec, std::string context) {
    // Asio reports socket failures in the system category with errno values.
    return Error{std::error_code{ec.value(), std::system_category()},
                 std::move(context) + ": " + ec.message()};
}

bool iequals(std::string_view a, std::string_view b);

/// Token buckets per client address, sharded to keep lock contention low across io threads.
class RateLimiter {
public:
    RateLimiter(double rate, double burst)
        : rate_{rate}, burst_{burst > 0 ? burst : std::max(1.0, rate)} {}

    bool enabled() const noexcept { return rate_ > 0; }

    bool allow(const std::string& key, Clock::time_point now) {
        Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
        std::scoped_lock lock{shard.mu};
        if (shard.buckets.size() > kMaxPerShard) evict(shard, now);
        auto [it, inserted] = shard.buckets.try_emplace(key, Bucket{burst_, now});
        Bucket& b = it->second;
        if (!inserted) {
            const double elapsed = std::chrono::duration<double>(now - b.last).count();
            b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
            b.last = now;
        }
        if (b.tokens < 1.0) return false;
        b.tokens -= 1.0;
        return true;
    }

private:
    static constexpr size_t kShards = 16;
    static constexpr size_t kMaxPerShard = 4096;
    struct Bucket {
        double tokens;
        Clock::time_point last;
    };
    struct Shard {
        std::mutex mu;
        std::unordered_map<std::string, Bucket> buckets;  // guarded by mu
    };

    // Forgets clients whose bucket would be full again: they lose nothing.
    void evict(Shard& shard, Clock::time_point now) {
        std::erase_if(shard.buckets, [&](const auto& kv) {
            const double elapsed = std::chrono::duration<double>(now - kv.second.last).count();
            return kv.second.tokens + elapsed * rate_ >= burst_;
        });
    }

    double rate_;
    double burst_;
    std::array<Shard, kShards> shards_;
};

/// The non-empty items of a comma-separated list, spaces around each trimmed.
std::vector<std::string_view> split_list(std::string_view list) {
    std::vector<std::string_view> items;
    while (!list.empty()) {
        const size_t comma = list.find(',');
        std::string_view item = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) items.push_back(item);
    }
    return items;
}

/// Which Origin values get CORS headers.
class CorsPolicy {
public:
    explicit CorsPolicy(std::string_view list) {
        for (std::string_view item : split_list(list)) {
            if (item == "*") {
                any_ = true;
            } else if (!item.empty()) {
                origins_.emplace_back(item);
            }
        }
    }

    /// The Access-Control-Allow-Origin value for `origin`, empty when none is to be sent.
    std::string_view allow(std::string_view origin) const {
        if (any_) return "*";
        if (origin.empty()) return {};
        for (const auto& o : origins_) {
            if (matches(o, origin)) return origin;
        }
        return {};
    }
    bool any() const noexcept { return any_; }
    /// True for an allowed Origin (a WebSocket upgrade checks it; absent: not a browser).
    bool allowed(std::string_view origin) const { return origin.empty() || !allow(origin).empty(); }

private:
    /// "scheme://host:*" matches that scheme and host with any port or none.
    static bool matches(std::string_view pattern, std::string_view origin) {
        if (pattern.ends_with(":*")) {
            const std::string_view base = pattern.substr(0, pattern.size() - 2);
            if (origin.size() < base.size() || !iequals(origin.substr(0, base.size()), base))
                return false;
            const std::string_view rest = origin.substr(base.size());
            if (rest.empty()) return true;
            if (rest.size() < 2 || rest[0] != ':') return false;
            return std::all_of(rest.begin() + 1, rest.end(),
                               [](char c) { return c >= '0' && c <= '9'; });
        }
        return iequals(pattern, origin);
    }

    bool any_ = false;
    std::vector<std::string> origins_;
};

/// The Host header check against DNS rebinding (geth's virtual hosts).
class VhostPolicy {
public:
    explicit VhostPolicy(std::string_view list) {
        for (std::string_view item : split_list(list)) {
            if (item == "*") any_ = true;
            names_.emplace_back(item);
        }
    }

    bool allowed(std::string_view host) const {
        if (any_) return true;
        // Strip the port: "name:8545", "[::1]:8545", "1.2.3.4:8545".
        std::string_view name = host;
        if (!name.empty() && name.front() == '[') {
            return true;  // an IPv6 literal
        }
        if (const size_t colon = name.rfind(':'); colon != std::string_view::npos)
            name = name.substr(0, colon);
        if (name.empty()) return false;
        boost::system::error_code ec;
        net::ip::make_address_v4(std::string{name}, ec);
        if (!ec) return true;  // an IPv4 literal cannot be DNS-rebound
        for (const auto& n : names_) {
            if (iequals(n, name)) return true;
        }
        return false;
    }

private:
    bool any_ = false;
    std::vector<std::string> names_;
};

bool is_json_content_type(std::string_view value) {
    value = value.substr(0, value.find(';'));
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    return iequals(value, "application/json") || iequals(value, "application/json-rpc") ||
           iequals(value, "application/jsonrequest");
}

std::string_view sv(beast::string_view s) {
    return {s.data(), s.size()};
}
beast::string_view bsv(std::string_view s) {
    return {s.data(), s.size()};
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view path_of(std::string_view target) {
    return target.substr(0, target.find('?'));
}

class ConnBase;

}  // namespace

/// One io thread and its io_context. `conns` is touched only on that thread (and after the
/// thread is joined); it is declared before `ioc` so that it outlives handlers the io_context
/// destroys.
struct Worker {
    std::unordered_set<ConnBase*> conns;
    net::io_context ioc{1};
    net::executor_work_guard<net::io_context::executor_type> work{ioc.get_executor()};
    infra::Thread thread;
};

class Server::Impl {
public:
    Impl(ServerOptions options, const JsonRpc& json_rpc, log::Logger logger)
        : opts{std::move(options)},
          rpc{json_rpc},
          log{logger.with_component("rpc")},
          limiter{opts.rate_limit_per_client, opts.rate_limit_burst},
          cors{opts.cors_origins},
          vhosts{opts.vhosts} {}

    Result<void> start();
    void stop();
    void do_accept();
    void on_accept(const boost::system::error_code& ec, tcp::socket socket, Worker& worker);

    // Set once, read by every connection.
    const ServerOptions opts;
    const JsonRpc& rpc;
    const log::Logger log;
    RateLimiter limiter;
    const CorsPolicy cors;
    const VhostPolicy vhosts;
    std::optional<Authenticator> auth;        // set by start()
    std::optional<net::ssl::context> tls;     // set by start() when a certificate is configured
    std::unique_ptr<infra::TaskQueue> heavy;  // Weight::kHeavy requests

    // Connections per remote address (the client key), for max_connections_per_ip.
    std::mutex ip_mu;
    std::unordered_map<std::string, size_t> per_ip;   // guarded by ip_mu
    std::unordered_map<std::string, size_t> per_key;  // by principal name; guarded by ip_mu
    // Outgoing WebSocket bytes of every session, for max_queued_bytes.
    std::atomic<size_t> queued_bytes{0};
    uint16_t port = 0;
    std::atomic<bool> stopping{false};  // relaxed: a hint checked between requests

    // Statistics: relaxed counters.
    std::atomic<uint64_t> connections_active{0};
    std::atomic<uint64_t> connections_total{0};
    std::atomic<uint64_t> connections_refused{0};
    std::atomic<uint64_t> websockets_active{0};
    std::atomic<uint64_t> requests{0};
    std::atomic<uint64_t> rate_limited{0};
    std::atomic<uint64_t> timeouts{0};
    std::atomic<uint64_t> ws_overflows{0};
    std::atomic<uint64_t> forbidden{0};
    std::atomic<uint64_t> busy{0};

    std::mutex stop_mu;
    bool stopped = false;    // guarded by stop_mu
    size_t next_worker = 0;  // accept thread only
    // Destroyed by ~Impl in this order: the acceptor and timer (on workers[0]) before the
    // io_contexts, and the io_contexts (whose pending handlers hold connections that use the
    // counters and the logger above) before everything else.
    std::vector<std::unique_ptr<Worker>> workers;
    std::optional<tcp::acceptor> acceptor;  // lives on workers[0]
    std::unique_ptr<net::steady_timer> accept_retry;

    ~Impl() {
        heavy.reset();  // its jobs use the io contexts
        acceptor.reset();
        accept_retry.reset();
        workers.clear();
    }
};

namespace {

/// Holds one of max_connections (and of its address's max_connections_per_ip); released when
/// the last owner (HTTP, then WebSocket) is gone.
class ConnSlot {
public:
    ConnSlot(Server::Impl& impl, std::string client) : impl_{impl}, client_{std::move(client)} {}
    ConnSlot(const ConnSlot&) = delete;
    ConnSlot& operator=(const ConnSlot&) = delete;
    ~ConnSlot() {
        {
            std::scoped_lock lock{impl_.ip_mu};
            auto it = impl_.per_ip.find(client_);
            if (it != impl_.per_ip.end() && --it->second == 0) impl_.per_ip.erase(it);
            release_key_locked();
        }
        impl_.connections_active.fetch_sub(1, std::memory_order_relaxed);
    }

    /// Counts this connection against `key` (an authenticated principal) from now on; false,
    /// counting nothing new, when the key holds max_connections_per_key already.
    bool hold_key(const std::string& key) {
        std::scoped_lock lock{impl_.ip_mu};
        if (key == key_) return true;
        size_t& n = impl_.per_key[key];
        if (n >= impl_.opts.max_connections_per_key) {
            if (n == 0) impl_.per_key.erase(key);
            return false;
        }
        ++n;
        release_key_locked();
        key_ = key;
        return true;
    }

private:
    void release_key_locked() {
        if (key_.empty()) return;
        auto it = impl_.per_key.find(key_);
        if (it != impl_.per_key.end() && --it->second == 0) impl_.per_key.erase(it);
        key_.clear();
    }

    Server::Impl& impl_;
    std::string client_;
    std::string key_;  // the principal counted, if any; guarded by impl_.ip_mu
};

/// What HTTP and WebSocket connections share: the Session id, on_close callbacks and the
/// registration with their worker (for stop()). Kept alive by shared_ptr from the pending
/// asynchronous operations and from push() posts; all state other than callbacks is touched
/// only on the worker's thread.
class ConnBase : public Session, public std::enable_shared_from_this<ConnBase> {
public:
    ConnBase(Server::Impl& impl, Worker& worker, std::unique_ptr<ConnSlot> slot, std::string client)
        : impl_{impl},
          worker_{worker},
          slot_{std::move(slot)},
          client_{std::move(client)},
          id_{g_next_session_id.fetch_add(1, std::memory_order_relaxed)} {}

    uint64_t id() const override { return id_; }
    uint32_t roles() const override { return principal_.roles; }
    void audit(std::string_view method) override {
        impl_.log.info("audit: admin call")
            .with_field("principal", principal_.name)
            .with_field("client", address_text())
            .with_field("method", method)
            .log();
    }

    void on_close(std::function<void()> fn) override {
        std::unique_lock lock{cb_mu_};
        if (callbacks_done_) {
            lock.unlock();
            run_guarded(fn);
            return;
        }
        callbacks_.push_back(std::move(fn));
    }

    /// stop(): finish what is in flight, then close. Worker thread.
    virtual void begin_shutdown() = 0;
    /// stop() after shutdown_timeout: close now. Worker thread.
    virtual void force_close() = 0;

protected:
    void register_self() { worker_.conns.insert(this); }
    void unregister_self() { worker_.conns.erase(this); }

    /// Runs the on_close callbacks once (later registrations run at once).
    void run_close_callbacks() {
        std::vector<std::function<void()>> fns;
        {
            std::scoped_lock lock{cb_mu_};
            if (callbacks_done_) return;
            callbacks_done_ = true;
            fns.swap(callbacks_);
        }
        for (auto& fn : fns) run_guarded(fn);
    }

    void run_guarded(const std::function<void()>& fn) {
        try {
            fn();
        } catch (const std::exception& e) {
            impl_.log.warn("on_close callback threw").with_error(e).log();
        } catch (...) {
            impl_.log.warn("on_close callback threw").log();
        }
    }

    /// The remote address as text, for logs.
    std::string address_text() const {
        char buf[64] = {};
        inet_ntop(client_.size() == 4 ? AF_INET : AF_INET6, client_.data(), buf, sizeof buf);
        return buf;
    }

    bool allow_request() {
        // With credentials, each key has its own bucket; otherwise each address.
        const std::string& key = impl_.auth->required() ? principal_.name : client_;
        if (!impl_.limiter.enabled() || impl_.limiter.allow(key, Clock::now())) return true;
        impl_.rate_limited.fetch_add(1, std::memory_order_relaxed);
        return false;
    }

    Server::Impl& impl_;
    Worker& worker_;
    std::unique_ptr<ConnSlot> slot_;
    std::string client_;  // remote address bytes: the rate limiter's key
    const uint64_t id_;
    Principal principal_{"anonymous", kAllRoles};  // who sent the current request

private:
    std::mutex cb_mu_;
    bool callbacks_done_ = false;                   // guarded by cb_mu_
    std::vector<std::function<void()>> callbacks_;  // guarded by cb_mu_
};

// ---------------------------------------------------------------------------------------------
// WebSocket

/// A WebSocket session over `Stream` (beast::tcp_stream, or beast::ssl_stream of it for wss).
template <typename Stream>
class WsConn final : public ConnBase {
public:
    WsConn(Server::Impl& impl, Worker& worker, std::unique_ptr<ConnSlot> slot, std::string client,
           Stream stream, http::request<http::string_body> upgrade, Principal who)
        : ConnBase{impl, worker, std::move(slot), std::move(client)},
          ws_{std::move(stream)},
          upgrade_{std::move(upgrade)} {
        principal_ = std::move(who);  // authenticated at the upgrade, for the whole session
        impl_.websockets_active.fetch_add(1, std::memory_order_relaxed);
    }
    ~WsConn() override {
        run_close_callbacks();
        // Texts never written give their bytes back to the server-wide budget.
        for (const auto& text : queue_) release(text.size());
        for (const auto& text : inbox_) release(text.size());
        impl_.websockets_active.fetch_sub(1, std::memory_order_relaxed);
    }

    bool is_websocket() const override { return true; }

    bool push(std::string text) override {
        if (closed_.load(std::memory_order_acquire)) return false;
        if (!reserve(text.size())) return false;
        bool schedule = false;
        {
            std::scoped_lock lock{inbox_mu_};
            inbox_.push_back(std::move(text));
            schedule = !drain_scheduled_;
            drain_scheduled_ = true;
        }
        if (schedule) {
            net::post(ws_.get_executor(), [self = shared_from_this(), this] { drain_inbox(); });
        }
        return true;
    }

    void start() {
        register_self();
        beast::get_lowest_layer(ws_).expires_never();
        websocket::stream_base::timeout timeout{};
        timeout.handshake_timeout = impl_.opts.header_timeout;
        timeout.idle_timeout = impl_.opts.idle_timeout;
        timeout.keep_alive_pings = true;
        ws_.set_option(timeout);
        ws_.read_message_max(impl_.opts.ws_max_message);
        ws_.text(true);
        ws_.async_accept(upgrade_, [self = shared_from_this(), this](beast::error_code ec) {
            upgrade_ = {};
            if (ec) {
                impl_.log.debug("websocket handshake failed").with_error(ec.message()).log();
                finish();
                return;
            }
            impl_.log.debug("websocket open").with_field("session", id_).log();
            read();
        });
    }

    void begin_shutdown() override {
        if (finished_ || closing_) return;
        closing_ = true;
        if (!writing_) close_handshake();
    }

    void force_close() override {
        if (finished_) return;
        beast::get_lowest_layer(ws_).close();
    }

private:
    // One slot of `bytes` in the outgoing queue; false (and the session is closed) when this
    // session's queue or all sessions' bytes together are full.
    bool reserve(size_t bytes) {
        const size_t before = pending_.fetch_add(1, std::memory_order_relaxed);
        const size_t bytes_before = pending_bytes_.fetch_add(bytes, std::memory_order_relaxed);
        const size_t all_before = impl_.queued_bytes.fetch_add(bytes, std::memory_order_relaxed);
        if (before < impl_.opts.ws_max_queue &&
            bytes_before + bytes <= impl_.opts.ws_max_queue_bytes &&
            all_before + bytes <= impl_.opts.max_queued_bytes) {
            return true;
        }
        release(bytes);
        if (!closed_.exchange(true, std::memory_order_acq_rel)) {
            net::post(ws_.get_executor(), [self = shared_from_this(), this] { overflow(); });
        }
        return false;
    }

    void release(size_t bytes) {
        pending_.fetch_sub(1, std::memory_order_relaxed);
        pending_bytes_.fetch_sub(bytes, std::memory_order_relaxed);
        impl_.queued_bytes.fetch_sub(bytes, std::memory_order_relaxed);
    }

    // Moves pushed texts to the write queue, in push order. Worker thread.
    void drain_inbox() {
        std::deque<std::string> items;
        {
            std::scoped_lock lock{inbox_mu_};
            items.swap(inbox_);
            drain_scheduled_ = false;
        }
        if (items.empty()) return;
        if (finished_ || closing_) {
            for (const auto& text : items) release(text.size());
            return;
        }
        for (auto& text : items) queue_.push_back(std::move(text));
        if (!writing_) write_next();
    }

    void enqueue_reserved(std::string text) {
        if (finished_ || closing_) {
            release(text.size());
            return;
        }
        queue_.push_back(std::move(text));
        if (!writing_) write_next();
    }

    void read() {
        ws_.async_read(buffer_, [self = shared_from_this(), this](beast::error_code ec, size_t) {
            if (ec) {
                if (ec == beast::error::timeout) {
                    impl_.timeouts.fetch_add(1, std::memory_order_relaxed);
                }
                if (ec != websocket::error::closed && ec != net::error::operation_aborted) {
                    impl_.log.debug("websocket read ended").with_error(ec.message()).log();
                }
                finish();
                return;
            }
            if (!closing_ && !closed_.load(std::memory_order_relaxed)) on_message();
            buffer_.consume(buffer_.size());
            read();
        });
    }

    void on_message() {
        const auto data = buffer_.data();
        const std::string_view text{static_cast<const char*>(data.data()), data.size()};
        // Texts pushed before this message go first; those pushed while it is handled (the
        // notifications of a subscription it creates) go after its response.
        drain_inbox();
        std::string out;
        if (!allow_request()) {
            out = JsonRpc::error_response(kLimitExceeded, "request rate limited");
        } else {
            impl_.requests.fetch_add(1, std::memory_order_relaxed);
            ParsedRequest parsed = impl_.rpc.parse(text);
            if (parsed.heavy) {
                // Off the io thread; the response comes back here when it is ready.
                auto self = shared_from_this();
                const bool posted =
                    impl_.heavy->try_post([self, this, parsed = std::move(parsed)]() mutable {
                        std::string result = impl_.rpc.handle(std::move(parsed), *this);
                        net::post(ws_.get_executor(),
                                  [self, this, result = std::move(result)]() mutable {
                                      respond(std::move(result));
                                  });
                    });
                if (posted) return;
                impl_.busy.fetch_add(1, std::memory_order_relaxed);
                out = JsonRpc::error_response(kLimitExceeded, kBusyText);
            } else {
                out = impl_.rpc.handle(std::move(parsed), *this);
            }
        }
        respond(std::move(out));
    }

    void respond(std::string out) {
        if (out.empty() || !reserve(out.size())) return;
        enqueue_reserved(std::move(out));
    }

    void write_next() {
        writing_ = true;
        ws_.async_write(net::buffer(queue_.front()),
                        [self = shared_from_this(), this](beast::error_code ec, size_t) {
                            writing_ = false;
                            release(queue_.front().size());
                            queue_.pop_front();
                            if (ec) {
                                finish();
                                return;
                            }
                            if (!queue_.empty() && !finished_) {
                                write_next();
                            } else if (closing_) {
                                close_handshake();
                            }
                        });
    }

    void close_handshake() {
        if (finished_ || close_sent_) return;
        close_sent_ = true;
        closed_.store(true, std::memory_order_release);
        ws_.async_close(websocket::close_code::going_away,
                        [self = shared_from_this()](beast::error_code) {
                            // The pending read sees the peer's close frame (or the timeout) and
                            // calls finish().
                        });
    }

    void overflow() {
        impl_.ws_overflows.fetch_add(1, std::memory_order_relaxed);
        impl_.log.warn("websocket queue full, closing").with_field("session", id_).log();
        force_close();
    }

    void finish() {
        if (finished_) return;
        finished_ = true;
        closed_.store(true, std::memory_order_release);
        beast::error_code ec;
        beast::get_lowest_layer(ws_).socket().close(ec);
        unregister_self();
        run_close_callbacks();
        impl_.log.debug("websocket closed").with_field("session", id_).log();
    }

    websocket::stream<Stream> ws_;
    http::request<http::string_body> upgrade_;
    beast::flat_buffer buffer_;
    std::deque<std::string> queue_;  // worker thread; front is being written
    std::mutex inbox_mu_;
    std::deque<std::string> inbox_;    // pushed, not yet in queue_; guarded by inbox_mu_
    bool drain_scheduled_ = false;     // a drain_inbox() is posted; guarded by inbox_mu_
    std::atomic<size_t> pending_{0};   // queued or posted texts, for ws_max_queue
    std::atomic<size_t> pending_bytes_{0};  // their bytes, for ws_max_queue_bytes
    std::atomic<bool> closed_{false};  // no more pushes accepted
    bool writing_ = false;
    bool closing_ = false;  // stop(): drain the queue, then close
    bool close_sent_ = false;
    bool finished_ = false;
};

// ---------------------------------------------------------------------------------------------
// HTTP

using Response = http::response<http::string_body>;

/// An HTTP connection over `Stream` (beast::tcp_stream, or beast::ssl_stream of it for TLS).
template <typename Stream>
class HttpConn final : public ConnBase {
public:
    static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

    HttpConn(Server::Impl& impl, Worker& worker, std::unique_ptr<ConnSlot> slot, std::string client,
             Stream stream)
        : ConnBase{impl, worker, std::move(slot), std::move(client)}, stream_{std::move(stream)} {}
    ~HttpConn() override { run_close_callbacks(); }

    bool is_websocket() const override { return false; }
    bool push(std::string) override { return false; }

    void start() {
        register_self();
        if constexpr (kTls) {
            // The TLS handshake counts as the start of the first request.
            state_ = State::kReading;
            lowest().expires_after(impl_.opts.first_request_timeout);
            stream_.async_handshake(net::ssl::stream_base::server,
                                    [self = shared_from_this(), this](beast::error_code ec) {
                                        if (ec) {
                                            impl_.log.debug("tls handshake failed")
                                                .with_field("client", address_text())
                                                .with_error(ec.message())
                                                .log();
                                            finish();
                                            return;
                                        }
                                        wait_request();
                                    });
        } else {
            wait_request();
        }
    }

    void begin_shutdown() override {
        if (state_ == State::kWaiting || state_ == State::kReading) close_now();
        // kBusy: the response being written is the last (wait_request checks stopping).
    }
    void force_close() override { close_now(); }

private:
    enum class State : uint8_t { kWaiting, kReading, kBusy, kDone };

    void close_now() {
        if (state_ == State::kDone) return;
        lowest().close();
    }

    // Waits for the first byte of the next request (idle_timeout), then reads the header
    // (header_timeout) and the body (idle_timeout).
    void wait_request() {
        if (impl_.stopping.load(std::memory_order_relaxed)) {
            finish();
            return;
        }
        state_ = State::kWaiting;
        parser_.emplace();
        parser_->body_limit(impl_.opts.max_body_bytes);
        parser_->header_limit(
            static_cast<uint32_t>(std::min<size_t>(impl_.opts.max_header_bytes, UINT32_MAX)));
        if (buffer_.size() > 0) {
            read_header();
            return;
        }
        // A new connection must start its first request soon; a kept-alive one may idle longer.
        lowest().expires_after(served_ == 0 ? impl_.opts.first_request_timeout
                                           : impl_.opts.idle_timeout);
        stream_.async_read_some(buffer_.prepare(kReadChunk),
                                [self = shared_from_this(), this](beast::error_code ec, size_t n) {
                                    buffer_.commit(n);
                                    if (ec) {
                                        on_read_error(ec);
                                        return;
                                    }
                                    read_header();
                                });
    }

    void read_header() {
        state_ = State::kReading;
        lowest().expires_after(impl_.opts.header_timeout);
        http::async_read_header(
            stream_, buffer_, *parser_,
            [self = shared_from_this(), this](beast::error_code ec, size_t) {
                if (ec) {
                    on_read_error(ec);
                    return;
                }
                if (parser_->is_done()) {
                    on_request();
                    return;
                }
                if (iequals(sv(parser_->get()[http::field::expect]), "100-continue")) {
                    // curl sends this for bodies over 1 KiB and waits a second for the answer.
                    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
                    lowest().expires_after(impl_.opts.idle_timeout);
                    net::async_write(
                        stream_, net::buffer(kContinue.data(), kContinue.size()),
                        [keep = shared_from_this(), this](beast::error_code e, size_t) {
                            if (e) {
                                finish();
                                return;
                            }
                            read_body();
                        });
                    return;
                }
                read_body();
            });
    }

    void read_body() {
        lowest().expires_after(impl_.opts.idle_timeout);
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this(), this](beast::error_code ec, size_t) {
                             if (ec) {
                                 on_read_error(ec);
                                 return;
                             }
                             on_request();
                         });
    }

    void on_read_error(beast::error_code ec) {
        if (ec == beast::error::timeout) {
            impl_.timeouts.fetch_add(1, std::memory_order_relaxed);
            impl_.log.debug("http client too slow, closing").with_field("session", id_).log();
            finish();
        } else if (ec == http::error::body_limit) {
            respond_error(http::status::payload_too_large, "request body too large\n");
        } else if (ec == http::error::header_limit) {
            respond_error(http::status::request_header_fields_too_large, "header too large\n");
        } else if (ec.category() == http::make_error_code(http::error::bad_version).category() &&
                   ec != http::error::end_of_stream && ec != http::error::partial_message) {
            respond_error(http::status::bad_request, "bad request\n");
        } else {
            finish();  // end of stream, reset, cancelled
        }
    }

    Response make_response(http::status status, std::string body, std::string_view type) {
        Response res{status, parser_ ? parser_->get().version() : 11};
        if (!type.empty()) res.set(http::field::content_type, bsv(type));
        if (parser_) {
            const auto& req = parser_->get();
            const std::string_view allow = impl_.cors.allow(sv(req[http::field::origin]));
            if (!allow.empty()) {
                res.set(http::field::access_control_allow_origin, bsv(allow));
                if (!impl_.cors.any()) res.set(http::field::vary, "Origin");
            }
        }
        res.body() = std::move(body);
        return res;
    }

    void on_request() {
        state_ = State::kBusy;
        ++served_;
        auto& req = parser_->get();
        const bool keep_alive = req.keep_alive();
        if (!impl_.vhosts.allowed(sv(req[http::field::host]))) {
            impl_.forbidden.fetch_add(1, std::memory_order_relaxed);
            write(make_response(http::status::forbidden, "invalid host specified\n", "text/plain"),
                  false);
            return;
        }
        const bool open_path = req.method() == http::verb::options ||
                               (req.method() == http::verb::get && !websocket::is_upgrade(req));
        if (!open_path && !authorize(req)) return;
        if (websocket::is_upgrade(req)) {
            if (!impl_.cors.allowed(sv(req[http::field::origin]))) {
                impl_.forbidden.fetch_add(1, std::memory_order_relaxed);
                write(make_response(http::status::forbidden, "origin not allowed\n", "text/plain"),
                      false);
                return;
            }
            if (impl_.websockets_active.load(std::memory_order_relaxed) >=
                impl_.opts.max_websockets) {
                write(make_response(http::status::service_unavailable,
                                    "too many websocket connections\n", "text/plain"),
                      false);
                return;
            }
            upgrade();
            return;
        }
        switch (req.method()) {
            case http::verb::post: {
                if (!is_json_content_type(sv(req[http::field::content_type]))) {
                    write(make_response(http::status::unsupported_media_type,
                                        "invalid content type, only application/json is "
                                        "supported\n",
                                        "text/plain"),
                          keep_alive);
                    return;
                }
                if (!allow_request()) {
                    auto res = make_response(
                        http::status::too_many_requests,
                        JsonRpc::error_response(kLimitExceeded, "request rate limited"),
                        "application/json");
                    res.set(http::field::retry_after, "1");
                    write(std::move(res), keep_alive);
                    return;
                }
                impl_.requests.fetch_add(1, std::memory_order_relaxed);
                ParsedRequest parsed = impl_.rpc.parse(req.body());
                if (parsed.heavy) {
                    run_heavy(std::move(parsed), keep_alive);
                    return;
                }
                std::string out = impl_.rpc.handle(std::move(parsed), *this);
                write(make_response(http::status::ok, std::move(out), "application/json"),
                      keep_alive);
                return;
            }
            case http::verb::get: {
                const std::string_view path = path_of(sv(req.target()));
                if (path == "/" || path == "/healthz") {
                    write(make_response(http::status::ok, R"({"status":"ok"})", "application/json"),
                          keep_alive);
                } else {
                    write(make_response(http::status::not_found, "not found\n", "text/plain"),
                          keep_alive);
                }
                return;
            }
            case http::verb::options: {
                auto res = make_response(http::status::no_content, {}, {});
                if (res.find(http::field::access_control_allow_origin) != res.end()) {
                    res.set(http::field::access_control_allow_methods, "POST, GET, OPTIONS");
                    const auto requested = req[http::field::access_control_request_headers];
                    res.set(http::field::access_control_allow_headers,
                            requested.empty() ? beast::string_view{"Content-Type"} : requested);
                    res.set(http::field::access_control_max_age, "600");
                }
                write(std::move(res), keep_alive);
                return;
            }
            default:
                write(make_response(http::status::method_not_allowed, "method not allowed\n",
                                    "text/plain"),
                      keep_alive);
                return;
        }
    }

    // The address allowlist and the credentials of a request (JSON-RPC or WebSocket upgrade);
    // false after answering 403 or 401 and logging the refusal (never the credentials).
    bool authorize(const http::request<http::string_body>& req) {
        const auto refuse = [&](http::status status, int code, const std::string& why) {
            impl_.forbidden.fetch_add(1, std::memory_order_relaxed);
            impl_.log.warn("audit: request refused")
                .with_field("client", address_text())
                .with_field("status", static_cast<int>(status))
                .with_field("reason", why)
                .log();
            auto res = make_response(status, JsonRpc::error_response(code, why), "application/json");
            if (status == http::status::unauthorized) res.set(http::field::www_authenticate, "Bearer");
            write(std::move(res), false);
            return false;
        };
        if (!impl_.auth->address_allowed(client_))
            return refuse(http::status::forbidden, kUnauthorized, "forbidden: address not allowed");
        if (!impl_.auth->required()) return true;
        std::string_view credential = sv(req[http::field::authorization]);
        if (credential.empty()) credential = sv(req["X-API-Key"]);
        const auto now = static_cast<uint64_t>(
            std::chrono::duration_cast<std::chrono::seconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count());
        auto who = impl_.auth->authenticate(credential, now);
        if (!who) {
            return refuse(http::status::unauthorized, kUnauthorized,
                          "unauthorized: " + who.error().context());
        }
        principal_ = std::move(*who);
        if (!slot_->hold_key(principal_.name)) {
            return refuse(http::status::too_many_requests, kLimitExceeded,
                          "too many connections for this key");
        }
        return true;
    }

    // Runs a request with heavy methods on the heavy pool, then writes its response here.
    void run_heavy(ParsedRequest parsed, bool keep_alive) {
        auto self = shared_from_this();
        const bool posted =
            impl_.heavy->try_post([self, this, keep_alive, parsed = std::move(parsed)]() mutable {
                std::string out = impl_.rpc.handle(std::move(parsed), *this);
                net::post(stream_.get_executor(),
                          [self, this, keep_alive, out = std::move(out)]() mutable {
                              write(make_response(http::status::ok, std::move(out),
                                                  "application/json"),
                                    keep_alive);
                          });
            });
        if (posted) return;
        impl_.busy.fetch_add(1, std::memory_order_relaxed);
        write(make_response(http::status::ok, JsonRpc::error_response(kLimitExceeded, kBusyText),
                            "application/json"),
              keep_alive);
    }

    // An error found while reading: answer and close, reading what the client still sends for
    // a moment so that it sees the answer instead of a connection reset.
    void respond_error(http::status status, std::string text) {
        state_ = State::kBusy;
        Response res = make_response(status, std::move(text), "text/plain");
        res.keep_alive(false);
        res.prepare_payload();
        res_ = std::move(res);
        parser_.reset();
        lowest().expires_after(impl_.opts.header_timeout);
        http::async_write(stream_, res_,
                          [self = shared_from_this(), this](beast::error_code ec, size_t) {
                              if (ec) {
                                  finish();
                                  return;
                              }
                              linger();
                          });
    }

    void linger() {
        beast::error_code ec;
        lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
        lowest().expires_after(std::chrono::seconds{2});
        drained_ = 0;
        drain();
    }

    void drain() {
        buffer_.clear();
        stream_.async_read_some(buffer_.prepare(kReadChunk),
                                [self = shared_from_this(), this](beast::error_code ec, size_t n) {
                                    drained_ += n;
                                    if (ec || drained_ > kMaxDrain) {
                                        finish();
                                        return;
                                    }
                                    drain();
                                });
    }

    void write(Response res, bool keep_alive) {
        keep_alive = keep_alive && !impl_.stopping.load(std::memory_order_relaxed);
        res.keep_alive(keep_alive);
        res.prepare_payload();
        res_ = std::move(res);
        parser_.reset();  // frees the request body
        lowest().expires_after(impl_.opts.idle_timeout);
        http::async_write(
            stream_, res_,
            [self = shared_from_this(), this, keep_alive](beast::error_code ec, size_t) {
                res_ = {};
                if (buffer_.size() == 0 && buffer_.capacity() > kKeepBuffer) {
                    buffer_.shrink_to_fit();
                }
                if (ec || !keep_alive) {
                    if (!ec) {
                        beast::error_code ignored;
                        lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
                    }
                    finish();
                    return;
                }
                wait_request();
            });
    }

    void upgrade() {
        lowest().expires_never();
        auto ws = std::make_shared<WsConn<Stream>>(impl_, worker_, std::move(slot_), client_,
                                           std::move(stream_), parser_->release(), principal_);
        parser_.reset();
        upgraded_ = true;
        finish();
        ws->start();
    }

    void finish() {
        if (state_ == State::kDone) return;
        state_ = State::kDone;
        if (!upgraded_) {
            beast::error_code ec;
            lowest().socket().close(ec);
        }
        unregister_self();
        run_close_callbacks();
    }

    static constexpr size_t kReadChunk = 16u << 10;
    static constexpr size_t kMaxDrain = 64u << 20;
    static constexpr size_t kKeepBuffer = 64u << 10;

    auto& lowest() { return beast::get_lowest_layer(stream_); }

    Stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    Response res_;
    State state_ = State::kWaiting;
    uint64_t served_ = 0;  // requests read on this connection
    bool upgraded_ = false;
    size_t drained_ = 0;
};

std::string client_key(const tcp::socket& socket) {
    boost::system::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    if (ec) return {};
    const auto address = endpoint.address();
    if (address.is_v4()) {
        const auto b = address.to_v4().to_bytes();
        return std::string(b.begin(), b.end());
    }
    const auto b = address.to_v6().to_bytes();
    return std::string(b.begin(), b.end());
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Server

Result<void> Server::Impl::start() {
    const size_t n = opts.io_threads != 0
                         ? opts.io_threads
                         : std::max<size_t>(1, std::thread::hardware_concurrency());
    for (size_t i = 0; i < n; ++i) workers.push_back(std::make_unique<Worker>());

    boost::system::error_code ec;
    const auto address = net::ip::make_address(opts.host, ec);
    if (ec) return std::unexpected(to_error(ec, "rpc server: bad host " + opts.host));
    const tcp::endpoint endpoint{address, opts.port};
    acceptor.emplace(workers[0]->ioc);
    acceptor->open(endpoint.protocol(), ec);
    if (!ec) acceptor->set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor->bind(endpoint, ec);
    if (!ec) acceptor->listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        return std::unexpected(to_error(
            ec, "rpc server: cannot listen on " + opts.host + ":" + std::to_string(opts.port)));
    }
    port = acceptor->local_endpoint().port();
    if (!opts.tls_cert_file.empty()) {
        // TLS 1.2 and later only; a client certificate is required when a CA is configured.
        tls.emplace(net::ssl::context::tls_server);
        boost::system::error_code tls_ec;
        tls->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                             net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                             net::ssl::context::no_tlsv1_1 | net::ssl::context::single_dh_use,
                         tls_ec);
        if (!tls_ec) tls->use_certificate_chain_file(opts.tls_cert_file, tls_ec);
        if (!tls_ec) tls->use_private_key_file(opts.tls_key_file, net::ssl::context::pem, tls_ec);
        if (!tls_ec && !opts.tls_client_ca_file.empty()) {
            tls->load_verify_file(opts.tls_client_ca_file, tls_ec);
            if (!tls_ec) {
                tls->set_verify_mode(net::ssl::verify_peer | net::ssl::verify_fail_if_no_peer_cert,
                                     tls_ec);
            }
        }
        if (tls_ec) return std::unexpected(to_error(tls_ec, "rpc server: TLS certificate or key"));
    }
    YAO_TRY(auto authenticator, Authenticator::make(opts.auth));
    auth.emplace(std::move(authenticator));
    YAO_TRY(heavy, infra::TaskQueue::start("rpc-heavy", opts.heavy_threads != 0 ? opts.heavy_threads : n,
                                           opts.heavy_queue));

    do_accept();
    for (size_t i = 0; i < n; ++i) {
        Worker& w = *workers[i];
        auto thread = infra::Thread::start("rpc-io-" + std::to_string(i), [this, &w] {
            for (;;) {
                try {
                    w.ioc.run();
                    return;
                } catch (const std::exception& e) {
                    log.error("exception in rpc io thread").with_error(e).log();
                } catch (...) {
                    log.error("exception in rpc io thread").log();
                }
            }
        });
        if (!thread) {
            stop();
            return std::unexpected(thread.error());
        }
        w.thread = std::move(*thread);
    }
    log.info("rpc server listening")
        .with_field("host", opts.host)
        .with_field("port", port)
        .with_field("io_threads", n)
        .log();
    return {};
}

void Server::Impl::do_accept() {
    Worker& worker = *workers[next_worker++ % workers.size()];
    acceptor->async_accept(
        net::any_io_executor{worker.ioc.get_executor()},
        [this, &worker](const boost::system::error_code& ec, tcp::socket socket) {
            on_accept(ec, std::move(socket), worker);
        });
}

void Server::Impl::on_accept(const boost::system::error_code& ec, tcp::socket socket,
                             Worker& worker) {
    if (ec == net::error::operation_aborted || stopping.load(std::memory_order_relaxed)) return;
    if (ec) {
        // Out of file descriptors and the like: wait a little instead of spinning.
        log.warn("accept failed").with_error(ec.message()).log();
        accept_retry = std::make_unique<net::steady_timer>(workers[0]->ioc);
        accept_retry->expires_after(std::chrono::milliseconds{100});
        accept_retry->async_wait([this](const boost::system::error_code& e) {
            if (!e && !stopping.load(std::memory_order_relaxed)) do_accept();
        });
        return;
    }
    // Only this thread increments, so the checks cannot race past the limits.
    std::string client = client_key(socket);
    bool refuse = connections_active.load(std::memory_order_relaxed) >= opts.max_connections;
    if (!refuse) {
        std::scoped_lock lock{ip_mu};
        size_t& from_ip = per_ip[client];
        refuse = from_ip >= opts.max_connections_per_ip;
        if (!refuse) ++from_ip;
    }
    if (refuse) {
        connections_refused.fetch_add(1, std::memory_order_relaxed);
        log.debug("too many connections, refusing").log();
        boost::system::error_code ignored;
        socket.close(ignored);
        do_accept();
        return;
    }
    connections_active.fetch_add(1, std::memory_order_relaxed);
    connections_total.fetch_add(1, std::memory_order_relaxed);
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto slot = std::make_unique<ConnSlot>(*this, client);
    if (tls) {
        using TlsStream = beast::ssl_stream<beast::tcp_stream>;
        auto conn = std::make_shared<HttpConn<TlsStream>>(
            *this, worker, std::move(slot), std::move(client),
            TlsStream{beast::tcp_stream{std::move(socket)}, *tls});
        net::post(worker.ioc, [conn] { conn->start(); });
    } else {
        auto conn = std::make_shared<HttpConn<beast::tcp_stream>>(
            *this, worker, std::move(slot), std::move(client), beast::tcp_stream{std::move(socket)});
        net::post(worker.ioc, [conn] { conn->start(); });
    }
    do_accept();
}

void Server::Impl::stop() {
    std::scoped_lock lock{stop_mu};
    if (stopped) return;
    stopped = true;
    stopping.store(true, std::memory_order_relaxed);
    if (workers.empty()) return;

    net::post(workers[0]->ioc, [this] {
        boost::system::error_code ignored;
        if (acceptor) acceptor->close(ignored);
        if (accept_retry) accept_retry->cancel();
    });
    const auto for_each_conn = [this](void (ConnBase::*fn)()) {
        for (auto& w : workers) {
            net::post(w->ioc, [&w = *w, fn] {
                // Copy: closing may unregister connections while we iterate.
                const std::vector<ConnBase*> conns(w.conns.begin(), w.conns.end());
                for (ConnBase* c : conns) {
                    if (w.conns.contains(c)) (c->*fn)();
                }
            });
        }
    };
    const auto wait_idle = [this](Clock::duration limit) {
        const auto deadline = Clock::now() + limit;
        while (connections_active.load(std::memory_order_relaxed) != 0 && Clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds{5});
        }
        return connections_active.load(std::memory_order_relaxed) == 0;
    };

    for_each_conn(&ConnBase::begin_shutdown);
    if (!wait_idle(opts.shutdown_timeout)) {
        log.warn("rpc server: connections still open at shutdown timeout, closing them").log();
        for_each_conn(&ConnBase::force_close);
        wait_idle(std::chrono::seconds{2});
    }
    // Heavy jobs post to the io contexts: finish (or drop) them while those still run.
    if (heavy) heavy->stop();
    for (auto& w : workers) w->work.reset();
    for (auto& w : workers) {
        w->ioc.stop();
        w->thread.join();
    }
    log.info("rpc server stopped").log();
}

Server::Server(std::unique_ptr<Impl> impl) : impl_{std::move(impl)} {}

Server::~Server() {
    if (impl_) impl_->stop();
}

Result<std::unique_ptr<Server>> Server::start(ServerOptions options, const JsonRpc& rpc,
                                              log::Logger logger) {
    auto impl = std::make_unique<Impl>(std::move(options), rpc, std::move(logger));
    if (auto r = impl->start(); !r) return std::unexpected(r.error());
    return std::unique_ptr<Server>{new Server{std::move(impl)}};
}

uint16_t Server::port() const noexcept {
    return impl_->port;
}

void Server::stop() {
    impl_->stop();
}

ServerStats Server::stats() const noexcept {
    const Impl& i = *impl_;
    constexpr auto r = std::memory_order_relaxed;
    return ServerStats{
        .connections_active = i.connections_active.load(r),
        .connections_total = i.connections_total.load(r),
        .connections_refused = i.connections_refused.load(r),
        .websockets_active = i.websockets_active.load(r),
        .requests = i.requests.load(r),
        .rate_limited = i.rate_limited.load(r),
        .timeouts = i.timeouts.load(r),
        .ws_overflows = i.ws_overflows.load(r),
        .forbidden = i.forbidden.load(r),
        .busy = i.busy.load(r),
    };
}

}  // namespace yao::rpc
