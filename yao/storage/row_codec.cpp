// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "row_codec.hpp"

#include <charconv>

#include <fmt/format.h>

#include "errc.hpp"

namespace yao::storage::row {
namespace {

std::unexpected<Error> corrupt(std::string_view column, std::string_view text) {
    return fail(Errc::kCorruptRow, fmt::format("{} holds '{}'", column, text.substr(0, 80)));
}

template <size_t N>
Result<FixedBytes<N>> parse_fixed(std::string_view text, std::string_view column) {
    // Exactly "0x" and 2N lower-case hex digits: what the store writes, nothing looser.
    if (text.size() != 2 + 2 * N || text[0] != '0' || text[1] != 'x') return corrupt(column, text);
    for (char c : text.substr(2))
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return corrupt(column, text);
    auto v = fixed_from_hex<N>(text);
    if (!v) return corrupt(column, text);
    return *v;
}

}  // namespace

DecText::DecText(const Uint256& v) noexcept {
    if (v.fits_u64()) {
        size_ =
            static_cast<size_t>(std::to_chars(text_, text_ + sizeof(text_), v.low64()).ptr - text_);
        return;
    }
    const std::string digits = v.to_dec();  // rare: amounts above 2^64 - 1
    size_ = digits.copy(text_, sizeof(text_));
}

Result<Hash256> parse_hash(std::string_view text, std::string_view column) {
    return parse_fixed<32>(text, column);
}

Result<Address> parse_address(std::string_view text, std::string_view column) {
    return parse_fixed<20>(text, column);
}

Result<Uint256> parse_amount(std::string_view text, std::string_view column) {
    // Decimal digits only, as the store writes them (no sign, no exponent, no fraction).
    auto v = Uint256::from_dec(text);
    if (!v) return corrupt(column, text);
    return *v;
}

Result<uint64_t> parse_u64(int64_t value, std::string_view column) {
    if (value < 0) return corrupt(column, std::to_string(value));
    return static_cast<uint64_t>(value);
}

Result<Hash256> get_hash(const sql::Statement& st, size_t col, std::string_view column) {
    if (st.is_null(col)) return corrupt(column, "NULL");
    return parse_hash(st.get_text(col), column);
}

Result<Address> get_address(const sql::Statement& st, size_t col, std::string_view column) {
    if (st.is_null(col)) return corrupt(column, "NULL");
    return parse_address(st.get_text(col), column);
}

Result<Uint256> get_amount(const sql::Statement& st, size_t col, std::string_view column) {
    if (st.is_null(col)) return corrupt(column, "NULL");
    return parse_amount(st.get_text(col), column);
}

Result<uint64_t> get_u64(const sql::Statement& st, size_t col, std::string_view column) {
    if (st.is_null(col)) return corrupt(column, "NULL");
    return parse_u64(st.get_int(col), column);
}

Result<std::optional<Address>> get_optional_address(const sql::Statement& st, size_t col,
                                                    std::string_view column) {
    if (st.is_null(col)) return std::optional<Address>{};
    YAO_TRY(auto a, parse_address(st.get_text(col), column));
    return std::optional<Address>{a};
}

}  // namespace yao::storage::row
