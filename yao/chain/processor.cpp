// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "processor.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include <yao/common/address.hpp>
#include <yao/common/hex.hpp>
#include <yao/evm/delegation.hpp>
#include <yao/evm/precompiles.hpp>

#include "errc.hpp"

namespace yao::chain {
namespace {

// Intrinsic gas (Yellow Paper G_transaction, G_txcreate, G_txdatazero, G_txdatanonzero;
// EIP-2930 access lists; EIP-3860 init code words).
constexpr uint64_t kTxGas = 21000;
constexpr uint64_t kTxCreateGas = 32000;
constexpr uint64_t kTxDataZeroGas = 4;
constexpr uint64_t kTxDataNonZeroGas = 16;
constexpr uint64_t kAccessListAddressGas = 2400;
constexpr uint64_t kAccessListStorageKeyGas = 1900;
constexpr uint64_t kInitCodeWordGas = 2;
constexpr uint64_t kMaxRefundQuotient = 5;  // EIP-3529
// EIP-7702: intrinsic gas per authorization, and the refund when the authority already exists.
constexpr uint64_t kPerEmptyAccountCost = 25000;
constexpr uint64_t kPerAuthBaseCost = 12500;
// EIP-7623: calldata tokens (zero byte 1, other byte 4) and the floor price per token.
constexpr uint64_t kTokensPerNonZeroByte = 4;
constexpr uint64_t kTotalCostFloorPerToken = 10;
// EIP-7825 (Osaka): the most gas one transaction may have.
constexpr uint64_t kMaxTxGasOsaka = uint64_t{1} << 24;
// EIP-7594 (Osaka): the most blobs one transaction may carry.
constexpr uint64_t kMaxBlobsPerTxOsaka = 6;

uint64_t blob_gas(const Transaction& txn) noexcept {
    return kGasPerBlob * txn.blob_versioned_hashes.size();
}

// a * b, or nullopt when the product does not fit 256 bits.
std::optional<Uint256> checked_mul(const Uint256& a, const Uint256& b) noexcept {
    const auto full = mul_full(a, b);
    if ((full[4] | full[5] | full[6] | full[7]) != 0) return std::nullopt;
    return Uint256::from_limbs(full[0], full[1], full[2], full[3]);
}

std::optional<Uint256> checked_add(const Uint256& a, const Uint256& b) noexcept {
    const auto [sum, overflow] = add_overflow(a, b);
    if (overflow) return std::nullopt;
    return sum;
}

}  // namespace

std::optional<Uint256> max_cost(const Transaction& txn) noexcept {
    const Uint256& price = is_dynamic_fee(txn) ? txn.max_fee_per_gas : txn.gas_price;
    auto cost = checked_mul(Uint256{txn.gas_limit}, price);
    if (cost) cost = checked_add(*cost, txn.value);
    if (cost && txn.type == TxType::kBlob) {
        const auto blob = checked_mul(Uint256{blob_gas(txn)}, txn.max_fee_per_blob_gas);
        cost = blob ? checked_add(*cost, *blob) : std::nullopt;
    }
    return cost;
}

namespace {

chain::Log to_chain_log(const state::Log& log) {
    return chain::Log{log.address, log.topics, log.data};
}

}  // namespace

uint64_t apply_authorizations(state::State& state, uint64_t chain_id,
                              std::span<const Authorization> authorizations) {
    uint64_t refund = 0;
    for (const Authorization& auth : authorizations) {
        if (!auth.chain_id.is_zero() && auth.chain_id != Uint256{chain_id}) continue;
        if (auth.nonce == std::numeric_limits<uint64_t>::max()) continue;  // no successor
        const auto authority = recover_authority(auth);
        if (!authority) continue;
        state.access_account(*authority);
        const BytesView code = state.code(*authority);
        if (!code.empty() && !evm::is_delegation(code)) continue;
        if (state.nonce(*authority) != auth.nonce) continue;
        if (state.exists(*authority)) refund += kPerEmptyAccountCost - kPerAuthBaseCost;
        if (auth.address == Address{})
            state.set_code(*authority, {});
        else
            state.set_code(*authority, evm::delegation_code(auth.address));
        state.set_nonce(*authority, auth.nonce + 1);
    }
    return refund;
}

Uint256 fake_exponential(uint64_t factor, uint64_t numerator, uint64_t denominator) noexcept {
    Uint256 output;
    Uint256 accum = Uint256{factor} * Uint256{denominator};  // both < 2^64: no overflow
    for (uint64_t i = 1; !accum.is_zero(); ++i) {
        const auto [sum, overflow] = add_overflow(output, accum);
        if (overflow) return Uint256::max();
        output = sum;
        const auto product = checked_mul(accum, Uint256{numerator});
        if (!product) return Uint256::max();
        accum = *product / (Uint256{denominator} * Uint256{i});
    }
    return output / Uint256{denominator};
}

BlobSchedule blob_schedule(evm::Revision rev) noexcept {
    if (rev >= evm::Revision::kPrague) return {6, 9, 5007716};  // EIP-7691
    return {3, kMaxBlobsPerBlock, kBlobBaseFeeUpdateFraction};  // EIP-4844
}

Uint256 BlockEnv::blob_base_fee(evm::Revision rev) const noexcept {
    return fake_exponential(kMinBlobBaseFee, excess_blob_gas, blob_schedule(rev).update_fraction);
}

namespace {

uint64_t floor_data_gas(BytesView data, evm::Revision rev) noexcept {
    if (rev < evm::Revision::kPrague) return 0;
    const auto zeros = static_cast<uint64_t>(std::count(data.begin(), data.end(), 0));
    const uint64_t tokens = zeros + (data.size() - zeros) * kTokensPerNonZeroByte;
    return kTxGas + tokens * kTotalCostFloorPerToken;
}

uint64_t intrinsic_gas(bool create, BytesView data, std::span<const AccessListEntry> access_list,
                       size_t authorizations, evm::Revision rev) noexcept {
    uint64_t gas = kTxGas;
    if (create) {
        gas += kTxCreateGas;
        if (rev >= evm::Revision::kShanghai) gas += kInitCodeWordGas * ((data.size() + 31) / 32);
    }
    const auto zeros = static_cast<uint64_t>(std::count(data.begin(), data.end(), 0));
    gas += zeros * kTxDataZeroGas + (data.size() - zeros) * kTxDataNonZeroGas;
    for (const AccessListEntry& entry : access_list)
        gas += kAccessListAddressGas + kAccessListStorageKeyGas * entry.storage_keys.size();
    gas += kPerEmptyAccountCost * authorizations;
    return gas;
}

// The checks a transaction (check_transaction) and a message (check_message) share. Their
// contexts are geth's detail without the sender, which check_message puts in front.

/// Gas is int64 inside the EVM (as in geth): a larger limit cannot be represented.
Result<void> check_gas_limit_fits(uint64_t gas_limit) {
    if (gas_limit > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return fail(Errc::kGasLimitReached,
                    "tx gas " + std::to_string(gas_limit) + " exceeds 2^63 - 1");
    return {};
}

/// EIP-1559: the tip at most the fee cap, the fee cap at least the base fee.
Result<void> check_fee_caps(const Uint256& fee_cap, const Uint256& tip_cap,
                            const Uint256& base_fee) {
    if (fee_cap < tip_cap)
        return fail(Errc::kTipAboveFeeCap, "maxPriorityFeePerGas: " + tip_cap.to_dec() +
                                               ", maxFeePerGas: " + fee_cap.to_dec());
    if (fee_cap < base_fee)
        return fail(Errc::kFeeCapTooLow,
                    "maxFeePerGas: " + fee_cap.to_dec() + ", baseFee: " + base_fee.to_dec());
    return {};
}

/// The gas a message needs before it runs.
struct GasNeeds {
    uint64_t intrinsic = 0;
    uint64_t floor = 0;  ///< EIP-7623
};

/// The intrinsic gas and the EIP-7623 floor within the gas limit, and the init code within
/// EIP-3860's limit.
Result<GasNeeds> check_gas(bool create, BytesView data,
                           std::span<const AccessListEntry> access_list, size_t authorizations,
                           uint64_t gas_limit, evm::Revision rev) {
    GasNeeds g;
    g.intrinsic = intrinsic_gas(create, data, access_list, authorizations, rev);
    if (gas_limit < g.intrinsic)
        return fail(Errc::kIntrinsicGasTooLow,
                    "have " + std::to_string(gas_limit) + ", want " + std::to_string(g.intrinsic));
    g.floor = floor_data_gas(data, rev);
    if (gas_limit < g.floor)
        return fail(Errc::kFloorDataGas,
                    "have " + std::to_string(gas_limit) + ", want " + std::to_string(g.floor));
    if (create && rev >= evm::Revision::kShanghai && data.size() > kMaxInitCodeSize)
        return fail(Errc::kMaxInitCodeSizeExceeded, "code size " + std::to_string(data.size()) +
                                                        " limit " +
                                                        std::to_string(kMaxInitCodeSize));
    return g;
}

}  // namespace

uint64_t floor_data_gas(const Transaction& txn, evm::Revision rev) noexcept {
    return floor_data_gas(txn.data, rev);
}

uint64_t intrinsic_gas(const Transaction& txn, evm::Revision rev) noexcept {
    return intrinsic_gas(!txn.to, txn.data, txn.access_list, txn.authorization_list.size(), rev);
}

Uint256 effective_gas_price(const Transaction& txn, const Uint256& base_fee) noexcept {
    if (!is_dynamic_fee(txn)) return txn.gas_price;
    const Uint256 tip = std::min(txn.max_priority_fee_per_gas, txn.max_fee_per_gas - base_fee);
    return base_fee + tip;
}

Result<void> check_transaction(const BlockEnv& env, const Transaction& txn, evm::Revision rev) {
    if (txn.type == TxType::kBlob && rev < evm::Revision::kCancun)
        return fail(Errc::kTxTypeNotSupported, "blob transaction before Cancun");
    if (txn.type == TxType::kSetCode && rev < evm::Revision::kPrague)
        return fail(Errc::kTxTypeNotSupported, "set-code transaction before Prague");
    // EIP-4844 and EIP-7702: neither type can create a contract (the decoder enforces it as
    // well; transactions built in memory reach this point without decoding).
    if (txn.type == TxType::kBlob && !txn.to) return fail(Errc::kBlobTxWithoutTo);
    if (txn.type == TxType::kSetCode) {
        if (!txn.to) return fail(Errc::kSetCodeTxWithoutTo);
        if (txn.authorization_list.empty()) return fail(Errc::kEmptyAuthorizationList);
    }
    if (txn.chain_id && *txn.chain_id != env.chain_id)
        return fail(Errc::kWrongChainId, "have " + std::to_string(*txn.chain_id) + ", want " +
                                             std::to_string(env.chain_id));
    // EIP-2681: a nonce of 2^64 - 1 would leave no successor for the account.
    if (txn.nonce == std::numeric_limits<uint64_t>::max()) return fail(Errc::kNonceMax);
    YAO_TRY_VOID(check_gas_limit_fits(txn.gas_limit));
    if (rev >= evm::Revision::kOsaka && txn.gas_limit > kMaxTxGasOsaka)
        return fail(Errc::kTxGasLimitTooHigh, "cap " + std::to_string(kMaxTxGasOsaka) + ", tx " +
                                                  std::to_string(txn.gas_limit));
    if (txn.gas_limit > env.gas_limit)
        return fail(Errc::kGasLimitReached, "tx gas " + std::to_string(txn.gas_limit) +
                                                " > block gas limit " +
                                                std::to_string(env.gas_limit));
    if (is_dynamic_fee(txn)) {
        YAO_TRY_VOID(
            check_fee_caps(txn.max_fee_per_gas, txn.max_priority_fee_per_gas, env.base_fee));
    } else {
        YAO_TRY_VOID(check_fee_caps(txn.gas_price, txn.gas_price, env.base_fee));
    }
    if (txn.type == TxType::kBlob) {
        if (txn.blob_versioned_hashes.empty()) return fail(Errc::kBlobTxMissingHashes);
        const uint64_t max_blobs = rev >= evm::Revision::kOsaka
                                       ? std::min(kMaxBlobsPerTxOsaka, blob_schedule(rev).max)
                                       : blob_schedule(rev).max;
        if (txn.blob_versioned_hashes.size() > max_blobs)
            return fail(Errc::kTooManyBlobs, std::to_string(txn.blob_versioned_hashes.size()) +
                                                 " blobs, at most " + std::to_string(max_blobs));
        for (const Hash256& h : txn.blob_versioned_hashes)
            if (h[0] != kBlobHashVersionKzg) return fail(Errc::kBlobHashVersionInvalid);
        if (txn.max_fee_per_blob_gas < env.blob_base_fee(rev))
            return fail(Errc::kBlobFeeCapTooLow);
    }
    YAO_TRY_VOID(check_gas(!txn.to, txn.data, txn.access_list, txn.authorization_list.size(),
                           txn.gas_limit, rev));
    return {};
}

Message to_message(const Transaction& txn, const Address& sender,
                   const Uint256& base_fee) noexcept {
    const bool dynamic = is_dynamic_fee(txn);
    Message m;
    m.from = sender;
    m.to = txn.to;
    m.nonce = txn.nonce;
    m.gas_limit = txn.gas_limit;
    m.gas_price = effective_gas_price(txn, base_fee);
    m.gas_fee_cap = dynamic ? txn.max_fee_per_gas : txn.gas_price;
    m.gas_tip_cap = dynamic ? txn.max_priority_fee_per_gas : txn.gas_price;
    m.value = txn.value;
    m.data = txn.data;
    m.access_list = txn.access_list;
    m.authorizations = txn.authorization_list;
    m.blob_hashes = txn.blob_versioned_hashes;
    m.blob_fee_cap = txn.max_fee_per_blob_gas;
    return m;
}

namespace {

/// What the checks of a message computed, for its execution.
struct Checked {
    GasNeeds gas;
    Uint256 gas_cost;  ///< gas_limit * gas_price, wei
    Uint256 blob_fee;  ///< blob gas * blob base fee, wei
};

/// geth's preCheck and the checks of its execute(), in their order; reads `state`, changes
/// nothing. The contexts are geth's (core/state_transition.go), so that the JSON-RPC can answer
/// geth's text: geth_message(code) + ": " + context.
Result<Checked> check_message(state::State& state, const BlockEnv& env, const Message& m,
                              evm::Revision rev, const MessageChecks& checks) {
    // Only a failure needs the text (EIP-55 hashes the address).
    const auto from = [&m] { return to_checksum_hex(m.from); };
    if (checks.nonce) {
        const uint64_t have = state.nonce(m.from);
        if (have < m.nonce)
            return fail(Errc::kNonceTooHigh, "address " + from() +
                                                 ", tx: " + std::to_string(m.nonce) +
                                                 " state: " + std::to_string(have));
        if (have > m.nonce)
            return fail(Errc::kNonceTooLow, "address " + from() +
                                                ", tx: " + std::to_string(m.nonce) +
                                                " state: " + std::to_string(have));
        // EIP-2681: the nonce could not be raised.
        if (have == std::numeric_limits<uint64_t>::max())
            return fail(Errc::kNonceMax, "address " + from() + ", nonce: " + std::to_string(have));
    }
    if (checks.sender_code) {
        // EIP-3607; from Prague on, an EOA with a delegation designator (EIP-7702) still sends.
        const Hash256 code_hash = state.code_hash(m.from);
        if (code_hash != state::kEmptyCodeHash && code_hash != Hash256{} &&
            !(rev >= evm::Revision::kPrague && evm::is_delegation(state.code(m.from))))
            return fail(Errc::kSenderNotEoa,
                        "address " + from() + ", codehash: " + to_hex(code_hash.view()));
    }
    const bool waived = checks.zero_fees_free && m.gas_fee_cap.is_zero() && m.gas_tip_cap.is_zero();
    if (!waived) {
        if (auto r = check_fee_caps(m.gas_fee_cap, m.gas_tip_cap, env.base_fee); !r)
            return fail(r.error().code(), "address " + from() + ", " + r.error().context());
    }
    YAO_TRY_VOID(check_gas_limit_fits(m.gas_limit));

    // Buying gas: the balance covers gas_limit * fee cap + value (+ blob gas * blob fee cap).
    Checked c;
    const Uint256 balance = state.balance(m.from);
    const Uint256 blob_gas{kGasPerBlob * m.blob_hashes.size()};
    auto need = checked_mul(Uint256{m.gas_limit}, m.gas_fee_cap);
    if (need) need = checked_add(*need, m.value);
    if (need && !m.blob_hashes.empty()) {
        const auto blob = checked_mul(blob_gas, m.blob_fee_cap);
        need = blob ? checked_add(*need, *blob) : std::nullopt;
    }
    const auto cost = checked_mul(Uint256{m.gas_limit}, m.gas_price);
    if (!need || !cost || balance < *need)
        return fail(Errc::kInsufficientFunds,
                    "address " + from() + " have " + balance.to_dec() + " want " +
                        (need ? need->to_dec() : std::string{"more than 2^256"}));
    c.gas_cost = *cost;
    // The blob fee is paid at the block's blob base fee, at most the fee cap covered above.
    if (!m.blob_hashes.empty()) c.blob_fee = blob_gas * env.blob_base_fee(rev);

    YAO_TRY(c.gas,
            check_gas(!m.to, m.data, m.access_list, m.authorizations.size(), m.gas_limit, rev));
    // geth's CanTransfer, on the balance after the gas was bought.
    if (!m.value.is_zero() && (balance < c.gas_cost || balance - c.gas_cost < m.value))
        return fail(Errc::kInsufficientFundsForTransfer, "address " + from());
    return c;
}

}  // namespace

Result<void> validate_transaction(state::State& state, const BlockEnv& env, const Transaction& txn,
                                  const Address& sender, evm::Revision rev) {
    YAO_TRY_VOID(check_transaction(env, txn, rev));
    YAO_TRY_VOID(check_message(state, env, to_message(txn, sender, env.base_fee), rev, {}));
    return {};
}

Result<TxResult> apply_message(state::State& state, const BlockEnv& env, const Message& m,
                               evm::Revision rev, const MessageChecks& checks,
                               evm::Tracer* tracer) {
    YAO_TRY(const Checked c, check_message(state, env, m, rev, checks));

    state.sub_balance(m.from, c.gas_cost + c.blob_fee);
    const uint64_t nonce = state.nonce(m.from);  // m.nonce when checked
    state.set_nonce(m.from, nonce + 1);

    const Address target = m.to ? *m.to : state::create_address(m.from, nonce);
    // EIP-2929 and EIP-2930: the sender, the target, the precompiles and the access list start
    // warm; EIP-3651 (Shanghai): the coinbase too.
    state.access_account(m.from);
    state.access_account(target);
    if (rev >= evm::Revision::kShanghai) state.access_account(env.coinbase);
    for (const Address& p : evm::precompile_addresses(rev)) state.access_account(p);
    for (const AccessListEntry& entry : m.access_list) {
        state.access_account(entry.address);
        for (const Hash256& key : entry.storage_keys) state.access_storage(entry.address, key);
    }
    const uint64_t authorization_refund =
        apply_authorizations(state, env.chain_id, m.authorizations);
    // EIP-7702: a delegated target runs its delegate's code, and the delegate starts warm
    // (after the authorizations, which may have just set the delegation).
    if (rev >= evm::Revision::kPrague && m.to)
        if (const auto delegate = evm::delegation_target(state.code(target)))
            state.access_account(*delegate);

    evm::TxContext ctx;
    ctx.gas_price = m.gas_price;
    ctx.origin = m.from;
    ctx.coinbase = env.coinbase;
    ctx.block_number = env.number;
    ctx.timestamp = env.timestamp;
    ctx.gas_limit = env.gas_limit;
    ctx.prev_randao = env.prev_randao;
    ctx.chain_id = Uint256{env.chain_id};
    ctx.base_fee = env.base_fee;
    ctx.blob_base_fee = env.blob_base_fee(rev);
    ctx.blob_hashes = m.blob_hashes;
    state::ExecutionHost host{state, rev, ctx, env.block_hash};
    host.set_tracer(tracer);

    evm::Message msg;
    msg.kind = m.to ? evm::CallKind::kCall : evm::CallKind::kCreate;
    msg.depth = 0;
    msg.gas = static_cast<int64_t>(m.gas_limit - c.gas.intrinsic);
    msg.recipient = target;
    msg.sender = m.from;
    msg.code_address = target;
    msg.input = m.data;
    msg.value = m.value;
    evm::ExecResult r = host.call(msg);

    const uint64_t gas_left = r.gas_left > 0 ? static_cast<uint64_t>(r.gas_left) : 0;
    uint64_t gas_used = m.gas_limit - gas_left;
    const uint64_t max_used_gas = std::max(gas_used, c.gas.floor);
    // The authorizations' refund stands even when the execution fails (EIP-7702).
    uint64_t refund = authorization_refund;
    if (r.status == evm::Status::kSuccess && r.gas_refund > 0)
        refund += static_cast<uint64_t>(r.gas_refund);
    const uint64_t refunded = std::min(gas_used / kMaxRefundQuotient, refund);
    gas_used -= refunded;
    // EIP-7623: a transaction pays at least its calldata floor.
    gas_used = std::max(gas_used, c.gas.floor);

    state.add_balance(m.from, Uint256{m.gas_limit - gas_used} * m.gas_price);
    // The priority fee goes to the coinbase; the base fee is burned. A zero credit still
    // touches the coinbase, so an empty coinbase is deleted (EIP-158). A deferred credit skips
    // that touch, which changes nothing on a chain without empty accounts (the genesis refuses
    // them and EIP-161 deletes every one a transaction touches). A price below the base fee
    // passed the checks only as a free call (MessageChecks::zero_fees_free): it pays nothing.
    if (m.gas_price >= env.base_fee) {
        const Uint256 priority_fee = Uint256{gas_used} * (m.gas_price - env.base_fee);
        if (env.fee_sink == nullptr || !env.fee_sink->defer(priority_fee))
            state.add_balance(env.coinbase, priority_fee);
    }

    TxResult result;
    result.receipt.type = TxType::kLegacy;
    result.receipt.success = r.status == evm::Status::kSuccess;
    result.receipt.cumulative_gas_used = gas_used;
    result.receipt.logs.reserve(state.logs().size());
    for (const state::Log& log : state.logs()) result.receipt.logs.push_back(to_chain_log(log));
    result.receipt.logs_bloom = logs_bloom(result.receipt.logs);
    result.gas_used = gas_used;
    result.refunded = refunded;
    result.max_used_gas = max_used_gas;
    if (result.receipt.success && !m.to) result.created_address = r.create_address;
    result.status = r.status;
    result.output = std::move(r.output);
    result.precompiles_called = host.precompiles_called();
    state.finalize_transaction();
    return result;
}

Result<TxResult> apply_transaction(state::State& state, const BlockEnv& env, const Transaction& txn,
                                   const Address& sender, evm::Revision rev) {
    YAO_TRY_VOID(check_transaction(env, txn, rev));
    YAO_TRY(TxResult result, apply_message(state, env, to_message(txn, sender, env.base_fee), rev));
    result.receipt.type = txn.type;
    return result;
}

}  // namespace yao::chain
