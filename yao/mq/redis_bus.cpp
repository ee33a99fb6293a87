// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "redis_bus.hpp"

#include <hiredis/hiredis.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <deque>
#include <initializer_list>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <yao/mq/errc.hpp>

namespace yao::mq {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// KEYS[1]: the stream; KEYS[2]: its broadcast mark. ARGV[1]: max backlog; ARGV[2]: broadcast
// retention (ms); ARGV[3..]: the entry's field/value pairs. Checks back-pressure, appends, trims
// (see redis_bus.hpp). Returns the new entry's id, or the error "BUSFULL <backlog>".
constexpr std::string_view kPublishScript = R"lua(
local stream, mark = KEYS[1], KEYS[2]
local limit = tonumber(ARGV[1])
local retention = tonumber(ARGV[2])
local function parse(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end
local groups = {}
local len = 0
if redis.call('EXISTS', stream) == 1 then
  groups = redis.call('XINFO', 'GROUPS', stream)
  len = redis.call('XLEN', stream)
end
local broadcast = redis.call('EXISTS', mark) == 1
local infos = {}
local backlog = 0
if #groups == 0 and not broadcast then backlog = len end
for i, g in ipairs(groups) do
  local f = {}
  for j = 1, #g, 2 do f[g[j]] = g[j + 1] end
  infos[i] = f
  local b = len
  if f['lag'] then b = f['lag'] + f['pending'] end
  if b > backlog then backlog = b end
end
if backlog >= limit then return redis.error_reply('BUSFULL backlog ' .. backlog) end
local id = redis.call('XADD', stream, '*', unpack(ARGV, 3))
if #groups == 0 and not broadcast then return id end
local tms, tseq = math.huge, 0
if broadcast then
  local t = redis.call('TIME')
  tms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - retention
end
for _, f in ipairs(infos) do
  local ms, seq
  if f['pending'] > 0 then
    ms, seq = parse(redis.call('XPENDING', stream, f['name'])[2])
  else
    ms, seq = parse(f['last-delivered-id'])
    seq = seq + 1
  end
  if ms < tms or (ms == tms and seq < tseq) then tms, tseq = ms, seq end
end
if tms ~= math.huge and tms > 0 then
  redis.call('XTRIM', stream, 'MINID', string.format('%.0f-%.0f', tms, tseq))
end
return id
)lua";

struct ReplyDeleter {
    void operator()(redisReply* r) const noexcept { freeReplyObject(r); }
};
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

std::string_view text(const redisReply* r) {
    return r->str ? std::string_view{r->str, r->len} : std::string_view{};
}

bool is_error(const redisReply* r, std::string_view prefix) {
    return r->type == REDIS_REPLY_ERROR && text(r).starts_with(prefix);
}

/// An error reply as an Error (kBackendError) naming the command.
std::unexpected<Error> reply_error(std::string_view command, const redisReply* r) {
    if (r->type == REDIS_REPLY_ERROR)
        return fail(Errc::kBackendError, fmt::format("redis {}: {}", command, text(r)));
    return fail(Errc::kBackendError, fmt::format("redis {}: unexpected reply type {}", command,
                                                 r->type));
}

template <typename T>
T parse_number(std::string_view s) {
    T v{};
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

/// The value of `name` in a flat [name, value, ...] array (XINFO replies), or nullptr.
const redisReply* field(const redisReply* flat, std::string_view name) {
    if (flat->type != REDIS_REPLY_ARRAY) return nullptr;
    for (size_t i = 0; i + 1 < flat->elements; i += 2)
        if (text(flat->element[i]) == name) return flat->element[i + 1];
    return nullptr;
}

uint64_t integer_field(const redisReply* flat, std::string_view name) {
    const redisReply* v = field(flat, name);
    return v && v->type == REDIS_REPLY_INTEGER && v->integer > 0 ? static_cast<uint64_t>(v->integer)
                                                                 : 0;
}

/// A stream entry [id, [field, value, ...]] as the message it carries. Lenient: a missing or
/// malformed field stays at its default (a poison entry must not wedge a group).
Envelope decode(const redisReply* fields) {
    Envelope e;
    if (!fields || fields->type != REDIS_REPLY_ARRAY) return e;
    for (size_t i = 0; i + 1 < fields->elements; i += 2) {
        const std::string_view name = text(fields->element[i]);
        const std::string_view value = text(fields->element[i + 1]);
        if (name == "type") {
            e.type = value;
        } else if (name == "id") {
            e.message_id = value;
        } else if (name == "ts") {
            e.timestamp_ms = parse_number<uint64_t>(value);
        } else if (name == "ver") {
            e.version = parse_number<uint32_t>(value);
        } else if (name == "trace") {
            e.trace_id = value;
        } else if (name == "key") {
            e.key = value;
        } else if (name == "payload") {
            e.payload.assign(reinterpret_cast<const uint8_t*>(value.data()),
                             reinterpret_cast<const uint8_t*>(value.data()) + value.size());
        }
    }
    return e;
}

/// The first entry [id, fields] of an XREAD / XREADGROUP reply [[stream, [entry...]]], or nullptr.
const redisReply* first_read_entry(const redisReply* r) {
    if (r->type != REDIS_REPLY_ARRAY || r->elements == 0) return nullptr;
    const redisReply* stream = r->element[0];
    if (stream->type != REDIS_REPLY_ARRAY || stream->elements < 2) return nullptr;
    const redisReply* entries = stream->element[1];
    if (entries->type != REDIS_REPLY_ARRAY || entries->elements == 0) return nullptr;
    const redisReply* entry = entries->element[0];
    return entry->type == REDIS_REPLY_ARRAY && entry->elements >= 2 ? entry : nullptr;
}

/// Local counters of one topic (TopicStats without depth).
struct Counters {
    std::atomic<uint64_t> published{0};
    std::atomic<uint64_t> delivered{0};
    std::atomic<uint64_t> redelivered{0};
    std::atomic<uint64_t> acked{0};
    std::atomic<uint64_t> pollers{0};
};

/// Counts a poll as blocked while it runs (TopicStats::pollers).
class PollerGuard {
public:
    PollerGuard(Counters& c, bool blocking) : c_{blocking ? &c : nullptr} {
        if (c_) ++c_->pollers;
    }
    ~PollerGuard() {
        if (c_) --c_->pollers;
    }
    PollerGuard(const PollerGuard&) = delete;
    PollerGuard& operator=(const PollerGuard&) = delete;

private:
    Counters* c_;
};

}  // namespace

struct RedisBus::Shared {
    explicit Shared(Options o) : options{std::move(o)} {}

