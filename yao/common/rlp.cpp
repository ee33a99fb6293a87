// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "rlp.hpp"

#include <bit>
#include <string>
#include <utility>

namespace yao::rlp {
namespace {

// Header bytes, Yellow Paper appendix B (equations 180 and 183). A byte below 0x80 is itself;
// 0x80 + n starts a string of n <= 55 bytes; 0xb7 + k starts a string whose length follows as
// k big-endian bytes; lists do the same from 0xc0 and 0xf7.
constexpr uint8_t kShortStringOffset = 0x80;
constexpr uint8_t kLongStringOffset = 0xb7;
constexpr uint8_t kShortListOffset = 0xc0;
constexpr uint8_t kLongListOffset = 0xf7;
// The longest payload that takes a one-byte header; longer ones take the long form.
constexpr size_t kMaxShortLength = 55;

class RlpCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "rlp"; }
    std::string message(int code) const override {
        switch (static_cast<Errc>(code)) {
            case Errc::kInputTooShort:
                return "input_too_short";
            case Errc::kOverrun:
                return "overrun";
            case Errc::kTrailingBytes:
                return "trailing_bytes";
            case Errc::kNonCanonicalSize:
                return "non_canonical_size";
            case Errc::kNonCanonicalSingleByte:
                return "non_canonical_single_byte";
            case Errc::kLeadingZeroLength:
                return "leading_zero_length";
            case Errc::kLeadingZeroInteger:
                return "leading_zero_integer";
            case Errc::kIntegerTooLarge:
                return "integer_too_large";
            case Errc::kUnexpectedList:
                return "unexpected_list";
            case Errc::kUnexpectedString:
                return "unexpected_string";
            case Errc::kUnexpectedLength:
                return "unexpected_length";
            case Errc::kTooDeep:
                return "too_deep";
        }
        return "unknown";
    }
};

/// Bytes in the minimal big-endian form of `v` (0 for 0).
size_t be_width(uint64_t v) noexcept {
    return (static_cast<size_t>(std::bit_width(v)) + 7) / 8;
}

/// Appends `prefix` and then the low `width` (<= 8) bytes of `v`, most significant first, in
/// one append: pushing byte by byte costs a capacity check each.
void append_prefixed_be(Bytes& out, uint8_t prefix, uint64_t v, size_t width) {
    uint8_t buf[1 + sizeof(uint64_t)];
    buf[0] = prefix;
    for (size_t i = 0; i < width; ++i)
        buf[1 + i] = static_cast<uint8_t>(v >> (8 * (width - 1 - i)));
    out.append(buf, 1 + width);
}

size_t header_length(size_t payload_length) noexcept {
    return payload_length <= kMaxShortLength ? 1 : 1 + be_width(payload_length);
}

void append_header(Bytes& out, uint8_t short_offset, size_t payload_length) {
    if (payload_length <= kMaxShortLength) {
        out.push_back(static_cast<uint8_t>(short_offset + payload_length));
        return;
    }
    const size_t width = be_width(payload_length);
    append_prefixed_be(out, static_cast<uint8_t>(short_offset + kMaxShortLength + width),
                       payload_length, width);
}

std::string at(size_t offset) {
    return "at offset " + std::to_string(offset);
}

/// Parses the item that starts at data[pos] without consuming anything. `base` is the offset
/// of `data` within the outermost input, used only for error contexts.
Result<Item> parse_item(BytesView data, size_t pos, size_t base) {
    const size_t left = data.size() - pos;
    if (left == 0) return fail(Errc::kInputTooShort, at(base + pos) + ": no item left");

    const uint8_t b0 = data[pos];
    if (b0 < kShortStringOffset) {
        const BytesView self = data.substr(pos, 1);
        return Item{false, self, self};
    }

    const bool is_list = b0 >= kShortListOffset;
    const uint8_t short_offset = is_list ? kShortListOffset : kShortStringOffset;
    const uint8_t long_offset = is_list ? kLongListOffset : kLongStringOffset;

    // Lengths are kept in 64 bits and compared against what is left before any conversion,
    // so a claimed length near 2^64 can neither wrap an addition nor drive an allocation.
    size_t header = 1;
    uint64_t length = 0;
    if (b0 <= long_offset) {
        length = b0 - short_offset;
    } else {
        const size_t length_of_length = b0 - long_offset;  // 1..8
        header = 1 + length_of_length;
        if (left < header) {
            return fail(Errc::kInputTooShort, at(base + pos) + ": header of " +
                                                  std::to_string(header) + " bytes, only " +
                                                  std::to_string(left) + " left");
        }
        if (data[pos + 1] == 0) {
            return fail(Errc::kLeadingZeroLength, at(base + pos) + ": " +
                                                      std::to_string(length_of_length) +
                                                      "-byte length starts with a zero byte");
        }
        for (size_t i = 1; i < header; ++i) length = (length << 8) | data[pos + i];
        if (length <= kMaxShortLength) {
            return fail(Errc::kNonCanonicalSize,
                        at(base + pos) + ": long-form length " + std::to_string(length) + " < 56");
        }
    }

    if (length > left - header) {
        return fail(Errc::kOverrun, at(base + pos) + ": payload of " + std::to_string(length) +
                                        " bytes, only " + std::to_string(left - header) +
                                        " left after the " + std::to_string(header) +
                                        "-byte header");
    }
    const auto payload_length = static_cast<size_t>(length);

    // A lone byte below 0x80 is its own encoding; 0x81 XX for it would be a second one.
    if (!is_list && payload_length == 1 && data[pos + 1] < kShortStringOffset) {
        return fail(Errc::kNonCanonicalSingleByte, at(base + pos) + ": byte " +
                                                       std::to_string(data[pos + 1]) +
                                                       " < 0x80 must encode as itself");
    }
    return Item{is_list, data.substr(pos + header, payload_length),
                data.substr(pos, header + payload_length)};
}

