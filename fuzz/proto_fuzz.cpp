// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
// The bus payload codec (yao/proto): every decoder takes any bytes without crashing, and what
// it accepts survives a second round trip unchanged (encode(decode(encode(m))) == encode(m)).
#include <cstddef>
#include <cstdint>

#include <yao/common/assert.hpp>
#include <yao/proto/codec.hpp>

namespace {

template <typename Decode>
void round_trip(yao::BytesView input, Decode decode) {
    auto first = decode(input);
    if (!first) return;
    const yao::Bytes encoded = yao::proto::encode(*first);
    auto second = decode(encoded);
    YAO_ASSERT(second.has_value());
    YAO_ASSERT(yao::proto::encode(*second) == encoded);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    // The first byte picks the message type, the rest is the payload.
    const yao::BytesView payload{data + 1, size - 1};
    switch (data[0] % 4) {
        case 0: round_trip(payload, yao::proto::decode_tx_batch); break;
        case 1: round_trip(payload, yao::proto::decode_proposal); break;
        case 2: round_trip(payload, yao::proto::decode_execution_result); break;
        default: round_trip(payload, yao::proto::decode_head_update); break;
    }
    return 0;
}
