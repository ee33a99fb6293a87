// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "hex.hpp"

#include <cstring>

#include "errc.hpp"

namespace yao {
namespace {

constexpr char kDigits[] = "0123456789abcdef";

// -1 for a non-hex character.
constexpr int nibble(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string_view strip_prefix(std::string_view text) noexcept {
    if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        text.remove_prefix(2);
    return text;
}

Result<void> decode_into(std::string_view hex, uint8_t* out) {
    for (size_t i = 0; i < hex.size(); i += 2) {
        const int hi = nibble(hex[i]);
        const int lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0)
            return fail(Errc::kInvalidHexDigit, "at offset " + std::to_string(hi < 0 ? i : i + 1));
        out[i / 2] = static_cast<uint8_t>((hi << 4) | lo);
    }
    return {};
}

}  // namespace

std::string to_hex(BytesView data, bool prefix) {
    std::string out(data.size() * 2 + (prefix ? 2 : 0), '0');
    char* p = out.data();
    if (prefix) {
        p[1] = 'x';
        p += 2;
    }
    for (uint8_t b : data) {
        *p++ = kDigits[b >> 4];
        *p++ = kDigits[b & 0xf];
    }
    return out;
}

Result<Bytes> from_hex(std::string_view text) {
    const std::string_view hex = strip_prefix(text);
    if (hex.size() % 2 != 0) return fail(Errc::kOddHexLength, std::to_string(hex.size()) + " digits");
    Bytes out(hex.size() / 2, 0);
    if (auto r = decode_into(hex, out.data()); !r) return std::unexpected(r.error());
    return out;
}

Result<void> from_hex_exact(std::string_view text, uint8_t* out, size_t size) {
    const std::string_view hex = strip_prefix(text);
    if (hex.size() != 2 * size)
        return fail(Errc::kWrongLength, "expected " + std::to_string(size) + " bytes, got " +
                                            std::to_string(hex.size()) + " hex digits");
    return decode_into(hex, out);
}

}  // namespace yao
