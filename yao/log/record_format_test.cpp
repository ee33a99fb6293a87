// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>

#include <yao/log/record_format.hpp>

namespace yao::log {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

std::string timestamp(int64_t unix_ms) {
    std::string out;
    append_timestamp(out, system_clock::time_point{milliseconds{unix_ms}});
    return out;
}

std::string duration_ms(std::chrono::nanoseconds d) {
    std::string out;
    append_duration_ms(out, d);
    return out;
}

std::string field(Format format, const FieldValue& v) {
    std::string out;
    append_field(out, format, "k", v);
    return out;
}

TEST(Timestamp, IsRfc3339UtcWithMilliseconds) {
    // Epoch milliseconds computed independently with Python's datetime.
    EXPECT_EQ(timestamp(1705314645123), "2024-01-15T10:30:45.123Z");
    EXPECT_EQ(timestamp(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(timestamp(1709251199999), "2024-02-29T23:59:59.999Z");
    EXPECT_EQ(timestamp(951868800000), "2000-03-01T00:00:00.000Z");
    // system_clock counts nanoseconds in 64 bits, so it ends in 2262.
    EXPECT_EQ(timestamp(7258118399999), "2199-12-31T23:59:59.999Z");
    EXPECT_EQ(timestamp(-1), "1969-12-31T23:59:59.999Z");
}

TEST(Timestamp, TruncatesSubMillisecondPrecision) {
    std::string out;
    append_timestamp(out, system_clock::time_point{milliseconds{1705314645123}} +
                              std::chrono::microseconds{999});
    EXPECT_EQ(out, "2024-01-15T10:30:45.123Z");
}

TEST(DurationMs, WholeMillisecondsHaveNoFraction) {
    EXPECT_EQ(duration_ms(milliseconds{45}), "45");
    EXPECT_EQ(duration_ms(milliseconds{0}), "0");
    EXPECT_EQ(duration_ms(std::chrono::seconds{3600}), "3600000");
}

TEST(DurationMs, FractionsHaveUpToThreeDigitsWithoutTrailingZeros) {
    EXPECT_EQ(duration_ms(std::chrono::microseconds{250}), "0.25");
    EXPECT_EQ(duration_ms(std::chrono::microseconds{1500}), "1.5");
    EXPECT_EQ(duration_ms(std::chrono::nanoseconds{12'345'678}), "12.345");
    EXPECT_EQ(duration_ms(std::chrono::microseconds{7}), "0.007");
    EXPECT_EQ(duration_ms(std::chrono::nanoseconds{999}), "0");
    EXPECT_EQ(duration_ms(std::chrono::microseconds{-3500}), "-3.5");
}

TEST(Fields, JsonValuesKeepTheirType) {
    using K = FieldValue::Kind;
    EXPECT_EQ(field(Format::kJson, {.kind = K::kInt, .i = -42}), R"("k":-42)");
    EXPECT_EQ(field(Format::kJson, {.kind = K::kInt, .i = std::numeric_limits<int64_t>::min()}),
              R"("k":-9223372036854775808)");
    EXPECT_EQ(field(Format::kJson, {.kind = K::kUint, .u = std::numeric_limits<uint64_t>::max()}),
              R"("k":18446744073709551615)");
    EXPECT_EQ(field(Format::kJson, {.kind = K::kBool, .b = true}), R"("k":true)");
    EXPECT_EQ(field(Format::kJson, {.kind = K::kNull}), R"("k":null)");
    EXPECT_EQ(field(Format::kJson, {.kind = K::kDouble, .d = 0.1}), R"("k":0.1)");
    EXPECT_EQ(field(Format::kJson, {.kind = K::kDouble, .d = 1e20}), R"("k":1e+20)");
    EXPECT_EQ(field(Format::kJson, {.kind = K::kDouble, .d = -2.5}), R"("k":-2.5)");
    EXPECT_EQ(
        field(Format::kJson, {.kind = K::kDouble, .d = std::numeric_limits<double>::quiet_NaN()}),
        R"("k":null)");
    EXPECT_EQ(
        field(Format::kJson, {.kind = K::kDouble, .d = std::numeric_limits<double>::infinity()}),
        R"("k":null)");
    EXPECT_EQ(field(Format::kJson, {.kind = K::kString, .s = "20000000000"}),
              R"("k":"20000000000")");
    EXPECT_EQ(field(Format::kJson, {.kind = K::kHex, .s = std::string_view{"\x00\xab\xff", 3}}),
              R"("k":"0x00abff")");
}

TEST(Fields, JsonFieldsAreCommaSeparatedAndKeysEscaped) {
    std::string out;
    append_field(out, Format::kJson, "a", {.kind = FieldValue::Kind::kInt, .i = 1});
    append_field(out, Format::kJson, "b\"c", {.kind = FieldValue::Kind::kString, .s = "x"});
    EXPECT_EQ(out, R"("a":1,"b\"c":"x")");
}

TEST(Fields, TextValuesAreBareOrQuoted) {
    using K = FieldValue::Kind;
    EXPECT_EQ(field(Format::kText, {.kind = K::kInt, .i = 21000}), " k=21000");
    EXPECT_EQ(field(Format::kText, {.kind = K::kString, .s = "two words"}), R"( k="two words")");
    EXPECT_EQ(field(Format::kText, {.kind = K::kHex, .s = std::string_view{"\x12\x34", 2}}),
              " k=0x1234");
    EXPECT_EQ(
        field(Format::kText, {.kind = K::kDouble, .d = std::numeric_limits<double>::infinity()}),
        " k=+Inf");
}

TEST(Line, JsonHasEveryKeyInOrderWithNulls) {
    std::string out;
    append_line(out, Format::kJson,
                RecordView{.time = system_clock::time_point{milliseconds{1705314645123}},
                           .level = Level::kWarn,
                           .service = "svc",
                           .instance = "i-1",
                           .message = "m"});
    EXPECT_EQ(out,
              R"({"timestamp":"2024-01-15T10:30:45.123Z","level":"WARN","service":"svc",)"
              R"("instance":"i-1","trace_id":null,"span_id":null,"component":null,"method":null,)"
              R"("message":"m","fields":{},"duration_ms":null,"error":null})"
              "\n");
}

TEST(Line, TextOmitsUnsetParts) {
    std::string out;
    append_line(out, Format::kText,
                RecordView{.time = system_clock::time_point{milliseconds{0}},
                           .level = Level::kError,
                           .service = "svc",
                           .message = "boom",
                           .error = std::string_view{"disk full"}});
    EXPECT_EQ(out, "1970-01-01T00:00:00.000Z ERROR svc: boom error=\"disk full\"\n");
}

}  // namespace
}  // namespace yao::log
