// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "convert.hpp"

#include <string>
#include <utility>

#include <yao/chain/block.hpp>
#include <yao/common/keccak.hpp>
#include <yao/proto/errc.hpp>
#include <yao/proto/pb_convert.hpp>

namespace yao::archive::grpc {

using proto::bytes_of;
using proto::from_proto;
using proto::get_fixed;
using proto::get_u256;
using proto::indexed;
using proto::put_bytes;
using proto::put_u256;
using proto::to_proto;
using proto::within;

namespace {

/// A field that is an address or empty (nullopt).
Result<std::optional<Address>> get_optional_address(const std::string& s, std::string_view field) {
    if (s.empty()) return std::optional<Address>{};
    YAO_TRY(auto a, get_fixed<20>(s, field));
    return std::optional<Address>{a};
}

}  // namespace

void to_proto(const storage::StoredTransaction& in, v1::StoredTransaction* out) {
    to_proto(proto::SignedTx{in.txn, in.hash, in.sender, 0, {}}, out->mutable_tx());
    put_bytes(out->mutable_block_hash(), in.block_hash);
    out->set_block_num(in.block_num);
    out->set_index(in.index);
}

Result<storage::StoredTransaction> from_proto(const v1::StoredTransaction& in) {
    storage::StoredTransaction out;
    auto tx = from_proto(in.tx());
    if (!tx) return within("tx", tx.error());
    out.txn = std::move(tx->txn);
    out.hash = tx->hash;
    out.sender = tx->sender;
    YAO_TRY(out.block_hash, get_fixed<32>(in.block_hash(), "block_hash"));
    out.block_num = in.block_num();
    out.index = in.index();
    return out;
}

void to_proto(const storage::StoredBlock& in, v1::StoredBlock* out) {
    put_bytes(out->mutable_header_rlp(), chain::encode_header(in.header));
    put_bytes(out->mutable_hash(), in.hash);
    out->mutable_transaction_hashes()->Reserve(static_cast<int>(in.transaction_hashes.size()));
    for (const auto& h : in.transaction_hashes) put_bytes(out->add_transaction_hashes(), h);
    out->mutable_transactions()->Reserve(static_cast<int>(in.transactions.size()));
    for (const auto& t : in.transactions) to_proto(t, out->add_transactions());
}

Result<storage::StoredBlock> from_proto(const v1::StoredBlock& in) {
    storage::StoredBlock out;
    const BytesView rlp = bytes_of(in.header_rlp());
    auto header = chain::decode_header(rlp);
    if (!header) return fail(proto::Errc::kInvalidValue, "header_rlp: " + header.error().message());
    out.header = std::move(*header);
    YAO_TRY(out.hash, get_fixed<32>(in.hash(), "hash"));
    if (keccak256(rlp) != out.hash)
        return fail(proto::Errc::kHashMismatch, "hash: not keccak256 of header_rlp");
    out.transaction_hashes.reserve(static_cast<size_t>(in.transaction_hashes_size()));
    for (int i = 0; i < in.transaction_hashes_size(); ++i) {
        YAO_TRY(out.transaction_hashes.emplace_back(),
                get_fixed<32>(in.transaction_hashes(i), indexed("transaction_hashes", i)));
    }
    out.transactions.reserve(static_cast<size_t>(in.transactions_size()));
    for (int i = 0; i < in.transactions_size(); ++i) {
        auto t = from_proto(in.transactions(i));
        if (!t) return within(indexed("transactions", i), t.error());
        out.transactions.push_back(std::move(*t));
    }
    return out;
}

void to_proto(const storage::StoredReceipt& in, v1::StoredReceipt* out) {
    to_proto(in.receipt, out->mutable_receipt());
    put_bytes(out->mutable_transaction_hash(), in.transaction_hash);
    out->set_transaction_index(in.transaction_index);
    put_bytes(out->mutable_block_hash(), in.block_hash);
    out->set_block_num(in.block_num);
    put_bytes(out->mutable_from(), in.from);
    if (in.to) put_bytes(out->mutable_to(), *in.to);
    out->set_gas_used(in.gas_used);
    put_u256(out->mutable_effective_gas_price(), in.effective_gas_price);
    if (in.contract_address) put_bytes(out->mutable_contract_address(), *in.contract_address);
    out->set_first_log_index(in.first_log_index);
}

Result<storage::StoredReceipt> from_proto(const v1::StoredReceipt& in) {
    storage::StoredReceipt out;
    auto receipt = from_proto(in.receipt());
    if (!receipt) return within("receipt", receipt.error());
    out.receipt = std::move(*receipt);
    YAO_TRY(out.transaction_hash, get_fixed<32>(in.transaction_hash(), "transaction_hash"));
    out.transaction_index = in.transaction_index();
    YAO_TRY(out.block_hash, get_fixed<32>(in.block_hash(), "block_hash"));
    out.block_num = in.block_num();
    YAO_TRY(out.from, get_fixed<20>(in.from(), "from"));
    YAO_TRY(out.to, get_optional_address(in.to(), "to"));
    out.gas_used = in.gas_used();
    YAO_TRY(out.effective_gas_price, get_u256(in.effective_gas_price(), "effective_gas_price"));
    YAO_TRY(out.contract_address, get_optional_address(in.contract_address(), "contract_address"));
    out.first_log_index = in.first_log_index();
    return out;
}

void to_proto(const storage::StoredLog& in, v1::StoredLog* out) {
    to_proto(in.log, out->mutable_log());
    put_bytes(out->mutable_block_hash(), in.block_hash);
    out->set_block_num(in.block_num);
    put_bytes(out->mutable_transaction_hash(), in.transaction_hash);
    out->set_transaction_index(in.transaction_index);
    out->set_log_index(in.log_index);
    out->set_removed(in.removed);
}

Result<storage::StoredLog> from_proto(const v1::StoredLog& in) {
    storage::StoredLog out;
    auto log = from_proto(in.log());
    if (!log) return within("log", log.error());
    out.log = std::move(*log);
    YAO_TRY(out.block_hash, get_fixed<32>(in.block_hash(), "block_hash"));
    out.block_num = in.block_num();
    YAO_TRY(out.transaction_hash, get_fixed<32>(in.transaction_hash(), "transaction_hash"));
    out.transaction_index = in.transaction_index();
    out.log_index = in.log_index();
    out.removed = in.removed();
    return out;
}

void to_proto(const storage::LogFilter& in, v1::GetLogsRequest* out) {
    out->set_from_block(in.from_block);
    out->set_to_block(in.to_block);
    for (const auto& a : in.addresses) put_bytes(out->add_addresses(), a);
    for (const auto& position : in.topics) {
        auto* t = out->add_topics();
        for (const auto& h : position) put_bytes(t->add_hashes(), h);
    }
    out->set_limit(in.limit);
}

Result<storage::LogFilter> from_proto(const v1::GetLogsRequest& in) {
    storage::LogFilter out;
    out.from_block = in.from_block();
    out.to_block = in.to_block();
    out.addresses.reserve(static_cast<size_t>(in.addresses_size()));
    for (int i = 0; i < in.addresses_size(); ++i) {
        YAO_TRY(out.addresses.emplace_back(),
                get_fixed<20>(in.addresses(i), indexed("addresses", i)));
    }
    if (static_cast<size_t>(in.topics_size()) > out.topics.size()) {
        return fail(proto::Errc::kInvalidValue,
                    "topics: " + std::to_string(in.topics_size()) + " positions > 4");
    }
    for (int i = 0; i < in.topics_size(); ++i) {
        const auto& position = in.topics(i);
        auto& hashes = out.topics[static_cast<size_t>(i)];
        for (int k = 0; k < position.hashes_size(); ++k) {
            auto h = get_fixed<32>(position.hashes(k), indexed("hashes", k));
            if (!h) return within(indexed("topics", i), h.error());
            hashes.push_back(*h);
        }
    }
    out.limit = static_cast<size_t>(in.limit());
    return out;
}

void to_proto(const storage::AddressHistoryQuery& in, v1::GetAddressHistoryRequest* out) {
    put_bytes(out->mutable_address(), in.address);
    out->set_from_block(in.from_block);
    out->set_descending(in.descending);
    out->set_page_size(in.page_size);
}

Result<storage::AddressHistoryQuery> from_proto(const v1::GetAddressHistoryRequest& in) {
    storage::AddressHistoryQuery out;
    YAO_TRY(out.address, get_fixed<20>(in.address(), "address"));
    out.from_block = in.from_block();
    out.descending = in.descending();
    // Checked by the store, so that the error is the same in process and over the wire.
    out.page_size = static_cast<size_t>(in.page_size());
    return out;
}

void to_proto(const storage::AddressHistoryPage& in, v1::GetAddressHistoryReply* out) {
    out->mutable_transactions()->Reserve(static_cast<int>(in.transactions.size()));
    for (const auto& t : in.transactions) to_proto(t, out->add_transactions());
    out->mutable_receipts()->Reserve(static_cast<int>(in.receipts.size()));
    for (const auto& r : in.receipts) to_proto(r, out->add_receipts());
    out->mutable_headers()->Reserve(static_cast<int>(in.headers.size()));
    for (const auto& h : in.headers) to_proto(h, out->add_headers());
    out->set_exhausted(in.exhausted);
}

Result<storage::AddressHistoryPage> from_proto(const v1::GetAddressHistoryReply& in) {
    storage::AddressHistoryPage out;
    if (in.receipts_size() != in.transactions_size())
        return fail(proto::Errc::kInvalidValue,
                    "receipts: " + std::to_string(in.receipts_size()) + " for " +
                        std::to_string(in.transactions_size()) + " transactions");
    out.transactions.reserve(static_cast<size_t>(in.transactions_size()));
    for (int i = 0; i < in.transactions_size(); ++i) {
        auto t = from_proto(in.transactions(i));
        if (!t) return within(indexed("transactions", i), t.error());
        out.transactions.push_back(std::move(*t));
    }
    out.receipts.reserve(static_cast<size_t>(in.receipts_size()));
    for (int i = 0; i < in.receipts_size(); ++i) {
        auto r = from_proto(in.receipts(i));
        if (!r) return within(indexed("receipts", i), r.error());
        out.receipts.push_back(std::move(*r));
    }
    out.headers.reserve(static_cast<size_t>(in.headers_size()));
    for (int i = 0; i < in.headers_size(); ++i) {
        auto h = from_proto(in.headers(i));
        if (!h) return within(indexed("headers", i), h.error());
        out.headers.push_back(std::move(*h));
    }
    out.exhausted = in.exhausted();
    return out;
}

}  // namespace yao::archive::grpc
