// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// The sequencer's transaction pool (DESIGN.md section 2): per-sender nonce queues, pending vs
// queued, replacement by a higher fee, size limits with eviction, and geth-like price-and-time
// selection of the next block's transactions.
//
// Vocabulary. For one sender with committed nonce c, the pool's transactions with nonces
// c, c+1, ... without a gap form the sender's *run*. A run transaction is *in flight* once it was
// taken into a proposed block that is not committed yet, and *selectable* otherwise; transactions
// after the first gap are *queued* (in flight or not: one whose earlier nonce was dropped waits
// too). geth's "pending" (txpool_content, txpool_status) is selectable + in flight: both are
// executable and not mined yet.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/common/uint256.hpp>
#include <yao/proto/messages.hpp>

#include "api/errc.hpp"

namespace yao::chronos {

/// The largest encoded transaction the pool takes (geth's txMaxSize, 4 slots of 32 KiB): bigger
/// ones are refused at the door with "oversized data".
inline constexpr size_t kMaxTxBytes = 128u << 10;

/// Limits and fee rules of a Mempool.
struct MempoolOptions {
    /// The chain's (constant) base fee, wei per gas: fee caps below it are refused, and the
    /// effective tip (the ordering price) is computed against it.
    Uint256 base_fee;
    /// Most transactions one sender may hold (in flight included).
    size_t max_per_sender = 1024;
    /// Most transactions the pool holds (in flight included).
    size_t max_total = 100'000;
    /// A replacement must raise both the fee cap and the tip cap by at least this percentage.
    uint64_t price_bump_percent = 10;
    /// Largest gas_limit a transaction may have (the block gas limit); 0 = no limit.
    uint64_t max_tx_gas = 0;
    /// Most queued (not yet executable: behind a nonce gap) transactions of one sender (geth's
    /// AccountQueue). Over it, a new queued transaction is refused ("account limit exceeded");
    /// an executable one is never refused for the queue: it evicts the sender's highest queued.
    size_t max_queued_per_sender = 64;
    /// Most queued transactions of all senders (geth's GlobalQueue). Over it, a new queued
    /// transaction is refused ("txpool is full"); executable ones evict queued ones instead.
    size_t max_queued_total = 1024;
    /// A queued transaction that stayed queued this long leaves the pool (geth's Lifetime);
    /// applied by expire_queued().
    std::chrono::seconds queued_lifetime{3 * 3600};
};

/// What add() did with an accepted transaction.
enum class AddOutcome : uint8_t {
    kPending,   ///< executable now: it continues the sender's run
    kQueued,    ///< waits for a nonce gap to fill
    kReplaced,  ///< replaced the sender's transaction with the same nonce
};

/// Transaction counts (txpool_status).
struct MempoolStatus {
    size_t pending = 0;    ///< executable and not mined: selectable + in flight
    size_t queued = 0;     ///< behind a nonce gap
    size_t in_flight = 0;  ///< the part of `pending` already taken into proposed blocks
    friend bool operator==(const MempoolStatus&, const MempoolStatus&) = default;
};

/// The pool's transactions by sender and nonce (txpool_content).
struct MempoolContent {
    std::map<Address, std::map<uint64_t, proto::SignedTx>> pending;  ///< in flight included
    std::map<Address, std::map<uint64_t, proto::SignedTx>> queued;
};

/// The transaction pool. Holds proto::SignedTx whose sender was recovered at the entrance (the
/// pool never checks signatures). Not thread-safe: the Sequencer serialises every call.
/// Admission and removal cost O(log n) plus the transactions whose class changes (a filled gap
/// promotes the queued run behind it); next_block costs O(S + k log S) for S senders with
/// selectable transactions and k transactions taken. Memory is bounded by max_total.
class Mempool {
public:
    explicit Mempool(MempoolOptions options = {});

    Mempool(const Mempool&) = delete;
    Mempool& operator=(const Mempool&) = delete;

    /// Admits `tx`. `committed_nonce` is the sender's nonce in the committed state; it is used
    /// when the pool holds nothing for the sender (otherwise the pool's own, kept exact by
    /// on_committed, wins unless `committed_nonce` is higher). Errors (Errc, geth's texts):
    /// kTxTypeNotSupported (type 3), kAlreadyKnown, kNonceTooLow (below the committed nonce or
    /// replacing an in-flight transaction), kGasLimitExceeded, kFeeCapTooLow,
    /// kReplacementUnderpriced, kAccountLimitExceeded ("account limit exceeded", geth's
    /// txpool text), kTxPoolFull. When the pool is full, the cheapest evictable transaction is
    /// evicted if `tx` pays a strictly higher effective tip, or, when `tx` is executable, the
    /// cheapest queued transaction whatever it pays: transactions that cannot execute never
    /// keep out ones that can. Queued transactions are bounded per sender and in all
    /// (max_queued_per_sender, max_queued_total).
    Result<AddOutcome> add(proto::SignedTx tx, uint64_t committed_nonce);

    /// Removes queued transactions (not in flight) received before `cutoff_unix_ns`; returns how
    /// many. O(pool size): call it now and then (the Sequencer does every minute).
    size_t expire_queued(uint64_t cutoff_unix_ns);

