// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "receipt.hpp"

#include <string>

#include <yao/common/keccak.hpp>

#include "errc.hpp"
#include "rlp_codec.hpp"

namespace yao::chain {

void bloom_add(Bloom& bloom, BytesView item) noexcept {
    const Hash256 h = keccak256(item);
    for (size_t i = 0; i < 6; i += 2) {
        const unsigned bit = ((unsigned{h[i]} << 8) | h[i + 1]) & 2047u;
        // Bit 0 is the least significant bit of the last byte (the bloom is a big-endian number).
        bloom[Bloom::size() - 1 - bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
    }
}

Bloom logs_bloom(std::span<const Log> logs) noexcept {
    Bloom bloom;
    for (const Log& log : logs) {
        bloom_add(bloom, log.address.view());
        for (const Hash256& topic : log.topics) bloom_add(bloom, topic.view());
    }
    return bloom;
}

void bloom_merge(Bloom& bloom, const Bloom& other) noexcept {
    for (size_t i = 0; i < Bloom::size(); ++i) bloom[i] |= other[i];
}

void encode_log(Bytes& out, const Log& log) {
    Bytes payload;
    rlp::encode_string(payload, log.address.view());
    rlp::encode_hash_list(payload, log.topics);
    rlp::encode_string(payload, log.data);
    rlp::encode_list(out, payload);
}

Bytes encode_receipt(const Receipt& receipt) {
    Bytes payload;
    rlp::encode_uint(payload, receipt.success ? uint64_t{1} : uint64_t{0});
    rlp::encode_uint(payload, receipt.cumulative_gas_used);
    rlp::encode_string(payload, receipt.logs_bloom.view());
    Bytes logs;
    for (const Log& log : receipt.logs) encode_log(logs, log);
    rlp::encode_list(payload, logs);

    Bytes out;
    if (receipt.type != TxType::kLegacy) out.push_back(static_cast<uint8_t>(receipt.type));
    rlp::encode_list(out, payload);
    return out;
}

Result<Receipt> decode_receipt(BytesView encoded) {
    if (encoded.empty()) return fail(Errc::kEmptyInput, "receipt");
    Receipt receipt;
    if (encoded[0] < 0xc0) {
        if (encoded[0] < 1 || encoded[0] > 3)
            return fail(Errc::kUnsupportedTxType, "receipt type " + std::to_string(encoded[0]));
        receipt.type = static_cast<TxType>(encoded[0]);
        encoded.remove_prefix(1);
    }
    YAO_TRY(rlp::Item item, rlp::decode_exactly_one(encoded));
    if (!item.is_list) return fail(Errc::kNotAnEnvelope, "receipt payload must be a list");
    rlp::Reader r{item.payload};
    YAO_TRY(uint64_t status, r.read_u64());
    if (status > 1) return fail(Errc::kInvalidReceiptStatus, "status " + std::to_string(status));
    receipt.success = status == 1;
    YAO_TRY(receipt.cumulative_gas_used, r.read_u64());
    YAO_TRY(receipt.logs_bloom, r.read_fixed<256>());
    YAO_TRY(rlp::Reader logs, r.read_list());
    while (!logs.at_end()) {
        YAO_TRY(rlp::Reader lr, logs.read_list());
        Log log;
        YAO_TRY(log.address, lr.read_fixed<20>());
        YAO_TRY(log.topics, rlp::read_hash_list(lr));
        YAO_TRY(BytesView data, lr.read_string());
        log.data.assign(data);
        YAO_TRY_VOID(lr.expect_end());
        receipt.logs.push_back(std::move(log));
    }
    YAO_TRY_VOID(r.expect_end());
    return receipt;
}

}  // namespace yao::chain
