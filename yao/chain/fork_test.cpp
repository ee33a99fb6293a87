// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "fork.hpp"

#include <gtest/gtest.h>

#include "errc.hpp"

namespace yao::chain {
namespace {

using evm::Revision;

TEST(ParseSchedule, ReadsBackWhatDescribeWrote) {
    const ForkSchedule schedules[] = {
        ForkSchedule{Revision::kOsaka},
        ForkSchedule{Revision::kCancun},
        ForkSchedule{Revision::kCancun, 1'750'000'000, 1'760'000'000},
        ForkSchedule{Revision::kPrague, std::nullopt, 1'760'000'000},
    };
    for (const auto& s : schedules) {
        auto parsed = parse_schedule(describe(s));
        ASSERT_TRUE(parsed.has_value()) << describe(s);
        EXPECT_EQ(*parsed, s) << describe(s);
    }
    EXPECT_EQ(describe(schedules[2]),
              "Cancun at genesis, Prague at 1750000000, Osaka at 1760000000");
}

TEST(ParseSchedule, RefusesWhatIsNotASchedule) {
    for (const char* text : {"", "Osaka", "Osaka at 5", "Cancun at genesis, Prague at soon",
                             "Cancun at genesis, Cancun at 7", "Prague at genesis, Prague at 7",
                             "Cancun at genesis, Osaka at 7", "Frontier at genesis"}) {
        auto parsed = parse_schedule(text);
        ASSERT_FALSE(parsed.has_value()) << text;
        EXPECT_EQ(parsed.error().code(), Errc::kInvalidForkSchedule) << text;
    }
}

}  // namespace
}  // namespace yao::chain
