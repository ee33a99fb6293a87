// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "redis_cache.hpp"

#include <hiredis/hiredis.h>

#include <charconv>
#include <cstring>

#include <fmt/format.h>

namespace yao::storage {

namespace {

// KEYS[i]: a key; ARGV[2i-1]: its version (20 zero-padded digits); ARGV[2i]: its value.
// Writes a key only when it is absent or holds a lower version. Returns the number written.
constexpr std::string_view kSetIfNewerScript = R"lua(
local written = 0
for i, key in ipairs(KEYS) do
  local version = ARGV[2 * i - 1]
  local current = redis.call('HGET', key, 'v')
  if (not current) or current < version then
    redis.call('HSET', key, 'v', version, 'd', ARGV[2 * i])
    written = written + 1
  end
end
return written
)lua";

std::string version_text(uint64_t v) {
    return fmt::format("{:020}", v);
}

std::optional<uint64_t> parse_version(std::string_view s) {
    uint64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

std::string raw(BytesView b) {
    return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

std::string encode_account(const state::AccountValue& a) {
    if (!a) return std::string(1, '\0');
    std::string out(73, '\0');
    out[0] = 1;
    for (int i = 0; i < 8; ++i) out[1 + i] = static_cast<char>(a->nonce >> (56 - 8 * i));
    a->balance.to_be_bytes(reinterpret_cast<uint8_t*>(out.data() + 9));
    std::memcpy(out.data() + 41, a->code_hash.data(), 32);
    return out;
}

std::optional<state::AccountValue> decode_account(std::string_view d) {
    if (d.size() == 1 && d[0] == 0) return state::AccountValue{};
    if (d.size() != 73 || d[0] != 1) return std::nullopt;
    const auto* p = reinterpret_cast<const uint8_t*>(d.data());
    state::Account a;
    for (int i = 0; i < 8; ++i) a.nonce = (a.nonce << 8) | p[1 + i];
    a.balance = Uint256::from_be_bytes(BytesView{p + 9, 32});
    std::memcpy(a.code_hash.data(), p + 41, 32);
    return state::AccountValue{a};
}

}  // namespace

void RedisCache::ReplyDeleter::operator()(redisReply* r) const noexcept {
    freeReplyObject(r);
}

RedisCache::RedisCache(Options options) : options_{std::move(options)} {}

RedisCache::~RedisCache() {
    if (ctx_) redisFree(ctx_);
}

Result<std::unique_ptr<RedisCache>> RedisCache::connect(Options options) {
    std::unique_ptr<RedisCache> cache{new RedisCache{std::move(options)}};
    std::lock_guard lock{cache->mutex_};
    YAO_TRY_VOID(cache->open());
    YAO_TRY_VOID(cache->load_script());
    return cache;
}

Result<void> RedisCache::open() {
    if (ctx_) {
        redisFree(ctx_);
        ctx_ = nullptr;
    }
    const auto ms = options_.timeout.count();
    timeval tv{static_cast<time_t>(ms / 1000), static_cast<suseconds_t>((ms % 1000) * 1000)};
    ctx_ = redisConnectWithTimeout(options_.host.c_str(), options_.port, tv);
    if (!ctx_ || ctx_->err) {
        std::string why = ctx_ ? ctx_->errstr : "out of memory";
        if (ctx_) redisFree(ctx_);
        ctx_ = nullptr;
        return fail(Errc::kConnectionLost,
                    fmt::format("redis {}:{}: {}", options_.host, options_.port, why));
    }
    if (redisSetTimeout(ctx_, tv) != REDIS_OK) {
        return fail(Errc::kConnectionLost, "redis: cannot set the command timeout");
    }
    return {};
}

Result<void> RedisCache::load_script() {
    YAO_TRY(auto replies, pipeline({Command{"SCRIPT", "LOAD", std::string{kSetIfNewerScript}}}));
    redisReply* r = replies[0].get();
    if (r->type != REDIS_REPLY_STRING) {
        return fail(Errc::kDatabase, "redis SCRIPT LOAD: unexpected reply");
    }
    script_sha_.assign(r->str, r->len);
    return {};
}

Result<std::vector<RedisCache::Reply>> RedisCache::pipeline_once(
    const std::vector<Command>& commands) {
    if (!ctx_) {  // the last reconnect failed: try again now
        YAO_TRY_VOID(open());
        ++reconnects_;
    }
    std::vector<const char*> argv;
    std::vector<size_t> lens;
    for (const Command& c : commands) {
        argv.clear();
        lens.clear();
        for (const std::string& a : c) {
            argv.push_back(a.data());
            lens.push_back(a.size());
        }
        if (redisAppendCommandArgv(ctx_, static_cast<int>(argv.size()), argv.data(), lens.data()) !=
            REDIS_OK) {
            return fail(Errc::kConnectionLost, fmt::format("redis: {}", ctx_->errstr));
        }
    }
    ++round_trips_;
    std::vector<Reply> replies;
    replies.reserve(commands.size());
    for (size_t i = 0; i < commands.size(); ++i) {
        void* r = nullptr;
        if (redisGetReply(ctx_, &r) != REDIS_OK || !r) {
            return fail(Errc::kConnectionLost, fmt::format("redis: {}", ctx_->errstr));
        }
        replies.emplace_back(static_cast<redisReply*>(r));
    }
    return replies;
}

Result<std::vector<RedisCache::Reply>> RedisCache::pipeline(const std::vector<Command>& commands) {
    auto r = pipeline_once(commands);
    if (!r && r.error() == Errc::kConnectionLost) {
        // The context is unusable after an I/O error: reconnect and retry once. Every command
        // sent here is idempotent (reads and set-if-newer), so a retry is safe.
        if (!open()) return r;
        ++reconnects_;
        r = pipeline_once(commands);
    }
    return r;
}

std::string RedisCache::account_key(const Address& addr) const {
    return options_.key_prefix + "a:" + raw(BytesView{addr.data(), addr.size()});
}

std::string RedisCache::storage_key(const Address& addr, const Hash256& slot) const {
    return options_.key_prefix + "s:" + raw(BytesView{addr.data(), addr.size()}) +
           raw(BytesView{slot.data(), slot.size()});
}

std::string RedisCache::code_key(const Hash256& code_hash) const {
    return options_.key_prefix + "c:" + raw(BytesView{code_hash.data(), code_hash.size()});
}

Result<std::vector<std::optional<std::pair<uint64_t, std::string>>>> RedisCache::read_hashes(
    const std::vector<std::string>& keys) {
    std::vector<Command> commands;
    commands.reserve(keys.size());
    for (const std::string& k : keys) commands.push_back(Command{"HMGET", k, "v", "d"});
    std::lock_guard lock{mutex_};
    YAO_TRY(auto replies, pipeline(commands));
    std::vector<std::optional<std::pair<uint64_t, std::string>>> out(keys.size());
    for (size_t i = 0; i < replies.size(); ++i) {
        redisReply* r = replies[i].get();
        if (r->type == REDIS_REPLY_ERROR) {
            return fail(Errc::kDatabase,
                        fmt::format("redis HMGET: {}", std::string_view{r->str, r->len}));
        }
        if (r->type != REDIS_REPLY_ARRAY || r->elements != 2) {
            return fail(Errc::kDatabase, "redis HMGET: unexpected reply");
        }
        redisReply* v = r->element[0];
        redisReply* d = r->element[1];
        if (v->type == REDIS_REPLY_NIL) continue;
        auto version = parse_version(std::string_view{v->str, v->len});
        if (!version || d->type != REDIS_REPLY_STRING) {
            return fail(Errc::kCorruptRow, "redis: a cache entry without a valid version/value");
        }
        out[i].emplace(*version, std::string{d->str, d->len});
    }
    return out;
}

Result<state::VersionedBatch<state::AccountValue>> RedisCache::accounts(
    std::span<const Address> addrs) {
    std::vector<std::string> keys;
    keys.reserve(addrs.size());
    for (const Address& a : addrs) keys.push_back(account_key(a));
    YAO_TRY(auto rows, read_hashes(keys));
    state::VersionedBatch<state::AccountValue> batch;
    batch.values.resize(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!rows[i]) continue;
        auto acc = decode_account(rows[i]->second);
        if (!acc) return fail(Errc::kCorruptRow, "redis: an account value that does not decode");
        batch.values[i] = state::VersionedValue<state::AccountValue>{*acc, rows[i]->first};
    }
    return batch;
}

Result<state::VersionedBatch<Hash256>> RedisCache::storage(std::span<const state::SlotKey> keys) {
    std::vector<std::string> rkeys;
    rkeys.reserve(keys.size());
    for (const state::SlotKey& k : keys) rkeys.push_back(storage_key(k.address, k.slot));
    YAO_TRY(auto rows, read_hashes(rkeys));
    state::VersionedBatch<Hash256> batch;
    batch.values.resize(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!rows[i]) continue;
        if (rows[i]->second.size() != 32) {
            return fail(Errc::kCorruptRow, "redis: a storage value that is not 32 bytes");
        }
        Hash256 h;
        std::memcpy(h.data(), rows[i]->second.data(), 32);
        batch.values[i] = state::VersionedValue<Hash256>{h, rows[i]->first};
    }
    return batch;
}

