// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/uint256.hpp>
#include <yao/evm/host.hpp>

#include "state_view.hpp"

namespace yao::state {

/// A log as execution emits it (LOG0..LOG4).
struct Log {
    Address address;
    std::vector<Hash256> topics;  ///< at most 4
    Bytes data;
    friend bool operator==(const Log&, const Log&) = default;
};

/// One storage slot in a write set.
struct StorageChange {
    Hash256 key;
    Hash256 value;  ///< zero: the slot is deleted
};

/// The change to one account in a write set.
struct AccountUpdate {
    Address address;
    std::optional<Account> account;      ///< nullopt: the account was deleted (or never made)
    bool storage_cleared = false;        ///< all pre-state storage is gone before `storage` applies
    std::vector<StorageChange> storage;  ///< changed slots, sorted by key
};

/// Everything the state has changed relative to its StateView: the post-state is the view with
/// these updates applied.
struct WriteSet {
    std::vector<AccountUpdate> accounts;              ///< sorted by address
    std::vector<std::pair<Hash256, Bytes>> new_code;  ///< code deployed, by hash
};

/// The journaled overlay that one block's transactions execute against.
///
/// Reads fall through to the StateView once per account / slot / code hash and are cached; every
/// write stays here. Within a transaction, changes are journaled (an undo log), so a frame can be
/// reverted to a checkpoint. `finalize_transaction()` ends a transaction: it deletes
/// self-destructed accounts and touched empty accounts (EIP-158/161), makes the current storage
/// the new "original" (EIP-2200), and clears the per-transaction sets (warm addresses and slots,
/// transient storage, logs, touched and created accounts). Not thread-safe.
class State {
public:
    /// A point to revert to.
    struct Checkpoint {
        size_t journal = 0;
        size_t logs = 0;
    };

    /// `view` must outlive the State.
    explicit State(StateView& view) : view_{view} {}
    State(const State&) = delete;
    State& operator=(const State&) = delete;

    // ---- accounts ------------------------------------------------------------------------

    /// True when the account is in the state (it may be empty).
    bool exists(const Address& addr);
    /// EIP-161 "dead": absent or empty (no nonce, balance or code).
    bool is_dead(const Address& addr);
    /// The account, or nullopt when absent.
    std::optional<Account> account(const Address& addr);
    uint64_t nonce(const Address& addr);
    Uint256 balance(const Address& addr);
    Hash256 code_hash(const Address& addr);
    /// The account's code; the view stays valid for the life of the State.
    BytesView code(const Address& addr);
    /// True when the account has non-empty storage (EIP-7610 creation collision).
    bool has_storage(const Address& addr);

    /// Sets the nonce (creates the account if absent).
    void set_nonce(const Address& addr, uint64_t nonce);
    /// Sets the balance (creates the account if absent) and touches it.
    void set_balance(const Address& addr, const Uint256& balance);
    /// Sets the balance without touching the account (EIP-161): a development node's state patch
    /// (chain/state_patch.hpp) may leave an account empty, and deleting it at the end of the
    /// transaction would leave the storage it just wrote behind.
    void set_balance_untouched(const Address& addr, const Uint256& balance);
    /// Adds `amount` and touches the account; adding zero to an absent account creates nothing.
    void add_balance(const Address& addr, const Uint256& amount);
    /// Subtracts `amount`; precondition: balance >= amount.
    void sub_balance(const Address& addr, const Uint256& amount);
    /// Deploys `code` at `addr`.
    void set_code(const Address& addr, BytesView code);

    // ---- storage -------------------------------------------------------------------------

    Hash256 storage(const Address& addr, const Hash256& key);
    /// The value at the start of the current transaction (EIP-2200 "original").
    Hash256 original_storage(const Address& addr, const Hash256& key);
    /// Writes a slot and returns the original and the value before this write.
    evm::StorageWrite set_storage(const Address& addr, const Hash256& key, const Hash256& value);

    /// EIP-1153 transient storage (cleared at the end of each transaction).
    Hash256 transient_storage(const Address& addr, const Hash256& key);
    void set_transient_storage(const Address& addr, const Hash256& key, const Hash256& value);

    // ---- per-transaction sets --------------------------------------------------------------

    /// EIP-2929: marks the address warm; returns its status before.
    evm::AccessStatus access_account(const Address& addr);
    /// EIP-2929: marks the slot warm; returns its status before.
    evm::AccessStatus access_storage(const Address& addr, const Hash256& key);
    bool is_warm(const Address& addr) const;
    bool is_warm(const Address& addr, const Hash256& key) const;

