// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include <yao/common/address.hpp>
#include <yao/common/hex.hpp>

namespace yao {
namespace {

TEST(ChecksumAddress, MatchesTheEip55Examples) {
    // The examples listed in EIP-55.
    for (const char* expected :
         {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
          "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
          "0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
          "0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26"}) {
        std::string text{expected};
        std::string lower = text;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](char c) { return static_cast<char>(std::tolower(c)); });
        const Bytes raw = from_hex(lower).value();
        Address a;
        std::copy(raw.begin(), raw.end(), a.bytes.begin());
        EXPECT_EQ(to_checksum_hex(a), text);
    }
}

}  // namespace
}  // namespace yao
