// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "speculation.hpp"

namespace yao::vulcan {

std::shared_ptr<const SpeculativeBlock> SpeculativeBlock::from(
    const proto::ExecutionResult& result, const Hash256& digest) {
    auto b = std::make_shared<SpeculativeBlock>();
    b->number = result.proposal.number;
    b->digest = digest;
    b->accounts.reserve(result.diff.accounts.size());
    for (const auto& e : result.diff.accounts) b->accounts.emplace(e.address, e.account);
    for (const auto& e : result.diff.storage) b->storage.emplace(state::SlotKey{e.address, e.slot}, e.value);
    for (const auto& e : result.diff.code) b->code.emplace(e.code_hash, e.code);
    return b;
}

SpeculativeView::SpeculativeView(state::StateView& inner,
                                 std::vector<std::shared_ptr<const SpeculativeBlock>> blocks,
                                 const Address& coinbase)
    : inner_{inner}, blocks_{std::move(blocks)}, coinbase_{coinbase} {}

std::optional<state::Account> SpeculativeView::account(const Address& addr) {
    if (addr != coinbase_) {
        for (auto it = blocks_.rbegin(); it != blocks_.rend(); ++it) {
            if (auto f = (*it)->accounts.find(addr); f != (*it)->accounts.end()) {
                served_.accounts[addr] = (*it)->number;
                return f->second;
            }
        }
    }
    return inner_.account(addr);
}

Hash256 SpeculativeView::storage(const Address& addr, const Hash256& key) {
    const state::SlotKey k{addr, key};
    for (auto it = blocks_.rbegin(); it != blocks_.rend(); ++it) {
        if (auto f = (*it)->storage.find(k); f != (*it)->storage.end()) {
            served_.storage[k] = (*it)->number;
            return f->second;
        }
    }
    return inner_.storage(addr, key);
}

Bytes SpeculativeView::code(const Hash256& code_hash) {
    for (auto it = blocks_.rbegin(); it != blocks_.rend(); ++it) {
        if (auto f = (*it)->code.find(code_hash); f != (*it)->code.end()) return f->second;
    }
    return inner_.code(code_hash);
}

bool SpeculativeView::has_storage(const Address& addr) {
    for (auto it = blocks_.rbegin(); it != blocks_.rend(); ++it) {
        auto f = (*it)->storage.lower_bound(state::SlotKey{addr, Hash256{}});
        for (; f != (*it)->storage.end() && f->first.address == addr; ++f)
            if (!f->second.is_zero()) return true;
    }
    return inner_.has_storage(addr);
}

void SpeculativeView::add_reads(state::ReadSet& reads) const {
    for (const auto& [a, v] : served_.accounts) reads.accounts[a] = v;
    for (const auto& [k, v] : served_.storage) reads.storage[k] = v;
}

std::vector<proto::BlockHashRead> SpeculativeView::bases() const {
    std::vector<proto::BlockHashRead> out;
    out.reserve(blocks_.size());
    for (const auto& b : blocks_) out.push_back({b->number, b->digest});
    return out;
}

}  // namespace yao::vulcan
