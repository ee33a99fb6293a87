// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <yao/chain/transaction.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/secp256k1.hpp>

#include "eip712.hpp"
#include "eth_methods.hpp"
#include "json_codec.hpp"
#include "test_util/fake_session.hpp"
#include "test_util/test_backend.hpp"

namespace yao::rpc {
namespace {

/// The example of EIP-712 (assets/eip-712/Example.js), with its published results.
const Json kMail = Json::parse(R"({
  "types": {
    "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                     {"name": "chainId", "type": "uint256"},
                     {"name": "verifyingContract", "type": "address"}],
    "Person": [{"name": "name", "type": "string"}, {"name": "wallet", "type": "address"}],
    "Mail": [{"name": "from", "type": "Person"}, {"name": "to", "type": "Person"},
             {"name": "contents", "type": "string"}]
  },
  "primaryType": "Mail",
  "domain": {"name": "Ether Mail", "version": "1", "chainId": 1,
             "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
  "message": {
    "from": {"name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
    "to": {"name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},
    "contents": "Hello, Bob!"
  }
})");

std::string hex(const Hash256& h) { return to_hex(h.view()); }

TEST(Eip712, MailExampleEncodesAndHashesAsPublished) {
    EXPECT_EQ(eip712_encode_type(kMail["types"], "Mail").value(),
              "Mail(Person from,Person to,string contents)Person(string name,address wallet)");
    EXPECT_EQ(hex(eip712_hash_struct(kMail["types"], "EIP712Domain", kMail["domain"]).value()),
              "0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
    EXPECT_EQ(hex(eip712_hash_struct(kMail["types"], "Mail", kMail["message"]).value()),
              "0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e");
    EXPECT_EQ(hex(eip712_digest(kMail).value()),
              "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
}

TEST(Eip712, DomainTypeIsDerivedWhenAbsentAndErrorsAreReported) {
    Json mail = kMail;
    mail["types"].erase("EIP712Domain");
    EXPECT_EQ(hex(eip712_digest(mail).value()),
              "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
    mail["message"].erase("contents");
    EXPECT_FALSE(eip712_digest(mail).has_value());
    EXPECT_FALSE(eip712_encode_type(kMail["types"], "Nope").has_value());
}

TEST(Eip712, ArraysAndNestedStructsHashTheirMembers) {
    // Group(Person[] members,uint8[2] flags) hashes each array as keccak of its encoded members.
    Json types = kMail["types"];
    types["Group"] = Json::parse(
        R"([{"name": "members", "type": "Person[]"}, {"name": "flags", "type": "int8[2]"}])");
    const Json group = {{"members", {kMail["message"]["from"], kMail["message"]["to"]}},
                        {"flags", {-1, "0x7f"}}};
    const std::string type = "Group(Person[] members,int8[2] flags)Person(string name,address wallet)";
    EXPECT_EQ(eip712_encode_type(types, "Group").value(), type);
    Bytes members;
    for (const char* who : {"from", "to"}) {
        members.append(eip712_hash_struct(types, "Person", kMail["message"][who])->view());
    }
    Bytes flags;
    flags.append(Uint256::max().to_hash().view());  // -1 in two's complement
    flags.append(Uint256{0x7f}.to_hash().view());
    Bytes expected;
    expected.append(keccak256(as_bytes(type)).view());
    expected.append(keccak256(members).view());
    expected.append(keccak256(flags).view());
    EXPECT_EQ(eip712_hash_struct(types, "Group", group).value(), keccak256(expected));
}

class AccountMethodsTest : public ::testing::Test {
protected:
    void SetUp() override {
        register_eth_methods(table_, backend_, {});
        table_.add("eth_estimateGas", [this](const Json& p, Session&) -> MethodResult {
            estimates_.push_back(p);
            return "0x5208";
        });
        backend_.commit({});
        dev_ = backend_.accounts()[0].address;
    }
    MethodResult call(const std::string& m, Json params) {
        const Method* method = table_.find(m);
        if (method == nullptr) return rpc_error(kMethodNotFound, m);
        return (*method)(params, session_);
    }

    test::TestBackend backend_;
    MethodTable table_;
    test::FakeSession session_;
    std::vector<Json> estimates_;
    Address dev_;
};

TEST_F(AccountMethodsTest, AccountsListsTheDevKeys) {
    EXPECT_EQ(call("eth_accounts", Json::array()).value(),
              Json::array({"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"}));
}

TEST_F(AccountMethodsTest, SignTypedDataV4GivesThePublishedSignature) {
    backend_.add_account(keccak256(as_bytes("cow")));
    const std::string cow = "0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826";
    const std::string sig =
        "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"
        "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c";
    EXPECT_EQ(call("eth_signTypedData_v4", {cow, kMail}).value(), sig);
    EXPECT_EQ(call("eth_signTypedData_v4", {cow, kMail.dump()}).value(), sig);  // MetaMask form
    auto e = call("eth_signTypedData_v4", {"0x0000000000000000000000000000000000000001", kMail});
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().code, kServerError);
    EXPECT_EQ(e.error().message, "unknown account");
}

TEST_F(AccountMethodsTest, EthSignIsAnEip191SignatureOfTheAccount) {
    auto sig = call("eth_sign", {address_hex(dev_), "0x68656c6c6f"});  // "hello"
    ASSERT_TRUE(sig.has_value());
    auto bytes = from_hex(sig->get<std::string>()).value();
    ASSERT_EQ(bytes.size(), 65u);
    ASSERT_TRUE(bytes[64] == 27 || bytes[64] == 28);
    const Hash256 digest = keccak256(as_bytes("\x19" "Ethereum Signed Message:\n5hello"));
    Hash256 r, s;
    std::copy(bytes.begin(), bytes.begin() + 32, r.bytes.begin());
    std::copy(bytes.begin() + 32, bytes.begin() + 64, s.bytes.begin());
    EXPECT_EQ(recover_address(digest, r, s, static_cast<uint8_t>(bytes[64] - 27)).value(), dev_);
}

TEST_F(AccountMethodsTest, SendTransactionFillsNonceFeesAndGasThenSigns) {
    const Json args = {{"from", address_hex(dev_)},
                       {"to", "0x0000000000000000000000000000000000000002"},
                       {"value", "0x3e8"}};
    auto hash = call("eth_sendTransaction", {args});
    ASSERT_TRUE(hash.has_value()) << hash.error().message;
    auto sent = backend_.sent();
    ASSERT_EQ(sent.size(), 1u);
    const chain::Transaction& t = sent[0].txn;
    EXPECT_EQ(*hash, hex(chain::transaction_hash(t)));
    EXPECT_EQ(t.type, chain::TxType::kDynamicFee);
    EXPECT_EQ(t.chain_id, 31337u);
    EXPECT_EQ(t.nonce, 0u);
    EXPECT_EQ(t.gas_limit, 21'000u);  // from eth_estimateGas
    EXPECT_EQ(t.max_priority_fee_per_gas, Uint256{1'000'000});  // no tips yet: the default
    EXPECT_EQ(t.max_fee_per_gas, Uint256{2'001'000'000});       // 2 * base fee + tip
    EXPECT_EQ(t.value, Uint256{1000});
    EXPECT_EQ(chain::recover_sender(t).value(), dev_);
    ASSERT_EQ(estimates_.size(), 1u);
    EXPECT_EQ(estimates_[0][0]["from"], address_hex(dev_));

    // The next one takes the pending nonce; a gasPrice makes it legacy; gas given: no estimate.
    Json legacy = args;
    legacy["gasPrice"] = "0x3b9aca00";
    legacy["gas"] = "0x7530";
    ASSERT_TRUE(call("eth_sendTransaction", {legacy}).has_value());
    sent = backend_.sent();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[1].txn.type, chain::TxType::kLegacy);
    EXPECT_EQ(sent[1].txn.nonce, 1u);
    EXPECT_EQ(sent[1].txn.gas_limit, 30'000u);
    EXPECT_EQ(sent[1].txn.v(), Uint256{uint64_t{31337 * 2 + 35} + sent[1].txn.y_parity});
    EXPECT_EQ(estimates_.size(), 1u);

    Json both = legacy;
    both["maxFeePerGas"] = "0x1";
    auto e = call("eth_sendTransaction", {both});
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().message,
              "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");
    Json wrong_chain = args;
    wrong_chain["chainId"] = "0x1";
    e = call("eth_sendTransaction", {wrong_chain});
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().message, "chainId does not match node's (have=1, want=31337)");
    Json stranger = args;
    stranger["from"] = "0x0000000000000000000000000000000000000009";
    e = call("eth_sendTransaction", {stranger});
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().message, "unknown account");
}

TEST_F(AccountMethodsTest, SignTransactionReturnsRawAndTheDecodedTransaction) {
    const Json args = {{"from", address_hex(dev_)},
                       {"to", "0x0000000000000000000000000000000000000002"},
                       {"gas", "0x5208"},
                       {"nonce", "0x7"}};
    auto r = call("eth_signTransaction", {args});
    ASSERT_TRUE(r.has_value()) << r.error().message;
    auto raw = from_hex((*r)["raw"].get<std::string>()).value();
    auto txn = chain::decode_transaction(raw).value();
    EXPECT_EQ(chain::recover_sender(txn).value(), dev_);
    EXPECT_EQ(txn.nonce, 7u);
    EXPECT_EQ((*r)["tx"]["hash"], hex(chain::transaction_hash(txn)));
    EXPECT_EQ((*r)["tx"]["blockHash"], nullptr);
    EXPECT_TRUE(backend_.sent().empty());
}

TEST_F(AccountMethodsTest, AnAuthorizationListMakesASetCodeTransaction) {
    // An authorization by Hardhat #1 (its published key and address), chain 1, nonce 1.
    chain::Authorization a;
    a.chain_id = Uint256{1};
    a.address = address_from_hex("0x095e7baea6a6c7c4c2dfeb977efac326af552d87").value();
    a.nonce = 1;
    ASSERT_TRUE(chain::sign_authorization(
        a, hash_from_hex("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d")
               .value()));
    const Json auth = {{"chainId", "0x1"},
                       {"address", address_hex(a.address)},
                       {"nonce", "0x1"},
                       {"yParity", quantity(uint64_t{a.y_parity})},
                       {"r", quantity(a.r)},
                       {"s", quantity(a.s)}};
    const Json args = {{"from", address_hex(dev_)},
                       {"to", "0x0000000000000000000000000000000000000002"},
                       {"gas", "0x186a0"},
                       {"nonce", "0x7"},
                       {"authorizationList", Json::array({auth})}};
    auto r = call("eth_signTransaction", {args});
    ASSERT_TRUE(r.has_value()) << r.error().message;
    auto txn = chain::decode_transaction(from_hex((*r)["raw"].get<std::string>()).value()).value();
    EXPECT_EQ(txn.type, chain::TxType::kSetCode);
    ASSERT_EQ(txn.authorization_list.size(), 1u);
    EXPECT_EQ(txn.authorization_list[0], a);
    EXPECT_EQ(chain::recover_authority(txn.authorization_list[0]).value(),
              address_from_hex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8").value());
    EXPECT_EQ((*r)["tx"]["authorizationList"][0]["r"], auth["r"]);
    Json legacy = args;
    legacy["gasPrice"] = "0x3b9aca00";
    EXPECT_EQ(call("eth_signTransaction", {legacy}).error().code, kInvalidParams);
}

TEST_F(AccountMethodsTest, TransactionRequestsAcceptLeadingZerosAndAnswerCanonically) {
    const Json canonical = {{"from", address_hex(dev_)},
                            {"to", "0x0000000000000000000000000000000000000002"},
                            {"gas", "0x5208"},
                            {"nonce", "0x7"},
                            {"value", "0x3e8"},
                            {"maxFeePerGas", "0x3b9aca00"},
                            {"maxPriorityFeePerGas", "0x1"}};
    Json padded = canonical;
    padded["gas"] = "0x005208";
    padded["nonce"] = "0x07";
    padded["value"] = "0x03E8";
    padded["maxFeePerGas"] = "0X003B9ACA00";
    padded["maxPriorityFeePerGas"] = "0x0001";
    auto want = call("eth_signTransaction", {canonical});
    auto got = call("eth_signTransaction", {padded});
    ASSERT_TRUE(want.has_value()) << want.error().message;
    ASSERT_TRUE(got.has_value()) << got.error().message;
    EXPECT_EQ((*got)["raw"], (*want)["raw"]);  // the same transaction, signed the same
    EXPECT_EQ((*got)["tx"]["nonce"], "0x7");   // and answered in canonical form
    EXPECT_EQ((*got)["tx"]["value"], "0x3e8");
    EXPECT_EQ((*got)["tx"]["gas"], "0x5208");
    for (const char* key : {"gas", "nonce", "value", "maxFeePerGas"}) {
        for (const std::string bad : {"0x", "0xz", "-0x1", "12"}) {
            Json b = canonical;
            b[key] = bad;
            auto e = call("eth_signTransaction", {b});
            ASSERT_FALSE(e.has_value()) << key << " " << bad;
            EXPECT_EQ(e.error().code, kInvalidParams) << key << " " << bad;
        }
    }
    Json wide = canonical;
    wide["nonce"] = "0x1" + std::string(16, '0');
    EXPECT_EQ(call("eth_signTransaction", {wide}).error().code, kInvalidParams);
    wide = canonical;
    wide["value"] = "0x1" + std::string(64, '0');
    EXPECT_EQ(call("eth_signTransaction", {wide}).error().code, kInvalidParams);
}

TEST_F(AccountMethodsTest, FillTransactionFillsAnyAccountsTransactionUnsigned) {
    const std::string from = "0x0000000000000000000000000000000000000001";
    const std::string to = "0x0000000000000000000000000000000000000002";
    // Type 2: 0x02 || rlp([chainId 31337, nonce 7, tip 1, fee cap 2 gwei, gas 21000, to, value 1,
    // data, [], 0, 0, 0]), a 40-byte payload, written out by hand.
    auto r = call("eth_fillTransaction",
                  {{{"from", from}, {"to", to}, {"value", "0x1"}, {"gas", "0x5208"},
                    {"nonce", "0x7"}, {"maxFeePerGas", "0x77359400"},
                    {"maxPriorityFeePerGas", "0x1"}}});
    ASSERT_TRUE(r.has_value()) << r.error().message;
    const std::string raw = "0x02e8827a69070184773594008252089" + std::string{"4"} + to.substr(2) +
                            "0180c0808080";
    EXPECT_EQ((*r)["raw"], raw);
    const Json& tx = (*r)["tx"];
    EXPECT_EQ(tx["hash"], hex(keccak256(from_hex(raw).value())));
    EXPECT_EQ(tx["from"], from);
    EXPECT_EQ(tx["type"], "0x2");
    EXPECT_EQ(tx["nonce"], "0x7");
    EXPECT_EQ(tx["chainId"], "0x7a69");
    EXPECT_EQ(tx["v"], "0x0");
    EXPECT_EQ(tx["r"], "0x0");
    EXPECT_TRUE(tx["blockHash"].is_null());
    EXPECT_TRUE(estimates_.empty());

    // Legacy, with the gas estimated and the pending nonce (0): rlp([0, 1 gwei, 21000, to, 0, "",
    // 0, 0, 0]) without a chain id, as geth builds an unsigned legacy transaction.
    r = call("eth_fillTransaction", {{{"from", from}, {"to", to}, {"gasPrice", "0x3b9aca00"}}});
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ((*r)["raw"], "0xe380843b9aca0082520894" + to.substr(2) + "8080808080");
    EXPECT_EQ((*r)["tx"]["v"], "0x0");
    EXPECT_FALSE((*r)["tx"].contains("chainId"));
    ASSERT_EQ(estimates_.size(), 1u);
    EXPECT_EQ(estimates_[0][0]["from"], from);

    auto e = call("eth_fillTransaction", {"0x12"});
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().code, kInvalidParams);
}

}  // namespace
}  // namespace yao::rpc
