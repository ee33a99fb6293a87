// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <yao/chain/block.hpp>
#include <yao/chain/receipt.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/common/uint256.hpp>
#include <yao/state/state_view.hpp>

#include "errc.hpp"
#include "lease_store.hpp"
#include "row_image.hpp"

namespace yao::storage {

/// A value with its version: the number of the block that last wrote it (DESIGN.md section 2).
/// A key that was deleted has the number of the deleting block; a key never written has 0, the
/// same as one written only by the genesis block (both mean "unchanged since before block 1").
template <typename T>
struct Versioned {
    T value{};
    uint64_t version = 0;
    friend bool operator==(const Versioned&, const Versioned&) = default;
};

/// A storage slot of an account.
struct StorageKey {
    Address address;
    Hash256 slot;
    friend bool operator==(const StorageKey&, const StorageKey&) = default;
    friend auto operator<=>(const StorageKey&, const StorageKey&) = default;
};

// ---- What a commit writes ---------------------------------------------------------------------

/// One transaction of a block with everything execution learned about it.
struct TransactionCommit {
    chain::Transaction txn;
    Hash256 hash;                             ///< transaction_hash(txn); checked by the store
    Address sender;                           ///< recovered once upstream (DESIGN.md section 2)
    chain::Receipt receipt;                   ///< consensus receipt, logs included
    uint64_t gas_used = 0;                    ///< gas of this transaction alone
    Uint256 effective_gas_price;              ///< wei per gas actually paid
    std::optional<Address> contract_address;  ///< the created contract, if any
};

/// The new value of one account after the block; nullopt when the block deleted it. Deleting an
/// account does not touch its storage: list the cleared slots in `BlockCommit::storage` (under
/// EIP-6780 a destroyed account's storage was all written in that same transaction).
struct AccountChange {
    Address address;
    std::optional<state::Account> account;
};

/// The new value of one storage slot after the block; zero deletes the slot.
struct StorageChange {
    Address address;
    Hash256 slot;
    Hash256 value;
};

/// Code first deployed by the block, stored under its hash (content addressed, never changed).
struct CodeEntry {
    Hash256 code_hash;  ///< keccak256(code); checked by the store
    Bytes code;
};

/// Everything one block changes, committed by `ChainStore::commit_block` in one ACID transaction.
/// Each address and each (address, slot) appears at most once. The store reads the previous
/// values of the changed keys itself, inside the same transaction, to write the history rows,
/// so the history can never disagree with the data.
struct BlockCommit {
    chain::BlockHeader header;
    Hash256 hash;  ///< header_hash(header); checked by the store
    /// The leadership term of the sequencer that proposed the block (docs/cluster.md,
    /// "Failover"). Checked against the fence in the commit's own transaction: below it the
    /// commit fails with kFenced; above it, it raises the fence. 0: not fenced (genesis, tools).
    uint64_t epoch = 0;
    std::vector<TransactionCommit> transactions;
    std::vector<AccountChange> accounts;
    std::vector<StorageChange> storage;
    std::vector<CodeEntry> code;
    /// The canonical RLP of the block's state patch (chain/state_patch.hpp; a development
    /// node's helpers), stored in state_patches; empty: none. The header commits to it: its
    /// extraData must be keccak256(patch) (checked by the store).
    Bytes patch;
};

/// Accounts and slots with their code (ChainStore::state_image). An account nullopt is absent;
/// a slot zero is unset; `code` holds the code of every listed account that has code.
struct StateImage {
    uint64_t head = 0;
    std::vector<AccountChange> accounts;  ///< sorted by address
    std::vector<StorageChange> storage;   ///< sorted by address, slot
    std::vector<CodeEntry> code;
};

/// What `commit_block` did.
enum class CommitOutcome {
    kCommitted,         ///< the block is now the head
    kAlreadyCommitted,  ///< the same block (same hash) was already stored; nothing changed
};

// ---- What reads return ------------------------------------------------------------------------

/// A transaction as stored, with its position in the chain.
struct StoredTransaction {
    chain::Transaction txn;
    Hash256 hash;
    Address sender;
    Hash256 block_hash;
    uint64_t block_num = 0;
    uint32_t index = 0;  ///< position in the block
    friend bool operator==(const StoredTransaction&, const StoredTransaction&) = default;
};

/// A log with its position in the chain (what eth_getLogs returns).
struct StoredLog {
    chain::Log log;
    Hash256 block_hash;
    uint64_t block_num = 0;
    Hash256 transaction_hash;
    uint32_t transaction_index = 0;
    uint32_t log_index = 0;  ///< position among all logs of the block
    bool removed = false;    ///< always false: committed blocks are never rewritten
    friend bool operator==(const StoredLog&, const StoredLog&) = default;
};

/// A receipt with the fields eth_getTransactionReceipt adds to the consensus receipt. The logs
/// of `receipt` have block-level indexes `first_log_index`, `first_log_index + 1`, ...
struct StoredReceipt {
    chain::Receipt receipt;
    Hash256 transaction_hash;
    uint32_t transaction_index = 0;
    Hash256 block_hash;
    uint64_t block_num = 0;
    Address from;
    std::optional<Address> to;
    uint64_t gas_used = 0;
    Uint256 effective_gas_price;
    std::optional<Address> contract_address;
    uint32_t first_log_index = 0;
    friend bool operator==(const StoredReceipt&, const StoredReceipt&) = default;
};

/// A block as stored. `transactions` is filled only when the read asked for full transactions.
struct StoredBlock {
    chain::BlockHeader header;
    Hash256 hash;
    std::vector<Hash256> transaction_hashes;
    std::vector<StoredTransaction> transactions;
    friend bool operator==(const StoredBlock&, const StoredBlock&) = default;
};

/// An eth_getLogs filter. A log matches when its block is in [from_block, to_block], its address
/// is in `addresses` (empty: any address), and for each position i with a non-empty
/// `topics[i]`, the log has a topic i and it is one of `topics[i]` (empty: wildcard).
struct LogFilter {
    uint64_t from_block = 0;
    uint64_t to_block = 0;  ///< inclusive
    std::vector<Address> addresses{};
    std::array<std::vector<Hash256>, 4> topics{};
    /// At most this many logs are returned; more matches give Errc::kTooManyResults (the
    /// behaviour of geth's query limit). 0: no limit.
    size_t limit = 10'000;
};

/// One page of an address's history (Otterscan's ots_searchTransactionsBefore/After): the
/// transactions in which `address` appears as the sender, as the recipient, or as the contract
/// the transaction created (its receipt's contract address). Appearances inside a transaction
/// (internal calls, contracts created by another contract) are not indexed and not found.
struct AddressHistoryQuery {
    Address address;
    /// The first block searched, included.
    uint64_t from_block = 0;
    /// true: from `from_block` down to block 0, newest first; false: from `from_block` up to
    /// the head, oldest first.
    bool descending = true;
    /// The page holds the first `page_size` matches (fewer when there are no more), then the
    /// other matches of the last block it reached: a page always ends at a block boundary, so
    /// that the next page can start at the following block. 0 is taken as 1.
    size_t page_size = 25;
};

/// What AddressHistoryQuery finds. Every vector is in the search order.
struct AddressHistoryPage {
    std::vector<StoredTransaction> transactions;
    /// The receipt of each transaction (same order), with its logs.
    std::vector<StoredReceipt> receipts;
    /// The header and hash of each block the page holds transactions of (`transaction_hashes`
    /// empty): what a client shows beside them (timestamp, base fee).
    std::vector<StoredBlock> headers;
    /// No match lies beyond the page in the search direction.
    bool exhausted = false;
    friend bool operator==(const AddressHistoryPage&, const AddressHistoryPage&) = default;
};

/// The most transactions one AddressHistoryQuery may ask for (page_size).
inline constexpr size_t kMaxAddressHistoryPage = 1000;

/// The result of a batched state read: values in the order of the keys asked for, all from one
/// consistent snapshot, which is the state after block `head` (nullopt: empty store).
template <typename T>
struct BatchRead {
    std::optional<uint64_t> head;
    std::vector<Versioned<T>> values;
};

// ---- The interface ----------------------------------------------------------------------------

/// The chain's persistent store (L3): blocks, transactions, receipts, logs and the state with its
/// history. Every operation is a value-returning call; database failures come back as Errors
/// (Errc), never as exceptions. Backends retry transient failures (deadlocks, lost connections)
/// themselves before reporting them. Implementations are thread-safe: any number of threads may
/// read while one commits.
class ChainStore {
public:
    virtual ~ChainStore() = default;

