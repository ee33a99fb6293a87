// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "errc.hpp"

#include <string>

namespace yao::chain {
namespace {

class ChainCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "chain"; }
    std::string message(int code) const override {
        switch (static_cast<Errc>(code)) {
            case Errc::kEmptyInput: return "empty_input";
            case Errc::kUnsupportedTxType: return "unsupported_tx_type";
            case Errc::kWrongFieldCount: return "wrong_field_count";
            case Errc::kInvalidV: return "invalid_v";
            case Errc::kInvalidYParity: return "invalid_y_parity";
            case Errc::kInvalidToAddress: return "invalid_to_address";
            case Errc::kChainIdTooLarge: return "chain_id_too_large";
            case Errc::kBlobTxWithoutTo: return "blob_tx_without_to";
            case Errc::kSetCodeTxWithoutTo: return "set_code_tx_without_to";
            case Errc::kNotAnEnvelope: return "not_an_envelope";
            case Errc::kInvalidReceiptStatus: return "invalid_receipt_status";
            case Errc::kUnsupportedHeaderFields: return "unsupported_header_fields";
            case Errc::kInvalidForkSchedule: return "invalid_fork_schedule";
            case Errc::kWrongChainId: return "wrong_chain_id";
            case Errc::kTxTypeNotSupported: return "tx_type_not_supported";
            case Errc::kNonceTooLow: return "nonce_too_low";
            case Errc::kNonceTooHigh: return "nonce_too_high";
            case Errc::kNonceMax: return "nonce_max";
            case Errc::kSenderNotEoa: return "sender_not_eoa";
            case Errc::kInsufficientFunds: return "insufficient_funds";
            case Errc::kIntrinsicGasTooLow: return "intrinsic_gas_too_low";
            case Errc::kFeeCapTooLow: return "fee_cap_too_low";
            case Errc::kTipAboveFeeCap: return "tip_above_fee_cap";
            case Errc::kGasLimitReached: return "gas_limit_reached";
            case Errc::kMaxInitCodeSizeExceeded: return "max_init_code_size_exceeded";
            case Errc::kBlobTxMissingHashes: return "blob_tx_missing_hashes";
            case Errc::kBlobHashVersionInvalid: return "blob_hash_version_invalid";
            case Errc::kBlobFeeCapTooLow: return "blob_fee_cap_too_low";
            case Errc::kTooManyBlobs: return "too_many_blobs";
            case Errc::kEmptyAuthorizationList: return "empty_authorization_list";
            case Errc::kFloorDataGas: return "floor_data_gas";
            case Errc::kTxGasLimitTooHigh: return "tx_gas_limit_too_high";
            case Errc::kInvalidStatePatch: return "invalid_state_patch";
            case Errc::kInsufficientFundsForTransfer: return "insufficient_funds_for_transfer";
        }
        return "unknown";
    }
};

}  // namespace

const char* geth_message(Errc e) noexcept {
    switch (e) {
        case Errc::kWrongChainId: return "invalid chain id";
        case Errc::kTxTypeNotSupported: return "transaction type not supported";
        case Errc::kNonceTooLow: return "nonce too low";
        case Errc::kNonceTooHigh: return "nonce too high";
        case Errc::kNonceMax: return "nonce has max value";
        case Errc::kSenderNotEoa: return "sender not an eoa";
        case Errc::kInsufficientFunds: return "insufficient funds for gas * price + value";
        case Errc::kIntrinsicGasTooLow: return "intrinsic gas too low";
        case Errc::kFeeCapTooLow: return "max fee per gas less than block base fee";
        case Errc::kTipAboveFeeCap: return "max priority fee per gas higher than max fee per gas";
        case Errc::kGasLimitReached: return "gas limit reached";
        case Errc::kMaxInitCodeSizeExceeded: return "max initcode size exceeded";
        case Errc::kBlobTxMissingHashes: return "blob transaction missing blob hashes";
        case Errc::kBlobHashVersionInvalid: return "blob with invalid hash version";
        case Errc::kBlobFeeCapTooLow: return "max fee per blob gas less than block blob gas fee";
        case Errc::kTooManyBlobs: return "blob gas used exceeds maximum allowance";
        case Errc::kEmptyAuthorizationList: return "EIP-7702 transaction with empty auth list";
        case Errc::kFloorDataGas: return "insufficient gas for floor data gas cost";
        case Errc::kTxGasLimitTooHigh: return "transaction gas limit too high";
        case Errc::kInsufficientFundsForTransfer: return "insufficient funds for transfer";
        case Errc::kSetCodeTxWithoutTo:
            return "EIP-7702 transaction cannot be used to create contract";
        default: return nullptr;
    }
}

const std::error_category& chain_category() noexcept {
    static const ChainCategory category;
    return category;
}

}  // namespace yao::chain
