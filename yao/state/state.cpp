// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "state.hpp"

#include <algorithm>
#include <utility>

#include <yao/common/assert.hpp>
#include <yao/common/keccak.hpp>

namespace yao::state {
namespace {

// The RIPEMD-160 precompile. Its touch survives a revert: in mainnet block 2675119 the empty
// account 0x03 was cleared although the call that touched it ran out of gas, and every client
// keeps that behaviour (execution-specs `incorporate_child_on_error`).
constexpr Address kRipemdAddress{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3}};

const Bytes kNoCode;

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

bool scalars_empty(uint64_t nonce, const Uint256& balance, const Hash256& code_hash) {
    return nonce == 0 && balance.is_zero() && code_hash == kEmptyCodeHash;
}

}  // namespace

// ---- loading ------------------------------------------------------------------------------

State::Object& State::load(const Address& addr) {
    const auto it = objects_.find(addr);
    if (it != objects_.end()) return it->second;
    Object obj;
    obj.initial = view_.account(addr);
    if (obj.initial) {
        obj.cur.exists = true;
        obj.cur.nonce = obj.initial->nonce;
        obj.cur.balance = obj.initial->balance;
        obj.cur.code_hash = obj.initial->code_hash;
    }
    return objects_.emplace(addr, std::move(obj)).first->second;
}

State::Slot& State::load_slot(const Address& addr, Object& obj, const Hash256& key) {
    const auto it = obj.storage.find(key);
    if (it != obj.storage.end()) return it->second;
    Hash256 value;
    // An account absent from the view has no storage there: no need to ask.
    if (!obj.storage_cleared && obj.initial) value = view_.storage(addr, key);
    return obj.storage.emplace(key, Slot{value, value, value}).first->second;
}

const Bytes& State::intern_code(const Hash256& hash, Bytes code) {
    return codes_.try_emplace(hash, std::move(code)).first->second;
}

State::Scalars& State::modify(const Address& addr, Object& obj) {
    journal_.emplace_back(AccountChanged{addr, obj.cur, obj.code});
    return obj.cur;
}

// ---- accounts -----------------------------------------------------------------------------

bool State::exists(const Address& addr) {
    return load(addr).cur.exists;
}

bool State::is_dead(const Address& addr) {
    const Scalars& s = load(addr).cur;
    return !s.exists || scalars_empty(s.nonce, s.balance, s.code_hash);
}

std::optional<Account> State::account(const Address& addr) {
    const Scalars& s = load(addr).cur;
    if (!s.exists) return std::nullopt;
    return Account{s.nonce, s.balance, s.code_hash};
}

uint64_t State::nonce(const Address& addr) {
    return load(addr).cur.nonce;
}

Uint256 State::balance(const Address& addr) {
    return load(addr).cur.balance;
}

Hash256 State::code_hash(const Address& addr) {
    return load(addr).cur.code_hash;
}

BytesView State::code(const Address& addr) {
    Object& obj = load(addr);
    if (obj.code == nullptr) {
        const Hash256& hash = obj.cur.code_hash;
        if (hash == kEmptyCodeHash) {
            obj.code = &kNoCode;
        } else if (const auto it = codes_.find(hash); it != codes_.end()) {
            obj.code = &it->second;
        } else {
            obj.code = &intern_code(hash, view_.code(hash));
        }
    }
    return *obj.code;
}

bool State::has_storage(const Address& addr) {
    Object& obj = load(addr);
    for (const auto& [key, slot] : obj.storage)
        if (!slot.current.is_zero()) return true;
    return !obj.storage_cleared && obj.initial && view_.has_storage(addr);
}

void State::set_nonce(const Address& addr, uint64_t nonce) {
    Scalars& s = modify(addr, load(addr));
    s.exists = true;
    s.nonce = nonce;
}

void State::set_balance(const Address& addr, const Uint256& balance) {
    Scalars& s = modify(addr, load(addr));
    s.exists = true;
    s.balance = balance;
    touch(addr);
}

