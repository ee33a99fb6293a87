// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "address.hpp"

#include "hex.hpp"
#include "keccak.hpp"

namespace yao {

std::string to_checksum_hex(const Address& address) {
    std::string lower = to_hex(address.view(), false);
    const Hash256 h = keccak256(BytesView{reinterpret_cast<const uint8_t*>(lower.data()), lower.size()});
    for (size_t i = 0; i < lower.size(); ++i) {
        const uint8_t nibble = (i % 2 == 0) ? (h[i / 2] >> 4) : (h[i / 2] & 0x0f);
        if (lower[i] >= 'a' && lower[i] <= 'f' && nibble >= 8)
            lower[i] = static_cast<char>(lower[i] - 'a' + 'A');
    }
    return "0x" + lower;
}

}  // namespace yao
