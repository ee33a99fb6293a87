// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// debug_getRaw* and the other execution-apis getters added with them (eth_getHeaderBy*,
// eth_baseFee, eth_capabilities, eth_getBlockAccessList, the refused methods), over blocks that
// ExecTestBackend executed and stored.
#include <gtest/gtest.h>

#include <string>

#include <yao/chain/block.hpp>
#include <yao/chain/transaction.hpp>
#include <yao/chain/trie.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/common/rlp.hpp>

#include "eth_methods.hpp"
#include "test_util/exec_backend.hpp"

namespace yao::rpc {
namespace {

using test_util::ExecTestBackend;
using test_util::hex;
using test_util::NullSession;

// execution-apis src/debug/getters.yaml, the debug_getRawTransaction example: a legacy EIP-155
// transaction of chain 1337 (v = 0x0a95). (The example's request hash, 0x3a2fd1a5…, is not the
// keccak256 of these bytes: the transaction is looked up by its own hash.)
const std::string kSpecRawTx =
    "0xf8678084342770c182520894658bdf435d810c91414ec09147daa6db624063798203e880820a95a0af5fc351b9e"
    "457a31f37c84e5cd99dd3c5de60af3de33c6f4160177a2c786a60a0201da7a21046af55837330a2c52fc1543cd4d9"
    "ead00ddf178dd96935b607ff9b";

// The receipts of block 1 (a legacy and a type-2 transfer, 21000 gas each, no logs) written out
// by hand: rlp([status 1, cumulative gas, 256-byte bloom, []]) = f9 0108 01 82xxxx b9 0100 <256
// zero bytes> c0, the second prefixed by its type 0x02 (EIP-2718).
const std::string kZeroBloom = "b90100" + std::string(512, '0');
const std::string kReceipt0 = "0xf90108" + std::string{"01825208"} + kZeroBloom + "c0";
const std::string kReceipt1 = "0x02f90108" + std::string{"0182a410"} + kZeroBloom + "c0";

Address addr(uint8_t last) {
    Address a;
    a[0] = 0x22;
    a[19] = last;
    return a;
}
const Address kRich = addr(0xaa);

chain::Transaction spec_tx() { return *chain::decode_transaction(hex(kSpecRawTx.substr(2))); }
Address spec_sender() { return *chain::recover_sender(spec_tx()); }

state::MemoryStateView genesis() {
    state::MemoryStateView g;
    const Uint256 ether = Uint256{1'000'000'000'000'000'000ULL};
    g.set_account(spec_sender(), {0, ether, state::kEmptyCodeHash});
    g.set_account(kRich, {0, ether, state::kEmptyCodeHash});
    return g;
}

class RawMethodsTest : public ::testing::Test {
protected:
    RawMethodsTest() : backend_{genesis()} {
        chain::Transaction transfer;
        transfer.type = chain::TxType::kDynamicFee;
        transfer.chain_id = ExecTestBackend::kChainId;
        transfer.max_fee_per_gas = Uint256{100};
        transfer.gas_limit = 21'000;
        transfer.to = addr(0x01);
        transfer.value = Uint256{5};
        typed_ = transfer;
        backend_.mine({{spec_tx(), spec_sender()}, {transfer, kRich}});  // block 1
        backend_.mine(std::vector<std::pair<chain::Transaction, Address>>{});  // block 2
        EXPECT_EQ(backend_.head_number(), 2u) << backend_.last_error_;
        register_raw_methods(table_, backend_);
        register_chain_methods(table_, backend_, {});
        register_node_methods(table_, backend_, {});
    }

    MethodResult call(const std::string& method, Json params) {
        const Method* m = table_.find(method);
        EXPECT_NE(m, nullptr) << method;
        return (*m)(params, session_);
    }
    Json ok(const std::string& method, Json params) {
        auto r = call(method, std::move(params));
        EXPECT_TRUE(r) << method << ": " << (r ? "" : r.error().message);
        return r.value_or(Json{});
    }
    RpcError err(const std::string& method, Json params) {
        auto r = call(method, std::move(params));
        EXPECT_FALSE(r) << method << " answered " << (r ? r->dump() : "");
        return r ? RpcError{} : r.error();
    }
    storage::StoredBlock stored(uint64_t n) { return **backend_.blocks().header_by_number(n); }

