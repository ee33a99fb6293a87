// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The read side of SqlChainStore, part 3: rows as stored, every audited column as text, for
// `yaoverse verify` (row_image.hpp), and settings read without pinning.
#include <fmt/format.h>

#include <yao/common/hex.hpp>

#include "row_codec.hpp"
#include "sql_chain_store.hpp"
#include "store_queries.hpp"

namespace yao::storage {
namespace {

using sql::Connection;
using sql::Statement;

std::string column_list(std::string_view table) {
    std::string out;
    for (const auto& c : audited_columns(table)) {
        if (!out.empty()) out += ", ";
        out += c.name;
    }
    return out;
}

/// The current row of `st` as an image of `table`; its key is built by `key_of(image)`.
template <typename KeyOf>
RowImage read_image(const Statement& st, std::string_view table, KeyOf&& key_of) {
    RowImage image;
    image.table = std::string{table};
    size_t i = 0;
    for (const auto& c : audited_columns(table)) {
        std::optional<std::string> value;
        if (!st.is_null(i)) {
            switch (c.kind) {
                case ColumnKind::kInt:
                    value = std::to_string(st.get_int(i));
                    break;
                case ColumnKind::kText:
                    value = std::string{st.get_text(i)};
                    break;
                case ColumnKind::kBlob:
                    value = to_hex(st.get_blob(i));
                    break;
            }
        }
        image.columns.emplace_back(std::string{c.name}, std::move(value));
        ++i;
    }
    image.key = key_of(image);
    return image;
}

/// Every row of `SELECT <audited columns> FROM table <rest>` with `number` bound to each `?`.
template <typename KeyOf>
Result<std::vector<RowImage>> read_images(Connection& c, std::string_view table,
                                          std::string_view rest, std::optional<uint64_t> number,
                                          KeyOf&& key_of) {
    YAO_TRY(auto* st,
            c.prepare(fmt::format("SELECT {} FROM {} {}", column_list(table), table, rest)));
    if (number) st->bind_int(0, static_cast<int64_t>(*number));
    std::vector<RowImage> out;
    YAO_TRY_VOID(for_each_row(*st, [&](const Statement& row) -> Result<void> {
        out.push_back(read_image(row, table, key_of));
        return {};
    }));
    return out;
}

std::string value_of(const RowImage& image, std::string_view column) {
    return image.get(column).value_or("NULL");
}

}  // namespace

Result<std::optional<std::string>> SqlChainStore::setting(std::string_view key) {
    return run([&](Connection& c) -> Result<std::optional<std::string>> {
        YAO_TRY(auto* st, c.prepare("SELECT meta_value FROM chain_meta WHERE meta_key = ?"));
        st->bind_text(0, "setting." + std::string{key});
        YAO_TRY_VOID(st->execute());
        YAO_TRY(const bool found, st->next());
        if (!found) return std::optional<std::string>{};
        return std::optional<std::string>{std::string{st->get_text(0)}};
    });
}

Result<std::optional<Bytes>> SqlChainStore::state_patch(uint64_t number) {
    return run([&](Connection& c) -> Result<std::optional<Bytes>> {
        YAO_TRY(auto* st, c.prepare("SELECT patch FROM state_patches WHERE block_number = ?"));
        st->bind_int(0, static_cast<int64_t>(number));
        YAO_TRY_VOID(st->execute());
        YAO_TRY(const bool found, st->next());
        if (!found) return std::optional<Bytes>{};
        return std::optional<Bytes>{Bytes{st->get_blob(0)}};
    });
}

Result<BlockRows> SqlChainStore::block_rows(uint64_t number) {
    return run([&](Connection& c) {
        return in_read_tx(c, [&]() -> Result<BlockRows> {
            BlockRows out;
            const auto by_column = [](std::string_view column) {
                return [column](const RowImage& r) { return value_of(r, column); };
            };
            YAO_TRY(auto blocks,
                    read_images(c, "blocks", "WHERE number = ?", number, by_column("number")));
            if (!blocks.empty()) out.block = std::move(blocks.front());
            YAO_TRY(
                out.transactions,
                read_images(c, "transactions", "WHERE block_number = ? ORDER BY transaction_index",
                            number, by_column("hash")));
            YAO_TRY(out.receipts,
                    read_images(c, "receipts", "WHERE block_number = ? ORDER BY transaction_index",
                                number, by_column("transaction_hash")));
            YAO_TRY(out.logs, read_images(c, "logs", "WHERE block_number = ? ORDER BY log_index",
                                          number, [](const RowImage& r) {
                                              return "log_index " + value_of(r, "log_index");
                                          }));
            return out;
        });
    });
}

Result<StateRows> SqlChainStore::state_rows() {
    return run([&](Connection& c) {
        return in_read_tx(c, [&]() -> Result<StateRows> {
            StateRows out;
            YAO_TRY(const Head head, read_head(c, false));
            out.head = head.number;
            YAO_TRY(out.accounts,
                    read_images(c, "accounts", "ORDER BY address", std::nullopt,
                                [](const RowImage& r) { return value_of(r, "address"); }));
            YAO_TRY(out.storage, read_images(c, "contract_storage", "ORDER BY address, storage_key",
                                             std::nullopt, [](const RowImage& r) {
                                                 return value_of(r, "address") + " " +
                                                        value_of(r, "storage_key");
                                             }));
            YAO_TRY(out.code,
                    read_images(c, "contract_code", "ORDER BY code_hash", std::nullopt,
                                [](const RowImage& r) { return value_of(r, "code_hash"); }));
            return out;
        });
    });
}

}  // namespace yao::storage
