// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

// An in-memory Host for interpreter tests and benchmarks. It is NOT the node's host (yao/state):
// no precompiles, no EIP-6780 deletion, no transaction-level rules. It keeps accounts, original
// and current storage, warm sets, transient storage and logs, records every call, and answers
// calls either with a configured result or by executing the callee's code with execute(), with a
// journal so that a failing nested frame is rolled back.

#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include <yao/common/keccak.hpp>
#include <yao/common/rlp.hpp>
#include <yao/evm/host.hpp>
#include <yao/evm/vm.hpp>

namespace yao::evm::test {

/// A storage slot: the value at the start of the transaction and the current one.
struct FakeSlot {
    Hash256 original;
    Hash256 current;
};

struct FakeAccount {
    Uint256 balance;
    uint64_t nonce = 0;
    Bytes code;
    Hash256 code_hash;  ///< keccak256(code); kept in step by set_code()
    std::unordered_map<Hash256, FakeSlot> storage;

    /// Sets the code and its hash.
    void set_code(BytesView c) {
        if (c.empty())
            code.clear();
        else
            code.assign(c.data(), c.size());
        code_hash = keccak256(code);
    }
    /// Sets a slot's original and current value (as loaded at the start of the transaction).
    void set_slot(const Hash256& key, const Hash256& value) { storage[key] = {value, value}; }
    bool is_empty() const { return nonce == 0 && balance.is_zero() && code.empty(); }
};

/// One emitted log.
struct FakeLog {
    Address address;
    std::vector<Hash256> topics;
    Bytes data;
    friend bool operator==(const FakeLog&, const FakeLog&) = default;
};

/// A recorded Host::call: the message with its input copied.
struct RecordedCall {
    Message msg;
    Bytes input;
};

class FakeHost : public Host {
public:
    /// How call() answers: with `call_result`, or by running the callee's code.
    bool execute_calls = false;
    /// Whether call() appends to `calls` (benchmarks turn it off).
    bool record_calls = true;
    ExecResult call_result{Status::kSuccess, 0, 0, {}, {}};
    Revision rev = Revision::kCancun;

    std::unordered_map<Address, FakeAccount> accounts;
    TxContext tx;
    std::set<Address> warm_accounts;
    std::set<std::pair<Address, Hash256>> warm_slots;
    std::map<std::pair<Address, Hash256>, Hash256> transient;
    std::vector<FakeLog> logs;
    std::vector<RecordedCall> calls;
    std::vector<std::pair<Address, Address>> selfdestructs;
    std::map<uint64_t, Hash256> block_hashes;
    std::vector<uint64_t> block_hash_requests;

    FakeAccount& account(const Address& a) { return accounts[a]; }

    /// Starts a new transaction: current storage becomes original, warm sets, transient
    /// storage, logs, records and the journal are cleared.
    void begin_transaction() {
        for (auto& [a, acc] : accounts)
            for (auto& [k, slot] : acc.storage) slot.original = slot.current;
        warm_accounts.clear();
        warm_slots.clear();
        transient.clear();
        logs.clear();
        calls.clear();
        selfdestructs.clear();
        journal_.clear();
    }

    // ---- Host --------------------------------------------------------------------------------

    bool account_exists(const Address& addr) override {
        const auto it = accounts.find(addr);
        return it != accounts.end() && !it->second.is_empty();
    }

    Hash256 get_storage(const Address& addr, const Hash256& key) override {
        const auto it = accounts.find(addr);
        if (it == accounts.end()) return {};
        const auto s = it->second.storage.find(key);
        return s == it->second.storage.end() ? Hash256{} : s->second.current;
    }

    StorageWrite set_storage(const Address& addr, const Hash256& key,
                             const Hash256& value) override {
        FakeSlot& slot = accounts[addr].storage[key];
        const StorageWrite w{slot.original, slot.current};
        journal_.push_back({Entry::kStorage, addr, key, slot.current, {}, 0});
        slot.current = value;
        return w;
    }

    Uint256 get_balance(const Address& addr) override {
        const auto it = accounts.find(addr);
        return it == accounts.end() ? Uint256{} : it->second.balance;
    }

