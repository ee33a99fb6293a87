// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>

#include <yao/log/escape.hpp>
#include <yao/log/test_util/strict_json.hpp>

namespace yao::log {
namespace {

using test::parse_json;
using test::utf8;

constexpr std::string_view kFffd = "\xEF\xBF\xBD";

std::string json(std::string_view s) {
    std::string out;
    append_json_string(out, s);
    return out;
}

std::string text_escaped(std::string_view s) {
    std::string out;
    append_text_escaped(out, s);
    return out;
}

std::string text_value(std::string_view s) {
    std::string out;
    append_text_value(out, s);
    return out;
}

// The decoded string of a JSON string literal, or "<invalid>".
std::string decode(const std::string& literal) {
    auto v = parse_json(literal);
    if (!v || v->type != test::JsonValue::Type::kString) return "<invalid>";
    return v->text;
}

TEST(JsonEscape, QuotesAndBackslashesAreEscaped) {
    EXPECT_EQ(json(R"(say "hi" \o/)"), R"("say \"hi\" \\o/")");
    EXPECT_EQ(json(""), R"("")");
    EXPECT_EQ(json("plain ascii 0123 ~!@#$%^&*()_+{}|:<>?"),
              R"("plain ascii 0123 ~!@#$%^&*()_+{}|:<>?")");
}

TEST(JsonEscape, EveryControlCharacterAndDelIsEscaped) {
    // RFC 8259 section 7: the five short forms, \u00XX for the rest (lower-case hex here).
    const char* const kExpected[32] = {
        R"(\u0000)", R"(\u0001)", R"(\u0002)", R"(\u0003)", R"(\u0004)", R"(\u0005)", R"(\u0006)",
        R"(\u0007)", R"(\b)",     R"(\t)",     R"(\n)",     R"(\u000b)", R"(\f)",     R"(\r)",
        R"(\u000e)", R"(\u000f)", R"(\u0010)", R"(\u0011)", R"(\u0012)", R"(\u0013)", R"(\u0014)",
        R"(\u0015)", R"(\u0016)", R"(\u0017)", R"(\u0018)", R"(\u0019)", R"(\u001a)", R"(\u001b)",
        R"(\u001c)", R"(\u001d)", R"(\u001e)", R"(\u001f)"};
    for (int c = 0; c < 32; ++c) {
        const std::string input = std::string{"a"} + static_cast<char>(c) + "b";
        EXPECT_EQ(json(input), std::string{"\"a"} + kExpected[c] + "b\"") << "byte " << c;
        EXPECT_EQ(decode(json(input)), input) << "byte " << c;
    }
    EXPECT_EQ(json("\x7f"), R"("\u007f")");
    EXPECT_EQ(json(std::string_view{"\0", 1}), R"("\u0000")");
}

TEST(JsonEscape, WellFormedUtf8PassesThroughUnchanged) {
    const std::string s =
        "h\xC3\xA9llo \xE2\x9C\x93 \xF0\x9D\x84\x9E \xE6\x97\xA5\xE6\x9C\xAC "
        "\xE2\x80\xA8\xE2\x80\xA9 \xEF\xBF\xBF \xF4\x8F\xBF\xBF";
    EXPECT_EQ(json(s), "\"" + s + "\"");
    EXPECT_EQ(decode(json(s)), s);
}

TEST(JsonEscape, EveryScalarValueRoundTripsThroughAStrictParser) {
    std::string input;
    for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        input += utf8(cp);
        if (input.size() > 4096 || cp == 0x10FFFF) {
            const std::string out = json(input);
            ASSERT_EQ(decode(out), input) << "block ending at U+" << std::hex << cp;
            input.clear();
        }
    }
}

TEST(JsonEscape, IllFormedUtf8BecomesOneReplacementPerMaximalSubpart) {
    // The example of Unicode 15 section 3.9 ("U+FFFD Substitution of Maximal Subparts"):
    // 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 -> a FFFD FFFD FFFD b FFFD c FFFD FFFD d.
    const std::string f{kFffd};
    EXPECT_EQ(json("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"),
              "\"a" + f + f + f + "b" + f + "c" + f + f + "d\"");
    // Overlong "/" (C0 AF): C0 can never start a sequence, AF is a stray continuation.
    EXPECT_EQ(json("\xC0\xAF"), "\"" + f + f + "\"");
    // Overlong 3-byte (E0 80 AF): E0 needs A0..BF next.
    EXPECT_EQ(json("\xE0\x80\xAF"), "\"" + f + f + f + "\"");
    // Encoded surrogate U+D800 (ED A0 80).
    EXPECT_EQ(json("\xED\xA0\x80"), "\"" + f + f + f + "\"");
    // Above U+10FFFF (F4 90 80 80), and bytes that never appear (F5, FF, FE).
    EXPECT_EQ(json("\xF4\x90\x80\x80"), "\"" + f + f + f + f + "\"");
    EXPECT_EQ(json("\xF5\xFF\xFE"), "\"" + f + f + f + "\"");
    // Truncated at the end of input: one replacement for the incomplete prefix.
    EXPECT_EQ(json("ok\xE2\x82"), "\"ok" + f + "\"");
    EXPECT_EQ(json("ok\xF0\x9F\x98"), "\"ok" + f + "\"");
    // A truncated sequence followed by an escape-worthy byte.
    EXPECT_EQ(json("\xE2\x82\n"), "\"" + f + "\\n\"");
}

TEST(JsonEscape, ArbitraryBytesAlwaysGiveValidJson) {
    std::mt19937 rng{12345};
    std::uniform_int_distribution<int> byte{0, 255};
    std::uniform_int_distribution<int> length{0, 40};
    for (int i = 0; i < 20000; ++i) {
        std::string s(static_cast<size_t>(length(rng)), '\0');
        for (char& c : s) c = static_cast<char>(byte(rng));
        const std::string out = json(s);
        ASSERT_TRUE(parse_json(out).has_value()) << "input #" << i;
    }
    for (int b = 0; b < 256; ++b) {
        const std::string out = json(std::string(1, static_cast<char>(b)));
        ASSERT_TRUE(parse_json(out).has_value()) << "byte " << b;
    }
}

TEST(JsonEscape, UnquotedVariantEscapesTheSame) {
    std::string out;
    append_json_escaped(out, "a\"b\n");
    EXPECT_EQ(out, R"(a\"b\n)");
}

TEST(TextEscape, ControlCharactersEscapedQuotesKept) {
    EXPECT_EQ(text_escaped("line1\nline2\t\"quoted\" \\ end"), R"(line1\nline2\t"quoted" \ end)");
    EXPECT_EQ(text_escaped("bad\xFF"), "bad" + std::string{kFffd});
}

TEST(TextEscape, ValuesAreBareOnlyWhenUnambiguous) {
    EXPECT_EQ(text_value("0xabcd"), "0xabcd");
    EXPECT_EQ(text_value("21000"), "21000");
    EXPECT_EQ(text_value("hello world"), R"("hello world")");
    EXPECT_EQ(text_value(""), R"("")");
    EXPECT_EQ(text_value("a=b"), R"("a=b")");
    EXPECT_EQ(text_value("say\"x"), R"("say\"x")");
    EXPECT_EQ(text_value("tab\there"), R"("tab\there")");
    EXPECT_EQ(text_value("caf\xC3\xA9"), "\"caf\xC3\xA9\"");
}

}  // namespace
}  // namespace yao::log