    const Options options;
    std::atomic<bool> closed{false};

    mutable std::mutex mutex;           ///< guards the members below
    std::vector<redisContext*> idle;    ///< pooled connections
    std::set<int> live_fds;             ///< sockets of every open connection (close() shuts them)
    std::string script_sha;             ///< of kPublishScript once loaded
    std::map<std::string, std::shared_ptr<Counters>, std::less<>> counters;

    /// A borrowed connection, given back (or dropped after an error) on destruction.
    class Lease {
    public:
        Lease(Shared* shared, redisContext* ctx) : shared_{shared}, ctx_{ctx} {}
        Lease(Lease&& o) noexcept
            : shared_{o.shared_}, ctx_{std::exchange(o.ctx_, nullptr)} {}
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        ~Lease() {
            if (ctx_) shared_->give_back(ctx_);
        }

        /// Runs one command. An error reply is returned as a reply (callers look at it), except
        /// a transient one (LOADING, BUSY, ...), which becomes kUnavailable like a lost connection.
        Result<Reply> run(std::initializer_list<std::string_view> args) {
            return run(std::vector<std::string_view>(args));
        }
        Result<Reply> run(const std::vector<std::string_view>& args) {
            std::vector<const char*> argv;
            std::vector<size_t> lens;
            argv.reserve(args.size());
            lens.reserve(args.size());
            for (auto a : args) {
                argv.push_back(a.data());
                lens.push_back(a.size());
            }
            void* r = redisCommandArgv(ctx_, static_cast<int>(argv.size()), argv.data(),
                                       lens.data());
            if (!r) {
                if (shared_->closed.load()) return fail(Errc::kBusClosed);
                return fail(Errc::kUnavailable,
                            fmt::format("redis {}:{}: {}", shared_->options.host,
                                        shared_->options.port, ctx_->errstr));
            }
            Reply reply{static_cast<redisReply*>(r)};
            for (std::string_view transient : {"LOADING", "BUSY ", "TRYAGAIN", "MASTERDOWN"}) {
                if (is_error(reply.get(), transient))
                    return fail(Errc::kUnavailable, fmt::format("redis: {}", text(reply.get())));
            }
            return reply;
        }

