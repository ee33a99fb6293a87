// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "prestate_tracer.hpp"

#include <algorithm>
#include <cstring>

#include <yao/evm/opcodes.hpp>
#include <yao/state/execution_host.hpp>

#include "json_codec.hpp"

namespace yao::rpc {
namespace {

Address to_address(const Uint256& v) {
    const Hash256 h = v.to_hash();
    Address a;
    std::memcpy(a.data(), h.data() + 12, 20);
    return a;
}

/// geth pads a CREATE2 init code read past memory's end with zeros, up to 1 MiB of padding.
constexpr uint64_t kMemoryPadLimit = 1 << 20;

}  // namespace

void PrestateTracer::begin(const Address& from, const std::optional<Address>& to,
                           const Address& coinbase,
                           const chain::AuthorizationList& authorizations) {
    Address target;
    if (to) {
        target = *to;
    } else {
        target = state::create_address(from, state_.nonce(from));
        created_.insert(target);
    }
    lookup_account(from);
    lookup_account(target);
    lookup_account(coinbase);
    for (const chain::Authorization& auth : authorizations)
        if (auto authority = chain::recover_authority(auth)) lookup_account(*authority);
}

void PrestateTracer::on_step(const evm::Step& s) {
    const size_t n = s.stack.size();
    const Address& self = s.msg->recipient;
    switch (s.opcode) {
        case evm::OP_SLOAD:
        case evm::OP_SSTORE:
            if (n >= 1) lookup_storage(self, s.stack[n - 1].to_hash());
            break;
        case evm::OP_EXTCODECOPY:
        case evm::OP_EXTCODEHASH:
        case evm::OP_EXTCODESIZE:
        case evm::OP_BALANCE:
        case evm::OP_SELFDESTRUCT:
            if (n >= 1) {
                lookup_account(to_address(s.stack[n - 1]));
                if (s.opcode == evm::OP_SELFDESTRUCT) deleted_.insert(self);
            }
            break;
        case evm::OP_CALL:
        case evm::OP_CALLCODE:
        case evm::OP_DELEGATECALL:
        case evm::OP_STATICCALL:
            if (n >= 5) lookup_account(to_address(s.stack[n - 2]));
            break;
        case evm::OP_CREATE: {
            const Address addr = state::create_address(self, state_.nonce(self));
            lookup_account(addr);
            created_.insert(addr);
            break;
        }
        case evm::OP_CREATE2: {
            if (n < 4) break;
            const Uint256& offset = s.stack[n - 2];
            const Uint256& size = s.stack[n - 3];
            if (!offset.fits_u64() || !size.fits_u64()) break;
            const uint64_t off = offset.low64();
            const uint64_t len = size.low64();
            if (len > 0 && (off > s.memory.size() + kMemoryPadLimit ||
                            len > s.memory.size() + kMemoryPadLimit - off))
                break;  // geth gives up on this lookup too
            Bytes init(len, 0);
            if (off < s.memory.size()) {
                const size_t have = std::min<size_t>(len, s.memory.size() - off);
                std::memcpy(init.data(), s.memory.data() + off, have);
            }
            const Address addr = state::create2_address(self, s.stack[n - 4].to_hash(), init);
            lookup_account(addr);
            created_.insert(addr);
            break;
        }
        default:
            break;
    }
}

void PrestateTracer::lookup_account(const Address& addr) {
    if (pre_.contains(addr)) return;
    Account a;
    a.balance = state_.balance(addr);
    a.nonce = state_.nonce(addr);
    a.code = Bytes{state_.code(addr)};
    a.empty = a.nonce == 0 && a.code.empty() && a.balance->is_zero();
    if (config_.disable_code) a.code.clear();  // after the emptiness check, as geth does
    pre_.emplace(addr, std::move(a));
}

void PrestateTracer::lookup_storage(const Address& addr, const Hash256& key) {
    if (config_.disable_storage) return;
    lookup_account(addr);
    auto& slots = pre_[addr].storage;
    if (slots.contains(key)) return;
    slots.emplace(key, state_.storage(addr, key));
}

void PrestateTracer::end() {
    if (config_.diff_mode) process_diff();
    // A created account that was empty before is not part of the prestate.
    for (const Address& a : created_)
        if (auto it = pre_.find(a); it != pre_.end() && it->second.empty) pre_.erase(it);
}

void PrestateTracer::process_diff() {
    for (auto it = pre_.begin(); it != pre_.end();) {
        const Address& addr = it->first;
        Account& before = it->second;
        // A self-destructed account keeps its prestate and has no post entry.
        if (deleted_.contains(addr)) {
            ++it;
            continue;
        }
        bool modified = false;
        Account after;
        const Uint256 balance = state_.balance(addr);
        const uint64_t nonce = state_.nonce(addr);
        if (balance != *before.balance) {
            modified = true;
            after.balance = balance;
        }
        if (nonce != before.nonce) {
            modified = true;
            after.nonce = nonce;
        }
        if (!config_.disable_code) {
            const BytesView code = state_.code(addr);
            if (code != BytesView{before.code}) {
                modified = true;
                after.code = Bytes{code};
            }
        }
        for (auto slot = before.storage.begin(); slot != before.storage.end();) {
            const Hash256 now = state_.storage(addr, slot->first);
            if (now == slot->second) {
                slot = before.storage.erase(slot);  // unchanged
                continue;
            }
            modified = true;
            if (now != Hash256{}) after.storage.emplace(slot->first, now);
            // A slot that was zero before is left out of the prestate.
            if (slot->second == Hash256{}) {
                slot = before.storage.erase(slot);
            } else {
                ++slot;
            }
        }
        if (modified) {
            post_.emplace(addr, std::move(after));
            ++it;
        } else {
            it = pre_.erase(it);
        }
    }
}

Json PrestateTracer::to_json(const std::map<Address, Account>& accounts) {
    Json out = Json::object();
    for (const auto& [addr, a] : accounts) {
        Json j = Json::object();
        if (a.balance) j["balance"] = quantity(*a.balance);
        if (!a.code.empty()) j["code"] = data_hex(a.code);
        if (a.nonce != 0) j["nonce"] = a.nonce;
        if (!a.storage.empty()) {
            Json storage = Json::object();
            for (const auto& [k, v] : a.storage) storage[hash_hex(k)] = hash_hex(v);
            j["storage"] = std::move(storage);
        }
        out[address_hex(addr)] = std::move(j);
    }
    return out;
}

Json PrestateTracer::result() const {
    if (!config_.diff_mode) return to_json(pre_);
    return Json{{"post", to_json(post_)}, {"pre", to_json(pre_)}};
}

}  // namespace yao::rpc