    /// Writes the block, its transactions, receipts and logs, the changed accounts, storage slots
    /// and code, and the history rows (previous values), and makes it the head — all in one
    /// database transaction: on any error nothing is written. The number must be head + 1 (0 on
    /// an empty store) and the parent hash the head's hash. Committing a block that is already
    /// stored with the same hash changes nothing and returns kAlreadyCommitted (delivery is at
    /// least once); a different block at a committed number is kBlockConflict. Errors:
    /// kInvalidCommit, kWrongBlockNumber, kParentMismatch, kBlockConflict,
    /// kDuplicateTransaction, and the database codes.
    virtual Result<CommitOutcome> commit_block(const BlockCommit& commit) = 0;

    /// The number of the newest committed block; nullopt on an empty store.
    virtual Result<std::optional<uint64_t>> head_number() = 0;

    /// The block at `number`, with full transactions when `full_transactions`.
    virtual Result<std::optional<StoredBlock>> block_by_number(uint64_t number,
                                                               bool full_transactions) = 0;
    /// The block with hash `hash`, with full transactions when `full_transactions`.
    virtual Result<std::optional<StoredBlock>> block_by_hash(const Hash256& hash,
                                                             bool full_transactions) = 0;
    /// The header and hash of block `number` without its transaction list (`transaction_hashes`
    /// left empty): what BLOCKHASH, eth_call and block-tag resolution need, at the cost of one
    /// row whatever the size of the block. The default reads the whole block.
    virtual Result<std::optional<StoredBlock>> header_by_number(uint64_t number) {
        YAO_TRY(auto block, block_by_number(number, false));
        if (block) block->transaction_hashes.clear();
        return block;
    }
    /// The same by hash.
    virtual Result<std::optional<StoredBlock>> header_by_hash(const Hash256& hash) {
        YAO_TRY(auto block, block_by_hash(hash, false));
        if (block) block->transaction_hashes.clear();
        return block;
    }
    /// The transaction with hash `hash`.
    virtual Result<std::optional<StoredTransaction>> transaction(const Hash256& hash) = 0;
    /// The receipt of the transaction with hash `txn_hash`.
    virtual Result<std::optional<StoredReceipt>> receipt(const Hash256& txn_hash) = 0;
    /// All receipts of block `number` in transaction order; nullopt when there is no such block.
    virtual Result<std::optional<std::vector<StoredReceipt>>> block_receipts(uint64_t number) = 0;
    /// The logs matching `filter`, ordered by block number and log index.
    virtual Result<std::vector<StoredLog>> logs(const LogFilter& filter) = 0;

