// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "record_format.hpp"

#include <array>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstring>
#include <system_error>

#include "escape.hpp"

namespace yao::log {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// Two hex characters per byte value: one lookup and one 2-byte store per input byte.
constexpr auto kHexPairs = [] {
    std::array<char, 512> t{};
    for (size_t b = 0; b < 256; ++b) {
        t[2 * b] = kHexDigits[b >> 4];
        t[2 * b + 1] = kHexDigits[b & 0xf];
    }
    return t;
}();

template <typename T>
void append_number(std::string& out, T value) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, static_cast<size_t>(end - buf));
}

void append_hex(std::string& out, std::string_view bytes) {
    const size_t start = out.size();
    out.resize(start + 2 + bytes.size() * 2);
    char* p = out.data() + start;
    *p++ = '0';
    *p++ = 'x';
    for (char ch : bytes) {
        std::memcpy(p, &kHexPairs[2 * static_cast<uint8_t>(ch)], 2);
        p += 2;
    }
}

// std::to_chars gives the shortest text that reads back to the same double, and its forms
// ("0.1", "1e+20", "-2.5e-07") are all valid JSON numbers.
void append_double(std::string& out, double d, Format format) {
    if (std::isfinite(d)) {
        append_number(out, d);
    } else if (format == Format::kJson) {
        out += "null";
    } else {
        out += std::isnan(d) ? "NaN" : (d > 0 ? "+Inf" : "-Inf");
    }
}

void append_value(std::string& out, Format format, const FieldValue& v) {
    switch (v.kind) {
        case FieldValue::Kind::kNull:
            out += "null";
            return;
        case FieldValue::Kind::kBool:
            out += v.b ? "true" : "false";
            return;
        case FieldValue::Kind::kInt:
            append_number(out, v.i);
            return;
        case FieldValue::Kind::kUint:
            append_number(out, v.u);
            return;
        case FieldValue::Kind::kDouble:
            append_double(out, v.d, format);
            return;
        case FieldValue::Kind::kHex:
            if (format == Format::kJson) out += '"';
            append_hex(out, v.s);
            if (format == Format::kJson) out += '"';
            return;
        case FieldValue::Kind::kString:
            if (format == Format::kJson) {
                append_json_string(out, v.s);
            } else {
                append_text_value(out, v.s);
            }
            return;
    }
}

void append_two(char* p, unsigned v) noexcept {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
}

/// `"key":"value"` or `"key":null` when `value` is empty.
void append_optional_json(std::string& out, std::string_view key_with_quotes_and_colon,
                          std::string_view value) {
    out += key_with_quotes_and_colon;
    if (value.empty()) {
        out += "null";
    } else {
        append_json_string(out, value);
    }
}

void append_json_line(std::string& out, const RecordView& r) {
    out += "{\"timestamp\":\"";
    append_timestamp(out, r.time);
    out += "\",\"level\":\"";
    out += to_string(r.level);
    out += "\",\"service\":";
    append_json_string(out, r.service);
    out += ",\"instance\":";
    append_json_string(out, r.instance);
    append_optional_json(out, ",\"trace_id\":", r.trace_id);
    append_optional_json(out, ",\"span_id\":", r.span_id);
    append_optional_json(out, ",\"component\":", r.component);
    append_optional_json(out, ",\"method\":", r.method);
    out += ",\"message\":";
    append_json_string(out, r.message);
    out += ",\"fields\":{";
    out += r.fields;
    out += "},\"duration_ms\":";
    if (r.duration) {
        append_duration_ms(out, *r.duration);
    } else {
        out += "null";
    }
    out += ",\"error\":";
    if (r.error) {
        append_json_string(out, *r.error);
    } else {
        out += "null";
    }
    out += "}\n";
}

