// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <yao/common/hex.hpp>
#include <yao/common/rlp.hpp>

namespace yao::rlp {
namespace {

Bytes h(std::string_view hex) {
    return from_hex(hex).value();
}

std::string hex_of(BytesView b) {
    return to_hex(b, false);
}

// ---- a small tree of strings and lists, for the list vectors and round trips ----------------

struct Node {
    bool is_list = false;
    Bytes str;
    std::vector<Node> items;

    friend bool operator==(const Node&, const Node&) = default;
};

Node S(std::string_view text) {
    return Node{false, Bytes{as_bytes(text)}, {}};
}
Node B(Bytes bytes) {
    return Node{false, std::move(bytes), {}};
}
Node L(std::vector<Node> items = {}) {
    return Node{true, {}, std::move(items)};
}

/// Encodes with the API under test.
void encode_node(Bytes& out, const Node& n) {
    if (!n.is_list) {
        encode_string(out, n.str);
        return;
    }
    Bytes payload;
    for (const Node& item : n.items) encode_node(payload, item);
    encode_list(out, payload);
}

Bytes encode_node(const Node& n) {
    Bytes out;
    encode_node(out, n);
    return out;
}

/// An independent encoder written straight from the Yellow Paper's equations (appendix B), to
/// cross-check the API on random trees.
Bytes reference_encode(const Node& n) {
    Bytes payload;
    if (n.is_list) {
        for (const Node& item : n.items) payload += reference_encode(item);
    } else {
        payload = n.str;
        if (payload.size() == 1 && payload[0] < 128) return payload;
    }
    const unsigned offset = n.is_list ? 192 : 128;
    Bytes out;
    if (payload.size() < 56) {
        out.push_back(static_cast<uint8_t>(offset + payload.size()));
    } else {
        Bytes be_length;
        for (size_t x = payload.size(); x != 0; x /= 256) {
            be_length.insert(be_length.begin(), static_cast<uint8_t>(x % 256));
        }
        out.push_back(static_cast<uint8_t>(offset + 55 + be_length.size()));
        out += be_length;
    }
    return out + payload;
}

/// Decodes one item, walking into lists, with the API under test.
Result<Node> decode_node(Reader& r, int depth = 0) {
    if (depth > 64) return fail(Errc::kTooDeep);
    Reader peek = r;
    auto item = peek.read_item();
    if (!item) return std::unexpected{item.error()};
    if (!item->is_list) {
        r = peek;
        return B(Bytes{item->payload});
    }
    auto list = r.read_list();  // read the same item again through read_list
    if (!list) return std::unexpected{list.error()};
    if (r.remaining() != peek.remaining()) return fail(Errc::kUnexpectedLength, "test walker");
    Node n = L();
    while (!list->at_end()) {
        auto child = decode_node(*list, depth + 1);
        if (!child) return child;
        n.items.push_back(std::move(*child));
    }
    return n;
}

/// Decodes a whole input holding exactly one item, nested lists included.
Result<Node> decode_tree(BytesView data) {
    Reader r{data};
    auto n = decode_node(r);
    if (!n) return n;
    if (auto end = r.expect_end(); !end) return std::unexpected{end.error()};
    return n;
}

// ---- error category -------------------------------------------------------------------------

TEST(RlpErrc, CategoryIsNamedRlpWithSnakeCaseMessages) {
    EXPECT_STREQ(rlp_category().name(), "rlp");
    EXPECT_EQ(make_error_code(Errc::kInputTooShort).message(), "input_too_short");
    EXPECT_EQ(make_error_code(Errc::kOverrun).message(), "overrun");
    EXPECT_EQ(make_error_code(Errc::kTrailingBytes).message(), "trailing_bytes");
    EXPECT_EQ(make_error_code(Errc::kNonCanonicalSize).message(), "non_canonical_size");
    EXPECT_EQ(make_error_code(Errc::kNonCanonicalSingleByte).message(),
              "non_canonical_single_byte");
    EXPECT_EQ(make_error_code(Errc::kLeadingZeroLength).message(), "leading_zero_length");
    EXPECT_EQ(make_error_code(Errc::kLeadingZeroInteger).message(), "leading_zero_integer");
    EXPECT_EQ(make_error_code(Errc::kIntegerTooLarge).message(), "integer_too_large");
    EXPECT_EQ(make_error_code(Errc::kUnexpectedList).message(), "unexpected_list");
    EXPECT_EQ(make_error_code(Errc::kUnexpectedString).message(), "unexpected_string");
    EXPECT_EQ(make_error_code(Errc::kUnexpectedLength).message(), "unexpected_length");
    EXPECT_EQ(make_error_code(Errc::kTooDeep).message(), "too_deep");
    const std::error_code ec = Errc::kOverrun;  // is_error_code_enum
    EXPECT_EQ(ec.category(), rlp_category());
}

// ---- ethereum/tests RLPTests/rlptest.json ---------------------------------------------------

struct StringVector {
    const char* name;
    std::string_view in;
    const char* out;
};

TEST(RlpVectors, StringsEncodeAndDecode) {
    using namespace std::string_view_literals;
    const StringVector vectors[] = {
        {"emptystring", ""sv, "80"},
        {"bytestring00", "\x00"sv, "00"},
        {"bytestring01", "\x01"sv, "01"},
        {"bytestring7F", "\x7f"sv, "7f"},
        {"shortstring", "dog"sv, "83646f67"},
        {"shortstring2", "Lorem ipsum dolor sit amet, consectetur adipisicing eli"sv,
         "b74c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e73656374657475722061"
         "64697069736963696e6720656c69"},
        {"longstring", "Lorem ipsum dolor sit amet, consectetur adipisicing elit"sv,
         "b8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e736563746574757220"
         "6164697069736963696e6720656c6974"},
    };
    for (const auto& v : vectors) {
        SCOPED_TRACE(v.name);
        Bytes out;
        encode_string(out, as_bytes(v.in));
        EXPECT_EQ(hex_of(out), v.out);
        EXPECT_EQ(string_encoded_length(as_bytes(v.in)), out.size());

        const Bytes encoded = h(v.out);
        auto item = decode_exactly_one(encoded);
        ASSERT_TRUE(item) << item.error().message();
        EXPECT_FALSE(item->is_list);
        EXPECT_EQ(item->payload, as_bytes(v.in));
        EXPECT_EQ(item->encoded, BytesView{encoded});
    }
}

TEST(RlpVectors, LongString2Of1024BytesTakesTwoByteLength) {
    // "longstring2": the expected output is 0xb90400 followed by the text's ASCII bytes.
    const std::string_view text =
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Curabitur mauris magna, "
        "suscipit sed vehicula non, iaculis faucibus tortor. Proin suscipit ultricies malesuada. "
        "Duis tortor elit, dictum quis tristique eu, ultrices at risus. Morbi a est imperdiet mi "
        "ullamcorper aliquet suscipit nec lorem. Aenean quis leo mollis, vulputate elit varius, "
        "consequat enim. Nulla ultrices turpis justo, et posuere urna consectetur nec. Proin non "
        "convallis metus. Donec tempor ipsum in mauris congue sollicitudin. Vestibulum ante ipsum "
        "primis in faucibus orci luctus et ultrices posuere cubilia Curae; Suspendisse convallis "
        "sem vel massa faucibus, eget lacinia lacus tempor. Nulla quis ultricies purus. Proin "
        "auctor rhoncus nibh condimentum mollis. Aliquam consequat enim at metus luctus, a "
        "eleifend purus egestas. Curabitur at nibh metus. Nam bibendum, neque at auctor "
        "tristique, lorem libero aliquet arcu, non interdum tellus lectus sit amet eros. Cras "
        "rhoncus, metus ac ornare cursus, dolor justo ultrices metus, at ullamcorper volutpat";
    ASSERT_EQ(text.size(), 1024u);
    const Bytes expected = h("b90400") + Bytes{as_bytes(text)};

    Bytes out;
    encode_string(out, as_bytes(text));
    EXPECT_EQ(out, expected);

    auto item = decode_exactly_one(expected);
    ASSERT_TRUE(item);
    EXPECT_EQ(item->payload, as_bytes(text));
}

TEST(RlpVectors, IntegersEncodeAndDecode) {
    const struct {
        const char* name;
        uint64_t in;
        const char* out;
    } vectors[] = {
        {"zero", 0, "80"},
        {"smallint", 1, "01"},
        {"smallint2", 16, "10"},
        {"smallint3", 79, "4f"},
        {"smallint4", 127, "7f"},
        {"mediumint1", 128, "8180"},
        {"mediumint2", 1000, "8203e8"},
        {"mediumint3", 100000, "830186a0"},
    };
    for (const auto& v : vectors) {
        SCOPED_TRACE(v.name);
        Bytes out;
        encode_uint(out, v.in);
        EXPECT_EQ(hex_of(out), v.out);
        EXPECT_EQ(uint_encoded_length(v.in), out.size());

        const Bytes encoded = h(v.out);
        Reader r{encoded};
        auto got = r.read_u64();
        ASSERT_TRUE(got) << got.error().message();
        EXPECT_EQ(*got, v.in);
        EXPECT_TRUE(r.at_end());
    }
}

TEST(RlpVectors, BigIntegersEncodeAndDecodeAsBigEndianBytes) {
    // mediumint4 = 83729609699884896815286331701780722, mediumint5 = 1053...5681,
    // bigint = 2^256, written as big-endian bytes.
    const struct {
        const char* name;
        const char* be;
        const char* out;
    } vectors[] = {
        {"mediumint4", "102030405060708090a0b0c0d0e0f2", "8f102030405060708090a0b0c0d0e0f2"},
        {"mediumint5", "0100020003000400050006000700080009000a000b000c000d000e01",
         "9c0100020003000400050006000700080009000a000b000c000d000e01"},
        {"bigint", "010000000000000000000000000000000000000000000000000000000000000000",
         "a1010000000000000000000000000000000000000000000000000000000000000000"},
    };
    for (const auto& v : vectors) {
        SCOPED_TRACE(v.name);
        const Bytes be = h(v.be);
        Bytes out;
        encode_uint_be(out, be);
        EXPECT_EQ(hex_of(out), v.out);

        // The same value with leading zero bytes (a fixed-width word) encodes the same way.
        Bytes padded = Bytes(40 - be.size(), 0) + be;
        Bytes out_padded;
        encode_uint_be(out_padded, padded);
        EXPECT_EQ(out_padded, out);

        const Bytes encoded = h(v.out);
        Reader r{encoded};
        auto got = r.read_uint_be(33);
        ASSERT_TRUE(got) << got.error().message();
        EXPECT_EQ(*got, BytesView{be});
    }
    // 2^256 does not fit a uint256.
    const Bytes bigint = h("a1010000000000000000000000000000000000000000000000000000000000000000");
    Reader r{bigint};
    auto too_wide = r.read_uint_be(32);
    ASSERT_FALSE(too_wide);
    EXPECT_EQ(too_wide.error(), Errc::kIntegerTooLarge);
}

struct ListVector {
    const char* name;
    Node in;
    std::string out;
};

std::string repeat(std::string_view s, int n) {
    std::string r;
    for (int i = 0; i < n; ++i) r += s;
    return r;
}

TEST(RlpVectors, ListsEncodeAndDecode) {
    const Node asdf = S("asdf"), qwer = S("qwer"), zxcv = S("zxcv");
    const Node triple = L({asdf, qwer, zxcv});
    std::vector<Node> four_triples(4, triple);
    std::vector<Node> thirty_two_triples(32, triple);
    const std::string triple_hex = "cf84617364668471776572847a786376";

    const ListVector vectors[] = {
        {"emptylist", L(), "c0"},
        {"stringlist", L({S("dog"), S("god"), S("cat")}), "cc83646f6783676f6483636174"},
        {"multilist", L({S("zw"), L({B({4})}), B({1})}), "c6827a77c10401"},
        {"shortListMax1", L({asdf, qwer, zxcv, asdf, qwer, zxcv, asdf, qwer, zxcv, asdf, qwer}),
         "f784617364668471776572847a78637684617364668471776572847a78637684617364668471776572847a"
         "78637684617364668471776572"},
        {"longList1", L(four_triples), "f840" + repeat(triple_hex, 4)},
        {"longList2", L(thirty_two_triples), "f90200" + repeat(triple_hex, 32)},
        {"listsoflists", L({L({L(), L()}), L()}), "c4c2c0c0c0"},
        {"listsoflists2", L({L(), L({L()}), L({L(), L({L()})})}), "c7c0c1c0c3c0c1c0"},
        {"dictTest1",
         L({L({S("key1"), S("val1")}), L({S("key2"), S("val2")}), L({S("key3"), S("val3")}),
            L({S("key4"), S("val4")})}),
         "ecca846b6579318476616c31ca846b6579328476616c32ca846b6579338476616c33ca846b657934847661"
         "6c34"},
        // Not from rlptest.json: the classic ["cat", "dog"] example.
        {"catdog", L({S("cat"), S("dog")}), "c88363617483646f67"},
    };
    for (const auto& v : vectors) {
        SCOPED_TRACE(v.name);
        EXPECT_EQ(hex_of(encode_node(v.in)), v.out);
        EXPECT_EQ(reference_encode(v.in), h(v.out));

        auto decoded = decode_tree(h(v.out));
        ASSERT_TRUE(decoded) << decoded.error().message();
        EXPECT_EQ(*decoded, v.in);
    }
}

TEST(RlpVectors, CatDogListReadsFieldByField) {
    const Bytes encoded = h("c88363617483646f67");
    Reader top{encoded};
    auto list = top.read_list();
    ASSERT_TRUE(list);
    EXPECT_TRUE(top.at_end());
    EXPECT_EQ(list->remaining(), 8u);
    EXPECT_EQ(list->read_string().value(), as_bytes("cat"));
    EXPECT_EQ(list->read_string().value(), as_bytes("dog"));
    EXPECT_TRUE(list->expect_end());
}

// ---- ethereum/tests RLPTests/invalidRLPTest.json ---------------------------------------------

TEST(RlpInvalidVectors, EachIsRejectedWithTheNamedError) {
    const struct {
        const char* name;
        const char* hex;
        Errc errc;
    } vectors[] = {
        {"int32Overflow", "bf0f000000000000021111", Errc::kOverrun},
        {"int32Overflow2", "ff0f000000000000021111", Errc::kOverrun},
        {"wrongSizeList", "f80180", Errc::kNonCanonicalSize},
        {"wrongSizeList2", "f80100", Errc::kNonCanonicalSize},
        {"incorrectLengthInArray",
         "b9002100dc2b275d0f74e8a53e6f4ec61b27f24278820be3f82ea2110e582081b0565df0",
         Errc::kLeadingZeroLength},
        {"randomRLP",
         "f861f83eb9002100dc2b275d0f74e8a53e6f4ec61b27f24278820be3f82ea2110e582081b0565df027b9"
         "0015002d5ef8325ae4d034df55d4b58d0dfba64d61ddd17be00000b9001a00dae30907045a2f66fa36f2"
         "bb8aa9029cbb0b8a7b3b5c435ab331",
         Errc::kLeadingZeroLength},
        {"bytesShouldBeSingleByte00", "8100", Errc::kNonCanonicalSingleByte},
        {"bytesShouldBeSingleByte01", "8101", Errc::kNonCanonicalSingleByte},
        {"bytesShouldBeSingleByte7F", "817F", Errc::kNonCanonicalSingleByte},
        {"leadingZerosInLongLengthArray1",
         "b90040000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223242526"
         "2728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
         Errc::kLeadingZeroLength},
        {"leadingZerosInLongLengthArray2", "b800", Errc::kLeadingZeroLength},
        {"leadingZerosInLongLengthList1",
         "fb00000040000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324"
         "25262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
         Errc::kLeadingZeroLength},
        {"leadingZerosInLongLengthList2", "f800", Errc::kLeadingZeroLength},
        {"nonOptimalLongLengthArray1", "b81000112233445566778899aabbccddeeff",
         Errc::kNonCanonicalSize},
        {"nonOptimalLongLengthArray2", "b801ff", Errc::kNonCanonicalSize},
        {"nonOptimalLongLengthList1", "f810000102030405060708090a0b0c0d0e0f",
         Errc::kNonCanonicalSize},
        {"nonOptimalLongLengthList2", "f803112233", Errc::kNonCanonicalSize},
        {"emptyEncoding", "", Errc::kInputTooShort},
        {"lessThanShortLengthArray1", "81", Errc::kOverrun},
        {"lessThanShortLengthArray2",
         "a0000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e", Errc::kOverrun},
        {"lessThanShortLengthList1", "c5010203", Errc::kOverrun},
        {"lessThanShortLengthList2", "e201020304050607", Errc::kOverrun},
        {"lessThanLongLengthArray1", "ba010000aabbccddeeff", Errc::kOverrun},
        {"lessThanLongLengthArray2", "b840ffeeddccbbaa99887766554433221100", Errc::kOverrun},
        {"lessThanLongLengthList1", "f90180", Errc::kOverrun},
        {"lessThanLongLengthList2", "ffffffffffffffffff0001020304050607", Errc::kOverrun},
    };
    for (const auto& v : vectors) {
        SCOPED_TRACE(v.name);
        auto decoded = decode_tree(h(v.hex));
        ASSERT_FALSE(decoded);
        EXPECT_EQ(decoded.error(), v.errc) << decoded.error().message();
        EXPECT_FALSE(decoded.error().context().empty());
    }
}

// ---- strictness beyond the vectors ----------------------------------------------------------

Error decode_error(std::string_view hex) {
    auto r = decode_tree(h(hex));
    EXPECT_FALSE(r) << hex;
    return r ? Error{} : r.error();
}

TEST(RlpStrict, ContextNamesTheAbsoluteOffsetInsideNestedLists) {
    // [0x01, [0x81 0x05]]: the bad single byte sits at offset 3 of the whole input.
    const Error e = decode_error("c401c28105");
    EXPECT_EQ(e, Errc::kNonCanonicalSingleByte);
    EXPECT_EQ(e.message(),
              "rlp.non_canonical_single_byte: at offset 3: byte 5 < 0x80 must "
              "encode as itself");
}

TEST(RlpStrict, ContextGivesClaimedAndAvailableLengths) {
    const Error e = decode_error("b840ffeeddccbbaa99887766554433221100");
    EXPECT_EQ(
        e.message(),
        "rlp.overrun: at offset 0: payload of 64 bytes, only 16 left after the 2-byte header");
    EXPECT_EQ(
        decode_error("f90180").message(),
        "rlp.overrun: at offset 0: payload of 384 bytes, only 0 left after the 3-byte header");
    EXPECT_EQ(decode_error("c2b901").message(),
              "rlp.input_too_short: at offset 1: header of 3 bytes, only 2 left");
}

TEST(RlpStrict, ItemMayNotOverrunItsEnclosingList) {
    // The outer list holds 2 bytes (0x83 0x61); the string claims 3. The input has more bytes
    // after the list, but they belong to no one.
    const Bytes encoded = h("c283616263");
    Reader top{encoded};
    auto list = top.read_list();
    ASSERT_TRUE(list);
    auto s = list->read_string();
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error(), Errc::kOverrun);
    EXPECT_EQ(top.expect_end().error(), Errc::kTrailingBytes);
}

TEST(RlpStrict, HugeLengthsAreRejectedWithoutWrapping) {
    EXPECT_EQ(decode_error("bfffffffffffffffff"), Errc::kOverrun);
    EXPECT_EQ(decode_error("bfffffffffffffffff00"), Errc::kOverrun);
    EXPECT_EQ(decode_error("ffffffffffffffffff00"), Errc::kOverrun);
    EXPECT_EQ(decode_error("bf8000000000000000"), Errc::kOverrun);
    EXPECT_EQ(decode_error("c9bfffffffffffffffff"), Errc::kOverrun);  // inside a list
}

TEST(RlpStrict, InputEndingInsideAHeaderIsTooShort) {
    EXPECT_EQ(decode_error(""), Errc::kInputTooShort);
    EXPECT_EQ(decode_error("b8"), Errc::kInputTooShort);
    EXPECT_EQ(decode_error("b9ff"), Errc::kInputTooShort);
    EXPECT_EQ(decode_error("f8"), Errc::kInputTooShort);
    EXPECT_EQ(decode_error("bfffffffffffffff"), Errc::kInputTooShort);
}

TEST(RlpStrict, LongFormIsAcceptedFrom56Bytes) {
    EXPECT_EQ(decode_error("b837" + repeat("aa", 55)), Errc::kNonCanonicalSize);
    EXPECT_TRUE(decode_tree(h("b838" + repeat("aa", 56))));
    EXPECT_EQ(decode_error("f837" + repeat("01", 55)), Errc::kNonCanonicalSize);
    EXPECT_TRUE(decode_tree(h("f838" + repeat("01", 56))));
    // A two-byte length for a payload that fits one byte is also non-canonical, but the
    // leading zero is reported first.
    EXPECT_EQ(decode_error("b90038" + repeat("aa", 56)), Errc::kLeadingZeroLength);
}

TEST(RlpStrict, SingleByteAbove0x7fNeedsAHeader) {
    auto ok = decode_tree(h("8180"));
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->str, h("80"));
    auto ff = decode_tree(h("81ff"));
    ASSERT_TRUE(ff);
    EXPECT_EQ(ff->str, h("ff"));
    EXPECT_EQ(decode_error("817f"), Errc::kNonCanonicalSingleByte);
}

