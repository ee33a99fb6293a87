// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <benchmark/benchmark.h>

#include <cstdint>

#include <yao/common/bytes.hpp>
#include <yao/log/logger.hpp>

namespace yao::log {
namespace {

Hash256 sample_hash() {
    Hash256 h;
    for (size_t i = 0; i < h.size(); ++i) h[i] = static_cast<uint8_t>(i * 7 + 1);
    return h;
}

Address sample_address() {
    Address a;
    for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<uint8_t>(0xa0 + i);
    return a;
}

Config dev_null_config(Level level, Format format,
                       OverflowPolicy overflow = OverflowPolicy::kDrop) {
    return Config{.service = "yao-portal",
                  .instance = "yao-portal-bench",
                  .level = level,
                  .format = format,
                  .output = Output::file("/dev/null"),
                  .overflow = overflow};
}

// The seed's "Processing transaction" record: a hash, a number and an address.
void log_transaction(const Logger& logger, Level level, const Hash256& hash, const Address& from,
                     int64_t i) {
    logger.record(level, "Processing transaction")
        .with_field("tx_hash", hash)
        .with_field("gas_limit", 21000 + i)
        .with_field("from", from)
        .log();
}

void run(benchmark::State& state, const Logger& logger, Level level) {
    const Hash256 hash = sample_hash();
    const Address from = sample_address();
    const WriterStats before = logger.stats();
    int64_t i = 0;
    for (auto _ : state) log_transaction(logger, level, hash, from, i++);
    logger.flush();
    const WriterStats after = logger.stats();
    state.SetItemsProcessed(state.iterations());
    // Threads overlap in time, so only the first one reports (approximately) the whole run.
    if (state.thread_index() == 0) {
        state.counters["dropped"] = static_cast<double>(after.dropped - before.dropped);
    }
}

void bm_disabled(benchmark::State& state) {
    const Logger logger{dev_null_config(Level::kInfo, Format::kJson)};
    run(state, logger, Level::kDebug);
}

void bm_enabled_json(benchmark::State& state) {
    const Logger logger{dev_null_config(Level::kInfo, Format::kJson)};
    run(state, logger, Level::kInfo);
}

void bm_enabled_text(benchmark::State& state) {
    const Logger logger{dev_null_config(Level::kInfo, Format::kText)};
    run(state, logger, Level::kInfo);
}

// The same with callers waiting for room instead of dropping (compare ns/call and "dropped").
void bm_enabled_json_block(benchmark::State& state) {
    const Logger logger{dev_null_config(Level::kInfo, Format::kJson, OverflowPolicy::kBlock)};
    run(state, logger, Level::kInfo);
}

// Several threads share one logger (one buffer, one writer thread).
void bm_enabled_json_shared(benchmark::State& state) {
    static const Logger logger{dev_null_config(Level::kInfo, Format::kJson)};
    run(state, logger, Level::kInfo);
}

BENCHMARK(bm_disabled)->Name("yaolog/disabled");
BENCHMARK(bm_enabled_json)->Name("yaolog/enabled_json");
BENCHMARK(bm_enabled_text)->Name("yaolog/enabled_text");
BENCHMARK(bm_enabled_json_block)->Name("yaolog/enabled_json_block");
BENCHMARK(bm_enabled_json_shared)
    ->Name("yaolog/enabled_json_shared")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();

}  // namespace
}  // namespace yao::log