/// Checks that a string payload is a canonical integer of at most `max_bytes` bytes.
Result<void> check_integer(BytesView payload, size_t max_bytes, size_t offset) {
    if (!payload.empty() && payload[0] == 0) {
        return fail(Errc::kLeadingZeroInteger, at(offset) + ": " + std::to_string(payload.size()) +
                                                   "-byte integer starts with a zero byte");
    }
    if (payload.size() > max_bytes) {
        return fail(Errc::kIntegerTooLarge, at(offset) + ": " + std::to_string(payload.size()) +
                                                "-byte integer, at most " +
                                                std::to_string(max_bytes) + " allowed");
    }
    return {};
}

}  // namespace

const std::error_category& rlp_category() noexcept {
    static const RlpCategory category;
    return category;
}

// ---- encoding ------------------------------------------------------------------------------

void encode_string(Bytes& out, BytesView s) {
    if (s.size() == 1 && s[0] < kShortStringOffset) {
        out.push_back(s[0]);
        return;
    }
    append_header(out, kShortStringOffset, s.size());
    out.append(s);
}

void encode_uint(Bytes& out, uint64_t v) {
    if (v != 0 && v < kShortStringOffset) {
        out.push_back(static_cast<uint8_t>(v));
        return;
    }
    const size_t width = be_width(v);
    append_prefixed_be(out, static_cast<uint8_t>(kShortStringOffset + width), v, width);
}

void encode_uint_be(Bytes& out, BytesView big_endian) {
    size_t first = 0;
    while (first < big_endian.size() && big_endian[first] == 0) ++first;
    encode_string(out, big_endian.substr(first));
}

void encode_list_header(Bytes& out, size_t payload_length) {
    append_header(out, kShortListOffset, payload_length);
}

void encode_list(Bytes& out, BytesView payload) {
    append_header(out, kShortListOffset, payload.size());
    out.append(payload);
}

size_t string_encoded_length(BytesView s) noexcept {
    if (s.size() == 1 && s[0] < kShortStringOffset) return 1;
    return header_length(s.size()) + s.size();
}

size_t uint_encoded_length(uint64_t v) noexcept {
    return v < kShortStringOffset ? 1 : 1 + be_width(v);
}

size_t list_header_length(size_t payload_length) noexcept {
    return header_length(payload_length);
}

// ---- decoding ------------------------------------------------------------------------------

Result<Item> Reader::read_item() {
    auto item = parse_item(data_, pos_, base_);
    if (item) pos_ += item->encoded.size();
    return item;
}

Result<BytesView> Reader::read_string() {
    auto item = parse_item(data_, pos_, base_);
    if (!item) return std::unexpected{std::move(item.error())};
    if (item->is_list) {
        return fail(Errc::kUnexpectedList, at(base_ + pos_) + ": a list of " +
                                               std::to_string(item->payload.size()) +
                                               " bytes where a string was expected");
    }
    pos_ += item->encoded.size();
    return item->payload;
}

Result<Reader> Reader::read_list() {
    auto item = parse_item(data_, pos_, base_);
    if (!item) return std::unexpected{std::move(item.error())};
    if (!item->is_list) {
        return fail(Errc::kUnexpectedString, at(base_ + pos_) + ": a string of " +
                                                 std::to_string(item->payload.size()) +
                                                 " bytes where a list was expected");
    }
    const size_t payload_offset = base_ + pos_ + (item->encoded.size() - item->payload.size());
    pos_ += item->encoded.size();
    return Reader{item->payload, payload_offset};
}

Result<uint64_t> Reader::read_u64() {
    auto be = read_uint_be(sizeof(uint64_t));
    if (!be) return std::unexpected{std::move(be.error())};
    uint64_t v = 0;
    for (uint8_t b : *be) v = (v << 8) | b;
    return v;
}

Result<BytesView> Reader::read_uint_be(size_t max_bytes) {
    const size_t start = pos_;
    auto s = read_string();
    if (!s) return s;
    if (auto ok = check_integer(*s, max_bytes, base_ + start); !ok) {
        pos_ = start;
        return std::unexpected{std::move(ok.error())};
    }
    return s;
}

Result<BytesView> Reader::read_string_of_length(size_t n) {
    const size_t start = pos_;
    auto s = read_string();
    if (!s) return s;
    if (s->size() != n) {
        pos_ = start;
        return fail(Errc::kUnexpectedLength, at(base_ + start) + ": a string of " +
                                                 std::to_string(s->size()) + " bytes, expected " +
                                                 std::to_string(n));
    }
    return s;
}

Result<void> Reader::expect_end() const {
    if (at_end()) return {};
    return fail(Errc::kTrailingBytes, at(base_ + pos_) + ": " + std::to_string(remaining()) +
                                          " bytes after the last item");
}

Result<Item> decode_exactly_one(BytesView data) {
    Reader reader{data};
    auto item = reader.read_item();
    if (!item) return item;
    if (auto end = reader.expect_end(); !end) return std::unexpected{std::move(end.error())};
    return item;
}

}  // namespace yao::rlp
