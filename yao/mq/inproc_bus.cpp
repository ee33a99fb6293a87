// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "inproc_bus.hpp"

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

#include <yao/common/assert.hpp>
#include <yao/mq/errc.hpp>

namespace yao::mq {
namespace {

using Clock = std::chrono::steady_clock;

/// A double-ended FIFO over one growable power-of-two buffer: steady-state pushes and pops do not
/// allocate (std::deque allocates a block every few envelopes).
template <typename T>
class Ring {
public:
    size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }

    void push_back(T&& v) {
        grow_if_full();
        buf_[(head_ + size_) & (buf_.size() - 1)] = std::move(v);
        ++size_;
    }
    void push_front(T&& v) {
        grow_if_full();
        head_ = (head_ + buf_.size() - 1) & (buf_.size() - 1);
        buf_[head_] = std::move(v);
        ++size_;
    }
    T pop_front() {
        YAO_ASSERT(size_ > 0);
        T v = std::move(buf_[head_]);
        head_ = (head_ + 1) & (buf_.size() - 1);
        --size_;
        return v;
    }
    void clear() {
        while (size_ > 0) (void)pop_front();
    }

private:
    void grow_if_full() {
        if (size_ < buf_.size()) return;
        std::vector<T> bigger(buf_.empty() ? 16 : buf_.size() * 2);
        for (size_t i = 0; i < size_; ++i)
            bigger[i] = std::move(buf_[(head_ + i) & (buf_.size() - 1)]);
        buf_ = std::move(bigger);
        head_ = 0;
    }

    std::vector<T> buf_;
    size_t head_ = 0;
    size_t size_ = 0;
};

struct Queued {
    Envelope envelope;
    uint32_t attempt = 1;
};

/// One clustering group: its queue and the deliveries awaiting acknowledgement. In-flight
/// deliveries live in reusable slots; a delivery tag is (slot generation << 32 | slot index), so a
/// stale tag (acked, or redelivered meanwhile) is recognised and ignored.
struct Group {
    struct Slot {
        Envelope envelope;
        uint64_t owner = 0;  ///< consumer id; 0: free
        uint64_t seq = 0;    ///< delivery order within the group (redelivery keeps FIFO)
        Clock::time_point deadline;
        uint32_t attempt = 0;
        uint32_t generation = 1;
    };

    Ring<Queued> queue;
    std::condition_variable cv;
    size_t waiters = 0;
    std::vector<Slot> slots;
    std::vector<uint32_t> free_slots;
    size_t in_flight = 0;
    uint64_t next_seq = 0;
    Clock::time_point earliest_deadline = Clock::time_point::max();  ///< lower bound
};

/// One broadcast consumer's queue.
struct BroadcastQueue {
    Ring<Queued> queue;
    std::condition_variable cv;
    size_t waiters = 0;
    uint64_t next_tag = 1;
};

}  // namespace

struct InProcBus::Topic {
    std::mutex mutex;
    size_t max_backlog = 0;
    bool closed = false;
    bool had_broadcast = false;
    Ring<Queued> retained;  ///< published before the first group
    std::map<std::string, std::unique_ptr<Group>, std::less<>> groups;
    std::vector<Group*> group_list;  ///< creation order
    std::vector<BroadcastQueue*> broadcasts;
    uint64_t next_consumer_id = 1;
    TopicStats stats;

    /// Returns every in-flight delivery matching `pred` to the front of the group's queue, earliest
    /// delivered first, with attempt + 1. Caller holds `mutex`.
    template <typename Pred>
    size_t requeue(Group& g, Pred pred) {
        std::vector<uint32_t> hit;
        auto next = Clock::time_point::max();
        for (uint32_t i = 0; i < g.slots.size(); ++i) {
            const auto& s = g.slots[i];
            if (s.owner == 0) continue;
            if (pred(s)) {
                hit.push_back(i);
            } else {
                next = std::min(next, s.deadline);
            }
        }
        g.earliest_deadline = next;
        if (hit.empty()) return 0;
        std::sort(hit.begin(), hit.end(),
                  [&](uint32_t a, uint32_t b) { return g.slots[a].seq > g.slots[b].seq; });
        for (uint32_t i : hit) {
            auto& s = g.slots[i];
            g.queue.push_front(Queued{std::move(s.envelope), s.attempt + 1});
            release(g, i);
        }
        g.cv.notify_all();
        return hit.size();
    }

