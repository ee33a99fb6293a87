// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include <yao/common/hex.hpp>
#include <yao/common/uint256.hpp>

namespace yao::test {

/// Loads tests/vectors/<name> from the source tree (YAO_SOURCE_DIR is set by the build).
inline nlohmann::json load_vectors(const std::string& name) {
    const std::string path = std::string{YAO_SOURCE_DIR} + "/tests/vectors/" + name;
    std::ifstream in{path};
    if (!in) throw std::runtime_error("cannot open " + path);
    return nlohmann::json::parse(in);
}

/// Hex text to bytes; throws on malformed text (vectors are trusted input).
inline Bytes hex(const std::string& text) { return from_hex(text).value(); }

/// A decimal or 0x-hex string, or a JSON number, as a Uint256.
inline Uint256 u256(const nlohmann::json& j) {
    if (j.is_number_unsigned()) return Uint256{j.get<uint64_t>()};
    return Uint256::from_string(j.get<std::string>()).value();
}

}  // namespace yao::test