    private:
        Shared* shared_;
        redisContext* ctx_;
    };

    Result<Lease> acquire() {
        {
            std::lock_guard lock{mutex};
            if (closed.load()) return fail(Errc::kBusClosed);
            if (!idle.empty()) {
                redisContext* c = idle.back();
                idle.pop_back();
                return Lease{this, c};
            }
        }
        const auto ms = options.connect_timeout.count();
        const timeval connect_tv{static_cast<time_t>(ms / 1000),
                                 static_cast<suseconds_t>((ms % 1000) * 1000)};
        redisContext* c = redisConnectWithTimeout(options.host.c_str(), options.port, connect_tv);
        if (!c || c->err) {
            std::string why = c ? c->errstr : "out of memory";
            if (c) redisFree(c);
            return fail(Errc::kUnavailable,
                        fmt::format("redis {}:{}: {}", options.host, options.port, why));
        }
        // A reply may take a whole poll slice (BLOCK) plus the I/O timeout.
        const auto io = (options.io_timeout + options.poll_slice).count();
        const timeval io_tv{static_cast<time_t>(io / 1000),
                            static_cast<suseconds_t>((io % 1000) * 1000)};
        if (redisSetTimeout(c, io_tv) != REDIS_OK) {
            redisFree(c);
            return fail(Errc::kUnavailable, "redis: cannot set the command timeout");
        }
        std::lock_guard lock{mutex};
        if (closed.load()) {
            redisFree(c);
            return fail(Errc::kBusClosed);
        }
        live_fds.insert(c->fd);
        return Lease{this, c};
    }

    void give_back(redisContext* c) {
        {
            std::lock_guard lock{mutex};
            if (c->err == 0 && !closed.load() && idle.size() < options.max_idle_connections) {
                idle.push_back(c);
                return;
            }
            live_fds.erase(c->fd);  // before redisFree: the fd number may be reused afterwards
        }
        redisFree(c);
    }

    void close() {
        std::vector<redisContext*> drop;
        {
            std::lock_guard lock{mutex};
            closed.store(true);
            // Wakes every blocked read at once; the borrowers then drop their connections.
            for (int fd : live_fds) ::shutdown(fd, SHUT_RDWR);
            drop.swap(idle);
            for (redisContext* c : drop) live_fds.erase(c->fd);
        }
        for (redisContext* c : drop) redisFree(c);
    }

    std::shared_ptr<Counters> counters_of(std::string_view topic) {
        std::lock_guard lock{mutex};
        auto it = counters.find(topic);
        if (it == counters.end())
            it = counters.emplace(std::string{topic}, std::make_shared<Counters>()).first;
        return it->second;
    }

    std::string stream_key(std::string_view topic) const {
        return options.key_prefix + std::string{topic};
    }
    std::string mark_key(std::string_view topic) const { return stream_key(topic) + ":broadcast"; }

    /// The SHA1 of the publish script, loading it when needed (`reload`: after NOSCRIPT).
    Result<std::string> publish_script(Lease& lease, bool reload) {
        {
            std::lock_guard lock{mutex};
            if (!reload && !script_sha.empty()) return script_sha;
        }
        YAO_TRY(auto r, lease.run({"SCRIPT", "LOAD", kPublishScript}));
        if (r->type != REDIS_REPLY_STRING) return reply_error("SCRIPT LOAD", r.get());
        std::lock_guard lock{mutex};
        script_sha = text(r.get());
        return script_sha;
    }

