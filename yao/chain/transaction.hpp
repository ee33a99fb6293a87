// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/error.hpp>
#include <yao/common/uint256.hpp>

namespace yao::chain {

/// EIP-2718 transaction types this chain decodes.
enum class TxType : uint8_t {
    kLegacy = 0,      ///< pre-EIP-2718, with (EIP-155) or without a chain id in v
    kAccessList = 1,  ///< EIP-2930
    kDynamicFee = 2,  ///< EIP-1559
    kBlob = 3,        ///< EIP-4844 (canonical form, without the blob sidecar)
    kSetCode = 4,     ///< EIP-7702 (Prague): an authorization list that sets EOAs' code
};

/// One EIP-2930 access-list entry: an address and the storage keys to pre-warm.
struct AccessListEntry {
    Address address;
    std::vector<Hash256> storage_keys;
    friend bool operator==(const AccessListEntry&, const AccessListEntry&) = default;
};
using AccessList = std::vector<AccessListEntry>;

/// One EIP-7702 authorization: the authority (recovered from the signature) lets its account's
/// code become a delegation to `address`. Fields keep the widths of the EIP's RLP types, so a
/// wider value on the wire fails to decode; values a valid signature cannot have (y parity 2,
/// r or s out of range) decode and make the authorization skipped, not the transaction invalid.
struct Authorization {
    Uint256 chain_id;  ///< 0: any chain
    Address address;   ///< the delegate; the zero address clears the delegation
    uint64_t nonce = 0;
    uint8_t y_parity = 0;
    Uint256 r;
    Uint256 s;
    friend bool operator==(const Authorization&, const Authorization&) = default;
};
using AuthorizationList = std::vector<Authorization>;

/// A signed Ethereum transaction of any supported type. Fields that a type does not have stay at
/// their defaults: `gas_price` is used by types 0 and 1; `max_fee_per_gas` and
/// `max_priority_fee_per_gas` by types 2, 3 and 4; the blob fields by type 3 only; the
/// authorization list by type 4 only.
struct Transaction {
    TxType type = TxType::kLegacy;
    /// Absent only for legacy transactions signed without EIP-155 replay protection.
    std::optional<uint64_t> chain_id;
    uint64_t nonce = 0;
    Uint256 gas_price;                 ///< wei per gas (types 0, 1)
    Uint256 max_priority_fee_per_gas;  ///< wei per gas (types 2, 3, 4)
    Uint256 max_fee_per_gas;           ///< wei per gas (types 2, 3, 4)
    uint64_t gas_limit = 0;
    std::optional<Address> to;         ///< absent: contract creation
    Uint256 value;                     ///< wei
    Bytes data;
    AccessList access_list;
    Uint256 max_fee_per_blob_gas;                ///< wei per blob gas (type 3)
    std::vector<Hash256> blob_versioned_hashes;  ///< type 3
    AuthorizationList authorization_list;        ///< type 4
    uint8_t y_parity = 0;              ///< 0 or 1: parity of the signature's R point
    Uint256 r;
    Uint256 s;

    /// The signature's v as it appears on the wire: 27/28, chain_id*2 + 35/36 (EIP-155), or the
    /// y parity for typed transactions.
    Uint256 v() const noexcept;

    friend bool operator==(const Transaction&, const Transaction&) = default;
};

/// True for the types priced by max fee and priority fee (EIP-1559): 2, 3 and 4.
inline bool is_dynamic_fee(const Transaction& txn) noexcept {
    return txn.type == TxType::kDynamicFee || txn.type == TxType::kBlob ||
           txn.type == TxType::kSetCode;
}

/// Decodes a transaction from its canonical bytes: an RLP list for legacy transactions, or
/// `type || rlp(payload)` (EIP-2718 envelope) for typed ones. Strict: non-canonical RLP, trailing
/// bytes, unknown types, bad v/y_parity, malformed fields and a set-code transaction without a
/// destination are errors naming what is wrong. Does not check the signature itself (see
/// `recover_sender`).
Result<Transaction> decode_transaction(BytesView raw);

/// Canonical bytes of `txn` (what `eth_sendRawTransaction` takes and what the hash covers).
Bytes encode_transaction(const Transaction& txn);

/// Transaction hash: keccak256 of the canonical bytes.
Hash256 transaction_hash(const Transaction& txn);

/// The hash the sender signed (EIP-155 for protected legacy, EIP-2718 payloads for typed).
Hash256 signing_hash(const Transaction& txn);

/// Recovers the sender from the signature; enforces EIP-2's low-s rule.
Result<Address> recover_sender(const Transaction& txn);

/// Signs `txn` in place with `private_key` (sets y_parity, r, s). For development tools and tests.
Result<void> sign_transaction(Transaction& txn, const Hash256& private_key);

/// Appends the transaction as it appears inside a block body: a legacy transaction as its RLP
/// list, a typed one as an RLP string holding the envelope.
void encode_transaction_in_block(Bytes& out, const Transaction& txn);

/// Appends an access list as RLP.
void encode_access_list(Bytes& out, const AccessList& list);

/// EIP-7702: the hash an authority signs, keccak256(0x05 || rlp([chain_id, address, nonce])).
Hash256 authorization_signing_hash(const Authorization& auth);

/// The authority of an authorization, with the EIP's signature rules (y parity 0 or 1,
/// 0 < r < n, 0 < s <= n/2); an error when the signature is not valid.
Result<Address> recover_authority(const Authorization& auth);

/// Signs `auth` in place with `private_key` (sets y_parity, r, s).
Result<void> sign_authorization(Authorization& auth, const Hash256& private_key);

}  // namespace yao::chain
