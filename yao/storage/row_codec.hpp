// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Conversions between domain values and the text the tables hold: lower-case 0x-hex for hashes
// and addresses (CHAR(66) / CHAR(42)), decimal digits for amounts. Parsing a stored value that is
// malformed gives Errc::kCorruptRow naming the column. Internal to yao/storage.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/uint256.hpp>

#include "sql.hpp"

namespace yao::storage::row {

/// "0x" + 64 or 40 lower-case hex digits.
template <size_t N>
std::string hex(const FixedBytes<N>& v) {
    return to_hex(v.view());
}

/// Decimal digits of an amount (no leading zeros, "0" for zero).
inline std::string dec(const Uint256& v) {
    return v.to_dec();
}

/// hex(v) formatted in place, without a heap allocation: what the commit binds row after row.
template <size_t N>
class HexText {
public:
    explicit HexText(const FixedBytes<N>& v) noexcept {
        static constexpr char kDigits[] = "0123456789abcdef";
        text_[0] = '0';
        text_[1] = 'x';
        for (size_t i = 0; i < N; ++i) {
            text_[2 + 2 * i] = kDigits[v[i] >> 4];
            text_[3 + 2 * i] = kDigits[v[i] & 0x0f];
        }
    }
    std::string_view view() const noexcept { return {text_, sizeof(text_)}; }

private:
    char text_[2 + 2 * N];
};

/// dec(v) formatted in place, without a heap allocation.
class DecText {
public:
    explicit DecText(const Uint256& v) noexcept;
    std::string_view view() const noexcept { return {text_, size_}; }

private:
    char text_[78];  // 2^256 - 1 has 78 digits
    size_t size_ = 0;
};

Result<Hash256> parse_hash(std::string_view text, std::string_view column);
Result<Address> parse_address(std::string_view text, std::string_view column);
Result<Uint256> parse_amount(std::string_view text, std::string_view column);
/// A non-negative integer column.
Result<uint64_t> parse_u64(int64_t value, std::string_view column);

/// The column as a hash / address / amount / non-negative integer; kCorruptRow when NULL or
/// malformed.
Result<Hash256> get_hash(const sql::Statement& st, size_t col, std::string_view column);
Result<Address> get_address(const sql::Statement& st, size_t col, std::string_view column);
Result<Uint256> get_amount(const sql::Statement& st, size_t col, std::string_view column);
Result<uint64_t> get_u64(const sql::Statement& st, size_t col, std::string_view column);
/// As get_address, but NULL gives nullopt.
Result<std::optional<Address>> get_optional_address(const sql::Statement& st, size_t col,
                                                    std::string_view column);

}  // namespace yao::storage::row
