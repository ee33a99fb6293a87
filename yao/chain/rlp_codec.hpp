// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <vector>

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

/// Appends a list of 32-byte strings (storage keys, topics, blob hashes).
inline void encode_hash_list(Bytes& out, const std::vector<Hash256>& hashes) {
    Bytes payload;
    for (const Hash256& h : hashes) encode_string(payload, h.view());
    encode_list(out, payload);
}

/// Reads a list of 32-byte strings.
inline Result<std::vector<Hash256>> read_hash_list(Reader& r) {
    YAO_TRY(Reader list, r.read_list());
    std::vector<Hash256> out;
    while (!list.at_end()) {
        YAO_TRY(Hash256 h, list.read_fixed<32>());
        out.push_back(h);
    }
    return out;
}

}  // namespace yao::rlp
