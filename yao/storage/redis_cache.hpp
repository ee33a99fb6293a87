// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// L2 of YaoOracle (DESIGN.md section 5): Redis through hiredis.
//
// Key layout (binary-safe keys, `prefix` defaults to "yao:"):
//   <prefix>a:<20-byte address>                 an account
//   <prefix>s:<20-byte address><32-byte slot>   a storage slot
//   <prefix>c:<32-byte code hash>               code
// Each key is a Redis hash with two fields:
//   v  the version (the block that last wrote the value) as 20 decimal digits, zero-padded, so
//      that the Lua script compares versions exactly as strings (Lua numbers are doubles)
//   d  the value: an account is 0x00 (does not exist) or 0x01 | nonce (8 bytes BE) | balance
//      (32 bytes BE) | code hash (32 bytes); a slot is its 32 bytes; code is its bytes (v = 0)
//
// Writes go through one Lua script (SCRIPT LOAD once, then EVALSHA; reloaded on NOSCRIPT after
// a server restart) that writes a key only when the stored version is absent or lower: a slow
// reader filling the cache can never put an old value over a newer one, whatever the
// interleaving, because Redis runs a script atomically. Reads send one HMGET per key in a
// pipeline: one round trip for the whole batch. All keys of one script call must live on one
// node, so Redis Cluster would need hash tags; this targets a single Redis (or a proxy).

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <yao/common/error.hpp>
#include <yao/state/oracle.hpp>

#include "errc.hpp"

struct redisContext;
struct redisReply;

namespace yao::storage {

/// A VersionedSource over one Redis server. Thread-safe: one connection, calls serialised by a
/// mutex (a pool would be the next step for many executing threads). A lost connection is
/// re-established and the call retried once; then the error (Errc::kConnectionLost) is
/// returned. Server error replies are Errc::kDatabase; values that do not decode are
/// Errc::kCorruptRow.
class RedisCache final : public state::VersionedSource {
public:
    struct Options {
        std::string host = "127.0.0.1";
        uint16_t port = 6379;
        std::string key_prefix = "yao:";
        std::chrono::milliseconds timeout{2000};  ///< connect and per-command timeout
        size_t max_keys_per_script = 512;         ///< a larger fill is split (still pipelined)
    };

    /// Connects and loads the set-if-newer script.
    static Result<std::unique_ptr<RedisCache>> connect(Options options);
    ~RedisCache() override;
    RedisCache(const RedisCache&) = delete;
    RedisCache& operator=(const RedisCache&) = delete;

    Result<state::VersionedBatch<state::AccountValue>> accounts(
        std::span<const Address> addrs) override;
    Result<state::VersionedBatch<Hash256>> storage(std::span<const state::SlotKey> keys) override;
    Result<state::VersionedBatch<Bytes>> code(std::span<const Hash256> code_hashes) override;
    Result<void> put_if_newer(const state::CacheFill& fill) override;

    /// put_if_newer that also says how many keys were written (the others held the same or a
    /// newer version).
    Result<size_t> write_if_newer(const state::CacheFill& fill);
    /// Deletes every key under the prefix (SCAN + UNLINK; for tests and tools).
    Result<void> erase_all();

    /// The Redis key of each kind (the layout above).
    std::string account_key(const Address& addr) const;
    std::string storage_key(const Address& addr, const Hash256& slot) const;
    std::string code_key(const Hash256& code_hash) const;

    /// Round trips made so far (a pipeline or one command each).
    uint64_t round_trips() const;
    /// Connections re-established after an error.
    uint64_t reconnects() const;

private:
    struct ReplyDeleter {
        void operator()(redisReply* r) const noexcept;
    };
    using Reply = std::unique_ptr<redisReply, ReplyDeleter>;
    using Command = std::vector<std::string>;

    explicit RedisCache(Options options);
    Result<void> open();
    Result<void> load_script();
    /// Sends all commands in one pipeline and reads every reply (caller holds mutex_).
    Result<std::vector<Reply>> pipeline(const std::vector<Command>& commands);
    Result<std::vector<Reply>> pipeline_once(const std::vector<Command>& commands);
    /// (version, data) of each key, nullopt when absent: one pipelined round trip.
    Result<std::vector<std::optional<std::pair<uint64_t, std::string>>>> read_hashes(
        const std::vector<std::string>& keys);

    Options options_;
    mutable std::mutex mutex_;
    redisContext* ctx_ = nullptr;
    std::string script_sha_;
    uint64_t round_trips_ = 0;
    uint64_t reconnects_ = 0;
};

}  // namespace yao::storage
