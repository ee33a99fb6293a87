// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "admission.hpp"

#include <yao/infra/trace_id.hpp>

#include <chrono>

#include <yao/chain/errc.hpp>
#include <yao/chain/processor.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/common/keccak.hpp>
#include <yao/infra/worker_pool.hpp>
#include <yao/services/chronos/api/errc.hpp>

namespace yao::portal {
namespace {

uint64_t unix_ns() {
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
}

std::unexpected<Error> fail(std::error_code code, std::string context = {}) {
    return std::unexpected(Error{code, std::move(context)});
}

}  // namespace

Admission::Admission(AdmissionOptions options, vulcan::StateService& state,
                     chronos::SequencerService& sequencer, infra::WorkerPool& workers,
                     std::function<uint64_t()> head_number, log::Logger logger)
    : options_{std::move(options)},
      state_{state},
      sequencer_{sequencer},
      workers_{workers},
      head_number_{std::move(head_number)},
      log_{std::move(logger)} {}

Result<proto::SignedTx> Admission::check_raw(BytesView raw) const {
    // The size first: a huge input is refused before any decoding work.
    if (raw.size() > chronos::kMaxTxBytes) return fail(chronos::Errc::kOversizedData);
    YAO_TRY(chain::Transaction txn, chain::decode_transaction(raw));
    if (txn.type == chain::TxType::kLegacy && !txn.chain_id && !options_.allow_unprotected_txs)
        return fail(chronos::Errc::kUnprotectedTx);
    // geth's ValidateSignatureValues: r and s in [1, n-1], s in the lower half (EIP-2).
    static const Uint256 kCurveOrder =
        Uint256::from_hex("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
            .value();
    static const Uint256 kHalfOrder = kCurveOrder >> uint64_t{1};
    if (txn.r.is_zero() || txn.s.is_zero() || txn.r >= kCurveOrder || txn.s > kHalfOrder)
        return fail(chain::Errc::kInvalidV, "signature values out of range");
    YAO_TRY_VOID(check_stateless(txn));
    YAO_TRY(Address sender, chain::recover_sender(txn));
    const Hash256 hash = chain::transaction_hash(txn);
    return proto::SignedTx{std::move(txn), hash, sender, unix_ns(), infra::new_trace_id()};
}

Result<void> Admission::check_stateless(const chain::Transaction& txn) const {
    if (txn.type == chain::TxType::kBlob)
        return fail(chain::Errc::kTxTypeNotSupported, "blob transactions");
    // geth's pool text for a transaction that could never fit a block.
    if (txn.gas_limit > options_.block_gas_limit) return fail(chronos::Errc::kGasLimitExceeded);
    chain::BlockEnv env;
    env.chain_id = options_.chain_id;
    env.gas_limit = options_.block_gas_limit;
    env.base_fee = options_.base_fee;
    env.number = head_number_() + 1;
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::system_clock::now().time_since_epoch());
    return chain::check_transaction(env, txn,
                                    options_.forks.at(static_cast<uint64_t>(now.count())));
}

Result<void> Admission::check_stateful(const proto::SignedTx& tx) {
    YAO_TRY(auto account, state_.account(tx.sender, std::nullopt));
    if (account) {
        if (tx.txn.nonce < account->nonce) return fail(chain::Errc::kNonceTooLow);
        // Overflow-checked: a cost past 2^256 is more than any balance.
        const std::optional<Uint256> cost = chain::max_cost(tx.txn);
        if (!cost || account->balance < *cost) return fail(chain::Errc::kInsufficientFunds);
        return {};
    }
    // No account: nothing to pay with unless everything is free.
    const bool free = tx.txn.value.is_zero() && options_.base_fee.is_zero() &&
                      tx.txn.gas_price.is_zero() && tx.txn.max_fee_per_gas.is_zero();
    if (!free) return fail(chain::Errc::kInsufficientFunds);
    return {};
}

void Admission::count(const Result<Hash256>& r) {
    if (r) {
        admitted_.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    const std::string reason = r.error().code().message();
    std::scoped_lock lock{refused_mutex_};
    ++refused_[reason];
}

void Admission::log_accepted(const Result<Hash256>& r, const std::string& trace_id,
                             uint64_t nonce) const {
    if (!r || !log_.enabled(log::Level::kDebug)) return;
    log_.debug("transaction accepted")
        .with_trace(trace_id, "")
        .with_component("portal")
        .with_field("hash", *r)
        .with_field("nonce", nonce)
        .log();
}

Admission::Counts Admission::counts() const {
    Counts c;
    c.admitted = admitted_.load(std::memory_order_relaxed);
    std::scoped_lock lock{refused_mutex_};
    c.refused.assign(refused_.begin(), refused_.end());
    return c;
}

Result<Hash256> Admission::submit_raw(BytesView raw) {
    const infra::metrics::ScopedTimer timer{latency_};
    auto submitted = [&]() -> Result<Hash256> {
        YAO_TRY(proto::SignedTx tx, check_raw(raw));
        YAO_TRY_VOID(check_stateful(tx));
        const std::string trace = log_.enabled(log::Level::kDebug) ? tx.trace_id : std::string{};
        const uint64_t nonce = tx.txn.nonce;
        auto r = sequencer_.submit_transaction(std::move(tx));
        log_accepted(r, trace, nonce);
        return r;
    }();
    count(submitted);
    return submitted;
}

std::vector<Result<Hash256>> Admission::submit_raw(std::span<const Bytes> raw) {
    const infra::metrics::ScopedTimer timer{latency_};
    std::vector<Result<proto::SignedTx>> checked(raw.size(), std::unexpected(Error{}));
    // The account reads of the stateful check too (in a cluster, round trips to a Vulcan).
    workers_.run(raw.size(), [&](size_t i) {
        checked[i] = check_raw(raw[i]);
        if (!checked[i]) return;
        if (auto ok = check_stateful(*checked[i]); !ok) checked[i] = std::unexpected(ok.error());
    });
    std::vector<Result<Hash256>> out(raw.size(), std::unexpected(Error{}));
    std::vector<proto::SignedTx> admitted;
    std::vector<size_t> where;  // the input index of each admitted transaction
    admitted.reserve(raw.size());
    where.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
        if (!checked[i]) {
            out[i] = std::unexpected(checked[i].error());
            continue;
        }
        where.push_back(i);
        admitted.push_back(std::move(*checked[i]));
    }
    std::vector<std::pair<std::string, uint64_t>> traces;
    if (log_.enabled(log::Level::kDebug)) {
        for (const auto& tx : admitted) traces.emplace_back(tx.trace_id, tx.txn.nonce);
    }
    auto results = sequencer_.submit_transactions(std::move(admitted));
    for (size_t k = 0; k < traces.size() && k < results.size(); ++k)
        log_accepted(results[k], traces[k].first, traces[k].second);
    for (size_t k = 0; k < results.size() && k < where.size(); ++k)
        out[where[k]] = std::move(results[k]);
    for (const auto& r : out) count(r);
    return out;
}

Result<Hash256> Admission::submit_signed(proto::SignedTx tx) {
    const infra::metrics::ScopedTimer timer{latency_};
    auto submitted = [&]() -> Result<Hash256> {
        if (chain::encode_transaction(tx.txn).size() > chronos::kMaxTxBytes)
            return fail(chronos::Errc::kOversizedData);
        YAO_TRY_VOID(check_stateless(tx.txn));
        tx.received_unix_ns = unix_ns();
        if (tx.trace_id.empty()) tx.trace_id = infra::new_trace_id();
        YAO_TRY_VOID(check_stateful(tx));
        const std::string trace = tx.trace_id;
        const uint64_t nonce = tx.txn.nonce;
        auto r = sequencer_.submit_transaction(std::move(tx));
        log_accepted(r, trace, nonce);
        return r;
    }();
    count(submitted);
    return submitted;
}

}  // namespace yao::portal
