// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <yao/chain/errc.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/rlp.hpp>
#include <yao/common/secp256k1.hpp>

#include "test_util/vectors.hpp"

namespace yao::chain {
namespace {

using test::hex;
using test::u256;

Address address_of(const nlohmann::json& j) {
    return address_from_hex(j.get<std::string>()).value();
}

std::optional<Address> to_of(const nlohmann::json& j) {
    if (j.is_null()) return std::nullopt;
    return address_from_hex(j.get<std::string>()).value();
}

// Every ethers-signed vector: decoding gives ethers' fields, re-encoding gives the same bytes,
// and hash, signing hash and sender match what ethers computed.
TEST(TransactionVectors, DecodeEncodeHashAndSenderMatchEthers) {
    const auto doc = test::load_vectors("transactions.json");
    size_t checked = 0;
    for (const auto& v : doc.at("valid")) {
        SCOPED_TRACE(v.at("description").get<std::string>());
        const Bytes raw = hex(v.at("raw"));
        auto txn = decode_transaction(raw);
        ASSERT_TRUE(txn) << txn.error().message();
        EXPECT_EQ(static_cast<int>(txn->type), v.at("type").get<int>());
        EXPECT_EQ(txn->nonce, u256(v.at("nonce")).low64());
        EXPECT_EQ(txn->gas_limit, u256(v.at("gas_limit")).low64());
        EXPECT_EQ(txn->to, to_of(v.at("to")));
        EXPECT_EQ(txn->value, u256(v.at("value")));
        EXPECT_EQ(txn->data, hex(v.at("data")));
        if (v.at("chain_id").is_null()) {
            EXPECT_FALSE(txn->chain_id);
        } else {
            EXPECT_EQ(txn->chain_id, u256(v.at("chain_id")).low64());
        }
        if (v.contains("gas_price") && !v.at("gas_price").is_null()) {
            EXPECT_EQ(txn->gas_price, u256(v.at("gas_price")));
        }
        if (v.contains("max_fee_per_gas") && !v.at("max_fee_per_gas").is_null()) {
            EXPECT_EQ(txn->max_fee_per_gas, u256(v.at("max_fee_per_gas")));
            EXPECT_EQ(txn->max_priority_fee_per_gas, u256(v.at("max_priority_fee_per_gas")));
        }
        if (v.contains("access_list") && v.at("access_list").is_array()) {
            const auto& al = v.at("access_list");
            ASSERT_EQ(txn->access_list.size(), al.size());
            for (size_t i = 0; i < al.size(); ++i) {
                EXPECT_EQ(txn->access_list[i].address,
                          address_from_hex(al[i].at("address").get<std::string>()).value());
                const auto& keys = al[i].at("storage_keys");
                ASSERT_EQ(txn->access_list[i].storage_keys.size(), keys.size());
                for (size_t k = 0; k < keys.size(); ++k)
                    EXPECT_EQ(txn->access_list[i].storage_keys[k],
                              hash_from_hex(keys[k].get<std::string>()).value());
            }
        }
        EXPECT_EQ(txn->v(), u256(v.at("v")));
        EXPECT_EQ(txn->r, u256(v.at("r")));
        EXPECT_EQ(txn->s, u256(v.at("s")));

        EXPECT_EQ(to_hex(encode_transaction(*txn)), to_hex(raw));
        EXPECT_EQ(to_hex(transaction_hash(*txn).view()), v.at("hash").get<std::string>());
        EXPECT_EQ(to_hex(signing_hash(*txn).view()), v.at("signing_hash").get<std::string>());
        auto sender = recover_sender(*txn);
        ASSERT_TRUE(sender) << sender.error().message();
        EXPECT_EQ(*sender, address_from_hex(v.at("from").get<std::string>()).value());
        ++checked;
    }
    EXPECT_GE(checked, 30u);
}

TEST(TransactionVectors, InvalidEncodingsAreRejected) {
    const auto doc = test::load_vectors("transactions.json");
    size_t checked = 0;
    for (const auto& v : doc.at("invalid")) {
        SCOPED_TRACE(v.at("reason").get<std::string>());
        auto txn = decode_transaction(hex(v.at("raw")));
        if (v.at("stage") == "decode") {
            EXPECT_FALSE(txn);
        } else {
            // Decodes, but the signature must not yield a sender (high s, r = 0, s = n, ...).
            ASSERT_EQ(v.at("stage"), "signature");
            if (txn) {
                EXPECT_FALSE(recover_sender(*txn));
            }
        }
        ++checked;
    }
    EXPECT_GE(checked, 8u);
}

Transaction sample_dynamic_fee() {
    Transaction t;
    t.type = TxType::kDynamicFee;
    t.chain_id = 31337;
    t.nonce = 7;
    t.max_priority_fee_per_gas = 1'000'000'000;
    t.max_fee_per_gas = 30'000'000'000;
    t.gas_limit = 21'000;
    t.to = address_from_hex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8").value();
    t.value = Uint256::from_dec("1000000000000000000").value();
    return t;
}

const Hash256 kDevKey0 =
    hash_from_hex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80").value();
const Address kDevAddr0 = address_from_hex("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266").value();

TEST(Transaction, SignedTransactionRoundTripsAndRecoversSigner) {
    Transaction t = sample_dynamic_fee();
    ASSERT_TRUE(sign_transaction(t, kDevKey0));
    const Bytes raw = encode_transaction(t);
    EXPECT_EQ(raw[0], 0x02);
    auto back = decode_transaction(raw);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, t);
    EXPECT_EQ(recover_sender(*back).value(), kDevAddr0);
}

TEST(Transaction, LegacyVEncodesChainId) {
    Transaction t = sample_dynamic_fee();
    t.type = TxType::kLegacy;
    t.gas_price = 1;
    t.y_parity = 1;
    EXPECT_EQ(t.v(), Uint256{31337u * 2 + 36});
    t.chain_id.reset();
    EXPECT_EQ(t.v(), Uint256{28});
}

TEST(TransactionVectors, SetCodeTransactionsSignedByEthersDecodeAndRecover) {
    const auto doc = test::load_vectors("transactions.json");
    size_t checked = 0;
    for (const auto& v : doc.at("set_code")) {
        SCOPED_TRACE(v.at("description").get<std::string>());
        const Bytes raw = hex(v.at("raw"));
        auto txn = decode_transaction(raw);
        ASSERT_TRUE(txn) << txn.error().message();
        EXPECT_EQ(txn->type, TxType::kSetCode);
        EXPECT_EQ(to_hex(encode_transaction(*txn)), to_hex(raw));
        EXPECT_EQ(to_hex(transaction_hash(*txn).view()), v.at("hash").get<std::string>());
        auto sender = recover_sender(*txn);
        ASSERT_TRUE(sender);
        EXPECT_EQ(*sender, address_of(v.at("from")));
        const auto& a = v.at("authorization");
        ASSERT_EQ(txn->authorization_list.size(), 1u);
        const Authorization& auth = txn->authorization_list[0];
        EXPECT_EQ(auth.chain_id.to_dec(), a.at("chain_id").get<std::string>());
        EXPECT_EQ(auth.address, address_of(a.at("address")));
        EXPECT_EQ(std::to_string(auth.nonce), a.at("nonce").get<std::string>());
        auto authority = recover_authority(auth);
        ASSERT_TRUE(authority);
        EXPECT_EQ(*authority, address_of(a.at("authority")));
        ++checked;
    }
    EXPECT_GE(checked, 1u);
}

TEST(Transaction, SetCodeRoundTripsAndSignsAuthorizations) {
    Transaction t = sample_dynamic_fee();
    t.type = TxType::kSetCode;
    Authorization auth;
    auth.chain_id = Uint256{31337};
    auth.address = Address{};
    auth.address[19] = 0x42;
    auth.nonce = 7;
    ASSERT_TRUE(sign_authorization(auth, kDevKey0));
    t.authorization_list = {auth};
    ASSERT_TRUE(sign_transaction(t, kDevKey0));
    auto back = decode_transaction(encode_transaction(t));
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_EQ(*back, t);
    EXPECT_EQ(recover_authority(back->authorization_list[0]).value(),
              address_from_private_key(kDevKey0).value());
    // A set-code transaction cannot create a contract.
    t.to.reset();
    auto create = decode_transaction(encode_transaction(t));
    ASSERT_FALSE(create);
    EXPECT_EQ(create.error(), Errc::kSetCodeTxWithoutTo);
}

TEST(Transaction, UnknownTypesAreNamed) {
    auto t80 = decode_transaction(Bytes{0x80});
    ASSERT_FALSE(t80);
    EXPECT_EQ(t80.error(), Errc::kUnsupportedTxType);
    auto empty = decode_transaction(Bytes{});
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error(), Errc::kEmptyInput);
}

