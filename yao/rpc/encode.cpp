// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "encode.hpp"

#include <algorithm>

#include <yao/chain/rlp_codec.hpp>
#include <yao/common/hex.hpp>

#include "json_codec.hpp"

namespace yao::rpc {
namespace {

Json access_list_json(const chain::AccessList& list) {
    Json out = Json::array();
    for (const auto& e : list) {
        Json keys = Json::array();
        for (const auto& k : e.storage_keys) keys.push_back(hash_hex(k));
        out.push_back({{"address", address_hex(e.address)}, {"storageKeys", std::move(keys)}});
    }
    return out;
}

}  // namespace

Json header_json(const chain::BlockHeader& h, const Hash256& hash) {
    Json j = {
        {"number", quantity(h.number)},
        {"hash", hash_hex(hash)},
        {"parentHash", hash_hex(h.parent_hash)},
        {"nonce", data_hex(h.nonce.view())},
        {"mixHash", hash_hex(h.prev_randao)},
        {"sha3Uncles", hash_hex(h.ommers_hash)},
        {"logsBloom", data_hex(h.logs_bloom.view())},
        {"stateRoot", hash_hex(h.state_root)},
        {"miner", address_hex(h.coinbase)},
        {"difficulty", quantity(h.difficulty)},
        {"extraData", data_hex(h.extra_data)},
        {"gasLimit", quantity(h.gas_limit)},
        {"gasUsed", quantity(h.gas_used)},
        {"timestamp", quantity(h.timestamp)},
        {"transactionsRoot", hash_hex(h.transactions_root)},
        {"receiptsRoot", hash_hex(h.receipts_root)},
    };
    if (h.base_fee_per_gas) j["baseFeePerGas"] = quantity(*h.base_fee_per_gas);
    if (h.withdrawals_root) j["withdrawalsRoot"] = hash_hex(*h.withdrawals_root);
    if (h.blob_gas_used) j["blobGasUsed"] = quantity(*h.blob_gas_used);
    if (h.excess_blob_gas) j["excessBlobGas"] = quantity(*h.excess_blob_gas);
    if (h.parent_beacon_block_root) {
        j["parentBeaconBlockRoot"] = hash_hex(*h.parent_beacon_block_root);
    }
    if (h.requests_hash) j["requestsHash"] = hash_hex(*h.requests_hash);
    return j;
}

Bytes unsigned_transaction_bytes(const chain::Transaction& txn) {
    if (txn.type != chain::TxType::kLegacy) {
        chain::Transaction t = txn;
        t.y_parity = 0;
        t.r = t.s = Uint256{};
        return chain::encode_transaction(t);
    }
    Bytes payload;
    rlp::encode_uint(payload, txn.nonce);
    rlp::encode_uint(payload, txn.gas_price);
    rlp::encode_uint(payload, txn.gas_limit);
    rlp::encode_string(payload, txn.to ? txn.to->view() : BytesView{});
    rlp::encode_uint(payload, txn.value);
    rlp::encode_string(payload, txn.data);
    for (int i = 0; i < 3; ++i) rlp::encode_uint(payload, uint64_t{0});  // v, r, s
    Bytes out;
    rlp::encode_list(out, payload);
    return out;
}

chain::Block consensus_block(const storage::StoredBlock& block) {
    chain::Block b;
    b.header = block.header;
    b.transactions.reserve(block.transactions.size());
    for (const auto& t : block.transactions) b.transactions.push_back(t.txn);
    if (block.header.withdrawals_root) b.withdrawals.emplace();
    return b;
}

uint64_t block_size(const storage::StoredBlock& block) {
    return chain::encode_block(consensus_block(block)).size();
}

Json block_json(const storage::StoredBlock& block, bool full_transactions) {
    Json j = header_json(block.header, block.hash);
    j["size"] = quantity(block_size(block));
    // Post-merge difficulty is 0, so the total difficulty of every block is 0 too.
    j["totalDifficulty"] = "0x0";
    j["uncles"] = Json::array();
    if (block.header.withdrawals_root) j["withdrawals"] = Json::array();
    Json txs = Json::array();
    if (full_transactions) {
        for (const auto& t : block.transactions) {
            txs.push_back(transaction_json(t, block.header.base_fee_per_gas));
        }
    } else if (!block.transactions.empty()) {
        for (const auto& t : block.transactions) txs.push_back(hash_hex(t.hash));
    } else {
        for (const auto& h : block.transaction_hashes) txs.push_back(hash_hex(h));
    }
    j["transactions"] = std::move(txs);
    return j;
}

Json transaction_json(const chain::Transaction& txn, const Hash256& hash, const Address& from,
                      const std::optional<TxPosition>& position) {
    Json j = {
        {"hash", hash_hex(hash)},
        {"from", address_hex(from)},
        {"nonce", quantity(txn.nonce)},
        {"gas", quantity(txn.gas_limit)},
        {"to", txn.to ? Json(address_hex(*txn.to)) : Json(nullptr)},
        {"value", quantity(txn.value)},
        {"input", data_hex(txn.data)},
        {"type", quantity(static_cast<uint64_t>(txn.type))},
        {"v", quantity(txn.v())},
        {"r", quantity(txn.r)},
        {"s", quantity(txn.s)},
    };
    if (position) {
        j["blockHash"] = hash_hex(position->block_hash);
        j["blockNumber"] = quantity(position->block_num);
        j["transactionIndex"] = quantity(uint64_t{position->index});
    } else {
        j["blockHash"] = nullptr;
        j["blockNumber"] = nullptr;
        j["transactionIndex"] = nullptr;
    }
    switch (txn.type) {
        case chain::TxType::kLegacy:
            j["gasPrice"] = quantity(txn.gas_price);
            if (txn.chain_id) j["chainId"] = quantity(*txn.chain_id);
            return j;
        case chain::TxType::kAccessList:
            j["gasPrice"] = quantity(txn.gas_price);
            break;
        case chain::TxType::kDynamicFee:
        case chain::TxType::kBlob:
        case chain::TxType::kSetCode: {
            j["maxFeePerGas"] = quantity(txn.max_fee_per_gas);
            j["maxPriorityFeePerGas"] = quantity(txn.max_priority_fee_per_gas);
            // geth: the price actually paid once mined, the fee cap while pending.
            Uint256 price = txn.max_fee_per_gas;
            if (position && position->base_fee) {
                const Uint256 tip_cap = *position->base_fee + txn.max_priority_fee_per_gas;
                price = std::min(tip_cap, txn.max_fee_per_gas);
            }
            j["gasPrice"] = quantity(price);
            if (txn.type == chain::TxType::kBlob) {
                j["maxFeePerBlobGas"] = quantity(txn.max_fee_per_blob_gas);
                Json hashes = Json::array();
                for (const auto& h : txn.blob_versioned_hashes) hashes.push_back(hash_hex(h));
                j["blobVersionedHashes"] = std::move(hashes);
            }
            if (txn.type == chain::TxType::kSetCode) {
                Json auths = Json::array();
                for (const chain::Authorization& a : txn.authorization_list)
                    auths.push_back(Json{{"chainId", quantity(a.chain_id)},
                                         {"address", address_hex(a.address)},
                                         {"nonce", quantity(a.nonce)},
                                         {"yParity", quantity(uint64_t{a.y_parity})},
                                         {"r", quantity(a.r)},
                                         {"s", quantity(a.s)}});
                j["authorizationList"] = std::move(auths);
            }
            break;
        }
    }
    j["accessList"] = access_list_json(txn.access_list);
    j["chainId"] = quantity(txn.chain_id.value_or(0));
    j["yParity"] = quantity(uint64_t{txn.y_parity});
    return j;
}

Json transaction_json(const storage::StoredTransaction& t, const std::optional<Uint256>& base_fee) {
    return transaction_json(t.txn, t.hash, t.sender,
                            TxPosition{t.block_hash, t.block_num, t.index, base_fee});
}

Json log_json(const storage::StoredLog& l) {
    Json topics = Json::array();
    for (const auto& t : l.log.topics) topics.push_back(hash_hex(t));
    return {
        {"address", address_hex(l.log.address)},
        {"topics", std::move(topics)},
        {"data", data_hex(l.log.data)},
        {"blockNumber", quantity(l.block_num)},
        {"transactionHash", hash_hex(l.transaction_hash)},
        {"transactionIndex", quantity(uint64_t{l.transaction_index})},
        {"blockHash", hash_hex(l.block_hash)},
        {"logIndex", quantity(uint64_t{l.log_index})},
        {"removed", l.removed},
    };
}

Json receipt_json(const storage::StoredReceipt& r) {
    Json logs = Json::array();
    for (size_t i = 0; i < r.receipt.logs.size(); ++i) {
        storage::StoredLog l{r.receipt.logs[i],  r.block_hash,        r.block_num,
                             r.transaction_hash, r.transaction_index,
                             static_cast<uint32_t>(r.first_log_index + i), false};
        logs.push_back(log_json(l));
    }
    return {
        {"blockHash", hash_hex(r.block_hash)},
        {"blockNumber", quantity(r.block_num)},
        {"transactionHash", hash_hex(r.transaction_hash)},
        {"transactionIndex", quantity(uint64_t{r.transaction_index})},
        {"from", address_hex(r.from)},
        {"to", r.to ? Json(address_hex(*r.to)) : Json(nullptr)},
        {"gasUsed", quantity(r.gas_used)},
        {"cumulativeGasUsed", quantity(r.receipt.cumulative_gas_used)},
        {"contractAddress",
         r.contract_address ? Json(address_hex(*r.contract_address)) : Json(nullptr)},
        {"logs", std::move(logs)},
        {"logsBloom", data_hex(r.receipt.logs_bloom.view())},
        {"type", quantity(static_cast<uint64_t>(r.receipt.type))},
        {"effectiveGasPrice", quantity(r.effective_gas_price)},
        {"status", r.receipt.success ? "0x1" : "0x0"},
    };
}

}  // namespace yao::rpc
