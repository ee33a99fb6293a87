// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/common/uint256.hpp>

namespace yao::state {

/// keccak256 of the empty string: the code hash of an account without code.
inline constexpr Hash256 kEmptyCodeHash{{0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c,
                                         0x92, 0x7e, 0x7d, 0xb2, 0xdc, 0xc7, 0x03, 0xc0,
                                         0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82, 0x27, 0x3b,
                                         0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70}};

/// The scalar part of an account as the state stores it (storage and code live apart).
struct Account {
    uint64_t nonce = 0;
    Uint256 balance;                     ///< wei
    Hash256 code_hash = kEmptyCodeHash;  ///< keccak256 of the code

    /// EIP-161: an account is empty when it has no nonce, no balance and no code.
    bool is_empty() const noexcept {
        return nonce == 0 && balance.is_zero() && code_hash == kEmptyCodeHash;
    }
    friend bool operator==(const Account&, const Account&) = default;
};

/// The pre-state that execution reads: the world before a block (or a transaction). Every read of
/// pre-state goes through this interface, so an implementation can record a read set with
/// versions (DESIGN.md section 2) or serve from a cache. Reads have no failure channel: an
/// implementation backed by I/O must return the value or stop the process.
/// Implementations say whether they are thread-safe; `State` calls them from one thread.
class StateView {
public:
    virtual ~StateView() = default;

    /// The account at `addr`, or nullopt when it does not exist.
    virtual std::optional<Account> account(const Address& addr) = 0;
    /// The storage value of `addr` at `key`; zero when unset or the account does not exist.
    virtual Hash256 storage(const Address& addr, const Hash256& key) = 0;
    /// The code with hash `code_hash`; empty for kEmptyCodeHash or an unknown hash.
    virtual Bytes code(const Hash256& code_hash) = 0;
    /// True when `addr` has at least one non-zero storage slot. Only the EIP-7610 creation
    /// collision rule needs it.
    virtual bool has_storage(const Address& addr) = 0;
    /// The first read that failed, if any. Reads have no error channel (the EVM cannot stop on
    /// one), so a view over a store or a remote service answers a failed read as "absent" and
    /// remembers it here: whoever ran an execution over the view must check this before using
    /// the result. Views that cannot fail have none.
    virtual std::optional<Error> read_error() const { return std::nullopt; }
};

/// A StateView held in memory: for tests, the state-test runner and small dev chains.
/// Not thread-safe for writes; concurrent reads (no writer) are safe.
class MemoryStateView final : public StateView {
public:
    /// One account with its storage (no zero values kept) and code.
    struct Entry {
        Account account;
        std::map<Hash256, Hash256> storage;
    };

    std::optional<Account> account(const Address& addr) override;
    Hash256 storage(const Address& addr, const Hash256& key) override;
    Bytes code(const Hash256& code_hash) override;
    bool has_storage(const Address& addr) override;

    /// Creates or replaces the account at `addr` (storage kept).
    void set_account(const Address& addr, const Account& account);
    /// Removes the account and its storage.
    void remove_account(const Address& addr);
    /// Sets one storage slot; a zero value removes it. The account must exist.
    void set_storage(const Address& addr, const Hash256& key, const Hash256& value);
    /// Removes every storage slot of `addr`.
    void clear_storage(const Address& addr);
    /// Stores `code` and returns its hash.
    Hash256 add_code(BytesView code);
    /// Creates an account with `code` (and sets its code hash).
    void set_account_with_code(const Address& addr, uint64_t nonce, const Uint256& balance,
                               BytesView code);

    /// All accounts, ordered by address.
    const std::map<Address, Entry>& accounts() const noexcept { return accounts_; }

private:
    std::map<Address, Entry> accounts_;
    std::unordered_map<Hash256, Bytes> codes_;
};

}  // namespace yao::state