    static void release(Group& g, uint32_t index) {
        auto& s = g.slots[index];
        s.envelope = Envelope{};
        s.owner = 0;
        ++s.generation;
        g.free_slots.push_back(index);
        --g.in_flight;
    }

    void close_locked() {
        closed = true;
        for (Group* g : group_list) g->cv.notify_all();
        for (BroadcastQueue* b : broadcasts) b->cv.notify_all();
    }
};

namespace {

/// Waits on `cv` until `ready()` or the topic closes or `wait` passes. Caller holds `lock`.
/// True when `ready()`.
template <typename Ready>
bool wait_ready(InProcBus::Topic& t, std::unique_lock<std::mutex>& lock,
                std::condition_variable& cv, size_t& waiters, std::chrono::milliseconds wait,
                Ready ready) {
    if (t.closed) return false;
    if (ready()) return true;
    if (wait.count() <= 0) return false;
    const auto deadline = Clock::now() + wait;
    while (true) {
        ++waiters;
        const auto status = cv.wait_until(lock, deadline);
        --waiters;
        if (t.closed) return false;
        if (ready()) return true;
        if (status == std::cv_status::timeout) return false;
    }
}

class ClusterConsumer final : public Consumer {
public:
    ClusterConsumer(std::shared_ptr<InProcBus::Topic> topic, Group* group, uint64_t id,
                    std::chrono::milliseconds ack_timeout)
        : topic_{std::move(topic)}, group_{group}, id_{id}, ack_timeout_{ack_timeout} {}

    ~ClusterConsumer() override {
        std::lock_guard lock{topic_->mutex};
        if (group_->in_flight == 0) return;
        topic_->requeue(*group_, [&](const Group::Slot& s) { return s.owner == id_; });
    }

    Result<std::optional<Delivery>> poll(std::chrono::milliseconds wait) override {
        auto& t = *topic_;
        auto& g = *group_;
        std::unique_lock lock{t.mutex};
        if (!wait_ready(t, lock, g.cv, g.waiters, wait, [&] { return !g.queue.empty(); }))
            return std::optional<Delivery>{};
        Queued q = g.queue.pop_front();
        uint32_t index;
        if (!g.free_slots.empty()) {
            index = g.free_slots.back();
            g.free_slots.pop_back();
        } else {
            YAO_ASSERT(g.slots.size() < std::numeric_limits<uint32_t>::max());
            index = static_cast<uint32_t>(g.slots.size());
            g.slots.emplace_back();
        }
        auto& s = g.slots[index];
        s.envelope = std::move(q.envelope);
        s.owner = id_;
        s.seq = g.next_seq++;
        s.deadline = Clock::now() + ack_timeout_;
        s.attempt = q.attempt;
        ++g.in_flight;
        g.earliest_deadline = std::min(g.earliest_deadline, s.deadline);
        ++t.stats.delivered;
        if (q.attempt > 1) ++t.stats.redelivered;
        std::optional<Delivery> d{std::in_place};
        d->envelope = s.envelope;
        d->attempt = q.attempt;
        d->delivery_tag = (uint64_t{s.generation} << 32) | index;
        return d;
    }