void append_text_line(std::string& out, const RecordView& r) {
    append_timestamp(out, r.time);
    out += ' ';
    const std::string_view level = to_string(r.level);
    out += level;
    out.append(level.size() < 5 ? 5 - level.size() : 0, ' ');
    out += ' ';
    append_text_escaped(out, r.service);
    if (!r.component.empty()) {
        out += ' ';
        append_text_escaped(out, r.component);
    }
    if (!r.method.empty()) {
        out += ' ';
        append_text_escaped(out, r.method);
    }
    out += ": ";
    append_text_escaped(out, r.message);
    out += r.fields;
    if (r.error) {
        out += " error=";
        append_text_value(out, *r.error);
    }
    if (!r.trace_id.empty()) {
        out += " trace_id=";
        append_text_value(out, r.trace_id);
    }
    if (!r.span_id.empty()) {
        out += " span_id=";
        append_text_value(out, r.span_id);
    }
    if (r.duration) {
        out += " (";
        append_duration_ms(out, *r.duration);
        out += "ms)";
    }
    out += '\n';
}

}  // namespace

void append_field(std::string& fields, Format format, std::string_view key,
                  const FieldValue& value) {
    if (format == Format::kJson) {
        if (!fields.empty()) fields += ',';
        append_json_string(fields, key);
        fields += ':';
    } else {
        fields += ' ';
        append_text_value(fields, key);
        fields += '=';
    }
    append_value(fields, format, value);
}

void append_line(std::string& out, Format format, const RecordView& record) {
    if (format == Format::kJson) {
        append_json_line(out, record);
    } else {
        append_text_line(out, record);
    }
}

void append_timestamp(std::string& out, std::chrono::system_clock::time_point time) {
    using namespace std::chrono;
    // Records come in bursts within one second: the calendar part ("YYYY-MM-DDTHH:MM:SS.") is
    // computed once per second per thread, only the milliseconds each time.
    struct Cache {
        int64_t second = INT64_MIN;
        char prefix[20] = {};
    };
    thread_local Cache cache;
    const auto ms = floor<milliseconds>(time);
    const auto sec = floor<seconds>(ms);
    if (sec.time_since_epoch().count() != cache.second) {
        const auto day = floor<days>(sec);
        const year_month_day ymd{day};
        const hh_mm_ss hms{sec - day};
        int year = static_cast<int>(ymd.year());
        year = year < 0 ? 0 : (year > 9999 ? 9999 : year);
        char* p = cache.prefix;
        append_two(p, static_cast<unsigned>(year / 100));
        append_two(p + 2, static_cast<unsigned>(year % 100));
        p[4] = '-';
        append_two(p + 5, static_cast<unsigned>(ymd.month()));
        p[7] = '-';
        append_two(p + 8, static_cast<unsigned>(ymd.day()));
        p[10] = 'T';
        append_two(p + 11, static_cast<unsigned>(hms.hours().count()));
        p[13] = ':';
        append_two(p + 14, static_cast<unsigned>(hms.minutes().count()));
        p[16] = ':';
        append_two(p + 17, static_cast<unsigned>(hms.seconds().count()));
        p[19] = '.';
        cache.second = sec.time_since_epoch().count();
    }
    const auto millis = static_cast<unsigned>((ms - sec).count());
    char buf[24];  // YYYY-MM-DDTHH:MM:SS.mmmZ
    std::memcpy(buf, cache.prefix, sizeof cache.prefix);
    buf[20] = static_cast<char>('0' + millis / 100);
    append_two(buf + 21, millis % 100);
    buf[23] = 'Z';
    out.append(buf, sizeof buf);
}

void append_duration_ms(std::string& out, std::chrono::nanoseconds duration) {
    // Integer arithmetic on microseconds keeps the text exact (no binary-fraction noise).
    int64_t us = std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
    uint64_t magnitude = us < 0 ? 0 - static_cast<uint64_t>(us) : static_cast<uint64_t>(us);
    if (us < 0) out += '-';
    append_number(out, magnitude / 1000);
    auto frac = static_cast<unsigned>(magnitude % 1000);
    if (frac == 0) return;
    char digits[3] = {static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                      static_cast<char>('0' + frac % 10)};
    size_t n = 3;
    while (digits[n - 1] == '0') --n;
    out += '.';
    out.append(digits, n);
}

}  // namespace yao::log