void State::set_balance_untouched(const Address& addr, const Uint256& balance) {
    Scalars& s = modify(addr, load(addr));
    s.exists = true;
    s.balance = balance;
}

void State::add_balance(const Address& addr, const Uint256& amount) {
    touch(addr);
    if (amount.is_zero()) return;
    Scalars& s = modify(addr, load(addr));
    s.exists = true;
    s.balance += amount;
}

void State::sub_balance(const Address& addr, const Uint256& amount) {
    touch(addr);
    if (amount.is_zero()) return;
    Scalars& s = modify(addr, load(addr));
    YAO_ASSERT(s.balance >= amount);
    s.exists = true;
    s.balance -= amount;
}

void State::set_code(const Address& addr, BytesView code) {
    Object& obj = load(addr);
    const Hash256 hash = keccak256(code);
    Scalars& s = modify(addr, obj);
    s.exists = true;
    s.code_hash = hash;
    obj.code = code.empty() ? &kNoCode : &intern_code(hash, Bytes{code});
}

// ---- storage ------------------------------------------------------------------------------

Hash256 State::storage(const Address& addr, const Hash256& key) {
    Object& obj = load(addr);
    return load_slot(addr, obj, key).current;
}

Hash256 State::original_storage(const Address& addr, const Hash256& key) {
    Object& obj = load(addr);
    return load_slot(addr, obj, key).original;
}

evm::StorageWrite State::set_storage(const Address& addr, const Hash256& key,
                                     const Hash256& value) {
    Object& obj = load(addr);
    Slot& slot = load_slot(addr, obj, key);
    const evm::StorageWrite before{slot.original, slot.current};
    if (slot.current != value) {
        journal_.emplace_back(StorageChanged{addr, key, slot.current});
        slot.current = value;
    }
    return before;
}

Hash256 State::transient_storage(const Address& addr, const Hash256& key) {
    const auto it = transient_.find(SlotKey{addr, key});
    return it == transient_.end() ? Hash256{} : it->second;
}

void State::set_transient_storage(const Address& addr, const Hash256& key, const Hash256& value) {
    Hash256& slot = transient_[SlotKey{addr, key}];
    if (slot == value) return;
    journal_.emplace_back(TransientChanged{addr, key, slot});
    slot = value;
}

// ---- per-transaction sets -----------------------------------------------------------------

evm::AccessStatus State::access_account(const Address& addr) {
    if (!warm_accounts_.insert(addr).second) return evm::AccessStatus::kWarm;
    journal_.emplace_back(AccountWarmed{addr});
    return evm::AccessStatus::kCold;
}

evm::AccessStatus State::access_storage(const Address& addr, const Hash256& key) {
    if (!warm_slots_.insert(SlotKey{addr, key}).second) return evm::AccessStatus::kWarm;
    journal_.emplace_back(SlotWarmed{addr, key});
    return evm::AccessStatus::kCold;
}

bool State::is_warm(const Address& addr) const {
    return warm_accounts_.contains(addr);
}

bool State::is_warm(const Address& addr, const Hash256& key) const {
    return warm_slots_.contains(SlotKey{addr, key});
}

void State::touch(const Address& addr) {
    if (touched_.insert(addr).second) journal_.emplace_back(Touched{addr});
}

void State::mark_created(const Address& addr) {
    if (created_.insert(addr).second) journal_.emplace_back(Created{addr});
}

void State::mark_destructed(const Address& addr) {
    if (destructed_.insert(addr).second) journal_.emplace_back(Destructed{addr});
}

void State::add_log(Log log) {
    logs_.push_back(std::move(log));
}

// ---- journal ------------------------------------------------------------------------------