    Result<void> ack(const Delivery& delivery) override {
        const auto index = static_cast<uint32_t>(delivery.delivery_tag & 0xffff'ffffU);
        const auto generation = static_cast<uint32_t>(delivery.delivery_tag >> 32);
        auto& g = *group_;
        std::lock_guard lock{topic_->mutex};
        if (generation == 0 || index >= g.slots.size() || generation > g.slots[index].generation)
            return fail(Errc::kUnknownDelivery, "tag never handed out");
        auto& s = g.slots[index];
        if (generation < s.generation || s.owner == 0) return {};  // acked or redelivered already
        if (s.owner != id_) return fail(Errc::kUnknownDelivery, "tag of another consumer");
        Topic::release(g, index);
        ++topic_->stats.acked;
        return {};
    }

private:
    using Topic = InProcBus::Topic;
    std::shared_ptr<Topic> topic_;
    Group* group_;  ///< owned by topic_, never removed
    uint64_t id_;
    std::chrono::milliseconds ack_timeout_;
};

class BroadcastConsumer final : public Consumer {
public:
    BroadcastConsumer(std::shared_ptr<InProcBus::Topic> topic,
                      std::unique_ptr<BroadcastQueue> queue)
        : topic_{std::move(topic)}, queue_{std::move(queue)} {}

    ~BroadcastConsumer() override {
        std::lock_guard lock{topic_->mutex};
        std::erase(topic_->broadcasts, queue_.get());
    }

    Result<std::optional<Delivery>> poll(std::chrono::milliseconds wait) override {
        auto& t = *topic_;
        auto& b = *queue_;
        std::unique_lock lock{t.mutex};
        if (!wait_ready(t, lock, b.cv, b.waiters, wait, [&] { return !b.queue.empty(); }))
            return std::optional<Delivery>{};
        Queued q = b.queue.pop_front();
        ++t.stats.delivered;
        std::optional<Delivery> d{std::in_place};
        d->envelope = std::move(q.envelope);
        d->attempt = q.attempt;
        d->delivery_tag = b.next_tag++;
        return d;
    }