    /// Creates `group` on `stream` (and the stream) unless it exists: from the stream's start
    /// when it has no group yet, from its end otherwise (redis_bus.hpp).
    Result<void> ensure_group(Lease& lease, const std::string& stream, const std::string& group) {
        YAO_TRY(auto info, lease.run({"XINFO", "GROUPS", stream}));
        const bool first = info->type != REDIS_REPLY_ARRAY || info->elements == 0;
        YAO_TRY(auto r, lease.run({"XGROUP", "CREATE", stream, group, first ? "0" : "$",
                                   "MKSTREAM"}));
        if (r->type == REDIS_REPLY_ERROR && !is_error(r.get(), "BUSYGROUP"))
            return reply_error("XGROUP CREATE", r.get());
        return {};
    }
};

namespace {

using Shared = RedisBus::Shared;
using Lease = Shared::Lease;

/// The time left until `deadline` as a BLOCK argument: at most `slice`, 0 when none is left.
milliseconds block_for(Clock::time_point deadline, milliseconds slice) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    return std::clamp(left, milliseconds{0}, slice);
}

class RedisClusterConsumer final : public Consumer {
public:
    RedisClusterConsumer(std::shared_ptr<Shared> shared, std::string stream, std::string group,
                         std::string name, milliseconds ack_timeout, bool take_over,
                         std::shared_ptr<Counters> counters)
        : shared_{std::move(shared)},
          stream_{std::move(stream)},
          group_{std::move(group)},
          name_{std::move(name)},
          ack_timeout_{ack_timeout},
          ack_timeout_text_{std::to_string(ack_timeout.count())},
          claim_interval_{std::clamp(ack_timeout / 4, milliseconds{1},
                                     shared_->options.poll_slice)},
          counters_{std::move(counters)},
          taking_over_{take_over} {}

    /// Hands the unacknowledged deliveries back to the group (claimable at once) and removes
    /// this consumer from the group when it holds nothing. Best effort: skipped when the bus is
    /// closed or the server cannot be reached (the group then claims them after ack_timeout).
    ~RedisClusterConsumer() override {
        if (shared_->closed.load()) return;
        auto lease = shared_->acquire();
        if (!lease) return;
        if (!outstanding_.empty()) {
            std::vector<std::string_view> args{"XCLAIM", stream_, group_, name_, "0"};
            for (const auto& [tag, id] : outstanding_) args.push_back(id);
            args.insert(args.end(), {"IDLE", ack_timeout_text_, "JUSTID"});
            (void)lease->run(args);
        }
        auto pending = lease->run({"XPENDING", stream_, group_, "-", "+", "1", name_});
        if (pending && (*pending)->type == REDIS_REPLY_ARRAY && (*pending)->elements == 0)
            (void)lease->run({"XGROUP", "DELCONSUMER", stream_, group_, name_});
    }

    Result<std::optional<Delivery>> poll(milliseconds wait) override {
        auto r = poll_once(wait);
        if (!r && r.error() == Errc::kBusClosed) return std::optional<Delivery>{};
        return r;
    }

    bool taking_over() const override {
        std::lock_guard lock{mutex_};
        return taking_over_;
    }

    Result<void> ack(const Delivery& delivery) override {
        std::string id;
        {
            std::lock_guard lock{mutex_};
            auto it = outstanding_.find(delivery.delivery_tag);
            if (it == outstanding_.end()) {
                if (delivery.delivery_tag == 0 || delivery.delivery_tag >= next_tag_)
                    return fail(Errc::kUnknownDelivery, "tag never handed out");
                return {};  // acknowledged already
            }
            id = std::move(it->second);
            outstanding_.erase(it);
        }
        auto acked = xack(id);
        if (!acked) {  // keep it, so that the caller may try again
            std::lock_guard lock{mutex_};
            outstanding_.emplace(delivery.delivery_tag, std::move(id));
            return std::unexpected{acked.error()};
        }
        return {};
    }

private:
    Result<void> xack(const std::string& id) {
        YAO_TRY(auto lease, shared_->acquire());
        YAO_TRY(auto r, lease.run({"XACK", stream_, group_, id}));
        if (r->type != REDIS_REPLY_INTEGER) return reply_error("XACK", r.get());
        if (r->integer > 0) ++counters_->acked;
        return {};
    }