TEST(RlpStrict, TrailingBytesAfterOneItem) {
    auto r = decode_exactly_one(h("8363617400"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kTrailingBytes);
    EXPECT_EQ(r.error().message(), "rlp.trailing_bytes: at offset 4: 1 bytes after the last item");
}

TEST(RlpIntegers, LeadingZerosAreRejectedIncludingZeroItself) {
    for (const char* hex : {"00", "8200ff", "880000000000000001"}) {
        SCOPED_TRACE(hex);
        const Bytes encoded = h(hex);
        Reader r{encoded};
        auto v = r.read_u64();
        ASSERT_FALSE(v);
        EXPECT_EQ(v.error(), Errc::kLeadingZeroInteger);
        EXPECT_EQ(r.remaining(), encoded.size());  // a failed read consumes nothing
        Reader r2{encoded};
        EXPECT_EQ(r2.read_uint_be(32).error(), Errc::kLeadingZeroInteger);
    }
}

TEST(RlpIntegers, U64BoundariesRoundTrip) {
    const struct {
        uint64_t v;
        const char* out;
    } vectors[] = {
        {0x80, "8180"},
        {0xff, "81ff"},
        {0x100, "820100"},
        {0xffff, "82ffff"},
        {0x10000, "83010000"},
        {0x0102030405060708, "880102030405060708"},
        {std::numeric_limits<uint64_t>::max(), "88ffffffffffffffff"},
    };
    for (const auto& v : vectors) {
        SCOPED_TRACE(v.out);
        Bytes out;
        encode_uint(out, v.v);
        EXPECT_EQ(hex_of(out), v.out);
        EXPECT_EQ(uint_encoded_length(v.v), out.size());
        Reader r{out};
        EXPECT_EQ(r.read_u64().value(), v.v);
    }
}

TEST(RlpIntegers, NineBytesDoNotFitU64) {
    const Bytes encoded = h("89010000000000000000");
    Reader r{encoded};
    auto v = r.read_u64();
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error(), Errc::kIntegerTooLarge);
    Reader r2{encoded};
    EXPECT_EQ(r2.read_uint_be(9).value(), h("010000000000000000"));
}