    Result<void> ack(const Delivery&) override { return {}; }

private:
    std::shared_ptr<InProcBus::Topic> topic_;
    std::unique_ptr<BroadcastQueue> queue_;
};

}  // namespace

InProcBus::InProcBus() : InProcBus{Options{}} {}

InProcBus::InProcBus(Options options) : options_{options} {
    YAO_ASSERT(options_.max_backlog > 0);
    YAO_ASSERT(options_.redelivery_scan_period.count() > 0);
    scanner_ = std::thread{[this] { scan_loop(); }};
}

InProcBus::~InProcBus() {
    close();
    if (scanner_.joinable()) scanner_.join();
}

std::shared_ptr<InProcBus::Topic> InProcBus::topic(std::string_view name) {
    {
        std::shared_lock lock{topics_mutex_};
        if (auto it = topics_.find(name); it != topics_.end()) return it->second;
    }
    std::unique_lock lock{topics_mutex_};
    if (closed_.load()) return nullptr;
    auto& slot = topics_[std::string{name}];
    if (!slot) {
        slot = std::make_shared<Topic>();
        slot->max_backlog = options_.max_backlog;
    }
    return slot;
}

Result<void> InProcBus::publish(std::string_view topic_name, Envelope envelope) {
    if (topic_name.empty()) return fail(Errc::kInvalidArgument, "empty topic name");
    auto t = topic(topic_name);
    if (!t) return fail(Errc::kBusClosed, std::string{topic_name});
    std::lock_guard lock{t->mutex};
    if (t->closed) return fail(Errc::kBusClosed, std::string{topic_name});
    const size_t limit = t->max_backlog;
    const bool retain = t->group_list.empty() && !t->had_broadcast;
    if (retain && t->retained.size() >= limit) return fail(Errc::kBusFull, std::string{topic_name});
    for (const Group* g : t->group_list)
        if (g->queue.size() >= limit) return fail(Errc::kBusFull, std::string{topic_name});
    for (const BroadcastQueue* b : t->broadcasts)
        if (b->queue.size() >= limit) return fail(Errc::kBusFull, std::string{topic_name});

    ++t->stats.published;
    if (retain) {
        t->retained.push_back(Queued{std::move(envelope), 1});
        return {};
    }
    // One copy per target; the last target takes the original.
    const size_t targets = t->group_list.size() + t->broadcasts.size();
    size_t n = 0;
    auto next_copy = [&]() -> Envelope {
        return ++n == targets ? std::move(envelope) : Envelope{envelope};
    };
    for (Group* g : t->group_list) {
        g->queue.push_back(Queued{next_copy(), 1});
        if (g->waiters > 0) g->cv.notify_one();
    }
    for (BroadcastQueue* b : t->broadcasts) {
        b->queue.push_back(Queued{next_copy(), 1});
        if (b->waiters > 0) b->cv.notify_one();
    }
    return {};
}

Result<std::unique_ptr<Consumer>> InProcBus::subscribe(std::string_view topic_name,
                                                       const ConsumerOptions& options) {
    if (topic_name.empty()) return fail(Errc::kInvalidArgument, "empty topic name");
    auto t = topic(topic_name);
    if (!t) return fail(Errc::kBusClosed, std::string{topic_name});
    std::lock_guard lock{t->mutex};
    if (t->closed) return fail(Errc::kBusClosed, std::string{topic_name});

    if (options.mode == Mode::kBroadcast) {
        auto queue = std::make_unique<BroadcastQueue>();
        t->broadcasts.push_back(queue.get());
        if (!t->had_broadcast) {
            t->had_broadcast = true;
            t->retained.clear();  // a broadcast topic keeps nothing for absent readers
        }
        return std::unique_ptr<Consumer>{std::make_unique<BroadcastConsumer>(t, std::move(queue))};
    }

    if (options.ack_timeout.count() <= 0)
        return fail(Errc::kInvalidArgument, "ack_timeout must be positive");
    auto it = t->groups.find(options.group);
    if (it == t->groups.end()) {
        auto group = std::make_unique<Group>();
        if (t->group_list.empty()) {
            group->queue = std::move(t->retained);
            t->retained = Ring<Queued>{};
        }
        t->group_list.push_back(group.get());
        it = t->groups.emplace(options.group, std::move(group)).first;
    }
    const uint64_t id = t->next_consumer_id++;
    return std::unique_ptr<Consumer>{
        std::make_unique<ClusterConsumer>(t, it->second.get(), id, options.ack_timeout)};
}

TopicStats InProcBus::stats(std::string_view topic_name) const {
    std::shared_ptr<Topic> t;
    {
        std::shared_lock lock{topics_mutex_};
        auto it = topics_.find(topic_name);
        if (it == topics_.end()) return {};
        t = it->second;
    }
    std::lock_guard lock{t->mutex};
    TopicStats s = t->stats;
    s.depth = t->retained.size();
    for (const auto& [name, g] : t->groups) {
        s.depth += g->queue.size();
        s.pollers += g->waiters;
        s.groups.push_back(GroupStats{name, g->queue.size(), g->in_flight});
    }
    for (const BroadcastQueue* b : t->broadcasts) {
        s.depth += b->queue.size();
        s.pollers += b->waiters;
    }
    return s;
}

void InProcBus::close() {
    std::vector<std::shared_ptr<Topic>> all;
    {
        std::unique_lock lock{topics_mutex_};
        closed_.store(true);
        for (auto& [name, t] : topics_) all.push_back(t);
    }
    for (auto& t : all) {
        std::lock_guard lock{t->mutex};
        t->close_locked();
    }
    std::lock_guard lock{scan_mutex_};
    scan_cv_.notify_all();
}

void InProcBus::scan_loop() {
    std::vector<std::shared_ptr<Topic>> all;
    while (true) {
        {
            std::unique_lock lock{scan_mutex_};
            scan_cv_.wait_for(lock, options_.redelivery_scan_period,
                              [&] { return closed_.load(); });
            if (closed_.load()) return;
        }
        all.clear();
        {
            std::shared_lock lock{topics_mutex_};
            for (auto& [name, t] : topics_) all.push_back(t);
        }
        for (auto& t : all) {
            std::lock_guard lock{t->mutex};
            const auto now = Clock::now();
            for (Group* g : t->group_list) {
                if (g->in_flight == 0 || now < g->earliest_deadline) continue;
                t->requeue(*g, [&](const Group::Slot& s) { return s.deadline <= now; });
            }
        }
    }
}

}  // namespace yao::mq
