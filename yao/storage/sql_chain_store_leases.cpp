// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Sequencer election and fencing in the chain database: the leases table (compare-and-set on
// its version column) and the fence, chain_meta.sequencer_epoch, which every commit of a
// proposed block checks in its own transaction (docs/cluster.md, "Failover").
#include <charconv>
#include <limits>

#include <fmt/format.h>

#include "row_codec.hpp"
#include "sql_chain_store.hpp"

namespace yao::storage {

using sql::Connection;

namespace {

constexpr std::string_view kFenceKey = "sequencer_epoch";

/// Locking reads on MySQL-family servers (see sql_chain_store.cpp); SQLite's BEGIN IMMEDIATE
/// already excludes other writers.
std::string_view locking(const Connection& c) {
    return c.dialect() == sql::Dialect::kMysql ? " FOR UPDATE" : "";
}

/// The fence, read with a lock inside the caller's write transaction (0 when the row is absent).
Result<uint64_t> read_fence(Connection& c) {
    YAO_TRY(auto* st, c.prepare(fmt::format("SELECT meta_value FROM chain_meta WHERE meta_key = "
                                            "'{}'{}",
                                            kFenceKey, locking(c))));
    YAO_TRY_VOID(st->execute());
    YAO_TRY(bool found, st->next());
    if (!found) return uint64_t{0};
    const auto text = st->get_text(0);
    uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size())
        return fail(Errc::kCorruptRow, fmt::format("chain_meta.{} '{}'", kFenceKey, text));
    return value;
}

Result<void> write_fence(Connection& c, uint64_t epoch) {
    YAO_TRY(auto* st, c.prepare("REPLACE INTO chain_meta (meta_key, meta_value) VALUES (?, ?)"));
    st->bind_text(0, kFenceKey);
    st->bind_text(1, std::to_string(epoch));
    return st->execute();
}

int64_t checked_i64(uint64_t v) {
    return static_cast<int64_t>(std::min<uint64_t>(v, std::numeric_limits<int64_t>::max()));
}

Result<std::optional<LeaseRecord>> select_lease(Connection& c, std::string_view name,
                                                bool for_update) {
    YAO_TRY(auto* st,
            c.prepare(fmt::format("SELECT holder, duration_ms, acquire_time_us, renew_time_us, "
                                  "transitions, version FROM leases WHERE name = ?{}",
                                  for_update ? locking(c) : "")));
    st->bind_text(0, name);
    YAO_TRY_VOID(st->execute());
    YAO_TRY(bool found, st->next());
    if (!found) return std::optional<LeaseRecord>{};
    LeaseRecord r;
    r.holder = std::string{st->get_text(0)};
    YAO_TRY(r.duration_ms, row::get_u64(*st, 1, "leases.duration_ms"));
    r.acquire_time_us = st->get_int(2);
    r.renew_time_us = st->get_int(3);
    YAO_TRY(r.transitions, row::get_u64(*st, 4, "leases.transitions"));
    YAO_TRY(const uint64_t version, row::get_u64(*st, 5, "leases.version"));
    r.version = std::to_string(version);
    return std::optional<LeaseRecord>{std::move(r)};
}

}  // namespace

Result<void> check_fence(Connection& c, uint64_t number, uint64_t epoch) {
    YAO_TRY(const uint64_t fence, read_fence(c));
    if (epoch < fence)
        return fail(Errc::kFenced,
                    fmt::format("block {} was proposed in sequencer epoch {}, below the fence {} "
                                "(a newer leader holds the sequencer)",
                                number, epoch, fence));
    if (epoch > fence) YAO_TRY_VOID(write_fence(c, epoch));
    return {};
}

Result<uint64_t> SqlChainStore::raise_fence(uint64_t epoch) {
    return run([&](Connection& c) -> Result<uint64_t> {
        YAO_TRY_VOID(c.begin(epoch != 0));
        auto raised = [&]() -> Result<uint64_t> {
            YAO_TRY(const uint64_t fence, read_fence(c));
            if (epoch <= fence) return fence;
            YAO_TRY_VOID(write_fence(c, epoch));
            return epoch;
        }();
        if (!raised) {
            c.rollback();
            return raised;
        }
        YAO_TRY_VOID(c.commit());
        return raised;
    });
}