TEST(RlpIntegers, BigEndianZeroEncodesAsEmptyString) {
    Bytes out;
    encode_uint_be(out, h("0000000000"));
    encode_uint_be(out, BytesView{});
    encode_uint_be(out, h("000005"));
    encode_uint_be(out, h("0080"));
    encode_uint_be(out, Bytes(32, 0xff));
    EXPECT_EQ(hex_of(out),
              "80"
              "80"
              "05"
              "8180"
              "a0" +
                  repeat("ff", 32));
    Reader r{out};
    EXPECT_EQ(r.read_uint_be(32).value(), BytesView{});
    EXPECT_EQ(r.read_u64().value(), 0u);
}

TEST(RlpTypes, ReadStringRejectsAListAndReadListRejectsAString) {
    const Bytes list = h("c0");
    Reader r{list};
    EXPECT_EQ(r.read_string().error(), Errc::kUnexpectedList);
    EXPECT_EQ(r.read_u64().error(), Errc::kUnexpectedList);
    EXPECT_EQ(r.read_fixed<1>().error(), Errc::kUnexpectedList);
    EXPECT_EQ(r.remaining(), 1u);

    const Bytes str = h("83646f67");
    Reader r2{str};
    auto l = r2.read_list();
    ASSERT_FALSE(l);
    EXPECT_EQ(l.error(), Errc::kUnexpectedString);
    EXPECT_EQ(l.error().message(),
              "rlp.unexpected_string: at offset 0: a string of 3 bytes where a list was expected");
}

