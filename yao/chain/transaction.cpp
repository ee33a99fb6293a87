// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "transaction.hpp"

#include <string>

#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/secp256k1.hpp>

#include "errc.hpp"
#include "rlp_codec.hpp"

namespace yao::chain {
namespace {

// EIP-155: v = chain_id * 2 + 35 + y_parity for protected legacy transactions.
constexpr uint64_t kEip155VOffset = 35;
// Pre-EIP-155 (Homestead) legacy transactions: v = 27 + y_parity.
constexpr uint64_t kLegacyVBase = 27;

void encode_to(Bytes& out, const std::optional<Address>& to) {
    if (to)
        rlp::encode_string(out, to->view());
    else
        rlp::encode_string(out, {});
}

Result<std::optional<Address>> read_to(rlp::Reader& r) {
    YAO_TRY(BytesView to, r.read_string());
    if (to.empty()) return std::optional<Address>{};
    if (to.size() != Address::size())
        return fail(Errc::kInvalidToAddress, std::to_string(to.size()) + " bytes");
    return std::optional<Address>{Address::right_aligned(to)};
}

// The fields every type shares after the fee fields: gas, to, value, data.
void encode_common_tail(Bytes& out, const Transaction& t) {
    rlp::encode_uint(out, t.gas_limit);
    encode_to(out, t.to);
    rlp::encode_uint(out, t.value);
    rlp::encode_string(out, t.data);
}

void encode_authorization_fields(Bytes& out, const Authorization& a) {
    rlp::encode_uint(out, a.chain_id);
    rlp::encode_string(out, a.address.view());
    rlp::encode_uint(out, a.nonce);
}

void encode_authorization_list(Bytes& out, const AuthorizationList& list) {
    Bytes entries;
    for (const Authorization& a : list) {
        Bytes entry;
        encode_authorization_fields(entry, a);
        rlp::encode_uint(entry, uint64_t{a.y_parity});
        rlp::encode_uint(entry, a.r);
        rlp::encode_uint(entry, a.s);
        rlp::encode_list(entries, entry);
    }
    rlp::encode_list(out, entries);
}

// The unsigned payload fields of a typed transaction, in EIP-2930/1559/4844/7702 order.
void encode_typed_fields(Bytes& out, const Transaction& t) {
    rlp::encode_uint(out, t.chain_id.value_or(0));
    rlp::encode_uint(out, t.nonce);
    if (t.type == TxType::kAccessList) {
        rlp::encode_uint(out, t.gas_price);
    } else {
        rlp::encode_uint(out, t.max_priority_fee_per_gas);
        rlp::encode_uint(out, t.max_fee_per_gas);
    }
    encode_common_tail(out, t);
    encode_access_list(out, t.access_list);
    if (t.type == TxType::kBlob) {
        rlp::encode_uint(out, t.max_fee_per_blob_gas);
        rlp::encode_hash_list(out, t.blob_versioned_hashes);
    }
    if (t.type == TxType::kSetCode) encode_authorization_list(out, t.authorization_list);
}

void encode_signature(Bytes& out, const Uint256& v, const Transaction& t) {
    rlp::encode_uint(out, v);
    rlp::encode_uint(out, t.r);
    rlp::encode_uint(out, t.s);
}

// Mirror of encode_common_tail.
Result<void> read_common_tail(rlp::Reader& r, Transaction& t) {
    YAO_TRY(t.gas_limit, r.read_u64());
    YAO_TRY(t.to, read_to(r));
    YAO_TRY(t.value, rlp::read_uint256(r));
    YAO_TRY(BytesView data, r.read_string());
    t.data.assign(data);
    return {};
}

Result<AccessList> read_access_list(rlp::Reader& r) {
    YAO_TRY(rlp::Reader list, r.read_list());
    AccessList out;
    while (!list.at_end()) {
        YAO_TRY(rlp::Reader entry, list.read_list());
        AccessListEntry e;
        YAO_TRY(e.address, entry.read_fixed<20>());
        YAO_TRY(e.storage_keys, rlp::read_hash_list(entry));
        YAO_TRY_VOID(entry.expect_end());
        out.push_back(std::move(e));
    }
    return out;
}

Result<AuthorizationList> read_authorization_list(rlp::Reader& r) {
    YAO_TRY(rlp::Reader list, r.read_list());
    AuthorizationList out;
    while (!list.at_end()) {
        YAO_TRY(rlp::Reader entry, list.read_list());
        Authorization a;
        YAO_TRY(a.chain_id, rlp::read_uint256(entry));
        YAO_TRY(a.address, entry.read_fixed<20>());
        YAO_TRY(a.nonce, entry.read_u64());
        YAO_TRY(BytesView y, entry.read_uint_be(1));
        a.y_parity = y.empty() ? 0 : y[0];
        YAO_TRY(a.r, rlp::read_uint256(entry));
        YAO_TRY(a.s, rlp::read_uint256(entry));
        if (!entry.at_end())
            return fail(Errc::kWrongFieldCount, "authorization has more than 6 fields");
        out.push_back(std::move(a));
    }
    return out;
}

Result<void> read_signature_typed(rlp::Reader& r, Transaction& t) {
    YAO_TRY(uint64_t y, r.read_u64());
    if (y > 1) return fail(Errc::kInvalidYParity, std::to_string(y));
    t.y_parity = static_cast<uint8_t>(y);
    YAO_TRY(t.r, rlp::read_uint256(r));
    YAO_TRY(t.s, rlp::read_uint256(r));
    return {};
}

Result<Transaction> decode_legacy(BytesView raw) {
    YAO_TRY(rlp::Item item, rlp::decode_exactly_one(raw));
    if (!item.is_list) return fail(Errc::kNotAnEnvelope, "legacy transaction must be an RLP list");
    rlp::Reader r{item.payload};
    Transaction t;
    t.type = TxType::kLegacy;
    YAO_TRY(t.nonce, r.read_u64());
    YAO_TRY(t.gas_price, rlp::read_uint256(r));
    YAO_TRY_VOID(read_common_tail(r, t));
    YAO_TRY(Uint256 v, rlp::read_uint256(r));
    YAO_TRY(t.r, rlp::read_uint256(r));
    YAO_TRY(t.s, rlp::read_uint256(r));
    if (!r.at_end()) return fail(Errc::kWrongFieldCount, "legacy transaction has more than 9 fields");

    if (v == kLegacyVBase || v == kLegacyVBase + 1) {
        t.y_parity = static_cast<uint8_t>(v.low64() - kLegacyVBase);
    } else if (v >= Uint256{kEip155VOffset + 2}) {
        // chain_id = (v - 35) / 2 must be at least 1 and fit 64 bits.
        const Uint256 offset = v - kEip155VOffset;
        const Uint256 chain_id = offset >> 1;
        if (!chain_id.fits_u64()) return fail(Errc::kChainIdTooLarge, "v " + v.to_dec());
        t.chain_id = chain_id.low64();
        t.y_parity = static_cast<uint8_t>(offset.low64() & 1);
    } else {
        return fail(Errc::kInvalidV, "v " + v.to_dec());
    }
    return t;
}

Result<Transaction> decode_typed(TxType type, BytesView payload) {
    YAO_TRY(rlp::Item item, rlp::decode_exactly_one(payload));
    if (!item.is_list) return fail(Errc::kNotAnEnvelope, "typed payload must be an RLP list");
    rlp::Reader r{item.payload};
    Transaction t;
    t.type = type;
    YAO_TRY(BytesView chain_id, r.read_uint_be(32));
    if (chain_id.size() > 8)
        return fail(Errc::kChainIdTooLarge, std::to_string(chain_id.size()) + " bytes");
    t.chain_id = Uint256::from_be_bytes(chain_id).low64();
    YAO_TRY(t.nonce, r.read_u64());
    if (type == TxType::kAccessList) {
        YAO_TRY(t.gas_price, rlp::read_uint256(r));
    } else {
        YAO_TRY(t.max_priority_fee_per_gas, rlp::read_uint256(r));
        YAO_TRY(t.max_fee_per_gas, rlp::read_uint256(r));
    }
    YAO_TRY_VOID(read_common_tail(r, t));
    YAO_TRY(t.access_list, read_access_list(r));
    if (type == TxType::kBlob) {
        if (!t.to) return fail(Errc::kBlobTxWithoutTo);
        YAO_TRY(t.max_fee_per_blob_gas, rlp::read_uint256(r));
        YAO_TRY(t.blob_versioned_hashes, rlp::read_hash_list(r));
    }
    if (type == TxType::kSetCode) {
        if (!t.to) return fail(Errc::kSetCodeTxWithoutTo);
        YAO_TRY(t.authorization_list, read_authorization_list(r));
    }
    YAO_TRY_VOID(read_signature_typed(r, t));
    if (!r.at_end())
        return fail(Errc::kWrongFieldCount,
                    "type " + std::to_string(static_cast<int>(type)) + " has extra fields");
    return t;
}

}  // namespace

Uint256 Transaction::v() const noexcept {
    if (type != TxType::kLegacy) return Uint256{y_parity};
    if (!chain_id) return Uint256{kLegacyVBase + y_parity};
    return Uint256{*chain_id} * 2 + kEip155VOffset + y_parity;
}

void encode_access_list(Bytes& out, const AccessList& list) {
    Bytes entries;
    for (const AccessListEntry& e : list) {
        Bytes entry;
        rlp::encode_string(entry, e.address.view());
        rlp::encode_hash_list(entry, e.storage_keys);
        rlp::encode_list(entries, entry);
    }
    rlp::encode_list(out, entries);
}

Result<Transaction> decode_transaction(BytesView raw) {
    if (raw.empty()) return fail(Errc::kEmptyInput, "transaction");
    const uint8_t first = raw[0];
    // EIP-2718: a first byte >= 0xc0 starts an RLP list (legacy); [0, 0x7f] is a type.
    if (first >= 0xc0) return decode_legacy(raw);
    if (first > 0x7f)
        return fail(Errc::kUnsupportedTxType, "first byte " + to_hex(raw.substr(0, 1)));
    switch (first) {
        case 1: return decode_typed(TxType::kAccessList, raw.substr(1));
        case 2: return decode_typed(TxType::kDynamicFee, raw.substr(1));
        case 3: return decode_typed(TxType::kBlob, raw.substr(1));
        case 4: return decode_typed(TxType::kSetCode, raw.substr(1));
        default: return fail(Errc::kUnsupportedTxType, "type " + std::to_string(first));
    }
}

Bytes encode_transaction(const Transaction& t) {
    Bytes payload;
    if (t.type == TxType::kLegacy) {
        rlp::encode_uint(payload, t.nonce);
        rlp::encode_uint(payload, t.gas_price);
        encode_common_tail(payload, t);
        encode_signature(payload, t.v(), t);
        Bytes out;
        rlp::encode_list(out, payload);
        return out;
    }
    encode_typed_fields(payload, t);
    encode_signature(payload, Uint256{t.y_parity}, t);
    Bytes out;
    out.push_back(static_cast<uint8_t>(t.type));
    rlp::encode_list(out, payload);
    return out;
}

void encode_transaction_in_block(Bytes& out, const Transaction& t) {
    const Bytes raw = encode_transaction(t);
    if (t.type == TxType::kLegacy)
        out += raw;
    else
        rlp::encode_string(out, raw);
}

Hash256 transaction_hash(const Transaction& t) { return keccak256(encode_transaction(t)); }

Hash256 signing_hash(const Transaction& t) {
    Bytes payload;
    Bytes out;
    if (t.type == TxType::kLegacy) {
        rlp::encode_uint(payload, t.nonce);
        rlp::encode_uint(payload, t.gas_price);
        encode_common_tail(payload, t);
        if (t.chain_id) {
            // EIP-155: the chain id and two empty values take the signature's place.
            rlp::encode_uint(payload, *t.chain_id);
            rlp::encode_uint(payload, uint64_t{0});
            rlp::encode_uint(payload, uint64_t{0});
        }
    } else {
        out.push_back(static_cast<uint8_t>(t.type));
        encode_typed_fields(payload, t);
    }
    rlp::encode_list(out, payload);
    return keccak256(out);
}

Result<Address> recover_sender(const Transaction& t) {
    return recover_address(signing_hash(t), t.r.to_hash(), t.s.to_hash(), t.y_parity,
                           /*require_low_s=*/true);
}

Hash256 authorization_signing_hash(const Authorization& auth) {
    constexpr uint8_t kSetCodeMagic = 0x05;  // EIP-7702 MAGIC
    Bytes fields;
    encode_authorization_fields(fields, auth);
    Bytes out;
    out.push_back(kSetCodeMagic);
    rlp::encode_list(out, fields);
    return keccak256(out);
}

Result<Address> recover_authority(const Authorization& auth) {
    return recover_address(authorization_signing_hash(auth), auth.r.to_hash(), auth.s.to_hash(),
                           auth.y_parity, /*require_low_s=*/true);
}

Result<void> sign_authorization(Authorization& auth, const Hash256& private_key) {
    YAO_TRY(Signature sig, sign(authorization_signing_hash(auth), private_key));
    auth.r = Uint256::from_hash(sig.r);
    auth.s = Uint256::from_hash(sig.s);
    auth.y_parity = sig.y_parity;
    return {};
}

Result<void> sign_transaction(Transaction& t, const Hash256& private_key) {
    YAO_TRY(Signature sig, sign(signing_hash(t), private_key));
    t.r = Uint256::from_hash(sig.r);
    t.s = Uint256::from_hash(sig.s);
    t.y_parity = sig.y_parity;
    return {};
}

}  // namespace yao::chain
