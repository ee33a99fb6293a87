// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// gzip (RFC 1952) through zlib: anvil_dumpState / anvil_loadState exchange gzip-compressed JSON.
#include <cstddef>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>

namespace yao::infra {

/// True when `data` starts with the gzip magic bytes 1f 8b.
bool is_gzip(BytesView data) noexcept;
/// `data` as one gzip member.
Bytes gzip(BytesView data);
/// The decompressed bytes of gzip `data`; fails (std::errc::illegal_byte_sequence) on anything
/// that is not a complete gzip stream, and (std::errc::file_too_large) past `max_output` bytes,
/// so that a small hostile input cannot expand without bound.
Result<Bytes> gunzip(BytesView data, size_t max_output);

}  // namespace yao::infra