    size_t get_code_size(const Address& addr) override {
        const auto it = accounts.find(addr);
        return it == accounts.end() ? 0 : it->second.code.size();
    }

    Hash256 get_code_hash(const Address& addr) override {
        const auto it = accounts.find(addr);
        if (it == accounts.end() || it->second.is_empty()) return {};
        return it->second.code.empty() ? keccak256({}) : it->second.code_hash;
    }

    BytesView get_code(const Address& addr) override {
        const auto it = accounts.find(addr);
        return it == accounts.end() ? BytesView{} : BytesView{it->second.code};
    }

    void selfdestruct(const Address& addr, const Address& beneficiary) override {
        selfdestructs.emplace_back(addr, beneficiary);
        const Uint256 amount = get_balance(addr);
        set_balance(addr, 0);
        set_balance(beneficiary, get_balance(beneficiary) + amount);
    }

    ExecResult call(const Message& msg) override {
        if (record_calls) {
            calls.push_back({msg, copy(msg.input)});
            calls.back().msg.input = calls.back().input;
        }
        if (!execute_calls) return call_result;
        if (msg.kind == CallKind::kCreate || msg.kind == CallKind::kCreate2) return create(msg);

        const size_t snapshot = journal_.size();
        const size_t log_count = logs.size();
        if (msg.kind == CallKind::kCall && !msg.value.is_zero()) {
            set_balance(msg.sender, get_balance(msg.sender) - msg.value);
            set_balance(msg.recipient, get_balance(msg.recipient) + msg.value);
        }
        const auto it = accounts.find(msg.code_address);
        ExecResult r;
        if (it == accounts.end() || it->second.code.empty()) {
            r.gas_left = msg.gas;
        } else {
            // A copy of the code hash: the map may rehash while the callee runs.
            const Hash256 hash = it->second.code_hash;
            r = execute(*this, rev, msg, it->second.code, &hash);
        }
        if (r.status != Status::kSuccess) revert(snapshot, log_count);
        return r;
    }

    const TxContext& tx_context() override { return tx; }

    Hash256 get_block_hash(uint64_t block_num) override {
        block_hash_requests.push_back(block_num);
        const auto it = block_hashes.find(block_num);
        return it == block_hashes.end() ? Hash256{} : it->second;
    }

    void emit_log(const Address& addr, std::span<const Hash256> topics, BytesView data) override {
        logs.push_back({addr, {topics.begin(), topics.end()}, copy(data)});
    }

    AccessStatus access_account(const Address& addr) override {
        if (warm_accounts.insert(addr).second) {
            journal_.push_back({Entry::kWarmAccount, addr, {}, {}, {}, 0});
            return AccessStatus::kCold;
        }
        return AccessStatus::kWarm;
    }

    AccessStatus access_storage(const Address& addr, const Hash256& key) override {
        if (warm_slots.insert({addr, key}).second) {
            journal_.push_back({Entry::kWarmSlot, addr, key, {}, {}, 0});
            return AccessStatus::kCold;
        }
        return AccessStatus::kWarm;
    }

    Hash256 get_transient_storage(const Address& addr, const Hash256& key) override {
        const auto it = transient.find({addr, key});
        return it == transient.end() ? Hash256{} : it->second;
    }

    void set_transient_storage(const Address& addr, const Hash256& key,
                               const Hash256& value) override {
        Hash256& slot = transient[{addr, key}];
        journal_.push_back({Entry::kTransient, addr, key, slot, {}, 0});
        slot = value;
    }

    /// The address CREATE from `sender` with `nonce` yields: keccak256(rlp([sender, nonce]))[12:].
    static Address create_address(const Address& sender, uint64_t nonce) {
        Bytes payload;
        rlp::encode_string(payload, sender);
        rlp::encode_uint(payload, nonce);
        Bytes list;
        rlp::encode_list(list, payload);
        return tail20(keccak256(list));
    }

    /// CREATE2: keccak256(0xff || sender || salt || keccak256(init_code))[12:].
    static Address create2_address(const Address& sender, const Hash256& salt,
                                   BytesView init_code) {
        Bytes buf;
        buf.push_back(0xff);
        buf += sender.view();
        buf += salt.view();
        buf += keccak256(init_code).view();
        return tail20(keccak256(buf));
    }

private:
    struct Entry {
        enum Kind { kStorage, kBalance, kNonce, kCode, kTransient, kWarmAccount, kWarmSlot } kind;
        Address addr;
        Hash256 key;
        Hash256 old_word;  // storage / transient
        Uint256 old_balance;
        uint64_t old_nonce;
        Bytes old_code = {};
    };

