// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Ethereum JSON-RPC encodings: QUANTITY ("0x" + minimal hex, "0x0" for zero), DATA ("0x" +
// even hex), addresses and hashes, block tags. Parsing is strict the way geth's is: a quantity
// with leading zeros or without "0x" is an error; every error names the problem and becomes
// -32602 invalid params.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <yao/common/bytes.hpp>
#include <yao/common/uint256.hpp>

#include "types.hpp"

namespace yao::rpc {

std::string quantity(uint64_t v);
std::string quantity(const Uint256& v);
std::string data_hex(BytesView b);
std::string hash_hex(const Hash256& h);
std::string address_hex(const Address& a);  ///< lower case, like geth

std::expected<uint64_t, RpcError> parse_u64(const Json& j, std::string_view what);
std::expected<Uint256, RpcError> parse_u256(const Json& j, std::string_view what);
std::expected<Bytes, RpcError> parse_data(const Json& j, std::string_view what);
std::expected<Address, RpcError> parse_address(const Json& j, std::string_view what);
std::expected<Hash256, RpcError> parse_hash(const Json& j, std::string_view what);

/// A block parameter: "latest", "pending", "earliest", "safe", "finalized", a quantity, or
/// (EIP-1898) {"blockNumber": q} / {"blockHash": h, "requireCanonical": b}.
struct BlockRef {
    enum class Kind : uint8_t { kLatest, kPending, kEarliest, kSafe, kFinalized, kNumber, kHash };
    Kind kind = Kind::kLatest;
    uint64_t number = 0;
    Hash256 hash;
};
std::expected<BlockRef, RpcError> parse_block_ref(const Json& j, std::string_view what);

/// The element `i` of an array of params, or null when absent.
const Json& param(const Json& params, size_t i);

}  // namespace yao::rpc
