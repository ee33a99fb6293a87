// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The Redis Streams backend of the bus (DESIGN.md section 6), over hiredis. Needs Redis 7.0 or
// later (XAUTOCLAIM, the `lag` of XINFO GROUPS).
//
// Layout. One stream per topic, key `key_prefix + topic`; one entry per message with the fields
// type, id (message id), ts, ver, trace, key and payload (a binary-safe bulk string). A topic that
// has ever had a broadcast subscriber is marked by the key `key_prefix + topic + ":broadcast"`.
//
// Clustering: one Redis consumer group per ConsumerOptions::group (the empty name is "default"),
// one Redis consumer per Consumer object (named `options.name` + a random suffix). subscribe()
// creates the group (XGROUP CREATE ... MKSTREAM; BUSYGROUP is fine) from the stream's start when
// the stream has no group yet (messages published before the first subscriber are kept for it, as
// in the in-process bus) and from its end otherwise. poll() first claims an entry that has been
// pending for longer than the consumer's ack_timeout (XAUTOCLAIM: a dead or slow consumer's
// message; `attempt` is Redis' delivery count), then reads a new one (XREADGROUP ... >). ack() is
// XACK; it acknowledges for the whole group, so a late ack of a message meanwhile redelivered to
// another consumer acknowledges that delivery too (the message was processed). A destroyed
// Consumer hands its unacknowledged deliveries back at once (XCLAIM ... IDLE ack_timeout JUSTID:
// the next poll of the group claims them, attempt + 1); a consumer that dies without its
// destructor (a crashed process) loses them to the group after ack_timeout. A missing group (a
// server restarted without persistence, or the group deleted) is created again by the next poll.
//
// Broadcast: plain XREAD from the stream's last id at subscribe time; every subscriber gets every
// entry published after it subscribed (as long as it is retained, see trimming); ack is a no-op.
//
// Trimming, done by every publish (atomically with the XADD, in one Lua script): entries below
//     min( min over groups of (oldest pending id, or last-delivered id + 1 when none is pending),
//          now - broadcast_retention when the topic has the broadcast mark )
// are removed (XTRIM MINID). So no entry a group has not acknowledged is ever trimmed, and a
// clustering-only topic keeps nothing its groups have acknowledged. On a topic with broadcast
// subscribers, a subscriber that falls more than broadcast_retention behind may miss entries
// older than that (it continues with the oldest retained one); the stream then holds at least the
// last broadcast_retention of entries. A stream with no group and no broadcast mark is not
// trimmed (its entries wait for the first group, up to max_backlog).
//
// Back-pressure: publish fails with kBusFull when the backlog of the slowest group (its `lag`,
// entries not yet delivered, plus its pending entries, delivered but not acknowledged) is at
// max_backlog; on a stream with no group and no broadcast mark, when the stream holds max_backlog
// entries. Unlike the in-process bus, a delivered but unacknowledged message still counts.
//
// Failures: a command that cannot reach the server fails with kUnavailable (transient, see
// is_transient()); the connection is dropped and the next call connects again, so the same Bus
// and Consumer objects work again once the server is back. A publish that fails with
// kUnavailable may or may not have been stored (the reply was lost): consumers are idempotent
// (at least once). Durability: with the server's `appendonly yes` + `appendfsync always` a publish
// that returned success is on disk and survives a server crash and restart; `wait_replicas` adds
// a WAIT for that many replicas (kUnavailable when fewer acknowledged in wait_timeout, though the
// entry is stored on the primary).
//
// Threads: everything is thread-safe. Each call borrows a connection from a pool (a blocked poll
// holds one), so concurrent polls do not wait for each other. A poll blocks in slices of at most
// poll_slice; close() also shuts down every open socket, so blocked polls return at once.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <yao/mq/bus.hpp>

namespace yao::mq {

class RedisBus final : public Bus {
public:
    struct Options {
        std::string host = "127.0.0.1";
        uint16_t port = 6379;
        std::string key_prefix = "yao:";  ///< prepended to every topic's stream key
        std::chrono::milliseconds connect_timeout{1'000};
        /// Longest wait for one reply (on top of a poll's block); then kUnavailable.
        std::chrono::milliseconds io_timeout{2'000};
        /// Longest single blocking read (BLOCK) inside a poll: bounds how late a poll notices a
        /// message to claim (redelivery latency).
        std::chrono::milliseconds poll_slice{100};
        /// Backlog of the slowest group at which publish fails with kBusFull.
        uint64_t max_backlog = 100'000;
        /// On a topic with broadcast subscribers, entries newer than this are never trimmed.
        std::chrono::milliseconds broadcast_retention{60'000};
        /// 0: a publish returns once the primary has it. n > 0: then WAITs for n replicas.
        uint32_t wait_replicas = 0;
        std::chrono::milliseconds wait_timeout{1'000};
        /// Idle connections kept in the pool.
        size_t max_idle_connections = 8;
    };

    /// Does not connect: the first call does (and every call after a failure).
    explicit RedisBus(Options options);
    /// Closes the bus. Consumers may outlive it (their polls return nullopt).
    ~RedisBus() override;

    RedisBus(const RedisBus&) = delete;
    RedisBus& operator=(const RedisBus&) = delete;
    Result<void> ping() const override;

    Result<void> publish(std::string_view topic, Envelope envelope) override;
    /// Fails with kUnavailable when the server cannot be reached (a clustering subscribe creates
    /// the group; a broadcast subscribe reads the stream's last id).
    Result<std::unique_ptr<Consumer>> subscribe(std::string_view topic,
                                                const ConsumerOptions& options) override;
    /// published: the stream's entries-added (every publisher), or this bus' count when the
    /// server cannot be reached; delivered, redelivered, acked, pollers: this bus' consumers;
    /// depth: the sum over groups of their lag (entries not yet delivered), or the stream's length
    /// when it has no group and no broadcast mark.
    TopicStats stats(std::string_view topic) const override;
    void close() override;

    /// Entries in the topic's stream now (XLEN): what trimming bounds.
    Result<uint64_t> stream_length(std::string_view topic) const;

    struct Shared;  ///< internal (redis_bus.cpp)

private:
    std::shared_ptr<Shared> shared_;
};

}  // namespace yao::mq
