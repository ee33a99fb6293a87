// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Jump destination analysis and its cache.

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include <yao/common/keccak.hpp>
#include <yao/evm/analysis.hpp>
#include <yao/evm/test_util/bytecode.hpp>

namespace yao::evm::test {
namespace {

TEST(CodeAnalysis, MarksJumpdestsOutsidePushData) {
    // 0: JUMPDEST, 1: PUSH2 5b 5b, 4: JUMPDEST, 5: PUSH32 (32 x 5b), 38: JUMPDEST
    Bytecode b;
    b.op(OP_JUMPDEST).push_n(2, 0x5b5b).op(OP_JUMPDEST);
    b.raw(OP_PUSH32);
    for (int i = 0; i < 32; ++i) b.raw(0x5b);
    b.op(OP_JUMPDEST);
    const CodeAnalysis a(b);
    EXPECT_TRUE(a.is_jumpdest(0));
    EXPECT_FALSE(a.is_jumpdest(1));
    EXPECT_FALSE(a.is_jumpdest(2));
    EXPECT_FALSE(a.is_jumpdest(3));
    EXPECT_TRUE(a.is_jumpdest(4));
    for (uint64_t i = 5; i < 38; ++i) EXPECT_FALSE(a.is_jumpdest(i)) << i;
    EXPECT_TRUE(a.is_jumpdest(38));
    EXPECT_FALSE(a.is_jumpdest(39));
    EXPECT_FALSE(a.is_jumpdest(~uint64_t{0}));
    EXPECT_EQ(a.code_size(), 39u);
}

TEST(CodeAnalysis, PadsTheCodeWithStops) {
    const Bytes code = {OP_PUSH32, 0x01};
    const CodeAnalysis a(code);
    EXPECT_EQ(a.code(), BytesView(code));
    for (size_t i = 0; i < CodeAnalysis::kPadding; ++i) EXPECT_EQ(a.padded_code()[2 + i], 0);
}

TEST(CodeAnalysis, EmptyCodeHasNoJumpdests) {
    const CodeAnalysis a(BytesView{});
    EXPECT_FALSE(a.is_jumpdest(0));
    EXPECT_EQ(a.padded_code()[0], OP_STOP);
}

TEST(AnalysisCache, SameHashGivesTheSameAnalysis) {
    const Bytes code = {OP_JUMPDEST, OP_STOP};
    const Hash256 h = keccak256(code);
    const auto a = analyze(code, &h);
    const auto b = analyze(code, &h);
    EXPECT_EQ(a.get(), b.get());
    const auto c = analyze(code, nullptr);  // init code: never cached
    EXPECT_NE(a.get(), c.get());
    clear_analysis_cache();
    EXPECT_NE(analyze(code, &h).get(), a.get());
}

TEST(AnalysisCache, StaysBoundedUnderManyDistinctCodes) {
    // 20,000 codes of 4 KiB each (80 MiB) go through a cache bounded at 64 MiB: older entries are
    // evicted and every lookup still returns a correct analysis.
    Bytes code(4096, OP_JUMPDEST);
    for (uint32_t i = 0; i < 20000; ++i) {
        code[0] = static_cast<uint8_t>(i);
        code[1] = static_cast<uint8_t>(i >> 8);
        const Hash256 h = keccak256(code);
        const auto a = analyze(code, &h);
        ASSERT_EQ(a->code_size(), code.size());
        ASSERT_TRUE(a->is_jumpdest(4095));
    }
    clear_analysis_cache();
}

TEST(AnalysisCache, IsSafeAcrossThreads) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([t] {
            Bytes code(64, OP_JUMPDEST);
            for (int i = 0; i < 2000; ++i) {
                code[0] = static_cast<uint8_t>(i % 50);  // shared between threads
                code[1] = static_cast<uint8_t>(t);
                const Hash256 h = keccak256(code);
                const auto a = analyze(code, &h);
                if (!a->is_jumpdest(63)) std::abort();
            }
        });
    }
    for (auto& th : threads) th.join();
}

}  // namespace
}  // namespace yao::evm::test
