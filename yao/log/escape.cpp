// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "escape.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace yao::log {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

/// Length of the UTF-8 sequence starting at s[i] (s[i] >= 0x80). Sets `valid` to whether it is
/// well-formed; when it is not, the length is that of the maximal ill-formed subpart (>= 1).
/// The ranges of the second byte are those of Unicode 15 Table 3-7: they exclude overlong forms,
/// the surrogates D800..DFFF and everything above U+10FFFF.
size_t utf8_sequence(std::string_view s, size_t i, bool& valid) noexcept {
    const auto lead = static_cast<uint8_t>(s[i]);
    size_t continuation = 0;
    uint8_t lo = 0x80;
    uint8_t hi = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        continuation = 1;
    } else if (lead == 0xE0) {
        continuation = 2;
        lo = 0xA0;
    } else if (lead == 0xED) {
        continuation = 2;
        hi = 0x9F;
    } else if (lead >= 0xE1 && lead <= 0xEF) {
        continuation = 2;
    } else if (lead == 0xF0) {
        continuation = 3;
        lo = 0x90;
    } else if (lead >= 0xF1 && lead <= 0xF3) {
        continuation = 3;
    } else if (lead == 0xF4) {
        continuation = 3;
        hi = 0x8F;
    } else {
        valid = false;  // a stray continuation byte, C0/C1 (always overlong) or F5..FF
        return 1;
    }
    for (size_t k = 1; k <= continuation; ++k) {
        if (i + k >= s.size()) {
            valid = false;
            return k;
        }
        const auto b = static_cast<uint8_t>(s[i + k]);
        if (b < lo || b > hi) {
            valid = false;
            return k;
        }
        lo = 0x80;  // only the second byte has a narrowed range
        hi = 0xBF;
    }
    valid = true;
    return continuation + 1;
}

// The letter of the short escape of each control character (RFC 8259 section 7), or 0.
constexpr auto kShortEscapes = [] {
    std::array<char, 0x20> t{};
    t['\b'] = 'b';
    t['\f'] = 'f';
    t['\n'] = 'n';
    t['\r'] = 'r';
    t['\t'] = 't';
    return t;
}();

void append_control(std::string& out, uint8_t c) {
    if (c < kShortEscapes.size() && kShortEscapes[c] != 0) {
        const char esc[2] = {'\\', kShortEscapes[c]};
        out.append(esc, sizeof esc);
        return;
    }
    const char esc[6] = {'\\', 'u', '0', '0', kHexDigits[c >> 4], kHexDigits[c & 0xf]};
    out.append(esc, sizeof esc);
}

/// Copies runs of bytes that need nothing in one append; `kJson` also escapes `"` and `\`.
template <bool kJson>
void escape_into(std::string& out, std::string_view s) {
    size_t run = 0;
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<uint8_t>(s[i]);
        if (c >= 0x20 && c < 0x7f) {
            if (!kJson || (c != '"' && c != '\\')) {
                ++i;
                continue;
            }
            out.append(s.data() + run, i - run);
            out += '\\';
            out += static_cast<char>(c);
            run = ++i;
            continue;
        }
        if (c >= 0x80) {
            bool valid = false;
            const size_t len = utf8_sequence(s, i, valid);
            if (valid) {
                i += len;
                continue;
            }
            out.append(s.data() + run, i - run);
            out += kReplacement;
            i += len;
            run = i;
            continue;
        }
        out.append(s.data() + run, i - run);
        append_control(out, c);
        run = ++i;
    }
    out.append(s.data() + run, s.size() - run);
}

bool is_bare_token(std::string_view s) noexcept {
    if (s.empty()) return false;
    for (char ch : s) {
        const auto c = static_cast<uint8_t>(ch);
        if (c <= 0x20 || c >= 0x7f || c == '"' || c == '=' || c == '\\') return false;
    }
    return true;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    escape_into<true>(out, text);
    out += '"';
}

void append_json_escaped(std::string& out, std::string_view text) {
    escape_into<true>(out, text);
}

void append_text_escaped(std::string& out, std::string_view text) {
    escape_into<false>(out, text);
}

void append_text_value(std::string& out, std::string_view text) {
    if (is_bare_token(text)) {
        out += text;
    } else {
        append_json_string(out, text);
    }
}

}  // namespace yao::log
