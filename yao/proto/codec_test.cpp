// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include <yao/chain/transaction.hpp>
#include <yao/common/hex.hpp>
#include <yao/common/keccak.hpp>
#include <yao/proto/codec.hpp>
#include <yao/proto/errc.hpp>

namespace yao::proto {
namespace {

// Hardhat / Anvil development account 0 (a public test key).
const Hash256 kKey0 =
    hash_from_hex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80").value();
const Address kAddr0 = address_from_hex("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266").value();
const Address kAddr1 = address_from_hex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8").value();

Hash256 filled(uint8_t b) {
    Hash256 h;
    h.bytes.fill(b);
    return h;
}

Address filled_address(uint8_t b) {
    Address a;
    a.bytes.fill(b);
    return a;
}

SignedTx sign(chain::Transaction t) {
    EXPECT_TRUE(chain::sign_transaction(t, kKey0));
    SignedTx s;
    s.hash = chain::transaction_hash(t);
    s.sender = chain::recover_sender(t).value();
    s.received_unix_ns = 1'700'000'000'123'456'789ULL;
    s.txn = std::move(t);
    return s;
}

SignedTx legacy_tx(uint64_t nonce) {
    chain::Transaction t;
    t.type = chain::TxType::kLegacy;
    t.chain_id = 31337;
    t.nonce = nonce;
    t.gas_price = 2'000'000'000;
    t.gas_limit = 21'000;
    t.to = kAddr1;
    t.value = Uint256::from_dec("1000000000000000000").value();
    return sign(std::move(t));
}

SignedTx access_list_tx(uint64_t nonce) {
    chain::Transaction t;
    t.type = chain::TxType::kAccessList;
    t.chain_id = 31337;
    t.nonce = nonce;
    t.gas_price = 3'000'000'000;
    t.gas_limit = 60'000;
    t.to = filled_address(0x42);
    t.data = Bytes{0xa9, 0x05, 0x9c, 0xbb, 0x00, 0x01};
    t.access_list = {{filled_address(0x42), {filled(1), filled(2)}}, {kAddr1, {}}};
    return sign(std::move(t));
}

SignedTx dynamic_fee_create_tx(uint64_t nonce) {
    chain::Transaction t;
    t.type = chain::TxType::kDynamicFee;
    t.chain_id = 31337;
    t.nonce = nonce;
    t.max_priority_fee_per_gas = 1'000'000'000;
    t.max_fee_per_gas = Uint256::from_dec("30000000000").value();
    t.gas_limit = 500'000;
    t.to = std::nullopt;  // contract creation
    t.data = Bytes{0x60, 0x80, 0x60, 0x40, 0x52, 0x00};
    return sign(std::move(t));
}

std::vector<SignedTx> all_types() {
    return {legacy_tx(0), access_list_tx(1), dynamic_fee_create_tx(2)};
}

DroppedTx dropped_tx() {
    return DroppedTx{filled(0xdd), kAddr1, 9, "nonce too low"};
}

Proposal sample_proposal() {
    Proposal p;
    p.number = 1234;
    p.epoch = 7;
    p.timestamp = 1'750'000'000;
    p.prev_randao = filled(0x5a);
    p.coinbase = filled_address(0xcb);
    p.gas_limit = 30'000'000;
    p.base_fee = Uint256::from_dec("875000000").value();
    p.txs = all_types();
    return p;
}

ExecutionResult sample_result() {
    ExecutionResult r;
    r.proposal = sample_proposal();
    for (uint32_t i = 0; i < 3; ++i) {
        ExecutedTx e;
        e.tx_index = i;
        e.receipt.type = r.proposal.txs[i].txn.type;
        e.receipt.success = i != 1;
        e.receipt.cumulative_gas_used = 21'000ULL * (i + 1);
        e.receipt.logs_bloom[3] = 0x80;
        if (i == 1) {
            e.receipt.logs.push_back(
                {filled_address(0x42), {filled(0xe1), filled(0xe2)}, Bytes{1, 2, 3, 4}});
            e.receipt.logs.push_back({filled_address(0x43), {}, Bytes{}});
        }
        e.gas_used = 21'000;
        e.effective_gas_price = 1'875'000'000;
        if (i == 2) e.contract_address = filled_address(0xcc);
        r.txs.push_back(e);
    }
    r.dropped = {dropped_tx()};
    r.gas_used = 63'000;
    r.logs_bloom[0] = 0x01;
    r.logs_bloom[255] = 0xff;
    r.transactions_root = filled(0x71);
    r.receipts_root = filled(0x72);
    r.diff.accounts = {
        {kAddr0, state::Account{3, Uint256::from_dec("99").value(), state::kEmptyCodeHash}},
        {filled_address(0xcc), std::nullopt}};
    r.diff.storage = {{filled_address(0x42), filled(1), filled(0x99)},
                      {filled_address(0x42), filled(2), Hash256{}}};
    r.diff.code = {{keccak256(Bytes{0x00}), Bytes{0x00}}};
    r.coinbase_fee = Uint256::max();  // all 32 bytes significant
    r.reads.accounts = {{kAddr0, 1233}, {kAddr1, 0}};
    r.reads.storage = {{{filled_address(0x42), filled(1)}, 1200}};
    r.block_hash_reads = {{1233, filled(0xbb)}, {1, Hash256{}}};
    r.speculated_on = {{1232, filled(0xcd)}};
    r.history_reads = {{4242, filled(0x2e)}};
    r.executor = "vulcan-0/worker-3";
    return r;
}

HeadUpdate sample_head() {
    HeadUpdate h;
    h.number = 1234;
    h.hash = filled(0xab);
    h.state_root = filled(0x5e);
    h.timestamp = 1'750'000'000;
    h.accounts = {kAddr0, kAddr1};
    h.storage = {{filled_address(0x42), filled(1)}};
    h.sender_nonces = {{kAddr0, 3}, {kAddr1, 10}};
    h.included = {filled(0x01), filled(0x02)};
    h.dropped = {dropped_tx()};
    h.reexecuted = true;
    h.result_digest = filled(0xd1);
    return h;
}

// A minimal protobuf wire writer, independent of the codec, to build inputs by hand.
struct Wire {
    Bytes out;
    Wire& varint(uint64_t v) {
        while (v >= 0x80) {
            out.push_back(static_cast<uint8_t>(v | 0x80));
            v >>= 7;
        }
        out.push_back(static_cast<uint8_t>(v));
        return *this;
    }
    Wire& u64(int field, uint64_t v) { return varint(static_cast<uint64_t>(field) << 3).varint(v); }
    Wire& bytes(int field, BytesView v) {
        varint((static_cast<uint64_t>(field) << 3) | 2).varint(v.size());
        out += v;
        return *this;
    }
};

// ---- round trips ---------------------------------------------------------------------------

TEST(Codec, SignedTransactionsOfEveryTypeHaveTheExpectedHashAndSender) {
    for (const auto& s : all_types()) {
        EXPECT_EQ(s.sender, kAddr0);
        EXPECT_EQ(s.hash, keccak256(chain::encode_transaction(s.txn)));
    }
}

TEST(Codec, TxBatchRoundTripsAllTransactionTypes) {
    TxBatch b{all_types()};
    const Bytes bytes = encode(b);
    auto back = decode_tx_batch(bytes);
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_EQ(*back, b);
    ASSERT_EQ(back->txs.size(), 3u);
    EXPECT_EQ(back->txs[1].txn.access_list.size(), 2u);
    EXPECT_FALSE(back->txs[2].txn.to);
}

TEST(Codec, EmptyTxBatchIsEmptyBytesAndRoundTrips) {
    EXPECT_TRUE(encode(TxBatch{}).empty());
    auto back = decode_tx_batch({});
    ASSERT_TRUE(back);
    EXPECT_TRUE(back->txs.empty());
}

TEST(Codec, ProposalRoundTrips) {
    const Proposal p = sample_proposal();
    auto back = decode_proposal(encode(p));
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_EQ(*back, p);
}

TEST(Codec, ProposalWithAStatePatchRoundTripsAndABadPatchIsRefused) {
    Proposal p = sample_proposal();
    p.patch.accounts.push_back({filled_address(0x01), Uint256{7}, 3, Bytes{0x00}, {}});
    p.patch.unsigned_txs.push_back(Hash256{});
    auto back = decode_proposal(encode(p));
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_EQ(*back, p);
    // Field 9 (wire type 2) holding an RLP list that is not a patch: [[], [], []].
    Bytes wire = encode(sample_proposal());
    wire += Bytes{0x4a, 0x04, 0xc3, 0xc0, 0xc0, 0xc0};
    auto bad = decode_proposal(wire);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message().find("patch: "), std::string::npos) << bad.error().message();
}

TEST(Codec, ExecutionResultRoundTrips) {
    const ExecutionResult r = sample_result();
    auto back = decode_execution_result(encode(r));
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_EQ(*back, r);
    EXPECT_EQ(back->coinbase_fee, Uint256::max());
    EXPECT_FALSE(back->diff.accounts[1].account);
    EXPECT_EQ(back->txs[2].contract_address, filled_address(0xcc));
    EXPECT_FALSE(back->txs[0].contract_address);
}

TEST(Codec, HeadUpdateRoundTrips) {
    HeadUpdate h = sample_head();
    auto back = decode_head_update(encode(h));
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_EQ(*back, h);
    // An Archive that sends no digest (field 11 absent) is read as "unknown".
    h.result_digest.reset();
    back = decode_head_update(encode(h));
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_EQ(back->result_digest, std::nullopt);
    Wire short_digest;
    short_digest.bytes(2, filled(1)).bytes(3, filled(2)).bytes(11, Bytes(31, 0xd1));
    back = decode_head_update(short_digest.out);
    ASSERT_FALSE(back);
    EXPECT_EQ(back.error().context(), "HeadUpdate.result_digest: want 32 bytes, got 31");
}

// The wire form, written out by hand: field numbers from messages.proto, uint256 minimal
// big-endian (256 -> 01 00), fixed-size hashes and addresses.
TEST(Codec, ProposalWireBytesMatchHandEncoding) {
    Proposal p;
    p.number = 1;
    p.coinbase = filled_address(0x11);
    p.gas_limit = 30'000'000;
    p.base_fee = 256;
    Bytes want = {0x08, 0x01, 0x22, 0x20};
    want += Bytes(32, 0x00);
    want += Bytes{0x2a, 0x14};
    want += Bytes(20, 0x11);
    want += Bytes{0x30, 0x80, 0x87, 0xa7, 0x0e, 0x3a, 0x02, 0x01, 0x00};
    EXPECT_EQ(to_hex(encode(p)), to_hex(want));
    auto back = decode_proposal(want);
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_EQ(*back, p);
}

TEST(Codec, Uint256WithLeadingZeroBytesIsAccepted) {
    Wire w;
    w.bytes(4, filled(0)).bytes(5, filled_address(0));
    const Bytes fee = Bytes(31, 0x00) + Bytes{0x07};
    w.bytes(7, fee);
    auto p = decode_proposal(w.out);
    ASSERT_TRUE(p) << p.error().message();
    EXPECT_EQ(p->base_fee, 7);
}

// ---- rejections ----------------------------------------------------------------------------

TEST(Codec, TruncatedBytesAreMalformed) {
    const Bytes bytes = encode(sample_result());
    auto r = decode_execution_result(BytesView{bytes}.substr(0, bytes.size() - 1));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kMalformed);
    EXPECT_EQ(r.error().context(), "ExecutionResult: not a valid protobuf message");
    // Cut inside the first transaction of the proposal.
    auto r2 = decode_execution_result(BytesView{bytes}.substr(0, 60));
    ASSERT_FALSE(r2);
    EXPECT_EQ(r2.error(), Errc::kMalformed);
}