    Result<std::optional<Delivery>> poll_once(milliseconds wait) {
        if (shared_->closed.load()) return std::optional<Delivery>{};
        const auto deadline = Clock::now() + std::max(wait, milliseconds{0});
        PollerGuard guard{*counters_, wait.count() > 0};
        YAO_TRY(auto lease, shared_->acquire());
        int group_repairs = 0;
        while (true) {
            if (shared_->closed.load()) return std::optional<Delivery>{};
            YAO_TRY(auto claimed, claim(lease));
            if (claimed) return claimed;

            const auto block = block_for(deadline, shared_->options.poll_slice);
            const std::string block_text = std::to_string(block.count());
            std::vector<std::string_view> args{"XREADGROUP", "GROUP", group_, name_, "COUNT", "1"};
            if (block.count() > 0) args.insert(args.end(), {"BLOCK", block_text});
            args.insert(args.end(), {"STREAMS", stream_, ">"});
            YAO_TRY(auto r, lease.run(args));
            if (is_error(r.get(), "NOGROUP") && group_repairs++ < 3) {
                YAO_TRY_VOID(shared_->ensure_group(lease, stream_, group_));
                continue;
            }
            if (r->type == REDIS_REPLY_ERROR) return reply_error("XREADGROUP", r.get());
            if (const redisReply* entry = first_read_entry(r.get()))
                return deliver(text(entry->element[0]), entry->element[1], 1);
            if (Clock::now() >= deadline) return std::optional<Delivery>{};
        }
    }

    /// Claims one entry pending in the group for longer than ack_timeout (XAUTOCLAIM), at most
    /// every claim_interval_ (sooner after a successful claim: there may be more). While taking
    /// over (ConsumerOptions::take_over), claims every pending entry, one pass over the list.
    Result<std::optional<Delivery>> claim(Lease& lease) {
        std::string cursor;
        bool taking_over = false;
        {
            std::lock_guard lock{mutex_};
            // The pass ended with the entry handed out by the previous poll: it has been handled
            // by now (the caller polls again only after that), so the take-over is complete.
            if (taking_over_ && pass_ended_) taking_over_ = false;
            taking_over = taking_over_;
            if (!taking_over && Clock::now() < next_claim_) return std::optional<Delivery>{};
            next_claim_ = Clock::now() + claim_interval_;
            cursor = claim_cursor_;
        }
        const std::string_view min_idle = taking_over ? std::string_view{"0"} : ack_timeout_text_;
        // COUNT 1 scans at most 10 pending entries per call: follow the cursor a few times (to
        // the end of the list while taking over: new entries wait until the pass is done).
        for (int round = 0; taking_over || round < 8; ++round) {
            YAO_TRY(auto r, lease.run({"XAUTOCLAIM", stream_, group_, name_, min_idle, cursor,
                                       "COUNT", "1"}));
            if (is_error(r.get(), "NOGROUP")) {
                YAO_TRY_VOID(shared_->ensure_group(lease, stream_, group_));
                return std::optional<Delivery>{};
            }
            if (r->type != REDIS_REPLY_ARRAY || r->elements < 2)
                return reply_error("XAUTOCLAIM", r.get());
            cursor = text(r->element[0]);
            {
                std::lock_guard lock{mutex_};
                claim_cursor_ = cursor;
            }
            const redisReply* entries = r->element[1];
            if (entries->type == REDIS_REPLY_ARRAY && entries->elements > 0 &&
                entries->element[0]->type == REDIS_REPLY_ARRAY &&
                entries->element[0]->elements >= 2) {
                const redisReply* entry = entries->element[0];
                const std::string id{text(entry->element[0])};
                YAO_TRY(auto p, lease.run({"XPENDING", stream_, group_, id, id, "1"}));
                uint32_t attempt = 2;
                if (p->type == REDIS_REPLY_ARRAY && p->elements == 1 &&
                    p->element[0]->type == REDIS_REPLY_ARRAY && p->element[0]->elements >= 4) {
                    attempt = static_cast<uint32_t>(
                        std::max<long long>(p->element[0]->element[3]->integer, 2));
                }
                {
                    std::lock_guard lock{mutex_};
                    next_claim_ = Clock::now();
                    // The last entry of the pending list: a scan from "0-0" again would claim
                    // every entry once more (min idle 0), so the pass ends here.
                    if (taking_over && cursor == "0-0") pass_ended_ = true;
                }
                ++counters_->redelivered;
                return deliver(id, entry->element[1], attempt);
            }
            if (cursor == "0-0") {
                std::lock_guard lock{mutex_};
                taking_over_ = false;  // the pass reached the end of the pending list
                break;
            }
        }
        return std::optional<Delivery>{};
    }

