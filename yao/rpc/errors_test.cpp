// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// to_rpc_error (errors.cpp): one case per category it knows, and categories recognised by
// identity, not by name.
#include <gtest/gtest.h>

#include <string>
#include <system_error>

#include <yao/chain/errc.hpp>
#include <yao/common/errc.hpp>
#include <yao/common/rlp.hpp>
#include <yao/services/chronos/api/errc.hpp>
#include <yao/storage/errc.hpp>

#include "types.hpp"

namespace yao::rpc {
namespace {

/// A category that borrows the name of one to_rpc_error knows.
class Impostor final : public std::error_category {
public:
    explicit Impostor(const char* name) : name_{name} {}
    const char* name() const noexcept override { return name_; }
    std::string message(int) const override { return "nonce too low"; }

private:
    const char* name_;
};

TEST(ToRpcError, ChainValidityErrorsAreGethsTextsWithoutContext) {
    const RpcError e = to_rpc_error(Error{chain::Errc::kNonceTooLow, "tx 1, state 2"});
    EXPECT_EQ(e.code, kServerError);
    EXPECT_EQ(e.message, "nonce too low");
    EXPECT_TRUE(e.data.is_null());
    EXPECT_EQ(to_rpc_error(Error{chain::Errc::kInsufficientFunds}).message,
              "insufficient funds for gas * price + value");
}

TEST(ToRpcError, ChainDecodingErrorsAreWordedAsGethsDecoder) {
    EXPECT_EQ(to_rpc_error(Error{chain::Errc::kEmptyInput}).message, "typed transaction too short");
    EXPECT_EQ(to_rpc_error(Error{chain::Errc::kUnsupportedTxType}).message,
              "transaction type not supported");
    EXPECT_EQ(to_rpc_error(Error{chain::Errc::kInvalidV}).message,
              "invalid transaction v, r, s values");
    const RpcError e = to_rpc_error(Error{chain::Errc::kWrongFieldCount, "9 fields"});
    EXPECT_EQ(e.code, kServerError);
    EXPECT_EQ(e.message, "rlp: wrong field count: 9 fields");
}

TEST(ToRpcError, PoolErrorsAreTheCategoryTexts) {
    const RpcError e = to_rpc_error(Error{chronos::Errc::kReplacementUnderpriced, "bump 10%"});
    EXPECT_EQ(e.code, kServerError);
    EXPECT_EQ(e.message, "replacement transaction underpriced");
    EXPECT_EQ(to_rpc_error(Error{chronos::Errc::kAlreadyKnown}).message, "already known");
}

TEST(ToRpcError, RlpErrorsArePrefixedAndWorded) {
    const RpcError e = to_rpc_error(Error{rlp::Errc::kUnexpectedLength, "hash"});
    EXPECT_EQ(e.code, kServerError);
    EXPECT_EQ(e.message, "rlp: unexpected length: hash");
}

TEST(ToRpcError, AnInvalidSignatureIsGethsInvalidSender) {
    EXPECT_EQ(to_rpc_error(Error{Errc::kInvalidSignature}).message, "invalid sender");
    EXPECT_EQ(to_rpc_error(Error{Errc::kInvalidSignature}).code, kServerError);
    // The common layer's other codes are not the request's fault here: internal.
    const RpcError other = to_rpc_error(Error{Errc::kInvalidHexDigit, "x"});
    EXPECT_EQ(other.code, kInternalError);
    EXPECT_EQ(other.message, "common.invalid_hex_digit: x");
}

TEST(ToRpcError, StorageErrorsAnUnknownBlockTooManyResultsAndInternalFailures) {
    EXPECT_EQ(to_rpc_error(Error{storage::Errc::kUnknownBlock}).message, "header not found");
    EXPECT_EQ(to_rpc_error(Error{storage::Errc::kUnknownBlock}).code, kServerError);
    const RpcError many = to_rpc_error(Error{storage::Errc::kTooManyResults, "over 10000"});
    EXPECT_EQ(many.code, kLimitExceeded);
    EXPECT_EQ(many.message, "query returned too many results: over 10000");
    const RpcError db = to_rpc_error(Error{storage::Errc::kDatabase, "disk I/O error"});
    EXPECT_EQ(db.code, kInternalError);
    EXPECT_EQ(db.message, "storage.database: disk I/O error");
}

TEST(ToRpcError, AnyOtherCategoryIsAnInternalErrorWithItsText) {
    const RpcError e =
        to_rpc_error(Error{std::make_error_code(std::errc::timed_out), "StateService"});
    EXPECT_EQ(e.code, kInternalError);
    EXPECT_EQ(e.message,
              Error(std::make_error_code(std::errc::timed_out), "StateService").message());
}

TEST(ToRpcError, CategoriesAreRecognisedByIdentityNotByName) {
    for (const char* name : {"chain", "chronos", "rlp", "common", "storage"}) {
        const Impostor impostor{name};
        const RpcError e = to_rpc_error(Error{std::error_code{3, impostor}, "ctx"});
        EXPECT_EQ(e.code, kInternalError) << name;
        EXPECT_EQ(e.message, std::string{name} + ".nonce too low: ctx") << name;
    }
}

}  // namespace
}  // namespace yao::rpc
