// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "service_backend.hpp"

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>

#include <yao/infra/worker_pool.hpp>
#include <yao/mq/consumer_loop.hpp>
#include <yao/proto/codec.hpp>

#include "header_cache.hpp"
#include "state_cache.hpp"
#include "state_view.hpp"

namespace yao::portal {
namespace {

using namespace std::chrono_literals;

/// Listeners of one kind, called in order on the thread that fires them.
template <typename Arg>
class Listeners {
public:
    using Fn = std::function<void(const Arg&)>;

    class Handle final : public rpc::Listener {
    public:
        Handle(Listeners& owner, uint64_t id) : owner_{owner}, id_{id} {}
        ~Handle() override { owner_.remove(id_); }

    private:
        Listeners& owner_;
        uint64_t id_;
    };

    std::unique_ptr<rpc::Listener> add(Fn fn) {
        std::lock_guard lock{mutex_};
        const uint64_t id = ++next_;
        fns_.emplace(id, std::move(fn));
        return std::make_unique<Handle>(*this, id);
    }
    void fire(const Arg& arg) {
        std::lock_guard lock{mutex_};
        for (auto& [id, fn] : fns_) fn(arg);
    }
    bool empty() {
        std::lock_guard lock{mutex_};
        return fns_.empty();
    }

private:
    void remove(uint64_t id) {
        std::lock_guard lock{mutex_};
        fns_.erase(id);
    }
    std::mutex mutex_;
    uint64_t next_ = 0;
    std::map<uint64_t, Fn> fns_;
};

}  // namespace

struct ServiceBackend::Impl {
    Impl(ServiceBackendOptions o, archive::BlockService& b, vulcan::StateService& st,
         chronos::SequencerService& seq, infra::WorkerPool& workers, log::Logger logger)
        : options{std::move(o)},
          blocks{b, options.header_cache_size},
          state{st, options.state_cache_bytes},
          sequencer{seq},
          admission{options.admission, state, seq, workers, [this] { return head.load(); }, logger},
          log{std::move(logger)} {}

    ~Impl() {
        if (loop) loop->stop();
    }

    void on_head(const mq::Delivery& delivery) {
        auto update = proto::decode_head_update(delivery.envelope.payload);
        if (!update) {
            // What the block wrote is unknown: nothing kept can be trusted.
            state.clear();
            log.warn("head updates: undecodable message").with_error(update.error()).log();
            return;
        }
        {
            std::scoped_lock lock{head_mu};
            // The cache first: once the head names the block, no value it wrote is kept older.
            const uint64_t previous = head.load();
            state.apply(*update, update->number <= previous + 1);
            // Once per block, in order of arrival (a block may be announced twice).
            if (update->number <= previous) return;
            head.store(update->number);
        }
        head_cv.notify_all();
        head_listeners.fire(*update);
    }

    Result<Hash256> admitted(Result<Hash256> r) {
        if (r && !pending_listeners.empty()) pending_listeners.fire(*r);
        return r;
    }

