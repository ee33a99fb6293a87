// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <yao/common/rlp.hpp>
#include <yao/common/uint256.hpp>

namespace yao::rlp {

/// Appends `v` as a canonical RLP integer (no leading zeros, 0 as the empty string).
inline void encode_uint(Bytes& out, const Uint256& v) {
    uint8_t be[32];
    v.to_be_bytes(be);
    encode_uint_be(out, BytesView{be, 32});
}

/// Reads a canonical RLP integer of at most 32 bytes.
inline Result<Uint256> read_uint256(Reader& r) {
    auto be = r.read_uint_be(32);
    if (!be) return std::unexpected(be.error());
    return Uint256::from_be_bytes(*be);
}

}  // namespace yao::rlp
