// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <atomic>
#include <vector>

#include <yao/infra/thread.hpp>
#include <yao/infra/worker_pool.hpp>

namespace yao::infra {
namespace {

// Uses about `depth` KiB of stack.
uint64_t deep(unsigned depth) {
    volatile uint8_t pad[1024];
    pad[0] = static_cast<uint8_t>(depth);
    return depth == 0 ? pad[0] : deep(depth - 1) + pad[0];
}

TEST(Thread, RunsWithTheStackItAskedFor) {
    uint64_t out = 0;
    // 32 MiB of frames: more than any default stack, less than the 64 MiB asked for.
    auto t = Thread::start("deep", [&] { out = deep(32 * 1024); }, 64u << 20);
    ASSERT_TRUE(t.has_value());
    t->join();
    // sum of (k mod 256) for k = 0..32768: 128 full runs of 0..255.
    EXPECT_EQ(out, 128u * 32'640u);
}

TEST(WorkerPool, EveryIterationRunsExactlyOnce) {
    WorkerPool pool{3};
    EXPECT_EQ(pool.size(), 4u);
    for (size_t n : {1u, 7u, 1000u, 100'000u}) {
        std::vector<std::atomic<int>> hits(n);
        pool.run(n, [&](size_t i) { hits[i].fetch_add(1); });
        for (size_t i = 0; i < n; ++i) ASSERT_EQ(hits[i].load(), 1) << "n=" << n << " i=" << i;
    }
}

TEST(WorkerPool, SumsLikeTheClosedForm) {
    WorkerPool pool{2};
    std::atomic<uint64_t> sum{0};
    pool.run(10'001, [&](size_t i) { sum += static_cast<uint64_t>(i) * i; });
    EXPECT_EQ(sum.load(), 10'000ull * 10'001 * 20'001 / 6);
}

}  // namespace
}  // namespace yao::infra
