// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The message bus between the services (DESIGN.md section 6). Services see only this interface;
// the in-process backend (inproc_bus.hpp) serves `yaoverse dev`, and Redis Streams / RocketMQ
// backends implement the same calls for a cluster.
//
// Delivery is at least once. Two consumption modes, as in the seed:
//  - clustering: consumers that share a group split the messages; each message goes to one of
//    them and must be acknowledged; a message not acknowledged within the group's ack timeout is
//    delivered again (to any consumer of the group, with `attempt` + 1).
//  - broadcast: every consumer gets every message published after it subscribed; ack is a no-op.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <string_view>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>

namespace yao::mq {

/// The seed's envelope plus a trace id; `payload` is protobuf (proto/yao/v1).
struct Envelope {
    std::string type;        ///< payload type, e.g. "yao.v1.Proposal"
    std::string message_id;  ///< unique per published message (redeliveries keep it)
    uint64_t timestamp_ms = 0;  ///< publish time, Unix milliseconds
    uint32_t version = 1;       ///< payload schema version
    std::string trace_id;
    std::string key;  ///< ordering / sharding key (e.g. the block number); may be empty
    Bytes payload;
    friend bool operator==(const Envelope&, const Envelope&) = default;
};

/// One delivered message.
struct Delivery {
    Envelope envelope;
    uint32_t attempt = 1;    ///< 1 on the first delivery
    uint64_t delivery_tag = 0;  ///< what ack() takes; unique within the consumer
};

enum class Mode : uint8_t { kClustering, kBroadcast };

struct ConsumerOptions {
    std::string group;  ///< clustering: the consumer group; ignored for broadcast
    Mode mode = Mode::kClustering;
    std::chrono::milliseconds ack_timeout{30'000};  ///< clustering: redeliver after this
    std::string name;   ///< for logs and metrics
    /// Clustering: on its first polls the consumer claims every entry pending in the group,
    /// however recently delivered, before it reads new ones (one pass over the pending list).
    /// For a group with one active consumer at a time, whose previous owner is known to be gone
    /// or fenced (a new sequencer leader takes over its predecessor's ingress at once rather than
    /// after ack_timeout). Ignored by the in-process bus, whose consumers die with the process.
    bool take_over = false;
};

/// A consumer of one topic. Thread-safe: several threads may poll the same consumer.
class Consumer {
public:
    virtual ~Consumer() = default;
    /// Waits up to `wait` for a message; nullopt on timeout or after the bus was closed.
    virtual Result<std::optional<Delivery>> poll(std::chrono::milliseconds wait) = 0;
    /// Acknowledges a delivery (clustering); acknowledging twice or after a redelivery to
    /// someone else is harmless.
    virtual Result<void> ack(const Delivery& delivery) = 0;
    /// ConsumerOptions::take_over: true until the first pass over the group's pending entries is
    /// done (every entry it claimed was handed out by poll() before this turns false).
    virtual bool taking_over() const { return false; }
};

/// One consumer group of a topic.
struct GroupStats {
    std::string name;
    uint64_t lag = 0;      ///< messages published and not yet delivered to the group
    uint64_t pending = 0;  ///< delivered and not yet acknowledged
};

/// Counters of one topic (for metrics and tests).
struct TopicStats {
    uint64_t published = 0;
    uint64_t delivered = 0;    ///< deliveries, redeliveries included
    uint64_t redelivered = 0;
    uint64_t acked = 0;
    uint64_t depth = 0;        ///< messages waiting (not yet delivered or awaiting redelivery)
    uint64_t pollers = 0;      ///< consumers blocked in poll() now (lets tests wait on it)
    std::vector<GroupStats> groups;  ///< consumer groups (broadcast readers are not groups)
};

/// The bus. Thread-safe.
class Bus {
public:
    virtual ~Bus() = default;
    /// Publishes one message. Fails with kBusFull (mq::Errc) when the topic's backlog is at its
    /// limit (back-pressure) and kBusClosed after close().
    virtual Result<void> publish(std::string_view topic, Envelope envelope) = 0;
    /// A new consumer of `topic`.
    virtual Result<std::unique_ptr<Consumer>> subscribe(std::string_view topic,
                                                        const ConsumerOptions& options) = 0;
    virtual TopicStats stats(std::string_view topic) const = 0;
    /// Whether the bus can be reached now (readiness): a round trip to the broker; always
    /// fine in process.
    virtual Result<void> ping() const { return {}; }
    /// Wakes every poll (they return nullopt) and refuses further publishes.
    virtual void close() = 0;
};

/// An envelope with a fresh message id, the current time and `type`, `payload`, `trace_id`.
Envelope make_envelope(std::string type, Bytes payload, std::string trace_id = {},
                       std::string key = {});

/// A new random 128-bit id as 32 lowercase hex characters (message and trace ids).
std::string new_id();

}  // namespace yao::mq