    // ---- Address history (indexed: every read is bounded by the page, not by the chain) ----
    /// One page of the transactions `query.address` appears in (AddressHistoryQuery), read in
    /// one snapshot. kInvalidArgument for a page_size above kMaxAddressHistoryPage. The
    /// default fails: the store keeps no address index.
    virtual Result<AddressHistoryPage> address_history(const AddressHistoryQuery& query);
    /// The committed transaction of `sender` with nonce `nonce`; nullopt when there is none
    /// (a nonce the sender has not used yet). The default fails.
    virtual Result<std::optional<StoredTransaction>> transaction_by_sender_and_nonce(
        const Address& sender, uint64_t nonce);
    /// The transaction whose receipt's contract address is `contract`: the contract creation
    /// transaction that deployed it. nullopt for an address no transaction created itself
    /// (an account, a contract created by another contract, a genesis contract). The default
    /// fails.
    virtual Result<std::optional<StoredTransaction>> creation_transaction(const Address& contract);

    /// The account at `addr` after the head block; nullopt when it does not exist.
    virtual Result<std::optional<state::Account>> account(const Address& addr) = 0;
    /// The account at `addr` after block `block_num` (from the history tables). kUnknownBlock
    /// when `block_num` is above the head.
    virtual Result<std::optional<state::Account>> account_at(const Address& addr,
                                                             uint64_t block_num) = 0;
    /// The storage value at (`addr`, `slot`) after the head block; zero when unset.
    virtual Result<Hash256> storage(const Address& addr, const Hash256& slot) = 0;
    /// The storage value at (`addr`, `slot`) after block `block_num`; kUnknownBlock when
    /// `block_num` is above the head.
    virtual Result<Hash256> storage_at(const Address& addr, const Hash256& slot,
                                       uint64_t block_num) = 0;
    /// The code with hash `code_hash`: empty for the empty-code hash, nullopt when unknown. Code
    /// is content addressed, so this is also the code at any past block that had this hash
    /// (use `account_at` for the hash).
    virtual Result<std::optional<Bytes>> code(const Hash256& code_hash) = 0;

