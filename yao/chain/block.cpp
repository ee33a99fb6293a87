// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "block.hpp"

#include <string>

#include <yao/common/assert.hpp>
#include <yao/common/keccak.hpp>

#include "errc.hpp"
#include "rlp_codec.hpp"
#include "trie.hpp"

namespace yao::chain {
namespace {

// Base fee, withdrawals root, blob gas used, excess blob gas, parent beacon root and Prague's
// requests hash come after the 15 fields of a pre-London header.
constexpr size_t kMaxHeaderFields = 21;

Result<BlockHeader> read_header(rlp::Reader& outer) {
    YAO_TRY(rlp::Reader r, outer.read_list());
    BlockHeader h;
    YAO_TRY(h.parent_hash, r.read_fixed<32>());
    YAO_TRY(h.ommers_hash, r.read_fixed<32>());
    YAO_TRY(h.coinbase, r.read_fixed<20>());
    YAO_TRY(h.state_root, r.read_fixed<32>());
    YAO_TRY(h.transactions_root, r.read_fixed<32>());
    YAO_TRY(h.receipts_root, r.read_fixed<32>());
    YAO_TRY(h.logs_bloom, r.read_fixed<256>());
    YAO_TRY(h.difficulty, rlp::read_uint256(r));
    YAO_TRY(h.number, r.read_u64());
    YAO_TRY(h.gas_limit, r.read_u64());
    YAO_TRY(h.gas_used, r.read_u64());
    YAO_TRY(h.timestamp, r.read_u64());
    YAO_TRY(BytesView extra, r.read_string());
    h.extra_data.assign(extra);
    YAO_TRY(h.prev_randao, r.read_fixed<32>());
    YAO_TRY(h.nonce, r.read_fixed<8>());
    if (!r.at_end()) {
        YAO_TRY(h.base_fee_per_gas, rlp::read_uint256(r));
    }
    if (!r.at_end()) {
        YAO_TRY(h.withdrawals_root, r.read_fixed<32>());
    }
    if (!r.at_end()) {
        YAO_TRY(h.blob_gas_used, r.read_u64());
    }
    if (!r.at_end()) {
        YAO_TRY(h.excess_blob_gas, r.read_u64());
    }
    if (!r.at_end()) {
        YAO_TRY(h.parent_beacon_block_root, r.read_fixed<32>());
    }
    if (!r.at_end()) {
        YAO_TRY(h.requests_hash, r.read_fixed<32>());
    }
    if (!r.at_end())
        return fail(Errc::kUnsupportedHeaderFields,
                    "more than " + std::to_string(kMaxHeaderFields) + " fields");
    return h;
}

void encode_withdrawal(Bytes& out, const Withdrawal& w) {
    Bytes payload;
    rlp::encode_uint(payload, w.index);
    rlp::encode_uint(payload, w.validator_index);
    rlp::encode_string(payload, w.address.view());
    rlp::encode_uint(payload, w.amount_gwei);
    rlp::encode_list(out, payload);
}

}  // namespace

Bytes encode_header(const BlockHeader& h) {
    // Each optional field requires all earlier ones (they were added fork by fork).
    YAO_ASSERT(!h.withdrawals_root || h.base_fee_per_gas);
    YAO_ASSERT(!h.blob_gas_used || h.withdrawals_root);
    YAO_ASSERT(!h.excess_blob_gas || h.blob_gas_used);
    YAO_ASSERT(!h.parent_beacon_block_root || h.excess_blob_gas);
    YAO_ASSERT(!h.requests_hash || h.parent_beacon_block_root);

    Bytes p;
    p.reserve(600);
    rlp::encode_string(p, h.parent_hash.view());
    rlp::encode_string(p, h.ommers_hash.view());
    rlp::encode_string(p, h.coinbase.view());
    rlp::encode_string(p, h.state_root.view());
    rlp::encode_string(p, h.transactions_root.view());
    rlp::encode_string(p, h.receipts_root.view());
    rlp::encode_string(p, h.logs_bloom.view());
    rlp::encode_uint(p, h.difficulty);
    rlp::encode_uint(p, h.number);
    rlp::encode_uint(p, h.gas_limit);
    rlp::encode_uint(p, h.gas_used);
    rlp::encode_uint(p, h.timestamp);
    rlp::encode_string(p, h.extra_data);
    rlp::encode_string(p, h.prev_randao.view());
    rlp::encode_string(p, h.nonce.view());
    if (h.base_fee_per_gas) rlp::encode_uint(p, *h.base_fee_per_gas);
    if (h.withdrawals_root) rlp::encode_string(p, h.withdrawals_root->view());
    if (h.blob_gas_used) rlp::encode_uint(p, *h.blob_gas_used);
    if (h.excess_blob_gas) rlp::encode_uint(p, *h.excess_blob_gas);
    if (h.parent_beacon_block_root) rlp::encode_string(p, h.parent_beacon_block_root->view());
    if (h.requests_hash) rlp::encode_string(p, h.requests_hash->view());
    Bytes out;
    rlp::encode_list(out, p);
    return out;
}

Result<BlockHeader> decode_header(BytesView encoded) {
    if (encoded.empty()) return fail(Errc::kEmptyInput, "header");
    rlp::Reader r{encoded};
    YAO_TRY(BlockHeader h, read_header(r));
    YAO_TRY_VOID(r.expect_end());
    return h;
}

Hash256 header_hash(const BlockHeader& header) { return keccak256(encode_header(header)); }

Bytes encode_block(const Block& block) {
    Bytes p = encode_header(block.header);
    Bytes txs;
    for (const Transaction& t : block.transactions) encode_transaction_in_block(txs, t);
    rlp::encode_list(p, txs);
    Bytes ommers;
    for (const BlockHeader& o : block.ommers) ommers += encode_header(o);
    rlp::encode_list(p, ommers);
    if (block.withdrawals) {
        Bytes ws;
        for (const Withdrawal& w : *block.withdrawals) encode_withdrawal(ws, w);
        rlp::encode_list(p, ws);
    }
    Bytes out;
    rlp::encode_list(out, p);
    return out;
}

Result<Block> decode_block(BytesView encoded) {
    if (encoded.empty()) return fail(Errc::kEmptyInput, "block");
    YAO_TRY(rlp::Item item, rlp::decode_exactly_one(encoded));
    if (!item.is_list) return fail(Errc::kNotAnEnvelope, "block must be an RLP list");
    rlp::Reader r{item.payload};
    Block block;
    YAO_TRY(block.header, read_header(r));

    YAO_TRY(rlp::Reader txs, r.read_list());
    while (!txs.at_end()) {
        YAO_TRY(rlp::Item t, txs.read_item());
        // A legacy transaction is embedded as its list; a typed one as a string of its envelope.
        YAO_TRY(Transaction txn, decode_transaction(t.is_list ? t.encoded : t.payload));
        if (!t.is_list && txn.type == TxType::kLegacy)
            return fail(Errc::kNotAnEnvelope, "legacy transaction wrapped in a string");
        block.transactions.push_back(std::move(txn));
    }
    YAO_TRY(rlp::Reader ommers, r.read_list());
    while (!ommers.at_end()) {
        YAO_TRY(BlockHeader o, read_header(ommers));
        block.ommers.push_back(std::move(o));
    }
    if (!r.at_end()) {
        YAO_TRY(rlp::Reader ws, r.read_list());
        block.withdrawals.emplace();
        while (!ws.at_end()) {
            YAO_TRY(rlp::Reader wr, ws.read_list());
            Withdrawal w;
            YAO_TRY(w.index, wr.read_u64());
            YAO_TRY(w.validator_index, wr.read_u64());
            YAO_TRY(w.address, wr.read_fixed<20>());
            YAO_TRY(w.amount_gwei, wr.read_u64());
            YAO_TRY_VOID(wr.expect_end());
            block.withdrawals->push_back(w);
        }
    }
    YAO_TRY_VOID(r.expect_end());
    return block;
}

Hash256 transactions_root(std::span<const Transaction> transactions) {
    std::vector<Bytes> encoded;
    encoded.reserve(transactions.size());
    for (const Transaction& t : transactions) encoded.push_back(encode_transaction(t));
    return ordered_trie_root(encoded);
}

Hash256 withdrawals_root(std::span<const Withdrawal> withdrawals) {
    std::vector<Bytes> encoded;
    encoded.reserve(withdrawals.size());
    for (const Withdrawal& w : withdrawals) {
        Bytes e;
        encode_withdrawal(e, w);
        encoded.push_back(std::move(e));
    }
    return ordered_trie_root(encoded);
}

}  // namespace yao::chain