    /// Marks the account touched: if it is empty at the end of the transaction, it is deleted.
    void touch(const Address& addr);
    bool is_touched(const Address& addr) const { return touched_.contains(addr); }
    /// Marks the account created in this transaction (EIP-6780).
    void mark_created(const Address& addr);
    bool is_created(const Address& addr) const { return created_.contains(addr); }
    /// Schedules the account for deletion at the end of the transaction (SELFDESTRUCT).
    void mark_destructed(const Address& addr);
    bool is_destructed(const Address& addr) const { return destructed_.contains(addr); }

    void add_log(Log log);
    /// Logs of the current transaction, in order.
    std::span<const Log> logs() const noexcept { return logs_; }

    // ---- journal ---------------------------------------------------------------------------

    Checkpoint checkpoint() const noexcept { return {journal_.size(), logs_.size()}; }
    /// Undoes every change made after `cp` (including warm and touched marks, except the
    /// RIPEMD-160 precompile touch kept since mainnet block 2675119).
    void revert(const Checkpoint& cp);

    /// Ends the transaction (see the class comment).
    void finalize_transaction();

    // ---- results ---------------------------------------------------------------------------

    /// The changes relative to the view, for the state diff and the conformance runner.
    WriteSet write_set() const;

private:
    struct Slot {
        Hash256 initial;   ///< value in the view (zero if the storage was cleared before loading)
        Hash256 original;  ///< value at the start of the transaction
        Hash256 current;
    };
    struct Scalars {
        bool exists = false;
        uint64_t nonce = 0;
        Uint256 balance;
        Hash256 code_hash = kEmptyCodeHash;
    };
    struct Object {
        std::optional<Account> initial;  ///< as read from the view
        Scalars cur;
        const Bytes* code = nullptr;   ///< loaded lazily
        bool storage_cleared = false;  ///< the view's storage is no longer visible
        std::unordered_map<Hash256, Slot> storage;
    };
    struct SlotKey {
        Address addr;
        Hash256 key;
        friend bool operator==(const SlotKey&, const SlotKey&) = default;
    };
    struct SlotKeyHash {
        size_t operator()(const SlotKey& k) const noexcept {
            return std::hash<Hash256>{}(k.key) ^ (std::hash<Address>{}(k.addr) * 31);
        }
    };

    // Journal entries: each records what to restore.
    struct AccountChanged {
        Address addr;
        Scalars prev;
        const Bytes* code;
    };
    struct StorageChanged {
        Address addr;
        Hash256 key;
        Hash256 prev;
    };
    struct TransientChanged {
        Address addr;
        Hash256 key;
        Hash256 prev;
    };
    struct AccountWarmed {
        Address addr;
    };
    struct SlotWarmed {
        Address addr;
        Hash256 key;
    };
    struct Touched {
        Address addr;
    };
    struct Created {
        Address addr;
    };
    struct Destructed {
        Address addr;
    };
    using JournalEntry = std::variant<AccountChanged, StorageChanged, TransientChanged,
                                      AccountWarmed, SlotWarmed, Touched, Created, Destructed>;

    Object& load(const Address& addr);
    Slot& load_slot(const Address& addr, Object& obj, const Hash256& key);
    /// Journals the account's scalars before a change and returns them for editing.
    Scalars& modify(const Address& addr, Object& obj);
    const Bytes& intern_code(const Hash256& hash, Bytes code);
    void delete_account(Object& obj);

    StateView& view_;
    std::unordered_map<Address, Object> objects_;
    std::unordered_map<Hash256, Bytes> codes_;  ///< nodes are stable: code views stay valid
    std::unordered_map<SlotKey, Hash256, SlotKeyHash> transient_;

    std::vector<JournalEntry> journal_;
    std::vector<Log> logs_;
    std::unordered_set<Address> warm_accounts_;
    std::unordered_set<SlotKey, SlotKeyHash> warm_slots_;
    std::unordered_set<Address> touched_;
    std::unordered_set<Address> created_;
    std::unordered_set<Address> destructed_;
};

/// Applies `ws` to `view`, making it the post-state (accounts deleted, storage cleared or
/// updated, code added).
void apply_write_set(MemoryStateView& view, const WriteSet& ws);

}  // namespace yao::state
