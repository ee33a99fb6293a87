// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "processor.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

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
                              const AuthorizationList& authorizations) {
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

uint64_t floor_data_gas(const Transaction& txn, evm::Revision rev) noexcept {
    if (rev < evm::Revision::kPrague) return 0;
    const auto zeros = static_cast<uint64_t>(std::count(txn.data.begin(), txn.data.end(), 0));
    const uint64_t tokens = zeros + (txn.data.size() - zeros) * kTokensPerNonZeroByte;
    return kTxGas + tokens * kTotalCostFloorPerToken;
}

uint64_t intrinsic_gas(const Transaction& txn, evm::Revision rev) noexcept {
    uint64_t gas = kTxGas;
    if (!txn.to) {
        gas += kTxCreateGas;
        if (rev >= evm::Revision::kShanghai)
            gas += kInitCodeWordGas * ((txn.data.size() + 31) / 32);
    }
    const auto zeros = static_cast<uint64_t>(std::count(txn.data.begin(), txn.data.end(), 0));
    gas += zeros * kTxDataZeroGas + (txn.data.size() - zeros) * kTxDataNonZeroGas;
    for (const AccessListEntry& entry : txn.access_list)
        gas += kAccessListAddressGas + kAccessListStorageKeyGas * entry.storage_keys.size();
    gas += kPerEmptyAccountCost * txn.authorization_list.size();
    return gas;
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
    // Gas is int64 inside the EVM (as in geth): a larger limit cannot be represented.
    if (txn.gas_limit > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return fail(Errc::kGasLimitReached, "tx gas " + std::to_string(txn.gas_limit) +
                                                " exceeds 2^63 - 1");
    if (rev >= evm::Revision::kOsaka && txn.gas_limit > kMaxTxGasOsaka)
        return fail(Errc::kTxGasLimitTooHigh, "cap " + std::to_string(kMaxTxGasOsaka) + ", tx " +
                                                  std::to_string(txn.gas_limit));
    if (txn.gas_limit > env.gas_limit)
        return fail(Errc::kGasLimitReached, "tx gas " + std::to_string(txn.gas_limit) +
                                                " > block gas limit " +
                                                std::to_string(env.gas_limit));
    if (is_dynamic_fee(txn)) {
        if (txn.max_fee_per_gas < txn.max_priority_fee_per_gas) return fail(Errc::kTipAboveFeeCap);
        if (txn.max_fee_per_gas < env.base_fee)
            return fail(Errc::kFeeCapTooLow, "max fee " + txn.max_fee_per_gas.to_dec() +
                                                 " < base fee " + env.base_fee.to_dec());
    } else if (txn.gas_price < env.base_fee) {
        return fail(Errc::kFeeCapTooLow,
                    "gas price " + txn.gas_price.to_dec() + " < base fee " + env.base_fee.to_dec());
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
    const uint64_t intrinsic = intrinsic_gas(txn, rev);
    if (txn.gas_limit < intrinsic)
        return fail(Errc::kIntrinsicGasTooLow, "have " + std::to_string(txn.gas_limit) + ", want " +
                                                   std::to_string(intrinsic));
    if (const uint64_t floor = floor_data_gas(txn, rev); txn.gas_limit < floor)
        return fail(Errc::kFloorDataGas,
                    "have " + std::to_string(txn.gas_limit) + ", want " + std::to_string(floor));
    if (!txn.to && rev >= evm::Revision::kShanghai && txn.data.size() > kMaxInitCodeSize)
        return fail(Errc::kMaxInitCodeSizeExceeded, std::to_string(txn.data.size()) + " bytes");
    return {};
}

Result<void> validate_transaction(state::State& state, const BlockEnv& env, const Transaction& txn,
                                  const Address& sender, evm::Revision rev) {
    YAO_TRY_VOID(check_transaction(env, txn, rev));
    const uint64_t nonce = state.nonce(sender);
    if (txn.nonce < nonce)
        return fail(Errc::kNonceTooLow,
                    "tx " + std::to_string(txn.nonce) + ", state " + std::to_string(nonce));
    if (txn.nonce > nonce)
        return fail(Errc::kNonceTooHigh,
                    "tx " + std::to_string(txn.nonce) + ", state " + std::to_string(nonce));
    // EIP-3607; from Prague on, an EOA with a delegation designator (EIP-7702) still sends.
    if (state.code_hash(sender) != state::kEmptyCodeHash &&
        !(rev >= evm::Revision::kPrague && evm::is_delegation(state.code(sender))))
        return fail(Errc::kSenderNotEoa);
    const auto cost = max_cost(txn);
    const Uint256 balance = state.balance(sender);
    if (!cost || balance < *cost)
        return fail(Errc::kInsufficientFunds,
                    "balance " + balance.to_dec() + ", cost " +
                        (cost ? cost->to_dec() : std::string{"over 2^256"}));
    return {};
}

Result<TxResult> apply_transaction(state::State& state, const BlockEnv& env, const Transaction& txn,
                                   const Address& sender, evm::Revision rev) {
    YAO_TRY_VOID(validate_transaction(state, env, txn, sender, rev));

    const uint64_t intrinsic = intrinsic_gas(txn, rev);
    const Uint256 price = effective_gas_price(txn, env.base_fee);
    const Uint256 blob_base_fee = txn.type == TxType::kBlob ? env.blob_base_fee(rev) : Uint256{};
    // Validation proved gas_limit * max price + blob fee fits the balance: no overflow here.
    const Uint256 blob_fee = Uint256{blob_gas(txn)} * blob_base_fee;
    state.sub_balance(sender, Uint256{txn.gas_limit} * price + blob_fee);
    state.set_nonce(sender, txn.nonce + 1);

    const Address target = txn.to ? *txn.to : state::create_address(sender, txn.nonce);
    // EIP-2929 and EIP-2930: the sender, the target, the precompiles and the access list start
    // warm; EIP-3651 (Shanghai): the coinbase too.
    state.access_account(sender);
    state.access_account(target);
    if (rev >= evm::Revision::kShanghai) state.access_account(env.coinbase);
    for (const Address& p : evm::precompile_addresses(rev)) state.access_account(p);
    for (const AccessListEntry& entry : txn.access_list) {
        state.access_account(entry.address);
        for (const Hash256& key : entry.storage_keys) state.access_storage(entry.address, key);
    }
    const uint64_t authorization_refund =
        apply_authorizations(state, env.chain_id, txn.authorization_list);
    // EIP-7702: a delegated target runs its delegate's code, and the delegate starts warm.
    if (rev >= evm::Revision::kPrague && txn.to)
        if (const auto delegate = evm::delegation_target(state.code(target)))
            state.access_account(*delegate);

    evm::TxContext ctx;
    ctx.gas_price = price;
    ctx.origin = sender;
    ctx.coinbase = env.coinbase;
    ctx.block_number = env.number;
    ctx.timestamp = env.timestamp;
    ctx.gas_limit = env.gas_limit;
    ctx.prev_randao = env.prev_randao;
    ctx.chain_id = Uint256{env.chain_id};
    ctx.base_fee = env.base_fee;
    ctx.blob_base_fee = env.blob_base_fee(rev);
    ctx.blob_hashes = txn.blob_versioned_hashes;
    state::ExecutionHost host{state, rev, ctx, env.block_hash};

    evm::Message msg;
    msg.kind = txn.to ? evm::CallKind::kCall : evm::CallKind::kCreate;
    msg.depth = 0;
    msg.gas = static_cast<int64_t>(txn.gas_limit - intrinsic);
    msg.recipient = target;
    msg.sender = sender;
    msg.code_address = target;
    msg.input = txn.data;
    msg.value = txn.value;
    evm::ExecResult r = host.call(msg);

    const uint64_t gas_left = r.gas_left > 0 ? static_cast<uint64_t>(r.gas_left) : 0;
    uint64_t gas_used = txn.gas_limit - gas_left;
    // The authorizations' refund stands even when the execution fails (EIP-7702).
    uint64_t refund = authorization_refund;
    if (r.status == evm::Status::kSuccess && r.gas_refund > 0)
        refund += static_cast<uint64_t>(r.gas_refund);
    gas_used -= std::min(gas_used / kMaxRefundQuotient, refund);
    // EIP-7623: a transaction pays at least its calldata floor.
    gas_used = std::max(gas_used, floor_data_gas(txn, rev));

    state.add_balance(sender, Uint256{txn.gas_limit - gas_used} * price);
    // The priority fee goes to the coinbase; the base fee is burned. A zero credit still
    // touches the coinbase, so an empty coinbase is deleted (EIP-158). A deferred credit skips
    // that touch, which changes nothing on a chain without empty accounts (the genesis refuses
    // them and EIP-161 deletes every one a transaction touches).
    const Uint256 priority_fee = Uint256{gas_used} * (price - env.base_fee);
    if (env.fee_sink == nullptr || !env.fee_sink->defer(priority_fee))
        state.add_balance(env.coinbase, priority_fee);

    TxResult result;
    result.receipt.type = txn.type;
    result.receipt.success = r.status == evm::Status::kSuccess;
    result.receipt.cumulative_gas_used = gas_used;
    result.receipt.logs.reserve(state.logs().size());
    for (const state::Log& log : state.logs()) result.receipt.logs.push_back(to_chain_log(log));
    result.receipt.logs_bloom = logs_bloom(result.receipt.logs);
    result.gas_used = gas_used;
    if (result.receipt.success && !txn.to) result.created_address = r.create_address;
    result.status = r.status;
    result.output = std::move(r.output);
    result.precompiles_called = host.precompiles_called();
    state.finalize_transaction();
    return result;
}

}  // namespace yao::chain
