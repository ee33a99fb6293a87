// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <yao/mq/errc.hpp>
#include <yao/mq/inproc_bus.hpp>

namespace yao::mq {
namespace {

using namespace std::chrono_literals;

Envelope small_envelope() {
    Envelope e;
    e.type = "yao.v1.TxBatch";
    e.message_id = new_id();
    e.payload = Bytes(100, 0xab);
    return e;
}

// One thread: publish, poll and ack one small message.
void publish_poll_ack(benchmark::State& state) {
    InProcBus bus;
    ConsumerOptions opts;
    opts.group = "g";
    auto consumer = std::move(bus.subscribe("t", opts).value());
    const Envelope proto = small_envelope();
    for (auto _ : state) {
        if (!bus.publish("t", proto)) state.SkipWithError("publish failed");
        auto d = consumer->poll(0ms);
        if (!d || !*d) state.SkipWithError("poll failed");
        if (!consumer->ack(**d)) state.SkipWithError("ack failed");
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(publish_poll_ack)->Name("mq/publish_poll_ack");

// One producer thread, one consumer thread (poll + ack), clustering.
void producer_consumer(benchmark::State& state) {
    constexpr int64_t kMessages = 100'000;
    const Envelope proto = small_envelope();
    for (auto _ : state) {
        InProcBus bus;
        ConsumerOptions opts;
        opts.group = "g";
        auto consumer = std::move(bus.subscribe("t", opts).value());
        std::thread reader{[&] {
            int64_t got = 0;
            while (got < kMessages) {
                auto d = consumer->poll(100ms);
                if (!d || !*d) continue;
                (void)consumer->ack(**d);
                ++got;
            }
        }};
        for (int64_t i = 0; i < kMessages; ++i) {
            while (!bus.publish("t", proto)) std::this_thread::yield();
        }
        reader.join();
    }
    state.SetItemsProcessed(state.iterations() * kMessages);
}
BENCHMARK(producer_consumer)
    ->Name("mq/producer_consumer_threads")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace yao::mq