TEST(RlpTypes, ReadFixedWantsExactLength) {
    Bytes encoded;
    Bytes twenty(20, 0);
    for (size_t i = 0; i < 20; ++i) twenty[i] = static_cast<uint8_t>(i + 1);
    encode_string(encoded, twenty);
    encode_string(encoded, Bytes(19, 0xab));
    encode_string(encoded, Bytes(32, 0xcd));

    Reader r{encoded};
    auto address = r.read_fixed<20>();
    ASSERT_TRUE(address);
    EXPECT_EQ(address->view(), BytesView{twenty});
    auto short_one = r.read_fixed<20>();
    ASSERT_FALSE(short_one);
    EXPECT_EQ(short_one.error(), Errc::kUnexpectedLength);
    EXPECT_EQ(short_one.error().message(),
              "rlp.unexpected_length: at offset 21: a string of 19 bytes, expected 20");
    ASSERT_TRUE(r.read_string());  // the failed read consumed nothing
    auto hash = r.read_fixed<32>();
    ASSERT_TRUE(hash);
    EXPECT_EQ(*hash, Hash256::right_aligned(Bytes(32, 0xcd)));
    EXPECT_TRUE(r.at_end());
    EXPECT_EQ(r.read_item().error(), Errc::kInputTooShort);
}