    std::optional<Delivery> deliver(std::string_view id, const redisReply* fields,
                                    uint32_t attempt) {
        std::optional<Delivery> d{std::in_place};
        d->envelope = decode(fields);
        d->attempt = attempt;
        {
            std::lock_guard lock{mutex_};
            d->delivery_tag = next_tag_++;
            outstanding_.emplace(d->delivery_tag, std::string{id});
        }
        ++counters_->delivered;
        return d;
    }

    std::shared_ptr<Shared> shared_;
    const std::string stream_;
    const std::string group_;
    const std::string name_;  ///< the Redis consumer
    const milliseconds ack_timeout_;
    const std::string ack_timeout_text_;
    const milliseconds claim_interval_;
    std::shared_ptr<Counters> counters_;

    mutable std::mutex mutex_;  ///< guards the members below
    std::string claim_cursor_ = "0-0";
    Clock::time_point next_claim_{};
    uint64_t next_tag_ = 1;
    std::unordered_map<uint64_t, std::string> outstanding_;  ///< tag -> entry id, unacknowledged
    bool taking_over_ = false;  ///< ConsumerOptions::take_over, until one pass is done
    bool pass_ended_ = false;   ///< the take-over pass handed out the last pending entry
};

class RedisBroadcastConsumer final : public Consumer {
public:
    RedisBroadcastConsumer(std::shared_ptr<Shared> shared, std::string stream, std::string last_id,
                           std::shared_ptr<Counters> counters)
        : shared_{std::move(shared)},
          stream_{std::move(stream)},
          counters_{std::move(counters)},
          last_id_{std::move(last_id)} {}

    Result<std::optional<Delivery>> poll(milliseconds wait) override {
        if (shared_->closed.load()) return std::optional<Delivery>{};
        const auto deadline = Clock::now() + std::max(wait, milliseconds{0});
        PollerGuard guard{*counters_, wait.count() > 0};
        // One reader at a time: they share the cursor and the buffer.
        std::unique_lock lock{read_mutex_, std::defer_lock};
        if (!lock.try_lock_until(deadline)) return std::optional<Delivery>{};
        while (buffer_.empty()) {
            if (shared_->closed.load()) return std::optional<Delivery>{};
            auto read = read_some(deadline);
            if (!read && read.error() == Errc::kBusClosed) return std::optional<Delivery>{};
            if (!read) return std::unexpected{read.error()};
            if (buffer_.empty() && Clock::now() >= deadline) return std::optional<Delivery>{};
        }
        std::optional<Delivery> d{std::move(buffer_.front())};
        buffer_.pop_front();
        d->delivery_tag = next_tag_++;
        ++counters_->delivered;
        return d;
    }

