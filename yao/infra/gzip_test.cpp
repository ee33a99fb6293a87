// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <yao/common/hex.hpp>
#include <yao/infra/gzip.hpp>

namespace yao::infra {
namespace {

Bytes text(std::string_view s) { return Bytes{as_bytes(s)}; }

TEST(Gzip, RoundTripsAndIsRecognised) {
    const Bytes in = text(std::string(100'000, 'a') + "{\"accounts\":{}}");
    const Bytes packed = gzip(in);
    EXPECT_TRUE(is_gzip(packed));
    EXPECT_LT(packed.size(), 1000u);
    EXPECT_EQ(gunzip(packed, 1 << 20).value(), in);
    EXPECT_FALSE(is_gzip(in));
}

TEST(Gzip, DecodesAStreamWrittenByGzipItself) {
    // `printf hello | gzip -n | xxd -p`: header 1f8b 08 00, mtime 0, xfl 00, os 03.
    const Bytes packed = from_hex("1f8b0800000000000003cb48cdc9c9070086a6103605000000").value();
    EXPECT_EQ(gunzip(packed, 100).value(), text("hello"));
}

TEST(Gzip, RefusesTruncatedGarbageAndBombs) {
    const Bytes packed = gzip(text(std::string(1'000'000, 'x')));
    EXPECT_FALSE(gunzip(packed.substr(0, packed.size() / 2), 1 << 21));
    EXPECT_FALSE(gunzip(text("not gzip at all"), 1 << 20));
    auto bomb = gunzip(packed, 4096);
    ASSERT_FALSE(bomb);
    EXPECT_EQ(bomb.error().code(), std::make_error_code(std::errc::file_too_large));
}

}  // namespace
}  // namespace yao::infra
