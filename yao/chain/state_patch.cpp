// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "state_patch.hpp"

#include <algorithm>
#include <map>

#include <yao/common/keccak.hpp>
#include <yao/common/rlp.hpp>

#include "errc.hpp"
#include "system_contracts.hpp"

namespace yao::chain {
namespace {

void encode_optional(Bytes& out, const auto& value, auto&& encode_one) {
    Bytes item;
    if (value) encode_one(item, *value);
    rlp::encode_list(out, item);
}

void encode_u256(Bytes& out, const Uint256& v) {
    uint8_t be[32];
    v.to_be_bytes(be);
    rlp::encode_uint_be(out, BytesView{be, sizeof be});
}

/// Reads an "optional" field: an empty list or a list of one item read by `read_one`.
template <class T, class F>
Result<std::optional<T>> read_optional(rlp::Reader& r, F&& read_one) {
    YAO_TRY(rlp::Reader list, r.read_list());
    if (list.at_end()) return std::optional<T>{};
    YAO_TRY(T value, read_one(list));
    YAO_TRY_VOID(list.expect_end());
    return std::optional<T>{std::move(value)};
}

std::unexpected<Error> not_canonical(std::string what) {
    return fail(Errc::kInvalidStatePatch, std::move(what));
}

}  // namespace

void normalize(StatePatch& patch) {
    std::map<Address, AccountPatch> merged;
    for (AccountPatch& a : patch.accounts) {
        auto [it, fresh] = merged.try_emplace(a.address, AccountPatch{a.address, {}, {}, {}, {}});
        AccountPatch& m = it->second;
        if (a.balance) m.balance = a.balance;
        if (a.nonce) m.nonce = a.nonce;
        if (a.code) m.code = std::move(a.code);
        std::map<Hash256, Hash256> slots(m.storage.begin(), m.storage.end());
        for (const auto& [k, v] : a.storage) slots[k] = v;
        // The EIP-2935 ring holds this chain's own block hashes, written by every block.
        if (a.address == history_storage_address()) slots.clear();
        m.storage.assign(slots.begin(), slots.end());
    }
    patch.accounts.clear();
    for (auto& [addr, a] : merged) patch.accounts.push_back(std::move(a));
    std::sort(patch.unsigned_txs.begin(), patch.unsigned_txs.end());
    patch.unsigned_txs.erase(std::unique(patch.unsigned_txs.begin(), patch.unsigned_txs.end()),
                             patch.unsigned_txs.end());
}

Bytes encode_state_patch(const StatePatch& patch) {
    Bytes accounts;
    for (const AccountPatch& a : patch.accounts) {
        Bytes entry;
        rlp::encode_string(entry, a.address.view());
        encode_optional(entry, a.balance, encode_u256);
        encode_optional(entry, a.nonce, [](Bytes& o, uint64_t n) { rlp::encode_uint(o, n); });
        encode_optional(entry, a.code, [](Bytes& o, const Bytes& c) { rlp::encode_string(o, c); });
        Bytes slots;
        for (const auto& [k, v] : a.storage) {
            Bytes pair;
            rlp::encode_string(pair, k.view());
            rlp::encode_string(pair, v.view());
            rlp::encode_list(slots, pair);
        }
        rlp::encode_list(entry, slots);
        rlp::encode_list(accounts, entry);
    }
    Bytes hashes;
    for (const Hash256& h : patch.unsigned_txs) rlp::encode_string(hashes, h.view());
    Bytes payload;
    rlp::encode_list(payload, accounts);
    rlp::encode_list(payload, hashes);
    Bytes out;
    rlp::encode_list(out, payload);
    return out;
}

Result<StatePatch> decode_state_patch(BytesView encoded) {
    StatePatch patch;
    YAO_TRY(rlp::Item top, rlp::decode_exactly_one(encoded));
    rlp::Reader outer{top.encoded};
    YAO_TRY(rlp::Reader body, outer.read_list());
    YAO_TRY(rlp::Reader accounts, body.read_list());
    while (!accounts.at_end()) {
        YAO_TRY(rlp::Reader e, accounts.read_list());
        AccountPatch a;
        YAO_TRY(a.address, e.read_fixed<20>());
        if (!patch.accounts.empty() && !(patch.accounts.back().address < a.address))
            return not_canonical("accounts not sorted or repeated");
        YAO_TRY(a.balance, read_optional<Uint256>(e, [](rlp::Reader& r) -> Result<Uint256> {
                    YAO_TRY(BytesView be, r.read_uint_be(32));
                    return Uint256::from_be_bytes(be);
                }));
        YAO_TRY(a.nonce,
                read_optional<uint64_t>(e, [](rlp::Reader& r) { return r.read_u64(); }));
        YAO_TRY(a.code, read_optional<Bytes>(e, [](rlp::Reader& r) -> Result<Bytes> {
                    YAO_TRY(BytesView c, r.read_string());
                    return Bytes{c};
                }));
        YAO_TRY(rlp::Reader slots, e.read_list());
        while (!slots.at_end()) {
            YAO_TRY(rlp::Reader pair, slots.read_list());
            YAO_TRY(Hash256 k, pair.read_fixed<32>());
            YAO_TRY(Hash256 v, pair.read_fixed<32>());
            YAO_TRY_VOID(pair.expect_end());
            if (!a.storage.empty() && !(a.storage.back().first < k))
                return not_canonical("slots not sorted or repeated");
            a.storage.emplace_back(k, v);
        }
        YAO_TRY_VOID(e.expect_end());
        patch.accounts.push_back(std::move(a));
    }
    YAO_TRY(rlp::Reader hashes, body.read_list());
    while (!hashes.at_end()) {
        YAO_TRY(Hash256 h, hashes.read_fixed<32>());
        if (!patch.unsigned_txs.empty() && !(patch.unsigned_txs.back() < h))
            return not_canonical("transaction hashes not sorted or repeated");
        patch.unsigned_txs.push_back(h);
    }
    YAO_TRY_VOID(body.expect_end());
    return patch;
}

Bytes patch_extra_data(const StatePatch& patch) {
    if (patch.empty()) return {};
    return Bytes{keccak256(encode_state_patch(patch)).view()};
}

}  // namespace yao::chain
