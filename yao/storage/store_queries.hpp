// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// Queries and row readers shared by the commit and read paths of SqlChainStore. Internal.

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/state/state_view.hpp>

#include "errc.hpp"
#include "sql.hpp"

namespace yao::storage {

/// The head as chain_meta records it.
struct Head {
    std::optional<uint64_t> number;  ///< nullopt on an empty store
    Hash256 hash;                    ///< zero on an empty store
};

/// Reads the head. `for_update` locks the head rows until the transaction ends (MySQL family:
/// SELECT ... FOR UPDATE, which serialises committers; SQLite's BEGIN IMMEDIATE already has).
Result<Head> read_head(sql::Connection& conn, bool for_update);

/// Reads an account from columns nonce, balance, code_hash starting at `first`.
Result<state::Account> read_account(const sql::Statement& st, size_t first, std::string_view table);

/// Errc::kCorruptRow with `context`.
inline std::unexpected<Error> corrupt(std::string context) {
    return fail(Errc::kCorruptRow, std::move(context));
}

/// Runs `fn` inside a read transaction: all its statements see one snapshot.
template <typename Fn>
auto in_read_tx(sql::Connection& c, Fn&& fn) -> decltype(fn()) {
    YAO_TRY_VOID(c.begin(false));
    auto r = fn();
    if (!r) {
        c.rollback();
        return r;
    }
    YAO_TRY_VOID(c.commit());
    return r;
}

/// Runs a prepared query and calls `on_row(st)` (returning Result<void>) for each row.
template <typename OnRow>
Result<void> for_each_row(sql::Statement& st, OnRow&& on_row) {
    YAO_TRY_VOID(st.execute());
    for (;;) {
        YAO_TRY(bool more, st.next());
        if (!more) return {};
        YAO_TRY_VOID(on_row(st));
    }
}

/// Sorted, without duplicates.
template <typename T>
std::vector<T> unique_sorted(std::vector<T> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

/// "(address = ? AND storage_key = ?) OR ...", `n` times: a keyed condition every optimizer in
/// the subset turns into primary-key lookups (row-value IN lists are not optimised everywhere).
std::string storage_key_condition(size_t n);

}  // namespace yao::storage
