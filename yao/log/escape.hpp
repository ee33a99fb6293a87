// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <string>
#include <string_view>

namespace yao::log {

/// Appends `text` as a JSON string literal, quotes included (RFC 8259 section 7):
/// `"` and `\` are backslash-escaped, \b \f \n \r \t use their short forms, every other byte
/// below 0x20 and DEL (0x7f) becomes \u00XX (lower-case hex). Well-formed UTF-8 is copied
/// unchanged (including U+2028/U+2029). Ill-formed UTF-8 never reaches the output: each maximal
/// ill-formed subpart becomes one U+FFFD (Unicode 15, section 3.9, "U+FFFD Substitution of
/// Maximal Subparts"), so the result is always valid JSON whatever the input bytes.
void append_json_string(std::string& out, std::string_view text);

/// Same escaping as append_json_string, without the surrounding quotes.
void append_json_escaped(std::string& out, std::string_view text);

/// For free text in the human-readable format: control characters and ill-formed UTF-8 are
/// escaped / replaced as in JSON (so a record stays on one line), `"` and `\` are kept as is.
void append_text_escaped(std::string& out, std::string_view text);

/// For a value in the human-readable format: copied bare when it is a non-empty run of printable
/// ASCII without space, `"`, `=` or `\` (hashes, numbers, names); a JSON string literal otherwise.
void append_text_value(std::string& out, std::string_view text);

}  // namespace yao::log
