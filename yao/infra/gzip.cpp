// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "gzip.hpp"

#include <algorithm>
#include <climits>
#include <string>
#include <system_error>

#include <zlib.h>

namespace yao::infra {
namespace {

constexpr int kGzipWindow = 15 + 16;  // zlib: window bits + 16 selects the gzip wrapper
constexpr size_t kChunk = 64 * 1024;

std::unexpected<Error> error(std::errc e, std::string what) {
    return std::unexpected(Error{std::make_error_code(e), std::move(what)});
}

}  // namespace

bool is_gzip(BytesView data) noexcept {
    return data.size() >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

Bytes gzip(BytesView data) {
    z_stream z{};
    Bytes out;
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        return out;
    out.resize(deflateBound(&z, static_cast<uLong>(data.size())) + 32);
    z.next_in = const_cast<Bytef*>(data.data());
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(rc == Z_STREAM_END ? z.total_out : 0);
    deflateEnd(&z);
    return out;
}

Result<Bytes> gunzip(BytesView data, size_t max_output) {
    if (data.size() > UINT_MAX) return error(std::errc::file_too_large, "gzip input too large");
    z_stream z{};
    if (inflateInit2(&z, kGzipWindow) != Z_OK)
        return error(std::errc::not_enough_memory, "zlib inflateInit2 failed");
    z.next_in = const_cast<Bytef*>(data.data());
    z.avail_in = static_cast<uInt>(data.size());
    Bytes out;
    int rc = Z_OK;
    while (rc == Z_OK) {
        if (out.size() >= max_output) {
            inflateEnd(&z);
            return error(std::errc::file_too_large,
                         "gzip data expands past " + std::to_string(max_output) + " bytes");
        }
        const size_t before = out.size();
        const size_t room = std::min(kChunk, max_output - before);
        out.resize(before + room);
        z.next_out = out.data() + before;
        z.avail_out = static_cast<uInt>(room);
        rc = inflate(&z, Z_NO_FLUSH);
        out.resize(before + (room - z.avail_out));
        if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // truncated input
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END) return error(std::errc::illegal_byte_sequence, "not a complete gzip stream");
    return out;
}

}  // namespace yao::infra
