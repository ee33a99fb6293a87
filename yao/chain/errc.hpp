// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <system_error>

namespace yao::chain {

/// Errors of decoding and validating chain objects (transactions, headers, receipts). Malformed
/// RLP is reported with the rlp category; these codes name what is wrong at the Ethereum level.
enum class Errc {
    kEmptyInput = 1,           ///< zero bytes where an object was expected
    kUnsupportedTxType,        ///< an EIP-2718 type this chain does not know (5 and above)
    kWrongFieldCount,          ///< an RLP list with the wrong number of fields
    kInvalidV,                 ///< legacy v that is neither 27/28 nor a valid EIP-155 value
    kInvalidYParity,           ///< typed transaction y_parity other than 0 or 1
    kInvalidToAddress,         ///< `to` that is neither empty nor 20 bytes
    kChainIdTooLarge,          ///< chain id above 2^64-1
    kBlobTxWithoutTo,          ///< EIP-4844: a blob transaction cannot create a contract
    kSetCodeTxWithoutTo,       ///< EIP-7702: a set-code transaction cannot create a contract
    kNotAnEnvelope,            ///< typed object expected but a legacy list found, or the reverse
    kInvalidReceiptStatus,     ///< a receipt status other than 0 or 1
    kUnsupportedHeaderFields,  ///< a header with fewer than 15 or more than 21 fields
    kInvalidForkSchedule,      ///< a fork schedule that breaks a rule (see chain::validate)

    // Transaction validity against a block and the state (geth's error texts in quotes).
    kWrongChainId,             ///< "invalid chain id": signed for another chain
    kTxTypeNotSupported,       ///< "transaction type not supported" by the block's revision
    kNonceTooLow,              ///< "nonce too low"
    kNonceTooHigh,             ///< "nonce too high"
    kNonceMax,                 ///< "nonce has max value" (EIP-2681)
    kSenderNotEoa,             ///< "sender not an eoa" (EIP-3607: the sender has code)
    kInsufficientFunds,        ///< "insufficient funds for gas * price + value"
    kIntrinsicGasTooLow,       ///< "intrinsic gas too low"
    kFeeCapTooLow,             ///< "max fee per gas less than block base fee"
    kTipAboveFeeCap,           ///< "max priority fee per gas higher than max fee per gas"
    kGasLimitReached,          ///< "gas limit reached": above the gas the block has left
    kMaxInitCodeSizeExceeded,  ///< "max initcode size exceeded" (EIP-3860)
    kBlobTxMissingHashes,      ///< "blob transaction missing blob hashes" (EIP-4844)
    kBlobHashVersionInvalid,   ///< "blob with invalid hash version" (EIP-4844)
    kBlobFeeCapTooLow,         ///< "max fee per blob gas less than block blob gas fee"
    kTooManyBlobs,             ///< "blob gas used exceeds maximum allowance" (fork's blob limit)
    kEmptyAuthorizationList,   ///< "EIP-7702 transaction with empty auth list"
    kFloorDataGas,             ///< "insufficient gas for floor data gas cost" (EIP-7623)
    kTxGasLimitTooHigh,        ///< "transaction gas limit too high" (EIP-7825, Osaka: 2^24)
    kInvalidStatePatch,        ///< a state patch that is not in canonical form (state_patch.hpp)
    kInsufficientFundsForTransfer,  ///< "insufficient funds for transfer": the value, after gas
};

const std::error_category& chain_category() noexcept;

/// geth's text for a transaction validity error (the quoted strings above), for JSON-RPC errors
/// and dropped-transaction reasons; nullptr for the decoding errors, which geth words
/// differently.
const char* geth_message(Errc e) noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), chain_category()};
}

}  // namespace yao::chain

template <>
struct std::is_error_code_enum<yao::chain::Errc> : std::true_type {};