void State::revert(const Checkpoint& cp) {
    YAO_ASSERT(cp.journal <= journal_.size() && cp.logs <= logs_.size());
    while (journal_.size() > cp.journal) {
        std::visit(Overloaded{
                       [&](const AccountChanged& e) {
                           Object& obj = objects_.at(e.addr);
                           obj.cur = e.prev;
                           obj.code = e.code;
                       },
                       [&](const StorageChanged& e) {
                           objects_.at(e.addr).storage.at(e.key).current = e.prev;
                       },
                       [&](const TransientChanged& e) {
                           transient_[SlotKey{e.addr, e.key}] = e.prev;
                       },
                       [&](const AccountWarmed& e) { warm_accounts_.erase(e.addr); },
                       [&](const SlotWarmed& e) {
                           warm_slots_.erase(SlotKey{e.addr, e.key});
                       },
                       [&](const Touched& e) {
                           if (e.addr != kRipemdAddress) touched_.erase(e.addr);
                       },
                       [&](const Created& e) { created_.erase(e.addr); },
                       [&](const Destructed& e) { destructed_.erase(e.addr); },
                   },
                   journal_.back());
        journal_.pop_back();
    }
    logs_.resize(cp.logs);
}

void State::delete_account(Object& obj) {
    obj.cur = Scalars{};
    obj.code = nullptr;
    obj.storage.clear();
    obj.storage_cleared = true;
}

void State::finalize_transaction() {
    // The storage written in this transaction becomes the "original" of the next one.
    for (const JournalEntry& entry : journal_) {
        if (const auto* e = std::get_if<StorageChanged>(&entry)) {
            Slot& slot = objects_.at(e->addr).storage.at(e->key);
            slot.original = slot.current;
        }
    }
    for (const Address& addr : destructed_) delete_account(load(addr));
    for (const Address& addr : touched_) {
        Object& obj = load(addr);
        if (obj.cur.exists && scalars_empty(obj.cur.nonce, obj.cur.balance, obj.cur.code_hash))
            delete_account(obj);
    }
    journal_.clear();
    logs_.clear();
    transient_.clear();
    warm_accounts_.clear();
    warm_slots_.clear();
    touched_.clear();
    created_.clear();
    destructed_.clear();
}

// ---- results ------------------------------------------------------------------------------

WriteSet State::write_set() const {
    WriteSet ws;
    for (const auto& [addr, obj] : objects_) {
        AccountUpdate update;
        update.address = addr;
        if (obj.cur.exists)
            update.account = Account{obj.cur.nonce, obj.cur.balance, obj.cur.code_hash};
        update.storage_cleared = obj.storage_cleared && obj.initial.has_value();
        for (const auto& [key, slot] : obj.storage) {
            const bool changed =
                obj.storage_cleared ? !slot.current.is_zero() : slot.current != slot.initial;
            if (changed) update.storage.push_back({key, slot.current});
        }
        if (update.account == obj.initial && !update.storage_cleared && update.storage.empty())
            continue;
        std::sort(update.storage.begin(), update.storage.end(),
                  [](const StorageChange& a, const StorageChange& b) { return a.key < b.key; });
        if (update.account &&
            (!obj.initial || obj.initial->code_hash != update.account->code_hash) &&
            update.account->code_hash != kEmptyCodeHash) {
            const auto code = codes_.find(update.account->code_hash);
            YAO_ASSERT(code != codes_.end());
            ws.new_code.emplace_back(code->first, code->second);
        }
        ws.accounts.push_back(std::move(update));
    }
    std::sort(ws.accounts.begin(), ws.accounts.end(),
              [](const AccountUpdate& a, const AccountUpdate& b) { return a.address < b.address; });
    std::sort(ws.new_code.begin(), ws.new_code.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    ws.new_code.erase(std::unique(ws.new_code.begin(), ws.new_code.end(),
                                  [](const auto& a, const auto& b) { return a.first == b.first; }),
                      ws.new_code.end());
    return ws;
}

void apply_write_set(MemoryStateView& view, const WriteSet& ws) {
    for (const auto& [hash, code] : ws.new_code) view.add_code(code);
    for (const AccountUpdate& update : ws.accounts) {
        if (!update.account) {
            view.remove_account(update.address);
            continue;
        }
        view.set_account(update.address, *update.account);
        if (update.storage_cleared) view.clear_storage(update.address);
        for (const StorageChange& change : update.storage)
            view.set_storage(update.address, change.key, change.value);
    }
}

}  // namespace yao::state