    Result<void> ack(const Delivery&) override { return {}; }

private:
    /// One XREAD (up to 64 entries) into buffer_. Caller holds read_mutex_.
    Result<void> read_some(Clock::time_point deadline) {
        YAO_TRY(auto lease, shared_->acquire());
        const auto block = block_for(deadline, shared_->options.poll_slice);
        const std::string block_text = std::to_string(block.count());
        std::vector<std::string_view> args{"XREAD", "COUNT", "64"};
        if (block.count() > 0) args.insert(args.end(), {"BLOCK", block_text});
        args.insert(args.end(), {"STREAMS", stream_, last_id_});
        YAO_TRY(auto r, lease.run(args));
        if (r->type == REDIS_REPLY_NIL) return {};
        if (r->type != REDIS_REPLY_ARRAY) return reply_error("XREAD", r.get());
        if (r->elements == 0 || r->element[0]->type != REDIS_REPLY_ARRAY ||
            r->element[0]->elements < 2)
            return {};
        const redisReply* entries = r->element[0]->element[1];
        for (size_t i = 0; i < entries->elements; ++i) {
            const redisReply* entry = entries->element[i];
            if (entry->type != REDIS_REPLY_ARRAY || entry->elements < 2) continue;
            last_id_ = text(entry->element[0]);
            Delivery d;
            d.envelope = decode(entry->element[1]);
            buffer_.push_back(std::move(d));
        }
        return {};
    }

    std::shared_ptr<Shared> shared_;
    const std::string stream_;
    std::shared_ptr<Counters> counters_;

    std::timed_mutex read_mutex_;  ///< guards the members below
    std::string last_id_;          ///< the last entry read
    std::deque<Delivery> buffer_;  ///< read, not yet handed out
    uint64_t next_tag_ = 1;
};

}  // namespace

RedisBus::RedisBus(Options options) : shared_{std::make_shared<Shared>(std::move(options))} {}

RedisBus::~RedisBus() {
    close();
}

void RedisBus::close() {
    shared_->close();
}

Result<void> RedisBus::publish(std::string_view topic, Envelope envelope) {
    if (topic.empty()) return fail(Errc::kInvalidArgument, "empty topic name");
    if (shared_->closed.load()) return fail(Errc::kBusClosed, std::string{topic});
    auto& s = *shared_;
    const std::string stream = s.stream_key(topic);
    const std::string mark = s.mark_key(topic);
    const std::string limit = std::to_string(s.options.max_backlog);
    const std::string retention = std::to_string(s.options.broadcast_retention.count());
    const std::string ts = std::to_string(envelope.timestamp_ms);
    const std::string ver = std::to_string(envelope.version);
    const std::string_view payload{reinterpret_cast<const char*>(envelope.payload.data()),
                                   envelope.payload.size()};
    YAO_TRY(auto lease, s.acquire());
    for (int attempt = 0; attempt < 2; ++attempt) {
        YAO_TRY(const std::string sha, s.publish_script(lease, attempt > 0));
        YAO_TRY(auto r, lease.run({"EVALSHA", sha, "2", stream, mark, limit, retention, "type",
                                   envelope.type, "id", envelope.message_id, "ts", ts, "ver", ver,
                                   "trace", envelope.trace_id, "key", envelope.key, "payload",
                                   payload}));
        if (is_error(r.get(), "NOSCRIPT")) continue;  // the server restarted: load it again
        if (r->type == REDIS_REPLY_ERROR && text(r.get()).find("BUSFULL") != std::string_view::npos)
            return fail(Errc::kBusFull, fmt::format("{}: {}", topic, text(r.get())));
        if (r->type != REDIS_REPLY_STRING) return reply_error("publish", r.get());
        ++s.counters_of(topic)->published;
        if (s.options.wait_replicas == 0) return {};
        YAO_TRY(auto w, lease.run({"WAIT", std::to_string(s.options.wait_replicas),
                                   std::to_string(s.options.wait_timeout.count())}));
        if (w->type != REDIS_REPLY_INTEGER) return reply_error("WAIT", w.get());
        if (w->integer < static_cast<long long>(s.options.wait_replicas)) {
            return fail(Errc::kUnavailable,
                        fmt::format("{}: stored, but only {} of {} replicas acknowledged", topic,
                                    w->integer, s.options.wait_replicas));
        }
        return {};
    }
    return fail(Errc::kBackendError, "redis: the publish script cannot be loaded");
}

