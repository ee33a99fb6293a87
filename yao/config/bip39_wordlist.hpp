// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace yao::config {

/// Number of words in a BIP-39 word list (11 bits per word).
inline constexpr size_t kBip39WordCount = 2048;

/// The BIP-39 English word list, index 0 ("abandon") to 2047 ("zoo"), in ascending order.
std::span<const std::string_view, kBip39WordCount> bip39_english_words() noexcept;

}  // namespace yao::config
