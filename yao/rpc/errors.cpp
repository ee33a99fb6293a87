// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The one table from the layers' Errc values to JSON-RPC errors (STYLE.md section 4). Ethereum
// tools match on geth's texts ("nonce too low", "already known", ...), so the text matters as much
// as the code.
#include <string>
#include <string_view>

#include <yao/chain/errc.hpp>
#include <yao/common/errc.hpp>
#include <yao/common/rlp.hpp>
#include <yao/storage/errc.hpp>

#include "types.hpp"

namespace yao::rpc {
namespace {

/// "non_canonical_size" -> "non canonical size".
std::string words(std::string text) {
    for (char& c : text)
        if (c == '_') c = ' ';
    return text;
}

std::string with_context(std::string text, const Error& e) {
    if (!e.context().empty()) text += ": " + e.context();
    return text;
}

/// geth words malformed transactions as its decoder does: "rlp: ..." for RLP shape problems,
/// "typed transaction too short", "transaction type not supported" and the signature values.
RpcError chain_error(const Error& e) {
    const auto code = static_cast<chain::Errc>(e.code().value());
    if (const char* text = chain::geth_message(code)) return {kServerError, text, nullptr};
    switch (code) {
        case chain::Errc::kEmptyInput: return {kServerError, "typed transaction too short", nullptr};
        case chain::Errc::kUnsupportedTxType:
            return {kServerError, "transaction type not supported", nullptr};
        case chain::Errc::kInvalidV:
        case chain::Errc::kInvalidYParity:
            return {kServerError, "invalid transaction v, r, s values", nullptr};
        default:
            return {kServerError, with_context("rlp: " + words(e.code().message()), e), nullptr};
    }
}

}  // namespace

RpcError to_rpc_error(const Error& e) {
    const std::string_view category = e.code().category().name();
    if (category == "chain") return chain_error(e);
    // The sequencer's category messages are geth's exact texts (services/chronos/errc.hpp). The
    // category is matched by name so that the RPC layer does not link the sequencer.
    if (category == "chronos") return {kServerError, e.code().message(), nullptr};
    if (category == "rlp") {
        return {kServerError, with_context("rlp: " + words(e.code().message()), e), nullptr};
    }
    if (e.code() == make_error_code(Errc::kInvalidSignature)) {
        return {kServerError, "invalid sender", nullptr};  // geth's txpool.ErrInvalidSender
    }
    if (category == "storage") {
        switch (static_cast<storage::Errc>(e.code().value())) {
            case storage::Errc::kUnknownBlock: return {kServerError, "header not found", nullptr};
            case storage::Errc::kTooManyResults:
                return {kLimitExceeded, with_context("query returned too many results", e),
                        nullptr};
            default: break;
        }
    }
    return {kInternalError, e.message(), nullptr};
}

}  // namespace yao::rpc