TEST(Codec, GarbageBytesAreMalformed) {
    const Bytes garbage = {0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x02};
    EXPECT_EQ(decode_tx_batch(garbage).error(), Errc::kMalformed);
    EXPECT_EQ(decode_proposal(garbage).error(), Errc::kMalformed);
    EXPECT_EQ(decode_execution_result(garbage).error(), Errc::kMalformed);
    EXPECT_EQ(decode_head_update(garbage).error(), Errc::kMalformed);
}

TEST(Codec, WrongHashLengthIsRejectedNamingTheField) {
    Wire w;
    w.bytes(2, Bytes(31, 0xab));  // HeadUpdate.hash
    auto r = decode_head_update(w.out);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kWrongLength);
    EXPECT_EQ(r.error().context(), "HeadUpdate.hash: want 32 bytes, got 31");

    Wire dropped;
    dropped.bytes(1, Bytes(33, 0x01)).bytes(2, filled_address(1));
    Wire head;
    head.bytes(2, filled(1)).bytes(3, filled(2)).bytes(9, dropped.out);
    auto r2 = decode_head_update(head.out);
    ASSERT_FALSE(r2);
    EXPECT_EQ(r2.error(), Errc::kWrongLength);
    EXPECT_EQ(r2.error().context(), "HeadUpdate.dropped[0].hash: want 32 bytes, got 33");
}

