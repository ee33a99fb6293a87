// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// SqlChainStore::state_image: the state a development node's helpers restore (evm_revert,
// anvil_reset) or write out (anvil_dumpState).
#include <fmt/format.h>

#include <yao/state/state_view.hpp>

#include "row_codec.hpp"
#include "sql_chain_store.hpp"
#include "store_queries.hpp"

namespace yao::storage {
namespace {

using sql::Connection;
using sql::Statement;

/// Counts rows against the caller's limit.
struct RowBudget {
    size_t left;
    Result<void> take() {
        if (left == 0) return fail(Errc::kTooManyResults, "the state image has too many rows");
        --left;
        return {};
    }
};

/// Accounts: with `since`, the value each account changed after block `since` had then (the
/// first history row after it, ordered by address then block); else every current row.
Result<void> read_accounts(Connection& c, std::optional<uint64_t> since, RowBudget& budget,
                           StateImage& out) {
    YAO_TRY(auto* st, c.prepare(since ? "SELECT address, nonce, balance, code_hash FROM "
                                        "account_history WHERE block_number > ? "
                                        "ORDER BY address, block_number"
                                      : "SELECT address, nonce, balance, code_hash FROM accounts "
                                        "ORDER BY address"));
    if (since) st->bind_int(0, static_cast<int64_t>(*since));
    return for_each_row(*st, [&](const Statement& row) -> Result<void> {
        YAO_TRY(const Address addr, row::get_address(row, 0, "address"));
        if (!out.accounts.empty() && out.accounts.back().address == addr) return {};
        YAO_TRY_VOID(budget.take());
        std::optional<state::Account> account;
        if (!row.is_null(1)) {
            YAO_TRY(account, read_account(row, 1, "account_history"));
        }
        out.accounts.push_back({addr, account});
        return {};
    });
}

Result<void> read_storage(Connection& c, std::optional<uint64_t> since, RowBudget& budget,
                          StateImage& out) {
    YAO_TRY(auto* st,
            c.prepare(since ? "SELECT address, storage_key, storage_value FROM storage_history "
                              "WHERE block_number > ? ORDER BY address, storage_key, block_number"
                            : "SELECT address, storage_key, storage_value FROM contract_storage "
                              "ORDER BY address, storage_key"));
    if (since) st->bind_int(0, static_cast<int64_t>(*since));
    return for_each_row(*st, [&](const Statement& row) -> Result<void> {
        YAO_TRY(const Address addr, row::get_address(row, 0, "address"));
        YAO_TRY(const Hash256 slot, row::get_hash(row, 1, "storage_key"));
        if (!out.storage.empty() && out.storage.back().address == addr &&
            out.storage.back().slot == slot)
            return {};
        YAO_TRY_VOID(budget.take());
        Hash256 value;
        if (!row.is_null(2)) {
            YAO_TRY(value, row::get_hash(row, 2, "storage_value"));
        }
        out.storage.push_back({addr, slot, value});
        return {};
    });
}

Result<void> read_code(Connection& c, StateImage& out) {
    YAO_TRY(auto* st, c.prepare("SELECT code FROM contract_code WHERE code_hash = ?"));
    for (const AccountChange& a : out.accounts) {
        if (!a.account || a.account->code_hash == state::kEmptyCodeHash) continue;
        bool known = false;
        for (const CodeEntry& e : out.code) known = known || e.code_hash == a.account->code_hash;
        if (known) continue;
        st->bind_text(0, row::hex(a.account->code_hash));
        YAO_TRY_VOID(st->execute());
        YAO_TRY(const bool found, st->next());
        if (!found)
            return fail(Errc::kCorruptRow,
                        fmt::format("no contract_code row for {}", row::hex(a.account->code_hash)));
        out.code.push_back({a.account->code_hash, Bytes{st->get_blob(0)}});
    }
    return {};
}

}  // namespace

Result<StateImage> SqlChainStore::state_image(std::optional<uint64_t> since, size_t max_rows) {
    return run([&](Connection& c) {
        return in_read_tx(c, [&]() -> Result<StateImage> {
            StateImage out;
            YAO_TRY(const Head head, read_head(c, false));
            if (!head.number) return fail(Errc::kUnknownBlock, "the store is empty");
            if (since && *since > *head.number)
                return fail(Errc::kUnknownBlock,
                            fmt::format("block {} is above the head {}", *since, *head.number));
            out.head = *head.number;
            RowBudget budget{max_rows};
            YAO_TRY_VOID(read_accounts(c, since, budget, out));
            YAO_TRY_VOID(read_storage(c, since, budget, out));
            YAO_TRY_VOID(read_code(c, out));
            return out;
        });
    });
}

}  // namespace yao::storage