    ServiceBackendOptions options;
    HeaderCachingBlockService blocks;
    CachingStateService state;
    chronos::SequencerService& sequencer;
    Admission admission;
    log::Logger log;
    std::atomic<uint64_t> head{0};
    std::mutex head_mu;
    std::condition_variable head_cv;
    Listeners<proto::HeadUpdate> head_listeners;
    Listeners<Hash256> pending_listeners;
    std::unique_ptr<mq::Consumer> heads;
    std::unique_ptr<mq::ConsumerLoop> loop;
    std::atomic<uint64_t> time_offset{0};
    // The development helpers' settings (set_coinbase, impersonation).
    mutable std::mutex dev_mu;
    std::optional<Address> coinbase_override;
    std::set<Address> impersonated;
    bool auto_impersonate = false;
};

Result<std::unique_ptr<ServiceBackend>> ServiceBackend::start(
    ServiceBackendOptions options, archive::BlockService& blocks, vulcan::StateService& state,
    chronos::SequencerService& sequencer, mq::Bus& bus, infra::WorkerPool& workers,
    log::Logger logger) {
    auto impl = std::make_unique<Impl>(std::move(options), blocks, state, sequencer, workers,
                                       std::move(logger));
    // Subscribe before reading the head: an update in between is then seen, never lost.
    mq::ConsumerOptions o;
    o.mode = mq::Mode::kBroadcast;
    o.name = "portal-heads";
    YAO_TRY(impl->heads, bus.subscribe(proto::kCacheInvalidationTopic, o));
    YAO_TRY(const uint64_t head, blocks.head_number());
    impl->head.store(head);
    Impl* raw = impl.get();
    mq::ConsumerLoop::Options lo;
    lo.name = "portal-heads";
    lo.logger = raw->log;
    lo.poll_wait = 100ms;
    raw->loop = std::make_unique<mq::ConsumerLoop>(
        *raw->heads,
        [raw](const mq::Delivery& d) -> Result<void> {
            raw->on_head(d);
            return {};
        },
        lo);
    return std::unique_ptr<ServiceBackend>{new ServiceBackend(std::move(impl))};
}

ServiceBackend::ServiceBackend(std::unique_ptr<Impl> impl) : impl_{std::move(impl)} {}
ServiceBackend::~ServiceBackend() = default;

uint64_t ServiceBackend::chain_id() const { return impl_->options.admission.chain_id; }
const chain::ForkSchedule& ServiceBackend::forks() const { return impl_->options.admission.forks; }
uint64_t ServiceBackend::block_gas_limit() const {
    return impl_->options.admission.block_gas_limit;
}
Uint256 ServiceBackend::base_fee() const { return impl_->options.admission.base_fee; }
Address ServiceBackend::coinbase() const {
    std::scoped_lock lock{impl_->dev_mu};
    return impl_->coinbase_override.value_or(impl_->options.coinbase);
}

uint64_t ServiceBackend::head_number() const { return impl_->head.load(); }

void ServiceBackend::await_head(uint64_t number) {
    if (impl_->head.load() >= number) return;
    std::unique_lock lock{impl_->head_mu};
    // Bounded: without head updates (a bus outage) the answer goes out anyway.
    impl_->head_cv.wait_for(lock, std::chrono::seconds{2},
                            [&] { return impl_->head.load() >= number; });
}
archive::BlockService& ServiceBackend::blocks() { return impl_->blocks; }
vulcan::StateService& ServiceBackend::state() { return impl_->state; }
chronos::SequencerService& ServiceBackend::sequencer() { return impl_->sequencer; }

std::unique_ptr<state::StateView> ServiceBackend::state_at(uint64_t number) {
    // The head's own tables when asked for the head (they only move forward, by whole blocks);
    // the history tables otherwise.
    vulcan::AtBlock at = number;
    if (number >= head_number()) at.reset();
    return std::make_unique<StateServiceView>(impl_->state, at);
}

Result<Hash256> ServiceBackend::send_raw_transaction(BytesView raw) {
    return impl_->admitted(impl_->admission.submit_raw(raw));
}

std::vector<Result<Hash256>> ServiceBackend::send_raw_transactions(std::span<const Bytes> raw) {
    auto out = impl_->admission.submit_raw(raw);
    if (!impl_->pending_listeners.empty()) {
        for (const auto& r : out)
            if (r) impl_->pending_listeners.fire(*r);
    }
    return out;
}

const Admission& ServiceBackend::admission() const noexcept { return impl_->admission; }
CachingStateService::Counters ServiceBackend::state_cache_counters() const noexcept {
    return impl_->state.counters();
}

Result<Hash256> ServiceBackend::send_transaction(proto::SignedTx tx) {
    return impl_->admitted(impl_->admission.submit_signed(std::move(tx)));
}

std::unique_ptr<rpc::Listener> ServiceBackend::on_head(
    std::function<void(const proto::HeadUpdate&)> fn) {
    return impl_->head_listeners.add(std::move(fn));
}

std::unique_ptr<rpc::Listener> ServiceBackend::on_pending(
    std::function<void(const Hash256&)> fn) {
    return impl_->pending_listeners.add(std::move(fn));
}

std::span<const rpc::SigningAccount> ServiceBackend::accounts() const {
    return impl_->options.accounts;
}

Result<uint64_t> ServiceBackend::mine(std::optional<uint64_t> timestamp) {
    if (timestamp) YAO_TRY_VOID(impl_->sequencer.set_next_timestamp(*timestamp));
    YAO_TRY(const uint64_t number, impl_->sequencer.mine_now());
    return wait_committed(number);
}

Result<uint64_t> ServiceBackend::wait_committed(uint64_t number) {
    std::unique_lock lock{impl_->head_mu};
    if (!impl_->head_cv.wait_for(lock, impl_->options.mine_timeout,
                                 [&] { return impl_->head.load() >= number; })) {
        return std::unexpected(Error{std::make_error_code(std::errc::timed_out),
                                     "block " + std::to_string(number) + " was not committed"});
    }
    return number;
}

// The state-writing helpers need a development node (options.state_image set).
Result<uint64_t> ServiceBackend::mine_patch(chain::StatePatch patch) {
    if (!impl_->options.state_image) return dev_only();
    YAO_TRY(const uint64_t number, impl_->sequencer.mine_patch(std::move(patch)));
    return wait_committed(number);
}

Result<storage::StateImage> ServiceBackend::state_image(std::optional<uint64_t> since) {
    if (!impl_->options.state_image) return dev_only();
    return impl_->options.state_image(since);
}

Result<void> ServiceBackend::set_coinbase(const Address& coinbase) {
    if (!impl_->options.state_image) return dev_only();
    YAO_TRY_VOID(impl_->sequencer.set_coinbase(coinbase));
    std::scoped_lock lock{impl_->dev_mu};
    impl_->coinbase_override = coinbase;
    return {};
}

Result<void> ServiceBackend::impersonate(const Address& addr, bool on) {
    if (!impl_->options.state_image) return dev_only();
    std::scoped_lock lock{impl_->dev_mu};
    if (on) {
        impl_->impersonated.insert(addr);
    } else {
        impl_->impersonated.erase(addr);
    }
    return {};
}

Result<void> ServiceBackend::auto_impersonate(bool on) {
    if (!impl_->options.state_image) return dev_only();
    std::scoped_lock lock{impl_->dev_mu};
    impl_->auto_impersonate = on;
    return {};
}

bool ServiceBackend::impersonating(const Address& addr) const {
    std::scoped_lock lock{impl_->dev_mu};
    return impl_->auto_impersonate || impl_->impersonated.contains(addr);
}

Result<void> ServiceBackend::set_next_block_timestamp(uint64_t timestamp) {
    return impl_->sequencer.set_next_timestamp(timestamp);
}

Result<uint64_t> ServiceBackend::increase_time(uint64_t seconds) {
    YAO_TRY_VOID(impl_->sequencer.increase_time(seconds));
    return impl_->time_offset += seconds;
}

}  // namespace yao::portal
