// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// A small, strict RFC 8259 parser for tests: it accepts exactly one JSON text and rejects
// everything the RFC does not allow (raw control characters and ill-formed UTF-8 in strings,
// unknown escapes, lone surrogate escapes, leading zeros, trailing commas, NaN, trailing data).
// Written independently of yaolog's escaper so that it can check it. Object members keep their
// order, so tests can assert the key order of a log line.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yao::log::test {

/// Encodes a code point as UTF-8 (test input builder).
inline std::string utf8(uint32_t cp) {
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

struct JsonValue {
    enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

    Type type = Type::kNull;
    bool boolean = false;
    std::string text;  ///< kNumber: the literal as written; kString: the decoded UTF-8
    std::vector<JsonValue> items;
    std::vector<std::pair<std::string, JsonValue>> members;

    /// The first member named `key`, or null.
    const JsonValue* find(std::string_view key) const {
        for (const auto& [k, v] : members) {
            if (k == key) return &v;
        }
        return nullptr;
    }
    /// The first member named `key`, or a null value when there is none.
    const JsonValue& at(std::string_view key) const {
        static const JsonValue kMissing;
        const JsonValue* v = find(key);
        return v != nullptr ? *v : kMissing;
    }
    /// Member names in order.
    std::vector<std::string> keys() const {
        std::vector<std::string> out;
        for (const auto& m : members) out.push_back(m.first);
        return out;
    }
};

class StrictJsonParser {
public:
    explicit StrictJsonParser(std::string_view text) : s_{text} {}

    std::optional<JsonValue> parse() {
        JsonValue v;
        skip_ws();
        if (!value(v, 0)) return std::nullopt;
        skip_ws();
        if (pos_ != s_.size()) return std::nullopt;
        return v;
    }

private:
    static constexpr int kMaxDepth = 64;

    bool at_end() const { return pos_ >= s_.size(); }
    char peek() const { return s_[pos_]; }

    void skip_ws() {
        while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++pos_;
    }

    bool literal(std::string_view word) {
        if (s_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }

    bool value(JsonValue& v, int depth) {
        if (at_end() || depth > kMaxDepth) return false;
        switch (peek()) {
            case '{':
                return object(v, depth);
            case '[':
                return array(v, depth);
            case '"':
                v.type = JsonValue::Type::kString;
                return string(v.text);
            case 't':
                v.type = JsonValue::Type::kBool;
                v.boolean = true;
                return literal("true");
            case 'f':
                v.type = JsonValue::Type::kBool;
                return literal("false");
            case 'n':
                v.type = JsonValue::Type::kNull;
                return literal("null");
            default:
                v.type = JsonValue::Type::kNumber;
                return number(v.text);
        }
    }

    bool object(JsonValue& v, int depth) {
        v.type = JsonValue::Type::kObject;
        ++pos_;
        skip_ws();
        if (!at_end() && peek() == '}') {
            ++pos_;
            return true;
        }
        for (;;) {
            skip_ws();
            std::string key;
            if (at_end() || peek() != '"' || !string(key)) return false;
            skip_ws();
            if (at_end() || peek() != ':') return false;
            ++pos_;
            skip_ws();
            JsonValue member;
            if (!value(member, depth + 1)) return false;
            v.members.emplace_back(std::move(key), std::move(member));
            skip_ws();
            if (at_end()) return false;
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            if (peek() == '}') {
                ++pos_;
                return true;
            }
            return false;
        }
    }

    bool array(JsonValue& v, int depth) {
        v.type = JsonValue::Type::kArray;
        ++pos_;
        skip_ws();
        if (!at_end() && peek() == ']') {
            ++pos_;
            return true;
        }
        for (;;) {
            skip_ws();
            JsonValue item;
            if (!value(item, depth + 1)) return false;
            v.items.push_back(std::move(item));
            skip_ws();
            if (at_end()) return false;
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            if (peek() == ']') {
                ++pos_;
                return true;
            }
            return false;
        }
    }

    bool digits() {
        const size_t start = pos_;
        while (!at_end() && peek() >= '0' && peek() <= '9') ++pos_;
        return pos_ > start;
    }

    bool number(std::string& out) {
        const size_t start = pos_;
        if (!at_end() && peek() == '-') ++pos_;
        if (at_end()) return false;
        if (peek() == '0') {
            ++pos_;
        } else if (peek() >= '1' && peek() <= '9') {
            digits();
        } else {
            return false;
        }
        if (!at_end() && peek() == '.') {
            ++pos_;
            if (!digits()) return false;
        }
        if (!at_end() && (peek() == 'e' || peek() == 'E')) {
            ++pos_;
            if (!at_end() && (peek() == '+' || peek() == '-')) ++pos_;
            if (!digits()) return false;
        }
        out.assign(s_.substr(start, pos_ - start));
        return true;
    }

    bool hex4(uint32_t& cp) {
        if (pos_ + 4 > s_.size()) return false;
        cp = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = s_[pos_++];
            cp <<= 4;
            if (c >= '0' && c <= '9') {
                cp |= static_cast<uint32_t>(c - '0');
            } else if (c >= 'a' && c <= 'f') {
                cp |= static_cast<uint32_t>(c - 'a' + 10);
            } else if (c >= 'A' && c <= 'F') {
                cp |= static_cast<uint32_t>(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return true;
    }

    // Decodes one raw UTF-8 character by computing its code point, then rejects overlong
    // encodings, surrogates and values above U+10FFFF.
    bool raw_utf8(std::string& out) {
        const auto b0 = static_cast<uint8_t>(s_[pos_]);
        int extra = 0;
        uint32_t cp = 0;
        if ((b0 & 0xE0) == 0xC0) {
            extra = 1;
            cp = b0 & 0x1Fu;
        } else if ((b0 & 0xF0) == 0xE0) {
            extra = 2;
            cp = b0 & 0x0Fu;
        } else if ((b0 & 0xF8) == 0xF0) {
            extra = 3;
            cp = b0 & 0x07u;
        } else {
            return false;
        }
        if (pos_ + static_cast<size_t>(extra) >= s_.size()) return false;
        for (int k = 1; k <= extra; ++k) {
            const auto b = static_cast<uint8_t>(s_[pos_ + static_cast<size_t>(k)]);
            if ((b & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (b & 0x3Fu);
        }
        static constexpr uint32_t kMin[4] = {0, 0x80, 0x800, 0x10000};
        if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        out.append(s_.substr(pos_, static_cast<size_t>(extra) + 1));
        pos_ += static_cast<size_t>(extra) + 1;
        return true;
    }

    bool string(std::string& out) {
        ++pos_;  // opening quote
        for (;;) {
            if (at_end()) return false;
            const auto c = static_cast<uint8_t>(peek());
            if (c == '"') {
                ++pos_;
                return true;
            }
            if (c < 0x20) return false;
            if (c >= 0x80) {
                if (!raw_utf8(out)) return false;
                continue;
            }
            if (c != '\\') {
                out += static_cast<char>(c);
                ++pos_;
                continue;
            }
            ++pos_;
            if (at_end()) return false;
            const char e = s_[pos_++];
            switch (e) {
                case '"':
                    out += '"';
                    break;
                case '\\':
                    out += '\\';
                    break;
                case '/':
                    out += '/';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'u': {
                    uint32_t cp = 0;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // lone low surrogate
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        uint32_t low = 0;
                        if (!literal("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF)
                            return false;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    out += utf8(cp);
                    break;
                }
                default:
                    return false;
            }
        }
    }

    std::string_view s_;
    size_t pos_ = 0;
};

/// Parses one strict JSON text; nullopt when it is not valid JSON.
inline std::optional<JsonValue> parse_json(std::string_view text) {
    return StrictJsonParser{text}.parse();
}

}  // namespace yao::log::test
