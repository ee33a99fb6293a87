// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Whole-file reads and atomic replacement (write a sibling, fsync, rename).
#include <filesystem>
#include <string>
#include <string_view>

#include <yao/common/error.hpp>

namespace yao::infra {

/// The bytes of `path`; an error (with errno's code) when it cannot be opened or read.
Result<std::string> read_file(const std::filesystem::path& path);
/// Replaces `path` with `content` so that a reader (or a crash) sees the old file or the whole
/// new one: `path`.tmp written and flushed to disk, then renamed over `path`.
Result<void> replace_file(const std::filesystem::path& path, std::string_view content);

}  // namespace yao::infra
