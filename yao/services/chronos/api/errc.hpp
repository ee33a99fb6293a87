// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <system_error>

namespace yao::chronos {

/// Why the sequencer refused a transaction or a request: part of SequencerService's contract
/// (sequencer_service.hpp), so a library of its own (yao_chronos_api) that the JSON-RPC front
/// links to recognise the category without linking the sequencer. The category's messages are
/// geth's exact texts (core/txpool/errors.go, core/error.go), so the JSON-RPC front can return
/// `error.code().message()` unchanged to Ethereum clients.
enum class Errc {
    kNonceTooLow = 1,         ///< "nonce too low": below the committed nonce, or in flight
    kAlreadyKnown,            ///< "already known": the same hash is in the pool
    kReplacementUnderpriced,  ///< "replacement transaction underpriced": less than +bump%
    kTxPoolFull,              ///< "txpool is full": full and not paying more than the cheapest
    kAccountLimitExceeded,    ///< "account limit exceeded": the sender has max_per_sender txs
    kFeeCapTooLow,            ///< "max fee per gas less than block base fee"
    kTxTypeNotSupported,      ///< "transaction type not supported" (EIP-4844 blob txs)
    kGasLimitExceeded,        ///< "exceeds block gas limit": gas_limit above the block's
    kTimestampTooLow,         ///< "timestamp lower than the previous block's timestamp"
    kOversizedData,           ///< "oversized data": the encoded transaction is over 128 KiB
    kUnprotectedTx,           ///< "only replay-protected (EIP-155) transactions allowed over RPC"
    kTimestampTooHigh,        ///< a block timestamp past kMaxTimestamp (it could not be stored)
};

const std::error_category& chronos_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), chronos_category()};
}

}  // namespace yao::chronos

template <>
struct std::is_error_code_enum<yao::chronos::Errc> : std::true_type {};