Result<state::VersionedBatch<Bytes>> RedisCache::code(std::span<const Hash256> code_hashes) {
    std::vector<std::string> keys;
    keys.reserve(code_hashes.size());
    for (const Hash256& h : code_hashes) keys.push_back(code_key(h));
    YAO_TRY(auto rows, read_hashes(keys));
    state::VersionedBatch<Bytes> batch;
    batch.values.resize(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!rows[i]) continue;
        const std::string& d = rows[i]->second;
        batch.values[i] = state::VersionedValue<Bytes>{
            Bytes{reinterpret_cast<const uint8_t*>(d.data()), d.size()}, rows[i]->first};
    }
    return batch;
}

Result<void> RedisCache::put_if_newer(const state::CacheFill& fill) {
    YAO_TRY_VOID(write_if_newer(fill));
    return {};
}

Result<size_t> RedisCache::write_if_newer(const state::CacheFill& fill) {
    // (key, version, value) triples, then one EVALSHA per chunk, all chunks in one pipeline.
    struct Item {
        std::string key, version, value;
    };
    std::vector<Item> items;
    items.reserve(fill.accounts.size() + fill.storage.size() + fill.code.size());
    for (const auto& [addr, v] : fill.accounts) {
        items.push_back({account_key(addr), version_text(v.version), encode_account(v.value)});
    }
    for (const auto& [k, v] : fill.storage) {
        items.push_back({storage_key(k.address, k.slot), version_text(v.version),
                         raw(BytesView{v.value.data(), v.value.size()})});
    }
    for (const auto& [h, code] : fill.code) {
        items.push_back({code_key(h), version_text(0), raw(code)});
    }
    if (items.empty()) return size_t{0};
    const size_t chunk = std::max<size_t>(options_.max_keys_per_script, 1);

    std::lock_guard lock{mutex_};
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::vector<Command> commands;
        for (size_t start = 0; start < items.size(); start += chunk) {
            size_t end = std::min(items.size(), start + chunk);
            Command c{"EVALSHA", script_sha_, std::to_string(end - start)};
            for (size_t i = start; i < end; ++i) c.push_back(items[i].key);
            for (size_t i = start; i < end; ++i) {
                c.push_back(items[i].version);
                c.push_back(items[i].value);
            }
            commands.push_back(std::move(c));
        }
        YAO_TRY(auto replies, pipeline(commands));
        size_t written = 0;
        bool noscript = false;
        for (const Reply& r : replies) {
            if (r->type == REDIS_REPLY_ERROR) {
                std::string_view text{r->str, r->len};
                if (text.starts_with("NOSCRIPT")) {
                    noscript = true;
                    continue;
                }
                return fail(Errc::kDatabase, fmt::format("redis EVALSHA: {}", text));
            }
            if (r->type != REDIS_REPLY_INTEGER) {
                return fail(Errc::kDatabase, "redis EVALSHA: unexpected reply");
            }
            written += static_cast<size_t>(r->integer);
        }
        if (!noscript) return written;
        // The server lost its script cache (restart): load again and resend. Re-running the
        // chunks that did succeed is harmless, set-if-newer is idempotent.
        YAO_TRY_VOID(load_script());
    }
    return fail(Errc::kDatabase, "redis: the set-if-newer script keeps disappearing");
}

Result<void> RedisCache::erase_all() {
    std::lock_guard lock{mutex_};
    std::string cursor = "0";
    do {
        YAO_TRY(auto replies, pipeline({Command{"SCAN", cursor, "MATCH", options_.key_prefix + "*",
                                                "COUNT", "1000"}}));
        redisReply* r = replies[0].get();
        if (r->type != REDIS_REPLY_ARRAY || r->elements != 2) {
            return fail(Errc::kDatabase, "redis SCAN: unexpected reply");
        }
        cursor.assign(r->element[0]->str, r->element[0]->len);
        redisReply* keys = r->element[1];
        if (keys->elements > 0) {
            Command del{"UNLINK"};
            for (size_t i = 0; i < keys->elements; ++i) {
                del.emplace_back(keys->element[i]->str, keys->element[i]->len);
            }
            YAO_TRY_VOID(pipeline({del}));
        }
    } while (cursor != "0");
    return {};
}

uint64_t RedisCache::round_trips() const {
    std::lock_guard lock{mutex_};
    return round_trips_;
}

uint64_t RedisCache::reconnects() const {
    std::lock_guard lock{mutex_};
    return reconnects_;
}

}  // namespace yao::storage