    /// Takes the transactions of the next proposal (block `block_num`), at most `max_gas` of
    /// gas_limit in total, `max_txs` transactions (0 = no count limit) and `max_bytes` of
    /// transactions as a block body encodes them (0 = no size limit; EIP-7934), and marks them
    /// in flight for `block_num`. Order: repeatedly the selectable head (lowest nonce) of the sender
    /// whose head pays the highest effective tip, earliest arrival first on ties; a sender whose
    /// head does not fit the gas left is skipped for the rest of the block.
    std::vector<proto::SignedTx> next_block(uint64_t block_num, uint64_t max_gas, size_t max_txs,
                                            uint64_t max_bytes = 0);

    /// Returns the transactions taken by next_block(block_num) that are still in flight to the
    /// pool (the proposal was never published).
    void abandon(uint64_t block_num);

    /// Applies a committed block: included transactions leave; dropped ones leave too, except
    /// reason "nonce too high", which come back (no longer in flight); committed nonces advance
    /// (transactions below them leave); transactions still in flight for blocks <= the update's
    /// number come back as if dropped with "nonce too high".
    void on_committed(const proto::HeadUpdate& update);

    /// Sets `sender`'s committed nonce to `committed` even when lower (a development node's state
    /// patch, e.g. evm_revert, proposed after every block in flight): transactions below it and
    /// those in flight leave, those above a gap become queued.
    void rebase(const Address& sender, uint64_t committed);

    /// The nonce a new transaction of `sender` should use (eth_getTransactionCount "pending"):
    /// committed nonce + length of the run. nullopt when the pool holds nothing for `sender`
    /// (the answer is then the committed nonce, which the caller knows).
    std::optional<uint64_t> pending_nonce(const Address& sender) const;

    /// The committed nonce the pool holds for `sender`, if it holds any transaction of it.
    std::optional<uint64_t> committed_nonce(const Address& sender) const;

    /// True when the pool holds a transaction of `sender`.
    bool has_sender(const Address& sender) const { return accounts_.contains(sender); }

    MempoolContent content() const;
    MempoolStatus status() const;
    /// Every transaction held (pending, queued and in flight).
    size_t size() const noexcept { return by_hash_.size(); }
    /// Selectable transactions (what next_block can take now).
    size_t selectable_count() const noexcept { return selectable_count_; }
    /// Sum of the gas limits of the selectable transactions.
    uint64_t selectable_gas() const noexcept { return selectable_gas_; }
    bool contains(const Hash256& hash) const { return by_hash_.contains(hash); }
    /// The transaction with this hash (pending, queued or in flight).
    std::optional<proto::SignedTx> get(const Hash256& hash) const;

    /// The effective tip of `txn` at `base_fee`: min(tip cap, fee cap - base fee); for legacy and
    /// EIP-2930 transactions gas_price - base fee. Zero when the fee cap is below the base fee.
    static Uint256 effective_tip(const chain::Transaction& txn, const Uint256& base_fee);

    const MempoolOptions& options() const noexcept { return options_; }

private:
    struct Entry {
        // A separate allocation keeps the map node to two cache lines: selection walks the
        // nodes and touches the transaction only to copy it out.
        std::unique_ptr<proto::SignedTx> tx;
        Uint256 price;           // effective tip at options_.base_fee
        uint64_t seq = 0;        // arrival order
        uint64_t in_flight = 0;  // block number it was proposed in; 0 = not in flight
        uint64_t nonce = 0;
        uint64_t gas = 0;        // gas_limit
        uint64_t size = 0;       // bytes in a block body (encode_transaction_in_block)
    };
    // Eviction order: (is selectable, price, ~seq (newest first), sender); begin() goes first.
    using VictimKey = std::tuple<bool, Uint256, uint64_t, Address>;
    struct Account {
        uint64_t committed = 0;
        uint64_t run_end = 0;  // first nonce >= committed missing from txs
        std::map<uint64_t, Entry> txs;
        bool has_victim = false;
        std::set<VictimKey>::iterator victim;  // this account's entry in victims_, if has_victim
    };
    enum class Class : uint8_t { kSelectable, kQueued, kInFlight };

    static Class classify(const Account& account, const Entry& entry) noexcept;
    void count_in(const Account& account, const Entry& entry, int sign) noexcept;
    Account& account_for(const Address& sender, uint64_t committed_nonce);
    void extend_run(Account& account);
    void rebuild(Account& account, uint64_t committed, bool exact = false);
    void refresh_victim(const Address& sender, Account& account);
    void erase_account_if_empty(const Address& sender);
    void remove_entry(Account& account, std::map<uint64_t, Entry>::iterator it);
    void return_to_pool(Account& account, Entry& entry);
    /// Transactions of `account` behind its run (queued, in flight or not).
    static size_t queued_of(const Account& account) noexcept;
    /// Removes the cheapest eviction candidate when it is queued; false when none is queued.
    bool evict_queued();

    MempoolOptions options_;
    uint64_t next_seq_ = 1;
    std::unordered_map<Address, Account> accounts_;
    std::unordered_map<Hash256, std::pair<Address, uint64_t>> by_hash_;  // -> (sender, nonce)
    std::map<uint64_t, std::vector<Hash256>> in_flight_blocks_;
    // One eviction candidate per sender: its highest-nonce transaction unless in flight.
    std::set<VictimKey> victims_;
    size_t selectable_count_ = 0;
    size_t queued_count_ = 0;
    size_t in_flight_count_ = 0;
    uint64_t selectable_gas_ = 0;
};

}  // namespace yao::chronos
