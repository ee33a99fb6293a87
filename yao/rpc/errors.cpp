// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The one table from the layers' Errc values to JSON-RPC errors (STYLE.md section 4). Ethereum
// tools match on geth's texts ("nonce too low", "already known", ...), so the text matters as much
// as the code. A category is recognised by identity (the address of its one object, as
// std::error_category::operator== compares), never by its name: a category of another library
// that happened to share a name must not be answered with geth's texts.
#include <string>
#include <string_view>

#include <yao/chain/errc.hpp>
#include <yao/common/errc.hpp>
#include <yao/common/rlp.hpp>
#include <yao/log/logger.hpp>
#include <yao/services/chronos/api/errc.hpp>
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

/// The sequencer's category messages are geth's exact texts (services/chronos/api/errc.hpp).
RpcError pool_error(const Error& e) { return {kServerError, e.code().message(), nullptr}; }

RpcError rlp_error(const Error& e) {
    return {kServerError, with_context("rlp: " + words(e.code().message()), e), nullptr};
}

RpcError common_error(const Error& e) {
    if (e == Errc::kInvalidSignature)
        return {kServerError, "invalid sender", nullptr};  // geth's txpool.ErrInvalidSender
    return internal_error(e);
}

RpcError storage_error(const Error& e) {
    switch (static_cast<storage::Errc>(e.code().value())) {
        case storage::Errc::kUnknownBlock: return {kServerError, "header not found", nullptr};
        case storage::Errc::kTooManyResults:
            return {kLimitExceeded, with_context("query returned too many results", e), nullptr};
        default: return internal_error(e);
    }
}

struct CategoryMapping {
    const std::error_category& (*category)() noexcept;
    RpcError (*map)(const Error&);
};

constexpr CategoryMapping kMappings[] = {
    {chain::chain_category, chain_error},       {chronos::chronos_category, pool_error},
    {rlp::rlp_category, rlp_error},             {common_category, common_error},
    {storage::storage_category, storage_error},
};

}  // namespace

RpcError internal_error(const Error& cause, std::string_view what) {
    // Logged here: the client's answer is all anyone would otherwise see of the failure.
    log::default_logger()
        .error("request failed on an internal error")
        .with_component("rpc")
        .with_field("what", what)
        .with_error(cause)
        .log();
    std::string message = what.empty() ? std::string{} : std::string{what} + ": ";
    return {kInternalError, message + cause.message(), nullptr};
}

RpcError to_rpc_error(const Error& e) {
    for (const CategoryMapping& m : kMappings)
        if (e.code().category() == m.category()) return m.map(e);
    return internal_error(e);
}

}  // namespace yao::rpc
