// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// The node configuration parser: any text gives a configuration or an error, never a crash, and
// an accepted configuration survives to_json and a second parse unchanged.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <yao/common/assert.hpp>
#include <yao/config/config.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text{reinterpret_cast<const char*>(data), size};
    auto cfg = yao::config::parse_config(text);
    if (!cfg) return 0;
    auto again = yao::config::parse_config(yao::config::to_json(*cfg));
    YAO_ASSERT(again.has_value());
    YAO_ASSERT(*again == *cfg);
    return 0;
}
