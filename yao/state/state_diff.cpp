// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "state_diff.hpp"

#include <algorithm>
#include <array>
#include <system_error>
#include <tuple>

#include <yao/common/keccak.hpp>
#include <yao/common/rlp.hpp>

namespace yao::state {
namespace {

void encode_u256(Bytes& out, const Uint256& v) {
    std::array<uint8_t, 32> be{};
    v.to_be_bytes(be.data());
    size_t skip = 0;
    while (skip < be.size() && be[skip] == 0) ++skip;
    rlp::encode_string(out, BytesView{be.data() + skip, be.size() - skip});
}

std::unexpected<Error> invalid(const char* what) {
    return std::unexpected(Error{std::make_error_code(std::errc::invalid_argument), what});
}

void close_list(Bytes& out, const Bytes& payload) { rlp::encode_list(out, payload); }

}  // namespace

Result<Bytes> encode_state_diff(const StateDiff& diff) {
    Bytes accounts, storage, code, item;
    for (size_t i = 0; i < diff.accounts.size(); ++i) {
        const auto& e = diff.accounts[i];
        if (i > 0 && !(diff.accounts[i - 1].address < e.address)) {
            return invalid( "state diff: accounts not sorted or repeated");
        }
        item.clear();
        rlp::encode_string(item, e.address.view());
        if (e.account) {
            rlp::encode_uint(item, e.account->nonce);
            encode_u256(item, e.account->balance);
            rlp::encode_string(item, e.account->code_hash.view());
        }
        close_list(accounts, item);
    }
    for (size_t i = 0; i < diff.storage.size(); ++i) {
        const auto& e = diff.storage[i];
        if (i > 0) {
            const auto& p = diff.storage[i - 1];
            if (!(std::tie(p.address, p.slot) < std::tie(e.address, e.slot))) {
                return invalid(
                            "state diff: storage not sorted or repeated");
            }
        }
        item.clear();
        rlp::encode_string(item, e.address.view());
        rlp::encode_string(item, e.slot.view());
        rlp::encode_string(item, e.value.view());
        close_list(storage, item);
    }
    for (size_t i = 0; i < diff.code.size(); ++i) {
        const auto& e = diff.code[i];
        if (i > 0 && !(diff.code[i - 1].code_hash < e.code_hash)) {
            return invalid( "state diff: code not sorted or repeated");
        }
        rlp::encode_string(code, e.code_hash.view());
    }
    Bytes payload, out;
    close_list(payload, accounts);
    close_list(payload, storage);
    close_list(payload, code);
    close_list(out, payload);
    return out;
}

Result<Hash256> chained_state_root(const Hash256& parent_root, const StateDiff& diff) {
    YAO_TRY(auto encoded, encode_state_diff(diff));
    const Hash256 diff_hash = keccak256(encoded);
    Bytes buf;
    buf.reserve(64);
    buf.append(parent_root.view());
    buf.append(diff_hash.view());
    return keccak256(buf);
}

void sort_state_diff(StateDiff& diff) {
    std::ranges::sort(diff.accounts, {}, &StateDiff::AccountEntry::address);
    std::ranges::sort(diff.storage, [](const auto& a, const auto& b) {
        return std::tie(a.address, a.slot) < std::tie(b.address, b.slot);
    });
    std::ranges::sort(diff.code, {}, &StateDiff::CodeEntry::code_hash);
}

}  // namespace yao::state