TEST(RlpLengths, HeaderLengthsAtBoundaries) {
    EXPECT_EQ(list_header_length(0), 1u);
    EXPECT_EQ(list_header_length(55), 1u);
    EXPECT_EQ(list_header_length(56), 2u);
    EXPECT_EQ(list_header_length(255), 2u);
    EXPECT_EQ(list_header_length(256), 3u);
    EXPECT_EQ(list_header_length(65536), 4u);
    EXPECT_EQ(string_encoded_length(h("7f")), 1u);
    EXPECT_EQ(string_encoded_length(h("80")), 2u);
    EXPECT_EQ(string_encoded_length(Bytes(55, 1)), 56u);
    EXPECT_EQ(string_encoded_length(Bytes(56, 1)), 58u);
    EXPECT_EQ(uint_encoded_length(0), 1u);
    EXPECT_EQ(uint_encoded_length(127), 1u);
    EXPECT_EQ(uint_encoded_length(128), 2u);
    EXPECT_EQ(uint_encoded_length(std::numeric_limits<uint64_t>::max()), 9u);

    Bytes out;
    encode_list_header(out, 0);
    encode_list_header(out, 55);
    encode_list_header(out, 56);
    encode_list_header(out, 1024);
    encode_list_header(out, 0x01000000);
    EXPECT_EQ(hex_of(out),
              "c0"
              "f7"
              "f838"
              "f90400"
              "fb01000000");
}

