// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The read side of SqlChainStore, part 2: state at the head and at past blocks, versions,
// batched reads and code.
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "row_codec.hpp"
#include "sql_chain_store.hpp"
#include "store_queries.hpp"

namespace yao::storage {
namespace {

using sql::Connection;
using sql::Statement;

Result<void> check_block_known(Connection& c, uint64_t block_num, Head& head) {
    YAO_TRY(head, read_head(c, false));
    if (!head.number || block_num > *head.number)
        return fail(Errc::kUnknownBlock,
                    head.number
                        ? fmt::format("block {} is above the head {}", block_num, *head.number)
                        : fmt::format("block {} on an empty store", block_num));
    return {};
}

/// For `n` keys: "SELECT 0, MAX(block_number) FROM t WHERE <key> UNION ALL SELECT 1, ...". Each
/// part is a single seek on the primary key (key columns, block_number); a GROUP BY over an IN
/// list would instead read every history row of every key (SQLite has no loose index scan).
/// The first column is the key's position in the chunk (a literal, not user data).
std::string newest_history_query(std::string_view table, std::string_view key_condition, size_t n) {
    std::string sql;
    for (size_t i = 0; i < n; ++i) {
        if (i != 0) sql += " UNION ALL ";
        sql +=
            fmt::format("SELECT {}, MAX(block_number) FROM {} WHERE {}", i, table, key_condition);
    }
    return sql;
}

Result<std::optional<state::Account>> current_account(Connection& c, const Address& addr) {
    YAO_TRY(auto* st, c.prepare("SELECT nonce, balance, code_hash FROM accounts "
                                "WHERE address = ?"));
    st->bind_text(0, row::hex(addr));
    YAO_TRY_VOID(st->execute());
    YAO_TRY(bool found, st->next());
    if (!found) return std::optional<state::Account>{};
    YAO_TRY(auto a, read_account(*st, 0, "accounts"));
    return std::optional<state::Account>{a};
}

Result<Hash256> current_storage(Connection& c, const Address& addr, const Hash256& slot) {
    YAO_TRY(auto* st, c.prepare("SELECT storage_value FROM contract_storage "
                                "WHERE address = ? AND storage_key = ?"));
    st->bind_text(0, row::hex(addr));
    st->bind_text(1, row::hex(slot));
    YAO_TRY_VOID(st->execute());
    YAO_TRY(bool found, st->next());
    if (!found) return Hash256{};
    return row::get_hash(*st, 0, "contract_storage.storage_value");
}

}  // namespace

Result<std::optional<state::Account>> SqlChainStore::account(const Address& addr) {
    return run([&](Connection& c) { return current_account(c, addr); });
}

Result<std::optional<state::Account>> SqlChainStore::account_at(const Address& addr,
                                                                uint64_t block_num) {
    return run([&](Connection& c) {
        return in_read_tx(c, [&]() -> Result<std::optional<state::Account>> {
            Head head;
            YAO_TRY_VOID(check_block_known(c, block_num, head));
            if (block_num == *head.number) return current_account(c, addr);
            // The account after block B is what the first change after B found.
            YAO_TRY(auto* st, c.prepare("SELECT nonce, balance, code_hash FROM account_history "
                                        "WHERE address = ? AND block_number > ? "
                                        "ORDER BY block_number LIMIT 1"));
            st->bind_text(0, row::hex(addr));
            st->bind_int(1, static_cast<int64_t>(block_num));
            YAO_TRY_VOID(st->execute());
            YAO_TRY(bool found, st->next());
            if (!found) return current_account(c, addr);
            if (st->is_null(0)) return std::optional<state::Account>{};
            YAO_TRY(auto a, read_account(*st, 0, "account_history"));
            return std::optional<state::Account>{a};
        });
    });
}

Result<Hash256> SqlChainStore::storage(const Address& addr, const Hash256& slot) {
    return run([&](Connection& c) { return current_storage(c, addr, slot); });
}

Result<Hash256> SqlChainStore::storage_at(const Address& addr, const Hash256& slot,
                                          uint64_t block_num) {
    return run([&](Connection& c) {
        return in_read_tx(c, [&]() -> Result<Hash256> {
            Head head;
            YAO_TRY_VOID(check_block_known(c, block_num, head));
            if (block_num == *head.number) return current_storage(c, addr, slot);
            YAO_TRY(auto* st, c.prepare("SELECT storage_value FROM storage_history "
                                        "WHERE address = ? AND storage_key = ? AND "
                                        "block_number > ? ORDER BY block_number LIMIT 1"));
            st->bind_text(0, row::hex(addr));
            st->bind_text(1, row::hex(slot));
            st->bind_int(2, static_cast<int64_t>(block_num));
            YAO_TRY_VOID(st->execute());
            YAO_TRY(bool found, st->next());
            if (!found) return current_storage(c, addr, slot);
            if (st->is_null(0)) return Hash256{};
            return row::get_hash(*st, 0, "storage_history.storage_value");
        });
    });
}

Result<std::optional<Bytes>> SqlChainStore::code(const Hash256& code_hash) {
    if (code_hash == state::kEmptyCodeHash) return std::optional<Bytes>{Bytes{}};
    return run([&](Connection& c) -> Result<std::optional<Bytes>> {
        YAO_TRY(auto* st, c.prepare("SELECT code FROM contract_code WHERE code_hash = ?"));
        st->bind_text(0, row::hex(code_hash));
        YAO_TRY_VOID(st->execute());
        YAO_TRY(bool found, st->next());
        if (!found) return std::optional<Bytes>{};
        return std::optional<Bytes>{Bytes{st->get_blob(0)}};
    });
}

Result<Versioned<std::optional<state::Account>>> SqlChainStore::account_versioned(
    const Address& addr) {
    using Value = Versioned<std::optional<state::Account>>;
    return run([&](Connection& c) -> Result<Value> {
        // One statement, so one snapshot, and always one row: the account's columns (NULL when
        // it does not exist) and the newest history row's block (the deleting block, for an
        // account that is gone). The MAX over the primary key (address, block_number) is a
        // single index seek; a scalar subquery avoids the temporary table MariaDB builds for
        // a UNION.
        YAO_TRY(auto* st, c.prepare("SELECT a.nonce, a.balance, a.code_hash, a.block_number, "
                                    "(SELECT MAX(block_number) FROM account_history "
                                    "WHERE address = ?) "
                                    "FROM (SELECT 1 AS one) AS d "
                                    "LEFT JOIN accounts a ON a.address = ?"));
        const std::string key = row::hex(addr);
        st->bind_text(0, key);
        st->bind_text(1, key);
        YAO_TRY_VOID(st->execute());
        YAO_TRY(bool found, st->next());
        if (!found) return corrupt("account_versioned: no row");
        Value out;
        if (!st->is_null(3)) {
            YAO_TRY(out.value, read_account(*st, 0, "accounts"));
            YAO_TRY(out.version, row::get_u64(*st, 3, "accounts.block_number"));
        } else if (!st->is_null(4)) {
            YAO_TRY(out.version, row::get_u64(*st, 4, "account_history.block_number"));
        }
        return out;
    });
}

Result<Versioned<Hash256>> SqlChainStore::storage_versioned(const Address& addr,
                                                            const Hash256& slot) {
    return run([&](Connection& c) -> Result<Versioned<Hash256>> {
        YAO_TRY(auto* st, c.prepare("SELECT s.storage_value, s.block_number, "
                                    "(SELECT MAX(block_number) FROM storage_history "
                                    "WHERE address = ? AND storage_key = ?) "
                                    "FROM (SELECT 1 AS one) AS d "
                                    "LEFT JOIN contract_storage s "
                                    "ON s.address = ? AND s.storage_key = ?"));
        const std::string a = row::hex(addr);
        const std::string k = row::hex(slot);
        st->bind_text(0, a);
        st->bind_text(1, k);
        st->bind_text(2, a);
        st->bind_text(3, k);
        YAO_TRY_VOID(st->execute());
        YAO_TRY(bool found, st->next());
        if (!found) return corrupt("storage_versioned: no row");
        Versioned<Hash256> out;
        if (!st->is_null(1)) {
            YAO_TRY(out.value, row::get_hash(*st, 0, "contract_storage.storage_value"));
            YAO_TRY(out.version, row::get_u64(*st, 1, "contract_storage.block_number"));
        } else if (!st->is_null(2)) {
            YAO_TRY(out.version, row::get_u64(*st, 2, "storage_history.block_number"));
        }
        return out;
    });
}

Result<BatchRead<std::optional<state::Account>>> SqlChainStore::accounts_batch(
    std::span<const Address> addrs) {
    using Batch = BatchRead<std::optional<state::Account>>;
    return run([&](Connection& c) {
        return in_read_tx(c, [&]() -> Result<Batch> {
            Batch out;
            YAO_TRY(const Head head, read_head(c, false));
            out.head = head.number;
            std::unordered_map<Address, Versioned<std::optional<state::Account>>> found;
            for (const auto& chunk : sql::key_chunks(addrs.size(), 256)) {
                YAO_TRY(auto* st, c.prepare("SELECT address, nonce, balance, code_hash, "
                                            "block_number FROM accounts WHERE address IN " +
                                            sql::in_list(chunk.shape)));
                for (size_t i = 0; i < chunk.shape; ++i)
                    st->bind_text(i, row::hex(addrs[chunk.key(i)]));
                YAO_TRY_VOID(for_each_row(*st, [&](const Statement& s) -> Result<void> {
                    YAO_TRY(auto addr, row::get_address(s, 0, "accounts.address"));
                    YAO_TRY(auto a, read_account(s, 1, "accounts"));
                    YAO_TRY(auto version, row::get_u64(s, 4, "accounts.block_number"));
                    found[addr] = {a, version};
                    return {};
                }));
            }
            // Absent accounts: their version is the block of their newest history row (the
            // deleting block), or 0 when they were never written.
            std::vector<Address> missing;
            for (const auto& a : addrs)
                if (!found.contains(a)) missing.push_back(a);
            missing = unique_sorted(std::move(missing));
            for (const auto& chunk : sql::key_chunks(missing.size(), 128)) {
                YAO_TRY(auto* st, c.prepare(newest_history_query("account_history", "address = ?",
                                                                 chunk.shape)));
                for (size_t i = 0; i < chunk.shape; ++i)
                    st->bind_text(i, row::hex(missing[chunk.key(i)]));
                YAO_TRY_VOID(for_each_row(*st, [&](const Statement& s) -> Result<void> {
                    if (s.is_null(1)) return {};
                    const auto slot = static_cast<size_t>(s.get_int(0));
                    YAO_TRY(auto version, row::get_u64(s, 1, "account_history.block_number"));
                    found[missing[chunk.key(slot)]] = {std::nullopt, version};
                    return {};
                }));
            }
            out.values.reserve(addrs.size());
            for (const auto& a : addrs) {
                auto it = found.find(a);
                out.values.push_back(it == found.end() ? Versioned<std::optional<state::Account>>{}
                                                       : it->second);
            }
            return out;
        });
    });
}

Result<BatchRead<Hash256>> SqlChainStore::storage_batch(std::span<const StorageKey> keys) {
    return run([&](Connection& c) {
        return in_read_tx(c, [&]() -> Result<BatchRead<Hash256>> {
            BatchRead<Hash256> out;
            YAO_TRY(const Head head, read_head(c, false));
            out.head = head.number;
            std::map<StorageKey, Versioned<Hash256>> found;
            auto bind_keys = [](Statement& st, const auto& list, const sql::KeyChunk& chunk) {
                for (size_t i = 0; i < chunk.shape; ++i) {
                    const StorageKey& k = list[chunk.key(i)];
                    st.bind_text(2 * i, row::hex(k.address));
                    st.bind_text(2 * i + 1, row::hex(k.slot));
                }
            };
            for (const auto& chunk : sql::key_chunks(keys.size(), 128)) {
                YAO_TRY(auto* st, c.prepare("SELECT address, storage_key, storage_value, "
                                            "block_number FROM contract_storage WHERE " +
                                            storage_key_condition(chunk.shape)));
                bind_keys(*st, keys, chunk);
                YAO_TRY_VOID(for_each_row(*st, [&](const Statement& s) -> Result<void> {
                    StorageKey k;
                    YAO_TRY(k.address, row::get_address(s, 0, "contract_storage.address"));
                    YAO_TRY(k.slot, row::get_hash(s, 1, "contract_storage.storage_key"));
                    Versioned<Hash256> v;
                    YAO_TRY(v.value, row::get_hash(s, 2, "contract_storage.storage_value"));
                    YAO_TRY(v.version, row::get_u64(s, 3, "contract_storage.block_number"));
                    found[k] = v;
                    return {};
                }));
            }
            std::vector<StorageKey> missing;
            for (const auto& k : keys)
                if (!found.contains(k)) missing.push_back(k);
            missing = unique_sorted(std::move(missing));
            for (const auto& chunk : sql::key_chunks(missing.size(), 128)) {
                YAO_TRY(auto* st,
                        c.prepare(newest_history_query(
                            "storage_history", "address = ? AND storage_key = ?", chunk.shape)));
                bind_keys(*st, missing, chunk);
                YAO_TRY_VOID(for_each_row(*st, [&](const Statement& s) -> Result<void> {
                    if (s.is_null(1)) return {};
                    const auto slot = static_cast<size_t>(s.get_int(0));
                    YAO_TRY(auto version, row::get_u64(s, 1, "storage_history.block_number"));
                    found[missing[chunk.key(slot)]] = {Hash256{}, version};
                    return {};
                }));
            }
            out.values.reserve(keys.size());
            for (const auto& k : keys) {
                auto it = found.find(k);
                out.values.push_back(it == found.end() ? Versioned<Hash256>{} : it->second);
            }
            return out;
        });
    });
}

Result<std::vector<std::optional<Bytes>>> SqlChainStore::code_batch(
    std::span<const Hash256> code_hashes) {
    std::vector<Hash256> wanted;
    for (const auto& h : code_hashes)
        if (h != state::kEmptyCodeHash) wanted.push_back(h);
    wanted = unique_sorted(std::move(wanted));
    return run([&](Connection& c) -> Result<std::vector<std::optional<Bytes>>> {
        std::unordered_map<Hash256, Bytes> found;
        for (const auto& chunk : sql::key_chunks(wanted.size(), 256)) {
            YAO_TRY(auto* st, c.prepare("SELECT code_hash, code FROM contract_code WHERE "
                                        "code_hash IN " +
                                        sql::in_list(chunk.shape)));
            for (size_t i = 0; i < chunk.shape; ++i)
                st->bind_text(i, row::hex(wanted[chunk.key(i)]));
            YAO_TRY_VOID(for_each_row(*st, [&](const Statement& s) -> Result<void> {
                YAO_TRY(auto h, row::get_hash(s, 0, "contract_code.code_hash"));
                found[h] = Bytes{s.get_blob(1)};
                return {};
            }));
        }
        std::vector<std::optional<Bytes>> out;
        out.reserve(code_hashes.size());
        for (const auto& h : code_hashes) {
            if (h == state::kEmptyCodeHash) {
                out.emplace_back(Bytes{});
            } else if (auto it = found.find(h); it != found.end()) {
                out.emplace_back(it->second);
            } else {
                out.emplace_back(std::nullopt);
            }
        }
        return out;
    });
}

}  // namespace yao::storage
