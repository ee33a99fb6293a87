// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// EIP-712 typed structured data hashing, as eth_signTypedData_v4 takes it:
// {"types": {...}, "primaryType": "...", "domain": {...}, "message": {...}}.
#include <expected>
#include <string>
#include <string_view>

#include <yao/common/bytes.hpp>

#include "types.hpp"

namespace yao::rpc {

/// Deepest nesting of values (struct and array levels together) a typed-data document may
/// have; deeper documents are refused with an error (the encoder recurses once per level).
inline constexpr size_t kMaxTypedDataDepth = 64;

/// encodeType: "Name(type name,...)" of `type` followed by every struct type it references,
/// directly or not, sorted by name. Error text when a type is unknown or malformed.
RpcResult<std::string> eip712_encode_type(const Json& types, std::string_view type);

/// hashStruct(value) = keccak256(keccak256(encodeType) ‖ encodeData(value)). Atomic values are
/// words (uintN/intN from JSON numbers, decimal or hex text, checked against the range of N bits;
/// N a multiple of 8 up to 256; address; bool; bytesN with N 1..32), string and bytes are
/// hashed, arrays (T[] and T[n], n items exactly) hash the concatenation of their encoded
/// members, structs recurse (at most kMaxTypedDataDepth levels).
RpcResult<Hash256> eip712_hash_struct(const Json& types, std::string_view type, const Json& value);

/// The digest to sign: keccak256(0x19 0x01 ‖ hashStruct(EIP712Domain, domain) ‖
/// hashStruct(primaryType, message)). When `types` has no EIP712Domain, it is derived from the
/// domain's fields (name, version, chainId, verifyingContract, salt).
RpcResult<Hash256> eip712_digest(const Json& typed_data);

}  // namespace yao::rpc