// ---- random round trips ---------------------------------------------------------------------

Node random_node(std::mt19937_64& rng, int depth) {
    const bool list = depth < 5 && rng() % 3 == 0;
    if (list) {
        Node n = L();
        const size_t count = rng() % 6 == 0 ? rng() % 40 : rng() % 5;
        for (size_t i = 0; i < count; ++i) n.items.push_back(random_node(rng, depth + 1));
        return n;
    }
    // Favour lengths at the encoding's boundaries.
    static constexpr size_t kLengths[] = {0, 1, 1, 1, 2, 54, 55, 56, 57, 255, 256, 300, 1100};
    const size_t len = kLengths[rng() % std::size(kLengths)];
    Bytes s(len, 0);
    for (auto& b : s) b = static_cast<uint8_t>(rng() % 4 == 0 ? rng() % 0x80 : rng());
    return B(std::move(s));
}

TEST(RlpRoundTrip, RandomNestedTreesMatchTheReferenceEncoderAndDecodeBack) {
    std::mt19937_64 rng{20260101};
    for (int i = 0; i < 2000; ++i) {
        const Node n = random_node(rng, 0);
        const Bytes encoded = encode_node(n);
        ASSERT_EQ(encoded, reference_encode(n)) << "tree " << i;

        auto decoded = decode_tree(encoded);
        ASSERT_TRUE(decoded) << "tree " << i << ": " << decoded.error().message();
        ASSERT_EQ(*decoded, n) << "tree " << i;

        // Every strict prefix is rejected, and so is one extra byte.
        for (size_t cut = 0; cut < encoded.size(); cut += 1 + encoded.size() / 16) {
            ASSERT_FALSE(decode_exactly_one(BytesView{encoded}.substr(0, cut)));
        }
        ASSERT_EQ(decode_exactly_one(encoded + Bytes{0x00}).error(), Errc::kTrailingBytes);
    }
}

TEST(RlpRoundTrip, ListHeaderThenItemsEqualsEncodeList) {
    Bytes payload;
    for (uint64_t v = 0; v < 100; ++v) encode_uint(payload, v * 977);
    Bytes a;
    encode_list(a, payload);
    Bytes b;
    encode_list_header(b, payload.size());
    for (uint64_t v = 0; v < 100; ++v) encode_uint(b, v * 977);
    EXPECT_EQ(a, b);
    EXPECT_EQ(a.size(), list_header_length(payload.size()) + payload.size());

    Reader top{a};
    auto list = top.read_list();
    ASSERT_TRUE(list);
    for (uint64_t v = 0; v < 100; ++v) EXPECT_EQ(list->read_u64().value(), v * 977);
    EXPECT_TRUE(list->expect_end());
}

}  // namespace
}  // namespace yao::rlp