TEST(Transaction, LegacyVOutsideTheRulesIsRejected) {
    Transaction t = sample_dynamic_fee();
    t.type = TxType::kLegacy;
    t.chain_id.reset();
    ASSERT_TRUE(sign_transaction(t, kDevKey0));
    Bytes raw = encode_transaction(t);
    // Re-encode with v = 29, 35 and 36: 29 is no legal value, 35/36 would mean chain id 0.
    for (uint64_t bad_v : {29u, 30u, 0u, 35u, 36u}) {
        Bytes payload;
        rlp::encode_uint(payload, t.nonce);
        rlp::encode_uint(payload, uint64_t{0});
        rlp::encode_uint(payload, t.gas_limit);
        rlp::encode_string(payload, t.to->view());
        rlp::encode_uint(payload, uint64_t{1});
        rlp::encode_string(payload, {});
        rlp::encode_uint(payload, bad_v);
        rlp::encode_uint(payload, uint64_t{1});
        rlp::encode_uint(payload, uint64_t{1});
        Bytes bad;
        rlp::encode_list(bad, payload);
        auto r = decode_transaction(bad);
        ASSERT_FALSE(r) << bad_v;
        EXPECT_EQ(r.error(), Errc::kInvalidV) << bad_v;
    }
}

TEST(Transaction, HighSSignatureIsRejectedOnRecovery) {
    Transaction t = sample_dynamic_fee();
    ASSERT_TRUE(sign_transaction(t, kDevKey0));
    // secp256k1 order n; s' = n - s is the other valid (high) form of the same signature.
    const Uint256 n = Uint256::from_hex(
        "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141").value();
    t.s = n - t.s;
    t.y_parity ^= 1;
    EXPECT_FALSE(recover_sender(t));
}

TEST(Transaction, BlobTransactionMustHaveRecipient) {
    Transaction t = sample_dynamic_fee();
    t.type = TxType::kBlob;
    t.max_fee_per_blob_gas = 1;
    t.blob_versioned_hashes.push_back(Hash256{});
    ASSERT_TRUE(sign_transaction(t, kDevKey0));
    auto ok = decode_transaction(encode_transaction(t));
    ASSERT_TRUE(ok);
    EXPECT_EQ(*ok, t);
    t.to.reset();
    auto bad = decode_transaction(encode_transaction(t));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error(), Errc::kBlobTxWithoutTo);
}

TEST(Transaction, TrailingBytesAfterEnvelopeAreRejected) {
    Transaction t = sample_dynamic_fee();
    ASSERT_TRUE(sign_transaction(t, kDevKey0));
    Bytes raw = encode_transaction(t);
    raw.push_back(0x00);
    EXPECT_FALSE(decode_transaction(raw));
}

}  // namespace
}  // namespace yao::chain
