// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Conversions between the domain types and the generated messages of proto/yao/v1/messages.proto
// (SignedTx, Receipt, Log, Account), and the field helpers behind them, for the code that builds
// its own messages on top of them: the bus codec (codec.cpp) and the gRPC service adapters
// (yao/services/*/grpc/), whose .proto files import messages.proto. Only code that links the
// generated library (yao_proto_gen) can call the overloads taking messages, so the generated
// classes are only declared here. Decoding is as strict as codec.hpp: errors are proto::Errc
// naming the field.
#include <cstring>
#include <string>
#include <string_view>

#include <yao/chain/receipt.hpp>
#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/common/uint256.hpp>
#include <yao/state/state_view.hpp>

#include "errc.hpp"
#include "messages.hpp"

namespace yao::v1 {
class Account;
class Log;
class Receipt;
class SignedTx;
}  // namespace yao::v1

namespace yao::proto {

/// Sets a `bytes` field to `v`.
void put_bytes(std::string* out, BytesView v);

/// Sets a uint256 `bytes` field: minimal big-endian, zero is empty (messages.proto).
void put_u256(std::string* out, const Uint256& v);

/// The bytes of a `bytes` field.
inline BytesView bytes_of(const std::string& s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

/// A hash, address or bloom field: exactly N bytes, else kWrongLength naming `field`.
template <size_t N>
Result<FixedBytes<N>> get_fixed(const std::string& s, std::string_view field) {
    FixedBytes<N> out;
    if (s.size() != N) {
        return fail(Errc::kWrongLength, std::string{field} + ": want " + std::to_string(N) +
                                            " bytes, got " + std::to_string(s.size()));
    }
    std::memcpy(out.data(), s.data(), N);
    return out;
}

/// A uint256 field: at most 32 bytes, else kNumberTooLarge naming `field`.
Result<Uint256> get_u256(const std::string& s, std::string_view field);

/// `e` as seen from an enclosing message: "field." is prepended to its context.
std::unexpected<Error> within(std::string_view field, const Error& e);

/// "field[i]", for errors in repeated fields.
std::string indexed(std::string_view field, int i);

void to_proto(const SignedTx& in, v1::SignedTx* out);
/// Checks that `hash` is keccak256(raw); the sender is trusted as sent.
Result<SignedTx> from_proto(const v1::SignedTx& in);

void to_proto(const chain::Log& in, v1::Log* out);
Result<chain::Log> from_proto(const v1::Log& in);

void to_proto(const chain::Receipt& in, v1::Receipt* out);
Result<chain::Receipt> from_proto(const v1::Receipt& in);

void to_proto(const state::Account& in, v1::Account* out);
Result<state::Account> from_proto(const v1::Account& in);

}  // namespace yao::proto
