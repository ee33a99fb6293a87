// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstring>
#include <optional>

#include <yao/common/bytes.hpp>

namespace yao::evm {

/// EIP-7702 (Prague): an account whose code is exactly 0xef0100 || address delegates its code
/// to that address. Calls run the delegate's code (one level: a delegate that delegates again
/// runs its own designator, whose 0xef first byte is an invalid instruction); EXTCODE* see the
/// 23 designator bytes themselves.
inline constexpr size_t kDelegationSize = 23;
inline constexpr uint8_t kDelegationPrefix[3] = {0xef, 0x01, 0x00};

inline bool is_delegation(BytesView code) noexcept {
    return code.size() == kDelegationSize && std::memcmp(code.data(), kDelegationPrefix, 3) == 0;
}

/// The delegate named by `code`, when `code` is a delegation designator.
inline std::optional<Address> delegation_target(BytesView code) noexcept {
    if (!is_delegation(code)) return std::nullopt;
    Address target;
    std::memcpy(target.data(), code.data() + 3, Address::size());
    return target;
}

/// The designator that delegates to `target`.
inline Bytes delegation_code(const Address& target) {
    Bytes code(kDelegationSize, 0);
    std::memcpy(code.data(), kDelegationPrefix, 3);
    std::memcpy(code.data() + 3, target.data(), Address::size());
    return code;
}

}  // namespace yao::evm
