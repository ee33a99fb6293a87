// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstddef>
#include <cstdint>
#include <system_error>
#include <utility>

#include "bytes.hpp"
#include "error.hpp"

/// Recursive Length Prefix, Ethereum's serialisation of nested byte strings (Yellow Paper,
/// appendix B). Encoding appends to a caller's buffer; decoding is strict: only the canonical
/// encoding of a value is accepted, so every accepted input re-encodes to the same bytes.
namespace yao::rlp {

/// Decoding failures. Each comes with a context string naming the offset and the lengths.
enum class Errc {
    kInputTooShort = 1,       ///< the input ends inside a header (or holds no item at all)
    kOverrun,                 ///< a length runs past the input or the enclosing list
    kTrailingBytes,           ///< bytes are left after the expected item(s)
    kNonCanonicalSize,        ///< a long-form length (0xb8.. / 0xf8..) for a payload < 56 bytes
    kNonCanonicalSingleByte,  ///< a single byte < 0x80 encoded as 0x81 XX
    kLeadingZeroLength,       ///< a length-of-length field that starts with a zero byte
    kLeadingZeroInteger,      ///< an integer with leading zero bytes (0x00 included)
    kIntegerTooLarge,         ///< an integer wider than the caller allows
    kUnexpectedList,          ///< a list where a string was expected
    kUnexpectedString,        ///< a string where a list was expected
    kUnexpectedLength,        ///< a string of the wrong fixed length
    kTooDeep,                 ///< nesting deeper than a caller's limit
};

/// The "rlp" category; its messages are the snake_case names of the codes ("overrun", ...).
const std::error_category& rlp_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), rlp_category()};
}

}  // namespace yao::rlp

template <>
struct std::is_error_code_enum<yao::rlp::Errc> : std::true_type {};

namespace yao::rlp {

/// One decoded item: views into the decoded input, valid while that input lives.
struct Item {
    bool is_list;       ///< true for a list, false for a byte string
    BytesView payload;  ///< the string's bytes, or the concatenated encodings of the list items
    BytesView encoded;  ///< header + payload, exactly as found in the input
};

// ---- encoding: every function appends to `out` --------------------------------------------

/// Appends the encoding of the byte string `s`. `s` must not view `out`.
void encode_string(Bytes& out, BytesView s);

/// Appends the encoding of the integer `v`: minimal big-endian bytes as a string (0 -> 0x80).
void encode_uint(Bytes& out, uint64_t v);

/// Appends the encoding of a big-endian unsigned integer of any width (e.g. a uint256's 32
/// bytes): leading zero bytes are stripped first, so an all-zero input encodes as 0x80.
void encode_uint_be(Bytes& out, BytesView big_endian);

/// Appends the header of a list whose items' encodings total `payload_length` bytes; the caller
/// appends those encodings next.
void encode_list_header(Bytes& out, size_t payload_length);

/// Appends a list: the header for `payload` and then `payload`, which must be the concatenated
/// encodings of the items and must not view `out`.
void encode_list(Bytes& out, BytesView payload);

/// The number of bytes encode_string(out, s) appends.
size_t string_encoded_length(BytesView s) noexcept;

/// The number of bytes encode_uint(out, v) appends.
size_t uint_encoded_length(uint64_t v) noexcept;

/// The number of bytes encode_list_header(out, payload_length) appends.
size_t list_header_length(size_t payload_length) noexcept;

// ---- decoding ------------------------------------------------------------------------------

/// Reads consecutive items from a byte view (a whole input, or a list's payload). Strict: it
/// accepts canonical encodings only and never reads outside the view or allocates in
/// proportion to a length found in the input. A Reader does not own its bytes: the viewed
/// storage must outlive it and every view it returns. Cheap to copy; not thread-safe to share.
/// Error contexts give offsets from the start of the view the outermost Reader was made with.
class Reader {
public:
    /// A reader over the whole of `data`.
    explicit Reader(BytesView data) noexcept : data_{data} {}

    /// True when every byte has been consumed.
    bool at_end() const noexcept { return pos_ == data_.size(); }
    /// Bytes not yet consumed.
    size_t remaining() const noexcept { return data_.size() - pos_; }

    /// Reads the next item, string or list. Consumes it only on success.
    Result<Item> read_item();

    /// Reads the next item as a byte string (Errc::kUnexpectedList for a list).
    Result<BytesView> read_string();

    /// Reads the next item as a list and returns a reader over its payload
    /// (Errc::kUnexpectedString for a string).
    Result<Reader> read_list();

    /// Reads a canonical integer of at most 8 bytes: no leading zero bytes, 0 is 0x80
    /// (Errc::kLeadingZeroInteger, Errc::kIntegerTooLarge).
    Result<uint64_t> read_u64();

    /// Reads a canonical integer of at most `max_bytes` bytes and returns its minimal
    /// big-endian bytes (empty for 0) (Errc::kLeadingZeroInteger, Errc::kIntegerTooLarge).
    Result<BytesView> read_uint_be(size_t max_bytes);

    /// Reads a byte string of exactly N bytes (Errc::kUnexpectedLength otherwise), such as a
    /// hash or an address.
    template <size_t N>
    Result<FixedBytes<N>> read_fixed();

    /// Succeeds when nothing is left (Errc::kTrailingBytes otherwise).
    Result<void> expect_end() const;

private:
    Reader(BytesView data, size_t base) noexcept : data_{data}, base_{base} {}

    /// Reads a byte string of exactly `n` bytes (Errc::kUnexpectedLength otherwise).
    Result<BytesView> read_string_of_length(size_t n);

    BytesView data_;
    size_t pos_ = 0;   ///< offset of the next item within data_
    size_t base_ = 0;  ///< offset of data_ within the outermost input, for error contexts
};

template <size_t N>
Result<FixedBytes<N>> Reader::read_fixed() {
    auto s = read_string_of_length(N);
    if (!s) return std::unexpected{std::move(s.error())};
    FixedBytes<N> r;
    for (size_t i = 0; i < N; ++i) r.bytes[i] = (*s)[i];
    return r;
}

/// Decodes exactly one item spanning the whole of `data` (Errc::kTrailingBytes if anything
/// follows it). Only the outer header is checked; walk a list's payload with Reader.
Result<Item> decode_exactly_one(BytesView data);

}  // namespace yao::rlp