    ExecTestBackend backend_;
    chain::Transaction typed_;
    MethodTable table_;
    NullSession session_;
};

TEST_F(RawMethodsTest, RawTransactionIsTheSpecsBytes) {
    const std::string spec_hash = to_hex(keccak256(hex(kSpecRawTx.substr(2))).view());
    EXPECT_EQ(ok("debug_getRawTransaction", {spec_hash}), kSpecRawTx);
    const std::string typed_hash = to_hex(chain::transaction_hash(typed_).view());
    EXPECT_EQ(ok("debug_getRawTransaction", {typed_hash}),
              "0x" + to_hex(chain::encode_transaction(typed_), false));
    EXPECT_TRUE(ok("debug_getRawTransaction", {"0x" + std::string(64, '1')}).is_null());
    EXPECT_EQ(err("debug_getRawTransaction", {"0x12"}).code, kInvalidParams);
    EXPECT_EQ(err("debug_getRawTransaction", Json::array()).code, kInvalidParams);
}

TEST_F(RawMethodsTest, RawReceiptsAreTheTypedEncodingsOfTheReceiptsRoot) {
    const Json raw = ok("debug_getRawReceipts", {"0x1"});
    ASSERT_EQ(raw, Json::array({kReceipt0, kReceipt1}));
    // The values of the receipts trie: their root is the block's receiptsRoot.
    std::vector<Bytes> values{hex(kReceipt0.substr(2)), hex(kReceipt1.substr(2))};
    EXPECT_EQ(chain::ordered_trie_root(values), stored(1).header.receipts_root);
    EXPECT_EQ(ok("debug_getRawReceipts", {"0x2"}), Json::array());
    EXPECT_EQ(ok("debug_getRawReceipts", {to_hex(stored(1).hash.view())}), raw);
    EXPECT_EQ(ok("debug_getRawReceipts", {Json{{"blockNumber", "0x1"}}}), raw);
}

TEST_F(RawMethodsTest, RawHeaderHashesToTheBlockHash) {
    const storage::StoredBlock b = stored(1);
    const Json raw = ok("debug_getRawHeader", {"0x1"});
    ASSERT_TRUE(raw.is_string());
    const Bytes bytes = hex(raw.get<std::string>().substr(2));
    EXPECT_EQ(keccak256(bytes), b.hash);
    auto header = chain::decode_header(bytes);
    ASSERT_TRUE(header) << header.error().message();
    EXPECT_EQ(header->number, 1u);
    EXPECT_EQ(header->gas_used, 42'000u);
    EXPECT_EQ(header->gas_limit, 30'000'000u);
    EXPECT_EQ(header->timestamp, 1'700'000'002u);
    EXPECT_EQ(header->base_fee_per_gas, Uint256{7});
    EXPECT_EQ(header->parent_hash, stored(0).hash);
    // The same header by hash, by EIP-1898 object; "latest" is block 2.
    EXPECT_EQ(ok("debug_getRawHeader", {to_hex(b.hash.view())}), raw);
    EXPECT_EQ(ok("debug_getRawHeader", {Json{{"blockHash", to_hex(b.hash.view())}}}), raw);
    EXPECT_EQ(keccak256(hex(ok("debug_getRawHeader", {"latest"}).get<std::string>().substr(2))),
              stored(2).hash);
}

TEST_F(RawMethodsTest, RawBlockIsHeaderTransactionsOmmersAndWithdrawals) {
    const std::string header = ok("debug_getRawHeader", {"0x1"}).get<std::string>().substr(2);
    // rlp([header, [legacy tx as a list, typed tx as a string], [], []]).
    Bytes txs;
    txs += hex(kSpecRawTx.substr(2));
    rlp::encode_string(txs, chain::encode_transaction(typed_));
    Bytes body = hex(header);
    rlp::encode_list(body, txs);
    body += Bytes{0xc0, 0xc0};
    Bytes expected;
    rlp::encode_list(expected, body);
    const Json raw = ok("debug_getRawBlock", {"0x1"});
    EXPECT_EQ(raw, "0x" + to_hex(expected, false));
    // An empty block: the same with an empty transaction list.
    const std::string header2 = ok("debug_getRawHeader", {"0x2"}).get<std::string>().substr(2);
    Bytes body2 = hex(header2);
    body2 += Bytes{0xc0, 0xc0, 0xc0};
    Bytes expected2;
    rlp::encode_list(expected2, body2);
    EXPECT_EQ(ok("debug_getRawBlock", {"latest"}), "0x" + to_hex(expected2, false));
}

TEST_F(RawMethodsTest, UnknownBlocksAreErrorsAndBadBlocksAreNone) {
    RpcError e = err("debug_getRawHeader", {"0x9"});
    EXPECT_EQ(e.code, kServerError);
    EXPECT_EQ(e.message, "header #9 not found");
    const std::string unknown = "0x" + std::string(64, 'a');
    EXPECT_EQ(err("debug_getRawHeader", {unknown}).message, "header " + unknown + " not found");
    EXPECT_EQ(err("debug_getRawBlock", {"0x9"}).message, "block #9 not found");
    EXPECT_EQ(err("debug_getRawReceipts", {unknown}).message, "block " + unknown + " not found");
    EXPECT_EQ(err("debug_getRawBlock", {"0xzz"}).code, kInvalidParams);
    EXPECT_EQ(err("debug_getRawBlock", Json::array()).code, kInvalidParams);

    EXPECT_EQ(ok("debug_getBadBlocks", Json::array()), Json::array());
    EXPECT_EQ(err("debug_getBadBlocks", {"0x1"}).code, kInvalidParams);
}

TEST_F(RawMethodsTest, HeadersBaseFeeCapabilitiesAndAccessLists) {
    const storage::StoredBlock b = stored(1);
    const Json header = ok("eth_getHeaderByNumber", {"0x1"});
    EXPECT_EQ(header["hash"], "0x" + to_hex(b.hash.view(), false));
    EXPECT_EQ(header["number"], "0x1");
    EXPECT_EQ(header["gasUsed"], "0xa410");
    EXPECT_EQ(header["baseFeePerGas"], "0x7");
    EXPECT_FALSE(header.contains("transactions"));
    EXPECT_FALSE(header.contains("size"));
    EXPECT_EQ(ok("eth_getHeaderByHash", {header["hash"]}), header);
    EXPECT_TRUE(ok("eth_getHeaderByNumber", {"pending"}).is_null());  // the spec: no pending
    EXPECT_TRUE(ok("eth_getHeaderByNumber", {"0x9"}).is_null());
    EXPECT_TRUE(ok("eth_getHeaderByHash", {"0x" + std::string(64, 'b')}).is_null());
    EXPECT_EQ(ok("eth_getHeaderByNumber", {"latest"})["number"], "0x2");

    EXPECT_EQ(ok("eth_baseFee", Json::array()), "0x7");

    const Json caps = ok("eth_capabilities", Json::array());
    EXPECT_EQ(caps["head"], (Json{{"number", "0x2"}, {"hash", "0x" + to_hex(stored(2).hash.view(), false)}}));
    for (const char* k : {"state", "tx", "logs", "receipts", "blocks"})
        EXPECT_EQ(caps[k], (Json{{"disabled", false}, {"oldestBlock", "0x0"}})) << k;
    EXPECT_EQ(caps["stateproofs"], (Json{{"disabled", true}}));

    RpcError e = err("eth_getBlockAccessList", {"0x1"});
    EXPECT_EQ(e.code, kResourceNotFound);
    EXPECT_TRUE(ok("eth_getBlockAccessList", {"0x9"}).is_null());
    EXPECT_TRUE(ok("eth_getBlockAccessList", {"pending"}).is_null());
}

TEST_F(RawMethodsTest, MethodsThisChainCannotServeSayWhy) {
    for (const char* m : {"eth_getProof", "debug_executionWitness", "debug_setHead",
                          "eth_getWork", "eth_submitWork", "eth_submitHashrate"}) {
        RpcError e = err(m, Json::array());
        EXPECT_EQ(e.code, kMethodNotFound) << m;
        EXPECT_TRUE(e.message.starts_with(std::string{m} + " is not supported: ")) << e.message;
    }
    EXPECT_EQ(err("debug_setHead", {"0x1"}).message,
              "debug_setHead is not supported: committed blocks are final and are never rewound");
}

}  // namespace
}  // namespace yao::rpc