TEST(Codec, WrongAddressLengthIsRejected) {
    Wire w;
    w.bytes(2, filled(1)).bytes(3, filled(2)).bytes(5, Bytes(19, 0x01));
    auto r = decode_head_update(w.out);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kWrongLength);
    EXPECT_EQ(r.error().context(), "HeadUpdate.accounts[0]: want 20 bytes, got 19");
}

TEST(Codec, Uint256OverThirtyTwoBytesIsRejected) {
    Wire w;
    w.bytes(4, filled(0)).bytes(5, filled_address(0)).bytes(7, Bytes(33, 0x01));
    auto r = decode_proposal(w.out);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kNumberTooLarge);
    EXPECT_EQ(r.error().context(), "Proposal.base_fee: 33 bytes, at most 32");
}

TEST(Codec, TamperedTransactionHashIsRejected) {
    TxBatch b{all_types()};
    Bytes bytes = encode(b);
    const Hash256 h = b.txs[1].hash;
    auto it = std::search(bytes.begin(), bytes.end(), h.bytes.begin(), h.bytes.end());
    ASSERT_NE(it, bytes.end());
    it[31] ^= 0x01;
    auto r = decode_tx_batch(bytes);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kHashMismatch);
    EXPECT_EQ(r.error().context(), "TxBatch.txs[1].hash: not keccak256 of the raw transaction");
}