    /// The account at `addr` with its version (the block that last wrote or deleted it).
    virtual Result<Versioned<std::optional<state::Account>>> account_versioned(
        const Address& addr) = 0;
    /// The storage value at (`addr`, `slot`) with its version.
    virtual Result<Versioned<Hash256>> storage_versioned(const Address& addr,
                                                         const Hash256& slot) = 0;
    /// Many accounts in one consistent snapshot and a few queries (the Oracle's L3 prefetch).
    virtual Result<BatchRead<std::optional<state::Account>>> accounts_batch(
        std::span<const Address> addrs) = 0;
    /// Many storage slots in one consistent snapshot and a few queries.
    virtual Result<BatchRead<Hash256>> storage_batch(std::span<const StorageKey> keys) = 0;
    /// Many codes by hash, in the order asked; nullopt for unknown hashes.
    virtual Result<std::vector<std::optional<Bytes>>> code_batch(
        std::span<const Hash256> code_hashes) = 0;

    // ---- Sequencer election and fencing (docs/cluster.md, "Failover") ----------------------
    /// Raises the fence to `epoch` (never lowers it), in one transaction, and returns the fence
    /// as it is afterwards: a value above `epoch` means a newer leader exists. A new leader
    /// raises it before reading the head, so no block of an older term can commit after that
    /// read. `raise_fence(0)` only reads it. The default fails: the store cannot fence.
    virtual Result<uint64_t> raise_fence(uint64_t epoch);
    /// The lease `name` in the leases table (LeaseStore::get). The default fails.
    virtual Result<std::optional<LeaseRecord>> read_lease(std::string_view name);
    /// Compare-and-set of the lease `name` (LeaseStore::update). The default fails.
    virtual Result<LeaseRecord> write_lease(std::string_view name, const LeaseRecord& next);

    // ---- Settings a chain keeps for life (the fork schedule) -------------------------------
    /// Stores `value` under `key` unless the key holds a value already, in one transaction, and
    /// returns the value stored afterwards: a caller compares it with its own to learn whether
    /// the chain was created with another one. Keys up to 56 characters, values up to 255.
    /// The default fails: the store cannot keep settings.
    virtual Result<std::string> pin_setting(std::string_view key, std::string_view value);
    /// The value pinned under `key`, nullopt when none; writes nothing. The default fails.
    virtual Result<std::optional<std::string>> setting(std::string_view key);

    // ---- State patches (chain/state_patch.hpp) ----------------------------------------------
    /// The state patch block `number` carries (its canonical RLP), nullopt when none. The
    /// default answers none: a store that cannot hold patches holds none.
    virtual Result<std::optional<Bytes>> state_patch(uint64_t number);

    /// The state at block `since` of every account and slot some later block changed (what
    /// restores it: evm_revert), or with `since` nullopt the whole current state (what
    /// anvil_dumpState writes); read in one snapshot, at most `max_rows` account and slot rows
    /// (kTooManyResults above). Memory grows with the answer: a development node's helper.
    /// The default fails.
    virtual Result<StateImage> state_image(std::optional<uint64_t> since, size_t max_rows);

    // ---- Rows as stored, for audits (`yaoverse verify`; row_image.hpp) ----------------------
    /// The rows of block `number` in blocks, transactions, receipts and logs, read in one
    /// snapshot, every audited column as text. The default fails.
    virtual Result<BlockRows> block_rows(uint64_t number);
    /// Every row of accounts, contract_storage and contract_code, in one snapshot (memory grows
    /// with the state: an audit's read). The default fails.
    virtual Result<StateRows> state_rows();
};

/// Checks a commit without touching any database: hashes match their contents, numbers fit the
/// database's signed 64-bit columns, receipts agree with the header's gas used, logs have at most
/// four topics, no key or transaction hash appears twice. Errors: kInvalidCommit,
/// kDuplicateTransaction. `commit_block` calls it first.
Result<void> validate_commit(const BlockCommit& commit);

}  // namespace yao::storage