Result<std::string> SqlChainStore::pin_setting(std::string_view key, std::string_view value) {
    if (key.empty() || key.size() > 56 || value.size() > 255)
        return fail(Errc::kInvalidArgument,
                    "a setting has a 1 to 56 character key and a value "
                    "of at most 255 characters");
    const std::string row = "setting." + std::string{key};
    auto pin = [&] {
        return run([&](Connection& c) -> Result<std::string> {
            YAO_TRY_VOID(c.begin(true));
            auto pinned = [&]() -> Result<std::string> {
                YAO_TRY(auto* read, c.prepare(fmt::format("SELECT meta_value FROM chain_meta WHERE "
                                                          "meta_key = ?{}",
                                                          locking(c))));
                read->bind_text(0, row);
                YAO_TRY_VOID(read->execute());
                YAO_TRY(const bool found, read->next());
                if (found) return std::string{read->get_text(0)};
                YAO_TRY(auto* write,
                        c.prepare("INSERT INTO chain_meta (meta_key, meta_value) VALUES (?, ?)"));
                write->bind_text(0, row);
                write->bind_text(1, value);
                YAO_TRY_VOID(write->execute());
                return std::string{value};
            }();
            if (!pinned) {
                c.rollback();
                return pinned;
            }
            YAO_TRY_VOID(c.commit());
            return pinned;
        });
    };
    // Processes starting together on an empty database may both find no row; the one whose
    // insert loses reads the winner's value.
    auto pinned = pin();
    if (!pinned && pinned.error().code() == Errc::kConstraint) pinned = pin();
    return pinned;
}

Result<std::optional<LeaseRecord>> SqlChainStore::read_lease(std::string_view name) {
    return run([&](Connection& c) { return select_lease(c, name, false); });
}

Result<LeaseRecord> SqlChainStore::write_lease(std::string_view name, const LeaseRecord& next) {
    if (name.empty() || name.size() > 64)
        return fail(Errc::kInvalidArgument, "a lease name has 1 to 64 characters");
    if (next.holder.size() > 255)
        return fail(Errc::kInvalidArgument, "a lease holder has at most 255 characters");
    uint64_t expected = 0;
    if (!next.version.empty()) {
        const auto [end, ec] = std::from_chars(next.version.data(),
                                               next.version.data() + next.version.size(), expected);
        if (ec != std::errc{} || end != next.version.data() + next.version.size())
            return fail(Errc::kLeaseConflict,
                        fmt::format("lease {}: version '{}' is not one of this store's", name,
                                    next.version));
    }
    return run([&](Connection& c) -> Result<LeaseRecord> {
        YAO_TRY_VOID(c.begin(true));
        auto written = [&]() -> Result<LeaseRecord> {
            YAO_TRY(auto current, select_lease(c, name, true));
            const std::string current_version = current ? current->version : std::string{};
            if (current_version != next.version)
                return fail(Errc::kLeaseConflict,
                            fmt::format("lease {} is at version '{}', not '{}'", name,
                                        current_version, next.version));
            const uint64_t version = expected + 1;
            YAO_TRY(auto* st,
                    c.prepare(current ? "UPDATE leases SET holder = ?, duration_ms = ?, "
                                        "acquire_time_us = ?, renew_time_us = ?, transitions = ?, "
                                        "version = ? WHERE name = ?"
                                      : "INSERT INTO leases (holder, duration_ms, acquire_time_us, "
                                        "renew_time_us, transitions, version, name) VALUES "
                                        "(?, ?, ?, ?, ?, ?, ?)"));
            st->bind_text(0, next.holder);
            st->bind_int(1, checked_i64(next.duration_ms));
            st->bind_int(2, next.acquire_time_us);
            st->bind_int(3, next.renew_time_us);
            st->bind_int(4, checked_i64(next.transitions));
            st->bind_int(5, checked_i64(version));
            st->bind_text(6, name);
            YAO_TRY_VOID(st->execute());
            LeaseRecord stored = next;
            stored.version = std::to_string(version);
            return stored;
        }();
        if (!written) {
            c.rollback();
            return written;
        }
        YAO_TRY_VOID(c.commit());
        return written;
    });
}

}  // namespace yao::storage