TEST(Codec, TamperedRawTransactionIsRejected) {
    TxBatch b{{legacy_tx(0)}};
    Bytes bytes = encode(b);
    // The value (1 ether = 0x0de0b6b3a7640000) sits inside the raw bytes; change one byte of it.
    const Bytes ether = {0x0d, 0xe0, 0xb6, 0xb3, 0xa7, 0x64};
    auto it = std::search(bytes.begin(), bytes.end(), ether.begin(), ether.end());
    ASSERT_NE(it, bytes.end());
    it[1] ^= 0x01;
    auto r = decode_tx_batch(bytes);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kHashMismatch);
}

TEST(Codec, UndecodableTransactionIsRejected) {
    Wire tx;
    tx.bytes(1, Bytes{0x05, 0xc0}).bytes(2, filled(0)).bytes(3, filled_address(0));  // type 5
    Wire batch;
    batch.bytes(1, tx.out);
    auto r = decode_tx_batch(batch.out);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Errc::kInvalidTransaction);
    EXPECT_TRUE(r.error().context().starts_with("TxBatch.txs[0].raw: ")) << r.error().context();

    Wire empty_tx;
    empty_tx.bytes(2, filled(0)).bytes(3, filled_address(0));
    Wire batch2;
    batch2.bytes(1, empty_tx.out);
    EXPECT_EQ(decode_tx_batch(batch2.out).error(), Errc::kInvalidTransaction);
}

TEST(Codec, ExecutedTxIndexOutsideTheProposalIsRejected) {
    ExecutionResult r = sample_result();
    r.txs[2].tx_index = 3;  // the proposal has 3 transactions
    auto back = decode_execution_result(encode(r));
    ASSERT_FALSE(back);
    EXPECT_EQ(back.error(), Errc::kInvalidValue);
    EXPECT_TRUE(back.error().context().starts_with("ExecutionResult.txs[2].tx_index: 3"))
        << back.error().context();
}

TEST(Codec, LogWithFiveTopicsIsRejected) {
    ExecutionResult r = sample_result();
    r.txs[1].receipt.logs[0].topics.assign(5, filled(0x01));
    auto back = decode_execution_result(encode(r));
    ASSERT_FALSE(back);
    EXPECT_EQ(back.error(), Errc::kInvalidValue);
    EXPECT_EQ(back.error().context(), "ExecutionResult.txs[1].receipt.logs[0].topics: 5 > 4");
}

TEST(Codec, ReceiptTypeOutOfRangeIsRejected) {
    Wire receipt;
    receipt.u64(1, 5).bytes(4, Bytes(256, 0));
    Wire executed;
    executed.bytes(2, receipt.out);
    const Bytes proposal = encode(sample_proposal());
    Wire result;
    result.bytes(1, proposal).bytes(2, executed.out);
    auto back = decode_execution_result(result.out);
    ASSERT_FALSE(back);
    EXPECT_EQ(back.error(), Errc::kInvalidValue);
    EXPECT_EQ(back.error().context(), "ExecutionResult.txs[0].receipt.type: 5 is not 0..4");
}

TEST(Codec, DuplicateReadSetKeyIsRejected) {
    Wire read;
    read.bytes(1, kAddr0).u64(2, 5);
    Wire reads;
    reads.bytes(1, read.out).bytes(1, read.out);
    Wire result;
    result.bytes(1, encode(sample_proposal()))
        .bytes(5, Bytes(256, 0))
        .bytes(6, filled(0))
        .bytes(7, filled(0))
        .bytes(10, reads.out);
    auto back = decode_execution_result(result.out);
    ASSERT_FALSE(back);
    EXPECT_EQ(back.error(), Errc::kInvalidValue);
    EXPECT_EQ(back.error().context(), "ExecutionResult.reads.accounts[1]: duplicate address");
}

TEST(Codec, ErrorsPrintWithTheProtoCategory) {
    EXPECT_EQ(Error(Errc::kHashMismatch, "x").message(), "proto.hash_mismatch: x");
}

}  // namespace
}  // namespace yao::proto
