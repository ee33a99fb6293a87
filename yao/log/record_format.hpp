// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// The two line formats of yaolog.
//
// JSON (Format::kJson), one object per line, keys always present and always in this order
// (the seed's "日志格式标准"):
//
//   {"timestamp":"2024-01-15T10:30:45.123Z","level":"INFO","service":"yao-portal",
//    "instance":"yao-portal-7d4f8b9c-xyz","trace_id":null,"span_id":null,
//    "component":"json_rpc_handler","method":"eth_sendRawTransaction",
//    "message":"Transaction submitted","fields":{"tx_hash":"0xabcd","gas_limit":21000},
//    "duration_ms":45,"error":null}
//
// - timestamp: RFC 3339, UTC, exactly three fractional digits (milliseconds, truncated).
// - trace_id, span_id, component, method: a string, or null when unset. An empty string counts
//   as unset, so a consumer never has to tell "" from null.
// - fields: an object, `{}` when there are none, keys in the order they were added (a key added
//   twice appears twice). Values keep their JSON type; doubles that are NaN or infinite become
//   null (JSON has no literal for them); byte strings become "0x..." hex strings.
// - duration_ms: a number of milliseconds with up to three decimals (microsecond resolution,
//   truncated toward zero, trailing zeros dropped: 45, 0.25, 12.345), or null when unset.
// - error: a string, or null when unset.
//
// Text (Format::kText), for people:
//
//   <timestamp> <LEVEL, padded to 5> <service>[ <component>][ <method>]: <message>
//       [ <key>=<value>]...[ error=<value>][ trace_id=<id>][ span_id=<id>][ (<duration>ms)]
//
// all on one line, e.g.
//   2024-01-15T10:30:45.123Z INFO  yao-portal json_rpc_handler eth_sendRawTransaction:
//   Transaction submitted tx_hash=0xabcd gas_limit=21000 (45ms)
// Values are bare when they are simple tokens and JSON string literals otherwise (escape.hpp).
// The instance is left out: a person reading text output knows which process it came from.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <yao/log/config.hpp>

namespace yao::log {

/// One field value before rendering. Built by Record::with_field; views are not kept.
struct FieldValue {
    enum class Kind : uint8_t { kNull, kBool, kInt, kUint, kDouble, kString, kHex };

    Kind kind = Kind::kNull;
    bool b = false;
    int64_t i = 0;
    uint64_t u = 0;
    double d = 0.0;
    std::string_view s{};  ///< kString: the text; kHex: the raw bytes, rendered as "0x" + hex
};

/// Appends one field (`key` and `value`) to a buffer of rendered fields, in the given format:
/// JSON `"key":value` with a leading comma unless the buffer is empty; text ` key=value`.
void append_field(std::string& fields, Format format, std::string_view key,
                  const FieldValue& value);

/// The parts of one record, as views that must outlive the append_line call.
struct RecordView {
    std::chrono::system_clock::time_point time{};
    Level level = Level::kInfo;
    std::string_view service{};
    std::string_view instance{};
    std::string_view trace_id{};   ///< empty = unset
    std::string_view span_id{};    ///< empty = unset
    std::string_view component{};  ///< empty = unset
    std::string_view method{};     ///< empty = unset
    std::string_view message{};
    std::string_view fields{};  ///< rendered by append_field in the same format
    std::optional<std::chrono::nanoseconds> duration{};
    std::optional<std::string_view> error{};
};

/// Appends one whole line, '\n' included, in the given format.
void append_line(std::string& out, Format format, const RecordView& record);

/// Appends `time` as "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC, milliseconds truncated; years 0..9999).
void append_timestamp(std::string& out, std::chrono::system_clock::time_point time);

/// Appends a duration in milliseconds as described above ("45", "0.25", "-3.5").
void append_duration_ms(std::string& out, std::chrono::nanoseconds duration);

}  // namespace yao::log