    /// Bytes of a view; an empty view may have a null data pointer, which Bytes{view} passes to
    /// memcpy (UBSan reports it).
    static Bytes copy(BytesView v) { return v.empty() ? Bytes{} : Bytes{v}; }

    static Address tail20(const Hash256& h) {
        Address a;
        for (size_t i = 0; i < 20; ++i) a[i] = h[12 + i];
        return a;
    }

    void set_balance(const Address& a, const Uint256& v) {
        FakeAccount& acc = accounts[a];
        journal_.push_back({Entry::kBalance, a, {}, {}, acc.balance, 0});
        acc.balance = v;
    }

    void set_nonce(const Address& a, uint64_t v) {
        FakeAccount& acc = accounts[a];
        journal_.push_back({Entry::kNonce, a, {}, {}, {}, acc.nonce});
        acc.nonce = v;
    }

    void set_code(const Address& a, BytesView code) {
        FakeAccount& acc = accounts[a];
        journal_.push_back({Entry::kCode, a, {}, {}, {}, 0, acc.code});
        acc.set_code(code);
    }

    void revert(size_t snapshot, size_t log_count) {
        while (journal_.size() > snapshot) {
            Entry& e = journal_.back();
            switch (e.kind) {
                case Entry::kStorage:
                    accounts[e.addr].storage[e.key].current = e.old_word;
                    break;
                case Entry::kBalance:
                    accounts[e.addr].balance = e.old_balance;
                    break;
                case Entry::kNonce:
                    accounts[e.addr].nonce = e.old_nonce;
                    break;
                case Entry::kCode:
                    accounts[e.addr].set_code(e.old_code);
                    break;
                case Entry::kTransient:
                    transient[{e.addr, e.key}] = e.old_word;
                    break;
                case Entry::kWarmAccount:
                    warm_accounts.erase(e.addr);
                    break;
                case Entry::kWarmSlot:
                    warm_slots.erase({e.addr, e.key});
                    break;
            }
            journal_.pop_back();
        }
        logs.resize(log_count);
    }

    ExecResult create(const Message& msg) {
        const uint64_t nonce = accounts[msg.sender].nonce;
        const Address addr = msg.kind == CallKind::kCreate
                                 ? create_address(msg.sender, nonce)
                                 : create2_address(msg.sender, msg.create2_salt, msg.input);
        set_nonce(msg.sender, nonce + 1);
        access_account(addr);
        if (const auto it = accounts.find(addr);
            it != accounts.end() && (it->second.nonce != 0 || !it->second.code.empty()))
            return ExecResult{Status::kCreateCollision, 0, 0, {}, {}};

        const size_t snapshot = journal_.size();
        const size_t log_count = logs.size();
        set_nonce(addr, 1);
        set_balance(msg.sender, get_balance(msg.sender) - msg.value);
        set_balance(addr, get_balance(addr) + msg.value);
        Message init = msg;
        init.recipient = addr;
        ExecResult r = execute(*this, rev, init, msg.input, nullptr);
        if (r.status == Status::kSuccess) {
            constexpr int64_t kCodeDepositPerByte = 200;
            const auto deposit = kCodeDepositPerByte * static_cast<int64_t>(r.output.size());
            if (r.output.size() > 24576 || (!r.output.empty() && r.output[0] == 0xef)) {
                r = ExecResult{Status::kContractValidationFailure, 0, 0, {}, {}};
            } else if (r.gas_left < deposit) {
                r = ExecResult{Status::kOutOfGas, 0, 0, {}, {}};
            } else {
                r.gas_left -= deposit;
                set_code(addr, r.output);
                r.output.clear();
                r.create_address = addr;
            }
        }
        if (r.status != Status::kSuccess) revert(snapshot, log_count);
        return r;
    }

    std::vector<Entry> journal_;
};

}  // namespace yao::evm::test
