// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Ethereum JSON-RPC encodings: QUANTITY ("0x" + minimal hex, "0x0" for zero), DATA ("0x" +
// even hex), addresses and hashes, block tags. Outputs are canonical. Quantity inputs are lenient
// like Hardhat, Anvil, Besu and Nethermind (unlike geth): leading zeros and upper- or lower-case
// digits are accepted. Still an error: no "0x"/"0X" prefix, an empty "0x", a sign, a non-hex
// digit, a value wider than the type, a string over 1 KiB. Every error names the problem and
// becomes -32602 invalid params.
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

RpcResult<uint64_t> parse_u64(const Json& j, std::string_view what);
RpcResult<Uint256> parse_u256(const Json& j, std::string_view what);
/// geth's math.HexOrDecimal64 (eth_feeHistory blockCount, evm_* seconds): a non-negative JSON
/// integer, a hex quantity (as parse_u64) or decimal text, below 2^64.
RpcResult<uint64_t> parse_u64_or_decimal(const Json& j, std::string_view what);
RpcResult<Bytes> parse_data(const Json& j, std::string_view what);
RpcResult<Address> parse_address(const Json& j, std::string_view what);
RpcResult<Hash256> parse_hash(const Json& j, std::string_view what);

/// A block parameter: "latest", "pending", "earliest", "safe", "finalized", a quantity, or
/// (EIP-1898) {"blockNumber": q} / {"blockHash": h, "requireCanonical": b}.
struct BlockRef {
    enum class Kind : uint8_t { kLatest, kPending, kEarliest, kSafe, kFinalized, kNumber, kHash };
    Kind kind = Kind::kLatest;
    uint64_t number = 0;
    Hash256 hash;
};
RpcResult<BlockRef> parse_block_ref(const Json& j, std::string_view what);
/// A block number or tag only (geth's rpc.BlockNumber): a hex string of 66 characters is a
/// number with leading zeros here, never a hash. Null means latest.
RpcResult<BlockRef> parse_block_number(const Json& j, std::string_view what);
/// A block hash as a BlockRef (the *ByHash methods' argument).
RpcResult<BlockRef> parse_block_hash(const Json& j, std::string_view what);

/// The element `i` of an array of params, or null when absent.
const Json& param(const Json& params, size_t i);

}  // namespace yao::rpc