Result<std::unique_ptr<Consumer>> RedisBus::subscribe(std::string_view topic,
                                                      const ConsumerOptions& options) {
    if (topic.empty()) return fail(Errc::kInvalidArgument, "empty topic name");
    if (shared_->closed.load()) return fail(Errc::kBusClosed, std::string{topic});
    auto& s = *shared_;
    std::string stream = s.stream_key(topic);
    if (options.mode == Mode::kBroadcast) {
        YAO_TRY(auto lease, s.acquire());
        YAO_TRY(auto marked, lease.run({"SET", s.mark_key(topic), "1"}));
        if (marked->type == REDIS_REPLY_ERROR) return reply_error("SET", marked.get());
        YAO_TRY(auto last, lease.run({"XREVRANGE", stream, "+", "-", "COUNT", "1"}));
        std::string last_id = "0-0";
        if (last->type == REDIS_REPLY_ARRAY && last->elements > 0 &&
            last->element[0]->type == REDIS_REPLY_ARRAY && last->element[0]->elements > 0)
            last_id = text(last->element[0]->element[0]);
        return std::unique_ptr<Consumer>{std::make_unique<RedisBroadcastConsumer>(
            shared_, std::move(stream), std::move(last_id), s.counters_of(topic))};
    }
    if (options.ack_timeout.count() <= 0)
        return fail(Errc::kInvalidArgument, "ack_timeout must be positive");
    std::string group = options.group.empty() ? "default" : options.group;
    {
        YAO_TRY(auto lease, s.acquire());
        YAO_TRY_VOID(s.ensure_group(lease, stream, group));
    }
    std::string name = (options.name.empty() ? "consumer" : options.name) + "-" +
                       new_id().substr(0, 12);
    return std::unique_ptr<Consumer>{std::make_unique<RedisClusterConsumer>(
        shared_, std::move(stream), std::move(group), std::move(name), options.ack_timeout,
        options.take_over, s.counters_of(topic))};
}

Result<void> RedisBus::ping() const {
    YAO_TRY(auto lease, shared_->acquire());
    YAO_TRY_VOID(lease.run({"PING"}));
    return {};
}

TopicStats RedisBus::stats(std::string_view topic) const {
    auto& s = *shared_;
    TopicStats out;
    {
        const auto c = s.counters_of(topic);
        out.published = c->published.load();
        out.delivered = c->delivered.load();
        out.redelivered = c->redelivered.load();
        out.acked = c->acked.load();
        out.pollers = c->pollers.load();
    }
    auto lease = s.acquire();
    if (!lease) return out;
    const std::string stream = s.stream_key(topic);
    auto info = lease->run({"XINFO", "STREAM", stream});
    if (!info || (*info)->type != REDIS_REPLY_ARRAY) return out;  // no stream yet
    out.published = integer_field(info->get(), "entries-added");
    auto groups = lease->run({"XINFO", "GROUPS", stream});
    if (!groups || (*groups)->type != REDIS_REPLY_ARRAY) return out;
    if ((*groups)->elements == 0) {
        auto mark = lease->run({"EXISTS", s.mark_key(topic)});
        if (mark && (*mark)->type == REDIS_REPLY_INTEGER && (*mark)->integer == 0)
            out.depth = integer_field(info->get(), "length");
        return out;
    }
    for (size_t i = 0; i < (*groups)->elements; ++i) {
        const redisReply* g = (*groups)->element[i];
        const redisReply* name = field(g, "name");
        GroupStats gs;
        gs.name = name != nullptr ? std::string{text(name)} : std::string{};
        gs.lag = integer_field(g, "lag");
        gs.pending = integer_field(g, "pending");
        out.depth += gs.lag;
        out.groups.push_back(std::move(gs));
    }
    return out;
}

Result<uint64_t> RedisBus::stream_length(std::string_view topic) const {
    YAO_TRY(auto lease, shared_->acquire());
    YAO_TRY(auto r, lease.run({"XLEN", shared_->stream_key(topic)}));
    if (r->type != REDIS_REPLY_INTEGER) return reply_error("XLEN", r.get());
    return static_cast<uint64_t>(r->integer);
}

}  // namespace yao::mq
