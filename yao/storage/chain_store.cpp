// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "chain_store.hpp"

#include <limits>
#include <set>
#include <unordered_set>

#include <fmt/format.h>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>

#include "sql_chain_store.hpp"

namespace yao::storage {
namespace {

constexpr uint64_t kMaxColumnValue = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
constexpr size_t kMaxTopics = 4;  // LOG0..LOG4

std::unexpected<Error> invalid(std::string context) {
    return fail(Errc::kInvalidCommit, std::move(context));
}

Result<void> check_fits(uint64_t value, std::string_view what) {
    // Every integer column is a signed 64-bit BIGINT (SQLite INTEGER is signed too).
    if (value > kMaxColumnValue)
        return invalid(fmt::format("{} = {} does not fit a BIGINT column", what, value));
    return {};
}

}  // namespace

Result<std::vector<Bytes>> encode_validated(const BlockCommit& commit) {
    const auto& h = commit.header;
    if (header_hash(h) != commit.hash)
        return invalid(fmt::format("block hash {} is not the hash of its header ({})",
                                   to_hex(commit.hash.view()), to_hex(header_hash(h).view())));
    YAO_TRY_VOID(check_fits(h.number, "header.number"));
    YAO_TRY_VOID(check_fits(h.gas_limit, "header.gas_limit"));
    YAO_TRY_VOID(check_fits(h.gas_used, "header.gas_used"));
    YAO_TRY_VOID(check_fits(h.timestamp, "header.timestamp"));
    if (commit.transactions.size() > std::numeric_limits<int32_t>::max())
        return invalid("too many transactions");

    std::vector<Bytes> raws;
    raws.reserve(commit.transactions.size());
    std::unordered_set<Hash256> hashes;
    hashes.reserve(commit.transactions.size());
    uint64_t cumulative = 0;
    uint64_t log_count = 0;
    for (size_t i = 0; i < commit.transactions.size(); ++i) {
        const auto& t = commit.transactions[i];
        const auto where = [&](std::string_view what) {
            return fmt::format("transaction {} ({}): {}", i, to_hex(t.hash.view()), what);
        };
        Bytes raw = chain::encode_transaction(t.txn);
        if (keccak256(raw) != t.hash) return invalid(where("hash is not the hash of its contents"));
        if (!hashes.insert(t.hash).second)
            return fail(Errc::kDuplicateTransaction, where("appears twice in the block"));
        YAO_TRY_VOID(check_fits(t.txn.nonce, where("nonce")));
        YAO_TRY_VOID(check_fits(t.txn.gas_limit, where("gas_limit")));
        YAO_TRY_VOID(check_fits(t.gas_used, where("gas_used")));
        if (t.txn.chain_id) YAO_TRY_VOID(check_fits(*t.txn.chain_id, where("chain_id")));
        if (t.receipt.type != t.txn.type) return invalid(where("receipt type differs"));
        if (t.contract_address && t.txn.to)
            return invalid(where("contract address on a call (the transaction has a 'to')"));
        if (t.receipt.cumulative_gas_used != cumulative + t.gas_used)
            return invalid(
                where(fmt::format("cumulative gas {} != previous {} + gas used {}",
                                  t.receipt.cumulative_gas_used, cumulative, t.gas_used)));
        cumulative = t.receipt.cumulative_gas_used;
        for (const auto& log : t.receipt.logs)
            if (log.topics.size() > kMaxTopics) return invalid(where("a log has over 4 topics"));
        log_count += t.receipt.logs.size();
        raws.push_back(std::move(raw));
    }
    if (cumulative != h.gas_used)
        return invalid(fmt::format("header gas used {} != the receipts' cumulative gas {}",
                                   h.gas_used, cumulative));
    if (log_count > static_cast<uint64_t>(std::numeric_limits<int32_t>::max()))
        return invalid("too many logs");

    std::unordered_set<Address> addresses;
    addresses.reserve(commit.accounts.size());
    for (const auto& a : commit.accounts) {
        if (!addresses.insert(a.address).second)
            return invalid(fmt::format("account {} changed twice", to_hex(a.address.view())));
        if (a.account) YAO_TRY_VOID(check_fits(a.account->nonce, "account nonce"));
    }
    std::set<StorageKey> slots;
    for (const auto& s : commit.storage)
        if (!slots.insert({s.address, s.slot}).second)
            return invalid(fmt::format("storage slot {} of {} changed twice", to_hex(s.slot.view()),
                                       to_hex(s.address.view())));
    if (!commit.patch.empty() && h.extra_data != Bytes{keccak256(commit.patch).view()})
        return invalid("the header's extraData is not keccak256 of the block's state patch");
    std::unordered_set<Hash256> codes;
    for (const auto& c : commit.code) {
        if (keccak256(c.code) != c.code_hash)
            return invalid(
                fmt::format("code {} is not the hash of its bytes", to_hex(c.code_hash.view())));
        if (!codes.insert(c.code_hash).second)
            return invalid(fmt::format("code {} listed twice", to_hex(c.code_hash.view())));
    }
    return raws;
}

Result<void> validate_commit(const BlockCommit& commit) {
    YAO_TRY_VOID(encode_validated(commit));
    return {};
}


Result<std::optional<Bytes>> ChainStore::state_patch(uint64_t) { return std::optional<Bytes>{}; }

Result<StateImage> ChainStore::state_image(std::optional<uint64_t>, size_t) {
    return fail(Errc::kInvalidArgument, "this store cannot read state images");
}

// ---- Election and fencing: stores that cannot fence say so ----------------------------------

namespace {

std::unexpected<Error> cannot_fence(std::string_view what) {
    return std::unexpected(
        Error{Errc::kInvalidArgument, fmt::format("this store keeps no {}", what)});
}

/// The leases table of a chain store as a LeaseStore.
class StoreLeases final : public LeaseStore {
public:
    explicit StoreLeases(std::shared_ptr<ChainStore> store) : store_{std::move(store)} {}
    Result<std::optional<LeaseRecord>> get(std::string_view name) override {
        return store_->read_lease(name);
    }
    Result<LeaseRecord> update(std::string_view name, const LeaseRecord& next) override {
        return store_->write_lease(name, next);
    }

private:
    std::shared_ptr<ChainStore> store_;
};

}  // namespace

Result<uint64_t> ChainStore::raise_fence(uint64_t) { return cannot_fence("sequencer fence"); }

Result<std::optional<LeaseRecord>> ChainStore::read_lease(std::string_view) {
    return cannot_fence("leases");
}

Result<std::string> ChainStore::pin_setting(std::string_view, std::string_view) {
    return cannot_fence("settings");
}

Result<std::optional<std::string>> ChainStore::setting(std::string_view) {
    return cannot_fence("settings");
}

Result<BlockRows> ChainStore::block_rows(uint64_t) {
    return cannot_fence("row images");
}

Result<StateRows> ChainStore::state_rows() {
    return cannot_fence("row images");
}

Result<LeaseRecord> ChainStore::write_lease(std::string_view, const LeaseRecord&) {
    return cannot_fence("leases");
}

Result<AddressHistoryPage> ChainStore::address_history(const AddressHistoryQuery&) {
    return cannot_fence("address index");
}

Result<std::optional<StoredTransaction>> ChainStore::transaction_by_sender_and_nonce(const Address&,
                                                                                     uint64_t) {
    return cannot_fence("sender index");
}

Result<std::optional<StoredTransaction>> ChainStore::creation_transaction(const Address&) {
    return cannot_fence("creation index");
}

std::unique_ptr<LeaseStore> make_store_leases(std::shared_ptr<ChainStore> store) {
    return std::make_unique<StoreLeases>(std::move(store));
}

}  // namespace yao::storage
