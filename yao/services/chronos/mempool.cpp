// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "mempool.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

namespace yao::chronos {
namespace {

/// The reason the executor gives for a transaction whose nonce is ahead of the sender's state
/// (geth core/error.go ErrNonceTooHigh): the transaction is still good, only early.
constexpr std::string_view kNonceTooHighReason = "nonce too high";


// What the transaction adds to a block body's encoding (EIP-7934 counts the whole block).
uint64_t body_size(const chain::Transaction& txn) {
    Bytes out;
    chain::encode_transaction_in_block(out, txn);
    return out.size();
}

const Uint256& fee_cap(const chain::Transaction& txn) noexcept {
    return chain::is_dynamic_fee(txn) ? txn.max_fee_per_gas : txn.gas_price;
}

const Uint256& tip_cap(const chain::Transaction& txn) noexcept {
    return chain::is_dynamic_fee(txn) ? txn.max_priority_fee_per_gas : txn.gas_price;
}

/// floor(old * (100 + bump) / 100) without overflow: old = 100q + r gives
/// old + q*bump + floor(r*bump/100). Saturates at 2^256-1.
Uint256 bumped(const Uint256& old, uint64_t bump_percent) {
    const Uint256 q = old / Uint256{100};
    const Uint256 r = old % Uint256{100};
    const Uint256 bump{bump_percent};
    // q*bump overflows only for absurd bumps or prices; saturate rather than wrap.
    if (bump_percent != 0 && q > Uint256::max() / bump) return Uint256::max();
    const auto [a, o1] = add_overflow(old, q * bump);
    const auto [b, o2] = add_overflow(a, r * bump / Uint256{100});
    return (o1 || o2) ? Uint256::max() : b;
}

/// geth's replacement rule (core/txpool/legacypool/list.go, list.Add): the new transaction must
/// raise both caps strictly and by at least `bump_percent` percent each.
bool replacement_pays_enough(const chain::Transaction& old_txn, const chain::Transaction& new_txn,
                             uint64_t bump_percent) {
    const Uint256& old_fee = fee_cap(old_txn);
    const Uint256& old_tip = tip_cap(old_txn);
    const Uint256& new_fee = fee_cap(new_txn);
    const Uint256& new_tip = tip_cap(new_txn);
    if (new_fee <= old_fee || new_tip <= old_tip) return false;
    return new_fee >= bumped(old_fee, bump_percent) && new_tip >= bumped(old_tip, bump_percent);
}

}  // namespace

Mempool::Mempool(MempoolOptions options) : options_{std::move(options)} {
    // Growing the hash index by rehashing costs more than the adds themselves; the bound keeps
    // a huge configured limit from reserving memory up front.
    by_hash_.reserve(std::min<size_t>(options_.max_total, size_t{1} << 17));
}

Uint256 Mempool::effective_tip(const chain::Transaction& txn, const Uint256& base_fee) {
    const Uint256& fee = fee_cap(txn);
    if (fee < base_fee) return Uint256{};
    return std::min(tip_cap(txn), fee - base_fee);
}

Mempool::Class Mempool::classify(const Account& account, const Entry& entry) noexcept {
    // An in-flight transaction behind a gap (an earlier nonce was dropped) is queued: it cannot
    // execute until the gap fills, and its block will report it as "nonce too high".
    if (entry.nonce >= account.run_end) return Class::kQueued;
    return entry.in_flight != 0 ? Class::kInFlight : Class::kSelectable;
}

void Mempool::count_in(const Account& account, const Entry& entry, int sign) noexcept {
    switch (classify(account, entry)) {
        case Class::kSelectable:
            if (sign > 0) {
                ++selectable_count_;
                selectable_gas_ += entry.gas;
            } else {
                --selectable_count_;
                selectable_gas_ -= entry.gas;
            }
            break;
        case Class::kQueued: sign > 0 ? ++queued_count_ : --queued_count_; break;
        case Class::kInFlight: sign > 0 ? ++in_flight_count_ : --in_flight_count_; break;
    }
}

Mempool::Account& Mempool::account_for(const Address& sender, uint64_t committed_nonce) {
    auto [it, inserted] = accounts_.try_emplace(sender);
    if (inserted) {
        it->second.committed = committed_nonce;
        it->second.run_end = committed_nonce;
    }
    return it->second;
}

void Mempool::extend_run(Account& account) {
    for (auto it = account.txs.find(account.run_end);
         it != account.txs.end() && it->first == account.run_end; ++it) {
        count_in(account, it->second, -1);
        ++account.run_end;
        count_in(account, it->second, +1);
    }
}

void Mempool::rebuild(Account& account, uint64_t committed, bool exact) {
    for (const auto& [nonce, entry] : account.txs) count_in(account, entry, -1);
    account.committed = exact ? committed : std::max(account.committed, committed);
    while (!account.txs.empty() && account.txs.begin()->first < account.committed) {
        by_hash_.erase(account.txs.begin()->second.tx->hash);
        account.txs.erase(account.txs.begin());
    }
    account.run_end = account.committed;
    for (auto it = account.txs.begin();
         it != account.txs.end() && it->first == account.run_end; ++it) {
        ++account.run_end;
    }
    for (const auto& [nonce, entry] : account.txs) count_in(account, entry, +1);
}

void Mempool::refresh_victim(const Address& sender, Account& account) {
    if (account.has_victim) {
        victims_.erase(account.victim);
        account.has_victim = false;
    }
    if (account.txs.empty()) return;
    const Entry& last = account.txs.rbegin()->second;
    // Only the highest nonce may go: evicting below it would strand the rest behind a gap.
    // An in-flight one stays (the executor has it already).
    if (last.in_flight != 0) return;
    account.victim = victims_.emplace(classify(account, last) == Class::kSelectable, last.price,
                                      ~last.seq, sender)
                         .first;
    account.has_victim = true;
}

void Mempool::erase_account_if_empty(const Address& sender) {
    auto it = accounts_.find(sender);
    if (it == accounts_.end() || !it->second.txs.empty()) return;
    if (it->second.has_victim) victims_.erase(it->second.victim);
    accounts_.erase(it);
}

void Mempool::remove_entry(Account& account, std::map<uint64_t, Entry>::iterator it) {
    const uint64_t nonce = it->first;
    for (auto j = it; j != account.txs.end(); ++j) count_in(account, j->second, -1);
    by_hash_.erase(it->second.tx->hash);
    auto next = account.txs.erase(it);
    if (nonce < account.run_end) account.run_end = nonce;
    for (auto j = next; j != account.txs.end(); ++j) count_in(account, j->second, +1);
}

Result<AddOutcome> Mempool::add(proto::SignedTx tx, uint64_t committed_nonce) {
    const chain::Transaction& txn = tx.txn;
    // Blob transactions need sidecars and blob gas accounting this chain does not carry.
    if (txn.type == chain::TxType::kBlob) return fail(Errc::kTxTypeNotSupported);
    if (by_hash_.contains(tx.hash)) return fail(Errc::kAlreadyKnown);

    auto acc_it = accounts_.find(tx.sender);
    const uint64_t committed = acc_it == accounts_.end()
                                   ? committed_nonce
                                   : std::max(acc_it->second.committed, committed_nonce);
    if (txn.nonce < committed) return fail(Errc::kNonceTooLow);
    if (options_.max_tx_gas != 0 && txn.gas_limit > options_.max_tx_gas)
        return fail(Errc::kGasLimitExceeded);
    if (fee_cap(txn) < options_.base_fee) return fail(Errc::kFeeCapTooLow);

    const Uint256 price = effective_tip(txn, options_.base_fee);
    if (acc_it != accounts_.end()) {
        Account& account = acc_it->second;
        if (committed > account.committed) {
            rebuild(account, committed);
            refresh_victim(tx.sender, account);
            erase_account_if_empty(tx.sender);
            acc_it = accounts_.find(tx.sender);
        }
    }
    if (acc_it != accounts_.end()) {
        Account& account = acc_it->second;
        auto existing = account.txs.find(txn.nonce);
        if (existing != account.txs.end()) {
            Entry& old = existing->second;
            if (old.in_flight != 0) return fail(Errc::kNonceTooLow);
            if (!replacement_pays_enough(old.tx->txn, txn, options_.price_bump_percent))
                return fail(Errc::kReplacementUnderpriced);
            count_in(account, old, -1);
            by_hash_.erase(old.tx->hash);
            by_hash_.emplace(tx.hash, std::pair{tx.sender, txn.nonce});
            const Address sender = tx.sender;
            old.gas = txn.gas_limit;
            old.size = body_size(txn);
            *old.tx = std::move(tx);
            old.price = price;
            old.seq = next_seq_++;
            count_in(account, old, +1);
            refresh_victim(sender, account);
            return AddOutcome::kReplaced;
        }
    }
    // Executable now: it continues the sender's run (which starts at the committed nonce).
    const uint64_t run_end = acc_it == accounts_.end() ? committed : acc_it->second.run_end;
    const bool executable = txn.nonce == run_end;
    if (acc_it != accounts_.end()) {
        Account& account = acc_it->second;
        if (!executable && queued_of(account) >= options_.max_queued_per_sender)
            return fail(Errc::kAccountLimitExceeded, "too many queued transactions (nonce gaps)");
        if (account.txs.size() >= options_.max_per_sender) {
            // Make room with the sender's own highest queued transaction, if it has one.
            auto last = std::prev(account.txs.end());
            if (!executable || last->first < account.run_end || last->second.in_flight != 0)
                return fail(Errc::kAccountLimitExceeded);
            remove_entry(account, last);
            refresh_victim(tx.sender, account);
        }
    }
    if (!executable && queued_count_ >= options_.max_queued_total)
        return fail(Errc::kTxPoolFull, "too many queued transactions in the pool");

    if (by_hash_.size() >= options_.max_total && !(executable && evict_queued())) {
        if (victims_.empty()) return fail(Errc::kTxPoolFull);
        const auto victim = *victims_.begin();
        if (price <= std::get<1>(victim)) return fail(Errc::kTxPoolFull);
        const Address& victim_sender = std::get<3>(victim);
        Account& victim_account = accounts_.at(victim_sender);
        remove_entry(victim_account, std::prev(victim_account.txs.end()));
        refresh_victim(victim_sender, victim_account);
        erase_account_if_empty(victim_sender);
    }

    const Address sender = tx.sender;
    const uint64_t nonce = txn.nonce;
    Account& account = account_for(sender, committed);
    by_hash_.emplace(tx.hash, std::pair{sender, nonce});
    auto [it, inserted] = account.txs.try_emplace(nonce);
    Entry& entry = it->second;
    entry.nonce = nonce;
    entry.gas = txn.gas_limit;
    entry.size = body_size(txn);
    entry.tx = std::make_unique<proto::SignedTx>(std::move(tx));
    entry.price = price;
    entry.seq = next_seq_++;
    count_in(account, entry, +1);
    if (nonce == account.run_end) extend_run(account);
    refresh_victim(sender, account);
    return classify(account, entry) == Class::kSelectable ? AddOutcome::kPending
                                                          : AddOutcome::kQueued;
}

size_t Mempool::queued_of(const Account& account) noexcept {
    // Every nonce in [committed, run_end) is present; the rest are behind a gap.
    return account.txs.size() - static_cast<size_t>(account.run_end - account.committed);
}

bool Mempool::evict_queued() {
    // Candidates order queued ones first (is selectable = false), cheapest first.
    if (victims_.empty() || std::get<0>(*victims_.begin())) return false;
    const Address sender = std::get<3>(*victims_.begin());
    Account& account = accounts_.at(sender);
    remove_entry(account, std::prev(account.txs.end()));
    refresh_victim(sender, account);
    erase_account_if_empty(sender);
    return true;
}

size_t Mempool::expire_queued(uint64_t cutoff_unix_ns) {
    size_t removed = 0;
    std::vector<Address> senders;
    for (const auto& [sender, account] : accounts_) {
        if (queued_of(account) != 0) senders.push_back(sender);
    }
    for (const Address& sender : senders) {
        Account& account = accounts_.at(sender);
        // From the highest nonce down, so that no removal opens a gap below a kept transaction.
        while (!account.txs.empty()) {
            auto last = std::prev(account.txs.end());
            const Entry& e = last->second;
            if (last->first < account.run_end || e.in_flight != 0 ||
                e.tx->received_unix_ns >= cutoff_unix_ns) {
                break;
            }
            remove_entry(account, last);
            ++removed;
        }
        refresh_victim(sender, account);
        erase_account_if_empty(sender);
    }
    return removed;
}

std::vector<proto::SignedTx> Mempool::next_block(uint64_t block_num, uint64_t max_gas,
                                                 size_t max_txs, uint64_t max_bytes) {
    using TxIter = std::map<uint64_t, Entry>::iterator;
    // The ordering key is copied into the heap so that sifting touches no map node: the price
    // saturated to 64 bits (18 ether per gas; beyond that the full price decides) and the
    // arrival.
    struct Head {
        uint64_t price;
        uint64_t seq;
        const Address* sender;
        Account* account;
        TxIter it;
    };
    const auto make_head = [](const Address& sender, Account& account, TxIter it) {
        const Uint256& price = it->second.price;
        return Head{price.fits_u64() ? price.low64() : ~uint64_t{0}, it->second.seq, &sender,
                    &account, it};
    };
    // Max-heap on (price, earlier arrival).
    const auto lower = [](const Head& a, const Head& b) {
        if (a.price != b.price) return a.price < b.price;
        if (a.price == ~uint64_t{0} && a.it->second.price != b.it->second.price)
            return a.it->second.price < b.it->second.price;
        return a.seq > b.seq;
    };
    // The next selectable transaction of `account` at or after `it`, or end().
    const auto next_selectable = [](Account& account, TxIter it) {
        while (it != account.txs.end() && it->first < account.run_end && it->second.in_flight != 0)
            ++it;
        if (it != account.txs.end() && it->first >= account.run_end) return account.txs.end();
        return it;
    };

    std::vector<Head> heap;
    for (auto& [sender, account] : accounts_) {
        if (account.txs.empty() || account.txs.begin()->first >= account.run_end) continue;
        auto it = next_selectable(account, account.txs.begin());
        if (it != account.txs.end()) heap.push_back(make_head(sender, account, it));
    }
    std::make_heap(heap.begin(), heap.end(), lower);

    std::vector<proto::SignedTx> out;
    std::vector<Hash256>& flight = in_flight_blocks_[block_num];
    const size_t expected = max_txs == 0 ? selectable_count_ : std::min(max_txs, selectable_count_);
    out.reserve(expected);
    flight.reserve(flight.size() + expected);
    uint64_t gas_left = max_gas;
    uint64_t bytes_left = max_bytes == 0 ? ~uint64_t{0} : max_bytes;
    while (!heap.empty() && (max_txs == 0 || out.size() < max_txs) && gas_left != 0) {
        std::pop_heap(heap.begin(), heap.end(), lower);
        Head head = heap.back();
        heap.pop_back();
        Entry& entry = head.it->second;
        // Too big for what is left: the sender's later nonces cannot go before it, so the
        // sender sits out the rest of this block; smaller transactions of others may still fit.
        if (entry.gas > gas_left || entry.size > bytes_left) continue;
        gas_left -= entry.gas;
        bytes_left -= entry.size;
        count_in(*head.account, entry, -1);
        entry.in_flight = block_num;
        count_in(*head.account, entry, +1);
        out.push_back(*entry.tx);
        flight.push_back(entry.tx->hash);
        // Only the highest nonce is an eviction candidate, so the candidate changes only when
        // that one is taken.
        if (std::next(head.it) == head.account->txs.end())
            refresh_victim(*head.sender, *head.account);
        head.it = next_selectable(*head.account, std::next(head.it));
        if (head.it != head.account->txs.end()) {
            heap.push_back(make_head(*head.sender, *head.account, head.it));
            std::push_heap(heap.begin(), heap.end(), lower);
        }
    }
    if (flight.empty()) in_flight_blocks_.erase(block_num);
    return out;
}

void Mempool::return_to_pool(Account& account, Entry& entry) {
    count_in(account, entry, -1);
    entry.in_flight = 0;
    count_in(account, entry, +1);
}

void Mempool::abandon(uint64_t block_num) {
    auto block = in_flight_blocks_.find(block_num);
    if (block == in_flight_blocks_.end()) return;
    for (const Hash256& hash : block->second) {
        auto h = by_hash_.find(hash);
        if (h == by_hash_.end()) continue;
        const auto [sender, nonce] = h->second;
        Account& account = accounts_.at(sender);
        Entry& entry = account.txs.at(nonce);
        if (entry.in_flight != block_num) continue;
        return_to_pool(account, entry);
        refresh_victim(sender, account);
    }
    in_flight_blocks_.erase(block);
}

void Mempool::on_committed(const proto::HeadUpdate& update) {
    // Collect every account the update touches, take their counts out, change them freely,
    // then recompute their runs and put the counts back.
    std::vector<Address> affected;
    const auto sender_of = [&](const Hash256& hash) -> const std::pair<Address, uint64_t>* {
        auto it = by_hash_.find(hash);
        return it == by_hash_.end() ? nullptr : &it->second;
    };
    for (const Hash256& hash : update.included)
        if (const auto* s = sender_of(hash)) affected.push_back(s->first);
    for (const proto::DroppedTx& d : update.dropped)
        if (const auto* s = sender_of(d.hash)) affected.push_back(s->first);
    for (const auto& [sender, nonce] : update.sender_nonces)
        if (accounts_.contains(sender)) affected.push_back(sender);
    const auto blocks_end = in_flight_blocks_.upper_bound(update.number);
    for (auto b = in_flight_blocks_.begin(); b != blocks_end; ++b)
        for (const Hash256& hash : b->second)
            if (const auto* s = sender_of(hash)) affected.push_back(s->first);
    std::sort(affected.begin(), affected.end());
    affected.erase(std::unique(affected.begin(), affected.end()), affected.end());

    for (const Address& sender : affected) {
        const Account& account = accounts_.at(sender);
        for (const auto& [nonce, entry] : account.txs) count_in(account, entry, -1);
    }

    // Raw edits: counts of the affected accounts are out, so no bookkeeping until the rebuild.
    const auto erase_tx = [&](const Hash256& hash) {
        auto h = by_hash_.find(hash);
        if (h == by_hash_.end()) return;
        accounts_.at(h->second.first).txs.erase(h->second.second);
        by_hash_.erase(h);
    };
    const auto entry_of = [&](const Hash256& hash) -> Entry* {
        auto h = by_hash_.find(hash);
        if (h == by_hash_.end()) return nullptr;
        return &accounts_.at(h->second.first).txs.at(h->second.second);
    };
    for (const Hash256& hash : update.included) erase_tx(hash);
    for (const proto::DroppedTx& d : update.dropped) {
        // starts_with: an executor may append detail ("nonce too high: address ..., tx: 5").
        if (d.reason.starts_with(kNonceTooHighReason)) {
            // Early, not bad: it goes back and is proposed again once its turn comes.
            if (Entry* e = entry_of(d.hash)) e->in_flight = 0;
        } else {
            erase_tx(d.hash);
        }
    }
    for (auto b = in_flight_blocks_.begin(); b != blocks_end; ++b) {
        for (const Hash256& hash : b->second) {
            // Neither included nor dropped by a committed block: lost; treat as "nonce too high".
            Entry* e = entry_of(hash);
            if (e != nullptr && e->in_flight == b->first) e->in_flight = 0;
        }
    }
    in_flight_blocks_.erase(in_flight_blocks_.begin(), blocks_end);

    std::unordered_map<Address, uint64_t> committed;
    for (const auto& [sender, nonce] : update.sender_nonces) {
        auto [it, inserted] = committed.try_emplace(sender, nonce);
        if (!inserted) it->second = std::max(it->second, nonce);
    }
    for (const Address& sender : affected) {
        Account& account = accounts_.at(sender);
        // Put the counts of the edited state back; rebuild() takes them out and in again
        // around its recomputation.
        for (const auto& [nonce, entry] : account.txs) count_in(account, entry, +1);
        auto c = committed.find(sender);
        rebuild(account, c == committed.end() ? account.committed : c->second);
        refresh_victim(sender, account);
        erase_account_if_empty(sender);
    }
}

void Mempool::rebase(const Address& sender, uint64_t committed) {
    auto it = accounts_.find(sender);
    if (it == accounts_.end()) return;
    Account& account = it->second;
    // In flight means in a block before the patch's: included or not, the patch overrides it.
    for (const auto& [nonce, entry] : account.txs) count_in(account, entry, -1);
    std::erase_if(account.txs, [&](const auto& kv) {
        if (kv.second.in_flight == 0) return false;
        by_hash_.erase(kv.second.tx->hash);
        return true;
    });
    for (const auto& [nonce, entry] : account.txs) count_in(account, entry, +1);
    rebuild(account, committed, true);
    refresh_victim(sender, it->second);
    erase_account_if_empty(sender);
}

std::optional<uint64_t> Mempool::pending_nonce(const Address& sender) const {
    auto it = accounts_.find(sender);
    if (it == accounts_.end()) return std::nullopt;
    return it->second.run_end;
}

std::optional<uint64_t> Mempool::committed_nonce(const Address& sender) const {
    auto it = accounts_.find(sender);
    if (it == accounts_.end()) return std::nullopt;
    return it->second.committed;
}

MempoolContent Mempool::content() const {
    MempoolContent out;
    for (const auto& [sender, account] : accounts_) {
        for (const auto& [nonce, entry] : account.txs) {
            auto& side = classify(account, entry) == Class::kQueued ? out.queued : out.pending;
            side[sender].emplace(nonce, *entry.tx);
        }
    }
    return out;
}

MempoolStatus Mempool::status() const {
    return MempoolStatus{.pending = selectable_count_ + in_flight_count_,
                         .queued = queued_count_,
                         .in_flight = in_flight_count_};
}

std::optional<proto::SignedTx> Mempool::get(const Hash256& hash) const {
    auto h = by_hash_.find(hash);
    if (h == by_hash_.end()) return std::nullopt;
    return *accounts_.at(h->second.first).txs.at(h->second.second).tx;
}

}  // namespace yao::chronos
